"""Citizen participation: service points and projects with a public page, the IKM survey (PermenPANRB 14/2017),
ratings of named ASN, residents' input on projects, complaints with an SP4N-LAPOR!-like lifecycle, public
replies, moderation and the anti-abuse counters.

Every public submission keeps only hashes of the sender's address and device cookie (never the raw values), and
those are erased after the retention period (see `services.retensi_terapkan`). The submission time is
`dikirim_pada` (not `created_at`): it is what periods, SLA clocks and the demo use.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TenantModel
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.partisipasi import rules
from kinerja.perencanaan.models import ProgramKegiatan


class BobotIkm(models.TextChoices):
    """REFERENCE §3.3: the weight of each unsur is 1/9; some instansi write it 0,111 or 0,11."""

    SEPERSEMBILAN = rules.BOBOT_TEPAT, _("Tepat 1/9 (bawaan)")
    NOL_111 = rules.BOBOT_0111, _("0,111")
    NOL_11 = rules.BOBOT_011, _("0,11")


class KebijakanPartisipasi(TenantModel):
    """The instansi's policy for citizen participation: IKM weight, brigading thresholds, SLA and retention."""

    bobot_ikm = models.CharField(_("bobot unsur IKM"), max_length=6, choices=BobotIkm.choices,
                                 default=BobotIkm.SEPERSEMBILAN)
    min_penilaian_independen = models.PositiveSmallIntegerField(
        _("minimal penilaian independen"), default=5,
        help_text=_("Skor seorang petugas baru ditampilkan setelah dinilai oleh sekian perangkat berbeda."))
    bobot_prior = models.PositiveSmallIntegerField(
        _("bobot rata-rata unit (Bayes)"), default=5,
        help_text=_("Skor petugas ditarik ke rata-rata unit seolah ada sekian penilaian bernilai rata-rata unit."))
    ambang_lonjakan = models.PositiveSmallIntegerField(
        _("ambang lonjakan per jam"), default=8,
        help_text=_("Lebih dari sekian penilaian untuk satu sasaran dalam satu jam ditahan untuk ditinjau."))
    sla_verifikasi_hari = models.PositiveSmallIntegerField(_("batas verifikasi (hari kerja)"), default=3)
    sla_tindak_lanjut_hari = models.PositiveSmallIntegerField(_("batas tindak lanjut (hari kerja)"), default=5)
    retensi_identitas_hari = models.PositiveIntegerField(
        _("retensi identitas pelapor (hari)"), default=365,
        help_text=_("Nama dan kontak pelapor dihapus sekian hari setelah pengaduan ditutup."))
    retensi_jejak_hari = models.PositiveIntegerField(
        _("retensi jejak anti-penyalahgunaan (hari)"), default=90,
        help_text=_("Sidik alamat IP dan perangkat dihapus setelah sekian hari."))

    class Meta:
        verbose_name = _("kebijakan partisipasi")
        verbose_name_plural = _("kebijakan partisipasi")
        constraints = [models.UniqueConstraint(fields=["instansi"], name="kebijakan_partisipasi_unik")]

    def __str__(self) -> str:
        return f"Kebijakan partisipasi {self.instansi}"


class JenisTitik(models.TextChoices):
    LAYANAN = "layanan", _("Titik layanan")
    PROYEK = "proyek", _("Proyek")


