"""First-run setup, sign-in and sign-out, user administration."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from app.access import get_in_org_or_404, org_id, roles_required
from app.accounts import services
from app.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    SetupForm,
    UserCreateForm,
    UserEditForm,
)
from app.accounts.models import User
from app.accounts.passwords import verify_password
from app.database import utcnow
from app.extensions import db, login_manager
from app.forms import has_control_chars

bp = Blueprint("accounts", __name__)

OPEN_ENDPOINTS = {"accounts.setup", "static", "main.healthz", "main.set_language"}


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


def start_session(user: User) -> None:
    """Begin a fresh session (new identifier) for a signed-in user."""
    session.clear()
    session.permanent = True
    session["sid"] = secrets.token_urlsafe(16)
    login_user(user)


def safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after sign-in."""
    if target and not has_control_chars(target):  # a line break would break the header
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with e-mail and password; throttled per account and address."""
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
        else:
            user.last_login_at = utcnow()
            services.audit("login", user=user)
            db.session.commit()
            start_session(user)
            return redirect(safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End the session everywhere: older cookies of this user stop working."""
    user = db.session.get(User, current_user.id)
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
    """Change one's own password; other sessions end."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = db.session.get(User, current_user.id)
        if not verify_password(user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.set_password(user, form.password.data)
            services.audit("password-changed", user=user)
            db.session.commit()
            start_session(user)
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("main.index"))
    return render_template("accounts/password.html", form=form)


@bp.route("/admin/users")
@roles_required("admin")
def users():
    """The organization's users."""
    rows = db.session.execute(
        select(User).where(User.organization_id == org_id()).order_by(User.email)
    ).scalars()
    return render_template("accounts/users.html", users=list(rows))


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required("admin")
def user_new():
    """Add a user to the organization."""
    form = UserCreateForm()
    if form.validate_on_submit():
        if services.find_user(form.email.data) is not None:
            form.email.errors.append(_("A user with this e-mail already exists."))
        else:
            user = services.create_user(
                current_user.organization,
                form.email.data,
                form.password.data,
                form.role.data,
                form.name.data,
            )
            services.audit("user-created", user=current_user, target=user.id, role=user.role)
            db.session.commit()
            flash(_("User %(email)s added.", email=user.email), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_new.html", form=form)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@roles_required("admin")
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
