"""Every write of performance planning: periods, organisation targets, the program registry and the SKP
workflow (draft → diajukan → disetujui / dikembalikan → revisi). Atomic, permission-checked, audited; every
service that touches an SKP checks its period first (`periode_ensure`). Rules cite REFERENCE.md §1."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.audit import audit_actor, log_bulk
from kinerja.core.exceptions import (
    MSG_NOT_FOUND,
    ApplicationError,
    ErrorCode,
    Forbidden,
    InvalidState,
    NotFound,
    validation_error_detail,
)
from kinerja.core.models import Notifikasi
from kinerja.core.services import notifikasi_create
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import JenisJabatan, Pegawai, UnitKerja
from kinerja.organisasi.selectors import atasan_langsung, bawahan_langsung, pejabat_penilai
from kinerja.perencanaan import rules
from kinerja.perencanaan.models import (
    AsalRhk,
    EkspektasiPerilaku,
    IndikatorKinerja,
    JadwalEvaluasi,
    JenisProgram,
    JenisSkp,
    Kadensi,
    Pendekatan,
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    RiwayatSkp,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
    StatusSkp,
    SumberSasaran,
)
from kinerja.perencanaan.selectors import peran_pada_skp, skp_terlihat

# --- Messages (constants so tests can import them) ------------------------------------------------------------
MSG_ADMIN_ONLY = "Hanya admin BKPSDM yang dapat mengatur periode dan sasaran organisasi."
MSG_PROGRAM_FORBIDDEN = "Hanya admin BKPSDM atau pimpinan OPD pelaksana yang dapat mengubah daftar program."
MSG_PERIODE_ADA = "Periode kinerja tahun {tahun} sudah ada."
MSG_PERIODE_TANGGAL = "Tanggal selesai periode harus setelah tanggal mulai."
MSG_BATAS_SKP = "Batas penetapan SKP harus di dalam periode."
MSG_BATAS_EVALUASI = "Batas evaluasi tahunan tidak boleh sebelum akhir periode."
MSG_STATUS_LOMPAT = "Status periode hanya dapat maju satu tahap: dari {dari} ke {ke}."
MSG_KADENSI_TERKUNCI = "Kadensi evaluasi hanya dapat diubah selama tahap perencanaan."
MSG_TANPA_JABATAN = "Pegawai ini belum memiliki jabatan aktif; hubungi admin BKPSDM."
MSG_SKP_ADA = "Sudah ada SKP aktif untuk periode {tahun}. Buka SKP itu untuk melanjutkan."
MSG_SKP_BUKAN_MILIK = "Hanya pemilik SKP yang dapat mengubah isinya."
MSG_BUKAN_PENILAI = "Hanya pejabat penilai kinerja pegawai ini yang dapat melakukannya."
MSG_SKP_TERKUNCI = "SKP sudah {status}. Perubahan hanya dapat dilakukan melalui revisi."
MSG_SKP_DIAJUKAN = "SKP sedang diperiksa pejabat penilai; tunggu hasilnya sebelum mengubah."
MSG_TEKS_RHK = "Tulis rencana hasil kerjanya."
MSG_JENIS_RHK = "Jenis RHK harus Utama atau Tambahan."
MSG_INTERVENSI_WAJIB = ("Pilih RHK atasan yang diintervensi: setiap RHK pegawai selain JPT harus menginduk RHK "
                        "atasan langsungnya.")
MSG_INTERVENSI_BUKAN_ATASAN = ("RHK yang diintervensi harus RHK milik atasan langsung Anda ({nama}), bukan milik "
                               "pegawai lain.")
MSG_INTERVENSI_SKP_LAIN = "RHK atasan yang dipilih bukan dari SKP aktif periode yang sama."
MSG_TANPA_PENILAI = "Anda belum memiliki pejabat penilai kinerja; hubungi admin BKPSDM untuk memeriksa jabatan Anda."
MSG_SIKLUS = "RHK atasan yang dipilih berada di bawah RHK ini sendiri (membentuk siklus). Pilih RHK lain."
MSG_SASARAN_WAJIB = "RHK pejabat pimpinan tinggi (JPT) harus menginduk sasaran organisasi (sasaran strategis / PK)."
MSG_SASARAN_SALAH = "Sasaran organisasi harus milik OPD Anda atau sasaran daerah pada periode yang sama."
MSG_JPT_TANPA_INTERVENSI = "RHK JPT menginduk sasaran organisasi, bukan RHK pegawai lain."
MSG_NON_JPT_SASARAN = "Hanya RHK JPT yang menginduk sasaran organisasi langsung."
MSG_PROGRAM_SALAH = "Program/kegiatan harus aktif, milik instansi ini dan untuk tahun periode SKP."
MSG_RHK_UTAMA_MINIMAL = "Tambahkan minimal satu RHK utama sebelum mengajukan SKP."
MSG_RHK_TURUNAN = ("RHK ini sudah diintervensi oleh {n} RHK bawahan. Ubah teksnya saja, atau minta bawahan "
                   "memindahkan RHK mereka lebih dulu.")
MSG_RHK_DIPAKAI = "RHK atau indikator ini sudah dipakai di data lain (mis. laporan harian), sehingga tidak dapat dihapus."
MSG_CATATAN_WAJIB = "Tulis catatan untuk pegawai: umum atau pada RHK yang perlu diperbaiki."
MSG_ALASAN_WAJIB = "Tulis alasan revisi."
MSG_EKSPEKTASI_KOSONG = "Ekspektasi khusus pimpinan tidak boleh kosong."
MSG_NILAI_TIDAK_DIKENAL = "Nilai BerAKHLAK tidak dikenal."
MSG_BAGIKAN_PILIH = "Pilih minimal satu bawahan langsung."
MSG_BAGIKAN_BUKAN_BAWAHAN = "{nama} bukan bawahan langsung Anda."
MSG_BAGIKAN_BUKAN_MILIK = "Anda hanya dapat membagikan RHK dari SKP Anda sendiri."
MSG_SALIN_BUKAN_MILIK = "Anda hanya dapat menyalin SKP Anda sendiri."
MSG_SALIN_TUJUAN = "SKP tujuan harus SKP Anda pada periode ini yang masih dapat diubah."
MSG_PINDAH_TANGGAL = "Tanggal pindah jabatan harus di dalam masa berlaku SKP ini."
MSG_SASARAN_TEKS = "Tulis sasarannya."
MSG_SASARAN_UNIT = "Sasaran organisasi hanya untuk OPD (unit tertinggi) atau untuk daerah (kosongkan OPD)."
MSG_SASARAN_INDUK = "Sasaran induk harus sasaran daerah atau sasaran OPD yang sama pada periode yang sama."
MSG_SASARAN_SIKLUS = "Sasaran induk tidak boleh sasaran ini sendiri atau turunannya."
MSG_PROGRAM_KODE = "Kode {kode} sudah dipakai untuk tahun {tahun}."
MSG_PROGRAM_INDUK = "Induk tidak sesuai: kegiatan di bawah program; proyek di bawah kegiatan atau program."
MSG_PROGRAM_SIKLUS = "Induk tidak boleh program ini sendiri atau turunannya."
MSG_KOORDINAT = "Koordinat di luar wilayah Indonesia. Periksa lintang (−11 s.d. 6) dan bujur (95 s.d. 141)."
MSG_KOORDINAT_PASANGAN = "Isi lintang dan bujur bersamaan."

JUMLAH_HARI_KERJA_PENILAIAN = 10  # batas pengisian penilaian: 10 working days after a window ends (a policy)


def _scope(actor):
    return scope_for(actor)


def _require_admin(actor) -> None:
    if not (actor.is_superuser or _scope(actor).master_write):
        raise Forbidden(MSG_ADMIN_ONLY)


def _full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        detail = validation_error_detail(exc)
        raise ApplicationError(next(iter(detail.values()))[0], detail=detail) from exc


def _fail(field_name: str, message: str, *, code: ErrorCode | None = None) -> None:
    raise ApplicationError(message, code=code, detail={field_name: [message]})


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


# --- Period guard ---------------------------------------------------------------------------------------------


def periode_ensure(periode: PeriodeKinerja, aksi: str = "skp") -> None:
    """The one guard every service calls before touching a period's children (REFERENCE.md §1.2)."""
    if not rules.periode_mengizinkan(periode.status, aksi):
        raise InvalidState(rules.pesan_periode_menolak(periode.status, aksi, periode.tahun))


