"""Supervision (pengawasan): the instansi's thresholds, the aggregate tables the dashboards read, early warnings,
integrity anomalies for Inspektorat, the verification sample, strengths and weaknesses per pegawai, top performers
and best-practice notes.

Pengawasan *pulls*: periodic jobs (tasks.py) read the other apps and fill the `Statistik*`, `CapaianIndikator`,
`ProfilPegawai` and `Teladan` tables; `StatusPengisian` records each job's progress (watermark and cursor) so a
failed run resumes where it stopped (the Zulip analytics pattern, ARCHITECTURE-GUIDE §3 and rule of thumb 8).
Pages read only these tables. Only `services` write user-facing rows; the jobs write the aggregates.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TenantModel
from kinerja.laporan.models import LaporanHarian
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.pengawasan import rules
from kinerja.perencanaan.models import IndikatorKinerja, JadwalEvaluasi, PeriodeKinerja, ProgramKegiatan

_D = rules.AMBANG_DEFAULT


def _hari(default: int, maks: int = 60, minimal: int = 1):
    return {"default": default, "validators": [MinValueValidator(minimal), MaxValueValidator(maks)]}


class KebijakanPengawasan(TenantModel):
    """The thresholds of the early-warning rules and anomaly detectors of one instansi, edited by admin BKPSDM;
    defaults (rules.Ambang) apply while none is saved."""

    # early warnings
    tanpa_laporan_aktif = models.BooleanField(_("peringatan: tidak melapor"), default=True)
    tanpa_laporan_hari = models.PositiveSmallIntegerField(
        _("tidak melapor selama (hari kerja)"), **_hari(_D.tanpa_laporan_hari, 30),
        help_text=_("Pegawai dengan SKP disetujui yang tidak mengirim laporan harian selama sekian hari kerja."))
    indikator_aktif = models.BooleanField(_("peringatan: indikator tertinggal"), default=True)
    indikator_tertinggal_persen = models.PositiveSmallIntegerField(
        _("indikator tertinggal dari jadwal linier lebih dari (%)"), **_hari(_D.indikator_tertinggal_persen, 100),
        help_text=_("Realisasi dibandingkan target yang seharusnya tercapai bila dikerjakan merata sepanjang tahun."))
    tinjauan_aktif = models.BooleanField(_("peringatan: tinjauan atasan tertunda"), default=True)
    tinjauan_tertunda_hari = models.PositiveSmallIntegerField(
        _("laporan menunggu tinjauan lebih dari (hari kerja)"), **_hari(_D.tinjauan_tertunda_hari, 30))
    sla_aktif = models.BooleanField(_("peringatan: pengaduan melewati batas waktu"), default=True)
    ikm_aktif = models.BooleanField(_("peringatan: IKM turun"), default=True)
    ikm_turun_poin = models.PositiveSmallIntegerField(
        _("IKM turun sekurang-kurangnya (poin)"), **_hari(_D.ikm_turun_poin, 50),
        help_text=_("IKM tiga bulan terakhir dibandingkan tiga bulan sebelumnya (skala 25–100)."))
    ikm_min_responden = models.PositiveSmallIntegerField(
        _("minimal responden per pembanding"), **_hari(_D.ikm_min_responden, 1000))
    kurva_aktif = models.BooleanField(_("peringatan: kurva distribusi dilanggar"), default=True)
    evaluasi_aktif = models.BooleanField(_("peringatan: evaluasi belum selesai menjelang batas"), default=True)
    adopsi_aktif = models.BooleanField(_("peringatan: adopsi Kinerja tertinggal"), default=True)
    evaluasi_hari_sebelum_batas = models.PositiveSmallIntegerField(
        _("ingatkan sekian hari sebelum batas penilaian"), **_hari(_D.evaluasi_hari_sebelum_batas, 60))
    ambang_kepatuhan_persen = models.PositiveSmallIntegerField(
        _("unit tertinggal bila kepatuhan laporan di bawah (%)"), **_hari(_D.ambang_kepatuhan_persen, 100))
    # integrity anomalies
    duplikat_kemiripan_persen = models.PositiveSmallIntegerField(
        _("uraian dianggap hampir sama sejak kemiripan (%)"), **_hari(_D.duplikat_kemiripan_persen, 100, 50))
    duplikat_min_kata = models.PositiveSmallIntegerField(
        _("uraian yang diperiksa minimal (kata)"), **_hari(_D.duplikat_min_kata, 100, 3),
        help_text=_("Uraian pendek dan rutin (mis. \"Rapat koordinasi\") tidak diperiksa."))
    duplikat_maks_pegawai = models.PositiveSmallIntegerField(
        _("uraian umum bila dipakai lebih dari (pegawai)"), **_hari(_D.duplikat_maks_pegawai, 500, 2),
        help_text=_("Kalimat yang dipakai banyak pegawai dianggap kalimat baku, bukan salinan."))
    jam_harian_maks = models.PositiveSmallIntegerField(_("jam kerja per hari dianggap tidak wajar di atas"),
                                                       **_hari(_D.jam_harian_maks, 24, 6))
    jam_min_hari = models.PositiveSmallIntegerField(_("ditandai bila terjadi sekurang-kurangnya (hari) sebulan"),
                                                    **_hari(_D.jam_min_hari, 31))
    mundur_min_laporan = models.PositiveSmallIntegerField(
        _("pengisian mundur massal: minimal laporan dalam sehari"), **_hari(_D.mundur_min_laporan, 200, 2))
    mundur_min_hari = models.PositiveSmallIntegerField(
        _("laporan dianggap mundur bila dikirim lebih dari (hari setelah tanggalnya)"), **_hari(_D.mundur_min_hari, 60))
    mundur_hari_sebelum_batas = models.PositiveSmallIntegerField(
        _("dekat batas: sekian hari sebelum batas penilaian"), **_hari(_D.mundur_hari_sebelum_batas, 30, 0))
    kilat_detik = models.PositiveSmallIntegerField(_("persetujuan kilat: jarak antar-persetujuan di bawah (detik)"),
                                                   **_hari(_D.kilat_detik, 600))
    kilat_min_laporan = models.PositiveSmallIntegerField(_("persetujuan kilat: minimal laporan ditinjau sebulan"),
                                                         **_hari(_D.kilat_min_laporan, 1000, 2))
    kilat_porsi_persen = models.PositiveSmallIntegerField(_("persetujuan kilat: porsi persetujuan beruntun (%)"),
                                                          **_hari(_D.kilat_porsi_persen, 100))
    lokasi_jarak_km = models.PositiveSmallIntegerField(_("lokasi laporan jauh bila lebih dari (km)"),
                                                       **_hari(_D.lokasi_jarak_km, 1000))
    sampel_per_minggu = models.PositiveSmallIntegerField(_("jumlah laporan sampel verifikasi per minggu"),
                                                         **_hari(_D.sampel_per_minggu, 500))

    class Meta:
        verbose_name = _("kebijakan pengawasan")
        verbose_name_plural = _("kebijakan pengawasan")
        constraints = [models.UniqueConstraint(fields=["instansi"], name="kebijakan_pengawasan_satu_per_instansi")]

    def __str__(self) -> str:
        return f"Kebijakan pengawasan {self.instansi_id}"

    @property
    def ambang(self) -> rules.Ambang:
        return rules.Ambang(**{f: getattr(self, f) for f in rules.AMBANG_FIELDS})


class StatusJob(models.TextChoices):
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class StatusPengisian(TenantModel):
    """Progress of one aggregate job for one instansi (FillState): the watermark up to which source rows are
    done, a cursor inside a long run, and how the last run ended. A failed run leaves the watermark where it was
    and the cursor at the last finished chunk, so the next run resumes there."""

    kunci = models.CharField(max_length=40)
    watermark = models.DateTimeField(null=True, blank=True)
    kursor = models.BigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=StatusJob.choices, default=StatusJob.SELESAI)
    mulai_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    durasi_detik = models.FloatField(null=True, blank=True)
    diproses = models.PositiveIntegerField(default=0)
    pesan = models.TextField(blank=True)

    class Meta:
        verbose_name = _("status pengisian agregat")
        verbose_name_plural = _("status pengisian agregat")
        constraints = [models.UniqueConstraint(fields=["instansi", "kunci"], name="status_pengisian_unik")]

    def __str__(self) -> str:
        return f"{self.kunci}: {self.status}"


class StatistikPegawai(TenantModel):
    """One pegawai's daily-report figures for one month (`bulan` = its first day), filled by the refresh job."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    bulan = models.DateField()
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, related_name="+")
    opd = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, related_name="+")
    hari_lapor = models.PositiveSmallIntegerField(default=0)
    laporan_diajukan = models.PositiveIntegerField(default=0)
    laporan_disetujui = models.PositiveIntegerField(default=0)
    laporan_revisi = models.PositiveIntegerField(default=0)
    menunggu = models.PositiveIntegerField(default=0)
    menunggu_sejak = models.DateTimeField(null=True, blank=True)
    tinjauan_n = models.PositiveIntegerField(default=0)
    tinjauan_jam = models.FloatField(default=0)
    menit_kerja = models.PositiveIntegerField(default=0)
    terakhir_lapor = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("statistik pegawai bulanan")
        verbose_name_plural = _("statistik pegawai bulanan")
        constraints = [models.UniqueConstraint(fields=["pegawai", "bulan"], name="statistik_pegawai_unik")]
        indexes = [models.Index(fields=["instansi", "bulan", "unit_kerja"], name="statpeg_bulan_unit")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.bulan:%Y-%m}"


