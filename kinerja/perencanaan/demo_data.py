"""Reference data for the demo: regency and OPD targets, the program registry, and RHK templates per domain and
position. Texts follow the style of real SKP (RHK as "Terlaksananya …", indicators with a unit)."""

from __future__ import annotations

# (aspek, indicator text, target (value or (low, high)), satuan[, perspektif for JPT])
Ind = tuple

# RPJMD targets of the regency: (kode, teks, indikator, target)
SASARAN_DAERAH = [
    ("SD-1", "Meningkatnya kualitas sumber daya manusia", "Indeks Pembangunan Manusia", "72,5"),
    ("SD-2", "Meningkatnya kualitas infrastruktur wilayah", "Persentase jalan kabupaten dalam kondisi mantap", "78 %"),
    ("SD-3", "Meningkatnya kualitas pelayanan publik", "Indeks Kepuasan Masyarakat", "85"),
    ("SD-4", "Meningkatnya akuntabilitas kinerja pemerintah daerah", "Nilai SAKIP", "BB (72)"),
    ("SD-5", "Meningkatnya pertumbuhan ekonomi daerah yang inklusif", "Laju pertumbuhan ekonomi", "5,2 %"),
]

# OPD domain -> RPJMD target it supports
DOMAIN_SASARAN_DAERAH = {
    "kesehatan": "SD-1", "rsud": "SD-1", "pendidikan": "SD-1", "sosial": "SD-1", "kb": "SD-1",
    "pupr": "SD-2", "dishub": "SD-2", "dlh": "SD-2",
    "dukcapil": "SD-3", "kominfo": "SD-3", "satpol": "SD-3", "pusip": "SD-3",
    "setda": "SD-4", "inspektorat": "SD-4", "bkpsdm": "SD-4", "keuangan": "SD-4", "bappeda": "SD-4",
    "perikanan": "SD-5", "pertanian": "SD-5",
}

