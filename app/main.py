"""Home page, health check and the language switch."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import text

from app.accounts.views import safe_next
from app.extensions import db
from app.i18n import LANG_COOKIE

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index():
    """The start page after sign-in."""
    return render_template("index.html")


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
    ("vacancies.index", "Vacancies", ("admin", "recruiter")),
    ("catalog.index", "Role catalog", ("admin", "recruiter", "evaluator")),
    ("probation.index", "Probation", ("admin", "recruiter", "evaluator")),
    ("accounts.users", "Users", ("admin",)),
    ("admin.audit", "Audit log", ("admin",)),
)
ALL_ROLES = ("admin", "recruiter", "evaluator")
FOOTER = (
    ("accounts.change_password", "Change password", ALL_ROLES),
    ("admin.organization", "Organization", ("admin",)),
    ("backup.index", "Data export", ("admin",)),
    ("api_tokens.index", "API tokens", ALL_ROLES),
    ("api_docs.index", "API", None),
)


@bp.app_context_processor
def layout_context() -> dict:
    """What every page's layout needs: language, menu, role names."""
    from flask_babel import get_locale
    from flask_babel import gettext as _

    from app.accounts.forms import ROLE_CHOICES

    known = current_app.view_functions
    labels = {
        "Vacancies": _("Vacancies"),
        "Role catalog": _("Role catalog"),
        "Probation": _("Probation"),
        "Users": _("Users"),
        "Audit log": _("Audit log"),
        "Change password": _("Change password"),
        "API": _("API"),
        "API tokens": _("API tokens"),
        "Organization": _("Organization"),
        "Data export": _("Data export"),
    }
    return {
        "current_lang": str(get_locale() or "ru"),
        "nav_items": [(e, labels[label], roles) for e, label, roles in NAV if e in known],
        "footer_links": [
            (e, labels[label])
            for e, label, roles in FOOTER
            if e in known
            and (roles is None or (current_user.is_authenticated and current_user.role in roles))
        ],
        "role_labels": {choice.value: choice.label for choice in ROLE_CHOICES},
        "status_labels": {
            "draft": _("draft"),
            "published": _("published"),
            "archived": _("archived"),
        },
        "known_endpoints": known,
    }
