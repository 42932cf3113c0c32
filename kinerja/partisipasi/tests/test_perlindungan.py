"""Anti-abuse plumbing: the shared rate-limit counter, the ALTCHA proof-of-work (valid, forged, expired,
replayed) and the no-JavaScript question."""

import base64
import datetime as dt
import json

import pytest
from django.test import RequestFactory

from kinerja.core.exceptions import ApplicationError, ErrorCode
from kinerja.partisipasi import perlindungan
from kinerja.partisipasi.models import PenghitungBatas, TantanganTerpakai

pytestmark = pytest.mark.django_db


def _request(ip="10.0.0.1", xff=None, cookie=None):
    rf = RequestFactory()
    extra = {"REMOTE_ADDR": ip}
    if xff:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    req = rf.post("/p/x/", **extra)
    if cookie:
        req.COOKIES[perlindungan.COOKIE_PERANGKAT] = cookie
    return req


def test_counter_is_one_row_in_the_database_shared_by_every_process():
    assert [perlindungan.hitung("uji:a") for _ in range(3)] == [1, 2, 3]
    row = PenghitungBatas.objects.get(kunci="uji:a")
    assert row.jumlah == 3  # another gunicorn worker reads this same row
    assert perlindungan.hitung("uji:b") == 1


def test_flood_from_one_address_is_refused_with_429(settings):
    settings.PARTISIPASI_BATAS_IP = 3
    settings.PARTISIPASI_BATAS_PERANGKAT = 100
    for _ in range(3):
        perlindungan.batasi(_request())
    with pytest.raises(ApplicationError) as exc:
        perlindungan.batasi(_request())
    assert exc.value.code == ErrorCode.RATE_LIMITED and exc.value.status == 429
    assert "Terlalu banyak kiriman" in exc.value.message
    perlindungan.batasi(_request(ip="10.0.0.2"))  # another address is not affected


def test_flood_from_one_device_is_refused(settings):
    settings.PARTISIPASI_BATAS_IP = 100
    settings.PARTISIPASI_BATAS_PERANGKAT = 2
    req = _request()
    device = perlindungan.perangkat_id(req)
    signed = perlindungan.pasang_cookie(req, __import__("django.http").http.HttpResponse()).cookies[
        perlindungan.COOKIE_PERANGKAT].value
    for ip in ("10.1.0.1", "10.1.0.2"):
        perlindungan.batasi(_request(ip=ip, cookie=signed))
    with pytest.raises(ApplicationError):
        perlindungan.batasi(_request(ip="10.1.0.3", cookie=signed))
    assert perlindungan.perangkat_id(_request(cookie=signed)) == device


def test_forwarded_for_is_ignored_unless_trusted(settings):
    req = _request(ip="127.0.0.1", xff="203.0.113.9")
    assert perlindungan.alamat_klien(req) == "127.0.0.1"
    settings.PARTISIPASI_PERCAYA_XFF = True
    assert perlindungan.alamat_klien(req) == "203.0.113.9"


def test_addresses_are_kept_only_as_keyed_hashes():
    h = perlindungan.ip_hash(_request(ip="198.51.100.7"))
    assert len(h) == 16 and "198" not in h
    assert h == perlindungan.ip_hash(_request(ip="198.51.100.7"))


def test_altcha_solution_is_accepted_once():
    payload = perlindungan.selesaikan_altcha(perlindungan.tantangan_baru())
    perlindungan.verifikasi_manusia(perlindungan.BuktiManusia(altcha=payload))
    assert TantanganTerpakai.objects.count() == 1
    with pytest.raises(ApplicationError) as exc:
        perlindungan.verifikasi_manusia(perlindungan.BuktiManusia(altcha=payload))
    assert exc.value.code == ErrorCode.CONFLICT


def test_forged_or_missing_altcha_is_refused():
    ch = perlindungan.tantangan_baru()
    payload = json.loads(base64.b64decode(perlindungan.selesaikan_altcha(ch)))
    payload["number"] += 1
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    for bukti in (perlindungan.BuktiManusia(altcha=forged), perlindungan.BuktiManusia(altcha="bukan-base64"),
                  perlindungan.BuktiManusia(), None):
        with pytest.raises(ApplicationError) as exc:
            perlindungan.verifikasi_manusia(bukti)
        assert exc.value.status == 422
        assert "Pemeriksaan keamanan" in exc.value.message
    assert not TantanganTerpakai.objects.exists()


def test_expired_altcha_is_refused(settings, monkeypatch):
    ch = perlindungan.tantangan_baru()
    payload = perlindungan.selesaikan_altcha(ch)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)
    with pytest.raises(ApplicationError):
        perlindungan.verifikasi_manusia(perlindungan.BuktiManusia(altcha=payload))


def test_question_without_javascript():
    soal = perlindungan.soal_baru()
    data = __import__("django.core.signing").core.signing.loads(soal["token"], salt="partisipasi.soal")
    wrong = perlindungan.BuktiManusia(soal_token=soal["token"], soal_jawaban=str(data["a"] + data["b"] + 1))
    with pytest.raises(ApplicationError, match="Jawaban pertanyaan keamanan salah"):
        perlindungan.verifikasi_manusia(wrong)
    right = perlindungan.BuktiManusia(soal_token=soal["token"], soal_jawaban=str(data["a"] + data["b"]))
    perlindungan.verifikasi_manusia(right)
    with pytest.raises(ApplicationError):
        perlindungan.verifikasi_manusia(right)  # not twice


def test_cleanup_drops_expired_rows():
    from django.utils import timezone

    perlindungan.hitung("uji:lama")
    TantanganTerpakai.objects.create(sidik="x", kedaluwarsa=timezone.now() - dt.timedelta(minutes=1))
    assert perlindungan.bersihkan(timezone.now() + dt.timedelta(hours=1)) == 2
