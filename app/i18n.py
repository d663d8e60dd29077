"""Language selection: the user's choice, else the browser's, else Russian."""

from __future__ import annotations

from datetime import UTC

from babel.dates import format_datetime
from flask import (
    Flask,
    before_render_template,
    current_app,
    g,
    has_app_context,
    request,
    template_rendered,
)
from flask_babel import force_locale, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from app.domain import message
from app.domain.probation import numbers
from app.extensions import babel

LANG_COOKIE = "lang"


def select_locale() -> str:
    """Pick the UI language for this request."""
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen is not None and chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or languages[0]


def _translations():
    """The catalog of the request's locale (inside force_locale, the forced one), through
    Flask-Babel's public API.

    Templates call gettext a hundred times or more per page, and Flask-Babel finds the
    catalog through several context proxies on every call (about 7 µs): while a template
    renders, the catalog it started with is used (the locale cannot change in the middle
    of a render; `_render_started` below), else Flask-Babel is asked."""
    rendering = g.get("_smm_rendering")
    return rendering[-1][1] if rendering else get_translations()


def _render_started(sender, template, context, **extra) -> None:
    locale = get_locale()
    lang = str(locale)[:2] if locale is not None else current_app.config["LANGUAGES"][0]
    g.setdefault("_smm_rendering", []).append((lang, get_translations()))


def _render_finished(sender, template, context, **extra) -> None:
    rendering = g.get("_smm_rendering")
    if rendering:
        rendering.pop()


def catalog(lang: str):
    """The translations of `lang` (the request's own, or one kept per request)."""
    if not has_app_context():
        return message.ENGLISH
    rendering = g.get("_smm_rendering")
    if rendering and rendering[-1][0] == lang:
        return rendering[-1][1]
    if ui_lang() == lang:
        return _translations()
    catalogs = g.setdefault("_smm_catalogs", {})
    if lang not in catalogs:
        with force_locale(lang):
            catalogs[lang] = get_translations()
    return catalogs[lang]


def current_lang() -> str:
    """The language messages are rendered in now: the request's, else English."""
    if not has_app_context():
        return "en"
    rendering = g.get("_smm_rendering")
    return rendering[-1][0] if rendering else ui_lang()


def render(value, lang: str | None = None) -> str:
    """A domain message (app.domain.message) in `lang`, by default the request's."""
    return message.render(value, lang or current_lang())


def N_(string: str) -> str:
    """Mark a string for extraction; translate it later with `translate`."""
    return string


def gettext(string: str, **variables) -> str:
    """flask_babel.gettext through the per-request catalog (for code called per item of
    a page; import it as `_` so that the strings are extracted)."""
    rv = _translations().ugettext(string)
    return rv % variables if variables else rv


# The same lookup under the names its callers know it by: `translate` for strings marked
# with N_, `template_gettext` for Jinja's new-style i18n (which formats and escapes).
translate = gettext
template_gettext = gettext


def template_ngettext(singular: str, plural: str, num: int) -> str:
    """ngettext for templates."""
    return _translations().ungettext(singular, plural, num)


@pass_context
def template_underscore(__context, __string: str, **variables) -> str:
    """`_()` in templates, as Jinja's new-style gettext does it (the translation is
    trusted markup, the variables are escaped) with one call instead of three, and no
    formatting pass for a translation that has no % in it (it would not change)."""
    rv = _translations().ugettext(__string)
    if __context.eval_ctx.autoescape:
        rv = Markup(rv)  # noqa: S704 - our own translation catalog, as Jinja does
    if variables or "%" in rv:
        return rv % variables
    return rv


def format_when(value) -> str:
    """A timestamp in the user's language, CLDR's short form (Babel; UTC): «03.12.2026,
    11:18» / "12/3/26, 11:18 AM"."""
    if not value:
        return "—"
    return format_datetime(value, "short", tzinfo=UTC, locale=ui_lang())


def ui_lang() -> str:
    """The interface language code of this request (inside force_locale, the forced one;
    the default language outside a request)."""
    locale = get_locale()
    return str(locale)[:2] if locale is not None else current_app.config["LANGUAGES"][0]


def format_number(value, places: int | None = None, lang: str | None = None) -> str:
    """A number in the interface language's format: «87,5» and «1 500» in Russian,
    "87.5" and "1,500" in English; a dash for None. `places`: round half up to this many
    decimals and show them all (scores: 1); None shows the number as typed (no trailing
    zeros). The one number format of the probation pages, reports and exports (the
    `number` filter in templates); see app/domain/probation/numbers.py."""
    return numbers.format_number(value, places, lang or ui_lang())


def format_score(score, lang: str | None = None) -> str:
    """A score with one decimal: «78,1» / "78.1"; a dash when there is none."""
    return format_number(score, 1, lang)


def format_percent(share, lang: str | None = None) -> str:
    """A share (0..1) as a percentage with one decimal: «88,9 %» / "88.9 %"."""
    return "—" if share is None else f"{format_number(100 * share, 1, lang)} %"


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the translations shipped in app/translations."""
    babel.init_app(app, locale_selector=select_locale)
    # jinja2.ext.i18n (added by Flask-Babel) adds this method at runtime: not in jinja2's types.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        template_gettext, template_ngettext, newstyle=True
    )
    # Pages call _() about a hundred times each: skip the alias and the wrapper.
    app.jinja_env.globals["_"] = template_underscore
    app.jinja_env.filters["datetime"] = format_when
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["render"] = render
    message.install(catalog, current_lang)
    before_render_template.connect(_render_started, app)
    template_rendered.connect(_render_finished, app)
