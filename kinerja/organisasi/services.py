"""Every write to the organisation: atomic, permission-checked, audited, tree paths kept consistent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, Forbidden, NotFound, validation_error_detail
from kinerja.core.roles import forget_roles
from kinerja.organisasi import rules
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import (
    STRUKTURAL,
    Jabatan,
    JenisPenempatan,
    Pegawai,
    Penempatan,
    PenugasanPlt,
    StatusPegawai,
    UnitKerja,
    path_segment,
)

MSG_MASTER_ONLY = "Hanya admin BKPSDM yang dapat mengubah data induk kepegawaian."
MSG_OTHER_INSTANSI = "Data ini bukan milik instansi Anda."
MSG_UNIT_CYCLE = "Unit induk tidak boleh unit itu sendiri atau salah satu unit di bawahnya."
MSG_JABATAN_CYCLE = "Jabatan atasan membentuk siklus: jabatan tidak boleh berada di bawah dirinya sendiri."
MSG_STRUKTURAL_TERISI = "Jabatan struktural ini sudah diisi oleh {nama}. Pindahkan pejabat lama lebih dulu."
MSG_NIP_TERDAFTAR = "NIP ini sudah terdaftar."

User = get_user_model()


def _require_master_write(actor, instansi_id: int | None = None) -> None:
    scope = scope_for(actor)
    if not (scope.master_write or actor.is_superuser):
        raise Forbidden(MSG_MASTER_ONLY)
    if instansi_id is not None and not actor.is_superuser and instansi_id != actor.instansi_id:
        raise NotFound(MSG_OTHER_INSTANSI)


def _full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        detail = validation_error_detail(exc)
        raise ApplicationError(next(iter(detail.values()))[0], detail=detail) from exc


def _rewrite_subtree(model, old_prefix: str, new_prefix: str, instansi_id: int) -> None:
    """Replace the path prefix of a whole subtree in one UPDATE."""
    if old_prefix == new_prefix:
        return
    model.objects.filter(instansi_id=instansi_id, path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr(F("path"), len(old_prefix) + 1))
    )


# --- Unit kerja ----------------------------------------------------------------------------------


@transaction.atomic
def unit_kerja_create(*, actor, instansi_id: int, kode: str, nama: str, jenis: str,
                      induk: UnitKerja | None = None, **extra) -> UnitKerja:
    _require_master_write(actor, instansi_id)
    if induk is not None and induk.instansi_id != instansi_id:
        raise ApplicationError("Unit induk tidak ditemukan di instansi ini.", detail={"induk": ["Unit tidak dikenal."]})
    unit = UnitKerja(instansi_id=instansi_id, kode=kode.strip(), nama=nama.strip(), jenis=jenis, induk=induk, **extra)
    if induk is not None and "zona_waktu" not in extra:
        unit.zona_waktu = induk.zona_waktu
    _full_clean(unit, exclude=["path", "opd"])
    with audit_actor(actor):
        unit.save()
        unit.path = (induk.path if induk else "") + path_segment(unit.pk)
        unit.level = induk.level + 1 if induk else 0
        unit.opd_id = (induk.opd_id or induk.pk) if induk else None
        unit.save(update_fields=["path", "level", "opd"])
    return unit


@transaction.atomic
def unit_kerja_update(*, actor, unit: UnitKerja, **fields) -> UnitKerja:
    """Update a unit; a new `induk` moves the whole subtree (paths, levels and OPD follow)."""
    _require_master_write(actor, unit.instansi_id)
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    new_induk = fields.pop("induk", unit.induk)
    for key, value in fields.items():
        setattr(unit, key, value)
    moving = (new_induk.pk if new_induk else None) != unit.induk_id
    if moving and new_induk is not None:
        if new_induk.instansi_id != unit.instansi_id:
            raise ApplicationError("Unit induk tidak ditemukan di instansi ini.")
        if new_induk.path.startswith(unit.path):
            raise ApplicationError(MSG_UNIT_CYCLE, detail={"induk": [MSG_UNIT_CYCLE]})
    _full_clean(unit, exclude=["path", "opd"])
    with audit_actor(actor):
        if moving:
            old_path = unit.path
            new_path = (new_induk.path if new_induk else "") + path_segment(unit.pk)
            unit.induk = new_induk
            unit.path, unit.level = new_path, (new_induk.level + 1 if new_induk else 0)
            unit.opd_id = (new_induk.opd_id or new_induk.pk) if new_induk else None
            unit.save()
            _rewrite_subtree(UnitKerja, old_path, new_path, unit.instansi_id)
            _refresh_unit_levels_and_opd(unit)
        else:
            unit.save()
    return unit


def _refresh_unit_levels_and_opd(root: UnitKerja) -> None:
    opd_id = root.opd_id or root.pk
    descendants = list(UnitKerja.objects.filter(instansi_id=root.instansi_id, path__startswith=root.path)
                       .exclude(pk=root.pk))
    for u in descendants:
        u.level = u.path.count("/") - 1
        u.opd_id = opd_id
    UnitKerja.objects.bulk_update(descendants, ["level", "opd"], batch_size=500)
    unit_ids = [root.pk] + [u.pk for u in descendants]
    Pegawai.objects.filter(unit_kerja_id__in=unit_ids).update(opd_id=opd_id)


# --- Jabatan -------------------------------------------------------------------------------------


@transaction.atomic
def jabatan_create(*, actor, unit_kerja: UnitKerja, nama: str, jenis: str, atasan: Jabatan | None = None,
                   jenjang: str = "", is_kepala_unit: bool = False, **extra) -> Jabatan:
    _require_master_write(actor, unit_kerja.instansi_id)
    if atasan is not None and atasan.instansi_id != unit_kerja.instansi_id:
        raise ApplicationError("Jabatan atasan tidak ditemukan di instansi ini.")
    jab = Jabatan(instansi_id=unit_kerja.instansi_id, unit_kerja=unit_kerja, nama=nama.strip(), jenis=jenis,
                  atasan=atasan, jenjang=jenjang, is_kepala_unit=is_kepala_unit, **extra)
    _full_clean(jab, exclude=["path"])
    with audit_actor(actor):
        jab.save()
        jab.path = (atasan.path if atasan else "") + path_segment(jab.pk)
        jab.save(update_fields=["path"])
    return jab


@transaction.atomic
def jabatan_set_atasan(*, actor, jabatan: Jabatan, atasan: Jabatan | None) -> Jabatan:
    """Re-hang a position (and everything below it) under another superior position; cycles are refused."""
    _require_master_write(actor, jabatan.instansi_id)
    jabatan = Jabatan.objects.select_for_update().get(pk=jabatan.pk)
    if atasan is not None:
        if atasan.instansi_id != jabatan.instansi_id:
            raise ApplicationError("Jabatan atasan tidak ditemukan di instansi ini.")
        atasan.refresh_from_db(fields=["path"])
        if atasan.path.startswith(jabatan.path):
            raise ApplicationError(MSG_JABATAN_CYCLE, detail={"atasan": [MSG_JABATAN_CYCLE]})
    old_path = jabatan.path
    new_path = (atasan.path if atasan else "") + path_segment(jabatan.pk)
    with audit_actor(actor):
        jabatan.atasan = atasan
        jabatan.path = new_path
        jabatan.save(update_fields=["atasan", "path", "updated_at"])
        _rewrite_subtree(Jabatan, old_path, new_path, jabatan.instansi_id)
    return jabatan


# --- Pegawai -------------------------------------------------------------------------------------


def _validate_pegawai_identity(*, nip: str, jenis_asn: str, tanggal_lahir: dt.date | None,
                               jenis_kelamin: str | None, golongan: str) -> rules.NipInfo:
    errors: dict[str, list[str]] = {}
    info = None
    try:
        info = rules.parse_nip(nip, jenis_asn=jenis_asn)
    except rules.NipError as exc:
        errors["nip"] = [str(exc)]
    if info is not None:
        if tanggal_lahir and tanggal_lahir != info.tanggal_lahir:
            errors["tanggal_lahir"] = ["Tanggal lahir tidak sesuai dengan digit 1–8 NIP."]
        if jenis_kelamin and jenis_kelamin != info.jenis_kelamin:
            errors["jenis_kelamin"] = ["Jenis kelamin tidak sesuai dengan digit 15 NIP."]
    if golongan and not rules.golongan_valid_for(golongan, jenis_asn):
        errors["golongan"] = [f"Golongan {golongan} tidak berlaku untuk {jenis_asn}."]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], detail=errors)
    return info


@transaction.atomic
def pegawai_create(*, actor, instansi_id: int, nip: str, nama: str, jenis_asn: str = rules.PNS,
                   jabatan: Jabatan | None = None, tanggal_mulai: dt.date | None = None, golongan: str = "",
                   password: str | None = None, **extra) -> Pegawai:
    """Register an ASN with a login account (username = NIP) and, when given, their first posting."""
    _require_master_write(actor, instansi_id)
    nip = rules.normalize_nip(nip)
    info = _validate_pegawai_identity(nip=nip, jenis_asn=jenis_asn, tanggal_lahir=extra.get("tanggal_lahir"),
                                      jenis_kelamin=extra.get("jenis_kelamin"), golongan=golongan)
    if Pegawai.objects.filter(nip=nip).exists() or User.objects.filter(username=nip).exists():
        raise ApplicationError(MSG_NIP_TERDAFTAR, detail={"nip": [MSG_NIP_TERDAFTAR]})
    extra.setdefault("tanggal_lahir", info.tanggal_lahir)
    extra.setdefault("jenis_kelamin", info.jenis_kelamin)
    if info.tmt_bulan:
        extra.setdefault("tmt_asn", dt.date(info.tmt_tahun, info.tmt_bulan, 1))
    pegawai = Pegawai(instansi_id=instansi_id, nip=nip, nama=nama.strip(), jenis_asn=jenis_asn,
                      golongan=golongan, **extra)
    _full_clean(pegawai, exclude=["user", "jabatan", "unit_kerja", "opd"])
    with audit_actor(actor):
        user = User(username=nip, instansi_id=instansi_id, nama_lengkap=pegawai.nama_lengkap, email=pegawai.email)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        pegawai.user = user
        pegawai.save()
        if jabatan is not None:
            penempatan_create(actor=actor, pegawai=pegawai, jabatan=jabatan,
                              tanggal_mulai=tanggal_mulai or timezone.localdate(),
                              jenis=JenisPenempatan.PENGANGKATAN)
    return pegawai


PEGAWAI_EDITABLE = {"nama", "gelar_depan", "gelar_belakang", "tempat_lahir", "golongan", "email", "telepon",
                    "status", "jenis_asn"}
PEGAWAI_SELF_EDITABLE = {"email", "telepon"}


@transaction.atomic
def pegawai_update(*, actor, pegawai: Pegawai, **fields) -> Pegawai:
    """Admin BKPSDM edits master data; a pegawai may edit only their own contact details."""
    scope = scope_for(actor)
    own = scope.pegawai_id == pegawai.pk
    allowed = PEGAWAI_EDITABLE if (scope.master_write and pegawai.instansi_id == actor.instansi_id) else (
        PEGAWAI_SELF_EDITABLE if own else set())
    if not allowed:
        raise Forbidden(MSG_MASTER_ONLY)
    unknown = set(fields) - allowed
    if unknown:
        raise Forbidden("Kolom berikut tidak boleh Anda ubah: " + ", ".join(sorted(unknown)) + ".")
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    for key, value in fields.items():
        setattr(pegawai, key, value.strip() if isinstance(value, str) else value)
    if "golongan" in fields or "jenis_asn" in fields:
        _validate_pegawai_identity(nip=pegawai.nip, jenis_asn=pegawai.jenis_asn, tanggal_lahir=None,
                                   jenis_kelamin=None, golongan=pegawai.golongan)
    _full_clean(pegawai, exclude=["user", "jabatan", "unit_kerja", "opd"])
    with audit_actor(actor):
        pegawai.save()
        if pegawai.user_id:
            User.objects.filter(pk=pegawai.user_id).update(
                nama_lengkap=pegawai.nama_lengkap, email=pegawai.email,
                is_active=pegawai.status == StatusPegawai.AKTIF,
            )
    return pegawai


@transaction.atomic
def penempatan_create(*, actor, pegawai: Pegawai, jabatan: Jabatan, tanggal_mulai: dt.date,
                      jenis: str = JenisPenempatan.MUTASI, nomor_sk: str = "") -> Penempatan:
    """Post a pegawai to a position from `tanggal_mulai`: the open posting is closed the day before, and the
    pegawai's current jabatan/unit/OPD follow. A structural position takes one holder only."""
    _require_master_write(actor, pegawai.instansi_id)
    if jabatan.instansi_id != pegawai.instansi_id:
        raise ApplicationError("Jabatan tidak ditemukan di instansi ini.", detail={"jabatan": ["Tidak dikenal."]})
    given, pegawai = pegawai, Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if jabatan.jenis in STRUKTURAL:
        other = Pegawai.objects.filter(jabatan=jabatan, status=StatusPegawai.AKTIF).exclude(pk=pegawai.pk).first()
        if other is not None:
            msg = MSG_STRUKTURAL_TERISI.format(nama=other.nama_lengkap)
            raise ApplicationError(msg, detail={"jabatan": [msg]})
    current = Penempatan.objects.filter(pegawai=pegawai, tanggal_selesai__isnull=True).first()
    unit = jabatan.unit_kerja
    with audit_actor(actor):
        if current is not None:
            if tanggal_mulai <= current.tanggal_mulai:
                raise ApplicationError(
                    "Tanggal mulai harus setelah tanggal mulai penempatan sebelumnya "
                    f"({current.tanggal_mulai:%d-%m-%Y}).", detail={"tanggal_mulai": ["Terlalu awal."]})
            current.tanggal_selesai = tanggal_mulai - dt.timedelta(days=1)
            current.save(update_fields=["tanggal_selesai", "updated_at"])
        penempatan = Penempatan(instansi_id=pegawai.instansi_id, pegawai=pegawai, jabatan=jabatan, unit_kerja=unit,
                                jenis=jenis, tanggal_mulai=tanggal_mulai, nomor_sk=nomor_sk)
        _full_clean(penempatan)
        penempatan.save()
        pegawai.jabatan, pegawai.unit_kerja = jabatan, unit
        pegawai.opd_id = unit.opd_id or unit.pk
        pegawai.save(update_fields=["jabatan", "unit_kerja", "opd", "updated_at"])
    given.jabatan, given.unit_kerja, given.opd_id = jabatan, unit, pegawai.opd_id  # keep the caller's copy true
    if pegawai.user_id:
        forget_roles(pegawai.user)
    return penempatan


