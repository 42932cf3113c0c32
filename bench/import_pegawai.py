"""Bench: import a 20,000-row pegawai file (SIASN-like columns, .xlsx) through check + apply
(target: < 60 s together). The structure comes from a small demo seed; the file's pegawai are all new.

Usage: .venv/bin/python bench/import_pegawai.py [ROWS] [xlsx|csv]
"""

import datetime as dt
import io
import random
import sys

from _setup import django_setup, timed


def build_file(rows: int, fmt: str, units: list[str], nip_atasan_of_unit: dict[str, str]) -> bytes:
    from kinerja.organisasi import rules

    rng = random.Random(42)
    header = ["NIP", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "JENIS PEGAWAI", "GOLONGAN", "JABATAN",
              "JENIS JABATAN", "JENJANG", "KODE UNIT", "NIP ATASAN", "EMAIL", "TELEPON"]
    data = []
    used = set()
    for i in range(rows):
        while True:
            lahir = dt.date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28))
            nip = rules.build_nip(lahir=lahir, tmt_tahun=lahir.year + 25, tmt_bulan=rng.randint(1, 12),
                                  jenis_kelamin=rng.choice("LP"), urut=rng.randint(1, 999))
            if nip not in used:
                used.add(nip)
                break
        unit = units[i % len(units)]
        data.append([nip, f"Pegawai Impor {i}", "", "S.Pd.", "PNS", "III/a", "Guru Kelas", "Fungsional",
                     "Ahli Pertama", unit, nip_atasan_of_unit.get(unit, ""), f"p{i}@bukitintan.go.id", "0812"])
    if fmt == "csv":
        import csv

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        w.writerows(data)
        return buf.getvalue().encode()
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(header)
    for row in data:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main(rows: int = 20000, fmt: str = "xlsx") -> None:
    vendor = django_setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from kinerja.demo.seeding import demo_logins
    from kinerja.organisasi import impor
    from kinerja.organisasi.models import ImporData, Pegawai, UnitKerja

    call_command("seed_demo", pegawai=2000, seed=1, stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username=demo_logins()["admin_bkpsdm"])
    schools = list(UnitKerja.objects.filter(jenis="sekolah").order_by("kode"))
    heads = {p.unit_kerja.kode: p.nip for p in Pegawai.objects.filter(unit_kerja__in=schools,
                                                                        jabatan__is_kepala_unit=True)
             .select_related("unit_kerja")}
    data = build_file(rows, fmt, [u.kode for u in schools], heads)
    print(f"import {rows} rows ({fmt}, {len(data) / 1e6:.1f} MB) on {vendor}")
    results: dict = {}
    before = Pegawai.objects.count()
    with timed("upload", results):
        obj = impor.impor_data_create(actor=admin, jenis="pegawai", berkas=SimpleUploadedFile(f"p.{fmt}", data))
    with timed("check (dry run)", results):
        obj = impor.impor_data_check(actor=admin, impor=obj)
    assert obj.status == "siap", obj.kesalahan[:5]
    with timed("apply", results):
        obj = impor.impor_data_apply(actor=admin, impor=ImporData.objects.get(pk=obj.pk))
    assert Pegawai.objects.count() == before + rows
    with timed("re-import check+apply (idempotent)", results):
        again = impor.impor_data_create(actor=admin, jenis="pegawai", berkas=SimpleUploadedFile(f"p.{fmt}", data))
        again = impor.impor_data_check(actor=admin, impor=again)
        impor.impor_data_apply(actor=admin, impor=ImporData.objects.get(pk=again.pk))
    assert Pegawai.objects.count() == before + rows
    total = results["upload"] + results["check (dry run)"] + results["apply"]
    verdict = "OK" if total < 60 else "SLOW"
    print(f"RESULT import rows={rows} fmt={fmt} db={vendor} seconds={total:.1f} target<60 {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000, sys.argv[2] if len(sys.argv) > 2 else "xlsx")
