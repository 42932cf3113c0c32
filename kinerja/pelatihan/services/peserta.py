"""A participant's side of a session: QR check-in, the quiz, feedback, and completion (certificate and development
history)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden, InvalidState, NotFound
from kinerja.pelatihan import rules
from kinerja.pelatihan.models import (
    CaraDaftar,
    CaraHadir,
    JenisPengembangan,
    PesertaSesi,
    RiwayatPengembangan,
    SesiPelatihan,
    StatusSesi,
    SumberRiwayat,
    UmpanBalikSesi,
)
from kinerja.pelatihan.services._common import fail, pegawai_of, require_penyelenggara
from kinerja.pelatihan.services.sesi import MSG_BUKAN_SASARAN, MSG_DIBATALKAN, _tambah_peserta

MSG_KODE_SALAH = ("Kode presensi tidak berlaku atau sudah kedaluwarsa. Pindai QR yang sedang tampil di lokasi "
                  "(atau ketik 6 angka di bawahnya), lalu coba lagi.")
MSG_KODE_WAJIB = "Ketik 6 angka kode presensi yang tampil di bawah QR."
MSG_PRESENSI_TUTUP = "Presensi sesi ini dibuka {buka} sampai {tutup}."
MSG_TERLALU_SERING = "Terlalu banyak kode yang salah. Tunggu 10 menit, lalu pindai QR di lokasi."
MSG_BELUM_TERBIT = "Sesi ini belum diterbitkan."
MSG_TIDAK_TERDAFTAR = "Anda tidak terdaftar sebagai peserta sesi ini. Hubungi penyelenggara."
MSG_BELUM_HADIR = "Kuis dan umpan balik dapat diisi setelah kehadiran Anda tercatat."
MSG_TANPA_KUIS = "Sesi ini tidak memiliki kuis."
MSG_KUIS_HABIS = "Anda sudah mencoba kuis ini {n} kali, batas percobaan."
MSG_SUDAH_LULUS = "Anda sudah lulus kuis ini."
MSG_KUIS_DITUTUP = "Kuis ditutup {hari} hari setelah sesi berakhir."
MSG_JAWAB_SEMUA = "Jawab semua pertanyaan."
MSG_PILIHAN_SALAH = "Pilih salah satu jawaban yang tersedia."
MSG_SUDAH_UMPAN_BALIK = "Anda sudah mengirim umpan balik untuk sesi ini. Terima kasih!"
MSG_SKALA = "Pilih nilai 1 sampai 5."
MSG_SARAN_PANJANG = f"Saran paling panjang {rules.MAKS_SARAN} karakter."
MSG_BELUM_BERHAK = ("Sertifikat terbit setelah sesi berakhir, kehadiran Anda tercatat, dan (bila ada kuis) Anda "
                    "lulus kuis.")
MSG_TANPA_SERTIFIKAT = "Sesi ini tidak menerbitkan sertifikat."

GAGAL_MAKS = 10
GAGAL_DETIK = 600
BATAS_KUIS_HARI = 7


def _peserta_for(actor, sesi: SesiPelatihan) -> PesertaSesi:
    pegawai = pegawai_of(actor)
    peserta = PesertaSesi.objects.filter(sesi=sesi, pegawai=pegawai).select_related("sesi").first()
    if peserta is None:
        raise Forbidden(MSG_TIDAK_TERDAFTAR)
    return peserta


def _fmt(ts: dt.datetime) -> str:
    return f"{timezone.localtime(ts):%d-%m-%Y %H:%M}"


@transaction.atomic
def presensi_catat(*, actor, sesi: SesiPelatihan, kode: str, cara: str = CaraHadir.QR,
                   now: dt.datetime | None = None) -> tuple[PesertaSesi, bool]:
    """Record the actor's attendance with the code shown at the venue. Returns (participant, newly recorded).

    Guards: the code rotates every 30 s and only the last few steps are accepted (a forwarded photo expires); the
    actor must be signed in as a pegawai in the session's audience; check-in is open from 30 min before the start
    to 30 min after the end; 10 wrong codes lock the account out of that session for 10 minutes."""
    pegawai = pegawai_of(actor)
    now = now or timezone.now()
    if sesi.instansi_id != pegawai.instansi_id:
        raise NotFound("Sesi tidak ditemukan.")
    if sesi.status == StatusSesi.DIBATALKAN:
        raise InvalidState(MSG_DIBATALKAN)
    if sesi.status != StatusSesi.TERBIT:
        raise InvalidState(MSG_BELUM_TERBIT)
    if not rules.presensi_terbuka(now, sesi.mulai, sesi.selesai):
        buka, tutup = rules.jendela_presensi(sesi.mulai, sesi.selesai)
        raise InvalidState(MSG_PRESENSI_TUTUP.format(buka=_fmt(buka), tutup=_fmt(tutup)))
    gagal_key = f"pelatihan:presensi-gagal:{actor.pk}:{sesi.pk}"
    if (cache.get(gagal_key) or 0) >= GAGAL_MAKS:
        raise ApplicationError(MSG_TERLALU_SERING, code=ErrorCode.RATE_LIMITED)
    kode = (kode or "").strip()
    if not kode:
        fail({"kode": [MSG_KODE_WAJIB]})
    if not rules.cocokkan_presensi(sesi.rahasia_presensi, sesi.pk, kode, now.timestamp()):
        if not cache.add(gagal_key, 1, GAGAL_DETIK):
            cache.incr(gagal_key)
        raise ApplicationError(MSG_KODE_SALAH, detail={"kode": [MSG_KODE_SALAH]})
    sesi = SesiPelatihan.objects.select_for_update().get(pk=sesi.pk)
    peserta = PesertaSesi.objects.filter(sesi=sesi, pegawai=pegawai).first()
    if peserta is None:
        try:
            peserta = _tambah_peserta(actor, sesi, pegawai, CaraDaftar.MANDIRI)
        except Forbidden as exc:
            raise Forbidden(MSG_TIDAK_TERDAFTAR if exc.message != MSG_BUKAN_SASARAN else MSG_BUKAN_SASARAN) from exc
    if peserta.hadir_pada is not None:
        return peserta, False
    with audit_actor(actor):
        peserta.hadir_pada = now
        peserta.cara_hadir = cara if cara in CaraHadir.values else CaraHadir.QR
        peserta.save(update_fields=["hadir_pada", "cara_hadir", "updated_at"])
    cache.delete(gagal_key)
    return peserta, True


@transaction.atomic
def presensi_manual(*, actor, peserta: PesertaSesi, now: dt.datetime | None = None) -> PesertaSesi:
    """The organiser marks an invited participant present (phone flat, no camera …) during the check-in window."""
    require_penyelenggara(actor, peserta.instansi_id)
    sesi = peserta.sesi
    now = now or timezone.now()
    if sesi.status != StatusSesi.TERBIT:
        raise InvalidState(MSG_DIBATALKAN if sesi.status == StatusSesi.DIBATALKAN else MSG_BELUM_TERBIT)
    if not rules.presensi_terbuka(now, sesi.mulai, sesi.selesai):
        buka, tutup = rules.jendela_presensi(sesi.mulai, sesi.selesai)
        raise InvalidState(MSG_PRESENSI_TUTUP.format(buka=_fmt(buka), tutup=_fmt(tutup)))
    if peserta.hadir_pada is None:
        with audit_actor(actor):
            peserta.hadir_pada = now
            peserta.cara_hadir = CaraHadir.MANUAL
            peserta.save(update_fields=["hadir_pada", "cara_hadir", "updated_at"])
    return peserta


def kuis_terbuka(sesi: SesiPelatihan, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return now <= sesi.selesai + dt.timedelta(days=BATAS_KUIS_HARI)


@transaction.atomic
def kuis_kerjakan(*, actor, sesi: SesiPelatihan, jawaban: dict[int, int]) -> PesertaSesi:
    """Score the actor's answers ({soal id: option index}); at most 3 attempts, until 7 days after the session."""
    peserta = _peserta_for(actor, sesi)
    peserta = PesertaSesi.objects.select_for_update().get(pk=peserta.pk)
    if peserta.hadir_pada is None:
        raise InvalidState(MSG_BELUM_HADIR)
    soal = list(sesi.soal.all())
    if not soal:
        raise InvalidState(MSG_TANPA_KUIS)
    if peserta.lulus_kuis:
        raise InvalidState(MSG_SUDAH_LULUS)
    if peserta.percobaan_kuis >= rules.MAKS_PERCOBAAN_KUIS:
        raise InvalidState(MSG_KUIS_HABIS.format(n=rules.MAKS_PERCOBAAN_KUIS))
    if not kuis_terbuka(sesi):
        raise InvalidState(MSG_KUIS_DITUTUP.format(hari=BATAS_KUIS_HARI))
    errors: dict[str, list[str]] = {}
    for s in soal:
        value = jawaban.get(s.pk)
        if value is None:
            errors[f"soal_{s.pk}"] = [MSG_JAWAB_SEMUA]
        elif not isinstance(value, int) or not 0 <= value < len(s.pilihan):
            errors[f"soal_{s.pk}"] = [MSG_PILIHAN_SALAH]
    fail(errors, MSG_JAWAB_SEMUA if any(v == [MSG_JAWAB_SEMUA] for v in errors.values()) else None)
    nilai = rules.nilai_kuis(jawaban, {s.pk: s.kunci for s in soal})
    with audit_actor(actor):
        peserta.nilai_kuis = nilai if peserta.nilai_kuis is None else max(peserta.nilai_kuis, nilai)
        peserta.percobaan_kuis += 1
        peserta.lulus_kuis = rules.lulus_kuis(nilai, sesi.nilai_lulus)
        peserta.kuis_pada = timezone.now()
        peserta.save(update_fields=["nilai_kuis", "percobaan_kuis", "lulus_kuis", "kuis_pada", "updated_at"])
    peserta.nilai_terakhir = nilai
    if peserta.lulus_kuis and sesi.selesai <= timezone.now():
        peserta_tuntaskan(actor=actor, peserta=peserta)
    return peserta


