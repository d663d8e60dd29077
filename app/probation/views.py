"""Probation pages: the list of plans, a plan built from a vacancy, its settings and evaluators."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectChoice

from app.access import get_in_org_or_404
from app.catalog.service import catalog_for
from app.domain.probation.errors import InvalidInput, VersionConflict
from app.extensions import db
from app.permissions import is_editor
from app.probation import blind, bp, plans
from app.probation.evaluations import latest_with_data
from app.probation.evaluators import evaluator_candidates, evaluator_users, set_evaluators
from app.probation.forms import ConfirmForm, EvaluatorsForm, PlanForm
from app.probation.plans import DEFAULT_PERIOD, create_plan_from_vacancy, end_date, update_plan
from app.probation.scope import is_assigned, plans_for
from app.probation.web import attach_problem, load_plan
from app.vacancies.models import Vacancy

RECENT_VACANCIES = 20


def _editor_only() -> None:
    if not is_editor(current_user):
        abort(403)


@bp.route("/")
@login_required
def index():
    """The plans the user may see; editors also get the vacancies to start a plan from."""
    vacancies: Sequence[Vacancy] = ()
    if is_editor(current_user):
        vacancies = (
            db.session.execute(
                select(Vacancy)
                .where(Vacancy.organization_id == current_user.organization_id)
                .where(Vacancy.status != "archived")
                .order_by(Vacancy.updated_at.desc(), Vacancy.id.desc())
                .limit(RECENT_VACANCIES)
            )
            .scalars()
            .all()
        )
    return render_template(
        "probation/index.html", plans=plans_for(current_user), vacancies=list(vacancies)
    )


def _plan_values(form: PlanForm) -> dict:
    return {
        "title": form.title.data,
        # A period in days counts instead of the months.
        "period_months": None if form.period_days.data else form.period_months.data,
        "start_date": form.start_date.data,
        "pass_threshold": form.pass_threshold.data,
        "extend_threshold": form.extend_threshold.data,
        "period_days": form.period_days.data or None,
        "position_category": form.position_category.data,
        "contract_term": form.contract_term.data,
        "min_coverage": form.min_coverage.data,
    }


@bp.route("/vacancies/<int:vacancy_id>/new", methods=["GET", "POST"])
@login_required
def new_plan(vacancy_id: int):
    """Start a trial plan from a vacancy: items come from its duties and goals."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    _editor_only()
    form = PlanForm()
    if request.method == "GET":
        form.title.data = _("Trial plan: %(title)s", title=vacancy.title)[:200]
        form.period_months.data = str(DEFAULT_PERIOD)
        form.start_date.data = date.today()
        form.pass_threshold.data, form.extend_threshold.data = "75", "50"
        form.min_coverage.data = "80"
    elif form.validate():
        try:
            plan = create_plan_from_vacancy(
                vacancy, catalog_for(current_user.organization), current_user, **_plan_values(form)
            )
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The trial plan is ready. Check the items and assign evaluators."), "success")
            return redirect(url_for("probation.plan", plan_id=plan.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "probation/plan_form.html", form=form, vacancy=vacancy, plan=None
    ), status


@bp.route("/plans/<int:plan_id>")
@login_required
def plan(plan_id: int):
    """A plan: settings, check-ins, items, evaluators and candidates with their verdicts."""
    plan = load_plan(plan_id)
    latest = {}
    for candidate in plan.candidates:
        # Blind ratings: an evaluator gets no score where they have not submitted yet.
        latest[candidate.id] = latest_with_data(blind.view(candidate, current_user).scores)
    return render_template(
        "probation/plan.html",
        plan=plan,
        latest=latest,
        evaluators=evaluator_users(plan),
        end_date=end_date(plan),
        assigned=is_assigned(plan, current_user),
        vacancy=db.session.get(Vacancy, plan.vacancy_id) if plan.vacancy_id else None,
        confirm=ConfirmForm(),
    )


@bp.route("/plans/<int:plan_id>/edit", methods=["GET", "POST"])
@login_required
def edit_plan(plan_id: int):
    """Change the title, period, start date and thresholds."""
    plan = load_plan(plan_id, editor=True)
    form = PlanForm()
    if request.method == "GET":
        form.title.data, form.start_date.data = plan.title, plan.start_date
        form.period_months.data = str(plan.period_months)
        form.pass_threshold.data = f"{plan.pass_threshold:g}"
        form.extend_threshold.data = f"{plan.extend_threshold:g}"
        form.period_days.data = "" if plan.period_days is None else str(plan.period_days)
        form.position_category.data = plan.position_category
        form.contract_term.data = plan.contract_term
        form.min_coverage.data = f"{plan.min_coverage:g}"
        form.base_version.data = str(plan.version)
    elif form.validate():
        try:
            base = int(form.base_version.data) if form.base_version.data else None
        except ValueError:
            base = None
        try:
            update_plan(plan, base_version=base, **_plan_values(form))
        except VersionConflict:
            form.form_errors.append(
                _("Someone changed this plan meanwhile. Reload it and make your changes again.")
            )
            return render_template(
                "probation/plan_form.html", form=form, plan=plan, vacancy=None
            ), 409
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The plan is saved."), "success")
            return redirect(url_for("probation.plan", plan_id=plan.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("probation/plan_form.html", form=form, plan=plan, vacancy=None), status


@bp.route("/plans/<int:plan_id>/delete", methods=["GET", "POST"])
@login_required
def delete_plan(plan_id: int):
    """Ask, then delete the plan with its candidates and ratings."""
    plan = load_plan(plan_id, editor=True)
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        plans.delete_plan(plan)
        db.session.commit()
        flash(_("The plan has been deleted."), "success")
        return redirect(url_for("probation.index"))
    return render_template("probation/delete_plan.html", plan=plan, form=form)


@bp.route("/plans/<int:plan_id>/evaluators", methods=["GET", "POST"])
@login_required
def evaluators(plan_id: int):
    """Assign the users with the evaluator role who rate this plan's candidates."""
    plan = load_plan(plan_id, editor=True)
    users = evaluator_candidates(plan.organization_id)
    form = EvaluatorsForm()
    form.evaluators.choices = [
        SelectChoice(u.id, f"{u.name} ({u.email})" if u.name else u.email) for u in users
    ]
    if request.method == "GET":
        form.evaluators.data = [a.user_id for a in plan.evaluators]
    elif form.validate():
        try:
            set_evaluators(plan, form.evaluators.data or [])
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The evaluators are assigned."), "success")
            return redirect(url_for("probation.plan", plan_id=plan.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("probation/evaluators.html", plan=plan, form=form, users=users), status
