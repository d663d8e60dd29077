"""Every operation module of the API, imported so their operations are on the blueprint
(app.api.bp); `GET /me` lives here."""

from __future__ import annotations

from app.api import (  # noqa: F401 - each module adds its operations to bp
    analyze,
    auth,
    bp,
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
from app.api.registry import operation

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
