"""Language selection: the user's choice, else the browser's, else Russian."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import format_datetime
from flask_login import current_user

from app.extensions import babel

LANG_COOKIE = "lang"


def select_locale() -> str:
    """Pick the UI language for this request."""
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or languages[0]


def format_when(value) -> str:
    """A timestamp in the user's language (times are kept and shown in UTC)."""
    return format_datetime(value, "short") if value else "—"


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the translations shipped in app/translations."""
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["datetime"] = format_when