# --- Periods ------------------------------------------------------------------------------------------------------


def _jadwal_for(periode: PeriodeKinerja) -> list[JadwalEvaluasi]:
    out = []
    for nomor, nama, m1, m2, final in rules.jendela_evaluasi(periode.tahun, periode.kadensi):
        mulai = dt.date(periode.tahun, m1, 1)
        selesai = (dt.date(periode.tahun + (m2 == 12), m2 % 12 + 1, 1) - dt.timedelta(days=1))
        batas = (periode.batas_evaluasi_tahunan if final
                 else kalender.add_hari_kerja(selesai, JUMLAH_HARI_KERJA_PENILAIAN, periode.instansi_id))
        out.append(JadwalEvaluasi(instansi_id=periode.instansi_id, periode=periode, nomor=nomor, nama=nama,
                                  tanggal_mulai=mulai, tanggal_selesai=selesai, batas_penilaian=batas,
                                  is_final=final))
    return out


def _validate_periode_dates(p: PeriodeKinerja) -> None:
    if p.tanggal_selesai <= p.tanggal_mulai:
        _fail("tanggal_selesai", MSG_PERIODE_TANGGAL)
    if not (p.tanggal_mulai <= p.batas_skp <= p.tanggal_selesai):
        _fail("batas_skp", MSG_BATAS_SKP)
    if p.batas_evaluasi_tahunan < p.tanggal_selesai:
        _fail("batas_evaluasi_tahunan", MSG_BATAS_EVALUASI)


@transaction.atomic
def periode_kinerja_create(*, actor, tahun: int, kadensi: str = Kadensi.TRIWULANAN, nama: str = "",
                           batas_skp: dt.date | None = None, batas_evaluasi_tahunan: dt.date | None = None,
                           instansi_id: int | None = None) -> PeriodeKinerja:
    """A performance year with its evaluation windows (periodic per the cadence, plus the annual one)."""
    _require_admin(actor)
    instansi_id = instansi_id or actor.instansi_id
    if not actor.is_superuser and instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    if kadensi not in Kadensi.values:
        _fail("kadensi", "Pilih kadensi evaluasi: bulanan atau triwulanan.")
    if PeriodeKinerja.objects.filter(instansi_id=instansi_id, tahun=tahun).exists():
        _fail("tahun", MSG_PERIODE_ADA.format(tahun=tahun), code=ErrorCode.CONFLICT)
    periode = PeriodeKinerja(
        instansi_id=instansi_id, tahun=tahun, kadensi=kadensi, nama=(nama or f"Periode Kinerja {tahun}").strip(),
        tanggal_mulai=dt.date(tahun, 1, 1), tanggal_selesai=dt.date(tahun, 12, 31),
        # REFERENCE.md §1.8 (UNVERIFIED defaults, editable): SKP set by end of January; annual evaluation early
        # in the following year.
        batas_skp=batas_skp or dt.date(tahun, 1, 31),
        batas_evaluasi_tahunan=batas_evaluasi_tahunan or dt.date(tahun + 1, 1, 31),
    )
    _validate_periode_dates(periode)
    _full_clean(periode)
    with audit_actor(actor):
        periode.save()
        for jadwal in _jadwal_for(periode):
            jadwal.save()
    return periode


PERIODE_EDITABLE = {"nama", "kadensi", "batas_skp", "batas_evaluasi_tahunan"}


@transaction.atomic
def periode_kinerja_update(*, actor, periode: PeriodeKinerja, **fields) -> PeriodeKinerja:
    _require_admin(actor)
    periode = PeriodeKinerja.objects.select_for_update().get(pk=periode.pk)
    if periode.instansi_id != actor.instansi_id and not actor.is_superuser:
        raise NotFound(MSG_NOT_FOUND)
    if periode.status == rules.DITUTUP:
        raise InvalidState(rules.pesan_periode_menolak(periode.status, "skp", periode.tahun))
    unknown = set(fields) - PERIODE_EDITABLE
    if unknown:
        raise Forbidden("Kolom berikut tidak dapat diubah: " + ", ".join(sorted(unknown)) + ".")
    kadensi_berubah = "kadensi" in fields and fields["kadensi"] != periode.kadensi
    if kadensi_berubah and periode.status != rules.PERENCANAAN:
        _fail("kadensi", MSG_KADENSI_TERKUNCI, code=ErrorCode.INVALID_STATE)
    for key, value in fields.items():
        setattr(periode, key, value.strip() if isinstance(value, str) else value)
    _validate_periode_dates(periode)
    _full_clean(periode)
    with audit_actor(actor):
        periode.save()
        if kadensi_berubah:
            periode.jadwal.all().delete()
            for jadwal in _jadwal_for(periode):
                jadwal.save()
        else:
            periode.jadwal.filter(is_final=True).update(batas_penilaian=periode.batas_evaluasi_tahunan)
    return periode


@transaction.atomic
def periode_kinerja_set_status(*, actor, periode: PeriodeKinerja, status: str) -> PeriodeKinerja:
    """Move a period one step forward: perencanaan → berjalan → evaluasi → ditutup."""
    _require_admin(actor)
    periode = PeriodeKinerja.objects.select_for_update().get(pk=periode.pk)
    if periode.instansi_id != actor.instansi_id and not actor.is_superuser:
        raise NotFound(MSG_NOT_FOUND)
    berikut = rules.status_periode_berikut(periode.status)
    if berikut is None:
        raise InvalidState(rules.pesan_periode_menolak(periode.status, "skp", periode.tahun))
    if status != berikut:
        raise InvalidState(MSG_STATUS_LOMPAT.format(dari=periode.get_status_display(), ke=berikut),
                           detail={"status": [MSG_STATUS_LOMPAT.format(dari=periode.status, ke=berikut)]})
    with audit_actor(actor):
        periode.status = status
        periode.save(update_fields=["status", "updated_at"])
    return periode


@transaction.atomic
def jadwal_evaluasi_update(*, actor, jadwal: JadwalEvaluasi, batas_penilaian: dt.date) -> JadwalEvaluasi:
    _require_admin(actor)
    jadwal = JadwalEvaluasi.objects.select_for_update().select_related("periode").get(pk=jadwal.pk)
    if jadwal.periode.status == rules.DITUTUP:
        raise InvalidState(rules.pesan_periode_menolak(rules.DITUTUP, "skp", jadwal.periode.tahun))
    if batas_penilaian < jadwal.tanggal_selesai:
        _fail("batas_penilaian", "Batas penilaian tidak boleh sebelum akhir jendela evaluasi.")
    with audit_actor(actor):
        jadwal.batas_penilaian = batas_penilaian
        jadwal.save(update_fields=["batas_penilaian", "updated_at"])
    return jadwal


# --- Sasaran organisasi --------------------------------------------------------------------------------------------


