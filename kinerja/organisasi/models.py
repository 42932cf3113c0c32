"""Organisation and people: the unit tree, the position tree, pegawai and their postings.

Trees are adjacency lists plus a materialised `path` ("00000001/00000007/") so that a whole subtree is one
indexed prefix query. Only services in `services.py` write these rows; they keep `path` consistent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TenantModel, ZonaWaktu
from kinerja.organisasi import rules

PATH_WIDTH = 8


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_WIDTH}d}/"


class JenisUnit(models.TextChoices):
    SETDA = "setda", _("Sekretariat Daerah")
    SETWAN = "setwan", _("Sekretariat DPRD")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    KECAMATAN = "kecamatan", _("Kecamatan")
    SATPOL = "satpol", _("Satuan Polisi Pamong Praja")
    RSUD = "rsud", _("Rumah Sakit Umum Daerah")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    BAGIAN = "bagian", _("Bagian")
    BIDANG = "bidang", _("Bidang")
    SUBBAGIAN = "subbagian", _("Subbagian")
    SEKSI = "seksi", _("Seksi")
    KELURAHAN = "kelurahan", _("Kelurahan")
    UPT = "upt", _("UPT")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    SEKOLAH = "sekolah", _("Sekolah")


OPD_JENIS = {
    JenisUnit.SETDA, JenisUnit.SETWAN, JenisUnit.INSPEKTORAT, JenisUnit.DINAS, JenisUnit.BADAN,
    JenisUnit.KECAMATAN, JenisUnit.SATPOL, JenisUnit.RSUD,
}


class UnitKerja(TenantModel):
    """A unit of the organisation: an OPD at the top, then bidang/bagian, seksi/subbagian, UPT, puskesmas, school."""

    kode = models.CharField(_("kode unit"), max_length=40)
    nama = models.CharField(_("nama unit"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    jenis = models.CharField(_("jenis unit"), max_length=20, choices=JenisUnit.choices)
    induk = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak", verbose_name=_("unit induk")
    )
    opd = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD"),
        help_text=_("OPD tempat unit ini berada (diisi otomatis)."),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    zona_waktu = models.CharField(_("zona waktu"), max_length=40, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB)
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="unit_kerja_kode_unik"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_opd(self) -> bool:
        return self.induk_id is None


class JenisJabatan(models.TextChoices):
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


STRUKTURAL = {JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}


class JenjangFungsional(models.TextChoices):
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")


class Jabatan(TenantModel):
    """A position in a unit, with its superior position. Structural positions have one holder; a pelaksana or
    fungsional position may be held by several pegawai."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="jabatan",
                                   verbose_name=_("unit kerja"))
    nama = models.CharField(_("nama jabatan"), max_length=200)
    jenis = models.CharField(_("jenis jabatan"), max_length=20, choices=JenisJabatan.choices)
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=JenjangFungsional.choices, blank=True)
    eselon = models.CharField(_("eselon"), max_length=10, blank=True)
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    atasan = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="bawahan",
        verbose_name=_("jabatan atasan"),
    )
    is_kepala_unit = models.BooleanField(_("kepala unit"), default=False,
                                         help_text=_("Jabatan ini memimpin unit kerjanya."))
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenjang="") | Q(jenis="fungsional"),
                name="jabatan_jenjang_hanya_fungsional",
                violation_error_message="Jenjang hanya untuk jabatan fungsional.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_struktural(self) -> bool:
        return self.jenis in STRUKTURAL


class JenisAsn(models.TextChoices):
    PNS = rules.PNS, _("PNS")
    PPPK = rules.PPPK, _("PPPK")