# OPD targets (sasaran strategis / PK) and the head's (JPT) RHK on each: (kode, sasaran, indikator, target, rhk,
# [indicators with perspektif])
SASARAN_OPD = {
    "kesehatan": [
        ("DINKES-1", "Meningkatnya cakupan imunisasi dasar lengkap", "Persentase bayi yang mendapat imunisasi dasar lengkap",
         "95 %", "Meningkatnya cakupan imunisasi dasar lengkap di Kabupaten Bukitintan",
         [("kuantitas", "Persentase bayi usia 0–11 bulan yang mendapat imunisasi dasar lengkap", 95, "%", "penerima_layanan"),
          ("kualitas", "Persentase desa/kelurahan UCI (Universal Child Immunization)", 90, "%", "proses_bisnis"),
          ("biaya", "Persentase realisasi anggaran program imunisasi", 95, "%", "anggaran")]),
        ("DINKES-2", "Meningkatnya mutu pelayanan kesehatan primer", "Persentase puskesmas terakreditasi paripurna", "60 %",
         "Meningkatnya mutu pelayanan kesehatan primer melalui pendekatan keluarga",
         [("kuantitas", "Indeks Keluarga Sehat (IKS) kabupaten", 0.5, "indeks", "penerima_layanan"),
          ("kualitas", "Persentase puskesmas terakreditasi paripurna", 60, "%", "proses_bisnis"),
          ("waktu", "Ketepatan waktu laporan kinerja puskesmas", 12, "bulan", "penguatan_internal")]),
    ],
    "pendidikan": [
        ("DISDIK-1", "Meningkatnya mutu pendidikan dasar", "Persentase satuan pendidikan dengan rapor mutu baik", "60 %",
         "Meningkatnya mutu pembelajaran pada satuan pendidikan dasar",
         [("kuantitas", "Persentase satuan pendidikan dasar dengan capaian literasi baik", 60, "%", "penerima_layanan"),
          ("kualitas", "Persentase guru yang mengikuti pengembangan kompetensi", 80, "%", "penguatan_internal"),
          ("biaya", "Persentase realisasi dana BOSP sesuai juknis", 98, "%", "anggaran")]),
        ("DISDIK-2", "Meningkatnya akses pendidikan dasar", "Angka Partisipasi Murni SD/SMP", "99 % / 85 %",
         "Meningkatnya akses dan pemerataan layanan pendidikan dasar",
         [("kuantitas", "Angka Partisipasi Murni SD", 99, "%", "penerima_layanan"),
          ("kualitas", "Persentase ruang kelas dalam kondisi baik", 85, "%", "proses_bisnis")]),
    ],
    "pupr": [
        ("PUPR-1", "Meningkatnya kemantapan jalan kabupaten dan jalan desa", "Persentase jalan kabupaten mantap", "78 %",
         "Meningkatnya kondisi mantap jalan kabupaten dan jalan desa",
         [("kuantitas", "Panjang jalan yang direhabilitasi", 35, "km", "penerima_layanan"),
          ("kualitas", "Persentase jalan kabupaten dalam kondisi mantap", 78, "%", "proses_bisnis"),
          ("biaya", "Persentase realisasi fisik dan keuangan kegiatan jalan", 95, "%", "anggaran")]),
        ("PUPR-2", "Meningkatnya layanan jaringan irigasi", "Persentase jaringan irigasi dalam kondisi baik", "70 %",
         "Meningkatnya kinerja jaringan irigasi kewenangan kabupaten",
         [("kuantitas", "Luas layanan irigasi yang terlayani", 4200, "ha", "penerima_layanan"),
          ("kualitas", "Persentase jaringan irigasi kondisi baik", 70, "%", "proses_bisnis")]),
    ],
    "dukcapil": [
        ("DUKCAPIL-1", "Meningkatnya kualitas layanan administrasi kependudukan",
         "Persentase penduduk wajib KTP yang memiliki KTP-el", "98 %",
         "Meningkatnya cakupan dan kecepatan layanan dokumen kependudukan",
         [("kuantitas", "Jumlah dokumen kependudukan yang diterbitkan", 60000, "dokumen", "penerima_layanan"),
          ("kualitas", "Persentase kepemilikan akta kelahiran anak 0–18 tahun", 95, "%", "penerima_layanan"),
          ("waktu", "Rata-rata waktu penyelesaian dokumen", 1, "hari kerja", "proses_bisnis")]),
    ],
}
GENERIC_OPD = [
    ("{k}-1", "Meningkatnya kinerja pelayanan {nama}", "Indeks Kepuasan Masyarakat atas layanan {singkatan}", "85",
     "Meningkatnya kualitas layanan {nama}",
     [("kuantitas", "Jumlah layanan utama yang diselesaikan sesuai standar", (1200, 6000), "layanan", "penerima_layanan"),
      ("kualitas", "Indeks Kepuasan Masyarakat atas layanan {singkatan}", 85, "indeks", "penerima_layanan"),
      ("biaya", "Persentase realisasi anggaran", 95, "%", "anggaran")]),
    ("{k}-2", "Meningkatnya akuntabilitas kinerja {singkatan}", "Nilai SAKIP perangkat daerah", "BB",
     "Meningkatnya akuntabilitas dan tata kelola {singkatan}",
     [("kuantitas", "Jumlah dokumen perencanaan dan laporan kinerja yang ditetapkan", 6, "dokumen", "penguatan_internal"),
      ("kualitas", "Nilai evaluasi SAKIP perangkat daerah", 72, "nilai", "proses_bisnis"),
      ("waktu", "Ketepatan waktu penyampaian laporan kinerja", 12, "bulan", "penguatan_internal")]),
]

