import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from kinerja.core.models import ApiToken
from kinerja.organisasi.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def token_for(nip: str, password: str = PASSWORD) -> str:
    r = Client().post("/api/v1/auth/token", {"username": nip, "password": password}, content_type="application/json")
    assert r.status_code == 200, r.content
    return r.json()["token"]


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_token_then_me(org):
    r = Client().post("/api/v1/auth/token", {"username": org.kasi.nip, "password": PASSWORD},
                      content_type="application/json")
    body = r.json()
    assert set(body) == {"token", "expires_at"}
    me = Client().get("/api/v1/me", **bearer(body["token"])).json()
    assert me["username"] == org.kasi.nip
    assert set(me["peran"]) == {"pegawai", "atasan"}
    assert me["pegawai"]["jabatan"]["nama"] == "Kepala Seksi Imunisasi"
    assert me["atasan"]["nip"] == org.kabid.nip


def test_wrong_password_has_the_error_shape(org):
    r = Client().post("/api/v1/auth/token", {"username": org.kasi.nip, "password": "x"},
                      content_type="application/json")
    assert r.status_code == 401
    assert r.json() == {"message": "NIP atau kata sandi salah, atau akun terkunci sementara.", "code": "unauthorized",
                        "detail": {}}


def test_api_lockout_after_repeated_failures(org, settings):
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        c.post("/api/v1/auth/token", {"username": org.kasi.nip, "password": "x"}, content_type="application/json")
    r = c.post("/api/v1/auth/token", {"username": org.kasi.nip, "password": PASSWORD}, content_type="application/json")
    assert r.status_code in (401, 429)
    assert "token" not in r.json()


def test_missing_or_bad_token_is_401(org):
    assert Client().get("/api/v1/me").status_code == 401
    r = Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer nonsense")
    assert r.status_code == 401
    assert r.json()["code"] == "unauthorized"


def test_revoked_and_expired_tokens_stop_working(org):
    token = token_for(org.staff_1.nip)
    c = Client()
    assert c.post("/api/v1/auth/token/revoke", **bearer(token)).status_code == 204
    assert c.get("/api/v1/me", **bearer(token)).status_code == 401
    token2 = token_for(org.staff_1.nip)
    ApiToken.objects.filter(revoked_at__isnull=True).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert c.get("/api/v1/me", **bearer(token2)).status_code == 401


def test_validation_error_shape(org):
    r = Client().post("/api/v1/auth/token", {"username": "x"}, content_type="application/json")
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "validation_error" and body["message"] and body["detail"]


def test_pegawai_list_is_scoped_and_paginated(org):
    token = token_for(org.kadis.nip)
    body = Client().get("/api/v1/organisasi/pegawai?page=1", **bearer(token)).json()
    nips = {p["nip"] for p in body["items"]}
    assert org.staff_1.nip in nips and org.staff_3.nip in nips
    assert org.staff_pupr.nip not in nips and org.staff_b.nip not in nips
    assert body["count"] == len(nips)


def test_pegawai_detail_includes_atasan_and_history(org):
    token = token_for(org.staff_1.nip)
    body = Client().get(f"/api/v1/organisasi/pegawai/{org.staff_1.pk}", **bearer(token)).json()
    assert body["atasan"]["nip"] == org.kasi.nip
    assert body["atasan_pejabat_penilai"]["nip"] == org.kabid.nip
    assert body["riwayat_penempatan"][0]["jabatan_nama"] == "Epidemiolog Kesehatan"


def test_unit_list_scoped(org):
    token = token_for(org.staff_pupr.nip)
    names = {u["nama"] for u in Client().get("/api/v1/organisasi/unit", **bearer(token)).json()["items"]}
    assert "Dinas PUPR" in names and "Dinas Kesehatan" not in names


def test_unknown_route_has_error_shape(org):
    token = token_for(org.staff_1.nip)
    r = Client().get("/api/v1/organisasi/pegawai/999999", **bearer(token))
    assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_openapi_schema_and_docs(org, login):
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/auth/token" in paths and "/api/v1/me" in paths and "/api/v1/organisasi/pegawai" in paths
    assert login(org.staff_1.user).get("/api/v1/docs").status_code == 200


def test_session_auth_requires_csrf_for_writes(org):
    c = Client(enforce_csrf_checks=True)
    c.force_login(org.staff_1.user, backend="django.contrib.auth.backends.ModelBackend")
    assert c.get("/api/v1/me").status_code == 200
    assert c.post("/api/v1/auth/token/revoke").status_code in (401, 403)
