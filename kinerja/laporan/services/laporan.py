"""Writing a daily report: create (idempotent), edit until approved, submit to the pejabat penilai, delete a draft."""

from __future__ import annotations

import datetime as dt
import functools
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kinerja.core import cepat, kalender
from kinerja.core.audit import audit_actor, simpan_baru
from kinerja.core.exceptions import MSG_NOT_FOUND, ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.core.models import Instansi
from kinerja.laporan import rules, selectors
from kinerja.laporan.models import BukaKunciLaporan, KebijakanLaporan, LaporanHarian, StatusLaporan
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Jabatan, Pegawai, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import atasan_kandidat
from kinerja.perencanaan.models import (
    ProgramKegiatan,
    StatusPeriode,
    StatusSkp,
)

# The fields a pegawai writes; everything else is derived or set by the review.
FIELDS = ("tanggal", "jam_mulai", "jam_selesai", "rhk_id", "indikator_id", "uraian", "output_jumlah",
          "output_satuan", "program_id", "latitude", "longitude")
OUTPUT_MAKS = Decimal("9999999999.99")


# The reads of the 16:00 rush use fixed SQL: compiling the equivalent ORM queries cost more than running them
# (bench/ingest). The names are these models' tables and columns; every query is exercised by the service tests.
_SQL_KUNCI = "SELECT id FROM laporan_laporanharian WHERE pegawai_id = %s AND idempotency_key = %s"
# the day's hours, and a report already saved under the same idempotency key (when one is given)
_SQL_JAM_HARI = ("SELECT jam_mulai, jam_selesai, id, idempotency_key = %s, tanggal = %s FROM laporan_laporanharian "
                 "WHERE pegawai_id = %s AND (tanggal = %s OR idempotency_key = %s) AND id <> %s")
_SQL_SASARAN = (
    "SELECT h.id, h.skp_id, s.pegawai_id, s.aktif, s.status, s.tanggal_mulai, s.tanggal_selesai, p.status "
    "FROM perencanaan_rencanahasilkerja h "
    "JOIN perencanaan_sasarankinerjapegawai s ON s.id = h.skp_id "
    "JOIN perencanaan_periodekinerja p ON p.id = s.periode_id ")
_SQL_SASARAN_RHK = _SQL_SASARAN + "WHERE h.id = %s AND h.instansi_id = %s"
_SQL_SASARAN_INDIKATOR = (_SQL_SASARAN + "JOIN perencanaan_indikatorkinerja i ON i.rhk_id = h.id "
                          "WHERE i.id = %s AND i.instansi_id = %s")
# the same rows with their instansi, to be joined to the writer's row (one statement for both reads)
_SQL_SASARAN_ATAS = {
    "rhk": _SQL_SASARAN.replace("SELECT ", "SELECT h.instansi_id AS iid, ", 1) + "WHERE h.id = %s",
    "indikator": (_SQL_SASARAN.replace("SELECT ", "SELECT i.instansi_id AS iid, ", 1)
                  + "JOIN perencanaan_indikatorkinerja i ON i.rhk_id = h.id WHERE i.id = %s"),
}


_baris = cepat.baris


