"""Import of unit structure and pegawai from Excel (.xlsx) or CSV, columns as a SIASN/SIMPEG export.

Two steps, both run by the task runner so large files show progress:
1. check (dry run): parse, validate every row, list row-level errors in Indonesian, count what would change;
2. apply: validate again against current data, then write everything in one transaction (all-or-nothing).
Re-importing the same file changes nothing (rows are matched by NIP / unit code).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import audit_actor, log_bulk
from kinerja.core.exceptions import ApplicationError, ErrorCode
from kinerja.organisasi import rules
from kinerja.organisasi.models import (
    STRUKTURAL,
    ImporData,
    Jabatan,
    JenisImpor,
    JenisJabatan,
    JenisPenempatan,
    JenisUnit,
    JenjangFungsional,
    Pegawai,
    Penempatan,
    StatusImpor,
    UnitKerja,
    ZonaWaktu,
    path_segment,
)
from kinerja.organisasi.services import _require_master_write

User = get_user_model()

MAX_ERRORS_KEPT = 1000
PROGRESS_EVERY = 500

MSG_NOT_SPREADSHEET = "Berkas harus berupa Excel (.xlsx) atau CSV. Berkas ini bukan lembar kerja."
MSG_TOO_LARGE = "Berkas terlalu besar (maksimal {mb} MB). Pecah menjadi beberapa berkas."
MSG_EMPTY = "Berkas tidak berisi baris data."
MSG_MISSING_COLUMNS = "Kolom wajib tidak ditemukan: {cols}. Baris pertama harus berisi judul kolom seperti templat."
MSG_CYCLE = "NIP atasan membentuk siklus (atasan dari atasan … kembali ke pegawai ini)."

PEGAWAI_COLUMNS: dict[str, list[str]] = {
    "nip": ["NIP", "NIP BARU", "NIPBARU", "NIP/NI PPPK", "NI PPPK"],
    "nama": ["NAMA", "NAMA PEGAWAI"],
    "gelar_depan": ["GELAR DEPAN"],
    "gelar_belakang": ["GELAR BELAKANG"],
    "jenis_kelamin": ["JENIS KELAMIN", "JK"],
    "tanggal_lahir": ["TANGGAL LAHIR", "TGL LAHIR"],
    "tempat_lahir": ["TEMPAT LAHIR"],
    "jenis_asn": ["JENIS PEGAWAI", "JENIS ASN", "STATUS ASN"],
    "golongan": ["GOLONGAN", "GOL", "GOL AKHIR NAMA", "GOL RUANG"],
    "jabatan": ["JABATAN", "JABATAN NAMA", "NAMA JABATAN"],
    "jenis_jabatan": ["JENIS JABATAN", "JENIS JABATAN NAMA"],
    "jenjang": ["JENJANG", "JENJANG JABATAN"],
    "kode_unit": ["KODE UNIT", "KODE UNOR", "UNOR ID", "UNIT KERJA KODE"],
    "kepala_unit": ["KEPALA UNIT"],
    "nip_atasan": ["NIP ATASAN", "ATASAN NIP", "NIP ATASAN LANGSUNG"],
    "email": ["EMAIL", "EMAIL GOV"],
    "telepon": ["TELEPON", "NOMOR HP", "NO HP", "HP"],
    "tmt_jabatan": ["TMT JABATAN"],
}
PEGAWAI_REQUIRED = ["nip", "nama", "jabatan", "kode_unit"]

UNIT_COLUMNS: dict[str, list[str]] = {
    "kode": ["KODE UNIT", "KODE", "KODE UNOR"],
    "nama": ["NAMA UNIT", "NAMA", "NAMA UNOR"],
    "jenis": ["JENIS UNIT", "JENIS"],
    "kode_induk": ["KODE INDUK", "INDUK", "KODE UNOR INDUK"],
    "singkatan": ["SINGKATAN"],
    "alamat": ["ALAMAT"],
    "zona_waktu": ["ZONA WAKTU"],
}
UNIT_REQUIRED = ["kode", "nama", "jenis"]

TEMPLATE_HEADERS = {
    JenisImpor.PEGAWAI: ["NIP", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "JENIS KELAMIN", "TANGGAL LAHIR",
                         "TEMPAT LAHIR", "JENIS PEGAWAI", "GOLONGAN", "JABATAN", "JENIS JABATAN", "JENJANG",
                         "KODE UNIT", "KEPALA UNIT", "NIP ATASAN", "EMAIL", "TELEPON", "TMT JABATAN"],
    JenisImpor.UNIT: ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK", "SINGKATAN", "ALAMAT", "ZONA WAKTU"],
}


# --- Reading files ---------------------------------------------------------------------------------


def _norm_header(value) -> str:
    return re.sub(r"\s+", " ", str(value or "").upper().replace("_", " ").replace("-", " ")).strip()


def detect_format(head: bytes, filename: str) -> str:
    """'xlsx' or 'csv' from the content (the file name is only a hint); anything else is refused."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if b"\x00" in head[:4096]:
        raise ApplicationError(MSG_NOT_SPREADSHEET, code=ErrorCode.UNSUPPORTED)
    try:
        text = head[:4096].decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head[:4096].decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    if not first or ("," not in first and ";" not in first and "\t" not in first) or "<" in first[:20]:
        raise ApplicationError(MSG_NOT_SPREADSHEET, code=ErrorCode.UNSUPPORTED)
    return "csv"


