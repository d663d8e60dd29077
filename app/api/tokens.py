"""Issuing, finding and revoking personal API tokens (used by the UI, the CLI and the API)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from sqlalchemy import func, select

from app.accounts.models import User
from app.accounts.services import audit
from app.api.models import ApiToken
from app.database import utcnow
from app.extensions import db

# Every token starts with this mark, so leaked tokens are easy to recognise and scan for.
MARK = "smm_"
PREFIX_CHARS = 12
NAME_MAX = 80
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenLimitReached(Exception):
    """The user already has MAX_ACTIVE_TOKENS active tokens."""


def hash_secret(secret: str) -> str:
    """The sha256 hex digest under which a token's secret is stored."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def active_count(user: User) -> int:
    """How many unrevoked tokens the user has."""
    return db.session.execute(
        select(func.count(ApiToken.id)).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
        )
    ).scalar_one()


def issue_token(user: User, name: str, *, via: str = "web") -> tuple[ApiToken, str]:
    """Create a token for the user; the secret is returned once and never stored."""
    if active_count(user) >= MAX_ACTIVE_TOKENS:
        raise TokenLimitReached
    secret = MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        organization_id=user.organization_id,
        user_id=user.id,
        name=(name.strip() or "API")[:NAME_MAX],
        token_hash=hash_secret(secret),
        prefix=secret[:PREFIX_CHARS],
    )
    db.session.add(token)
    db.session.flush()
    audit("api-token-created", user=user, token_id=token.id, name=token.name, via=via)
    return token, secret


def user_tokens(user: User) -> list[ApiToken]:
    """The user's tokens, active ones first, newest first."""
    return list(
        db.session.execute(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
        ).scalars()
    )


def user_token(user: User, token_id: int) -> ApiToken | None:
    """One of the user's own tokens."""
    return db.session.execute(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id)
    ).scalar_one_or_none()


def revoke_token(token: ApiToken, by: User | None, *, via: str = "web") -> None:
    """Refuse the token from now on (kept in the list, marked revoked)."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit(
            "api-token-revoked", user=by, org_id=token.organization_id, token_id=token.id, via=via
        )


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret whose user is active, else None."""
    if not secret.startswith(MARK) or len(secret) > 200:
        return None
    digest = hash_secret(secret)
    token = db.session.execute(
        select(ApiToken).where(ApiToken.token_hash == digest)
    ).scalar_one_or_none()
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    user = token.user
    if token.revoked_at is not None or user is None or not user.active:
        return None
    if user.organization_id != token.organization_id:
        return None
    return token


def mark_used(token: ApiToken) -> None:
    """Record that the token was just used (at most once per LAST_USED_RESOLUTION)."""
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
