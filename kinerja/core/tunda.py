"""Usage marks written behind: records that only say something was used — an API token's last use, an account's
active day — are gathered per process and written together, in one transaction, at most every
`KINERJA_TUNDA_DETIK` seconds (default 2; 0 writes at the end of every request, as the tests do). The
`TundaMiddleware` writes them after a response; a process also writes what it holds when it exits.

Why: each mark was a write transaction of its own, and on SQLite every write transaction takes the database's single
write lock; during the 16:00 rush they doubled the lock traffic of report submissions (bench/ingest).
What it costs: a worker killed with SIGKILL loses at most those seconds of marks. They are counters, never audited
and never a decision; a failed write keeps the marks and tries again after RETRY_SECONDS.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Callable, Hashable

from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)
RETRY_SECONDS = 5 * 60
MAX_PENDING = 50_000  # beyond this (a database down for long), new marks are dropped rather than held

_lock = threading.Lock()
_writers: dict[str, Callable[[dict], None]] = {}
_pending: dict[str, dict] = {}
_state = {"last": time.monotonic(), "retry_at": 0.0}


def register(kind: str, writer: Callable[[dict], None]) -> None:
    """`writer(items)` writes a batch {key: value} of one kind; it runs inside the flush's transaction."""
    _writers[kind] = writer


def tandai(kind: str, key: Hashable, value) -> None:
    """Mark that something was used; a later mark with the same key replaces the earlier one."""
    with _lock:
        items = _pending.setdefault(kind, {})
        if key in items or sum(len(v) for v in _pending.values()) < MAX_PENDING:
            items[key] = value


def pending() -> int:
    return sum(len(v) for v in _pending.values())


def flush_if_due() -> None:
    if not _pending:
        return
    now = time.monotonic()
    if now < _state["retry_at"] or now - _state["last"] < getattr(settings, "KINERJA_TUNDA_DETIK", 2):
        return
    flush()


def flush() -> None:
    """Write everything marked so far, in one transaction. Never raises: a failure is logged, the marks are kept
    (unless newer ones replaced them) and retried after RETRY_SECONDS."""
    with _lock:
        batch = {kind: items for kind, items in _pending.items() if items}
        _pending.clear()
        _state["last"] = time.monotonic()
    if not batch:
        return
    try:
        with transaction.atomic():
            for kind, items in batch.items():
                _writers[kind](items)
    except Exception:  # noqa: BLE001 - usage marks must never break a response
        log.warning("Tanda pemakaian tidak tercatat; dicoba lagi nanti", exc_info=True)
        with _lock:
            for kind, items in batch.items():
                newer = _pending.setdefault(kind, {})
                for key, value in items.items():
                    newer.setdefault(key, value)
            _state["retry_at"] = time.monotonic() + RETRY_SECONDS
    else:
        _state["retry_at"] = 0.0


def forget() -> None:
    """Drop unwritten marks (tests)."""
    with _lock:
        _pending.clear()
        _state["retry_at"] = 0.0


@atexit.register
def _on_exit() -> None:  # pragma: no cover - runs when a worker process ends
    flush()  # never raises
