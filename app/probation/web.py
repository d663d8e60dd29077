"""What the probation views share: lookups that 404, labels, formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import abort, request, url_for
from flask_babel import format_date, get_locale, ngettext
from flask_login import current_user
from flask_wtf import FlaskForm

from app.caches import memoize
from app.domain.probation import law, scoring
from app.domain.probation.deadlines import probation_end
from app.domain.probation.errors import InvalidInput, NotFound
from app.i18n import format_percent, format_score
from app.i18n import gettext as _
from app.permissions import is_editor
from app.probation import blind, bp, verdicts
from app.probation.candidates import candidate_label
from app.probation.evaluations import CheckinScore
from app.probation.models import Candidate, Checkin, PlanItem, TrialPlan
from app.probation.report import arithmetic_rows, format_number, format_value
from app.probation.scope import get_candidate, get_checkin, get_item, get_plan

TONES = {"pass": "ok", "extend": "warn", "fail": "err"}


def load_plan(plan_id: int, *, editor: bool = False) -> TrialPlan:
    """A plan the user may see (404 otherwise); editor=True also needs an editor role (403)."""
    try:
        plan = get_plan(current_user, plan_id)
    except NotFound:
        abort(404)
    if editor and not is_editor(current_user):
        abort(403)
    return plan


def load_candidate(candidate_id: int, *, editor: bool = False) -> Candidate:
    """A candidate the user may see (404 otherwise); editor=True also needs an editor role."""
    try:
        candidate = get_candidate(current_user, candidate_id)
    except NotFound:
        abort(404)
    if editor and not is_editor(current_user):
        abort(403)
    return candidate


def load_item(plan: TrialPlan, item_id: int) -> PlanItem:
    """An item of the plan, or 404."""
    try:
        return get_item(plan, item_id)
    except NotFound:
        abort(404)


def load_checkin(plan: TrialPlan, checkin_id: int) -> Checkin:
    """A check-in of the plan, or 404."""
    try:
        return get_checkin(plan, checkin_id)
    except NotFound:
        abort(404)


def checkin_from_args(plan: TrialPlan) -> Checkin | None:
    """The check-in named by ?checkin= (404 when it is not one of the plan's), else None."""
    raw = request.args.get("checkin", "")
    if not (raw.isascii() and raw.isdigit()):
        return None
    return load_checkin(plan, int(raw) if len(raw) < 20 else 0)


def attach_problem(form: FlaskForm, problem: InvalidInput, aliases: dict | None = None) -> None:
    """Show a service refusal beside its field, or above the form."""
    name = (aliases or {}).get(problem.field, problem.field)
    field = form._fields.get(name)
    if field is None:
        form.form_errors.append(str(problem.message))
    else:
        field.errors = [*field.errors, str(problem.message)]


def labour_law() -> str:
    """The labour law of the signed-in user's organization ("ru" unless it says otherwise)."""
    if current_user and current_user.is_authenticated:
        chosen = current_user.organization.labour_law
        if chosen in law.LAWS:
            return chosen
    return law.DEFAULT_LAW


def verdict_label(verdict: str | None) -> str:
    """The verdict in words, for the organization's labour law."""
    return verdicts.verdict_label(verdict, labour_law())


def verdict_note(verdict: str | None) -> str:
    """What the verdict asks of the employer under the organization's labour law."""
    return verdicts.verdict_note(verdict, labour_law())


def thresholds_text(plan: TrialPlan) -> str:
    """The plan's thresholds in words, the middle verdict named for the law."""
    return verdicts.thresholds_text(plan, labour_law(), format_number)


def period_text(plan: TrialPlan) -> str:
    """The plan's period in words: "3 months", or "14 days" for a period in days."""
    if plan.period_days is not None:
        return ngettext("%(num)d day", "%(num)d days", plan.period_days)
    return ngettext("%(num)d month", "%(num)d months", plan.period_months)


def verdict_status(candidate: Candidate, checkin: Checkin, result: scoring.ScoreResult) -> dict:
    """Whether the verdict at the check-in is final, and what is missing (for the page)."""
    state = verdicts.status(candidate, checkin, result)
    return {
        "provisional": result.score is not None and state.provisional,
        "missing": verdicts.missing_list(state, result) if result.score is not None else [],
    }


@memoize("probation.dates")
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


# The pieces below are prepared once per page as plain values (texts translated, numbers
# formatted); the templates (probation/_macros.html, candidate.html, plan.html,
# compare.html) loop over them and write the markup, and autoescaping escapes the texts.


@dataclass(frozen=True, slots=True)
class Badge:
    """A badge: its CSS classes and its text."""

    css: str
    text: str


def verdict_badge(verdict: str | None, provisional: bool = False) -> Badge:
    """The verdict as a coloured badge ("no verdict yet" when there is none); a
    provisional verdict is a plain badge that says so, not the final coloured one."""
    if verdict in TONES and provisional:
        text = _("provisional: %(verdict)s", verdict=verdict_label(verdict))
        return Badge("badge verdict-badge provisional-verdict", text)
    if verdict in TONES:
        return Badge(f"badge {TONES[verdict]} verdict-badge", verdict_label(verdict))
    return Badge("badge", _("no verdict yet"))


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """One check-in of the progress table."""

    name: str
    # The check-in on the candidate page ("" when the table links nowhere).
    url: str
    current: bool
    date: str
    # Set when there is nothing to show: the blind-ratings message or "nothing entered yet".
    note: str = ""
    hidden: bool = False
    score: str = ""
    provisional_score: bool = False
    coverage: str = ""
    badge: Badge | None = None


def progress_rows(
    scores: list[CheckinScore],
    current_id: int | None = None,
    candidate_id: int | None = None,
) -> list[ProgressRow]:
    """The rows of the progress table: each check-in's date, score, coverage and verdict
    (each name links to that check-in on the candidate page when `candidate_id` is given)."""
    link = url_for("probation.candidate", candidate_id=candidate_id) if candidate_id else None
    # On the candidate page a check-in's verdict that is not final yet shows as provisional.
    candidate = get_candidate(current_user, candidate_id) if candidate_id else None
    rows = []
    for s in scores:
        checkin = s.checkin
        common: dict[str, Any] = {
            "name": checkin.name,
            "url": f"{link}?checkin={checkin.id}" if link is not None else "",
            "current": checkin.id == current_id,
            "date": format_day(checkin.due_date),
        }
        if s.hidden:
            rows.append(ProgressRow(**common, note=str(blind.HIDDEN_MESSAGE), hidden=True))
        elif s.has_data:
            provisional = candidate is not None and bool(
                verdict_status(candidate, checkin, s.result)["provisional"]
            )
            coverage = format_percent(s.result.coverage) if s.result.score is not None else "—"
            rows.append(
                ProgressRow(
                    **common,
                    score=format_score(s.result.score),
                    provisional_score=s.result.provisional,
                    coverage=coverage,
                    badge=verdict_badge(s.result.verdict, provisional),
                )
            )
        else:
            rows.append(ProgressRow(**common, note=_("nothing entered yet")))
    return rows


@dataclass(frozen=True, slots=True)
class RatingCell:
    """One evaluator's rating of a task: `state` is "hidden" (blind ratings), "unrated"
    or "rated" (then `value`, a number or "n/a", and the comment)."""

    state: str
    value: str = ""
    comment: str = ""


def rating_rows(
    tasks: list, evaluators: list, hidden: bool = False
) -> list[tuple[str, list[RatingCell]]]:
    """The rows of the ratings table, (task title, cells): per task (`tasks`: the page's
    ItemLines of tasks), each evaluator's rating and comment, in the order of
    `evaluators`; with `hidden` (blind ratings) the other evaluators' cells are hidden."""
    blind_cell, not_rated = RatingCell("hidden"), RatingCell("unrated")
    na = _("n/a")
    rows = []
    for line in tasks:
        by_user = {r.evaluator_id: r for r in line.ratings}
        cells = []
        for user in evaluators:
            if hidden and user.id != current_user.id:
                cells.append(blind_cell)
                continue
            r = by_user.get(user.id)
            if r is None:
                cells.append(not_rated)
                continue
            value = na if r.value is None else str(r.value)
            cells.append(RatingCell("rated", value, r.comment or ""))
        rows.append((line.item.title, cells))
    return rows


@bp.context_processor
def probation_helpers() -> dict:
    """Formatting helpers for the probation templates."""
    return {
        "fmt_score": format_score,
        "fmt_coverage": format_percent,
        "fmt_value": format_value,
        "fmt_number": format_number,
        "fmt_date": format_day,
        "verdict_label": verdict_label,
        "verdict_note": verdict_note,
        "verdict_badge": verdict_badge,
        "verdict_status": verdict_status,
        "thresholds_text": thresholds_text,
        "period_text": period_text,
        "progress_rows": progress_rows,
        "rating_rows": rating_rows,
        "arithmetic_rows": arithmetic_rows,
        "candidate_label": candidate_label,
        "probation_end": probation_end,
        "is_editor": is_editor(current_user) if current_user.is_authenticated else False,
    }
