"""Job pages: progress and result of one job, the failed and recent jobs for admins."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import org_id
from app.extensions import db
from app.jobs.files import result_path
from app.jobs.models import Job
from app.permissions import ADMINS, is_admin, roles_required

bp = Blueprint("jobs", __name__)
KEEP_PAGE = 100

KINDS = {
    "render": _l("Vacancy file"),
    "zip": _l("ZIP of vacancies"),
    "html-pdf": _l("PDF document"),
    "org-export": _l("Organization export"),
}
STATUSES = {
    "queued": _l("Waiting"),
    "running": _l("In progress"),
    "done": _l("Ready"),
    "failed": _l("Failed"),
}
MESSAGES = {
    "timeout": _l("The document could not be made in time. Shorten it or try again."),
    "busy": _l("The server is busy making other files. Try again in a minute."),
    "memory": _l(
        "The document needs more memory than allowed. Shorten the text or use a smaller logo."
    ),
    "too_large": _l("The document is too large. Shorten the text of the vacancy."),
    "unavailable": _l("A service the job needs was unavailable; it was tried again."),
    "gave_up": _l("The job was tried too many times and was stopped."),
    "gone": _l("What the job was for no longer exists."),
    "failed": _l("The file could not be made."),
    "pending": _l("The file is still being made. Download it again in a few seconds."),
}


def message(code: str) -> str:
    """The user's words for a job message code ('' for none)."""
    return str(MESSAGES.get(code, MESSAGES["failed"])) if code else ""


def load_job(job_id: int) -> Job:
    """A job of the user's organization that the user may see: their own, or any for an
    admin (404 otherwise, never 403)."""
    job = db.session.execute(
        select(Job).where(Job.id == job_id, Job.organization_id == org_id())
    ).scalar_one_or_none()
    if job is None or (job.user_id != current_user.id and not is_admin(current_user)):
        abort(404)
    return job


@bp.route("/tasks/<int:job_id>")
@login_required
def show(job_id: int):
    """Progress of a job, and its file once ready."""
    job = load_job(job_id)
    ready = job.status == "done" and result_path(job) is not None
    return render_template(
        "jobs/show.html",
        job=job,
        ready=ready,
        kind=KINDS.get(job.kind, job.kind),
        status=STATUSES.get(job.status, job.status),
        message=message(job.message) if job.status == "failed" else "",
    )


@bp.route("/tasks/<int:job_id>/status")
@login_required
def status(job_id: int):
    """The job's progress as JSON (the page updates itself with it)."""
    job = load_job(job_id)
    response = jsonify(
        status=job.status,
        label=str(STATUSES.get(job.status, job.status)),
        progress=job.progress,
        total=job.total,
    )
    return response


@bp.route("/tasks/<int:job_id>/download")
@login_required
def download(job_id: int):
    """The job's file while it is kept."""
    job = load_job(job_id)
    path = result_path(job) if job.status == "done" else None
    if path is None or not job.result_name:
        abort(404)
    response = Response(path.read_bytes(), content_type=job.result_type or "application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    return response


@bp.route("/admin/jobs")
@roles_required(*ADMINS)
def admin():
    """The organization's recent jobs, failed ones first when asked (?failed=1)."""
    failed_only = request.args.get("failed") == "1"
    query = select(Job).where(Job.organization_id == org_id())
    if failed_only:
        query = query.where(Job.status == "failed")
    jobs = db.session.execute(query.order_by(Job.id.desc()).limit(KEEP_PAGE)).scalars().all()
    rows = [
        {
            "job": job,
            "kind": KINDS.get(job.kind, job.kind),
            "status": STATUSES.get(job.status, job.status),
            "message": message(job.message) if job.status == "failed" else "",
        }
        for job in jobs
    ]
    return render_template("jobs/admin.html", rows=rows, failed_only=failed_only)
