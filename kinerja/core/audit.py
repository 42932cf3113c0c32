"""Audit trail: every write is recorded by django-auditlog (who, when, what, before -> after).

Services run their writes inside `audit_actor(actor)` so the log entry names the person who acted even when
the write comes from a task, a command or the API. Bulk writes (imports, seeding) record their own entries
through `log_bulk`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save


def _active_context() -> dict | None:
    """auditlog's current actor context, if its signal receiver is still connected. auditlog leaves its context
    variable set after the block ends, so a value alone does not mean a context is active."""
    current = auditlog_value.get(None)
    if current is None:
        return None
    duid = current.get("signal_duid")
    return current if any(r[0][0] == duid for r in pre_save.receivers) else None


@contextlib.contextmanager
def audit_actor(actor) -> Iterator[None]:
    """Attribute audit entries written inside the block to `actor` (re-entrant for the same actor)."""
    outer = _active_context()
    if actor is None or (outer is not None and outer.get("actor") == actor):
        yield
        return
    with set_actor(actor, remote_addr=outer.get("remote_addr") if outer else None):
        yield
    if outer is not None:
        auditlog_value.set(outer)  # give the outer block its context back


def log_bulk(*, actor, objects: Iterable, action: int, changes_for=None) -> int:
    """Write one audit entry per object for writes done with bulk_create/bulk_update."""
    entries = []
    ct_cache: dict[type, ContentType] = {}
    for obj in objects:
        model = type(obj)
        ct = ct_cache.get(model) or ContentType.objects.get_for_model(model)
        ct_cache[model] = ct
        entries.append(
            LogEntry(
                content_type=ct,
                object_pk=str(obj.pk),
                object_id=obj.pk if isinstance(obj.pk, int) else None,
                object_repr=str(obj)[:200],
                action=action,
                changes=changes_for(obj) if changes_for else {},
                actor=actor,
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)
