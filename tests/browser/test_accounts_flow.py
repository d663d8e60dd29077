"""Setup -> sign-in -> language switch -> sign-out in real Chromium."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


def test_setup_login_language_logout(live_server, page):
    _app, base = live_server
    page.goto(base + "/")
    assert page.url.endswith("/setup")
    assert page.locator("h1").inner_text() == "Первый запуск"
    screenshot(page, "01-setup")

    page.get_by_label("Организация").fill("Ромашка")
    page.get_by_label("Ваше имя").fill("Анна")
    page.get_by_label("Эл. почта").fill("anna@romashka.test")
    page.get_by_label("Пароль", exact=True).fill(PASSWORD)
    page.get_by_label("Повторите пароль").fill(PASSWORD)
    page.get_by_role("button", name="Создать организацию").click()
    page.wait_for_url(base + "/")
    assert "Здравствуйте, Анна" in page.locator("h1").inner_text()

    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url("**/login")
    page.get_by_label("Эл. почта").fill("anna@romashka.test")
    page.get_by_label("Пароль").fill("wrong password!!")
    page.get_by_role("button", name="Вход").click()
    assert page.get_by_role("alert").inner_text().strip() == "Неверная почта или пароль."
    assert page.get_by_label("Эл. почта").input_value() == "anna@romashka.test"
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    page.wait_for_url(base + "/")

    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Hello, Анна" in page.locator("h1").inner_text()
    screenshot(page, "02-home-en")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    assert page.locator("h1").inner_text() == "Sign in"
    page.goto(base + "/")
    assert "/login" in page.url
    screenshot(page, "03-signed-out")


def test_narrow_screen_has_no_horizontal_scroll(live_server, browser):
    _app, base = live_server
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    page = context.new_page()
    page.goto(base + "/setup")
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "04-setup-360px")
    context.close()
    assert width <= 360
