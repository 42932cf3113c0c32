"""One error vocabulary for services, views and the API.

Services raise `ApplicationError` (or a subclass) with an Indonesian, user-facing message; the API maps it to
`{"message", "code", "detail"}` and HTML views show it next to the form. Messages are module constants so
tests can import and assert them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    VALIDATION = "validation_error"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    UNAUTHORIZED = "unauthorized"
    CONFLICT = "conflict"
    INVALID_STATE = "invalid_state"
    RATE_LIMITED = "rate_limited"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported_media"
    SERVER = "server_error"


HTTP_STATUS = {
    ErrorCode.VALIDATION: 422,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.CONFLICT: 409,
    ErrorCode.INVALID_STATE: 409,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED: 415,
    ErrorCode.SERVER: 500,
}


class ApplicationError(Exception):
    """A failure the user can understand and act on. `detail` may carry field errors: {field: [messages]}."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, *, code: ErrorCode | None = None, detail: Any = None) -> None:
        super().__init__(message)
        self.message = str(message)
        if code is not None:
            self.code = code
        self.detail = detail if detail is not None else {}

    @property
    def status(self) -> int:
        return HTTP_STATUS[self.code]


class NotFound(ApplicationError):
    code = ErrorCode.NOT_FOUND


class Forbidden(ApplicationError):
    code = ErrorCode.FORBIDDEN


class InvalidState(ApplicationError):
    code = ErrorCode.INVALID_STATE


MSG_FORBIDDEN = "Anda tidak berwenang melakukan tindakan ini."
MSG_NOT_FOUND = "Data tidak ditemukan atau Anda tidak berwenang melihatnya."


def validation_error_detail(exc) -> dict[str, list[str]]:
    """Turn a Django ValidationError into {field: [messages]} (`__all__` for non-field errors)."""
    if hasattr(exc, "message_dict"):
        return {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def first_message(detail: dict[str, list[str]]) -> str:
    for messages in detail.values():
        if messages:
            return messages[0]
    return "Data tidak valid."