def _validate_sasaran(s: SasaranOrganisasi) -> None:
    if not s.teks.strip():
        _fail("teks", MSG_SASARAN_TEKS)
    if s.unit_kerja_id is not None and (s.unit_kerja.instansi_id != s.instansi_id or s.unit_kerja.induk_id is not None):
        _fail("unit_kerja", MSG_SASARAN_UNIT)
    if s.induk_id is not None:
        induk = s.induk
        ok = induk.periode_id == s.periode_id and (induk.unit_kerja_id is None or induk.unit_kerja_id == s.unit_kerja_id)
        if not ok:
            _fail("induk", MSG_SASARAN_INDUK)
        if s.pk is not None:
            node, seen = induk, set()
            while node is not None and node.pk not in seen:
                if node.pk == s.pk:
                    _fail("induk", MSG_SASARAN_SIKLUS)
                seen.add(node.pk)
                node = node.induk


@transaction.atomic
def sasaran_organisasi_create(*, actor, periode: PeriodeKinerja, teks: str, unit_kerja: UnitKerja | None = None,
                              induk: SasaranOrganisasi | None = None, kode: str = "", indikator: str = "",
                              target: str = "", sumber: str = "") -> SasaranOrganisasi:
    """A regency target (no unit) or an OPD's sasaran strategis / Perjanjian Kinerja, entered by admin."""
    _require_admin(actor)
    if periode.instansi_id != actor.instansi_id and not actor.is_superuser:
        raise NotFound(MSG_NOT_FOUND)
    periode_ensure(periode, "sasaran_organisasi")
    s = SasaranOrganisasi(instansi_id=periode.instansi_id, periode=periode, unit_kerja=unit_kerja, induk=induk,
                          kode=(kode or "").strip(), teks=(teks or "").strip(), indikator=(indikator or "").strip(),
                          target=(target or "").strip(),
                          sumber=sumber or (SumberSasaran.RPJMD if unit_kerja is None else SumberSasaran.PK))
    _validate_sasaran(s)
    _full_clean(s)
    with audit_actor(actor):
        s.save()
    return s


SASARAN_EDITABLE = {"teks", "kode", "indikator", "target", "sumber", "induk", "unit_kerja"}


@transaction.atomic
def sasaran_organisasi_update(*, actor, sasaran: SasaranOrganisasi, **fields) -> SasaranOrganisasi:
    _require_admin(actor)
    s = SasaranOrganisasi.objects.select_for_update().select_related("periode").get(pk=sasaran.pk)
    if s.instansi_id != actor.instansi_id and not actor.is_superuser:
        raise NotFound(MSG_NOT_FOUND)
    periode_ensure(s.periode, "sasaran_organisasi")
    unknown = set(fields) - SASARAN_EDITABLE
    if unknown:
        raise Forbidden("Kolom berikut tidak dapat diubah: " + ", ".join(sorted(unknown)) + ".")
    for key, value in fields.items():
        setattr(s, key, value.strip() if isinstance(value, str) else value)
    _validate_sasaran(s)
    _full_clean(s)
    with audit_actor(actor):
        s.save()
    return s


# --- Program / kegiatan / proyek --------------------------------------------------------------------------------


def _require_program_write(actor, unit: UnitKerja) -> None:
    scope = _scope(actor)
    if actor.is_superuser or (scope.master_write and unit.instansi_id == actor.instansi_id):
        return
    opd_id = unit.opd_id or unit.pk
    if opd_id in scope.opd_ids:
        return
    raise Forbidden(MSG_PROGRAM_FORBIDDEN)


INDUK_PROGRAM_SAH = {
    JenisProgram.PROGRAM: set(),
    JenisProgram.KEGIATAN: {JenisProgram.PROGRAM},
    JenisProgram.PROYEK: {JenisProgram.KEGIATAN, JenisProgram.PROGRAM},
}


def _validate_program(p: ProgramKegiatan) -> None:
    errors: dict[str, list[str]] = {}
    if p.jenis not in JenisProgram.values:
        errors["jenis"] = ["Pilih jenis: program, kegiatan atau proyek."]
    if not p.kode:
        errors["kode"] = ["Isi kode program/kegiatan."]
    if not p.nama:
        errors["nama"] = ["Isi nama program/kegiatan."]
    if p.kode and ProgramKegiatan.objects.filter(instansi_id=p.instansi_id, tahun=p.tahun, kode=p.kode).exclude(
            pk=p.pk).exists():
        errors["kode"] = [MSG_PROGRAM_KODE.format(kode=p.kode, tahun=p.tahun)]
    if p.induk_id is not None:
        induk = p.induk
        if (induk.instansi_id != p.instansi_id or induk.tahun != p.tahun
                or induk.jenis not in INDUK_PROGRAM_SAH.get(p.jenis, set())):
            errors["induk"] = [MSG_PROGRAM_INDUK]
        elif p.pk is not None:
            node, seen = induk, set()
            while node is not None and node.pk not in seen:
                if node.pk == p.pk:
                    errors["induk"] = [MSG_PROGRAM_SIKLUS]
                    break
                seen.add(node.pk)
                node = node.induk
    if (p.latitude is None) != (p.longitude is None):
        errors["latitude"] = [MSG_KOORDINAT_PASANGAN]
    elif p.latitude is not None and not (-11 <= p.latitude <= 6 and 95 <= p.longitude <= 141):
        errors["latitude"] = [MSG_KOORDINAT]
    if p.anggaran is not None and p.anggaran < 0:
        errors["anggaran"] = ["Anggaran tidak boleh negatif."]
    if p.tanggal_mulai and p.tanggal_selesai and p.tanggal_selesai < p.tanggal_mulai:
        errors["tanggal_selesai"] = ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    if p.penanggung_jawab_id and p.penanggung_jawab.instansi_id != p.instansi_id:
        errors["penanggung_jawab"] = ["Penanggung jawab harus pegawai instansi ini."]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], detail=errors)


PROGRAM_FIELDS = {"jenis", "kode", "nama", "unit_kerja", "induk", "tahun", "deskripsi", "lokasi", "latitude",
                  "longitude", "anggaran", "tanggal_mulai", "tanggal_selesai", "penanggung_jawab", "aktif"}


@transaction.atomic
def program_kegiatan_create(*, actor, jenis: str, kode: str, nama: str, unit_kerja: UnitKerja, tahun: int,
                            **extra) -> ProgramKegiatan:
    """Register a program, kegiatan or proyek that RHK, daily reports and citizen feedback refer to."""
    _require_program_write(actor, unit_kerja)
    unknown = set(extra) - PROGRAM_FIELDS
    if unknown:
        raise Forbidden("Kolom tidak dikenal: " + ", ".join(sorted(unknown)) + ".")
    p = ProgramKegiatan(instansi_id=unit_kerja.instansi_id, jenis=jenis, kode=(kode or "").strip(),
                        nama=(nama or "").strip(), unit_kerja=unit_kerja, tahun=tahun,
                        **{k: (v.strip() if isinstance(v, str) else v) for k, v in extra.items()})
    _validate_program(p)
    _full_clean(p)
    with audit_actor(actor):
        p.save()
    return p


@transaction.atomic
def program_kegiatan_update(*, actor, program: ProgramKegiatan, **fields) -> ProgramKegiatan:
    p = ProgramKegiatan.objects.select_for_update().select_related("unit_kerja").get(pk=program.pk)
    _require_program_write(actor, p.unit_kerja)
    unknown = set(fields) - PROGRAM_FIELDS
    if unknown:
        raise Forbidden("Kolom tidak dikenal: " + ", ".join(sorted(unknown)) + ".")
    if "unit_kerja" in fields:
        _require_program_write(actor, fields["unit_kerja"])
    for key, value in fields.items():
        setattr(p, key, value.strip() if isinstance(value, str) else value)
    _validate_program(p)
    _full_clean(p)
    with audit_actor(actor):
        p.save()
    return p


