"""The pelatihan API: shapes, scoping and errors ({message, code, detail})."""

import pytest
from django.test import Client
from django.utils import timezone

from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import services
from kinerja.pelatihan.tests.factories import admin, berakhir, berjalan, hadirkan, make_sesi

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def test_invitations_and_history(org):
    akan = make_sesi(org, judul="Akan datang", fokus=["skp", "kolaboratif"])
    lalu = berjalan(make_sesi(org, judul="Sudah lewat"))
    hadirkan(org, lalu)
    services.sesi_tuntaskan(actor=admin(org), sesi=berakhir(lalu))
    data = _client(fresh(org.staff_1.user)).get("/api/v1/pelatihan/undangan").json()
    assert [p["sesi"]["judul"] for p in data["akan"]] == ["Akan datang"]
    assert sorted(data["akan"][0]["sesi"]["fokus"]) == ["kolaboratif", "skp"]
    assert data["lalu"][0]["sesi"]["judul"] == "Sudah lewat" and data["lalu"][0]["sertifikat_kode"]
    r = _client(fresh(org.staff_1.user)).get("/api/v1/pelatihan/riwayat").json()
    assert r["jp_tahun_ini"] == 2 and r["target_jp"] == 20 and r["items"][0]["sumber"] == "sesi"
    assert akan.pk


def test_adoption_endpoints(org):
    today = timezone.localdate()
    c = _client(fresh(org.admin.user))
    r = c.get("/api/v1/pelatihan/adopsi")
    assert r.status_code == 404 and r.json()["message"] == "Angka adopsi belum dihitung."
    services.metrik_adopsi_hitung(instansi=org.instansi, minggu=today, today=today)
    rows = c.get("/api/v1/pelatihan/adopsi").json()
    assert {m["nama"] for m in rows} == {"Dinas Kesehatan", "Dinas PUPR", "BKPSDM", "Inspektorat"}
    assert all(m["tingkat"] == "opd" for m in rows)
    units = c.get(f"/api/v1/pelatihan/adopsi/opd/{org.dinkes.pk}").json()
    assert units[0]["tingkat"] == "opd" and {u["nama"] for u in units[1:]} >= {"Seksi Imunisasi", "Bidang Yankes"}
    lagging = c.get("/api/v1/pelatihan/adopsi/tertinggal").json()
    assert all(m["tertinggal"] and m["alasan"] for m in lagging)
    r = c.get("/api/v1/pelatihan/adopsi?minggu=2001-01-01")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = c.get("/api/v1/pelatihan/adopsi?minggu=bukan-tanggal")
    assert r.status_code == 422


def test_sessions_by_fokus(org):
    sesi = make_sesi(org, fokus=["kolaboratif"])
    c = _client(fresh(org.staff_1.user))
    assert [s["id"] for s in c.get("/api/v1/pelatihan/fokus/kolaboratif/sesi").json()] == [sesi.pk]
    assert c.get("/api/v1/pelatihan/fokus/skp/sesi").json() == []
    assert c.get("/api/v1/pelatihan/fokus/sihir/sesi").status_code == 404
    assert _client(fresh(org.staff_pupr.user)).get("/api/v1/pelatihan/fokus/kolaboratif/sesi").json() == []


def test_bearer_token(org, client):
    from kinerja.core.services import api_token_create

    make_sesi(org)
    _t, key = api_token_create(user=org.staff_1.user)
    r = client.get("/api/v1/pelatihan/undangan", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 200 and len(r.json()["akan"]) == 1
    r = client.get("/api/v1/pelatihan/undangan", HTTP_AUTHORIZATION="Bearer salah")
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"


def test_no_open_round(org):
    r = _client(fresh(org.staff_1.user)).get("/api/v1/pelatihan/survei/aktif")
    assert r.status_code == 404 and "Tidak ada putaran" in r.json()["message"]


def test_operations_are_documented():
    """Every operation's parameters and responses produce an OpenAPI schema (what /api/v1/openapi.json serves)."""
    from kinerja.pelatihan.api import router

    paths = []
    for path, view in router.path_operations.items():
        for op in view.operations:
            for model in op.models:
                assert model.model_json_schema()
            for response in op.response_models.values():
                if response is not None:
                    assert response.model_json_schema()
            paths.append(path)
    assert "/sesi/{sesi_id}/presensi" in paths and "/adopsi/tertinggal" in paths


@pytest.mark.django_db(transaction=True)  # the WSGI calls close the connection after each request (PostgreSQL)
@pytest.mark.parametrize("who", ["staff_1", "admin"])
def test_pelatihan_operations_conform_to_their_schema(org, who):
    """schemathesis over pelatihan's operations only (the project-wide run is tests/test_api_fuzz.py)."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    from config.wsgi import application
    from kinerja.core.services import api_token_create

    today = timezone.localdate()
    services.metrik_adopsi_hitung(instansi=org.instansi, minggu=today, today=today)
    make_sesi(org)
    headers = {"Authorization": f"Bearer {api_token_create(user=getattr(org, who).user)[1]}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith("/api/v1/pelatihan/"):
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def run(case):
            case.call_and_validate(headers=headers)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - name the failing operation, keep the details
            raise AssertionError(f"{operation.method.upper()} {operation.path}: {exc}") from exc
        checked += 1
    assert checked == 10
