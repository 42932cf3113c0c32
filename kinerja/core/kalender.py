"""The working-day calendar (hari kerja).

Perpres 21/2023: government agencies work 5 days a week, Monday to Friday. National holidays and cuti bersama come
from the yearly SKB 3 Menteri and are kept as data (`HariLibur`, loaded from core/data/hari_libur.csv and editable
by admin); an instansi may add regional holidays. Every SLA and backdating rule counts on this calendar.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import Q

from kinerja.core.models import HariLibur

CACHE_SECONDS = 300
_cache: dict[tuple[int | None, int], tuple[float, frozenset[dt.date]]] = {}


def _holidays(instansi_id: int | None, year: int) -> frozenset[dt.date]:
    """Holidays of a year, cached per process for a few minutes (edits reach every worker within 5 min)."""
    key = (instansi_id, year)
    hit = _cache.get(key)
    now = time.monotonic()
    if hit is not None and hit[0] > now:
        return hit[1]
    q = Q(instansi__isnull=True)
    if instansi_id:
        q |= Q(instansi_id=instansi_id)
    days = frozenset(HariLibur.objects.filter(q, tanggal__year=year).values_list("tanggal", flat=True))
    _cache[key] = (now + CACHE_SECONDS, days)
    return days


def invalidate() -> None:
    """Forget cached holidays in this process (call after changing HariLibur rows)."""
    _cache.clear()


def is_hari_kerja(day: dt.date, instansi_id: int | None = None) -> bool:
    return day.weekday() < 5 and day not in _holidays(instansi_id, day.year)


def add_hari_kerja(start: dt.date, n: int, instansi_id: int | None = None) -> dt.date:
    """The date `n` working days after `start` (n > 0) or before it (n < 0); `start` itself is not counted."""
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += dt.timedelta(days=step)
        if is_hari_kerja(day, instansi_id):
            left -= 1
    return day


def hari_kerja_between(start: dt.date, end: dt.date, instansi_id: int | None = None) -> int:
    """Working days in (start, end]: how many working days have passed from `start` to `end`."""
    if end <= start:
        return -hari_kerja_between(end, start, instansi_id) if end < start else 0
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_hari_kerja(day, instansi_id):
            count += 1
    return count


def hari_kerja_in_range(start: dt.date, end: dt.date, instansi_id: int | None = None) -> list[dt.date]:
    """Every working day from `start` to `end`, both included."""
    days, day = [], start
    while day <= end:
        if is_hari_kerja(day, instansi_id):
            days.append(day)
        day += dt.timedelta(days=1)
    return days