# --- SKP: snapshots and permissions ----------------------------------------------------------------------------


def snapshot_pegawai(p: Pegawai | None) -> dict:
    """What the SKP keeps of an appraiser as of the record (name, NIP, rank, position, unit)."""
    if p is None:
        return {}
    return {"id": p.pk, "nama": p.nama_lengkap, "nip": p.nip, "pangkat_golongan": p.pangkat_golongan,
            "jabatan": p.jabatan.nama if p.jabatan_id else "",
            "unit_kerja": p.unit_kerja.nama if p.unit_kerja_id else ""}


def _is_owner(actor, skp: SasaranKinerjaPegawai) -> bool:
    return _scope(actor).pegawai_id == skp.pegawai_id


def _is_penilai(actor, skp: SasaranKinerjaPegawai) -> bool:
    return "penilai" in peran_pada_skp(actor, skp)


def _visible(actor, skp: SasaranKinerjaPegawai) -> bool:
    return skp_terlihat(actor, skp)


def _lock_skp(skp: SasaranKinerjaPegawai) -> SasaranKinerjaPegawai:
    return (SasaranKinerjaPegawai.objects.select_for_update(of=("self",))
            .select_related("periode", "pegawai__jabatan", "pejabat_penilai__user")
            .get(pk=skp.pk))


def skp_ensure_editable(actor, skp: SasaranKinerjaPegawai) -> None:
    """Raise unless the actor may change the SKP's RHK now (also used by views before showing a form)."""
    _require_owner_edit(actor, skp)


def _require_owner_edit(actor, skp: SasaranKinerjaPegawai) -> None:
    """Owner writes to RHK/indicators: visible, owner, period open, status draft/dikembalikan."""
    if not _visible(actor, skp):
        raise NotFound(MSG_NOT_FOUND)
    if not _is_owner(actor, skp):
        raise Forbidden(MSG_SKP_BUKAN_MILIK)
    periode_ensure(skp.periode, "skp")
    if skp.status == StatusSkp.DIAJUKAN:
        raise InvalidState(MSG_SKP_DIAJUKAN)
    if not skp.bisa_diubah:
        raise InvalidState(MSG_SKP_TERKUNCI.format(status=skp.get_status_display().lower()))


def _notify(pegawai: Pegawai | None, judul: str, pesan: str, skp: SasaranKinerjaPegawai) -> None:
    if pegawai is None or not pegawai.user_id:
        return
    notifikasi_create(user=pegawai.user, judul=judul, pesan=pesan, jenis="skp",
                      url=reverse("perencanaan:skp_detail", args=[skp.pk]))


def skp_isi(skp: SasaranKinerjaPegawai) -> dict:
    """The content of an SKP as stored in a version (RiwayatSkp.isi)."""
    rhk = []
    for r in skp.rhk.select_related("intervensi", "sasaran_organisasi", "program").prefetch_related("indikator"):
        rhk.append({
            "id": r.pk, "jenis": r.jenis, "teks": r.teks,
            "intervensi": r.intervensi.teks if r.intervensi_id else None,
            "sasaran_organisasi": r.sasaran_organisasi.teks if r.sasaran_organisasi_id else None,
            "program": r.program.nama if r.program_id else None,
            "catatan_pengembalian": r.catatan_pengembalian,
            "indikator": [{"aspek": i.aspek, "teks": i.teks, "target": str(i.target), "satuan": i.satuan,
                           "perspektif": i.perspektif} for i in r.indikator.all()],
        })
    return {
        "status": skp.status, "versi": skp.versi, "jenis": skp.jenis, "pendekatan": skp.pendekatan,
        "jabatan": skp.jabatan_nama, "unit_kerja": skp.unit_kerja_nama,
        "pejabat_penilai": skp.pejabat_penilai_snapshot,
        "tanggal_mulai": skp.tanggal_mulai.isoformat(), "tanggal_selesai": skp.tanggal_selesai.isoformat(),
        "catatan": skp.catatan, "rhk": rhk,
        "ekspektasi": {e.nilai: e.ekspektasi for e in skp.ekspektasi.all()},
    }


def _riwayat(actor, skp: SasaranKinerjaPegawai, peristiwa: str, alasan: str = "") -> RiwayatSkp:
    return RiwayatSkp.objects.create(instansi_id=skp.instansi_id, skp=skp, versi=skp.versi, peristiwa=peristiwa,
                                     oleh=actor, isi=skp_isi(skp), alasan=alasan)


# --- SKP: create ---------------------------------------------------------------------------------------------------


def _new_skp(*, pegawai: Pegawai, periode: PeriodeKinerja, pendekatan: str = Pendekatan.KUANTITATIF,
             tanggal_mulai: dt.date | None = None, sumber: SasaranKinerjaPegawai | None = None,
             penilai: tuple[Pegawai | None, Pegawai | None] | None = None) -> SasaranKinerjaPegawai:
    """Build (unsaved) an SKP with the snapshot of position, unit and appraisers as of today."""
    if not pegawai.jabatan_id:
        _fail("pegawai", MSG_TANPA_JABATAN)
    jabatan = pegawai.jabatan
    atasan, atasan_atasan = penilai if penilai is not None else pejabat_penilai(pegawai)
    if pendekatan not in Pendekatan.values:
        _fail("pendekatan", "Pilih pendekatan: kuantitatif atau kualitatif.")
    mulai = max(tanggal_mulai or periode.tanggal_mulai, periode.tanggal_mulai)
    return SasaranKinerjaPegawai(
        instansi_id=pegawai.instansi_id, periode=periode, pegawai=pegawai,
        jenis=JenisSkp.JPT if jabatan.jenis == JenisJabatan.JPT_PRATAMA else JenisSkp.JA_JF,
        pendekatan=pendekatan, status=StatusSkp.DRAFT, versi=1, tanggal_mulai=mulai,
        tanggal_selesai=periode.tanggal_selesai, aktif=True, jabatan=jabatan, jabatan_nama=jabatan.nama,
        unit_kerja_id=pegawai.unit_kerja_id, unit_kerja_nama=pegawai.unit_kerja.nama,
        pangkat_golongan=pegawai.pangkat_golongan,
        pejabat_penilai=atasan, pejabat_penilai_snapshot=snapshot_pegawai(atasan),
        atasan_pejabat_penilai=atasan_atasan, atasan_pejabat_penilai_snapshot=snapshot_pegawai(atasan_atasan),
        sumber=sumber,
    )


@transaction.atomic
def skp_create(*, actor, periode: PeriodeKinerja, pegawai: Pegawai | None = None,
               pendekatan: str = Pendekatan.KUANTITATIF) -> SasaranKinerjaPegawai:
    """A new draft SKP for oneself (admin BKPSDM may open one on a pegawai's behalf)."""
    scope = _scope(actor)
    pegawai = pegawai or scope.pegawai
    if pegawai is None:
        raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
    if pegawai.pk != scope.pegawai_id and not scope.master_write:
        if not scope.covers(pegawai):
            raise NotFound(MSG_NOT_FOUND)
        raise Forbidden(MSG_SKP_BUKAN_MILIK)
    if periode.instansi_id != pegawai.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    periode_ensure(periode, "skp")
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja").get(pk=pegawai.pk)
    if SasaranKinerjaPegawai.objects.filter(pegawai=pegawai, periode=periode, aktif=True).exists():
        _fail("periode", MSG_SKP_ADA.format(tahun=periode.tahun), code=ErrorCode.CONFLICT)
    skp = _new_skp(pegawai=pegawai, periode=periode, pendekatan=pendekatan)
    with audit_actor(actor):
        try:
            with transaction.atomic():
                skp.save()
        except IntegrityError as exc:  # a concurrent create won the race
            raise ApplicationError(MSG_SKP_ADA.format(tahun=periode.tahun), code=ErrorCode.CONFLICT) from exc
    return skp


