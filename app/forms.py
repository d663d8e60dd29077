"""Validators shared by every form: printable text, sane e-mail addresses."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from app.domain.text import has_control_chars

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


class Printable:
    """Refuse control characters; multi-line fields may keep newlines and tabs."""

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, form, field):
        if isinstance(field.data, str) and has_control_chars(
            field.data, allow_newlines=self.multiline
        ):
            raise ValidationError(_l("Remove the invisible control characters from this field."))


def email_check(form, field):
    """A plain syntax check; delivery is not verified."""
    value = (field.data or "").strip()
    if len(value) > 254 or not EMAIL_RE.match(value) or has_control_chars(value):
        raise ValidationError(_l("Enter an e-mail address like name@example.com."))


def strip_filter(value):
    """Trim surrounding whitespace of text input."""
    return value.strip() if isinstance(value, str) else value
