"""axe-core over every page a signed-in admin can reach, and a keyboard-only journey."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
# Links that leave the pages: sign-out, files, the API, static assets.
SKIP = re.compile(
    r"^/(static|api)/|/logout|/export|/download|\.(pdf|docx|csv|xlsx|zip|json|md|txt|xml|atom)\b"
    r"|[?&](format|variant)="
)
MAX_PAGES = 80
# Pages of one kind (items of one catalog list, vacancies, query variants of one page)
# look alike: a few of each are audited.
PER_KIND = 3


def kind(target: str) -> str:
    """What pages of one kind share: the path's parent with numbers folded, or the path
    itself for a query variant."""
    path, _, query = target.partition("?")
    path = re.sub(r"\d+", "N", path.rstrip("/"))
    return path if query else path.rsplit("/", 1)[0]


def seed(app) -> None:
    """An admin, a recruiter and an evaluator; a draft and a published vacancy; a plan
    with a candidate."""
    from app.accounts import services
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.extensions import db
    from app.probation.candidates import add_candidate
    from app.probation.plans import create_plan_from_vacancy
    from app.vacancies import service

    with app.app_context():
        org = services.get_or_create_organization("Ромашка")
        admin = services.create_user(org, "admin@romashka.test", PASSWORD, "admin", "Анна")
        services.create_user(org, "lead@romashka.test", PASSWORD, "evaluator", "Пётр")
        catalog = catalog_for(org)
        draft = default_draft(catalog, "smm-generalist", scale="small", language="ru")
        service.create(org, admin, catalog, draft)
        published = service.create(org, admin, catalog, _with_salary(draft))
        db.session.commit()
        service.set_status(published, "published", catalog)
        plan = create_plan_from_vacancy(
            published, catalog, admin, title="Испытательный срок", start_date=date.today()
        )
        add_candidate(
            plan, name="Анна Смирнова", position_title="SMM-специалист", start_date=date.today()
        )
        db.session.commit()


def _with_salary(draft):
    from dataclasses import replace

    return replace(
        draft,
        title="SMM-специалист в пекарню",
        salary_from=70000,
        salary_to=90000,
        location="Казань",
    )


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit].primary").click()
    page.wait_for_url(base + "/")


def test_every_page_an_admin_reaches_has_no_serious_violation(live_server, page, accessibility):
    app, base = live_server
    seed(app)
    sign_in(page, base, "admin@romashka.test")
    queue, seen, kinds = ["/"], {"/"}, {}
    while queue and len(accessibility.pages) < MAX_PAGES:
        path = queue.pop(0)
        response = page.goto(base + path)
        if (
            response is None
            or response.status >= 400
            or "html" not in (response.headers.get("content-type", ""))
        ):
            continue
        accessibility.run(page, path)
        assert_autocomplete(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != base:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or SKIP.search(target):
                continue
            seen.add(target)
            kinds[kind(target)] = kinds.get(kind(target), 0) + 1
            if kinds[kind(target)] <= PER_KIND:
                queue.append(target)
    assert len(accessibility.pages) >= 15, sorted(accessibility.pages)


def assert_autocomplete(page) -> None:
    """Password, e-mail and one-time code fields tell the browser what they hold."""
    missing = page.eval_on_selector_all(
        "input[type=password], input[type=email], input[name=email], input[name=code]",
        "els => els.filter(e => !e.getAttribute('autocomplete')).map(e => e.name || e.id)",
    )
    assert not missing, f"fields without autocomplete on {page.url}: {missing}"


def test_sign_in_and_setup_pages_have_no_serious_violation(live_server, page, accessibility):
    _app, base = live_server
    for path in ("/setup", "/login", "/password/forgot"):
        response = page.goto(base + path)
        if response is not None and response.ok:
            accessibility.run(page, path)
            assert_autocomplete(page)
    assert len(accessibility.pages) >= 2, sorted(accessibility.pages)


def test_public_careers_and_vacancy_pages_have_no_serious_violation(
    live_server, page, accessibility
):
    """What candidates see, signed out: the careers page and a published vacancy."""
    app, base = live_server
    seed(app)
    from app.accounts.models import Organization
    from app.extensions import db

    with app.app_context():
        org = db.session.execute(db.select(Organization)).scalar_one()
        org.slug, org.public_jobs = "romashka", True
        db.session.commit()
    response = page.goto(base + "/jobs/romashka/")
    assert response is not None and response.ok
    screenshot(page, "public-careers")
    links = page.eval_on_selector_all(
        "a[href*='/jobs/romashka/']",
        "els => els.map(e => e.href).filter(h => /\\/jobs\\/romashka\\/\\d+/.test(h))",
    )
    assert links, "the careers page lists the published vacancy"
    response = page.goto(links[0])
    assert response is not None and response.ok
    screenshot(page, "public-vacancy")
    assert page.locator("script[type='application/ld+json']").count() == 1
    # What a candidate meets when an address is wrong, or the vacancy was closed.
    response = page.goto(base + "/jobs/romashka/999999-net-takoy")
    assert response is not None and response.status == 404
    screenshot(page, "public-not-found")
    from app.catalog.service import catalog_for
    from app.vacancies import service
    from app.vacancies.models import Vacancy

    with app.app_context():
        vacancy = db.session.execute(
            db.select(Vacancy).where(Vacancy.status == "published")
        ).scalar_one()
        service.set_status(vacancy, "archived", catalog_for(org_of(vacancy)))
        db.session.commit()
    response = page.goto(links[0])
    assert response is not None and response.status == 410
    screenshot(page, "public-gone")


def org_of(vacancy):
    from app.accounts.models import Organization
    from app.extensions import db

    return db.session.get(Organization, vacancy.organization_id)


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focused element matches the selector; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            focus_is_visible(page)
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def focus_is_visible(page) -> None:
    """The focused element shows it: an outline or a box shadow."""
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""
    )
    outline_style, outline_width, shadow = style
    visible = (outline_style != "none" and outline_width not in ("0px", "")) or shadow != "none"
    assert visible, f"the focused element has no visible focus on {page.url}: {style}"


def test_keyboard_only_sign_in_compose_publish_download(live_server, page):
    app, base = live_server
    from app.accounts import services
    from app.extensions import db

    with app.app_context():
        org = services.get_or_create_organization("Ромашка")
        services.create_user(org, "hr@romashka.test", PASSWORD, "recruiter", "Ольга")
        db.session.commit()

    page.goto(base + "/login")
    tab_to(page, "input[name=email]")
    page.keyboard.type("hr@romashka.test")
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")

    tab_to(page, "a[href='/vacancies/']")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/vacancies/")
    tab_to(page, "a[href^='/vacancies/new']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/vacancies/new"))
    tab_to(page, "input[name=title]")
    page.keyboard.press("Control+A")
    page.keyboard.type("SMM-специалист в пекарню")
    tab_to(page, "input[name=salary_from]")
    page.keyboard.type("70000")
    tab_to(page, "input[name=salary_to]")
    page.keyboard.type("90000")
    tab_to(page, "input[name=location]")
    page.keyboard.type("Казань")
    tab_to(page, "button[type=submit][name=action][value=save]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/vacancies/\d+$"))
    screenshot(page, "a11y-keyboard-saved")

    tab_to(page, "form[action$='/publish'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".badge.status-published").count() == 1, page.url
    screenshot(page, "a11y-keyboard-published")

    tab_to(page, "a[href$='/download/pdf']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
