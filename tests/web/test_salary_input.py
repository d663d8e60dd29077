"""Salary input rules on the web form and in the API: amounts as people type them are
read as what they mean; negative amounts and «to» below «from» are refused beside the
fields (web) or with field errors (API), and nothing is stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.vacancies.models import Vacancy
from tests.web.api_helpers import bearer, create_vacancy, token_for, vacancy_body
from tests.web.vacancy_helpers import form_data


def vacancy_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(Vacancy.id))).scalar_one()


def salary_of(app, vacancy_id: int) -> tuple:
    with app.app_context():
        data = db.session.get(Vacancy, vacancy_id).data
        return data["salary_from"], data["salary_to"]


def field_error(page: str, name: str) -> str | None:
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', page, re.S)
    return found.group(1) if found else None


@pytest.mark.parametrize(
    ("typed_from", "typed_to", "stored"),
    [
        ("70к", "90к", (70_000, 90_000)),
        ("70 тыс", "90 тыс.", (70_000, 90_000)),
        ("70 000", "90 000", (70_000, 90_000)),
        ("70 000 ₽", "90\u00a0000 ₽", (70_000, 90_000)),
        ("от 70 000", "до 120 000 руб.", (70_000, 120_000)),
        ("", "100k", (None, 100_000)),
    ],
)
def test_typed_amounts_are_stored_as_what_they_mean(app, admin, typed_from, typed_to, stored):
    response = admin.post(
        "/vacancies/new", data=form_data(salary_from=typed_from, salary_to=typed_to)
    )
    assert response.status_code == 302, field_error(response.get_data(as_text=True), "salary_from")
    vacancy_id = int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))
    assert salary_of(app, vacancy_id) == stored


@pytest.mark.parametrize(
    ("typed_from", "typed_to", "field", "words"),
    [
        ("-70000", "90000", "salary_from", "отрицательной"),
        ("70000", "-1", "salary_to", "отрицательной"),
        ("120000", "80000", "salary_to", "меньше суммы «от»"),
        ("120к", "80 тыс", "salary_to", "меньше суммы «от»"),
        ("семьдесят", "90000", "salary_from", "цифрами"),
        ("70-90 тыс", "", "salary_from", "одну сумму"),
        ("70.5", "", "salary_from", "целым числом"),
    ],
)
def test_bad_salary_is_refused_beside_the_field_and_kept(
    app, admin, typed_from, typed_to, field, words
):
    data = form_data(salary_from=typed_from, salary_to=typed_to)
    response = admin.post("/vacancies/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    message = field_error(page, field)
    assert message is not None and words in message.replace("\u00a0", " "), message
    assert vacancy_count(app) == 0
    for name, typed in (("salary_from", typed_from), ("salary_to", typed_to)):
        value = re.search(rf'id="{name}"[^>]*value="([^"]*)"', page) or re.search(
            rf'value="([^"]*)"[^>]*id="{name}"', page
        )
        assert value is not None and value.group(1) == typed, (name, page[:200])


def test_bad_salary_on_edit_stores_nothing(app, admin):
    response = admin.post("/vacancies/new", data=form_data())
    vacancy_id = int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))
    data = form_data(base_version="1", salary_from="150000", salary_to="90000")
    assert admin.post(f"/vacancies/{vacancy_id}/edit", data=data).status_code == 422
    assert salary_of(app, vacancy_id) == (80_000, 120_000)


def test_salary_messages_follow_the_interface_language(app, admin):
    admin.post("/language", data={"lang": "en", "next": "/"})
    page = admin.post(
        "/vacancies/new", data=form_data(salary_from="-5", salary_to="seventy")
    ).get_data(as_text=True)
    assert "cannot be negative" in field_error(page, "salary_from")
    assert "in digits" in field_error(page, "salary_to")


# --- API ------------------------------------------------------------------------------


@pytest.fixture
def headers(app):
    return bearer(token_for(app, "api@acme.test"))


@pytest.mark.parametrize(
    ("salary", "fields", "words"),
    [
        ({"from": -1}, {"salary.from"}, "negative"),
        ({"to": -80_000}, {"salary.to"}, "negative"),
        ({"from": 120_000, "to": 80_000}, {"salary.to"}, "below"),
        ({"from": "70к"}, {"salary.from"}, "JSON number"),
        ({"from": "70000"}, {"salary.from"}, "JSON number"),
        ({"to": "70 000 ₽"}, {"salary.to"}, "JSON number"),
        ({"from": 70_000.5}, {"salary.from"}, "whole number"),
    ],
)
def test_api_refuses_bad_salary_with_field_errors(app, client, headers, salary, fields, words):
    body = vacancy_body()
    body["salary"] = {**body["salary"], **salary}
    response = client.post(
        "/api/v1/vacancies", json=body, headers={**headers, "Accept-Language": "en"}
    )
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == fields
    assert any(words in m for m in error["fields"][next(iter(fields))]), error
    assert vacancy_count(app) == 0


def test_api_update_with_a_reversed_range_stores_nothing(app, client, headers):
    vacancy = create_vacancy(client, headers)
    url = f"/api/v1/vacancies/{vacancy['id']}"
    response = client.put(url, json={"version": 1, "salary": {"to": 1}}, headers=headers)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"salary.to"}
    assert salary_of(app, vacancy["id"]) == (80_000, 120_000)


def test_api_schema_says_sent_amounts_are_not_negative(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for name in ("VacancyInput", "VacancyUpdate"):
        salary = schemas[name]["properties"]["salary"]["properties"]
        for key in ("from", "to"):
            assert salary[key]["anyOf"][0] == {
                "type": "integer",
                "minimum": 0,
                "maximum": 1_000_000_000,
            }
