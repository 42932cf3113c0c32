"""Writes for citizen feedback: the IKM survey, ratings of named ASN, residents' input on projects, moderation
and public replies."""

from __future__ import annotations

import datetime as dt

from auditlog.context import disable_auditlog
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import (
    MSG_NOT_FOUND,
    ApplicationError,
    ErrorCode,
    Forbidden,
    InvalidState,
    NotFound,
)
from kinerja.core.files import IMAGE_KINDS, validate_upload
from kinerja.partisipasi import conf, penyaring, perlindungan, rules
from kinerja.partisipasi.access import scope_partisipasi
from kinerja.partisipasi.models import (
    BalasanPublik,
    CatatanModerasi,
    JenisTitik,
    KemajuanProyek,
    MasukanProyek,
    PenilaianPetugas,
    PetugasLayanan,
    ResponSurvei,
    SebagaiBalasan,
    StatusModerasi,
    SumberKiriman,
    TitikLayanan,
)
from kinerja.partisipasi.services._umum import KonteksKirim, int_or_none, kebijakan, raise_if, teks

MSG_UNSUR = "Pilih salah satu jawaban untuk pertanyaan ini."
MSG_UNSUR_RENTANG = "Jawaban harus salah satu pilihan 1 sampai 4."
MSG_BINTANG = "Pilih 1 sampai 5 bintang."
MSG_SUDAH_SURVEI = ("Anda sudah mengisi survei untuk layanan ini dalam 24 jam terakhir. Terima kasih — satu orang "
                    "cukup mengisi sekali per kunjungan.")
MSG_SUDAH_NILAI = "Anda sudah menilai petugas ini dalam 24 jam terakhir. Terima kasih."
MSG_SUDAH_MASUKAN = "Anda sudah mengirim masukan untuk proyek ini dalam 24 jam terakhir. Terima kasih."
MSG_BUKAN_LAYANAN = "Survei kepuasan hanya untuk titik layanan, bukan proyek."
MSG_BUKAN_PROYEK = "Masukan proyek hanya untuk halaman proyek."
MSG_TIDAK_AKTIF = "Halaman ini sudah tidak aktif."
MSG_PROFIL = "Pilihan tidak dikenal."
MSG_USIA = "Usia diisi angka 10 sampai 120 (boleh dikosongkan)."
MSG_ALASAN = "Tuliskan alasan menyembunyikan kiriman ini."
MSG_MODERASI_FORBIDDEN = "Hanya pengelola unit ini yang dapat memoderasi kiriman warga."
MSG_BALAS_FORBIDDEN = "Anda tidak dapat membalas kiriman ini."
MSG_BALAS_TERSEMBUNYI = "Kiriman yang tidak tampil tidak dapat dibalas."

DUPLIKAT_JAM = 24
JAM_LONJAKAN = 1
MAKS_SAMA_ALAMAT = 3  # items per target and address in one hour before they are held as not independent
FAKTOR_LONJAKAN_SURVEI = 5  # service points see more traffic than one person


# --- shared checks -------------------------------------------------------------------------------------------------


def _periksa(model, target: dict, konteks: KonteksKirim, ambang: int, text: str) -> tuple[bool, list[str]]:
    """In one query: is this a duplicate (same device, same target, within 24 h), and the reasons to hold it for
    review — profanity/spam, a burst on the target, or the same address sending again and again."""
    now = konteks.dikirim_pada
    since_hour = now - dt.timedelta(hours=JAM_LONJAKAN)
    counts = {
        "recent": Count("pk", filter=Q(dikirim_pada__gte=since_hour)),
        "same_ip": Count("pk", filter=Q(dikirim_pada__gte=since_hour, ip_hash=konteks.ip_hash or "-")),
        "dup": Count("pk", filter=Q(perangkat_hash=konteks.perangkat_hash or "-")),
    }
    agg = model.objects.filter(**target, dikirim_pada__gte=now - dt.timedelta(hours=DUPLIKAT_JAM),
                               dikirim_pada__lte=now).aggregate(**counts)
    flags = penyaring.periksa(text)
    if agg["recent"] >= ambang:
        flags.append("lonjakan")
    if konteks.ip_hash and agg["same_ip"] >= MAKS_SAMA_ALAMAT:
        flags.append("tidak_independen")
    return bool(konteks.perangkat_hash) and agg["dup"] > 0, flags


def _status_awal(flags: list[str], sumber: str) -> str:
    if sumber == SumberKiriman.KERTAS:
        return StatusModerasi.TAMPIL  # entered by staff from a paper form
    return StatusModerasi.DITINJAU if flags else StatusModerasi.TAMPIL


def _aktif(titik: TitikLayanan) -> None:
    if not titik.aktif:
        raise NotFound(MSG_TIDAK_AKTIF)


