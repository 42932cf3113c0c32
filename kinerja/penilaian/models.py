"""Performance evaluation (PermenPANRB 6/2022, REFERENCE.md §1.5–1.12): the instansi's evaluation policy, one
evaluation per pegawai per evaluation window with its ratings per RHK and per BerAKHLAK value, manual realisasi,
the pegawai's self-assessment, anonymous peer feedback (360), predikat organisasi and curve exceptions,
objections (keberatan), and performance dialogues (dialog kinerja) with their action items.

Only `services` write these rows. Peer responses (`Respon360`) are deliberately unlinkable: no rater, no
timestamps, a random id, never audited (see docs/penilaian.md, "Anonimitas").
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Instansi, TenantModel
from kinerja.laporan.models import BuktiDukung
from kinerja.organisasi.models import Jabatan, JenisJabatan, JenjangFungsional, Pegawai, UnitKerja
from kinerja.penilaian import rules
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    JadwalEvaluasi,
    PeriodeKinerja,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
)
from kinerja.perencanaan.rules import NILAI_CHOICES


class AturanTahunan(models.TextChoices):
    TERAKHIR = rules.AturanTahunan.TERAKHIR, _("Predikat periode terakhir (bawaan)")
    MODUS = rules.AturanTahunan.MODUS, _("Predikat yang paling sering muncul")
    TERBURUK = rules.AturanTahunan.TERBURUK, _("Predikat periodik terburuk")


class RumusCapaian(models.TextChoices):
    PERSEN = rules.RumusCapaian.PERSEN, _("Persentase capaian per aspek (bawaan)")
    PP46 = rules.RumusCapaian.PP46, _("Rumus PP 46/2011 (kuantitas, kualitas, waktu 1,76/24%, biaya)")


class Pembulatan(models.TextChoices):
    FLOOR = "floor", _("Dibulatkan ke bawah")
    CEIL = "ceil", _("Dibulatkan ke atas")
    ROUND = "round", _("Dibulatkan biasa")


class BerlakuKurva(models.TextChoices):
    TAHUNAN = "tahunan", _("Hanya evaluasi tahunan (bawaan)")
    SEMUA = "semua", _("Evaluasi periodik dan tahunan")


class KebijakanPenilaian(TenantModel):
    """The evaluation policy of one instansi (annual predikat rule, capaian formula, suggestion thresholds, curve
    table and rounding, keberatan window, peer-feedback minimum), edited by admin BKPSDM; defaults apply while
    none is saved."""

    aturan_tahunan = models.CharField(_("aturan predikat tahunan"), max_length=10, choices=AturanTahunan.choices,
                                      default=AturanTahunan.TERAKHIR)
    rumus_capaian = models.CharField(_("rumus capaian"), max_length=8, choices=RumusCapaian.choices,
                                     default=RumusCapaian.PERSEN)
    ambang_di_atas = models.DecimalField(
        _("ambang saran Di Atas Ekspektasi (%)"), max_digits=5, decimal_places=1,
        default=rules.AmbangSaran().di_atas, validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Rata-rata capaian (%) sejak angka ini disarankan Di Atas Ekspektasi."))
    ambang_sesuai = models.DecimalField(
        _("ambang saran Sesuai Ekspektasi (%)"), max_digits=5, decimal_places=1,
        default=rules.AmbangSaran().sesuai, validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Rata-rata capaian (%) sejak angka ini disarankan Sesuai Ekspektasi; di bawahnya Di Bawah."))
    berlaku_kurva = models.CharField(_("kurva distribusi berlaku untuk"), max_length=8,
                                     choices=BerlakuKurva.choices, default=BerlakuKurva.TAHUNAN)
    kurva = models.JSONField(
        _("tabel kurva distribusi"), default=dict, blank=True,
        help_text=_("Kosong: tabel bawaan dari pedoman MenPAN-RB (belum terverifikasi). Isi per predikat "
                    "organisasi untuk menggantinya."))
    pembulatan_maksimal = models.CharField(_("pembulatan batas maksimal"), max_length=5,
                                           choices=Pembulatan.choices, default=Pembulatan.FLOOR)
    pembulatan_minimal = models.CharField(_("pembulatan batas minimal"), max_length=5,
                                          choices=Pembulatan.choices, default=Pembulatan.CEIL)
    batas_keberatan_hari = models.PositiveSmallIntegerField(
        _("batas pengajuan keberatan (hari)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Keberatan dapat diajukan paling lambat sekian hari kalender setelah finalisasi."))
    min_respon_360 = models.PositiveSmallIntegerField(
        _("minimal respon umpan balik rekan"), default=3, validators=[MinValueValidator(3), MaxValueValidator(10)],
        help_text=_("Ringkasan umpan balik rekan baru ditampilkan setelah sekian respon (minimal 3, demi "
                    "anonimitas)."))
    moderasi_semua = models.BooleanField(
        _("semua komentar rekan ditinjau moderator"), default=False,
        help_text=_("Bila tidak dicentang, hanya komentar yang ditandai otomatis yang ditahan untuk ditinjau."))

    class Meta:
        verbose_name = _("kebijakan penilaian")
        verbose_name_plural = _("kebijakan penilaian")
        constraints = [models.UniqueConstraint(fields=["instansi"], name="kebijakan_penilaian_satu_per_instansi")]

    def __str__(self) -> str:
        return f"Kebijakan penilaian {self.instansi_id}"

    @property
    def ambang(self) -> rules.AmbangSaran:
        if self.rumus_capaian == RumusCapaian.PP46:
            return rules.AMBANG_PP46
        return rules.AmbangSaran(di_atas=float(self.ambang_di_atas), sesuai=float(self.ambang_sesuai))

    @property
    def tabel_kurva(self):
        return rules.curve_from_data(self.kurva) if self.kurva else rules.DEFAULT_CURVE

    @property
    def rounding(self) -> rules.Rounding:
        return rules.Rounding(maxima=self.pembulatan_maksimal, minima=self.pembulatan_minimal)


class StatusEvaluasi(models.TextChoices):
    DRAF = rules.DRAF, _("Draf")
    DINILAI = rules.DINILAI, _("Dinilai")
    DIFINALISASI = rules.DIFINALISASI, _("Difinalisasi")
    KEBERATAN = rules.KEBERATAN, _("Keberatan diajukan")
    DIPUTUSKAN = rules.DIPUTUSKAN, _("Keberatan diputuskan")


class Rating(models.TextChoices):
    DI_ATAS = rules.Rating.DI_ATAS, _("Di Atas Ekspektasi")
    SESUAI = rules.Rating.SESUAI, _("Sesuai Ekspektasi")
    DI_BAWAH = rules.Rating.DI_BAWAH, _("Di Bawah Ekspektasi")


class Predikat(models.TextChoices):
    SANGAT_BAIK = rules.Predikat.SANGAT_BAIK, _("Sangat Baik")
    BAIK = rules.Predikat.BAIK, _("Baik")
    BUTUH_PERBAIKAN = rules.Predikat.BUTUH_PERBAIKAN, _("Butuh Perbaikan")
    KURANG = rules.Predikat.KURANG, _("Kurang/Misconduct")
    SANGAT_KURANG = rules.Predikat.SANGAT_KURANG, _("Sangat Kurang")


class PredikatOrganisasi(models.TextChoices):
    ISTIMEWA = rules.PredikatOrganisasi.ISTIMEWA, _("Istimewa")
    BAIK = rules.PredikatOrganisasi.BAIK, _("Baik")
    BUTUH_PERBAIKAN = rules.PredikatOrganisasi.BUTUH_PERBAIKAN, _("Butuh Perbaikan (Cukup)")
    KURANG = rules.PredikatOrganisasi.KURANG, _("Kurang")
    SANGAT_KURANG = rules.PredikatOrganisasi.SANGAT_KURANG, _("Sangat Kurang")


def _rating_ok(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{field: ""}) | Q(**{f"{field}__in": [r.value for r in rules.Rating]}),
                                  name=name, violation_error_message=rules.MSG_RATING_DI_LUAR_SKALA)


class Evaluasi(TenantModel):
    """The evaluation of one pegawai for one evaluation window (periodic, or the annual one), with a snapshot of
    their position and appraisers as of the record, the ratings, the predikat and the suggestion it departed from.
    Locked once finalised."""

    jadwal = models.ForeignKey(JadwalEvaluasi, on_delete=models.PROTECT, related_name="evaluasi")
    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.PROTECT, related_name="evaluasi")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi")
    skp = models.ForeignKey(SasaranKinerjaPegawai, on_delete=models.PROTECT, related_name="evaluasi")
    status = models.CharField(_("status"), max_length=12, choices=StatusEvaluasi.choices,
                              default=StatusEvaluasi.DRAF)
    is_tahunan = models.BooleanField(_("evaluasi tahunan"), default=False)
    # snapshot as of the record
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    jabatan_nama = models.CharField(_("jabatan"), max_length=200)
    jenis_jabatan = models.CharField(_("jenis jabatan"), max_length=20, choices=JenisJabatan.choices, blank=True)
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=JenjangFungsional.choices, blank=True)
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    unit_kerja_nama = models.CharField(_("unit kerja"), max_length=200)
    opd = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    pangkat_golongan = models.CharField(_("pangkat/golongan"), max_length=80, blank=True)
    pejabat_penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    pejabat_penilai_snapshot = models.JSONField(_("data pejabat penilai"), default=dict, blank=True)
    atasan_pejabat_penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True,
                                               related_name="+")
    atasan_pejabat_penilai_snapshot = models.JSONField(_("data atasan pejabat penilai"), default=dict, blank=True)
    # ratings (blank until rated)
    rating_hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku_kerja = models.CharField(_("rating perilaku kerja"), max_length=10, choices=Rating.choices,
                                             blank=True)
    saran_hasil_kerja = models.CharField(_("saran rating hasil kerja"), max_length=10, choices=Rating.choices,
                                         blank=True)
    saran_perilaku_kerja = models.CharField(_("saran rating perilaku kerja"), max_length=10, choices=Rating.choices,
                                            blank=True)
    menyimpang_dari_saran = models.BooleanField(
        _("menyimpang dari saran"), default=False,
        help_text=_("Keputusan pejabat penilai berbeda dari saran sistem (hasil kerja, perilaku, atau RHK)."))
    capaian_rerata = models.DecimalField(_("rata-rata capaian (%)"), max_digits=7, decimal_places=2, null=True,
                                         blank=True)
    umpan_balik_hasil_kerja = models.TextField(_("umpan balik hasil kerja"), blank=True)
    umpan_balik_perilaku_kerja = models.TextField(_("umpan balik perilaku kerja"), blank=True)
    predikat = models.CharField(_("predikat kinerja"), max_length=16, choices=Predikat.choices, blank=True)
    predikat_saran = models.CharField(
        _("predikat tahunan menurut kebijakan"), max_length=16, choices=Predikat.choices, blank=True,
        help_text=_("Untuk evaluasi tahunan: predikat yang diturunkan dari predikat periodik menurut kebijakan."))
    alasan_override = models.TextField(_("alasan mengubah predikat tahunan"), blank=True)
    catatan_rekomendasi = models.TextField(_("catatan / rekomendasi"), blank=True)
    dinilai_pada = models.DateTimeField(_("dinilai pada"), null=True, blank=True)
    dinilai_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    difinalisasi_pada = models.DateTimeField(_("difinalisasi pada"), null=True, blank=True)
    difinalisasi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+")
    predikat_organisasi = models.CharField(_("capaian kinerja organisasi"), max_length=16,
                                           choices=PredikatOrganisasi.choices, blank=True)
    batas_keberatan = models.DateField(_("batas pengajuan keberatan"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        ordering = ["jadwal", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "jadwal"], name="evaluasi_satu_per_jadwal"),
            _rating_ok("rating_hasil_kerja", "evaluasi_rating_hk_skala"),
            _rating_ok("rating_perilaku_kerja", "evaluasi_rating_pk_skala"),
        ]
        indexes = [
            models.Index(fields=["instansi", "jadwal", "status"], name="evaluasi_jadwal_status"),
            models.Index(fields=["pejabat_penilai", "jadwal"], name="evaluasi_penilai"),
            models.Index(fields=["opd", "jadwal"], name="evaluasi_opd"),
        ]

    def __str__(self) -> str:
        return f"Evaluasi {self.jadwal_id} — {self.pegawai_id}"

    @property
    def terkunci(self) -> bool:
        return self.status in rules.TERKUNCI

    @property
    def predikat_label(self) -> str:
        return rules.PREDIKAT_LABEL[rules.Predikat(self.predikat)] if self.predikat else ""


class PenilaianRhk(TenantModel):
    """The pejabat penilai's rating of one RHK in an evaluation, the suggestion shown, and the written feedback
    (required unless the rating is Sesuai Ekspektasi)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="penilaian_rhk")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    saran = models.CharField(_("saran sistem"), max_length=10, choices=Rating.choices, blank=True)
    capaian = models.DecimalField(_("capaian (%)"), max_digits=7, decimal_places=2, null=True, blank=True)
    umpan_balik = models.TextField(_("umpan balik"), blank=True)

    class Meta:
        verbose_name = _("penilaian RHK")
        verbose_name_plural = _("penilaian RHK")
        ordering = ["evaluasi", "rhk__jenis", "rhk__urutan", "rhk_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "rhk"], name="penilaian_rhk_unik"),
            _rating_ok("rating", "penilaian_rhk_skala"),
        ]

    def __str__(self) -> str:
        return f"{self.rhk_id}: {self.rating}"


