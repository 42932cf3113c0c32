"""Refusing path-traversal file names.

Django's multipart parser quietly strips any path from an uploaded file's name (`../../etc/passwd` becomes
`passwd`, `..` drops the file), so a view never sees what the client sent. The issue wants such a name refused with
a clear message, so for the upload endpoints we parse with a subclass that also records the names it had to
sanitise. `install_strict_parser(request)` must run before anything reads `request.POST`/`request.FILES` — the
CSRF check does, so the HTML views use `strict_upload_view` (CSRF checked after the parser is installed) and the
API puts `StrictUploads` first in the operation's auth list (it installs the parser and never authenticates).
"""

from __future__ import annotations

import html
from functools import wraps

from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.datastructures import ImmutableList
from django.views.decorators.csrf import csrf_exempt

from kinerja.core import files
from kinerja.core.exceptions import ApplicationError, ErrorCode
from kinerja.laporan import rules

ATTR = "_laporan_unsafe_names"


class _StrictMultiPartParser(MultiPartParser):
    def __init__(self, *args, unsafe: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._unsafe = unsafe

    def sanitize_file_name(self, file_name):
        raw = html.unescape(file_name or "")
        if rules.nama_berkas_tidak_aman(raw):
            self._unsafe.append(raw)
        return super().sanitize_file_name(file_name)


def install_strict_parser(request: HttpRequest) -> None:
    if hasattr(request, ATTR):
        return
    unsafe: list[str] = []
    setattr(request, ATTR, unsafe)

    def parse_file_upload(META, post_data):
        request.upload_handlers = ImmutableList(request.upload_handlers, warning="Upload handlers are fixed now.")
        return _StrictMultiPartParser(META, post_data, request.upload_handlers, request.encoding,
                                      unsafe=unsafe).parse()

    request.parse_file_upload = parse_file_upload


def unsafe_names(request: HttpRequest) -> list[str]:
    return list(getattr(request, ATTR, []))


def strict_upload_view(view):
    """For HTML views that accept files: install the strict parser, then check CSRF as the middleware would."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            install_strict_parser(request)
            middleware = CsrfViewMiddleware(lambda r: None)
            middleware.process_request(request)
            rejected = middleware.process_view(request, None, (), {})
            if rejected is not None:
                return rejected
        return view(request, *args, **kwargs)

    return wrapper


# A guard against huge bodies before they are parsed (the instansi's own, smaller limit applies afterwards, with its
# own message); production also caps bodies at the proxy.
REQUEST_MAKS_BITA = (rules.MAKS_MB_MUTLAK * 2 + 10) * 1024 * 1024


class StrictUploads:
    """First entry of an API operation's auth list: refuses absurdly large bodies, installs the strict parser and
    lets the real authenticators decide (it never authenticates anyone)."""

    openapi_type = None

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > REQUEST_MAKS_BITA:
            raise ApplicationError(files.MSG_SIZE.format(mb=rules.MAKS_MB_MUTLAK), code=ErrorCode.TOO_LARGE)
        install_strict_parser(request)
        return None
