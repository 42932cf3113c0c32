"""Bench: realisasi, capaian and the suggested Hasil Kerja rating for every pegawai of a 20,000-pegawai regency over
a year of daily reports (≈ 5 million rows), compared in the same run with

  (a) the floor: ONE hand-written SQL statement computing the same (aggregate, join, capaian, rating) in the
      database, and
  (b) pandas computing the same from a CSV export (what an analyst would do; pandas runs in a separate
      interpreter, PANDAS_PYTHON, default /tmp/bench-venv/bin/python — it is not a project dependency).

Targets: ours ≤ 1.5 × the floor; faster than pandas; memory bounded (the report rows never enter Python: ours runs
in a fresh process whose peak RSS is reported).

Usage: .venv/bin/python bench/evaluate.py [PEGAWAI] [REPORTS]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench_eval .venv/bin/python bench/evaluate.py
Defaults: 20,000 pegawai, 5,000,000 reports (250 working days × 1 per pegawai per day). Each measurement runs in
its own process, three times; the best time is reported (warm cache for all three contenders).
"""

import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
YEAR = 2025
IND_PER_PEGAWAI = 4
RHK_PER_PEGAWAI = 2
PANDAS_PYTHON = os.environ.get("PANDAS_PYTHON", "/tmp/bench-venv/bin/python")


