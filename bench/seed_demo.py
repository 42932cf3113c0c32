"""Bench: `kinerja seed_demo --pegawai 20000` on an empty database (target: < 120 s on SQLite).

Usage: .venv/bin/python bench/seed_demo.py [N]   (DATABASE_URL selects PostgreSQL; the target DB is flushed)
"""

import io
import sys

from _setup import django_setup, timed


def main(n: int = 20000) -> None:
    vendor = django_setup()
    from django.core.management import call_command

    from kinerja.organisasi.models import Pegawai

    results: dict = {}
    print(f"seed_demo --pegawai {n} on {vendor}")
    with timed("seed_demo", results):
        call_command("seed_demo", pegawai=n, seed=2026, stdout=io.StringIO())
    count = Pegawai.objects.count()
    print(f"  pegawai created: {count}; rate {count / results['seed_demo']:.0f} pegawai/s")
    verdict = "OK" if results["seed_demo"] < 120 else "SLOW"
    print(f"RESULT seed_demo n={n} db={vendor} seconds={results['seed_demo']:.1f} target<120 {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
