"""Writes that set the feedback channels up: service points and project pages, named-ASN name tags (opt-in),
complaint handlers and the instansi's participation policy."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, Forbidden, NotFound
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.partisipasi.access import forget, scope_partisipasi
from kinerja.partisipasi.models import (
    BobotIkm,
    JenisTitik,
    KebijakanPartisipasi,
    PengelolaPengaduan,
    PetugasLayanan,
    TitikLayanan,
)
from kinerja.partisipasi.services._umum import kode_acak, raise_if, teks
from kinerja.perencanaan.models import JenisProgram, ProgramKegiatan

MSG_KODE = "Kode pendek hanya huruf kecil, angka dan tanda minus (3–24 karakter)."
MSG_KODE_DIPAKAI = "Kode pendek ini sudah dipakai. Pilih kode lain."
MSG_KELOLA_UNIT = "Hanya pengelola unit ini (kepala unit, pimpinan OPD, pengelola pengaduan) yang dapat mengatur ini."
MSG_BUKAN_PEGAWAI = "Akun ini tidak terhubung dengan data pegawai."
MSG_PROYEK = "Pilih proyek (program berjenis proyek) milik instansi ini."

_KODE_RE = re.compile(r"[a-z0-9][a-z0-9-]{2,23}")


def _kode(kode: str, model, *, exclude_pk=None) -> str:
    kode = (kode or "").strip().lower()
    if not kode:
        for _ in range(10):
            kode = kode_acak()
            if not model.objects.filter(kode=kode).exists():
                return kode
    if not _KODE_RE.fullmatch(kode):
        raise ApplicationError(MSG_KODE, detail={"kode": [MSG_KODE]})
    if model.objects.filter(kode=kode).exclude(pk=exclude_pk).exists():
        raise ApplicationError(MSG_KODE_DIPAKAI, detail={"kode": [MSG_KODE_DIPAKAI]})
    return kode


# --- service points and project pages ------------------------------------------------------------------------------


@transaction.atomic
def titik_simpan(*, actor, unit: UnitKerja, nama: str, jenis: str = JenisTitik.LAYANAN, kode: str = "",
                 deskripsi: str = "", alamat: str = "", program: ProgramKegiatan | None = None,
                 populasi_per_tahun: int = 0, aktif: bool = True, titik: TitikLayanan | None = None) -> TitikLayanan:
    """Create (or, with `titik`, update) a service point or a project page of a unit the actor manages."""
    scope = scope_partisipasi(actor)
    if not scope.mengelola_unit(unit) or (titik is not None and not scope.mengelola_unit(titik.unit_kerja)):
        raise Forbidden(MSG_KELOLA_UNIT)
    errors: dict[str, list[str]] = {}
    nama = teks(nama, field_name="nama", maks=200, wajib=True, errors=errors)
    deskripsi = teks(deskripsi, field_name="deskripsi", maks=2000, errors=errors)
    alamat = teks(alamat, field_name="alamat", maks=255, errors=errors)
    if jenis not in JenisTitik.values:
        errors["jenis"] = ["Pilih jenis: titik layanan atau proyek."]
    if jenis == JenisTitik.PROYEK and (program is None or program.instansi_id != unit.instansi_id
                                       or program.jenis != JenisProgram.PROYEK):
        errors["program"] = [MSG_PROYEK]
    if populasi_per_tahun is None or populasi_per_tahun < 0:
        errors["populasi_per_tahun"] = ["Isi perkiraan jumlah penerima layanan per tahun (0 bila belum tahu)."]
    raise_if(errors)
    kode = _kode(kode, TitikLayanan, exclude_pk=titik.pk if titik else None)
    with audit_actor(actor):
        obj = titik or TitikLayanan(instansi_id=unit.instansi_id)
        obj.unit_kerja = unit
        obj.jenis, obj.nama, obj.kode, obj.deskripsi, obj.alamat = jenis, nama, kode, deskripsi, alamat
        obj.program = program if jenis == JenisTitik.PROYEK else None
        obj.populasi_per_tahun, obj.aktif = populasi_per_tahun, aktif
        obj.full_clean(exclude=["instansi"])
        obj.save()
    return obj


# --- named ASN: opt-in name tags -----------------------------------------------------------------------------------


@transaction.atomic
def petugas_bersedia(*, actor, sebutan: str, titik: TitikLayanan | None = None, kode: str = "") -> PetugasLayanan:
    """The pegawai opts in to be rated by citizens and gets a name tag with a QR code. Only the pegawai
    themself can do this."""
    pegawai = scope_partisipasi(actor).base.pegawai
    if pegawai is None:
        raise Forbidden(MSG_BUKAN_PEGAWAI)
    errors: dict[str, list[str]] = {}
    sebutan = teks(sebutan, field_name="sebutan", maks=100, wajib=True, errors=errors)
    if titik is not None and titik.instansi_id != pegawai.instansi_id:
        errors["titik"] = ["Titik layanan tidak dikenal."]
    raise_if(errors)
    existing = PetugasLayanan.objects.filter(pegawai=pegawai).first()
    kode = _kode(kode or (existing.kode if existing else ""), PetugasLayanan,
                 exclude_pk=existing.pk if existing else None)
    with audit_actor(actor):
        obj = existing or PetugasLayanan(instansi_id=pegawai.instansi_id, pegawai=pegawai)
        obj.kode, obj.sebutan, obj.titik = kode, sebutan, titik
        if not obj.aktif or existing is None:
            obj.bersedia_sejak = timezone.now()
        obj.aktif = True
        obj.save()
    return obj


@transaction.atomic
def petugas_berhenti(*, actor) -> PetugasLayanan:
    """Opt out: the name tag stops accepting ratings (past ratings stay as evidence)."""
    pegawai = scope_partisipasi(actor).base.pegawai
    obj = PetugasLayanan.objects.filter(pegawai=pegawai).first() if pegawai else None
    if obj is None:
        raise NotFound("Anda belum memiliki papan nama.")
    with audit_actor(actor):
        obj.aktif = False
        obj.save(update_fields=["aktif", "updated_at"])
    return obj


# --- complaint handlers ----------------------------------------------------------------------------------------


@transaction.atomic
def pengelola_tunjuk(*, actor, pegawai: Pegawai, unit: UnitKerja | None) -> PengelolaPengaduan:
    """Appoint a complaint handler for a unit (by its managers) or for the whole instansi (admin BKPSDM)."""
    scope = scope_partisipasi(actor)
    if pegawai.instansi_id != scope.instansi_id or pegawai.status != StatusPegawai.AKTIF:
        raise NotFound("Pegawai tidak ditemukan.")
    if unit is None:
        if not has_role(actor, Peran.ADMIN_BKPSDM):
            raise Forbidden("Hanya admin BKPSDM yang dapat menunjuk koordinator pengaduan.")
    elif not scope.mengelola_unit(unit):
        raise Forbidden(MSG_KELOLA_UNIT)
    with audit_actor(actor):
        obj, _created = PengelolaPengaduan.objects.get_or_create(
            pegawai=pegawai, unit_kerja=unit,
            defaults={"instansi_id": pegawai.instansi_id, "ditunjuk_oleh": actor})
        if not obj.aktif:
            obj.aktif = True
            obj.save(update_fields=["aktif", "updated_at"])
    if pegawai.user_id:
        forget(pegawai.user)
    return obj


@transaction.atomic
def pengelola_cabut(*, actor, pengelola: PengelolaPengaduan) -> PengelolaPengaduan:
    scope = scope_partisipasi(actor)
    if pengelola.instansi_id != scope.instansi_id:
        raise NotFound("Data tidak ditemukan.")
    allowed = has_role(actor, Peran.ADMIN_BKPSDM) if pengelola.unit_kerja_id is None else scope.mengelola_unit(
        pengelola.unit_kerja)
    if not allowed:
        raise Forbidden(MSG_KELOLA_UNIT)
    with audit_actor(actor):
        pengelola.aktif = False
        pengelola.save(update_fields=["aktif", "updated_at"])
    return pengelola


# --- policy ----------------------------------------------------------------------------------------------------------

_KEBIJAKAN_FIELDS = ("bobot_ikm", "min_penilaian_independen", "bobot_prior", "ambang_lonjakan",
                     "sla_verifikasi_hari", "sla_tindak_lanjut_hari", "retensi_identitas_hari", "retensi_jejak_hari")


@transaction.atomic
def kebijakan_simpan(*, actor, **values) -> KebijakanPartisipasi:
    """Admin BKPSDM sets the instansi's policy (e.g. the IKM weight 0,111 instead of exactly 1/9)."""
    if not has_role(actor, Peran.ADMIN_BKPSDM):
        raise Forbidden("Hanya admin BKPSDM yang dapat mengubah kebijakan partisipasi.")
    errors: dict[str, list[str]] = {}
    if "bobot_ikm" in values and values["bobot_ikm"] not in BobotIkm.values:
        errors["bobot_ikm"] = ["Pilih bobot 1/9, 0,111 atau 0,11."]
    for name in _KEBIJAKAN_FIELDS[1:]:
        if name in values and (not isinstance(values[name], int) or values[name] < 1 or values[name] > 3650):
            errors[name] = ["Isi bilangan bulat 1 sampai 3650."]
    raise_if(errors)
    with audit_actor(actor):
        obj, _ = KebijakanPartisipasi.objects.get_or_create(instansi_id=actor.instansi_id)
        for name in _KEBIJAKAN_FIELDS:
            if name in values:
                setattr(obj, name, values[name])
        obj.save()
    return obj