# --- data ------------------------------------------------------------------------------------------------------------
def generate(n_pegawai: int, n_reports: int) -> dict:
    """Bulk SQL into an empty, migrated database: one instansi, unit and position, n pegawai with an approved SKP
    (2 RHK, 4 kuantitas indicators), and n_reports approved/submitted reports spread over the year."""
    from django.db import connection, transaction
    from django.utils import timezone

    from kinerja.core.models import Instansi
    from kinerja.organisasi.models import Jabatan, UnitKerja
    from kinerja.perencanaan.models import PeriodeKinerja

    vendor = connection.vendor
    now = timezone.now()
    inst = Instansi.objects.create(kode="bench", nama="Pemerintah Kabupaten Bench", nama_daerah="Kabupaten Bench")
    unit = UnitKerja.objects.create(instansi=inst, kode="U", nama="Unit Bench", jenis="dinas", path="00000001/")
    jab = Jabatan.objects.create(instansi=inst, unit_kerja=unit, nama="Pelaksana", jenis="pelaksana",
                                 path="00000001/")
    periode = PeriodeKinerja.objects.create(instansi=inst, tahun=YEAR, nama=f"Periode {YEAR}", kadensi="triwulanan",
                                            tanggal_mulai=dt.date(YEAR, 1, 1), tanggal_selesai=dt.date(YEAR, 12, 31),
                                            batas_skp=dt.date(YEAR, 1, 31),
                                            batas_evaluasi_tahunan=dt.date(YEAR + 1, 1, 31), status="evaluasi")
    n, k, r = n_pegawai, IND_PER_PEGAWAI, RHK_PER_PEGAWAI
    with transaction.atomic(), connection.cursor() as c:
        if vendor == "postgresql":  # check FKs per statement: CREATE INDEX refuses a table with pending triggers
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        c.executemany(
            "INSERT INTO organisasi_pegawai (id, created_at, updated_at, instansi_id, nip, jenis_asn, nama, "
            "gelar_depan, gelar_belakang, jenis_kelamin, tanggal_lahir, tempat_lahir, golongan, email, telepon, "
            "status, jabatan_id, unit_kerja_id, opd_id) VALUES (%s,%s,%s,%s,%s,'PNS',%s,'','','L',%s,'','III/a','','',"
            "'aktif',%s,%s,%s)",
            [(i + 1, now, now, inst.pk, f"{199000000000000000 + i}", f"Pegawai {i}", dt.date(1990, 1, 1), jab.pk,
              unit.pk, unit.pk) for i in range(n)])
        c.executemany(
            "INSERT INTO perencanaan_sasarankinerjapegawai (id, created_at, updated_at, instansi_id, periode_id, "
            "pegawai_id, jenis, pendekatan, status, versi, tanggal_mulai, tanggal_selesai, aktif, jabatan_nama, "
            "unit_kerja_id, unit_kerja_nama, pangkat_golongan, pejabat_penilai_snapshot, "
            "atasan_pejabat_penilai_snapshot, catatan) VALUES (%s,%s,%s,%s,%s,%s,'ja_jf','kuantitatif','disetujui',1,"
            "%s,%s,%s,'Pelaksana',%s,'Unit Bench','','{}','{}','')",
            [(i + 1, now, now, inst.pk, periode.pk, i + 1, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), True, unit.pk)
             for i in range(n)])
        c.executemany(
            "INSERT INTO perencanaan_rencanahasilkerja (id, created_at, updated_at, instansi_id, skp_id, jenis, teks, "
            "urutan, catatan_pengembalian, asal) VALUES (%s,%s,%s,%s,%s,'utama',%s,%s,'','mandiri')",
            [(i * r + j + 1, now, now, inst.pk, i + 1, f"RHK {j}", j) for i in range(n) for j in range(r)])
        # annual targets around the expected output (≈ 2.7 per report) so suggestions spread over the ratings
        days = 250
        per_ind = n_reports / n / k  # reports per indicator per year
        c.executemany(
            "INSERT INTO perencanaan_indikatorkinerja (id, created_at, updated_at, instansi_id, rhk_id, aspek, teks, "
            "target, satuan, perspektif, urutan) VALUES (%s,%s,%s,%s,%s,'kuantitas','Jumlah output',%s,'dokumen','',%s)",
            [(i * k + j + 1, now, now, inst.pk, i * r + j // (k // r) + 1,
              round(per_ind * 2.7 / (0.7 + ((i * 37 + j * 11) % 61) / 100), 2), j) for i in range(n) for j in range(k)])
        # reports: x = 0 … n_reports-1; pegawai x % n; indicator x % k of theirs; day x // n
        day = f"(x / {n})"
        if vendor == "postgresql":
            tanggal = f"(DATE '{YEAR}-01-01' + ({day} * 365 / {days})::int)"
            src = f"FROM generate_series(0, {n_reports - 1}) AS g(x)"
            prefix = ""
        else:
            tanggal = f"date('{YEAR}-01-01', '+' || ({day} * 365 / {days}) || ' days')"
            src = "FROM n"
            prefix = f"WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < {n_reports - 1}) "
        p = f"(x %% {n})"
        ind = f"({p} * {k} + (x / {n}) %% {k} + 1)"
        rhk = f"({p} * {r} + ((x / {n}) %% {k}) / {k // r} + 1)"
        sql = (f"{prefix}INSERT INTO laporan_laporanharian "
               "(created_at, updated_at, instansi_id, pegawai_id, tanggal, jam_mulai, jam_selesai, durasi_menit, "
               "skp_id, rhk_id, indikator_id, uraian, output_jumlah, output_satuan, status, jabatan_nama, "
               "unit_kerja_id, unit_kerja_nama, zona_waktu, jumlah_revisi, dibuka_penilai_pada) "
               f"SELECT %s, %s, {inst.pk}, {p} + 1, {tanggal}, '08:00', '10:00', "
               f"120, {p} + 1, {rhk}, {ind}, 'Kegiatan', 1 + (x * 7) %% 5, 'dokumen', "
               f"CASE WHEN x %% 10 = 0 THEN 'diajukan' ELSE 'disetujui' END, 'Pelaksana', {unit.pk}, 'Unit Bench', "
               f"'Asia/Jakarta', 0, NULL {src}")
        # bulk-load practice: drop the report table's secondary indexes, insert, build them again (same schema)
        indexes = _drop_indexes(c, vendor, "laporan_laporanharian")
        if vendor == "sqlite":
            c.execute("PRAGMA cache_size = -400000")
        c.execute(sql, [now, now])
        for stmt in indexes:
            c.execute(stmt)
    if vendor == "postgresql":
        with connection.cursor() as c:
            for table in ("organisasi_pegawai", "perencanaan_sasarankinerjapegawai", "perencanaan_rencanahasilkerja",
                          "perencanaan_indikatorkinerja"):
                c.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
            c.execute("VACUUM ANALYZE laporan_laporanharian")
            c.execute("ANALYZE")  # the other tables' statistics too, as autovacuum would after a bulk load
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")
    return {"instansi": inst.pk, "periode": periode.pk}


