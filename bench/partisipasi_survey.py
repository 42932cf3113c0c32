"""Bench: 200 concurrent citizens submitting the IKM survey (locust) against gunicorn. Target: 0 errors,
p95 < 300 ms. Prints the figures; asserts nothing (tests never assert timings).

Usage:
  .venv/bin/python bench/partisipasi_survey.py [USERS] [SECONDS]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_partisipasi_bench .venv/bin/python bench/partisipasi_survey.py

The server runs as in production (gunicorn sync workers, CONN_MAX_AGE 60, the real rate limiter, duplicate check
and ALTCHA verification). Two bench-only settings: PARTISIPASI_PERCAYA_XFF=true so that each simulated citizen
has its own address (the load generator is one machine), and a small ALTCHA difficulty
(PARTISIPASI_ALTCHA_MAX=2000) because locust solves every proof-of-work in Python on the same two cores a phone
would spend in its own browser.
"""

import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT, django_setup


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed() -> list[str]:
    """A small regency: one instansi, units and 20 service points (the survey touches only these)."""
    from kinerja.core.models import Instansi
    from kinerja.organisasi.models import UnitKerja
    from kinerja.partisipasi.models import KebijakanPartisipasi, TitikLayanan

    instansi = Instansi.objects.create(kode="bench", nama="Pemerintah Kabupaten Bench", nama_daerah="Kabupaten Bench")
    KebijakanPartisipasi.objects.create(instansi=instansi)
    codes = []
    for i in range(20):
        unit = UnitKerja.objects.create(instansi=instansi, kode=f"U{i:02d}", nama=f"Unit Layanan {i + 1}",
                                        jenis="upt")
        unit.path = f"{unit.pk:08d}/"
        unit.save(update_fields=["path"])
        kode = f"bench-{i + 1:02d}"
        TitikLayanan.objects.create(instansi=instansi, unit_kerja=unit, nama=f"Loket {i + 1}", kode=kode,
                                    populasi_per_tahun=5000)
        codes.append(kode)
    return codes


def main(users: int = 200, seconds: int = 90) -> None:
    vendor = django_setup()
    codes = _seed()
    from django.db import connection

    connection.close()
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "KINERJA_ENV": "development",
           "PARTISIPASI_PERCAYA_XFF": "true", "PARTISIPASI_ALTCHA_MAX": "2000", "LOG_LEVEL": "ERROR",
           "BENCH_KODE": ",".join(codes)}
    workers = os.environ.get("BENCH_WORKERS", "3")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
         workers, "--worker-class", "sync", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        import urllib.request

        for i in range(30):  # warm every worker up (templates compiled, connections open)
            urllib.request.urlopen(f"http://127.0.0.1:{port}/p/{codes[i % len(codes)]}/survei/").read()
        out = Path(tempfile.mkdtemp(prefix="kinerja-bench-locust-")) / "survei"
        started = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "partisipasi_locustfile.py"),
             "--headless", "-u", str(users), "-r", str(max(1, users // 20)), "-t", f"{seconds}s", "--reset-stats",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(out), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    with open(f"{out}_stats.csv") as fh:
        rows = {r["Name"]: r for r in csv.DictReader(fh)}
    total = rows["Aggregated"]
    from kinerja.partisipasi.models import ResponSurvei

    saved = ResponSurvei.objects.count()
    print(f"Survey bench: {users} concurrent citizens for {seconds} s on {vendor} ({workers} gunicorn workers), "
          f"wall {elapsed:.0f} s; figures from when all {users} are active (ramp-up {users // max(1, users // 20)} s "
          f"excluded); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name in ("/p/[kode]/survei/ GET", "/p/[kode]/survei/ POST", "/p/[kode]/terima-kasih/", "Aggregated"):
        r = rows.get(name)
        if r:
            print(f"  {name:28} n={r['Request Count']:>6} err={r['Failure Count']:>4} "
                  f"p50={r['50%']:>5} ms p95={r['95%']:>5} ms p99={r['99%']:>5} ms rps={float(r['Requests/s']):.1f}")
    posts = rows.get("/p/[kode]/survei/ POST", {})
    errors = int(total["Failure Count"])
    p95 = float(total["95%"])
    print(f"  responses saved in the database: {saved} (successful submissions: "
          f"{int(posts.get('Request Count', 0)) - int(posts.get('Failure Count', 0))})")
    verdict = "OK" if errors == 0 and p95 < 300 else "MISSED"
    print(f"RESULT partisipasi_survey users={users} db={vendor} requests={total['Request Count']} errors={errors} "
          f"p95_ms={p95:.0f} target=0 errors,p95<300 {verdict}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
