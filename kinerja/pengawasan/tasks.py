"""Periodic jobs of pengawasan (huey, not cron). Each runs one service per instansi.

- every minute: the incremental aggregate refresh (dashboards are at most a minute behind);
- every 5 minutes: the early-warning rules;
- every 15 minutes: the integrity anomaly detectors;
- nightly: a full aggregate fill (achievement against the linear schedule moves with the date), profiles,
  top performers and the weekly verification sample.
"""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from kinerja.core.models import Instansi
from kinerja.pengawasan import services

log = logging.getLogger(__name__)


def _semua(fn, **kw) -> None:
    for instansi in Instansi.objects.all():
        try:
            fn(instansi=instansi, **kw)
        except Exception:  # one tenant's failure must not stop the others; the state row records it
            log.exception("pengawasan: %s gagal untuk instansi %s", fn.__name__, instansi.pk)


@db_periodic_task(crontab(minute="*"))
@lock_task("pengawasan-agregat")
def agregat_task() -> None:
    _semua(services.agregat_refresh)


@db_periodic_task(crontab(minute="*/5"))
@lock_task("pengawasan-peringatan")
def peringatan_task() -> None:
    _semua(services.peringatan_generate)


@db_periodic_task(crontab(minute="*/15"))
@lock_task("pengawasan-anomali")
def anomali_task() -> None:
    _semua(services.anomali_deteksi)


@db_periodic_task(crontab(minute="20", hour="1"))
@lock_task("pengawasan-harian")
def harian_task() -> None:
    _semua(services.agregat_refresh, penuh=True)
    _semua(services.profil_refresh)
    _semua(services.teladan_refresh)
    _semua(services.sampel_buat)


@db_task()
def segarkan_task(instansi_id: int) -> None:
    """On demand (admin's "refresh now"): aggregates, then warnings."""
    instansi = Instansi.objects.get(pk=instansi_id)
    services.agregat_refresh(instansi=instansi)
    services.peringatan_generate(instansi=instansi)
