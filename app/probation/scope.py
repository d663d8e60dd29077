"""Who sees which plans: the organization's editors see all, evaluators only their own."""

from __future__ import annotations

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import contains_eager

from app.accounts.models import User
from app.domain.probation.errors import NotFound
from app.extensions import db
from app.permissions import is_editor
from app.probation.models import Candidate, Checkin, PlanEvaluator, PlanItem, TrialPlan
from app.urls import is_id


def is_assigned(plan: TrialPlan, user: User) -> bool:
    """True when the user is an assigned evaluator of the plan."""
    return any(a.user_id == user.id for a in plan.evaluators)


def _visible(query: Select, editor: bool) -> Select:
    """The query limited to the plans a user may see: of their organization (parameter
    `org`), and for an evaluator only the plans they rate (parameter `uid`)."""
    query = query.where(TrialPlan.organization_id == bindparam("org"))
    if not editor:
        assigned = select(PlanEvaluator.plan_id).where(PlanEvaluator.user_id == bindparam("uid"))
        query = query.where(TrialPlan.id.in_(assigned))
    return query


def _scope(user: User) -> dict[str, int]:
    """The parameters of a `_visible` query for this user."""
    return {"org": user.organization_id, "uid": user.id}


def plans_for(user: User) -> list[tuple[TrialPlan, int]]:
    """The plans the user may see, newest first, with their number of candidates."""
    count = (
        select(func.count(Candidate.id))
        .where(Candidate.plan_id == TrialPlan.id)
        .correlate(TrialPlan)
        .scalar_subquery()
    )
    query = _visible(select(TrialPlan, count), is_editor(user)).order_by(
        TrialPlan.updated_at.desc(), TrialPlan.id.desc()
    )
    return [(plan, n) for plan, n in db.session.execute(query, _scope(user))]


def get_plan(user: User, plan_id: int) -> TrialPlan:
    """A plan the user may see; NotFound otherwise."""
    if not is_id(plan_id):
        raise NotFound(f"plan {plan_id}")
    plan = db.session.execute(
        _visible(select(TrialPlan).where(TrialPlan.id == plan_id), is_editor(user)),
        _scope(user),
    ).scalar_one_or_none()
    if plan is None:
        raise NotFound(f"plan {plan_id}")
    return plan


# Built once per kind of user (a statement with a loader option costs more to build than
# to run): the candidate with its plan from the join (every candidate page reads it).
_CANDIDATE = {
    editor: _visible(
        select(Candidate)
        .join(TrialPlan, Candidate.plan_id == TrialPlan.id)
        .options(contains_eager(Candidate.plan))
        .where(Candidate.id == bindparam("cid")),
        editor,
    )
    for editor in (True, False)
}


def get_candidate(user: User, candidate_id: int) -> Candidate:
    """A candidate on a plan the user may see; NotFound otherwise."""
    if not is_id(candidate_id):
        raise NotFound(f"candidate {candidate_id}")
    candidate = db.session.execute(
        _CANDIDATE[is_editor(user)], {**_scope(user), "cid": candidate_id}
    ).scalar_one_or_none()
    if candidate is None:
        raise NotFound(f"candidate {candidate_id}")
    return candidate


def get_item(plan: TrialPlan, item_id: int) -> PlanItem:
    """An item of this plan; NotFound otherwise."""
    for item in plan.items:
        if item.id == item_id:
            return item
    raise NotFound(f"item {item_id}")


def get_checkin(plan: TrialPlan, checkin_id: int) -> Checkin:
    """A check-in of this plan; NotFound otherwise."""
    for checkin in plan.checkins:
        if checkin.id == checkin_id:
            return checkin
    raise NotFound(f"check-in {checkin_id}")
