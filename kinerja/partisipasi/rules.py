"""Pure rules of citizen participation (no database).

- IKM / SKM: PermenPANRB 14/2017 (REFERENCE §3): 9 unsur on a 1–4 scale, NRR per unsur excluding blanks, weighted
  by 1/9 (or 0,111 / 0,11 as an instansi policy), × 25, rounded to 2 decimals, then classified A–D.
- Krejcie–Morgan minimum sample (REFERENCE §3.6).
- Brigading-robust aggregation of star ratings: Bayesian smoothing toward the unit mean.
- Periods (triwulan, semester, tahun) used for IKM per period and trends.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# --- The 9 unsur (REFERENCE §3.1, regulation order) with the usual questionnaire wording -----------------------
# The per-unsur option wording follows the common SKM questionnaire of the Lampiran (REFERENCE §3.2 notes that the
# exact wording is unverified); the values are always 1 = tidak baik … 4 = sangat baik.


@dataclass(frozen=True)
class Unsur:
    nomor: int
    nama: str
    pertanyaan: str
    pilihan: tuple[str, str, str, str]  # labels for the values 1, 2, 3, 4

    @property
    def kode(self) -> str:
        return f"u{self.nomor}"


UNSUR: tuple[Unsur, ...] = (
    Unsur(1, "Persyaratan", "Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
          ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    Unsur(2, "Sistem, Mekanisme, dan Prosedur", "Bagaimana kemudahan prosedur pelayanan di unit ini?",
          ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    Unsur(3, "Waktu Penyelesaian", "Bagaimana kecepatan waktu dalam memberikan pelayanan?",
          ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    Unsur(4, "Biaya/Tarif", "Bagaimana kewajaran biaya/tarif dalam pelayanan?",
          ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    Unsur(5, "Produk Spesifikasi Jenis Pelayanan",
          "Bagaimana kesesuaian hasil pelayanan yang Anda terima dengan yang tercantum dalam standar pelayanan?",
          ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    Unsur(6, "Kompetensi Pelaksana", "Bagaimana kemampuan petugas dalam memberikan pelayanan?",
          ("Tidak mampu", "Kurang mampu", "Mampu", "Sangat mampu")),
    Unsur(7, "Perilaku Pelaksana", "Bagaimana kesopanan dan keramahan petugas dalam memberikan pelayanan?",
          ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah")),
    Unsur(8, "Penanganan Pengaduan, Saran dan Masukan",
          "Bagaimana penanganan pengaduan, saran dan masukan di unit ini?",
          ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik")),
    Unsur(9, "Sarana dan Prasarana", "Bagaimana kualitas sarana dan prasarana (ruang tunggu, toilet, parkir)?",
          ("Buruk", "Cukup", "Baik", "Sangat baik")),
)
JUMLAH_UNSUR = len(UNSUR)
NILAI_MIN, NILAI_MAX = 1, 4

# Respondent profile (optional), as listed in the regulation's questionnaire.
PENDIDIKAN = [("sd", "SD ke bawah"), ("smp", "SMP"), ("sma", "SMA/SMK"), ("diploma", "D1–D4"), ("s1", "S1"),
              ("s2", "S2 ke atas")]
PEKERJAAN = [("pns", "PNS/PPPK"), ("tni_polri", "TNI/Polri"), ("swasta", "Pegawai swasta"),
             ("wirausaha", "Wirausaha"), ("petani", "Petani/nelayan"), ("pelajar", "Pelajar/mahasiswa"),
             ("lainnya", "Lainnya")]

# --- Weight policy (REFERENCE §3.3) --------------------------------------------------------------------------
BOBOT_TEPAT = "1/9"
BOBOT_0111 = "0.111"
BOBOT_011 = "0.11"
BOBOT = {
    BOBOT_TEPAT: Fraction(1, 9),
    BOBOT_0111: Fraction(111, 1000),
    BOBOT_011: Fraction(11, 100),
}
KONVERSI = 25
DUA_DESIMAL = Decimal("0.01")


@dataclass(frozen=True)
class Mutu:
    huruf: str  # A, B, C, D
    kinerja: str  # Sangat baik … Tidak baik
    ambang: Decimal  # the lowest converted value of this grade


# REFERENCE §3.4: thresholds on the converted value, checked on the value rounded to 2 decimals.
MUTU = (
    Mutu("A", "Sangat baik", Decimal("88.31")),
    Mutu("B", "Baik", Decimal("76.61")),
    Mutu("C", "Kurang baik", Decimal("65.00")),
    Mutu("D", "Tidak baik", Decimal("25.00")),
)


def _round2(value: Fraction | Decimal) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def nrr_per_unsur(jawaban: Iterable[Sequence[int | None]]) -> list[Fraction | None]:
    """NRR per unsur: Σ nilai persepsi / number of answers *filled* for that unsur (blanks excluded; REFERENCE
    §3.3). `jawaban` is one 9-item sequence per respondent; an unsur nobody answered gives None."""
    total = [0] * JUMLAH_UNSUR
    count = [0] * JUMLAH_UNSUR
    for row in jawaban:
        if len(row) != JUMLAH_UNSUR:
            raise ValueError(f"Setiap respon harus memuat {JUMLAH_UNSUR} unsur")
        for i, nilai in enumerate(row):
            if nilai is None:
                continue
            if not NILAI_MIN <= nilai <= NILAI_MAX:
                raise ValueError(f"Nilai unsur harus {NILAI_MIN}–{NILAI_MAX}")
            total[i] += nilai
            count[i] += 1
    return [Fraction(t, c) if c else None for t, c in zip(total, count, strict=True)]


def nrr_dari_jumlah(sums: Sequence[int | None], counts: Sequence[int]) -> list[Fraction | None]:
    """The same NRR from per-unsur sums and counts of filled answers (what the database aggregates)."""
    return [Fraction(int(s), int(c)) if c else None for s, c in zip(sums, counts, strict=True)]


def nilai_indeks(nrr: Sequence[Fraction | None], bobot: str = BOBOT_TEPAT) -> Fraction | None:
    """Nilai indeks (X) = Σ NRR_i × bobot (REFERENCE §3.3); None unless every unsur has at least one answer."""
    if len(nrr) != JUMLAH_UNSUR or any(v is None for v in nrr):
        return None
    w = BOBOT[bobot]
    return sum((v * w for v in nrr), Fraction(0))


def ikm(nrr: Sequence[Fraction | None], bobot: str = BOBOT_TEPAT) -> Decimal | None:
    """IKM unit pelayanan = nilai indeks × 25, rounded half-up to 2 decimals (before classifying)."""
    x = nilai_indeks(nrr, bobot)
    return None if x is None else _round2(x * KONVERSI)


def mutu(nilai_ikm: Decimal | float | None) -> Mutu | None:
    """Mutu pelayanan A–D with its kinerja label, from the IKM rounded to 2 decimals (REFERENCE §3.4)."""
    if nilai_ikm is None:
        return None
    value = _round2(Decimal(str(nilai_ikm)))
    for grade in MUTU[:-1]:
        if value >= grade.ambang:
            return grade
    return MUTU[-1]


def nrr_tampil(nrr: Fraction | None, places: int = 2) -> Decimal | None:
    """An NRR for display (the computation itself never rounds NRR)."""
    if nrr is None:
        return None
    return (Decimal(nrr.numerator) / Decimal(nrr.denominator)).quantize(Decimal(1).scaleb(-places),
                                                                         rounding=ROUND_HALF_UP)


# --- Krejcie–Morgan (REFERENCE §3.6) --------------------------------------------------------------------------
CHI2 = 3.841
P = 0.5
D = 0.05


def sampel_krejcie_morgan(populasi: int) -> int:
    """Minimum sample s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), χ² = 3,841, P = 0,5, d = 0,05, rounded to the
    nearest integer. 0 for an empty population."""
    if populasi <= 0:
        return 0
    n = populasi
    s = CHI2 * n * P * (1 - P) / (D * D * (n - 1) + CHI2 * P * (1 - P))
    return min(n, math.floor(s + 0.5))


def progres_sampel(jumlah: int, target: int) -> int:
    """Percent of the minimum sample reached (0–100) for the progress bar."""
    if target <= 0:
        return 100 if jumlah else 0
    return min(100, round(100 * jumlah / target))


# --- Ratings of named ASN --------------------------------------------------------------------------------------
ASPEK_PETUGAS = (("kesopanan", "Kesopanan"), ("kecepatan", "Kecepatan"), ("kejelasan", "Kejelasan informasi"),
                 ("integritas", "Integritas (tanpa pungutan)"))
BINTANG_MIN, BINTANG_MAX = 1, 5


def skor_bayes(jumlah_nilai: float, n: int, rata_unit: float | None, bobot_prior: int) -> float | None:
    """Bayesian average: (C·m + Σx) / (C + n) with m the unit mean and C the prior weight, so a handful of
    ratings cannot move a score far from the unit's typical level. None when there is nothing to average."""
    if n <= 0 and rata_unit is None:
        return None
    if rata_unit is None:
        return jumlah_nilai / n
    return (bobot_prior * rata_unit + jumlah_nilai) / (bobot_prior + n)


