"""The API the phone app syncs with (bearer token), and the supervisors' review endpoints. Bad input answers a 4xx
in the one error shape with an Indonesian message, and nothing is saved."""

import io
import json
import uuid

import pytest
from django.test import Client
from PIL import Image

from kinerja.core.services import api_token_create
from kinerja.laporan import rules, services
from kinerja.laporan.models import BuktiDukung, LaporanHarian
from kinerja.laporan.tests.factories import make_laporan
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db
BASE = "/api/v1/laporan"


def bearer(user) -> Client:
    _token, key = api_token_create(user=user, nama="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(dunia, who="staff_1", **kw) -> dict:
    data = {"jam_mulai": "08:00", "jam_selesai": "10:00", "indikator_id": dunia.indikator(who).pk,
            "uraian": "Pelayanan imunisasi di posyandu", "output_jumlah": "12", "output_satuan": "anak",
            "ajukan": True}
    data.update(kw)
    return data


def post(client, url, data, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": str(key)} if key else {}
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def bad(response, status, message=None):
    assert response.status_code == status, response.content
    payload = response.json()
    assert set(payload) == {"message", "code", "detail"}
    if message:
        assert payload["message"] == message
    return payload


@pytest.fixture
def pegawai(dunia):
    return bearer(dunia.staff_1.user)


def test_create_then_replay_with_the_same_key(dunia, pegawai):
    key = uuid.uuid4()
    first = post(pegawai, f"{BASE}/harian", body(dunia), key)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first
    data = first.json()
    assert data["status"] == "diajukan" and data["idempotency_key"] == str(key) and data["penilai_id"] == dunia.kasi.pk
    again = post(pegawai, f"{BASE}/harian", body(dunia, uraian="kiriman ulang"), key)
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == data["id"] and again.json()["uraian"] == "Pelayanan imunisasi di posyandu"
    assert LaporanHarian.objects.count() == 1


def test_create_without_a_key_and_as_draft(dunia, pegawai):
    r = post(pegawai, f"{BASE}/harian", body(dunia, ajukan=False))
    assert r.status_code == 201 and r.json()["status"] == "draft"


def test_an_invalid_key_is_refused(dunia, pegawai):
    bad(post(pegawai, f"{BASE}/harian", body(dunia), "bukan-uuid"), 422, rules.MSG_KUNCI_IDEMPOTENSI)
    assert not LaporanHarian.objects.exists()


@pytest.mark.parametrize(("change", "message"), [
    ({"indikator_id": None, "rhk_id": None}, rules.MSG_RHK_WAJIB),
    ({"output_jumlah": "-3"}, rules.MSG_OUTPUT_NEGATIF),
    ({"jam_mulai": "10:00", "jam_selesai": "09:00"}, rules.MSG_JAM_URUT),
    ({"tanggal": "2999-01-01"}, rules.MSG_TANGGAL_DEPAN),
])
def test_bad_report_input(dunia, pegawai, change, message):
    payload = bad(post(pegawai, f"{BASE}/harian", body(dunia, **change), uuid.uuid4()), 422, message)
    assert payload["code"] == "validation_error" and payload["detail"]
    assert not LaporanHarian.objects.exists()


def test_more_than_24_hours_through_the_api(dunia, pegawai):
    services.kebijakan_laporan_update(actor=fresh(dunia.admin.user), batas_jam_harian="24")
    assert post(pegawai, f"{BASE}/harian", body(dunia, jam_mulai="00:00", jam_selesai="23:00")).status_code == 201
    bad(post(pegawai, f"{BASE}/harian", body(dunia, jam_mulai="12:00", jam_selesai="14:00")), 422,
        rules.MSG_LEBIH_24.format(total="25 jam"))
    assert LaporanHarian.objects.count() == 1


def test_someone_elses_rhk_through_the_api(dunia, pegawai):
    bad(post(pegawai, f"{BASE}/harian", body(dunia, indikator_id=dunia.indikator("staff_2").pk)), 422,
        rules.MSG_RHK_BUKAN_MILIK)
    assert not LaporanHarian.objects.exists()


def test_malformed_payload_answers_in_indonesian(dunia, pegawai):
    data = body(dunia)
    del data["jam_mulai"]
    payload = bad(post(pegawai, f"{BASE}/harian", data), 422)
    assert payload["message"].startswith("Data yang dikirim tidak sesuai format")


def test_list_edit_submit_delete(dunia, pegawai):
    draft = post(pegawai, f"{BASE}/harian", body(dunia, ajukan=False)).json()
    make_laporan(dunia, "staff_2")
    listed = pegawai.get(f"{BASE}/harian").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == draft["id"]
    assert pegawai.get(f"{BASE}/harian?status=diajukan").json()["count"] == 0
    r = pegawai.patch(f"{BASE}/harian/{draft['id']}", json.dumps({"uraian": "Diperbaiki", "jam_selesai": "11:00"}),
                      content_type="application/json")
    assert r.status_code == 200 and r.json()["durasi_menit"] == 180 and r.json()["uraian"] == "Diperbaiki"
    r = pegawai.post(f"{BASE}/harian/{draft['id']}/ajukan")
    assert r.status_code == 200 and r.json()["status"] == "diajukan"
    bad(pegawai.delete(f"{BASE}/harian/{draft['id']}"), 409, rules.MSG_HANYA_DRAF_DIHAPUS)
    other = post(pegawai, f"{BASE}/harian", body(dunia, ajukan=False, jam_mulai="13:00", jam_selesai="14:00")).json()
    assert pegawai.delete(f"{BASE}/harian/{other['id']}").status_code == 204
    assert LaporanHarian.objects.count() == 2


def test_an_edit_to_an_approved_report(dunia, pegawai):
    laporan = make_laporan(dunia)
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan)
    bad(pegawai.patch(f"{BASE}/harian/{laporan.pk}", json.dumps({"uraian": "ubah"}), content_type="application/json"),
        409, rules.MSG_SUDAH_DISETUJUI)
    laporan.refresh_from_db()
    assert laporan.uraian == "Menyusun laporan imunisasi desa"


def test_others_reports_are_not_found(dunia, pegawai):
    laporan = make_laporan(dunia, "staff_2")
    bad(pegawai.get(f"{BASE}/harian/{laporan.pk}"), 404)
    bad(pegawai.patch(f"{BASE}/harian/{laporan.pk}", "{}", content_type="application/json"), 404)


def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (900, 600), (40, 120, 60)).save(buf, "JPEG")
    return buf.getvalue()


