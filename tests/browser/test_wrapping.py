"""Long lines wrap in the browser too: the HTML export and the app's preview keep every
line inside the page, at desktop and phone widths (the PDF has its own test,
tests/unit/test_pdf_text.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.browser.conftest import screenshot
from tests.unit.test_pdf_text import (
    LONG_SKILL,
    LONG_WORD_RU,
    form_limits_document,
    longest_document,
)

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
WIDTHS = (1280, 375)
# Every element that holds a line of the vacancy, and the box it must stay inside.
OVERFLOW_JS = """(box) => {
  const root = document.querySelector(box);
  const limit = root.getBoundingClientRect();
  const out = [];
  for (const el of root.querySelectorAll('h1, h2, p, li, dt, dd, span, a, td, th')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > limit.right + 1 || r.left < limit.left - 1)) {
      out.push(el.tagName + ': ' + el.textContent.trim().slice(0, 60));
    }
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
    out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
  }
  return out;
}"""


@pytest.mark.parametrize("make", [longest_document, form_limits_document])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_html_export_keeps_every_line_inside_the_page(page, make, width):
    from app.exports.html import render_html

    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(render_html(make()))
    assert page.locator(".vacancy").count() == 1
    assert page.evaluate(OVERFLOW_JS, ".vacancy") == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_preview_keeps_long_skills_inside_the_page(live_server, page, width):
    app, base = live_server
    from app.accounts import services
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.extensions import db
    from app.vacancies import service

    with app.app_context():
        org = services.get_or_create_organization("Ромашка")
        admin = services.create_user(org, "admin@romashka.test", PASSWORD, "admin", "Анна")
        catalog = catalog_for(org)
        draft = default_draft(catalog, "smm-specialist", language="ru")
        draft = replace(
            draft,
            title=f"SMM-специалист {LONG_WORD_RU}",
            custom_skills=(LONG_SKILL, LONG_WORD_RU, f"{LONG_SKILL} {LONG_WORD_RU}"),
            custom_duties=(f"Вести {LONG_WORD_RU} и {LONG_SKILL.lower()}",),
        )
        vacancy = service.create(org, admin, catalog, draft)
        db.session.commit()
        vacancy_id = vacancy.id
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + "/login")
    page.locator("input[name=email]").fill("admin@romashka.test")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit].primary").click()
    page.wait_for_url(base + "/")
    page.goto(f"{base}/vacancies/{vacancy_id}")
    assert page.locator(".preview-page").get_by_text(LONG_SKILL, exact=True).count() >= 1
    assert page.evaluate(OVERFLOW_JS, ".preview-page") == []
    screenshot(page, f"preview-long-lines-{width}")
