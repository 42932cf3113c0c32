"""Usage marks written behind (core/tunda.py): batched, deduplicated, due by time, kept and retried on failure."""

import pytest
from django.db import OperationalError

from kinerja.core import tunda
from kinerja.core.models import ApiToken
from kinerja.core.services import api_token_create, api_token_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def tulis(monkeypatch):
    written = []
    monkeypatch.setitem(tunda._writers, "uji", lambda items: written.append(dict(items)))
    return written


def test_marks_are_deduplicated_and_written_in_one_batch(tulis):
    tunda.tandai("uji", 1, "a")
    tunda.tandai("uji", 2, "b")
    tunda.tandai("uji", 1, "c")  # the newer mark replaces the older
    assert tunda.pending() == 2
    tunda.flush()
    assert tulis == [{1: "c", 2: "b"}] and tunda.pending() == 0
    tunda.flush()
    assert len(tulis) == 1  # nothing left to write


def test_a_batch_waits_for_its_interval(tulis, settings):
    settings.KINERJA_TUNDA_DETIK = 3600
    tunda.flush()  # starts the interval
    tunda.tandai("uji", 1, "a")
    tunda.flush_if_due()
    assert tulis == [] and tunda.pending() == 1
    settings.KINERJA_TUNDA_DETIK = 0
    tunda.flush_if_due()
    assert tulis == [{1: "a"}]


def test_a_failed_batch_is_kept_and_retried_later(monkeypatch, settings):
    settings.KINERJA_TUNDA_DETIK = 0
    calls = []

    def busy(items):
        calls.append(items)
        raise OperationalError("database is locked")

    monkeypatch.setitem(tunda._writers, "uji", busy)
    tunda.tandai("uji", 1, "a")
    tunda.flush_if_due()  # fails, logged, never raised
    tunda.flush_if_due()  # within the retry delay: not tried again
    assert len(calls) == 1 and tunda.pending() == 1
    written = []
    monkeypatch.setitem(tunda._writers, "uji", lambda items: written.append(dict(items)))
    tunda.flush()
    assert written == [{1: "a"}]


def test_api_token_last_use_is_written_behind(org, client):
    token, key = api_token_create(user=org.staff_1.user)
    assert api_token_resolve(key) == org.staff_1.user
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None and tunda.pending() == 1
    tunda.flush()
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    # through a request, the middleware writes it at the end (the tests' interval is 0)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=None)
    assert client.get("/api/v1/pelatihan/undangan", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None and tunda.pending() == 0
