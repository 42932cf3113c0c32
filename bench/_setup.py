"""Shared bench plumbing: a throw-away database (SQLite under a temp dir, or DATABASE_URL) and timing."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def django_setup(fresh_db: bool = True) -> str:
    """Point Django at a new empty database and migrate it. Returns a label for the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("KINERJA_ENV", "development")
    if fresh_db and not os.environ.get("DATABASE_URL"):
        os.environ["KINERJA_VAR_DIR"] = tempfile.mkdtemp(prefix="kinerja-bench-")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if fresh_db and connection.vendor == "postgresql":
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    return connection.vendor


@contextmanager
def timed(label: str, results: dict):
    started = time.perf_counter()
    yield
    results[label] = time.perf_counter() - started
    print(f"  {label}: {results[label]:.2f} s", flush=True)
