"""Forms for setup, sign-in, users and passwords."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.accounts.passwords import MAX_LENGTH, password_problem
from app.forms import Printable, email_check, strip_filter

PASSWORD_MESSAGES = {
    "too_short": _l("Use at least 10 characters."),
    "too_long": _l("Use at most 128 characters."),
    "common": _l("This password is too common; choose one that is harder to guess."),
}
ROLE_CHOICES = [
    SelectChoice("recruiter", _l("Recruiter")),
    SelectChoice("evaluator", _l("Evaluator")),
    SelectChoice("admin", _l("Administrator")),
]


def password_policy(form, field):
    """Length 10..128, not on the common-passwords list; no composition rules."""
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(PASSWORD_MESSAGES[problem])


def required():
    return DataRequired(message=_l("This field is required."))


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), filters=[strip_filter], validators=[required(), email_check])
    password = PasswordField(_l("Password"), validators=[required(), Length(max=MAX_LENGTH)])


class SetupForm(FlaskForm):
    organization = StringField(
        _l("Organization"),
        filters=[strip_filter],
        validators=[required(), Length(max=200), Printable()],
    )
    name = StringField(
        _l("Your name"),
        default="",  # an omitted field is no name, not None
        filters=[strip_filter],
        validators=[Length(max=120), Printable()],
    )
    email = EmailField(_l("E-mail"), filters=[strip_filter], validators=[required(), email_check])
    password = PasswordField(_l("Password"), validators=[required(), password_policy])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
    )


class UserCreateForm(FlaskForm):
    name = StringField(
        _l("Name"),
        default="",  # an omitted field is no name, not None
        filters=[strip_filter],
        validators=[Length(max=120), Printable()],
    )
    email = EmailField(_l("E-mail"), filters=[strip_filter], validators=[required(), email_check])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="recruiter")
    password = PasswordField(_l("Initial password"), validators=[required(), password_policy])


class UserEditForm(FlaskForm):
    name = StringField(
        _l("Name"), filters=[strip_filter], validators=[Length(max=120), Printable()]
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    active = BooleanField(_l("Active (may sign in)"))


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[required(), Length(max=MAX_LENGTH)])
    password = PasswordField(_l("New password"), validators=[required(), password_policy])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
    )
