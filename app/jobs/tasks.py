"""What the worker does with a job id: claim the row, run its kind, record the outcome.

Kinds (app.extensions["smm.job_kinds"], filled at app creation):
- render: a vacancy's PDF or DOCX into the export cache (made after every save, so a
  download is a cache hit), and zip: the selected vacancies in one format, with
  progress, kept ZIP_KEEP_HOURS; both registered by app.exports.jobs;
- html-pdf: a printable page made by the web (evaluation report, art. 71 notice);
- org-export: the organization's full JSON export.
Renders run in the render pool (app/exports/worker.py): a time limit and a memory
limit per render, the process killed when it overruns.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import CursorResult, or_, update
from sqlalchemy.exc import OperationalError

from app.database import utcnow
from app.extensions import db
from app.jobs.files import store_result
from app.jobs.models import Job, stale_before

log = logging.getLogger("smm.jobs")
HOUR = timedelta(hours=1)  # reports and exports hold personal data: kept an hour
_running: set[int] = set()
_running_lock = threading.Lock()


class TransientError(Exception):
    """Worth another try later (huey retries with backoff)."""


class JobFailed(Exception):
    """The job cannot succeed; `code` names why for the user."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


def running_here() -> list[int]:
    with _running_lock:
        return list(_running)


def _claim(job_id: int) -> Job | None:
    """Mark the job running if it is queued (or its last worker died); None otherwise."""
    now = utcnow()
    result = db.session.execute(
        update(Job)
        .where(
            Job.id == job_id,
            or_(
                Job.status == "queued",
                (Job.status == "running") & (Job.updated_at < stale_before(current_app)),
            ),
        )
        .values(status="running", attempts=Job.attempts + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)  # an UPDATE's (Session.execute says any Result)
    db.session.commit()
    if result.rowcount != 1:
        return None
    return db.session.get(Job, job_id)


def write(job_id: int, **values) -> None:
    """Update the job row in a write transaction of its own (never upgrading a read
    transaction, which SQLite would refuse under concurrent writers)."""
    from app.database import write_intent

    db.session.rollback()
    token = write_intent.set(True)
    try:
        db.session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(updated_at=utcnow(), **values)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    finally:
        write_intent.reset(token)


def run(job_id: int, *, final: bool) -> None:
    """Run one job; TransientError when it should be tried again."""
    job = _claim(job_id)
    if job is None:
        return  # done, failed, or running in a live worker: a duplicate message
    limit = int(current_app.config.get("JOB_MAX_ATTEMPTS", 6))
    with _running_lock:
        _running.add(job_id)
    try:
        if job.attempts > limit:
            raise JobFailed("gave_up", f"{job.attempts - 1} attempts")
        outcome = current_app.extensions["smm.job_kinds"][job.kind](job) or {}
    except JobFailed as failed:
        _finish(job_id, "failed", failed.code, failed.detail)
    except Exception as error:
        code, transient = _classify(error)
        detail = f"{type(error).__name__}: {error}"
        extra = getattr(error, "detail", "")
        if extra:
            detail += f" ({extra})"
        log.warning("job %s (%s) failed: %s", job_id, code, detail)
        if transient and not final:
            _finish(job_id, "queued", code, detail, done=False)
            raise TransientError(detail) from error
        _finish(job_id, "failed", code, detail)
    else:
        values = {"message": "", "detail": "", **outcome}
        write(job_id, status="done", finished_at=utcnow(), payload=None, **values)
    finally:
        with _running_lock:
            _running.discard(job_id)


def _classify(error: Exception) -> tuple[str, bool]:
    """(message code, transient?) of an error."""
    from app.exports.worker import RenderError

    if isinstance(error, RenderError):
        return error.code, error.code in ("timeout", "busy", "failed")
    if isinstance(error, (OperationalError, OSError, TransientError)):
        return "unavailable", True
    return "failed", False


def _finish(job_id: int, status: str, code: str, detail: str, *, done: bool = True) -> None:
    values: dict[str, object] = {"status": status, "message": code[:40], "detail": detail[:500]}
    if done:
        values.update(finished_at=utcnow(), payload=None)
    write(job_id, **values)


def run_html_pdf(job: Job) -> dict:
    """A printable page as PDF, in the render pool."""
    from app.exports.worker import html_to_pdf_safely

    params = job.params
    db.session.commit()
    data = html_to_pdf_safely(
        job.payload or "", title=params["title"], author=params["author"], lang=params["lang"]
    )
    return {"result_file": store_result(job, data, "pdf"), "expires_at": utcnow() + HOUR}


def run_org_export(job: Job) -> dict:
    """The organization's export as a JSON file (audited as made)."""
    from app.accounts.models import User
    from app.backup.export import dumps, export_organization, record_export

    document = export_organization(job.organization_id, with_password_hashes=False)
    user = db.session.get(User, job.user_id) if job.user_id else None
    record_export(job.organization_id, user, document, via="web")  # commits on its own
    name = store_result(job, dumps(document).encode("utf-8"), "json")
    return {"result_file": name, "expires_at": utcnow() + HOUR}


# The kinds the jobs package runs itself; the exports add "render" and "zip" (see
# app.exports.jobs), each app keeps its table in app.extensions["smm.job_kinds"].
KINDS = {
    "html-pdf": run_html_pdf,
    "org-export": run_org_export,
}


def register_kind(app, kind: str, runner) -> None:
    """Have the worker run `runner(job)` for jobs of this kind (at app creation)."""
    app.extensions["smm.job_kinds"][kind] = runner


def result_suffix(job: Job) -> str:
    return Path(job.result_file or "").suffix.lstrip(".")