# RHK templates for non-JPT positions: (rhk text, program key or None, [indicators]). `{unit}` is the unit name.
T = {
    # --- health: puskesmas and Dinas Kesehatan
    "Kepala UPT Puskesmas": [
        ("Meningkatnya cakupan imunisasi dasar lengkap di wilayah kerja {unit}", "imunisasi",
         [("kuantitas", "Persentase bayi yang mendapat imunisasi dasar lengkap", 95, "%"),
          ("kualitas", "Persentase posyandu yang melapor tepat waktu", 100, "%"),
          ("waktu", "Ketepatan waktu laporan imunisasi bulanan", 12, "bulan")]),
        ("Terlaksananya kunjungan rumah keluarga sehat di wilayah kerja {unit}", "homevisit",
         [("kuantitas", "Jumlah keluarga yang dikunjungi", (800, 1600), "keluarga"),
          ("kualitas", "Indeks Keluarga Sehat wilayah kerja", 0.5, "indeks")]),
        ("Meningkatnya mutu pelayanan {unit}", None,
         [("kuantitas", "Indeks Kepuasan Masyarakat atas layanan puskesmas", 85, "indeks"),
          ("kualitas", "Persentase standar akreditasi yang terpenuhi", 90, "%")]),
    ],
    "Perawat": [
        ("Terlaksananya kunjungan rumah (home visit) pasien hipertensi dan diabetes melitus", "homevisit",
         [("kuantitas", "Jumlah kunjungan rumah yang dilaksanakan", (96, 144), "kunjungan"),
          ("kualitas", "Persentase kunjungan yang terdokumentasi sesuai SOP", 100, "%"),
          ("waktu", "Ketepatan waktu laporan kunjungan bulanan", 12, "bulan")]),
        ("Terlaksananya asuhan keperawatan pasien rawat jalan", None,
         [("kuantitas", "Jumlah pasien yang mendapat asuhan keperawatan", (1200, 2000), "pasien"),
          ("kualitas", "Persentase asuhan keperawatan yang terdokumentasi lengkap", 100, "%")]),
    ],
    "Bidan": [
        ("Terlaksananya imunisasi dasar lengkap bagi bayi di posyandu binaan", "imunisasi",
         [("kuantitas", "Jumlah bayi yang mendapat imunisasi dasar lengkap", (40, 80), "bayi"),
          ("kualitas", "Persentase imunisasi yang dicatat di aplikasi ASIK", 100, "%"),
          ("waktu", "Pelaksanaan posyandu sesuai jadwal", 12, "bulan")]),
        ("Terlaksananya pemeriksaan kehamilan terpadu (ANC) di wilayah binaan", "ibuhamil",
         [("kuantitas", "Jumlah ibu hamil yang mendapat pemeriksaan K6", (50, 90), "orang"),
          ("kualitas", "Persentase ibu hamil risiko tinggi yang dirujuk tepat waktu", 100, "%")]),
    ],
    "Dokter": [
        ("Terlaksananya pelayanan medis pasien rawat jalan", None,
         [("kuantitas", "Jumlah pasien yang dilayani", (2500, 4000), "pasien"),
          ("kualitas", "Persentase diagnosis dan terapi sesuai standar pelayanan", 100, "%")]),
        ("Terlaksananya skrining penyakit tidak menular", "homevisit",
         [("kuantitas", "Jumlah penduduk usia 15 tahun ke atas yang diskrining", (600, 1200), "orang")]),
    ],
    "Sanitarian": [
        ("Terlaksananya inspeksi kesehatan lingkungan", None,
         [("kuantitas", "Jumlah sarana air minum dan tempat umum yang diperiksa", (40, 80), "sarana"),
          ("kualitas", "Persentase temuan yang ditindaklanjuti", 90, "%")]),
    ],
    "Nutrisionis": [
        ("Terlaksananya pemantauan status gizi balita", "gizi",
         [("kuantitas", "Jumlah balita yang ditimbang dan dipantau", (300, 600), "balita"),
          ("kualitas", "Persentase balita gizi kurang yang mendapat makanan tambahan", 100, "%")]),
    ],
    "Pranata Laboratorium Kesehatan": [
        ("Terlaksananya pemeriksaan laboratorium kesehatan", None,
         [("kuantitas", "Jumlah sampel yang diperiksa", (1500, 3000), "sampel"),
          ("kualitas", "Persentase hasil pemeriksaan tanpa pengulangan", 98, "%")]),
    ],
    "Epidemiolog Kesehatan": [
        ("Tersedianya data surveilans penyakit yang dapat dicegah dengan imunisasi", "imunisasi",
         [("kuantitas", "Jumlah laporan surveilans mingguan", 52, "laporan"),
          ("waktu", "Ketepatan waktu laporan", 52, "minggu")]),
    ],
    "Penyuluh Kesehatan Masyarakat": [
        ("Terlaksananya promosi kesehatan dan pemberdayaan masyarakat", "homevisit",
         [("kuantitas", "Jumlah kegiatan penyuluhan kesehatan", (24, 48), "kegiatan")]),
    ],
    "Administrator Kesehatan": [
        ("Tersusunnya dokumen perencanaan dan evaluasi program kesehatan", None,
         [("kuantitas", "Jumlah dokumen perencanaan dan evaluasi yang disusun", (6, 12), "dokumen"),
          ("waktu", "Ketepatan waktu penyusunan", 12, "bulan")]),
    ],
    # --- roads and irrigation
    "Teknik Jalan dan Jembatan": [
        ("Terlaksananya pengawasan teknis rehabilitasi jalan desa", "jalan",
         [("kuantitas", "Panjang jalan desa yang direhabilitasi sesuai spesifikasi", (3, 6), "km"),
          ("kualitas", "Persentase pekerjaan yang sesuai spesifikasi teknis", 100, "%"),
          ("biaya", "Nilai pekerjaan yang diawasi", (900000000, 1800000000), "rupiah")]),
        ("Tersusunnya perencanaan teknis jalan dan jembatan", None,
         [("kuantitas", "Jumlah dokumen DED yang disusun", (2, 5), "dokumen")]),
    ],
    "Teknik Pengairan": [
        ("Terpeliharanya jaringan irigasi kewenangan kabupaten", "irigasi",
         [("kuantitas", "Panjang saluran irigasi yang dipelihara", (8, 15), "km"),
          ("kualitas", "Persentase saluran berfungsi baik", 90, "%")]),
    ],
    "Pengawas Lapangan": [
        ("Terlaksananya pengawasan lapangan pekerjaan jalan", "jalan",
         [("kuantitas", "Jumlah laporan harian pengawasan lapangan", (180, 220), "laporan"),
          ("kualitas", "Persentase temuan lapangan yang dilaporkan dengan foto", 100, "%")]),
    ],
    "Penata Ruang": [
        ("Tersusunnya rekomendasi kesesuaian pemanfaatan ruang", None,
         [("kuantitas", "Jumlah rekomendasi yang diterbitkan", (40, 90), "rekomendasi")]),
    ],
    # --- population administration
    "Administrator Database Kependudukan": [
        ("Terjaganya kualitas database kependudukan", "ktp",
         [("kuantitas", "Jumlah data ganda dan anomali yang diselesaikan", (200, 400), "data"),
          ("kualitas", "Persentase data kependudukan yang valid", 99, "%")]),
    ],
    "Operator Layanan Operasional": [
        ("Terlayaninya penerbitan dokumen kependudukan (KTP-el, KK dan akta)", "ktp",
         [("kuantitas", "Jumlah dokumen kependudukan yang diterbitkan", (3600, 6000), "dokumen"),
          ("kualitas", "Persentase dokumen terbit tanpa kesalahan data", 99, "%"),
          ("waktu", "Rata-rata waktu penyelesaian layanan", 1, "hari kerja")]),
    ],
    # --- schools
    "Kepala SD Negeri": [
        ("Meningkatnya mutu pembelajaran di {unit}", "sd",
         [("kuantitas", "Persentase peserta didik yang mencapai kompetensi minimum literasi", 75, "%"),
          ("kualitas", "Persentase guru yang menerapkan pembelajaran berdiferensiasi", 80, "%")]),
        ("Terlaksananya supervisi akademik guru di {unit}", "sd",
         [("kuantitas", "Jumlah guru yang disupervisi", (6, 14), "orang"),
          ("waktu", "Supervisi sesuai jadwal semester", 2, "semester")]),
    ],
    "Kepala SMP Negeri": [
        ("Meningkatnya mutu pembelajaran di {unit}", "smp",
         [("kuantitas", "Persentase peserta didik yang mencapai kompetensi minimum numerasi", 70, "%"),
          ("kualitas", "Persentase guru yang menerapkan pembelajaran berdiferensiasi", 80, "%")]),
    ],
    "Guru Kelas": [
        ("Terlaksananya pembelajaran yang berpusat pada peserta didik", "sd",
         [("kuantitas", "Jumlah modul ajar yang disusun dan dilaksanakan", (30, 40), "modul"),
          ("kualitas", "Persentase peserta didik yang tuntas KKTP", 85, "%"),
          ("waktu", "Pembelajaran sesuai kalender pendidikan", 2, "semester")]),
        ("Terlaksananya asesmen dan laporan hasil belajar peserta didik", "sd",
         [("kuantitas", "Jumlah rapor peserta didik yang diselesaikan", (24, 32), "rapor")]),
    ],
    "Guru Mata Pelajaran": [
        ("Terlaksananya pembelajaran mata pelajaran yang berpusat pada peserta didik", "smp",
         [("kuantitas", "Jumlah jam tatap muka per minggu", 24, "jam"),
          ("kualitas", "Persentase peserta didik yang tuntas KKTP", 85, "%")]),
    ],
    # --- general positions
    "Pengadministrasi Perkantoran": [
        ("Terkelolanya administrasi persuratan dan kearsipan {unit}", None,
         [("kuantitas", "Jumlah surat masuk dan keluar yang diadministrasikan", (400, 900), "surat"),
          ("waktu", "Surat diagendakan pada hari diterima", 12, "bulan")]),
    ],
    "Penata Layanan Operasional": [
        ("Terlayaninya permohonan layanan pada {unit}", None,
         [("kuantitas", "Jumlah permohonan layanan yang diselesaikan", (240, 900), "layanan"),
          ("kualitas", "Persentase layanan selesai sesuai standar pelayanan", 95, "%")]),
    ],
    "Pengolah Data dan Informasi": [
        ("Tersedianya data dan informasi kinerja {unit}", None,
         [("kuantitas", "Jumlah laporan data yang dimutakhirkan", 12, "laporan")]),
    ],
    "Analis Kebijakan": [
        ("Tersusunnya rekomendasi kebijakan", None,
         [("kuantitas", "Jumlah kajian/rekomendasi kebijakan yang disampaikan", (3, 6), "dokumen")]),
    ],
    "Arsiparis": [
        ("Terkelolanya arsip dinamis dan statis {unit}", None,
         [("kuantitas", "Jumlah berkas arsip yang ditata", (600, 1200), "berkas")]),
    ],
    "Auditor": [
        ("Terlaksananya audit kinerja dan reviu perangkat daerah", None,
         [("kuantitas", "Jumlah laporan hasil audit/reviu", (6, 12), "laporan"),
          ("kualitas", "Persentase rekomendasi yang ditindaklanjuti", 80, "%")]),
    ],
    "Polisi Pamong Praja": [
        ("Terlaksananya penegakan peraturan daerah dan ketertiban umum", None,
         [("kuantitas", "Jumlah kegiatan patroli dan penertiban", (96, 160), "kegiatan"),
          ("kualitas", "Persentase pengaduan ketertiban yang ditindaklanjuti", 100, "%")]),
    ],
    "Penyuluh Pertanian": [
        ("Terlaksananya penyuluhan pertanian kepada kelompok tani binaan", None,
         [("kuantitas", "Jumlah kelompok tani yang dibina", (8, 16), "kelompok"),
          ("kualitas", "Persentase kelompok tani yang menerapkan teknologi anjuran", 70, "%")]),
    ],
    "Pekerja Sosial": [
        ("Terlaksananya pendampingan penerima bantuan sosial", None,
         [("kuantitas", "Jumlah keluarga penerima manfaat yang didampingi", (150, 300), "keluarga")]),
    ],
    "Penyuluh Keluarga Berencana": [
        ("Terlaksananya penyuluhan dan pelayanan KB di desa binaan", None,
         [("kuantitas", "Jumlah peserta KB aktif baru", (60, 120), "orang")]),
    ],
    "Pranata Komputer": [
        ("Terpeliharanya aplikasi dan jaringan pemerintah daerah", None,
         [("kuantitas", "Jumlah gangguan layanan TIK yang diselesaikan", (80, 160), "tiket"),
          ("waktu", "Rata-rata waktu penyelesaian gangguan", 1, "hari kerja")]),
    ],
    "Analis Sumber Daya Manusia Aparatur": [
        ("Terkelolanya penilaian kinerja ASN", None,
         [("kuantitas", "Jumlah SKP perangkat daerah yang diverifikasi", (200, 500), "SKP"),
          ("waktu", "Verifikasi selesai sebelum batas penetapan SKP", 1, "bulan")]),
    ],
    "Perencana": [
        ("Tersusunnya dokumen perencanaan pembangunan daerah", None,
         [("kuantitas", "Jumlah dokumen perencanaan yang disusun", (3, 6), "dokumen")]),
    ],
}
# Leaders without a specific template: (rhk text, indicators) by position family; {unit} is their unit.
T_ADMINISTRATOR = [
    ("Terlaksananya program dan kegiatan {unit} sesuai rencana kinerja",
     [("kuantitas", "Persentase kegiatan yang terlaksana sesuai rencana", 95, "%"),
      ("biaya", "Persentase realisasi anggaran {unit}", 95, "%")]),
    ("Meningkatnya kualitas layanan {unit}",
     [("kualitas", "Indeks kepuasan pengguna layanan {unit}", 85, "indeks"),
      ("waktu", "Ketepatan waktu laporan kinerja triwulanan", 4, "laporan")]),
]
T_PENGAWAS = [
    ("Terselenggaranya kegiatan {unit} tepat waktu",
     [("kuantitas", "Jumlah kegiatan yang diselesaikan", (8, 20), "kegiatan"),
      ("waktu", "Ketepatan waktu pelaksanaan kegiatan", 12, "bulan")]),
    ("Tersusunnya laporan kinerja {unit}",
     [("kuantitas", "Jumlah laporan kinerja yang disusun", 4, "laporan")]),
]
T_STAF = [
    ("Terselesaikannya tugas teknis pada {unit}",
     [("kuantitas", "Jumlah tugas/produk kerja yang diselesaikan", (100, 300), "produk"),
      ("kualitas", "Persentase produk kerja yang diterima tanpa perbaikan", 90, "%")]),
]
TAMBAHAN = [
    ("Terlaksananya tugas sebagai anggota tim penyusun laporan kinerja (LKjIP)",
     [("kuantitas", "Jumlah bahan laporan kinerja yang disusun", 4, "dokumen")]),
    ("Terlaksananya tugas sebagai pengelola barang milik daerah unit kerja",
     [("kuantitas", "Jumlah laporan inventaris barang yang disusun", 2, "laporan")]),
    ("Terlaksananya tugas sebagai agen perubahan reformasi birokrasi",
     [("kuantitas", "Jumlah inovasi layanan yang diusulkan", 1, "inovasi")]),
]

