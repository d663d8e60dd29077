"""Schemathesis against the OpenAPI document: no server errors, answers as documented.

Every operation gets API_FUZZ_EXAMPLES generated requests (valid and invalid ones); the
whole run stops sending after API_FUZZ_TIME_LIMIT seconds. Path ids point at real records
of the token's organization (and at one that does not exist), so both sides are reached.
"""

from __future__ import annotations

import os
import time
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.api_helpers import bearer, create_plan, create_vacancy, token_for

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "20"))
TIME_LIMIT = float(os.environ.get("API_FUZZ_TIME_LIMIT", "600"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
MISSING_ID = 987_654


def _records(client, headers) -> dict[str, int]:
    """A vacancy, a trial plan with an item and a check-in, and a candidate."""
    vacancy = create_vacancy(client, headers)
    plan = create_plan(client, headers, vacancy["id"])
    response = client.post(
        f"/api/v1/trial-plans/{plan['id']}/candidates",
        json={"name": "Анна Петрова", "start_date": date.today().isoformat()},
        headers=headers,
    )
    assert response.status_code == 201, response.get_json()
    return {
        "vacancy_id": vacancy["id"],
        "plan_id": plan["id"],
        "item_id": plan["items"][0]["id"],
        "checkin_id": plan["checkins"][0]["id"],
        "candidate_id": response.get_json()["id"],
    }


@pytest.fixture
def fuzz_headers(app) -> dict[str, str]:
    app.config["API_RATE_LIMIT"] = "1000000/60"
    return bearer(token_for(app, "fuzz@acme.test", "admin", "Acme"))


@pytest.fixture
def api_schema(app, client, fuzz_headers):
    """The served document, with path ids narrowed to real records and one missing id."""
    document = client.get("/api/v1/openapi.json").get_json()
    ids = _records(client, fuzz_headers)
    for methods in document["paths"].values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    real = ids[parameter["name"]]
                    parameter["schema"] = {"type": "integer", "enum": [real, MISSING_ID]}
    schema = schemathesis.openapi.from_dict(document)
    schema.app = app
    return schema


def _operations() -> list[tuple[str, str]]:
    import app.api.routes  # noqa: F401 - registers every operation
    from app.api.registry import OPERATIONS

    return [(op.method, op.path) for op in OPERATIONS]


_clock: dict[str, float] = {}


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path"), _operations(), ids=lambda v: v)
def test_operation_conforms_to_the_document(api_schema, fuzz_headers, method, path):
    started = _clock.setdefault("started", time.monotonic())
    if time.monotonic() - started > TIME_LIMIT:
        pytest.skip(f"the API fuzzing time limit of {TIME_LIMIT:g} s is reached")
    operation = api_schema[path][method]
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        case.call_and_validate(headers=fuzz_headers, checks=CHECKS)

    run()
