"""Candidates side by side, the PDF evaluation report and the CSV of a plan's ratings."""

from __future__ import annotations

import re

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.accounts.services import audit
from app.database import write_transaction
from app.i18n import ui_lang
from app.probation import blind, bp
from app.probation.evaluations import default_checkin
from app.probation.report import CSV_VARIANTS, logo_uri, ratings_csv, ratings_xlsx, report_pdf
from app.probation.web import checkin_from_args, load_candidate, load_plan


@bp.route("/plans/<int:plan_id>/compare")
@login_required
def compare(plan_id: int):
    """Every candidate of the plan side by side: value per item, score, coverage, verdict."""
    plan = load_plan(plan_id)
    checkin = checkin_from_args(plan)
    return render_template(
        "probation/compare.html",
        plan=plan,
        checkin=checkin,
        columns=blind.comparison(plan, current_user, checkin),
    )


def _filename(text: str, suffix: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40]
    return f"{slug or 'report'}{suffix}"


def _report_checkin(candidate):
    checkin = checkin_from_args(candidate.plan) or default_checkin(candidate)
    if checkin is None:
        abort(404)
    return checkin


@bp.route("/candidates/<int:candidate_id>/report.pdf")
@login_required
def report(candidate_id: int):
    """The evaluation report of a candidate as PDF."""
    from app.exports.worker import RenderError
    from app.jobs.views import message as job_message

    candidate = load_candidate(candidate_id, editor=True)
    checkin = _report_checkin(candidate)
    org = current_user.organization
    logo = logo_uri(org.logo_mime, org.logo_data)
    try:
        pdf = report_pdf(candidate, checkin, org.name, ui_lang(), logo)
    except RenderError as error:
        flash(job_message(error.code), "error")
        return redirect(url_for("probation.candidate", candidate_id=candidate.id))
    # A GET reads in a deferred transaction: the audit entry gets a write transaction of
    # its own, so it waits for other writers instead of failing with "database is locked".
    with write_transaction():
        audit("probation-report", user=current_user, candidate_id=candidate.id, format="pdf")
    name = _filename(f"evaluation-{candidate.id}-{checkin.name}", ".pdf")
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )


@bp.route("/plans/<int:plan_id>/ratings.csv")
@login_required
def ratings_export(plan_id: int):
    """Every rating and KPI entry of the plan as CSV (UTF-8 with BOM, for spreadsheets):
    «;» and decimal commas for Russian Excel by default, ?variant=comma for «,» and
    decimal points."""
    plan = load_plan(plan_id, editor=True)
    variant = request.args.get("variant", "semicolon")
    if variant not in CSV_VARIANTS:
        abort(404)
    body = "\ufeff" + ratings_csv(plan, variant)
    with write_transaction():
        audit("probation-report", user=current_user, plan_id=plan.id, format="csv")
    suffix = "-comma.csv" if variant == "comma" else ".csv"
    return _download(body.encode("utf-8"), "text/csv", f"ratings-plan-{plan.id}", suffix)


@bp.route("/plans/<int:plan_id>/ratings.xlsx")
@login_required
def ratings_workbook(plan_id: int):
    """Every rating and KPI entry of the plan as an Excel workbook with typed cells."""
    plan = load_plan(plan_id, editor=True)
    body = ratings_xlsx(plan, ui_lang())
    with write_transaction():
        audit("probation-report", user=current_user, plan_id=plan.id, format="xlsx")
    return _download(body, XLSX_MIMETYPE, f"ratings-plan-{plan.id}", ".xlsx")


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, mimetype: str, stem: str, suffix: str) -> Response:
    name = _filename(stem, suffix)
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )
