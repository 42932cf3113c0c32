"""Anti-abuse plumbing for the public pages and API: the client address and device cookie (kept only as keyed
hashes), a rate limiter shared by every server process, and the human check — an ALTCHA proof-of-work that the
browser solves offline, or, without JavaScript, a small arithmetic question.

Rate limits count in the database (`PenghitungBatas`, one upsert per check) rather than in Django's cache:
the default cache is per-process local memory, so with several gunicorn workers a flood would get N times the
limit. With Redis configured (`REDIS_URL`), the cache would do as well; the database works everywhere.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, ErrorCode
from kinerja.partisipasi import conf
from kinerja.partisipasi.models import PenghitungBatas, TantanganTerpakai

COOKIE_PERANGKAT = "kinerja_perangkat"
COOKIE_SALT = "partisipasi.perangkat"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600

MSG_BANJIR = "Terlalu banyak kiriman dari jaringan atau perangkat ini. Tunggu beberapa menit, lalu coba lagi."
MSG_MANUSIA = ("Pemeriksaan keamanan belum selesai atau sudah kedaluwarsa. Muat ulang halaman, tunggu tanda "
               "centang, lalu kirim lagi.")
MSG_SOAL = "Jawaban pertanyaan keamanan salah. Hitung lagi, lalu kirim."
MSG_TERPAKAI = "Formulir ini sudah pernah dikirim. Muat ulang halaman untuk mengirim lagi."


def _hash(value: str) -> str:
    return hmac.new(conf.kunci_rahasia().encode(), value.encode(), hashlib.sha256).hexdigest()[:16]


def alamat_klien(request) -> str:
    """The client address. X-Forwarded-For is read only when PARTISIPASI_PERCAYA_XFF is on (behind your own
    proxy, which must overwrite the header, or in the load bench)."""
    if conf.percaya_x_forwarded_for():
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def ip_hash(request) -> str:
    return _hash("ip:" + alamat_klien(request))


def perangkat_id(request) -> str:
    """This browser's device id from its signed cookie; a new one (set on the response by `pasang_cookie`) when
    it has none. API clients may send it in the `X-Perangkat` header."""
    existing = getattr(request, "_perangkat_id", None)
    if existing:
        return existing
    value = request.get_signed_cookie(COOKIE_PERANGKAT, default=None, salt=COOKIE_SALT)
    if not value:
        header = request.headers.get("X-Perangkat", "")
        value = header[:64] if header else None
    if value:
        request._perangkat_id = value
        return value
    request._perangkat_id = secrets.token_urlsafe(16)
    request._perangkat_baru = True
    return request._perangkat_id


def perangkat_hash(request) -> str:
    return _hash("dev:" + perangkat_id(request))


def pasang_cookie(request, response):
    if getattr(request, "_perangkat_baru", False):
        response.set_signed_cookie(COOKIE_PERANGKAT, request._perangkat_id, salt=COOKIE_SALT,
                                   max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax",
                                   secure=request.is_secure())
    return response


# --- Rate limits ------------------------------------------------------------------------------------------------


def hitung(kunci: str, *, jendela: int | None = None) -> int:
    """Count one event for `kunci` in the current window and return the count so far (atomic upsert)."""
    jendela = jendela or conf.jendela_detik()
    now = time.time()
    slot = int(now // jendela)
    expires = dt.datetime.fromtimestamp((slot + 2) * jendela, tz=dt.UTC)
    table = PenghitungBatas._meta.db_table
    sql = (f"INSERT INTO {table} (kunci, jendela, jumlah, kedaluwarsa) VALUES (%s, %s, 1, %s) "  # noqa: S608
           f"ON CONFLICT (kunci, jendela) DO UPDATE SET jumlah = {table}.jumlah + 1 RETURNING jumlah")
    with connection.cursor() as cursor:
        cursor.execute(sql, [kunci[:120], slot, connection.ops.adapt_datetimefield_value(expires)])
        return int(cursor.fetchone()[0])


def batasi(request, lingkup: str = "kirim") -> None:
    """Refuse (429) when this address or device went past its limit for `lingkup` in the current window.
    Every attempt counts, refused ones too, so a flood stays refused until the window ends."""
    if lingkup == "tiket":
        if hitung(f"tiket:ip:{ip_hash(request)}") > conf.batas_cek_tiket():
            raise ApplicationError(MSG_BANJIR, code=ErrorCode.RATE_LIMITED)
        return
    over_ip = hitung(f"{lingkup}:ip:{ip_hash(request)}") > conf.batas_ip()
    over_dev = hitung(f"{lingkup}:dev:{perangkat_hash(request)}") > conf.batas_perangkat()
    if over_ip or over_dev:
        raise ApplicationError(MSG_BANJIR, code=ErrorCode.RATE_LIMITED)


# --- Human check: ALTCHA proof-of-work, or a question without JavaScript -----------------------------------------


@dataclass
class BuktiManusia:
    """What a public form sends to prove a person (or at least a patient browser) is behind it."""

    altcha: str = ""
    soal_token: str = ""
    soal_jawaban: str = ""

    @classmethod
    def dari_data(cls, data) -> BuktiManusia:
        return cls(altcha=(data.get("altcha") or "")[:4000], soal_token=(data.get("soal_token") or "")[:400],
                   soal_jawaban=(data.get("soal_jawaban") or "")[:10])


def tantangan_baru() -> dict:
    """A fresh ALTCHA challenge (signed with HMAC, so any server process can verify it later)."""
    from altcha import create_challenge_v1

    expires = timezone.now() + dt.timedelta(minutes=conf.altcha_masa_berlaku_menit())
    challenge = create_challenge_v1(hmac_key=conf.kunci_rahasia(), max_number=conf.altcha_max_number(),
                                    expires=expires)
    return challenge.to_dict()


def soal_baru() -> dict:
    """A small sum for browsers without JavaScript: {"teks", "token"}."""
    a, b = secrets.randbelow(8) + 2, secrets.randbelow(8) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_hex(4)}, salt="partisipasi.soal", compress=True)
    return {"teks": f"Berapa hasil {a} ditambah {b}? (tulis dengan angka)", "token": token}


def selesaikan_altcha(challenge: dict) -> str:
    """Solve a challenge the way the browser does (used by tests, the demo and the bench)."""
    from altcha import ChallengeV1, solve_challenge_v1

    ch = ChallengeV1(challenge["algorithm"], challenge["challenge"], challenge["maxNumber"], challenge["salt"],
                     challenge["signature"])
    solution = solve_challenge_v1(challenge=ch.challenge, salt=ch.salt, algorithm=ch.algorithm,
                                  max_number=ch.max_number, start=0)
    payload = {"algorithm": ch.algorithm, "challenge": ch.challenge, "number": solution.number, "salt": ch.salt,
               "signature": ch.signature}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def periksa_manusia(bukti: BuktiManusia) -> tuple[str, dt.datetime]:
    """Check the proof and return (fingerprint, expiry) to record with `tandai_terpakai`. Raises 422 otherwise."""
    now = timezone.now()
    if bukti.altcha:
        from altcha import verify_solution_v1

        ok, _err = verify_solution_v1(bukti.altcha, conf.kunci_rahasia(), check_expires=True)
        if not ok:
            raise ApplicationError(MSG_MANUSIA, detail={"altcha": [MSG_MANUSIA]})
        payload = json.loads(base64.b64decode(bukti.altcha))
        return "a:" + str(payload["challenge"])[:60], now + dt.timedelta(minutes=conf.altcha_masa_berlaku_menit())
    if bukti.soal_token:
        try:
            data = signing.loads(bukti.soal_token, salt="partisipasi.soal",
                                 max_age=conf.altcha_masa_berlaku_menit() * 60)
        except signing.BadSignature as exc:
            raise ApplicationError(MSG_MANUSIA, detail={"soal_jawaban": [MSG_MANUSIA]}) from exc
        jawaban = bukti.soal_jawaban.strip()
        if not jawaban.isdigit() or int(jawaban) != data["a"] + data["b"]:
            raise ApplicationError(MSG_SOAL, detail={"soal_jawaban": [MSG_SOAL]})
        digest = hashlib.sha256(bukti.soal_token.encode()).hexdigest()[:60]
        return "s:" + digest, now + dt.timedelta(minutes=conf.altcha_masa_berlaku_menit())
    raise ApplicationError(MSG_MANUSIA, detail={"altcha": [MSG_MANUSIA]})


def tandai_terpakai(sidik: str, kedaluwarsa: dt.datetime) -> None:
    """Record a used proof inside the caller's transaction; a second use is refused (409)."""
    try:
        with transaction.atomic():
            TantanganTerpakai.objects.create(sidik=sidik, kedaluwarsa=kedaluwarsa)
    except IntegrityError as exc:
        raise ApplicationError(MSG_TERPAKAI, code=ErrorCode.CONFLICT) from exc


def verifikasi_manusia(bukti: BuktiManusia | None) -> None:
    """Check and consume the human proof (no-op when PARTISIPASI_ALTCHA_WAJIB is off)."""
    if not conf.altcha_wajib():
        return
    if bukti is None:
        raise ApplicationError(MSG_MANUSIA, detail={"altcha": [MSG_MANUSIA]})
    sidik, kedaluwarsa = periksa_manusia(bukti)
    tandai_terpakai(sidik, kedaluwarsa)


def bersihkan(now: dt.datetime | None = None) -> int:
    """Delete expired counters and used challenges (hourly job)."""
    now = now or timezone.now()
    n1, _ = PenghitungBatas.objects.filter(kedaluwarsa__lt=now).delete()
    n2, _ = TantanganTerpakai.objects.filter(kedaluwarsa__lt=now).delete()
    return n1 + n2
