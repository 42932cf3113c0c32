"""The API: the public forms follow the same rules as the pages; staff handle complaints in scope."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kinerja.organisasi.tests.factories import fresh
from kinerja.partisipasi import perlindungan
from kinerja.partisipasi.models import MasukanProyek, Pengaduan, ResponSurvei

pytestmark = pytest.mark.django_db
API = "/api/v1/partisipasi"


def _solve(c: Client) -> str:
    ch = c.get(f"{API}/publik/tantangan").json()
    assert set(ch) == {"algorithm", "challenge", "maxNumber", "salt", "signature"}
    return perlindungan.selesaikan_altcha(ch)


def _survei(c, **extra):
    body = {f"u{i}": 3 for i in range(1, 10)}
    body["altcha"] = _solve(c)
    body.update(extra)
    return c.post(f"{API}/publik/titik/pos-imun/survei", body, content_type="application/json")


def test_public_survey(dunia):
    c = Client()
    r = _survei(c, saran="Bagus")
    assert r.status_code == 201 and r.json()["status"] == "tampil"
    info = c.get(f"{API}/publik/titik/pos-imun").json()
    assert info["nama"] == "Pos Imunisasi" and info["petugas"][0]["kode"] == "ayu-vaksin"
    assert info["ikm_tahun_ini"] == "75.00"


def test_public_survey_bad_input(dunia):
    c = Client()
    r = _survei(c, u4=None)
    assert r.status_code == 422
    assert r.json()["detail"] == {"u4": ["Pilih salah satu jawaban untuk pertanyaan ini."]}
    r = _survei(c, u2=9)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    r = _survei(c, saran="<script>alert(1)</script>")
    assert r.status_code == 422 and "kode HTML" in r.json()["message"]
    r = c.post(f"{API}/publik/titik/pos-imun/survei", {f"u{i}": 3 for i in range(1, 10)},
               content_type="application/json")
    assert r.status_code == 422 and "Pemeriksaan keamanan" in r.json()["message"]
    assert c.post(f"{API}/publik/titik/tidak-ada/survei", {}, content_type="application/json").status_code == 404
    assert not ResponSurvei.objects.exists()


def test_public_api_flood_is_429(dunia, settings):
    settings.PARTISIPASI_BATAS_IP = 2
    c = Client(REMOTE_ADDR="192.0.2.99")
    codes = [_survei(c, altcha=_solve(c)).status_code for _ in range(3)]
    # the second is a duplicate (same device cookie? no cookie in the API client) → all from one address
    assert codes[-1] == 429
    assert c.post(f"{API}/publik/titik/pos-imun/survei", {}, content_type="application/json").json()["code"] == \
        "rate_limited"


def test_device_header_gives_duplicate_detection(dunia):
    c = Client(HTTP_X_PERANGKAT="hp-api-1")
    assert _survei(c).status_code == 201
    r = _survei(c)
    assert r.status_code == 409 and r.json()["code"] == "conflict"


def test_rating_and_project_input(dunia):
    c = Client()
    r = c.post(f"{API}/publik/petugas/ayu-vaksin/penilaian",
               {"kesopanan": 5, "kecepatan": 5, "kejelasan": 4, "integritas": 5, "altcha": _solve(c)},
               content_type="application/json")
    assert r.status_code == 201
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (30, 30)).save(buf, "PNG")
    r = c.post(f"{API}/publik/titik/jalan-uji/masukan",
               {"kemajuan": "sesuai", "kualitas": "4", "petugas": "teguh-jalan", "sikap_petugas": "5",
                "altcha": _solve(c), "foto": SimpleUploadedFile("a.png", buf.getvalue(), content_type="image/png")})
    assert r.status_code == 201
    assert MasukanProyek.objects.get().petugas.kode == "teguh-jalan"
    r = c.post(f"{API}/publik/titik/jalan-uji/masukan",
               {"kemajuan": "sesuai", "altcha": _solve(c), "foto": SimpleUploadedFile("a.jpg", b"<svg></svg>")})
    assert r.status_code == 415 and r.json()["detail"]["foto"]


def test_complaint_ticket_status_reply_and_staff_handling(dunia):
    c = Client()
    r = c.post(f"{API}/publik/pengaduan", {"kategori": "pungutan", "judul": "Diminta uang",
                                            "uraian": "Diminta Rp50.000 untuk imunisasi yang gratis.",
                                            "petugas": "ayu-vaksin", "anonim": False, "nama": "Budi",
                                            "kontak": "budi@example.com", "altcha": _solve(c)},
               content_type="application/json")
    assert r.status_code == 201
    tiket = r.json()["tiket"]
    status = c.get(f"{API}/publik/pengaduan/{tiket}").json()
    assert status["status"] == "diterima" and "Budi" not in str(status)
    r = c.post(f"{API}/publik/pengaduan/{tiket}/balasan", {"isi": "Mohon segera.", "altcha": _solve(c)},
               content_type="application/json")
    assert r.status_code == 201 and r.json()["riwayat"][-1]["dari"] == "Pelapor"

    p = Pengaduan.objects.get(tiket=tiket)
    kasi = Client()
    kasi.force_login(fresh(dunia.org.kasi.user), backend="django.contrib.auth.backends.ModelBackend")
    listed = kasi.get(f"{API}/pengaduan").json()
    assert [x["tiket"] for x in listed["items"]] == [tiket]
    detail = kasi.get(f"{API}/pengaduan/{p.pk}").json()
    assert detail["nama_pelapor"] == "Budi"  # the kasi handles the unit's complaints
    bad = kasi.post(f"{API}/pengaduan/{p.pk}/aksi", {"aksi": "selesai"}, content_type="application/json")
    assert bad.status_code == 409 and bad.json()["code"] == "invalid_state"
    for aksi, extra in (("verifikasi", {}), ("disposisi", {"unit_id": dunia.org.seksi_imunisasi.pk}),
                        ("tindak_lanjut", {"isi": "Petugas dibina, uang dikembalikan."}), ("selesai", {})):
        r = kasi.post(f"{API}/pengaduan/{p.pk}/aksi", {"aksi": aksi, **extra}, content_type="application/json")
        assert r.status_code == 200, r.json()
    assert r.json()["status"] == "selesai"
    # the reported ASN: 404 and an empty list, even with the API
    asn = Client()
    asn.force_login(fresh(dunia.org.staff_1.user), backend="django.contrib.auth.backends.ModelBackend")
    assert asn.get(f"{API}/pengaduan/{p.pk}").status_code == 404
    assert asn.get(f"{API}/pengaduan").json()["items"] == []


def test_staff_api_needs_a_login(dunia):
    assert Client().get(f"{API}/pengaduan").status_code == 401


def test_ikm_and_evidence_endpoints(dunia):
    c = Client()
    _survei(c)
    kasi = Client()
    kasi.force_login(fresh(dunia.org.kasi.user), backend="django.contrib.auth.backends.ModelBackend")
    r = kasi.get(f"{API}/titik/{dunia.titik.pk}/ikm")
    assert r.status_code == 200 and r.json()["ikm"] == "75.00" and r.json()["mutu"] == "C"
    assert kasi.get(f"{API}/titik/{dunia.titik.pk}/ikm?periode=2026-T9").status_code == 422
    r = kasi.get(f"{API}/ringkasan/pegawai/{dunia.org.staff_1.pk}?dari=2020-01-01&sampai=2100-01-01")
    assert r.status_code == 200 and "predikat" in r.json()["catatan"]
    other = Client()
    other.force_login(fresh(dunia.org.kadis_pupr.user), backend="django.contrib.auth.backends.ModelBackend")
    assert other.get(f"{API}/titik/{dunia.titik.pk}/ikm").status_code == 404
    assert other.get(f"{API}/ringkasan/pegawai/{dunia.org.staff_1.pk}?dari=2020-01-01&sampai=2100-01-01"
                     ).status_code == 404
