"""Pure rules of daily reporting, no database. References are to ../shared/domain/REFERENCE.md.

- §1.2 stage 2 (pelaksanaan, pemantauan, pembinaan): performance is documented (pendokumentasian kinerja) and the
  atasan gives continuous feedback (umpan balik berkelanjutan) — the daily report and its review.
- §1.5: the pejabat penilai rates on realisasi and bukti dukung — so evidence is kept and outputs roll up.
- §6.3: Perpres 21/2023 — 5 working days (Mon–Fri); holidays and cuti bersama are data (core.kalender). Backdating
  is counted in working days on that calendar.
- Instansi policy (not regulation; a configurable default): the backdating window (3 working days), the daily
  hour cap, the reminder hour and the review deadline.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal

# --- statuses and their transitions -------------------------------------------------------------------------------
DRAFT = "draft"
DIAJUKAN = "diajukan"
DISETUJUI = "disetujui"
PERLU_REVISI = "perlu_revisi"

TRANSISI: dict[str, frozenset[str]] = {
    DRAFT: frozenset({DIAJUKAN}),
    DIAJUKAN: frozenset({DISETUJUI, PERLU_REVISI}),
    PERLU_REVISI: frozenset({DIAJUKAN}),
    DISETUJUI: frozenset(),  # final: an approved report is evidence for the evaluation and never changes
}


def boleh_pindah(dari: str, ke: str) -> bool:
    return ke in TRANSISI.get(dari, frozenset())


def dapat_diubah(status: str) -> bool:
    """The pegawai may edit a report until it is approved."""
    return status != DISETUJUI


# --- policy defaults ---------------------------------------------------------------------------------------------
DEFAULT_BATAS_MUNDUR = 3  # working days
DEFAULT_BATAS_JAM = Decimal("12.00")  # hours per day (≤ 24)
DEFAULT_JAM_PENGINGAT = dt.time(16, 0)
DEFAULT_BATAS_TINJAUAN = 3  # working days
JAM_PENGINGAT_TINJAUAN = dt.time(8, 0)  # reviewers are reminded in the morning, local time
DEFAULT_MAKS_MB = 10
DEFAULT_MAKS_BUKTI = 5
MAKS_MB_MUTLAK = 25  # no policy may accept more than this per file
MENIT_SEHARI = 24 * 60
MAKS_URAIAN = 2000

# --- messages (Indonesian, user-facing; tests import them) ---------------------------------------------------------
MSG_RHK_WAJIB = "Pilih RHK atau indikator kinerja yang didukung laporan ini."
MSG_RHK_BUKAN_MILIK = "RHK atau indikator ini bukan bagian dari SKP Anda yang aktif dan sudah disetujui."
MSG_INDIKATOR_RHK = "Indikator yang dipilih bukan milik RHK tersebut."
MSG_TANPA_SKP = ("Anda belum memiliki SKP yang disetujui untuk tanggal ini, sehingga belum dapat membuat laporan "
                 "harian. Hubungi atasan Anda.")
MSG_SKP_TANGGAL = "Tanggal laporan berada di luar masa berlaku SKP ({mulai} s.d. {selesai})."
MSG_PERIODE_DITUTUP = "Periode kinerja ini sudah ditutup; laporan tidak dapat ditambah atau diubah."
MSG_OUTPUT_NEGATIF = "Jumlah output tidak boleh negatif."
MSG_OUTPUT_WAJIB = "Isi jumlah output (boleh 0 bila belum ada hasil yang dapat dihitung)."
MSG_SATUAN_WAJIB = "Isi satuan output, mis. dokumen, orang, kegiatan."
MSG_URAIAN_WAJIB = "Tulis uraian kegiatan yang Anda kerjakan."
MSG_URAIAN_PANJANG = f"Uraian kegiatan paling panjang {MAKS_URAIAN} karakter."
MSG_JAM_WAJIB = "Isi jam mulai dan jam selesai."
MSG_JAM_URUT = ("Jam selesai harus setelah jam mulai. Pekerjaan yang melewati tengah malam dilaporkan sebagai dua "
                "laporan.")
MSG_LEBIH_24 = "Total jam kerja pada tanggal ini menjadi {total}, lebih dari 24 jam dalam sehari."
MSG_LEBIH_BATAS = "Total jam kerja pada tanggal ini menjadi {total}, melebihi batas {batas} per hari."
MSG_TUMPANG_TINDIH = "Jam ini bertumpang tindih dengan laporan lain pada tanggal yang sama ({mulai}–{selesai})."
MSG_TANGGAL_DEPAN = "Tanggal laporan tidak boleh di masa depan."
MSG_TERLALU_LAMA = ("Laporan untuk tanggal ini sudah lewat batas {n} hari kerja. Minta atasan Anda membuka kunci "
                    "tanggal ini, lalu kirim lagi.")
MSG_LOKASI = "Lokasi tidak valid: lintang antara -90 dan 90, bujur antara -180 dan 180."
MSG_SUDAH_DISETUJUI = "Laporan yang sudah disetujui tidak dapat diubah."
MSG_HANYA_DRAF_DIHAPUS = "Hanya laporan berstatus draf yang dapat dihapus."
MSG_BUKAN_MILIK = "Anda hanya dapat mengubah laporan milik Anda sendiri."
MSG_BUKAN_PEGAWAI = "Akun ini tidak terhubung dengan data pegawai aktif."
MSG_STATUS = "Laporan berstatus {status} tidak dapat {aksi}."
MSG_BUKAN_PENILAI = "Hanya pejabat penilai pegawai ini yang dapat meninjau laporannya."
MSG_KOMENTAR_REVISI_WAJIB = "Tulis catatan revisi agar pegawai tahu apa yang perlu diperbaiki."
MSG_KOMENTAR_WAJIB = "Tulis komentar terlebih dahulu."
MSG_KOMENTAR_PANJANG = "Komentar paling panjang 2000 karakter."
MSG_NAMA_BERKAS = "Nama berkas tidak boleh memuat jalur folder (mis. ../ atau /). Ganti nama berkasnya lalu unggah lagi."
MSG_BERKAS_WAJIB = "Pilih berkas bukti dukung yang akan diunggah."
MSG_BUKTI_PENUH = "Satu laporan paling banyak memuat {n} bukti dukung."
MSG_KUNCI_IDEMPOTENSI = "Header Idempotency-Key harus berupa UUID, mis. 3f0c1a2e-8d4b-4c55-9a8e-1b2c3d4e5f60."
MSG_BUKA_KUNCI_BUKAN_ATASAN = "Hanya atasan pegawai ini yang dapat membuka kunci tanggal laporannya."
MSG_BUKA_KUNCI_PERLU = "Tanggal ini masih dalam batas pengisian; tidak perlu dibuka kuncinya."
MSG_ALASAN_WAJIB = "Tulis alasan membuka kunci."
MSG_KEBIJAKAN_ADMIN = "Hanya admin BKPSDM yang dapat mengubah kebijakan laporan harian."

STATUS_LABEL = {DRAFT: "draf", DIAJUKAN: "diajukan", DISETUJUI: "disetujui", PERLU_REVISI: "perlu revisi"}


# --- time ---------------------------------------------------------------------------------------------------------
def menit(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def durasi_menit(jam_mulai: dt.time, jam_selesai: dt.time) -> int:
    """Minutes from start to end within one day; the end must be after the start (no crossing midnight)."""
    return menit(jam_selesai) - menit(jam_mulai)


def durasi_label(total_menit: int) -> str:
    jam, sisa = divmod(int(total_menit), 60)
    if jam and sisa:
        return f"{jam} jam {sisa} menit"
    return f"{jam} jam" if jam else f"{sisa} menit"


def tumpang_tindih(a: tuple[dt.time, dt.time], b: tuple[dt.time, dt.time]) -> bool:
    """Two half-open ranges [start, end) overlap; 08:00–10:00 and 10:00–12:00 do not."""
    return a[0] < b[1] and b[0] < a[1]


def cek_jam_harian(baru: tuple[dt.time, dt.time], lain: Iterable[tuple[dt.time, dt.time]],
                   batas_jam: Decimal) -> tuple[str, dict] | None:
    """Check a new range against the other reports of the same day. Returns (message, format args) of the first
    broken rule, or None. Order: more than 24 h in a day, over the instansi cap, overlapping."""
    lain = list(lain)
    total = durasi_menit(*baru) + sum(durasi_menit(*r) for r in lain)
    if total > MENIT_SEHARI:
        return MSG_LEBIH_24, {"total": durasi_label(total)}
    batas_menit = int(Decimal(batas_jam) * 60)
    if total > batas_menit:
        return MSG_LEBIH_BATAS, {"total": durasi_label(total), "batas": durasi_label(batas_menit)}
    for r in sorted(lain):
        if tumpang_tindih(baru, r):
            return MSG_TUMPANG_TINDIH, {"mulai": f"{r[0]:%H.%M}", "selesai": f"{r[1]:%H.%M}"}
    return None


def batas_tinjauan_terlewati(diajukan: dt.date, hari_ini: dt.date, batas_hari_kerja: int,
                             hari_kerja_antara: Callable[[dt.date, dt.date], int]) -> bool:
    """A submitted report is overdue for review when more than `batas_hari_kerja` working days have passed."""
    return hari_kerja_antara(diajukan, hari_ini) > batas_hari_kerja


def tanggal_lokal(now: dt.datetime, tz: dt.tzinfo) -> dt.date:
    """The report date is decided in the unit's time zone (WIB/WITA/WIT), never from UTC."""
    return now.astimezone(tz).date()


