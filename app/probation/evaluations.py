"""Ratings and KPI actuals per check-in, and the score the rules give for them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from types import MappingProxyType
from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from app.accounts.models import User
from app.caches import memoize, owned
from app.database import utcnow
from app.domain.message import Message
from app.domain.probation import numbers, rules, scoring
from app.domain.probation.errors import InvalidInput, NotAssigned, NotFound
from app.domain.probation.notice import check_critical_comments
from app.extensions import db
from app.permissions import is_editor
from app.probation.candidates import ensure_not_erased
from app.probation.models import Candidate, Checkin, KpiActual, PlanItem, Rating, TrialPlan
from app.probation.scope import is_assigned


@dataclass(frozen=True)
class CheckinScore:
    """The score of a candidate at one check-in, and whether anything was entered there."""

    checkin: Checkin
    result: scoring.ScoreResult
    has_data: bool
    # True when the viewer may not see this check-in's score yet (app.probation.blind).
    hidden: bool = False


@dataclass(frozen=True)
class PlanDefinition:
    """A plan's items and check-ins in their order, as read-only rows (the columns of
    PlanItem and Checkin as attributes): what the score pages read of a plan."""

    items: tuple[Any, ...]
    checkins: tuple[Any, ...]

    # Derived once per definition, like the rows themselves (read-only).
    @cached_property
    def scoring_items(self) -> tuple[scoring.PlanItem, ...]:
        """The items as the pure scoring module takes them (ids as text)."""
        return tuple(
            scoring.PlanItem(
                id=str(item.id),
                kind=item.kind,
                title=item.title,
                weight=item.weight,
                critical=item.critical,
                target=item.target if item.kind == "kpi" else None,
                direction=item.direction if item.kind == "kpi" else None,
                unit=item.unit or "",
            )
            for item in self.items
        )

    @cached_property
    def checkin_order(self) -> Mapping[int, int]:
        """Position of each check-in in date order, by id."""
        return MappingProxyType({c.id: i for i, c in enumerate(self.checkins)})


@memoize("sql.plan_rows")
def _rows_query(model: Any, column: str, order: tuple[str, ...]) -> Any:
    # Built once per kind of read: building a statement costs more than running it.
    table = model.__table__
    return (
        select(table)
        .where(table.c[column] == bindparam("key"))
        .order_by(*(table.c[name] for name in order))
    )


def _rows(model: Any, column: str, key: int, *order: str) -> tuple[Any, ...]:
    """The model's table rows whose `column` equals `key`, in this column order, as Core
    rows (cheaper than ORM objects for a page that only reads them)."""
    return tuple(db.session.execute(_rows_query(model, column, order), {"key": key}))


def plan_definition(plan: TrialPlan) -> PlanDefinition:
    """The plan's items and check-ins, kept per process for the plan's version.

    Many candidates share a plan, and its items and check-ins change only through
    plans.touch(), which bumps the version and the change time: those (with the plan's
    id) key the copy, so a changed plan is read again. Kept per app (database)."""
    kept = current_app.extensions.get("smm.plan_definitions")
    if kept is None:
        kept = current_app.extensions.setdefault(
            "smm.plan_definitions", owned("probation.plan_definitions")
        )
    key = (plan.id, plan.version, plan.updated_at)
    found = kept.get(key)
    if found is not None:
        return found
    found = PlanDefinition(
        items=_rows(PlanItem, "plan_id", plan.id, "position", "id"),
        checkins=_rows(Checkin, "plan_id", plan.id, "due_date", "position", "id"),
    )
    return kept.put(key, found)


def scoring_items(plan: TrialPlan) -> list[scoring.PlanItem]:
    """The plan's items as the pure scoring module takes them (ids as text)."""
    return list(plan_definition(plan).scoring_items)


def _own_checkin(candidate: Candidate, checkin: Checkin) -> None:
    if checkin.plan_id != candidate.plan_id:
        raise NotFound(f"check-in {checkin.id}")


