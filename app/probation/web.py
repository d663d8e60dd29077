"""The probation blueprint and what its views share: lookups that 404, labels, formats."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from flask import Blueprint, abort, request
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from app.probation import scoring, service
from app.probation.models import Candidate, Checkin, PlanItem, TrialPlan
from app.probation.report import format_number, format_value

bp = Blueprint("probation", __name__, url_prefix="/probation")

VERDICTS = {
    "pass": (_l("pass"), "ok"),
    "extend": (_l("extend the probation"), "warn"),
    "fail": (_l("fail"), "err"),
}


def ui_lang() -> str:
    """The UI language code."""
    return str(get_locale() or "ru")[:2]


def load_plan(plan_id: int, *, editor: bool = False) -> TrialPlan:
    """A plan the user may see (404 otherwise); editor=True also needs an editor role (403)."""
    try:
        plan = service.get_plan(current_user, plan_id)
    except service.NotFound:
        abort(404)
    if editor and not service.is_editor(current_user):
        abort(403)
    return plan


def load_candidate(candidate_id: int, *, editor: bool = False) -> Candidate:
    """A candidate the user may see (404 otherwise); editor=True also needs an editor role."""
    try:
        candidate = service.get_candidate(current_user, candidate_id)
    except service.NotFound:
        abort(404)
    if editor and not service.is_editor(current_user):
        abort(403)
    return candidate


def load_item(plan: TrialPlan, item_id: int) -> PlanItem:
    """An item of the plan, or 404."""
    try:
        return service.get_item(plan, item_id)
    except service.NotFound:
        abort(404)


def load_checkin(plan: TrialPlan, checkin_id: int) -> Checkin:
    """A check-in of the plan, or 404."""
    try:
        return service.get_checkin(plan, checkin_id)
    except service.NotFound:
        abort(404)


def checkin_from_args(plan: TrialPlan) -> Checkin | None:
    """The check-in named by ?checkin= (404 when it is not one of the plan's), else None."""
    raw = request.args.get("checkin", "")
    if not (raw.isascii() and raw.isdigit()):
        return None
    return load_checkin(plan, int(raw) if len(raw) < 20 else 0)


def attach_problem(
    form: FlaskForm, problem: service.InvalidInput, aliases: dict | None = None
) -> None:
    """Show a service refusal beside its field, or above the form."""
    name = (aliases or {}).get(problem.field, problem.field)
    field = form._fields.get(name)
    if field is None:
        form.form_errors.append(str(problem.message))
    else:
        field.errors = [*field.errors, str(problem.message)]


def verdict_label(verdict: str | None) -> str:
    """The verdict in words."""
    return str(VERDICTS[verdict][0]) if verdict in VERDICTS else "—"


@lru_cache(maxsize=4096)
def _medium_date(value: date, locale: str) -> str:
    # `locale` is the request's (format_date reads it itself): it keys the cache.
    return format_date(value, "medium")


def format_day(value: date | None) -> str:
    """A date as the pages show it ("12 мар. 2026 г."), memoized per date and language."""
    if not value:
        return "—"
    if isinstance(value, datetime):
        return format_date(value, "medium")
    return _medium_date(value, str(get_locale()))


@bp.context_processor
def probation_helpers() -> dict:
    """Formatting helpers for the probation templates."""
    return {
        "fmt_score": scoring.format_score,
        "fmt_coverage": scoring.format_coverage,
        "fmt_value": format_value,
        "fmt_number": format_number,
        "fmt_date": format_day,
        "verdict_label": verdict_label,
        "verdict_class": lambda v: VERDICTS[v][1] if v in VERDICTS else "",
        "candidate_label": service.candidate_label,
        "is_editor": service.is_editor(current_user) if current_user.is_authenticated else False,
    }
