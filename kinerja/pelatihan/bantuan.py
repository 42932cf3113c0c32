"""The help centre's content: FAQs, short how-tos and "Mengapa ini penting bagi Anda" pages, the contextual help
snippets and the guided tour's steps for each role. Plain data; the article bodies are templates under
`pelatihan/templates/pelatihan/bantuan/artikel/` and their screenshots (PNG, made by the end-to-end tests in
tests/e2e/test_pelatihan_*.py) live in `pelatihan/static/pelatihan/bantuan/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.core.models import Peran

SEMUA = frozenset()  # no role restriction


@dataclass(frozen=True)
class Artikel:
    slug: str
    judul: str
    kategori: str  # "panduan" | "mengapa"
    ringkasan: str
    peran: frozenset[str] = SEMUA
    kata_kunci: str = ""
    halaman: tuple[str, ...] = ()  # URL prefixes this article helps with
    gambar: tuple[tuple[str, str], ...] = ()  # (file in static/pelatihan/bantuan/, caption)

    @property
    def template(self) -> str:
        return f"pelatihan/bantuan/artikel/{self.slug}.html"


KATEGORI = {"panduan": "Panduan singkat", "mengapa": "Mengapa ini penting bagi Anda"}

ARTIKEL: list[Artikel] = [
    Artikel("mulai-memakai-kinerja", "Mulai memakai Kinerja dalam 5 menit", "panduan",
            "Masuk dengan NIP, kenali beranda, menu dan notifikasi, lalu ikuti tur pengenalan.",
            kata_kunci="masuk login beranda menu tur notifikasi ponsel", halaman=("/",),
            gambar=(("tur.png", "Tur pengenalan pada kunjungan pertama, di ponsel."),)),
    Artikel("presensi-qr", "Presensi sesi dengan memindai QR", "panduan",
            "Pindai QR di layar lokasi sesi dengan kamera ponsel, lalu tekan Saya hadir.",
            kata_kunci="presensi hadir qr kode sosialisasi pelatihan kamera", halaman=("/pelatihan/hadir", "/pelatihan/sesi"),
            gambar=(("layar-qr.png", "Layar QR di lokasi: kode berganti setiap 30 detik."),
                    ("hadir.png", "Setelah memindai: tekan Saya hadir."),
                    ("hadir-ok.png", "Kehadiran tercatat."))),
    Artikel("kuis-dan-sertifikat", "Kuis, umpan balik dan sertifikat", "panduan",
            "Setelah hadir, kerjakan kuis singkat dan isi umpan balik; sertifikat PDF terbit setelah sesi selesai.",
            kata_kunci="kuis nilai lulus sertifikat pdf umpan balik", halaman=("/pelatihan/sesi",),
            gambar=(("kuis.png", "Kuis singkat di ponsel."),)),
    Artikel("survei-denyut", "Mengisi survei denyut", "panduan",
            "Tiga pernyataan tentang Kinerja dan satu komentar opsional — anonim dan selesai dalam satu menit.",
            kata_kunci="survei anonim pendapat denyut kepuasan", halaman=("/pelatihan/survei",),
            gambar=(("survei.png", "Survei denyut di ponsel: tiga pernyataan dan satu komentar opsional."),)),
    Artikel("merencanakan-sesi", "Merencanakan sesi sosialisasi atau pelatihan", "panduan",
            "Buat sesi, pilih sasaran per OPD atau peran, unggah materi, susun kuis, terbitkan undangan, tampilkan "
            "QR presensi di lokasi.", peran=frozenset({Peran.ADMIN_BKPSDM}),
            kata_kunci="sesi undangan sasaran materi kuis layar presensi", halaman=("/pelatihan/sesi/baru",),
            gambar=(("sesi-baru.png", "Formulir sesi baru."),)),
    Artikel("membaca-dasbor-adopsi", "Membaca dasbor adopsi", "panduan",
            "Apa arti pegawai aktif mingguan, kepatuhan laporan, waktu tinjauan atasan, SKP disetujui dan cakupan "
            "pelatihan — dan kapan sebuah unit ditandai tertinggal.",
            peran=frozenset({Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT, Peran.PIMPINAN_OPD, Peran.PIMPINAN_DAERAH}),
            kata_kunci="adopsi metrik tertinggal dasbor kepatuhan aktif", halaman=("/pelatihan/adopsi",),
            gambar=(("adopsi.png", "Dasbor adopsi per OPD; unit yang tertinggal di atas."),)),
    Artikel("laporan-harian-dan-penilaian", "Bagaimana laporan harian Anda dipakai dalam penilaian", "mengapa",
            "Laporan harian dan bukti dukung menjadi realisasi SKP yang dilihat pejabat penilai saat memberi "
            "rating hasil kerja.", kata_kunci="laporan harian penilaian realisasi bukti dukung rating predikat",
            halaman=("/laporan",)),
    Artikel("skp-tepat-waktu", "Mengapa SKP perlu disetujui di awal tahun", "mengapa",
            "Tanpa SKP yang disetujui, laporan harian belum dapat diisi dan hasil kerja Anda tidak tercatat.",
            kata_kunci="skp rhk disetujui batas januari", halaman=("/perencanaan",)),
    Artikel("umpan-balik-atasan", "Mengapa umpan balik cepat dari atasan penting", "mengapa",
            "Umpan balik berkelanjutan adalah bagian resmi dari pengelolaan kinerja; tinjauan yang cepat membuat "
            "laporan bawahan bermakna.", peran=frozenset({Peran.ATASAN, Peran.PIMPINAN_OPD}),
            kata_kunci="umpan balik tinjauan atasan antrian revisi"),
    Artikel("suara-anda", "Suara Anda mengubah Kinerja", "mengapa",
            "Survei denyut dan halaman Anda berkata, kami lakukan: apa yang terjadi dengan pendapat Anda.",
            kata_kunci="survei kami lakukan pendapat perbaikan anonim", halaman=("/pelatihan/kami-lakukan",)),
]
ARTIKEL_BY_SLUG = {a.slug: a for a in ARTIKEL}

FAQ: list[tuple[str, str]] = [
    ("Saya lupa kata sandi. Apa yang harus dilakukan?",
     "Pada halaman masuk, pilih \"Lupa kata sandi\" dan ikuti tautan yang dikirim ke email Anda. Bila email Anda "
     "belum tercatat, hubungi admin BKPSDM di OPD Anda."),
    ("Apakah Kinerja bisa dipakai di ponsel?",
     "Ya. Semua halaman dirancang untuk ponsel. Buka alamat Kinerja di peramban ponsel Anda dan masuk dengan NIP."),
    ("Mengapa saya belum bisa mengisi laporan harian?",
     "Laporan harian memerlukan SKP yang sudah disetujui pejabat penilai. Periksa status SKP Anda dan hubungi "
     "atasan bila masih berstatus draf atau diajukan."),
    ("Siapa yang bisa melihat laporan harian saya?",
     "Anda sendiri, atasan Anda (pejabat penilai) dan atasannya, pimpinan OPD, admin BKPSDM, serta Inspektorat "
     "untuk pemeriksaan. Pegawai lain tidak dapat melihatnya."),
    ("Apakah survei denyut benar-benar anonim?",
     "Ya. Jawaban disimpan tanpa akun dan tanpa waktu pengisian; yang dicatat terpisah hanya bahwa Anda sudah "
     "mengisi, supaya satu orang mengisi sekali. Hasil per OPD baru ditampilkan bila tanggapannya cukup banyak "
     "(minimal 5), sehingga tidak ada yang bisa ditebak."),
    ("QR presensi tidak bisa dipindai. Bagaimana?",
     "Ketik 6 angka yang tampil di bawah QR pada halaman sesi (bagian \"Presensi\"). Kode berganti setiap 30 "
     "detik; pakai kode yang sedang tampil. Bila tetap gagal, minta penyelenggara mencatat kehadiran Anda."),
    ("Kapan sertifikat saya terbit?",
     "Setelah sesi berakhir, bila kehadiran Anda tercatat dan — jika sesi memiliki kuis — Anda lulus kuis. "
     "Unduh sertifikat dari halaman sesi. Setiap sertifikat memiliki kode verifikasi dan QR untuk dicek keasliannya."),
    ("Apa itu JP dan berapa targetnya?",
     "JP (jam pelajaran) mengukur lama kegiatan pengembangan kompetensi. Setiap PNS diharapkan mengikuti paling "
     "sedikit 20 JP setahun. Riwayat pengembangan Anda menunjukkan JP tahun ini."),
    ("Bagaimana mengulang tur pengenalan?",
     "Buka Pusat Bantuan dan pilih \"Ulangi tur pengenalan\". Tur akan tampil lagi di beranda."),
]

# Short contextual help used by `{% bantuan_singkat "kode" %}` on pages.
BANTUAN_SINGKAT: dict[str, tuple[str, str, str]] = {
    # kode: (ringkasan, teks, slug artikel)
    "presensi": ("Cara presensi",
                 "Pindai QR di layar lokasi dengan kamera ponsel, atau ketik 6 angka di bawah QR. Kode berganti "
                 "setiap 30 detik, jadi foto QR yang dikirim lewat pesan tidak berlaku.", "presensi-qr"),
    "kuis": ("Tentang kuis",
             "Kuis singkat untuk memastikan pokok materi tersampaikan. Maksimal 3 kali percobaan; nilai lulus "
             "tertulis di atas. Kuis dibuka setelah kehadiran tercatat.", "kuis-dan-sertifikat"),
    "sertifikat": ("Tentang sertifikat",
                   "Sertifikat PDF terbit setelah sesi berakhir untuk peserta yang hadir (dan lulus kuis bila ada). "
                   "Kode verifikasi dan QR pada sertifikat dapat dicek siapa saja.", "kuis-dan-sertifikat"),
    "survei": ("Apakah ini anonim?",
               "Jawaban Anda tidak disimpan bersama akun atau waktu pengisian. Jangan menulis nama atau NIP di "
               "komentar. Hasil per OPD hanya tampil bila tanggapannya cukup banyak.", "survei-denyut"),
    "adopsi": ("Cara membaca angka ini",
               "Angka dihitung setiap malam untuk minggu berjalan (Senin sampai kemarin). Unit ditandai tertinggal "
               "bila salah satu angka di bawah ambang; gunakan tanda itu untuk sosialisasi yang terarah, bukan "
               "untuk menilai pegawai.", "membaca-dasbor-adopsi"),
    "riwayat": ("Tentang riwayat pengembangan",
                "Sesi di Kinerja tercatat otomatis setelah Anda hadir (dan lulus kuis bila ada). Pelatihan di luar "
                "Kinerja dicatat oleh admin BKPSDM. Targetnya paling sedikit 20 JP setahun.", "kuis-dan-sertifikat"),
    "sesi_baru": ("Tips merencanakan sesi",
                  "Sasaran menentukan siapa yang diundang saat sesi diterbitkan. Pilih fokus agar sesi muncul "
                  "sebagai saran bagi unit yang membutuhkannya.", "merencanakan-sesi"),
}


@dataclass(frozen=True)
class LangkahTur:
    judul: str
    teks: str
    target: tuple[str, ...] = ()  # CSS selectors; the first visible one is highlighted, none: a centred card


@dataclass(frozen=True)
class Tur:
    peran: str
    langkah: list[LangkahTur] = field(default_factory=list)


_AWAL = LangkahTur("Selamat datang di Kinerja",
                   "Tur singkat ini menunjukkan bagian penting Kinerja untuk peran Anda. Butuh kurang dari satu "
                   "menit; Anda dapat melewatinya kapan saja.")
_MENU = LangkahTur("Menu utama", "Semua halaman yang boleh Anda buka ada di menu ini. Di ponsel, tekan tombol Menu.",
                   ("[data-menu-toggle]", "#nav-utama ul"))
_NOTIF = LangkahTur("Notifikasi", "Undangan sesi, umpan balik atasan dan pengingat muncul di sini.",
                    (".notif-link",))
_BANTUAN = LangkahTur("Bantuan selalu ada",
                      "Pusat Bantuan berisi FAQ, panduan singkat dan penjelasan mengapa setiap langkah penting. "
                      "Tur ini dapat diulang dari sana.", ("#panel-bantuan", "a[href='/pelatihan/bantuan/']"))

TUR: dict[str, list[LangkahTur]] = {
    Peran.PEGAWAI: [
        _AWAL, _MENU,
        LangkahTur("Jabatan dan atasan Anda", "Periksa jabatan, unit kerja dan atasan langsung Anda. Bila keliru, "
                   "hubungi admin BKPSDM: atasan menentukan siapa yang meninjau laporan Anda.", ("#panel-profil",)),
        LangkahTur("SKP Anda", "SKP berisi rencana hasil kerja (RHK) Anda setahun. Setelah disetujui atasan, Anda "
                   "dapat mulai mengisi laporan harian.", ("#panel-skp_saya", "a[href^='/perencanaan/']")),
        LangkahTur("Laporan harian", "Catat pekerjaan setiap hari kerja dari ponsel. Laporan yang disetujui atasan "
                   "menjadi realisasi SKP Anda.", ("#panel-laporan", "a[href^='/laporan/']", "[data-menu-toggle]")),
        LangkahTur("Pelatihan dan survei", "Undangan sosialisasi, presensi QR, sertifikat dan survei denyut ada di "
                   "halaman Pelatihan.", ("#panel-pelatihan", "a[href='/pelatihan/']")),
        _NOTIF, _BANTUAN,
    ],
    Peran.ATASAN: [
        _AWAL, _MENU,
        LangkahTur("Tim Anda", "Bawahan langsung Anda tampil di sini. Anda adalah pejabat penilai mereka.",
                   ("#panel-tim", "a[href='/organisasi/tim/']")),
        LangkahTur("Tinjau laporan bawahan", "Tinjau laporan harian bawahan secepatnya: setujui atau minta revisi "
                   "dengan komentar. Waktu tinjauan unit Anda tampil di dasbor adopsi.",
                   ("#panel-tinjauan", "a[href^='/laporan/tinjauan']", "[data-menu-toggle]")),
        _NOTIF, _BANTUAN,
    ],
    Peran.PIMPINAN_OPD: [
        _AWAL, _MENU,
        LangkahTur("Dasbor adopsi OPD Anda", "Lihat unit mana yang sudah aktif, patuh melapor dan cepat meninjau — "
                   "dan unit yang perlu sosialisasi.", ("#panel-adopsi", "a[href='/pelatihan/adopsi/']")),
        LangkahTur("Tim Anda", "Seluruh pegawai OPD Anda dapat dibuka dari menu Pegawai dan Tim saya.",
                   ("#panel-tim", "a[href='/organisasi/tim/']")),
        _NOTIF, _BANTUAN,
    ],
    Peran.ADMIN_BKPSDM: [
        _AWAL, _MENU,
        LangkahTur("Data induk", "Impor dan rawat data pegawai dan struktur organisasi dari sini.", ("#panel-admin",)),
        LangkahTur("Sosialisasi dan pelatihan", "Rencanakan sesi, kirim undangan, tampilkan QR presensi dan terbitkan "
                   "sertifikat di halaman Pelatihan.", ("a[href='/pelatihan/']", "[data-menu-toggle]")),
        LangkahTur("Dasbor adopsi", "Unit yang tertinggal ditandai setiap minggu; rencanakan sosialisasi terarah "
                   "langsung dari tanda itu.", ("#panel-adopsi", "a[href='/pelatihan/adopsi/']")),
        _NOTIF, _BANTUAN,
    ],
    Peran.INSPEKTORAT: [
        _AWAL, _MENU,
        LangkahTur("Ruang kerja Inspektorat", "Anda dapat membaca seluruh data instansi dan jejak audit, serta "
                   "menulis catatan audit.", ("#panel-inspektorat", "a[href='/audit/']")),
        LangkahTur("Dasbor adopsi", "Baca angka adopsi per OPD dan unit yang tertinggal.",
                   ("#panel-adopsi", "a[href='/pelatihan/adopsi/']")),
        _BANTUAN,
    ],
    Peran.PIMPINAN_DAERAH: [
        _AWAL, _MENU,
        LangkahTur("Ringkasan daerah", "Angka ringkas seluruh OPD: tanpa data perorangan.", ("#panel-daerah",)),
        LangkahTur("Dasbor adopsi", "Seberapa jauh Kinerja dipakai di setiap OPD, dan OPD yang perlu didorong.",
                   ("#panel-adopsi", "a[href='/pelatihan/adopsi/']")),
        _BANTUAN,
    ],
}
TUR_UMUM = [_AWAL, _MENU, _NOTIF, _BANTUAN]


def _selector(target: str) -> str:
    """`#panel-x` names a home panel's heading; highlight the whole panel instead."""
    if target.startswith("#panel-"):
        return f"section[aria-labelledby='{target[1:]}']"
    return target


