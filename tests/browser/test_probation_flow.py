"""A recruiter builds a trial plan from a vacancy, an evaluator rates, the verdict appears.

Selectors use names, ids and addresses rather than visible text, so the test reads the
same whichever language the translations are in.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


def seed(app) -> int:
    """A recruiter, an evaluator and a vacancy in one organization; returns the vacancy id."""
    from app.accounts import services
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.domain.vacancies.serialize import draft_to_dict
    from app.extensions import db
    from app.vacancies.models import Vacancy

    with app.app_context():
        org = services.get_or_create_organization("Ромашка")
        services.create_user(org, "hr@romashka.test", PASSWORD, "recruiter", "Ольга Кадрова")
        services.create_user(org, "lead@romashka.test", PASSWORD, "evaluator", "Пётр Оценщиков")
        draft = default_draft(catalog_for(org), "smm-manager", language="ru")
        vacancy = Vacancy(
            organization_id=org.id,
            title="SMM-менеджер в кофейню",
            title_key="smm",
            role=draft.role,
            language="ru",
            data=draft_to_dict(draft),
        )
        db.session.add(vacancy)
        db.session.commit()
        return vacancy.id


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit].primary").click()
    page.wait_for_url(base + "/")


def test_recruiter_plans_evaluator_rates_verdict_appears(live_server, page, browser):
    app, base = live_server
    vacancy_id = seed(app)

    sign_in(page, base, "hr@romashka.test")
    page.goto(base + "/probation/")
    screenshot(page, "probation-01-index")
    page.locator(f"a[href='/probation/vacancies/{vacancy_id}/new']").click()
    page.locator("#start_date").fill(date.today().isoformat())
    screenshot(page, "probation-02-new-plan")
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url(re.compile(r".*/probation/plans/\d+$"))
    plan_url = page.url
    screenshot(page, "probation-03-plan")

    page.locator("a[href$='/evaluators']").first.click()
    page.get_by_label(re.compile("lead@romashka.test")).check()
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url(plan_url)
    page.locator("a[href$='/candidates/new']").click()
    page.locator("#name").fill("Анна Смирнова")
    page.locator("#contact").fill("anna@example.test")
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url(re.compile(r".*/probation/candidates/\d+$"))
    candidate_url = page.url
    assert page.locator("[data-testid=verdict]").inner_text().strip() == "—"

    # The recruiter enters the KPI results of the mid-term check-in.
    page.locator("a[href$='/actuals']").click()
    # count() does not wait: be on the new page before counting its fields.
    page.wait_for_url(re.compile(r".*/actuals$"))
    inputs = page.locator("input[name^=actual_]")
    inputs.first.wait_for()
    for i in range(inputs.count()):
        inputs.nth(i).fill("15")
    screenshot(page, "probation-04-actuals")
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url(re.compile(r".*/probation/candidates/\d+\?checkin=\d+$"))

    evaluator = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    epage = evaluator.new_page()
    sign_in(epage, base, "lead@romashka.test")
    epage.goto(base + "/probation/")
    assert epage.locator(f"a[href='{plan_url.removeprefix(base)}']").count() == 1
    epage.goto(candidate_url)
    epage.locator("a[href$='/evaluate']").click()
    epage.wait_for_url(re.compile(r".*/evaluate$"))
    groups = epage.locator(".rating-scale")
    groups.first.wait_for()
    for i in range(groups.count()):
        value = "1" if i == 0 else "2"
        groups.nth(i).locator(f"input[value='{value}']").check()
    epage.locator("textarea").first.fill("Запросила переписку с клиентами в первый же день.")
    screenshot(epage, "probation-05-evaluate")
    epage.locator("form button[type=submit].primary").click()
    epage.wait_for_url(re.compile(r".*/probation/candidates/\d+\?checkin=\d+$"))
    verdict = epage.locator("[data-testid=verdict]")
    assert verdict.inner_text().strip() not in ("", "—")
    assert re.search(r"verdict-(pass|extend|fail)", verdict.get_attribute("class"))
    screenshot(epage, "probation-06-candidate-evaluator")
    evaluator.close()

    # The recruiter sees the same verdict, and the score the rules give for these inputs.
    page.goto(candidate_url)
    expected = expected_result(app, int(candidate_url.rsplit("/", 1)[1]))
    assert page.locator("[data-testid=score]").inner_text().strip() == expected[0]
    assert f"verdict-{expected[1]}" in page.locator("[data-testid=verdict]").get_attribute("class")
    screenshot(page, "probation-07-candidate")
    page.goto(plan_url + "/compare")
    screenshot(page, "probation-08-compare")
    page.goto(plan_url)
    screenshot(page, "probation-09-plan-with-candidate")


def expected_result(app, candidate_id: int) -> tuple[str, str]:
    """Score (as shown) and verdict of the candidate by the service."""
    from app.extensions import db
    from app.i18n import format_score
    from app.probation.evaluations import score_summary
    from app.probation.models import Candidate

    with app.app_context():
        summary = score_summary(db.session.get(Candidate, candidate_id))
        return format_score(summary["score"], "ru"), summary["verdict"]


def test_candidate_page_fits_a_phone_screen(live_server, browser):
    app, base = live_server
    seed(app)
    from app.extensions import db
    from app.probation.candidates import add_candidate
    from app.probation.plans import create_plan_from_vacancy
    from app.vacancies.models import Vacancy

    with app.app_context():
        from app.catalog.service import catalog_for

        vacancy = db.session.execute(db.select(Vacancy)).scalar_one()
        org = vacancy_org(vacancy)
        plan = create_plan_from_vacancy(
            vacancy, catalog_for(org), None, title="План", start_date=date.today()
        )
        candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=date.today())
        db.session.commit()
        candidate_id = candidate.id
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    page = context.new_page()
    sign_in(page, base, "hr@romashka.test")
    page.goto(f"{base}/probation/candidates/{candidate_id}")
    screenshot(page, "probation-10-candidate-360px")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360


def vacancy_org(vacancy):
    """The organization of a vacancy."""
    from app.accounts.models import Organization
    from app.extensions import db

    return db.session.get(Organization, vacancy.organization_id)
