"""The vacancy list's columns: city, salary in the interface language, author; and the
count of the filtered list («Найдено: 1 234», bounded), within the organization."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from app.accounts.models import User
from app.extensions import db
from app.vacancies import service
from app.vacancies.models import Vacancy
from bench.common import seed_vacancies
from tests.conftest import login, make_user
from tests.web.vacancy_helpers import form_data

NBSP = "\u00a0"


def create(client, **overrides) -> int:
    response = client.post("/vacancies/new", data=form_data(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


def row_of(page: str, vacancy_id: int) -> str:
    match = re.search(
        rf'<tr><td><input type="checkbox" name="ids" value="{vacancy_id}".*?</tr>', page
    )
    assert match, f"no row for {vacancy_id}"
    return match.group(0)


def set_name(app, email: str, name: str) -> None:
    with app.app_context():
        db.session.execute(update(User).where(User.email == email).values(name=name))
        db.session.commit()


@pytest.fixture
def named_admin(app, admin):
    set_name(app, "admin@acme.test", "Анна <Петрова>")
    return admin


def test_the_row_shows_city_salary_and_author(app, named_admin):
    vid = create(named_admin, title="SMM в кофейню", location="Казань")
    page = named_admin.get("/vacancies/").get_data(as_text=True)
    for header in ("Город", "Зарплата", "Автор"):
        assert f'<th scope="col">{header}</th>' in page
    row = row_of(page, vid)
    assert "<td>Казань</td>" in row
    assert f'<td class="nowrap">80{NBSP}000–120{NBSP}000{NBSP}₽</td>' in row
    # The name is escaped like every other text of the row.
    assert "<td>Анна &lt;Петрова&gt;</td>" in row
    assert "Анна <Петрова>" not in page


@pytest.mark.parametrize(
    ("lang", "low", "high", "currency", "period", "expected"),
    [
        ("ru", "60000", "", "RUB", "month", f"от 60{NBSP}000{NBSP}₽"),
        ("ru", "", "90000", "RUB", "month", f"до 90{NBSP}000{NBSP}₽"),
        ("ru", "70000", "70000", "RUB", "month", f"70{NBSP}000{NBSP}₽"),
        ("ru", "1500", "2000", "USD", "month", f"1{NBSP}500–2{NBSP}000{NBSP}$"),
        ("ru", "500", "", "RUB", "hour", f"от 500{NBSP}₽ в час"),
        ("ru", "", "", "RUB", "month", "—"),
        ("en", "60000", "80000", "RUB", "month", f"RUB{NBSP}60,000–80,000"),
        ("en", "60000", "", "RUB", "month", f"from RUB{NBSP}60,000"),
        ("en", "", "90000", "EUR", "year", f"up to EUR{NBSP}90,000 per year"),
    ],
)
def test_salary_in_the_interface_language(app, admin, lang, low, high, currency, period, expected):
    vid = create(admin, salary_from=low, salary_to=high, currency=currency, salary_period=period)
    admin.post("/language", data={"lang": lang, "next": "/"})
    row = row_of(admin.get("/vacancies/").get_data(as_text=True), vid)
    assert f'<td class="nowrap">{expected}</td>' in row, row


def test_author_is_who_created_and_who_changed_last(app, client):
    make_user(app, "anna@acme.test", "admin", "Acme")
    make_user(app, "boris@acme.test", "recruiter", "Acme")
    set_name(app, "anna@acme.test", "Анна")
    login(client, "anna@acme.test")
    vid = create(client, title="SMM-менеджер")
    client.post("/logout")
    login(client, "boris@acme.test")
    assert (
        client.post(
            f"/vacancies/{vid}/edit", data=form_data(title="SMM-менеджер!", base_version="1")
        ).status_code
        == 302
    )
    row = row_of(client.get("/vacancies/").get_data(as_text=True), vid)
    # Boris has no name: his address stands for it.
    assert '<td>Анна<br><span class="muted small">правка: boris@acme.test</span></td>' in row


def test_another_organizations_user_is_never_named(app, named_admin):
    make_user(app, "eve@other.test", "admin", "Other")
    set_name(app, "eve@other.test", "Ева Чужая")
    vid = create(named_admin)
    with app.app_context():
        eve = db.session.execute(db.select(User).where(User.email == "eve@other.test")).scalar_one()
        db.session.execute(update(Vacancy).where(Vacancy.id == vid).values(updated_by_id=eve.id))
        db.session.commit()
    page = named_admin.get("/vacancies/").get_data(as_text=True)
    assert "Ева" not in page
    assert "<td>Анна &lt;Петрова&gt;</td>" in row_of(page, vid)


def test_a_deleted_author_shows_a_dash(app, admin):
    vid = create(admin)
    with app.app_context():
        db.session.execute(
            update(Vacancy).where(Vacancy.id == vid).values(created_by_id=None, updated_by_id=None)
        )
        db.session.commit()
    assert "<td>—</td>" in row_of(admin.get("/vacancies/").get_data(as_text=True), vid)


def found(page: str) -> str:
    match = re.search(r'<p class="muted" id="found">(.*?)</p>', page)
    assert match, "no count on the page"
    return match.group(1)


def test_the_count_of_the_filtered_list_is_the_organizations(app, client):
    make_user(app, "admin@acme.test", "admin", "Acme")
    make_user(app, "eve@other.test", "admin", "Other")
    login(client, "eve@other.test")
    for _ in range(3):
        create(client, title="Сеть кофеен")
    client.post("/logout")
    login(client, "admin@acme.test")
    create(client, title="Сеть кофеен")
    create(client, title="Кофейня у вокзала")
    create(client, title="Пекарня", role="smm-specialist")
    assert found(client.get("/vacancies/").get_data(as_text=True)) == "Найдено: 3"
    assert found(client.get("/vacancies/?q=кофейни").get_data(as_text=True)) == "Найдено: 2"
    page = client.get("/vacancies/?role=smm-specialist").get_data(as_text=True)
    assert found(page) == "Найдено: 1"
    page = client.get("/vacancies/?q=кофейни&role=smm-specialist").get_data(as_text=True)
    assert 'id="found"' not in page and "Ничего не найдено" in page


@pytest.fixture
def many(app, admin):
    """1,234 vacancies of Acme, bulk-inserted as the benchmarks do."""
    with app.app_context():
        user = db.session.execute(db.select(User)).scalar_one()
        org_id, user_id = user.organization_id, user.id
    seed_vacancies(app, org_id, user_id, 1234)
    return admin


def test_the_count_is_a_number_of_the_interface_language(app, many):
    assert found(many.get("/vacancies/").get_data(as_text=True)) == f"Найдено: 1{NBSP}234"
    many.post("/language", data={"lang": "en", "next": "/"})
    assert found(many.get("/vacancies/").get_data(as_text=True)) == "Found: 1,234"


@pytest.mark.parametrize("strategy", ["walk", "term key", "few"])
def test_a_count_past_its_limit_says_more_than(app, many, monkeypatch, strategy):
    common, few = {"walk": (1, 0), "term key": (10**9, 0), "few": (10**9, 10**9)}[strategy]
    monkeypatch.setattr(service, "COMMON_WORD", common)
    monkeypatch.setattr(service, "FEW_MATCHES", few)
    monkeypatch.setattr(service, "COUNT_LIMIT", 1000)
    assert found(many.get("/vacancies/").get_data(as_text=True)) == f"Найдено: более 1{NBSP}000"
    monkeypatch.setattr(service, "SEARCH_COUNT_LIMIT", 100)
    # "smm" is in every seeded title; status + word and two words take other paths.
    for query in ("q=smm", "q=smm&status=draft", "q=smm+vac"):
        assert found(many.get(f"/vacancies/?{query}").get_data(as_text=True)) == (
            "Найдено: более 100"
        ), query


def test_a_count_that_walked_its_bound_says_at_least(app, many, monkeypatch):
    monkeypatch.setattr(service, "COMMON_WORD", 1)  # every word checked per vacancy
    monkeypatch.setattr(service, "FEW_MATCHES", 0)
    with app.app_context():
        org_id = db.session.execute(db.select(User.organization_id)).scalar_one()
        everything = service.list_page(org_id, q="smm кофейни", per_page=2000)
        matching = len(everything.items)
        assert 100 < matching < 1234
        # Checked one by one, the count stops at 100 found.
        assert everything.total == service.Count(100, bound=True)
        monkeypatch.setattr(service, "CHECKED_COUNT_LIMIT", 10_000)
        monkeypatch.setattr(service, "COUNT_WALK", 10_000)
        assert service.list_page(org_id, q="smm кофейни").total == service.Count(matching)
        # Past COUNT_WALK vacancies walked, what was found so far is "at least".
        monkeypatch.setattr(service, "COUNT_WALK", 300)
        total = service.list_page(org_id, q="smm кофейни").total
        assert total.partial and not total.bound and 0 < total.number < matching
        # Never less than the page itself has seen (25 shown and one more).
        monkeypatch.setattr(service, "COUNT_WALK", 1)
        assert service.list_page(org_id, q="smm кофейни").total == service.Count(26, partial=True)
        assert service.list_page(org_id, q="smm кофейни", page=3).total.number == 76
        monkeypatch.setattr(service, "COUNT_WALK", 300)
    page = many.get("/vacancies/?q=smm+кофейни").get_data(as_text=True)
    assert re.fullmatch(r"Найдено: не менее \d+", found(page))
    monkeypatch.setattr(service, "COUNT_WALK", 10_000)
    monkeypatch.setattr(service, "CHECKED_COUNT_LIMIT", 100)
    page = many.get("/vacancies/?q=smm+кофейни").get_data(as_text=True)
    assert found(page) == "Найдено: более 100"
