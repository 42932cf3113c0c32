"""Public pages over HTTP: no login, the short URLs, and every bad input of the issue — a friendly Indonesian
message, a 4xx, the user's input kept, nothing saved."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings as dj_settings
from django.core import signing
from django.test import Client

from kinerja.partisipasi import perlindungan
from kinerja.partisipasi.models import (
    MasukanProyek,
    Pengaduan,
    PenilaianPetugas,
    ResponSurvei,
    StatusModerasi,
)

pytestmark = pytest.mark.django_db


def _altcha(c: Client, url: str) -> str:
    """What the browser's script does: read the challenge from the form and solve it."""
    import html
    import json

    page = c.get(url).content.decode()
    ch = json.loads(html.unescape(re.search(r'data-altcha="([^"]+)"', page).group(1)))
    return perlindungan.selesaikan_altcha(ch)


def _survei_data(c, url, **extra):
    data = {f"u{i}": "3" for i in range(1, 10)}
    data["altcha"] = _altcha(c, url)
    data.update(extra)
    return data


def test_service_point_page_without_login(dunia):
    c = Client()
    r = c.get("/p/pos-imun/")
    assert r.status_code == 200
    text = r.content.decode()
    assert "Isi survei kepuasan" in text and "Ayu Lestari" in text and "Sampaikan pengaduan" in text
    assert perlindungan.COOKIE_PERANGKAT in r.cookies


def test_project_page(dunia):
    r = Client().get("/p/jalan-uji/")
    assert r.status_code == 200 and "Beri masukan tentang proyek" in r.content.decode()


@pytest.mark.parametrize("url", ["/p/tidak-ada/", "/p/tidak-ada/survei/", "/a/bukan-kode/", "/p/%3Cscript%3E/",
                                 "/a/bukan-kode/pengaduan/", "/p/jalan-uji/survei/", "/p/pos-imun/masukan/"])
def test_unknown_qr_code_is_a_friendly_404(dunia, url):
    r = Client().get(url)
    assert r.status_code == 404
    assert "tidak dikenal" in r.content.decode()


def test_scan_survey_thank_you(dunia):
    c = Client()
    r = c.post("/p/pos-imun/survei/", _survei_data(c, "/p/pos-imun/survei/", saran="Tambah kursi tunggu"))
    assert r.status_code == 302 and r["Location"] == "/p/pos-imun/terima-kasih/?jenis=survei"
    assert "Jawaban survei Anda" in c.get(r["Location"]).content.decode()
    assert ResponSurvei.objects.get().saran == "Tambah kursi tunggu"


def test_missing_unsur_keeps_the_answers(dunia):
    c = Client()
    data = _survei_data(c, "/p/pos-imun/survei/", u1="4", saran="Saran saya tetap ada")
    del data["u5"]
    r = c.post("/p/pos-imun/survei/", data)
    page = r.content.decode()
    assert r.status_code == 400
    assert "Ada yang perlu diperbaiki" in page and "Pilih salah satu jawaban untuk pertanyaan ini." in page
    assert 'name="u1" value="4" id="id_u1_3" checked' in page  # what the user chose is still chosen
    assert "Saran saya tetap ada" in page
    assert not ResponSurvei.objects.exists()


def test_answer_out_of_range(dunia):
    c = Client()
    r = c.post("/p/pos-imun/survei/", _survei_data(c, "/p/pos-imun/survei/", u3="7"))
    assert r.status_code == 400 and "Pilih salah satu jawaban" in r.content.decode()
    assert not ResponSurvei.objects.exists()


def test_script_in_text_is_refused_and_escaped_when_shown_again(dunia):
    c = Client()
    r = c.post("/p/pos-imun/survei/", _survei_data(c, "/p/pos-imun/survei/", saran="<script>alert('x')</script>"))
    page = r.content.decode()
    assert r.status_code == 400 and "kode HTML atau skrip" in page
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert not ResponSurvei.objects.exists()


def test_text_from_other_channels_is_escaped_everywhere(dunia):
    # e.g. rows imported before the filter existed: whatever is stored is escaped on every page
    evil = '<img src=x onerror="alert(1)">'
    ResponSurvei.objects.create(instansi=dunia.org.instansi, titik=dunia.titik, saran=evil,
                                **{f"u{i}": 3 for i in range(1, 10)})
    PenilaianPetugas.objects.create(instansi=dunia.org.instansi, petugas=dunia.petugas, pegawai=dunia.org.staff_1,
                                    kesopanan=4, kecepatan=4, kejelasan=4, integritas=4, komentar=evil)
    staff = Client()
    staff.force_login(dunia.org.kasi.user, backend="django.contrib.auth.backends.ModelBackend")
    for client, url in ((Client(), "/p/pos-imun/"), (Client(), "/a/ayu-vaksin/"),
                        (staff, f"/partisipasi/titik/{dunia.titik.pk}/"), (staff, "/partisipasi/penilaian/")):
        page = client.get(url).content.decode()
        assert evil not in page, url
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page, url


