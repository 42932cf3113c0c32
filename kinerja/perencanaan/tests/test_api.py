"""API /api/v1/perencanaan: read and write SKP as the phone app does (bearer token), scoped, one error shape."""

import pytest
from django.test import Client

from kinerja.core.services import api_token_create
from kinerja.perencanaan import rules, services
from kinerja.perencanaan.models import IndikatorKinerja, RencanaHasilKerja, SasaranKinerjaPegawai
from kinerja.perencanaan.tests.factories import add_rhk, build_rencana

pytestmark = pytest.mark.django_db
BASE = "/api/v1/perencanaan"


@pytest.fixture
def r(org):
    return build_rencana(org)


def api(pegawai_or_user):
    user = getattr(pegawai_or_user, "user", pegawai_or_user)
    _, key = api_token_create(user=user, nama="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def rhk_body(parent_id, **over):
    body = {"jenis": "utama", "teks": "Terlaksananya imunisasi bayi", "intervensi_id": parent_id,
            "indikator": [{"aspek": "kuantitas", "teks": "Jumlah bayi", "target": "60", "satuan": "bayi"}]}
    body.update(over)
    return body


def test_phone_app_builds_and_submits_an_skp(org, r):
    c = api(org.staff_2)
    missing = c.get(f"{BASE}/skp/saya")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    created = c.post(f"{BASE}/skp", {"periode_id": r.periode.pk}, content_type="application/json")
    assert created.status_code == 201
    skp = created.json()
    assert skp["status"] == "draft" and skp["pejabat_penilai"]["nip"] == org.kasi.nip and skp["giliran"] == "anda"
    assert len(skp["ekspektasi"]) == 7 and skp["ekspektasi"][0]["bawaan"] is True
    pilihan = c.get(f"{BASE}/skp/{skp['id']}/pilihan-induk").json()
    assert [x["id"] for x in pilihan["intervensi"]] == [r.rhk_kasi.pk]
    rhk = c.post(f"{BASE}/skp/{skp['id']}/rhk", rhk_body(r.rhk_kasi.pk), content_type="application/json")
    assert rhk.status_code == 201 and rhk.json()["intervensi_teks"] == r.rhk_kasi.teks
    assert rhk.json()["indikator"][0]["target"] in ("60.00", "60", 60)
    submitted = c.post(f"{BASE}/skp/{skp['id']}/ajukan")
    assert submitted.status_code == 200 and submitted.json()["status"] == "diajukan"
    assert submitted.json()["giliran"] == "pejabat_penilai"
    kasi = api(org.kasi)
    back = kasi.post(f"{BASE}/skp/{skp['id']}/kembalikan",
                     {"catatan": "", "catatan_rhk": {str(rhk.json()["id"]): "Target dinaikkan"}},
                     content_type="application/json")
    assert back.status_code == 200 and back.json()["rhk"][0]["catatan_pengembalian"] == "Target dinaikkan"
    upd = c.put(f"{BASE}/rhk/{rhk.json()['id']}", rhk_body(r.rhk_kasi.pk, indikator=[
        {"aspek": "kuantitas", "teks": "Jumlah bayi", "target": "90", "satuan": "bayi"}]), content_type="application/json")
    assert upd.status_code == 200
    c.post(f"{BASE}/skp/{skp['id']}/ajukan")
    ok = kasi.post(f"{BASE}/skp/{skp['id']}/setujui", {"catatan": "Baik"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "disetujui"
    laporan = c.get(f"{BASE}/rhk/laporan").json()
    assert [x["teks"] for x in laporan] == ["Terlaksananya imunisasi bayi"]


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"intervensi_id": None}, "intervensi", services.MSG_INTERVENSI_WAJIB),
    ({"indikator": [{"aspek": "kuantitas", "teks": "J", "target": "0", "satuan": "bayi"}]}, "indikator.0.target",
     rules.MSG_TARGET_POSITIF),
    ({"indikator": [{"aspek": "kuantitas", "teks": "J", "target": "-2", "satuan": "bayi"}]}, "indikator.0.target",
     rules.MSG_TARGET_POSITIF),
    ({"indikator": [{"aspek": "kuantitas", "teks": "J", "target": "5", "satuan": ""}]}, "indikator.0.satuan",
     rules.MSG_SATUAN_WAJIB),
])
def test_bad_rhk_over_the_api(org, r, body, field, message):
    expected = message
    before = (RencanaHasilKerja.objects.count(), IndikatorKinerja.objects.count())
    res = api(org.staff_1).post(f"{BASE}/skp/{r.skp_staff.pk}/rhk", rhk_body(r.rhk_kasi.pk, **body),
                                content_type="application/json")
    assert res.status_code == 422
    assert res.json()["code"] == "validation_error" and res.json()["detail"][field] == [expected]
    assert (RencanaHasilKerja.objects.count(), IndikatorKinerja.objects.count()) == before


def test_intervensi_from_another_pegawai_over_the_api(org, r):
    res = api(org.staff_1).post(f"{BASE}/skp/{r.skp_staff.pk}/rhk", rhk_body(r.rhk_kabid.pk),
                                content_type="application/json")
    assert res.status_code == 422 and "atasan langsung" in res.json()["message"]
    assert r.skp_staff.rhk.count() == 0


