"""Shared helpers of the penilaian services: locking, state and period guards, notifications, messages."""

from __future__ import annotations

from django.urls import reverse

from kinerja.core.exceptions import ApplicationError, InvalidState
from kinerja.core.services import notifikasi_create
from kinerja.penilaian import rules
from kinerja.penilaian.models import Evaluasi
from kinerja.perencanaan.rules import periode_mengizinkan, pesan_periode_menolak

MSG_PERIKSA = "Periksa kembali penilaian: ada isian yang belum benar."
MSG_TERKUNCI = "Evaluasi ini sudah difinalisasi dan terkunci; tidak dapat diubah lagi."
MSG_STATUS = "Tindakan ini tidak dapat dilakukan pada evaluasi berstatus {status}."


def fail(message: str, detail: dict[str, list[str]] | None = None, **kw) -> None:
    raise ApplicationError(message, detail=detail or {}, **kw)


def lock(evaluasi: Evaluasi) -> Evaluasi:
    """Re-read the evaluation under a row lock (the last writer must see the first one's result)."""
    return (Evaluasi.objects.select_for_update(of=("self",))
            .select_related("jadwal", "periode", "pegawai__jabatan", "pegawai__unit_kerja", "pegawai__user",
                            "skp", "unit_kerja", "pejabat_penilai__user", "atasan_pejabat_penilai__user")
            .get(pk=evaluasi.pk))


def require_periode(evaluasi: Evaluasi) -> None:
    status = evaluasi.periode.status
    if not periode_mengizinkan(status, "penilaian"):
        raise InvalidState(pesan_periode_menolak(status, "penilaian", evaluasi.periode.tahun))


def require_transisi(evaluasi: Evaluasi, aksi: str) -> str:
    baru = rules.transisi_evaluasi(evaluasi.status, aksi)
    if baru is None:
        if evaluasi.status in rules.TERKUNCI and aksi == "nilai":
            raise InvalidState(MSG_TERKUNCI)
        raise InvalidState(MSG_STATUS.format(status=evaluasi.get_status_display().lower()))
    return baru


def require_terbuka(evaluasi: Evaluasi) -> None:
    """Writes on an evaluation's content are refused once it is locked."""
    if evaluasi.status in rules.TERKUNCI:
        raise InvalidState(MSG_TERKUNCI)


def notify(pegawai, judul: str, pesan: str, evaluasi: Evaluasi | None = None, url: str = "") -> None:
    user = getattr(pegawai, "user", None) if pegawai is not None else None
    if user is None:
        return
    if evaluasi is not None and not url:
        url = reverse("penilaian:evaluasi_detail", args=[evaluasi.pk])
    notifikasi_create(user=user, judul=judul, pesan=pesan, url=url, jenis="penilaian")


def clean_text(value, max_length: int | None = None) -> str:
    text = (value or "").strip()
    return text[:max_length] if max_length else text