class JenisKelamin(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class StatusPegawai(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    CUTI = "cuti", _("Cuti di luar tanggungan negara")
    PENSIUN = "pensiun", _("Pensiun")
    BERHENTI = "berhenti", _("Berhenti")


class Pegawai(TenantModel):
    """An ASN (PNS or PPPK). The current posting is cached here from `Penempatan`, which holds the history."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="pegawai", verbose_name=_("akun"))
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    jenis_asn = models.CharField(_("jenis ASN"), max_length=4, choices=JenisAsn.choices, default=JenisAsn.PNS)
    nama = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    tmt_asn = models.DateField(_("TMT CPNS/PPPK"), null=True, blank=True)
    golongan = models.CharField(_("golongan"), max_length=6, choices=rules.GOLONGAN_CHOICES, blank=True)
    email = models.EmailField(_("email"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StatusPegawai.choices, default=StatusPegawai.AKTIF)
    # Cache of the open Penempatan, maintained by services.penempatan_create.
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, null=True, blank=True, related_name="pemangku",
                                verbose_name=_("jabatan saat ini"))
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="pegawai", verbose_name=_("unit kerja saat ini"))
    opd = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                            verbose_name=_("OPD saat ini"))

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        indexes = [models.Index(fields=["instansi", "opd"]), models.Index(fields=["instansi", "unit_kerja"])]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        return rules.nama_dengan_gelar(self.gelar_depan, self.nama, self.gelar_belakang)

    @property
    def pangkat(self) -> str:
        return rules.PANGKAT.get(self.golongan, "")

    @property
    def pangkat_golongan(self) -> str:
        if not self.golongan:
            return ""
        return f"{self.pangkat} ({self.golongan})" if self.pangkat else f"Golongan {self.golongan}"


class JenisPenempatan(models.TextChoices):
    PENGANGKATAN = "pengangkatan", _("Pengangkatan")
    MUTASI = "mutasi", _("Mutasi")
    PROMOSI = "promosi", _("Promosi")
    ROTASI = "rotasi", _("Rotasi")
    DEMOSI = "demosi", _("Demosi")
    IMPOR = "impor", _("Impor data")


class Penempatan(TenantModel):
    """A time-bounded posting of a pegawai in a position (the posting history: mutasi, promosi …)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penempatan")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penempatan")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="penempatan")
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisPenempatan.choices)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("penempatan")
        verbose_name_plural = _("riwayat penempatan")
        ordering = ["pegawai", "-tanggal_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"], condition=Q(tanggal_selesai__isnull=True), name="penempatan_satu_aktif",
                violation_error_message="Pegawai hanya boleh punya satu penempatan aktif.",
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                name="penempatan_tanggal_urut",
                violation_error_message="Tanggal selesai tidak boleh sebelum tanggal mulai.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} @ {self.jabatan_id} ({self.tanggal_mulai}–{self.tanggal_selesai or ''})"

    def covers(self, day: dt.date) -> bool:
        return self.tanggal_mulai <= day and (self.tanggal_selesai is None or day <= self.tanggal_selesai)


class JenisPlt(models.TextChoices):
    PLT = "plt", _("Pelaksana Tugas (Plt)")
    PLH = "plh", _("Pelaksana Harian (Plh)")


class PenugasanPlt(TenantModel):
    """An acting head (Plt/Plh): for its term this pegawai acts as the holder of `jabatan` — they become the
    atasan langsung of its subordinates, alongside their own position."""

    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penugasan_plt")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penugasan_plt")
    jenis = models.CharField(_("jenis"), max_length=3, choices=JenisPlt.choices)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    nomor_surat = models.CharField(_("nomor surat perintah"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("penugasan Plt/Plh")
        verbose_name_plural = _("penugasan Plt/Plh")
        ordering = ["-tanggal_mulai"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.jabatan}"


class JenisImpor(models.TextChoices):
    UNIT = "unit", _("Struktur unit kerja")
    PEGAWAI = "pegawai", _("Pegawai")


class StatusImpor(models.TextChoices):
    DIUNGGAH = "diunggah", _("Diunggah")
    DIPERIKSA = "diperiksa", _("Sedang diperiksa")
    SIAP = "siap", _("Siap diterapkan")
    GAGAL_VALIDASI = "gagal_validasi", _("Ada kesalahan")
    MENERAPKAN = "menerapkan", _("Sedang diterapkan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class ImporData(TenantModel):
    """One uploaded import file, its dry-run result (row-level errors) and its apply progress."""

    jenis = models.CharField(_("jenis impor"), max_length=10, choices=JenisImpor.choices)
    berkas = models.FileField(_("berkas"), upload_to="impor/%Y/%m/")
    nama_berkas = models.CharField(_("nama berkas"), max_length=200)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    status = models.CharField(_("status"), max_length=20, choices=StatusImpor.choices, default=StatusImpor.DIUNGGAH)
    total_baris = models.PositiveIntegerField(default=0)
    baris_diproses = models.PositiveIntegerField(default=0)
    ringkasan = models.JSONField(default=dict, blank=True)
    kesalahan = models.JSONField(default=list, blank=True)
    pesan = models.TextField(blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.nama_berkas}"

    @property
    def progres_persen(self) -> int:
        if not self.total_baris:
            return 0
        return min(100, round(100 * self.baris_diproses / self.total_baris))
