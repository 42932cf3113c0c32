"""The instansi's reporting policy (admin BKPSDM) and the atasan's unlock of an old date for a subordinate."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import (
    MSG_NOT_FOUND,
    ApplicationError,
    Forbidden,
    NotFound,
    validation_error_detail,
)
from kinerja.core.services import notifikasi_create
from kinerja.laporan import rules, selectors
from kinerja.laporan.models import BukaKunciLaporan, KebijakanLaporan
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai

KEBIJAKAN_FIELDS = ("batas_mundur_hari_kerja", "batas_jam_harian", "jam_pengingat", "pengingat_email",
                    "batas_hari_tinjauan", "maks_ukuran_bukti_mb", "maks_bukti_per_laporan")


@transaction.atomic
def kebijakan_laporan_update(*, actor, **fields) -> KebijakanLaporan:
    """Admin BKPSDM sets the instansi's reporting policy (audited)."""
    scope = scope_for(actor)
    if not scope.master_write or actor.instansi_id is None:
        raise Forbidden(rules.MSG_KEBIJAKAN_ADMIN)
    unknown = set(fields) - set(KEBIJAKAN_FIELDS)
    if unknown:
        raise ApplicationError("Kolom tidak dikenal: " + ", ".join(sorted(unknown)))
    obj = (KebijakanLaporan.objects.select_for_update().filter(instansi_id=actor.instansi_id).first()
           or KebijakanLaporan(instansi_id=actor.instansi_id))
    for key, value in fields.items():
        setattr(obj, key, value)
    try:
        obj.full_clean(exclude=["instansi"])
    except ValidationError as exc:
        detail = validation_error_detail(exc)
        raise ApplicationError(next(iter(detail.values()))[0], detail=detail) from exc
    with audit_actor(actor):
        obj.save()
    transaction.on_commit(selectors.kebijakan_forget)
    selectors.kebijakan_forget()
    return obj


@transaction.atomic
def buka_kunci_create(*, actor, pegawai: Pegawai, tanggal: dt.date, alasan: str,
                      now: dt.datetime | None = None) -> BukaKunciLaporan:
    """An atasan lets a subordinate report on a date beyond the backdating window. The unlock lasts as many
    working days as the window itself; the pegawai is notified."""
    scope = scope_for(actor)
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja", "user").filter(pk=pegawai.pk).first()
    if pegawai is None or not scope.covers(pegawai):
        raise NotFound(MSG_NOT_FOUND)
    if not scope.is_superior_of(pegawai):
        raise Forbidden(rules.MSG_BUKA_KUNCI_BUKAN_ATASAN)
    alasan = (alasan or "").strip()[:300]
    if not alasan:
        raise ApplicationError(rules.MSG_ALASAN_WAJIB, detail={"alasan": [rules.MSG_ALASAN_WAJIB]})
    hari_ini = selectors.hari_ini_pegawai(pegawai, now or timezone.now())
    batas = selectors.kebijakan_for(pegawai.instansi_id).batas_mundur_hari_kerja
    pesan = rules.cek_tanggal(tanggal, hari_ini, batas,
                              lambda a, b: kalender.hari_kerja_between(a, b, pegawai.instansi_id))
    if pesan == rules.MSG_TANGGAL_DEPAN:
        raise ApplicationError(pesan, detail={"tanggal": [pesan]})
    if pesan is None:
        raise ApplicationError(rules.MSG_BUKA_KUNCI_PERLU, detail={"tanggal": [rules.MSG_BUKA_KUNCI_PERLU]})
    berlaku = kalender.add_hari_kerja(hari_ini, max(batas, 1), pegawai.instansi_id)
    with audit_actor(actor):
        obj, _ = BukaKunciLaporan.objects.update_or_create(
            pegawai=pegawai, tanggal=tanggal,
            defaults={"instansi_id": pegawai.instansi_id, "berlaku_sampai": berlaku, "alasan": alasan,
                      "dibuka_oleh": actor},
        )
    if pegawai.user_id:
        notifikasi_create(user=pegawai.user, judul=f"Tanggal {tanggal:%d-%m-%Y} dibuka untuk laporan",
                          pesan=f"{actor.get_full_name()} membuka kunci tanggal ini sampai {berlaku:%d-%m-%Y}. "
                                f"Alasan: {alasan}", url=reverse("laporan:beranda"), jenis="laporan")
    return obj
