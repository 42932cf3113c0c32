"""Bench of pengawasan on the 20,000-pegawai demo regency (prints figures; tests never assert timings):

1. `seed_demo --pegawai 20000` (pengawasan's demo runs last: planted anomalies + every job);
2. regency-wide aggregates: a full fill, then an incremental refresh after one working day of reports for every
   pegawai with an approved SKP (target < 60 s), plus the warning rules and the anomaly detectors on that day;
3. dashboard latency: gunicorn (2 sync workers) + locust, 20 concurrent viewers (kepala dinas on the OPD
   dashboard of Dinas Kesehatan and its units, the Bupati on the regency) — p95 target < 500 ms.

Usage: .venv/bin/python bench/pengawasan_bench.py [N] [SECONDS]   (DATABASE_URL selects PostgreSQL)
"""

import csv
import datetime as dt
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

from _setup import ROOT, django_setup, timed

LOCUSTFILE = r'''
import random
from locust import HttpUser, between, task

UNIT_IDS = [int(x) for x in "{unit_ids}".split(",") if x]


class Pengguna(HttpUser):
    """Viewers are already signed in (a session prepared by the bench): the figures measure the dashboards, not
    password hashing at the login form."""
    wait_time = between(0.5, 1.5)
    sesi = ""

    def on_start(self):
        self.client.cookies.set("sessionid", self.sesi)


class KepalaDinas(Pengguna):
    weight = 3
    sesi = "{sesi_kadis}"

    @task(3)
    def dasbor_opd(self):
        self.client.get("/pengawasan/dasbor/unit/{opd_id}/", name="dasbor OPD (Dinas Kesehatan)")

    @task(2)
    def dasbor_unit(self):
        self.client.get(f"/pengawasan/dasbor/unit/{{random.choice(UNIT_IDS)}}/", name="dasbor unit")

    @task(1)
    def peringatan(self):
        self.client.get("/pengawasan/peringatan/", name="peringatan")


class Bupati(Pengguna):
    weight = 1
    sesi = "{sesi_bupati}"

    @task
    def dasbor_kabupaten(self):
        self.client.get("/pengawasan/dasbor/", name="dasbor kabupaten")
'''


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sesi(username: str) -> str:
    """A signed-in session for a demo account, created in the bench database (as the login view would)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def satu_hari_laporan(instansi, day: dt.date) -> int:
    """One report on `day` for every pegawai with an approved SKP (a full working day for the whole regency)."""
    from kinerja.laporan.models import LaporanHarian, StatusLaporan
    from kinerja.perencanaan.models import SasaranKinerjaPegawai, StatusSkp

    rows = []
    now = dt.datetime.combine(day, dt.time(16, 0), tzinfo=dt.timezone(dt.timedelta(hours=7)))
    for skp in (SasaranKinerjaPegawai.objects.filter(instansi=instansi, status=StatusSkp.DISETUJUI, aktif=True)
                .select_related("pegawai").prefetch_related("rhk__indikator").iterator(chunk_size=2000)):
        rhks = list(skp.rhk.all())
        if not rhks:
            continue
        rhk = rhks[0]
        ind = next((i for i in rhk.indikator.all() if i.aspek == "kuantitas"), None)
        rows.append(LaporanHarian(
            instansi=instansi, pegawai=skp.pegawai, tanggal=day, jam_mulai=dt.time(7, 30), jam_selesai=dt.time(11, 30),
            durasi_menit=240, skp=skp, rhk=rhk, indikator=ind, uraian="Pelayanan rutin sesuai RHK",
            output_jumlah=Decimal(2), output_satuan=ind.satuan if ind else "kegiatan", status=StatusLaporan.DIAJUKAN,
            idempotency_key=uuid.uuid4(), unit_kerja_id=skp.pegawai.unit_kerja_id, penilai_id=skp.pejabat_penilai_id,
            diajukan_pada=now))
    LaporanHarian.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def main(n: int = 20000, seconds: int = 45) -> None:
    vendor = django_setup()
    from django.core.management import call_command
    from django.utils import timezone

    from kinerja.core import kalender
    from kinerja.core.models import Instansi
    from kinerja.demo.seeding import demo_logins
    from kinerja.organisasi.models import Pegawai, UnitKerja
    from kinerja.pengawasan import services

    r: dict = {}
    print(f"pengawasan bench: {n} pegawai on {vendor}")
    log = io.StringIO()
    with timed("seed_demo (all apps, pengawasan last)", r):
        call_command("seed_demo", pegawai=n, seed=2026, stdout=log)
    print("".join(f"    {line}\n" for line in log.getvalue().splitlines() if line.startswith("  ")), end="")
    instansi = Instansi.objects.get()
    with timed("aggregates: full regency fill", r):
        services.agregat_refresh(instansi=instansi, penuh=True)
    day = kalender.add_hari_kerja(timezone.localdate(), -1, instansi.pk)
    with timed("insert one working day of reports", r):
        jumlah = satu_hari_laporan(instansi, day)
    print(f"  reports inserted: {jumlah} (one per pegawai with an approved SKP, dated {day})")
    with timed("aggregates: incremental refresh after that day", r):
        hasil = services.agregat_refresh(instansi=instansi, now=timezone.now() + dt.timedelta(minutes=3))
    print(f"  {hasil}")
    with timed("aggregates: incremental refresh with nothing new", r):
        services.agregat_refresh(instansi=instansi, now=timezone.now() + dt.timedelta(minutes=10))
    with timed("warning rules", r):
        services.peringatan_generate(instansi=instansi)
    with timed("anomaly detectors (incremental)", r):
        services.anomali_deteksi(instansi=instansi, now=timezone.now() + dt.timedelta(minutes=20))

    logins = demo_logins()
    dinkes = UnitKerja.objects.get(instansi=instansi, kode="DINKES")
    n_dinkes = Pegawai.objects.filter(opd=dinkes, status="aktif").count()
    units = ",".join(str(u) for u in UnitKerja.objects.filter(induk=dinkes).values_list("pk", flat=True)[:30])
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "KINERJA_ENV": "development",
           "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    tmp = Path(tempfile.mkdtemp(prefix="kinerja-locust-"))
    (tmp / "locustfile.py").write_text(LOCUSTFILE.format(unit_ids=units, opd_id=dinkes.pk,
                                                         sesi_kadis=_sesi(logins["pimpinan_opd"]),
                                                         sesi_bupati=_sesi("bupati")))
    gunicorn = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
                                 "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        print(f"locust: 20 concurrent viewers for {seconds} s against gunicorn (2 sync workers); "
              f"Dinas Kesehatan has {n_dinkes} pegawai")
        subprocess.run([str(ROOT / ".venv/bin/locust"), "-f", str(tmp / "locustfile.py"), "--headless", "-u", "20",
                        "-r", "10", "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}", "--csv",
                        str(tmp / "hasil"), "--only-summary"], cwd=tmp, env=env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
    with open(tmp / "hasil_stats.csv") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        print(f"  {row['Name']:<32} n={row['Request Count']:>5} fail={row['Failure Count']:>3} "
              f"p50={row['50%']:>5} ms p95={row['95%']:>5} ms p99={row['99%']:>5} ms")
    agg = next(x for x in rows if x["Name"] == "Aggregated")
    if not int(agg["Request Count"]):
        sys.exit("locust made no request: give it more SECONDS (the viewers start within the first few seconds)")
    p95 = float(agg["95%"])
    incr = r["aggregates: incremental refresh after that day"]
    print(f"RESULT pengawasan refresh_full={r['aggregates: full regency fill']:.1f}s "
          f"refresh_incremental={incr:.1f}s (target<60 {'OK' if incr < 60 else 'SLOW'}) "
          f"p95={p95:.0f}ms at 20 users (target<500 {'OK' if p95 < 500 else 'SLOW'}) db={vendor}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000, int(sys.argv[2]) if len(sys.argv) > 2 else 45)