def cek_tanggal(tanggal: dt.date, hari_ini: dt.date, batas_hari_kerja: int,
                hari_kerja_antara: Callable[[dt.date, dt.date], int], dibuka: bool = False) -> str | None:
    """No future dates; at most `batas_hari_kerja` working days back (working days in (tanggal, hari_ini] on the
    calendar), unless the atasan unlocked that date. Returns the message of the broken rule, or None."""
    if tanggal > hari_ini:
        return MSG_TANGGAL_DEPAN
    if not dibuka and hari_kerja_antara(tanggal, hari_ini) > batas_hari_kerja:
        return MSG_TERLALU_LAMA.format(n=batas_hari_kerja)
    return None


# --- files ---------------------------------------------------------------------------------------------------------
def nama_berkas_tidak_aman(nama: str) -> bool:
    """A client-sent file name with a path or control characters (e.g. `../../etc/passwd`, `C:\\x\\a.pdf`)."""
    if not nama:
        return False
    if "/" in nama or "\\" in nama or nama.strip() in {".", ".."}:
        return True
    return any(unicodedata.category(ch).startswith("C") for ch in nama)


# --- realisasi -----------------------------------------------------------------------------------------------------
def capaian_persen(realisasi: Decimal, target: Decimal) -> Decimal | None:
    """Realisasi as a share of the target (kuantitas), rounded to one decimal; None without a target."""
    if not target:
        return None
    return (Decimal(realisasi) * 100 / Decimal(target)).quantize(Decimal("0.1"))
