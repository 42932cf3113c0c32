"""Background jobs of pelatihan: they load by id and call one service."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kinerja.core.exceptions import ApplicationError
from kinerja.core.models import Instansi
from kinerja.pelatihan import services
from kinerja.pelatihan.models import SesiPelatihan, StatusSesi

log = logging.getLogger(__name__)


@db_task()
def kabar_sesi_task(sesi_id: int, jenis: str) -> int:
    """Send the invitations (or the change/cancellation notice) of a session to its participants."""
    return services.kabar_peserta(sesi_id=sesi_id, jenis=jenis)


@db_task()
def undang_task(sesi_id: int, actor_id: int) -> int:
    """Invite a large audience (created after publishing), then notify everyone."""
    from django.contrib.auth import get_user_model

    from kinerja.pelatihan.services.sesi import undang_peserta

    actor = get_user_model().objects.get(pk=actor_id)
    n = undang_peserta(actor=actor, sesi=SesiPelatihan.objects.get(pk=sesi_id))
    services.kabar_peserta(sesi_id=sesi_id, jenis="undangan")
    return n


@db_periodic_task(crontab(hour="1", minute="30"))
def metrik_adopsi_task() -> int:
    """Every night: the adoption figures of this week and the previous one."""
    return services.metrik_adopsi_hitung_berkala()


@db_periodic_task(crontab(hour="2", minute="15"))
def sesi_tuntaskan_task() -> int:
    """Every night: certificates and development history for sessions that ended in the last 8 days (late quiz
    passes included)."""
    now = timezone.now()
    n = 0
    for sesi in SesiPelatihan.objects.filter(status=StatusSesi.TERBIT, selesai__lte=now,
                                             selesai__gte=now - dt.timedelta(days=8)):
        try:
            n += services.sesi_tuntaskan(actor=None, sesi=sesi)
        except ApplicationError:  # pragma: no cover - logged, the next night tries again
            log.exception("Gagal menuntaskan sesi %s", sesi.pk)
    return n


@db_periodic_task(crontab(hour="6", minute="0"))
def survei_berkala_task() -> int:
    """Every morning: open the quarter's pulse-survey round on its first working day."""
    return sum(1 for instansi in Instansi.objects.all()
               if services.putaran_survei_buka_berkala(instansi=instansi) is not None)
