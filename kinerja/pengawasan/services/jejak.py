"""Audit entries for rows the periodic jobs write in bulk (warnings raised or resolved by the system).

Like core.audit.log_bulk, but each entry also stores the instansi (`additional_data`), so Inspektorat's audit
search — scoped to its instansi — finds them too.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def log_bulk(*, actor, objects: Iterable, action: int, changes_for=None) -> int:
    entries = []
    for obj in objects:
        ct = ContentType.objects.get_for_model(type(obj))
        entries.append(LogEntry(
            content_type=ct, object_pk=str(obj.pk), object_id=obj.pk if isinstance(obj.pk, int) else None,
            object_repr=str(obj)[:200], action=action, changes=changes_for(obj) if changes_for else {},
            actor=actor, additional_data={"instansi": obj.instansi_id}))
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def hapus(qs) -> int:
    """Delete the rows of a queryset of pengawasan's own aggregate tables in one SQL statement.

    QuerySet.delete() loads every row first whenever any app listens to delete signals globally; these tables
    have no dependants and no audit, so a raw delete is both correct and much faster for the periodic jobs."""
    return qs._raw_delete(qs.db)
