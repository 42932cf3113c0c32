"""Adoption: socialisation and training sessions (audience, materials, invitations, QR attendance, quizzes,
feedback, certificates), the development history of each pegawai, weekly adoption metrics per OPD and unit,
user activity, and the anonymous pulse survey with its "Anda berkata, kami lakukan" answers.

Only `services` write these rows (the activity middleware writes `AktivitasPengguna` through a service too).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Instansi, TenantModel
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.pelatihan import rules


def _rahasia() -> str:
    return secrets.token_hex(32)


class JenisKegiatan(models.TextChoices):
    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    PELATIHAN = "pelatihan", _("Pelatihan")
    BIMTEK = "bimtek", _("Bimbingan teknis")
    LOKAKARYA = "lokakarya", _("Lokakarya")


class ModeKegiatan(models.TextChoices):
    TATAP_MUKA = "tatap_muka", _("Tatap muka")
    DARING = "daring", _("Daring")
    CAMPURAN = "campuran", _("Tatap muka dan daring")


class StatusSesi(models.TextChoices):
    DRAF = "draf", _("Draf")
    TERBIT = "terbit", _("Terbit (undangan terkirim)")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class ProgramPelatihan(TenantModel):
    """A programme that groups sessions, e.g. "Sosialisasi Kinerja 2026" across every OPD."""

    nama = models.CharField(_("nama program"), max_length=200)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    deskripsi = models.TextField(_("deskripsi"), blank=True)

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["-tahun", "nama"]

    def __str__(self) -> str:
        return self.nama


class SesiPelatihan(TenantModel):
    """One socialisation or training session: topic, time, place or online link, audience, materials, quiz."""

    program = models.ForeignKey(ProgramPelatihan, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="sesi", verbose_name=_("program"))
    judul = models.CharField(_("topik"), max_length=200)
    jenis = models.CharField(_("jenis kegiatan"), max_length=12, choices=JenisKegiatan.choices,
                             default=JenisKegiatan.SOSIALISASI)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    narasumber = models.CharField(_("narasumber"), max_length=200, blank=True)
    mode = models.CharField(_("bentuk"), max_length=12, choices=ModeKegiatan.choices, default=ModeKegiatan.TATAP_MUKA)
    tempat = models.CharField(_("tempat"), max_length=255, blank=True)
    tautan_daring = models.URLField(_("tautan daring"), max_length=300, blank=True)
    mulai = models.DateTimeField(_("mulai"))
    selesai = models.DateTimeField(_("selesai"))
    kuota = models.PositiveIntegerField(_("kuota peserta"), null=True, blank=True)
    pendaftaran_terbuka = models.BooleanField(
        _("pegawai sasaran boleh mendaftar sendiri"), default=True,
        help_text=_("Pegawai dalam sasaran yang belum diundang dapat mendaftar atau langsung hadir."))
    jam_pelajaran = models.PositiveSmallIntegerField(_("jam pelajaran (JP)"), default=2)
    nilai_lulus = models.PositiveSmallIntegerField(_("nilai lulus kuis"), default=rules.NILAI_LULUS_DEFAULT)
    sertifikat = models.BooleanField(_("terbitkan sertifikat"), default=True)
    status = models.CharField(_("status"), max_length=12, choices=StatusSesi.choices, default=StatusSesi.DRAF)
    rahasia_presensi = models.CharField(max_length=64, default=_rahasia, editable=False)
    penyelenggara = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("penyelenggara"))
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("sesi pelatihan")
        verbose_name_plural = _("sesi pelatihan")
        ordering = ["-mulai", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gt=models.F("mulai")), name="sesi_waktu_urut",
                                   violation_error_message="Waktu selesai harus setelah waktu mulai."),
            models.CheckConstraint(condition=Q(nilai_lulus__lte=100), name="sesi_nilai_lulus_maks_100"),
        ]
        indexes = [models.Index(fields=["instansi", "status", "mulai"], name="sesi_instansi_status_mulai")]

    def __str__(self) -> str:
        return self.judul


class SasaranSesi(TenantModel):
    """Who a session is for: a unit with everything below it (an OPD or any unit), or a role."""

    sesi = models.ForeignKey(SesiPelatihan, on_delete=models.CASCADE, related_name="sasaran")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit / OPD"))
    peran = models.CharField(_("peran"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("sasaran sesi")
        verbose_name_plural = _("sasaran sesi")
        constraints = [
            models.CheckConstraint(condition=(Q(unit__isnull=False) & Q(peran="")) | (Q(unit__isnull=True) & ~Q(peran="")),
                                   name="sasaran_unit_atau_peran"),
        ]

    def __str__(self) -> str:
        return str(self.unit) if self.unit_id else self.peran_label

    @property
    def peran_label(self) -> str:
        from kinerja.core.models import Peran

        return str(Peran(self.peran).label) if self.peran in Peran.values else self.peran


class FokusSesi(TenantModel):
    """What a session addresses: a BerAKHLAK value or a part of the performance cycle (`rules.FOKUS_CHOICES`)."""

    sesi = models.ForeignKey(SesiPelatihan, on_delete=models.CASCADE, related_name="fokus")
    kode = models.CharField(_("fokus"), max_length=40, choices=rules.FOKUS_CHOICES)

    class Meta:
        verbose_name = _("fokus sesi")
        verbose_name_plural = _("fokus sesi")
        constraints = [models.UniqueConstraint(fields=["sesi", "kode"], name="fokus_sesi_unik")]
        indexes = [models.Index(fields=["instansi", "kode"], name="fokus_instansi_kode")]

    def __str__(self) -> str:
        return self.get_kode_display()


def _materi_path(instance: MateriSesi, filename: str) -> str:
    return f"pelatihan/materi/{instance.instansi_id}/{instance.sesi_id}/{filename}"


class MateriSesi(TenantModel):
    """Uploaded material of a session (PDF, slides as PDF, Word, Excel, images), served through a checked view."""

    sesi = models.ForeignKey(SesiPelatihan, on_delete=models.CASCADE, related_name="materi")
    judul = models.CharField(_("judul materi"), max_length=200)
    berkas = models.FileField(_("berkas"), upload_to=_materi_path, max_length=255)
    jenis = models.CharField(_("jenis"), max_length=10)
    mime = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64)
    nama_asli = models.CharField(_("nama berkas"), max_length=120)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("materi sesi")
        verbose_name_plural = _("materi sesi")
        ordering = ["sesi", "pk"]

    def __str__(self) -> str:
        return self.judul


class SoalKuis(TenantModel):
    """A multiple-choice question of a session's short quiz."""

    sesi = models.ForeignKey(SesiPelatihan, on_delete=models.CASCADE, related_name="soal")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    pertanyaan = models.CharField(_("pertanyaan"), max_length=500)
    pilihan = models.JSONField(_("pilihan jawaban"), default=list)
    kunci = models.PositiveSmallIntegerField(_("nomor pilihan yang benar"))

    class Meta:
        verbose_name = _("soal kuis")
        verbose_name_plural = _("soal kuis")
        ordering = ["sesi", "urutan", "pk"]

    def __str__(self) -> str:
        return self.pertanyaan[:60]


