"""Pure rules of personnel data (no database): NIP / NI PPPK structure and the golongan/pangkat table.

NIP PNS (PP 11/2017 jo. Peraturan BKN on NIP): 18 digits =
  tanggal lahir (8, YYYYMMDD) + TMT CPNS (6, YYYYMM) + jenis kelamin (1: 1 = pria, 2 = wanita) + nomor urut (3).
NI PPPK: the same layout, but digits 13-14 carry the code "21" instead of a month (UNVERIFIED in
../shared/domain; kept configurable by the `jenis_asn` argument).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PNS = "PNS"
PPPK = "PPPK"
PPPK_MARKER = "21"

GOLONGAN_PNS: list[tuple[str, str]] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
# PPPK golongan I-XVII (Perpres 98/2020); PPPK have no pangkat.
GOLONGAN_PPPK: list[str] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
                            "XIV", "XV", "XVI", "XVII"]
PANGKAT = dict(GOLONGAN_PNS)
GOLONGAN_CHOICES = [(g, f"{g} — {p}") for g, p in GOLONGAN_PNS] + [(g, f"PPPK {g}") for g in GOLONGAN_PPPK]
ALL_GOLONGAN = {g for g, _ in GOLONGAN_CHOICES}


@dataclass(frozen=True)
class NipInfo:
    tanggal_lahir: dt.date
    tmt_tahun: int
    tmt_bulan: int | None  # None for PPPK
    jenis_kelamin: str  # "L" or "P"
    nomor_urut: int
    jenis_asn: str


class NipError(ValueError):
    """A NIP that does not follow the structure; the message is Indonesian and user-facing."""


def normalize_nip(raw: str) -> str:
    return "".join(ch for ch in str(raw or "") if not ch.isspace())


def parse_nip(raw: str, *, jenis_asn: str | None = None) -> NipInfo:
    """Validate and decode a NIP (PNS) or NI PPPK. `jenis_asn` None accepts either and tells which."""
    nip = normalize_nip(raw)
    if not nip.isdigit() or len(nip) != 18:
        raise NipError("NIP harus 18 digit angka.")
    try:
        lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError("Digit 1–8 NIP harus tanggal lahir yang sah (TTTTBBHH).") from None
    tahun, kode = int(nip[8:12]), nip[12:14]
    is_pppk = kode == PPPK_MARKER
    if jenis_asn == PNS and is_pppk:
        raise NipError("Digit 13–14 NIP PNS harus bulan TMT CPNS (01–12).")
    if jenis_asn == PPPK and not is_pppk:
        raise NipError("Digit 13–14 NI PPPK harus kode 21.")
    bulan = None if is_pppk else int(kode)
    if bulan is not None and not 1 <= bulan <= 12:
        raise NipError("Digit 13–14 NIP harus bulan TMT CPNS (01–12).")
    if tahun < lahir.year + 17 or tahun > dt.date.today().year + 1:  # noqa: DTZ011 - a calendar year is enough
        raise NipError("Digit 9–12 NIP (tahun TMT) tidak masuk akal terhadap tanggal lahir.")
    if nip[14] not in "12":
        raise NipError("Digit 15 NIP harus 1 (pria) atau 2 (wanita).")
    urut = int(nip[15:18])
    if urut == 0:
        raise NipError("Nomor urut NIP (digit 16–18) tidak boleh 000.")
    return NipInfo(
        tanggal_lahir=lahir,
        tmt_tahun=tahun,
        tmt_bulan=bulan,
        jenis_kelamin="L" if nip[14] == "1" else "P",
        nomor_urut=urut,
        jenis_asn=PPPK if is_pppk else PNS,
    )


def build_nip(*, lahir: dt.date, tmt_tahun: int, tmt_bulan: int | None, jenis_kelamin: str, urut: int) -> str:
    """Compose a NIP (tmt_bulan None gives an NI PPPK). Used by the demo and the tests."""
    kode = PPPK_MARKER if tmt_bulan is None else f"{tmt_bulan:02d}"
    return f"{lahir:%Y%m%d}{tmt_tahun:04d}{kode}{'1' if jenis_kelamin == 'L' else '2'}{urut:03d}"


def nama_dengan_gelar(gelar_depan: str, nama: str, gelar_belakang: str) -> str:
    """'dr.' + 'Siti Aminah' + 'M.Kes.' -> 'dr. Siti Aminah, M.Kes.'"""
    out = nama.strip()
    if gelar_depan.strip():
        out = f"{gelar_depan.strip()} {out}"
    if gelar_belakang.strip():
        out = f"{out}, {gelar_belakang.strip()}"
    return out


def golongan_valid_for(golongan: str, jenis_asn: str) -> bool:
    if jenis_asn == PNS:
        return golongan in PANGKAT
    return golongan in GOLONGAN_PPPK
