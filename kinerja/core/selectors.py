"""Reads owned by core, scoped to what the actor may see."""

from __future__ import annotations

from datetime import date, datetime, time

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.core.exceptions import MSG_FORBIDDEN, Forbidden
from kinerja.core.models import CatatanAudit, Notifikasi, Peran
from kinerja.core.roles import has_role


def audit_log_search(
    *, actor, q: str = "", model: str = "", actor_q: str = "", dari: date | None = None,
    sampai: date | None = None, action: int | None = None,
) -> QuerySet[LogEntry]:
    """Audit entries of the actor's instansi (Inspektorat and admin BKPSDM only)."""
    if not has_role(actor, Peran.INSPEKTORAT, Peran.ADMIN_BKPSDM):
        raise Forbidden(MSG_FORBIDDEN)
    qs = LogEntry.objects.select_related("content_type", "actor").filter(
        Q(additional_data__instansi=actor.instansi_id) | Q(actor__instansi_id=actor.instansi_id)
    )
    if q:
        qs = qs.filter(Q(object_repr__icontains=q) | Q(changes_text__icontains=q) | Q(object_pk=q))
    if model:
        qs = qs.filter(content_type__model=model.lower())
    if actor_q:
        qs = qs.filter(Q(actor__username__icontains=actor_q) | Q(actor__nama_lengkap__icontains=actor_q))
    tz = timezone.get_current_timezone()
    if dari:
        qs = qs.filter(timestamp__gte=datetime.combine(dari, time.min, tzinfo=tz))
    if sampai:
        qs = qs.filter(timestamp__lte=datetime.combine(sampai, time.max, tzinfo=tz))
    if action is not None:
        qs = qs.filter(action=action)
    return qs.order_by("-timestamp", "-pk")


def notifikasi_list(*, user, unread_only: bool = False) -> QuerySet[Notifikasi]:
    qs = Notifikasi.objects.filter(user=user)
    if unread_only:
        qs = qs.filter(dibaca_pada__isnull=True)
    return qs.order_by("-created_at")


def catatan_audit_list(*, actor) -> QuerySet[CatatanAudit]:
    if not has_role(actor, Peran.INSPEKTORAT):
        raise Forbidden(MSG_FORBIDDEN)
    return CatatanAudit.objects.filter(instansi_id=actor.instansi_id).select_related("penulis")
