"""The composer's main path in Chromium: compose, live checks, save, edit, compare, find."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


def sign_in(app, page, base):
    from app.accounts import services
    from app.extensions import db

    with app.app_context():
        org = services.get_or_create_organization("ООО «Ромашка»")
        services.create_user(org, "hr@romashka.test", PASSWORD, "recruiter", "Ольга")
        db.session.commit()
    page.goto(base + "/login")
    page.get_by_label("Эл. почта").fill("hr@romashka.test")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    page.wait_for_url(base + "/")


def test_compose_check_save_edit_compare_find(live_server, page):
    app, base = live_server
    sign_in(app, page, base)
    page.goto(base + "/vacancies/new?role=smm-generalist&scale=small")
    assert page.get_by_label("Базовая роль").input_value() == "smm-generalist"

    # A live check fires while typing, before anything is saved.
    page.get_by_label("Ваши обязанности, по одной в строке").fill("Настройка чат-ботов")
    page.locator('#findings [data-code="excluded-duty"]').wait_for(timeout=10_000)
    page.get_by_label("TikTok", exact=True).check()
    page.locator('#findings [data-code="workload"]').wait_for(timeout=10_000)
    screenshot(page, "10-composer-live-checks")

    # Take the warnings back, fill in the salary and save.
    page.get_by_label("Ваши обязанности, по одной в строке").fill("")
    page.get_by_label("TikTok", exact=True).uncheck()
    page.get_by_label("Зарплата от").fill("70000")
    page.get_by_label("Зарплата до").fill("90000")
    page.get_by_label("Город или адрес").fill("Казань")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/vacancies/*")
    assert "Проблем не найдено" in page.locator("#findings").inner_text()
    screenshot(page, "11-vacancy-preview")

    # Edit the title: version 2, and the history compares it with version 1.
    page.get_by_role("link", name="Изменить").first.click()
    page.get_by_label("Название вакансии").fill("SMM-менеджер в кофейню")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/vacancies/*")
    assert "версия 2" in page.content()
    page.get_by_role("link", name="История").click()
    page.get_by_role("link", name="Открыть и сравнить").click()
    assert "SMM-менеджер в кофейню" in page.locator(".diff").inner_text()
    screenshot(page, "12-version-diff")

    # Find it again in the list.
    page.goto(base + "/vacancies/")
    page.get_by_label("Поиск по названию или городу").fill("кофейн")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url(re.compile(r".*/vacancies/\?.*q=%D0%BA%D0%BE%D1%84%D0%B5%D0%B9%D0%BD"))
    assert page.get_by_role("link", name="SMM-менеджер в кофейню").count() == 1
    screenshot(page, "13-vacancy-list")