def _tanggal(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value  # SQLite answers text


def _waktu(value) -> dt.time:
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


# What writing a report reads of the pegawai (snapshot names, time zone, the position for the atasan), in one fixed
# query; the other columns are left unread (deferred: reading one later loads it).
def _kolom_pelapor():
    return (cepat.kolom(Pegawai, "p", ("id", "instansi_id", "user_id", "status", "nama", "jabatan_id", "unit_kerja_id")),
            cepat.kolom(Jabatan, "j", ("id", "instansi_id", "nama", "path")),
            cepat.kolom(UnitKerja, "u", ("id", "instansi_id", "nama", "zona_waktu")),
            cepat.kolom(Instansi, "i", ("id", "zona_waktu")))


@functools.cache
def _sql_pelapor() -> str:
    p, j, u, i = _kolom_pelapor()
    return (f"SELECT {p.sql}, {j.sql}, {u.sql}, {i.sql} FROM organisasi_pegawai p "  # noqa: S608 - from metadata
            "JOIN core_instansi i ON i.id = p.instansi_id LEFT JOIN organisasi_jabatan j ON j.id = p.jabatan_id "
            "LEFT JOIN organisasi_unitkerja u ON u.id = p.unit_kerja_id "
            "WHERE p.user_id = %s AND p.status = %s ORDER BY p.id")


def _pelapor(user_id: int) -> Pegawai | None:
    rows = _baris(_sql_pelapor(), [user_id, StatusPegawai.AKTIF])
    return _pegawai_dari(rows[0])[0] if rows else None


def _pegawai_dari(row: tuple) -> tuple[Pegawai, tuple]:
    """The writer (with position, unit and instansi) from the head of a row; the rest of the row."""
    parts = []
    for k in _kolom_pelapor():
        parts.append(k.buat(row[:len(k)]))
        row = row[len(k):]
    pegawai, jabatan, unit, instansi = parts
    pegawai.jabatan = jabatan if pegawai.jabatan_id else None
    pegawai.unit_kerja = unit if pegawai.unit_kerja_id else None
    pegawai.instansi = instansi
    return pegawai, row


@functools.cache
def _sql_pelapor_sasaran(jenis: str) -> str:
    p, j, u, i = _kolom_pelapor()
    return (f"SELECT {p.sql}, {j.sql}, {u.sql}, {i.sql}, x.* FROM organisasi_pegawai p "  # noqa: S608 - metadata
            "JOIN core_instansi i ON i.id = p.instansi_id LEFT JOIN organisasi_jabatan j ON j.id = p.jabatan_id "
            "LEFT JOIN organisasi_unitkerja u ON u.id = p.unit_kerja_id "
            f"LEFT JOIN ({_SQL_SASARAN_ATAS[jenis]}) x ON x.iid = p.instansi_id "
            "WHERE p.user_id = %s AND p.status = %s ORDER BY p.id")


_BELUM = object()  # the RHK row was not read with the writer


def _pelapor_dan_sasaran(actor, data: dict) -> tuple[Pegawai, object]:
    """The writer of a new report and the RHK row it names, in one statement when the writer is not known yet
    for this request (an API call): (pegawai, row or None when not found). Otherwise (pegawai, _BELUM)."""
    ids = _ids_sasaran(data.get("rhk_id"), data.get("indikator_id"))
    if ids is None or not actor.is_authenticated or _pelapor_diketahui(actor) is not _BELUM:
        return pegawai_pelapor(actor), _BELUM
    rhk_id, indikator_id = ids
    jenis, target = ("indikator", indikator_id) if indikator_id else ("rhk", rhk_id)
    rows = _baris(_sql_pelapor_sasaran(jenis), [target, actor.pk, StatusPegawai.AKTIF])
    pegawai, rest = _pegawai_dari(rows[0]) if rows else (None, ())
    _ingat_pelapor(actor, pegawai)
    return pegawai, (tuple(rest[1:]) if rest[0] is not None else None)


def _pelapor_diketahui(actor):
    """The writer already known for this request (cached on the account, or its scope's pegawai), else _BELUM."""
    pegawai = getattr(actor, "_laporan_pegawai", None)
    if pegawai is not None:
        return pegawai
    scope = getattr(actor, "_kinerja_scope", None)
    return scope.pegawai if scope is not None else _BELUM


def _ingat_pelapor(actor, pegawai: Pegawai | None) -> Pegawai:
    actor._laporan_pegawai = pegawai
    if pegawai is None:
        raise Forbidden(rules.MSG_BUKAN_PEGAWAI)
    return pegawai


def pegawai_pelapor(actor) -> Pegawai:
    """The active pegawai behind the account (reports are always written by the pegawai themself). One query,
    cached on the account for the request: the 16:00 rush does not need the roles and the whole scope just to
    know who is writing (it is the same row as `scope_for(actor).pegawai`)."""
    pegawai = _pelapor_diketahui(actor)
    if pegawai is _BELUM:
        pegawai = _pelapor(actor.pk) if actor.is_authenticated else None
    return _ingat_pelapor(actor, pegawai)


def parse_idempotency_key(value: str | None) -> uuid.UUID | None:
    """The `Idempotency-Key` a phone generates for one submission (a UUID), or None when absent."""
    if value is None or not str(value).strip():
        return None
    try:
        return uuid.UUID(str(value).strip())
    except ValueError as exc:
        raise ApplicationError(rules.MSG_KUNCI_IDEMPOTENSI, detail={"Idempotency-Key": [rules.MSG_KUNCI_IDEMPOTENSI]}) \
            from exc


@dataclass
class _Sasaran:
    """What a report serves: ids of the SKP, RHK and indicator, and the SKP's dates (read as plain values; building
    three model instances was a visible part of a submission's cost)."""
    skp_id: int
    rhk_id: int
    indikator_id: int | None
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date


@dataclass
class _Isian:
    tanggal: dt.date
    jam_mulai: dt.time
    jam_selesai: dt.time
    sasaran: _Sasaran
    uraian: str
    output_jumlah: Decimal
    output_satuan: str
    program_id: int | None
    latitude: Decimal | None
    longitude: Decimal | None


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ApplicationError(next(iter(self.values()))[0], detail=dict(self))


def _jam(value) -> dt.time | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.time.fromisoformat(value)
        except ValueError:
            return None
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _desimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        result = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ids_sasaran(rhk_id, indikator_id) -> tuple[int | None, int | None] | None:
    """The RHK and indicator ids a report names (-1 for what is not a number); None when it names neither."""
    if rhk_id in ("", None) and indikator_id in ("", None):
        return None
    return (None if rhk_id in ("", None) else (_int(rhk_id) or -1),
            None if indikator_id in ("", None) else (_int(indikator_id) or -1))


def _sasaran(pegawai: Pegawai, rhk_id, indikator_id, errors: _Errors, row=_BELUM) -> _Sasaran | None:
    """The SKP, RHK and indicator a report serves; they must belong to the pegawai's own active, approved SKP.
    One fixed query, unless `row` was read with the writer (`_pelapor_dan_sasaran`)."""
    ids = _ids_sasaran(rhk_id, indikator_id)
    if ids is None:
        errors.add("rhk_id", rules.MSG_RHK_WAJIB)
        return None
    rhk_id, indikator_id = ids
    if row is _BELUM:
        if indikator_id:
            row = next(iter(_baris(_SQL_SASARAN_INDIKATOR, [indikator_id, pegawai.instansi_id])), None)
        else:
            row = next(iter(_baris(_SQL_SASARAN_RHK, [rhk_id, pegawai.instansi_id])), None)
    if indikator_id and row is not None and rhk_id and rhk_id != row[0]:
        errors.add("indikator_id", rules.MSG_INDIKATOR_RHK)
        return None
    if row is None:
        errors.add("indikator_id" if indikator_id else "rhk_id", rules.MSG_RHK_BUKAN_MILIK)
        return None
    rhk, skp, pemilik, aktif, status, mulai, selesai, status_periode = row
    if pemilik != pegawai.pk or not aktif or status != StatusSkp.DISETUJUI:
        errors.add("indikator_id" if indikator_id else "rhk_id", rules.MSG_RHK_BUKAN_MILIK)
        return None
    if status_periode == StatusPeriode.DITUTUP:
        raise InvalidState(rules.MSG_PERIODE_DITUTUP)
    return _Sasaran(skp_id=skp, rhk_id=rhk, indikator_id=indikator_id, tanggal_mulai=_tanggal(mulai),
                    tanggal_selesai=_tanggal(selesai))


def _dibuka(pegawai: Pegawai, tanggal: dt.date, hari_ini: dt.date) -> bool:
    return BukaKunciLaporan.objects.filter(pegawai=pegawai, tanggal=tanggal, berlaku_sampai__gte=hari_ini).exists()


def _bersihkan(*, pegawai: Pegawai, data: dict, hari_ini: dt.date, kebijakan: KebijakanLaporan,
               cek_tanggal: bool, kecuali_pk: int | None = None, cek_jam: bool = True,
               sasaran_row=_BELUM) -> _Isian:
    """Validate a report's fields and the rules that span reports. Raises ApplicationError with every field error
    found (detail), the first as the message; nothing is written."""
    errors = _Errors()
    tanggal = data.get("tanggal") or hari_ini
    if isinstance(tanggal, str):
        try:
            tanggal = dt.date.fromisoformat(tanggal)
        except ValueError:
            errors.add("tanggal", "Tanggal tidak valid; gunakan format TTTT-BB-HH.")
            tanggal = hari_ini
    jam_mulai, jam_selesai = _jam(data.get("jam_mulai")), _jam(data.get("jam_selesai"))
    if jam_mulai is None:
        errors.add("jam_mulai", rules.MSG_JAM_WAJIB)
    if jam_selesai is None:
        errors.add("jam_selesai", rules.MSG_JAM_WAJIB)
    if jam_mulai and jam_selesai and rules.durasi_menit(jam_mulai, jam_selesai) <= 0:
        errors.add("jam_selesai", rules.MSG_JAM_URUT)
    uraian = (data.get("uraian") or "").strip()
    if not uraian:
        errors.add("uraian", rules.MSG_URAIAN_WAJIB)
    elif len(uraian) > rules.MAKS_URAIAN:
        errors.add("uraian", rules.MSG_URAIAN_PANJANG)
    output = _desimal(data.get("output_jumlah"))
    if output is None:
        errors.add("output_jumlah", rules.MSG_OUTPUT_WAJIB)
    elif output < 0:
        errors.add("output_jumlah", rules.MSG_OUTPUT_NEGATIF)
    elif output > OUTPUT_MAKS:
        errors.add("output_jumlah", "Jumlah output terlalu besar.")
    else:
        output = output.quantize(Decimal("0.01"))
    satuan = (data.get("output_satuan") or "").strip()[:60]
    if not satuan:
        errors.add("output_satuan", rules.MSG_SATUAN_WAJIB)
    lat, lon = _desimal(data.get("latitude")), _desimal(data.get("longitude"))
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
        errors.add("latitude", rules.MSG_LOKASI)
        lat = lon = None
    elif lat is not None:
        lat, lon = lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))
    program_id = None
    if data.get("program_id"):
        program_id = next(iter(ProgramKegiatan.objects.filter(
            pk=_int(data["program_id"]) or -1, instansi_id=pegawai.instansi_id, aktif=True).order_by()
            .values_list("pk", flat=True)[:1]), None)
        if program_id is None:
            errors.add("program_id", "Program atau proyek tidak ditemukan.")
    sasaran = _sasaran(pegawai, data.get("rhk_id"), data.get("indikator_id"), errors, sasaran_row)
    errors.raise_if_any()

    # rules that need the calendar and the other reports of the day
    if cek_tanggal:
        pesan = rules.cek_tanggal(tanggal, hari_ini, kebijakan.batas_mundur_hari_kerja,
                                  lambda a, b: kalender.hari_kerja_between(a, b, pegawai.instansi_id))
        if pesan == rules.MSG_TERLALU_LAMA.format(n=kebijakan.batas_mundur_hari_kerja) and _dibuka(
                pegawai, tanggal, hari_ini):
            pesan = None
        if pesan:
            errors.add("tanggal", pesan)
    if not errors and not (sasaran.tanggal_mulai <= tanggal <= sasaran.tanggal_selesai):
        errors.add("tanggal", rules.MSG_SKP_TANGGAL.format(mulai=f"{sasaran.tanggal_mulai:%d-%m-%Y}",
                                                             selesai=f"{sasaran.tanggal_selesai:%d-%m-%Y}"))
    errors.raise_if_any()
    isian = _Isian(tanggal=tanggal, jam_mulai=jam_mulai, jam_selesai=jam_selesai, sasaran=sasaran, uraian=uraian,
                   output_jumlah=output, output_satuan=satuan, program_id=program_id, latitude=lat, longitude=lon)
    if cek_jam:
        _cek_jam(pegawai, isian, kebijakan, kecuali_pk)
    return isian