EKSPEKTASI_CONTOH = {
    "berorientasi_pelayanan": "Melayani warga dengan ramah dan tuntas; keluhan ditindaklanjuti paling lambat 1 hari kerja.",
    "akuntabel": "Melaporkan hasil kerja harian dengan bukti dukung yang benar dan tepat waktu.",
    "kompeten": "Mengikuti minimal 20 jam pelajaran pengembangan kompetensi dan berbagi ilmunya kepada rekan kerja.",
    "harmonis": "Menjaga suasana kerja yang saling menghargai dan siap membantu rekan satu tim.",
    "loyal": "Menjaga kerahasiaan data pasien/warga dan nama baik instansi di media sosial.",
    "adaptif": "Aktif mencoba cara kerja baru, termasuk pelaporan melalui aplikasi Kinerja.",
    "kolaboratif": "Bekerja sama dengan kader, perangkat desa dan lintas sektor untuk mencapai target bersama.",
}

CATATAN_PENGEMBALIAN = [
    "Target kuantitas belum sesuai dengan sasaran unit; sesuaikan dengan data tahun lalu.",
    "Indikator kualitas perlu satuan yang terukur (mis. persentase).",
    "RHK ini belum menggambarkan hasil; rumuskan sebagai hasil kerja, bukan kegiatan.",
]

