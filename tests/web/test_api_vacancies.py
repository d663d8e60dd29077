"""Catalog and vacancies through the API: check, create, list, read, update, delete,
status changes and exports, with the web form's input limits."""

from __future__ import annotations

import json

import pytest

from app.domain.vacancies.compose import default_draft
from tests.web.api_helpers import bearer, create_vacancy, token_for, vacancy_body
from tests.web.vacancy_helpers import CATALOG

V = "/api/v1/vacancies"


@pytest.fixture
def headers(app) -> dict[str, str]:
    return bearer(token_for(app, "rec@acme.test", "recruiter", "Acme"))


def test_catalog_lists_every_kind_with_ids_and_both_languages(client, headers):
    catalog = client.get("/api/v1/catalog", headers=headers).get_json()
    for kind in (
        "roles",
        "duties",
        "skills",
        "requirements",
        "exclusions",
        "kpis",
        "trial_tasks",
        "networks",
    ):
        assert catalog[kind], kind
        for item in catalog[kind]:
            assert item["id"] and item["text"]["ru"] and item["text"]["en"]
    manager = next(r for r in catalog["roles"] if r["id"] == "smm-manager")
    assert manager["defaults"]["large"]["duties"]


def test_catalog_applies_the_organizations_overrides(app, client, headers):
    from app.accounts.models import Organization
    from app.catalog.models import CatalogOverride
    from app.extensions import db

    with app.app_context():
        org = db.session.execute(db.select(Organization)).scalar_one()
        db.session.add(
            CatalogOverride(
                organization_id=org.id,
                kind="duty",
                action="add",
                item_id="org-reels",
                data={
                    "text_ru": "Снимать рилсы",
                    "text_en": "Shoot reels",
                    "category": "content",
                    "roles": ["smm-manager"],
                },
            )
        )
        org.catalog_version += 1
        db.session.commit()
    duties = client.get("/api/v1/catalog", headers=headers).get_json()["duties"]
    added = next(d for d in duties if d["id"] == "org-reels")
    assert added["text"] == {"ru": "Снимать рилсы", "en": "Shoot reels"}


def test_check_answers_findings_and_saves_nothing(client, headers):
    body = vacancy_body(
        salary={"from": None, "to": None}, custom={"requirements": ["Девушка до 30 лет"]}
    )
    response = client.post(f"{V}/check", json=body, headers=headers)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    codes = {w["code"]: w for w in result["warnings"]}
    assert codes["discriminatory-requirement"]["severity"] == "error"
    assert codes["discriminatory-requirement"]["item"] == "custom_requirements:0"
    assert "salary-missing" in codes
    assert 0 <= result["quality"] < 100
    assert all({"code", "severity", "message", "item"} <= set(w) for w in result["warnings"])
    assert client.get(V, headers=headers).get_json()["items"] == []


def test_create_fills_left_out_lists_from_the_role(client, headers):
    response = client.post(V, json=vacancy_body(), headers=headers)
    assert response.status_code == 201, response.get_json()
    vacancy = response.get_json()
    assert response.headers["Location"].endswith(f"{V}/{vacancy['id']}")
    defaults = default_draft(
        CATALOG, "smm-manager", scale="large", networks=("instagram", "telegram")
    )
    assert vacancy["duties"] == list(defaults.duties)
    assert vacancy["skills"] == list(defaults.skills)
    assert vacancy["requirements"] == list(defaults.requirements)
    assert [k["id"] for k in vacancy["kpis"]] == [k.id for k in defaults.kpis]
    assert vacancy["version"] == 1 and vacancy["status"] == "draft"
    assert vacancy["identifier"] == f"VAC-{vacancy['id']}"
    assert vacancy["warnings"] == [] and vacancy["quality"] == 100