class CaraDaftar(models.TextChoices):
    UNDANGAN = "undangan", _("Diundang")
    MANDIRI = "mandiri", _("Mendaftar sendiri")
    DITAMBAHKAN = "ditambahkan", _("Ditambahkan penyelenggara")


class CaraHadir(models.TextChoices):
    QR = "qr", _("Pindai QR")
    KODE = "kode", _("Kode presensi")
    MANUAL = "manual", _("Dicatat penyelenggara")


class PesertaSesi(TenantModel):
    """A pegawai invited to (or registered for) a session: attendance, quiz result and certificate. The OPD and
    unit are a snapshot as of the invitation, so coverage figures do not move when people move."""

    sesi = models.ForeignKey(SesiPelatihan, on_delete=models.CASCADE, related_name="peserta")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="sesi_pelatihan")
    opd = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, related_name="+")
    cara_daftar = models.CharField(_("cara terdaftar"), max_length=12, choices=CaraDaftar.choices,
                                   default=CaraDaftar.UNDANGAN)
    hadir_pada = models.DateTimeField(_("hadir pada"), null=True, blank=True)
    cara_hadir = models.CharField(_("cara presensi"), max_length=8, choices=CaraHadir.choices, blank=True)
    nilai_kuis = models.PositiveSmallIntegerField(_("nilai kuis"), null=True, blank=True)
    percobaan_kuis = models.PositiveSmallIntegerField(_("percobaan kuis"), default=0)
    lulus_kuis = models.BooleanField(_("lulus kuis"), null=True, blank=True)
    kuis_pada = models.DateTimeField(null=True, blank=True)
    sertifikat_nomor = models.CharField(_("nomor sertifikat"), max_length=60, blank=True)
    sertifikat_kode = models.CharField(_("kode verifikasi"), max_length=20, null=True, blank=True, unique=True)
    sertifikat_terbit_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("peserta sesi")
        verbose_name_plural = _("peserta sesi")
        ordering = ["sesi", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["sesi", "pegawai"], name="peserta_sesi_unik")]
        indexes = [
            models.Index(fields=["pegawai", "hadir_pada"], name="peserta_pegawai_hadir"),
            models.Index(fields=["instansi", "hadir_pada"], name="peserta_instansi_hadir"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} @ {self.sesi_id}"

    @property
    def hadir(self) -> bool:
        return self.hadir_pada is not None


class UmpanBalikSesi(TenantModel):
    """A participant's feedback after a session (1–5 ratings and a suggestion)."""

    peserta = models.OneToOneField(PesertaSesi, on_delete=models.CASCADE, related_name="umpan_balik")
    nilai_materi = models.PositiveSmallIntegerField(_("materi"))
    nilai_narasumber = models.PositiveSmallIntegerField(_("narasumber"))
    nilai_manfaat = models.PositiveSmallIntegerField(_("manfaat bagi pekerjaan"))
    saran = models.TextField(_("saran"), blank=True)

    class Meta:
        verbose_name = _("umpan balik sesi")
        verbose_name_plural = _("umpan balik sesi")
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai_materi__gte=1, nilai_materi__lte=5, nilai_narasumber__gte=1, nilai_narasumber__lte=5,
                            nilai_manfaat__gte=1, nilai_manfaat__lte=5),
                name="umpan_balik_skala_1_5"),
        ]

    def __str__(self) -> str:
        return f"Umpan balik {self.peserta_id}"


