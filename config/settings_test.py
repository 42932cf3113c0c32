"""Test settings: the normal settings, made fast and deterministic."""

import os

os.environ.setdefault("KINERJA_ENV", "test")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY["immediate"] = True  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CONN_MAX_AGE = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
KINERJA_TUNDA_DETIK = 0  # usage marks written at the end of each request, so tests see them at once
