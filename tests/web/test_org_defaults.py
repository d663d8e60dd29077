"""Organization vacancy defaults: set once in the settings, pre-filled into new vacancies."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from app.accounts.models import AuditEvent, Organization
from app.domain.vacancies.validation import MAX_LOCATION, MAX_MARKDOWN
from app.extensions import db
from app.vacancies import service
from app.vacancies.models import Vacancy
from tests.conftest import login, make_user
from tests.web.vacancy_helpers import form_data

DEFAULTS = {
    "defaults-intro_md": "«Ромашка» — **сеть из 12 кофеен** в Казани.",
    "defaults-conditions_md": "- ДМС после испытательного срока\n- Обучение за счёт компании",
    "defaults-apply_md": "Пишите на hr@romashka.test с темой «SMM».",
    "defaults-city": "Казань",
    "defaults-address": "ул. Баумана, 12",
    "defaults-workplace": "hybrid",
}
URL = "/admin/organization/vacancy-defaults"


def stored(app, name: str = "Acme") -> dict[str, str]:
    with app.app_context():
        org = db.session.execute(select(Organization).where(Organization.name == name)).scalar_one()
        return {
            key: getattr(org, f"vacancy_{key}")
            for key in ("intro_md", "conditions_md", "apply_md", "city", "address", "workplace")
        }


def textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    assert match, name
    return html.unescape(match.group(1))


def input_value(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert tag, name
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


def selected(page: str, name: str) -> str:
    select_html = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select_html, name
    option = re.search(
        r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select_html.group(1)
    )
    return (option.group(1) or option.group(2)) if option else ""


def test_defaults_are_saved_and_prefill_a_new_vacancy(app, admin):
    page = admin.get("/admin/organization").get_data(as_text=True)
    assert (
        'id="vacancy-defaults"' in page and 'action="/admin/organization/vacancy-defaults"' in page
    )
    response = admin.post(URL, data=DEFAULTS)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/organization#vacancy-defaults")
    assert stored(app) == {key.removeprefix("defaults-"): value for key, value in DEFAULTS.items()}
    page = admin.get("/admin/organization").get_data(as_text=True)
    assert textarea(page, "defaults-intro_md") == DEFAULTS["defaults-intro_md"]
    assert input_value(page, "defaults-address") == "ул. Баумана, 12"
    with app.app_context():
        events = (
            db.session.execute(
                select(AuditEvent).where(
                    AuditEvent.action == "organization-vacancy-defaults-changed"
                )
            )
            .scalars()
            .all()
        )
        assert len(events) == 1

    form = admin.get("/vacancies/new").get_data(as_text=True)
    assert textarea(form, "intro_md") == DEFAULTS["defaults-intro_md"]
    assert textarea(form, "conditions_md") == DEFAULTS["defaults-conditions_md"]
    assert textarea(form, "apply_md") == DEFAULTS["defaults-apply_md"]
    assert input_value(form, "location") == "Казань, ул. Баумана, 12"
    assert selected(form, "workplace") == "hybrid"


def test_a_vacancy_can_change_the_defaults_and_saved_ones_keep_their_text(app, admin):
    before = admin.post("/vacancies/new", data=form_data())
    assert before.status_code == 302
    old_id = int(re.search(r"/vacancies/(\d+)", before.headers["Location"]).group(1))
    assert admin.post(URL, data=DEFAULTS).status_code == 302

    own = form_data(
        intro_md="Другая компания группы.", location="Москва", workplace="office", apply_md=""
    )
    response = admin.post("/vacancies/new", data=own)
    assert response.status_code == 302
    new_id = int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))
    with app.app_context():
        new = service.current_draft(db.session.get(Vacancy, new_id))
        assert (new.intro_md, new.location, new.workplace) == (
            "Другая компания группы.",
            "Москва",
            "office",
        )
        assert new.apply_md == ""  # cleared on purpose, not refilled from the defaults
        old = service.current_draft(db.session.get(Vacancy, old_id))
        assert old.intro_md == form_data()["intro_md"] and old.location == "Казань"
    # Editing an existing vacancy shows its own text, not the defaults.
    page = admin.get(f"/vacancies/{old_id}/edit").get_data(as_text=True)
    assert textarea(page, "intro_md") == form_data()["intro_md"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("defaults-intro_md", "x" * (MAX_MARKDOWN + 1), "Сократите до 5"),
        ("defaults-apply_md", "Пишите\x07 нам", "управляющие символы"),
        ("defaults-city", "К" * (MAX_LOCATION + 1), "Сократите до 120"),
        ("defaults-address", "а" * 115, "Сократите адрес"),
        ("defaults-workplace", "moon", "Выберите значение из списка"),
    ],
)
def test_bad_input_is_kept_with_a_message_and_nothing_is_stored(app, admin, field, value, message):
    assert admin.post(URL, data=DEFAULTS).status_code == 302
    response = admin.post(URL, data={**DEFAULTS, "defaults-city": "Самара", field: value})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    error = re.search(rf'id="{field}-error">(.*?)</p>', page, re.S)
    assert error and message in html.unescape(error.group(1)), page[-3000:]
    # What was typed comes back; nothing of this submission is stored, not even the city.
    assert input_value(page, "defaults-city") == (value if field == "defaults-city" else "Самара")
    assert stored(app)["city"] == "Казань"
    assert stored(app)["intro_md"] == DEFAULTS["defaults-intro_md"]


def test_office_work_needs_a_city_or_address_in_english(app, admin):
    assert admin.post("/language", data={"lang": "en"}).status_code == 302
    data = {**DEFAULTS, "defaults-city": "", "defaults-address": "", "defaults-workplace": "office"}
    response = admin.post(URL, data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    error = re.search(r'id="defaults-city-error">(.*?)</p>', page, re.S)
    assert error and "on-site and hybrid jobs need one" in html.unescape(error.group(1))
    assert "Vacancy defaults" in page
    # Remote work needs no place; empty defaults are a valid choice too.
    response = admin.post(URL, data={**data, "defaults-workplace": "remote"})
    assert response.status_code == 302
    assert stored(app)["workplace"] == "remote" and stored(app)["city"] == ""


def test_without_defaults_the_form_is_as_before(app, admin):
    form = admin.get("/vacancies/new").get_data(as_text=True)
    assert textarea(form, "intro_md") == ""
    assert selected(form, "workplace") == "office"


def test_defaults_belong_to_one_organization(app, admin, client):
    assert admin.post(URL, data=DEFAULTS).status_code == 302
    admin.post("/logout")
    make_user(app, "admin@other.test", "admin", "Other")
    assert login(client, "admin@other.test").status_code == 302
    form = client.get("/vacancies/new").get_data(as_text=True)
    assert "Ромашка" not in form and textarea(form, "intro_md") == ""
    assert "Ромашка" not in client.get("/admin/organization").get_data(as_text=True)
    assert client.post(URL, data={**DEFAULTS, "defaults-city": "Омск"}).status_code == 302
    assert stored(app, "Other")["city"] == "Омск"
    assert stored(app, "Acme")["city"] == "Казань"


def test_only_admins_set_defaults(app, client):
    make_user(app, "rec@acme.test", "recruiter", "Acme")
    assert login(client, "rec@acme.test").status_code == 302
    assert client.post(URL, data=DEFAULTS).status_code in (403, 404)
    assert stored(app)["city"] == ""


def test_defaults_travel_with_the_organization_backup(app, admin):
    from app.backup.export import export_organization
    from app.backup.importer import import_organization

    assert admin.post(URL, data=DEFAULTS).status_code == 302
    with app.app_context():
        org_id = db.session.execute(
            select(Organization.id).where(Organization.name == "Acme")
        ).scalar_one()
        document = export_organization(org_id)
        document = {**document, "users": [], "audit_events": []}  # one organization per address
        assert document["organization"]["vacancy_address"] == "ул. Баумана, 12"
        import_organization(document, rename="Acme copy")
        # A file made before the defaults existed still imports, without defaults.
        for key in [k for k in document["organization"] if k.startswith("vacancy_")]:
            del document["organization"][key]
        import_organization(document, rename="Acme old")
        db.session.commit()
    assert stored(app, "Acme copy") == stored(app, "Acme")
    assert set(stored(app, "Acme old").values()) == {""}


def test_the_api_fills_what_the_body_leaves_out_from_the_defaults(app, admin, client):
    from tests.web.api_helpers import bearer, token_for

    assert admin.post(URL, data=DEFAULTS).status_code == 302
    headers = bearer(token_for(app, "api@acme.test", "recruiter"))
    body = {"title": "SMM-специалист", "role": "smm-specialist", "apply_md": "Только в Telegram."}
    response = client.post("/api/v1/vacancies", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    draft = response.get_json()
    assert draft["intro_md"] == DEFAULTS["defaults-intro_md"]
    assert draft["conditions_md"] == DEFAULTS["defaults-conditions_md"]
    assert draft["apply_md"] == "Только в Telegram."  # sent: kept
    assert draft["location"] == "Казань, ул. Баумана, 12"
    assert draft["workplace"] == "hybrid"
    # Sent as empty, a field stays empty; an update never takes the defaults.
    body = {**body, "intro_md": "", "location": "Москва", "workplace": "office"}
    created = client.post("/api/v1/vacancies", json=body, headers=headers).get_json()
    assert (created["intro_md"], created["location"], created["workplace"]) == (
        "",
        "Москва",
        "office",
    )
    changed = client.put(
        f"/api/v1/vacancies/{created['id']}",
        json={"title": "SMM-специалист 2", "version": created["version"]},
        headers=headers,
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["intro_md"] == ""
