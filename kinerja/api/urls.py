"""The /api/v1 assembly: one NinjaAPI, each app's router, one error shape for every error."""

from __future__ import annotations

import importlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from kinerja.api.auth import router as auth_router
from kinerja.core.apikit import AUTH, app_error_body, error_body
from kinerja.core.exceptions import ApplicationError, validation_error_detail

api = NinjaAPI(
    title="Kinerja Bukitintan API",
    version="1",
    description=(
        "API Kinerja untuk aplikasi ponsel dan integrasi. Autentikasi: `POST /api/v1/auth/token` lalu kirim "
        "`Authorization: Bearer <token>`. Setiap kesalahan berbentuk `{message, code, detail}`."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

api.add_router("/auth", auth_router)
api.add_router("", importlib.import_module("kinerja.api.me").router)

for _app in ("organisasi", "perencanaan", "laporan", "penilaian", "partisipasi", "pengawasan", "pelatihan"):
    try:
        module = importlib.import_module(f"kinerja.{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"kinerja.{_app}.api":
            raise
        continue
    api.add_router(f"/{_app}", module.router)


@api.exception_handler(ApplicationError)
def _application_error(request, exc: ApplicationError):
    return api.create_response(request, app_error_body(exc), status=exc.status)


@api.exception_handler(ValidationError)
def _django_validation_error(request, exc: ValidationError):
    detail = validation_error_detail(exc)
    first = next(iter(detail.values()), ["Data tidak valid."])[0]
    return api.create_response(request, error_body(first, "validation_error", detail), status=422)


@api.exception_handler(NinjaValidationError)
def _schema_error(request, exc: NinjaValidationError):
    return api.create_response(
        request,
        error_body("Data yang dikirim tidak sesuai format. Periksa kolom yang disebut.", "validation_error",
                   exc.errors),
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(
        request, error_body("Perlu masuk: kirim token yang valid.", "unauthorized"), status=401
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(
        request, error_body("Data tidak ditemukan atau Anda tidak berwenang melihatnya.", "not_found"), status=404
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, error_body("Anda tidak berwenang.", "forbidden"), status=403)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    code = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
            409: "conflict", 413: "too_large", 429: "rate_limited"}.get(exc.status_code, "error")
    return api.create_response(request, error_body(str(exc.message), code), status=exc.status_code)


@api.exception_handler(Exception)
def _unexpected(request, exc):  # pragma: no cover - the last line of defence
    import logging

    logging.getLogger("kinerja.api").exception("Unhandled API error")
    return api.create_response(
        request, error_body("Terjadi kesalahan di server. Silakan coba lagi.", "server_error"), status=500
    )


def api_urls():
    """The API's URL patterns, opted out of LoginRequiredMiddleware: the API authenticates every operation
    itself (bearer token or session) and answers 401 in its own error shape instead of redirecting."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
