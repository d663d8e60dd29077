"""Administration pages: the audit log and the organization's name and logo."""

from __future__ import annotations

import base64

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms import BooleanField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app.access import org_id
from app.accounts.models import AuditEvent, Organization, User
from app.accounts.services import audit as record_audit
from app.admin.labels import detail_label, detail_value, event_label
from app.admin.logo import MAX_LOGO_BYTES, MAX_LOGO_SIDE, LogoRejected, check_logo
from app.admin.vacancy_defaults import defaults_form, store, submitted_defaults
from app.extensions import db
from app.forms import Printable, strip_filter
from app.i18n import ui_lang
from app.permissions import ADMINS, roles_required
from app.public.slugs import ORG_SLUG_MAX, suggest_org_slug, valid_org_slug

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.add_app_template_filter(event_label, "event_label")
bp.add_app_template_global(detail_label, "detail_label")
bp.add_app_template_global(detail_value, "detail_value")
PER_PAGE = 50


@bp.route("/audit")
@roles_required(*ADMINS)
def audit():
    """Sign-ins, failed sign-ins, role changes, exports and erasures, newest first."""
    try:
        page = max(1, min(int(request.args.get("page", 1)), 10_000))
    except ValueError:
        page = 1
    action = request.args.get("action", "")[:40]
    query = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.organization_id == org_id())
    )
    if action:
        query = query.where(AuditEvent.action == action)
    rows = db.session.execute(
        query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(PER_PAGE + 1)
        .offset((page - 1) * PER_PAGE)
    ).all()
    actions = (
        db.session.execute(
            select(AuditEvent.action)
            .where(AuditEvent.organization_id == org_id())
            .distinct()
            .order_by(AuditEvent.action)
        )
        .scalars()
        .all()
    )
    return render_template(
        "admin/audit.html",
        rows=rows[:PER_PAGE],
        has_next=len(rows) > PER_PAGE,
        page=page,
        action=action,
        actions=actions,
    )


LOGO_MESSAGES = {
    "empty": _l("Choose a file."),
    "size": _l("The logo must be at most 512 KB."),
    "type": _l("Upload a PNG or JPEG image."),
    "svg": _l("SVG logos are not accepted: export the logo as PNG or JPEG and upload that."),
    "pixels": _l(
        "The logo may be at most %(side)d × %(side)d pixels; make it smaller and upload it again.",
        side=MAX_LOGO_SIDE,
    ),
}


class OrganizationForm(FlaskForm):
    name = StringField(
        _l("Organization name"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("This field is required.")),
            Length(max=200),
            Printable(),
        ],
    )
    logo = FileField(_l("Logo (PNG or JPEG, up to 512 KB and 4000 × 4000 pixels)"))
    labour_law = SelectField(
        _l("Labour law"),
        choices=[
            SelectChoice("ru", _l("Labour Code of the Russian Federation")),
            SelectChoice("extendable", _l("Another law that allows extending a probation period")),
        ],
        default="ru",
    )
    remove_logo = BooleanField(_l("Remove the current logo"))
    require_2fa = BooleanField(_l("Every user signs in with two-factor sign-in"))
    public_jobs = BooleanField(_l("Public job pages: published vacancies are open to everyone"))
    slug = StringField(
        _l("Address of the public pages"),
        filters=[strip_filter, lambda value: value.lower() if isinstance(value, str) else value],
        validators=[Length(max=ORG_SLUG_MAX)],
    )


def slug_problem(form: OrganizationForm, org) -> str | None:
    """What is wrong with the typed slug (format, missing while the pages are on, taken),
    None when it can be stored."""
    slug = form.slug.data or ""
    if slug and not valid_org_slug(slug):
        return _(
            "Use 3 to 60 Latin letters, digits and hyphens (not at the start or the end), "
            "for example «%(example)s».",
            example=suggest_org_slug(org.name) or "coffee-north",
        )
    if form.public_jobs.data and not slug:
        return _("Choose an address before turning the public pages on.")
    if slug and slug_taken(slug, org.id):
        return _("This address is taken; choose another one.")
    return None


def slug_taken(slug: str, own_id: int) -> bool:
    """Whether another organization has this slug."""
    return (
        db.session.execute(
            select(Organization.id).where(Organization.slug == slug, Organization.id != own_id)
        ).first()
        is not None
    )