class PenilaianPerilaku(TenantModel):
    """The pejabat penilai's rating of one BerAKHLAK value in an evaluation, with its written feedback."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="penilaian_perilaku")
    nilai = models.CharField(_("nilai BerAKHLAK"), max_length=30, choices=NILAI_CHOICES)
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    umpan_balik = models.TextField(_("umpan balik"), blank=True)

    class Meta:
        verbose_name = _("penilaian perilaku")
        verbose_name_plural = _("penilaian perilaku")
        ordering = ["evaluasi", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "nilai"], name="penilaian_perilaku_unik"),
            _rating_ok("rating", "penilaian_perilaku_skala"),
        ]

    def __str__(self) -> str:
        return f"{self.nilai}: {self.rating}"


class RealisasiManual(TenantModel):
    """A realisasi entered by hand for one indicator in one evaluation window (outputs daily reports do not
    capture, e.g. kualitas or waktu). It is added to the realisasi from approved daily reports."""

    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.CASCADE, related_name="realisasi_manual")
    jadwal = models.ForeignKey(JadwalEvaluasi, on_delete=models.CASCADE, related_name="realisasi_manual")
    nilai = models.DecimalField(_("realisasi"), max_digits=14, decimal_places=2,
                                validators=[MinValueValidator(0)])
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("realisasi manual")
        verbose_name_plural = _("realisasi manual")
        constraints = [
            models.UniqueConstraint(fields=["indikator", "jadwal"], name="realisasi_manual_unik"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="realisasi_manual_tidak_negatif",
                                   violation_error_message="Realisasi tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id}@{self.jadwal_id}: {self.nilai}"


class PenilaianDiri(TenantModel):
    """The pegawai's self-assessment before the pejabat penilai rates: overall reflection and obstacles."""

    evaluasi = models.OneToOneField(Evaluasi, on_delete=models.CASCADE, related_name="penilaian_diri")
    refleksi = models.TextField(_("refleksi umum"))
    kendala = models.TextField(_("kendala yang dihadapi"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("penilaian diri")
        verbose_name_plural = _("penilaian diri")

    def __str__(self) -> str:
        return f"Penilaian diri {self.evaluasi_id}"


class PenilaianDiriRhk(TenantModel):
    """The pegawai's reflection on one RHK and the evidence (bukti dukung of their approved reports) they pick."""

    penilaian_diri = models.ForeignKey(PenilaianDiri, on_delete=models.CASCADE, related_name="rhk")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.PROTECT, related_name="+")
    refleksi = models.TextField(_("refleksi"), blank=True)
    bukti = models.ManyToManyField(BuktiDukung, blank=True, related_name="+", verbose_name=_("bukti dukung"))

    class Meta:
        verbose_name = _("penilaian diri per RHK")
        verbose_name_plural = _("penilaian diri per RHK")
        constraints = [models.UniqueConstraint(fields=["penilaian_diri", "rhk"], name="penilaian_diri_rhk_unik")]

    def __str__(self) -> str:
        return f"{self.penilaian_diri_id}/{self.rhk_id}"


class HubunganRekan(models.TextChoices):
    REKAN = "rekan", _("Rekan satu unit")
    KOLABORATOR = "kolaborator", _("Kolaborator pada program yang sama")
    BAWAHAN = "bawahan", _("Bawahan (umpan balik ke atas)")
    LAINNYA = "lainnya", _("Lainnya")


class PenilaiRekan(TenantModel):
    """An invitation to give peer feedback (360) for one evaluation. It records only THAT the rater answered
    (`sudah_merespons`, flipped without a timestamp), never what: the answer is an unlinked `Respon360`."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="penilai_rekan")
    penilai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="undangan_360")
    hubungan = models.CharField(_("hubungan"), max_length=12, choices=HubunganRekan.choices,
                                default=HubunganRekan.REKAN)
    dipilih_oleh_sistem = models.BooleanField(_("dipilih sistem"), default=False)
    sudah_merespons = models.BooleanField(_("sudah merespons"), default=False)
    diingatkan_pada = models.DateTimeField(_("terakhir diingatkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("penilai rekan (360)")
        verbose_name_plural = _("penilai rekan (360)")
        ordering = ["evaluasi", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "penilai"], name="penilai_rekan_unik")]
        indexes = [models.Index(fields=["penilai", "sudah_merespons"], name="penilai_rekan_antrian")]

    def __str__(self) -> str:
        return f"Undangan 360 {self.evaluasi_id} → {self.penilai_id}"


class StatusModerasi(models.TextChoices):
    TAMPIL = "tampil", _("Tampil")
    DITINJAU = "ditinjau", _("Menunggu tinjauan")
    DISEMBUNYIKAN = "disembunyikan", _("Disembunyikan")


def _skala_360(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": -1, f"{field}__lte": 1}),
                                  name=f"respon360_{field}_skala")


class Respon360(models.Model):
    """One anonymous peer response: a rating code (+1 Di Atas, 0 Sesuai, −1 Di Bawah) per BerAKHLAK value and an
    optional comment that passes moderation. Deliberately no rater, no timestamps and a random primary key, and
    never registered with the audit log, so nothing links it to the invitation it answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="respon_360")
    berorientasi_pelayanan = models.SmallIntegerField()
    akuntabel = models.SmallIntegerField()
    kompeten = models.SmallIntegerField()
    harmonis = models.SmallIntegerField()
    loyal = models.SmallIntegerField()
    adaptif = models.SmallIntegerField()
    kolaboratif = models.SmallIntegerField()
    komentar = models.TextField(_("komentar"), blank=True)
    status_komentar = models.CharField(_("status komentar"), max_length=14, choices=StatusModerasi.choices,
                                       default=StatusModerasi.TAMPIL)
    tanda = models.CharField(_("tanda otomatis"), max_length=100, blank=True)
    alasan_moderasi = models.CharField(_("alasan moderasi"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("respon umpan balik rekan")
        verbose_name_plural = _("respon umpan balik rekan")
        ordering = ["id"]  # random: never the order of arrival
        constraints = [_skala_360(k) for k, _n in NILAI_CHOICES]

    def __str__(self) -> str:
        return "Respon anonim"


class PredikatOrganisasiUnit(TenantModel):
    """The predikat of an OPD or unit for a period (capaian kinerja organisasi, §1.7 Tahap 1), set by the leader
    one level up. It selects the distribution curve for the pegawai evaluated in that unit."""

    periode = models.ForeignKey(PeriodeKinerja, on_delete=models.PROTECT, related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    predikat = models.CharField(_("predikat organisasi"), max_length=16, choices=PredikatOrganisasi.choices)
    catatan = models.TextField(_("dasar penetapan"), blank=True,
                               help_text=_("Mis. capaian Perjanjian Kinerja dan rekomendasi unit perencanaan."))
    ditetapkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("predikat organisasi")
        verbose_name_plural = _("predikat organisasi")
        ordering = ["periode", "unit_kerja__path"]
        constraints = [models.UniqueConstraint(fields=["periode", "unit_kerja"], name="predikat_organisasi_unik")]

    def __str__(self) -> str:
        return f"{self.unit_kerja_id} {self.periode_id}: {self.predikat}"


class PengecualianKurva(TenantModel):
    """A written justification for finalising while the distribution curve is violated (audited): which group,
    which window, what was violated, who decided and why."""

    jadwal = models.ForeignKey(JadwalEvaluasi, on_delete=models.PROTECT, related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    justifikasi = models.TextField(_("justifikasi"))
    pelanggaran = models.JSONField(_("pelanggaran saat itu"), default=list)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("pengecualian kurva distribusi")
        verbose_name_plural = _("pengecualian kurva distribusi")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Pengecualian kurva {self.unit_kerja_id} {self.jadwal_id}"


class StatusKeberatan(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKABULKAN = "dikabulkan", _("Dikabulkan")
    DITOLAK = "ditolak", _("Ditolak")


class Keberatan(TenantModel):
    """An objection by the pegawai against a finalised evaluation, decided by the atasan pejabat penilai."""

    evaluasi = models.OneToOneField(Evaluasi, on_delete=models.PROTECT, related_name="keberatan")
    alasan = models.TextField(_("alasan keberatan"))
    status = models.CharField(_("status"), max_length=12, choices=StatusKeberatan.choices,
                              default=StatusKeberatan.DIAJUKAN)
    predikat_semula = models.CharField(_("predikat semula"), max_length=16, choices=Predikat.choices)
    predikat_baru = models.CharField(_("predikat setelah keputusan"), max_length=16, choices=Predikat.choices,
                                     blank=True)
    pemutus = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("atasan pejabat penilai"))
    keputusan = models.TextField(_("pertimbangan keputusan"), blank=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Keberatan {self.evaluasi_id}"


class JenisDialog(models.TextChoices):
    INDIVIDU = "individu", _("Empat mata (1:1)")
    TIM = "tim", _("Tim")


class StatusDialog(models.TextChoices):
    DIJADWALKAN = "dijadwalkan", _("Dijadwalkan")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class DialogKinerja(TenantModel):
    """A performance dialogue (dialog kinerja, §1.9): a 1:1 or team meeting an atasan holds with staff, its
    agenda (proposed from the data), notes on capaian and kendala. Recurring meetings share a `seri`."""

    penyelenggara = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="dialog_diselenggarakan")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisDialog.choices, default=JenisDialog.INDIVIDU)
    judul = models.CharField(_("judul"), max_length=200)
    mulai = models.DateTimeField(_("waktu mulai"))
    durasi_menit = models.PositiveSmallIntegerField(_("durasi (menit)"), default=30,
                                                    validators=[MinValueValidator(5), MaxValueValidator(480)])
    tempat = models.CharField(_("tempat / tautan"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=StatusDialog.choices,
                              default=StatusDialog.DIJADWALKAN)
    seri = models.UUIDField(_("seri pertemuan berulang"), null=True, blank=True, db_index=True)
    agenda = models.JSONField(_("agenda"), default=list, blank=True)
    catatan_capaian = models.TextField(_("catatan capaian"), blank=True)
    catatan_kendala = models.TextField(_("catatan kendala"), blank=True)
    pengingat_dikirim_pada = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["mulai", "pk"]
        indexes = [models.Index(fields=["penyelenggara", "mulai"], name="dialog_penyelenggara_mulai"),
                   models.Index(fields=["status", "mulai"], name="dialog_status_mulai")]

    def __str__(self) -> str:
        return self.judul


class PesertaDialog(TenantModel):
    """A participant of a dialogue and whether they attended (unknown until recorded)."""

    dialog = models.ForeignKey(DialogKinerja, on_delete=models.CASCADE, related_name="peserta")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="dialog_kinerja")
    hadir = models.BooleanField(_("hadir"), null=True, blank=True)

    class Meta:
        verbose_name = _("peserta dialog")
        verbose_name_plural = _("peserta dialog")
        ordering = ["dialog", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["dialog", "pegawai"], name="peserta_dialog_unik")]

    def __str__(self) -> str:
        return f"{self.dialog_id}/{self.pegawai_id}"


class TindakLanjut(TenantModel):
    """An action item agreed in a dialogue: what, who owns it, by when; tracked to completion. Unfinished items
    appear on the agenda of the next dialogue with the same people."""

    dialog = models.ForeignKey(DialogKinerja, on_delete=models.CASCADE, related_name="tindak_lanjut")
    uraian = models.CharField(_("tindak lanjut"), max_length=300)
    pemilik = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="tindak_lanjut",
                                verbose_name=_("penanggung jawab"))
    batas_waktu = models.DateField(_("batas waktu"))
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    catatan_selesai = models.CharField(_("catatan penyelesaian"), max_length=300, blank=True)
    pengingat_dikirim = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("tindak lanjut dialog")
        verbose_name_plural = _("tindak lanjut dialog")
        ordering = ["batas_waktu", "pk"]
        indexes = [models.Index(fields=["pemilik", "selesai_pada"], name="tindak_lanjut_pemilik")]

    def __str__(self) -> str:
        return self.uraian

    @property
    def selesai(self) -> bool:
        return self.selesai_pada is not None
