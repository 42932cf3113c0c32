"""The penilaian API: read own and subordinates' evaluations; submit a self-assessment; list invitations and
submit peer feedback (once, anonymously). Errors have the one shape {message, code, detail}."""

import pytest
from django.test import Client

from kinerja.core.services import api_token_create
from kinerja.penilaian import services
from kinerja.penilaian.models import PenilaianDiri, PenilaiRekan, Respon360
from kinerja.penilaian.tests.factories import build_world, nilai
from kinerja.perencanaan.rules import NILAI_KODE

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org):
    return build_world(org)


def _api(user) -> Client:
    token = api_token_create(user=user)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_read_own_and_subordinates(w):
    nilai(w, "staff_1", w.tw3)
    nilai(w, "kasi", w.tw3)
    own = _api(w.org.staff_1.user).get("/api/v1/penilaian/evaluasi").json()
    assert [e["nip"] for e in own["items"]] == [w.org.staff_1.nip]
    team = _api(w.org.kasi.user).get(f"/api/v1/penilaian/evaluasi?jadwal_id={w.tw3.pk}").json()
    assert {e["nip"] for e in team["items"]} == {w.org.staff_1.nip, w.org.kasi.nip}
    kabid = _api(w.org.kabid.user).get("/api/v1/penilaian/evaluasi").json()
    assert {e["nip"] for e in kabid["items"]} == {w.org.staff_1.nip, w.org.kasi.nip}
    assert _api(w.org.staff_pupr.user).get("/api/v1/penilaian/evaluasi").json()["count"] == 0
    ev_id = own["items"][0]["id"]
    detail = _api(w.org.staff_1.user).get(f"/api/v1/penilaian/evaluasi/{ev_id}").json()
    assert detail["predikat"] == "baik" and detail["predikat_label"] == "Baik" and len(detail["perilaku"]) == 7
    assert detail["rhk"][0]["indikator"][0]["target"] == 10.0 and detail["peran"] == ["lihat", "pegawai"]
    assert detail["rekan"]["tampil"] is False


def test_submit_self_assessment(w):
    ev = services.evaluasi_buka(actor=w.user("staff_1"), pegawai=w.org.staff_1, jadwal=w.tw3)
    api = _api(w.org.staff_1.user)
    r = api.post(f"/api/v1/penilaian/evaluasi/{ev.pk}/penilaian-diri", {"refleksi": ""},
                 content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"]["refleksi"] and not PenilaianDiri.objects.exists()
    rhk_id = ev.skp.rhk.first().pk
    r = api.post(f"/api/v1/penilaian/evaluasi/{ev.pk}/penilaian-diri",
                 {"refleksi": "Target tercapai.", "rhk": [{"rhk_id": rhk_id, "refleksi": "Rutin"}]},
                 content_type="application/json")
    assert r.status_code == 200 and r.json()["diajukan_pada"]
    r = _api(w.org.kasi.user).post(f"/api/v1/penilaian/evaluasi/{ev.pk}/penilaian-diri", {"refleksi": "x"},
                                   content_type="application/json")
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    r = _api(w.org.staff_pupr.user).post(f"/api/v1/penilaian/evaluasi/{ev.pk}/penilaian-diri", {"refleksi": "x"},
                                         content_type="application/json")
    assert r.status_code == 404


def test_submit_peer_feedback_once(w):
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tw3)
    services.penilai_rekan_tetapkan(actor=w.user("kasi"), evaluasi=ev,
                                    penilai_ids=[w.org.staff_2.pk, w.org.staff_3.pk, w.org.kasi.pk])
    api = _api(w.org.staff_2.user)
    items = api.get("/api/v1/penilaian/undangan-360").json()["items"]
    assert len(items) == 1 and items[0]["pegawai_nama"] == "Ayu Lestari"
    uid = items[0]["id"]
    body = dict.fromkeys(NILAI_KODE, "sesuai")
    r = api.post(f"/api/v1/penilaian/undangan-360/{uid}/respon", {**body, "adaptif": "luar_biasa"},
                 content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"] == {"adaptif": [
        "Pilih salah satu rating: Di Atas Ekspektasi, Sesuai Ekspektasi, atau Di Bawah Ekspektasi."]}
    assert api.post(f"/api/v1/penilaian/undangan-360/{uid}/respon", body,
                    content_type="application/json").status_code == 204
    r = api.post(f"/api/v1/penilaian/undangan-360/{uid}/respon", body, content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "conflict"
    assert Respon360.objects.count() == 1
    other = PenilaiRekan.objects.get(evaluasi=ev, penilai=w.org.staff_3).pk
    assert api.post(f"/api/v1/penilaian/undangan-360/{other}/respon", body,
                    content_type="application/json").status_code == 404
    assert api.get("/api/v1/penilaian/undangan-360").json()["count"] == 0
