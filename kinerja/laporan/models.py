"""Daily performance reports (laporan harian): what a pegawai did for an RHK of their SKP, with evidence, reviewed
by their pejabat penilai; plus the instansi's reporting policy, backdating unlocks and sent reminders.

Only `services` write these rows. Realisasi is not stored: it is one grouped query over approved reports
(`selectors.realisasi_skp`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TenantModel, ZonaWaktu
from kinerja.laporan import rules
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
)


class StatusLaporan(models.TextChoices):
    DRAFT = rules.DRAFT, _("Draf")
    DIAJUKAN = rules.DIAJUKAN, _("Diajukan")
    DISETUJUI = rules.DISETUJUI, _("Disetujui")
    PERLU_REVISI = rules.PERLU_REVISI, _("Perlu revisi")


class KebijakanLaporan(TenantModel):
    """The reporting policy of one instansi (backdating window, daily hour cap, reminder hour, review deadline,
    evidence limits), edited by admin BKPSDM; defaults apply while none is saved."""

    batas_mundur_hari_kerja = models.PositiveSmallIntegerField(
        _("batas pengisian mundur (hari kerja)"), default=rules.DEFAULT_BATAS_MUNDUR,
        validators=[MaxValueValidator(30)],
        help_text=_("Laporan boleh diisi paling lambat sekian hari kerja setelah tanggalnya; lewat dari itu atasan "
                    "harus membuka kunci."))
    batas_jam_harian = models.DecimalField(
        _("batas jam kerja per hari"), max_digits=4, decimal_places=2, default=rules.DEFAULT_BATAS_JAM,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Total jam semua laporan pada satu tanggal tidak boleh melebihi angka ini (maksimal 24)."))
    jam_pengingat = models.TimeField(
        _("jam pengingat"), default=rules.DEFAULT_JAM_PENGINGAT,
        help_text=_("Pada hari kerja, pegawai yang belum melapor sampai jam ini (waktu setempat) diingatkan."))
    pengingat_email = models.BooleanField(_("kirim pengingat juga lewat email"), default=False)
    batas_hari_tinjauan = models.PositiveSmallIntegerField(
        _("batas tinjauan atasan (hari kerja)"), default=rules.DEFAULT_BATAS_TINJAUAN,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Atasan diingatkan bila ada laporan yang menunggu tinjauan lebih lama dari ini."))
    maks_ukuran_bukti_mb = models.PositiveSmallIntegerField(
        _("ukuran maksimal bukti dukung (MB)"), default=rules.DEFAULT_MAKS_MB,
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAKS_MB_MUTLAK)])
    maks_bukti_per_laporan = models.PositiveSmallIntegerField(
        _("jumlah bukti dukung per laporan"), default=rules.DEFAULT_MAKS_BUKTI,
        validators=[MinValueValidator(1), MaxValueValidator(20)])

    class Meta:
        verbose_name = _("kebijakan laporan harian")
        verbose_name_plural = _("kebijakan laporan harian")
        constraints = [models.UniqueConstraint(fields=["instansi"], name="kebijakan_laporan_satu_per_instansi")]

    def __str__(self) -> str:
        return f"Kebijakan laporan harian {self.instansi_id}"


class LaporanHarian(TenantModel):
    """One daily report: on `tanggal` (the unit's local date), from `jam_mulai` to `jam_selesai`, the pegawai did
    `uraian` for an RHK (and optionally one of its indicators) of their approved SKP, producing an output."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="laporan_harian")
    tanggal = models.DateField(_("tanggal"))
    jam_mulai = models.TimeField(_("jam mulai"))
    jam_selesai = models.TimeField(_("jam selesai"))
    durasi_menit = models.PositiveSmallIntegerField(_("durasi (menit)"), editable=False)
    skp = models.ForeignKey(SasaranKinerjaPegawai, on_delete=models.PROTECT, related_name="+")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.PROTECT, related_name="laporan_harian",
                            verbose_name=_("RHK"))
    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="laporan_harian", verbose_name=_("indikator"))
    uraian = models.TextField(_("uraian kegiatan"))
    output_jumlah = models.DecimalField(_("jumlah output"), max_digits=12, decimal_places=2)
    output_satuan = models.CharField(_("satuan output"), max_length=60)
    program = models.ForeignKey(ProgramKegiatan, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="laporan_harian", verbose_name=_("program / proyek"))
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=StatusLaporan.choices, default=StatusLaporan.DRAFT)
    idempotency_key = models.UUIDField(_("kunci idempotensi"), null=True, blank=True, editable=False)
    # snapshot of the organisation as of the report
    jabatan_nama = models.CharField(_("jabatan"), max_length=200, blank=True)
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, related_name="+")
    unit_kerja_nama = models.CharField(_("unit kerja"), max_length=200, blank=True)
    zona_waktu = models.CharField(_("zona waktu"), max_length=40, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB)
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("pejabat penilai"))
    # review
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    dibuka_penilai_pada = models.DateTimeField(_("dibuka penilai pada"), null=True, blank=True)
    ditinjau_pada = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    ditinjau_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    jumlah_revisi = models.PositiveSmallIntegerField(_("jumlah revisi"), default=0)

    class Meta:
        verbose_name = _("laporan harian")
        verbose_name_plural = _("laporan harian")
        ordering = ["-tanggal", "-jam_mulai", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "idempotency_key"], condition=Q(idempotency_key__isnull=False),
                                    name="laporan_harian_idempotensi_unik"),
            models.CheckConstraint(condition=Q(jam_selesai__gt=models.F("jam_mulai")), name="laporan_jam_urut",
                                   violation_error_message=rules.MSG_JAM_URUT),
            models.CheckConstraint(condition=Q(output_jumlah__gte=0), name="laporan_output_tidak_negatif",
                                   violation_error_message=rules.MSG_OUTPUT_NEGATIF),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | (Q(latitude__gte=-90) & Q(latitude__lte=90)),
                name="laporan_lintang_sah"),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | (Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="laporan_bujur_sah"),
        ]
        indexes = [
            models.Index(fields=["pegawai", "tanggal"], name="laporan_pegawai_tanggal"),
            models.Index(fields=["penilai", "status", "diajukan_pada"], name="laporan_antrian"),
            # covering: realisasi per indicator (sum of approved outputs in a date range) is read from the index
            # alone, never the report rows (penilaian.selectors.capaian_massal; bench/evaluate.py)
            models.Index(fields=["indikator", "status", "tanggal", "output_jumlah"], name="laporan_realisasi"),
            models.Index(fields=["instansi", "tanggal", "status"], name="laporan_instansi_tanggal"),
        ]

    def __str__(self) -> str:
        return f"Laporan {self.tanggal:%d-%m-%Y} {self.jam_mulai:%H:%M}–{self.jam_selesai:%H:%M}"

    @property
    def durasi_label(self) -> str:
        return rules.durasi_label(self.durasi_menit)

    @property
    def dapat_diubah(self) -> bool:
        return rules.dapat_diubah(self.status)

    @property
    def dapat_dihapus(self) -> bool:
        return self.status == rules.DRAFT

    @property
    def dapat_diajukan(self) -> bool:
        return rules.boleh_pindah(self.status, rules.DIAJUKAN)


