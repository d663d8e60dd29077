"""Query parameters: read, checked, and refused with 400 naming the parameter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from flask import request
from flask_babel import lazy_gettext as _l

from app.api.errors import ApiError
from app.domain.text import has_control_chars


def bad_parameter(name: str, message: object) -> ApiError:
    """400 for a query parameter that cannot be used."""
    return ApiError(
        400, "invalid_parameter", _l("A query parameter is invalid; see fields."), {name: [message]}
    )


def text_arg(name: str, max_length: int = 100) -> str:
    """Free text without control characters, at most max_length characters."""
    value = request.args.get(name, "")
    if len(value) > max_length:
        raise bad_parameter(name, _l("At most %(num)d characters, please.", num=max_length))
    if has_control_chars(value):
        raise bad_parameter(name, _l("Remove the invisible control characters from this field."))
    return value.strip()


def choice_arg(name: str, choices: Sequence[str], *, required: bool = False) -> str:
    """One of the choices; empty when left out (unless required)."""
    value = request.args.get(name, "")
    if value == "" and not required:
        return ""
    if value not in choices:
        raise bad_parameter(name, _l("Choose one of: %(choices)s.", choices=", ".join(choices)))
    return value


@overload
def int_arg(name: str, default: int, low: int, high: int) -> int: ...
@overload
def int_arg(name: str, default: None, low: int, high: int) -> int | None: ...
def int_arg(name: str, default: int | None, low: int, high: int) -> int | None:
    """A whole number from low to high; default when left out."""
    raw = request.args.get(name, "")
    if raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10 or not low <= int(raw) <= high:
        raise bad_parameter(
            name, _l("Enter a whole number from %(low)d to %(high)d.", low=low, high=high)
        )
    return int(raw)