# Program registry: (key, jenis, kode, nama, opd kode, parent key, lokasi, (lat, lon), anggaran, description)
DESA_KECAMATAN = [("Sukamaju", "Sukamaju"), ("Mekarsari", "Lembah Hijau"), ("Sidomulyo", "Sungai Rawa"),
                  ("Karang Anyar", "Tanjung Batu"), ("Tanjung Harapan", "Air Jernih"), ("Suka Damai", "Padang Luas")]
BASE_LAT, BASE_LON = -1.6015, 103.6131  # the demo regency sits in central Sumatra

PROGRAM = [
    ("p_dinkes", "program", "1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
     "DINKES", None, "", None, 18500000000, ""),
    ("imunisasi", "kegiatan", "1.02.02.2.02.0011", "Imunisasi Dasar Lengkap", "DINKES", "p_dinkes",
     "Seluruh puskesmas", None, 1250000000, "Imunisasi dasar lengkap bagi bayi 0–11 bulan melalui posyandu dan puskesmas."),
    ("homevisit", "kegiatan", "1.02.02.2.02.0020", "Kunjungan Rumah Keluarga Sehat (PIS-PK)", "DINKES", "p_dinkes",
     "Seluruh puskesmas", None, 850000000, "Kunjungan rumah untuk pendataan keluarga sehat dan pendampingan pasien "
     "hipertensi dan diabetes."),
    ("ibuhamil", "kegiatan", "1.02.02.2.02.0003", "Pelayanan Kesehatan Ibu Hamil", "DINKES", "p_dinkes",
     "Seluruh puskesmas", None, 640000000, ""),
    ("gizi", "kegiatan", "1.02.02.2.02.0034", "Pemantauan Status Gizi dan Pencegahan Stunting", "DINKES", "p_dinkes",
     "Desa lokus stunting", None, 980000000, ""),
    ("rehab_pusk", "proyek", "1.02.02.2.01.0009", "Rehabilitasi Gedung UPT Puskesmas Lembah Hijau", "DINKES",
     "p_dinkes", "Kecamatan Lembah Hijau", (0.0312, -0.0405), 1480000000, "Rehabilitasi ruang rawat jalan dan "
     "laboratorium."),
    ("p_jalan", "program", "1.03.10", "Program Penyelenggaraan Jalan", "PUPR", None, "", None, 42000000000, ""),
    ("k_rehab_jalan", "kegiatan", "1.03.10.2.01", "Rehabilitasi Jalan", "PUPR", "p_jalan", "", None, 26500000000, ""),
    ("p_irigasi", "program", "1.03.03", "Program Pengelolaan dan Pengembangan Sistem Irigasi", "PUPR", None, "", None,
     7800000000, ""),
    ("irigasi", "proyek", "1.03.03.2.01.0005", "Rehabilitasi Daerah Irigasi Air Jernih", "PUPR", "p_irigasi",
     "Kecamatan Air Jernih", (-0.0520, 0.0610), 3150000000, "Rehabilitasi saluran sekunder 6,2 km."),
    ("p_adminduk", "program", "2.12.02", "Program Pendaftaran Penduduk", "DISDUKCAPIL", None, "", None, 2400000000, ""),
    ("ktp", "kegiatan", "2.12.02.2.01", "Pelayanan Penerbitan KTP-el dan Kartu Keluarga", "DISDUKCAPIL", "p_adminduk",
     "Kantor Disdukcapil dan kecamatan", None, 1150000000, ""),
    ("p_capil", "program", "2.12.03", "Program Pencatatan Sipil", "DISDUKCAPIL", None, "", None, 900000000, ""),
    ("akta", "kegiatan", "2.12.03.2.01", "Penerbitan Akta Kelahiran dan Akta Kematian", "DISDUKCAPIL", "p_capil",
     "Kantor Disdukcapil", None, 520000000, ""),
    ("jemput_bola", "proyek", "2.12.02.2.01.0004", "Layanan Jemput Bola Adminduk Kecamatan Air Jernih", "DISDUKCAPIL",
     "p_adminduk", "Kecamatan Air Jernih", (-0.0490, 0.0580), 185000000, "Perekaman KTP-el dan penerbitan KK di "
     "kantor desa."),
    ("p_pendidikan", "program", "1.01.02", "Program Pengelolaan Pendidikan", "DISDIKBUD", None, "", None,
     96000000000, ""),
    ("sd", "kegiatan", "1.01.02.2.01", "Pengelolaan Pendidikan Sekolah Dasar", "DISDIKBUD", "p_pendidikan", "", None,
     61000000000, "Termasuk dana BOSP sekolah dasar."),
    ("smp", "kegiatan", "1.01.02.2.02", "Pengelolaan Pendidikan Sekolah Menengah Pertama", "DISDIKBUD", "p_pendidikan",
     "", None, 29000000000, ""),
    ("rehab_sd", "proyek", "1.01.02.2.01.0017", "Rehabilitasi Ruang Kelas SD Negeri 1 Sukamaju", "DISDIKBUD", "sd",
     "Desa Sukamaju, Kecamatan Sukamaju", (0.0110, 0.0095), 640000000, "Rehabilitasi 4 ruang kelas dan sanitasi."),
    ("p_sampah", "program", "2.11.03", "Program Pengelolaan Persampahan", "DLH", None, "", None, 5200000000, ""),
    ("tps3r", "proyek", "2.11.03.2.01.0002", "Pembangunan TPS3R Desa Mekarsari", "DLH", "p_sampah",
     "Desa Mekarsari, Kecamatan Lembah Hijau", (0.0290, -0.0360), 720000000, ""),
]
# Road projects: one "Rehabilitasi Jalan Desa …" per village (jalan = the kegiatan key the RHK link to).
JALAN_KM = [4.2, 3.5, 5.1, 2.8, 6.0, 3.9]