class JenisPengembangan(models.TextChoices):
    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    PELATIHAN = "pelatihan", _("Pelatihan")
    BIMTEK = "bimtek", _("Bimbingan teknis")
    LOKAKARYA = "lokakarya", _("Lokakarya")
    KURSUS = "kursus", _("Kursus / e-learning")
    SEMINAR = "seminar", _("Seminar / webinar")
    COACHING = "coaching", _("Coaching / mentoring")
    LAINNYA = "lainnya", _("Lainnya")


class SumberRiwayat(models.TextChoices):
    SESI = "sesi", _("Sesi di Kinerja")
    MANUAL = "manual", _("Dicatat admin")
    REKOMENDASI = "rekomendasi", _("Tindak lanjut rekomendasi")


class RiwayatPengembangan(TenantModel):
    """A completed training or development activity on a pegawai's development history (with its JP)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="riwayat_pengembangan")
    judul = models.CharField(_("nama kegiatan"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisPengembangan.choices)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    jam_pelajaran = models.PositiveSmallIntegerField(_("jam pelajaran (JP)"), default=0)
    fokus = models.JSONField(_("fokus"), default=list, blank=True)
    sesi = models.ForeignKey(SesiPelatihan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sertifikat_nomor = models.CharField(_("nomor sertifikat"), max_length=60, blank=True)
    sumber = models.CharField(_("sumber"), max_length=12, choices=SumberRiwayat.choices, default=SumberRiwayat.MANUAL)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("riwayat pengembangan")
        verbose_name_plural = _("riwayat pengembangan")
        ordering = ["pegawai", "-tanggal_selesai", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "sesi"], condition=Q(sesi__isnull=False),
                                    name="riwayat_sesi_sekali"),
            models.CheckConstraint(condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                                   name="riwayat_tanggal_urut",
                                   violation_error_message="Tanggal selesai tidak boleh sebelum tanggal mulai."),
        ]

    def __str__(self) -> str:
        return self.judul


class AktivitasPengguna(models.Model):
    """That an account used Kinerja in a week (one row per account per week, touched at most once a day)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    minggu = models.DateField(_("minggu (Senin)"))
    hari_aktif = models.PositiveSmallIntegerField(_("hari aktif"), default=1)
    terakhir = models.DateField(_("terakhir aktif"))

    class Meta:
        verbose_name = _("aktivitas pengguna")
        verbose_name_plural = _("aktivitas pengguna")
        constraints = [models.UniqueConstraint(fields=["user", "minggu"], name="aktivitas_sekali_seminggu")]
        indexes = [models.Index(fields=["instansi", "minggu"], name="aktivitas_instansi_minggu")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.minggu}"


