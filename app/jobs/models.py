"""Background jobs: one row per piece of slow work, whatever queue carries it.

The row is the truth the pages and the API read (status, progress, message, result);
the queue only carries the job id to a worker. A job whose queue message was lost (a
worker killed mid-render, Redis restarted) is found by its stale heartbeat and queued
again (see queue.sweep), so a submitted job ends done or failed, never forgotten.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database import UTCDateTime, utcnow
from app.extensions import db

STATUSES = ("queued", "running", "done", "failed")
ACTIVE = ("queued", "running")


class Job(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A render, an archive or an export, queued for the worker."""

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_subject", "subject", "id"),
        Index("ix_jobs_status_updated", "status", "updated_at"),
        Index("ix_jobs_org_created", "organization_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    # What the job makes, e.g. "pdf:<content hash>": the same subject is made once.
    subject: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    # Input too large for params (the HTML of a report), dropped when the job ends.
    payload: Mapped[str | None] = mapped_column(Text)
    progress: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    attempts: Mapped[int] = mapped_column(default=0)
    # For the user (translated when shown: a code such as "timeout"), and for admins.
    message: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")
    result_file: Mapped[str | None] = mapped_column(String(200))
    result_name: Mapped[str | None] = mapped_column(String(200))
    result_type: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The heartbeat: a running job older than the stale limit lost its worker.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


def stale_before(app) -> datetime:
    """A running job whose heartbeat is older than this lost its worker (JOB_STALE_SECONDS)."""
    return utcnow() - timedelta(seconds=int(app.config.get("JOB_STALE_SECONDS", 20)))
