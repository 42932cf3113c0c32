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
