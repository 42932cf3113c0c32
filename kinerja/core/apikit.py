"""Shared API plumbing for every app's `api.py` router: authentication, the error shape, pagination."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
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


MAX_ID = 2**62  # ids and page numbers beyond this would overflow the database's integers

# Use these for ids in paths and queries: out-of-range numbers get a 422, not a database error.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, Field(None, ge=1, le=MAX_ID)]
SearchText = Annotated[str, Field("", max_length=100)]


class Pagination(PageNumberPagination):
    """`?page=N` (1 … 10,000) and optional `page_size` (1 … 500) → `{"items": [...], "count": N}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=10_000)
        page_size: int | None = Field(None, ge=1, le=500)


def error_body(message: str, code: str, detail: Any = None) -> dict:
    return {"message": message, "code": code, "detail": detail if detail is not None else {}}


def app_error_body(exc: ApplicationError) -> dict:
    return error_body(exc.message, str(exc.code), exc.detail)


__all__ = ["AUTH", "ERRORS", "ErrorOut", "ErrorCode", "Id", "OptionalId", "Pagination", "SearchText", "error_body",
           "app_error_body"]
