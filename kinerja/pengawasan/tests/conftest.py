import pytest


@pytest.fixture
def dunia(db):
    from kinerja.pengawasan.tests.factories import build_dunia

    return build_dunia()
