"""Pure rules of performance planning (PermenPANRB 6/2022), no database.

References are to ../shared/domain/REFERENCE.md.
"""

from __future__ import annotations

# §1.4 — the 7 BerAKHLAK core values and their 21 panduan perilaku (UU 20/2023 Pasal 4(2) wording; Adaptif c is
# "bertindak proaktif"). Used as the default text of the Ekspektasi Khusus Pimpinan and by Penilaian.
BERAKHLAK: list[tuple[str, str, str, tuple[str, str, str]]] = [
    ("berorientasi_pelayanan", "Berorientasi Pelayanan",
     "komitmen memberikan pelayanan prima demi kepuasan masyarakat",
     ("memahami dan memenuhi kebutuhan masyarakat",
      "ramah, cekatan, solutif, dan dapat diandalkan",
      "melakukan perbaikan tiada henti")),
    ("akuntabel", "Akuntabel", "bertanggung jawab atas kepercayaan yang diberikan",
     ("melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
      "menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
      "tidak menyalahgunakan kewenangan jabatan")),
    ("kompeten", "Kompeten", "terus belajar dan mengembangkan kapabilitas",
     ("meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
      "membantu orang lain belajar",
      "melaksanakan tugas dengan kualitas terbaik")),
    ("harmonis", "Harmonis", "saling peduli dan menghargai perbedaan",
     ("menghargai setiap orang tanpa membedakan latar belakang",
      "suka menolong",
      "membangun lingkungan kerja yang kondusif")),
    ("loyal", "Loyal", "berdedikasi dan mengutamakan kepentingan bangsa dan negara",
     ("memegang teguh ideologi Pancasila, UUD NRI 1945, setia kepada NKRI, dan pemerintahan yang sah",
      "menjaga nama baik ASN, instansi, dan negara",
      "menjaga rahasia jabatan dan negara")),
    ("adaptif", "Adaptif", "terus berinovasi dan antusias dalam menggerakkan serta menghadapi perubahan",
     ("cepat menyesuaikan diri menghadapi perubahan",
      "terus berinovasi dan mengembangkan kreativitas",
      "bertindak proaktif")),
    ("kolaboratif", "Kolaboratif", "membangun kerja sama yang sinergis",
     ("memberi kesempatan kepada berbagai pihak untuk berkontribusi",
      "terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
      "menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama")),
]
NILAI_CHOICES = [(kode, nama) for kode, nama, _d, _p in BERAKHLAK]
NILAI_KODE = [kode for kode, *_ in BERAKHLAK]


def panduan_perilaku(kode: str) -> tuple[str, str, str]:
    for k, _nama, _definisi, panduan in BERAKHLAK:
        if k == kode:
            return panduan
    raise KeyError(kode)


def ekspektasi_default(kode: str) -> str:
    """The default Ekspektasi Khusus Pimpinan text for one value: its three panduan, lettered a–c."""
    return "; ".join(f"{huruf}. {teks}" for huruf, teks in zip("abc", panduan_perilaku(kode), strict=True))


# §1.3 — target aspects and SKP forms
ASPEK = [("kuantitas", "Kuantitas"), ("kualitas", "Kualitas"), ("waktu", "Waktu"), ("biaya", "Biaya")]
JENIS_RHK = [("utama", "Utama"), ("tambahan", "Tambahan")]
PENDEKATAN = [("kuantitatif", "Kuantitatif"), ("kualitatif", "Kualitatif")]
JENIS_SKP = [("jpt", "SKP JPT"), ("ja_jf", "SKP JA/JF")]
# SKP JPT indicators carry a perspective (Balanced-Scorecard-like perspectives of the SKP JPT form).
PERSPEKTIF = [("penerima_layanan", "Perspektif Penerima Layanan"), ("proses_bisnis", "Perspektif Proses Bisnis"),
              ("penguatan_internal", "Perspektif Penguatan Internal"), ("anggaran", "Perspektif Anggaran")]


# --- Period states (REFERENCE.md §1.2 stages; ARCHITECTURE-GUIDE rule 6: one guard per aggregate) -------------
# perencanaan → berjalan → evaluasi → ditutup, one step forward at a time; `ditutup` is final.
PERENCANAAN, BERJALAN, EVALUASI, DITUTUP = "perencanaan", "berjalan", "evaluasi", "ditutup"
URUTAN_STATUS_PERIODE = [PERENCANAAN, BERJALAN, EVALUASI, DITUTUP]

