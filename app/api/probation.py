"""Trial plans: built from a vacancy, read, changed; their items and check-ins."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.api.bodies import Problems, checked, read_json, refuse, required_version
from app.api.components import SCHEMAS
from app.api.context import api_lang, api_org, api_user
from app.api.errors import forbidden
from app.api.registry import operation
from app.api.vacancies import load_vacancy
from app.catalog.service import catalog_for
from app.domain.probation import rules
from app.domain.probation.deadlines import probation_end
from app.extensions import db
from app.permissions import EDITORS, is_editor
from app.probation import blind, plans
from app.probation.evaluators import evaluator_users, set_evaluators_by_email
from app.probation.models import Candidate, TrialPlan
from app.probation.plans import (
    DEFAULT_PERIOD,
    add_item,
    create_plan_from_vacancy,
    delete_plan,
    end_date,
    remove_checkin,
    remove_item,
    update_item,
    update_plan,
)
from app.probation.scope import get_checkin, get_item, get_plan, plans_for

TAG = "Probation"
SETTINGS = ("title", "start_date", "period_months", "pass_threshold", "extend_threshold",
            "period_days", "position_category", "contract_term", "min_coverage")  # fmt: skip


def load_plan(plan_id: int, *, editor: bool = False) -> TrialPlan:
    """A plan the caller may see (404 otherwise); editor=True also needs an editor (403)."""
    plan = get_plan(api_user(), plan_id)
    if editor and not is_editor(api_user()):
        raise forbidden()
    return plan


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


def plan_to_api(plan: TrialPlan) -> dict[str, Any]:
    """The plan with its items, check-ins, evaluators and candidates."""
    return {
        **plan_to_dict(plan),
        "period_days": plan.period_days,
        "position_category": plan.position_category,
        "contract_term": plan.contract_term,
        "min_coverage": plan.min_coverage,
        "end_date": end_date(plan).isoformat(),
        "candidates": [candidate_to_dict(c) for c in plan.candidates],
    }


def set_evaluators(plan: TrialPlan, body: dict[str, Any], form: Problems) -> None:
    """Assign the evaluators the body names by e-mail, if it names them."""
    if "evaluators" in body:
        refuse(form, "evaluators")
        set_evaluators_by_email(plan, body["evaluators"])


@operation("GET", "/trial-plans", summary="List trial plans", tag=TAG, returns="TrialPlanList")
def list_trial_plans():
    """The plans the caller may see: all of the organization's for admins and recruiters,
    the assigned ones for evaluators."""
    return {
        "items": [
            {
                "id": plan.id,
                "vacancy_id": plan.vacancy_id,
                "title": plan.title,
                "start_date": plan.start_date.isoformat(),
                "period_months": plan.period_months,
                "period_days": plan.period_days,
                "version": plan.version,
                "candidates": count,
            }
            for plan, count in plans_for(api_user())
        ]
    }


@operation(
    "POST",
    "/vacancies/<int:vacancy_id>/trial-plans",
    summary="Build a trial plan",
    tag=TAG,
    roles=EDITORS,
    body="TrialPlanInput",
    returns="TrialPlan",
    status=201,
)
def create_trial_plan(vacancy_id: int):
    """Builds a plan from the vacancy: trial tasks for its duties, its goals with their
    targets, a mid-term and a final check-in. Left out: start today, 3 months, pass at 75,
    extend at 50, most positions, an open-ended contract, final from 80 % coverage. The
    period is checked against art. 70 of the Labour Code for Russian organizations (422)."""
    vacancy = load_vacancy(vacancy_id)
    body = read_json()
    form = checked(body, "TrialPlanInput")
    if "title" not in body:
        with force_locale(api_lang()):
            body["title"] = _("Trial plan: %(title)s", title=vacancy.title)[: rules.PLAN_TITLE_MAX]
    plan = create_plan_from_vacancy(
        vacancy,
        catalog_for(api_org()),
        api_user(),
        title=body["title"],
        start_date=body.get("start_date", date.today()),
        period_months=body.get("period_months", DEFAULT_PERIOD),
        pass_threshold=body.get("pass_threshold", 75),
        extend_threshold=body.get("extend_threshold", 50),
        period_days=body.get("period_days"),
        position_category=body.get("position_category", "regular"),
        contract_term=body.get("contract_term", "open"),
        min_coverage=body.get("min_coverage", 80),
    )
    set_evaluators(plan, body, form)
    db.session.commit()
    return plan_to_api(plan), 201, {"Location": url_for("api.get_trial_plan", plan_id=plan.id)}


@operation(
    "GET", "/trial-plans/<int:plan_id>", summary="Read a trial plan", tag=TAG, returns="TrialPlan"
)
def get_trial_plan(plan_id: int):
    """Settings, items, check-ins, evaluators and candidates (evaluators: assigned plans)."""
    return plan_to_api(load_plan(plan_id))


@operation(
    "PUT",
    "/trial-plans/<int:plan_id>",
    summary="Change a trial plan",
    tag=TAG,
    body="TrialPlanUpdate",
    returns="TrialPlan",
    errors=(409,),
)
def update_trial_plan(plan_id: int):
    """Title, period (months, or `period_days`), start, thresholds, the art. 70 choices,
    the minimum coverage and evaluators (by e-mail). `version` is the version the change
    was based on: 409 when the plan changed in between. Left out: unchanged; a
    `period_months` without `period_days` counts the period in months again."""
    plan = load_plan(plan_id, editor=True)
    body = read_json()
    version = required_version(body)
    form = checked(body, "TrialPlanUpdate")
    values = {key: getattr(plan, key) for key in SETTINGS}
    values.update({key: body[key] for key in SETTINGS if key in body})
    if "period_months" in body and "period_days" not in body:
        values["period_days"] = None  # a period given in months is counted in months
    update_plan(plan, **values, base_version=version)
    set_evaluators(plan, body, form)
    db.session.commit()
    return plan_to_api(plan)


@operation(
    "DELETE", "/trial-plans/<int:plan_id>", summary="Delete a trial plan", tag=TAG, status=204
)
def delete_trial_plan(plan_id: int):
    """Deletes the plan with its candidates, ratings and results."""
    delete_plan(load_plan(plan_id, editor=True))
    db.session.commit()
    return "", 204


@operation(
    "POST",
    "/trial-plans/<int:plan_id>/items",
    summary="Add an item to a plan",
    tag=TAG,
    body="PlanItemInput",
    returns="TrialPlan",
    status=201,
)
def add_plan_item(plan_id: int):
    """A task the evaluators rate, or a goal (kind kpi) with a target, unit and direction."""
    plan = load_plan(plan_id, editor=True)
    body = read_json()
    checked(body, "PlanItemInput")
    add_item(plan, **body)
    db.session.commit()
    return plan_to_api(plan), 201


@operation(
    "PUT",
    "/trial-plans/<int:plan_id>/items/<int:item_id>",
    summary="Change a plan item",
    tag=TAG,
    body="PlanItemInput",
    returns="TrialPlan",
)
def update_plan_item(plan_id: int, item_id: int):
    """Fields left out keep their values; the kind cannot change."""
    plan = load_plan(plan_id, editor=True)
    item = get_item(plan, item_id)
    body = read_json()
    checked(body, "PlanItemInput")
    values = {key: getattr(item, key) for key in SCHEMAS["PlanItemInput"]["properties"]}
    values.update(body)
    update_item(item, **values)
    db.session.commit()
    return plan_to_api(plan)


@operation(
    "DELETE",
    "/trial-plans/<int:plan_id>/items/<int:item_id>",
    summary="Remove a plan item",
    tag=TAG,
    status=204,
)
def delete_plan_item(plan_id: int, item_id: int):
    """Removes the item with its ratings and results."""
    plan = load_plan(plan_id, editor=True)
    remove_item(get_item(plan, item_id))
    db.session.commit()
    return "", 204


@operation(
    "POST",
    "/trial-plans/<int:plan_id>/checkins",
    summary="Add a check-in",
    tag=TAG,
    body="CheckinInput",
    returns="TrialPlan",
    status=201,
)
def add_checkin(plan_id: int):
    """A dated point at which the evaluators rate."""
    plan = load_plan(plan_id, editor=True)
    body = read_json()
    checked(body, "CheckinInput")
    plans.add_checkin(plan, name=body.get("name"), due_date=body.get("due_date"))
    db.session.commit()
    return plan_to_api(plan), 201


@operation(
    "PUT",
    "/trial-plans/<int:plan_id>/checkins/<int:checkin_id>",
    summary="Change a check-in",
    tag=TAG,
    body="CheckinUpdate",
    returns="TrialPlan",
)
def update_checkin(plan_id: int, checkin_id: int):
    """Rename or re-date a check-in, or close it (`closed`: true; every evaluator then
    sees all ratings there) or open it again; fields left out keep their values."""
    plan = load_plan(plan_id, editor=True)
    checkin = get_checkin(plan, checkin_id)
    body = read_json()
    if body.get("closed") is None:
        body.pop("closed", None)  # null leaves the check-in as it is
    refuse(checked(body, "CheckinUpdate"), "closed")
    closed = body.pop("closed", None)
    if closed is not None and closed != blind.is_closed(checkin):
        blind.set_closed(checkin, closed)
    plans.update_checkin(
        checkin,
        name=body.get("name", checkin.name),
        due_date=body.get("due_date", checkin.due_date),
    )
    db.session.commit()
    return plan_to_api(plan)


@operation(
    "DELETE",
    "/trial-plans/<int:plan_id>/checkins/<int:checkin_id>",
    summary="Remove a check-in",
    tag=TAG,
    status=204,
    errors=(422,),
)
def delete_checkin(plan_id: int, checkin_id: int):
    """Removes the check-in with its ratings and results; the last one stays (422)."""
    plan = load_plan(plan_id, editor=True)
    remove_checkin(get_checkin(plan, checkin_id))
    db.session.commit()
    return "", 204