def _drop_indexes(c, vendor: str, table: str) -> list[str]:
    """Drop the secondary indexes of `table`; return the statements that recreate them."""
    if vendor == "postgresql":
        c.execute("SELECT i.indexname, i.indexdef FROM pg_indexes i LEFT JOIN pg_constraint k "
                  "ON k.conname = i.indexname WHERE i.tablename = %s AND k.conname IS NULL", [table])
        rows = c.fetchall()
        for name, _sql in rows:
            c.execute(f'DROP INDEX "{name}"')
        return [sql for _n, sql in rows]
    c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
              [table])
    rows = c.fetchall()
    for name, _sql in rows:
        c.execute(f'DROP INDEX "{name}"')
    return [sql for _n, sql in rows]


# --- the three contenders (each run in a fresh process) ------------------------------------------------------------
def job_ours(meta: dict) -> dict:
    from kinerja.penilaian import selectors
    from kinerja.penilaian.models import KebijakanPenilaian
    from kinerja.perencanaan.models import PeriodeKinerja

    periode = PeriodeKinerja.objects.get(pk=meta["periode"])
    kebijakan = KebijakanPenilaian(instansi_id=periode.instansi_id)
    t = time.perf_counter()
    counts, total, n = {}, 0.0, 0
    for h in selectors.capaian_massal(periode=periode, dari=periode.tanggal_mulai, sampai=periode.tanggal_selesai,
                                      bulan=12, kebijakan=kebijakan):
        counts[str(h.saran)] = counts.get(str(h.saran), 0) + 1
        total += h.capaian_rerata or 0.0
        n += 1
    return {"seconds": time.perf_counter() - t, "pegawai": n, "saran": counts, "sum_capaian": round(total, 3)}


def floor_sql(vendor: str) -> str:
    """The best single statement we could write by hand for each database: the period's indicators with the sum of
    their approved outputs (answered from the covering index laporan_realisasi), then capaian and the suggestion per
    pegawai. SQLite: a correlated sum per indicator, in a MATERIALIZED CTE (otherwise SQLite folds the CTE into the
    outer query and runs the sum once per use of `jumlah`, three times). PostgreSQL: one grouped aggregate over the
    period's indicators, joined back (80,000 correlated probes are slower there). The first floor, one GROUP BY over
    every report of the instansi, read the report rows themselves and took 3.5 s on SQLite."""
    least = "LEAST" if vendor == "postgresql" else "MIN"
    raw = "COALESCE(r.jumlah, 0) * 100.0 / r.target"
    c = f"{least}({raw}, 150.0)"  # each capaian capped at 150 % for the suggestion (rules.saran_rating)
    indikator = """
            FROM perencanaan_indikatorkinerja i
            JOIN perencanaan_rencanahasilkerja h ON h.id = i.rhk_id
            JOIN perencanaan_sasarankinerjapegawai s ON s.id = h.skp_id
            WHERE s.periode_id = %(periode)s AND s.aktif"""
    approved = "l.status = 'disetujui' AND l.tanggal >= %(dari)s AND l.tanggal <= %(sampai)s"
    if vendor == "postgresql":
        r = f"""
            WITH j AS (SELECT l.indikator_id, SUM(l.output_jumlah) AS jumlah FROM laporan_laporanharian l
                       WHERE {approved} AND l.indikator_id IN (SELECT i.id {indikator}) GROUP BY l.indikator_id),
            r AS (SELECT s.pegawai_id, i.target, j.jumlah {indikator.replace("WHERE", "LEFT JOIN j ON j.indikator_id = i.id WHERE")})"""
    else:
        r = f"""
            WITH r AS MATERIALIZED (
                SELECT s.pegawai_id, i.target,
                       (SELECT SUM(l.output_jumlah) FROM laporan_laporanharian l WHERE l.indikator_id = i.id AND {approved})
                       AS jumlah {indikator})"""
    return f"""{r}
        SELECT r.pegawai_id, AVG({raw}) AS capaian,
               CASE WHEN AVG({c}) >= 110 THEN 'di_atas' WHEN AVG({c}) >= 85 THEN 'sesuai' ELSE 'di_bawah' END
        FROM r GROUP BY r.pegawai_id"""


