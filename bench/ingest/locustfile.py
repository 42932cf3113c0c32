"""Locust scenario of the 16:00 rush: each simulated user is a phone that sends daily reports to the API with a
bearer token and an Idempotency-Key, submitting them at once (`ajukan`). BENCH_MODE=full hits the real API;
BENCH_MODE=floor posts the same row to the bare insert view (no auth, no validation, no audit).

Environment: BENCH_DATA (the JSON written by _dunia.seed), BENCH_MODE, BENCH_WAIT ("0" for back-to-back requests,
otherwise think time in seconds, e.g. "0.5-1.5"), BENCH_USERS, BENCH_PART ("a:b", the slice of pegawai to use).
"""

import itertools
import json
import os
import random
import sys
import uuid
from pathlib import Path

from locust import FastHttpUser, between, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _dunia import slot  # noqa: E402

DATA = json.loads(Path(os.environ["BENCH_DATA"]).read_text())
MODE = os.environ.get("BENCH_MODE", "full")
WAIT = os.environ.get("BENCH_WAIT", "0")
_a, _b = (int(x) for x in os.environ.get("BENCH_PART", f"0:{len(DATA['pegawai'])}").split(":"))
PEGAWAI = DATA["pegawai"][_a:_b]  # each run of the bench uses its own pegawai, so runs never collide
_users = itertools.count()
N_USERS = int(os.environ.get("BENCH_USERS", "100"))


class Pegawai(FastHttpUser):
    wait_time = constant(0) if WAIT == "0" else between(*[float(x) for x in WAIT.split("-")])

    def on_start(self):
        n = next(_users)
        # disjoint pegawai per simulated phone, so no two phones report for the same person
        self.mine = PEGAWAI[n::N_USERS] or [PEGAWAI[n % len(PEGAWAI)]]
        self.k = 0

    @task
    def kirim_laporan(self):
        p = self.mine[self.k % len(self.mine)]
        day, mulai, selesai = slot(self.k // len(self.mine))
        self.k += 1
        body = {"tanggal": DATA["dates"][day % len(DATA["dates"])], "jam_mulai": mulai, "jam_selesai": selesai,
                "indikator_id": p["indikator_id"], "uraian": "Pelayanan pasien rawat jalan di poli umum",
                "output_jumlah": str(random.randint(1, 30)), "output_satuan": "pasien", "ajukan": True}
        if MODE == "floor":
            body.update(instansi_id=DATA["instansi_id"], pegawai_id=p["pegawai_id"], skp_id=p["skp_id"],
                        rhk_id=p["rhk_id"])
            self.client.post("/laporan/_bench/floor/", json=body, name="floor")
        else:
            self.client.post("/api/v1/laporan/harian", json=body, name="api",
                             headers={"Authorization": f"Bearer {p['token']}", "Idempotency-Key": str(uuid.uuid4())})