# --- RHK and indicators ----------------------------------------------------------------------------------------------


@dataclass
class IndikatorInput:
    aspek: str
    teks: str
    target: Decimal | None
    satuan: str
    perspektif: str = ""

    @classmethod
    def of(cls, data: dict) -> IndikatorInput:
        return cls(aspek=(data.get("aspek") or "").strip(), teks=(data.get("teks") or "").strip(),
                   target=_decimal(data.get("target")), satuan=(data.get("satuan") or "").strip(),
                   perspektif=(data.get("perspektif") or "").strip())


def _chain_parents(start_id: int) -> dict[int, int | None]:
    """intervensi links from `start_id` upwards (one query per level; cascades are a few levels deep)."""
    parents: dict[int, int | None] = {}
    node: int | None = start_id
    for _ in range(30):
        if node is None or node in parents:
            break
        parent = RencanaHasilKerja.objects.filter(pk=node).values_list("intervensi_id", flat=True).first()
        parents[node] = parent
        node = parent
    return parents


def _validate_rhk(*, skp: SasaranKinerjaPegawai, teks: str, jenis: str, intervensi: RencanaHasilKerja | None,
                  sasaran_organisasi: SasaranOrganisasi | None, program: ProgramKegiatan | None,
                  indikator: list[IndikatorInput], rhk: RencanaHasilKerja | None = None) -> None:
    """REFERENCE.md §1.3: a JA/JF RHK hangs on an RHK of the direct superior; a JPT RHK on organisation targets;
    each indicator has a positive target with its unit; no cycles."""
    errors: dict[str, list[str]] = {}
    if not teks.strip():
        errors["teks"] = [MSG_TEKS_RHK]
    elif len(teks) > 500:
        errors["teks"] = ["RHK paling panjang 500 karakter."]
    if jenis not in dict(rules.JENIS_RHK):
        errors["jenis"] = [MSG_JENIS_RHK]
    if skp.is_jpt:
        if intervensi is not None:
            errors["intervensi"] = [MSG_JPT_TANPA_INTERVENSI]
        if sasaran_organisasi is None:
            errors["sasaran_organisasi"] = [MSG_SASARAN_WAJIB]
        else:
            opd_id = skp.unit_kerja.opd_id or skp.unit_kerja_id
            if (sasaran_organisasi.periode_id != skp.periode_id
                    or sasaran_organisasi.unit_kerja_id not in (None, opd_id)):
                errors["sasaran_organisasi"] = [MSG_SASARAN_SALAH]
    else:
        if sasaran_organisasi is not None:
            errors["sasaran_organisasi"] = [MSG_NON_JPT_SASARAN]
        if intervensi is None:
            errors["intervensi"] = [MSG_INTERVENSI_WAJIB]
        else:
            own = set(skp.rhk.values_list("pk", flat=True)) | ({rhk.pk} if rhk and rhk.pk else set())
            if rules.membentuk_siklus(intervensi.pk, _chain_parents(intervensi.pk), own):
                errors["intervensi"] = [MSG_SIKLUS]
            elif skp.pejabat_penilai_id is None:
                errors["intervensi"] = [MSG_TANPA_PENILAI]
            else:
                parent_skp = intervensi.skp
                if parent_skp.pegawai_id != skp.pejabat_penilai_id:
                    nama = skp.pejabat_penilai_snapshot.get("nama") or "atasan langsung"
                    errors["intervensi"] = [MSG_INTERVENSI_BUKAN_ATASAN.format(nama=nama)]
                elif parent_skp.periode_id != skp.periode_id or not parent_skp.aktif:
                    errors["intervensi"] = [MSG_INTERVENSI_SKP_LAIN]
    if program is not None and (program.instansi_id != skp.instansi_id or program.tahun != skp.periode.tahun
                                or not program.aktif):
        errors["program"] = [MSG_PROGRAM_SALAH]
    errors.update(rules.periksa_indikator([i.__dict__ for i in indikator], jpt=skp.is_jpt))
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], detail=errors)


def _save_indikator(rhk: RencanaHasilKerja, items: list[IndikatorInput], jpt: bool) -> None:
    """Update indicators in place per aspect (later apps may point at them), add new, drop the rest."""
    existing = {i.aspek: i for i in rhk.indikator.all()}
    keep = set()
    for n, item in enumerate(items):
        obj = existing.get(item.aspek) or IndikatorKinerja(instansi_id=rhk.instansi_id, rhk=rhk, aspek=item.aspek)
        obj.teks, obj.target, obj.satuan = item.teks[:500], item.target, item.satuan[:60]
        obj.perspektif = item.perspektif if jpt else ""
        obj.urutan = n
        obj.save()
        keep.add(obj.pk)
    stale = [i for i in existing.values() if i.pk not in keep]
    for obj in stale:
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError as exc:
            raise ApplicationError(MSG_RHK_DIPAKAI, code=ErrorCode.CONFLICT) from exc


def _rhk_refs(skp, intervensi_id, sasaran_id, program_id):
    intervensi = (RencanaHasilKerja.objects.select_related("skp").filter(pk=intervensi_id, instansi_id=skp.instansi_id)
                  .first() if intervensi_id else None)
    if intervensi_id and intervensi is None:
        _fail("intervensi", MSG_INTERVENSI_SKP_LAIN)
    sasaran = (SasaranOrganisasi.objects.filter(pk=sasaran_id, instansi_id=skp.instansi_id).first()
               if sasaran_id else None)
    if sasaran_id and sasaran is None:
        _fail("sasaran_organisasi", MSG_SASARAN_SALAH)
    program = ProgramKegiatan.objects.filter(pk=program_id, instansi_id=skp.instansi_id).first() if program_id else None
    if program_id and program is None:
        _fail("program", MSG_PROGRAM_SALAH)
    return intervensi, sasaran, program


@transaction.atomic
def rhk_create(*, actor, skp: SasaranKinerjaPegawai, teks: str, indikator: list[dict], jenis: str = "utama",
               intervensi_id: int | None = None, sasaran_organisasi_id: int | None = None,
               program_id: int | None = None) -> RencanaHasilKerja:
    """Add an RHK with its indicators to one's own draft or returned SKP."""
    skp = _lock_skp(skp)
    _require_owner_edit(actor, skp)
    intervensi, sasaran, program = _rhk_refs(skp, intervensi_id, sasaran_organisasi_id, program_id)
    items = [IndikatorInput.of(d) for d in indikator]
    teks = (teks or "").strip()
    _validate_rhk(skp=skp, teks=teks, jenis=jenis, intervensi=intervensi, sasaran_organisasi=sasaran,
                  program=program, indikator=items)
    with audit_actor(actor):
        rhk = RencanaHasilKerja.objects.create(
            instansi_id=skp.instansi_id, skp=skp, jenis=jenis, teks=teks, intervensi=intervensi,
            sasaran_organisasi=sasaran, program=program, urutan=skp.rhk.count() + 1)
        _save_indikator(rhk, items, skp.is_jpt)
    return rhk


