"""Account operations shared by the web views, the CLI and the API."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request
from sqlalchemy import func, select

from app.accounts.models import (
    AccountToken,
    AuditEvent,
    LoginFailure,
    Organization,
    User,
)
from app.accounts.passwords import hash_password, verify_password
from app.caches import memoize
from app.database import utcnow
from app.extensions import db
from app.permissions import ROLES


class AccountError(ValueError):
    """A request the account rules refuse; `code` names the rule."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def normalise_email(email: str) -> str:
    """E-mail addresses compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def setup_needed() -> bool:
    """True until the first organization exists."""
    return db.session.execute(select(func.count(Organization.id))).scalar_one() == 0


def find_user(email: str) -> User | None:
    """Look a user up by e-mail."""
    return db.session.execute(
        select(User).where(User.email == normalise_email(email))
    ).scalar_one_or_none()


def get_or_create_organization(name: str) -> Organization:
    """Return the organization with this name, creating it if needed (names are not
    unique: when several organizations have it, AccountError("org_ambiguous"))."""
    name = name.strip()
    found = (
        db.session.execute(select(Organization).where(Organization.name == name).limit(2))
        .scalars()
        .all()
    )
    if len(found) > 1:
        raise AccountError("org_ambiguous")
    org = found[0] if found else None
    if org is None:
        org = Organization(name=name)
        db.session.add(org)
        db.session.flush()
    return org


def create_user(org: Organization, email: str, password: str, role: str, name: str = "") -> User:
    """Add a user to an organization (the caller has checked the password policy)."""
    if role not in ROLES:
        raise AccountError("bad_role")
    if find_user(email) is not None:
        raise AccountError("email_taken")
    user = User(
        organization=org,
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        password_hash=hash_password(password, current_app.config["PASSWORD_HASH_METHOD"]),
    )
    db.session.add(user)
    db.session.flush()
    return user


def client_ip() -> str:
    """The address the request came from (proxy headers are handled by ProxyFix if set)."""
    return (request.remote_addr or "")[:64] if request else ""


def audit(action: str, *, user: User | None = None, org_id: int | None = None, **detail) -> None:
    """Record an audit event in the current transaction (never a secret in `detail`)."""
    db.session.add(
        AuditEvent(
            organization_id=org_id
            if org_id is not None
            else (user.organization_id if user else None),
            user_id=user.id if user else None,
            action=action,
            detail=detail,
            ip=client_ip(),
        )
    )


def _throttle_keys(email: str) -> list[str]:
    return [f"email:{normalise_email(email)}"[:300], f"ip:{client_ip()}"]


def login_throttled(email: str) -> bool:
    """True when the account or address already failed the allowed number of times."""
    cfg = current_app.config
    since = utcnow() - timedelta(seconds=cfg["LOGIN_FAILURE_WINDOW"])
    for key in _throttle_keys(email):
        count = db.session.execute(
            select(func.count(LoginFailure.id)).where(
                LoginFailure.key == key, LoginFailure.created_at >= since
            )
        ).scalar_one()
        if count >= cfg["LOGIN_FAILURE_LIMIT"]:
            return True
    return False


def record_login_failure(email: str) -> None:
    """Count a failed sign-in against the account and the address; forget old ones."""
    cutoff = utcnow() - timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW"] * 10)
    db.session.execute(LoginFailure.__table__.delete().where(LoginFailure.created_at < cutoff))
    for key in _throttle_keys(email):
        db.session.add(LoginFailure(key=key))


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = find_user(email)
    if user is None:
        # Spend the same time as a real check so timing does not reveal accounts.
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    return user


def _dummy_hash() -> str:
    return _dummy_hash_for(current_app.config["PASSWORD_HASH_METHOD"])


@memoize("accounts.dummy_hashes")
def _dummy_hash_for(method: str) -> str:
    return hash_password("not-a-real-password", method)


def set_password(user: User, password: str) -> None:
    """Change a password and end the user's other sessions."""
    user.password_hash = hash_password(password, current_app.config["PASSWORD_HASH_METHOD"])
    user.session_version += 1


def admins_left(org_id: int, excluding: User) -> int:
    """How many other active admins the organization has."""
    return db.session.execute(
        select(func.count(User.id)).where(
            User.organization_id == org_id,
            User.role == "admin",
            User.active.is_(True),
            User.id != excluding.id,
        )
    ).scalar_one()


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(
    kind: str,
    org_id: int,
    email: str,
    valid_for: timedelta,
    *,
    user: User | None = None,
    role: str | None = None,
    name: str = "",
    by: User | None = None,
) -> tuple[AccountToken, str]:
    """Store a new single-use link token (its hash only); return the row and the token."""
    raw = secrets.token_urlsafe(32)
    row = AccountToken(
        kind=kind,
        token_hash=_token_hash(raw),
        organization_id=org_id,
        user_id=user.id if user else None,
        email=normalise_email(email),
        role=role,
        name=name,
        created_by_id=by.id if by else None,
        expires_at=utcnow() + valid_for,
    )
    db.session.add(row)
    db.session.flush()
    return row, raw


def find_token(kind: str, raw: str) -> AccountToken | None:
    """The unused, unexpired token of this kind, or None."""
    if not raw or len(raw) > 100:
        return None
    row = db.session.execute(
        select(AccountToken).where(
            AccountToken.token_hash == _token_hash(raw), AccountToken.kind == kind
        )
    ).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    return row


def close_tokens(
    kind: str, *, email: str | None = None, user: User | None = None, org_id: int | None = None
) -> None:
    """Mark every open token of this kind for the address or user (within the
    organization, when given) as used."""
    if email is None and user is None:
        raise ValueError("close_tokens needs an e-mail address or a user")
    query = AccountToken.__table__.update().where(
        AccountToken.kind == kind, AccountToken.used_at.is_(None)
    )
    if org_id is not None:
        query = query.where(AccountToken.organization_id == org_id)
    if user is not None:
        query = query.where(AccountToken.user_id == user.id)
    if email is not None:
        query = query.where(AccountToken.email == normalise_email(email))
    db.session.execute(query.values(used_at=utcnow()))


def recent_resets(user: User, within: timedelta) -> int:
    """How many reset links the user was sent lately (to limit mail to an address)."""
    return db.session.execute(
        select(func.count(AccountToken.id)).where(
            AccountToken.kind == "reset",
            AccountToken.user_id == user.id,
            AccountToken.created_at >= utcnow() - within,
        )
    ).scalar_one()