def skor_tampil(n_independen: int, minimum: int) -> bool:
    """A per-ASN score is published only past a minimum number of independent ratings."""
    return n_independen >= minimum


# --- Periods -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    kode: str  # "2026-T1", "2026-S2", "2026"
    label: str
    mulai: dt.date
    selesai: dt.date  # inclusive
    bagian_tahun: Fraction  # share of a year, to scale the yearly population

    def __contains__(self, day: dt.date) -> bool:
        return self.mulai <= day <= self.selesai


def _akhir_bulan(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def periode_triwulan(year: int, q: int) -> Periode:
    start = dt.date(year, 3 * (q - 1) + 1, 1)
    return Periode(f"{year}-T{q}", f"Triwulan {['I', 'II', 'III', 'IV'][q - 1]} {year}", start,
                   _akhir_bulan(year, 3 * q), Fraction(1, 4))


def periode_dari_kode(kode: str) -> Periode:
    """Parse "2026", "2026-S1" or "2026-T3"; ValueError with an Indonesian message otherwise."""
    kode = (kode or "").strip().upper()
    try:
        if len(kode) == 4:
            year = int(kode)
            return Periode(kode, f"Tahun {year}", dt.date(year, 1, 1), dt.date(year, 12, 31), Fraction(1))
        year, part = int(kode[:4]), kode[5:]
        if kode[4] == "-" and part in ("S1", "S2"):
            s = int(part[1])
            return Periode(kode, f"Semester {s} {year}", dt.date(year, 6 * s - 5, 1), _akhir_bulan(year, 6 * s),
                           Fraction(1, 2))
        if kode[4] == "-" and part in ("T1", "T2", "T3", "T4"):
            return periode_triwulan(year, int(part[1]))
    except (ValueError, IndexError):
        pass
    raise ValueError("Periode tidak dikenal. Gunakan format 2026, 2026-S1 atau 2026-T1.")


def triwulan_dari_tanggal(day: dt.date) -> Periode:
    return periode_triwulan(day.year, (day.month - 1) // 3 + 1)


def triwulan_terakhir(day: dt.date, n: int) -> list[Periode]:
    """The n quarters up to and including the one of `day`, oldest first."""
    year, q = day.year, (day.month - 1) // 3 + 1
    out = []
    for _ in range(n):
        out.append(periode_triwulan(year, q))
        q -= 1
        if q == 0:
            year, q = year - 1, 4
    return list(reversed(out))


def populasi_periode(populasi_per_tahun: int, periode: Periode) -> int:
    return math.ceil(populasi_per_tahun * periode.bagian_tahun)


def pilihan_periode(today: dt.date) -> list[tuple[str, str]]:
    """Periods offered in period selectors: this year and last, as year, semesters and quarters."""
    out = []
    for year in (today.year, today.year - 1):
        out.append((str(year), f"Tahun {year}"))
        out += [(f"{year}-S{s}", f"Semester {s} {year}") for s in (1, 2)]
        out += [(f"{year}-T{q}", f"Triwulan {q} {year}") for q in (1, 2, 3, 4)]
    return out
