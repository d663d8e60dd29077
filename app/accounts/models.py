"""Organizations, their users, sign-in throttling and the audit log."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db


class Organization(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """An employer; every record in the app belongs to exactly one."""

    __tablename__ = "organizations"
    # A unique index, not a constraint: SQLite adds a column without a table copy only
    # then (other tables' foreign keys point here). NULLs (no slug yet) do not clash.
    __table_args__ = (Index("ix_organizations_slug", "slug", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Not unique: a name shared with another organization must not be refused (the
    # refusal would tell an admin which organizations exist).
    name: Mapped[str] = mapped_column(String(200))
    # Bumped whenever the organization's catalog overrides change (cache key).
    catalog_version: Mapped[int] = mapped_column(default=1)
    logo_mime: Mapped[str | None] = mapped_column(String(40))
    # The labour law the organization is under: "ru" (the Russian Labour Code, where a
    # probation cannot be extended) or "extendable" (another law that allows it).
    labour_law: Mapped[str] = mapped_column(String(12), default="ru", server_default="ru")
    # Every user must sign in with a second factor (TOTP); users without one are sent
    # to set it up right after the password.
    require_2fa: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Loaded when used (documents, settings), not with every page's organization.
    logo_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Vacancy defaults (app/domain/vacancies/org_defaults.py): pre-filled into a new vacancy in
    # the web form, "" when not set. The texts load when used, not with every page.
    vacancy_intro_md: Mapped[str] = mapped_column(
        Text, default="", server_default="", deferred=True, deferred_group="vacancy_defaults"
    )
    vacancy_conditions_md: Mapped[str] = mapped_column(
        Text, default="", server_default="", deferred=True, deferred_group="vacancy_defaults"
    )
    vacancy_apply_md: Mapped[str] = mapped_column(
        Text, default="", server_default="", deferred=True, deferred_group="vacancy_defaults"
    )
    vacancy_city: Mapped[str] = mapped_column(String(120), default="", server_default="")
    vacancy_address: Mapped[str] = mapped_column(String(120), default="", server_default="")
    vacancy_workplace: Mapped[str] = mapped_column(String(12), default="", server_default="")
    # Public job pages (app/public/): the address part /jobs/<slug>/ and whether the
    # pages answer at all (off by default: nothing is public until an admin says so).
    slug: Mapped[str | None] = mapped_column(String(60))
    public_jobs: Mapped[bool] = mapped_column(default=False, server_default=false())

    users: Mapped[list[User]] = relationship(back_populates="organization")


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    """A person who signs in; belongs to one organization and has one role."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on logout, deactivation and password change: cookies carrying an older
    # number are refused, so a copied cookie dies with the session it came from.
    session_version: Mapped[int] = mapped_column(default=1)
    locale: Mapped[str | None] = mapped_column(String(5))
    # Two-factor sign-in (RFC 6238 TOTP): the base32 secret, and the last time step a
    # code was accepted for (a code is good once: steps up to this one are refused).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship(back_populates="users")

    def get_id(self) -> str:
        """Identify the user and the session generation in the session cookie."""
        return f"{self.id}:{self.session_version}"

    @property
    def has_2fa(self) -> bool:
        return bool(self.totp_secret)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def display_name(self) -> str:
        return self.name or self.email


class LoginFailure(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """One failed sign-in, counted per account and per address for throttling."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_created_at", "key", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class AuditEvent(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """Something an admin may need to look back at: sign-ins, role changes, exports."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_org_created", "organization_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    ip: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RecoveryCode(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A one-time code that stands in for a TOTP code; only its SHA-256 is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


TOKEN_KINDS = ("invite", "reset")


class AccountToken(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy makes db.Model at runtime
    """A link sent by mail: an invitation to join an organization, or a password reset.

    Only the SHA-256 of the token is stored; a token works once and until `expires_at`.
    """

    __tablename__ = "account_tokens"
    __table_args__ = (Index("ix_account_tokens_org_kind", "organization_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    # The user whose password a reset changes; None for invitations.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