def _perintah_jam(pegawai: Pegawai, tanggal: dt.date, kecuali_pk: int | None = None,
                  kunci: uuid.UUID | None = None) -> tuple[str, list]:
    key, tanggal = _KUNCI_FIELD.get_db_prep_value(kunci, connection), connection.ops.adapt_datefield_value(tanggal)
    return _SQL_JAM_HARI, [key, tanggal, pegawai.pk, tanggal, key, kecuali_pk or 0]


def _cek_jam(pegawai: Pegawai, isian: _Isian, kebijakan: KebijakanLaporan, kecuali_pk: int | None = None,
             kunci: uuid.UUID | None = None, rows: list[tuple] | None = None) -> int | None:
    """The rules that span the day's reports: no overlapping ranges, the daily total within 24 h and the policy's
    cap. Run under the pegawai's write lock, so two concurrent submissions cannot both pass. The same read finds a
    report already saved under the idempotency key `kunci` (a concurrent retry that committed first): its id is
    returned and nothing is checked. `rows` are the day's rows when already read (`_perintah_jam`)."""
    if rows is None:
        rows = _baris(*_perintah_jam(pegawai, isian.tanggal, kecuali_pk, kunci))
    sama = next((pk for _a, _b, pk, cocok, _t in rows if cocok), None)
    if sama is not None:
        return sama
    lain = [(_waktu(a), _waktu(b)) for a, b, _pk, _c, pada_hari in rows if pada_hari]
    hasil = rules.cek_jam_harian((isian.jam_mulai, isian.jam_selesai), lain, kebijakan.batas_jam_harian)
    if hasil is not None:
        message, args = hasil
        raise ApplicationError(message.format(**args), detail={"jam_mulai": [message.format(**args)]})
    return None


