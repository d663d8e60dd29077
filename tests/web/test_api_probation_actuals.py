"""KPI results through the API: JSON numbers only, null clears, far-off values need
"confirm": true, and nothing is stored when a value is refused."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.probation.models import KpiActual
from tests.web.test_api_probation import C, evaluator, headers, kpis, setup  # noqa: F401


def put(client, headers, setup, actuals, **extra):  # noqa: F811
    body = {"checkin": setup["plan"]["checkins"][-1]["id"], "actuals": actuals, **extra}
    return client.put(f"{C}/{setup['candidate']['id']}/kpi-actuals", json=body, headers=headers)


def values(app) -> list[float]:
    with app.app_context():
        return sorted(v for (v,) in db.session.execute(select(KpiActual.value)))


def count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(KpiActual.id))).scalar_one()


def test_strings_are_refused_with_a_message(app, client, headers, setup):  # noqa: F811
    kpi = kpis(setup["plan"])[0]
    for text in ("4,1", "4.1", "1 500"):
        response = put(client, headers, setup, {str(kpi["id"]): text})
        assert response.status_code == 422
        error = response.get_json()["error"]
        assert error["code"] == "invalid"
        assert "JSON" in error["fields"][f"actuals.{kpi['id']}"][0]
    assert count(app) == 0


def test_a_far_off_value_needs_confirm(app, client, headers, setup):  # noqa: F811
    kpi = kpis(setup["plan"])[0]
    far = kpi["target"] * 10 + 1
    response = put(client, headers, setup, {str(kpi["id"]): far})
    assert response.status_code == 422
    message = response.get_json()["error"]["fields"][f"actuals.{kpi['id']}"][0]
    assert "10" in message and count(app) == 0
    english = put(
        client, {**headers, "Accept-Language": "en"}, setup, {str(kpi["id"]): far}
    ).get_json()
    assert "times the target" in english["error"]["fields"][f"actuals.{kpi['id']}"][0]
    assert put(client, headers, setup, {str(kpi["id"]): far}, confirm="yes").status_code == 422
    response = put(client, headers, setup, {str(kpi["id"]): far}, confirm=True)
    assert response.status_code == 200 and response.get_json()["stored"] == 1
    assert values(app) == [far]
    # The stored value is not asked again.
    assert put(client, headers, setup, {str(kpi["id"]): far}).status_code == 200


def test_negative_is_refused_even_confirmed(app, client, headers, setup):  # noqa: F811
    kpi = kpis(setup["plan"])[0]
    response = put(client, headers, setup, {str(kpi["id"]): -1}, confirm=True)
    assert response.status_code == 422 and count(app) == 0


def test_null_clears_and_a_refusal_stores_nothing(app, client, headers, setup):  # noqa: F811
    first, *rest = kpis(setup["plan"])
    assert put(client, headers, setup, {str(first["id"]): 4.1}).status_code == 200
    assert values(app) == [4.1]
    if rest:  # one good value and one refused: neither is stored
        body = {str(first["id"]): None, str(rest[0]["id"]): "x"}
        assert put(client, headers, setup, body).status_code == 422
        assert values(app) == [4.1]
    response = put(client, headers, setup, {str(first["id"]): None})
    assert response.status_code == 200 and response.get_json()["stored"] == 1
    assert count(app) == 0
    score = response.get_json()["score"]
    row = next(r for r in score["items"] if r["id"] == first["id"])
    assert row["value"] is None


def test_the_schema_documents_confirm_and_null(client):
    schema = client.get("/api/v1/openapi.json").get_json()
    body = schema["components"]["schemas"]["KpiActualsInput"]
    assert body["properties"]["confirm"]["type"] == "boolean"
    assert {"type": "null"} in body["properties"]["actuals"]["additionalProperties"]["anyOf"]
