"""Bench of pelatihan on the demo regency (prints figures; tests never assert timings):

1. `seed_demo --pegawai N` with the time of each app's demo (pelatihan's included);
2. the weekly adoption metrics for the whole instansi (the nightly job) and their query count;
3. the dashboards, which read only the aggregate table: adoption page (admin), an OPD's units (pimpinan OPD), the
   home page of a pegawai (with pelatihan's panels) — time and queries;
4. publishing a session to a large audience (every pegawai of Dinas Pendidikan) and sending its invitations;
5. QR check-in: 300 pegawai checking in one after another (ms per check-in).

Usage: .venv/bin/python bench/pelatihan_adopsi.py [N]   (default 20000; DATABASE_URL selects PostgreSQL)
"""

import datetime as dt
import statistics
import sys
import time

from _setup import django_setup, timed


def main(n: int = 20000) -> None:
    vendor = django_setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kinerja.core.models import Instansi
    from kinerja.demo.models import AkunDemo
    from kinerja.organisasi.models import Pegawai, UnitKerja
    from kinerja.pelatihan import rules, services
    from kinerja.pelatihan.models import MetrikAdopsi, PesertaSesi, SesiPelatihan

    results: dict = {}
    print(f"pelatihan bench, {n} pegawai, {vendor}")
    with timed("seed_demo (all apps)", results):
        call_command("seed_demo", pegawai=n, seed=2026, stdout=sys.stdout)

    instansi = Instansi.objects.get(kode="bukitintan")
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as q, timed("weekly metrics, one week", results):
        rows = services.metrik_adopsi_hitung(instansi=instansi, minggu=today, today=today)
    print(f"    {rows} rows (instansi + OPD + units), {len(q)} queries")
    with timed("nightly job (this week + last week)", results):
        services.metrik_adopsi_hitung_berkala(today=today)

    akun = {a.peran: a.user for a in AkunDemo.objects.select_related("user")}
    dinkes = UnitKerja.objects.get(instansi=instansi, kode="DINKES")

    def page(user, url: str, label: str) -> None:
        c = Client()
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        c.get(url)  # warm up
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as qq:
                t = time.perf_counter()
                r = c.get(url)
                times.append(time.perf_counter() - t)
        assert r.status_code in (200, 302), (url, r.status_code)
        print(f"  {label}: median {statistics.median(times) * 1000:.0f} ms, {len(qq)} queries, "
              f"{len(r.content) / 1024:.0f} KB")

    page(akun["admin_bkpsdm"], "/pelatihan/adopsi/", "adoption dashboard (admin, every OPD)")
    page(akun["pimpinan_opd"], f"/pelatihan/adopsi/opd/{dinkes.pk}/", "OPD units (kepala Dinas Kesehatan)")
    page(akun["pegawai"], "/", "home page of a pegawai (all panels)")
    page(akun["pegawai"], "/pelatihan/", "pelatihan page of a pegawai")
    page(akun["pimpinan_daerah"], "/pelatihan/adopsi/", "adoption dashboard (Bupati)")

    admin = akun["admin_bkpsdm"]
    disdik = UnitKerja.objects.get(instansi=instansi, kode="DISDIKBUD")
    mulai = timezone.now() + dt.timedelta(days=3)
    sesi = services.sesi_create(actor=admin, judul="Bench: sosialisasi guru", jenis="sosialisasi", mode="tatap_muka",
                                tempat="Aula", mulai=mulai, selesai=mulai + dt.timedelta(hours=2),
                                sasaran_unit_ids=[disdik.pk], fokus=["laporan_harian"])
    with timed("publish to every pegawai of Dinas Pendidikan", results):
        invited = services.sesi_terbitkan(actor=admin, sesi=sesi)
    with timed(f"send {invited} invitations (background job)", results):
        services.kabar_peserta(sesi_id=sesi.pk, jenis="undangan")

    SesiPelatihan.objects.filter(pk=sesi.pk).update(mulai=timezone.now() - dt.timedelta(minutes=10),
                                                    selesai=timezone.now() + dt.timedelta(hours=2))
    sesi.refresh_from_db()
    users = [p.user for p in Pegawai.objects.filter(pk__in=PesertaSesi.objects.filter(sesi=sesi)
                                                   .values("pegawai_id")[:300]).select_related("user")]
    times = []
    for user in users:
        kode = rules.kode_presensi(sesi.rahasia_presensi, sesi.pk, rules.langkah(timezone.now().timestamp()))
        t = time.perf_counter()
        services.presensi_catat(actor=user, sesi=sesi, kode=kode)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"  QR check-in: {len(times)} pegawai, median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms")
    print(f"  metric rows stored: {MetrikAdopsi.objects.count()}")
    print(f"RESULT pelatihan n={n} db={vendor} metrics_week_s={results['weekly metrics, one week']:.2f} "
          f"publish_s={results['publish to every pegawai of Dinas Pendidikan']:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