def _terapkan(laporan: LaporanHarian, isian: _Isian) -> None:
    laporan.tanggal, laporan.jam_mulai, laporan.jam_selesai = isian.tanggal, isian.jam_mulai, isian.jam_selesai
    laporan.durasi_menit = rules.durasi_menit(isian.jam_mulai, isian.jam_selesai)
    sasaran = isian.sasaran
    laporan.skp_id, laporan.rhk_id, laporan.indikator_id = sasaran.skp_id, sasaran.rhk_id, sasaran.indikator_id
    laporan.uraian, laporan.output_jumlah, laporan.output_satuan = isian.uraian, isian.output_jumlah, \
        isian.output_satuan
    laporan.program_id, laporan.latitude, laporan.longitude = isian.program_id, isian.latitude, isian.longitude


# The holders above each position, cached per process for a minute: walking the position tree was a third of the
# cost of a submission during the 16:00 rush, and the staff of a unit share one position, so one walk serves them
# all. Changes to positions, postings and Plt/Plh clear it in the process that makes them (wiring.py); other worker
# processes see them within PENILAI_TTL seconds.
PENILAI_TTL = 60
_penilai_cache: dict[tuple, tuple[float, list[int]]] = {}


def penilai_forget(*_args, **_kwargs) -> None:
    _penilai_cache.clear()


