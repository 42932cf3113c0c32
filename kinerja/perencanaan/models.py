"""Performance planning: periods, organisation targets, programs/projects, the SKP with its cascaded RHK,
indicators and the leader's behavioural expectations (PermenPANRB 6/2022, REFERENCE.md §1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TenantModel
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.perencanaan import rules


class Kadensi(models.TextChoices):
    BULANAN = "bulanan", _("Bulanan")
    TRIWULANAN = "triwulanan", _("Triwulanan")


class StatusPeriode(models.TextChoices):
    PERENCANAAN = "perencanaan", _("Perencanaan")
    BERJALAN = "berjalan", _("Berjalan")
    EVALUASI = "evaluasi", _("Evaluasi")
    DITUTUP = "ditutup", _("Ditutup")


class PeriodeKinerja(TenantModel):
    """The performance year of an instansi, its evaluation cadence (an instansi policy) and its key dates.
    Services check its state: SKP are written in `perencanaan`, reported on in `berjalan`, rated in `evaluasi`,
    and nothing changes once `ditutup`."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nama = models.CharField(_("nama"), max_length=100)
    kadensi = models.CharField(_("kadensi evaluasi"), max_length=12, choices=Kadensi.choices,
                               default=Kadensi.TRIWULANAN)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    batas_skp = models.DateField(_("batas penetapan SKP"))
    batas_evaluasi_tahunan = models.DateField(_("batas evaluasi tahunan"))
    status = models.CharField(_("status"), max_length=12, choices=StatusPeriode.choices,
                              default=StatusPeriode.PERENCANAAN)

    class Meta:
        verbose_name = _("periode kinerja")
        verbose_name_plural = _("periode kinerja")
        ordering = ["-tahun"]
        constraints = [models.UniqueConstraint(fields=["instansi", "tahun"], name="periode_kinerja_unik")]

    def __str__(self) -> str:
        return self.nama


class JadwalEvaluasi(TenantModel):
    """One periodic evaluation window of a period (e.g. Triwulan II), or the final (annual) one."""

    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.CASCADE, related_name="jadwal")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    nama = models.CharField(_("nama"), max_length=60)
    tanggal_mulai = models.DateField(_("awal periode"))
    tanggal_selesai = models.DateField(_("akhir periode"))
    batas_penilaian = models.DateField(_("batas pengisian penilaian"))
    is_final = models.BooleanField(_("periode final (tahunan)"), default=False)

    class Meta:
        verbose_name = _("jadwal evaluasi")
        verbose_name_plural = _("jadwal evaluasi")
        ordering = ["periode", "nomor"]
        constraints = [models.UniqueConstraint(fields=["periode", "nomor"], name="jadwal_evaluasi_unik")]

    def __str__(self) -> str:
        return f"{self.nama} {self.periode.tahun}"


class SumberSasaran(models.TextChoices):
    RPJMD = "rpjmd", _("Sasaran daerah (RPJMD)")
    RENSTRA = "renstra", _("Sasaran strategis OPD (Renstra)")
    PK = "pk", _("Perjanjian Kinerja OPD")


class SasaranOrganisasi(TenantModel):
    """A target of the organisation: a regency target (RPJMD, unit empty) or an OPD's sasaran strategis /
    Perjanjian Kinerja, entered by admin. RHK of JPT hang on these."""

    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.CASCADE, related_name="sasaran_organisasi")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="sasaran_organisasi", verbose_name=_("OPD"))
    induk = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak",
                              verbose_name=_("sasaran daerah yang didukung"))
    kode = models.CharField(_("kode"), max_length=40, blank=True)
    teks = models.CharField(_("sasaran"), max_length=500)
    indikator = models.CharField(_("indikator"), max_length=500, blank=True)
    target = models.CharField(_("target"), max_length=100, blank=True)
    sumber = models.CharField(_("sumber dokumen"), max_length=10, choices=SumberSasaran.choices,
                              default=SumberSasaran.PK)

    class Meta:
        verbose_name = _("sasaran organisasi")
        verbose_name_plural = _("sasaran organisasi")
        ordering = ["periode", "unit_kerja_id", "kode", "pk"]

    def __str__(self) -> str:
        return self.teks


