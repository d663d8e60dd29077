"""Submitting jobs and waiting for them, for the web views and the API."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from app.database import utcnow, write_transaction
from app.exports.worker import RenderError
from app.extensions import db
from app.jobs.files import result_path
from app.jobs.models import Job, stale_before
from app.jobs.queue import URGENT, enqueue_after_commit


class NotReady(RenderError):
    """The job has not finished within the wait; `job` is still queued or running."""

    def __init__(self, job: Job) -> None:
        super().__init__("Файл ещё готовится. Скачайте его через несколько секунд.", code="pending")
        self.job_id = job.id


class JobError(RenderError):
    """The job failed; `code` says why (see app/jobs/views.MESSAGES)."""


def submit(
    kind: str,
    organization_id: int,
    user_id: int | None,
    subject: str,
    params: dict,
    *,
    payload: str | None = None,
    priority: int = 0,
) -> Job:
    """Add a queued job; it reaches the queue when the transaction commits."""
    job = Job(
        organization_id=organization_id,
        user_id=user_id,
        kind=kind,
        subject=subject[:120],
        status="queued",
        params=params,
        payload=payload,
        message="",
        detail="",
    )
    db.session.add(job)
    db.session.flush()
    enqueue_after_commit(job, priority)
    return job


def latest(organization_id: int, subject: str) -> Job | None:
    """The newest job for this subject in the organization."""
    return db.session.execute(
        select(Job)
        .where(Job.organization_id == organization_id, Job.subject == subject[:120])
        .order_by(Job.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def active_or_submit(
    kind: str, organization_id: int, user_id: int | None, subject: str, params: dict, **kw
) -> int:
    """The id of a live job for the subject, or of a new one (committed and queued).
    Someone waits for it: a queued job is put on the queue again ahead of the renders
    queued after saves, and one whose worker died is queued again."""
    with write_transaction():
        job = latest(organization_id, subject)
        if job is None or job.status in ("done", "failed"):
            job = submit(kind, organization_id, user_id, subject, params, priority=URGENT, **kw)
        elif job.status == "queued" or job.updated_at < stale_before(current_app):
            if job.params.get("urgent") is None:
                job.params = {**job.params, "urgent": True}
            job.status = "queued"
            enqueue_after_commit(job, URGENT)
        job_id = job.id
    return job_id


def wait_for(job_id: int, ready, seconds: float | None = None) -> Job:
    """Poll the job until ready(job) is true (the job returned), it failed (JobError),
    or `seconds` (EXPORT_WAIT_SECONDS) passed (NotReady)."""
    if seconds is None:
        seconds = float(current_app.config.get("EXPORT_WAIT_SECONDS", 8))
    deadline = time.monotonic() + seconds
    pause = 0.02
    while True:
        db.session.commit()  # a fresh snapshot each time
        job = db.session.get(Job, job_id)
        if job is None:
            raise JobError("Не удалось сформировать файл.", code="gone")
        if ready(job):
            return job
        if job.status == "failed":
            raise JobError("Не удалось сформировать файл.", code=job.message or "failed")
        if job.status == "done" or time.monotonic() + pause > deadline:
            raise NotReady(job)
        time.sleep(pause)
        pause = min(pause * 1.5, 0.2)


def cached_file(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def vacancy_file(org, vacancy, document, fmt: str, user_id: int | None) -> bytes:
    """The rendered file of this document: from the export cache (rendered after the
    save), else made by the worker while the request waits a bounded time."""
    from app.exports.cache import cache_path, touch

    path = cache_path(Path(current_app.config["EXPORT_CACHE_DIR"]), document, fmt)
    data = cached_file(path)
    if data is not None:
        touch(path)
        return data
    params = {"vacancy_id": vacancy.id, "format": fmt, "urgent": True}
    job_id = active_or_submit("render", org.id, user_id, f"{fmt}:{path.name[:64]}", params)
    job = wait_for(job_id, lambda job: path.is_file())
    data = cached_file(path)
    if data is None:  # evicted in between
        raise NotReady(job)
    return data


def pdf_from_html(
    html: str, *, organization_id: int, user_id: int | None, title: str, author: str, lang: str
) -> bytes:
    """A printable page as PDF, made by the worker (the same page again within the hour
    is the file made then)."""
    digest = hashlib.sha256("\0".join((html, title, author, lang)).encode()).hexdigest()
    subject = f"html-pdf:{digest}"
    job = latest(organization_id, subject)
    if job is not None and job.status == "done":
        path = result_path(job)
        if path is not None and (job.expires_at is None or job.expires_at > utcnow()):
            return path.read_bytes()
    params = {"title": title, "author": author, "lang": lang}
    job_id = active_or_submit("html-pdf", organization_id, user_id, subject, params, payload=html)
    job = wait_for(job_id, lambda job: job.status == "done" and result_path(job) is not None)
    path = result_path(job)
    if path is None:
        raise NotReady(job)
    return path.read_bytes()
