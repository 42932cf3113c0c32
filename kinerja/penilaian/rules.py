"""Pure rules of performance evaluation (no database). Sections refer to ../shared/domain/REFERENCE.md.

- §1.5 rating scale, §1.6 the 3×3 matrix → Predikat Kinerja Pegawai,
- §1.7 predikat organisasi and the distribution curve (a per-instansi policy table; defaults UNVERIFIED upstream),
- §1.8 deriving the annual predikat from periodic ones (a policy: the regulation gives no formula),
- §1.12 konversi predikat → angka kredit (Peraturan BKN 3/2023),
- §2 the legacy PP 46/2011 capaian formulas (1.76 / 24 % rule), for regions that still use them,
- decision support: capaian per aspect and a suggested rating (a Kinerja policy, not a regulation).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


# §1.5 ---------------------------------------------------------------------------------------------------
class Rating(StrEnum):
    DI_ATAS = "di_atas"
    SESUAI = "sesuai"
    DI_BAWAH = "di_bawah"


RATING_LABEL = {Rating.DI_ATAS: "Di Atas Ekspektasi", Rating.SESUAI: "Sesuai Ekspektasi",
                Rating.DI_BAWAH: "Di Bawah Ekspektasi"}
RATING_CODE = {Rating.DI_ATAS: 1, Rating.SESUAI: 0, Rating.DI_BAWAH: -1}


class Predikat(StrEnum):
    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"  # displayed "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang"


PREDIKAT_LABEL = {Predikat.SANGAT_BAIK: "Sangat Baik", Predikat.BAIK: "Baik",
                  Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan", Predikat.KURANG: "Kurang/Misconduct",
                  Predikat.SANGAT_KURANG: "Sangat Kurang"}
# best to worst
PREDIKAT_ORDER = [Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG,
                  Predikat.SANGAT_KURANG]

# §1.6 — rows: rating Hasil Kerja; columns: rating Perilaku Kerja.
MATRIKS: dict[Rating, dict[Rating, Predikat]] = {
    Rating.DI_ATAS: {Rating.DI_BAWAH: Predikat.KURANG, Rating.SESUAI: Predikat.BAIK,
                     Rating.DI_ATAS: Predikat.SANGAT_BAIK},
    Rating.SESUAI: {Rating.DI_BAWAH: Predikat.KURANG, Rating.SESUAI: Predikat.BAIK, Rating.DI_ATAS: Predikat.BAIK},
    Rating.DI_BAWAH: {Rating.DI_BAWAH: Predikat.SANGAT_KURANG, Rating.SESUAI: Predikat.BUTUH_PERBAIKAN,
                      Rating.DI_ATAS: Predikat.BUTUH_PERBAIKAN},
}


def predikat_kinerja(hasil_kerja: Rating | str, perilaku_kerja: Rating | str) -> Predikat:
    """Predikat Kinerja Pegawai from the two ratings (PermenPANRB 6/2022, the 3×3 matrix, §1.6)."""
    return MATRIKS[Rating(hasil_kerja)][Rating(perilaku_kerja)]


# §1.7 ---------------------------------------------------------------------------------------------------
class PredikatOrganisasi(StrEnum):
    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


PREDIKAT_ORGANISASI_LABEL = {
    PredikatOrganisasi.ISTIMEWA: "Istimewa", PredikatOrganisasi.BAIK: "Baik",
    PredikatOrganisasi.BUTUH_PERBAIKAN: "Butuh Perbaikan (Cukup)", PredikatOrganisasi.KURANG: "Kurang",
    PredikatOrganisasi.SANGAT_KURANG: "Sangat Kurang",
}


@dataclass(frozen=True)
class CurveRule:
    """A share of employees whose predikat is in `predikat` must be at least `min_share` / at most `max_share`
    (fractions of the head-count), or at least `min_count` people."""

    predikat: tuple[Predikat, ...]
    min_share: float | None = None
    max_share: float | None = None
    min_count: int | None = None

    def describe(self) -> str:
        names = " dan/atau ".join(PREDIKAT_LABEL[p] for p in self.predikat)
        if self.max_share is not None:
            return f"{names} paling banyak {self.max_share:.0%}" if self.max_share else f"tidak boleh ada {names}"
        if self.min_share is not None:
            return f"{names} paling sedikit {self.min_share:.0%}"
        return f"harus ada {names}"


SB, B, BP, K, SK = PREDIKAT_ORDER
# Defaults quoted in REFERENCE.md §1.7 from later MenPAN-RB guidance [S6] (marked UNVERIFIED there): a per-instansi
# policy may replace them.
DEFAULT_CURVE: dict[PredikatOrganisasi, tuple[CurveRule, ...]] = {
    PredikatOrganisasi.ISTIMEWA: (CurveRule((SB,), max_share=0.70),),
    PredikatOrganisasi.BAIK: (CurveRule((B,), max_share=0.70), CurveRule((BP, K), min_count=1)),
    PredikatOrganisasi.BUTUH_PERBAIKAN: (CurveRule((BP,), min_share=0.60), CurveRule((SB,), max_share=0.10)),
    PredikatOrganisasi.KURANG: (CurveRule((K,), min_share=0.60), CurveRule((BP,), min_share=0.10),
                                CurveRule((SB,), max_share=0.10)),
    PredikatOrganisasi.SANGAT_KURANG: (CurveRule((SK,), min_share=0.60), CurveRule((K, BP), min_share=0.10),
                                       CurveRule((SB,), max_share=0.0)),
}


@dataclass(frozen=True)
class Rounding:
    """How a share becomes a head-count for small groups (REFERENCE.md recommends floor for maxima and ceil for
    minima; configurable because the regulation does not say)."""

    maxima: str = "floor"
    minima: str = "ceil"


def _round(x: float, how: str) -> int:
    x = round(x, 9)  # 0.7 * 10 must be 7, not 6.999…
    return {"floor": math.floor, "ceil": math.ceil, "round": lambda v: int(Decimal(v).quantize(
        Decimal(1), rounding=ROUND_HALF_UP))}[how](x)


@dataclass(frozen=True)
class Violation:
    rule: CurveRule
    actual: int
    allowed: int
    message: str


def allowed_counts(rule: CurveRule, n: int, rounding: Rounding = Rounding()) -> tuple[int | None, int | None]:
    """(minimum, maximum) head-count the rule allows in a group of n."""
    lo = hi = None
    if rule.min_share is not None:
        lo = _round(rule.min_share * n, rounding.minima)
    if rule.min_count is not None:
        lo = max(lo or 0, rule.min_count)
    if rule.max_share is not None:
        hi = _round(rule.max_share * n, rounding.maxima)
    return lo, hi


def check_curve(counts: Mapping[Predikat | str, int], organisasi: PredikatOrganisasi | str, *,
                policy: Mapping[PredikatOrganisasi, Iterable[CurveRule]] | None = None,
                rounding: Rounding = Rounding()) -> list[Violation]:
    """Violations of the distribution curve for one group (empty when it is respected)."""
    table = policy or DEFAULT_CURVE
    counts = {Predikat(k): v for k, v in counts.items()}
    n = sum(counts.values())
    out = []
    if n == 0:
        return out
    for rule in table[PredikatOrganisasi(organisasi)]:
        actual = sum(counts.get(p, 0) for p in rule.predikat)
        lo, hi = allowed_counts(rule, n, rounding)
        if hi is not None and actual > hi:
            out.append(Violation(rule, actual, hi, f"{rule.describe()}: saat ini {actual} dari {n} orang, "
                                                   f"batasnya {hi} orang."))
        if lo is not None and actual < lo:
            out.append(Violation(rule, actual, lo, f"{rule.describe()}: saat ini {actual} dari {n} orang, "
                                                   f"minimal {lo} orang."))
    return out


# §1.8 ---------------------------------------------------------------------------------------------------
class AturanTahunan(StrEnum):
    TERAKHIR = "terakhir"  # the final period's predikat (default; common practice)
    MODUS = "modus"  # the most frequent periodic predikat (ties: the later one)
    TERBURUK = "terburuk"  # the worst periodic predikat


def predikat_tahunan(periodik: list[Predikat | str], aturan: AturanTahunan | str = AturanTahunan.TERAKHIR
                     ) -> Predikat | None:
    """Suggested annual predikat from the periodic ones, in period order. The regulation gives no formula
    (§1.8, UNVERIFIED): the rule is an instansi policy and the pejabat penilai may override it."""
    values = [Predikat(p) for p in periodik if p]
    if not values:
        return None
    aturan = AturanTahunan(aturan)
    if aturan == AturanTahunan.TERAKHIR:
        return values[-1]
    if aturan == AturanTahunan.TERBURUK:
        return max(values, key=PREDIKAT_ORDER.index)
    freq = Counter(values)
    top = max(freq.values())
    return next(p for p in reversed(values) if freq[p] == top)


# §1.12 --------------------------------------------------------------------------------------------------
PERSEN_ANGKA_KREDIT = {Predikat.SANGAT_BAIK: Decimal("1.50"), Predikat.BAIK: Decimal("1.00"),
                       Predikat.BUTUH_PERBAIKAN: Decimal("0.75"), Predikat.KURANG: Decimal("0.50"),
                       Predikat.SANGAT_KURANG: Decimal("0.25")}
# Koefisien angka kredit tahunan per jenjang. Ahli Pertama 12.5 and Ahli Madya 37.5 verified; the others
# UNVERIFIED (PermenPANRB 1/2023) — kept here as the default table.
KOEFISIEN_AK = {"pemula": Decimal("3.75"), "terampil": Decimal("5"), "mahir": Decimal("12.5"),
                "penyelia": Decimal("25"), "ahli_pertama": Decimal("12.5"), "ahli_muda": Decimal("25"),
                "ahli_madya": Decimal("37.5"), "ahli_utama": Decimal("50")}


def angka_kredit(predikat: Predikat | str, jenjang: str, bulan: int = 12) -> Decimal:
    """AK = (bulan / 12) × % predikat × koefisien tahunan, rounded to 2 decimals (§1.12)."""
    if jenjang not in KOEFISIEN_AK:
        raise ValueError(f"jenjang tidak dikenal: {jenjang}")
    if not 1 <= bulan <= 12:
        raise ValueError("bulan harus 1–12")
    value = Decimal(bulan) / Decimal(12) * PERSEN_ANGKA_KREDIT[Predikat(predikat)] * KOEFISIEN_AK[jenjang]
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# §2 — PP 46/2011 (legacy) -------------------------------------------------------------------------------
def capaian_pp46_kuantitas(ro: float, to: float) -> float:
    return ro / to * 100


def capaian_pp46_kualitas(rk: float, tk: float) -> float:
    return rk / tk * 100


def _pp46_efisiensi(target: float, realisasi: float | None) -> float:
    """Waktu and biaya: the 1.76 rule with the 24 % switch (§2.1). Not carried out (no realisasi) gives 0."""
    if not realisasi:
        return 0.0
    efisiensi = round(100 - realisasi / target * 100, 9)  # 24 % exactly must take the ≤ 24 % branch
    base = (1.76 * target - realisasi) / target * 100
    if efisiensi <= 24:
        return base
    return 76 - (base - 100)  # > 24 %: formula body UNVERIFIED upstream, as given in REFERENCE.md §2.1


def capaian_pp46_waktu(tw: float, rw: float | None) -> float:
    return _pp46_efisiensi(tw, rw)


def capaian_pp46_biaya(tb: float, rb: float | None) -> float:
    return _pp46_efisiensi(tb, rb)


def nilai_capaian_pp46(kuantitas: float, kualitas: float, waktu: float, biaya: float | None = None) -> float:
    """Per task: the sum of the aspects used divided by their number (3 without biaya, 4 with) (§2.2)."""
    scores = [kuantitas, kualitas, waktu] + ([biaya] if biaya is not None else [])
    return sum(scores) / len(scores)


def sebutan_pp46(nilai: float) -> str:
    """Bands of §2.3 as half-open intervals: [91,∞) Sangat Baik, [76,91) Baik, [61,76) Cukup, [51,61) Kurang,
    below 51 Buruk."""
    for bound, label in ((91, "Sangat Baik"), (76, "Baik"), (61, "Cukup"), (51, "Kurang")):
        if nilai >= bound:
            return label
    return "Buruk"


def nilai_prestasi_pp46(nilai_skp: float, nilai_perilaku: float) -> float:
    """Nilai Prestasi Kerja = 60 % × Nilai SKP + 40 % × Nilai Perilaku Kerja (§2.4)."""
    return 0.6 * nilai_skp + 0.4 * nilai_perilaku


# Decision support (Kinerja policy) --------------------------------------------------------------------
LOWER_IS_BETTER = {"waktu", "biaya"}


def capaian_persen(aspek: str, target: float, realisasi: float | None) -> float | None:
    """Percentage achievement of one aspect: realisasi/target, or target/realisasi for waktu and biaya (less
    time or money than planned is better). None when nothing was realised yet for waktu/biaya."""
    if target is None or target <= 0:
        return None
    if realisasi is None:
        return None if aspek in LOWER_IS_BETTER else 0.0
    if aspek in LOWER_IS_BETTER:
        return target / realisasi * 100 if realisasi > 0 else None
    return realisasi / target * 100


@dataclass(frozen=True)
class AmbangSaran:
    """Thresholds of the suggested Hasil Kerja rating on the mean capaian (an instansi policy)."""

    di_atas: float = 110.0
    sesuai: float = 85.0


def saran_rating(capaian: Iterable[float | None], ambang: AmbangSaran = AmbangSaran()) -> Rating | None:
    """Suggested Hasil Kerja rating from capaian percentages (each capped at 150 % so one outlier cannot carry
    the rest). The pejabat penilai decides; the system records when the decision departs from this."""
    values = [min(v, 150.0) for v in capaian if v is not None]
    if not values:
        return None
    mean = sum(values) / len(values)
    if mean >= ambang.di_atas:
        return Rating.DI_ATAS
    if mean >= ambang.sesuai:
        return Rating.SESUAI
    return Rating.DI_BAWAH


# Extensions used by the evaluation workflow (penilaian issue) ------------------------------------------------
RATING_CHOICES = [(r.value, RATING_LABEL[r]) for r in Rating]
PREDIKAT_CHOICES = [(p.value, PREDIKAT_LABEL[p]) for p in PREDIKAT_ORDER]
PREDIKAT_ORGANISASI_CHOICES = [(p.value, PREDIKAT_ORGANISASI_LABEL[p]) for p in PredikatOrganisasi]

MSG_RATING_DI_LUAR_SKALA = ("Pilih salah satu rating: Di Atas Ekspektasi, Sesuai Ekspektasi, atau "
                            "Di Bawah Ekspektasi.")
MSG_UMPAN_BALIK_WAJIB = "Umpan balik tertulis wajib diisi karena ratingnya bukan \"Sesuai Ekspektasi\"."


def parse_rating(value) -> Rating | None:
    """A rating from user input, or None when it is not on the scale (§1.5: exactly three values)."""
    try:
        return Rating(str(value))
    except ValueError:
        return None


def umpan_balik_wajib(rating: Rating | str) -> bool:
    """Written feedback is required whenever a rating is not "Sesuai Ekspektasi" (issue rule; §1.5 umpan balik)."""
    return Rating(rating) != Rating.SESUAI


def saran_rating_perilaku(ratings: Iterable[Rating | str | None]) -> Rating | None:
    """Suggested overall Perilaku Kerja rating from the seven BerAKHLAK ratings: the rounded mean of their codes
    (+1/0/−1), so a single Di Atas among six Sesuai stays Sesuai. Decision support only."""
    codes = [RATING_CODE[Rating(r)] for r in ratings if r]
    if not codes:
        return None
    mean = sum(codes) / len(codes)
    if mean >= 0.5:
        return Rating.DI_ATAS
    if mean <= -0.5:
        return Rating.DI_BAWAH
    return Rating.SESUAI


# Targets per evaluation window: the SKP states annual targets. Additive aspects (kuantitas, biaya) are prorated
# to the window's share of the year; kualitas (a percentage) and waktu (a duration) are not additive and keep
# their target. A Kinerja policy: the regulation leaves periodic targets to the rencana aksi.
ASPEK_PRORATA = {"kuantitas", "biaya"}


def target_periode(aspek: str, target_tahunan: float, bulan: int) -> float:
    if not 1 <= bulan <= 12:
        raise ValueError("bulan harus 1–12")
    if aspek in ASPEK_PRORATA:
        return target_tahunan * bulan / 12
    return target_tahunan


class RumusCapaian(StrEnum):
    PERSEN = "persen"  # percentage achievement per aspect (default)
    PP46 = "pp46"  # the legacy PP 46/2011 formulas (§2), for regions that still use them


def capaian_aspek(aspek: str, target: float, realisasi: float | None, rumus: RumusCapaian | str = "persen"
                  ) -> float | None:
    """Capaian of one indicator under the instansi's formula: a percentage (`capaian_persen`) or the PP 46/2011
    score (§2.1: kuantitas RO/TO×100, kualitas RK/TK×100, waktu and biaya with the 1.76 / 24 % rule)."""
    if target is None or target <= 0:
        return None
    if RumusCapaian(rumus) == RumusCapaian.PERSEN:
        return capaian_persen(aspek, target, realisasi)
    if aspek == "kuantitas":
        return capaian_pp46_kuantitas(realisasi or 0, target)
    if aspek == "kualitas":
        return capaian_pp46_kualitas(realisasi or 0, target)
    if aspek == "waktu":
        return capaian_pp46_waktu(target, realisasi)
    return capaian_pp46_biaya(target, realisasi)


# With PP 46 scores "on target" is 76 (§2.1), so the suggestion thresholds are the §2.3 bands.
AMBANG_PP46 = AmbangSaran(di_atas=91.0, sesuai=76.0)


# The evaluation's states and the moves between them (one guard per aggregate) ------------------------------
DRAF, DINILAI, DIFINALISASI, KEBERATAN, DIPUTUSKAN = "draf", "dinilai", "difinalisasi", "keberatan", "diputuskan"
TRANSISI_EVALUASI = {
    "nilai": ({DRAF, DINILAI}, DINILAI),  # the pejabat penilai rates (and may re-rate until finalised)
    "finalisasi": ({DINILAI}, DIFINALISASI),  # locks
    "keberatan": ({DIFINALISASI}, KEBERATAN),  # the pegawai objects within N days
    "putuskan": ({KEBERATAN}, DIPUTUSKAN),  # the atasan pejabat penilai decides; locked for good
}
TERKUNCI = frozenset({DIFINALISASI, KEBERATAN, DIPUTUSKAN})


def transisi_evaluasi(status: str, aksi: str) -> str | None:
    asal, tujuan = TRANSISI_EVALUASI[aksi]
    return tujuan if status in asal else None


def langkah_evaluasi(status: str, penilaian_diri_diajukan: bool) -> tuple[str, str]:
    """(who acts next, what they do) — shown next to every evaluation (UX.md §6)."""
    if status == DRAF:
        if not penilaian_diri_diajukan:
            return "pegawai", "Pegawai mengisi penilaian diri, lalu pejabat penilai memberi rating."
        return "pejabat_penilai", "Pejabat penilai memberi rating hasil kerja dan perilaku kerja."
    return {
        DINILAI: ("pejabat_penilai", "Pejabat penilai memeriksa kurva distribusi lalu memfinalisasi."),
        DIFINALISASI: ("pegawai", "Selesai. Pegawai dapat mengajukan keberatan dalam batas waktu."),
        KEBERATAN: ("atasan_pejabat_penilai", "Atasan pejabat penilai memutuskan keberatan."),
        DIPUTUSKAN: ("", "Selesai: keberatan sudah diputuskan."),
    }[status]


# Peer feedback (360) --------------------------------------------------------------------------------------------
MIN_PENILAI_REKAN, MAKS_PENILAI_REKAN = 3, 5


def ringkasan_360(ratings_per_nilai: Mapping[str, Mapping[str, int]], jumlah_respon: int, minimum: int = 3
                  ) -> dict | None:
    """The aggregate shown to the ratee and the supervisor, or None below the anonymity threshold (fewer than
    `minimum` responses): per value, the count per rating and a suggested rating from the mean code."""
    if jumlah_respon < max(minimum, 1):
        return None
    out = {}
    for nilai, counts in ratings_per_nilai.items():
        n = sum(counts.values())
        total = sum(RATING_CODE[Rating(r)] * c for r, c in counts.items())
        out[nilai] = {"jumlah": dict(counts), "n": n, "rerata": round(total / n, 2) if n else None}
    return out


# Moderation of free text (peer comments): held for a moderator when it could hurt or identify someone.
KATA_KASAR = ("anjing", "bangsat", "babi", "goblok", "tolol", "bodoh", "brengsek", "kampret", "bajingan", "keparat",
              "sialan", "idiot", "setan", "tai", "bego", "monyet")
_RE_KONTAK = re.compile(r"(\+?62|0)8\d{7,12}|[\w.+-]+@[\w-]+\.[\w.]+|\b\d{18}\b")
_RE_KATA = re.compile(r"[a-z]+")
MAKS_KOMENTAR = 1000


def periksa_komentar(teks: str) -> list[str]:
    """Reasons to hold a comment for moderation (empty: it may be shown). Flags abusive words, contact data or
    NIPs (which could identify a person) and shouting."""
    tanda = []
    lower = teks.lower()
    if set(_RE_KATA.findall(lower)) & set(KATA_KASAR):
        tanda.append("kata_kasar")
    if _RE_KONTAK.search(teks):
        tanda.append("data_pribadi")
    letters = [c for c in teks if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        tanda.append("huruf_kapital")
    return tanda


# Keberatan --------------------------------------------------------------------------------------------------------
def batas_keberatan(difinalisasi: dt.date, hari: int) -> dt.date:
    """The last day a pegawai may object: `hari` calendar days after finalisation (an instansi policy)."""
    return difinalisasi + dt.timedelta(days=hari)


# Curve policy tables as data (the instansi's override of DEFAULT_CURVE) ------------------------------------------
def curve_to_data(table: Mapping[PredikatOrganisasi, Iterable[CurveRule]] = DEFAULT_CURVE) -> dict:
    return {str(org): [{"predikat": [str(p) for p in r.predikat], "min_share": r.min_share,
                        "max_share": r.max_share, "min_count": r.min_count} for r in rules_]
            for org, rules_ in table.items()}


def curve_from_data(data: Mapping) -> dict[PredikatOrganisasi, tuple[CurveRule, ...]]:
    """Parse a stored policy table; raise ValueError (Indonesian) when it is malformed. Organisation predicates
    the table leaves out keep the default rules."""
    if not isinstance(data, Mapping):
        raise ValueError("Tabel kurva harus berupa objek per predikat organisasi.")
    out = dict(DEFAULT_CURVE)
    for org, items in data.items():
        try:
            key = PredikatOrganisasi(org)
        except ValueError:
            raise ValueError(f"Predikat organisasi tidak dikenal: {org}") from None
        if not isinstance(items, list):
            raise ValueError(f"Aturan untuk {org} harus berupa daftar.")
        parsed = []
        for item in items:
            if not isinstance(item, Mapping) or not item.get("predikat"):
                raise ValueError(f"Setiap aturan {org} harus menyebut predikat.")
            try:
                preds = tuple(Predikat(p) for p in item["predikat"])
            except (ValueError, TypeError):
                raise ValueError(f"Predikat pegawai tidak dikenal dalam aturan {org}.") from None
            kw = {}
            for name in ("min_share", "max_share"):
                v = item.get(name)
                if v is not None:
                    if not isinstance(v, int | float) or isinstance(v, bool) or not 0 <= v <= 1:
                        raise ValueError(f"{name} dalam aturan {org} harus pecahan 0–1.")
                    kw[name] = float(v)
            if item.get("min_count") is not None:
                v = item["min_count"]
                if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                    raise ValueError(f"min_count dalam aturan {org} harus bilangan bulat ≥ 0.")
                kw["min_count"] = v
            if not kw:
                raise ValueError(f"Aturan {org} harus punya batas minimal atau maksimal.")
            parsed.append(CurveRule(preds, **kw))
        out[key] = tuple(parsed)
    return out
