"""Project-wide fixtures: a temporary media root, a small organisation, logged-in clients per role."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from kinerja.core import kalender

    cache.clear()
    kalender.invalidate()
    yield


@pytest.fixture
def org(db):
    from kinerja.organisasi.tests.factories import build_org

    return build_org()


@pytest.fixture
def login(client):
    """login(user) -> the Django test client signed in as that user."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