@transaction.atomic
def umpan_balik_kirim(*, actor, sesi: SesiPelatihan, nilai_materi, nilai_narasumber, nilai_manfaat,
                      saran: str = "") -> UmpanBalikSesi:
    peserta = _peserta_for(actor, sesi)
    if peserta.hadir_pada is None:
        raise InvalidState(MSG_BELUM_HADIR)
    errors: dict[str, list[str]] = {}
    for name, value in (("nilai_materi", nilai_materi), ("nilai_narasumber", nilai_narasumber),
                        ("nilai_manfaat", nilai_manfaat)):
        if not rules.skala_sah(value):
            errors[name] = [MSG_SKALA]
    saran = (saran or "").strip()
    if len(saran) > rules.MAKS_SARAN:
        errors["saran"] = [MSG_SARAN_PANJANG]
    fail(errors)
    if UmpanBalikSesi.objects.filter(peserta=peserta).exists():
        raise InvalidState(MSG_SUDAH_UMPAN_BALIK)
    try:
        with transaction.atomic(), audit_actor(actor):
            return UmpanBalikSesi.objects.create(instansi_id=peserta.instansi_id, peserta=peserta,
                                                 nilai_materi=nilai_materi, nilai_narasumber=nilai_narasumber,
                                                 nilai_manfaat=nilai_manfaat, saran=saran)
    except IntegrityError as exc:
        raise InvalidState(MSG_SUDAH_UMPAN_BALIK) from exc


