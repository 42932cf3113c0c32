"""Test data for pelatihan, built through the services on top of organisasi's `build_org()` world.

Sessions can only be planned in the future (a service rule); `geser()` moves a session in time afterwards so tests
can reach "running" and "ended" states without waiting.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kinerja.organisasi.tests.factories import Org, fresh
from kinerja.pelatihan import rules, services
from kinerja.pelatihan.models import SesiPelatihan, SoalKuis


def admin(org: Org):
    return fresh(org.admin.user)


def data_sesi(org: Org, **kw) -> dict:
    mulai = timezone.now() + dt.timedelta(days=2)
    base = {"judul": "Mengisi laporan harian dari ponsel", "jenis": "sosialisasi", "mode": "tatap_muka",
            "tempat": "Aula BKPSDM", "tautan_daring": "", "mulai": mulai, "selesai": mulai + dt.timedelta(hours=2),
            "sasaran_unit_ids": [org.dinkes.pk], "sasaran_peran": [], "fokus": ["laporan_harian"],
            "jam_pelajaran": 2, "nilai_lulus": 70, "pendaftaran_terbuka": True, "sertifikat": True}
    base.update(kw)
    return base


def make_sesi(org: Org, *, terbit: bool = True, **kw) -> SesiPelatihan:
    sesi = services.sesi_create(actor=admin(org), **data_sesi(org, **kw))
    if terbit:
        services.sesi_terbitkan(actor=admin(org), sesi=sesi)
    return SesiPelatihan.objects.get(pk=sesi.pk)


def geser(sesi: SesiPelatihan, *, mulai: dt.datetime, durasi: dt.timedelta = dt.timedelta(hours=2)) -> SesiPelatihan:
    """Move a session in time (tests only: the service refuses to plan in the past)."""
    SesiPelatihan.objects.filter(pk=sesi.pk).update(mulai=mulai, selesai=mulai + durasi)
    return SesiPelatihan.objects.get(pk=sesi.pk)


def berjalan(sesi: SesiPelatihan) -> SesiPelatihan:
    return geser(sesi, mulai=timezone.now() - dt.timedelta(minutes=30))


def berakhir(sesi: SesiPelatihan, hari: int = 1) -> SesiPelatihan:
    return geser(sesi, mulai=timezone.now() - dt.timedelta(days=hari, hours=2))


def kode_sekarang(sesi: SesiPelatihan, *, token: bool = False, ts: float | None = None) -> str:
    step = rules.langkah(ts if ts is not None else timezone.now().timestamp())
    f = rules.token_presensi if token else rules.kode_presensi
    return f(sesi.rahasia_presensi, sesi.pk, step)


def make_kuis(org: Org, sesi: SesiPelatihan, n: int = 2) -> list[SoalKuis]:
    soal = [{"pertanyaan": f"Pertanyaan {i}", "pilihan": ["A benar", "B", "C"], "kunci": 0} for i in range(1, n + 1)]
    return services.soal_kuis_simpan(actor=admin(org), sesi=sesi, soal=soal)


def hadirkan(org: Org, sesi: SesiPelatihan, who: str = "staff_1"):
    peserta, _ = services.presensi_catat(actor=fresh(org.user(who)), sesi=sesi, kode=kode_sekarang(sesi))
    return peserta
