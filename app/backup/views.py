"""Admin page: download the organization's full export as one JSON file."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from app.access import org_id
from app.accounts.models import AuditEvent, User
from app.catalog.models import CatalogOverride
from app.database import write_transaction
from app.exports.filenames import export_filename
from app.extensions import db
from app.jobs.files import result_path
from app.jobs.models import Job
from app.jobs.service import JobError, NotReady, active_or_submit, wait_for
from app.jobs.views import message as job_message
from app.permissions import ADMINS, roles_required
from app.probation.models import Candidate, Rating, TrialPlan
from app.vacancies.models import Vacancy, VacancyVersion

bp = Blueprint("backup", __name__, url_prefix="/admin/export")

INCLUDED = (
    (_l("Users and their roles (without password hashes)"), User),
    (_l("Catalog changes of your organization"), CatalogOverride),
    (_l("Vacancies"), Vacancy),
    (_l("Saved versions of vacancies"), VacancyVersion),
    (_l("Trial plans with their tasks, KPIs, check-ins and evaluators"), TrialPlan),
    (_l("Candidates on probation"), Candidate),
    (_l("Ratings and comments"), Rating),
    (_l("Audit log entries"), AuditEvent),
)


@bp.route("")
@roles_required(*ADMINS)
def index():
    """What the export holds, with a download button."""
    counts = [
        (
            label,
            db.session.execute(
                select(func.count()).select_from(model).where(model.organization_id == org_id())
            ).scalar_one(),
        )
        for label, model in INCLUDED
    ]
    return render_template("backup/index.html", counts=counts)


@bp.route("/download")
@roles_required(*ADMINS)
def download():
    """The signed-in admin's own organization as a JSON attachment (audited), made by the
    queue worker; when it takes longer than the bounded wait, its job page."""
    name = export_filename(f"smm-{current_user.organization.name}", date.today(), "json")
    job_id = active_or_submit(
        "org-export", org_id(), current_user.id, f"org-export:{current_user.id}", {}
    )
    with write_transaction():
        job = db.session.get_one(Job, job_id)
        job.result_name, job.result_type = name, "application/json; charset=utf-8"
    try:
        wait_for(job_id, lambda job: job.status == "done" and result_path(job) is not None)
    except NotReady:
        return redirect(url_for("jobs.show", job_id=job_id))
    except JobError as error:
        flash(job_message(error.code), "error")
        return redirect(url_for("backup.index"))
    return redirect(url_for("jobs.download", job_id=job_id))