def test_create_keeps_explicit_choices(client, headers):
    duty = default_draft(CATALOG, "smm-manager").duties[0]
    vacancy = create_vacancy(
        client,
        headers,
        duties=[duty],
        skills=[],
        kpis=[],
        custom={"duties": ["Вести блог"]},
        workplace="remote",
        location="",
    )
    assert vacancy["duties"] == [duty] and vacancy["skills"] == [] and vacancy["kpis"] == []
    assert vacancy["custom"]["duties"] == ["Вести блог"]
    assert "no-measurable-goals" in {w["code"] for w in vacancy["warnings"]}


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"title": 5}, {"title"}),
        ({"title": "x" * 151}, {"title"}),
        ({"title": "line\nbreak"}, {"title"}),
        ({"role": "boss"}, {"role"}),
        ({"networks": "instagram"}, {"networks"}),
        ({"duties": ["no-such-duty"]}, {"duties"}),
        ({"kpis": [{"id": "no-such-kpi", "target": 1}]}, {"kpis"}),
        ({"kpis": [{"id": "x"}]}, {"kpis.0"}),
        ({"salary": {"from": "80000"}}, {"salary.from"}),
        ({"salary": {"from": 10**12}}, {"salary.from"}),
        ({"salary": 5}, {"salary"}),
        ({"salary": {"amount": 5}}, {"salary.amount"}),
        ({"custom": {"duties": ["ok", ""]}}, {"custom.duties"}),
        ({"intro_md": "x" * 5001}, {"intro_md"}),
        ({"valid_through": "tomorrow"}, {"valid_through"}),
        ({"valid_through": "2000-01-01"}, {"valid_through"}),
        ({"workplace": "office", "location": ""}, {"location"}),
        ({"colour": "red"}, {"colour"}),
    ],
)
def test_bad_bodies_are_422_with_the_fields_named(client, headers, changes, fields):
    response = client.post(V, json=vacancy_body(**changes), headers=headers)
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == fields
    assert all(isinstance(m, str) and m for msgs in error["fields"].values() for m in msgs)
    assert client.get(V, headers=headers).get_json()["items"] == []


@pytest.mark.parametrize("depth", [10, 900])
def test_deeply_nested_values_are_judged_like_any_other(client, headers, depth):
    deep = "[" * depth + "]" * depth
    json_headers = {**headers, "Content-Type": "application/json"}

    def fields(data: str) -> set[str]:
        response = client.post(f"{V}/check", data=data, headers=json_headers)
        assert response.status_code == 422, response.get_data(as_text=True)[:200]
        return set(response.get_json()["error"]["fields"])

    assert fields('{"role": "smm-manager", "zz": {"a": ' + deep + "}}") == {"zz"}
    assert {"title", "kpis.0"} <= fields(
        '{"role": "smm-manager", "title": ' + deep + ', "kpis": [' + deep + "]}"
    )


def test_role_is_required_to_create(client, headers):
    response = client.post(V, json={"title": "SMM"}, headers=headers)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"role"}


def test_list_filters_and_pages(client, headers):
    create_vacancy(client, headers, title="SMM-менеджер в кофейню")
    create_vacancy(client, headers, title="Контент-мейкер", role="smm-generalist")
    third = create_vacancy(client, headers, title="SMM-специалист", role="smm-specialist")
    client.post(f"{V}/{third['id']}/archive", headers=headers)

    def titles(query: str) -> list[str]:
        response = client.get(f"{V}?{query}", headers=headers)
        assert response.status_code == 200, response.get_json()
        return [v["title"] for v in response.get_json()["items"]]

    assert len(titles("")) == 3
    assert titles("role=smm-generalist") == ["Контент-мейкер"]
    assert titles("status=archived") == ["SMM-специалист"]
    assert titles("q=кофейню") == ["SMM-менеджер в кофейню"]
    assert titles("sort=title") == sorted(titles("sort=title"), key=str.casefold)
    first = client.get(f"{V}?per_page=2", headers=headers).get_json()
    assert len(first["items"]) == 2 and first["has_next"] and first["per_page"] == 2
    assert not client.get(f"{V}?per_page=2&page=2", headers=headers).get_json()["has_next"]