class TitikLayanan(TenantModel):
    """A place citizens give feedback on, reached by `/p/<kode>/`: a service point (a counter, a puskesmas) or a
    project (`perencanaan.ProgramKegiatan` with jenis proyek)."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="titik_layanan",
                                   verbose_name=_("unit kerja"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisTitik.choices, default=JenisTitik.LAYANAN)
    nama = models.CharField(_("nama"), max_length=200)
    kode = models.SlugField(_("kode pendek"), max_length=24, unique=True,
                            help_text=_("Dipakai di alamat pendek /p/<kode>/ dan kode QR."))
    deskripsi = models.TextField(_("keterangan untuk warga"), blank=True)
    alamat = models.CharField(_("alamat / lokasi"), max_length=255, blank=True)
    program = models.ForeignKey(ProgramKegiatan, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="titik_partisipasi", verbose_name=_("proyek"))
    populasi_per_tahun = models.PositiveIntegerField(
        _("perkiraan penerima layanan per tahun"), default=0,
        help_text=_("Populasi (N) untuk menghitung sampel minimal Krejcie–Morgan."))
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("titik layanan")
        verbose_name_plural = _("titik layanan")
        ordering = ["unit_kerja__path", "nama"]
        constraints = [
            models.CheckConstraint(condition=Q(jenis="layanan") | Q(program__isnull=False),
                                   name="titik_proyek_punya_program",
                                   violation_error_message="Titik proyek harus terhubung ke proyek."),
        ]

    def __str__(self) -> str:
        return self.nama


class PetugasLayanan(TenantModel):
    """A named ASN who serves citizens and opted in to be rated: their name tag carries `/a/<kode>/`."""

    pegawai = models.OneToOneField(Pegawai, on_delete=models.CASCADE, related_name="petugas_layanan",
                                   verbose_name=_("pegawai"))
    kode = models.SlugField(_("kode papan nama"), max_length=24, unique=True)
    sebutan = models.CharField(_("sebutan untuk warga"), max_length=100,
                               help_text=_("Mis. Perawat, Petugas loket KTP-el, Pengawas lapangan."))
    titik = models.ForeignKey(TitikLayanan, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="petugas", verbose_name=_("titik layanan"))
    bersedia_sejak = models.DateTimeField(_("bersedia dinilai sejak"), default=timezone.now)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("petugas layanan")
        verbose_name_plural = _("petugas layanan")
        ordering = ["pegawai__nama"]

    def __str__(self) -> str:
        return f"{self.pegawai.nama_lengkap} ({self.sebutan})"


class StatusModerasi(models.TextChoices):
    TAMPIL = "tampil", _("Tampil")
    DITINJAU = "ditinjau", _("Menunggu tinjauan")
    DISEMBUNYIKAN = "disembunyikan", _("Disembunyikan")


class SumberKiriman(models.TextChoices):
    WEB = "web", _("Halaman publik")
    API = "api", _("API")
    KERTAS = "kertas", _("Kuesioner kertas")
    DEMO = "demo", _("Data demo")


class KirimanPublik(TenantModel):
    """Common fields of a public submission: when, from which (hashed) address and device, and its moderation
    state. Moderators hide with a reason; the original text is never changed."""

    dikirim_pada = models.DateTimeField(_("dikirim pada"), default=timezone.now, db_index=True)
    sumber = models.CharField(_("sumber"), max_length=8, choices=SumberKiriman.choices, default=SumberKiriman.WEB)
    ip_hash = models.CharField(max_length=16, blank=True, db_index=True)
    perangkat_hash = models.CharField(max_length=16, blank=True, db_index=True)
    status = models.CharField(_("status moderasi"), max_length=14, choices=StatusModerasi.choices,
                              default=StatusModerasi.TAMPIL, db_index=True)
    tanda = models.CharField(_("tanda otomatis"), max_length=120, blank=True,
                             help_text=_("Alasan ditahan otomatis: kata kasar, spam, lonjakan, duplikat."))
    alasan_moderasi = models.CharField(_("alasan moderasi"), max_length=300, blank=True)
    dimoderasi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("dimoderasi oleh"))
    dimoderasi_pada = models.DateTimeField(_("dimoderasi pada"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def tanda_list(self) -> list[str]:
        return [t for t in self.tanda.split(",") if t]

    @property
    def tanda_label(self) -> str:
        from kinerja.partisipasi.penyaring import label

        return label(self.tanda)


def _skala(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low,
                                                                                  f"{field}__lte": high}),
                                  name=name)


class ResponSurvei(KirimanPublik):
    """One respondent's answers to the Survei Kepuasan Masyarakat (9 unsur, 1–4) with the optional respondent
    profile of PermenPANRB 14/2017. A blank unsur (paper questionnaires) is stored as NULL and left out of NRR."""

    titik = models.ForeignKey(TitikLayanan, on_delete=models.PROTECT, related_name="respon_survei")
    u1 = models.PositiveSmallIntegerField(null=True, blank=True)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, blank=True,
                                     choices=[("L", _("Laki-laki")), ("P", _("Perempuan"))])
    usia = models.PositiveSmallIntegerField(_("usia"), null=True, blank=True)
    pendidikan = models.CharField(_("pendidikan"), max_length=10, blank=True, choices=rules.PENDIDIKAN)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=12, blank=True, choices=rules.PEKERJAAN)
    jenis_layanan = models.CharField(_("jenis layanan yang diterima"), max_length=120, blank=True)
    saran = models.TextField(_("saran"), blank=True)

    class Meta:
        verbose_name = _("respon survei kepuasan")
        verbose_name_plural = _("respon survei kepuasan")
        ordering = ["-dikirim_pada"]
        indexes = [models.Index(fields=["titik", "dikirim_pada"])]
        constraints = [_skala(f"u{i}", 1, 4, f"respon_survei_u{i}_1_4") for i in range(1, 10)] + [
            _skala("usia", 10, 120, "respon_survei_usia_wajar"),
        ]

    def __str__(self) -> str:
        return f"Survei {self.titik_id} {self.dikirim_pada:%Y-%m-%d}"

    @property
    def nilai(self) -> list[int | None]:
        return [getattr(self, f"u{i}") for i in range(1, 10)]

    @property
    def teks(self) -> str:
        return self.saran


class PenilaianPetugas(KirimanPublik):
    """A citizen's stars (1–5) for a named ASN on four behaviours, with a comment. `unit_kerja` is the pegawai's
    unit when rated (evaluative records snapshot the organisation)."""

    petugas = models.ForeignKey(PetugasLayanan, on_delete=models.PROTECT, related_name="penilaian")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penilaian_warga")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+", null=True)
    titik = models.ForeignKey(TitikLayanan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kesopanan = models.PositiveSmallIntegerField(_("kesopanan"))
    kecepatan = models.PositiveSmallIntegerField(_("kecepatan"))
    kejelasan = models.PositiveSmallIntegerField(_("kejelasan informasi"))
    integritas = models.PositiveSmallIntegerField(_("integritas (tanpa pungutan)"))
    komentar = models.TextField(_("komentar"), blank=True)

    class Meta:
        verbose_name = _("penilaian petugas")
        verbose_name_plural = _("penilaian petugas")
        ordering = ["-dikirim_pada"]
        indexes = [models.Index(fields=["pegawai", "dikirim_pada"]), models.Index(fields=["unit_kerja", "status"])]
        constraints = [_skala(f, 1, 5, f"penilaian_petugas_{f}_1_5")
                       for f in ("kesopanan", "kecepatan", "kejelasan", "integritas")]

    def __str__(self) -> str:
        return f"Penilaian {self.pegawai_id} {self.dikirim_pada:%Y-%m-%d}"

    @property
    def rata_rata(self) -> float:
        return (self.kesopanan + self.kecepatan + self.kejelasan + self.integritas) / 4

    @property
    def teks(self) -> str:
        return self.komentar


class KemajuanProyek(models.TextChoices):
    SESUAI = "sesuai", _("Berjalan sesuai harapan")
    LAMBAT = "lambat", _("Lambat")
    BERHENTI = "berhenti", _("Terhenti / tidak ada kegiatan")
    SELESAI = "selesai", _("Sudah selesai")


class MasukanProyek(KirimanPublik):
    """A resident's input on a project: progress, quality, the conduct of the ASN involved, and a photo."""

    titik = models.ForeignKey(TitikLayanan, on_delete=models.PROTECT, related_name="masukan_proyek")
    kemajuan = models.CharField(_("kemajuan pekerjaan"), max_length=10, choices=KemajuanProyek.choices)
    kualitas = models.PositiveSmallIntegerField(_("kualitas pekerjaan"), null=True, blank=True)
    sikap_petugas = models.PositiveSmallIntegerField(_("sikap petugas"), null=True, blank=True)
    petugas = models.ForeignKey(PetugasLayanan, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="masukan_proyek", verbose_name=_("petugas yang dinilai"))
    komentar = models.TextField(_("komentar"), blank=True)
    foto = models.FileField(_("foto"), upload_to="partisipasi/foto/%Y/%m/", blank=True)
    foto_kecil = models.FileField(upload_to="partisipasi/foto/%Y/%m/", blank=True)
    foto_sha256 = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("masukan proyek")
        verbose_name_plural = _("masukan proyek")
        ordering = ["-dikirim_pada"]
        constraints = [_skala("kualitas", 1, 5, "masukan_kualitas_1_5"),
                       _skala("sikap_petugas", 1, 5, "masukan_sikap_1_5")]

    def __str__(self) -> str:
        return f"Masukan {self.titik_id} {self.dikirim_pada:%Y-%m-%d}"

    @property
    def teks(self) -> str:
        return self.komentar


