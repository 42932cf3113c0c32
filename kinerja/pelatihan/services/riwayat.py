"""Development history (riwayat pengembangan), onboarding completion and user activity."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import MSG_NOT_FOUND, InvalidState, NotFound
from kinerja.organisasi.models import Pegawai
from kinerja.pelatihan import rules
from kinerja.pelatihan.models import (
    JenisPengembangan,
    RiwayatPengembangan,
    SesiPelatihan,
    SumberRiwayat,
)
from kinerja.pelatihan.services._common import fail, require_penyelenggara

MSG_JUDUL = "Tulis nama kegiatan."
MSG_JENIS = "Pilih jenis kegiatan."
MSG_TANGGAL_WAJIB = "Isi tanggal mulai dan tanggal selesai."
MSG_TANGGAL_URUT = "Tanggal selesai tidak boleh sebelum tanggal mulai."
MSG_TANGGAL_DEPAN = "Hanya kegiatan yang sudah selesai yang dicatat; tanggal selesai tidak boleh di masa depan."
MSG_JP = f"Jam pelajaran (JP) antara 0 dan {rules.MAKS_JP}."
MSG_FOKUS = "Fokus pengembangan tidak dikenal."
MSG_HANYA_MANUAL = "Riwayat dari sesi di Kinerja tidak dapat dihapus; ia mengikuti kehadiran dan kuis."
MSG_SUDAH_DICATAT = "Sesi ini sudah tercatat pada riwayat pegawai tersebut."


@transaction.atomic
def riwayat_pengembangan_catat(*, actor, pegawai: Pegawai, judul: str, jenis: str, tanggal_mulai: dt.date,
                               tanggal_selesai: dt.date, jam_pelajaran: int = 0, penyelenggara: str = "",
                               fokus: list[str] | tuple[str, ...] = (), sertifikat_nomor: str = "",
                               keterangan: str = "", sumber: str = SumberRiwayat.MANUAL,
                               sesi: SesiPelatihan | None = None) -> RiwayatPengembangan:
    """Record a completed training or development activity on a pegawai's development history.

    For admin BKPSDM (and Pengawasan's jobs, which act as a superuser or an admin): e.g. a training taken outside
    Kinerja, or the follow-up of a recommendation (`sumber="rekomendasi"`)."""
    require_penyelenggara(actor, pegawai.instansi_id)
    judul = (judul or "").strip()
    errors: dict[str, list[str]] = {}
    if not judul:
        errors["judul"] = [MSG_JUDUL]
    if jenis not in JenisPengembangan.values:
        errors["jenis"] = [MSG_JENIS]
    if not tanggal_mulai or not tanggal_selesai:
        errors["tanggal_mulai"] = [MSG_TANGGAL_WAJIB]
    elif tanggal_selesai < tanggal_mulai:
        errors["tanggal_selesai"] = [MSG_TANGGAL_URUT]
    elif tanggal_selesai > timezone.localdate():
        errors["tanggal_selesai"] = [MSG_TANGGAL_DEPAN]
    if jam_pelajaran is None or not 0 <= int(jam_pelajaran) <= rules.MAKS_JP:
        errors["jam_pelajaran"] = [MSG_JP]
    fokus = [str(f) for f in fokus or []]
    if any(f not in rules.FOKUS_KODE for f in fokus):
        errors["fokus"] = [MSG_FOKUS]
    if sumber not in SumberRiwayat.values:
        errors["sumber"] = ["Sumber riwayat tidak dikenal."]
    fail(errors)
    try:
        with transaction.atomic(), audit_actor(actor):
            return RiwayatPengembangan.objects.create(
                instansi_id=pegawai.instansi_id, pegawai=pegawai, judul=judul[:200], jenis=jenis,
                penyelenggara=(penyelenggara or "").strip()[:200], tanggal_mulai=tanggal_mulai,
                tanggal_selesai=tanggal_selesai, jam_pelajaran=int(jam_pelajaran), fokus=sorted(set(fokus)),
                sertifikat_nomor=(sertifikat_nomor or "").strip()[:60], keterangan=(keterangan or "").strip()[:300],
                sumber=sumber, sesi=sesi, dicatat_oleh=actor)
    except IntegrityError as exc:
        raise InvalidState(MSG_SUDAH_DICATAT) from exc


@transaction.atomic
def riwayat_pengembangan_hapus(*, actor, riwayat: RiwayatPengembangan) -> None:
    require_penyelenggara(actor, riwayat.instansi_id)
    if riwayat.sumber == SumberRiwayat.SESI:
        raise InvalidState(MSG_HANYA_MANUAL)
    with audit_actor(actor):
        riwayat.delete()


def onboarding_selesaikan(*, actor) -> None:
    """Mark the guided tour done for this account (it is not shown again on sign-in)."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFound(MSG_NOT_FOUND)
    if not actor.onboarding_selesai:
        with audit_actor(actor):
            actor.onboarding_selesai = True
            actor.save(update_fields=["onboarding_selesai"])


def onboarding_ulangi(*, actor) -> None:
    """Show the guided tour again on the next visit to the home page."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFound(MSG_NOT_FOUND)
    if actor.onboarding_selesai:
        with audit_actor(actor):
            actor.onboarding_selesai = False
            actor.save(update_fields=["onboarding_selesai"])


_AKTIVITAS_UPSERT = (
    'INSERT INTO "pelatihan_aktivitaspengguna" (instansi_id, user_id, minggu, hari_aktif, terakhir) '
    "VALUES (%s, %s, %s, 1, %s) ON CONFLICT (user_id, minggu) DO UPDATE SET "
    'hari_aktif = "pelatihan_aktivitaspengguna".hari_aktif + 1, terakhir = excluded.terakhir '
    'WHERE "pelatihan_aktivitaspengguna".terakhir < excluded.terakhir')


def aktivitas_catat(*, user, hari: dt.date | None = None) -> None:
    """Count one active day for the account in its week (the middleware marks it at most once a day per account
    and the marks are written in batches by `aktivitas_catat_banyak`; safe to call again). Not audited: it is a
    usage counter, not a decision."""
    if user.instansi_id is None:
        return
    aktivitas_catat_banyak({(user.pk, hari or timezone.localdate()): user.instansi_id})


def aktivitas_catat_banyak(items: dict[tuple[int, dt.date], int]) -> None:
    """Write a batch of active days {(user id, day): instansi id}. One upsert statement per day (SQLite ≥ 3.24 and
    PostgreSQL both speak ON CONFLICT): the first visit of the week inserts the row, a later day adds one, the same
    day again changes nothing."""
    rows = [[instansi_id, user_id, rules.awal_minggu(hari), hari] for (user_id, hari), instansi_id in items.items()
            if instansi_id]
    if rows:
        with connection.cursor() as c:
            c.executemany(_AKTIVITAS_UPSERT, rows)
