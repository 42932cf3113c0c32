"""Load the national holidays and cuti bersama (SKB 3 Menteri) from core/data/hari_libur.csv."""

import csv
import datetime as dt
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "hari_libur.csv"


def load(apps, schema_editor):
    HariLibur = apps.get_model("core", "HariLibur")
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    existing = set(HariLibur.objects.filter(instansi__isnull=True).values_list("tanggal", flat=True))
    HariLibur.objects.bulk_create([
        HariLibur(tanggal=dt.date.fromisoformat(r["tanggal"]), jenis=r["jenis"], nama=r["nama"])
        for r in rows if dt.date.fromisoformat(r["tanggal"]) not in existing
    ])


class Migration(migrations.Migration):
    dependencies = [("core", "0002_hari_libur")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
