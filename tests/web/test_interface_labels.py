"""The interface names things in words: no raw codes for audit events, checks or choices;
numbers in the interface language's format; the role's own scale; items picked by name."""

from __future__ import annotations

import re
from pathlib import Path

from app.admin.labels import EVENT_LABELS
from app.domain.vacancies.quality import PENALTIES
from app.vacancies.labels import FINDING_LABELS
from tests.conftest import make_user
from tests.web.vacancy_helpers import form_data

ROOT = Path(__file__).resolve().parents[2]
AUDIT_CALL = re.compile(r"audit\(\s*\"([a-z0-9-]+)\"")


def audit_actions_in_the_code() -> set[str]:
    actions = set()
    for path in (ROOT / "app").rglob("*.py"):
        actions |= set(AUDIT_CALL.findall(path.read_text(encoding="utf-8")))
    return actions


def test_every_audit_event_the_code_records_has_a_label():
    actions = audit_actions_in_the_code()
    assert len(actions) >= 20, actions
    assert actions <= set(EVENT_LABELS), sorted(actions - set(EVENT_LABELS))


def test_every_finding_code_has_a_label():
    codes = set(PENALTIES) | {"discriminatory-wording", "quality"}
    assert codes <= set(FINDING_LABELS), sorted(codes - set(FINDING_LABELS))


def test_audit_log_shows_events_and_roles_in_words(app, admin):
    uid = make_user(app, "rec@acme.test", "recruiter")
    admin.post(f"/admin/users/{uid}", data={"name": "R", "role": "evaluator", "active": "y"})
    page = admin.get("/admin/audit").get_data(as_text=True)
    table = page[page.index("<table") :]
    assert "Роль изменена" in table and "Оценщик" in table
    assert "role-changed" not in table and "evaluator" not in table
    # The filter lists events by name, keeps the code as the value.
    assert re.search(r'<option value="role-changed"[^>]*>Роль изменена</option>', page)


def _create(admin, **fields) -> int:
    response = admin.post("/vacancies/new", data=form_data(**fields))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_version_comparison_shows_choices_and_amounts_in_words(app, admin):
    vid = _create(admin, workplace="office", salary_from="80000")
    data = form_data(workplace="hybrid", salary_from="95000", base_version="1")
    assert admin.post(f"/vacancies/{vid}/edit", data=data).status_code == 302
    page = admin.get(f"/vacancies/{vid}/versions/1").get_data(as_text=True)
    diff = page[page.index('class="diff"') :]
    assert "Гибрид" in diff and "Офис" in diff
    assert ">hybrid<" not in diff and ">office<" not in diff
    assert "95\u00a0000" in diff and "80\u00a0000" in diff


def test_composer_findings_are_labelled_not_coded(app, admin):
    page = admin.get("/vacancies/new?role=smm-manager").get_data(as_text=True)
    panel = page[page.index('id="findings"') :]
    assert "missing-section" not in re.sub(r'data-code="[^"]*"', "", panel)
    assert "Нет раздела" in panel or "Нет зарплаты" in panel


def test_the_one_person_role_opens_on_the_small_scale(app, admin):
    page = admin.get("/vacancies/new?role=smm-generalist").get_data(as_text=True)
    assert re.search(
        r'<input[^>]*checked[^>]*value="small"|<input[^>]*value="small"[^>]*checked', page
    )
    page = admin.get("/vacancies/new?role=smm-manager").get_data(as_text=True)
    assert re.search(
        r'<input[^>]*checked[^>]*value="large"|<input[^>]*value="large"[^>]*checked', page
    )
    # An explicit scale still wins.
    page = admin.get("/vacancies/new?role=smm-generalist&scale=large").get_data(as_text=True)
    assert re.search(
        r'<input[^>]*checked[^>]*value="large"|<input[^>]*value="large"[^>]*checked', page
    )


def test_comparison_lists_agree_with_the_defaults_table(app, admin):
    from app.accounts.models import Organization
    from app.catalog.service import catalog_for
    from app.domain.catalog.browse import compare_roles
    from app.extensions import db

    with app.app_context():
        catalog = catalog_for(db.session.query(Organization).one())
        cmp = compare_roles(catalog)
        assert cmp.shared_duties
        for duty in cmp.shared_duties:
            assert all(duty.id in d.duties for d in cmp.defaults.values()), duty.id
        for role_id, duties in cmp.only_duties.items():
            for duty in duties:
                having = [r for r, d in cmp.defaults.items() if duty.id in d.duties]
                assert having == [role_id], (duty.id, having)
    page = admin.get("/catalog/compare").get_data(as_text=True)
    assert "небольшой проект" in page


def test_override_editor_picks_items_by_name(app, admin):
    page = admin.get("/catalog/overrides").get_data(as_text=True)
    assert "«content-plan»" not in page
    assert re.search(r'<option value="duty:content-plan">[^<]*[А-Яа-я]', page)
    response = admin.post(
        "/catalog/overrides/reword",
        data={"reword-item_id": "duty:content-plan", "reword-text_ru": "Свой контент-план"},
    )
    assert response.status_code == 302
    compose = admin.get("/vacancies/new?role=smm-manager").get_data(as_text=True)
    assert "Свой контент-план" in compose