def penilai_id(pegawai: Pegawai) -> int | None:
    """The pejabat penilai (atasan langsung, Plt/Plh aware) of a pegawai today: the same as
    `organisasi.selectors.atasan_langsung`, from the per-position cache."""
    if not pegawai.jabatan_id:
        return None
    hari = timezone.localdate()
    key = (pegawai.jabatan_id, hari)
    now = time.monotonic()
    hit = _penilai_cache.get(key)
    if hit is None or hit[0] <= now:
        if len(_penilai_cache) > 50_000:
            _penilai_cache.clear()
        hit = _penilai_cache[key] = (now + PENILAI_TTL, atasan_kandidat(pegawai.jabatan, hari))
    return next((pk for pk in hit[1] if pk != pegawai.pk), None)


def _siapkan_ajukan(laporan: LaporanHarian, pegawai: Pegawai, now: dt.datetime) -> None:
    """Submit: the pejabat penilai is the atasan langsung (Plt/Plh aware) as of the submission."""
    laporan.status = StatusLaporan.DIAJUKAN
    laporan.diajukan_pada = now
    laporan.dibuka_penilai_pada = None
    laporan.penilai_id = penilai_id(pegawai)


@functools.cache
def _urutan_laporan() -> str:
    """The sequence behind the report's identity column (PostgreSQL)."""
    return _baris("SELECT pg_get_serial_sequence(%s, %s)", [LaporanHarian._meta.db_table, "id"])[0][0]


# the pegawai's write lock (PostgreSQL); a new report's also draws the report's id
_SQL_KUNCI_PEGAWAI = "SELECT id FROM organisasi_pegawai WHERE id = %s FOR NO KEY UPDATE"
_SQL_KUNCI_DAN_ID = _SQL_KUNCI_PEGAWAI.replace("SELECT id", "SELECT nextval(%s::regclass)", 1)