def tur_untuk(peran: str | None) -> list[dict]:
    """The tour of a role as plain data for the page (`json_script`)."""
    return [{"judul": s.judul, "teks": s.teks, "target": [_selector(t) for t in s.target]}
            for s in TUR.get(peran or "", TUR_UMUM)]


def artikel_untuk(roles: frozenset[str] | set[str], q: str = "") -> list[Artikel]:
    """Articles for an account's roles (articles without roles are for everyone), filtered by a search text."""
    q = (q or "").strip().lower()
    out = []
    for a in ARTIKEL:
        if a.peran and not (a.peran & set(roles)):
            continue
        if q and q not in f"{a.judul} {a.ringkasan} {a.kata_kunci}".lower():
            continue
        out.append(a)
    return out


def faq_cari(q: str = "") -> list[tuple[str, str]]:
    q = (q or "").strip().lower()
    return [f for f in FAQ if not q or q in f"{f[0]} {f[1]}".lower()]


def artikel_untuk_halaman(path: str, roles) -> list[Artikel]:
    """Articles that help with a page (by URL prefix), for the "Bantuan untuk halaman ini" link."""
    path = path or "/"
    hits = [a for a in artikel_untuk(roles) if any(path == h if h == "/" else path.startswith(h) for h in a.halaman)]
    return hits
