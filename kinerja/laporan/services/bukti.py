"""Evidence (bukti dukung) of a daily report: checked by content (core.files), stored under a random name through
Django storage, images re-encoded and thumbnailed; the SHA-256 of the original bytes is kept."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction

from kinerja.core import files
from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, InvalidState
from kinerja.laporan import rules, selectors
from kinerja.laporan.models import BuktiDukung, LaporanHarian
from kinerja.laporan.services.laporan import _kunci_milik, hapus_berkas

MB = 1024 * 1024


def batas_bita(instansi_id: int) -> int:
    return int(selectors.kebijakan_for(instansi_id).maks_ukuran_bukti_mb) * MB


@transaction.atomic
def bukti_dukung_add(*, actor, laporan: LaporanHarian, upload, idempotency_key: uuid.UUID | None = None,
                     nama_tidak_aman: bool = False) -> tuple[BuktiDukung, bool]:
    """Attach one file to the actor's own report (until it is approved). The same idempotency key returns the
    evidence already stored. `nama_tidak_aman`: the client sent a file name with a path (refused)."""
    laporan = _kunci_milik(actor, laporan)
    if idempotency_key is not None:
        existing = BuktiDukung.objects.filter(laporan=laporan, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    if not rules.dapat_diubah(laporan.status):
        raise InvalidState(rules.MSG_SUDAH_DISETUJUI)
    if nama_tidak_aman:
        raise ApplicationError(rules.MSG_NAMA_BERKAS, detail={"berkas": [rules.MSG_NAMA_BERKAS]})
    if upload is None:
        raise ApplicationError(rules.MSG_BERKAS_WAJIB, detail={"berkas": [rules.MSG_BERKAS_WAJIB]})
    if rules.nama_berkas_tidak_aman(getattr(upload, "name", "") or ""):
        raise ApplicationError(rules.MSG_NAMA_BERKAS, detail={"berkas": [rules.MSG_NAMA_BERKAS]})
    kebijakan = selectors.kebijakan_for(laporan.instansi_id)
    if laporan.bukti.count() >= kebijakan.maks_bukti_per_laporan:
        msg = rules.MSG_BUKTI_PENUH.format(n=kebijakan.maks_bukti_per_laporan)
        raise ApplicationError(msg, detail={"berkas": [msg]})
    try:
        clean = files.validate_upload(upload, max_bytes=batas_bita(laporan.instansi_id))
    except ApplicationError as exc:
        exc.detail = exc.detail or {"berkas": [exc.message]}
        raise
    bukti = BuktiDukung(instansi_id=laporan.instansi_id, laporan=laporan, jenis=clean.kind, mime=clean.mime,
                        ukuran=clean.size, sha256=clean.sha256, nama_asli=clean.original_name, diunggah_oleh=actor,
                        idempotency_key=idempotency_key)
    bukti.berkas.save(clean.content.name, clean.content, save=False)
    if clean.thumbnail is not None:
        bukti.thumbnail.save(clean.thumbnail.name, clean.thumbnail, save=False)
    stored = [bukti.berkas.name, bukti.thumbnail.name]
    with audit_actor(actor):
        try:
            with transaction.atomic():
                bukti.save()
        except IntegrityError:
            hapus_berkas(stored)
            existing = BuktiDukung.objects.filter(laporan=laporan, idempotency_key=idempotency_key).first()
            if idempotency_key is None or existing is None:
                raise
            return existing, False
        if laporan.status == rules.DIAJUKAN and laporan.dibuka_penilai_pada is not None:
            laporan.dibuka_penilai_pada = None  # new evidence: the reviewer must open the report again
            laporan.save(update_fields=["dibuka_penilai_pada", "updated_at"])
    return bukti, True


@transaction.atomic
def bukti_dukung_delete(*, actor, bukti: BuktiDukung) -> None:
    """Remove evidence from the actor's own report (until it is approved)."""
    laporan = _kunci_milik(actor, bukti.laporan)
    if not rules.dapat_diubah(laporan.status):
        raise InvalidState(rules.MSG_SUDAH_DISETUJUI)
    names = [bukti.berkas.name, bukti.thumbnail.name]
    with audit_actor(actor):
        bukti.delete()
    transaction.on_commit(lambda: hapus_berkas(names))
