"""HTML pages: the phone app without JavaScript (form posts, errors re-shown with a 400 and the input kept), the
report page, the live queue's fragments, bulk approval's confirmation, policy, unlocks, PWA plumbing."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kinerja.core.models import Notifikasi
from kinerja.laporan import rules, services
from kinerja.laporan.models import BuktiDukung, LaporanHarian
from kinerja.laporan.tests.factories import make_laporan
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db


def login(user, **kw) -> Client:
    c = Client(**kw)
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def form(dunia, **kw):
    data = {"tanggal": "", "jam_mulai": "08:00", "jam_selesai": "09:30", "sasaran": f"ind:{dunia.indikator('staff_1').pk}",
            "uraian": "Posyandu balita di Dusun Cibeureum", "output_jumlah": "23", "output_satuan": "balita",
            "program": "", "latitude": "", "longitude": "", "kunci": "", "aksi": "ajukan"}
    data.update(kw)
    return data


def test_the_phone_app_page(dunia):
    c = login(dunia.staff_1.user)
    r = c.get("/laporan/")
    html = r.content.decode()
    assert r.status_code == 200
    assert 'data-laporan-form' in html and 'name="sasaran"' in html and "Tersimpan di ponsel" in html
    assert 'rel="manifest"' in html and "laporan/pwa.js" in html and 'id="laporan-konfigurasi"' in html
    assert "<script>" not in html and 'style="' not in html  # strict CSP
    assert f'value="ind:{dunia.indikator("staff_1").pk}"' in html


def test_without_an_approved_skp_the_page_explains(dunia):
    r = login(dunia.kabid.user).get("/laporan/")
    assert r.status_code == 200 and "Belum bisa membuat laporan" in r.content.decode()


def test_the_form_posts_without_javascript(dunia):
    c = login(dunia.staff_1.user)
    upload = SimpleUploadedFile("daftar hadir.pdf", b"%PDF-1.4 daftar hadir")
    r = c.post("/laporan/baru/", {**form(dunia), "bukti": upload})
    laporan = LaporanHarian.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/laporan/{laporan.pk}/"
    assert laporan.status == "diajukan" and laporan.bukti.count() == 1
    r = c.get(r["Location"])
    assert "Menunggu tinjauan Budi Santoso" in r.content.decode()


@pytest.mark.parametrize(("change", "message"), [
    ({"sasaran": ""}, None),  # Django's own "required" message
    ({"output_jumlah": "-4"}, rules.MSG_OUTPUT_NEGATIF),
    ({"jam_mulai": "11:00", "jam_selesai": "10:00"}, rules.MSG_JAM_URUT),
    ({"sasaran": "ind:999999"}, None),
])
def test_bad_input_is_shown_with_a_400_and_the_input_kept(dunia, change, message):
    c = login(dunia.staff_1.user)
    r = c.post("/laporan/baru/", form(dunia, **change))
    html = r.content.decode()
    assert r.status_code == 400
    assert "Ada yang perlu diperbaiki" in html and "Posyandu balita di Dusun Cibeureum" in html
    if message:
        assert message in html
    assert not LaporanHarian.objects.exists()


def test_someone_elses_rhk_in_the_form(dunia):
    r = login(dunia.staff_1.user).post("/laporan/baru/", form(dunia, sasaran=f"ind:{dunia.indikator('staff_2').pk}"))
    assert r.status_code == 400  # not even a choice of this pegawai's form
    assert not LaporanHarian.objects.exists()


def test_bad_evidence_in_the_form_saves_nothing(dunia):
    c = login(dunia.staff_1.user)
    r = c.post("/laporan/baru/", {**form(dunia), "bukti": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 99)})
    assert r.status_code == 415 and "Jenis berkas tidak diterima" in r.content.decode()
    assert not LaporanHarian.objects.exists() and not BuktiDukung.objects.exists()


def test_a_path_traversal_name_through_the_html_form(dunia):
    laporan = make_laporan(dunia, ajukan=False)
    c = login(dunia.staff_1.user, enforce_csrf_checks=True)
    c.get(f"/laporan/{laporan.pk}/")
    token = c.cookies["csrftoken"].value
    boundary = "batas"
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{token}\r\n"
               f"--{boundary}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"../../etc/passwd\"\r\n"
               f"Content-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--{boundary}--\r\n").encode()
    r = c.post(f"/laporan/{laporan.pk}/bukti/", payload, content_type=f"multipart/form-data; boundary={boundary}")
    assert r.status_code == 400 and rules.MSG_NAMA_BERKAS in r.content.decode()
    assert not BuktiDukung.objects.exists()
    # and the CSRF check still applies to the upload view
    r = login(dunia.staff_1.user, enforce_csrf_checks=True).post(
        f"/laporan/{laporan.pk}/bukti/", {"berkas": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    assert r.status_code == 403


def test_report_page_edit_comment_submit_delete(dunia):
    laporan = make_laporan(dunia, ajukan=False)
    c = login(dunia.staff_1.user)
    r = c.get(f"/laporan/{laporan.pk}/")
    assert r.status_code == 200 and "Ubah laporan" in r.content.decode()
    r = c.post(f"/laporan/{laporan.pk}/ubah/", form(dunia, uraian="Posyandu (diperbaiki)"))
    assert r.status_code == 302
    laporan.refresh_from_db()
    assert laporan.uraian == "Posyandu (diperbaiki)"
    r = c.post(f"/laporan/{laporan.pk}/ubah/", form(dunia, jam_selesai="07:00"))
    assert r.status_code == 400 and rules.MSG_JAM_URUT in r.content.decode()
    assert c.post(f"/laporan/{laporan.pk}/komentar/", {"isi": ""}).status_code == 400
    assert c.post(f"/laporan/{laporan.pk}/ajukan/").status_code == 302
    r = c.post(f"/laporan/{laporan.pk}/hapus/")
    assert r.status_code == 409 and rules.MSG_HANYA_DRAF_DIHAPUS in r.content.decode()


def test_the_reviewer_opening_the_page_counts_as_opened(dunia):
    laporan = make_laporan(dunia)
    login(dunia.kabid.user).get(f"/laporan/{laporan.pk}/")  # a superior, not the reviewer
    laporan.refresh_from_db()
    assert laporan.dibuka_penilai_pada is None
    r = login(dunia.kasi.user).get(f"/laporan/{laporan.pk}/")
    laporan.refresh_from_db()
    assert r.status_code == 200 and laporan.dibuka_penilai_pada is not None and "Tinjau laporan ini" in r.content.decode()


def test_evidence_is_served_only_to_those_who_may_see_it(dunia):
    laporan = make_laporan(dunia, ajukan=False)
    bukti, _ = services.bukti_dukung_add(actor=fresh(dunia.staff_1.user), laporan=laporan,
                                         upload=SimpleUploadedFile("hasil.pdf", b"%PDF-1.4 hasil"))
    r = login(dunia.kasi.user).get(f"/laporan/bukti/{bukti.pk}/")
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    assert r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    assert login(dunia.staff_2.user).get(f"/laporan/bukti/{bukti.pk}/").status_code == 404
    assert login(dunia.kadis_b.user).get(f"/laporan/bukti/{bukti.pk}/").status_code == 404


def test_queue_page_and_its_live_fragment(dunia):
    a = make_laporan(dunia, "staff_1")
    c = login(dunia.kasi.user)
    html = c.get("/laporan/tinjauan/").content.decode()
    assert f'id="laporan-{a.pk}"' in html and 'hx-trigger="kinerja-poll"' in html and "laporan/tinjauan.js" in html
    b = make_laporan(dunia, "staff_2")
    r = c.get(f"/laporan/tinjauan/baru/?ada={a.pk}")
    frag = r.content.decode()
    assert f'id="laporan-{b.pk}"' in frag and f'id="laporan-{a.pk}"' not in frag
    assert 'hx-swap-oob="beforeend:#antrian"' in frag and '<span id="antrian-jumlah" hx-swap-oob="true">2</span>' in frag
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=a)
    frag = c.get(f"/laporan/tinjauan/baru/?ada={a.pk}&ada={b.pk}").content.decode()
    assert f'<div id="laporan-{a.pk}" hx-swap-oob="delete"></div>' in frag


def test_one_action_review_with_htmx(dunia):
    laporan = make_laporan(dunia)
    c = login(dunia.kasi.user)
    htmx = {"HTTP_HX_REQUEST": "true"}
    r = c.post(f"/laporan/tinjauan/{laporan.pk}/", {"aksi": "revisi", "komentar": ""}, **htmx)
    assert r.status_code == 400 and rules.MSG_KOMENTAR_REVISI_WAJIB in r.content.decode()
    r = c.post(f"/laporan/tinjauan/{laporan.pk}/", {"aksi": "revisi", "komentar": "Tambah foto."}, **htmx)
    assert r.status_code == 200 and "Laporan dikembalikan untuk revisi." in r.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == "perlu_revisi"
    assert Notifikasi.objects.filter(user=dunia.staff_1.user, pesan="Tambah foto.").exists()
    assert c.post(f"/laporan/tinjauan/{laporan.pk}/dibuka/").status_code == 204


def test_bulk_approval_confirmation_page(dunia):
    a = make_laporan(dunia, "staff_1")
    b = make_laporan(dunia, "staff_2")
    c = login(dunia.kasi.user)
    c.post(f"/laporan/tinjauan/{a.pk}/dibuka/")
    r = c.post("/laporan/tinjauan/setujui-terpilih/", {"pilih": [a.pk, b.pk]})
    html = r.content.decode()
    assert r.status_code == 200 and "Ada laporan yang belum Anda buka" in html
    assert "Setujui hanya yang sudah dibuka (1)" in html and "Setujui semua (2)" in html
    assert LaporanHarian.objects.filter(status="diajukan").count() == 2
    r = c.post("/laporan/tinjauan/setujui-terpilih/", {"pilih": [a.pk, b.pk], "konfirmasi": "dibuka"})
    assert r.status_code == 302
    assert set(LaporanHarian.objects.values_list("pk", "status")) == {(a.pk, "disetujui"), (b.pk, "diajukan")}
    c.post("/laporan/tinjauan/setujui-terpilih/", {"pilih": [b.pk], "konfirmasi": "semua"})
    assert not LaporanHarian.objects.filter(status="diajukan").exists()


def test_policy_page_is_for_admin_bkpsdm(dunia):
    assert login(dunia.kasi.user).get("/laporan/kebijakan/").status_code == 403
    c = login(dunia.admin.user)
    assert c.get("/laporan/kebijakan/").status_code == 200
    data = {"batas_mundur_hari_kerja": "2", "batas_jam_harian": "10", "jam_pengingat": "15:30",
            "batas_hari_tinjauan": "2", "maks_ukuran_bukti_mb": "5", "maks_bukti_per_laporan": "3"}
    assert c.post("/laporan/kebijakan/", data).status_code == 302
    r = c.post("/laporan/kebijakan/", {**data, "batas_jam_harian": "30"})
    assert r.status_code == 400


def test_unlock_page(dunia):
    c = login(dunia.kasi.user)
    r = c.get("/laporan/buka-kunci/")
    assert r.status_code == 200 and "Ayu Lestari" in r.content.decode()
    old = dt.date.today() - dt.timedelta(days=40)
    r = c.post("/laporan/buka-kunci/", {"pegawai": dunia.staff_1.pk, "tanggal": old.isoformat(), "alasan": "Sakit"})
    assert r.status_code == 302
    r = c.post("/laporan/buka-kunci/", {"pegawai": dunia.staff_1.pk, "tanggal": "2999-01-01", "alasan": "x"})
    assert r.status_code == 400 and rules.MSG_TANGGAL_DEPAN in r.content.decode()


def test_pegawai_month_page(dunia):
    make_laporan(dunia)
    assert login(dunia.kabid.user).get(f"/laporan/pegawai/{dunia.staff_1.pk}/").status_code == 200
    assert login(dunia.staff_2.user).get(f"/laporan/pegawai/{dunia.staff_1.pk}/").status_code == 404


def test_realisasi_fragment(dunia):
    r = login(dunia.staff_1.user).get(f"/laporan/realisasi/skp/{dunia.skp['staff_1'].pk}/")
    assert r.status_code == 200 and "Realisasi dari laporan harian" in r.content.decode()
    assert login(dunia.staff_2.user).get(f"/laporan/realisasi/skp/{dunia.skp['staff_1'].pk}/").status_code == 404


def test_realisasi_slot_on_the_skp_page(dunia):
    from django.test import RequestFactory

    from kinerja.core.slots import render_slot

    request = RequestFactory().get("/")
    request.user = fresh(dunia.kasi.user)
    html = render_slot("skp_detail", request, dunia.skp["staff_1"])
    assert "Realisasi dari laporan harian" in html and "Jumlah dokumen RHK 1" in html
    request.user = fresh(dunia.staff_2.user)
    assert "Realisasi dari laporan harian" not in render_slot("skp_detail", request, dunia.skp["staff_1"])


def test_pwa_plumbing_is_public_and_well_formed(db):
    c = Client()
    sw = c.get("/laporan/sw.js")
    assert sw.status_code == 200 and sw["Content-Type"].startswith("text/javascript")
    assert sw["Service-Worker-Allowed"] == "/laporan/" and "__VERSI__" not in sw.content.decode()
    manifest = json.loads(c.get("/laporan/manifest.webmanifest").content)
    assert manifest["start_url"] == "/laporan/" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        r = c.get(icon["src"])
        assert r.status_code == 200 and r["Content-Type"] == "image/png" and r.content.startswith(b"\x89PNG")
    assert c.get("/laporan/ikon-64.png").status_code == 404


def test_home_panels(dunia):
    make_laporan(dunia)
    from django.test import RequestFactory

    from kinerja.laporan.wiring import _atasan_context, _pegawai_context

    request = RequestFactory().get("/")
    request.user = fresh(dunia.kasi.user)
    assert _atasan_context(request)["jumlah"] == 1
    request.user = fresh(dunia.staff_1.user)
    assert _pegawai_context(request)["ringkasan"].per_status == {"diajukan": 1}


def test_review_without_javascript(dunia):
    laporan = make_laporan(dunia)
    c = login(dunia.kasi.user)
    r = c.post(f"/laporan/tinjauan/{laporan.pk}/", {"aksi": "revisi", "komentar": " "})
    assert r.status_code == 400 and rules.MSG_KOMENTAR_REVISI_WAJIB in r.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == "diajukan"
    r = c.post(f"/laporan/tinjauan/{laporan.pk}/", {"aksi": "setujui", "komentar": ""})
    assert r.status_code == 302 and r["Location"] == "/laporan/tinjauan/"
    laporan.refresh_from_db()
    assert laporan.status == "disetujui"
