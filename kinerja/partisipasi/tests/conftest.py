import pytest


@pytest.fixture(autouse=True)
def _altcha_ringan(settings):
    """A small proof-of-work keeps tests fast; the protocol is the same."""
    settings.PARTISIPASI_ALTCHA_MAX = 3000


@pytest.fixture
def dunia(org):
    from kinerja.partisipasi.tests.factories import build_partisipasi

    return build_partisipasi(org)