class StatistikUnit(TenantModel):
    """Figures of one unit with everything below it (or of the whole regency when `unit` is empty) for one month:
    report compliance, review backlog and time-to-feedback, realisasi against target, IKM, complaints and SLA."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    induk = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    bulan = models.DateField()
    level = models.PositiveSmallIntegerField(default=0)  # 0 = kabupaten, 1 = OPD, 2… below
    path = models.CharField(max_length=255, blank=True, db_index=True)
    nama = models.CharField(max_length=200)
    jumlah_pegawai = models.PositiveIntegerField(default=0)
    wajib_lapor = models.PositiveIntegerField(default=0)
    pegawai_melapor = models.PositiveIntegerField(default=0)
    hari_lapor = models.PositiveIntegerField(default=0)
    laporan_diajukan = models.PositiveIntegerField(default=0)
    laporan_disetujui = models.PositiveIntegerField(default=0)
    laporan_revisi = models.PositiveIntegerField(default=0)
    menunggu = models.PositiveIntegerField(default=0)
    menunggu_sejak = models.DateTimeField(null=True, blank=True)
    tinjauan_n = models.PositiveIntegerField(default=0)
    tinjauan_jam = models.FloatField(default=0)
    menit_kerja = models.BigIntegerField(default=0)
    indikator_n = models.PositiveIntegerField(default=0)
    capaian_total = models.FloatField(default=0)
    jadwal_total = models.FloatField(default=0)
    indikator_tertinggal = models.PositiveIntegerField(default=0)
    ikm_n = models.PositiveIntegerField(default=0)
    ikm_jumlah = models.JSONField(default=list)  # Σ answers per unsur (9)
    ikm_hitung = models.JSONField(default=list)  # filled answers per unsur (9)
    pengaduan_masuk = models.PositiveIntegerField(default=0)
    pengaduan_selesai = models.PositiveIntegerField(default=0)
    pengaduan_terbuka = models.PositiveIntegerField(default=0)
    pengaduan_terlambat = models.PositiveIntegerField(default=0)
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("statistik unit bulanan")
        verbose_name_plural = _("statistik unit bulanan")
        indexes = [models.Index(fields=["instansi", "bulan", "induk"], name="statunit_bulan_induk"),
                   models.Index(fields=["instansi", "unit", "bulan"], name="statunit_unit_bulan")]

    def __str__(self) -> str:
        return f"{self.nama} {self.bulan:%Y-%m}"


class CapaianIndikator(TenantModel):
    """Realisasi (approved daily-report outputs, year to date) of one kuantitas indicator of an active SKP against
    its target and against the linear schedule; `kunci` groups the same indicator across pegawai."""

    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.CASCADE, related_name="+")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(ProgramKegiatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, related_name="+")
    opd = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, related_name="+")
    kunci = models.CharField(max_length=16, db_index=True)
    teks = models.CharField(max_length=500)
    satuan = models.CharField(max_length=60)
    jabatan_nama = models.CharField(max_length=200, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2)
    realisasi = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    jumlah_laporan = models.PositiveIntegerField(default=0)
    capaian_persen = models.FloatField(default=0)
    jadwal_persen = models.FloatField(default=0)  # realisasi / (target × elapsed share of the year)
    diperbarui = models.DateTimeField()

    class Meta:
        verbose_name = _("capaian indikator")
        verbose_name_plural = _("capaian indikator")
        constraints = [models.UniqueConstraint(fields=["indikator"], name="capaian_indikator_unik")]
        indexes = [models.Index(fields=["instansi", "periode", "opd"], name="capaian_periode_opd"),
                   models.Index(fields=["instansi", "periode", "kunci"], name="capaian_periode_kunci"),
                   models.Index(fields=["pegawai", "periode"], name="capaian_pegawai")]

    def __str__(self) -> str:
        return f"{self.teks} ({self.pegawai_id})"


class StatistikPredikat(TenantModel):
    """The predikat distribution of one unit with everything below it (or the regency) for one evaluation window,
    with the distribution-curve violations of the curve groups inside it."""

    jadwal = models.ForeignKey(JadwalEvaluasi, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    path = models.CharField(max_length=255, blank=True)
    jumlah = models.JSONField(default=dict)  # predikat -> count (rated and beyond)
    dinilai = models.PositiveIntegerField(default=0)
    draf = models.PositiveIntegerField(default=0)
    pelanggaran = models.JSONField(default=list)  # [{"unit": id, "nama": …, "pesan": […]}]
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("statistik predikat")
        verbose_name_plural = _("statistik predikat")
        indexes = [models.Index(fields=["instansi", "jadwal", "unit"], name="statpred_jadwal_unit")]

    def __str__(self) -> str:
        return f"{self.jadwal_id} {self.unit_id}"


class StatistikProgram(TenantModel):
    """Realisasi against target of the indicators linked to one program, within one unit subtree (or the whole
    regency when `unit` is empty), as of the last refresh."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    program = models.ForeignKey(ProgramKegiatan, on_delete=models.CASCADE, related_name="+")
    indikator_n = models.PositiveIntegerField(default=0)
    pegawai_n = models.PositiveIntegerField(default=0)
    capaian_total = models.FloatField(default=0)
    jadwal_total = models.FloatField(default=0)
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("statistik program")
        verbose_name_plural = _("statistik program")
        indexes = [models.Index(fields=["instansi", "unit"], name="statprog_unit")]

    def __str__(self) -> str:
        return f"{self.program_id} @ {self.unit_id}"


