"""The probation service: every operation the web views and the JSON API call.

Plain functions over ORM objects and plain values; they raise the exceptions of
app.probation.errors and never commit (the caller commits once per request).
The implementation lives in plans, candidates, evaluations and scope; this module is
the one place callers import from.
"""

from __future__ import annotations

from typing import Any

from app.permissions import is_editor
from app.probation.candidates import (
    add_candidate,
    candidate_label,
    ensure_not_erased,
    erase_candidate,
    update_candidate,
)
from app.probation.deadlines import probation_end
from app.probation.errors import (
    CandidateErased,
    InvalidInput,
    NotAssigned,
    NotFound,
    ProbationError,
    VersionConflict,
)
from app.probation.evaluations import (
    CandidateInputs,
    CheckinScore,
    actuals_at,
    candidate_inputs,
    comparison,
    default_checkin,
    latest_with_data,
    plan_definition,
    ratings_at,
    record_evaluation,
    record_kpi_actuals,
    score_at,
    score_summary,
    scoring_items,
    timeline,
)
from app.probation.evaluators import (
    evaluator_candidates,
    evaluator_users,
    set_evaluators,
    set_evaluators_by_email,
)
from app.probation.models import Candidate, TrialPlan
from app.probation.plans import (
    DEFAULT_PERIOD,
    add_checkin,
    add_item,
    add_months,
    check_version,
    create_plan_from_vacancy,
    default_checkins,
    delete_plan,
    end_date,
    move_item,
    prefilled_items,
    remove_checkin,
    remove_item,
    reorder_items,
    update_checkin,
    update_item,
    update_plan,
)
from app.probation.scope import (
    get_candidate,
    get_checkin,
    get_item,
    get_plan,
    is_assigned,
    plans_for,
)

__all__ = [
    "DEFAULT_PERIOD",
    "CandidateErased",
    "CandidateInputs",
    "CheckinScore",
    "InvalidInput",
    "NotAssigned",
    "NotFound",
    "ProbationError",
    "VersionConflict",
    "actuals_at",
    "add_candidate",
    "add_checkin",
    "add_item",
    "add_months",
    "candidate_inputs",
    "candidate_label",
    "candidate_to_dict",
    "check_version",
    "comparison",
    "create_plan_from_vacancy",
    "default_checkin",
    "default_checkins",
    "delete_plan",
    "end_date",
    "ensure_not_erased",
    "erase_candidate",
    "evaluator_candidates",
    "evaluator_users",
    "get_candidate",
    "get_checkin",
    "get_item",
    "get_plan",
    "is_assigned",
    "is_editor",
    "latest_with_data",
    "move_item",
    "plan_definition",
    "plan_to_dict",
    "plans_for",
    "prefilled_items",
    "probation_end",
    "ratings_at",
    "record_evaluation",
    "record_kpi_actuals",
    "remove_checkin",
    "remove_item",
    "reorder_items",
    "score_at",
    "score_summary",
    "scoring_items",
    "set_evaluators",
    "set_evaluators_by_email",
    "timeline",
    "update_candidate",
    "update_checkin",
    "update_item",
    "update_plan",
]


def plan_to_dict(plan: TrialPlan) -> dict[str, Any]:
    """The plan as the API returns it."""
    return {
        "id": plan.id,
        "vacancy_id": plan.vacancy_id,
        "title": plan.title,
        "language": plan.language,
        "period_months": plan.period_months,
        "start_date": plan.start_date.isoformat(),
        "pass_threshold": plan.pass_threshold,
        "extend_threshold": plan.extend_threshold,
        "version": plan.version,
        "items": [
            {
                "id": item.id,
                "kind": item.kind,
                "title": item.title,
                "weight": item.weight,
                "critical": item.critical,
                "due_date": item.due_date.isoformat() if item.due_date else None,
                "evidence": item.evidence,
                **(
                    {"target": item.target, "direction": item.direction, "unit": item.unit}
                    if item.kind == "kpi"
                    else {}
                ),
            }
            for item in plan.items
        ],
        "evaluators": [user.email for user in evaluator_users(plan)],
        "checkins": [
            {
                "id": c.id,
                "name": c.name,
                "due_date": c.due_date.isoformat(),
                "closed": c.closed_at is not None,
            }
            for c in plan.checkins
        ],
    }


def candidate_to_dict(candidate: Candidate) -> dict[str, Any]:
    """A candidate as the API returns it (no personal data after erasure)."""
    return {
        "id": candidate.id,
        "plan_id": candidate.plan_id,
        "name": candidate.name,
        "position": candidate.position_title,
        "start_date": candidate.start_date.isoformat(),
        "probation_end": probation_end(candidate).isoformat(),
        "contact": candidate.contact,
        "erased": candidate.erased_at is not None,
    }
