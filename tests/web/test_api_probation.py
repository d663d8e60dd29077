"""Trial plans, candidates, ratings, KPI results, scores and erasure through the API,
with the evaluators' restrictions."""

from __future__ import annotations

from datetime import date

import pytest

from tests.web.api_helpers import bearer, create_plan, create_vacancy, token_for

P = "/api/v1/trial-plans"
C = "/api/v1/candidates"


@pytest.fixture
def headers(app) -> dict[str, str]:
    return bearer(token_for(app, "rec@acme.test", "recruiter", "Acme"))


@pytest.fixture
def evaluator(app) -> dict[str, str]:
    return bearer(token_for(app, "eva@acme.test", "evaluator", "Acme"))


@pytest.fixture
def setup(client, headers, evaluator) -> dict:
    """A vacancy, its plan with eva@acme.test assigned, and a candidate on it."""
    vacancy = create_vacancy(client, headers)
    plan = create_plan(client, headers, vacancy["id"], evaluators=["eva@acme.test"])
    response = client.post(
        f"{P}/{plan['id']}/candidates", json={"name": "Анна Петрова"}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    return {"vacancy": vacancy, "plan": plan, "candidate": response.get_json()}


def tasks(plan: dict) -> list[dict]:
    return [item for item in plan["items"] if item["kind"] == "task"]


def kpis(plan: dict) -> list[dict]:
    return [item for item in plan["items"] if item["kind"] == "kpi"]


def test_a_plan_is_built_from_the_vacancy(client, headers):
    vacancy = create_vacancy(client, headers)
    response = client.post(
        f"/api/v1/vacancies/{vacancy['id']}/trial-plans", json={}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    plan = response.get_json()
    assert response.headers["Location"].endswith(f"{P}/{plan['id']}")
    assert plan["vacancy_id"] == vacancy["id"] and plan["version"] == 1
    assert plan["start_date"] == date.today().isoformat()
    assert plan["period_months"] == 3 and plan["pass_threshold"] == 75
    assert tasks(plan) and [k["title"] for k in kpis(plan)]
    assert len(plan["checkins"]) == 2 and plan["candidates"] == []
    assert vacancy["title"] in plan["title"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"period_months": 9}, "period_months"),
        ({"start_date": "someday"}, "start_date"),
        ({"pass_threshold": 50, "extend_threshold": 60}, "extend_threshold"),
        ({"title": ""}, "title"),
        ({"evaluators": ["nobody@acme.test"]}, "evaluators"),
        ({"evaluators": "eva@acme.test"}, "evaluators"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_bad_plan_bodies_are_422(client, headers, evaluator, body, field):
    vacancy = create_vacancy(client, headers)
    response = client.post(
        f"/api/v1/vacancies/{vacancy['id']}/trial-plans", json=body, headers=headers
    )
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert client.get(P, headers=headers).get_json()["items"] == []


def test_plans_change_with_a_version_and_conflict_when_stale(client, headers, setup):
    url = f"{P}/{setup['plan']['id']}"
    base = setup["plan"]["version"]
    changed = client.put(
        url,
        json={"version": base, "title": "План на квартал", "period_months": 2},
        headers=headers,
    )
    assert changed.status_code == 200, changed.get_json()
    plan = changed.get_json()
    assert plan["title"] == "План на квартал" and plan["period_months"] == 2
    assert plan["version"] > base and plan["evaluators"] == ["eva@acme.test"]
    stale = client.put(url, json={"version": base, "title": "Другой"}, headers=headers)
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "version_conflict"
    assert client.put(url, json={"title": "Без версии"}, headers=headers).status_code == 422
    cleared = client.put(
        url, json={"version": plan["version"], "evaluators": []}, headers=headers
    ).get_json()
    assert cleared["evaluators"] == []


def test_items_and_checkins_are_managed(client, headers, setup):
    plan_id = setup["plan"]["id"]
    added = client.post(
        f"{P}/{plan_id}/items",
        json={
            "kind": "kpi",
            "title": "Заявки из Telegram",
            "weight": 2,
            "target": 15,
            "unit": "заявок",
            "direction": "higher",
        },
        headers=headers,
    )
    assert added.status_code == 201, added.get_json()
    item = added.get_json()["items"][-1]
    assert item["title"] == "Заявки из Telegram" and item["target"] == 15

    url = f"{P}/{plan_id}/items/{item['id']}"
    changed = client.put(url, json={"weight": 5}, headers=headers).get_json()
    assert changed["items"][-1]["weight"] == 5 and changed["items"][-1]["unit"] == "заявок"
    refused = client.put(url, json={"kind": "task"}, headers=headers)
    assert refused.status_code == 422 and "kind" in refused.get_json()["error"]["fields"]
    assert client.put(url, json={"weight": 9}, headers=headers).status_code == 422
    assert client.delete(url, headers=headers).status_code == 204
    assert client.delete(url, headers=headers).status_code == 404

    checkin = client.post(
        f"{P}/{plan_id}/checkins",
        json={"name": "Через месяц", "due_date": "2027-01-01"},
        headers=headers,
    ).get_json()["checkins"]
    assert "Через месяц" in [c["name"] for c in checkin]
    ids = [c["id"] for c in checkin]
    renamed = client.put(
        f"{P}/{plan_id}/checkins/{ids[0]}", json={"name": "Промежуточная"}, headers=headers
    ).get_json()
    assert "Промежуточная" in [c["name"] for c in renamed["checkins"]]
    for checkin_id in ids[:-1]:
        assert (
            client.delete(f"{P}/{plan_id}/checkins/{checkin_id}", headers=headers).status_code
            == 204
        )
    last = client.delete(f"{P}/{plan_id}/checkins/{ids[-1]}", headers=headers)
    assert last.status_code == 422


def test_candidates_are_added_read_and_corrected(client, headers, setup):
    candidate = setup["candidate"]
    assert candidate["position"] == setup["vacancy"]["title"]
    assert candidate["start_date"] == setup["plan"]["start_date"]
    assert client.get(f"{C}/{candidate['id']}", headers=headers).get_json() == candidate
    corrected = client.put(f"{C}/{candidate['id']}", json={"contact": "@anna"}, headers=headers)
    assert corrected.get_json()["contact"] == "@anna"
    assert corrected.get_json()["name"] == "Анна Петрова"
    empty = client.post(f"{P}/{setup['plan']['id']}/candidates", json={}, headers=headers)
    assert empty.status_code == 422 and "name" in empty.get_json()["error"]["fields"]
    long = client.post(
        f"{P}/{setup['plan']['id']}/candidates", json={"name": "x" * 121}, headers=headers
    )
    assert long.status_code == 422


def test_an_assigned_evaluator_rates_and_the_verdict_follows(client, headers, evaluator, setup):
    plan, candidate = setup["plan"], setup["candidate"]
    final = plan["checkins"][-1]["id"]
    ratings = {str(item["id"]): 2 for item in tasks(plan)}
    response = client.post(
        f"{C}/{candidate['id']}/evaluations",
        json={"checkin": final, "ratings": ratings, "comments": {str(tasks(plan)[0]["id"]): "Ок"}},
        headers=evaluator,
    )
    assert response.status_code == 200, response.get_json()
    score = response.get_json()
    assert score["checkin"] == final and score["candidate_id"] == candidate["id"]
    assert score["provisional"] and score["coverage"] < 1

    actuals = {str(item["id"]): item["target"] for item in kpis(plan)}
    entered = client.put(
        f"{C}/{candidate['id']}/kpi-actuals",
        json={"checkin": final, "actuals": actuals},
        headers=headers,
    )
    assert entered.status_code == 200, entered.get_json()
    assert entered.get_json()["stored"] == len(actuals)
    verdict = client.get(f"{C}/{candidate['id']}/score", headers=headers).get_json()
    assert verdict["verdict"] == "pass" and verdict["score"] == 100 and verdict["coverage"] == 1
    at_first = client.get(
        f"{C}/{candidate['id']}/score?checkin={plan['checkins'][0]['id']}", headers=headers
    ).get_json()
    assert at_first["verdict"] is None
    assert (
        client.get(f"{C}/{candidate['id']}/score?checkin=999", headers=headers).status_code == 400
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ratings": {"ITEM": 3}}, "ratings.ITEM"),
        ({"ratings": {"999999": 1}}, "ratings.999999"),
        ({"ratings": {"ITEM": True}}, "ratings.ITEM"),
        ({"ratings": [1, 2]}, "ratings"),
        ({"checkin": 999999, "ratings": {}}, "checkin"),
        ({"checkin": 2**63, "ratings": {}}, "checkin"),
        ({"checkin": 2**64, "ratings": {}}, "checkin"),
        ({"ratings": {str(2**64): 1}}, f"ratings.{2**64}"),
        ({"checkin": "first", "ratings": {}}, "checkin"),
        ({"ratings": {}, "score": 100}, "score"),
    ],
)
def test_bad_ratings_are_422(client, evaluator, setup, body, field):
    plan = setup["plan"]
    item = str(tasks(plan)[0]["id"])
    body = {"checkin": plan["checkins"][0]["id"], **body}
    body["ratings"] = (
        {k.replace("ITEM", item): v for k, v in body["ratings"].items()}
        if isinstance(body.get("ratings"), dict)
        else body.get("ratings")
    )
    response = client.post(
        f"{C}/{setup['candidate']['id']}/evaluations", json=body, headers=evaluator
    )
    assert response.status_code == 422, response.get_json()
    assert field.replace("ITEM", item) in response.get_json()["error"]["fields"]


def test_kpi_actuals_are_checked(client, headers, setup):
    plan = setup["plan"]
    body = {"checkin": plan["checkins"][0]["id"], "actuals": {str(kpis(plan)[0]["id"]): -1}}
    response = client.put(f"{C}/{setup['candidate']['id']}/kpi-actuals", json=body, headers=headers)
    assert response.status_code == 422
    task = {"checkin": body["checkin"], "actuals": {str(tasks(plan)[0]["id"]): 1}}
    assert (
        client.put(
            f"{C}/{setup['candidate']['id']}/kpi-actuals", json=task, headers=headers
        ).status_code
        == 422
    )


def test_only_assigned_evaluators_rate(client, headers, setup):
    plan = setup["plan"]
    body = {"checkin": plan["checkins"][0]["id"], "ratings": {str(tasks(plan)[0]["id"]): 1}}
    response = client.post(
        f"{C}/{setup['candidate']['id']}/evaluations", json=body, headers=headers
    )
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_assigned"


def test_evaluators_see_only_assigned_plans_and_cannot_manage(
    app, client, headers, evaluator, setup
):
    plan_id, candidate_id = setup["plan"]["id"], setup["candidate"]["id"]
    assert [p["id"] for p in client.get(P, headers=evaluator).get_json()["items"]] == [plan_id]
    assert client.get(f"{P}/{plan_id}", headers=evaluator).status_code == 200
    assert client.get(f"{C}/{candidate_id}/score", headers=evaluator).status_code == 200
    for method, url, body in (
        ("PUT", f"{P}/{plan_id}", {"version": 1, "title": "x"}),
        ("DELETE", f"{P}/{plan_id}", None),
        ("POST", f"{P}/{plan_id}/candidates", {"name": "Пётр"}),
        ("POST", f"{P}/{plan_id}/items", {"kind": "task", "title": "x"}),
        ("POST", f"{C}/{candidate_id}/erase", None),
        ("PUT", f"{C}/{candidate_id}", {"name": "Пётр"}),
    ):
        response = client.open(url, method=method, json=body, headers=evaluator)
        assert response.status_code == 403, f"{method} {url}"

    other = bearer(token_for(app, "eva2@acme.test", "evaluator", "Acme"))
    assert client.get(P, headers=other).get_json()["items"] == []
    for url in (f"{P}/{plan_id}", f"{C}/{candidate_id}", f"{C}/{candidate_id}/score"):
        assert client.get(url, headers=other).status_code == 404, url


def test_erasure_removes_personal_data_and_locks_the_record(client, headers, evaluator, setup):
    plan, candidate = setup["plan"], setup["candidate"]
    item = str(tasks(plan)[0]["id"])
    client.post(
        f"{C}/{candidate['id']}/evaluations",
        json={
            "checkin": plan["checkins"][0]["id"],
            "ratings": {item: 1},
            "comments": {item: "Анна молодец"},
        },
        headers=evaluator,
    )
    erased = client.post(f"{C}/{candidate['id']}/erase", headers=headers)
    assert erased.status_code == 200, erased.get_json()
    assert erased.get_json()["erased"] and erased.get_json()["name"] == ""
    again = client.post(f"{C}/{candidate['id']}/erase", headers=headers)
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "candidate_erased"
    rate = client.post(
        f"{C}/{candidate['id']}/evaluations",
        json={"checkin": plan["checkins"][0]["id"], "ratings": {item: 2}},
        headers=evaluator,
    )
    assert rate.status_code == 409
    score = client.get(f"{C}/{candidate['id']}/score", headers=headers).get_json()
    assert score["items"]


def test_a_plan_is_deleted_with_its_candidates(client, headers, setup):
    url = f"{P}/{setup['plan']['id']}"
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404
    assert client.get(f"{C}/{setup['candidate']['id']}", headers=headers).status_code == 404


def test_inputs_for_another_plan_or_an_erased_candidate_are_refused(
    client, headers, evaluator, setup
):
    """Items and check-ins of another plan, and KPI values for an erased candidate: 4xx,
    nothing stored."""
    plan, candidate = setup["plan"], setup["candidate"]
    other = create_plan(client, headers, setup["vacancy"]["id"], evaluators=["eva@acme.test"])
    url = f"{C}/{candidate['id']}/evaluations"
    foreign_item = str(tasks(other)[0]["id"])
    wrong_item = client.post(
        url,
        json={"checkin": plan["checkins"][0]["id"], "ratings": {foreign_item: 2}},
        headers=evaluator,
    )
    assert 400 <= wrong_item.status_code < 500, wrong_item.get_json()
    own_item = str(tasks(plan)[0]["id"])
    wrong_checkin = client.post(
        url,
        json={"checkin": other["checkins"][0]["id"], "ratings": {own_item: 2}},
        headers=evaluator,
    )
    assert 400 <= wrong_checkin.status_code < 500, wrong_checkin.get_json()
    score = client.get(f"{C}/{candidate['id']}/score", headers=headers).get_json()
    assert score["score"] is None  # nothing was stored
    assert client.post(f"{C}/{candidate['id']}/erase", headers=headers).status_code == 200
    kpi = str(kpis(plan)[0]["id"])
    value = client.put(
        f"{C}/{candidate['id']}/kpi-actuals",
        json={"checkin": plan["checkins"][0]["id"], "actuals": {kpi: 5}},
        headers=headers,
    )
    assert value.status_code == 409, value.get_json()
