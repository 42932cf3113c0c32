"""Pure rules of supervision (no database). References are to ../shared/domain/REFERENCE.md.

Nothing here is a regulation threshold: the seed asks for supervision that prevents deviations and rests on data;
every number is an instansi policy default (`Ambang`, editable in KebijakanPengawasan). Where a figure rests on a
regulation it is cited:
- §6.3 Perpres 21/2023: 5 working days a week, 37.5 hours — a day of more than 12 reported hours is implausible.
- §1.7: the distribution curve (checked by penilaian.rules.check_curve; pengawasan only reports violations).
- §3.3–3.4 PermenPANRB 14/2017: IKM on a 25–100 scale (computed by partisipasi.rules; pengawasan compares periods).
- §4.2 SP4N-LAPOR!: complaint SLA on working days (partisipasi keeps the deadlines; pengawasan reports breaches).
- §1.3/§1.8: indicator targets are annual; the "linear schedule" expects target × elapsed share of the period.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from rapidfuzz import fuzz

# --- warning kinds and states --------------------------------------------------------------------------------------
TANPA_LAPORAN = "tanpa_laporan"
INDIKATOR = "indikator"
TINJAUAN = "tinjauan"
SLA = "sla"
IKM = "ikm"
KURVA = "kurva"
EVALUASI = "evaluasi"
ADOPSI = "adopsi"  # lagging adoption of Kinerja itself, computed weekly by pelatihan (issue Adopsi)

TERBUKA = "terbuka"
DIAKUI = "diakui"
SELESAI = "selesai"
TRANSISI_PERINGATAN = {TERBUKA: {DIAKUI, SELESAI}, DIAKUI: {SELESAI}, SELESAI: set()}


def boleh_pindah(dari: str, ke: str) -> bool:
    return ke in TRANSISI_PERINGATAN.get(dari, set())


# --- anomaly kinds -------------------------------------------------------------------------------------------------
DUPLIKAT = "duplikat"
BUKTI = "bukti"
JAM = "jam"
MUNDUR = "mundur"
KILAT = "kilat"
LOKASI = "lokasi"


# --- thresholds (instansi policy defaults) -------------------------------------------------------------------------
@dataclass(frozen=True)
class Ambang:
    tanpa_laporan_hari: int = 3
    indikator_tertinggal_persen: int = 25
    tinjauan_tertunda_hari: int = 3
    ikm_turun_poin: int = 5
    ikm_min_responden: int = 30
    evaluasi_hari_sebelum_batas: int = 7
    ambang_kepatuhan_persen: int = 70
    duplikat_kemiripan_persen: int = 90
    duplikat_min_kata: int = 10
    duplikat_maks_pegawai: int = 8
    jam_harian_maks: int = 12
    jam_min_hari: int = 2
    mundur_min_laporan: int = 8
    mundur_min_hari: int = 5
    mundur_hari_sebelum_batas: int = 5
    kilat_detik: int = 10
    kilat_min_laporan: int = 20
    kilat_porsi_persen: int = 80
    lokasi_jarak_km: int = 25
    sampel_per_minggu: int = 20


AMBANG_DEFAULT = Ambang()
AMBANG_FIELDS = [f.name for f in fields(Ambang)]

# --- messages (Indonesian, user-facing; tests import them) ---------------------------------------------------------
MSG_CATATAN_WAJIB = "Tulis catatan penyelesaian: apa yang sudah dilakukan."
MSG_CATATAN_PANJANG = "Catatan paling panjang 2000 karakter."
MSG_STATUS_PERINGATAN = "Peringatan berstatus {status} tidak dapat {aksi}."
MSG_BUKAN_PENANGGUNG_JAWAB = ("Hanya penanggung jawab peringatan ini atau atasannya yang dapat menindaklanjutinya.")
MSG_JUDUL_WAJIB = "Tulis judul catatan praktik baik."
MSG_ISI_WAJIB = "Ceritakan apa yang dilakukan."
MSG_HASIL_WAJIB = "Tuliskan hasilnya (angka capaian, perubahan yang terlihat)."
MSG_BUKTI_WAJIB = "Pilih sedikitnya satu laporan harian yang disetujui sebagai bukti."
MSG_BUKTI_BUKAN_MILIK = "Bukti harus laporan harian milik pegawai teladan ini yang sudah disetujui."
MSG_BUKAN_TELADAN = ("Catatan praktik baik hanya dapat ditulis untuk pegawai teladan pada indikator atau program "
                     "ini, oleh pegawai itu sendiri atau atasannya.")
MSG_TEKS_PANJANG = "Teks paling panjang {n} karakter."
MSG_BULAN = "Bulan tidak valid. Gunakan format TTTT-BB, mis. 2026-03."
MSG_URUT = "Kolom pengurutan tidak dikenal."
MAKS_CATATAN = 2000
MAKS_PRAKTIK = 4000


# --- dates ---------------------------------------------------------------------------------------------------------
def awal_bulan(day: dt.date) -> dt.date:
    return day.replace(day=1)


def akhir_bulan(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def bulan_sebelumnya(bulan: dt.date, n: int = 1) -> dt.date:
    y, m = bulan.year, bulan.month - n
    while m < 1:
        m += 12
        y -= 1
    return dt.date(y, m, 1)


def parse_bulan(value: str | None) -> dt.date | None:
    """'2026-03' -> date(2026, 3, 1); None for empty; ValueError for anything else."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
    if not m or not (1 <= int(m.group(2)) <= 12) or not (2000 <= int(m.group(1)) <= 2100):
        raise ValueError(MSG_BULAN)
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def awal_minggu(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --- compliance, feedback, achievement -------------------------------------------------------------------------------
def persen(bagian: float, total: float) -> float | None:
    if not total:
        return None
    return round(100 * bagian / total, 1)


def kepatuhan(hari_lapor: int, wajib_lapor: int, hari_kerja: int) -> float | None:
    """Share (%) of expected person-days (pegawai who must report × working days) with a submitted report."""
    return persen(hari_lapor, wajib_lapor * hari_kerja) if hari_kerja else None


def rerata(total: float, n: int) -> float | None:
    return round(total / n, 1) if n else None


def tertinggal_unit(kepatuhan_persen: float | None, ambang: Ambang = AMBANG_DEFAULT) -> bool:
    """A unit lags when its report compliance is known and below the policy threshold."""
    return kepatuhan_persen is not None and kepatuhan_persen < ambang.ambang_kepatuhan_persen


def porsi_jadwal(mulai: dt.date, selesai: dt.date, pada: dt.date) -> float:
    """Elapsed share of a period on `pada` (day-based, both ends included), between 0 and 1: the linear schedule."""
    if pada < mulai:
        return 0.0
    total = (selesai - mulai).days + 1
    done = min((pada - mulai).days + 1, total)
    return done / total


CAPAIAN_MAKS = 200.0  # one outlier indicator must not carry a unit's average


def capaian_persen(realisasi: float, target: float) -> float:
    if target <= 0:
        return 0.0
    return min(CAPAIAN_MAKS, round(100 * realisasi / target, 1))


def jadwal_persen(realisasi: float, target: float, porsi: float) -> float:
    """Realisasi against what the linear schedule expects by now (100 = exactly on schedule)."""
    if target <= 0 or porsi <= 0:
        return 100.0
    return min(CAPAIAN_MAKS, round(100 * realisasi / (target * porsi), 1))


def indikator_tertinggal(jadwal: float, ambang: Ambang = AMBANG_DEFAULT) -> bool:
    """Behind the linear schedule by more than X %: realisasi < (100 − X) % of what is due by now."""
    return jadwal < 100 - ambang.indikator_tertinggal_persen


def ikm_turun(sebelum: float | None, sesudah: float | None, n_sebelum: int, n_sesudah: int,
              ambang: Ambang = AMBANG_DEFAULT) -> bool:
    """An IKM drop worth a warning: both windows have enough respondents and the index fell by ≥ the policy
    number of points (25–100 scale, §3.3)."""
    if sebelum is None or sesudah is None:
        return False
    if min(n_sebelum, n_sesudah) < ambang.ikm_min_responden:
        return False
    return sebelum - sesudah >= ambang.ikm_turun_poin


# --- near-duplicate texts ------------------------------------------------------------------------------------------
_RE_BUKAN_HURUF = re.compile(r"[^a-z\s]+")
_RE_SPASI = re.compile(r"\s+")
SHINGLE = 3
PANJANG_SIDIK = 600


def normalisasi(teks: str) -> str:
    """Lower case, accents and digits and punctuation removed, spaces collapsed: dates and counts changed in a
    copied text do not hide the copy."""
    teks = unicodedata.normalize("NFKD", teks or "").encode("ascii", "ignore").decode().lower()
    return _RE_SPASI.sub(" ", _RE_BUKAN_HURUF.sub(" ", teks)).strip()


def jumlah_kata(teks_normal: str) -> int:
    return len(teks_normal.split()) if teks_normal else 0


def _hash64(s: str) -> int:
    """A stable signed 64-bit hash (fits a BigIntegerField on every database)."""
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big", signed=True)


def kunci_sidik(teks_normal: str, k: int = 3) -> list[int]:
    """Bottom-k sketch of word 3-shingles: the k smallest shingle hashes. Two texts that share most shingles
    very probably share one of these keys, so candidates are found with an indexed lookup instead of comparing
    every pair; each candidate is then confirmed with a real similarity score."""
    words = teks_normal.split()
    if len(words) < SHINGLE:
        grams = {" ".join(words)}
    else:
        grams = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    keys = sorted(_hash64(g) for g in grams)[:k]
    while len(keys) < k:
        keys.append(keys[-1] if keys else 0)
    return keys


def kemiripan(a: str, b: str) -> float:
    """Similarity 0–100 of two normalised texts (rapidfuzz: normalised Indel similarity, on sorted tokens so a
    reordered copy still counts)."""
    return round(max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)), 1)