# What each kind of write needs from the period. SKP are written and approved while planning and during the
# year (late SKP, revisions, a mid-year transfer: REFERENCE.md §1.8 "within 1 month of appointment/transfer");
# daily reports run during the year and may be completed while evaluating; evaluations run during the year
# (periodic) and in `evaluasi` (annual). Nothing changes once a period is closed.
AKSI_PERIODE: dict[str, frozenset[str]] = {
    "skp": frozenset({PERENCANAAN, BERJALAN}),
    "sasaran_organisasi": frozenset({PERENCANAAN, BERJALAN}),
    "laporan": frozenset({BERJALAN, EVALUASI}),
    "penilaian": frozenset({BERJALAN, EVALUASI}),
}

PESAN_PERIODE = {
    DITUTUP: "Periode {tahun} sudah ditutup; datanya tidak dapat diubah lagi.",
    EVALUASI: "Periode {tahun} sedang dalam tahap evaluasi; SKP tidak dapat dibuat atau diubah lagi.",
    PERENCANAAN: "Periode {tahun} masih tahap perencanaan; {aksi} belum dibuka.",
    BERJALAN: "Periode {tahun} sedang berjalan; {aksi} tidak diizinkan pada tahap ini.",
}
NAMA_AKSI = {"skp": "penyusunan SKP", "sasaran_organisasi": "pengisian sasaran organisasi",
             "laporan": "pelaporan", "penilaian": "penilaian"}


def periode_mengizinkan(status: str, aksi: str) -> bool:
    return status in AKSI_PERIODE[aksi]


def pesan_periode_menolak(status: str, aksi: str, tahun: int) -> str:
    return PESAN_PERIODE[status].format(tahun=tahun, aksi=NAMA_AKSI[aksi])


def status_periode_berikut(status: str) -> str | None:
    """The only state a period may move to next (None when closed)."""
    i = URUTAN_STATUS_PERIODE.index(status)
    return URUTAN_STATUS_PERIODE[i + 1] if i + 1 < len(URUTAN_STATUS_PERIODE) else None


# --- Evaluation windows (REFERENCE.md §1.8) ----------------------------------------------------------------
NAMA_BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember"]
ROMAWI = ["I", "II", "III", "IV"]


def jendela_evaluasi(tahun: int, kadensi: str) -> list[tuple[int, str, int, int, bool]]:
    """The evaluation windows of a year as (nomor, nama, first month, last month, is_final).

    Periodic windows follow the instansi's cadence (bulanan: 12, triwulanan: 4). The annual evaluation is a
    separate window covering the whole year (e-Kinerja keeps one "Final" period apart from the periodic ones,
    and the annual predikat is set under the distribution curve, not copied from the last periodic one)."""
    if kadensi == "bulanan":
        windows = [(i, f"Bulan {NAMA_BULAN[i - 1]}", i, i, False) for i in range(1, 13)]
    elif kadensi == "triwulanan":
        windows = [(i, f"Triwulan {ROMAWI[i - 1]}", 3 * i - 2, 3 * i, False) for i in range(1, 5)]
    else:
        raise ValueError(kadensi)
    windows.append((len(windows) + 1, "Evaluasi Tahunan", 1, 12, True))
    return windows


# --- SKP workflow (REFERENCE.md §1.3, §1.10) -----------------------------------------------------------------
DRAFT, DIAJUKAN, DISETUJUI, DIKEMBALIKAN = "draft", "diajukan", "disetujui", "dikembalikan"
TRANSISI_SKP = {
    "ajukan": ({DRAFT, DIKEMBALIKAN}, DIAJUKAN),
    "kembalikan": ({DIAJUKAN}, DIKEMBALIKAN),
    "setujui": ({DIAJUKAN}, DISETUJUI),
    "revisi": ({DISETUJUI}, DRAFT),
}


def transisi_skp(status: str, aksi: str) -> str | None:
    """The new status after `aksi`, or None when the move is not allowed from `status`."""
    asal, tujuan = TRANSISI_SKP[aksi]
    return tujuan if status in asal else None


def langkah_berikut(status: str) -> tuple[str, str]:
    """(who acts next, what they do) for an SKP status — shown next to every SKP (UX.md §6)."""
    return {
        DRAFT: ("pegawai", "Lengkapi RHK dan indikator, lalu ajukan ke pejabat penilai."),
        DIAJUKAN: ("pejabat_penilai", "Pejabat penilai memeriksa, lalu menyetujui atau mengembalikan."),
        DIKEMBALIKAN: ("pegawai", "Perbaiki sesuai catatan pejabat penilai, lalu ajukan lagi."),
        DISETUJUI: ("", "SKP berlaku. Perubahan hanya melalui revisi."),
    }[status]


