"""Audit trail: every write is recorded by django-auditlog (who, when, what, before -> after).

Services run their writes inside `audit_actor(actor)` so the log entry names the person who acted even when
the write comes from a task, a command or the API. Bulk writes (imports, seeding) record their own entries
through `log_bulk`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled, auditlog_value, set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import post_log, pre_log
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.utils.encoding import smart_str

from kinerja.core import cepat


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


def simpan_baru(obj, *, actor) -> None:
    """Insert a new row and its audit entry with fixed SQL (core/cepat.py): the same row `obj.save()` writes and
    the same entry django-auditlog's create receiver writes (pre_log/post_log, the diff, the correlation id, the
    actor set by `audit_actor`, LogEntry's own save signals), without compiling two ORM inserts. When the row's
    primary key is already given (from `nextval`) on PostgreSQL, both go in one statement. For the hottest write
    (a daily report in the 16:00 rush, bench/ingest). The model's own save signals are not sent: use it only for
    models whose only save receivers are auditlog's (the users' tests check theirs). Call it inside the write's
    transaction."""
    model = type(obj)
    row = cepat.Baris(obj)  # runs pre_save: the diff below sees what is inserted
    audited = not auditlog_disabled.get() and auditlog.contains(model)
    together = audited and obj.pk is not None  # one statement on PostgreSQL (cepat.sisip_bersama)
    if not together:
        cepat.sisip_bersama(row)
    if not audited:
        return
    action = LogEntry.Action.CREATE
    pre_log_results = pre_log.send(model, instance=obj, action=action)
    if any(item[1] is False for item in pre_log_results):
        if together:
            cepat.sisip_bersama(row)
        return
    changes = model_instance_diff(None, obj, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES)
    entry, error = None, None
    try:
        pk = obj.pk
        entry = LogEntry(
            content_type=ContentType.objects.get_for_model(obj), object_pk=pk, object_repr=smart_str(obj),
            serialized_data=LogEntry.objects._get_serialized_data_or_none(obj), action=action, changes=changes,
            object_id=pk if isinstance(pk, int) else None, cid=get_cid(),
        )
        extra = getattr(obj, "get_additional_data", None)
        if callable(extra):
            entry.additional_data = extra()
        with audit_actor(actor):  # what LogEntry.save() would signal: auditlog sets the actor on pre_save
            pre_save.send(sender=LogEntry, instance=entry, raw=False, using=connection.alias, update_fields=None)
            if together:
                cepat.sisip_bersama(row, cepat.Baris(entry))
            else:
                cepat.sisip(entry)
            post_save.send(sender=LogEntry, instance=entry, created=True, update_fields=None, raw=False,
                           using=connection.alias)
    except BaseException as exc:
        error = exc
    finally:
        if entry is not None and entry.pk is not None or error is not None:
            post_log.send(model, instance=obj, instance_old=None, action=action, error=error,
                          pre_log_results=pre_log_results, changes=changes, log_entry=entry if error is None else None,
                          log_created=error is None,
                          use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES)
        if error is not None:
            raise error


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