def berhak(peserta: PesertaSesi, now: dt.datetime | None = None) -> bool:
    sesi = peserta.sesi
    now = now or timezone.now()
    return sesi.status == StatusSesi.TERBIT and rules.berhak_sertifikat(
        hadir=peserta.hadir_pada is not None, ada_kuis=sesi.soal.exists(), lulus=peserta.lulus_kuis,
        sesi_selesai=sesi.selesai <= now)


def _kode_verifikasi() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


@transaction.atomic
def peserta_tuntaskan(*, actor, peserta: PesertaSesi) -> PesertaSesi:
    """Complete one participant after the session: issue the certificate (when the session gives one) and record
    the training on their development history. Idempotent; refuses when they are not (yet) entitled."""
    peserta = PesertaSesi.objects.select_related("sesi", "pegawai").get(pk=peserta.pk)
    sesi = peserta.sesi
    if not berhak(peserta):
        raise InvalidState(MSG_BELUM_BERHAK)
    with audit_actor(actor):
        if sesi.sertifikat and not peserta.sertifikat_kode:
            SesiPelatihan.objects.select_for_update().filter(pk=sesi.pk).first()
            urut = PesertaSesi.objects.filter(sesi=sesi).exclude(sertifikat_nomor="").count() + 1
            peserta.sertifikat_nomor = rules.nomor_sertifikat(timezone.localtime(sesi.mulai).year, sesi.pk, urut)
            peserta.sertifikat_terbit_pada = timezone.now()
            for _ in range(5):
                peserta.sertifikat_kode = _kode_verifikasi()
                if not PesertaSesi.objects.filter(sertifikat_kode=peserta.sertifikat_kode).exists():
                    break
            peserta.save(update_fields=["sertifikat_nomor", "sertifikat_kode", "sertifikat_terbit_pada",
                                        "updated_at"])
        if not RiwayatPengembangan.objects.filter(pegawai_id=peserta.pegawai_id, sesi=sesi).exists():
            RiwayatPengembangan.objects.create(
                instansi_id=peserta.instansi_id, pegawai_id=peserta.pegawai_id, judul=sesi.judul[:200],
                jenis=sesi.jenis if sesi.jenis in JenisPengembangan.values else JenisPengembangan.LAINNYA,
                penyelenggara=f"BKPSDM {sesi.instansi.nama_daerah}"[:200],
                tanggal_mulai=timezone.localtime(sesi.mulai).date(),
                tanggal_selesai=timezone.localtime(sesi.selesai).date(), jam_pelajaran=sesi.jam_pelajaran,
                fokus=list(sesi.fokus.values_list("kode", flat=True)), sesi=sesi,
                sertifikat_nomor=peserta.sertifikat_nomor, sumber=SumberRiwayat.SESI,
                dicatat_oleh=actor if getattr(actor, "pk", None) else None)
    return peserta


