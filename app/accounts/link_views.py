"""Pages reached by a link from a mail: accepting an invitation, resetting a password;
and the request for a reset link. None of them tells whether an address has an account."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.accounts import bp, services
from app.accounts.forms import AcceptInvitationForm, ForgotPasswordForm, ResetPasswordForm
from app.accounts.models import Organization, User
from app.accounts.views import external_url, start_session
from app.database import utcnow
from app.extensions import db
from app.mail import outbox, send_mail

# At most this many reset links per account and hour (the rest are dropped silently).
RESETS_PER_HOUR = 3


def invalid_link():
    return render_template("accounts/link_invalid.html"), 404


@bp.route("/invite/<invite_token>", methods=["GET", "POST"])
def accept_invitation(invite_token: str):
    """The invitee chooses a name and a password and is signed in."""
    row = services.find_token("invite", invite_token)
    if row is None:
        return invalid_link()
    org = db.session.get_one(Organization, row.organization_id)
    form = AcceptInvitationForm()
    if not form.is_submitted():
        form.name.data = row.name
    if form.validate_on_submit():
        if services.find_user(row.email) is not None:
            form.form_errors.append(
                _(
                    "This address already has an account. Sign in with it, or ask for "
                    "an invitation to another address."
                )
            )
        else:
            user = services.create_user(
                org, row.email, form.password.data, row.role or "recruiter", form.name.data
            )
            row.used_at = utcnow()
            services.close_tokens("invite", email=row.email)
            services.audit("invitation-accepted", user=user, role=user.role)
            db.session.commit()
            start_session(user)
            flash(_("Welcome to %(organization)s!", organization=org.name), "success")
            return redirect(url_for("main.index"))
    return render_template(
        "accounts/accept_invitation.html", form=form, invitation=row, organization=org
    )


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    """Send a reset link to the address if it has an active account; the answer and
    the work done are the same either way (sending happens in the background)."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        minutes = current_app.config["PASSWORD_RESET_VALID_MINUTES"]
        if (
            user is not None
            and user.active
            and services.recent_resets(user, timedelta(hours=1)) < RESETS_PER_HOUR
        ):
            services.close_tokens("reset", user=user)  # an older link stops working
            _row, raw = services.issue_token(
                "reset", user.organization_id, user.email, timedelta(minutes=minutes), user=user
            )
            lang = user.locale or str(get_locale() or "ru")
            link = external_url("accounts.reset_password", reset_token=raw)
            send_mail(user.email, "password_reset", lang, link=link, minutes=minutes)
            services.audit("password-reset-requested", user=user)
        else:
            services.audit(
                "password-reset-requested",
                org_id=user.organization_id if user else None,
                user=user,
                sent=False,
            )
        db.session.commit()
        return render_template("accounts/forgot_sent.html", minutes=minutes)
    return render_template("accounts/forgot.html", form=form)


@bp.route("/password/reset/<reset_token>", methods=["GET", "POST"])
def reset_password(reset_token: str):
    """Choose a new password from a reset link; every session of the account ends."""
    row = services.find_token("reset", reset_token)
    user = db.session.get(User, row.user_id) if row and row.user_id else None
    if user is None or not user.active:
        return invalid_link()
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        services.close_tokens("reset", user=user)
        services.audit("password-reset", user=user)
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        flash(_("Your password has been changed. Sign in with the new one."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form, email=user.email)


@bp.route("/dev/mail")
def dev_mail():
    """Development only: the mails that would have been sent (MAIL_URL is not set)."""
    if current_app.config["APP_ENV"] != "development":
        abort(404)
    return render_template("accounts/dev_mail.html", mails=outbox())
