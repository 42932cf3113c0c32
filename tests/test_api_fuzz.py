"""schemathesis: every operation of /api/v1 is called with generated input (as a signed-in atasan) and must
answer as its OpenAPI schema says — never a 500, never an undocumented status or shape.

(The schemathesis pytest plugin does not run under pytest 9 yet, so the operations are driven with hypothesis
directly; a failing operation is named in the assertion.)"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application


def schema_honest(ctx, response, case):
    """Replaces schemathesis' positive_data_acceptance: a business rule may refuse schema-valid input (an end
    before the start, an unknown RHK) with a 400/422 and its Indonesian message, but the *schema layer* must not
    refuse what the schema advertises (pydantic's list-shaped `detail` with `loc` would mean the OpenAPI lies)."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code not in (400, 422):
        return None
    body = response.json()
    assert isinstance(body.get("message"), str) and body["message"], "a refusal carries a message"
    detail = body.get("detail")
    assert not (isinstance(detail, list) and any(isinstance(d, dict) and "loc" in d for d in detail)), (
        f"schema-valid input refused by validation: {detail!r:.500}")
    return True


SKIP = {"/api/v1/auth/token/revoke"}  # would revoke the token the other examples use; covered by test_api.py


@pytest.fixture
def keep_test_connection():
    """schemathesis calls the WSGI app directly; like Django's test client, stop request signals from closing the
    database connection that holds the test transaction (PostgreSQL would lose it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_api_operation_conforms_to_its_schema(org, keep_test_connection):
    from kinerja.core.services import api_token_create

    token = api_token_create(user=org.kasi.user)[1]
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path in SKIP:
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def run(case):
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance],
                                   additional_checks=[schema_honest])

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - name the failing operation, keep the details
            raise AssertionError(f"{operation.method.upper()} {operation.path}: {exc}") from exc
        checked += 1
    assert checked >= 5
