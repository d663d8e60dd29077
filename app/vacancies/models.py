"""Saved vacancies and every saved version of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

STATUSES = ("draft", "published", "archived")


class Vacancy(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """The current state of a vacancy; `version` guards against silent overwrites."""

    __tablename__ = "vacancies"
    __table_args__ = (
        # One per sort order of the list, ending with the filter columns it lacks: a
        # filtered page deep in the list is skipped to inside the index (migration 8f3a61c2d7b4).
        Index("ix_vacancies_org_updated", "organization_id", "updated_at", "id", "status", "role"),
        Index("ix_vacancies_org_created", "organization_id", "created_at", "id", "status", "role"),
        Index(
            "ix_vacancies_org_status_updated",
            "organization_id",
            "status",
            "updated_at",
            "id",
            "role",
        ),
        Index(
            "ix_vacancies_org_role_updated", "organization_id", "role", "updated_at", "id", "status"
        ),
        Index("ix_vacancies_org_title", "organization_id", "title_key", "id", "status", "role"),
        # The public careers list, sitemap and feed: newest publication first.
        Index(
            "ix_vacancies_org_status_published",
            "organization_id",
            "status",
            "published_at",
            "id",
            "published_version",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    title: Mapped[str] = mapped_column(String(150))
    # Case-folded title (and location) for search: SQLite's lower() ignores Cyrillic.
    title_key: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(12), default="draft")
    data: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)
    error_count: Mapped[int] = mapped_column(default=0)
    warning_count: Mapped[int] = mapped_column(default=0)
    quality: Mapped[int] = mapped_column(default=100)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The version number the last publication made public: the public job page shows
    # that version, never a later edit, until the vacancy is published again.
    published_version: Mapped[int | None] = mapped_column()

    versions: Mapped[list[VacancyVersion]] = relationship(
        back_populates="vacancy",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="VacancyVersion.number",
    )


class VacancyTerm(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A word of a vacancy's title or location, for prefix search that uses an index."""

    __tablename__ = "vacancy_terms"
    # (vacancy_id, term): "does this vacancy have a word starting with ..." is answered
    # from the index alone, for a search walking the list's sort order.
    __table_args__ = (Index("ix_vacancy_terms_vacancy_id", "vacancy_id", "term"),)

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    term: Mapped[str] = mapped_column(String(40), primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True
    )


class VacancyVersion(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A vacancy as it was saved once; never changed afterwards."""

    __tablename__ = "vacancy_versions"
    __table_args__ = (UniqueConstraint("vacancy_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(150))
    data: Mapped[dict] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    vacancy: Mapped[Vacancy] = relationship(back_populates="versions")
