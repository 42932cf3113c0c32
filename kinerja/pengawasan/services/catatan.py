"""Inspektorat's notes on an anomaly or a sampled report: core's CatatanAudit (the only thing Inspektorat writes),
linked by its `objek` ("pengawasan.anomali:<id>" or "laporan.laporanharian:<id>")."""

from __future__ import annotations

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.core.models import CatatanAudit, Peran
from kinerja.core.roles import has_role
from kinerja.core.services import catatan_audit_create
from kinerja.laporan.models import LaporanHarian
from kinerja.pengawasan.models import Anomali


def objek_valid(actor, objek: str) -> bool:
    jenis, _, pk = (objek or "").partition(":")
    if not pk.isdigit():
        return False
    if jenis == "pengawasan.anomali":
        return Anomali.objects.filter(pk=int(pk), instansi_id=actor.instansi_id).exists()
    if jenis == "laporan.laporanharian":
        return LaporanHarian.objects.filter(pk=int(pk), instansi_id=actor.instansi_id).exists()
    return False


def catatan_inspektorat_create(*, actor, objek: str, judul: str, isi: str) -> CatatanAudit:
    """An Inspektorat note on an anomaly or a report of its instansi (core checks the role and the fields)."""
    if not has_role(actor, Peran.INSPEKTORAT) or not objek_valid(actor, objek):
        raise NotFound(MSG_NOT_FOUND)
    return catatan_audit_create(actor=actor, judul=judul, isi=isi, objek=objek)