class JenisPeringatan(models.TextChoices):
    TANPA_LAPORAN = rules.TANPA_LAPORAN, _("Tidak melapor")
    INDIKATOR = rules.INDIKATOR, _("Indikator tertinggal dari jadwal")
    TINJAUAN = rules.TINJAUAN, _("Tinjauan atasan tertunda")
    SLA = rules.SLA, _("Pengaduan melewati batas waktu")
    IKM = rules.IKM, _("IKM turun")
    KURVA = rules.KURVA, _("Kurva distribusi dilanggar")
    EVALUASI = rules.EVALUASI, _("Evaluasi belum selesai menjelang batas")
    ADOPSI = rules.ADOPSI, _("Adopsi Kinerja tertinggal (perlu sosialisasi)")


class StatusPeringatan(models.TextChoices):
    TERBUKA = rules.TERBUKA, _("Terbuka")
    DIAKUI = rules.DIAKUI, _("Diakui")
    SELESAI = rules.SELESAI, _("Selesai")


class Peringatan(TenantModel):
    """An early warning raised by the periodic job for one open condition (`kunci`), with its owner (who must act),
    the acknowledgement, the resolution and, through the audit log, its trail. While it is open the same condition
    never raises a second one; when the condition clears the job resolves it."""

    jenis = models.CharField(_("jenis"), max_length=16, choices=JenisPeringatan.choices)
    kunci = models.CharField(max_length=120)
    status = models.CharField(_("status"), max_length=10, choices=StatusPeringatan.choices,
                              default=StatusPeringatan.TERBUKA)
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("uraian"))
    data = models.JSONField(_("rincian"), default=dict, blank=True)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                verbose_name=_("pegawai terkait"))
    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    path = models.CharField(max_length=255, blank=True, db_index=True)
    pemilik = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("penanggung jawab"))
    terakhir_terdeteksi = models.DateTimeField(_("terakhir terdeteksi"))
    diakui_pada = models.DateTimeField(_("diakui pada"), null=True, blank=True)
    diakui_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    catatan_pengakuan = models.TextField(_("catatan pengakuan"), blank=True)
    diselesaikan_pada = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    diselesaikan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+")
    catatan_penyelesaian = models.TextField(_("catatan penyelesaian"), blank=True)

    class Meta:
        verbose_name = _("peringatan dini")
        verbose_name_plural = _("peringatan dini")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kunci"], condition=~Q(status="selesai"),
                                    name="peringatan_satu_terbuka_per_kondisi"),
        ]
        indexes = [models.Index(fields=["instansi", "status", "jenis"], name="peringatan_status"),
                   models.Index(fields=["pemilik", "status"], name="peringatan_pemilik")]

    def __str__(self) -> str:
        return self.judul

    @property
    def terbuka(self) -> bool:
        return self.status != StatusPeringatan.SELESAI


