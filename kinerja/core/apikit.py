"""Shared API plumbing for every app's `api.py` router: authentication, the error shape, pagination."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer, SessionAuth
from pydantic import AfterValidator, WithJsonSchema

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
OptionalId = Annotated[int, Field(ge=1, le=MAX_ID)] | None  # give it "= None" where it is used
SearchText = Annotated[str, Field("", max_length=100)]

# A local wall-clock time ("16:00" or "16:00:00"). JSON Schema's "time" format demands a UTC offset, which a
# report's jam mulai/selesai (local to the unit) does not have, so the schema states the pattern instead.
Jam = Annotated[dt.time, WithJsonSchema({"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
                                         "example": "16:00"})]


def Angka(max_digits: int, decimal_places: int, *, minimum: int | None = None):  # noqa: N802 - a type factory
    """A decimal quantity sent as a JSON number: bounded so it fits `DecimalField(max_digits, decimal_places)`,
    then rounded to `decimal_places` (a phone's 0.30000000000000004 is 0.30, not a rejection). The schema says
    exactly what is accepted, so clients (and schemathesis) never meet an undocumented 422."""
    bound = 10 ** (max_digits - decimal_places) - 1
    low = -bound if minimum is None else minimum
    step = Decimal(1).scaleb(-decimal_places)

    def _round(value: Decimal) -> Decimal:
        return value.quantize(step, rounding=ROUND_HALF_UP)

    return Annotated[Decimal, Field(ge=low, le=bound), AfterValidator(_round),
                     WithJsonSchema({"type": "number", "minimum": low, "maximum": bound})]


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
