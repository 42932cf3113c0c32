"""Background jobs of organisasi: they load by id and call one service."""

import contextlib

from django.contrib.auth import get_user_model
from huey.contrib.djhuey import db_task

from kinerja.core.exceptions import ApplicationError
from kinerja.organisasi import impor
from kinerja.organisasi.models import ImporData


@db_task()
def impor_check_task(impor_id: int, actor_id: int) -> None:
    actor = get_user_model().objects.get(pk=actor_id)
    impor.impor_data_check(actor=actor, impor=ImporData.objects.get(pk=impor_id))


@db_task()
def impor_apply_task(impor_id: int, actor_id: int) -> None:
    actor = get_user_model().objects.get(pk=actor_id)
    with contextlib.suppress(ApplicationError):  # the failure is recorded on the ImporData row for the user
        impor.impor_data_apply(actor=actor, impor=ImporData.objects.get(pk=impor_id))