def test_flood_from_one_address_is_429_and_nothing_saved(dunia, settings):
    settings.PARTISIPASI_BATAS_IP = 2
    saved = 0
    for i in range(3):
        c = Client(REMOTE_ADDR="198.51.100.20")
        r = c.post("/p/pos-imun/survei/", _survei_data(c, "/p/pos-imun/survei/"))
        if i < 2:
            assert r.status_code == 302
            saved += 1
        else:
            assert r.status_code == 429
            assert "Terlalu banyak kiriman dari jaringan atau perangkat ini" in r.content.decode()
    assert ResponSurvei.objects.count() == saved == 2
    c = Client(REMOTE_ADDR="198.51.100.21")  # another address still works
    assert c.post("/p/pos-imun/survei/", _survei_data(c, "/p/pos-imun/survei/")).status_code == 302


def test_missing_human_check_then_question_without_javascript(dunia):
    c = Client()
    data = _survei_data(c, "/p/pos-imun/survei/")
    data.pop("altcha")
    r = c.post("/p/pos-imun/survei/", data)
    assert r.status_code == 400 and "Pemeriksaan keamanan" in r.content.decode()
    page = c.get("/p/pos-imun/survei/").content.decode()
    token = re.search(r'name="soal_token" value="([^"]+)"', page).group(1)
    soal = signing.loads(token, salt="partisipasi.soal")
    assert "<noscript>" in page and "Berapa hasil" in page
    r = c.post("/p/pos-imun/survei/", {**data, "soal_token": token, "soal_jawaban": str(soal["a"] + soal["b"])})
    assert r.status_code == 302
    assert ResponSurvei.objects.count() == 1


def test_rate_a_named_asn(dunia):
    c = Client()
    data = {"kesopanan": "5", "kecepatan": "4", "kejelasan": "5", "integritas": "5", "komentar": "Sabar",
            "altcha": _altcha(c, "/a/ayu-vaksin/")}
    r = c.post("/a/ayu-vaksin/", data)
    assert r.status_code == 302 and r["Location"].startswith("/a/ayu-vaksin/terima-kasih/")
    bad = c.post("/a/ayu-vaksin/", {"kesopanan": "9", "altcha": _altcha(c, "/a/ayu-vaksin/")})
    assert bad.status_code == 400 and "Pilih 1 sampai 5 bintang." in bad.content.decode()
    assert PenilaianPetugas.objects.count() == 1


def _jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 40)).save(buf, "JPEG")
    return buf.getvalue()


def test_project_input_with_photo_and_bad_photos(dunia, settings):
    c = Client()
    url = "/p/jalan-uji/masukan/"
    ok = c.post(url, {"kemajuan": "lambat", "kualitas": "3", "komentar": "Lambat",
                      "foto": _upload("jalan.jpg", _jpeg()), "altcha": _altcha(c, url)})
    assert ok.status_code == 302
    m = MasukanProyek.objects.get()
    assert Client().get(f"/partisipasi/foto/{m.pk}/")["Content-Type"] == "image/jpeg"
    unsafe = c.post(url, {"kemajuan": "lambat", "foto": _upload("x.jpg", b"<html>hai</html>"),
                          "altcha": _altcha(c, url)})
    assert unsafe.status_code == 415 and "Jenis berkas tidak diterima" in unsafe.content.decode()
    settings.PARTISIPASI_FOTO_MAKS_BYTES = 100
    big = c.post(url, {"kemajuan": "lambat", "komentar": "Foto besar", "foto": _upload("b.jpg", _jpeg()),
                       "altcha": _altcha(c, url)})
    page = big.content.decode()
    assert big.status_code == 413 and "Berkas terlalu besar" in page
    assert "Foto besar" in page and "pilih lagi" in page  # the text is kept; the photo must be chosen again
    assert MasukanProyek.objects.count() == 1


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_hidden_photos_are_not_served(dunia):
    c = Client()
    url = "/p/jalan-uji/masukan/"
    c.post(url, {"kemajuan": "sesuai", "foto": _upload("a.jpg", _jpeg()), "altcha": _altcha(c, url)})
    m = MasukanProyek.objects.get()
    MasukanProyek.objects.filter(pk=m.pk).update(status=StatusModerasi.DISEMBUNYIKAN)
    assert Client().get(f"/partisipasi/foto/{m.pk}/").status_code == 404