def _items_of(plan: TrialPlan, kind: str, keys: Iterable[Any], prefix: str) -> dict[Any, PlanItem]:
    """Map the given keys (ids, as int or text) to the plan's items of this kind."""
    items = {item.id: item for item in plan.items if item.kind == kind}
    found = {}
    for key in keys:
        try:
            item = items[int(key)]
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(
                f"{prefix}.{key}", _l("There is no such item of this kind in the plan.")
            ) from None
        found[key] = item
    return found


def record_evaluation(
    candidate: Candidate,
    evaluator: User,
    checkin: Checkin,
    ratings: Mapping[Any, int | None],
    comments: Mapping[Any, str] | None = None,
    unrated: Iterable[Any] = (),
) -> None:
    """Store an assigned evaluator's ratings (None = n/a) and comments at a check-in."""
    ensure_not_erased(candidate)
    _own_checkin(candidate, checkin)
    plan = candidate.plan
    if not is_assigned(plan, evaluator):
        raise NotAssigned(f"user {evaluator.id} on plan {plan.id}")
    comments = comments or {}
    unrated = list(unrated)
    rated = _items_of(plan, "task", ratings, "ratings")
    commented = _items_of(plan, "task", comments, "comments")
    cleared = _items_of(plan, "task", unrated, "ratings")
    values = {rated[k].id: rules.rating(v, f"ratings.{k}") for k, v in ratings.items()}
    texts = {
        commented[k].id: rules.text(
            f"comments.{k}", v, rules.COMMENT_MAX, required=False, multiline=True
        )
        for k, v in comments.items()
    }
    rows = {
        r.item_id: r
        for r in candidate.ratings
        if r.checkin_id == checkin.id and r.evaluator_id == evaluator.id
    }
    # A critical task rated 0 needs a comment: the art. 71 notice gives it as the reason.
    check_critical_comments(rated, values, texts, {i: r.comment for i, r in rows.items()})
    gone = {item.id for item in cleared.values()} - set(values)
    for key, item in commented.items():
        if texts[item.id] and item.id not in values and (item.id in gone or item.id not in rows):
            raise InvalidInput(
                f"comments.{key}", _l("Rate the task or choose n/a to keep a comment.")
            )
    for item_id in gone:
        if item_id in rows:
            candidate.ratings.remove(rows.pop(item_id))
    for item_id, value in values.items():
        row = rows.get(item_id)
        if row is None:
            row = Rating(
                organization_id=candidate.organization_id,
                item_id=item_id,
                checkin_id=checkin.id,
                evaluator_id=evaluator.id,
                comment="",
            )
            candidate.ratings.append(row)
            rows[item_id] = row
        row.value = value
        row.updated_at = utcnow()
    for item_id, comment in texts.items():
        if item_id in rows:
            rows[item_id].comment = comment


class _Bilingual:
    """A message of app.domain.probation.numbers, in the language of the moment it is shown
    (like a lazy translation: the API shows it in the client's language)."""

    def __init__(self, text: Message, extra: object = None) -> None:
        self.text, self.extra = text, extra

    def __str__(self) -> str:
        said = self.text.get(str(get_locale() or "ru"))
        return f"{said} {self.extra}" if self.extra is not None else said


CONFIRM_HINT = _l("If it is right, confirm it and save again.")


def implausible_actual(item: PlanItem, value: float) -> Message | None:
    """Why a KPI actual looks far off (percent over 100, over 10 x the target), or None."""
    return numbers.plausibility(value, item.target, item.unit)