def multipart(client, url, filename: str, data: bytes, key=None):
    """A hand-made multipart body, so the file name reaches the server exactly as given."""
    boundary = "----kinerjaBatas"
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"{filename}\"\r\n"
               f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    headers = {"HTTP_IDEMPOTENCY_KEY": str(key)} if key else {}
    return client.post(url, payload, content_type=f"multipart/form-data; boundary={boundary}", **headers)


def test_upload_evidence_idempotently_and_download_it(dunia, pegawai):
    laporan = make_laporan(dunia, ajukan=False)
    key = uuid.uuid4()
    r = multipart(pegawai, f"{BASE}/harian/{laporan.pk}/bukti", "foto posyandu.jpg", jpeg(), key)
    assert r.status_code == 201, r.content
    bukti = r.json()
    assert bukti["jenis"] == "jpeg" and bukti["nama_asli"] == "foto posyandu.jpg" and len(bukti["sha256"]) == 64
    again = multipart(pegawai, f"{BASE}/harian/{laporan.pk}/bukti", "foto posyandu.jpg", jpeg(), key)
    assert again.status_code == 200 and again.json()["id"] == bukti["id"] and again["Idempotent-Replayed"] == "true"
    assert BuktiDukung.objects.count() == 1
    download = pegawai.get(bukti["url"])
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert download["X-Content-Type-Options"] == "nosniff" and "sandbox" in download["Content-Security-Policy"]
    assert bearer(dunia.staff_2.user).get(bukti["url"]).status_code == 404
    assert bearer(dunia.kasi.user).get(bukti["url"]).status_code == 200  # the atasan may see the evidence


