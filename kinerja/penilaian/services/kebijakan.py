"""Writes of the instansi's evaluation policy and of the predikat organisasi (both audited)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import MSG_NOT_FOUND, Forbidden, NotFound, validation_error_detail
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.penilaian import rules
from kinerja.penilaian import selectors as sel
from kinerja.penilaian.models import KebijakanPenilaian, PredikatOrganisasiUnit
from kinerja.penilaian.services._base import MSG_PERIKSA, fail
from kinerja.perencanaan.models import PeriodeKinerja, StatusPeriode

MSG_ADMIN = "Hanya admin BKPSDM yang dapat mengubah kebijakan penilaian."
MSG_AMBANG = "Ambang Di Atas Ekspektasi harus lebih besar dari ambang Sesuai Ekspektasi."
MSG_PREDIKAT_ORG_OLEH = ("Predikat organisasi ditetapkan oleh pimpinan satu tingkat di atas unit ini (atau pimpinan "
                         "daerah untuk OPD).")
MSG_PREDIKAT_ORG_SKALA = "Pilih predikat organisasi: Istimewa, Baik, Butuh Perbaikan, Kurang, atau Sangat Kurang."
MSG_PERIODE_TUTUP = "Periode ini sudah ditutup; predikat organisasinya tidak dapat diubah."

FIELDS = ("aturan_tahunan", "rumus_capaian", "ambang_di_atas", "ambang_sesuai", "berlaku_kurva", "kurva",
          "pembulatan_maksimal", "pembulatan_minimal", "batas_keberatan_hari", "min_respon_360", "moderasi_semua")


@transaction.atomic
def kebijakan_penilaian_simpan(*, actor, **fields) -> KebijakanPenilaian:
    if not has_role(actor, Peran.ADMIN_BKPSDM) or actor.instansi_id is None:
        raise Forbidden(MSG_ADMIN)
    obj = (KebijakanPenilaian.objects.select_for_update().filter(instansi_id=actor.instansi_id).first()
           or KebijakanPenilaian(instansi_id=actor.instansi_id))
    errors: dict[str, list[str]] = {}
    for name in FIELDS:
        if name in fields:
            setattr(obj, name, fields[name])
    for name in ("ambang_di_atas", "ambang_sesuai"):
        try:
            setattr(obj, name, Decimal(str(getattr(obj, name))))
        except (InvalidOperation, ValueError):
            errors[name] = ["Masukkan angka."]
    if obj.kurva in (None, ""):
        obj.kurva = {}
    if obj.kurva:
        try:
            rules.curve_from_data(obj.kurva)
        except ValueError as exc:
            errors["kurva"] = [str(exc)]
    if not errors and obj.ambang_di_atas <= obj.ambang_sesuai:
        errors["ambang_di_atas"] = [MSG_AMBANG]
    if not errors:
        try:
            obj.full_clean(exclude=["instansi"])
        except ValidationError as exc:
            errors.update(validation_error_detail(exc))
    if errors:
        fail(MSG_PERIKSA, errors)
    with audit_actor(actor):
        obj.save()
    sel.kebijakan_forget()
    return obj


@transaction.atomic
def predikat_organisasi_tetapkan(*, actor, periode: PeriodeKinerja, unit, predikat: str, catatan: str = ""
                                 ) -> PredikatOrganisasiUnit:
    """Set the predikat of an OPD/unit for a period (§1.7 Tahap 1) — by the leader one level up."""
    if periode.instansi_id != actor.instansi_id or unit.instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    if not sel.boleh_tetapkan_predikat_org(actor, unit):
        raise Forbidden(MSG_PREDIKAT_ORG_OLEH)
    if periode.status == StatusPeriode.DITUTUP:
        fail(MSG_PERIODE_TUTUP)
    try:
        value = rules.PredikatOrganisasi(str(predikat))
    except ValueError:
        fail(MSG_PERIKSA, {"predikat": [MSG_PREDIKAT_ORG_SKALA]})
    with audit_actor(actor):
        obj, _ = PredikatOrganisasiUnit.objects.update_or_create(
            periode=periode, unit_kerja=unit,
            defaults={"instansi_id": actor.instansi_id, "predikat": value.value,
                      "catatan": (catatan or "").strip()[:2000], "ditetapkan_oleh": actor})
    return obj