@pytest.mark.parametrize(
    "query", ["status=gone", "role=boss", "page=0", "page=x", "per_page=1000", "q=%00", "sort=x"]
)
def test_bad_list_parameters_are_400(client, headers, query):
    response = client.get(f"{V}?{query}", headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_parameter"


def test_read_update_and_the_stale_version_conflict(client, headers):
    vacancy = create_vacancy(client, headers)
    url = f"{V}/{vacancy['id']}"
    assert client.get(url, headers=headers).get_json()["title"] == vacancy["title"]

    updated = client.put(url, json={"version": 1, "title": "Старший SMM-менеджер"}, headers=headers)
    assert updated.status_code == 200, updated.get_json()
    body = updated.get_json()
    assert body["version"] == 2 and body["title"] == "Старший SMM-менеджер"
    assert body["duties"] == vacancy["duties"] and body["location"] == "Казань"

    stale = client.put(url, json={"version": 1, "title": "Другое"}, headers=headers)
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "version_conflict"
    assert client.get(url, headers=headers).get_json()["title"] == "Старший SMM-менеджер"

    missing = client.put(url, json={"title": "Без версии"}, headers=headers)
    assert missing.status_code == 422
    assert "version" in missing.get_json()["error"]["fields"]
    invalid = client.put(url, json={"version": 2, "title": ""}, headers=headers)
    assert invalid.status_code == 422


def test_delete(client, headers):
    vacancy = create_vacancy(client, headers)
    url = f"{V}/{vacancy['id']}"
    response = client.delete(url, headers=headers)
    assert response.status_code == 204 and response.data == b""
    assert client.get(url, headers=headers).status_code == 404


def test_publish_is_refused_while_an_error_stands_then_archive_and_restore(client, headers):
    bad = create_vacancy(client, headers, custom={"requirements": ["Не старше 30 лет"]})
    refused = client.post(f"{V}/{bad['id']}/publish", headers=headers)
    assert refused.status_code == 409
    error = refused.get_json()["error"]
    assert error["code"] == "publish_blocked" and error["fields"]
    assert client.get(f"{V}/{bad['id']}", headers=headers).get_json()["status"] == "draft"

    good = create_vacancy(client, headers)
    published = client.post(f"{V}/{good['id']}/publish", headers=headers).get_json()
    assert published["status"] == "published" and published["published_at"]
    archived = client.post(f"{V}/{good['id']}/archive", headers=headers).get_json()
    assert archived["status"] == "archived"
    restored = client.post(f"{V}/{good['id']}/restore", headers=headers).get_json()
    assert restored["status"] == "draft"


@pytest.mark.parametrize(
    ("fmt", "content_type", "suffix"),
    [
        ("md", "text/markdown; charset=utf-8", ".md"),
        ("txt", "text/plain; charset=utf-8", ".txt"),
        ("html", "text/html; charset=utf-8", ".html"),
        ("jsonld", "application/ld+json", ".jsonld"),
        ("hh", "application/json", ".hh.json"),
        ("telegram", "text/plain; charset=utf-8", ".telegram.txt"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
    ],
)
def test_export_formats_have_their_content_types_and_file_names(
    client, headers, fmt, content_type, suffix
):
    # hh.ru refuses an e-mail address in the description: apply through hh.ru instead.
    apply = "Откликайтесь на hh.ru и пришлите ссылки на сообщества, которые вы вели."
    vacancy = create_vacancy(client, headers, title="SMM-менеджер", apply_md=apply)
    response = client.get(f"{V}/{vacancy['id']}/export?format={fmt}", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"] == content_type
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="smm-menedzher-')
    assert disposition.endswith(f'{suffix}"')
    assert response.data
    if fmt == "jsonld":
        assert json.loads(response.data)["@type"] == "JobPosting"


@pytest.mark.slow
def test_export_pdf(client, headers):
    vacancy = create_vacancy(client, headers, title="SMM-менеджер")
    response = client.get(f"{V}/{vacancy['id']}/export?format=pdf", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].endswith('.pdf"')


@pytest.mark.parametrize("query", ["", "?format=exe", "?format=PDF"])
def test_export_needs_a_known_format(client, headers, query):
    vacancy = create_vacancy(client, headers)
    response = client.get(f"{V}/{vacancy['id']}/export{query}", headers=headers)
    assert response.status_code == 400
    assert "format" in response.get_json()["error"]["fields"]


def test_evaluators_cannot_use_vacancies(app, client):
    headers = bearer(token_for(app, "eva@acme.test", "evaluator", "Acme"))
    for method, url in (("GET", V), ("POST", V), ("POST", f"{V}/check")):
        response = client.open(url, method=method, json=vacancy_body(), headers=headers)
        assert response.status_code == 403, url
    assert client.get("/api/v1/catalog", headers=headers).status_code == 200


def test_hh_export_is_refused_while_the_vacancy_breaks_hh_limits(client, headers):
    salary = {"from": 500, "to": 800, "currency": "RUB", "gross": True, "period": "hour"}
    vacancy = create_vacancy(client, headers, salary=salary)
    response = client.get(f"{V}/{vacancy['id']}/export?format=hh", headers=headers)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "hh_limits" and error["fields"]


def test_every_draft_field_has_an_api_name_and_survives_a_round_trip(app):
    from dataclasses import fields

    from app.api.schemas import draft_to_api, vacancy_draft
    from app.domain.vacancies.draft import KpiChoice, VacancyDraft

    draft = default_draft(CATALOG, "smm-specialist", scale="small", networks=("vk",))
    draft = VacancyDraft(
        **{
            **{f.name: getattr(draft, f.name) for f in fields(VacancyDraft)},
            "custom_skills": ("Монтаж видео",),
            "salary_from": 70000,
            "currency": "KZT",
            "salary_gross": False,
            "workplace": "remote",
            "kpis": (KpiChoice("leads", 25.0),),
        }
    )
    body = draft_to_api(draft)
    names = set(body) - {"salary", "custom"}
    names |= {f"salary.{k}" for k in body["salary"]} | {f"custom.{k}" for k in body["custom"]}
    assert len(names) == len(fields(VacancyDraft)) - 1  # all but `extra`
    with app.test_request_context():
        assert vacancy_draft(CATALOG, body) == draft
