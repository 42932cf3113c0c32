"""Pure rules of adoption, socialisation and training (no database).

None of this is regulation except where cited; the thresholds are instansi policy and kept as named defaults.
References are to ../shared/domain/REFERENCE.md.

- QR check-in: the code shown at the venue rotates every `LANGKAH_DETIK` seconds (an HMAC of the session's secret
  and the time step), so a photo of it forwarded by chat stops working within a minute or two.
- Quiz, feedback and certificates: a participant who attended (and passed the quiz, when the session has one)
  earns a certificate with a verification code.
- Adoption metrics: weekly active pegawai, report compliance (working days, §6.3 Perpres 21/2023), supervisor
  time-to-feedback (umpan balik berkelanjutan, §1.9), SKP completion (§1.3, §1.8), training coverage.
- Pulse survey: anonymous, short (three 1–5 statements and an optional comment), shown per OPD only from a minimum
  number of answers.
- Development history: PP 11/2017 Pasal 203 (as amended by PP 17/2020) gives every PNS at least 20 jam pelajaran
  (JP) of competency development a year — UNVERIFIED in REFERENCE.md, kept as the default `TARGET_JP_TAHUNAN`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kinerja.perencanaan.rules import NILAI_CHOICES

# --- What a training addresses (fokus) --------------------------------------------------------------------------
# The 7 BerAKHLAK values (§1.4) and the parts of the performance cycle (§1.2) a session can strengthen. Pengawasan
# asks `selectors.pelatihan_untuk_fokus(kode)` with these codes for each pegawai's weaknesses.
FOKUS_KINERJA = [
    ("skp", "Menyusun SKP dan RHK"),
    ("laporan_harian", "Laporan harian dan bukti dukung"),
    ("umpan_balik", "Umpan balik berkelanjutan dan tinjauan atasan"),
    ("dialog_kinerja", "Dialog kinerja"),
    ("evaluasi", "Evaluasi kinerja dan predikat"),
    ("pelayanan_publik", "Pelayanan publik dan IKM"),
    ("literasi_digital", "Literasi digital dan penggunaan Kinerja"),
]
FOKUS_CHOICES = [(k, f"BerAKHLAK: {n}") for k, n in NILAI_CHOICES] + FOKUS_KINERJA
FOKUS_KODE = frozenset(k for k, _ in FOKUS_CHOICES)
FOKUS_LABEL = dict(FOKUS_CHOICES)

# --- QR check-in ------------------------------------------------------------------------------------------------
LANGKAH_DETIK = 30  # the code changes every 30 s
TOLERANSI_LANGKAH = 3  # accepted: the current code and the 3 before it (≈ 90–120 s to scan, sign in and confirm)
PRESENSI_BUKA_SEBELUM = dt.timedelta(minutes=30)  # check-in opens 30 min before the start …
PRESENSI_TUTUP_SESUDAH = dt.timedelta(minutes=30)  # … and closes 30 min after the end
PANJANG_TOKEN = 10


def langkah(ts: float) -> int:
    """The time step of a Unix timestamp."""
    return int(ts // LANGKAH_DETIK)


def _hmac(rahasia: str, sesi_id: int, step: int) -> bytes:
    return hmac.new(rahasia.encode(), f"{sesi_id}:{step}".encode(), hashlib.sha256).digest()


def token_presensi(rahasia: str, sesi_id: int, step: int) -> str:
    """The token in the QR link for one time step (10 characters, URL-safe)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    digest = _hmac(rahasia, sesi_id, step)
    return "".join(alphabet[b % len(alphabet)] for b in digest[:PANJANG_TOKEN])


def kode_presensi(rahasia: str, sesi_id: int, step: int) -> str:
    """The 6-digit code shown under the QR for people whose camera does not scan (same step, same secret)."""
    digest = _hmac(rahasia, sesi_id, step)
    return f"{int.from_bytes(digest[-4:], 'big') % 1_000_000:06d}"


def cocokkan_presensi(rahasia: str, sesi_id: int, masukan: str, ts: float) -> bool:
    """True when `masukan` is the token or the 6-digit code of the current step or one of the tolerated steps
    before it. Compared in constant time."""
    masukan = (masukan or "").strip().lower().replace(" ", "")
    if not masukan:
        return False
    now = langkah(ts)
    ok = False
    for step in range(now - TOLERANSI_LANGKAH, now + 1):
        ok |= hmac.compare_digest(masukan, token_presensi(rahasia, sesi_id, step))
        ok |= hmac.compare_digest(masukan, kode_presensi(rahasia, sesi_id, step))
    return ok


