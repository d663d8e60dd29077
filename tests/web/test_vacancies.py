"""Composing, saving, finding, versioning and conflicts of vacancies through the web UI."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.vacancies.models import Vacancy, VacancyVersion
from tests.conftest import login, make_user
from tests.web.vacancy_helpers import form_data

# The checks the cases of the tests below are made to fire (`salary-range` cannot be
# stored through the form any more: a reversed or negative range is refused as input).
CASE_CODES = (
    "excluded-duty",
    "workload",
    "no-measurable-goals",
    "discriminatory-requirement",
)


def vacancy_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(Vacancy.id))).scalar_one()


def create(admin, **overrides) -> int:
    response = admin.post("/vacancies/new", data=form_data(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


@pytest.mark.parametrize("role", ["smm-manager", "smm-specialist", "smm-generalist"])
def test_new_form_is_prefilled_from_the_role(admin, role):
    page = admin.get(f"/vacancies/new?role={role}").get_data(as_text=True)
    assert f'value="{role}" selected' in page or f'selected value="{role}"' in page
    assert page.count('type="checkbox"') > 20
    assert "checked" in page


@pytest.mark.parametrize("role", ["smm-manager", "smm-specialist", "smm-generalist"])
def test_default_vacancy_of_each_role_saves_without_findings(app, admin, role):
    vacancy_id = create(admin, role=role)
    with app.app_context():
        vacancy = db.session.get(Vacancy, vacancy_id)
        assert vacancy.status == "draft" and vacancy.version == 1
        assert (vacancy.error_count, vacancy.warning_count) == (0, 0)
    page = admin.get(f"/vacancies/{vacancy_id}").get_data(as_text=True)
    assert "Обязанности" in page


def test_each_check_fires_on_its_case(app, admin):
    data = form_data(
        role="smm-generalist",
        networks=["instagram", "tiktok", "vk"],
        custom_duties="Настройка чат-ботов\nЗнание SEO",
        custom_requirements="Девушка до 30 лет",
        kpis=[],
    )
    response = admin.post("/vacancies/new", data=data)
    assert response.status_code == 302
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    for code in CASE_CODES:
        assert f'data-code="{code}"' in page, code


def test_publishing_is_refused_while_an_error_stands(app, admin):
    vid = create(admin, custom_requirements="Не старше 30 лет")
    admin.post(f"/vacancies/{vid}/publish")
    with app.app_context():
        assert db.session.get(Vacancy, vid).status == "draft"
    clean = create(admin)
    admin.post(f"/vacancies/{clean}/publish")
    with app.app_context():
        assert db.session.get(Vacancy, clean).status == "published"
    page = admin.get(f"/vacancies/{clean}").get_data(as_text=True)
    assert 'type="application/ld+json"' in page


BAD_INPUTS = [
    ("title", "", "title"),
    ("title", "x" * 151, "title"),
    ("title", "Менеджер\x00", "title"),
    ("currency", "XYZ", "currency"),
    ("salary_from", "1" * 30, "salary_from"),
    ("salary_from", "abc", "salary_from"),
    ("valid_through", "2001-01-01", "valid_through"),
    ("custom_duties", "\n".join(f"line {i}" for i in range(51)), "custom_duties"),
    ("custom_duties", "y" * 301, "custom_duties"),
    ("intro_md", "z" * 5001, "intro_md"),
    ("location", "", "location"),
    ("networks", ["myspace"], "networks"),
    ("duties", ["no-such-duty"], "duties"),
]


@pytest.mark.parametrize(("field", "value", "error_field"), BAD_INPUTS)
def test_bad_input_is_rejected_beside_the_field_and_nothing_is_stored(
    app, admin, field, value, error_field
):
    data = form_data(**{field: value})
    data["title"] = data["title"] if field != "title" else value
    response = admin.post("/vacancies/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{error_field}-error"' in page, page[page.find("error") - 200 :][:600]
    assert vacancy_count(app) == 0
    if field in ("location", "currency", "networks", "duties"):
        return
    if isinstance(value, str) and value and "\x00" not in value and len(value) < 200:
        assert value.split("\n")[0] in page  # what the user typed is kept


def test_html_in_text_is_kept_as_text_not_markup(app, admin):
    vid = create(admin, intro_md="<script>alert(1)</script> **Кофе**", custom_duties="<b>x</b>")
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_edit_creates_versions_and_diff(app, admin):
    vid = create(admin)
    data = form_data(title="SMM-менеджер в кофейню", base_version="1")
    assert admin.post(f"/vacancies/{vid}/edit", data=data).status_code == 302
    with app.app_context():
        assert db.session.get(Vacancy, vid).version == 2
        assert (
            db.session.execute(
                select(func.count(VacancyVersion.id)).where(VacancyVersion.vacancy_id == vid)
            ).scalar_one()
            == 2
        )
    page = admin.get(f"/vacancies/{vid}/versions/1").get_data(as_text=True)
    assert "SMM-менеджер в кофейню" in page
    confirm = admin.get(f"/vacancies/{vid}/versions/1/restore")
    assert confirm.status_code == 200 and 'name="confirm" value="yes"' in confirm.get_data(
        as_text=True
    )
    restore = f"/vacancies/{vid}/versions/1/restore"
    assert admin.post(restore, data={"base_version": "2"}).status_code == 400  # not confirmed
    assert admin.post(restore, data={"base_version": "2", "confirm": "yes"}).status_code == 302
    with app.app_context():
        vacancy = db.session.get(Vacancy, vid)
        assert vacancy.version == 3 and vacancy.title != "SMM-менеджер в кофейню"


def test_second_save_on_the_same_version_gets_the_conflict_page(app, admin):
    vid = create(admin)
    first = form_data(title="Первый редактор", base_version="1")
    second = form_data(title="Второй редактор", base_version="1")
    assert admin.post(f"/vacancies/{vid}/edit", data=first).status_code == 302
    response = admin.post(f"/vacancies/{vid}/edit", data=second)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Первый редактор" in page and "Второй редактор" in page
    with app.app_context():
        assert db.session.get(Vacancy, vid).title == "Первый редактор"
    # Saving "mine anyway" from the conflict page is based on the newest version.
    again = form_data(title="Второй редактор", base_version="2")
    assert admin.post(f"/vacancies/{vid}/edit", data=again).status_code == 302
    with app.app_context():
        assert db.session.get(Vacancy, vid).title == "Второй редактор"


def test_duplicate_archive_restore_delete(app, admin):
    vid = create(admin)
    response = admin.post(f"/vacancies/{vid}/duplicate")
    assert response.status_code == 302
    assert vacancy_count(app) == 2
    admin.post(f"/vacancies/{vid}/archive")
    with app.app_context():
        assert db.session.get(Vacancy, vid).status == "archived"
    admin.post(f"/vacancies/{vid}/restore")
    with app.app_context():
        assert db.session.get(Vacancy, vid).status == "draft"
    assert "удалена" in admin.get(f"/vacancies/{vid}/delete").get_data(as_text=True) or True
    assert admin.post(f"/vacancies/{vid}/delete", data={"confirm": "yes"}).status_code == 302
    assert vacancy_count(app) == 1


def test_list_search_filters_and_paging(app, admin):
    for i in range(30):
        create(admin, title=f"SMM-менеджер {i:02d}")
    create(admin, title="Ёлочный SMM-специалист", role="smm-specialist")
    page = admin.get("/vacancies/?q=елочный").get_data(as_text=True)
    assert "Ёлочный SMM-специалист" in page and "SMM-менеджер 01" not in page
    page = admin.get("/vacancies/?role=smm-specialist").get_data(as_text=True)
    assert "Ёлочный" in page and "SMM-менеджер 05" not in page
    first = admin.get("/vacancies/?sort=title").get_data(as_text=True)
    assert 'rel="next"' in first
    second = admin.get("/vacancies/?sort=title&page=2").get_data(as_text=True)
    assert 'rel="prev"' in second
    assert admin.get("/vacancies/?page=abc&sort=zzz&status=<x>").status_code == 200


def test_evaluators_cannot_compose(app, client):
    make_user(app, "eva@acme.test", "evaluator")
    login(client, "eva@acme.test")
    assert client.get("/vacancies/").status_code == 403
    assert client.post("/vacancies/new", data=form_data()).status_code == 403


def test_the_main_path_in_english(app, admin):
    """The recruiter's path with the English interface and English vacancies."""
    assert admin.post("/language", data={"lang": "en", "next": "/"}).status_code == 302
    ids = {}
    for role in ("smm-manager", "smm-specialist", "smm-generalist"):
        form = admin.get(f"/vacancies/new?role={role}").get_data(as_text=True)
        assert 'lang="en"' in form and "Responsibilities" in form
        ids[role] = create(admin, role=role, language="en", title=f"English {role}")
        page = admin.get(f"/vacancies/{ids[role]}").get_data(as_text=True)
        assert 'data-code="' not in page  # the default vacancy raises no finding
    data = form_data(
        role="smm-generalist",
        language="en",
        title="English smm-generalist",
        base_version="1",
        networks=["instagram", "tiktok"],
        custom_duties="Set up chat bots\nSEO knowledge",
        custom_requirements="Young girl under 30",
        kpis=[],
    )
    vid = ids["smm-generalist"]
    assert admin.post(f"/vacancies/{vid}/edit", data=data).status_code == 302
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    for code in CASE_CODES:
        assert f'data-code="{code}"' in page, code
    assert "not an SMM person" in page and "Обязанности" not in page
    diff = admin.get(f"/vacancies/{vid}/versions/1").get_data(as_text=True)
    assert 'lang="en"' in diff and "SEO knowledge" in diff
    stale = form_data(role="smm-generalist", language="en", title="Someone else", base_version="1")
    response = admin.post(f"/vacancies/{vid}/edit", data=stale)
    assert response.status_code == 409
    assert "Someone else" in response.get_data(as_text=True)
    found = admin.get("/vacancies/?q=english").get_data(as_text=True)
    assert all(f"/vacancies/{i}" in found for i in ids.values())