class JenisProgram(models.TextChoices):
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    PROYEK = "proyek", _("Proyek / subkegiatan")


class ProgramKegiatan(TenantModel):
    """A program, kegiatan or proyek (e.g. "Imunisasi Dasar Lengkap", "Rehabilitasi Jalan Desa Sukamaju").
    RHK link to it; daily reports, citizen feedback and best practices refer to it."""

    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisProgram.choices)
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=255)
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="program",
                                   verbose_name=_("unit pelaksana"))
    induk = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak",
                              verbose_name=_("induk"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    lokasi = models.CharField(_("lokasi (desa/kelurahan)"), max_length=200, blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    anggaran = models.DecimalField(_("anggaran (Rp)"), max_digits=16, decimal_places=0, null=True, blank=True)
    tanggal_mulai = models.DateField(_("mulai"), null=True, blank=True)
    tanggal_selesai = models.DateField(_("selesai"), null=True, blank=True)
    penanggung_jawab = models.ForeignKey(Pegawai, on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="program_diampu", verbose_name=_("penanggung jawab"))
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("program / kegiatan / proyek")
        verbose_name_plural = _("program, kegiatan dan proyek")
        ordering = ["tahun", "kode"]
        constraints = [models.UniqueConstraint(fields=["instansi", "tahun", "kode"], name="program_kode_unik")]

    def __str__(self) -> str:
        return self.nama


class JenisSkp(models.TextChoices):
    JPT = "jpt", _("SKP JPT")
    JA_JF = "ja_jf", _("SKP JA/JF")


class Pendekatan(models.TextChoices):
    KUANTITATIF = "kuantitatif", _("Kuantitatif")
    KUALITATIF = "kualitatif", _("Kualitatif")


class StatusSkp(models.TextChoices):
    DRAFT = "draft", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DISETUJUI = "disetujui", _("Disetujui")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")


class SasaranKinerjaPegawai(TenantModel):
    """The SKP of one pegawai for one period (or part of it, after a mid-year move), with a snapshot of their
    position and appraisers as of the record (REFERENCE.md §1.3)."""

    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.PROTECT, related_name="skp")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp")
    jenis = models.CharField(_("jenis SKP"), max_length=6, choices=JenisSkp.choices)
    pendekatan = models.CharField(_("pendekatan"), max_length=12, choices=Pendekatan.choices,
                                  default=Pendekatan.KUANTITATIF)
    status = models.CharField(_("status"), max_length=12, choices=StatusSkp.choices, default=StatusSkp.DRAFT)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    tanggal_mulai = models.DateField(_("berlaku mulai"))
    tanggal_selesai = models.DateField(_("berlaku sampai"))
    aktif = models.BooleanField(_("aktif"), default=True,
                                help_text=_("SKP lama menjadi tidak aktif setelah mutasi di tengah tahun."))
    # snapshot as of the record
    jabatan = models.ForeignKey("organisasi.Jabatan", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("jabatan (saat SKP dibuat)"))
    jabatan_nama = models.CharField(_("jabatan"), max_length=200)
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    unit_kerja_nama = models.CharField(_("unit kerja"), max_length=200)
    pangkat_golongan = models.CharField(_("pangkat/golongan"), max_length=80, blank=True)
    pejabat_penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    pejabat_penilai_snapshot = models.JSONField(_("data pejabat penilai"), default=dict, blank=True)
    atasan_pejabat_penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True,
                                               related_name="+")
    atasan_pejabat_penilai_snapshot = models.JSONField(_("data atasan pejabat penilai"), default=dict, blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")
    catatan = models.TextField(_("catatan pejabat penilai"), blank=True)
    dikembalikan_pada = models.DateTimeField(null=True, blank=True)
    sumber = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="lanjutan",
                               verbose_name=_("disalin dari / lanjutan dari"),
                               help_text=_("SKP tahun lalu yang disalin, atau SKP sebelum pindah jabatan."))

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-periode__tahun", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "periode"], condition=Q(aktif=True),
                                    name="skp_satu_aktif_per_periode"),
            models.CheckConstraint(condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                                   name="skp_tanggal_urut"),
        ]
        indexes = [models.Index(fields=["instansi", "periode", "status"])]

    def __str__(self) -> str:
        return f"SKP {self.periode.tahun} — {self.pegawai.nama_lengkap}"

    @property
    def is_jpt(self) -> bool:
        return self.jenis == JenisSkp.JPT

    @property
    def bisa_diubah(self) -> bool:
        """The owner may edit RHK only while the SKP is a draft or returned (REFERENCE.md §1.3 workflow)."""
        return self.status in (StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN)


