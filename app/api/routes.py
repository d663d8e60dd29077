"""The API blueprint with every operation registered; `GET /me` lives here."""

from __future__ import annotations

from app.api import (
    analyze,
    auth,
    candidates,
    catalog,
    errors,
    exports,
    notice,
    openapi,
    probation,
    vacancies,
)
from app.api.context import api_token, api_user
from app.api.registry import bp, operation

__all__ = [
    "analyze",
    "auth",
    "bp",
    "candidates",
    "catalog",
    "exports",
    "notice",
    "openapi",
    "probation",
    "vacancies",
]

errors.register(bp)


@operation("GET", "/me", summary="The token's user", tag="Account", returns="Me")
def me():
    """Who the token acts as: the user, their role and organization, and the token itself."""
    user, token = api_user(), api_token()
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "organization": {"id": user.organization_id, "name": user.organization.name},
        "token": {
            "id": token.id,
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
        },
    }