def _cell(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if value is None:
        return ""
    return value if isinstance(value, dt.date) else str(value).strip()


def read_table(data: bytes, filename: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """(normalised headers, iterator of (row number as the user sees it, cells))."""
    fmt = detect_format(data[:8192], filename)
    if fmt == "xlsx":
        import openpyxl

        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any parse failure means "not a workbook"
            raise ApplicationError(MSG_NOT_SPREADSHEET, code=ErrorCode.UNSUPPORTED) from None
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()

        def gen():
            for i, row in enumerate(rows, start=2):
                if row is None or all(v is None or str(v).strip() == "" for v in row):
                    continue
                yield i, [_raw_xlsx(v) for v in row]

        return [_norm_header(h) for h in header], gen()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text else ""
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])

    def gen_csv():
        for i, row in enumerate(reader, start=2):
            if not any(c.strip() for c in row):
                continue
            yield i, [c.strip() for c in row]

    return [_norm_header(h) for h in header], gen_csv()


def _raw_xlsx(value):
    if isinstance(value, float) and not value.is_integer():
        return value
    if isinstance(value, float) and abs(value) >= 1e15:
        return ("__float_big__", value)  # an 18-digit NIP typed as a number has lost digits
    return _cell(value)


def map_columns(headers: list[str], spec: dict[str, list[str]], required: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for key, aliases in spec.items():
        for alias in aliases:
            if alias in headers:
                index[key] = headers.index(alias)
                break
    missing = [spec[k][0] for k in required if k not in index]
    if missing:
        raise ApplicationError(MSG_MISSING_COLUMNS.format(cols=", ".join(missing)),
                               detail={"kolom_wajib": [spec[k][0] for k in required],
                                       "kolom_ditemukan": [h for h in headers if h]})
    return index


# --- Value parsing -----------------------------------------------------------------------------------

_JENIS_JABATAN = {
    "JPT PRATAMA": JenisJabatan.JPT_PRATAMA, "JPT": JenisJabatan.JPT_PRATAMA, "PIMPINAN TINGGI": JenisJabatan.JPT_PRATAMA,
    "ADMINISTRATOR": JenisJabatan.ADMINISTRATOR, "PENGAWAS": JenisJabatan.PENGAWAS,
    "PELAKSANA": JenisJabatan.PELAKSANA, "FUNGSIONAL": JenisJabatan.FUNGSIONAL,
    "FUNGSIONAL TERTENTU": JenisJabatan.FUNGSIONAL, "FUNGSIONAL UMUM": JenisJabatan.PELAKSANA, "": JenisJabatan.PELAKSANA,
}
_JENJANG = {_norm_header(label): value for value, label in JenjangFungsional.choices}
_JK = {"L": "L", "LAKI LAKI": "L", "PRIA": "L", "1": "L", "P": "P", "PEREMPUAN": "P", "WANITA": "P", "2": "P"}
_YES = {"Y", "YA", "1", "TRUE", "BENAR", "X"}
_JENIS_UNIT = {_norm_header(label): value for value, label in JenisUnit.choices} | {
    _norm_header(v): v for v in JenisUnit.values}
_ZONA = {"WIB": ZonaWaktu.WIB, "WITA": ZonaWaktu.WITA, "WIT": ZonaWaktu.WIT, "": ""}


def _parse_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    value = str(value or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise ValueError("Format tanggal tidak dikenal; gunakan TTTT-BB-HH atau HH-BB-TTTT.")


def _normalize_golongan(value: str) -> str:
    value = str(value or "").strip().replace(" ", "")
    if "/" in value:
        roman, letter = value.split("/", 1)
        return f"{roman.upper()}/{letter.lower()}"
    return value.upper()


# --- Plans (result of checking) -----------------------------------------------------------------------


@dataclass
class RowError:
    baris: int
    kolom: str
    pesan: str

    def as_dict(self) -> dict:
        return {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan}


@dataclass
class Plan:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    def error(self, baris: int, kolom: str, pesan: str) -> None:
        self.errors.append(RowError(baris, kolom, pesan))


def _get(cells: list, index: dict[str, int], key: str):
    i = index.get(key)
    if i is None or i >= len(cells):
        return ""
    return cells[i]


def parse_table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list]]]:
    """Parse the whole file once; the checkers and the progress total share the result."""
    headers, rows = read_table(data, filename)
    return headers, list(rows)


