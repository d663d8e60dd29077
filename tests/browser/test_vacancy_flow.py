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
    page.get_by_label("О компании", exact=True).fill(
        "Сеть пекарен «Колос» в Казани: 12 точек и своё производство. Ищем человека, "
        "который возьмёт Instagram пекарни целиком: контент, общение с подписчиками и заявки."
    )
    page.get_by_label("Условия работы и преимущества").fill(
        "- Оформление по ТК РФ\n- Гибрид: два дня в офисе\n- Обучение за счёт компании"
    )
    page.get_by_label("Как откликнуться").fill(
        "Пришлите резюме и ссылки на 2–3 аккаунта, которые вы вели, на hr@kolos.example."
    )
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


def test_flagged_words_are_marked_in_the_fields_and_in_a_pasted_posting(live_server, page):
    app, base = live_server
    sign_in(app, page, base)
    page.goto(base + "/vacancies/new?role=smm-generalist&scale=small")
    duties = page.get_by_label("Ваши обязанности, по одной в строке")
    duties.fill("Вести Telegram-канал\nНастройка чат-ботов в ManyChat")
    page.locator('#findings [data-code="excluded-duty"]').wait_for(timeout=10_000)
    # The backdrop behind the textarea marks the words the finding points at, in place.
    page.locator(".hl-backdrop mark").first.wait_for(timeout=10_000)
    marks = page.locator(".hl-backdrop mark")
    texts = marks.all_inner_texts()
    assert "ManyChat" in texts or "чат-ботов" in texts, texts
    assert "Telegram-канал" in texts  # a second network for one content maker: workload
    assert marks.first.is_visible()
    screenshot(page, "12-composer-marks")

    page.goto(base + "/vacancies/analyze")
    page.get_by_label("Текст вакансии").fill(
        "SMM-специалист\n\nОбязанности:\n- Ведение Instagram и VK\n"
        "- SEO-оптимизация сайта\n\nТребования:\n- Девушка до 30 лет\n"
    )
    page.get_by_role("button", name="Проверить").click()
    page.wait_for_load_state()
    marked = page.locator("main mark").all_inner_texts()
    assert "SEO-оптимизация" in marked and "Девушка" in marked
    screenshot(page, "13-analyzer")
    page.locator("button[value=create]").click()
    page.wait_for_url("**/vacancies/*/edit")