# --- evidence and hours --------------------------------------------------------------------------------------------
def hari_jam_berlebih(menit_per_hari: dict[dt.date, int], ambang: Ambang = AMBANG_DEFAULT) -> dict[dt.date, int]:
    """Days with more reported minutes than the plausible maximum (§6.3: a 7.5-hour working day)."""
    batas = ambang.jam_harian_maks * 60
    return {d: m for d, m in sorted(menit_per_hari.items()) if m > batas}


def jam_tidak_wajar(menit_per_hari: dict[dt.date, int], ambang: Ambang = AMBANG_DEFAULT) -> bool:
    """"Often" more than the maximum: on at least `jam_min_hari` days of the month."""
    return len(hari_jam_berlebih(menit_per_hari, ambang)) >= ambang.jam_min_hari


def mundur_massal(tanggal_laporan: Sequence[dt.date], dikirim: dt.date, batas: Iterable[dt.date],
                  ambang: Ambang = AMBANG_DEFAULT) -> dt.date | None:
    """A backfill burst: on one day at least `mundur_min_laporan` reports were sent for dates more than
    `mundur_min_hari` days earlier, within `mundur_hari_sebelum_batas` days before a deadline. Returns the
    deadline it preceded, or None."""
    lama = [t for t in tanggal_laporan if (dikirim - t).days > ambang.mundur_min_hari]
    if len(lama) < ambang.mundur_min_laporan:
        return None
    for b in sorted(batas):
        if 0 <= (b - dikirim).days <= ambang.mundur_hari_sebelum_batas:
            return b
    return None


