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
    if fresh_db and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        _recreate_postgres_db(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return connection.vendor


@contextmanager
def timed(label: str, results: dict):
    started = time.perf_counter()
    yield
    results[label] = time.perf_counter() - started
    print(f"  {label}: {results[label]:.2f} s", flush=True)


def _recreate_postgres_db(url: str) -> None:
    """Drop and create the bench database named in DATABASE_URL (never the one the app uses)."""
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    assert "bench" in name, "bench scripts only recreate a database whose name contains 'bench'"
    admin = url.replace(parsed.path, "/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