class StatusPengaduan(models.TextChoices):
    """REFERENCE §4.1 (SP4N-LAPOR!): diterima → diverifikasi → didisposisikan → ditindaklanjuti → selesai;
    ditolak (with a reason) from the first stages."""

    DITERIMA = "diterima", _("Diterima")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DIDISPOSISIKAN = "didisposisikan", _("Didisposisikan")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    SELESAI = "selesai", _("Selesai")
    DITOLAK = "ditolak", _("Ditolak")


STATUS_TERBUKA = (StatusPengaduan.DITERIMA, StatusPengaduan.DIVERIFIKASI, StatusPengaduan.DIDISPOSISIKAN,
                  StatusPengaduan.DITINDAKLANJUTI)
STATUS_DITUTUP = (StatusPengaduan.SELESAI, StatusPengaduan.DITOLAK)


class KategoriPengaduan(models.TextChoices):
    PELAYANAN = "pelayanan", _("Pelayanan lambat atau berbelit")
    PERILAKU = "perilaku", _("Perilaku petugas")
    PUNGUTAN = "pungutan", _("Pungutan liar / gratifikasi")
    SARANA = "sarana", _("Sarana dan prasarana")
    PROYEK = "proyek", _("Pekerjaan proyek")
    LAINNYA = "lainnya", _("Lainnya")