def _kunci_dan_hari(pegawai: Pegawai, isian: _Isian, kunci: uuid.UUID | None) -> tuple[int | None, list[tuple]]:
    """Take the pegawai's write lock, then read the day's reports (and one saved under `kunci`).

    The lock serialises one pegawai's report writes so two concurrent submissions cannot both pass the overlap
    check (PostgreSQL; SQLite's IMMEDIATE transactions already serialise writers). On PostgreSQL the lock also
    draws the new report's id from its sequence (the report and its audit entry then go in one statement), and the
    two statements are sent in one round trip; the day's read is its own statement, so it sees what a lock holder
    committed before the lock was granted."""
    hari = _perintah_jam(pegawai, isian.tanggal, kunci=kunci)
    if connection.vendor != "postgresql":
        return None, _baris(*hari)
    terkunci, rows = cepat.baris_berurutan(
        (_SQL_KUNCI_DAN_ID, [_urutan_laporan(), pegawai.pk]), hari)
    return (terkunci[0][0] if terkunci else None), rows


_KUNCI_FIELD = LaporanHarian._meta.get_field("idempotency_key")


def _by_key(pegawai: Pegawai, key: uuid.UUID) -> LaporanHarian | None:
    """The report already recorded under this key. Asks for the id first: a replay is rare, and the whole row
    is only read when there is one."""
    found = _baris(_SQL_KUNCI, [pegawai.pk, _KUNCI_FIELD.get_db_prep_value(key, connection)])
    return LaporanHarian.objects.get(pk=found[0][0]) if found else None


def laporan_harian_create(*, actor, data: dict, ajukan: bool = False, idempotency_key: uuid.UUID | None = None,
                          now: dt.datetime | None = None) -> tuple[LaporanHarian, bool]:
    """Create a report (and submit it at once when `ajukan`). The same idempotency key from the same pegawai
    returns the original report instead of a new one: returns (report, created).

    The fields, the RHK and the dates are checked first, outside the write transaction; only the rules that span
    the day's reports, the idempotency key and the insert run under the write lock (a replay that fails the first
    checks is looked up by its key before the error is given). On SQLite that lock is the
    whole database's, so keeping it short is what lets the 16:00 rush through (bench/ingest)."""
    pegawai, sasaran_row = _pelapor_dan_sasaran(actor, data)
    now = now or timezone.now()
    hari_ini = selectors.hari_ini_pegawai(pegawai, now)
    kebijakan = selectors.kebijakan_for(pegawai.instansi_id)
    try:
        isian = _bersihkan(pegawai=pegawai, data=data, hari_ini=hari_ini, kebijakan=kebijakan, cek_tanggal=True,
                           cek_jam=False, sasaran_row=sasaran_row)
    except ApplicationError:
        # a replay may no longer pass (its day left the backdating window, its SKP was closed): the report saved
        # under the key is still the answer
        existing = _by_key(pegawai, idempotency_key) if idempotency_key is not None else None
        if existing is None:
            raise
        return existing, False
    unit = pegawai.unit_kerja
    laporan = LaporanHarian(
        instansi_id=pegawai.instansi_id, pegawai=pegawai, idempotency_key=idempotency_key,
        jabatan_nama=pegawai.jabatan.nama if pegawai.jabatan_id else "",
        unit_kerja=unit, unit_kerja_nama=unit.nama if unit else "", zona_waktu=selectors.zona_pegawai(pegawai).key,
    )
    _terapkan(laporan, isian)
    if ajukan:
        _siapkan_ajukan(laporan, pegawai, now)
    try:
        with transaction.atomic():
            laporan.pk, hari = _kunci_dan_hari(pegawai, isian, idempotency_key)
            sama = _cek_jam(pegawai, isian, kebijakan, kunci=idempotency_key, rows=hari)
            if sama is not None:  # a concurrent retry with the same key committed first
                return LaporanHarian.objects.get(pk=sama), False
            simpan_baru(laporan, actor=actor)  # the row and its audit entry, fixed SQL (no save signals)
    except IntegrityError:
        # the same key committed in between (the pegawai's lock makes this rare): answer with that report
        existing = _by_key(pegawai, idempotency_key) if idempotency_key is not None else None
        if existing is None:
            raise
        return existing, False
    return laporan, True