def test_schema_bounds_and_garbage(org, r):
    c = api(org.staff_1)
    res = c.post(f"{BASE}/skp/{r.skp_staff.pk}/rhk", rhk_body(r.rhk_kasi.pk, indikator=[
        {"aspek": "kuantitas", "teks": "J", "target": "6.7e16", "satuan": "x"}]), content_type="application/json")
    assert res.status_code == 422 and res.json()["code"] == "validation_error"
    res = c.post(f"{BASE}/skp/{r.skp_staff.pk}/rhk", rhk_body(r.rhk_kasi.pk, teks="x" * 501),
                 content_type="application/json")
    assert res.status_code == 422
    assert r.skp_staff.rhk.count() == 0


def test_edits_after_approval_and_closed_period_over_the_api(org, r):
    c = api(org.kasi)
    res = c.post(f"{BASE}/skp/{r.skp_kasi.pk}/rhk", rhk_body(r.rhk_kabid.pk), content_type="application/json")
    assert res.status_code == 409 and res.json()["code"] == "invalid_state" and "revisi" in res.json()["message"]
    res = c.put(f"{BASE}/rhk/{r.rhk_kasi.pk}", rhk_body(r.rhk_kabid.pk, teks="Ganti"), content_type="application/json")
    assert res.status_code == 409
    r.rhk_kasi.refresh_from_db()
    assert r.rhk_kasi.teks == "Terlaksananya imunisasi di seksi"
    from kinerja.organisasi.tests.factories import fresh

    for step in ("evaluasi", "ditutup"):
        services.periode_kinerja_set_status(actor=fresh(org.admin.user), periode=r.periode, status=step)
    res = api(org.staff_2).post(f"{BASE}/skp", {"periode_id": r.periode.pk}, content_type="application/json")
    assert res.status_code == 409 and res.json()["message"] == rules.pesan_periode_menolak(
        "ditutup", "skp", r.periode.tahun)
    assert not SasaranKinerjaPegawai.objects.filter(pegawai=org.staff_2).exists()


def test_scope_over_the_api(org, r):
    assert api(org.staff_2).get(f"{BASE}/skp/{r.skp_staff.pk}").status_code == 404
    assert api(org.staff_pupr).get(f"{BASE}/skp/{r.skp_kasi.pk}").status_code == 404
    assert api(org.staff_b).get(f"{BASE}/skp/{r.skp_kasi.pk}").status_code == 404
    assert api(org.kabid).get(f"{BASE}/skp/{r.skp_staff.pk}").status_code == 200
    ids = {s["pegawai_id"] for s in api(org.kabid).get(f"{BASE}/skp?periode_id={r.periode.pk}").json()["items"]}
    assert ids == {org.kabid.pk, org.kasi.pk, org.staff_1.pk}
    res = api(org.staff_2).post(f"{BASE}/skp/{r.skp_staff.pk}/rhk", rhk_body(r.rhk_kasi.pk),
                                content_type="application/json")
    assert res.status_code == 404
    res = api(org.kabid).post(f"{BASE}/skp/{r.skp_staff.pk}/rhk", rhk_body(r.rhk_kasi.pk),
                              content_type="application/json")
    assert res.status_code == 403 and res.json()["code"] == "forbidden"
    assert Client().get(f"{BASE}/skp").status_code == 401


def test_distribute_and_expectations_over_the_api(org, r):
    res = api(org.kasi).post(f"{BASE}/rhk/{r.rhk_kasi.pk}/bagikan", {"pegawai_ids": [org.staff_2.pk, org.staff_3.pk]},
                             content_type="application/json")
    assert res.status_code == 422 and org.staff_3.nama_lengkap in res.json()["message"]
    res = api(org.kasi).post(f"{BASE}/rhk/{r.rhk_kasi.pk}/bagikan", {"pegawai_ids": [org.staff_2.pk]},
                             content_type="application/json")
    assert res.status_code == 200 and res.json() == {"dibuat": [org.staff_2.pk], "dilewati": []}
    res = api(org.kasi).put(f"{BASE}/skp/{r.skp_staff.pk}/ekspektasi", {"ekspektasi": {"adaptif": "Mencoba aplikasi"}},
                            content_type="application/json")
    assert res.status_code == 200
    adaptif = next(e for e in res.json()["ekspektasi"] if e["nilai"] == "adaptif")
    assert adaptif == {"nilai": "adaptif", "nama": "Adaptif", "ekspektasi": "Mencoba aplikasi", "bawaan": False,
                       "panduan": list(rules.panduan_perilaku("adaptif"))}
    assert api(org.staff_1).put(f"{BASE}/skp/{r.skp_staff.pk}/ekspektasi", {"ekspektasi": {"adaptif": "x"}},
                                content_type="application/json").status_code == 403


def test_periods_and_programs(org, r):
    periods = api(org.staff_1).get(f"{BASE}/periode").json()
    assert periods[0]["tahun"] == r.periode.tahun and len(periods[0]["jadwal"]) == 5
    assert api(org.staff_b).get(f"{BASE}/periode").json() == []
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    assert api(org.staff_1).get(f"{BASE}/program").json()["count"] == 0