@dataclass
class PolaPersetujuan:
    n: int
    disetujui: int
    revisi: int
    beruntun: int  # approvals within `kilat_detik` of the previous approval
    median_detik: float | None

    @property
    def porsi_setuju(self) -> float:
        return 100 * self.disetujui / self.n if self.n else 0.0

    @property
    def porsi_beruntun(self) -> float:
        return 100 * self.beruntun / self.disetujui if self.disetujui else 0.0


def pola_persetujuan(tinjauan: Sequence[tuple[dt.datetime, bool]], ambang: Ambang = AMBANG_DEFAULT
                     ) -> PolaPersetujuan:
    """From (reviewed at, approved?) of one reviewer: how many approvals followed the previous one within
    seconds, and the approval rate."""
    rows = sorted(tinjauan)
    approvals = [t for t, ok in rows if ok]
    gaps = [(b - a).total_seconds() for a, b in zip(approvals, approvals[1:], strict=False)]
    beruntun = sum(1 for g in gaps if g < ambang.kilat_detik)
    return PolaPersetujuan(n=len(rows), disetujui=len(approvals), revisi=len(rows) - len(approvals),
                           beruntun=beruntun, median_detik=round(statistics.median(gaps), 1) if gaps else None)


def stempel_karet(pola: PolaPersetujuan, ambang: Ambang = AMBANG_DEFAULT) -> bool:
    """Rubber-stamping: enough reviews, every one approved, and most approvals in bursts seconds apart."""
    return (pola.n >= ambang.kilat_min_laporan and pola.revisi == 0
            and pola.porsi_beruntun >= ambang.kilat_porsi_persen)


def jarak_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * 6371 * math.asin(math.sqrt(a)), 1)