class Pengaduan(TenantModel):
    """A complaint with a ticket code and an SLA on working days (REFERENCE §4.2). The complainant's name and
    contact are optional, never shown to the reported ASN, and erased after the retention period."""

    tiket = models.CharField(_("kode tiket"), max_length=16, unique=True)
    titik = models.ForeignKey(TitikLayanan, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="pengaduan", verbose_name=_("titik layanan"))
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="pengaduan", verbose_name=_("unit penanggung jawab"))
    petugas = models.ForeignKey(PetugasLayanan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    pegawai_dilaporkan = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="pengaduan_tentang", verbose_name=_("pegawai yang dilaporkan"))
    atasan_dilaporkan = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name=_("atasan pegawai (saat dilaporkan)"))
    kategori = models.CharField(_("kategori"), max_length=10, choices=KategoriPengaduan.choices)
    judul = models.CharField(_("judul"), max_length=150)
    uraian = models.TextField(_("uraian"))
    uraian_sidik = models.CharField(max_length=16, blank=True, db_index=True)
    lokasi = models.CharField(_("lokasi kejadian"), max_length=200, blank=True)
    foto = models.FileField(_("foto"), upload_to="partisipasi/pengaduan/%Y/%m/", blank=True)
    foto_kecil = models.FileField(upload_to="partisipasi/pengaduan/%Y/%m/", blank=True)
    anonim = models.BooleanField(_("anonim"), default=True)
    nama_pelapor = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    kontak_pelapor = models.CharField(_("kontak pelapor"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=StatusPengaduan.choices,
                              default=StatusPengaduan.DITERIMA, db_index=True)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), default=timezone.now, db_index=True)
    sumber = models.CharField(max_length=8, choices=SumberKiriman.choices, default=SumberKiriman.WEB)
    ip_hash = models.CharField(max_length=16, blank=True)
    perangkat_hash = models.CharField(max_length=16, blank=True)
    tanda = models.CharField(_("tanda otomatis"), max_length=120, blank=True)
    duplikat_dari = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    tenggat_verifikasi = models.DateField(_("batas verifikasi"))
    tenggat_tindak_lanjut = models.DateField(_("batas tindak lanjut"), null=True, blank=True)
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    didisposisikan_pada = models.DateTimeField(null=True, blank=True)
    ditindaklanjuti_pada = models.DateTimeField(null=True, blank=True)
    ditutup_pada = models.DateTimeField(null=True, blank=True)
    alasan_tolak = models.CharField(_("alasan penolakan"), max_length=300, blank=True)
    eskalasi_verifikasi_pada = models.DateTimeField(null=True, blank=True)
    eskalasi_tindak_lanjut_pada = models.DateTimeField(null=True, blank=True)
    identitas_dihapus_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-dikirim_pada"]
        indexes = [models.Index(fields=["instansi", "status", "tenggat_verifikasi"]),
                   models.Index(fields=["unit_kerja", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(anonim=False) | (Q(nama_pelapor="") & Q(kontak_pelapor="")),
                                   name="pengaduan_anonim_tanpa_identitas",
                                   violation_error_message="Pengaduan anonim tidak menyimpan nama atau kontak."),
            models.CheckConstraint(condition=~Q(status="ditolak") | ~Q(alasan_tolak=""),
                                   name="pengaduan_ditolak_beralasan",
                                   violation_error_message="Penolakan harus disertai alasan."),
        ]

    def __str__(self) -> str:
        return f"{self.tiket} {self.judul}"

    @property
    def terbuka(self) -> bool:
        return self.status in STATUS_TERBUKA

    @property
    def tanda_label(self) -> str:
        from kinerja.partisipasi.penyaring import label

        return label(self.tanda)


class JenisTanggapan(models.TextChoices):
    PELAPOR = "pelapor", _("Pelapor")
    PETUGAS = "petugas", _("Petugas")
    SISTEM = "sistem", _("Sistem")
    CATATAN = "catatan", _("Catatan internal")


class TanggapanPengaduan(TenantModel):
    """One entry on a complaint's timeline: a status change, a response, the citizen's reply or an internal note
    (not public)."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="tanggapan")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisTanggapan.choices)
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    isi = models.TextField(_("isi"))
    status_sebelum = models.CharField(max_length=16, blank=True)
    status_sesudah = models.CharField(max_length=16, blank=True)
    publik = models.BooleanField(_("terlihat oleh pelapor"), default=True)
    dikirim_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tanggapan pengaduan")
        verbose_name_plural = _("tanggapan pengaduan")
        ordering = ["dikirim_pada", "pk"]

    def __str__(self) -> str:
        return f"{self.pengaduan_id} {self.jenis}"


class PengelolaPengaduan(TenantModel):
    """A complaint handler: for one unit and its sub-units (Admin Penghubung), or for the whole instansi when
    `unit_kerja` is empty (Admin Koordinator, who verifies and disposes)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="pengelola_pengaduan")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                   verbose_name=_("unit (kosong: seluruh instansi)"))
    aktif = models.BooleanField(default=True)
    ditunjuk_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                      related_name="+")

    class Meta:
        verbose_name = _("pengelola pengaduan")
        verbose_name_plural = _("pengelola pengaduan")
        constraints = [models.UniqueConstraint(fields=["pegawai", "unit_kerja"], name="pengelola_unik")]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.unit_kerja or 'koordinator'}"