class TingkatMetrik(models.TextChoices):
    INSTANSI = "instansi", _("Instansi")
    OPD = "opd", _("OPD")
    UNIT = "unit", _("Unit kerja")


class MetrikAdopsi(TenantModel):
    """Adoption figures of one OPD or unit for one week, computed by a periodic job (dashboards read only this)."""

    minggu = models.DateField(_("minggu (Senin)"))
    tingkat = models.CharField(_("tingkat"), max_length=10, choices=TingkatMetrik.choices)
    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    opd = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    nama = models.CharField(_("nama"), max_length=200)
    jumlah_pegawai = models.PositiveIntegerField(default=0)
    aktif = models.PositiveIntegerField(_("pegawai aktif minggu ini"), default=0)
    hari_kerja = models.PositiveSmallIntegerField(default=0)
    laporan_target = models.PositiveIntegerField(_("hari-pegawai wajib lapor"), default=0)
    laporan_terisi = models.PositiveIntegerField(_("hari-pegawai dengan laporan"), default=0)
    umpan_balik_jumlah = models.PositiveIntegerField(_("laporan ditinjau"), default=0)
    umpan_balik_jam = models.DecimalField(_("median jam sampai ditinjau"), max_digits=7, decimal_places=1,
                                          null=True, blank=True)
    skp_disetujui = models.PositiveIntegerField(_("pegawai dengan SKP disetujui"), default=0)
    skp_berlaku = models.BooleanField(default=True)
    terlatih = models.PositiveIntegerField(_("pegawai terlatih (12 bulan)"), default=0)
    tertinggal = models.BooleanField(_("tertinggal"), default=False)
    alasan = models.JSONField(_("alasan"), default=list, blank=True)
    dihitung_pada = models.DateTimeField(_("dihitung pada"))

    class Meta:
        verbose_name = _("metrik adopsi")
        verbose_name_plural = _("metrik adopsi")
        ordering = ["-minggu", "tingkat", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "minggu", "tingkat", "unit"], name="metrik_unik"),
            models.UniqueConstraint(fields=["instansi", "minggu"], condition=Q(tingkat="instansi"),
                                    name="metrik_instansi_unik"),
        ]
        indexes = [
            models.Index(fields=["instansi", "minggu", "tingkat"], name="metrik_minggu_tingkat"),
            models.Index(fields=["instansi", "minggu", "opd"], name="metrik_minggu_opd"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.minggu}"

    @property
    def persen_aktif(self) -> int | None:
        return rules.persen(self.aktif, self.jumlah_pegawai)

    @property
    def persen_kepatuhan(self) -> int | None:
        return rules.persen(self.laporan_terisi, self.laporan_target)

    @property
    def persen_skp(self) -> int | None:
        return rules.persen(self.skp_disetujui, self.jumlah_pegawai) if self.skp_berlaku else None

    @property
    def persen_terlatih(self) -> int | None:
        return rules.persen(self.terlatih, self.jumlah_pegawai)

    @property
    def alasan_label(self) -> list[str]:
        return [rules.ALASAN_LABEL.get(a, a) for a in self.alasan]

    @property
    def alasan_singkat(self) -> list[str]:
        return [rules.ALASAN_SINGKAT.get(a, a) for a in self.alasan]

    @property
    def buruk(self) -> dict[str, bool]:
        """{reason code: True} for the figures under their threshold (templates: `m.buruk.kepatuhan`)."""
        return dict.fromkeys(self.alasan, True)

    @property
    def fokus_saran(self) -> list[str]:
        """Fokus codes a targeted session for this unit should have."""
        return sorted({rules.FOKUS_UNTUK_ALASAN[a] for a in self.alasan if a in rules.FOKUS_UNTUK_ALASAN})


class PutaranSurvei(TenantModel):
    """One round of the pulse survey about the system (open from `mulai` to `selesai`, both included)."""

    judul = models.CharField(_("judul"), max_length=200)
    mulai = models.DateField(_("dibuka"))
    selesai = models.DateField(_("ditutup"))
    min_tampil = models.PositiveSmallIntegerField(
        _("jumlah tanggapan minimal untuk ditampilkan"), default=rules.MIN_TAMPIL_DEFAULT,
        help_text=_("Hasil per OPD hanya tampil bila tanggapannya sebanyak ini atau lebih (minimal 3)."))
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("putaran survei")
        verbose_name_plural = _("putaran survei")
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="putaran_tanggal_urut",
                                   violation_error_message="Tanggal tutup tidak boleh sebelum tanggal buka."),
            models.UniqueConstraint(fields=["instansi", "mulai"], name="putaran_mulai_unik"),
        ]

    def __str__(self) -> str:
        return self.judul


