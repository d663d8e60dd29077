"""Home page, health check and the language switch."""

from __future__ import annotations

from datetime import date

from babel import Locale
from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from sqlalchemy import text

from app.caches import memoize, one_argument
from app.extensions import db
from app.i18n import LANG_COOKIE, N_, translate
from app.permissions import ADMINS, EDITORS, EVERYONE, is_editor, is_evaluator
from app.urls import safe_next

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index():
    """The start page after sign-in: for recruiters and admins the candidates whose
    probation ends within a week, for evaluators their open check-ins."""
    from app.probation import home
    from app.probation.web import format_day

    today = home_today()
    ending = home.ending_soon(current_user, today) if is_editor(current_user) else None
    checkins = home.open_checkins(current_user, today) if is_evaluator(current_user) else None
    return render_template(
        "index.html", ending_soon=ending, open_checkins=checkins, fmt_date=format_day, today=today
    )


def home_today() -> date:
    """Today's date for the home page's deadlines (one place, so tests can set it)."""
    return date.today()


@bp.route("/healthz")
def healthz():
    """200 when the database answers, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        return {"status": "unavailable"}, 503
    return {"status": "ok"}


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the chosen UI language (cookie, and the profile when signed in)."""
    lang = request.form.get("lang", "")
    response = redirect(safe_next(request.form.get("next")) or url_for("main.index"))
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
        if current_user.is_authenticated:
            current_user.locale = lang
            db.session.commit()
    return response


NAV = (
    ("vacancies.index", N_("Vacancies"), EDITORS),
    ("catalog.index", N_("Role catalog"), EVERYONE),
    ("probation.index", N_("Probation"), EVERYONE),
    ("accounts.users", N_("Users"), ADMINS),
    ("admin.audit", N_("Audit log"), ADMINS),
)
FOOTER = (
    ("accounts.account", N_("Account"), EVERYONE),
    ("admin.organization", N_("Organization"), ADMINS),
    ("backup.index", N_("Data export"), ADMINS),
    ("jobs.admin", N_("Background jobs"), ADMINS),
    ("api_tokens.index", N_("API tokens"), EVERYONE),
    ("api_docs.index", N_("API"), None),
)
ROLE_NAMES = {"recruiter": N_("Recruiter"), "evaluator": N_("Evaluator"),
              "admin": N_("Administrator")}  # fmt: skip
STATUS_NAMES = {"draft": N_("draft"), "published": N_("published"), "archived": N_("archived")}


def language_names() -> list[tuple[str, str]]:
    """The configured languages with their names in themselves («Русский», "English")."""
    return [(code, _language_name(code)) for code in current_app.config["LANGUAGES"]]


@memoize("main.language_names", key=one_argument)
def _language_name(code: str) -> str:
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@bp.app_context_processor
def layout_context() -> dict:
    """What every page's layout needs: language, menu (for the user's role), role names."""
    known = current_app.view_functions
    role = current_user.role if current_user.is_authenticated else None
    return {
        "current_lang": str(get_locale() or "ru"),
        "languages": language_names(),
        "nav_items": [
            (e, translate(label), roles) for e, label, roles in NAV if e in known and role in roles
        ],
        "footer_links": [
            (e, translate(label))
            for e, label, roles in FOOTER
            if e in known and (roles is None or role in roles)
        ],
        "role_labels": {key: translate(name) for key, name in ROLE_NAMES.items()},
        "status_labels": {key: translate(name) for key, name in STATUS_NAMES.items()},
        "known_endpoints": known,
    }
