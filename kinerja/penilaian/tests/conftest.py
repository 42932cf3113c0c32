import pytest


@pytest.fixture(autouse=True)
def _forget_policy_cache():
    """The policy is cached per process for a few seconds; tests reuse instansi ids, so start each clean."""
    from kinerja.penilaian.selectors import kebijakan_forget

    kebijakan_forget()
    yield
    kebijakan_forget()