def _skala(value, *, field_name: str, high: int, wajib: bool, errors: dict, msg_wajib: str, msg_range: str):
    try:
        nilai = int_or_none(value)
    except ValueError:
        errors.setdefault(field_name, []).append(msg_range)
        return None
    if nilai is None:
        if wajib:
            errors.setdefault(field_name, []).append(msg_wajib)
        return None
    if not 1 <= nilai <= high:
        errors.setdefault(field_name, []).append(msg_range)
        return None
    return nilai


# --- IKM survey ----------------------------------------------------------------------------------------------------


def _bersihkan_survei(jawaban: dict, profil: dict, saran: str, *, izinkan_kosong: bool) -> dict:
    errors: dict[str, list[str]] = {}
    data: dict = {}
    for unsur in rules.UNSUR:
        data[unsur.kode] = _skala(jawaban.get(unsur.kode), field_name=unsur.kode, high=rules.NILAI_MAX,
                                  wajib=not izinkan_kosong, errors=errors, msg_wajib=MSG_UNSUR,
                                  msg_range=MSG_UNSUR_RENTANG)
    jk = (profil.get("jenis_kelamin") or "").strip().upper()
    if jk not in ("", "L", "P"):
        errors["jenis_kelamin"] = [MSG_PROFIL]
    data["jenis_kelamin"] = jk
    try:
        usia = int_or_none(profil.get("usia"))
    except ValueError:
        usia = -1
    if usia is not None and not 10 <= usia <= 120:
        errors["usia"] = [MSG_USIA]
    data["usia"] = usia
    for name, choices in (("pendidikan", rules.PENDIDIKAN), ("pekerjaan", rules.PEKERJAAN)):
        value = (profil.get(name) or "").strip()
        if value and value not in {c for c, _ in choices}:
            errors[name] = [MSG_PROFIL]
        data[name] = value
    data["jenis_layanan"] = teks(profil.get("jenis_layanan"), field_name="jenis_layanan", maks=120, errors=errors)
    data["saran"] = teks(saran, field_name="saran", maks=2000, errors=errors)
    raise_if(errors)
    return data


def survei_submit(*, titik: TitikLayanan, jawaban: dict, profil: dict | None = None, saran: str = "",
                  konteks: KonteksKirim) -> ResponSurvei:
    """A citizen's answers to the satisfaction survey of one service point. Every unsur is required (1–4);
    the profile is optional. The rate limit was applied when `konteks` was built."""
    _aktif(titik)
    if titik.jenis != JenisTitik.LAYANAN:
        raise ApplicationError(MSG_BUKAN_LAYANAN)
    data = _bersihkan_survei(jawaban, profil or {}, saran, izinkan_kosong=False)
    policy = kebijakan(titik.instansi_id)
    duplikat, flags = _periksa(ResponSurvei, {"titik": titik}, konteks,
                               policy.ambang_lonjakan * FAKTOR_LONJAKAN_SURVEI, data["saran"])
    if duplikat:
        raise ApplicationError(MSG_SUDAH_SURVEI, code=ErrorCode.CONFLICT)
    with transaction.atomic(), disable_auditlog():
        perlindungan.verifikasi_manusia(konteks.bukti)
        return ResponSurvei.objects.create(
            instansi_id=titik.instansi_id, titik=titik, dikirim_pada=konteks.dikirim_pada, sumber=konteks.sumber,
            ip_hash=konteks.ip_hash, perangkat_hash=konteks.perangkat_hash, status=_status_awal(flags, konteks.sumber),
            tanda=",".join(flags), **data)


@transaction.atomic
def survei_kertas_input(*, actor, titik: TitikLayanan, jawaban: dict, profil: dict | None = None, saran: str = "",
                        tanggal: dt.date | None = None) -> ResponSurvei:
    """Staff type in a paper questionnaire. A blank unsur is allowed here (the respondent skipped it) and is left
    out of that unsur's NRR."""
    if not scope_partisipasi(actor).mengelola_unit(titik.unit_kerja):
        raise Forbidden("Hanya pengelola unit ini yang dapat memasukkan kuesioner kertas.")
    if titik.jenis != JenisTitik.LAYANAN:
        raise ApplicationError(MSG_BUKAN_LAYANAN)
    data = _bersihkan_survei(jawaban, profil or {}, saran, izinkan_kosong=True)
    if all(data[u.kode] is None for u in rules.UNSUR):
        raise ApplicationError(MSG_UNSUR, detail={"u1": [MSG_UNSUR]})
    when = timezone.now()
    if tanggal is not None:
        if tanggal > timezone.localdate():
            raise ApplicationError("Tanggal pengisian tidak boleh di masa depan.",
                                   detail={"tanggal": ["Tanggal pengisian tidak boleh di masa depan."]})
        when = timezone.make_aware(dt.datetime.combine(tanggal, dt.time(10, 0)))
    with audit_actor(actor):
        return ResponSurvei.objects.create(instansi_id=titik.instansi_id, titik=titik, dikirim_pada=when,
                                           sumber=SumberKiriman.KERTAS, **data)