def check_pegawai(table: tuple[list[str], list], instansi_id: int, progress=None) -> Plan:
    headers, rows = table
    index = map_columns(headers, PEGAWAI_COLUMNS, PEGAWAI_REQUIRED)
    plan = Plan()
    units = {u.kode: u for u in UnitKerja.objects.filter(instansi_id=instansi_id).only("pk", "kode", "nama", "opd_id")}
    seen: dict[str, int] = {}
    structural_seen: dict[tuple, int] = {}
    for n, (baris, cells) in enumerate(rows, start=1):
        if progress and n % PROGRESS_EVERY == 0:
            progress(n)
        row: dict = {"baris": baris}
        col = PEGAWAI_COLUMNS
        raw_nip = _get(cells, index, "nip")
        if isinstance(raw_nip, tuple):
            plan.error(baris, col["nip"][0], "NIP tersimpan sebagai angka sehingga digit terakhir hilang. "
                                             "Format kolom NIP sebagai teks.")
            continue
        nip = rules.normalize_nip(raw_nip)
        jenis_raw = _norm_header(_get(cells, index, "jenis_asn"))
        jenis_asn = {"PNS": rules.PNS, "CPNS": rules.PNS, "PPPK": rules.PPPK}.get(jenis_raw)
        if jenis_raw and jenis_asn is None:
            plan.error(baris, col["jenis_asn"][0], "Jenis pegawai harus PNS atau PPPK.")
        if not nip:
            plan.error(baris, col["nip"][0], "NIP wajib diisi.")
            continue
        try:
            info = rules.parse_nip(nip, jenis_asn=jenis_asn)
        except rules.NipError as exc:
            plan.error(baris, col["nip"][0], f"NIP {nip}: {exc}")
            continue
        if nip in seen:
            plan.error(baris, col["nip"][0], f"NIP {nip} muncul dua kali (juga di baris {seen[nip]}).")
            continue
        seen[nip] = baris
        row.update(nip=nip, jenis_asn=info.jenis_asn, tanggal_lahir=info.tanggal_lahir,
                   jenis_kelamin=info.jenis_kelamin,
                   tmt_asn=dt.date(info.tmt_tahun, info.tmt_bulan, 1) if info.tmt_bulan else None)
        nama = str(_get(cells, index, "nama") or "").strip()
        if not nama:
            plan.error(baris, col["nama"][0], "Nama wajib diisi.")
        elif len(nama) > 150:
            plan.error(baris, col["nama"][0], "Nama terlalu panjang (maksimal 150 huruf).")
        row["nama"] = nama[:150]
        row["gelar_depan"] = str(_get(cells, index, "gelar_depan") or "")[:40]
        row["gelar_belakang"] = str(_get(cells, index, "gelar_belakang") or "")[:60]
        row["tempat_lahir"] = str(_get(cells, index, "tempat_lahir") or "")[:100]
        jk = _norm_header(_get(cells, index, "jenis_kelamin"))
        if jk and _JK.get(jk) != info.jenis_kelamin:
            plan.error(baris, col["jenis_kelamin"][0],
                       "Jenis kelamin tidak sesuai digit 15 NIP." if jk in _JK else "Jenis kelamin harus L atau P.")
        try:
            lahir = _parse_date(_get(cells, index, "tanggal_lahir"))
            if lahir and lahir != info.tanggal_lahir:
                plan.error(baris, col["tanggal_lahir"][0], "Tanggal lahir tidak sesuai digit 1–8 NIP.")
        except ValueError as exc:
            plan.error(baris, col["tanggal_lahir"][0], str(exc))
        gol = _normalize_golongan(_get(cells, index, "golongan"))
        if gol and not rules.golongan_valid_for(gol, info.jenis_asn):
            plan.error(baris, col["golongan"][0], f"Golongan '{gol}' tidak berlaku untuk {info.jenis_asn}.")
        row["golongan"] = gol
        jabatan = str(_get(cells, index, "jabatan") or "").strip()
        if not jabatan:
            plan.error(baris, col["jabatan"][0], "Nama jabatan wajib diisi.")
        row["jabatan"] = jabatan[:200]
        jj = _norm_header(_get(cells, index, "jenis_jabatan"))
        if jj not in _JENIS_JABATAN:
            plan.error(baris, col["jenis_jabatan"][0],
                       "Jenis jabatan harus JPT Pratama, Administrator, Pengawas, Pelaksana atau Fungsional.")
        row["jenis_jabatan"] = _JENIS_JABATAN.get(jj, JenisJabatan.PELAKSANA)
        jenjang = _norm_header(_get(cells, index, "jenjang"))
        row["jenjang"] = _JENJANG.get(jenjang, "") if row["jenis_jabatan"] == JenisJabatan.FUNGSIONAL else ""
        if jenjang and row["jenis_jabatan"] == JenisJabatan.FUNGSIONAL and not row["jenjang"]:
            plan.error(baris, col["jenjang"][0], f"Jenjang '{jenjang.title()}' tidak dikenal.")
        kode_unit = str(_get(cells, index, "kode_unit") or "").strip()
        unit = units.get(kode_unit)
        if unit is None:
            plan.error(baris, col["kode_unit"][0],
                       f"Unit kerja dengan kode '{kode_unit}' tidak dikenal. Impor struktur unit lebih dulu.")
        row["unit"] = unit
        row["kepala_unit"] = _norm_header(_get(cells, index, "kepala_unit")) in _YES
        if unit is not None and row["jenis_jabatan"] in STRUKTURAL and jabatan:
            key = (unit.pk, jabatan.lower())
            if key in structural_seen:
                plan.error(baris, col["jabatan"][0], f"Jabatan struktural '{jabatan}' di {unit.nama} sudah diisi "
                                                     f"oleh baris {structural_seen[key]}.")
            structural_seen[key] = baris
        atasan = rules.normalize_nip(_get(cells, index, "nip_atasan"))
        if atasan == nip:
            plan.error(baris, col["nip_atasan"][0], "NIP atasan tidak boleh sama dengan NIP pegawai itu sendiri.")
            atasan = ""
        row["nip_atasan"] = atasan
        email = str(_get(cells, index, "email") or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                plan.error(baris, col["email"][0], f"Alamat email '{email}' tidak valid.")
        row["email"] = email[:254]
        row["telepon"] = str(_get(cells, index, "telepon") or "").strip()[:20]
        try:
            row["tmt_jabatan"] = _parse_date(_get(cells, index, "tmt_jabatan"))
        except ValueError as exc:
            plan.error(baris, col["tmt_jabatan"][0], str(exc))
        plan.rows.append(row)
    if not plan.rows and not plan.errors:
        raise ApplicationError(MSG_EMPTY)
    _check_atasan(plan, instansi_id)
    _check_structural_holders(plan, instansi_id)
    _summarize_pegawai(plan)
    return plan


def _check_structural_holders(plan: Plan, instansi_id: int) -> None:
    """A structural position already held by someone not moved by this file cannot take a second holder."""
    wanted = [r for r in plan.rows if r["unit"] is not None and r["jenis_jabatan"] in STRUKTURAL]
    if not wanted:
        return
    in_file = {r["nip"] for r in plan.rows}
    held = {}
    for p in Pegawai.objects.filter(instansi_id=instansi_id, status="aktif", jabatan__jenis__in=STRUKTURAL,
                                    unit_kerja_id__in={r["unit"].pk for r in wanted}).select_related("jabatan"):
        held[(p.unit_kerja_id, p.jabatan.nama.lower())] = p
    for r in wanted:
        holder = held.get((r["unit"].pk, r["jabatan"].lower()))
        if holder is not None and holder.nip != r["nip"] and holder.nip not in in_file:
            plan.error(r["baris"], PEGAWAI_COLUMNS["jabatan"][0],
                       f"Jabatan struktural '{r['jabatan']}' masih dipegang {holder.nama_lengkap} ({holder.nip}); "
                       "sertakan pemindahannya di berkas ini atau pindahkan lebih dulu.")


def _check_atasan(plan: Plan, instansi_id: int) -> None:
    in_file = {r["nip"]: r for r in plan.rows}
    wanted = {r["nip_atasan"] for r in plan.rows if r["nip_atasan"] and r["nip_atasan"] not in in_file}
    in_db = set(Pegawai.objects.filter(instansi_id=instansi_id, nip__in=wanted).values_list("nip", flat=True))
    col = PEGAWAI_COLUMNS["nip_atasan"][0]
    for r in plan.rows:
        a = r["nip_atasan"]
        if a and a not in in_file and a not in in_db:
            plan.error(r["baris"], col, f"NIP atasan {a} tidak ditemukan di berkas maupun data pegawai.")
            r["nip_atasan"] = ""
    # Cycles inside the file: follow each chain; a chain that returns to a visited NIP is a cycle.
    state: dict[str, int] = {}  # 1 = on the current chain, 2 = known acyclic
    for start in in_file:
        chain = []
        nip = start
        while nip in in_file and state.get(nip) != 2:
            if state.get(nip) == 1:
                for member in chain[chain.index(nip):]:
                    plan.error(in_file[member]["baris"], col, MSG_CYCLE)
                    in_file[member]["nip_atasan"] = ""
                break
            state[nip] = 1
            chain.append(nip)
            nip = in_file[nip]["nip_atasan"]
        for member in chain:
            state[member] = 2


def _summarize_pegawai(plan: Plan) -> None:
    existing = {
        p.nip: p for p in Pegawai.objects.filter(nip__in=[r["nip"] for r in plan.rows])
        .select_related("jabatan", "unit_kerja")
    }
    new = changed = same = 0
    for r in plan.rows:
        p = existing.get(r["nip"])
        r["existing"] = p
        if p is None:
            new += 1
        elif _pegawai_changes(p, r) or (p.jabatan is None or p.jabatan.nama != r["jabatan"]
                                        or p.unit_kerja_id != (r["unit"].pk if r["unit"] else None)):
            changed += 1
        else:
            same += 1
    plan.summary = {"baris": len(plan.rows) + len({e.baris for e in plan.errors} - {r["baris"] for r in plan.rows}),
                    "baru": new, "diperbarui": changed, "tetap": same, "kesalahan": len(plan.errors)}


_PEGAWAI_FIELDS = ["nama", "gelar_depan", "gelar_belakang", "tempat_lahir", "golongan", "email", "telepon",
                   "jenis_asn"]


def _pegawai_changes(p: Pegawai, r: dict) -> dict:
    return {f: r[f] for f in _PEGAWAI_FIELDS if (r.get(f) or "") != (getattr(p, f) or "")}


def check_unit(table: tuple[list[str], list], instansi_id: int, progress=None) -> Plan:
    headers, rows = table
    index = map_columns(headers, UNIT_COLUMNS, UNIT_REQUIRED)
    plan = Plan()
    existing = {u.kode: u for u in UnitKerja.objects.filter(instansi_id=instansi_id)}
    seen: dict[str, int] = {}
    col = UNIT_COLUMNS
    for n, (baris, cells) in enumerate(rows, start=1):
        if progress and n % PROGRESS_EVERY == 0:
            progress(n)
        kode = str(_get(cells, index, "kode") or "").strip()
        nama = str(_get(cells, index, "nama") or "").strip()
        jenis_raw = _norm_header(_get(cells, index, "jenis"))
        jenis = _JENIS_UNIT.get(jenis_raw)
        ok = True
        if not kode:
            plan.error(baris, col["kode"][0], "Kode unit wajib diisi.")
            ok = False
        elif kode in seen:
            plan.error(baris, col["kode"][0], f"Kode unit '{kode}' muncul dua kali (juga di baris {seen[kode]}).")
            ok = False
        if not nama:
            plan.error(baris, col["nama"][0], "Nama unit wajib diisi.")
            ok = False
        if jenis is None:
            plan.error(baris, col["jenis"][0], f"Jenis unit '{jenis_raw.title()}' tidak dikenal "
                                               "(mis. Dinas, Badan, Kecamatan, Bidang, Seksi, Puskesmas, Sekolah).")
            ok = False
        zona = _ZONA.get(_norm_header(_get(cells, index, "zona_waktu")))
        if zona is None:
            plan.error(baris, col["zona_waktu"][0], "Zona waktu harus WIB, WITA atau WIT.")
            ok = False
        if not ok:
            continue
        seen[kode] = baris
        plan.rows.append({"baris": baris, "kode": kode[:40], "nama": nama[:200], "jenis": jenis,
                          "kode_induk": str(_get(cells, index, "kode_induk") or "").strip(),
                          "singkatan": str(_get(cells, index, "singkatan") or "")[:40],
                          "alamat": str(_get(cells, index, "alamat") or "")[:255], "zona_waktu": zona})
    if not plan.rows and not plan.errors:
        raise ApplicationError(MSG_EMPTY)
    in_file = {r["kode"]: r for r in plan.rows}
    for r in plan.rows:
        induk = r["kode_induk"]
        if induk and induk not in in_file and induk not in existing:
            plan.error(r["baris"], col["kode_induk"][0], f"Unit induk dengan kode '{induk}' tidak dikenal.")
        if induk == r["kode"]:
            plan.error(r["baris"], col["kode_induk"][0], "Unit tidak boleh menjadi induk dirinya sendiri.")
    # cycles: combine file and database parents
    parent = {u.kode: (u.induk.kode if u.induk_id else "") for u in existing.values() if True}
    parent.update({r["kode"]: r["kode_induk"] for r in plan.rows})
    for r in plan.rows:
        seen_chain, k = set(), r["kode"]
        while k:
            if k in seen_chain:
                plan.error(r["baris"], col["kode_induk"][0], "Kode induk membentuk siklus antar unit.")
                break
            seen_chain.add(k)
            k = parent.get(k, "")
    new = sum(1 for r in plan.rows if r["kode"] not in existing)
    plan.summary = {"baris": len(plan.rows), "baru": new, "diperbarui": len(plan.rows) - new,
                    "kesalahan": len(plan.errors)}
    return plan


# --- Services ------------------------------------------------------------------------------------------


@transaction.atomic
def impor_data_create(*, actor, jenis: str, berkas) -> ImporData:
    """Store an uploaded file after checking its size and that its content is a spreadsheet."""
    _require_master_write(actor)
    if jenis not in JenisImpor.values:
        raise ApplicationError("Jenis impor tidak dikenal.")
    limit = settings.IMPORT_MAX_BYTES
    if berkas.size > limit:
        raise ApplicationError(MSG_TOO_LARGE.format(mb=limit // (1024 * 1024)), code=ErrorCode.TOO_LARGE)
    head = berkas.read(8192)
    berkas.seek(0)
    fmt = detect_format(head, berkas.name)
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "_", berkas.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:100] or "impor"
    if not safe_name.lower().endswith(f".{fmt}"):
        safe_name = f"{safe_name}.{fmt}"
    with audit_actor(actor):
        obj = ImporData(instansi_id=actor.instansi_id, jenis=jenis, nama_berkas=safe_name, diunggah_oleh=actor)
        obj.berkas.save(safe_name, berkas, save=False)
        obj.save()
    return obj


def _progress_writer(impor: ImporData):
    def write(n: int) -> None:
        ImporData.objects.filter(pk=impor.pk).update(baris_diproses=n)
    return write


def impor_data_check(*, actor, impor: ImporData) -> ImporData:
    """Dry run: validate every row, keep the errors and the summary; writes nothing else."""
    _require_master_write(actor, impor.instansi_id)
    data = impor.berkas.open("rb").read()
    impor.berkas.close()
    try:
        table = parse_table(data, impor.nama_berkas)
        total = len(table[1])
        ImporData.objects.filter(pk=impor.pk).update(status=StatusImpor.DIPERIKSA, total_baris=total,
                                                     baris_diproses=0)
        checker = check_pegawai if impor.jenis == JenisImpor.PEGAWAI else check_unit
        plan = checker(table, impor.instansi_id, progress=_progress_writer(impor))
    except ApplicationError as exc:
        impor.status, impor.pesan = StatusImpor.GAGAL_VALIDASI, exc.message
        impor.kesalahan = [{"baris": 1, "kolom": "", "pesan": exc.message}]
        impor.ringkasan = {"kesalahan": 1}
    else:
        impor.total_baris = total
        impor.kesalahan = [e.as_dict() for e in plan.errors[:MAX_ERRORS_KEPT]]
        impor.ringkasan = plan.summary
        impor.status = StatusImpor.GAGAL_VALIDASI if plan.errors else StatusImpor.SIAP
        impor.pesan = (f"{len(plan.errors)} kesalahan ditemukan; perbaiki berkas lalu unggah lagi."
                       if plan.errors else "Berkas valid dan siap diterapkan.")
    impor.baris_diproses = impor.total_baris
    impor.save(update_fields=["status", "pesan", "kesalahan", "ringkasan", "total_baris", "baris_diproses",
                              "updated_at"])
    return impor


def impor_data_apply(*, actor, impor: ImporData) -> ImporData:
    """Apply a checked file in one transaction. If anything fails nothing is written."""
    _require_master_write(actor, impor.instansi_id)
    if impor.status not in (StatusImpor.SIAP, StatusImpor.GAGAL):
        raise ApplicationError("Berkas harus lolos pemeriksaan sebelum diterapkan.", code=ErrorCode.INVALID_STATE)
    ImporData.objects.filter(pk=impor.pk).update(status=StatusImpor.MENERAPKAN, baris_diproses=0)
    data = impor.berkas.open("rb").read()
    impor.berkas.close()
    try:
        with transaction.atomic(), audit_actor(actor):
            if impor.jenis == JenisImpor.PEGAWAI:
                plan = check_pegawai(parse_table(data, impor.nama_berkas), impor.instansi_id)
                if plan.errors:
                    raise ApplicationError("Data berubah sejak pemeriksaan; periksa ulang berkas.",
                                           detail={"kesalahan": [e.as_dict() for e in plan.errors[:50]]})
                result = _apply_pegawai(actor, impor.instansi_id, plan)
            else:
                plan = check_unit(parse_table(data, impor.nama_berkas), impor.instansi_id)
                if plan.errors:
                    raise ApplicationError("Data berubah sejak pemeriksaan; periksa ulang berkas.",
                                           detail={"kesalahan": [e.as_dict() for e in plan.errors[:50]]})
                result = _apply_unit(actor, impor.instansi_id, plan)
    except ApplicationError as exc:
        impor.status, impor.pesan = StatusImpor.GAGAL, exc.message
        impor.kesalahan = exc.detail.get("kesalahan", [{"baris": 0, "kolom": "", "pesan": exc.message}]) if isinstance(
            exc.detail, dict) else []
        impor.save(update_fields=["status", "pesan", "kesalahan", "updated_at"])
        raise
    impor.status = StatusImpor.SELESAI
    impor.ringkasan = {**impor.ringkasan, **result}
    impor.pesan = "Impor selesai: " + ", ".join(f"{k} {v}" for k, v in result.items()) + "."
    impor.baris_diproses = impor.total_baris
    impor.selesai_pada = timezone.now()
    impor.save(update_fields=["status", "ringkasan", "pesan", "baris_diproses", "selesai_pada", "updated_at"])
    return impor


def rebuild_paths(model, instansi_id: int) -> list:
    """Recompute the materialised path of every row of a tree from its parent links; refuse cycles."""
    parent_field = "induk_id" if model is UnitKerja else "atasan_id"
    nodes = {o.pk: o for o in model.objects.filter(instansi_id=instansi_id)}
    paths: dict[int, str] = {}

    def path_of(pk: int, trail: set[int]) -> str:
        if pk in paths:
            return paths[pk]
        if pk in trail:
            raise ApplicationError("Struktur membentuk siklus; impor dibatalkan dan tidak ada yang disimpan.")
        trail.add(pk)
        parent = getattr(nodes[pk], parent_field)
        prefix = path_of(parent, trail) if parent in nodes else ""
        paths[pk] = prefix + path_segment(pk)
        return paths[pk]

    changed = []
    for pk, obj in nodes.items():
        new = path_of(pk, set())
        fields_changed = obj.path != new
        obj.path = new
        if model is UnitKerja:
            level = new.count("/") - 1
            root = int(new[: new.index("/")])
            opd = None if root == pk else root
            fields_changed |= obj.level != level or obj.opd_id != opd
            obj.level, obj.opd_id = level, opd
        if fields_changed:
            changed.append(obj)
    fields = ["path", "level", "opd"] if model is UnitKerja else ["path"]
    model.objects.bulk_update(changed, fields, batch_size=1000)
    return changed


def _apply_unit(actor, instansi_id: int, plan: Plan) -> dict:
    existing = {u.kode: u for u in UnitKerja.objects.filter(instansi_id=instansi_id)}
    created, updated = [], []
    for r in plan.rows:
        u = existing.get(r["kode"])
        fields = {"nama": r["nama"], "jenis": r["jenis"], "singkatan": r["singkatan"], "alamat": r["alamat"]}
        if r["zona_waktu"]:
            fields["zona_waktu"] = r["zona_waktu"]
        if u is None:
            u = UnitKerja(instansi_id=instansi_id, kode=r["kode"], **fields)
            created.append(u)
        elif any(getattr(u, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(u, k, v)
            updated.append(u)
        existing[r["kode"]] = u
    UnitKerja.objects.bulk_create(created, batch_size=500)
    moved = []
    for r in plan.rows:
        u = existing[r["kode"]]
        induk = existing.get(r["kode_induk"]) if r["kode_induk"] else None
        if u.induk_id != (induk.pk if induk else None):
            u.induk = induk
            moved.append(u)
    UnitKerja.objects.bulk_update({u.pk: u for u in updated + moved}.values(),
                                  ["nama", "jenis", "singkatan", "alamat", "zona_waktu", "induk"], batch_size=500)
    rebuild_paths(UnitKerja, instansi_id)
    for u in UnitKerja.objects.filter(instansi_id=instansi_id).only("pk", "opd_id"):
        Pegawai.objects.filter(unit_kerja_id=u.pk).exclude(opd_id=u.opd_id or u.pk).update(opd_id=u.opd_id or u.pk)
    log_bulk(actor=actor, objects=created, action=LogEntry.Action.CREATE,
             changes_for=lambda u: {"kode": [None, u.kode], "nama": [None, u.nama]})
    log_bulk(actor=actor, objects=updated + moved, action=LogEntry.Action.UPDATE,
             changes_for=lambda u: {"nama": [None, u.nama], "induk": [None, u.induk_id]})
    return {"unit baru": len(created), "unit diperbarui": len({u.pk for u in updated + moved})}


def _apply_pegawai(actor, instansi_id: int, plan: Plan) -> dict:
    rows = {r["nip"]: r for r in plan.rows}
    today = timezone.localdate()
    all_nips = set(rows) | {r["nip_atasan"] for r in plan.rows if r["nip_atasan"]}
    pegawai = {p.nip: p for p in Pegawai.objects.filter(instansi_id=instansi_id, nip__in=all_nips)
               .select_related("jabatan")}
    unit_ids = {r["unit"].pk for r in plan.rows}
    jab_index: dict[tuple, list[Jabatan]] = {}
    for j in Jabatan.objects.filter(instansi_id=instansi_id, unit_kerja_id__in=unit_ids):
        jab_index.setdefault((j.unit_kerja_id, j.nama.lower(), j.jenis), []).append(j)

    # 1. Positions, parents first (order rows by the depth of their atasan chain inside the file).
    memo: dict[str, int] = {}

    def depth(nip: str) -> int:
        if nip not in memo:
            a = rows[nip]["nip_atasan"]
            memo[nip] = 0 if a not in rows else depth(a) + 1
        return memo[nip]

    order = sorted(rows, key=lambda n: (depth(n), rows[n]["baris"]))
    target: dict[str, Jabatan] = {}
    new_jabatan: list[Jabatan] = []
    rehung: list[Jabatan] = []
    for nip in order:
        r = rows[nip]
        a = r["nip_atasan"]
        atasan_jab = target.get(a) if a in rows else (pegawai[a].jabatan if a in pegawai else None)
        key = (r["unit"].pk, r["jabatan"].lower(), r["jenis_jabatan"])
        candidates = jab_index.setdefault(key, [])
        if r["jenis_jabatan"] in STRUKTURAL:
            jab = candidates[0] if candidates else None
        else:
            jab = next((j for j in candidates if j.atasan_id == (atasan_jab.pk if atasan_jab else None)), None)
        if jab is None:
            jab = Jabatan(instansi_id=instansi_id, unit_kerja=r["unit"], nama=r["jabatan"], jenis=r["jenis_jabatan"],
                          jenjang=r["jenjang"], atasan=atasan_jab, is_kepala_unit=r["kepala_unit"], path="")
            jab.save()  # needs a pk before children point at it
            new_jabatan.append(jab)
            candidates.append(jab)
        elif jab.atasan_id != (atasan_jab.pk if atasan_jab else None) or jab.is_kepala_unit != r["kepala_unit"]:
            jab.atasan, jab.is_kepala_unit = atasan_jab, r["kepala_unit"]
            rehung.append(jab)
        target[nip] = jab
    Jabatan.objects.bulk_update({j.pk: j for j in rehung}.values(), ["atasan", "is_kepala_unit"], batch_size=500)
    rebuild_paths(Jabatan, instansi_id)

    # 2. People and accounts.
    new_people, changed_people = [], []
    unusable = make_password(None)
    new_users = []
    for nip in order:
        r = rows[nip]
        p = pegawai.get(nip)
        fields = {f: r[f] for f in _PEGAWAI_FIELDS}
        if p is None:
            jab = target[nip]
            p = Pegawai(instansi_id=instansi_id, nip=nip, tanggal_lahir=r["tanggal_lahir"],
                        jenis_kelamin=r["jenis_kelamin"], tmt_asn=r["tmt_asn"], jabatan_id=jab.pk,
                        unit_kerja_id=jab.unit_kerja_id, opd_id=r["unit"].opd_id or r["unit"].pk, **fields)
            new_people.append(p)
            new_users.append(User(username=nip, instansi_id=instansi_id, password=unusable,
                                  nama_lengkap=p.nama_lengkap, email=r["email"]))
            pegawai[nip] = p
        elif _pegawai_changes(p, r):
            for k, v in fields.items():
                setattr(p, k, v)
            changed_people.append(p)
    existing_users = set(User.objects.filter(username__in=[u.username for u in new_users])
                         .values_list("username", flat=True))
    if existing_users:
        raise ApplicationError(f"Akun dengan NIP {sorted(existing_users)[0]} sudah ada tanpa data pegawai; "
                               "hubungi admin sistem.")
    User.objects.bulk_create(new_users, batch_size=1000)
    users = {u.username: u.pk for u in User.objects.filter(username__in=[u.username for u in new_users])}
    for p in new_people:
        p.user_id = users[p.nip]
    Pegawai.objects.bulk_create(new_people, batch_size=1000)
    Pegawai.objects.bulk_update(changed_people, _PEGAWAI_FIELDS, batch_size=1000)

    # 3. Postings: for new people, and for existing people whose position changed.
    created = {p.pk for p in new_people}
    moving = [(pegawai[n], target[n], rows[n]) for n in order
              if pegawai[n].pk in created or pegawai[n].jabatan_id != target[n].pk]
    holders = {}
    struktural_ids = [j.pk for _, j, _ in moving if j.jenis in STRUKTURAL]
    for p in Pegawai.objects.filter(jabatan_id__in=struktural_ids, status="aktif").exclude(pk__in=created):
        holders[p.jabatan_id] = p
    leaving = {p.pk for p, _, _ in moving}
    for p, jab, r in moving:
        holder = holders.get(jab.pk)
        if holder is not None and holder.pk != p.pk and holder.pk not in leaving:
            raise ApplicationError(f"Baris {r['baris']}: jabatan struktural '{jab.nama}' masih dipegang "
                                   f"{holder.nama_lengkap} ({holder.nip}), yang tidak dipindahkan di berkas ini.")
    open_rows = {pn.pegawai_id: pn for pn in Penempatan.objects.filter(
        pegawai_id__in=[p.pk for p, _, _ in moving], tanggal_selesai__isnull=True)}
    closing, new_postings = [], []
    for p, jab, r in moving:
        start = r["tmt_jabatan"] or today
        current = open_rows.get(p.pk)
        if current is not None:
            start = max(start, current.tanggal_mulai + dt.timedelta(days=1))
            current.tanggal_selesai = start - dt.timedelta(days=1)
            closing.append(current)
        new_postings.append(Penempatan(instansi_id=instansi_id, pegawai=p, jabatan=jab, unit_kerja_id=jab.unit_kerja_id,
                                       jenis=JenisPenempatan.IMPOR if current is None else JenisPenempatan.MUTASI,
                                       tanggal_mulai=start))
        p.jabatan_id, p.unit_kerja_id = jab.pk, jab.unit_kerja_id
        p.opd_id = r["unit"].opd_id or r["unit"].pk
    Penempatan.objects.bulk_update(closing, ["tanggal_selesai"], batch_size=1000)
    Penempatan.objects.bulk_create(new_postings, batch_size=1000)
    Pegawai.objects.bulk_update([p for p, _, _ in moving if p.pk not in created], ["jabatan", "unit_kerja", "opd"],
                                batch_size=500)

    log_bulk(actor=actor, objects=new_people, action=LogEntry.Action.CREATE,
             changes_for=lambda p: {"nip": [None, p.nip], "nama": [None, p.nama], "sumber": [None, "impor"]})
    log_bulk(actor=actor, objects=changed_people, action=LogEntry.Action.UPDATE,
             changes_for=lambda p: {"sumber": [None, "impor"]})
    log_bulk(actor=actor, objects=new_postings, action=LogEntry.Action.CREATE,
             changes_for=lambda pn: {"jabatan": [None, pn.jabatan_id], "tanggal_mulai": [None, str(pn.tanggal_mulai)]})
    return {"pegawai baru": len(new_people), "pegawai diperbarui": len(changed_people),
            "penempatan baru": len(new_postings), "jabatan baru": len(new_jabatan)}