@transaction.atomic
def rhk_update(*, actor, rhk: RencanaHasilKerja, teks: str, indikator: list[dict], jenis: str = "utama",
               intervensi_id: int | None = None, sasaran_organisasi_id: int | None = None,
               program_id: int | None = None) -> RencanaHasilKerja:
    rhk = RencanaHasilKerja.objects.select_for_update(of=("self",)).get(pk=rhk.pk)
    skp = _lock_skp(rhk.skp)
    _require_owner_edit(actor, skp)
    intervensi, sasaran, program = _rhk_refs(skp, intervensi_id, sasaran_organisasi_id, program_id)
    items = [IndikatorInput.of(d) for d in indikator]
    teks = (teks or "").strip()
    _validate_rhk(skp=skp, teks=teks, jenis=jenis, intervensi=intervensi, sasaran_organisasi=sasaran,
                  program=program, indikator=items, rhk=rhk)
    with audit_actor(actor):
        rhk.teks, rhk.jenis, rhk.intervensi, rhk.sasaran_organisasi, rhk.program = (
            teks, jenis, intervensi, sasaran, program)
        rhk.save()
        _save_indikator(rhk, items, skp.is_jpt)
    return rhk


@transaction.atomic
def rhk_delete(*, actor, rhk: RencanaHasilKerja) -> None:
    rhk = RencanaHasilKerja.objects.select_for_update(of=("self",)).get(pk=rhk.pk)
    skp = _lock_skp(rhk.skp)
    _require_owner_edit(actor, skp)
    n = rhk.turunan.count()
    if n:
        raise InvalidState(MSG_RHK_TURUNAN.format(n=n))
    with audit_actor(actor):
        try:
            with transaction.atomic():
                rhk.indikator.all().delete()
                rhk.delete()
        except ProtectedError as exc:
            raise ApplicationError(MSG_RHK_DIPAKAI, code=ErrorCode.CONFLICT) from exc


# --- Workflow -----------------------------------------------------------------------------------------------------------


def _problems_before_submit(skp: SasaranKinerjaPegawai) -> list[str]:
    problems = []
    rhk = list(skp.rhk.select_related("intervensi__skp").prefetch_related("indikator"))
    if not any(r.jenis == "utama" for r in rhk):
        problems.append(MSG_RHK_UTAMA_MINIMAL)
    if not skp.is_jpt and skp.pejabat_penilai_id is None:
        problems.append(MSG_TANPA_PENILAI)
    for r in rhk:
        if not r.indikator.all():
            problems.append(f"RHK “{r.teks[:60]}”: {rules.MSG_INDIKATOR_MINIMAL}")
        if skp.is_jpt and r.sasaran_organisasi_id is None:
            problems.append(f"RHK “{r.teks[:60]}”: {MSG_SASARAN_WAJIB}")
        if not skp.is_jpt:
            parent = r.intervensi
            if parent is None:
                problems.append(f"RHK “{r.teks[:60]}”: {MSG_INTERVENSI_WAJIB}")
            elif parent.skp.pegawai_id != skp.pejabat_penilai_id or not parent.skp.aktif:
                problems.append(f"RHK “{r.teks[:60]}”: RHK atasan yang diintervensi sudah tidak berlaku; pilih "
                                "RHK atasan yang baru.")
    return problems


@transaction.atomic
def skp_submit(*, actor, skp: SasaranKinerjaPegawai) -> SasaranKinerjaPegawai:
    """The owner sends the SKP to the pejabat penilai (draft/dikembalikan → diajukan)."""
    skp = _lock_skp(skp)
    if not _visible(actor, skp):
        raise NotFound(MSG_NOT_FOUND)
    if not _is_owner(actor, skp):
        raise Forbidden(MSG_SKP_BUKAN_MILIK)
    periode_ensure(skp.periode, "skp")
    baru = rules.transisi_skp(skp.status, "ajukan")
    if baru is None:
        raise InvalidState(f"SKP berstatus {skp.get_status_display().lower()} tidak dapat diajukan.")
    problems = _problems_before_submit(skp)
    if problems:
        raise ApplicationError(problems[0], detail={"__all__": problems})
    with audit_actor(actor):
        skp.status = baru
        skp.diajukan_pada = timezone.now()
        skp.save(update_fields=["status", "diajukan_pada", "updated_at"])
    _notify(skp.pejabat_penilai, f"SKP {skp.pegawai.nama_lengkap} menunggu persetujuan Anda",
            f"SKP {skp.periode.tahun} diajukan untuk Anda periksa.", skp)
    return skp


def _require_penilai(actor, skp: SasaranKinerjaPegawai) -> None:
    if not _visible(actor, skp):
        raise NotFound(MSG_NOT_FOUND)
    if not _is_penilai(actor, skp):
        raise Forbidden(MSG_BUKAN_PENILAI)
    periode_ensure(skp.periode, "skp")


@transaction.atomic
def skp_return(*, actor, skp: SasaranKinerjaPegawai, catatan: str = "",
               catatan_rhk: dict[int, str] | None = None) -> SasaranKinerjaPegawai:
    """The pejabat penilai sends the SKP back with a comment overall and/or per RHK (diajukan → dikembalikan)."""
    skp = _lock_skp(skp)
    _require_penilai(actor, skp)
    baru = rules.transisi_skp(skp.status, "kembalikan")
    if baru is None:
        raise InvalidState("Hanya SKP yang sedang diajukan yang dapat dikembalikan.")
    catatan = (catatan or "").strip()
    per_rhk = {int(k): (v or "").strip() for k, v in (catatan_rhk or {}).items()}
    rhk_ids = set(skp.rhk.values_list("pk", flat=True))
    unknown = set(per_rhk) - rhk_ids
    if unknown:
        _fail("catatan_rhk", "Catatan merujuk RHK yang bukan bagian SKP ini.")
    if not catatan and not any(per_rhk.values()):
        _fail("catatan", MSG_CATATAN_WAJIB)
    with audit_actor(actor):
        for r in skp.rhk.all():
            text = per_rhk.get(r.pk, "")
            if r.catatan_pengembalian != text:
                r.catatan_pengembalian = text
                r.save(update_fields=["catatan_pengembalian", "updated_at"])
        skp.status = baru
        skp.catatan = catatan
        skp.dikembalikan_pada = timezone.now()
        skp.save(update_fields=["status", "catatan", "dikembalikan_pada", "updated_at"])
        _riwayat(actor, skp, "dikembalikan", catatan or "; ".join(v for v in per_rhk.values() if v))
    _notify(skp.pegawai, "SKP Anda dikembalikan untuk diperbaiki",
            catatan or "Lihat catatan pejabat penilai pada RHK yang ditandai.", skp)
    return skp


@transaction.atomic
def skp_approve(*, actor, skp: SasaranKinerjaPegawai, catatan: str = "") -> SasaranKinerjaPegawai:
    """The pejabat penilai approves (diajukan → disetujui); the approved content is kept as a version."""
    skp = _lock_skp(skp)
    _require_penilai(actor, skp)
    baru = rules.transisi_skp(skp.status, "setujui")
    if baru is None:
        raise InvalidState("Hanya SKP yang sedang diajukan yang dapat disetujui.")
    with audit_actor(actor):
        skp.rhk.exclude(catatan_pengembalian="").update(catatan_pengembalian="")
        skp.status = baru
        skp.disetujui_pada = timezone.now()
        skp.disetujui_oleh = actor
        skp.catatan = (catatan or "").strip()
        skp.save(update_fields=["status", "disetujui_pada", "disetujui_oleh", "catatan", "updated_at"])
        _riwayat(actor, skp, "disetujui", skp.catatan)
    _notify(skp.pegawai, "SKP Anda disetujui", f"SKP {skp.periode.tahun} versi {skp.versi} berlaku.", skp)
    return skp