class SebagaiBalasan(models.TextChoices):
    ASN = "asn", _("Petugas yang dinilai")
    UNIT = "unit", _("Unit layanan")


class BalasanPublik(TenantModel):
    """A public answer by the rated ASN or by the unit to one piece of feedback."""

    respon_survei = models.ForeignKey(ResponSurvei, on_delete=models.CASCADE, null=True, blank=True,
                                      related_name="balasan")
    penilaian_petugas = models.ForeignKey(PenilaianPetugas, on_delete=models.CASCADE, null=True, blank=True,
                                          related_name="balasan")
    masukan_proyek = models.ForeignKey(MasukanProyek, on_delete=models.CASCADE, null=True, blank=True,
                                       related_name="balasan")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sebagai = models.CharField(_("sebagai"), max_length=4, choices=SebagaiBalasan.choices)
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    nama_tampil = models.CharField(_("ditampilkan sebagai"), max_length=200)
    isi = models.TextField(_("balasan"))
    dikirim_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("balasan publik")
        verbose_name_plural = _("balasan publik")
        ordering = ["dikirim_pada"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(respon_survei__isnull=False, penilaian_petugas__isnull=True, masukan_proyek__isnull=True)
                           | Q(respon_survei__isnull=True, penilaian_petugas__isnull=False,
                               masukan_proyek__isnull=True)
                           | Q(respon_survei__isnull=True, penilaian_petugas__isnull=True,
                               masukan_proyek__isnull=False)),
                name="balasan_satu_sasaran"),
        ]

    def __str__(self) -> str:
        return f"Balasan {self.nama_tampil}"


class CatatanModerasi(TenantModel):
    """The moderation log: who showed or hid which item, when and why (the item keeps its original text)."""

    jenis_objek = models.CharField(max_length=12)
    objek_id = models.BigIntegerField()
    aksi = models.CharField(max_length=14)
    alasan = models.CharField(max_length=300, blank=True)
    status_sebelum = models.CharField(max_length=14)
    status_sesudah = models.CharField(max_length=14)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("catatan moderasi")
        verbose_name_plural = _("catatan moderasi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["jenis_objek", "objek_id"])]

    def __str__(self) -> str:
        return f"{self.aksi} {self.jenis_objek}#{self.objek_id}"


class PenghitungBatas(models.Model):
    """A shared rate-limit counter (one row per key and time window). It lives in the database so every
    gunicorn process sees the same count without Redis."""

    kunci = models.CharField(max_length=120)
    jendela = models.BigIntegerField()
    jumlah = models.PositiveIntegerField(default=0)
    kedaluwarsa = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("penghitung batas kiriman")
        verbose_name_plural = _("penghitung batas kiriman")
        constraints = [models.UniqueConstraint(fields=["kunci", "jendela"], name="penghitung_batas_unik")]

    def __str__(self) -> str:
        return f"{self.kunci}@{self.jendela}: {self.jumlah}"


class TantanganTerpakai(models.Model):
    """A solved proof-of-work challenge (ALTCHA) or answered question, kept until it expires so it cannot be
    replayed."""

    sidik = models.CharField(max_length=64, unique=True)
    kedaluwarsa = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("tantangan terpakai")
        verbose_name_plural = _("tantangan terpakai")

    def __str__(self) -> str:
        return self.sidik
