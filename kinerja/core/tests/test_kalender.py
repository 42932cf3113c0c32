import datetime as dt

import pytest

from kinerja.core import kalender
from kinerja.core.models import HariLibur, Instansi

pytestmark = pytest.mark.django_db


def test_weekends_and_national_holidays_are_not_working_days():
    assert kalender.is_hari_kerja(dt.date(2026, 11, 27))  # Friday
    assert not kalender.is_hari_kerja(dt.date(2026, 11, 28))  # Saturday
    assert not kalender.is_hari_kerja(dt.date(2026, 8, 17))  # Hari Kemerdekaan (Monday)
    assert not kalender.is_hari_kerja(dt.date(2026, 3, 23))  # cuti bersama Idul Fitri
    assert HariLibur.objects.filter(tanggal__year=2026).count() >= 20


def test_add_working_days_skips_weekends_and_holidays():
    # Friday 14 Aug 2026 + 1 working day: Mon 17 Aug is Hari Kemerdekaan -> Tuesday 18 Aug
    assert kalender.add_hari_kerja(dt.date(2026, 8, 14), 1) == dt.date(2026, 8, 18)
    # the LAPOR! verification SLA: 3 working days from Wednesday 23 Dec 2026 (24, 25 Dec off) -> Wednesday 30 Dec
    assert kalender.add_hari_kerja(dt.date(2026, 12, 23), 3) == dt.date(2026, 12, 30)
    assert kalender.add_hari_kerja(dt.date(2026, 8, 18), -1) == dt.date(2026, 8, 14)


def test_working_days_between_and_in_range():
    assert kalender.hari_kerja_between(dt.date(2026, 11, 20), dt.date(2026, 11, 27)) == 5
    assert kalender.hari_kerja_between(dt.date(2026, 11, 27), dt.date(2026, 11, 20)) == -5
    assert len(kalender.hari_kerja_in_range(dt.date(2026, 11, 1), dt.date(2026, 11, 30))) == 21


def test_regional_holiday_applies_to_its_instansi_only():
    a = Instansi.objects.create(kode="a", nama="A", nama_daerah="A")
    HariLibur.objects.create(instansi=a, tanggal=dt.date(2026, 11, 26), jenis="libur_daerah", nama="Hari Jadi")
    kalender.invalidate()
    assert not kalender.is_hari_kerja(dt.date(2026, 11, 26), a.pk)
    assert kalender.is_hari_kerja(dt.date(2026, 11, 26), None)
