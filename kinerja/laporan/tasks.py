"""Background jobs of laporan: periodic reminders (huey, not cron). Each calls one service."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kinerja.laporan import services


@db_periodic_task(crontab(minute="*/10"))
def pengingat_laporan_task() -> int:
    """Every 10 minutes: once the policy hour has passed on a working day, remind pegawai who have not reported
    (once per day and time zone)."""
    return services.pengingat_laporan_kirim()


@db_periodic_task(crontab(minute="*/30"))
def pengingat_tinjauan_task() -> int:
    """Every 30 minutes: on a working-day morning, remind reviewers of reports waiting too long (once a day)."""
    return services.pengingat_tinjauan_kirim()