def jendela_presensi(mulai: dt.datetime, selesai: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return mulai - PRESENSI_BUKA_SEBELUM, selesai + PRESENSI_TUTUP_SESUDAH


def presensi_terbuka(now: dt.datetime, mulai: dt.datetime, selesai: dt.datetime) -> bool:
    buka, tutup = jendela_presensi(mulai, selesai)
    return buka <= now <= tutup


# --- Quiz, feedback, certificate --------------------------------------------------------------------------------
NILAI_LULUS_DEFAULT = 70
MAKS_PERCOBAAN_KUIS = 3
MIN_PILIHAN, MAKS_PILIHAN = 2, 5
SKALA = (1, 2, 3, 4, 5)
SKALA_LABEL = {1: "Sangat tidak setuju", 2: "Tidak setuju", 3: "Netral", 4: "Setuju", 5: "Sangat setuju"}
SKALA_NILAI_LABEL = {1: "Sangat kurang", 2: "Kurang", 3: "Cukup", 4: "Baik", 5: "Sangat baik"}
MAKS_SARAN = 1000


def nilai_kuis(jawaban: dict[int, int], kunci: dict[int, int]) -> int:
    """Score 0–100 (rounded half up): the share of questions answered with the key. Unanswered counts as wrong."""
    if not kunci:
        return 0
    benar = sum(1 for soal, k in kunci.items() if jawaban.get(soal) == k)
    return (benar * 200 + len(kunci)) // (2 * len(kunci))


def lulus_kuis(nilai: int, batas: int) -> bool:
    return nilai >= batas


def berhak_sertifikat(*, hadir: bool, ada_kuis: bool, lulus: bool | None, sesi_selesai: bool) -> bool:
    """A certificate needs attendance, a passed quiz when the session has one, and the session to have ended."""
    return hadir and sesi_selesai and (lulus is True or not ada_kuis)


def nomor_sertifikat(tahun: int, sesi_id: int, urut: int) -> str:
    return f"{urut:04d}/SERT-KINERJA/{sesi_id:04d}/{tahun}"


def skala_sah(nilai) -> bool:
    return isinstance(nilai, int) and not isinstance(nilai, bool) and nilai in SKALA


# --- Development history (JP) ------------------------------------------------------------------------------------
TARGET_JP_TAHUNAN = 20  # PP 11/2017 Pasal 203 jo. PP 17/2020 — UNVERIFIED, configurable default
MAKS_JP = 500


def persen_jp(jp: int, target: int = TARGET_JP_TAHUNAN) -> int:
    return min(100, round(100 * jp / target)) if target else 100


# --- Pulse survey -----------------------------------------------------------------------------------------------
PERTANYAAN_SURVEI = [
    ("kegunaan", "Kinerja membantu saya merencanakan, mencatat dan menunjukkan hasil kerja saya."),
    ("keadilan", "Penilaian kinerja melalui Kinerja terasa adil bagi saya."),
    ("kemudahan", "Kinerja mudah digunakan, juga dari ponsel."),
]
DIMENSI = [k for k, _ in PERTANYAAN_SURVEI]
DIMENSI_LABEL = {"kegunaan": "Kegunaan", "keadilan": "Keadilan", "kemudahan": "Kemudahan"}
MIN_TAMPIL_DEFAULT = 5
MIN_TAMPIL_MUTLAK = 3  # no round may show a group smaller than this, whatever its setting
MAKS_KOMENTAR = 500
LAMA_PUTARAN_HARI = 14
BULAN_PUTARAN = (1, 4, 7, 10)  # a round opens on the first working day of each quarter


@dataclass
class RingkasanSurvei:
    jumlah: int
    rata: dict[str, float | None] = field(default_factory=dict)
    setuju: dict[str, int | None] = field(default_factory=dict)  # % answering 4 or 5
    tampil: bool = False


def ringkas_survei(jawaban: Iterable[Sequence[int]], minimum: int) -> RingkasanSurvei:
    """Averages and % agreeing per dimension over rows of (kegunaan, keadilan, kemudahan); hidden under `minimum`."""
    rows = [tuple(r) for r in jawaban]
    n = len(rows)
    tampil = n >= max(minimum, MIN_TAMPIL_MUTLAK)
    out = RingkasanSurvei(jumlah=n, tampil=tampil)
    for i, dim in enumerate(DIMENSI):
        values = [r[i] for r in rows]
        if tampil and values:
            out.rata[dim] = round(sum(values) / len(values), 2)
            out.setuju[dim] = round(100 * sum(1 for v in values if v >= 4) / len(values))
        else:
            out.rata[dim] = None
            out.setuju[dim] = None
    return out


def putaran_berikut(today: dt.date) -> dt.date | None:
    """The first day of the quarter when `today` is in a round-opening month, else None."""
    return dt.date(today.year, today.month, 1) if today.month in BULAN_PUTARAN else None


# --- Adoption metrics -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ambang:
    """Thresholds below which a unit is flagged for targeted socialisation (instansi policy defaults)."""

    aktif: int = 60  # % of pegawai active in the week
    kepatuhan: int = 60  # % of pegawai-working-days with a submitted daily report
    umpan_balik_jam: int = 72  # median hours from submission to the atasan's review
    skp: int = 80  # % of pegawai with an approved SKP for the current period
    terlatih: int = 30  # % of pegawai who attended a session in the last 12 months
    min_pegawai: int = 3  # smaller units are not flagged (too few people for a fair figure)


AMBANG_DEFAULT = Ambang()
JENDELA_PELATIHAN_HARI = 365

ALASAN_SINGKAT = {
    "aktif": "pemakaian rendah",
    "kepatuhan": "laporan rendah",
    "umpan_balik": "tinjauan lambat",
    "skp": "SKP belum disetujui",
    "terlatih": "pelatihan kurang",
}
# Training coverage is reported with the reasons but never flags a unit on its own: the remedy for it is the
# training itself, and a new programme would otherwise flag nearly every unit.
ALASAN_PENANDA = frozenset({"aktif", "kepatuhan", "umpan_balik", "skp"})
ALASAN_LABEL = {
    "aktif": "Sedikit pegawai yang aktif memakai Kinerja",
    "kepatuhan": "Kepatuhan laporan harian rendah",
    "umpan_balik": "Tinjauan atasan lambat",
    "skp": "Banyak pegawai belum memiliki SKP yang disetujui",
    "terlatih": "Cakupan pelatihan rendah",
}
# The fokus a session should have to answer each reason (targeted socialisation and training suggestions).
FOKUS_UNTUK_ALASAN = {
    "aktif": "literasi_digital",
    "kepatuhan": "laporan_harian",
    "umpan_balik": "umpan_balik",
    "skp": "skp",
    "terlatih": "literasi_digital",
}


def awal_minggu(day: dt.date) -> dt.date:
    """The Monday of the week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def persen(bagian: int, total: int) -> int | None:
    """Whole percent, or None when there is nothing to divide by."""
    if not total:
        return None
    return round(100 * bagian / total)


def median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def tertinggal(alasan: list[str]) -> bool:
    """A unit lags when at least one usage reason applies (training coverage alone does not flag it)."""
    return bool(ALASAN_PENANDA & set(alasan))


def alasan_tertinggal(*, jumlah_pegawai: int, aktif: int, laporan_target: int, laporan_terisi: int,
                      umpan_balik_jam: float | None, skp_disetujui: int, terlatih: int,
                      skp_berlaku: bool = True, ambang: Ambang = AMBANG_DEFAULT) -> list[str]:
    """Why a unit lags (empty: it does not). Units with fewer than `min_pegawai` are never flagged; a figure that
    cannot be computed (no working day, no review, no open period) does not count against the unit."""
    if jumlah_pegawai < ambang.min_pegawai:
        return []
    alasan = []
    if persen(aktif, jumlah_pegawai) < ambang.aktif:
        alasan.append("aktif")
    kepatuhan = persen(laporan_terisi, laporan_target)
    if kepatuhan is not None and kepatuhan < ambang.kepatuhan:
        alasan.append("kepatuhan")
    if umpan_balik_jam is not None and umpan_balik_jam > ambang.umpan_balik_jam:
        alasan.append("umpan_balik")
    if skp_berlaku and persen(skp_disetujui, jumlah_pegawai) < ambang.skp:
        alasan.append("skp")
    if persen(terlatih, jumlah_pegawai) < ambang.terlatih:
        alasan.append("terlatih")
    return alasan
