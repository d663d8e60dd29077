"""The OpenAPI document: well formed, in step with the URL map, answers match it;
the readable reference page and its footer link."""

from __future__ import annotations

import jsonschema_rs
import pytest

from tests.conftest import make_user
from tests.web.api_helpers import bearer, create_plan, create_vacancy, token_for

CONTRACT = {
    ("GET", "/catalog"),
    ("POST", "/vacancies/check"),
    ("POST", "/vacancies"),
    ("GET", "/vacancies"),
    ("GET", "/vacancies/{vacancy_id}"),
    ("PUT", "/vacancies/{vacancy_id}"),
    ("DELETE", "/vacancies/{vacancy_id}"),
    ("POST", "/vacancies/{vacancy_id}/publish"),
    ("POST", "/vacancies/{vacancy_id}/archive"),
    ("GET", "/vacancies/{vacancy_id}/export"),
    ("POST", "/vacancies/{vacancy_id}/trial-plans"),
    ("GET", "/trial-plans/{plan_id}"),
    ("PUT", "/trial-plans/{plan_id}"),
    ("POST", "/trial-plans/{plan_id}/candidates"),
    ("POST", "/candidates/{candidate_id}/evaluations"),
    ("PUT", "/candidates/{candidate_id}/kpi-actuals"),
    ("GET", "/candidates/{candidate_id}/score"),
    ("POST", "/candidates/{candidate_id}/erase"),
}


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def refs(node) -> set[str]:
    """Every $ref in a part of the document."""
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            found.add(node["$ref"])
        for value in node.values():
            found |= refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= refs(value)
    return found


def resolve(document: dict, ref: str):
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def test_the_document_is_well_formed_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] and document["info"]["version"]
    assert document["servers"] == [{"url": "/api/v1"}]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    operation_ids = []
    for path, methods in document["paths"].items():
        assert path.startswith("/")
        for method, op in methods.items():
            assert method in {"get", "post", "put", "delete"}
            operation_ids.append(op["operationId"])
            assert op["summary"] and op["description"] and op["tags"]
            assert op["responses"]
            params = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert params == set(path.replace("}", "{").split("{")[1::2]), path
            if op.get("security") != []:
                assert {"401", "429"} <= set(op["responses"]), (method, path)
    assert len(operation_ids) == len(set(operation_ids))
    for ref in refs(document):
        assert ref.startswith("#/"), ref
        resolve(document, ref)
    for name, schema in document["components"]["schemas"].items():
        jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]})
        assert name


def test_every_route_is_documented_and_every_documented_route_exists(app, document):
    from app.api.openapi import route_differences

    assert route_differences(app) == (set(), set())
    documented = {(m.upper(), p) for p, methods in document["paths"].items() for m in methods}
    assert documented >= CONTRACT


def test_an_undocumented_route_is_caught(app):
    from app.api.openapi import route_differences

    app.add_url_rule("/api/v1/secret-report", "secret_report", lambda: {}, methods=["GET"])
    missing, extra = route_differences(app)
    assert missing == {("GET", "/secret-report")} and extra == set()


def validator(document: dict, name: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": document["components"]},
        validate_formats=True,
    )


def test_answers_match_their_documented_schemas(app, client, document):
    headers = bearer(token_for(app, "rec@acme.test", "recruiter", "Acme"))
    make_user(app, "eva@acme.test", "evaluator", "Acme")
    vacancy = create_vacancy(client, headers)
    plan = create_plan(client, headers, vacancy["id"], evaluators=["eva@acme.test"])
    candidate = client.post(
        f"/api/v1/trial-plans/{plan['id']}/candidates", json={"name": "Анна"}, headers=headers
    ).get_json()
    answers = {
        "Me": client.get("/api/v1/me", headers=headers),
        "Catalog": client.get("/api/v1/catalog", headers=headers),
        "Vacancy": client.get(f"/api/v1/vacancies/{vacancy['id']}", headers=headers),
        "VacancyList": client.get("/api/v1/vacancies", headers=headers),
        "CheckResult": client.post(
            "/api/v1/vacancies/check",
            json={"role": "smm-generalist", "workplace": "remote"},
            headers=headers,
        ),
        "TrialPlan": client.get(f"/api/v1/trial-plans/{plan['id']}", headers=headers),
        "TrialPlanList": client.get("/api/v1/trial-plans", headers=headers),
        "Candidate": client.get(f"/api/v1/candidates/{candidate['id']}", headers=headers),
        "Score": client.get(f"/api/v1/candidates/{candidate['id']}/score", headers=headers),
        "Error": client.get("/api/v1/vacancies/424242", headers=headers),
    }
    for name, response in answers.items():
        errors = [e.message for e in validator(document, name).iter_errors(response.get_json())]
        assert not errors, (name, errors[:3])


def test_the_reference_page_renders_the_document(app, client):
    from app.api.openapi import build_document

    make_user(app, "a@acme.test")
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for path, methods in build_document()["paths"].items():
        assert f"<code>{path}</code>" in html
        for op in methods.values():
            assert f'id="op-{op["operationId"]}"' in html
    assert 'id="schema-VacancyInput"' in html
    assert "/api/v1/openapi.json" in html


def test_the_footer_links_the_reference(app, admin):
    html = admin.get("/").get_data(as_text=True)
    assert 'href="/api/docs/"' in html
    assert 'href="/account/tokens/"' in admin.get("/api/docs/").get_data(as_text=True)