def record_kpi_actuals(
    candidate: Candidate,
    checkin: Checkin,
    actuals: Mapping[Any, object],
    user: User,
    *,
    confirm: bool | Collection[Any] = False,
) -> int:
    """Enter KPI results at a check-in; returns how many entries were new or cleared.

    A value is a number of 0 or more (text is refused: the web form reads what people
    type, see app/domain/probation/numbers.py); None clears what was entered at this check-in,
    so the KPI has no actual there again (or the one of an earlier check-in). A value
    far outside the plausible range is refused unless `confirm` is True or holds its key.
    Nothing is stored when any value is refused."""
    ensure_not_erased(candidate)
    _own_checkin(candidate, checkin)
    if not (is_editor(user) or is_assigned(candidate.plan, user)):
        raise NotAssigned(f"user {user.id} on plan {candidate.plan_id}")
    items = _items_of(candidate.plan, "kpi", actuals, "actuals")
    current = _latest_actuals(candidate, [checkin.id])
    values: dict[int, float] = {}
    cleared: set[int] = set()
    for key, raw in actuals.items():
        field, item = f"actuals.{key}", items[key]
        if raw is None:
            cleared.add(item.id)
            continue
        if isinstance(raw, str):
            raise InvalidInput(
                field, _l("Send the value as a JSON number (e.g. 4.1), not as text.")
            )
        if isinstance(raw, Decimal):
            raw = float(raw)
        value = rules.actual(raw, field)
        confirmed = confirm is True or (confirm is not False and key in confirm)
        same = item.id in current and current[item.id].value == value
        problem = None if confirmed or same else implausible_actual(item, value)
        if problem is not None:
            # InvalidInput.message says str but takes any text shown later (a lazy one too).
            raise InvalidInput(field, _Bilingual(problem, CONFIRM_HINT))  # type: ignore[arg-type]
        values[item.id] = value
    stored = 0
    if cleared:
        here = [
            row
            for row in candidate.actuals
            if row.checkin_id == checkin.id and row.item_id in cleared
        ]
        for row in here:
            candidate.actuals.remove(row)
        stored += len({row.item_id for row in here})
    for item_id, value in values.items():
        if item_id in current and current[item_id].value == value:
            continue  # the same as this check-in's entry: nothing new
        candidate.actuals.append(
            KpiActual(
                organization_id=candidate.organization_id,
                item_id=item_id,
                checkin_id=checkin.id,
                value=value,
                entered_by_id=user.id,
                entered_at=utcnow(),
            )
        )
        stored += 1
    return stored


@dataclass(frozen=True)
class CandidateInputs:
    """A candidate's ratings and KPI results as read-only rows (the columns of Rating and
    KpiActual as attributes), read once for a page that scores every check-in."""

    ratings: tuple[Any, ...]
    actuals: tuple[Any, ...]


def candidate_inputs(candidate: Candidate) -> CandidateInputs:
    """The candidate's ratings and KPI results, as they are stored now."""
    return CandidateInputs(
        ratings=_rows(Rating, "candidate_id", candidate.id, "id"),
        actuals=_rows(KpiActual, "candidate_id", candidate.id, "id"),
    )


def submitted(candidate: Candidate, checkin: Checkin, inputs: Any = None) -> set[int]:
    """Ids of the evaluators who submitted at the check-in: a rating (0, 1, 2 or n/a) for
    every task of the plan. A plan without tasks needs no ratings."""
    tasks = {item.id for item in plan_definition(candidate.plan).items if item.kind == "task"}
    rows = candidate.ratings if inputs is None else inputs.ratings
    rated: dict[int, set[int]] = {}
    for row in rows:
        if row.checkin_id == checkin.id:
            rated.setdefault(row.evaluator_id, set()).add(row.item_id)
    assigned = [a.user_id for a in candidate.plan.evaluators]
    return {uid for uid in assigned if tasks <= rated.get(uid, set())}


def checkin_order(plan: TrialPlan) -> Mapping[int, int]:
    """Position of each check-in in date order."""
    return plan_definition(plan).checkin_order


def _latest_actuals(
    candidate: Candidate, checkin_ids: Iterable[int], inputs: CandidateInputs | None = None
) -> dict[int, KpiActual]:
    allowed = set(checkin_ids)
    order = checkin_order(candidate.plan)
    latest: dict[int, KpiActual] = {}
    for row in candidate.actuals if inputs is None else inputs.actuals:
        if row.checkin_id not in allowed:
            continue
        key = (order.get(row.checkin_id, -1), row.entered_at, row.id or 0)
        best = latest.get(row.item_id)
        if best is None or key > (order.get(best.checkin_id, -1), best.entered_at, best.id or 0):
            latest[row.item_id] = row
    return latest


