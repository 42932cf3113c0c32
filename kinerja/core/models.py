"""Core data: the tenant (Instansi), accounts, role grants, API tokens and in-app notifications."""

from __future__ import annotations

import zoneinfo

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class ZonaWaktu(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB"
    WITA = "Asia/Makassar", "WITA"
    WIT = "Asia/Jayapura", "WIT"


class Instansi(TimeStampedModel):
    """The tenant: one government (e.g. Pemerintah Kabupaten Bukitintan) whose data is kept apart from others."""

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    nama_daerah = models.CharField(_("nama daerah"), max_length=120, help_text=_("Mis. Kabupaten Bukitintan"))
    zona_waktu = models.CharField(_("zona waktu"), max_length=40, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB)
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def get_additional_data(self) -> dict:
        return {"instansi": self.pk}

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.zona_waktu)


class TenantModel(TimeStampedModel):
    """Every tenant-owned row carries its `instansi`; selectors always filter on it."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, verbose_name=_("instansi"))

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        """Stored by django-auditlog with each entry, so audit search can be scoped to the tenant."""
        return {"instansi": self.instansi_id}


class KinerjaUserManager(UserManager):
    def get_by_natural_key(self, username):
        # Usernames are NIPs or short names; compare without surrounding spaces.
        return self.get(**{self.model.USERNAME_FIELD: (username or "").strip()})


class User(AbstractUser):
    """A login account. For ASN the username is the NIP; the person behind it is `organisasi.Pegawai`."""

    username = models.CharField(
        _("NIP / nama pengguna"),
        max_length=40,
        unique=True,
        help_text=_("NIP 18 digit bagi ASN; nama pengguna bagi akun non-ASN."),
        error_messages={"unique": _("NIP / nama pengguna ini sudah terdaftar.")},
    )
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("instansi")
    )
    nama_lengkap = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    onboarding_selesai = models.BooleanField(_("tur pengenalan selesai"), default=False)

    objects = KinerjaUserManager()

    class Meta:
        verbose_name = _("akun pengguna")
        verbose_name_plural = _("akun pengguna")

    def __str__(self) -> str:
        return self.nama_lengkap or self.username

    def get_full_name(self) -> str:
        return self.nama_lengkap or self.username

    def get_additional_data(self) -> dict:
        return {"instansi": self.instansi_id}


class Peran(models.TextChoices):
    """Roles. `pegawai`, `atasan` and `pimpinan_opd` follow from the organisation; the others are granted."""

    PEGAWAI = "pegawai", _("Pegawai")
    ATASAN = "atasan", _("Atasan / Pejabat Penilai")
    PIMPINAN_OPD = "pimpinan_opd", _("Pimpinan OPD")
    ADMIN_BKPSDM = "admin_bkpsdm", _("Admin BKPSDM")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    PIMPINAN_DAERAH = "pimpinan_daerah", _("Pimpinan Daerah")


GRANTED_ROLES = (Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT, Peran.PIMPINAN_DAERAH)


class PeranPengguna(TenantModel):
    """A role granted explicitly to an account (admin BKPSDM, Inspektorat, pimpinan daerah)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="peran_set", verbose_name=_("akun"))
    peran = models.CharField(
        _("peran"), max_length=30, choices=[(p.value, p.label) for p in GRANTED_ROLES]
    )
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [models.UniqueConstraint(fields=["user", "peran"], name="peran_pengguna_unik")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()}"


class ApiToken(models.Model):
    """A bearer token for apps (`Authorization: Bearer <token>`). Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, db_index=True)
    nama = models.CharField(_("nama perangkat"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Notifikasi(models.Model):
    """An in-app notification for one account (feedback on a report, an approval, a reminder)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifikasi")
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("pesan"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    jenis = models.CharField(_("jenis"), max_length=40, default="umum")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    dibaca_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "dibaca_pada"])]

    def __str__(self) -> str:
        return self.judul


class CatatanAudit(TenantModel):
    """A note an Inspektorat auditor writes (the only thing Inspektorat may write)."""

    penulis = models.ForeignKey(User, on_delete=models.PROTECT, verbose_name=_("penulis"))
    judul = models.CharField(_("judul"), max_length=200)
    isi = models.TextField(_("isi"))
    objek = models.CharField(_("objek yang diperiksa"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.judul


class JenisLibur(models.TextChoices):
    LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    LIBUR_DAERAH = "libur_daerah", _("Libur daerah")


class HariLibur(models.Model):
    """A day off on the working-day calendar: national holidays and cuti bersama for everyone (instansi empty,
    per the yearly SKB 3 Menteri), or a regional holiday of one instansi. Weekends are never working days
    (Perpres 21/2023: 5 working days, Monday–Friday)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, null=True, blank=True,
                                 verbose_name=_("instansi"), help_text=_("Kosong: berlaku nasional."))
    tanggal = models.DateField(_("tanggal"), db_index=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisLibur.choices)
    nama = models.CharField(_("nama"), max_length=150)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("kalender hari libur")
        ordering = ["tanggal"]
        constraints = [
            models.UniqueConstraint(fields=["tanggal"], condition=models.Q(instansi__isnull=True),
                                    name="hari_libur_nasional_unik"),
            models.UniqueConstraint(fields=["instansi", "tanggal"], name="hari_libur_instansi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