@transaction.atomic
def skp_revise(*, actor, skp: SasaranKinerjaPegawai, alasan: str) -> SasaranKinerjaPegawai:
    """Reopen an approved SKP as a new draft version (the approved version stays in RiwayatSkp)."""
    skp = _lock_skp(skp)
    if not _visible(actor, skp):
        raise NotFound(MSG_NOT_FOUND)
    if not (_is_owner(actor, skp) or _is_penilai(actor, skp)):
        raise Forbidden("Revisi SKP hanya dapat dibuka oleh pegawai atau pejabat penilainya.")
    periode_ensure(skp.periode, "skp")
    baru = rules.transisi_skp(skp.status, "revisi")
    if baru is None:
        raise InvalidState("Revisi hanya untuk SKP yang sudah disetujui; SKP ini masih dapat diubah langsung.")
    alasan = (alasan or "").strip()
    if not alasan:
        _fail("alasan", MSG_ALASAN_WAJIB)
    with audit_actor(actor):
        _riwayat(actor, skp, "revisi dibuka", alasan)
        skp.versi += 1
        skp.status = baru
        skp.catatan = ""
        skp.save(update_fields=["versi", "status", "catatan", "updated_at"])
    other = skp.pejabat_penilai if _is_owner(actor, skp) else skp.pegawai
    _notify(other, f"Revisi SKP {skp.pegawai.nama_lengkap} dibuka", alasan, skp)
    return skp


@transaction.atomic
def skp_pindah_jabatan(*, actor, skp: SasaranKinerjaPegawai, tanggal: dt.date, alasan: str
                       ) -> SasaranKinerjaPegawai:
    """A mid-year transfer: the current SKP ends the day before `tanggal` (kept, inactive, for its part of the
    year) and a new draft SKP starts on `tanggal` with today's position and appraisers (REFERENCE.md §1.8)."""
    skp = _lock_skp(skp)
    if not _visible(actor, skp):
        raise NotFound(MSG_NOT_FOUND)
    if not (_is_owner(actor, skp) or _is_penilai(actor, skp) or _scope(actor).master_write):
        raise Forbidden("Hanya pegawai, pejabat penilai atau admin BKPSDM yang dapat mencatat pindah jabatan.")
    periode_ensure(skp.periode, "skp")
    if not skp.aktif:
        raise InvalidState("SKP ini sudah tidak aktif.")
    if not (skp.tanggal_mulai < tanggal <= skp.tanggal_selesai):
        _fail("tanggal", MSG_PINDAH_TANGGAL)
    alasan = (alasan or "").strip()
    if not alasan:
        _fail("alasan", MSG_ALASAN_WAJIB)
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja").get(pk=skp.pegawai_id)
    with audit_actor(actor):
        _riwayat(actor, skp, "ditutup: pindah jabatan", alasan)
        skp.aktif = False
        skp.tanggal_selesai = tanggal - dt.timedelta(days=1)
        skp.save(update_fields=["aktif", "tanggal_selesai", "updated_at"])
        baru = _new_skp(pegawai=pegawai, periode=skp.periode, pendekatan=skp.pendekatan, tanggal_mulai=tanggal,
                        sumber=skp)
        baru.save()
    _notify(pegawai, "SKP baru untuk jabatan Anda", f"SKP lama berakhir {tanggal - dt.timedelta(days=1)}; "
            f"susun SKP untuk jabatan {baru.jabatan_nama}.", baru)
    _notify(baru.pejabat_penilai, f"{pegawai.nama_lengkap} bergabung: SKP baru", alasan, baru)
    return baru


@transaction.atomic
def skp_ekspektasi_set(*, actor, skp: SasaranKinerjaPegawai, ekspektasi: dict[str, str]) -> SasaranKinerjaPegawai:
    """The pejabat penilai writes the Ekspektasi Khusus Pimpinan on the BerAKHLAK values (REFERENCE.md §1.4)."""
    skp = _lock_skp(skp)
    _require_penilai(actor, skp)
    if skp.status == StatusSkp.DISETUJUI:
        raise InvalidState(MSG_SKP_TERKUNCI.format(status="disetujui"))
    errors = {}
    for nilai, text in ekspektasi.items():
        if nilai not in rules.NILAI_KODE:
            errors[nilai] = [MSG_NILAI_TIDAK_DIKENAL]
        elif not (text or "").strip():
            errors[nilai] = [MSG_EKSPEKTASI_KOSONG]
        elif len(text) > 2000:
            errors[nilai] = ["Ekspektasi paling panjang 2000 karakter."]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], detail=errors)
    existing = {e.nilai: e for e in skp.ekspektasi.all()}
    with audit_actor(actor):
        for nilai, text in ekspektasi.items():
            text = text.strip()
            obj = existing.get(nilai)
            if obj is None:
                if text == rules.ekspektasi_default(nilai):
                    continue  # the default needs no row
                EkspektasiPerilaku.objects.create(instansi_id=skp.instansi_id, skp=skp, nilai=nilai, ekspektasi=text)
            elif obj.ekspektasi != text:
                obj.ekspektasi = text
                obj.save(update_fields=["ekspektasi", "updated_at"])
    _notify(skp.pegawai, "Ekspektasi khusus pimpinan diperbarui",
            "Pejabat penilai menulis ekspektasi perilaku kerja pada SKP Anda.", skp)
    return skp


# --- Distribute an RHK down, copy last year's SKP -------------------------------------------------------------------


@dataclass
class HasilBagikan:
    dibuat: list[Pegawai] = field(default_factory=list)
    dilewati: list[tuple[Pegawai, str]] = field(default_factory=list)


