"""Trial plans, their items and check-ins, candidates, ratings and KPI actuals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.database import UTCDateTime, utcnow
from app.extensions import db

_CHILDREN: dict[str, Any] = {"cascade": "all, delete-orphan", "passive_deletes": True}


class TrialPlan(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A probation plan built from a vacancy; `version` guards against silent overwrites."""

    __tablename__ = "trial_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    vacancy_id: Mapped[int | None] = mapped_column(
        ForeignKey("vacancies.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    period_months: Mapped[int] = mapped_column(default=3)
    # Set for a period counted in days (e.g. the 2 weeks of a 2-to-6-month contract);
    # then it counts instead of period_months.
    period_days: Mapped[int | None] = mapped_column()
    # Art. 70 of the Labour Code: "regular" or "head" (heads of organizations, chief
    # accountants and their deputies); "open", "2to6" or "under2" (contract term).
    position_category: Mapped[str] = mapped_column(
        String(10), default="regular", server_default="regular"
    )
    contract_term: Mapped[str] = mapped_column(String(10), default="open", server_default="open")
    start_date: Mapped[date] = mapped_column(Date)
    pass_threshold: Mapped[float] = mapped_column(Float, default=75.0)
    extend_threshold: Mapped[float] = mapped_column(Float, default=50.0)
    # The coverage (percent) below which a verdict is shown as provisional.
    min_coverage: Mapped[float] = mapped_column(Float, default=80.0, server_default="80")
    language: Mapped[str] = mapped_column(String(2), default="ru")
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan", order_by="(PlanItem.position, PlanItem.id)", **_CHILDREN
    )
    checkins: Mapped[list[Checkin]] = relationship(
        back_populates="plan",
        order_by="(Checkin.due_date, Checkin.position, Checkin.id)",
        **_CHILDREN,
    )
    evaluators: Mapped[list[PlanEvaluator]] = relationship(
        back_populates="plan", order_by="PlanEvaluator.id", **_CHILDREN
    )
    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="plan", order_by="Candidate.id", **_CHILDREN
    )


class PlanItem(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A checklist task an evaluator rates, or a KPI with a target."""

    __tablename__ = "plan_items"
    __table_args__ = (Index("ix_plan_items_plan_position", "plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("trial_plans.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(4))  # "task" | "kpi"
    title: Mapped[str] = mapped_column(String(300))
    weight: Mapped[int] = mapped_column(default=1)
    critical: Mapped[bool] = mapped_column(default=False)
    due_date: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(String(500), default="")
    catalog_id: Mapped[str | None] = mapped_column(String(80))
    target: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str | None] = mapped_column(String(6))  # "higher" | "lower"

    plan: Mapped[TrialPlan] = relationship(back_populates="items")


class Checkin(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A dated point of the probation when evaluators rate (e.g. mid-term, final)."""

    __tablename__ = "plan_checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("trial_plans.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    due_date: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(default=0)
    # Set when an editor closes the check-in: every evaluator then sees all ratings.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    plan: Mapped[TrialPlan] = relationship(back_populates="checkins")


class PlanEvaluator(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A user assigned to rate the candidates of a plan."""

    __tablename__ = "plan_evaluators"
    __table_args__ = (UniqueConstraint("plan_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("trial_plans.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    plan: Mapped[TrialPlan] = relationship(back_populates="evaluators")
    # In the same query: whoever reads a plan's evaluators shows their names.
    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class Candidate(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A person on probation: only the data the evaluation needs."""

    __tablename__ = "plan_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("trial_plans.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    position_title: Mapped[str] = mapped_column(String(150))
    start_date: Mapped[date] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(String(200), default="")
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    plan: Mapped[TrialPlan] = relationship(back_populates="candidates")
    ratings: Mapped[list[Rating]] = relationship(back_populates="candidate", **_CHILDREN)
    actuals: Mapped[list[KpiActual]] = relationship(back_populates="candidate", **_CHILDREN)


class Rating(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """One evaluator's rating of one task at one check-in; value None means n/a."""

    __tablename__ = "plan_ratings"
    __table_args__ = (UniqueConstraint("candidate_id", "item_id", "checkin_id", "evaluator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("plan_candidates.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), index=True
    )
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("plan_checkins.id", ondelete="CASCADE"), index=True
    )
    evaluator_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="ratings")
    evaluator: Mapped[User] = relationship()


class KpiActual(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A KPI result of a candidate as entered at a check-in; the latest entry counts."""

    __tablename__ = "plan_kpi_actuals"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("plan_candidates.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), index=True
    )
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("plan_checkins.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[float] = mapped_column(Float)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="actuals")