class JenisAnomali(models.TextChoices):
    DUPLIKAT = rules.DUPLIKAT, _("Uraian hampir sama (disalin)")
    BUKTI = rules.BUKTI, _("Berkas bukti dipakai ulang")
    JAM = rules.JAM, _("Jam kerja tidak wajar")
    MUNDUR = rules.MUNDUR, _("Pengisian mundur massal menjelang batas")
    KILAT = rules.KILAT, _("Persetujuan kilat (tanpa telaah)")
    LOKASI = rules.LOKASI, _("Lokasi laporan jauh dari tempat kerja")


class Anomali(TenantModel):
    """An integrity flag for Inspektorat with the evidence that raised it (`bukti`). One row per condition
    (`kunci`); later findings of the same condition are added to its evidence. Inspektorat answers with its own
    notes (core.CatatanAudit, objek "pengawasan.anomali:<id>")."""

    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisAnomali.choices)
    kunci = models.CharField(max_length=120)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                verbose_name=_("pegawai"))
    unit = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    opd = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    judul = models.CharField(_("judul"), max_length=200)
    ringkasan = models.TextField(_("ringkasan"))
    bukti = models.JSONField(_("bukti"), default=dict)
    skor = models.PositiveSmallIntegerField(_("tingkat"), default=50)
    laporan_ids = models.JSONField(default=list)
    terakhir_terdeteksi = models.DateTimeField()

    class Meta:
        verbose_name = _("anomali integritas")
        verbose_name_plural = _("anomali integritas")
        ordering = ["-skor", "-terakhir_terdeteksi", "-pk"]
        constraints = [models.UniqueConstraint(fields=["instansi", "kunci"], name="anomali_kunci_unik")]
        indexes = [models.Index(fields=["instansi", "jenis"], name="anomali_jenis"),
                   models.Index(fields=["instansi", "opd"], name="anomali_opd")]

    def __str__(self) -> str:
        return self.judul

    @property
    def objek_catatan(self) -> str:
        return f"pengawasan.anomali:{self.pk}"


