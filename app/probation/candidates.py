"""Candidates on a plan: the least personal data that does the job, and erasure on request."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import update

from app.accounts.models import User
from app.accounts.services import audit
from app.database import utcnow
from app.domain.probation import rules
from app.domain.probation.errors import CandidateErased
from app.extensions import db
from app.probation.models import Candidate, Rating, TrialPlan


def _values(name: object, position_title: object, start_date: object, contact: object) -> dict:
    return {
        "name": rules.text("name", name, rules.NAME_MAX),
        "position_title": rules.text("position_title", position_title, rules.POSITION_MAX),
        "start_date": rules.day("start_date", start_date),
        "contact": rules.text("contact", contact, rules.CONTACT_MAX, required=False),
    }


def add_candidate(
    plan: TrialPlan,
    *,
    name: object,
    position_title: object,
    start_date: object,
    contact: object = "",
) -> Candidate:
    """Put a candidate on the plan."""
    candidate = Candidate(
        organization_id=plan.organization_id, **_values(name, position_title, start_date, contact)
    )
    plan.candidates.append(candidate)
    db.session.flush()
    return candidate


def update_candidate(
    candidate: Candidate,
    *,
    name: object,
    position_title: object,
    start_date: object,
    contact: object = "",
) -> None:
    """Correct a candidate's data (refused after erasure)."""
    ensure_not_erased(candidate)
    for key, value in _values(name, position_title, start_date, contact).items():
        setattr(candidate, key, value)


def ensure_not_erased(candidate: Candidate) -> None:
    """Raise CandidateErased for an erased candidate."""
    if candidate.erased_at is not None:
        raise CandidateErased(f"candidate {candidate.id}")


def erase_candidate(candidate: Candidate, user: User | None) -> None:
    """Remove the personal data; ratings and actuals stay, anonymous, for statistics.

    Comments are free text and may name the person, so they go too; the values stay.
    The audit entry holds ids only, never the erased name.
    """
    ensure_not_erased(candidate)
    candidate.name = ""
    candidate.contact = ""
    candidate.erased_at = utcnow()
    db.session.execute(
        update(Rating)
        .where(Rating.candidate_id == candidate.id)
        .values(comment="")
        .execution_options(synchronize_session="fetch")
    )
    audit(
        "candidate-erased",
        user=user,
        org_id=candidate.organization_id,
        candidate_id=candidate.id,
        plan_id=candidate.plan_id,
    )


def candidate_label(candidate: Candidate) -> str:
    """The name to show: the person's name, or a neutral label once erased."""
    if candidate.erased_at is not None or not candidate.name:
        return _("Candidate No. %(num)d (data erased)", num=candidate.id)
    return candidate.name