class PartisipasiSurvei(models.Model):
    """That an account has answered a round — and nothing about what it answered. No time, no order: the key is
    random, so rows cannot be lined up with `ResponsSurvei`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    putaran = models.ForeignKey(PutaranSurvei, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("partisipasi survei")
        verbose_name_plural = _("partisipasi survei")
        constraints = [models.UniqueConstraint(fields=["putaran", "user"], name="survei_sekali_per_putaran")]

    def __str__(self) -> str:
        return f"{self.putaran_id}"


class ResponsSurvei(models.Model):
    """An anonymous answer: the round, the respondent's OPD (for results per OPD) and the answers. No account, no
    time, a random key; never written to the audit log."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    putaran = models.ForeignKey(PutaranSurvei, on_delete=models.CASCADE, related_name="respons")
    opd = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kegunaan = models.PositiveSmallIntegerField()
    keadilan = models.PositiveSmallIntegerField()
    kemudahan = models.PositiveSmallIntegerField()
    komentar = models.TextField(blank=True)

    class Meta:
        verbose_name = _("tanggapan survei")
        verbose_name_plural = _("tanggapan survei")
        constraints = [
            models.CheckConstraint(
                condition=Q(kegunaan__gte=1, kegunaan__lte=5, keadilan__gte=1, keadilan__lte=5, kemudahan__gte=1,
                            kemudahan__lte=5),
                name="respons_skala_1_5"),
        ]

    def __str__(self) -> str:
        return f"Tanggapan {self.putaran_id}"


class StatusTindakLanjut(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    DIKERJAKAN = "dikerjakan", _("Sedang dikerjakan")
    SELESAI = "selesai", _("Selesai")


class TindakLanjutSurvei(TenantModel):
    """A "you said, we did" item: what pegawai said (in the survey or elsewhere) and what the team did about it."""

    putaran = models.ForeignKey(PutaranSurvei, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="tindak_lanjut", verbose_name=_("putaran survei"))
    anda_berkata = models.CharField(_("Anda berkata"), max_length=500)
    kami_lakukan = models.TextField(_("kami lakukan"))
    status = models.CharField(_("status"), max_length=14, choices=StatusTindakLanjut.choices,
                              default=StatusTindakLanjut.DIRENCANAKAN)
    tanggal = models.DateField(_("tanggal"))
    terbit = models.BooleanField(_("tampilkan kepada pegawai"), default=True)
    ditulis_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("tindak lanjut survei")
        verbose_name_plural = _("Anda berkata, kami lakukan")
        ordering = ["-tanggal", "-pk"]

    def __str__(self) -> str:
        return self.anda_berkata[:60]
