"""The instansi's supervision policy (thresholds of the warning rules and anomaly detectors)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, Forbidden, validation_error_detail
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.pengawasan.models import KebijakanPengawasan

MSG_HANYA_ADMIN = "Hanya admin BKPSDM yang dapat mengubah kebijakan pengawasan."
MSG_PERIKSA = "Periksa kembali isian kebijakan."


def ambang_for(instansi_id: int) -> KebijakanPengawasan:
    """The saved policy, or an unsaved one with the defaults."""
    return (KebijakanPengawasan.objects.filter(instansi_id=instansi_id).first()
            or KebijakanPengawasan(instansi_id=instansi_id))


def _fields() -> list[str]:
    return [f.name for f in KebijakanPengawasan._meta.get_fields()
            if getattr(f, "editable", False) and f.name not in ("id", "instansi", "created_at", "updated_at")]


EDITABLE = _fields()


@transaction.atomic
def kebijakan_pengawasan_update(*, actor, **values) -> KebijakanPengawasan:
    """Admin BKPSDM saves the thresholds (validated against each field's limits; audited)."""
    if not has_role(actor, Peran.ADMIN_BKPSDM):
        raise Forbidden(MSG_HANYA_ADMIN)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ApplicationError(MSG_PERIKSA, detail={k: ["Isian tidak dikenal."] for k in sorted(unknown)})
    obj = (KebijakanPengawasan.objects.select_for_update().filter(instansi_id=actor.instansi_id).first()
           or KebijakanPengawasan(instansi_id=actor.instansi_id))
    for k, v in values.items():
        setattr(obj, k, v)
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ApplicationError(MSG_PERIKSA, detail=validation_error_detail(exc)) from exc
    with audit_actor(actor):
        obj.save()
    return obj
