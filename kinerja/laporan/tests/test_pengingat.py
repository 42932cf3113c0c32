"""Reminders through the task runner: pegawai without a report by the policy hour on a working day (in their own
time zone), reviewers with reports waiting longer than the policy — each round once."""

import datetime as dt
import zoneinfo

import pytest
from huey.api import PeriodicTask

from kinerja.core.models import Notifikasi
from kinerja.laporan import services, tasks
from kinerja.laporan.models import LaporanHarian, PengingatTerkirim
from kinerja.laporan.tests.factories import data_laporan
from kinerja.organisasi.models import UnitKerja
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(day: dt.date, hour: int, minute: int = 0, tz=WIB) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


WED = dt.date(2026, 3, 11)  # a working day
NYEPI = dt.date(2026, 3, 19)  # a national holiday in the calendar data


def reminded(dunia) -> set[str]:
    names = {getattr(dunia, n).user_id: n for n in ("staff_1", "staff_2", "kasi", "staff_3", "staff_pupr", "kabid",
                                                     "kadis", "admin", "auditor")}
    users = Notifikasi.objects.filter(jenis="pengingat", judul__startswith="Anda belum").values_list("user", flat=True)
    return {names[u] for u in users if u in names}


def test_no_report_by_the_policy_hour_on_a_working_day(dunia_2026):
    d = dunia_2026
    services.laporan_harian_create(actor=fresh(d.staff_2.user), data=data_laporan(d, "staff_2", tanggal=WED),
                                   now=at(WED, 9))
    assert services.pengingat_laporan_kirim(now=at(WED, 15, 55)) == 0  # before 16:00 nothing
    sent = services.pengingat_laporan_kirim(now=at(WED, 16, 5))
    # everyone with an approved SKP and no report today; staff_2 reported; kabid's SKP is a draft
    assert reminded(d) == {"staff_1", "kasi", "staff_3", "staff_pupr"} and sent == 4
    assert services.pengingat_laporan_kirim(now=at(WED, 16, 15)) == 0  # once per day
    assert PengingatTerkirim.objects.get(instansi=d.instansi, jenis="laporan", tanggal=WED).jumlah == 4


def test_no_reminders_on_holidays_or_weekends(dunia_2026):
    assert services.pengingat_laporan_kirim(now=at(NYEPI, 17)) == 0
    assert services.pengingat_laporan_kirim(now=at(dt.date(2026, 3, 14), 17)) == 0  # Saturday
    assert not Notifikasi.objects.exists()


def test_the_hour_is_local_to_each_units_time_zone(dunia_2026):
    d = dunia_2026
    UnitKerja.objects.filter(pk=d.pupr.pk).update(zona_waktu="Asia/Jayapura")
    # 16:10 WIT = 14:10 WIB: only the PUPR pegawai (WIT) are reminded yet
    assert services.pengingat_laporan_kirim(now=at(WED, 16, 10, zoneinfo.ZoneInfo("Asia/Jayapura"))) == 1
    assert reminded(d) == {"staff_pupr"}
    services.pengingat_laporan_kirim(now=at(WED, 16, 10))
    assert reminded(d) == {"staff_1", "staff_2", "kasi", "staff_3", "staff_pupr"}
    assert Notifikasi.objects.filter(user=d.staff_pupr.user).count() == 1


def test_the_hour_is_instansi_policy(dunia_2026):
    d = dunia_2026
    services.kebijakan_laporan_update(actor=fresh(d.admin.user), jam_pengingat=dt.time(13, 0))
    assert services.pengingat_laporan_kirim(now=at(WED, 13, 5)) == 5


def test_reviewers_reminded_of_reports_waiting_too_long(dunia_2026):
    d = dunia_2026
    lama, _ = services.laporan_harian_create(actor=fresh(d.staff_1.user), data=data_laporan(d, tanggal=WED),
                                             ajukan=True, now=at(WED, 15))
    baru, _ = services.laporan_harian_create(actor=fresh(d.staff_2.user),
                                             data=data_laporan(d, "staff_2", tanggal=dt.date(2026, 3, 16)),
                                             ajukan=True, now=at(dt.date(2026, 3, 16), 15))
    # Mon 16 March: the Wednesday report has waited Thu, Fri, Mon = 3 working days: not yet overdue
    assert services.pengingat_tinjauan_kirim(now=at(dt.date(2026, 3, 16), 9)) == 0
    # Tue 17 March, 09:00: 4 working days: the kasi is reminded, once, of one report
    assert services.pengingat_tinjauan_kirim(now=at(dt.date(2026, 3, 17), 7, 30)) == 0  # before 08:00
    assert services.pengingat_tinjauan_kirim(now=at(dt.date(2026, 3, 17), 9)) == 1
    note = Notifikasi.objects.get(user=d.kasi.user, jenis="pengingat")
    assert note.judul == "1 laporan menunggu tinjauan Anda" and "11-03-2026" in note.pesan
    assert services.pengingat_tinjauan_kirim(now=at(dt.date(2026, 3, 17), 10)) == 0
    assert LaporanHarian.objects.filter(pk__in=[lama.pk, baru.pk], status="diajukan").count() == 2


def test_periodic_tasks_are_scheduled_in_huey_not_cron():
    laporan, tinjauan = tasks.pengingat_laporan_task.task_class, tasks.pengingat_tinjauan_task.task_class
    assert issubclass(laporan, PeriodicTask) and issubclass(tinjauan, PeriodicTask)
    assert laporan().validate_datetime(dt.datetime(2026, 3, 11, 16, 10))
    assert not laporan().validate_datetime(dt.datetime(2026, 3, 11, 16, 5))
    assert tinjauan().validate_datetime(dt.datetime(2026, 3, 11, 8, 30))


def test_the_task_runs_the_service(dunia):
    assert tasks.pengingat_laporan_task.call_local() >= 0
    assert tasks.pengingat_tinjauan_task.call_local() >= 0
