"""Editing a plan's items (add, change, remove, reorder) and its check-ins."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.domain.probation.errors import InvalidInput
from app.extensions import db
from app.probation import bp, plans
from app.probation.forms import CheckinForm, ConfirmForm, ItemForm, fill_item_form, item_fields
from app.probation.plans import update_checkin, update_item
from app.probation.web import attach_problem, load_checkin, load_item, load_plan


def _back(plan_id: int, anchor: str = "items"):
    return redirect(url_for("probation.plan", plan_id=plan_id, _anchor=anchor))


@bp.route("/plans/<int:plan_id>/items/new", methods=["GET", "POST"])
@login_required
def add_item(plan_id: int):
    """Add a custom task or measurable goal."""
    plan = load_plan(plan_id, editor=True)
    form = ItemForm()
    if request.method == "POST" and form.validate():
        try:
            plans.add_item(plan, **item_fields(form))
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The item is added."), "success")
            return _back(plan.id)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("probation/item_form.html", plan=plan, form=form, item=None), status


@bp.route("/plans/<int:plan_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(plan_id: int, item_id: int):
    """Change an item's title, weight, criticality, due date, evidence and KPI fields."""
    plan = load_plan(plan_id, editor=True)
    item = load_item(plan, item_id)
    form = ItemForm()
    if request.method == "GET":
        fill_item_form(form, item)
    else:
        form.kind.data = item.kind  # the kind of a stored item does not change
        if form.validate():
            try:
                update_item(item, **item_fields(form))
            except InvalidInput as problem:
                attach_problem(form, problem)
            else:
                db.session.commit()
                flash(_("The item is saved."), "success")
                return _back(plan.id)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("probation/item_form.html", plan=plan, form=form, item=item), status


@bp.route("/plans/<int:plan_id>/items/<int:item_id>/remove", methods=["POST"])
@login_required
def remove_item(plan_id: int, item_id: int):
    """Remove an item (its ratings and actuals go with it)."""
    plan = load_plan(plan_id, editor=True)
    item = load_item(plan, item_id)
    if ConfirmForm().validate():
        plans.remove_item(item)
        db.session.commit()
        flash(_("The item is removed."), "success")
    return _back(plan.id)


@bp.route("/plans/<int:plan_id>/items/<int:item_id>/move", methods=["POST"])
@login_required
def move_item(plan_id: int, item_id: int):
    """Move an item one place up or down."""
    plan = load_plan(plan_id, editor=True)
    item = load_item(plan, item_id)
    if ConfirmForm().validate():
        plans.move_item(item, -1 if request.form.get("direction") == "up" else 1)
        db.session.commit()
    return _back(plan.id)


@bp.route("/plans/<int:plan_id>/checkins/new", methods=["GET", "POST"])
@login_required
def add_checkin(plan_id: int):
    """Add a check-in."""
    plan = load_plan(plan_id, editor=True)
    form = CheckinForm()
    if request.method == "POST" and form.validate():
        try:
            plans.add_checkin(plan, name=form.name.data, due_date=form.due_date.data)
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The check-in is added."), "success")
            return _back(plan.id, "checkins")
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "probation/checkin_form.html", plan=plan, form=form, checkin=None
    ), status


@bp.route("/plans/<int:plan_id>/checkins/<int:checkin_id>/edit", methods=["GET", "POST"])
@login_required
def edit_checkin(plan_id: int, checkin_id: int):
    """Rename or re-date a check-in."""
    plan = load_plan(plan_id, editor=True)
    checkin = load_checkin(plan, checkin_id)
    form = CheckinForm()
    if request.method == "GET":
        form.name.data, form.due_date.data = checkin.name, checkin.due_date
    elif form.validate():
        try:
            update_checkin(checkin, name=form.name.data, due_date=form.due_date.data)
        except InvalidInput as problem:
            attach_problem(form, problem)
        else:
            db.session.commit()
            flash(_("The check-in is saved."), "success")
            return _back(plan.id, "checkins")
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "probation/checkin_form.html", plan=plan, form=form, checkin=checkin
    ), status


@bp.route("/plans/<int:plan_id>/checkins/<int:checkin_id>/remove", methods=["POST"])
@login_required
def remove_checkin(plan_id: int, checkin_id: int):
    """Remove a check-in with its ratings and actuals (the last one stays)."""
    plan = load_plan(plan_id, editor=True)
    checkin = load_checkin(plan, checkin_id)
    if ConfirmForm().validate():
        try:
            plans.remove_checkin(checkin)
        except InvalidInput as problem:
            flash(str(problem.message), "error")
        else:
            db.session.commit()
            flash(_("The check-in is removed."), "success")
    return _back(plan.id, "checkins")
