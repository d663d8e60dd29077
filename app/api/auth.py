"""Bearer-token authentication and the per-token rate limit of every API request."""

from __future__ import annotations

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l

from app.api import bp, ratelimit, tokens
from app.api.errors import ApiError
from app.api.registry import OPERATIONS
from app.database import write_transaction

# Request bodies of the API are small JSON documents.
DEFAULT_MAX_BODY = 256 * 1024
CHALLENGE = 'Bearer realm="SMM Hiring Desk API"'


def _unauthorized(code: str, message: object) -> ApiError:
    """401 with the Bearer challenge."""
    challenge = CHALLENGE if code == "missing_token" else f'{CHALLENGE}, error="invalid_token"'
    return ApiError(401, code, message, headers={"WWW-Authenticate": challenge})


def bearer_secret() -> str | None:
    """The token from "Authorization: Bearer <token>", or None when there is none."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


@bp.before_request
def authenticate() -> None:
    """Find the token's user, count the request against the limit, refuse what must be."""
    request.max_content_length = current_app.config.get("API_MAX_BODY", DEFAULT_MAX_BODY)
    public = {op.endpoint for op in OPERATIONS if op.public}
    if request.endpoint in public:
        return
    secret = bearer_secret()
    if secret is None:
        raise _unauthorized(
            "missing_token", _l("Send a personal API token: Authorization: Bearer <token>.")
        )
    with write_transaction():
        token = tokens.token_for_secret(secret)
        if token is None:
            raise _unauthorized(
                "invalid_token", _l("The token is unknown or revoked, or its user is deactivated.")
            )
        verdict = ratelimit.hit(token.id)
        tokens.mark_used(token)
    g.api_token = token
    g.rate_limit = verdict
    if not verdict.allowed:
        raise ApiError(
            429,
            "rate_limited",
            _l(
                "Too many requests with this token. Wait %(seconds)s s.",
                seconds=verdict.retry_after,
            ),
            headers={"Retry-After": str(verdict.retry_after)},
        )


@bp.after_request
def rate_limit_headers(response):
    """Tell clients how much of the limit is left."""
    verdict = g.get("rate_limit")
    if verdict is not None:
        response.headers["RateLimit-Limit"] = str(verdict.limit)
        response.headers["RateLimit-Remaining"] = str(verdict.remaining)
        response.headers["RateLimit-Reset"] = str(verdict.retry_after)
    return response
