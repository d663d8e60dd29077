"""Who is calling the API in this request, and in which language to answer."""

from __future__ import annotations

from flask import current_app, g, has_request_context, request

from app.accounts.models import Organization, User
from app.api.models import ApiToken


def api_token() -> ApiToken:
    """The token the request was authenticated with."""
    return g.api_token


def api_user() -> User:
    """The user the token belongs to (their role and organization apply)."""
    return g.api_token.user


def api_org() -> Organization:
    """The organization of the token's user."""
    return api_user().organization


def api_lang() -> str:
    """The user's chosen language, else the Accept-Language header's best match, else ru."""
    languages = current_app.config["LANGUAGES"]
    token = g.get("api_token") if has_request_context() else None
    if token is not None and token.user.locale in languages:
        return token.user.locale
    if has_request_context():
        return request.accept_languages.best_match(languages) or languages[0]
    return languages[0]
