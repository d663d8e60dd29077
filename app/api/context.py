"""Who is calling the API in this request, and in which language to answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g, has_request_context, request

from app.accounts.models import Organization, User
from app.api.models import ApiToken
from app.database import write_intent
from app.extensions import db


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


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in a transaction of its own that takes the write lock up front.

    Used for writes made while serving a read (the rate counter, the audit entry of a
    download), so they never upgrade a read transaction under SQLite.
    """
    db.session.commit()
    intent = write_intent.set(True)
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        write_intent.reset(intent)