def _bukti_path(instance: BuktiDukung, filename: str) -> str:
    today = dt.date.today()  # noqa: DTZ011 - only a storage folder
    return f"laporan/bukti/{instance.instansi_id}/{today:%Y/%m}/{filename}"


class BuktiDukung(TenantModel):
    """A piece of supporting evidence (photo, PDF, Word, Excel) of a daily report, stored under a random name;
    `sha256` of the original bytes lets Pengawasan flag the same file reused across reports."""

    laporan = models.ForeignKey(LaporanHarian, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(_("berkas"), upload_to=_bukti_path, max_length=255)
    thumbnail = models.FileField(_("gambar kecil"), upload_to=_bukti_path, max_length=255, blank=True)
    jenis = models.CharField(_("jenis"), max_length=10)
    mime = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64, db_index=True)
    nama_asli = models.CharField(_("nama berkas"), max_length=120)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["laporan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "idempotency_key"], condition=Q(idempotency_key__isnull=False),
                                    name="bukti_idempotensi_unik"),
        ]

    def __str__(self) -> str:
        return self.nama_asli

    @property
    def is_image(self) -> bool:
        return self.jenis in ("jpeg", "png")


class JenisKomentar(models.TextChoices):
    KOMENTAR = "komentar", _("Komentar")
    REVISI = "revisi", _("Permintaan revisi")
    PERSETUJUAN = "persetujuan", _("Persetujuan")


class KomentarLaporan(TenantModel):
    """A message on a daily report: the atasan's feedback (comment, revision request, approval note) or the
    pegawai's reply — the continuous feedback (umpan balik berkelanjutan) of PermenPANRB 6/2022."""

    laporan = models.ForeignKey(LaporanHarian, on_delete=models.CASCADE, related_name="komentar")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisKomentar.choices, default=JenisKomentar.KOMENTAR)
    isi = models.TextField(_("isi"))

    class Meta:
        verbose_name = _("komentar laporan")
        verbose_name_plural = _("komentar laporan")
        ordering = ["laporan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.isi[:60]


class BukaKunciLaporan(TenantModel):
    """An atasan's permission for a subordinate to report on a date older than the backdating window, valid
    until `berlaku_sampai`."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="buka_kunci_laporan")
    tanggal = models.DateField(_("tanggal yang dibuka"))
    berlaku_sampai = models.DateField(_("berlaku sampai"))
    alasan = models.CharField(_("alasan"), max_length=300)
    dibuka_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("buka kunci laporan")
        verbose_name_plural = _("buka kunci laporan")
        ordering = ["-tanggal"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tanggal"], name="buka_kunci_unik")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tanggal}"


class JenisPengingat(models.TextChoices):
    LAPORAN = "laporan", _("Belum melapor")
    TINJAUAN = "tinjauan", _("Tinjauan tertunda")


class PengingatTerkirim(TenantModel):
    """A reminder round already sent (per instansi, kind, local date and time zone), so the periodic job sends
    each round once."""

    jenis = models.CharField(max_length=10, choices=JenisPengingat.choices)
    tanggal = models.DateField()
    zona_waktu = models.CharField(max_length=40, choices=ZonaWaktu.choices)
    jumlah = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        constraints = [models.UniqueConstraint(fields=["instansi", "jenis", "tanggal", "zona_waktu"],
                                               name="pengingat_sekali")]

    def __str__(self) -> str:
        return f"{self.jenis} {self.tanggal} {self.zona_waktu}"
