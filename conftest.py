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

    from kinerja.core import kalender, tunda

    cache.clear()
    kalender.invalidate()
    tunda.forget()  # usage marks of an earlier test never reach this one's database
    yield


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The national holidays are reference data loaded by a migration. A transactional test (e2e, demo seeding)
    ends with a flush that empties every table; under pytest-xdist such a test may run before ordinary tests in
    the same worker, so put the reference data back when it is missing."""
    if request.node.get_closest_marker("django_db") is None and not (
            {"db", "transactional_db", "live_server"} & set(request.fixturenames)):
        return
    import importlib

    from django.apps import apps

    from kinerja.core import kalender
    from kinerja.core.models import HariLibur

    request.getfixturevalue("_django_db_helper")
    if not HariLibur.objects.filter(instansi__isnull=True).exists():
        importlib.import_module("kinerja.core.migrations.0003_load_hari_libur").load(apps, None)
        kalender.invalidate()


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
