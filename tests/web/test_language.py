"""The UI language: the user's choice, remembered, else the browser's."""

from __future__ import annotations

from tests.conftest import login, make_user


def test_browser_language_is_used_without_a_choice(app, client):
    make_user(app, "a@acme.test")
    assert 'lang="en"' in client.get("/login", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Вход" in client.get("/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)


def test_switch_is_remembered_for_the_user(app, client):
    make_user(app, "a@acme.test")
    login(client, "a@acme.test")
    response = client.post("/language", data={"lang": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert 'lang="en"' in page and "Sign out" in page
    # Remembered in the profile: a new browser session (no cookie) gets it too.
    client.post("/logout")
    client.delete_cookie("lang")
    login(client, "a@acme.test")
    assert "Sign out" in client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)


def test_unknown_language_is_ignored(app, client):
    make_user(app, "a@acme.test")
    client.post("/language", data={"lang": "xx", "next": "//evil.test"})
    page = client.get("/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert 'lang="ru"' in page


def test_next_with_a_line_break_goes_home(app, client):
    # Found by the form fuzz: "/\nx" passed as a same-site path and broke the Location
    # header (500).
    for target in ("/\nSet-Cookie: x=1", "/vacancies/\r\n", "/\x00"):
        response = client.post("/language", data={"lang": "en", "next": target})
        assert response.status_code == 302
        assert response.headers["Location"] == "/"


def test_template_underscore_translates_escapes_and_formats_like_jinja(app):
    from flask import render_template_string

    source = (
        "{{ _('Score') }}|{{ _('since %(date)s', date='<b>1</b>') }}|"
        "{{ _('below 100 %%, so the score is provisional') }}|{{ _('no such message') }}"
    )
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        ru = render_template_string(source)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        en = render_template_string(source)
    assert ru.split("|")[:2] == ["Балл", "с &lt;b&gt;1&lt;/b&gt;"]
    assert "100 %," in ru.split("|")[2] and "%%" not in ru
    assert en == (
        "Score|since &lt;b&gt;1&lt;/b&gt;|below 100 %, so the score is provisional|no such message"
    )


def test_per_request_gettext_follows_force_locale(app):
    from flask import render_template_string
    from flask_babel import force_locale

    from app.i18n import gettext

    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert gettext("Score") == "Балл"
        assert gettext("since %(date)s", date="1") == "с 1"
        with force_locale("en"):
            assert gettext("Score") == "Score"
            assert render_template_string("{{ _('Score') }}") == "Score"
        assert gettext("Score") == "Балл"
        assert render_template_string("{{ _('Score') }}") == "Балл"


def test_probation_dates_are_memoized_per_language(app):
    from datetime import date

    from app.probation.web import format_day

    day = date(2026, 3, 12)
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        ru = format_day(day)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        en = format_day(day)
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert format_day(day) == ru
    assert ru != en and "2026" in ru and "2026" in en
    assert format_day(None) == "—"


def test_domain_messages_render_in_the_request_language(app):
    from app.domain.message import Quoted, msg
    from app.i18n import render

    message = msg("Enter a number.")
    quoted = msg("%(line)s", line=Quoted("SMM"))
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert str(message) == render(message) == "Введите число."
        assert message.get("en") == render(message, "en") == "Enter a number."
        assert str(quoted) == "«SMM»"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(message) == "Enter a number."
        assert render(message, "ru") == "Введите число."
        assert str(quoted) == "“SMM”"
