"""Record that a signed-in account used Kinerja today (for "weekly active pegawai").

Cheap: at most one database write per account per day and process. A cache key marks the day as recorded before
the write; the service is idempotent for the same day, so several processes at worst repeat a no-op update.
Safe: the write runs after the view, in its own savepoint, and any failure (a busy or locked database, an
unreachable cache) is logged and swallowed, so it never changes or breaks the response. A failed write is not
retried for five minutes (the key is kept that long), so a struggling database is not hit again on every
request.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)
SKIP_PREFIXES = ("/static/", "/media/", "/sehat/", "/luring/", "/notifikasi/lencana/", "/favicon")
CACHE_TTL = 60 * 60 * 26  # a little over a day, so the key outlives the day it marks
RETRY_AFTER = 5 * 60


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
        from kinerja.pelatihan.services import aktivitas_catat

        try:
            with transaction.atomic():  # a savepoint: a failure cannot poison an outer transaction
                aktivitas_catat(user=user, hari=hari)
        except Exception:
            cache.set(key, 1, RETRY_AFTER)  # try again later today, not on the very next request
            raise
