"""Candidates: adding, the score page, ratings per check-in, KPI actuals and erasure."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.domain.probation.errors import InvalidInput
from app.extensions import db
from app.permissions import is_editor
from app.probation import blind, candidates, evaluations
from app.probation.candidates import update_candidate
from app.probation.evaluations import (
    actuals_at,
    candidate_inputs,
    default_checkin,
    plan_definition,
    record_evaluation,
    record_kpi_actuals,
)
from app.probation.forms import (
    CandidateForm,
    ConfirmForm,
    actual_field,
    actuals_form,
    comment_field,
    evaluation_form,
    rating_field,
)
from app.probation.report import candidate_context, format_number
from app.probation.scope import is_assigned
from app.probation.web import (
    attach_problem,
    bp,
    checkin_from_args,
    load_candidate,
    load_checkin,
    load_plan,
)
from app.vacancies.models import Vacancy


def _candidate_values(form: CandidateForm) -> dict:
    return {
        name: getattr(form, name).data
        for name in ("name", "position_title", "start_date", "contact")
    }


@bp.route("/plans/<int:plan_id>/candidates/new", methods=["GET", "POST"])
@login_required
def add_candidate(plan_id: int):
    """Put a candidate on the plan."""
    plan = load_plan(plan_id, editor=True)
    form = CandidateForm()
    if request.method == "GET":
        form.start_date.data = plan.start_date
        if plan.vacancy_id:
            vacancy = db.session.get(Vacancy, plan.vacancy_id)
            form.position_title.data = vacancy.title if vacancy else ""
    elif form.validate():
        try:
            candidate = candidates.add_candidate(plan, **_candidate_values(form))
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The candidate is on the plan."), "success")
            return redirect(url_for("probation.candidate", candidate_id=candidate.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "probation/candidate_form.html", plan=plan, form=form, candidate=None
    ), status


@bp.route("/candidates/<int:candidate_id>")
@login_required
def candidate(candidate_id: int):
    """Score, coverage, verdict and the arithmetic behind them, per check-in."""
    candidate = load_candidate(candidate_id)
    # The score at every check-in, computed once: it picks the default check-in (the
    # latest one with ratings or actuals, unless ?checkin= names one) and fills the page.
    # The ratings and KPI results as rows, read once for every check-in's score.
    # An evaluator who has not submitted at a check-in sees neither the others' ratings
    # there nor its score (blind ratings); `seen` is what this user may see.
    inputs = candidate_inputs(candidate)
    seen = blind.view(candidate, current_user, inputs)
    scores = seen.scores
    checkin = checkin_from_args(candidate.plan) or default_checkin(candidate, scores)
    context = (
        candidate_context(candidate, checkin, scores=scores, inputs=seen.inputs)
        if checkin is not None
        else {}
    )
    done = evaluations.submitted(candidate, checkin, inputs) if checkin is not None else set()
    return render_template(
        "probation/candidate.html",
        candidate=candidate,
        plan=candidate.plan,
        checkin=checkin,
        hidden=checkin is not None and checkin.id in seen.hidden,
        closed=checkin is not None and blind.is_closed(checkin),
        submitted_ids=done,
        confirm=ConfirmForm(),
        assigned=is_assigned(candidate.plan, current_user),
        has_kpis=any(i.kind == "kpi" for i in plan_definition(candidate.plan).items),
        **context,
    )


@bp.route("/candidates/<int:candidate_id>/checkins/<int:checkin_id>/close", methods=["POST"])
@login_required
def close_checkin(candidate_id: int, checkin_id: int):
    """Close a check-in (every evaluator then sees all ratings there) or open it again."""
    candidate = load_candidate(candidate_id, editor=True)
    checkin = load_checkin(candidate.plan, checkin_id)
    if not ConfirmForm().validate():
        abort(400)
    closed = request.form.get("action", "close") != "reopen"
    blind.set_closed(checkin, closed)
    db.session.commit()
    flash(
        _("The check-in is closed: every evaluator sees all ratings.")
        if closed
        else _("The check-in is open again: ratings are blind until each evaluator submits."),
        "success",
    )
    return redirect(url_for("probation.candidate", candidate_id=candidate.id, checkin=checkin.id))


@bp.route("/candidates/<int:candidate_id>/edit", methods=["GET", "POST"])
@login_required
def edit_candidate(candidate_id: int):
    """Correct a candidate's data."""
    candidate = load_candidate(candidate_id, editor=True)
    if candidate.erased_at is not None:
        abort(404)
    form = CandidateForm()
    if request.method == "GET":
        for name in ("name", "position_title", "start_date", "contact"):
            getattr(form, name).data = getattr(candidate, name)
    elif form.validate():
        try:
            update_candidate(candidate, **_candidate_values(form))
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The candidate is saved."), "success")
            return redirect(url_for("probation.candidate", candidate_id=candidate.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "probation/candidate_form.html", plan=candidate.plan, form=form, candidate=candidate
    ), status


@bp.route("/candidates/<int:candidate_id>/erase", methods=["GET", "POST"])
@login_required
def erase_candidate(candidate_id: int):
    """Erase the candidate's personal data on request; the ratings stay, anonymous."""
    candidate = load_candidate(candidate_id, editor=True)
    if candidate.erased_at is not None:
        abort(404)
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        candidates.erase_candidate(candidate, current_user)
        db.session.commit()
        flash(_("The personal data is erased. The ratings stay for statistics."), "success")
        return redirect(url_for("probation.plan", plan_id=candidate.plan_id, _anchor="candidates"))
    return render_template("probation/erase.html", candidate=candidate, form=form)


@bp.route(
    "/candidates/<int:candidate_id>/checkins/<int:checkin_id>/evaluate", methods=["GET", "POST"]
)
@login_required
def evaluate(candidate_id: int, checkin_id: int):
    """An assigned evaluator rates every task 0, 1, 2 or n/a, with comments."""
    candidate = load_candidate(candidate_id)
    checkin = load_checkin(candidate.plan, checkin_id)
    if not is_assigned(candidate.plan, current_user):
        abort(403)
    if candidate.erased_at is not None:
        abort(404)
    tasks = [item for item in candidate.plan.items if item.kind == "task"]
    form = evaluation_form(tasks)
    mine = {
        r.item_id: r
        for r in candidate.ratings
        if r.checkin_id == checkin.id and r.evaluator_id == current_user.id
    }
    if request.method == "GET":
        for item in tasks:
            row = mine.get(item.id)
            if row is not None:
                form[rating_field(item.id)].data = "na" if row.value is None else str(row.value)
                form[comment_field(item.id)].data = row.comment
    elif form.validate():
        ratings, unrated, comments = {}, [], {}
        for item in tasks:
            choice = form[rating_field(item.id)].data
            if choice == "":
                unrated.append(item.id)
            else:
                ratings[item.id] = None if choice == "na" else int(choice)
            comments[item.id] = form[comment_field(item.id)].data or ""
        try:
            record_evaluation(candidate, current_user, checkin, ratings, comments, unrated)
        except InvalidInput as problem:
            attach_problem(form, problem, _field_aliases(tasks))
        else:
            db.session.commit()
            flash(_("Your ratings are saved."), "success")
            return redirect(
                url_for("probation.candidate", candidate_id=candidate.id, checkin=checkin.id)
            )
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "probation/evaluate.html",
        candidate=candidate,
        checkin=checkin,
        form=form,
        tasks=tasks,
        blind=checkin.id in blind.hidden_checkins(candidate, current_user),
    ), status