def job_floor(meta: dict) -> dict:
    from django.db import connection

    t = time.perf_counter()
    with connection.cursor() as c:
        c.execute(floor_sql(connection.vendor), {"dari": dt.date(YEAR, 1, 1), "sampai": dt.date(YEAR, 12, 31),
                                                 "periode": meta["periode"]})
        rows = c.fetchall()
    seconds = time.perf_counter() - t
    counts = {}
    for _p, _c, saran in rows:
        counts[saran] = counts.get(saran, 0) + 1
    return {"seconds": seconds, "pegawai": len(rows), "saran": counts,
            "sum_capaian": round(sum(float(c) for _p, c, _s in rows), 3)}


def export_csv(meta: dict, folder: str) -> dict:
    """What an analyst downloads: the year's reports and the indicator list, as CSV."""
    from django.db import connection

    t = time.perf_counter()
    reports, indicators = os.path.join(folder, "laporan.csv"), os.path.join(folder, "indikator.csv")
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            raw = c.connection
            with open(reports, "wb") as fh, raw.cursor().copy(
                    "COPY (SELECT indikator_id, tanggal, status, output_jumlah FROM laporan_laporanharian) "
                    "TO STDOUT WITH CSV HEADER") as copy:
                for block in copy:
                    fh.write(block)
        else:
            c.execute("SELECT indikator_id, tanggal, status, output_jumlah FROM laporan_laporanharian")
            with open(reports, "w", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["indikator_id", "tanggal", "status", "output_jumlah"])
                while chunk := c.fetchmany(50_000):
                    w.writerows(chunk)
        c.execute("SELECT i.id, i.target, s.pegawai_id FROM perencanaan_indikatorkinerja i "
                  "JOIN perencanaan_rencanahasilkerja h ON h.id = i.rhk_id "
                  "JOIN perencanaan_sasarankinerjapegawai s ON s.id = h.skp_id WHERE s.periode_id = %s",
                  [meta["periode"]])
        with open(indicators, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["indikator_id", "target", "pegawai_id"])
            w.writerows(c.fetchall())
    return {"seconds": time.perf_counter() - t, "laporan": reports, "indikator": indicators,
            "mb": round(os.path.getsize(reports) / 1e6, 1)}


PANDAS_JOB = r"""
import json, resource, sys, time
import pandas as pd

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

reports, indicators, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
t = time.perf_counter()
lap = pd.read_csv(reports, usecols=["indikator_id", "tanggal", "status", "output_jumlah"],
                  dtype={"indikator_id": "Int64", "status": "category", "output_jumlah": "float64"})
lap = lap[(lap["status"] == "disetujui") & (lap["tanggal"] >= f"{year}-01-01") & (lap["tanggal"] <= f"{year}-12-31")]
real = lap.groupby("indikator_id")["output_jumlah"].sum()
ind = pd.read_csv(indicators)
ind["jumlah"] = ind["indikator_id"].map(real).fillna(0.0)
ind["capaian"] = ind["jumlah"] * 100.0 / ind["target"]
ind["capped"] = ind["capaian"].clip(upper=150.0)
g = ind.groupby("pegawai_id")
per, capped = g["capaian"].mean(), g["capped"].mean()
saran = pd.cut(capped, [-1e18, 85, 110, 1e18], right=False, labels=["di_bawah", "sesuai", "di_atas"])
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "pegawai": int(per.size),
                  "saran": {str(k): int(v) for k, v in saran.value_counts().items() if v},
                  "sum_capaian": round(float(per.sum()), 3),
                  "peak_rss_mb": peak()}))
"""


