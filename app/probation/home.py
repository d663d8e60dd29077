"""What the home page shows about probation: the organization's candidates whose period
ends within a week (recruiters and admins), and an evaluator's open check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from app.accounts.models import User
from app.domain.probation import deadlines, law
from app.extensions import db
from app.probation import evaluations, verdicts
from app.probation.models import Candidate, Checkin, PlanEvaluator, Rating, TrialPlan
from app.probation.plans import organization_law

CHECKIN_AHEAD_DAYS = 14  # a check-in is open from 14 days before its date
MAX_ROWS = 100  # the home page lists at most this many rows per list


@dataclass(frozen=True)
class EndingSoon:
    """A candidate whose probation ends soon, with the verdict and the notice deadline."""

    candidate: Candidate
    end: date
    verdict: str | None
    verdict_label: str
    provisional: bool
    deadline: date
    working_days_left: int
    notice_due: bool
    urgent: bool
    checkin_id: int | None


@dataclass(frozen=True)
class OpenCheckin:
    """A check-in where the evaluator has tasks left to rate for a candidate."""

    candidate: Candidate
    plan: TrialPlan
    checkin_id: int
    checkin_name: str
    due_date: date
    tasks_left: int
    tasks_total: int


def ending_soon(user: User, today: date) -> list[EndingSoon]:
    """The user's organization's candidates (not erased) whose probation ends within
    SOON_DAYS of today, soonest first. One query for the candidates, bounded by start
    date; the end date is computed from each candidate's plan."""
    query = (
        select(Candidate)
        .join(TrialPlan, Candidate.plan_id == TrialPlan.id)
        .options(contains_eager(Candidate.plan))
        .where(
            Candidate.organization_id == user.organization_id,
            TrialPlan.organization_id == user.organization_id,
            Candidate.erased_at.is_(None),
            Candidate.start_date >= deadlines.start_bound(today),
            Candidate.start_date <= today + timedelta(days=deadlines.SOON_DAYS),
        )
        .order_by(Candidate.start_date, Candidate.id)
    )
    found = []
    for candidate in db.session.execute(query).unique().scalars():
        end = deadlines.probation_end(candidate)
        if deadlines.ends_soon(end, today):
            found.append((end, candidate))
    found.sort(key=lambda pair: (pair[0], pair[1].id))
    labour_law = organization_law(user.organization_id)
    extendable = law.extension_allowed(labour_law)
    rows = []
    for end, candidate in found[:MAX_ROWS]:
        inputs = evaluations.candidate_inputs(candidate)
        scores = evaluations.timeline(candidate, inputs)
        checkin = evaluations.default_checkin(candidate, scores)
        verdict, provisional = None, False
        if checkin is not None:
            result = next(s.result for s in scores if s.checkin.id == checkin.id)
            verdict = result.verdict
            state = verdicts.status(candidate, checkin, result, inputs)
            provisional = result.score is not None and state.provisional
        deadline = deadlines.notice_deadline(end)
        rows.append(
            EndingSoon(
                candidate=candidate,
                end=end,
                verdict=verdict,
                verdict_label=verdicts.verdict_label(verdict, labour_law),
                provisional=provisional,
                deadline=deadline,
                working_days_left=deadlines.working_days_left(today, deadline),
                notice_due=deadlines.notice_due(verdict, extendable),
                urgent=deadlines.urgent(verdict, end, today, extendable),
                checkin_id=checkin.id if checkin is not None else None,
            )
        )
    return rows


def open_checkins(user: User, today: date) -> list[OpenCheckin]:
    """The evaluator's open check-ins: on plans they are assigned to, dated up to 14 days
    ahead (or already past), for each candidate (not erased) with tasks they have not
    rated there yet; earliest first."""
    candidates = list(
        db.session.execute(
            select(Candidate)
            .join(TrialPlan, Candidate.plan_id == TrialPlan.id)
            .join(PlanEvaluator, PlanEvaluator.plan_id == TrialPlan.id)
            .options(contains_eager(Candidate.plan))
            .where(
                PlanEvaluator.user_id == user.id,
                TrialPlan.organization_id == user.organization_id,
                Candidate.organization_id == user.organization_id,
                Candidate.erased_at.is_(None),
            )
            .order_by(Candidate.id)
        )
        .unique()
        .scalars()
    )
    if not candidates:
        return []
    plan_ids = {c.plan_id for c in candidates}
    checkins = db.session.execute(
        select(Checkin.id, Checkin.plan_id, Checkin.name, Checkin.due_date)
        .where(
            Checkin.plan_id.in_(plan_ids),
            Checkin.organization_id == user.organization_id,
            Checkin.due_date <= today + timedelta(days=CHECKIN_AHEAD_DAYS),
        )
        .order_by(Checkin.due_date, Checkin.position, Checkin.id)
    ).all()
    rated: dict[tuple[int, int], set[int]] = {}
    for candidate_id, checkin_id, item_id in db.session.execute(
        select(Rating.candidate_id, Rating.checkin_id, Rating.item_id).where(
            Rating.evaluator_id == user.id,
            Rating.organization_id == user.organization_id,
            Rating.candidate_id.in_([c.id for c in candidates]),
        )
    ):
        rated.setdefault((candidate_id, checkin_id), set()).add(item_id)
    tasks = {
        c.plan_id: {i.id for i in evaluations.plan_definition(c.plan).items if i.kind == "task"}
        for c in candidates
    }
    by_plan: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        by_plan.setdefault(candidate.plan_id, []).append(candidate)
    rows = []
    for checkin in checkins:
        for candidate in by_plan.get(checkin.plan_id, ()):
            plan_tasks = tasks[candidate.plan_id]
            left = len(plan_tasks - rated.get((candidate.id, checkin.id), set()))
            if left:
                rows.append(
                    OpenCheckin(
                        candidate=candidate,
                        plan=candidate.plan,
                        checkin_id=checkin.id,
                        checkin_name=checkin.name,
                        due_date=checkin.due_date,
                        tasks_left=left,
                        tasks_total=len(plan_tasks),
                    )
                )
    return rows[:MAX_ROWS]