class AsalRhk(models.TextChoices):
    MANDIRI = "mandiri", _("Ditulis pegawai")
    DISTRIBUSI = "distribusi", _("Dibagikan atasan")
    SALINAN = "salinan", _("Disalin dari SKP lalu")


class RencanaHasilKerja(TenantModel):
    """An RHK of an SKP. A non-JPT RHK hangs on (intervenes) an RHK of the atasan — the cascade; a JPT RHK hangs on
    a sasaran organisasi."""

    skp = models.ForeignKey(SasaranKinerjaPegawai, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("jenis RHK"), max_length=10, choices=rules.JENIS_RHK, default="utama")
    teks = models.CharField(_("rencana hasil kerja"), max_length=500)
    intervensi = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="turunan", verbose_name=_("RHK atasan yang diintervensi"))
    sasaran_organisasi = models.ForeignKey(SasaranOrganisasi, on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="rhk", verbose_name=_("sasaran organisasi"))
    program = models.ForeignKey(ProgramKegiatan, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="rhk", verbose_name=_("program / kegiatan / proyek"))
    urutan = models.PositiveSmallIntegerField(default=0)
    catatan_pengembalian = models.TextField(_("catatan dari pejabat penilai"), blank=True)
    asal = models.CharField(_("asal"), max_length=12, choices=AsalRhk.choices, default=AsalRhk.MANDIRI)
    disalin_dari = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="salinan",
                                     verbose_name=_("disalin dari RHK"))

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["skp", "jenis", "urutan", "pk"]

    def __str__(self) -> str:
        return self.teks


class IndikatorKinerja(TenantModel):
    """An indikator kinerja individu of an RHK with its target on one aspect (kuantitas, kualitas, waktu, biaya)."""

    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="indikator")
    aspek = models.CharField(_("aspek"), max_length=10, choices=rules.ASPEK)
    teks = models.CharField(_("indikator kinerja individu"), max_length=500)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    satuan = models.CharField(_("satuan"), max_length=60)
    perspektif = models.CharField(_("perspektif (JPT)"), max_length=20, choices=rules.PERSPEKTIF, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["rhk", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target__gt=0), name="indikator_target_positif",
                                   violation_error_message="Target harus lebih dari 0."),
        ]

    def __str__(self) -> str:
        return self.teks


class EkspektasiPerilaku(TenantModel):
    """The Ekspektasi Khusus Pimpinan on one BerAKHLAK value for one SKP (defaults to its panduan perilaku)."""

    skp = models.ForeignKey(SasaranKinerjaPegawai, on_delete=models.CASCADE, related_name="ekspektasi")
    nilai = models.CharField(_("nilai BerAKHLAK"), max_length=30, choices=rules.NILAI_CHOICES)
    ekspektasi = models.TextField(_("ekspektasi khusus pimpinan"))

    class Meta:
        verbose_name = _("ekspektasi khusus pimpinan")
        verbose_name_plural = _("ekspektasi khusus pimpinan")
        ordering = ["skp", "pk"]
        constraints = [models.UniqueConstraint(fields=["skp", "nilai"], name="ekspektasi_unik")]

    def __str__(self) -> str:
        return f"{self.get_nilai_display()}: {self.ekspektasi[:40]}"


class RiwayatSkp(TenantModel):
    """A version of an SKP kept when it is approved or reopened for revision (version history)."""

    skp = models.ForeignKey(SasaranKinerjaPegawai, on_delete=models.CASCADE, related_name="riwayat")
    versi = models.PositiveSmallIntegerField()
    peristiwa = models.CharField(_("peristiwa"), max_length=40)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    isi = models.JSONField(_("isi SKP pada versi ini"))
    alasan = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("riwayat SKP")
        verbose_name_plural = _("riwayat SKP")
        ordering = ["skp", "-created_at"]

    def __str__(self) -> str:
        return f"{self.skp_id} v{self.versi} {self.peristiwa}"
