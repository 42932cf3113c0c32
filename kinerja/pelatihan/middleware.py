"""Record that a signed-in account used Kinerja today (for "weekly active pegawai").

Cheap: at most one mark per account per day and process. A cache key marks the day as recorded; the mark is
written behind with the process's other usage marks, in one batch (core/tunda.py), and the write is idempotent for
the same day, so several processes at worst repeat a no-op update.
Safe: the write runs after the response is built, and any failure (a busy or locked database, an unreachable
cache) is logged and swallowed, so it never changes or breaks the response. A failed batch is kept and retried
after five minutes, so a struggling database is not hit again on every request.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils import timezone

from kinerja.core import tunda

log = logging.getLogger(__name__)
SKIP_PREFIXES = ("/static/", "/media/", "/sehat/", "/luring/", "/notifikasi/lencana/", "/favicon")
CACHE_TTL = 60 * 60 * 26  # a little over a day, so the key outlives the day it marks


class AktivitasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            self._catat(request, response)
        except Exception:  # noqa: BLE001 - a usage counter must never break a response
            log.warning("Aktivitas pengguna tidak tercatat", exc_info=True)
        return response

    @staticmethod
    def _catat(request, response) -> None:
        user = getattr(request, "user", None)  # read after the view: API bearer auth sets it there
        if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "instansi_id", None):
            return
        if request.path.startswith(SKIP_PREFIXES) or response.status_code >= 400:
            return
        hari = timezone.localdate()
        key = f"pelatihan:aktif:{user.pk}:{hari.isoformat()}"
        if not cache.add(key, 1, CACHE_TTL):
            return  # already recorded today by this process (or a shared cache)
        tunda.tandai("aktivitas", (user.pk, hari), user.instansi_id)  # written behind, in a batch (core/tunda.py)