@transaction.atomic
def penugasan_plt_create(*, actor, jabatan: Jabatan, pegawai: Pegawai, jenis: str, tanggal_mulai: dt.date,
                         tanggal_selesai: dt.date | None = None, nomor_surat: str = "") -> PenugasanPlt:
    """Appoint an acting head (Plt/Plh) of a position for a term."""
    _require_master_write(actor, jabatan.instansi_id)
    errors = {}
    if pegawai.instansi_id != jabatan.instansi_id:
        errors["pegawai"] = ["Pegawai tidak ditemukan di instansi ini."]
    if pegawai.jabatan_id == jabatan.pk:
        errors["pegawai"] = ["Pegawai ini sudah pemangku definitif jabatan tersebut."]
    if tanggal_selesai and tanggal_selesai < tanggal_mulai:
        errors["tanggal_selesai"] = ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    if jabatan.jenis not in STRUKTURAL:
        errors["jabatan"] = ["Plt/Plh hanya untuk jabatan struktural (pimpinan unit)."]
    overlap = PenugasanPlt.objects.filter(jabatan=jabatan, tanggal_mulai__lte=tanggal_selesai or dt.date.max).exclude(
        tanggal_selesai__lt=tanggal_mulai)
    if overlap.exists():
        errors["tanggal_mulai"] = ["Sudah ada Plt/Plh jabatan ini pada rentang tanggal tersebut."]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], detail=errors)
    with audit_actor(actor):
        plt = PenugasanPlt.objects.create(instansi_id=jabatan.instansi_id, jabatan=jabatan, pegawai=pegawai,
                                          jenis=jenis, tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai,
                                          nomor_surat=nomor_surat)
    if pegawai.user_id:
        forget_roles(pegawai.user)
    return plt


@transaction.atomic
def penugasan_plt_end(*, actor, penugasan: PenugasanPlt, tanggal_selesai: dt.date) -> PenugasanPlt:
    _require_master_write(actor, penugasan.instansi_id)
    if tanggal_selesai < penugasan.tanggal_mulai:
        raise ApplicationError("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    with audit_actor(actor):
        penugasan.tanggal_selesai = tanggal_selesai
        penugasan.save(update_fields=["tanggal_selesai", "updated_at"])
    return penugasan


def ensure_same_instansi(actor, obj) -> None:
    if obj is None or getattr(obj, "instansi_id", None) != actor.instansi_id:
        raise NotFound(MSG_OTHER_INSTANSI)