def _kunci_milik(actor, laporan: LaporanHarian) -> LaporanHarian:
    """Re-read the report locked for update; 404 when the actor may not see it, 403 when it is not theirs."""
    pegawai = pegawai_pelapor(actor)
    locked = (LaporanHarian.objects.select_for_update(no_key=True, of=("self",))
              .select_related("pegawai__jabatan", "skp__periode").filter(pk=laporan.pk).first())
    if locked is None or not scope_for(actor).covers(locked.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    if locked.pegawai_id != pegawai.pk:
        raise Forbidden(rules.MSG_BUKAN_MILIK)
    return locked


@transaction.atomic
def laporan_harian_update(*, actor, laporan: LaporanHarian, data: dict,
                          now: dt.datetime | None = None) -> LaporanHarian:
    """Edit a report until it is approved. Only the given fields change; the rules are checked again (the
    backdating window only when the date changes)."""
    laporan = _kunci_milik(actor, laporan)
    if not rules.dapat_diubah(laporan.status):
        raise InvalidState(rules.MSG_SUDAH_DISETUJUI)
    pegawai = laporan.pegawai
    if connection.vendor == "postgresql":  # the day's rules are checked again: the same lock as a new report's
        _baris(_SQL_KUNCI_PEGAWAI, [pegawai.pk])
    current = {f: getattr(laporan, f) for f in FIELDS}
    merged = {**current, **{k: v for k, v in data.items() if k in FIELDS}}
    if "rhk_id" in data and "indikator_id" not in data:
        merged["indikator_id"] = None  # a new RHK without an indicator drops the old indicator
    now = now or timezone.now()
    hari_ini = selectors.hari_ini_pegawai(pegawai, now)
    tanggal_baru = merged.get("tanggal") or hari_ini
    isian = _bersihkan(pegawai=pegawai, data=merged, hari_ini=hari_ini,
                       kebijakan=selectors.kebijakan_for(pegawai.instansi_id),
                       cek_tanggal=str(tanggal_baru) != str(laporan.tanggal), kecuali_pk=laporan.pk)
    _terapkan(laporan, isian)
    if laporan.status == StatusLaporan.DIAJUKAN:
        laporan.dibuka_penilai_pada = None  # changed after the atasan opened it: it must be opened again
    with audit_actor(actor):
        laporan.save()
    return laporan


@transaction.atomic
def laporan_harian_submit(*, actor, laporan: LaporanHarian, now: dt.datetime | None = None) -> LaporanHarian:
    """Send a draft (or a revised report) to the pejabat penilai. Submitting twice changes nothing."""
    laporan = _kunci_milik(actor, laporan)
    if laporan.status == StatusLaporan.DIAJUKAN:
        return laporan
    if not rules.boleh_pindah(laporan.status, rules.DIAJUKAN):
        raise InvalidState(rules.MSG_STATUS.format(status=rules.STATUS_LABEL[laporan.status], aksi="diajukan"))
    if laporan.skp.periode.status == StatusPeriode.DITUTUP:
        raise InvalidState(rules.MSG_PERIODE_DITUTUP)
    _siapkan_ajukan(laporan, laporan.pegawai, now or timezone.now())
    with audit_actor(actor):
        laporan.save(update_fields=["status", "diajukan_pada", "dibuka_penilai_pada", "penilai", "updated_at"])
    return laporan


def hapus_berkas(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            default_storage.delete(name)


@transaction.atomic
def laporan_harian_delete(*, actor, laporan: LaporanHarian) -> None:
    """Delete a draft with its evidence (files are removed once the deletion is committed)."""
    laporan = _kunci_milik(actor, laporan)
    if laporan.status != StatusLaporan.DRAFT:
        raise InvalidState(rules.MSG_HANYA_DRAF_DIHAPUS)
    names = [n for b in laporan.bukti.all() for n in (b.berkas.name, b.thumbnail.name)]
    with audit_actor(actor):
        laporan.delete()
    transaction.on_commit(lambda: hapus_berkas(names))