def test_complaint_ticket_status_and_reply(dunia):
    c = Client()
    url = "/a/ayu-vaksin/pengaduan/"
    r = c.post(url, {"kategori": "perilaku", "judul": "Petugas kasar", "uraian": "Petugas membentak ibu lansia.",
                     "anonim": "on", "altcha": _altcha(c, url)})
    assert r.status_code == 302
    p = Pengaduan.objects.get()
    assert r["Location"] == f"/t/{p.tiket}/?baru=1"
    page = c.get(r["Location"]).content.decode()
    assert p.tiket in page and "Simpan kode tiket ini" in page and "Diterima" in page
    # look it up by typing the ticket
    assert c.get("/t/", {"tiket": p.tiket.lower()})["Location"] == f"/t/{p.tiket}/"
    assert c.get("/t/", {"tiket": "salah"}).status_code == 400
    assert c.get("/t/ADU-ZZZZ-ZZZZ/").status_code == 404
    reply = c.post(f"/t/{p.tiket}/", {"isi": "Terjadi lagi hari ini.", "altcha": _altcha(c, f"/t/{p.tiket}/")})
    assert reply.status_code == 302
    assert p.tanggapan.filter(jenis="pelapor").count() == 1


def test_bad_complaint_keeps_what_was_typed(dunia):
    c = Client()
    url = "/p/pos-imun/pengaduan/"
    r = c.post(url, {"kategori": "", "judul": "Judul saya", "uraian": "Uraian saya yang cukup panjang",
                     "nama": "Siti", "anonim": "on", "altcha": _altcha(c, url)})
    page = r.content.decode()
    assert r.status_code == 400 and "Pilih jenis masalah." in page
    assert "Judul saya" in page and "Uraian saya yang cukup panjang" in page
    assert not Pengaduan.objects.exists()


def test_general_complaint_form(dunia):
    c = Client()
    url = "/partisipasi/lapor/"
    assert c.get(url).status_code == 200
    r = c.post(url, {"unit": str(dunia.org.pupr.pk), "kategori": "proyek", "judul": "Jalan retak",
                     "uraian": "Jalan baru sudah retak di tikungan.", "altcha": _altcha(c, url)})
    assert r.status_code == 302
    assert Pengaduan.objects.get().unit_kerja_id == dunia.org.pupr.pk


def test_ticket_lookups_are_rate_limited(dunia, settings):
    settings.PARTISIPASI_BATAS_CEK_TIKET = 3
    c = Client(REMOTE_ADDR="203.0.113.50")
    codes = [c.get("/t/ADU-AAAA-AAAA/").status_code for _ in range(5)]
    assert codes == [404, 404, 404, 429, 429]


def test_results_pages(dunia):
    from kinerja.partisipasi import services
    from kinerja.partisipasi.tests.factories import jawaban, konteks

    services.survei_submit(titik=dunia.titik, jawaban=jawaban(4, 4, 4, 4, 4, 3, 3, 3, 3), konteks=konteks())
    c = Client()
    assert "Seksi Imunisasi" in c.get("/partisipasi/hasil/").content.decode()
    page = c.get(f"/partisipasi/hasil/{dunia.org.seksi_imunisasi.pk}/").content.decode()
    assert "88,89" in page or "88.89" in page
    assert "Sangat baik" in page and "<svg" in page and "Krejcie" in page
    assert c.get(f"/partisipasi/hasil/{dunia.org.seksi_imunisasi.pk}/?periode=2026-X9").status_code == 422


def test_public_pages_stay_under_the_weight_budget(dunia):
    """UX budget: ≤ 200 KB for a citizen page (HTML + our CSS/JS + htmx); no chart library on public pages."""
    static_root = Path(dj_settings.BASE_DIR) / "kinerja"
    assets = [static_root / "static/css/kinerja.css", static_root / "static/js/kinerja.js",
              static_root / "partisipasi/static/partisipasi/partisipasi.css",
              static_root / "partisipasi/static/partisipasi/partisipasi.js"]
    import django_htmx

    assets.append(Path(django_htmx.__file__).parent / "static/django_htmx/htmx-2.min.js")
    asset_bytes = sum(p.stat().st_size for p in assets if p.exists())
    c = Client()
    for url in ("/p/pos-imun/", "/p/pos-imun/survei/", "/a/ayu-vaksin/", "/p/pos-imun/pengaduan/"):
        page = c.get(url).content
        assert b"chart.js" not in page
        assert len(page) + asset_bytes < 200 * 1024, (url, len(page), asset_bytes)