def sesi_tuntaskan(*, actor, sesi: SesiPelatihan) -> int:
    """Complete every entitled participant of an ended session (organiser's button and the nightly job).
    Returns how many were completed now."""
    if actor is not None:
        require_penyelenggara(actor, sesi.instansi_id)
    if sesi.status != StatusSesi.TERBIT or sesi.selesai > timezone.now():
        raise InvalidState("Sesi belum berakhir." if sesi.status == StatusSesi.TERBIT else MSG_DIBATALKAN)
    ada_kuis = sesi.soal.exists()
    qs = sesi.peserta.filter(hadir_pada__isnull=False)
    if ada_kuis:
        qs = qs.filter(lulus_kuis=True)
    done = set(RiwayatPengembangan.objects.filter(sesi=sesi).values_list("pegawai_id", flat=True))
    n = 0
    for peserta in qs.select_related("sesi"):
        if peserta.pegawai_id in done and (peserta.sertifikat_kode or not sesi.sertifikat):
            continue
        peserta_tuntaskan(actor=actor, peserta=peserta)
        n += 1
    return n


def sertifikat_saya(*, actor, sesi: SesiPelatihan) -> PesertaSesi:
    """The actor's certificate for a session, issued now if they are entitled and it was not issued yet."""
    peserta = _peserta_for(actor, sesi)
    if not sesi.sertifikat:
        raise InvalidState(MSG_TANPA_SERTIFIKAT)
    if not peserta.sertifikat_kode:
        peserta = peserta_tuntaskan(actor=actor, peserta=peserta)
    return peserta
