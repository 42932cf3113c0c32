"""Locust scenario for bench/partisipasi_survey.py: a citizen scans a QR code, opens the survey, the phone solves
the ALTCHA proof-of-work, the answers are sent, the thank-you page shows.

A citizen needs time to read and answer nine questions: the scenario waits 5–15 s between opening the form
and sending it (a real person takes a minute or two; this is deliberately faster), then 1–3 s before the next
citizen. So 200 users are 200 citizens filling the form at the same time.

Every iteration is a *new* citizen: a fresh device (cookies cleared) and a fresh address (X-Forwarded-For, which
the server trusts only because the bench sets PARTISIPASI_PERCAYA_XFF). So the rate limiter, the duplicate check
and the human check all run on every submission, as in production, without one load generator's address
looking like a flood.
"""

import html
import json
import os
import random
import re
import sys

import gevent
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

KODE = os.environ.get("BENCH_KODE", "").split(",")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ALTCHA = re.compile(r'data-altcha="([^"]+)"')


def solve(challenge: dict) -> str:
    import base64

    from altcha import solve_challenge_v1

    solution = solve_challenge_v1(challenge=challenge["challenge"], salt=challenge["salt"],
                                  algorithm=challenge["algorithm"], max_number=challenge["maxNumber"])
    payload = {"algorithm": challenge["algorithm"], "challenge": challenge["challenge"], "number": solution.number,
               "salt": challenge["salt"], "signature": challenge["signature"]}
    return base64.b64encode(json.dumps(payload).encode()).decode()


class Warga(FastHttpUser):
    wait_time = between(1, 3)

    @task
    def isi_survei(self):
        self.client.cookiejar.clear()
        ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        headers = {"X-Forwarded-For": ip}
        kode = random.choice(KODE)
        url = f"/p/{kode}/survei/"
        with self.client.get(url, headers=headers, name="/p/[kode]/survei/ GET", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            page = r.text
        token = CSRF.search(page).group(1)
        challenge = json.loads(html.unescape(ALTCHA.search(page).group(1)))
        gevent.sleep(random.uniform(5, 15))  # reading and answering; the phone solves the proof-of-work meanwhile
        data = {f"u{i}": str(random.choice([2, 3, 3, 4, 4])) for i in range(1, 10)}
        data.update({"csrfmiddlewaretoken": token, "altcha": solve(challenge),
                     "saran": random.choice(["", "", "", "Pelayanan cepat, terima kasih."]),
                     "jenis_kelamin": random.choice(["", "L", "P"])})
        with self.client.post(url, data=data, headers={**headers, "Referer": self.host + url},
                              name="/p/[kode]/survei/ POST", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 302:
                r.failure(f"status {r.status_code}")
                return
            location = r.headers.get("Location", "")
        with self.client.get(location, headers=headers, name="/p/[kode]/terima-kasih/", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
