"""Settings of the partisipasi app, read from Django settings or the environment (documented in
docs/partisipasi.md). Infrastructure knobs live here; the instansi's policy lives in `KebijakanPartisipasi`."""

from __future__ import annotations

import os

from django.conf import settings


def _get(name: str, default, cast=str):
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if cast is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return cast(raw)


def batas_ip() -> int:
    """Public submissions allowed per address in one window."""
    return _get("PARTISIPASI_BATAS_IP", 20, int)


def batas_perangkat() -> int:
    """Public submissions allowed per device cookie in one window."""
    return _get("PARTISIPASI_BATAS_PERANGKAT", 8, int)


def jendela_detik() -> int:
    """Length of a rate-limit window in seconds."""
    return _get("PARTISIPASI_JENDELA_DETIK", 600, int)


def batas_cek_tiket() -> int:
    """Ticket look-ups allowed per address in one window (guessing tickets is slowed down)."""
    return _get("PARTISIPASI_BATAS_CEK_TIKET", 30, int)


def percaya_x_forwarded_for() -> bool:
    """Take the client address from X-Forwarded-For (only behind a proxy you control, or for the bench)."""
    return _get("PARTISIPASI_PERCAYA_XFF", False, bool)


def altcha_max_number() -> int:
    """ALTCHA difficulty: the largest number the browser may have to try (about 0.3–1 s on a cheap phone)."""
    return _get("PARTISIPASI_ALTCHA_MAX", 50_000, int)


def altcha_wajib() -> bool:
    """Whether public forms require the proof-of-work (or the no-JavaScript question)."""
    return _get("PARTISIPASI_ALTCHA_WAJIB", True, bool)


def altcha_masa_berlaku_menit() -> int:
    return _get("PARTISIPASI_ALTCHA_MENIT", 30, int)


def foto_maks_bytes() -> int:
    return _get("PARTISIPASI_FOTO_MAKS_BYTES", 5 * 1024 * 1024, int)


def kunci_rahasia() -> str:
    """Key for HMACs (challenges, address and device hashes): derived from SECRET_KEY."""
    return "partisipasi:" + settings.SECRET_KEY