def actuals_at(
    candidate: Candidate, checkin: Checkin, inputs: CandidateInputs | None = None
) -> dict[int, KpiActual]:
    """The KPI entry that counts at a check-in: the latest one at or before it (`inputs`:
    the candidate's rows, when the caller has read them; else its relationships)."""
    order = checkin_order(candidate.plan)
    upto = order[checkin.id]
    return _latest_actuals(candidate, [cid for cid, i in order.items() if i <= upto], inputs)


def ratings_at(
    candidate: Candidate, checkin: Checkin, inputs: CandidateInputs | None = None
) -> dict[int, list[Rating]]:
    """The assigned evaluators' ratings at a check-in, per item, in evaluator order."""
    assigned = {a.user_id: i for i, a in enumerate(candidate.plan.evaluators)}
    source = candidate.ratings if inputs is None else inputs.ratings
    here = [r for r in source if r.checkin_id == checkin.id and r.evaluator_id in assigned]
    rows: dict[int, list[Rating]] = {}
    for row in sorted(here, key=lambda r: assigned[r.evaluator_id]):
        rows.setdefault(row.item_id, []).append(row)
    return rows


def score_at(
    candidate: Candidate,
    checkin: Checkin,
    items: list[scoring.PlanItem] | None = None,
    inputs: CandidateInputs | None = None,
) -> CheckinScore:
    """Score, coverage and verdict of a candidate at a check-in, with the arithmetic
    (`items`: the plan's `scoring_items`, `inputs`: the candidate's rows, when the caller
    has them already)."""
    _own_checkin(candidate, checkin)
    plan = candidate.plan
    ratings = ratings_at(candidate, checkin, inputs)
    actuals = actuals_at(candidate, checkin, inputs)
    result = scoring.probation_score(
        scoring_items(plan) if items is None else items,
        {str(item_id): [r.value for r in rows] for item_id, rows in ratings.items()},
        {str(item_id): row.value for item_id, row in actuals.items()},
        plan.pass_threshold,
        plan.extend_threshold,
    )
    entered = candidate.actuals if inputs is None else inputs.actuals
    entered_here = any(row.checkin_id == checkin.id for row in entered)
    return CheckinScore(checkin, result, bool(ratings) or entered_here)


def timeline(candidate: Candidate, inputs: CandidateInputs | None = None) -> list[CheckinScore]:
    """The score at every check-in, in date order."""
    items = scoring_items(candidate.plan)
    checkins = plan_definition(candidate.plan).checkins
    return [score_at(candidate, checkin, items, inputs) for checkin in checkins]


def latest_with_data(scores: list[CheckinScore]) -> CheckinScore | None:
    """The latest check-in that has ratings or actuals."""
    return next((s for s in reversed(scores) if s.has_data), None)


def default_checkin(
    candidate: Candidate, scores: list[CheckinScore] | None = None
) -> Checkin | None:
    """The latest check-in with ratings or actuals, else the first check-in (`scores`:
    the candidate's timeline, when the caller has it already)."""
    found = latest_with_data(timeline(candidate) if scores is None else scores)
    if found is not None:
        return found.checkin
    checkins = plan_definition(candidate.plan).checkins
    return checkins[0] if checkins else None


def score_summary(candidate: Candidate, checkin: Checkin | None = None) -> dict[str, Any]:
    """The score as the API returns it: score, coverage, provisional, verdict, items."""
    checkin = checkin or default_checkin(candidate)
    if checkin is None:
        raise NotFound("the plan has no check-ins")
    result = score_at(candidate, checkin).result
    return {
        "checkin": checkin.id,
        "score": result.score,
        "coverage": result.coverage,
        "provisional": result.provisional,
        "verdict": result.verdict,
        "items": [
            {"id": int(row.item.id), "weight": row.item.weight, "value": row.value}
            for row in result.rows
        ],
    }


def comparison(
    plan: TrialPlan, checkin: Checkin | None = None
) -> list[tuple[Candidate, CheckinScore]]:
    """Every candidate of the plan at the check-in (default: each one's latest with data)."""
    scores = []
    for candidate in plan.candidates:
        chosen = checkin or default_checkin(candidate)
        if chosen is not None:
            scores.append((candidate, score_at(candidate, chosen)))
    return scores