# --- orchestration ---------------------------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux keeps ru_maxrss across exec, so a child started by a large parent
    would report the parent's peak; VmHWM belongs to the new program's memory only."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, meta_path: str) -> None:
    """Run one contender in this (fresh) process and print its JSON result with the peak RSS."""
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    meta = json.loads(Path(meta_path).read_text())
    base_rss = peak_rss_mb()
    out = {"ours": job_ours, "floor": job_floor}[mode](meta)
    out["peak_rss_mb"] = peak_rss_mb()
    out["rss_after_setup_mb"] = base_rss
    print("RESULT " + json.dumps(out))


def run_child(args: list[str], env: dict) -> dict:
    proc = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-4000:])


def best(runs: list[dict]) -> dict:
    out = min(runs, key=lambda r: r["seconds"])
    out["all_seconds"] = [round(r["seconds"], 2) for r in runs]
    return out


def main(n_pegawai: int = 20_000, n_reports: int = 5_000_000) -> None:
    sys.path.insert(0, str(HERE))
    from _setup import django_setup

    vendor = django_setup()
    from django.db import connection

    print(f"evaluate: {n_pegawai} pegawai, {n_reports:,} reports on {vendor}", flush=True)
    t = time.perf_counter()
    meta = generate(n_pegawai, n_reports)
    print(f"  generate data (bulk SQL): {time.perf_counter() - t:.1f} s", flush=True)
    connection.close()
    work = tempfile.mkdtemp(prefix="kinerja-bench-eval-")
    meta_path = os.path.join(work, "meta.json")
    Path(meta_path).write_text(json.dumps(meta))
    env = dict(os.environ)
    me = [sys.executable, str(Path(__file__).resolve())]
    results = {}
    for mode in ("floor", "ours"):
        results[mode] = best([run_child([*me, "--child", mode, meta_path], env) for _ in range(3)])
        r = results[mode]
        print(f"  {mode:6}: {r['seconds']:.2f} s (runs {r['all_seconds']}), {r['pegawai']} pegawai, "
              f"peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
    exp = export_csv(meta, work)
    print(f"  CSV export for pandas: {exp['seconds']:.1f} s ({exp['mb']} MB)", flush=True)
    if Path(PANDAS_PYTHON).exists():
        job = os.path.join(work, "pandas_job.py")
        Path(job).write_text(PANDAS_JOB)
        results["pandas"] = best([run_child([PANDAS_PYTHON, job, exp["laporan"], exp["indikator"], str(YEAR)], env)
                                  for _ in range(3)])
        r = results["pandas"]
        print(f"  pandas: {r['seconds']:.2f} s (runs {r['all_seconds']}) + export {exp['seconds']:.1f} s, "
              f"peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
    else:
        print(f"  pandas: skipped ({PANDAS_PYTHON} not found; python3 -m venv /tmp/bench-venv && "
              "/tmp/bench-venv/bin/pip install pandas)")
    same = all(results[m]["pegawai"] == results["floor"]["pegawai"] and results[m]["saran"] == results["floor"]["saran"]
               and abs(results[m]["sum_capaian"] - results["floor"]["sum_capaian"]) < 1e-3 * n_pegawai
               for m in results)
    ratio = results["ours"]["seconds"] / results["floor"]["seconds"]
    faster = "pandas" not in results or results["ours"]["seconds"] < results["pandas"]["seconds"]
    print(f"  same results in every contender: {same}; suggestions {results['floor']['saran']}")
    if not same:
        for m, r in results.items():
            print(f"    {m}: {r['pegawai']} pegawai, {r['saran']}, sum of capaian {r['sum_capaian']}")
    verdict = "OK" if ratio <= 1.5 and faster and same else "MISS"
    pandas_s = f"{results['pandas']['seconds']:.2f}s" if "pandas" in results else "n/a"
    print(f"RESULT evaluate db={vendor} pegawai={n_pegawai} reports={n_reports} ours={results['ours']['seconds']:.2f}s "
          f"floor={results['floor']['seconds']:.2f}s ratio={ratio:.2f} pandas={pandas_s} "
          f"ours_peak_rss={results['ours']['peak_rss_mb']:.0f}MB target<=1.5x,faster-than-pandas {verdict}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main(*(int(a) for a in sys.argv[1:3]))
