"""Forms for setup, sign-in, two-factor sign-in, invitations, users and passwords."""

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


EMAIL_KW = {"autocomplete": "email"}
CURRENT_PASSWORD = {"autocomplete": "current-password"}
NEW_PASSWORD = {"autocomplete": "new-password"}
OTP_KW = {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}


def code_field(label=None):
    return StringField(
        label or _l("Code from the app"),
        filters=[strip_filter],
        validators=[required(), Length(max=40), Printable()],
        render_kw=OTP_KW,
    )


def new_password_pair(label=None, repeat=None):
    return (
        PasswordField(
            label or _l("Password"),
            validators=[required(), password_policy],
            render_kw=NEW_PASSWORD,
        ),
        PasswordField(
            repeat or _l("Repeat the password"),
            validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
            render_kw=NEW_PASSWORD,
        ),
    )


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        filters=[strip_filter],
        validators=[required(), email_check],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[required(), Length(max=MAX_LENGTH)],
        render_kw=CURRENT_PASSWORD,
    )


class SecondStepForm(FlaskForm):
    code = code_field(_l("Code from the app or a recovery code"))


class TotpConfirmForm(FlaskForm):
    code = code_field()


class TotpDisableForm(FlaskForm):
    password = PasswordField(
        _l("Password"),
        validators=[required(), Length(max=MAX_LENGTH)],
        render_kw=CURRENT_PASSWORD,
    )
    code = code_field(_l("Code from the app or a recovery code"))


class RecoveryCodesForm(FlaskForm):
    code = code_field()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("E-mail"), filters=[strip_filter], validators=[required(), email_check],
        render_kw=EMAIL_KW,
    )  # fmt: skip


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_pair(_l("New password"), _l("Repeat the new password"))


class AcceptInvitationForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        default="",
        filters=[strip_filter],
        validators=[Length(max=120), Printable()],
        render_kw={"autocomplete": "name"},
    )
    password, confirm = new_password_pair()


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
    email = EmailField(
        _l("E-mail"), filters=[strip_filter], validators=[required(), email_check],
        render_kw=EMAIL_KW,
    )  # fmt: skip
    password, confirm = new_password_pair()


class InvitationForm(FlaskForm):
    name = StringField(
        _l("Name"),
        default="",  # an omitted field is no name, not None
        filters=[strip_filter],
        validators=[Length(max=120), Printable()],
    )
    email = EmailField(
        _l("E-mail"), filters=[strip_filter], validators=[required(), email_check],
        render_kw={"autocomplete": "off"},
    )  # fmt: skip
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="recruiter")


class UserEditForm(FlaskForm):
    name = StringField(
        _l("Name"), filters=[strip_filter], validators=[Length(max=120), Printable()]
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    active = BooleanField(_l("Active (may sign in)"))


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        validators=[required(), Length(max=MAX_LENGTH)],
        render_kw=CURRENT_PASSWORD,
    )
    password, confirm = new_password_pair(_l("New password"), _l("Repeat the new password"))
