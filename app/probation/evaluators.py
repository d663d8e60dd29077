"""Evaluators of a plan: users with the evaluator role, assigned per plan."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.accounts.models import User
from app.domain.probation.errors import InvalidInput
from app.extensions import db
from app.probation.models import PlanEvaluator, TrialPlan
from app.probation.plans import touch


def evaluator_candidates(organization_id: int) -> list[User]:
    """Active users with the evaluator role in the organization, by name."""
    return list(
        db.session.execute(
            select(User)
            .where(
                User.organization_id == organization_id,
                User.role == "evaluator",
                User.active.is_(True),
            )
            .order_by(func.lower(User.name), User.email)
        ).scalars()
    )


def set_evaluators(plan: TrialPlan, user_ids: Iterable[int]) -> None:
    """Assign exactly these evaluators (users of the plan's organization with that role)."""
    allowed = {u.id: u for u in evaluator_candidates(plan.organization_id)}
    wanted = list(dict.fromkeys(user_ids))
    if any(user_id not in allowed for user_id in wanted):
        raise InvalidInput("evaluators", _l("Only active evaluators of your organization."))
    current = {a.user_id: a for a in plan.evaluators}
    for user_id, assignment in current.items():
        if user_id not in wanted:
            plan.evaluators.remove(assignment)
    for user_id in wanted:
        if user_id not in current:
            plan.evaluators.append(
                PlanEvaluator(organization_id=plan.organization_id, user_id=user_id)
            )
    touch(plan)


def set_evaluators_by_email(plan: TrialPlan, emails: Iterable[str]) -> None:
    """Assign evaluators named by e-mail (for the API)."""
    by_email = {u.email: u.id for u in evaluator_candidates(plan.organization_id)}
    ids = []
    for email in emails:
        key = email.strip().lower() if isinstance(email, str) else ""
        if key not in by_email:
            raise InvalidInput("evaluators", _l("Only active evaluators of your organization."))
        ids.append(by_email[key])
    set_evaluators(plan, ids)


def evaluator_users(plan: TrialPlan) -> list[User]:
    """The assigned evaluators, in the order they were assigned."""
    # Loaded with the assignments (PlanEvaluator.user is joined); an assignment made in
    # this session and not yet flushed has only the user's id.
    users = [a.user or db.session.get(User, a.user_id) for a in plan.evaluators]
    return [user for user in users if user is not None]
