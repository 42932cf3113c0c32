"""Background jobs of partisipasi (huey): SLA escalation, retention, clean-up of anti-abuse counters."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kinerja.partisipasi import perlindungan, services


@db_periodic_task(crontab(minute="15", hour="7-17"))
def pengaduan_eskalasi_task() -> int:
    """Every working hour: complaints past their SLA go to the pimpinan OPD and Inspektorat (once per stage)."""
    return services.pengaduan_eskalasi()


@db_periodic_task(crontab(minute="30", hour="2"))
def retensi_task() -> dict:
    """Nightly: erase complainants' identities and address/device hashes past the retention period."""
    return services.retensi_terapkan()


@db_periodic_task(crontab(minute="5"))
def bersihkan_task() -> int:
    """Hourly: drop expired rate-limit counters and used challenges."""
    return perlindungan.bersihkan()
