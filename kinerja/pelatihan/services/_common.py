"""Helpers shared by the pelatihan services."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kinerja.core.exceptions import (
    MSG_NOT_FOUND,
    ApplicationError,
    Forbidden,
    NotFound,
    validation_error_detail,
)
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.pelatihan.access import MSG_BUKAN_PEGAWAI, MSG_PENYELENGGARA, is_penyelenggara


def require_penyelenggara(actor, instansi_id: int | None = None) -> None:
    if not is_penyelenggara(actor):
        raise Forbidden(MSG_PENYELENGGARA)
    if instansi_id is not None and not actor.is_superuser and instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)


def pegawai_of(actor) -> Pegawai:
    pegawai = scope_for(actor).pegawai
    if pegawai is None:
        raise Forbidden(MSG_BUKAN_PEGAWAI)
    return pegawai


def fail(errors: dict[str, list[str]], message: str | None = None) -> None:
    """Raise one ApplicationError carrying every field error (the first message is the summary)."""
    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(message or first, detail=errors)


def full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        detail = validation_error_detail(exc)
        raise ApplicationError(next(iter(detail.values()))[0], detail=detail) from exc
