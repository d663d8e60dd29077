"""The rules an imported record must keep: the same ones the forms and the API apply.

An export file is data from outside like any form post: it may have been edited, or
come from another instance. Every value the web or the API would refuse is refused here
too (ValueError naming the field), so `flask org import` cannot store a role that does
not exist, a password hash that is cheap to crack or accepts a chosen password, a title
no page can show, or an active logo.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Table

from app.accounts.passwords import hash_is_strong
from app.admin.logo import LogoRejected, check_logo
from app.domain.message import english
from app.domain.probation.law import LAWS
from app.domain.text import has_control_chars
from app.domain.vacancies.serialize import draft_from_dict
from app.domain.vacancies.validation import (
    MAX_TITLE,
    Problems,
    defaults_problems,
    stored_draft_problems,
)
from app.forms import EMAIL_RE
from app.permissions import ROLES

LOCALES = (None, "ru", "en")


def _first(problems: Problems, where: str) -> None:
    """Raise the first problem in English, named by its field."""
    for field, items in problems.items():
        raise ValueError(f"{where}.{field}: {english(items[0].message)}")


def check_lengths(table: Table, values: dict[str, Any], where: str) -> None:
    """Text no longer than its column allows (SQLite does not enforce VARCHAR lengths)."""
    for column in table.columns:
        value = values.get(column.name)
        length = getattr(column.type, "length", None)
        text = isinstance(column.type, String) and isinstance(value, str)
        if text and length and len(str(value)) > length:
            raise ValueError(f"{where}.{column.name}: at most {length} characters")


def check_organization(values: dict[str, Any], where: str = "organization") -> str | None:
    """The organization's own fields; returns why its logo was left out (None if kept)."""
    if values.get("labour_law") not in LAWS:
        raise ValueError(f"{where}.labour_law: one of {', '.join(LAWS)} is expected")
    _first(
        defaults_problems(
            intro_md=values.get("vacancy_intro_md", ""),
            conditions_md=values.get("vacancy_conditions_md", ""),
            apply_md=values.get("vacancy_apply_md", ""),
            city=values.get("vacancy_city", ""),
            address=values.get("vacancy_address", ""),
            workplace=values.get("vacancy_workplace", ""),
        ),
        where,
    )
    data, mime = values.get("logo_data"), values.get("logo_mime")
    if not data and not mime:
        return None
    reason = None
    try:
        if check_logo(data or b"") != mime:
            reason = "type"
    except LogoRejected as rejected:
        reason = rejected.code
    if reason is None:
        return None
    # The organization is imported without it: an admin uploads a PNG or JPEG again.
    values["logo_data"] = values["logo_mime"] = None
    return reason


def check_user(values: dict[str, Any], where: str, method: str, *, has_hash: bool) -> None:
    """A user as the user admin page would create one."""
    email = values.get("email")
    if not isinstance(email, str) or len(email) > 254 or not EMAIL_RE.match(email):
        raise ValueError(f"{where}.email: an e-mail address like name@example.com is expected")
    if has_control_chars(email) or has_control_chars(values.get("name") or ""):
        raise ValueError(f"{where}: remove the control characters from the e-mail and name")
    if values.get("role") not in ROLES:
        raise ValueError(f"{where}.role: {values.get('role')!r} is not one of {', '.join(ROLES)}")
    if values.get("locale") not in LOCALES:
        raise ValueError(f"{where}.locale: one of ru, en or null is expected")
    if has_hash and not hash_is_strong(values.get("password_hash"), method):
        raise ValueError(
            f"{where}.password_hash: not a password hash of this instance ({method} or "
            "stronger); export without password hashes and set the passwords after the import"
        )


def check_vacancy(values: dict[str, Any], where: str) -> None:
    """A vacancy (or one of its versions) within the limits of the form and the API."""
    title = values.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        raise ValueError(f"{where}.title: 1 to {MAX_TITLE} characters")
    data = values.get("data")
    if not isinstance(data, dict):
        raise ValueError(f"{where}.data: an object is expected")
    try:
        draft = draft_from_dict(data)
    except (TypeError, ValueError, KeyError) as error:
        raise ValueError(f"{where}.data: not a vacancy ({error})") from None
    _first(stored_draft_problems(draft), f"{where}.data")
