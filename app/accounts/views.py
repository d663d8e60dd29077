"""First-run setup, sign-in and sign-out, user administration."""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from app.access import get_in_org_or_404, org_id
from app.accounts import bp, services, twofactor
from app.accounts.forms import (
    InvitationForm,
    LoginForm,
    PasswordChangeForm,
    SecondStepForm,
    SetupForm,
    UserEditForm,
)
from app.accounts.models import AccountToken, User
from app.accounts.passwords import verify_password
from app.database import utcnow
from app.extensions import db, login_manager
from app.mail import send_mail
from app.permissions import ADMINS, roles_required
from app.urls import safe_next

OPEN_ENDPOINTS = {"accounts.setup", "static", "main.healthz", "main.set_language", "public.robots"}


# Built once: the organization comes in the same query (nearly every page needs it), and
# a statement made per request with a loader option costs more to build than to run.
_USER_WITH_ORGANIZATION = (
    select(User).options(joinedload(User.organization)).where(User.id == bindparam("uid"))
)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Accept a session only for an active user of the same session generation."""
    try:
        uid, version = (int(part) for part in user_id.split(":"))
    except ValueError:
        return None
    user = db.session.execute(_USER_WITH_ORGANIZATION, {"uid": uid}).scalar_one_or_none()
    if user is None or not user.active or user.session_version != version:
        return None
    return user


login_manager.login_view = "accounts.login"
login_manager.login_message = None


@bp.before_app_request
def require_setup():
    """Send every visit to the setup page until the first organization exists."""
    if current_app.extensions.get("smm.setup_done"):
        return None
    if not services.setup_needed():
        current_app.extensions["smm.setup_done"] = True
        return None
    if request.endpoint not in OPEN_ENDPOINTS and not request.path.startswith("/api/"):
        return redirect(url_for("accounts.setup"))
    return None


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Create the organization and its first admin; gone once done."""
    if not services.setup_needed():
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        org = services.get_or_create_organization(form.organization.data)
        user = services.create_user(
            org, form.email.data, form.password.data, "admin", form.name.data
        )
        services.audit("setup", user=user)
        db.session.commit()
        current_app.extensions["smm.setup_done"] = True
        start_session(user)
        flash(_("The organization is ready. Welcome!"), "success")
        return redirect(url_for("main.index"))
    return render_template("accounts/setup.html", form=form)


def start_session(user: User, *, keep_start: bool = False) -> None:
    """Begin a fresh session (new identifier) for a signed-in user. `keep_start` keeps
    the sign-in time (a password change must not lengthen the session's lifetime)."""
    started = session.get(SIGNED_IN_AT) if keep_start else None
    session.clear()
    session.permanent = True
    session["sid"] = secrets.token_urlsafe(16)
    now = int(time.time())
    session[SIGNED_IN_AT] = started if isinstance(started, int) else now
    session[SEEN_AT] = now
    login_user(user)


SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
PENDING = "pending_2fa"
# The password step of a two-factor sign-in is good for this long.
PENDING_SECONDS = 300
# Last-seen is written back to the cookie at most this often (it is re-sent when changed).
SEEN_RESOLUTION = 60


@bp.before_app_request
def enforce_session_limits():
    """End a session idle for SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS."""
    if request.endpoint == "static" or "_user_id" not in session:
        return None
    config = current_app.config
    now = int(time.time())
    started, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if (
        not isinstance(started, int)
        or not isinstance(seen, int)
        or now - started >= config["SESSION_MAX_HOURS"] * 3600
        or now - seen >= config["SESSION_IDLE_MINUTES"] * 60
    ):
        logout_user()
        session.clear()
        flash(_("Your session has ended. Sign in again."), "info")
        return None
    if now - seen >= SEEN_RESOLUTION:
        session[SEEN_AT] = now
    return None


# Pages a user of an organization that requires two-factor sign-in may open before
# setting it up.
TWO_FACTOR_OPEN = {
    "static",
    "accounts.two_factor_setup",
    "accounts.logout",
    "main.set_language",
    "main.healthz",
}