class SidikUraian(TenantModel):
    """The fingerprint of one daily-report text long enough to compare: its normalised text and three
    bottom-k shingle hashes used as blocking keys, so near-duplicates are found without comparing every pair."""

    laporan = models.OneToOneField(LaporanHarian, on_delete=models.CASCADE, related_name="+")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    tanggal = models.DateField()
    teks = models.CharField(max_length=600)
    k1 = models.BigIntegerField()
    k2 = models.BigIntegerField()
    k3 = models.BigIntegerField()

    class Meta:
        verbose_name = _("sidik uraian")
        verbose_name_plural = _("sidik uraian")
        indexes = [models.Index(fields=["instansi", "k1"], name="sidik_k1"),
                   models.Index(fields=["instansi", "k2"], name="sidik_k2"),
                   models.Index(fields=["instansi", "k3"], name="sidik_k3"),
                   models.Index(fields=["instansi", "tanggal"], name="sidik_tanggal")]

    def __str__(self) -> str:
        return f"Sidik {self.laporan_id}"


class AlasanSampel(models.TextChoices):
    RISIKO = "risiko", _("Terkait anomali")
    ACAK = "acak", _("Acak berlapis per OPD")


class SampelVerifikasi(TenantModel):
    """A daily report drawn for Inspektorat to verify in one week: half from anomalies (risk-based), half at
    random stratified by OPD; deterministic for the instansi and week."""

    minggu = models.DateField(_("minggu (Senin)"))
    laporan = models.ForeignKey(LaporanHarian, on_delete=models.CASCADE, related_name="+")
    alasan = models.CharField(_("alasan terpilih"), max_length=8, choices=AlasanSampel.choices)
    anomali = models.ForeignKey(Anomali, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sampel verifikasi")
        verbose_name_plural = _("sampel verifikasi")
        ordering = ["-minggu", "urutan"]
        constraints = [models.UniqueConstraint(fields=["minggu", "laporan"], name="sampel_unik")]

    def __str__(self) -> str:
        return f"Sampel {self.minggu} #{self.laporan_id}"

    @property
    def objek_catatan(self) -> str:
        return f"laporan.laporanharian:{self.laporan_id}"


class ProfilPegawai(TenantModel):
    """Strengths and weaknesses of one pegawai for a period, compared with peers in comparable positions (same
    position name and jenjang): achievement per indicator and BerAKHLAK ratings by supervisor, peers and
    citizens, with a short Indonesian summary. Filled by the daily job."""

    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.CASCADE, related_name="+")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    kelompok = models.CharField(_("kelompok jabatan sebanding"), max_length=240)
    jumlah_sebanding = models.PositiveIntegerField(default=0)
    dimensi = models.JSONField(default=list)  # [{kode, label, nilai, rata, selisih, sumber}]
    kekuatan = models.JSONField(default=list)  # [kode]
    area = models.JSONField(default=list)  # [kode]
    ringkasan = models.TextField()
    diperbarui = models.DateTimeField()

    class Meta:
        verbose_name = _("profil kekuatan dan area pengembangan")
        verbose_name_plural = _("profil kekuatan dan area pengembangan")
        constraints = [models.UniqueConstraint(fields=["pegawai", "periode"], name="profil_pegawai_unik")]

    def __str__(self) -> str:
        return f"Profil {self.pegawai_id}"