def _field_aliases(items) -> dict:
    aliases = {}
    for item in items:
        aliases[f"ratings.{item.id}"] = rating_field(item.id)
        aliases[f"comments.{item.id}"] = comment_field(item.id)
        aliases[f"actuals.{item.id}"] = actual_field(item.id)
    return aliases


@bp.route(
    "/candidates/<int:candidate_id>/checkins/<int:checkin_id>/actuals", methods=["GET", "POST"]
)
@login_required
def actuals(candidate_id: int, checkin_id: int):
    """Enter the candidate's KPI results at a check-in (the latest entry counts)."""
    candidate = load_candidate(candidate_id)
    checkin = load_checkin(candidate.plan, checkin_id)
    if not (is_editor(current_user) or is_assigned(candidate.plan, current_user)):
        abort(403)
    if candidate.erased_at is not None:
        abort(404)
    kpis = [item for item in candidate.plan.items if item.kind == "kpi"]
    counted = actuals_at(candidate, checkin)
    here = {item_id: row.value for item_id, row in counted.items() if row.checkin_id == checkin.id}
    form = actuals_form(kpis, here)
    if request.method == "GET":
        for item_id, value in here.items():
            form[actual_field(item_id)].data = format_number(value)
    elif form.validate():
        values: dict = {item_id: None for item_id in form.cleared}
        values.update(form.values)
        try:
            record_kpi_actuals(candidate, checkin, values, current_user, confirm=form.confirmed)
        except InvalidInput as problem:
            attach_problem(form, problem, _field_aliases(kpis))
        else:
            db.session.commit()
            flash(_("The results are saved."), "success")
            return redirect(
                url_for("probation.candidate", candidate_id=candidate.id, checkin=checkin.id)
            )
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "probation/actuals.html",
        candidate=candidate,
        checkin=checkin,
        form=form,
        kpis=kpis,
        counted=counted,
        asks_confirmation=getattr(form, "asks_confirmation", set()),
    ), status