@bp.before_app_request
def require_two_factor():
    """Send users of an organization that requires 2FA to set it up, until they have."""
    if request.endpoint in TWO_FACTOR_OPEN or "_user_id" not in session:
        return None
    if request.blueprint == "public":  # the public job pages show nothing of the account
        return None
    if request.path.startswith("/api/"):
        return None
    user = current_user
    if user.is_authenticated and user.organization.require_2fa and not user.totp_secret:
        return redirect(url_for("accounts.two_factor_setup"))
    return None


def finish_login(user: User, target: str | None, **detail):
    """The last step of a sign-in: audit it and start the session."""
    user.last_login_at = utcnow()
    services.audit("login", user=user, **detail)
    db.session.commit()
    start_session(user)
    return redirect(target or url_for("main.index"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with e-mail and password; throttled per account and address. Users with
    two-factor sign-in go on to the code step."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        email = form.email.data
        if services.login_throttled(email):
            services.audit("login-throttled", email=services.normalise_email(email)[:254])
            db.session.commit()
            form.form_errors.append(_("Too many failed attempts. Wait a minute and try again."))
            return render_template("accounts/login.html", form=form), 429
        user = services.authenticate(email, form.password.data)
        target = safe_next(request.args.get("next"))
        if user is None:
            services.record_login_failure(email)
            known = services.find_user(email)
            services.audit(
                "login-failed",
                user=known,
                email=services.normalise_email(email)[:254],
            )
            db.session.commit()
            form.form_errors.append(_("Wrong e-mail or password."))
            status = 200
        elif user.totp_secret:
            session.clear()
            session[PENDING] = {
                "uid": user.id,
                "version": user.session_version,
                "at": int(time.time()),
                "next": target,
            }
            return redirect(url_for("accounts.login_code"))
        else:
            return finish_login(user, target)
    return render_template("accounts/login.html", form=form), status


def pending_user() -> tuple[User | None, dict]:
    """The user who passed the password step in this browser a moment ago, if any."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or not isinstance(pending.get("at"), int):
        return None, {}
    if time.time() - pending["at"] > PENDING_SECONDS:
        return None, {}
    user = db.session.get(User, pending.get("uid"))
    if (
        user is None
        or not user.active
        or not user.totp_secret
        or user.session_version != pending.get("version")
    ):
        return None, {}
    return user, pending


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    """The second step of a two-factor sign-in: a TOTP code or a recovery code."""
    user, pending = pending_user()
    if user is None:
        session.pop(PENDING, None)
        flash(_("Sign in again."), "info")
        return redirect(url_for("accounts.login"))
    form = SecondStepForm()
    status = 200
    if form.validate_on_submit():
        if services.login_throttled(user.email):
            services.audit("login-throttled", user=user, step="code")
            db.session.commit()
            form.form_errors.append(_("Too many failed attempts. Wait a minute and try again."))
            return render_template("accounts/login_code.html", form=form), 429
        kind = twofactor.check_second_factor(user, form.code.data)
        if kind is None:
            services.record_login_failure(user.email)
            services.audit("login-failed", user=user, step="code")
            db.session.commit()
            form.code.errors.append(_("This code is wrong or has already been used."))
        else:
            if kind == "recovery":
                left = twofactor.recovery_codes_left(user)
                flash(
                    _(
                        "You signed in with a recovery code; %(left)s are left. "
                        "Make new ones on your account page if you are running out.",
                        left=left,
                    ),
                    "info",
                )
            return finish_login(user, safe_next(pending.get("next")), factor=kind)
    return render_template("accounts/login_code.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End the session everywhere: older cookies of this user stop working."""
    user = db.session.get_one(User, current_user.id)
    user.session_version += 1
    services.audit("logout", user=user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password; other sessions end. Wrong current passwords count as
    failed sign-ins (the same throttle), so a session left open cannot be used to guess
    the password."""
    form = PasswordChangeForm()
    status = 200
    if form.validate_on_submit():
        user = db.session.get_one(User, current_user.id)
        if services.login_throttled(user.email):
            services.audit("login-throttled", user=user, step="password-change")
            db.session.commit()
            form.current.errors.append(_("Too many failed attempts. Wait a minute and try again."))
            status = 429
        elif not verify_password(user.password_hash, form.current.data):
            services.record_login_failure(user.email)
            services.audit("login-failed", user=user, step="password-change")
            db.session.commit()
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.set_password(user, form.password.data)
            services.close_tokens("reset", user=user)
            services.audit("password-changed", user=user)
            db.session.commit()
            start_session(user, keep_start=True)
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/password.html", form=form), status


@bp.route("/admin/users")
@roles_required(*ADMINS)
def users():
    """The organization's users and its open invitations."""
    rows = db.session.execute(
        select(User).where(User.organization_id == org_id()).order_by(User.email)
    ).scalars()
    invitations = db.session.execute(
        select(AccountToken)
        .where(
            AccountToken.organization_id == org_id(),
            AccountToken.kind == "invite",
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > utcnow(),
        )
        .order_by(AccountToken.created_at.desc())
    ).scalars()
    return render_template("accounts/users.html", users=list(rows), invitations=list(invitations))


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required(*ADMINS)
def user_new():
    """Invite someone to the organization by e-mail; they choose their own password.

    An address that already has an account elsewhere gets the same answer here as a new
    one (the admin must not learn about other organizations' users); its owner receives a
    mail saying the address is taken instead of a link."""
    form = InvitationForm()
    if form.validate_on_submit():
        existing = services.find_user(form.email.data)
        if existing is not None and existing.organization_id == org_id():
            form.email.errors.append(_("This person is already a user of your organization."))
        else:
            invite(form, existing)
            flash(_("Invitation sent to %(email)s.", email=form.email.data.lower()), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_new.html", form=form)


def invite(form: InvitationForm, existing: User | None) -> None:
    org = current_user.organization
    hours = current_app.config["INVITATION_VALID_HOURS"]
    services.close_tokens("invite", email=form.email.data, org_id=org.id)
    row, raw = services.issue_token(
        "invite",
        org.id,
        form.email.data,
        timedelta(hours=hours),
        role=form.role.data,
        name=form.name.data,
        by=current_user,
    )
    lang = str(get_locale() or "ru")
    context = {"organization": org.name, "inviter": current_user.display_name, "hours": hours}
    if existing is None:
        link = external_url("accounts.accept_invitation", invite_token=raw)
        send_mail(row.email, "invitation", lang, link=link, **context)
    else:
        send_mail(row.email, "invitation_taken", lang, **context)
    services.audit("user-invited", user=current_user, email=row.email, role=row.role)
    db.session.commit()


@bp.route("/admin/invitations/<int:token_id>/revoke", methods=["POST"])
@roles_required(*ADMINS)
def revoke_invitation(token_id: int):
    """Withdraw an open invitation: its link stops working."""
    row = get_in_org_or_404(AccountToken, token_id)
    if row.kind != "invite":
        abort(404)
    if row.used_at is None:
        row.used_at = utcnow()
        services.audit("invitation-revoked", user=current_user, email=row.email)
        db.session.commit()
    flash(_("The invitation to %(email)s has been withdrawn.", email=row.email), "success")
    return redirect(url_for("accounts.users"))


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a mail: under BASE_URL when set, else the request's host."""
    base = current_app.config.get("BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(*ADMINS)
def user_edit(user_id: int):
    """Change a user's role or deactivate them (their sessions end at once)."""
    user = get_in_org_or_404(User, user_id)
    form = UserEditForm(obj=user)
    if form.validate_on_submit():
        demoting = user.role == "admin" and (form.role.data != "admin" or not form.active.data)
        if demoting and services.admins_left(user.organization_id, user) == 0:
            form.role.errors.append(_("The organization needs at least one active administrator."))
        else:
            if form.role.data != user.role:
                services.audit(
                    "role-changed",
                    user=current_user,
                    target=user.id,
                    old=user.role,
                    new=form.role.data,
                )
            if user.active and not form.active.data:
                services.audit("user-deactivated", user=current_user, target=user.id)
                user.session_version += 1
            elif not user.active and form.active.data:
                services.audit("user-activated", user=current_user, target=user.id)
            user.name = form.name.data
            user.role = form.role.data
            user.active = form.active.data
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_edit.html", form=form, user=user)
