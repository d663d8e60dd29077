"""Catalog pages: browse, search and filter, compare the roles, exclusions, overrides."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.catalog.models import CatalogOverride
from app.extensions import db
from tests.conftest import login, make_user

PAGES = [
    "/catalog/",
    "/catalog/compare",
    "/catalog/exclusions",
    "/catalog/overrides",
    "/catalog/items/duties/content-plan",
    "/catalog/items/exclusions/seo",
    "/catalog/items/kpis/leads",
    "/catalog/items/trial_tasks/run-customer-poll",
]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_both_languages(admin, path, lang):
    response = admin.get(path, headers={"Accept-Language": lang})
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.get_data(as_text=True)


# One override of each kind, as the catalog pages post them (also used by the backup tests).
ADD_DUTY = {
    "add-kind": "duty",
    "add-text_ru": "Вести корпоративный блог на VC.ru",
    "add-text_en": "Run the company blog on VC.ru",
    "add-category": "content",
    "add-roles": ["smm-manager"],
    "add-direction": "higher",
}
REWORD_DUTY = {
    "reword-kind": "duty",
    "reword-item_id": "content-plan",
    "reword-text_ru": "Готовить контент-план на месяц",
    "reword-text_en": "",
}
HIDE_SKILL = {"hide-kind": "skill", "hide-item_id": "psychology"}


def test_search_and_filters(admin):
    page = admin.get("/catalog/?q=контент-план").get_data(as_text=True)
    assert "content-plan" in page or "Контент-план" in page or "контент-план" in page
    seo = admin.get("/catalog/?kind=exclusions&q=seo").get_data(as_text=True)
    assert "/catalog/items/exclusions/seo" in seo
    generalist = admin.get("/catalog/?role=smm-generalist&kind=duties").get_data(as_text=True)
    assert "/catalog/items/duties/manage-team" not in generalist
    assert admin.get("/catalog/?kind=<script>&network=x").status_code == 200
    assert admin.get("/catalog/items/duties/no-such").status_code == 404


def test_compare_explains_the_roles(admin):
    page = admin.get("/catalog/compare").get_data(as_text=True)
    for title in ("SMM-менеджер", "SMM-специалист", "SMM-менеджер небольшого проекта"):
        assert title in page
    assert "соцсеть" in page


def test_exclusions_show_who_does_it_instead(admin):
    page = admin.get("/catalog/exclusions").get_data(as_text=True)
    for exclusion in (
        "email-newsletters",
        "photo-video-shoots",
        "seo",
        "product-cards",
        "press-articles",
        "website-moderation",
        "chat-bots",
    ):
        assert f'id="{exclusion}"' in page
    assert "SEO-специалист" in page


def test_overrides_add_reword_hide_and_undo(app, admin):
    response = admin.post(
        "/catalog/overrides/add",
        data=ADD_DUTY,
    )
    assert response.status_code == 302
    page = admin.get("/vacancies/new?role=smm-manager").get_data(as_text=True)
    assert "Вести корпоративный блог на VC.ru" in page
    admin.post(
        "/catalog/overrides/reword",
        data=REWORD_DUTY,
    )
    admin.post("/catalog/overrides/hide", data=HIDE_SKILL)
    page = admin.get("/vacancies/new?role=smm-manager").get_data(as_text=True)
    assert "Готовить контент-план на месяц" in page
    assert 'value="psychology"' not in page
    with app.app_context():
        rows = db.session.execute(select(CatalogOverride)).scalars().all()
        assert len(rows) == 3
        hide_id = next(r.id for r in rows if r.action == "hide")
    admin.post(f"/catalog/overrides/{hide_id}/delete")
    assert 'value="psychology"' in admin.get("/vacancies/new?role=smm-manager").get_data(
        as_text=True
    )


def test_bad_override_is_an_error_beside_the_form_and_stores_nothing(app, admin):
    response = admin.post(
        "/catalog/overrides/add",
        data={
            "add-kind": "kpi",
            "add-text_ru": "Подписки",
            "add-text_en": "Subscriptions",
        },
    )
    assert response.status_code == 422
    assert "KPI" in response.get_data(as_text=True)
    response = admin.post(
        "/catalog/overrides/hide", data={"hide-kind": "duty", "hide-item_id": "no-such-duty"}
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.execute(select(CatalogOverride)).scalars().all() == []


def test_override_of_an_item_removed_from_the_yaml_is_reported_not_a_crash(app, admin):
    with app.app_context():
        from app.accounts.models import Organization

        org = db.session.execute(select(Organization)).scalar_one()
        db.session.add(
            CatalogOverride(
                organization_id=org.id,
                kind="duty",
                action="reword",
                item_id="retired-duty",
                data={"text_ru": "Старое"},
            )
        )
        org.catalog_version += 1
        db.session.commit()
    page = admin.get("/catalog/overrides").get_data(as_text=True)
    assert "retired-duty" in page and "badge err" in page
    assert admin.get("/vacancies/new").status_code == 200


def test_evaluators_browse_but_cannot_change(app, client):
    make_user(app, "eva@acme.test", "evaluator")
    login(client, "eva@acme.test")
    assert client.get("/catalog/").status_code == 200
    assert client.get("/catalog/overrides").status_code == 403
    assert client.post("/catalog/overrides/hide", data={}).status_code == 403


@pytest.mark.parametrize("target", ["sNaN", "-sNaN", "NaN", "Infinity"])
def test_kpi_target_that_is_not_a_number_is_refused(app, admin, target):
    # Found by the form fuzz: Decimal("sNaN") broke the range check (500).
    response = admin.post(
        "/catalog/overrides/add",
        data={
            "add-kind": "kpi",
            "add-text_ru": "Подписки",
            "add-text_en": "Subscriptions",
            "add-unit_ru": "шт.",
            "add-unit_en": "pcs",
            "add-direction": "higher",
            "add-default_target": target,
        },
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.execute(select(CatalogOverride)).scalars().all() == []


def test_an_organization_adds_its_own_words_to_an_exclusion(app, admin):
    from app.accounts.models import Organization
    from app.catalog.service import catalog_for
    from app.extensions import db

    line = "Вёрстка писем в Фабрике рассылок"
    page = admin.get("/catalog/overrides").get_data(as_text=True)
    assert 'action="/catalog/overrides/extend"' in page
    # A word of one letter is refused beside the field, what was typed is kept.
    bad = admin.post(
        "/catalog/overrides/extend",
        data={"extend-item_id": "email-newsletters", "extend-terms": "ф"},
    )
    assert bad.status_code == 422
    assert "от двух букв" in bad.get_data(as_text=True)
    good = admin.post(
        "/catalog/overrides/extend",
        data={"extend-item_id": "email-newsletters", "extend-terms": "фабрика рассылок\n"},
    )
    assert good.status_code == 302
    with app.app_context():
        org = db.session.execute(db.select(Organization)).scalars().first()
        found = catalog_for(org).exclusion_spans(line)
        assert [e.id for e, _, _ in found] == ["email-newsletters"]
    listed = admin.get("/catalog/overrides").get_data(as_text=True)
    assert "фабрика рассылок" in listed and "Добавлены свои слова" in listed