@transaction.atomic
def rhk_bagikan(*, actor, rhk: RencanaHasilKerja, pegawai_ids: list[int], teks: str = "",
                indikator: list[dict] | None = None) -> HasilBagikan:
    """The atasan turns one of their RHK into draft RHK for chosen direct staff in one step: an SKP is opened for
    whoever has none; staff whose SKP is already submitted or approved are skipped (and told why)."""
    rhk = RencanaHasilKerja.objects.select_related("skp__periode", "skp__pegawai").get(pk=rhk.pk)
    me = _scope(actor).pegawai
    if me is None or rhk.skp.pegawai_id != me.pk:
        if not _visible(actor, rhk.skp):
            raise NotFound(MSG_NOT_FOUND)
        raise Forbidden(MSG_BAGIKAN_BUKAN_MILIK)
    periode = rhk.skp.periode
    periode_ensure(periode, "skp")
    if not rhk.skp.aktif:
        raise InvalidState(MSG_INTERVENSI_SKP_LAIN)
    ids = {int(i) for i in pegawai_ids}
    if not ids:
        _fail("pegawai", MSG_BAGIKAN_PILIH)
    staff = {p.pk: p for p in bawahan_langsung(me)}
    outside = ids - set(staff)
    if outside:
        other = Pegawai.objects.filter(pk__in=outside).first()
        _fail("pegawai", MSG_BAGIKAN_BUKAN_BAWAHAN.format(nama=other.nama_lengkap if other else "Pegawai"))
    teks = (teks or rhk.teks).strip()
    items = [IndikatorInput.of(d) for d in indikator] if indikator is not None else [
        IndikatorInput(aspek=i.aspek, teks=i.teks, target=i.target, satuan=i.satuan) for i in rhk.indikator.all()]
    errors = rules.periksa_indikator([i.__dict__ for i in items], jpt=False)
    if not teks:
        errors["teks"] = [MSG_TEKS_RHK]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], detail=errors)

    chosen = [staff[i] for i in sorted(ids, key=lambda i: staff[i].nama)]
    skps = {s.pegawai_id: s for s in SasaranKinerjaPegawai.objects.select_for_update().filter(
        periode=periode, aktif=True, pegawai_id__in=ids)}
    already = set(RencanaHasilKerja.objects.filter(intervensi=rhk, skp__pegawai_id__in=ids, skp__aktif=True)
                  .values_list("skp__pegawai_id", flat=True))
    hasil = HasilBagikan()
    new_skps, targets = [], []
    my_atasan = atasan_langsung(me)
    for p in chosen:
        s = skps.get(p.pk)
        if p.jabatan.jenis == JenisJabatan.JPT_PRATAMA:
            hasil.dilewati.append((p, "SKP JPT menginduk sasaran organisasi, bukan RHK atasan."))
        elif p.pk in already:
            hasil.dilewati.append((p, "Sudah memiliki RHK yang menginduk RHK ini."))
        elif s is None:
            s = _new_skp(pegawai=p, periode=periode, penilai=(me, my_atasan))
            new_skps.append(s)
            targets.append(s)
        elif s.pejabat_penilai_id != me.pk:
            hasil.dilewati.append((p, "Pejabat penilai pada SKP-nya bukan Anda."))
        elif not s.bisa_diubah:
            hasil.dilewati.append((p, f"SKP-nya sudah {s.get_status_display().lower()}; buka revisi lebih dulu."))
        else:
            targets.append(s)
    with audit_actor(actor):
        SasaranKinerjaPegawai.objects.bulk_create(new_skps)
        counts = dict(_count_rhk([s.pk for s in targets]))
        new_rhk = [RencanaHasilKerja(instansi_id=s.instansi_id, skp=s, jenis="utama", teks=teks[:500], intervensi=rhk,
                                     program=rhk.program, urutan=counts.get(s.pk, 0) + 1, asal=AsalRhk.DISTRIBUSI)
                   for s in targets]
        RencanaHasilKerja.objects.bulk_create(new_rhk)
        new_ind = [IndikatorKinerja(instansi_id=r.instansi_id, rhk=r, aspek=i.aspek, teks=i.teks[:500],
                                    target=i.target, satuan=i.satuan[:60], urutan=n)
                   for r in new_rhk for n, i in enumerate(items)]
        IndikatorKinerja.objects.bulk_create(new_ind)
        for objs in (new_skps, new_rhk, new_ind):
            log_bulk(actor=actor, objects=objs, action=LogEntry.Action.CREATE)
        url = reverse("perencanaan:saya")
        Notifikasi.objects.bulk_create([
            Notifikasi(user_id=staff[s.pegawai_id].user_id, jenis="skp", url=url,
                       judul=f"{me.nama_lengkap} membagikan RHK ke SKP Anda",
                       pesan=f"RHK “{teks[:150]}” ditambahkan ke draf SKP {periode.tahun}. Periksa indikatornya, "
                             "lalu ajukan.")
            for s in targets if staff[s.pegawai_id].user_id])
    hasil.dibuat = [staff[s.pegawai_id] for s in targets]
    return hasil


def _count_rhk(skp_ids: list[int]):
    from django.db.models import Count

    return (RencanaHasilKerja.objects.filter(skp_id__in=skp_ids).values("skp_id").annotate(n=Count("pk"))
            .values_list("skp_id", "n"))


@transaction.atomic
def skp_salin(*, actor, sumber: SasaranKinerjaPegawai, periode: PeriodeKinerja, pemetaan: dict[int, int | None],
              pendekatan: str | None = None) -> tuple[SasaranKinerjaPegawai, int]:
    """Copy one's earlier SKP (last year's, or the one before a transfer) as a starting point.

    `pemetaan` maps each old RHK id to the new parent — an RHK of the current atasan (JA/JF) or a sasaran
    organisasi (JPT) — or to None to leave it out. The copy goes into one's open draft SKP of `periode` when there
    is one, otherwise into a new draft. Returns (skp, number of RHK copied)."""
    scope = _scope(actor)
    if scope.pegawai is None or sumber.pegawai_id != scope.pegawai_id:
        if not scope.covers(sumber.pegawai):
            raise NotFound(MSG_NOT_FOUND)
        raise Forbidden(MSG_SALIN_BUKAN_MILIK)
    periode_ensure(periode, "skp")
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja").get(pk=scope.pegawai_id)
    target = SasaranKinerjaPegawai.objects.filter(pegawai=pegawai, periode=periode, aktif=True).first()
    if target is not None and target.pk == sumber.pk:
        _fail("sumber", "Pilih SKP lain sebagai sumber salinan.")
    if target is not None and not target.bisa_diubah:
        raise InvalidState(MSG_SALIN_TUJUAN)
    with audit_actor(actor):
        if target is None:
            target = _new_skp(pegawai=pegawai, periode=periode, pendekatan=pendekatan or sumber.pendekatan,
                              sumber=sumber)
            target.save()
        elif target.sumber_id is None:
            target.sumber = sumber
            target.save(update_fields=["sumber", "updated_at"])
        copied = 0
        for old in sumber.rhk.prefetch_related("indikator").order_by("jenis", "urutan", "pk"):
            parent_id = pemetaan.get(old.pk)
            if not parent_id:
                continue
            items = [{"aspek": i.aspek, "teks": i.teks, "target": i.target, "satuan": i.satuan,
                      "perspektif": i.perspektif} for i in old.indikator.all()]
            try:
                new = rhk_create(actor=actor, skp=target, teks=old.teks, indikator=items, jenis=old.jenis,
                                 intervensi_id=None if target.is_jpt else parent_id,
                                 sasaran_organisasi_id=parent_id if target.is_jpt else None,
                                 program_id=_program_tahun_ini(old.program, periode))
            except ApplicationError as exc:
                raise ApplicationError(f"RHK “{old.teks[:60]}”: {exc.message}",
                                       detail={f"rhk.{old.pk}": [exc.message]}) from exc
            RencanaHasilKerja.objects.filter(pk=new.pk).update(asal=AsalRhk.SALINAN, disalin_dari=old)
            copied += 1
        own = {e.nilai for e in target.ekspektasi.all()}
        for e in sumber.ekspektasi.all():
            if e.nilai not in own:
                EkspektasiPerilaku.objects.create(instansi_id=target.instansi_id, skp=target, nilai=e.nilai,
                                                  ekspektasi=e.ekspektasi)
    return target, copied


def _program_tahun_ini(program: ProgramKegiatan | None, periode: PeriodeKinerja) -> int | None:
    """The same program in the new year (matched by code), if the registry has it."""
    if program is None:
        return None
    if program.tahun == periode.tahun:
        return program.pk
    return (ProgramKegiatan.objects.filter(instansi_id=periode.instansi_id, tahun=periode.tahun, kode=program.kode,
                                           aktif=True).values_list("pk", flat=True).first())


MINTA_RHK_JEDA = dt.timedelta(hours=20)


def skp_minta_rhk_atasan(*, actor, periode: PeriodeKinerja) -> bool:
    """Ask one's atasan (in-app) to write or share their RHK, so one can hang one's own RHK on them. At most once
    a day. Returns False when the reminder was already sent recently."""
    me = _scope(actor).pegawai
    if me is None:
        raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
    periode_ensure(periode, "skp")
    atasan = atasan_langsung(me)
    if atasan is None or not atasan.user_id:
        raise ApplicationError(MSG_TANPA_PENILAI)
    judul = f"{me.nama_lengkap} menunggu RHK Anda untuk SKP {periode.tahun}"
    if Notifikasi.objects.filter(user_id=atasan.user_id, judul=judul,
                                 created_at__gte=timezone.now() - MINTA_RHK_JEDA).exists():
        return False
    notifikasi_create(user=atasan.user, judul=judul, jenis="skp", url=reverse("perencanaan:tim"),
                      pesan="RHK pegawai harus menginduk RHK atasan. Susun SKP Anda, lalu bagikan RHK ke bawahan "
                            "lewat tombol “Bagikan ke bawahan”.")
    return True