class JenisTeladan(models.TextChoices):
    INDIKATOR = "indikator", _("Indikator")
    PROGRAM = "program", _("Program")


class Teladan(TenantModel):
    """A top performer for one indicator group (the same indicator across pegawai) or one program, ranked by the
    documented method in rules.peringkat_teladan."""

    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=10, choices=JenisTeladan.choices)
    kunci = models.CharField(max_length=40)  # indicator group key, or "program:<id>"
    judul = models.CharField(max_length=500)
    program = models.ForeignKey(ProgramKegiatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, related_name="+")
    peringkat = models.PositiveSmallIntegerField()
    nilai = models.FloatField()  # % of the linear schedule
    median_kelompok = models.FloatField()
    jumlah_kelompok = models.PositiveIntegerField()
    jumlah_laporan = models.PositiveIntegerField(default=0)
    diperbarui = models.DateTimeField()

    class Meta:
        verbose_name = _("teladan kinerja")
        verbose_name_plural = _("teladan kinerja")
        ordering = ["kunci", "peringkat"]
        constraints = [models.UniqueConstraint(fields=["periode", "kunci", "pegawai"], name="teladan_unik")]
        indexes = [models.Index(fields=["instansi", "periode", "pegawai"], name="teladan_pegawai")]

    def __str__(self) -> str:
        return f"{self.judul} #{self.peringkat}"


class StatusPraktik(models.TextChoices):
    TERBIT = "terbit", _("Terbit")
    DITARIK = "ditarik", _("Ditarik")


class PraktikBaik(TenantModel):
    """A best-practice note: what a top performer did to excel on an indicator or program, with evidence (their
    approved daily reports), written by them or their supervisor; searchable by program and recommended with its
    author as mentor to pegawai weak on the same indicator."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name=_("teladan"))
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.PROTECT, related_name="+")
    kunci = models.CharField(max_length=40, db_index=True)
    indikator_teks = models.CharField(_("indikator / program"), max_length=500)
    program = models.ForeignKey(ProgramKegiatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("program"))
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, related_name="+")
    judul = models.CharField(_("judul"), max_length=200)
    yang_dilakukan = models.TextField(_("apa yang dilakukan"))
    hasil = models.TextField(_("hasilnya"))
    bukti = models.ManyToManyField(LaporanHarian, blank=True, related_name="+", verbose_name=_("bukti (laporan)"))
    nilai_saat_terbit = models.FloatField(default=0)
    status = models.CharField(max_length=8, choices=StatusPraktik.choices, default=StatusPraktik.TERBIT)

    class Meta:
        verbose_name = _("catatan praktik baik")
        verbose_name_plural = _("catatan praktik baik")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.judul