# --- ratings of named ASN --------------------------------------------------------------------------------------------


def penilaian_petugas_submit(*, petugas: PetugasLayanan, nilai: dict, komentar: str = "",
                             konteks: KonteksKirim, titik: TitikLayanan | None = None) -> PenilaianPetugas:
    """A citizen's stars (1–5) for a named ASN on the four behaviours, with an optional comment. Bursts and
    repeated ratings from one address are held for review and left out of the score until a moderator shows
    them."""
    if not petugas.aktif:
        raise NotFound(MSG_TIDAK_AKTIF)
    errors: dict[str, list[str]] = {}
    data = {name: _skala(nilai.get(name), field_name=name, high=rules.BINTANG_MAX, wajib=True, errors=errors,
                         msg_wajib=MSG_BINTANG, msg_range=MSG_BINTANG)
            for name, _label in rules.ASPEK_PETUGAS}
    data["komentar"] = teks(komentar, field_name="komentar", maks=1000, errors=errors)
    raise_if(errors)
    policy = kebijakan(petugas.instansi_id)
    duplikat, flags = _periksa(PenilaianPetugas, {"petugas": petugas}, konteks, policy.ambang_lonjakan,
                               data["komentar"])
    if duplikat:
        raise ApplicationError(MSG_SUDAH_NILAI, code=ErrorCode.CONFLICT)
    pegawai = petugas.pegawai
    with transaction.atomic(), disable_auditlog():
        perlindungan.verifikasi_manusia(konteks.bukti)
        return PenilaianPetugas.objects.create(
            instansi_id=petugas.instansi_id, petugas=petugas, pegawai=pegawai, unit_kerja_id=pegawai.unit_kerja_id,
            titik=titik or petugas.titik, dikirim_pada=konteks.dikirim_pada, sumber=konteks.sumber,
            ip_hash=konteks.ip_hash, perangkat_hash=konteks.perangkat_hash,
            status=_status_awal(flags, konteks.sumber), tanda=",".join(flags), **data)


# --- residents' input on projects -----------------------------------------------------------------------------------


def masukan_proyek_submit(*, titik: TitikLayanan, kemajuan: str, kualitas=None, sikap_petugas=None,
                          petugas: PetugasLayanan | None = None, komentar: str = "", foto=None,
                          konteks: KonteksKirim) -> MasukanProyek:
    """A resident's input on a project: progress, quality, the conduct of the ASN involved, and an optional
    photo (checked by content, re-encoded without location data, at most PARTISIPASI_FOTO_MAKS_BYTES)."""
    _aktif(titik)
    if titik.jenis != JenisTitik.PROYEK:
        raise ApplicationError(MSG_BUKAN_PROYEK)
    errors: dict[str, list[str]] = {}
    if kemajuan not in KemajuanProyek.values:
        errors["kemajuan"] = ["Pilih keadaan pekerjaan yang Anda lihat."]
    data = {
        "kualitas": _skala(kualitas, field_name="kualitas", high=5, wajib=False, errors=errors,
                           msg_wajib=MSG_BINTANG, msg_range=MSG_BINTANG),
        "sikap_petugas": _skala(sikap_petugas, field_name="sikap_petugas", high=5, wajib=False, errors=errors,
                                msg_wajib=MSG_BINTANG, msg_range=MSG_BINTANG),
        "komentar": teks(komentar, field_name="komentar", maks=1500, errors=errors),
    }
    if petugas is not None and (petugas.instansi_id != titik.instansi_id or not petugas.aktif):
        errors["petugas"] = ["Petugas tidak dikenal."]
    if petugas is None and data["sikap_petugas"] is not None and not titik.petugas.filter(aktif=True).exists():
        data["sikap_petugas"] = None
    raise_if(errors)
    clean = None
    if foto:
        try:
            clean = validate_upload(foto, allowed=IMAGE_KINDS, max_bytes=conf.foto_maks_bytes())
        except ApplicationError as exc:
            exc.detail = {"foto": [exc.message]}
            raise
    policy = kebijakan(titik.instansi_id)
    duplikat, flags = _periksa(MasukanProyek, {"titik": titik}, konteks, policy.ambang_lonjakan, data["komentar"])
    if duplikat:
        raise ApplicationError(MSG_SUDAH_MASUKAN, code=ErrorCode.CONFLICT)
    if clean is not None and MasukanProyek.objects.filter(titik=titik, foto_sha256=clean.sha256).exists():
        flags.append("duplikat")
    with transaction.atomic(), disable_auditlog():
        perlindungan.verifikasi_manusia(konteks.bukti)
        obj = MasukanProyek(
            instansi_id=titik.instansi_id, titik=titik, kemajuan=kemajuan, petugas=petugas,
            dikirim_pada=konteks.dikirim_pada, sumber=konteks.sumber, ip_hash=konteks.ip_hash,
            perangkat_hash=konteks.perangkat_hash, status=_status_awal(flags, konteks.sumber),
            tanda=",".join(flags), **data)
        if clean is not None:
            obj.foto.save(clean.content.name, clean.content, save=False)
            obj.foto_kecil.save(clean.thumbnail.name, clean.thumbnail, save=False)
            obj.foto_sha256 = clean.sha256
        obj.save()
        return obj


