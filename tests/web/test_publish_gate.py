"""The publish gate as a state rule: a published vacancy never shows text with errors.

Every path that changes a published vacancy's content is tried with the blocking line
«Требуется девушка до 30 лет»: the web editor, restoring a version (web), the API update,
an import, and a catalog change of the organization."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from dataclasses import replace

from sqlalchemy import select

from app.accounts.models import AuditEvent, Organization
from app.backup.export import export_organization
from app.backup.importer import import_organization
from app.catalog.service import catalog_for
from app.extensions import db
from app.vacancies import service
from app.vacancies.models import Vacancy, VacancyVersion
from tests.web.api_helpers import bearer, create_vacancy, token_for
from tests.web.vacancy_helpers import form_data

BLOCKING = "Требуется девушка до 30 лет"


def create(admin, **overrides) -> int:
    response = admin.post("/vacancies/new", data=form_data(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


def published(app, admin) -> int:
    vid = create(admin)
    assert admin.post(f"/vacancies/{vid}/publish").status_code == 302
    with app.app_context():
        assert db.session.get(Vacancy, vid).status == "published"
    return vid


def stored(app, vid: int) -> tuple[str, int, list[str]]:
    with app.app_context():
        vacancy = db.session.get(Vacancy, vid)
        return vacancy.status, vacancy.version, list(vacancy.data["custom_requirements"])


def has_blockers(app, vid: int) -> bool:
    with app.app_context():
        vacancy = db.session.get(Vacancy, vid)
        org = db.session.get(Organization, vacancy.organization_id)
        return bool(service.blocking_findings(catalog_for(org), service.current_draft(vacancy)))


def blocking_message(app) -> str:
    """What the checks say about BLOCKING as a custom requirement, in Russian (rendered
    through the app's catalog, as pages do)."""
    from app.domain.vacancies.checks import check_vacancy, publish_blockers
    from app.domain.vacancies.compose import default_draft
    from tests.web.vacancy_helpers import CATALOG

    draft = replace(default_draft(CATALOG, "smm-manager"), custom_requirements=(BLOCKING,))
    [finding] = publish_blockers(check_vacancy(CATALOG, draft))
    with app.test_request_context():
        return finding.message.get("ru")


def blocking_edit(base: int) -> dict:
    return form_data(base_version=str(base), custom_requirements=BLOCKING)


# --- web editor -------------------------------------------------------------------------


def test_web_edit_of_a_published_vacancy_with_a_blocking_line_is_refused_and_kept(app, admin):
    vid = published(app, admin)
    data = form_data(base_version="1", custom_requirements=BLOCKING, title="Новый заголовок")
    response = admin.post(f"/vacancies/{vid}/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert stored(app, vid) == ("published", 1, [])  # nothing stored
    # The user's values are kept, and the finding stands beside its field.
    assert BLOCKING in page and "Новый заголовок" in page
    error = re.search(r'<p class="error" id="custom_requirements-error">(.*?)</p>', page, re.S)
    assert error, page[:3000]
    assert blocking_message(app) in html.unescape(error.group(1))
    assert "опубликована" in page  # why nothing was saved


def test_web_edit_of_a_draft_with_a_blocking_line_is_stored(app, admin):
    vid = create(admin)
    data = form_data(base_version="1", custom_requirements=BLOCKING)
    assert admin.post(f"/vacancies/{vid}/edit", data=data).status_code == 302
    assert stored(app, vid) == ("draft", 2, [BLOCKING])


def test_web_edit_of_a_published_vacancy_without_errors_is_stored(app, admin):
    vid = published(app, admin)
    data = form_data(base_version="1", custom_requirements="Опыт работы с VK Рекламой")
    assert admin.post(f"/vacancies/{vid}/edit", data=data).status_code == 302
    assert stored(app, vid) == ("published", 2, ["Опыт работы с VK Рекламой"])


# --- restoring a version ----------------------------------------------------------------


def blocked_old_version(app, admin) -> int:
    """A published vacancy whose version 2 (a draft then) had the blocking line."""
    vid = create(admin)
    admin.post(
        f"/vacancies/{vid}/edit", data=form_data(base_version="1", custom_requirements=BLOCKING)
    )
    admin.post(f"/vacancies/{vid}/edit", data=form_data(base_version="2"))
    assert admin.post(f"/vacancies/{vid}/publish").status_code == 302
    assert stored(app, vid) == ("published", 3, [])
    return vid


def test_restoring_a_version_with_errors_into_a_published_vacancy_is_refused(app, admin):
    vid = blocked_old_version(app, admin)
    confirm = admin.get(f"/vacancies/{vid}/versions/2/restore")
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200
    assert 'id="restore-blocked"' in page and 'data-code="discriminatory-requirement"' in page
    assert 'name="confirm"' not in page  # nothing to confirm
    response = admin.post(
        f"/vacancies/{vid}/versions/2/restore", data={"base_version": "3", "confirm": "yes"}
    )
    assert response.status_code == 422
    assert 'id="restore-blocked"' in response.get_data(as_text=True)
    assert stored(app, vid) == ("published", 3, [])


def test_restoring_asks_for_confirmation_with_a_post_form(app, admin):
    vid = blocked_old_version(app, admin)
    admin.post(f"/vacancies/{vid}/restore")  # back to draft: now version 2 may come back
    page = admin.get(f"/vacancies/{vid}/versions/2/restore").get_data(as_text=True)
    assert re.search(r'<form method="post" action="/vacancies/\d+/versions/2/restore">', page)
    assert 'name="csrf_token"' in page and 'name="confirm" value="yes"' in page
    url = f"/vacancies/{vid}/versions/2/restore"
    assert admin.post(url, data={"base_version": "3"}).status_code == 400
    assert stored(app, vid) == ("draft", 3, [])
    assert admin.post(url, data={"base_version": "3", "confirm": "yes"}).status_code == 302
    assert stored(app, vid) == ("draft", 4, [BLOCKING])


def test_restore_confirmation_page_needs_a_csrf_token(app, admin):
    vid = blocked_old_version(app, admin)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = admin.post(
            f"/vacancies/{vid}/versions/1/restore", data={"base_version": "3", "confirm": "yes"}
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert stored(app, vid)[1] == 3


# --- API --------------------------------------------------------------------------------


def test_api_update_of_a_published_vacancy_with_a_blocking_line_is_a_422(app, client):
    headers = bearer(token_for(app, "api@acme.test"))
    vacancy = create_vacancy(client, headers)
    url = f"/api/v1/vacancies/{vacancy['id']}"
    assert client.post(f"{url}/publish", headers=headers).status_code == 200
    body = {"version": 1, "custom": {"requirements": [BLOCKING]}}
    response = client.put(url, json=body, headers=headers)
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "published_content_blocked"
    # The custom requirement's field, with the line's index once findings carry it.
    assert error["fields"] and all(
        re.fullmatch(r"custom\.requirements(\.0)?", name) for name in error["fields"]
    ), error
    assert all(m for messages in error["fields"].values() for m in messages)
    assert stored(app, vacancy["id"]) == ("published", 1, [])
    # As a draft, the same change is stored (and publishing it is refused).
    assert client.post(f"{url}/restore", headers=headers).status_code == 200
    assert client.put(url, json=body, headers=headers).status_code == 200
    assert client.post(f"{url}/publish", headers=headers).status_code == 409
    assert stored(app, vacancy["id"]) == ("draft", 2, [BLOCKING])


def test_api_update_answers_in_english_when_asked(app, client):
    headers = bearer(token_for(app, "api@acme.test"))
    vacancy = create_vacancy(client, headers)
    url = f"/api/v1/vacancies/{vacancy['id']}"
    client.post(f"{url}/publish", headers=headers)
    body = {"version": 1, "title": "SMM manager, girls under 30 only", "language": "en"}
    response = client.put(url, json=body, headers={**headers, "Accept-Language": "en"})
    assert response.status_code == 422
    assert "published" in response.get_json()["error"]["message"]


# --- import -----------------------------------------------------------------------------


def test_import_brings_a_published_vacancy_with_errors_in_as_a_draft(app, admin):
    clean = published(app, admin)
    dirty = published(app, admin)
    with app.app_context():
        org = db.session.get(Organization, db.session.get(Vacancy, clean).organization_id)
        document = export_organization(org.id, with_password_hashes=False)
    for record in document["vacancies"]:
        assert record["status"] == "published"
        if record["id"] == dirty:
            record["data"]["custom_requirements"] = [BLOCKING]
            record["versions"][-1]["data"]["custom_requirements"] = [BLOCKING]
    document = json.loads(json.dumps(document).replace("@acme.test", "@copy.test"))
    with app.app_context():
        result = import_organization(document, rename="Acme copy")
        db.session.commit()
        new_clean = result.ids["vacancies"][clean]
        new_dirty = result.ids["vacancies"][dirty]
        assert result.unpublished == [new_dirty]
        assert db.session.get(Vacancy, new_clean).status == "published"
        assert db.session.get(Vacancy, new_dirty).status == "draft"
        event = db.session.execute(
            select(AuditEvent).where(AuditEvent.action == service.WITHDRAWN)
        ).scalar_one()
        assert event.detail["vacancy_id"] == new_dirty and event.detail["reason"] == "import"
        assert event.detail["codes"] == ["discriminatory-requirement"]


# --- catalog changes --------------------------------------------------------------------


def reword(admin, item_id: str, text_ru: str):
    return admin.post(
        "/catalog/overrides/reword",
        data={
            "reword-kind": "requirement",
            "reword-item_id": item_id,
            "reword-text_ru": text_ru,
            "reword-text_en": "",
        },
    )


def test_a_catalog_change_that_makes_a_published_vacancy_blocking_takes_it_off(app, admin):
    vid = published(app, admin)
    other = create(admin, requirements=[])  # does not use the item: stays as it is
    admin.post(f"/vacancies/{other}/publish")
    item_id = form_data()["requirements"][0]
    response = reword(admin, item_id, BLOCKING)
    assert response.status_code == 302
    flashed = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "черновик" in flashed.lower()
    assert stored(app, vid)[0] == "draft" and stored(app, other)[0] == "published"
    with app.app_context():
        [event] = db.session.execute(
            select(AuditEvent).where(AuditEvent.action == service.WITHDRAWN)
        ).scalars()
        assert event.detail["vacancy_id"] == vid and event.detail["reason"] == "catalog"
        assert event.user_id is not None
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    banner = re.search(
        r'<div class="alert alert-error" role="alert" id="withdrawn">(.*?)</div>', page, re.S
    )
    assert banner, page[:3000]
    assert "каталог" in banner.group(
        1
    ) and 'data-code="discriminatory-requirement"' in banner.group(1)
    assert "application/ld+json" not in page  # no JobPosting for a draft
    # Publishing again is refused until the line is fixed; undoing the change fixes it.
    admin.post(f"/vacancies/{vid}/publish")
    assert stored(app, vid)[0] == "draft"
    with app.app_context():
        from app.catalog.models import CatalogOverride

        row = db.session.execute(select(CatalogOverride)).scalar_one()
    admin.post(f"/catalog/overrides/{row.id}/delete")
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    assert 'id="withdrawn"' in page and 'data-code="discriminatory-requirement"' not in page
    assert admin.post(f"/vacancies/{vid}/publish").status_code == 302
    assert stored(app, vid)[0] == "published"
    assert 'id="withdrawn"' not in admin.get(f"/vacancies/{vid}").get_data(as_text=True)


def test_a_harmless_catalog_change_leaves_published_vacancies_alone(app, admin):
    vid = published(app, admin)
    item_id = form_data()["requirements"][0]
    assert reword(admin, item_id, "Опыт ведения сообществ брендов от года").status_code == 302
    assert stored(app, vid)[0] == "published"
    assert not has_blockers(app, vid)


def test_versions_are_kept_when_a_change_is_refused(app, admin):
    vid = published(app, admin)
    admin.post(
        f"/vacancies/{vid}/edit", data=form_data(base_version="1", custom_requirements=BLOCKING)
    )
    with app.app_context():
        numbers = db.session.execute(
            select(VacancyVersion.number).where(VacancyVersion.vacancy_id == vid)
        ).scalars()
        assert list(numbers) == [1]


def test_a_published_vacancy_whose_findings_changed_under_it_shows_a_banner(app, admin):
    """Text stored before a check existed: the page says so and embeds no JobPosting."""
    vid = published(app, admin)
    assert "application/ld+json" in admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    with app.app_context():
        vacancy = db.session.get(Vacancy, vid)
        vacancy.data = {**vacancy.data, "custom_requirements": [BLOCKING]}
        vacancy.version += 1  # a new cache key for the page, as any stored change gives
        db.session.commit()
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    assert 'id="published-blocked"' in page
    assert "application/ld+json" not in page


def _stored_blocking_line(app, vid: int) -> None:
    """Text stored before a check existed (or before the catalog changed)."""
    with app.app_context():
        vacancy = db.session.get(Vacancy, vid)
        vacancy.data = {**vacancy.data, "custom_requirements": [BLOCKING]}
        vacancy.version += 1
        db.session.commit()


def test_no_file_of_a_published_vacancy_with_errors_is_made(app, admin):
    vid = published(app, admin)
    assert admin.get(f"/vacancies/{vid}/download/md").status_code == 200
    _stored_blocking_line(app, vid)
    for fmt in ("md", "jsonld", "hh", "txt"):
        response = admin.get(f"/vacancies/{vid}/download/{fmt}")
        assert response.status_code == 409, fmt
        assert "Content-Disposition" not in response.headers
        assert "64" in response.get_data(as_text=True)  # the finding: art. 64 of the Code
    # A ZIP leaves it out and says so.
    token = re.search(
        r'name="csrf_token" value="([^"]+)"', admin.get("/vacancies").get_data(as_text=True)
    )
    data = {"format": "md", "ids": [str(vid)]}
    if token:
        data["csrf_token"] = token.group(1)
    job_page = admin.post("/vacancies/download", data=data).headers["Location"]
    archive = admin.get(f"{job_page}/download")
    assert archive.status_code == 200

    names = zipfile.ZipFile(io.BytesIO(archive.data)).namelist()
    assert names == ["not-exported.txt"]


def test_the_api_makes_no_file_of_a_published_vacancy_with_errors(app, client):
    headers = bearer(token_for(app, "api@acme.test"))
    vid = create_vacancy(client, headers)["id"]
    assert client.post(f"/api/v1/vacancies/{vid}/publish", headers=headers).status_code == 200
    _stored_blocking_line(app, vid)
    response = client.get(f"/api/v1/vacancies/{vid}/export?format=md", headers=headers)
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "export_blocked"
    assert error["fields"]
