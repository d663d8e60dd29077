"""The task queue: huey carries job ids from the web processes to `flask worker`.

Storage: Redis when REDIS_URL is set (several machines), else an SQLite file in the
instance folder (one machine, no extra server: `make run`). Under TESTING the queue is
immediate: a job runs in the submitting process as soon as its transaction commits.

A job is queued only once the transaction that created its row has committed, so a
worker never looks for a row that is not there yet; if the queue cannot be reached the
row stays queued and the sweep (every SWEEP_SECONDS in the worker) queues it again, as
it does for a job whose worker died mid-run (a heartbeat older than JOB_STALE_SECONDS).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from app.database import utcnow
from app.extensions import db
from app.jobs.models import Job, stale_before
from app.jobs.tasks import KINDS, TransientError, run, running_here

log = logging.getLogger("smm.jobs")
PENDING = "smm.jobs.pending"
# A file someone is waiting for goes before the renders queued after saves.
URGENT = 10


def make_huey(app: Flask):
    """The huey instance this app's settings ask for."""
    from huey import PriorityRedisHuey, SqliteHuey

    eager = bool(app.config.get("JOBS_EAGER"))
    url = app.config.get("REDIS_URL")
    if url and not eager:
        return PriorityRedisHuey("smm-jobs", url=url, results=False)
    path = app.config.get("QUEUE_DB") or str(Path(app.instance_path) / "queue.sqlite3")
    return SqliteHuey("smm-jobs", filename=path, results=False, immediate=eager)


def init_app(app: Flask) -> None:
    """Create the queue and register the one task: run the job with this id."""
    huey = make_huey(app)
    retries = int(app.config.get("JOB_RETRIES", 3))

    @huey.task(
        retries=retries,
        retry_delay=int(app.config.get("JOB_RETRY_DELAY", 2)),
        retry_backoff=2,
        context=True,
        name="run_job",
    )
    def run_job(job_id: int, task=None) -> None:
        with app.app_context():
            try:
                run(job_id, final=task is None or not task.retries)
            except TransientError:
                raise  # huey queues it again after retry_delay (doubling each time)
            finally:
                db.session.remove()

    app.extensions["smm.huey"] = huey
    app.extensions["smm.run_job"] = run_job
    # What each kind of job runs; features add theirs at app creation (register_kind).
    app.extensions["smm.job_kinds"] = dict(KINDS)


def enqueue_after_commit(job: Job, priority: int = 0) -> None:
    """Queue `job` (already flushed) when the current transaction commits. Queuing a job
    twice is harmless: a worker runs only a job it can claim (see tasks.run)."""
    run_job = current_app.extensions["smm.run_job"]
    db.session.info.setdefault(PENDING, []).append((run_job, job.id, priority))


def enqueue_now(job_id: int, priority: int = 0) -> None:
    """Put a job id on the queue now (the row must be committed)."""
    _enqueue(current_app.extensions["smm.run_job"], job_id, priority)


def _enqueue(run_job, job_id: int, priority: int) -> None:
    try:
        run_job(job_id, priority=priority)
    except Exception:  # the row stays queued; the sweep queues it again
        log.exception("could not queue job %s", job_id)


@event.listens_for(Session, "after_commit")
def _queue_committed(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    for run_job, job_id, priority in pending or ():
        _enqueue(run_job, job_id, priority)


@event.listens_for(Session, "after_rollback")
def _drop_rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


def sweep(app: Flask, limit: int = 200) -> int:
    """See _sweep; in a write transaction from its start (it reads, then writes)."""
    from app.database import write_intent

    db.session.commit()
    token = write_intent.set(True)
    try:
        return _sweep(app, limit)
    finally:
        write_intent.reset(token)


def _sweep(app: Flask, limit: int) -> int:
    """Queue again the jobs whose worker died (a running job's heartbeat older than
    JOB_STALE_SECONDS) or whose queue message was lost (queued longer than
    JOB_REQUEUE_SECONDS); drop old jobs and their files. Returns how many were queued
    again."""
    from app.jobs.files import remove_result

    now = utcnow()
    lost = now - timedelta(seconds=int(app.config.get("JOB_REQUEUE_SECONDS", 300)))
    ids = (
        db.session.execute(
            select(Job.id)
            .where(
                ((Job.status == "running") & (Job.updated_at < stale_before(app)))
                | ((Job.status == "queued") & (Job.updated_at < lost))
            )
            .order_by(Job.id)
            .limit(limit)
        )
        .scalars()
        .all()
    )
    if ids:
        # Queued again, and touched so the next sweep waits a full stale period first.
        db.session.execute(
            update(Job).where(Job.id.in_(ids)).values(status="queued", updated_at=now)
        )
    expired = db.session.execute(
        select(Job).where(Job.expires_at < now, Job.result_file.is_not(None)).limit(limit)
    ).scalars()
    for job in expired:
        remove_result(job)
    keep = timedelta(days=int(app.config.get("JOB_KEEP_DAYS", 7)))
    old = db.session.execute(
        select(Job).where(Job.status.in_(("done", "failed")), Job.finished_at < now - keep)
    ).scalars()
    for job in old:
        remove_result(job)
        db.session.delete(job)
    db.session.commit()
    for job_id in ids:
        log.warning("job %s lost its worker or queue message; queued again", job_id)
        enqueue_now(job_id, URGENT)
    return len(ids)


class Maintenance(threading.Thread):
    """In the worker: heartbeats for its running jobs, and the sweep."""

    def __init__(self, app: Flask, interval: float) -> None:
        super().__init__(name="jobs-maintenance", daemon=True)
        self.app = app
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            with self.app.app_context():
                try:
                    ids = running_here()
                    if ids:
                        db.session.execute(
                            update(Job)
                            .where(Job.id.in_(ids), Job.status == "running")
                            .values(updated_at=utcnow())
                        )
                        db.session.commit()
                    sweep(self.app)
                except Exception:
                    log.exception("job maintenance failed; trying again")
                    db.session.rollback()
                finally:
                    db.session.remove()
            self.stopping.wait(self.interval)
