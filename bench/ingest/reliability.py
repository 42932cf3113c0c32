"""Reliability of the 16:00 rush (issue 4, Deliver 10): kill -9 one gunicorn worker during load.

For each database: seed, start gunicorn (sync workers), send reports from many threads (each with its own
Idempotency-Key), SIGKILL one worker a few seconds in (gunicorn starts a new one), then check:

  1. every submission acknowledged with a 2xx is in the database, with the id the server answered;
  2. replaying every acknowledged key creates nothing new (each answers 200 Idempotent-Replayed with the same id);
  3. the submissions that got no answer (their connection died with the worker) are sent again, as the phone
     would: each key ends up as exactly one report — some were committed before the worker died, and the retry
     returns them instead of creating a second copy.

Usage: .venv/bin/python bench/ingest/reliability.py [--db sqlite|postgres|both] [--requests 3000] [--threads 24]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _dunia import slot  # noqa: E402
from run import PY, ROOT, Server, base_env, prepare  # noqa: E402


def send(url: str, item: dict) -> tuple[int | None, int | None, str]:
    """POST one report; (status, id, replayed header) or (None, None, error) when the connection died."""
    req = urllib.request.Request(f"{url}/api/v1/laporan/harian", data=json.dumps(item["body"]).encode(),
                                 method="POST", headers={"Content-Type": "application/json",
                                                         "Authorization": f"Bearer {item['token']}",
                                                         "Idempotency-Key": item["key"]})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:  # noqa: S310 - local
            return r.status, json.loads(r.read())["id"], r.headers.get("Idempotent-Replayed", "")
    except urllib.error.HTTPError as e:
        return e.code, None, e.read().decode(errors="replace")[:120]
    except OSError as e:  # connection reset / refused when the worker was killed
        return None, None, type(e).__name__


def items_for(data: dict, n: int) -> list[dict]:
    items = []
    people = data["pegawai"]
    for i in range(n):
        p = people[i % len(people)]
        day, mulai, selesai = slot(i // len(people))
        items.append({"token": p["token"], "key": str(uuid.uuid4()), "body": {
            "tanggal": data["dates"][day % len(data["dates"])], "jam_mulai": mulai, "jam_selesai": selesai,
            "indikator_id": p["indikator_id"], "uraian": "Pelayanan pasien", "output_jumlah": "3",
            "output_satuan": "pasien", "ajukan": True}})
    return items


def count_rows(db: str, var_dir: str, keys: list[str]) -> tuple[int, dict]:
    """Total reports and key -> [ids], read by a separate process with the same settings."""
    code = ("import django, json, sys; django.setup(); from kinerja.laporan.models import LaporanHarian as L; "
            "keys = json.load(open(sys.argv[1])); rows = {}; "
            "[rows.setdefault(str(k), []).append(pk) for k, pk in L.objects.filter(idempotency_key__in=keys)"
            ".values_list('idempotency_key', 'pk')]; print(json.dumps([L.objects.count(), rows]))")
    path = os.path.join(var_dir, "keys.json")
    with open(path, "w") as fh:
        json.dump(keys, fh)
    import subprocess

    out = subprocess.run([PY, "-c", code, path], cwd=ROOT, env=base_env(db, var_dir), check=True,
                         capture_output=True, text=True).stdout
    total, rows = json.loads(out.strip().splitlines()[-1])
    return total, rows


def run_db(db: str, args) -> bool:
    var_dir = tempfile.mkdtemp(prefix=f"kinerja-reliab-{db}-")
    data_path = os.path.join(var_dir, "bench.json")
    prepare(db, var_dir, args.pegawai, data_path)
    data = json.loads(Path(data_path).read_text())
    items = items_for(data, args.requests)
    server = Server(db, var_dir, args.workers)
    results: dict[str, tuple] = {}
    killed: list[int] = []

    def killer():
        time.sleep(args.kill_after)
        victims = server.workers()
        if victims:
            victims[0].send_signal(signal.SIGKILL)
            killed.append(victims[0].pid)

    print(f"\n== {db}: {args.requests} submissions from {args.threads} threads, {args.workers} sync workers; "
          f"kill -9 one worker after {args.kill_after} s", flush=True)
    started = time.perf_counter()
    threading.Thread(target=killer, daemon=True).start()
    with ThreadPoolExecutor(args.threads) as pool:
        for item, result in zip(items, pool.map(lambda it: send(server.url, it), items), strict=True):
            results[item["key"]] = result
    elapsed = time.perf_counter() - started
    acked = {k: r for k, r in results.items() if r[0] in (200, 201)}
    lost = [k for k, r in results.items() if r[0] is None]
    refused = {k: r for k, r in results.items() if r[0] is not None and r[0] not in (200, 201)}
    print(f"sent in {elapsed:.1f} s; killed worker pid {killed or 'none'}; acknowledged 2xx: {len(acked)}; "
          f"no answer (connection died): {len(lost)}; 4xx/5xx: {len(refused)}")
    for k in list(refused)[:3]:
        print(f"    {refused[k][0]}: {refused[k][2]}")

    # 1. every acknowledged submission is stored, under the id the server gave
    total_before, rows = count_rows(db, var_dir, list(results))
    missing = [k for k, r in acked.items() if rows.get(k) != [r[1]]]
    print(f"1. acknowledged and stored with the same id: {len(acked) - len(missing)}/{len(acked)} "
          f"{'OK' if not missing else 'MISSING ' + str(missing[:3])}")
    committed_unacked = [k for k in lost if k in rows]
    print(f"   of the {len(lost)} unanswered, {len(committed_unacked)} had been committed before the worker died")

    # 2. replaying every acknowledged key creates nothing
    by_key = {it["key"]: it for it in items}
    with ThreadPoolExecutor(args.threads) as pool:
        replays = list(pool.map(lambda k: (k, send(server.url, by_key[k])), list(acked)))
    wrong = [k for k, r in replays if r[0] != 200 or r[1] != acked[k][1] or r[2] != "true"]
    total_after, _ = count_rows(db, var_dir, [])
    print(f"2. replayed {len(replays)} acknowledged keys: rows {total_before} -> {total_after}; "
          f"all 200 + same id + Idempotent-Replayed: {'OK' if not wrong and total_after == total_before else 'NO'}")

    # 3. the phone retries what got no answer: each key ends up exactly once
    with ThreadPoolExecutor(args.threads) as pool:
        retries = list(pool.map(lambda k: (k, send(server.url, by_key[k])), lost))
    _total, rows = count_rows(db, var_dir, list(results))
    dupes = [k for k, ids in rows.items() if len(ids) != 1]
    unstored = [k for k in results if k not in rows and results[k][0] in (None, 200, 201)]
    replayed = sum(1 for _k, r in retries if r[2] == "true")
    print(f"3. retried {len(retries)} unanswered: {replayed} answered with the report already stored, "
          f"{len(retries) - replayed} created now; keys stored more than once: {len(dupes)}; "
          f"unanswered still missing: {len(unstored)} {'OK' if not dupes and not unstored else 'NO'}")
    server.stop()
    ok = not missing and not wrong and total_after == total_before and not dupes and not unstored and killed
    print(f"RESULT reliability db={db} acked={len(acked)} lost={len(lost)} committed_unacked={len(committed_unacked)} "
          f"missing={len(missing)} replay_new_rows={total_after - total_before} dupes={len(dupes)} "
          f"{'OK' if ok else 'FAILED'}", flush=True)
    if not args.keep:
        shutil.rmtree(var_dir, ignore_errors=True)
    return bool(ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=24)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--pegawai", type=int, default=1000)
    parser.add_argument("--kill-after", type=float, default=3.0)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    results = [run_db(db, args) for db in (["sqlite", "postgres"] if args.db == "both" else [args.db])]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
