"""Helpers of the penilaian views."""

from __future__ import annotations

from kinerja.core.exceptions import ApplicationError


def status_for(exc: ApplicationError) -> int:
    """A form re-shown because the service refused it: 400 for invalid input, else the error's own 4xx."""
    return 400 if exc.status == 422 else exc.status


def apply_errors(form, exc: ApplicationError) -> None:
    """Put a service error on the form: on the named fields when they exist, else at the top."""
    placed = False
    for name, messages in (exc.detail or {}).items():
        target = name if name in form.fields else None
        for m in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(target, str(m))
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def error_list(exc: ApplicationError, labels: dict[str, str]) -> list[dict]:
    """The error summary of a hand-built form: one line per message, linking to the field's anchor."""
    out = []
    for name, messages in (exc.detail or {}).items():
        for m in messages if isinstance(messages, list | tuple) else [messages]:
            out.append({"field": name, "label": labels.get(name, ""), "message": str(m)})
    if not out:
        out.append({"field": "", "label": "", "message": exc.message})
    return out


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