# --- Indicators (REFERENCE.md §1.3: one IKI row per aspect, target with its unit) ---------------------------
ASPEK_KODE = [k for k, _ in ASPEK]
PERSPEKTIF_KODE = [k for k, _ in PERSPEKTIF]
MSG_TARGET_POSITIF = "Target harus lebih dari 0."
MSG_SATUAN_WAJIB = "Isi satuan target (mis. dokumen, orang, %, km, bulan)."
MSG_TEKS_INDIKATOR_WAJIB = "Tulis indikator kinerja individunya."
MSG_ASPEK_TIDAK_DIKENAL = "Aspek harus salah satu dari Kuantitas, Kualitas, Waktu atau Biaya."
MSG_ASPEK_GANDA = "Setiap aspek hanya boleh satu indikator dalam satu RHK."
MSG_PERSPEKTIF_WAJIB = "Pilih perspektif indikator (wajib untuk SKP JPT)."
MSG_INDIKATOR_MINIMAL = "Setiap RHK perlu minimal satu indikator kinerja individu dengan target."


def periksa_indikator(items: list[dict], *, jpt: bool) -> dict[str, list[str]]:
    """Field errors for a list of indicators {aspek, teks, target, satuan, perspektif}; keys `indikator.<i>.<field>`.

    `target` must already be a number (Decimal/float) or None."""
    errors: dict[str, list[str]] = {}
    if not items:
        errors["indikator"] = [MSG_INDIKATOR_MINIMAL]
        return errors
    seen: set[str] = set()
    for i, item in enumerate(items):
        key = f"indikator.{i}."
        aspek = item.get("aspek")
        if aspek not in ASPEK_KODE:
            errors[key + "aspek"] = [MSG_ASPEK_TIDAK_DIKENAL]
        elif aspek in seen:
            errors[key + "aspek"] = [MSG_ASPEK_GANDA]
        seen.add(aspek)
        if not (item.get("teks") or "").strip():
            errors[key + "teks"] = [MSG_TEKS_INDIKATOR_WAJIB]
        target = item.get("target")
        if target is None or target <= 0:
            errors[key + "target"] = [MSG_TARGET_POSITIF]
        if not (item.get("satuan") or "").strip():
            errors[key + "satuan"] = [MSG_SATUAN_WAJIB]
        if jpt and item.get("perspektif") not in PERSPEKTIF_KODE:
            errors[key + "perspektif"] = [MSG_PERSPEKTIF_WAJIB]
    return errors


def membentuk_siklus(start_id: int, parent_of: dict[int, int | None], forbidden: set[int]) -> bool:
    """True when walking up from `start_id` through `parent_of` reaches one of `forbidden` (or loops)."""
    seen: set[int] = set()
    node: int | None = start_id
    while node is not None:
        if node in forbidden or node in seen:
            return True
        seen.add(node)
        node = parent_of.get(node)
    return False


# --- The official SKP document (REFERENCE.md §1.3) ----------------------------------------------------------
def judul_dokumen_skp(jenis: str, pendekatan: str) -> tuple[str, str]:
    """(title, subtitle) of the SKP form for its family (JPT vs JA/JF) and approach."""
    pend = "KUANTITATIF" if pendekatan == "kuantitatif" else "KUALITATIF"
    bagi = "PEJABAT PIMPINAN TINGGI" if jenis == "jpt" else "PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
    return "SASARAN KINERJA PEGAWAI", f"PENDEKATAN HASIL KERJA {pend} BAGI {bagi}"


def tanggal_panjang(d) -> str:
    """'01 Januari 2026'."""
    return f"{d.day:02d} {NAMA_BULAN[d.month - 1]} {d.year}"


def baris_periode_penilaian(mulai, selesai) -> str:
    """'PERIODE PENILAIAN: 01 JANUARI SD 31 DESEMBER TAHUN 2022' (the Kendari SKP's period line)."""
    awal = f"{mulai.day:02d} {NAMA_BULAN[mulai.month - 1]}".upper()
    akhir = f"{selesai.day:02d} {NAMA_BULAN[selesai.month - 1]}".upper()
    if mulai.year != selesai.year:
        awal += f" {mulai.year}"
    return f"PERIODE PENILAIAN: {awal} SD {akhir} TAHUN {selesai.year}"