def titik_tengah(titik: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """The usual place of a set of geotags: the coordinate-wise median (robust to a few far points)."""
    if not titik:
        return None
    return statistics.median(p[0] for p in titik), statistics.median(p[1] for p in titik)


MIN_GEOTAG_PUSAT = 5  # a pegawai's own usual place needs at least this many geotagged reports


# --- sampling ------------------------------------------------------------------------------------------------------
def sampel(risiko: Sequence[int], per_opd: dict[int, Sequence[int]], n: int, benih: str) -> list[tuple[int, str]]:
    """(laporan id, reason) for a verification sample of `n`: up to half from reports tied to anomalies, the rest
    drawn at random from each OPD in turn (stratified), reproducible from `benih` (instansi and week)."""
    rng = random.Random(benih)
    out: list[tuple[int, str]] = []
    chosen: set[int] = set()
    for lid in rng.sample(list(risiko), min(len(risiko), n // 2)):
        out.append((lid, "risiko"))
        chosen.add(lid)
    pools = {k: [x for x in v if x not in chosen] for k, v in sorted(per_opd.items())}
    for pool in pools.values():
        rng.shuffle(pool)
    while len(out) < n and any(pools.values()):
        for key in list(pools):
            if len(out) >= n:
                break
            if pools[key]:
                lid = pools[key].pop()
                out.append((lid, "acak"))
    return out


# --- strengths and weaknesses --------------------------------------------------------------------------------------
@dataclass
class Dimensi:
    kode: str
    label: str
    nilai: float | None
    rata: float | None  # mean of peers in comparable positions
    sumber: str
    skala: float = 100.0  # the size of a meaningful difference on this dimension's scale

    @property
    def selisih(self) -> float | None:
        if self.nilai is None or self.rata is None:
            return None
        return round((self.nilai - self.rata) / self.skala, 3)


AMBANG_PROFIL = 0.1  # ≥ 10 % of the scale above/below peers counts as a strength / development area


def kekuatan_dan_area(dimensi: Sequence[Dimensi], maks: int = 3) -> tuple[list[Dimensi], list[Dimensi]]:
    """Strengths: the dimensions furthest above the peer mean; development areas: furthest below. Dimensions
    without a value or a peer mean are left out."""
    known = [d for d in dimensi if d.selisih is not None]
    kuat = sorted((d for d in known if d.selisih >= AMBANG_PROFIL), key=lambda d: -d.selisih)[:maks]
    area = sorted((d for d in known if d.selisih <= -AMBANG_PROFIL), key=lambda d: d.selisih)[:maks]
    return kuat, area


def ringkasan_profil(kuat: Sequence[Dimensi], area: Sequence[Dimensi]) -> str:
    """"Kekuatan: …; Area pengembangan: …" — the short summary shown on the profile."""
    k = ", ".join(d.label for d in kuat) or "belum menonjol dibanding rekan sejabatan"
    a = ", ".join(d.label for d in area) or "tidak ada yang tertinggal dari rekan sejabatan"
    return f"Kekuatan: {k}; Area pengembangan: {a}."


def kelompok_jabatan(nama: str, jenjang: str) -> str:
    """Comparable positions: the same position name (and functional level, where there is one)."""
    base = normalisasi(nama)
    return f"{base} ({jenjang})" if jenjang else base


def kunci_indikator(teks: str, satuan: str) -> str:
    """The same indicator across pegawai: normalised text and unit."""
    return hashlib.sha1(f"{normalisasi(teks)}|{normalisasi(satuan)}".encode()).hexdigest()[:16]  # noqa: S324


# --- top performers (documented method, shown on the page) ---------------------------------------------------------
METODE_TELADAN = [
    "Kelompok: pegawai dengan indikator yang sama (teks dan satuan sama) pada periode berjalan, atau semua indikator "
    "yang terkait satu program.",
    "Kelompok dihitung bila berisi sedikitnya {min_kelompok} pegawai.",
    "Nilai: realisasi dari laporan harian yang disetujui dibandingkan target yang seharusnya tercapai menurut jadwal "
    "linier (target × bagian periode yang sudah berjalan), dibatasi 200%.",
    "Syarat: sedikitnya {min_laporan} laporan disetujui dan nilai ≥ 100% (tepat jadwal atau lebih).",
    "Peringkat: nilai tertinggi; bila sama, lebih banyak laporan disetujui; teladan adalah {maks} teratas per "
    "kelompok.",
]
MIN_KELOMPOK = 5
MIN_LAPORAN_TELADAN = 10
MAKS_TELADAN = 3
AMBANG_LEMAH = 75.0  # % of the linear schedule under which a pegawai gets practice notes recommended


def metode_teladan() -> list[str]:
    return [s.format(min_kelompok=MIN_KELOMPOK, min_laporan=MIN_LAPORAN_TELADAN, maks=MAKS_TELADAN)
            for s in METODE_TELADAN]


@dataclass(frozen=True)
class Calon:
    pegawai_id: int
    nilai: float
    jumlah_laporan: int


def peringkat_teladan(calon: Sequence[Calon]) -> tuple[list[tuple[int, Calon]], float | None]:
    """Rank one group by the documented method: returns [(rank, candidate)] of the top performers and the group
    median (None when the group is too small)."""
    if len(calon) < MIN_KELOMPOK:
        return [], None
    med = round(statistics.median(c.nilai for c in calon), 1)
    ok = [c for c in calon if c.jumlah_laporan >= MIN_LAPORAN_TELADAN and c.nilai >= 100]
    ok.sort(key=lambda c: (-c.nilai, -c.jumlah_laporan, c.pegawai_id))
    return [(i, c) for i, c in enumerate(ok[:MAKS_TELADAN], start=1)], med