@bp.route("/organization", methods=["GET", "POST"])
@roles_required(*ADMINS)
def organization():
    """The organization's name, the logo printed in the header of exported documents, and
    the labour law it is under (what the middle probation verdict means)."""
    org = current_user.organization
    form = OrganizationForm(obj=org)
    if form.validate_on_submit():
        upload = form.logo.data
        data = upload.read(MAX_LOGO_BYTES + 1) if upload else b""
        mime = None
        try:
            mime = check_logo(data) if data else None
        except LogoRejected as rejected:
            form.logo.errors = [*form.logo.errors, LOGO_MESSAGES[rejected.code]]
        # Names are not unique: refusing one another organization has would tell an
        # admin which organizations exist.
        if form.require_2fa.data and not org.require_2fa and not current_user.totp_secret:
            form.require_2fa.errors = [
                *form.require_2fa.errors,
                _("Set up two-factor sign-in for your own account first."),
            ]
        problem = slug_problem(form, org)
        if problem:
            form.slug.errors = [*form.slug.errors, problem]
        if not form.logo.errors and not form.require_2fa.errors and not form.slug.errors:
            if form.require_2fa.data != org.require_2fa:
                record_audit("2fa-requirement", user=current_user, required=form.require_2fa.data)
            org.require_2fa = form.require_2fa.data
            org.name = form.name.data
            org.labour_law = form.labour_law.data
            if (form.slug.data or None, form.public_jobs.data) != (org.slug, org.public_jobs):
                record_audit(
                    "public-pages-changed",
                    user=current_user,
                    public=form.public_jobs.data,
                    slug=form.slug.data or "",
                )
            org.slug = form.slug.data or None
            org.public_jobs = form.public_jobs.data
            if mime:
                org.logo_mime, org.logo_data = mime, data
            elif form.remove_logo.data:
                org.logo_mime, org.logo_data = None, None
            record_audit(
                "organization-changed",
                user=current_user,
                logo=bool(org.logo_data),
                labour_law=org.labour_law,
            )
            try:
                db.session.commit()
            except IntegrityError:
                # Another organization took the slug between the check and the commit.
                db.session.rollback()
                form.slug.errors = [
                    *form.slug.errors,
                    _("This address is taken; choose another one."),
                ]
                return _organization_page(current_user.organization, form, defaults_form(org))
            flash(_("Changes saved."), "success")
            return redirect(url_for("admin.organization"))
    return _organization_page(org, form, defaults_form(org))


def _organization_page(org, form, defaults, status: int = 200):
    logo_uri = None
    if org.logo_data and org.logo_mime:
        logo_uri = f"data:{org.logo_mime};base64,{base64.b64encode(org.logo_data).decode()}"
    public_url = None
    if org.public_jobs and org.slug:
        public_url = url_for("public.careers", org_slug=org.slug, _external=True)
    return render_template(
        "admin/organization.html",
        form=form,
        logo_uri=logo_uri,
        defaults_form=defaults,
        public_url=public_url,
        slug_prefix=url_for("public.careers", org_slug="x", _external=True)[:-2],
        slug_example=suggest_org_slug(org.name),
    ), status


@bp.route("/organization/vacancy-defaults", methods=["POST"])
@roles_required(*ADMINS)
def vacancy_defaults():
    """Save the texts and terms pre-filled into new vacancies: all of them or, when one
    breaks a vacancy field's rule, none (the page comes back with what was typed)."""
    org = current_user.organization
    form = defaults_form(org, submitted=True)
    if form.validate_on_submit():
        defaults = submitted_defaults(form)
        problems = defaults.problems()
        if not problems:
            store(org, defaults)
            record_audit(
                "organization-vacancy-defaults-changed",
                user=current_user,
                fields=sorted(name for name, value in vars(defaults).items() if value),
            )
            db.session.commit()
            flash(_("Vacancy defaults saved. New vacancies start with them."), "success")
            return redirect(url_for("admin.organization", _anchor="vacancy-defaults"))
        for name, items in problems.items():
            form[name].errors = [*form[name].errors, *(p.message.get(ui_lang()) for p in items)]
    return _organization_page(org, OrganizationForm(formdata=None, obj=org), form, 422)
