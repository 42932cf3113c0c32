"""Background jobs of penilaian: periodic reminders (huey). Each calls one service."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kinerja.penilaian import services


@db_periodic_task(crontab(minute="*/15"))
def pengingat_dialog_task() -> int:
    """Every 15 minutes: remind people of dialogues starting within 24 hours and of action items due (once)."""
    return services.pengingat_dialog()


@db_periodic_task(crontab(minute="5", hour="7"))
def pengingat_360_task() -> int:
    """Every morning: remind raters of peer-feedback invitations whose deadline is near (every 3 days at most)."""
    return services.pengingat_360()
