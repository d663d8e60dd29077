"""Who may do what: the account roles and the roles each kind of action needs.

Admins run the organization (users, settings, audit log, data export, background jobs);
editors (admins and recruiters) write vacancies, the catalog's overrides, probation plans
and candidates; evaluators rate the candidates of the plans they are assigned to.
Everyone signed in reads the catalog and manages their own account and API tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required

ROLES = ("admin", "recruiter", "evaluator")  # every account role
ADMINS = ("admin",)
EDITORS = ("admin", "recruiter")
EVALUATORS = ("evaluator",)
EVERYONE = ROLES


def is_admin(user: Any) -> bool:
    """Admins manage the organization's users, settings, exports and background jobs."""
    return user.role in ADMINS


def is_editor(user: Any) -> bool:
    """Admins and recruiters build plans, manage candidates and download reports."""
    return user.role in EDITORS


def is_evaluator(user: Any) -> bool:
    """Evaluators rate the candidates of the plans they are assigned to."""
    return user.role in EVALUATORS


def roles_required(*roles: str) -> Callable:
    """Require a signed-in user with one of the roles (403 otherwise)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