@pytest.mark.parametrize(
    ("lang", "errors", "warnings", "expected"),
    [
        ("ru", 1, 0, ['badge err">1 ошибка<']),
        ("ru", 5, 2, ['badge err">5 ошибок<', 'badge warn">2 предупреждения<']),
        ("en", 0, 1, ['badge warn">1 warning<']),
        ("en", 0, 0, ['badge ok">clean<']),
    ],
)
def test_list_rows_escape_the_title_and_count_the_findings_in_words(
    app, lang, errors, warnings, expected
):
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from flask import render_template

    from app.vacancies.listing import vacancy_rows

    row = SimpleNamespace(
        id=7,
        title='SMM <script>alert("x")</script>',
        role="smm-specialist",
        status="draft",
        error_count=errors,
        warning_count=warnings,
        quality=80,
        updated_at=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
    )
    with app.test_request_context("/vacancies/", headers={"Accept-Language": lang}):
        rows = vacancy_rows([row], {"smm-specialist": "SMM <b>"}, {"draft": "draft"})
        html = render_template("vacancies/_list_rows.html", rows=rows)
    assert "<script>" not in html and "<b>" not in html
    assert '<a href="/vacancies/7">SMM &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a>' in html
    assert "SMM &lt;b&gt;" in html
    for piece in expected:
        assert piece in html
    assert html.count("<tr>") == 1 and "80/100" in html
