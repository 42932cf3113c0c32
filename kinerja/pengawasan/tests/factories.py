"""Test data for pengawasan: laporan's `build_dunia()` (build_org + a running period + approved SKP for staff_1,
staff_2, kasi, staff_3 and staff_pupr) plus daily reports written with the ORM, so a test controls dates, hours,
review times, texts and coordinates exactly (laporan's own services are tested in laporan)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from kinerja.core import kalender
from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.laporan.tests.factories import Dunia, build_dunia  # noqa: F401  (re-exported for the tests)
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.selectors import atasan_langsung

_seq = itertools.count(1)
TZ = dt.timezone(dt.timedelta(hours=7))


def hari_kerja_lalu(n: int, instansi_id: int | None = None, dari: dt.date | None = None) -> list[dt.date]:
    """The n working days before `dari` (default today), oldest first."""
    dari = dari or timezone.localdate()
    return sorted(kalender.add_hari_kerja(dari, -i, instansi_id) for i in range(1, n + 1))


def aware(day: dt.date, hour: int = 9, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=TZ)


def lapor(dunia: Dunia, who: str, tanggal: dt.date, *, jam=(8, 0), sampai=(10, 0), uraian: str | None = None,
          status: str = StatusLaporan.DISETUJUI, output: int = 2, diajukan: dt.datetime | None = None,
          ditinjau: dt.datetime | None = None, revisi: int = 0, lat=None, lon=None, indikator=None
          ) -> LaporanHarian:
    pegawai: Pegawai = getattr(dunia.org, who)
    skp = dunia.skp[who]
    rhk = skp.rhk.order_by("urutan")[0]
    ind = indikator or rhk.indikator.order_by("urutan")[0]
    penilai = atasan_langsung(Pegawai.objects.select_related("jabatan").get(pk=pegawai.pk))
    diajukan = diajukan or aware(tanggal, sampai[0], sampai[1] + 5 if sampai[1] < 50 else 0)
    if ditinjau is None and status in (StatusLaporan.DISETUJUI, StatusLaporan.PERLU_REVISI):
        ditinjau = diajukan + dt.timedelta(hours=3)
    menit = (sampai[0] * 60 + sampai[1]) - (jam[0] * 60 + jam[1])
    return LaporanHarian.objects.create(
        instansi_id=pegawai.instansi_id, pegawai=pegawai, tanggal=tanggal, jam_mulai=dt.time(*jam),
        jam_selesai=dt.time(*sampai), durasi_menit=menit, skp=skp, rhk=ind.rhk, indikator=ind,
        uraian=uraian or f"Kegiatan rutin nomor {next(_seq)}", output_jumlah=Decimal(output),
        output_satuan=ind.satuan, status=status, unit_kerja=pegawai.unit_kerja, penilai=penilai,
        jabatan_nama=pegawai.jabatan.nama, unit_kerja_nama=pegawai.unit_kerja.nama,
        diajukan_pada=diajukan if status != StatusLaporan.DRAFT else None, ditinjau_pada=ditinjau,
        dibuka_penilai_pada=ditinjau, ditinjau_oleh_id=penilai.user_id if ditinjau and penilai else None,
        jumlah_revisi=revisi, latitude=lat, longitude=lon)


def hari_sebulan(n: int, instansi_id: int | None = None) -> list[dt.date]:
    """n past working days that all fall in one month (the most recent month that has enough of them)."""
    per: dict[dt.date, list[dt.date]] = {}
    for day in hari_kerja_lalu(45, instansi_id):
        per.setdefault(day.replace(day=1), []).append(day)
    for bulan in sorted(per, reverse=True):
        if len(per[bulan]) >= n:
            return per[bulan][-n:]
    raise AssertionError("not enough working days")