@pytest.mark.parametrize(("filename", "data", "status", "message"), [
    ("besar.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024), 413, "Berkas terlalu besar (maksimal 10 MB)."),
    ("laporan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 300, 415, None),
    ("halaman.html", b"<html><script>alert(1)</script></html>", 415, None),
    ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 415, None),
    ("../../../etc/passwd", b"%PDF-1.4 jalur", 422, rules.MSG_NAMA_BERKAS),
    ("..\\..\\windows\\system.ini", b"%PDF-1.4 jalur", 422, rules.MSG_NAMA_BERKAS),
    ("..", b"%PDF-1.4 jalur", 422, rules.MSG_NAMA_BERKAS),
])
def test_bad_evidence(dunia, pegawai, filename, data, status, message):
    laporan = make_laporan(dunia, ajukan=False)
    payload = bad(multipart(pegawai, f"{BASE}/harian/{laporan.pk}/bukti", filename, data, uuid.uuid4()), status,
                  message)
    if status == 415:
        assert payload["message"].startswith("Jenis berkas tidak diterima")
    assert not BuktiDukung.objects.exists()
    laporan.refresh_from_db()
    assert laporan.status == "draft"  # nothing already saved is lost


def test_absurdly_large_bodies_are_refused_before_parsing(dunia, pegawai):
    laporan = make_laporan(dunia, ajukan=False)
    r = pegawai.post(f"{BASE}/harian/{laporan.pk}/bukti", b"x", content_type="multipart/form-data; boundary=x",
                     CONTENT_LENGTH=str(500 * 1024 * 1024))
    bad(r, 413)


def test_comments_and_the_review_queue(dunia, pegawai):
    laporan = post(pegawai, f"{BASE}/harian", body(dunia)).json()
    kasi = bearer(dunia.kasi.user)
    queue = kasi.get(f"{BASE}/tinjauan").json()
    assert [x["id"] for x in queue] == [laporan["id"]] and queue[0]["pegawai_nama"] == "Ayu Lestari"
    assert bearer(dunia.kabid.user).get(f"{BASE}/tinjauan").json() == []
    r = post(kasi, f"{BASE}/harian/{laporan['id']}/komentar", {"isi": "Berapa anak yang diimunisasi?"})
    assert r.status_code == 201 and r.json()["penulis"] == "Budi Santoso"
    bad(post(kasi, f"{BASE}/harian/{laporan['id']}/revisi", {"komentar": ""}), 422, rules.MSG_KOMENTAR_REVISI_WAJIB)
    r = post(kasi, f"{BASE}/harian/{laporan['id']}/revisi", {"komentar": "Sebutkan jumlah anak per desa."})
    assert r.status_code == 200 and r.json()["status"] == "perlu_revisi"
    comments = pegawai.get(f"{BASE}/harian/{laporan['id']}/komentar").json()
    assert [c["jenis"] for c in comments] == ["komentar", "revisi"]
    assert pegawai.post(f"{BASE}/harian/{laporan['id']}/ajukan").json()["status"] == "diajukan"
    bad(post(bearer(dunia.kabid.user), f"{BASE}/harian/{laporan['id']}/setujui", {}), 403, rules.MSG_BUKAN_PENILAI)
    r = post(kasi, f"{BASE}/harian/{laporan['id']}/setujui", {"komentar": "Terima kasih."})
    assert r.status_code == 200 and r.json()["status"] == "disetujui"


def test_bulk_approval_asks_for_confirmation(dunia):
    a = make_laporan(dunia, "staff_1")
    b = make_laporan(dunia, "staff_2")
    kasi = bearer(dunia.kasi.user)
    kasi.get(f"{BASE}/harian/{a.pk}")  # reading through the API is not "opening" it in the review queue
    r = post(kasi, f"{BASE}/tinjauan/setujui", {"ids": [a.pk, b.pk]}).json()
    assert r["perlu_konfirmasi"] and r["disetujui"] == [] and set(r["belum_dibuka"]) == {a.pk, b.pk}
    r = post(kasi, f"{BASE}/tinjauan/setujui", {"ids": [a.pk, b.pk], "konfirmasi": True}).json()
    assert set(r["disetujui"]) == {a.pk, b.pk} and not r["perlu_konfirmasi"]


def test_report_choices_and_realisasi(dunia, pegawai):
    choices = pegawai.get(f"{BASE}/rhk").json()
    assert choices[0]["id"] == dunia.skp["staff_1"].pk and len(choices[0]["rhk"]) == 2
    laporan = post(pegawai, f"{BASE}/harian", body(dunia)).json()
    post(bearer(dunia.kasi.user), f"{BASE}/harian/{laporan['id']}/setujui", {})
    r = pegawai.get(f"{BASE}/realisasi/skp/{dunia.skp['staff_1'].pk}")
    assert r.status_code == 200
    ind = r.json()["rhk"][0]["indikator"][0]
    assert ind["indikator_id"] == dunia.indikator("staff_1").pk and ind["realisasi"] == "12.00"
    assert ind["jumlah_laporan"] == 1 and float(ind["capaian_persen"]) == 10.0
    assert sum(float(p["realisasi"]) for p in ind["per_periode"]) == 12.0
    bad(bearer(dunia.staff_2.user).get(f"{BASE}/realisasi/skp/{dunia.skp['staff_1'].pk}"), 404)


def test_policy_and_unlock_endpoints(dunia, pegawai):
    assert pegawai.get(f"{BASE}/kebijakan").json()["batas_mundur_hari_kerja"] == 3
    bad(pegawai.put(f"{BASE}/kebijakan", json.dumps({"batas_mundur_hari_kerja": 5}),
                    content_type="application/json"), 403, rules.MSG_KEBIJAKAN_ADMIN)
    admin = bearer(dunia.admin.user)
    r = admin.put(f"{BASE}/kebijakan", json.dumps({"batas_mundur_hari_kerja": 5}), content_type="application/json")
    assert r.status_code == 200 and r.json()["batas_mundur_hari_kerja"] == 5
    bad(post(bearer(dunia.kasi.user), f"{BASE}/buka-kunci",
             {"pegawai_id": dunia.staff_1.pk, "tanggal": "2999-01-01", "alasan": "x"}), 422, rules.MSG_TANGGAL_DEPAN)


def test_authentication(dunia):
    bad(Client().get(f"{BASE}/harian"), 401)
    session = Client(enforce_csrf_checks=True)
    session.force_login(dunia.staff_1.user, backend="django.contrib.auth.backends.ModelBackend")
    bad(post(session, f"{BASE}/harian", body(dunia)), 403)  # the browser session needs the CSRF token
    session.get("/laporan/")
    token = session.cookies["csrftoken"].value
    r = session.post(f"{BASE}/harian", json.dumps(body(dunia)), content_type="application/json",
                     HTTP_X_CSRFTOKEN=token, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert r.status_code == 201


def test_openapi_documents_the_endpoints(dunia):
    c = Client()
    c.force_login(dunia.staff_1.user, backend="django.contrib.auth.backends.ModelBackend")
    schema = c.get("/api/v1/openapi.json").json()
    op = schema["paths"]["/api/v1/laporan/harian"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in op["parameters"])
    assert {"200", "201", "422"} <= set(op["responses"])
    assert "/api/v1/laporan/harian/{laporan_id}/bukti" in schema["paths"]
