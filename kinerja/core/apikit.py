"""Shared API plumbing for every app's `api.py` router: authentication, the error shape, pagination."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.security import HttpBearer, SessionAuth

from kinerja.core.exceptions import ApplicationError, ErrorCode
from kinerja.core.services import api_token_resolve


class ErrorOut(Schema):
    """Every API error has this shape."""

    message: str
    code: str
    detail: Any = None


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <token>` from `POST /api/v1/auth/token`."""

    openapi_description = "Token dari POST /api/v1/auth/token"

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_resolve(token)
        if user is not None:
            request.user = user
        return user


class SessionCsrfAuth(SessionAuth):
    """The signed-in browser session (the PWA and htmx pages), with CSRF checked."""


AUTH = [BearerAuth(), SessionCsrfAuth()]

# Responses every authenticated operation may return; declared so the OpenAPI schema is honest.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def error_body(message: str, code: str, detail: Any = None) -> dict:
    return {"message": message, "code": code, "detail": detail if detail is not None else {}}


def app_error_body(exc: ApplicationError) -> dict:
    return error_body(exc.message, str(exc.code), exc.detail)


__all__ = ["AUTH", "ERRORS", "ErrorOut", "ErrorCode", "error_body", "app_error_body"]
