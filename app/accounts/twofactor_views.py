"""The account page: two-factor sign-in set-up, recovery codes, switching it off."""

from __future__ import annotations

import base64
import binascii

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import bp, services, twofactor
from app.accounts.forms import RecoveryCodesForm, TotpConfirmForm, TotpDisableForm
from app.accounts.models import User
from app.accounts.passwords import verify_password
from app.accounts.views import start_session
from app.extensions import db

SETUP_KEY = "totp_setup"  # the session key of the secret being set up


def _me() -> User:
    return db.session.get_one(User, current_user.id)


@bp.route("/account")
@login_required
def account():
    """One's own account: e-mail, password, two-factor sign-in."""
    user = _me()
    return render_template(
        "accounts/account.html",
        user=user,
        codes_left=twofactor.recovery_codes_left(user) if user.totp_secret else 0,
        required=user.organization.require_2fa,
    )


def _setup_secret() -> str:
    """The secret being set up in this session (kept until it is confirmed)."""
    secret = session.get(SETUP_KEY)
    try:
        if isinstance(secret, str) and len(base64.b32decode(secret)) >= 20:
            return secret
    except (binascii.Error, ValueError):
        pass
    secret = twofactor.new_secret()
    session[SETUP_KEY] = secret
    return secret


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    """Show a new secret as a QR code; enable 2FA once a code from the app matches."""
    user = _me()
    if user.totp_secret:
        return redirect(url_for("accounts.account"))
    secret = _setup_secret()
    form = TotpConfirmForm()
    if form.validate_on_submit():
        step = twofactor.matching_step(secret, form.code.data, None)
        if step is None:
            form.code.errors.append(
                _("This code does not match. Check that the phone's clock is right and try again.")
            )
        else:
            codes = twofactor.enable(user, secret, step)
            services.audit("2fa-enabled", user=user)
            db.session.commit()
            start_session(user, keep_start=True)  # other sessions end
            return render_template("accounts/recovery_codes.html", codes=codes, first=True)
    uri = twofactor.provisioning_uri(secret, user.email)
    return render_template(
        "accounts/two_factor_setup.html",
        form=form,
        qr=twofactor.qr_data_uri(uri),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        required=user.organization.require_2fa,
    )


def _check_throttled(user: User, form) -> bool:
    if services.login_throttled(user.email):
        form.form_errors.append(_("Too many failed attempts. Wait a minute and try again."))
        return True
    return False


@bp.route("/account/two-factor/recovery-codes", methods=["GET", "POST"])
@login_required
def recovery_codes():
    """Replace the recovery codes (the old ones stop working); needs a current code."""
    user = _me()
    if not user.totp_secret:
        return redirect(url_for("accounts.account"))
    form = RecoveryCodesForm()
    status = 200
    if form.validate_on_submit() and not _check_throttled(user, form):
        if twofactor.check_totp(user, form.code.data):
            codes = twofactor.new_recovery_codes(user)
            services.audit("2fa-recovery-codes", user=user)
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes, first=False)
        services.record_login_failure(user.email)
        db.session.commit()
        form.code.errors.append(_("This code is wrong or has already been used."))
    elif form.form_errors:
        status = 429
    return render_template("accounts/recovery_codes_new.html", form=form), status


@bp.route("/account/two-factor/disable", methods=["GET", "POST"])
@login_required
def two_factor_disable():
    """Switch two-factor sign-in off: needs the password and a code."""
    user = _me()
    if not user.totp_secret:
        return redirect(url_for("accounts.account"))
    form = TotpDisableForm()
    status = 200
    if user.organization.require_2fa:
        form.form_errors.append(
            _("Your organization requires two-factor sign-in; it cannot be switched off.")
        )
        return render_template("accounts/two_factor_disable.html", form=form, blocked=True), 403
    if form.validate_on_submit() and not _check_throttled(user, form):
        password_ok = verify_password(user.password_hash, form.password.data)
        if not password_ok:
            form.password.errors.append(_("The password is wrong."))
        if password_ok and twofactor.check_second_factor(user, form.code.data):
            twofactor.disable(user)
            services.audit("2fa-disabled", user=user)
            db.session.commit()
            start_session(user, keep_start=True)
            flash(_("Two-factor sign-in is off."), "success")
            return redirect(url_for("accounts.account"))
        if password_ok:
            form.code.errors.append(_("This code is wrong or has already been used."))
        services.record_login_failure(user.email)
        db.session.commit()
    elif form.form_errors:
        status = 429
    return render_template("accounts/two_factor_disable.html", form=form, blocked=False), status
