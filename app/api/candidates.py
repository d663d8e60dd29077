"""Candidates on probation: adding, ratings, KPI results, the score and erasure."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.api.bodies import checked, read_json, refuse
from app.api.context import api_user
from app.api.errors import forbidden, invalid
from app.api.params import bad_parameter, int_arg
from app.api.probation import TAG, candidate_to_dict, load_plan
from app.api.registry import Param, operation
from app.domain.probation.errors import NotFound
from app.extensions import db
from app.permissions import is_editor
from app.probation import candidates, scope, verdicts
from app.probation.evaluations import record_evaluation, record_kpi_actuals
from app.probation.models import Candidate, Checkin
from app.probation.scope import get_checkin
from app.urls import MAX_ID, is_id
from app.vacancies.models import Vacancy

CHECKIN = Param(
    "checkin",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    "The check-in (default: the latest one with ratings or results, else the first).",
)


def load_candidate(candidate_id: int, *, editor: bool = False) -> Candidate:
    """A candidate on a plan the caller may see (404); editor=True also needs an editor (403)."""
    candidate = scope.get_candidate(api_user(), candidate_id)
    if editor and not is_editor(api_user()):
        raise forbidden()
    return candidate


def body_checkin(candidate: Candidate, body: dict[str, Any]) -> Checkin:
    """The check-in named by the body's `checkin`; 422 when it is not one of the plan's."""
    checkin_id = body.get("checkin")
    if is_id(checkin_id):
        try:
            return get_checkin(candidate.plan, checkin_id)
        except NotFound:
            pass
    raise invalid({"checkin": [_l("Name one of the plan's check-ins by its id.")]})


def query_checkin(candidate: Candidate) -> Checkin | None:
    """The check-in named by the `checkin` query parameter (None without one); 400 when it
    is not one of the plan's."""
    checkin_id = int_arg("checkin", None, 1, MAX_ID)
    if checkin_id is None:
        return None
    try:
        return get_checkin(candidate.plan, checkin_id)
    except NotFound:
        raise bad_parameter("checkin", _l("Name one of the plan's check-ins.")) from None


def score(candidate: Candidate, checkin: Checkin | None = None) -> dict[str, Any]:
    """Score, coverage, verdict and per-item values at a check-in; `hidden` (all null)
    for an evaluator who has not submitted there yet and the check-in is open."""
    return {
        "candidate_id": candidate.id,
        **verdicts.score_answer(candidate, checkin, viewer=api_user()),
    }


def candidate_values(body: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The service's arguments: the body's values over the current ones."""
    checked(body, "CandidateInput")
    values = {**current, **body}
    return {
        "name": values.get("name"),
        "position_title": values.get("position"),
        "start_date": values.get("start_date"),
        "contact": values.get("contact", ""),
    }


@operation(
    "POST",
    "/trial-plans/<int:plan_id>/candidates",
    summary="Add a candidate",
    tag=TAG,
    body="CandidateInput",
    returns="Candidate",
    status=201,
)
def add_candidate(plan_id: int):
    """Only what the evaluation needs: name, position, start date, optional contact.
    Position defaults to the vacancy's title, start date to the plan's."""
    plan = load_plan(plan_id, editor=True)
    position = plan.title
    if plan.vacancy_id:
        vacancy = db.session.get(Vacancy, plan.vacancy_id)
        position = vacancy.title if vacancy else position
    defaults = {"position": position, "start_date": plan.start_date}
    candidate = candidates.add_candidate(plan, **candidate_values(read_json(), defaults))
    db.session.commit()
    location = url_for("api.get_candidate", candidate_id=candidate.id)
    return candidate_to_dict(candidate), 201, {"Location": location}


@operation(
    "GET",
    "/candidates/<int:candidate_id>",
    summary="Read a candidate",
    tag=TAG,
    returns="Candidate",
)
def get_candidate(candidate_id: int):
    """The candidate's data (empty after erasure)."""
    return candidate_to_dict(load_candidate(candidate_id))


@operation(
    "PUT",
    "/candidates/<int:candidate_id>",
    summary="Correct a candidate's data",
    tag=TAG,
    body="CandidateInput",
    returns="Candidate",
    errors=(409,),
)
def update_candidate(candidate_id: int):
    """Fields left out keep their values; refused (409) after erasure."""
    candidate = load_candidate(candidate_id, editor=True)
    current = {
        "name": candidate.name,
        "position": candidate.position_title,
        "start_date": candidate.start_date,
        "contact": candidate.contact,
    }
    candidates.update_candidate(candidate, **candidate_values(read_json(), current))
    db.session.commit()
    return candidate_to_dict(candidate)


@operation(
    "POST",
    "/candidates/<int:candidate_id>/evaluations",
    summary="Rate a candidate",
    tag=TAG,
    body="EvaluationInput",
    returns="Score",
    errors=(409,),
)
def evaluate_candidate(candidate_id: int):
    """An assigned evaluator's ratings at a check-in: each task 0, 1, 2 or null (n/a),
    with optional comments. Tasks left out keep earlier ratings. Answers the new score."""
    candidate = load_candidate(candidate_id)
    body = read_json()
    form = checked(body, "EvaluationInput")
    checkin = body_checkin(candidate, body)
    refuse(form, "ratings")
    refuse(form, "comments")
    ratings, comments = body.get("ratings", {}), body.get("comments", {})
    record_evaluation(candidate, api_user(), checkin, ratings, comments)
    db.session.commit()
    return score(candidate, checkin)


@operation(
    "PUT",
    "/candidates/<int:candidate_id>/kpi-actuals",
    summary="Enter KPI results",
    tag=TAG,
    body="KpiActualsInput",
    returns="KpiActualsResult",
    errors=(409,),
)
def put_kpi_actuals(candidate_id: int):
    """Results of the plan's goals at a check-in (admins, recruiters, assigned evaluators);
    the latest entry counts. Values are JSON numbers (text is refused); null clears the
    value entered at this check-in; a value far outside the plausible range (a percentage
    over 100, more than 10 x the target) needs "confirm": true. Answers how many entries
    were new or cleared and the score."""
    candidate = load_candidate(candidate_id)
    body = read_json()
    body.setdefault("actuals", {})  # none given: nothing is stored
    form = checked(body, "KpiActualsInput")
    refuse(form, "confirm")
    checkin = body_checkin(candidate, body)
    refuse(form, "actuals")
    stored = record_kpi_actuals(
        candidate, checkin, body["actuals"], api_user(), confirm=body.get("confirm", False)
    )
    db.session.commit()
    return {"stored": stored, "score": score(candidate, checkin)}


@operation(
    "GET",
    "/candidates/<int:candidate_id>/score",
    summary="Score and verdict",
    tag=TAG,
    returns="Score",
    query=(CHECKIN,),
)
def get_score(candidate_id: int):
    """Score (0-100), coverage, whether it is provisional, and the verdict: pass, extend
    or fail; null while nothing is rated."""
    candidate = load_candidate(candidate_id)
    return score(candidate, query_checkin(candidate))


@operation(
    "POST",
    "/candidates/<int:candidate_id>/erase",
    summary="Erase personal data",
    tag=TAG,
    returns="Candidate",
    errors=(409,),
)
def erase_candidate(candidate_id: int):
    """Removes the name, contact and comments on request; the ratings stay, anonymous."""
    candidate = load_candidate(candidate_id, editor=True)
    candidates.erase_candidate(candidate, api_user())
    db.session.commit()
    return candidate_to_dict(candidate)
