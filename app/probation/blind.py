"""Blind ratings: an evaluator sees the other evaluators' ratings and comments at a
check-in, and the score and verdict there, only once they have submitted their own
(rated every task, see evaluations.submitted) or an editor has closed the check-in.

Admins and recruiters see everything. Every place that shows ratings or scores to an
evaluator (pages, charts, the API) reads them through `view()`, which drops the other
evaluators' rows at the hidden check-ins and blanks the score there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.database import utcnow
from app.domain.probation import scoring
from app.permissions import is_editor
from app.probation.evaluations import (
    CandidateInputs,
    CheckinScore,
    candidate_inputs,
    plan_definition,
    submitted,
    timeline,
)
from app.probation.models import Candidate, Checkin
from app.probation.plans import touch
from app.probation.scope import is_assigned

HIDDEN_MESSAGE = _l("hidden until you submit your ratings")
HIDDEN_NOTE = _l(
    "Your colleagues' ratings open once you submit yours: rate every task at this "
    "check-in (0, 1, 2 or n/a). Until then the score and the verdict of this check-in "
    "are not shown to you."
)


def is_closed(checkin: Any) -> bool:
    """True when an editor closed the check-in (a Checkin or a plan definition row)."""
    return getattr(checkin, "closed_at", None) is not None


def hidden_checkins(
    candidate: Candidate, user: User, inputs: CandidateInputs | None = None
) -> frozenset[int]:
    """Ids of the check-ins at which `user` may not see the others' ratings yet: for an
    assigned evaluator (not an editor), the open check-ins where they have not submitted."""
    if is_editor(user) or not is_assigned(candidate.plan, user):
        return frozenset()
    return frozenset(
        checkin.id
        for checkin in plan_definition(candidate.plan).checkins
        if not is_closed(checkin) and user.id not in submitted(candidate, checkin, inputs)
    )


def visible_inputs(inputs: CandidateInputs, user: User, hidden: frozenset[int]) -> CandidateInputs:
    """The inputs without the other evaluators' ratings at the hidden check-ins."""
    if not hidden:
        return inputs
    ratings = tuple(
        r for r in inputs.ratings if r.checkin_id not in hidden or r.evaluator_id == user.id
    )
    return CandidateInputs(ratings=ratings, actuals=inputs.actuals)


def blank_result(result: scoring.ScoreResult) -> scoring.ScoreResult:
    """A result with no score, verdict or item values (what a hidden check-in shows)."""
    rows = tuple(
        replace(row, value=None, weighted=None, ratings=(), actual=None, attainment=None)
        for row in result.rows
    )
    return scoring.ScoreResult(
        score=None,
        coverage=0.0,
        provisional=False,
        verdict=None,
        rows=rows,
        weighted_sum=0.0,
        valued_weight=0,
        total_weight=result.total_weight,
        failed_critical=(),
    )


def blank(score: CheckinScore) -> CheckinScore:
    """The check-in's score as a viewer who may not see it gets it."""
    return replace(score, result=blank_result(score.result), hidden=True)


@dataclass(frozen=True)
class View:
    """What one user may see of a candidate: the inputs, every check-in's score (blank
    where hidden) and the hidden check-ins."""

    inputs: CandidateInputs
    scores: list[CheckinScore]
    hidden: frozenset[int]

    def score(self, checkin_id: int) -> CheckinScore:
        return next(s for s in self.scores if s.checkin.id == checkin_id)


def view(candidate: Candidate, user: User, inputs: CandidateInputs | None = None) -> View:
    """The candidate as `user` may see it (everything, for editors)."""
    inputs = candidate_inputs(candidate) if inputs is None else inputs
    hidden = hidden_checkins(candidate, user, inputs)
    shown = visible_inputs(inputs, user, hidden)
    scores = [blank(s) if s.checkin.id in hidden else s for s in timeline(candidate, shown)]
    return View(shown, scores, hidden)


def comparison(
    plan: Any, user: User, checkin: Checkin | None = None
) -> list[tuple[Candidate, CheckinScore]]:
    """Every candidate of the plan at the check-in (default: each one's latest with data
    as `user` may see it), blank where it is hidden from `user`."""
    from app.probation.evaluations import default_checkin

    columns = []
    for candidate in plan.candidates:
        seen = view(candidate, user)
        chosen = checkin or default_checkin(candidate, seen.scores)
        if chosen is not None:
            columns.append((candidate, seen.score(chosen.id)))
    return columns


def set_closed(checkin: Checkin, closed: bool) -> None:
    """Close the check-in (every evaluator sees all ratings) or open it again."""
    if closed and checkin.closed_at is None:
        checkin.closed_at = utcnow()
    elif not closed:
        checkin.closed_at = None
    # The plan's definition (its check-ins) is cached per version: count the change.
    touch(checkin.plan)
