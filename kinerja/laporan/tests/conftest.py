import pytest

from kinerja.laporan import selectors


@pytest.fixture(autouse=True)
def _lupa_cache():
    from kinerja.laporan.services.laporan import penilai_forget

    selectors.kebijakan_forget()
    penilai_forget()
    yield
    selectors.kebijakan_forget()
    penilai_forget()


@pytest.fixture
def dunia(db):
    from kinerja.laporan.tests.factories import build_dunia

    return build_dunia()


@pytest.fixture
def dunia_2026(db):
    from kinerja.laporan.tests.factories import build_dunia

    return build_dunia(tahun=2026)
