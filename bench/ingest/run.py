"""Bench: the 16:00 rush of daily reports (issue 4, Deliver 9).

For each database (SQLite WAL under a temp dir; PostgreSQL in a database of its own, default
postgres://postgres@127.0.0.1:5432/kinerja_bench_ingest) it seeds an OPD with N pegawai (approved SKP, API token
each), starts gunicorn (sync workers, CONN_MAX_AGE=60, the floor view switched on) and runs locust three times:

  1. full, saturated  — 100 phones sending back to back to POST /api/v1/laporan/harian (token auth,
                        Idempotency-Key, validation, audit): the maximum throughput of the real endpoint;
  2. floor, saturated — the same 100 phones posting the same row to a bare Django view (no auth, no validation,
                        no audit), in the same database and server: the floor;
  3. full, rush       — 100 concurrent phones each sending a report every 0.5–1.5 s (a person filling in the
                        form): latency of the real endpoint at 100 concurrent users.

Printed: throughput, p50/p95/p99, errors, the largest gunicorn worker RSS, and the verdict against the targets
(full ≥ 50 % of the floor's throughput; p95 < 300 ms at 100 concurrent users; 0 errors; worker RSS < 200 MB).
Locust runs on the same 2-core machine and takes most of one core, so all figures are lower bounds.

Usage: .venv/bin/python bench/ingest/run.py [--db sqlite|postgres|both] [--users 100] [--seconds 30]
                                            [--workers 3] [--pegawai 3000]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PY = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/kinerja_bench_ingest")
TARGET_RATIO, TARGET_P95_MS, TARGET_RSS_MB = 0.5, 300, 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(db: str, var_dir: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "KINERJA_ENV": "development", "DJANGO_DEBUG": "false",
                "KINERJA_VAR_DIR": var_dir, "CONN_MAX_AGE": "60", "KINERJA_BENCH_FLOOR": "1", "LOG_LEVEL": "ERROR",
                "PYTHONPATH": str(ROOT)})
    if db == "postgres":
        env["DATABASE_URL"] = PG_URL
    return env


def prepare(db: str, var_dir: str, n_pegawai: int, data_path: str) -> None:
    """Fresh database, migrated and seeded (in a subprocess, so this process stays free of Django)."""
    env = base_env(db, var_dir)
    if db == "postgres":
        subprocess.run([PY, "-c", "import sys; sys.path.insert(0, 'bench'); from _setup import _recreate_postgres_db;"
                        f"_recreate_postgres_db({PG_URL!r})"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "-m", "kinerja", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True,
                   stderr=subprocess.DEVNULL)
    code = (f"import django; django.setup(); import sys; sys.path.insert(0, {str(HERE)!r}); import _dunia; "
            f"_dunia.seed({n_pegawai}, {data_path!r})")
    subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, stderr=subprocess.DEVNULL)


class Server:
    """gunicorn with sync workers; samples the workers' RSS while it runs."""

    def __init__(self, db: str, var_dir: str, workers: int):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [PY, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers",
             str(workers), "--worker-class", "sync", "--timeout", "60", "--backlog", "2048"],
            cwd=ROOT, env=base_env(db, var_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.max_rss = 0
        self._stop = threading.Event()
        self._wait_ready()
        threading.Thread(target=self._sample, daemon=True).start()

    def workers(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.proc.pid).children()
        except psutil.NoSuchProcess:
            return []

    def _wait_ready(self) -> None:
        import urllib.request

        for _ in range(150):
            try:
                urllib.request.urlopen(f"{self.url}/sehat/", timeout=1)  # noqa: S310 - local
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def _sample(self) -> None:
        while not self._stop.is_set():
            for w in self.workers():
                with contextlib.suppress(psutil.NoSuchProcess):
                    self.max_rss = max(self.max_rss, w.memory_info().rss)
            time.sleep(0.5)

    def stop(self) -> None:
        self._stop.set()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def locust(url: str, data_path: str, mode: str, users: int, seconds: int, wait: str, part: str, out: str) -> dict:
    env = {**os.environ, "BENCH_DATA": data_path, "BENCH_MODE": mode, "BENCH_WAIT": wait, "BENCH_USERS": str(users),
           "BENCH_PART": part}
    prefix = os.path.join(out, f"{mode}-{wait.replace('.', '_')}")
    subprocess.run([str(Path(PY).parent / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "-u",
                    str(users), "-r", str(users), "-t", f"{seconds}s", "--host", url, "--csv", prefix,
                    "--only-summary", "--stop-timeout", "5", "--loglevel", "ERROR"],
                   cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Name"] == "Aggregated")
    failures = []
    if os.path.exists(f"{prefix}_failures.csv"):
        with open(f"{prefix}_failures.csv") as fh:
            failures = [f"{r['Occurrences']}× {r['Error'][:90]}" for r in csv.DictReader(fh)]
    return {"requests": int(row["Request Count"]), "errors": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]), "p50": float(row["50%"]), "p95": float(row["95%"]),
            "p99": float(row["99%"]), "failures": failures}


def run_db(db: str, args) -> dict:
    var_dir = tempfile.mkdtemp(prefix=f"kinerja-ingest-{db}-")
    data_path = os.path.join(var_dir, "bench.json")
    started = time.perf_counter()
    prepare(db, var_dir, args.pegawai, data_path)
    print(f"\n== {db}: {args.pegawai} pegawai seeded in {time.perf_counter() - started:.1f} s; "
          f"gunicorn {args.workers} sync workers; {args.users} users; {args.seconds} s per run", flush=True)
    server = Server(db, var_dir, args.workers)
    third = args.pegawai // 3
    results = {}
    try:
        results["full"] = locust(server.url, data_path, "full", args.users, args.seconds, "0", f"0:{third}", var_dir)
        results["floor"] = locust(server.url, data_path, "floor", args.users, args.seconds, "0",
                                  f"{2 * third}:{3 * third}", var_dir)
        results["rush"] = locust(server.url, data_path, "full", args.users, args.seconds, "0.5-1.5",
                                 f"{third}:{2 * third}", var_dir)
    finally:
        server.stop()
    results["rss_mb"] = server.max_rss / 1024 / 1024
    report(db, results, args.users)
    if not args.keep:
        shutil.rmtree(var_dir, ignore_errors=True)
    return results


def report(db: str, r: dict, users: int) -> None:
    print(f"{'run':<28} {'req':>7} {'err':>5} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    labels = {"full": "full API, saturated", "floor": "floor (bare insert), sat.", "rush": f"full API, {users} users rush"}
    for key in ("full", "floor", "rush"):
        x = r[key]
        print(f"{labels[key]:<28} {x['requests']:>7} {x['errors']:>5} {x['rps']:>8.1f} {x['p50']:>7.0f} "
              f"{x['p95']:>7.0f} {x['p99']:>7.0f}")
        for f in x["failures"][:5]:
            print(f"    failure: {f}")
    ratio = r["full"]["rps"] / r["floor"]["rps"] if r["floor"]["rps"] else 0.0
    errors = r["full"]["errors"] + r["floor"]["errors"] + r["rush"]["errors"]
    ok = lambda c: "OK" if c else "MISSED"  # noqa: E731
    print(f"throughput full/floor: {ratio:.0%} (target ≥ {TARGET_RATIO:.0%}) {ok(ratio >= TARGET_RATIO)}")
    print(f"p95 at {users} concurrent users (rush): {r['rush']['p95']:.0f} ms "
          f"(target < {TARGET_P95_MS}) {ok(r['rush']['p95'] < TARGET_P95_MS)}; saturated: {r['full']['p95']:.0f} ms")
    print(f"errors: {errors} (target 0) {ok(errors == 0)}")
    print(f"largest worker RSS: {r['rss_mb']:.0f} MB (target < {TARGET_RSS_MB}) {ok(r['rss_mb'] < TARGET_RSS_MB)}")
    print(f"RESULT ingest db={db} full_rps={r['full']['rps']:.1f} floor_rps={r['floor']['rps']:.1f} "
          f"ratio={ratio:.2f} rush_p95_ms={r['rush']['p95']:.0f} sat_p95_ms={r['full']['p95']:.0f} "
          f"errors={errors} rss_mb={r['rss_mb']:.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--pegawai", type=int, default=3000)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, locust CSVs)")
    args = parser.parse_args()
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        run_db(db, args)


if __name__ == "__main__":
    main()