# --- moderation ------------------------------------------------------------------------------------------------------

JENIS_MODERASI = {"survei": ResponSurvei, "penilaian": PenilaianPetugas, "masukan": MasukanProyek}


def unit_objek(objek):
    if isinstance(objek, PenilaianPetugas):
        return objek.unit_kerja
    return objek.titik.unit_kerja


def jenis_objek(objek) -> str:
    return next(k for k, m in JENIS_MODERASI.items() if isinstance(objek, m))


@transaction.atomic
def moderasi_set(*, actor, objek, tampil: bool, alasan: str = ""):
    """Show an item or hide it with a reason. The original text is kept unchanged; the action is logged."""
    if not scope_partisipasi(actor).mengelola_unit(unit_objek(objek)):
        raise Forbidden(MSG_MODERASI_FORBIDDEN)
    alasan = (alasan or "").strip()[:300]
    if not tampil and not alasan:
        raise ApplicationError(MSG_ALASAN, detail={"alasan": [MSG_ALASAN]})
    baru = StatusModerasi.TAMPIL if tampil else StatusModerasi.DISEMBUNYIKAN
    lama = objek.status
    with audit_actor(actor):
        objek.status = baru
        objek.alasan_moderasi = alasan
        objek.dimoderasi_oleh = actor
        objek.dimoderasi_pada = timezone.now()
        objek.save(update_fields=["status", "alasan_moderasi", "dimoderasi_oleh", "dimoderasi_pada", "updated_at"])
        CatatanModerasi.objects.create(instansi_id=objek.instansi_id, jenis_objek=jenis_objek(objek),
                                       objek_id=objek.pk, aksi="tampilkan" if tampil else "sembunyikan",
                                       alasan=alasan, status_sebelum=lama, status_sesudah=baru, oleh=actor)
    return objek


# --- public replies -------------------------------------------------------------------------------------------------


@transaction.atomic
def balasan_create(*, actor, objek, isi: str, sebagai: str) -> BalasanPublik:
    """A public answer to a piece of feedback, by the rated ASN (`sebagai="asn"`) or by the unit."""
    scope = scope_partisipasi(actor)
    errors: dict[str, list[str]] = {}
    isi = teks(isi, field_name="isi", maks=1000, wajib=True, errors=errors)
    raise_if(errors)
    if objek.instansi_id != scope.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    if objek.status != StatusModerasi.TAMPIL:
        raise InvalidState(MSG_BALAS_TERSEMBUNYI)
    unit = unit_objek(objek)
    if sebagai == SebagaiBalasan.ASN:
        pegawai = scope.base.pegawai
        dinilai = getattr(objek, "pegawai", None) or (objek.petugas.pegawai if getattr(objek, "petugas", None)
                                                      else None)
        if pegawai is None or dinilai is None or dinilai.pk != pegawai.pk:
            raise Forbidden(MSG_BALAS_FORBIDDEN)
        nama = f"{pegawai.nama_lengkap} (petugas yang dinilai)"
        unit = pegawai.unit_kerja or unit
    elif sebagai == SebagaiBalasan.UNIT:
        if not scope.mengelola_unit(unit):
            raise Forbidden(MSG_BALAS_FORBIDDEN)
        nama = unit.nama
    else:
        raise ApplicationError("Pilih membalas sebagai petugas atau sebagai unit.")
    target = {"survei": "respon_survei", "penilaian": "penilaian_petugas", "masukan": "masukan_proyek"}
    with audit_actor(actor):
        return BalasanPublik.objects.create(instansi_id=objek.instansi_id, penulis=actor, sebagai=sebagai,
                                            unit_kerja=unit, nama_tampil=nama[:200], isi=isi,
                                            **{target[jenis_objek(objek)]: objek})
