"""Bench: the cascade tree and the Matriks Peran Hasil of a large OPD (about 1,500 pegawai), rendered as its head
sees them: render time (median of 5) and SQL queries per page, plus the demo's planning seed time.

The demo regency with N pegawai (default 4000) gives Dinas Pendidikan dan Kebudayaan about 1,700 pegawai (schools);
the OPD whose head-count is closest to 1,500 is used.

Usage: .venv/bin/python bench/perencanaan_cascade.py [N]   (N >= 400, seed_demo's minimum; DATABASE_URL selects
PostgreSQL, its name must contain "bench"; the DB is recreated)
"""

import io
import statistics
import sys
import time

from _setup import django_setup, timed


def main(n: int = 4000) -> None:
    vendor = django_setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kinerja.organisasi.models import Jabatan, Pegawai, UnitKerja
    from kinerja.perencanaan.models import PeriodeKinerja, RencanaHasilKerja, SasaranKinerjaPegawai

    results: dict = {}
    print(f"perencanaan cascade bench: seed_demo --pegawai {n} on {vendor}")
    out = io.StringIO()
    cpu0 = time.process_time()
    with timed("seed_demo", results):
        call_command("seed_demo", pegawai=n, seed=2026, stdout=out)
    print(f"  seed_demo CPU: {time.process_time() - cpu0:.1f} s")
    seed_lines = [line.strip() for line in out.getvalue().splitlines() if line.strip().startswith("perencanaan:")]
    print(f"  {seed_lines[0] if seed_lines else ''}")

    counts = dict(Pegawai.objects.filter(status="aktif").values("opd_id").annotate(k=Count("pk"))
                  .values_list("opd_id", "k"))
    opd_id = min(counts, key=lambda k: abs(counts[k] - 1500))
    opd = UnitKerja.objects.get(pk=opd_id)
    head_jab = Jabatan.objects.get(unit_kerja=opd, is_kepala_unit=True)
    head = Pegawai.objects.get(jabatan=head_jab)
    periode = PeriodeKinerja.objects.order_by("-tahun").first()
    n_skp = SasaranKinerjaPegawai.objects.filter(periode=periode, pegawai__opd=opd).count()
    n_rhk = RencanaHasilKerja.objects.filter(skp__periode=periode, skp__pegawai__opd=opd).count()
    print(f"  OPD: {opd.nama} — {counts[opd_id]} pegawai, {n_skp} SKP, {n_rhk} RHK; viewer: {head_jab.nama}")

    client = Client()
    client.force_login(head.user, backend="django.contrib.auth.backends.ModelBackend")
    pages = {
        "kaskade": f"/perencanaan/kaskade/?periode={periode.pk}&opd={opd.pk}",
        "matriks": f"/perencanaan/matriks/?periode={periode.pk}&unit={opd.pk}",
        "matriks (halaman 2)": f"/perencanaan/matriks/?periode={periode.pk}&unit={opd.pk}&page=2",
        "ekspor Excel unit": f"/perencanaan/matriks/excel/?periode={periode.pk}&unit={opd.pk}",
    }
    biggest = (RencanaHasilKerja.objects.filter(skp__periode=periode, skp__pegawai__opd=opd)
               .annotate(k=Count("turunan")).order_by("-k").first())
    if biggest is not None:
        pages[f"cabang kaskade ({biggest.k} RHK bawahan, htmx)"] = (
            f"/perencanaan/kaskade/?periode={periode.pk}&rhk={biggest.pk}")
    head_skp = SasaranKinerjaPegawai.objects.filter(periode=periode, pegawai=head).first()
    if head_skp:
        pages["PDF SKP kepala OPD"] = f"/perencanaan/skp/{head_skp.pk}/pdf/"
    for label, url in pages.items():
        headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in label else {}
        client.get(url, **headers)  # warm-up
        times, cpu = [], []
        for _ in range(5):
            started, started_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as q:
                response = client.get(url, **headers)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, (label, response.status_code)
        med = statistics.median(times)
        results[label] = med
        # CPU time of this process (Python + SQLite) is shown too: on a shared machine wall time includes waiting
        print(f"  {label}: {med * 1000:.0f} ms median ({statistics.median(cpu) * 1000:.0f} ms CPU), "
              f"{len(q.captured_queries)} queries, {len(response.content) / 1024:.0f} KB")
    print(f"RESULT perencanaan_cascade n={n} db={vendor} opd_pegawai={counts[opd_id]} "
          f"kaskade_ms={results['kaskade'] * 1000:.0f} matriks_ms={results['matriks'] * 1000:.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4000)
