"""Vacancy pages: list, compose, edit, preview, status changes, history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from app.access import get_in_org_or_404, org_id
from app.caches import store
from app.catalog.service import catalog_for
from app.domain.vacancies.checks import publish_blockers
from app.domain.vacancies.compose import default_draft
from app.domain.vacancies.diff import draft_diff
from app.domain.vacancies.draft import VACANCY_ROLES
from app.domain.vacancies.org_defaults import VacancyDefaults
from app.domain.vacancies.quality import Finding
from app.domain.vacancies.serialize import draft_from_dict
from app.domain.vacancies.validation import draft_problems
from app.exports.hh import hh_problems
from app.exports.html import render_html_fragment
from app.exports.jsonld import job_posting, jsonld_script_body
from app.exports.jsonld_rules import jobposting_problems
from app.exports.telegram import telegram_parts
from app.extensions import db
from app.i18n import ui_lang
from app.permissions import EDITORS, roles_required
from app.public.labels import problem_items
from app.public.queries import published_title
from app.public.slugs import vacancy_slug
from app.vacancies import bp, service
from app.vacancies.forms import (
    VacancyFormBase,
    attach_problems,
    fill_form,
    form_to_draft,
    make_form,
    typed_problems,
)
from app.vacancies.labels import diff_value, finding_label
from app.vacancies.listing import vacancy_rows
from app.vacancies.models import STATUSES, Vacancy

bp.add_app_template_filter(finding_label, "finding_label")
EXPORT_LABELS = (
    ("pdf", "PDF"),
    ("docx", "Word"),
    ("md", "Markdown"),
    ("txt", "TXT"),
    ("html", "HTML"),
    ("jsonld", "JSON-LD"),
    ("hh", "hh.ru JSON"),
    ("telegram", "Telegram"),
)


def org():
    return current_user.organization


def _int_arg(name: str, default: int = 1) -> int:
    try:
        return int(request.args.get(name, default))
    except (TypeError, ValueError):
        return default


@bp.route("/")
@roles_required(*EDITORS)
def index():
    """The organization's vacancies with search, filters, sorting and pages."""
    q = request.args.get("q", "")[:100]
    status = request.args.get("status", "")
    role = request.args.get("role", "")
    sort = request.args.get("sort", "updated")
    page = service.list_page(
        org_id(),
        q=q,
        status=status if status in STATUSES else "",
        role=role if role in VACANCY_ROLES else "",
        sort=sort if sort in service.SORTS else "updated",
        page=_int_arg("page"),
    )
    catalog = catalog_for(org())
    return render_template(
        "vacancies/index.html",
        page=page,
        q=q,
        status=status,
        role=role,
        sort=sort,
        roles=catalog.roles,
        lang=ui_lang(),
    )


def _attach_blockers(form, blockers) -> None:
    """Show the findings that keep a change of a published vacancy from being saved
    beside their fields (the whole-vacancy ones above the form)."""
    lang = ui_lang()
    form.form_errors.append(
        _(
            "This vacancy is published, and a published vacancy never shows text with "
            "errors: nothing has been saved. Fix the errors below, or move the vacancy "
            "back to draft first."
        )
    )
    for finding in blockers:
        message = finding.message.get(lang)
        field = form._fields.get(finding.field) if finding.field else None
        if finding.field == "salary":
            field = form.salary_from
        if field is None:
            form.form_errors.append(message)
        elif message not in field.errors:
            field.errors = [*field.errors, message]


def _editor(form, catalog, draft, vacancy=None, status=200):
    _document, report = service.analyse(org(), catalog, draft, vacancy)
    return render_template(
        "vacancies/edit.html",
        form=form,
        catalog=catalog,
        report=report,
        vacancy=vacancy,
        lang=ui_lang(),
    ), status


def _submitted(form, catalog):
    """Validate a submitted form; return the draft when it may be stored, else None."""
    form_ok = form.validate()
    draft = form_to_draft(form, catalog)
    problems = draft_problems(catalog, draft, today=date.today())
    for name, typed in typed_problems(form).items():
        problems[name] = [*typed, *problems.get(name, [])]
    attach_problems(form, problems, ui_lang())
    return draft if form_ok and not problems else None, draft


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def new():
    """Compose a new vacancy, pre-filled from the role and scale."""
    catalog = catalog_for(org())
    form = make_form(catalog, ui_lang())
    if request.method == "GET":
        role = request.args.get("role", "smm-manager")
        role = role if role in catalog.by_id["roles"] else catalog.roles[0].id
        scale = request.args.get("scale")
        draft = default_draft(
            catalog,
            role,
            scale=scale if scale in ("small", "large") else None,
            language=ui_lang(),
        )
        draft = VacancyDefaults.of(org()).prefill(draft)
        fill_form(form, draft)
        return _editor(form, catalog, draft)
    if request.form.get("action") == "defaults":
        return _apply_defaults(form, catalog)
    draft, shown = _submitted(form, catalog)
    if draft is None:
        return _editor(form, catalog, shown, status=422)
    vacancy = service.create(org(), current_user, catalog, draft)
    db.session.commit()
    flash(_("The vacancy has been saved as a draft."), "success")
    return redirect(url_for("vacancies.show", vacancy_id=vacancy.id))


def _apply_defaults(form, catalog, vacancy=None):
    """Re-select duties, skills, requirements and goals for the chosen role and scale."""
    form.validate()
    shown = form_to_draft(form, catalog)
    role = shown.role if shown.role in catalog.by_id["roles"] else catalog.roles[0].id
    defaults = default_draft(
        catalog,
        role,
        scale=shown.scale if shown.scale in ("small", "large") else "large",
        networks=shown.networks or ("instagram",),
        language=shown.language or "ru",
    )
    draft = replace(
        shown,
        role=role,
        duties=defaults.duties,
        skills=defaults.skills,
        requirements=defaults.requirements,
        kpis=defaults.kpis,
        focus=defaults.focus,
    )
    for name in ("duties", "skills", "requirements", "focus"):
        getattr(form, name).errors = []
    fill_form(form, draft)
    return _editor(form, catalog, draft, vacancy)


@bp.route("/<int:vacancy_id>")
@roles_required(*EDITORS)
def show(vacancy_id: int):
    """The vacancy as its readers will see it, with its findings and actions."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    page_url = url_for("vacancies.show", vacancy_id=vacancy.id, _external=True)
    preview, report, jsonld, hh_notes, post_parts, google = _show_parts(vacancy, page_url)
    organization = org()
    public_url = None
    if organization.public_jobs and organization.slug and vacancy.status == "published":
        public_url = url_for(
            "public.vacancy",
            org_slug=organization.slug,
            slug=vacancy_slug(vacancy.id, published_title(vacancy)),
        )
    return render_template(
        "vacancies/show.html",
        vacancy=vacancy,
        withdrawal=service.withdrawal(vacancy),
        blockers=publish_blockers(report),
        report=report,
        preview=preview,
        jsonld=jsonld,
        export_links=EXPORT_LABELS,
        hh_notes=hh_notes,
        telegram_parts=post_parts,
        google_problems=problem_items(google),
        public_url=public_url,
        lang=ui_lang(),
        trial_plan_url=url_for("probation.new_plan", vacancy_id=vacancy.id),
    )


_SHOWN = store("vacancies.shown_parts")


def _show_parts(vacancy: Vacancy, page_url: str) -> tuple:
    """Preview, checks, JSON-LD and hh.ru notes of a saved vacancy.

    Composing and checking a vacancy is pure, so the result is kept per process for the
    exact inputs: the vacancy's identity, version, timestamps and status, the
    organization's identity and catalog version, name
    and logo, the UI language and the day (drafts show today's date).
    """
    organization = org()
    key = (
        vacancy.id, vacancy.created_at, vacancy.updated_at, vacancy.version, vacancy.status,
        vacancy.published_at, organization.id, organization.created_at,
        organization.catalog_version, organization.name,
        organization.logo_mime and hash(organization.logo_data),
        ui_lang(), date.today(), page_url,
    )  # fmt: skip
    parts = _SHOWN.get(key)
    if parts is not None:
        return parts
    catalog = catalog_for(organization)
    document, report = service.analyse(organization, catalog, service.current_draft(vacancy),
                                       vacancy)  # fmt: skip
    parts = (
        # The fragment comes from an autoescaping template with sanitized Markdown.
        Markup(render_html_fragment(document)),  # noqa: S704
        report,
        # A published vacancy whose findings changed under it (newer checks) shows a banner
        # and no JobPosting until it is fixed.
        jsonld_script_body(document, url=page_url)
        if vacancy.status == "published" and not publish_blockers(report)
        else None,
        [p.message(ui_lang()) for p in hh_problems(document)],
        telegram_parts(document),
        # What Google's job search would miss in the JobPosting (labels in the template).
        jobposting_problems(job_posting(document, url=page_url)),
    )
    return _SHOWN.put(key, parts)


@bp.route("/<int:vacancy_id>/edit", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit(vacancy_id: int):
    """Edit a vacancy; a save based on an old version shows the conflict page."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    catalog = catalog_for(org())
    form = make_form(catalog, ui_lang())
    if request.method == "GET":
        draft = service.current_draft(vacancy)
        fill_form(form, draft)
        form.base_version.data = str(vacancy.version)
        return _editor(form, catalog, draft, vacancy)
    if request.form.get("action") == "defaults":
        return _apply_defaults(form, catalog, vacancy)
    draft, shown = _submitted(form, catalog)
    if draft is None:
        return _editor(form, catalog, shown, vacancy, status=422)
    try:
        base = int(form.base_version.data or 0)
    except ValueError:
        base = 0
    try:
        service.save(vacancy, current_user, catalog, draft, base)
    except service.PublishedContentBlocked as blocked:
        _attach_blockers(form, blocked.blockers)
        return _editor(form, catalog, draft, vacancy, status=422)
    except service.VersionConflict as conflict:
        current = conflict.vacancy
        if current is None:  # deleted meanwhile
            abort(404)
        return render_template(
            "vacancies/conflict.html",
            vacancy=current,
            form=form,
            diff=draft_diff(
                catalog,
                service.current_draft(current),
                draft,
                ui_lang(),
                diff_value(catalog, ui_lang()),
            ),
            mine=draft,
            lang=ui_lang(),
        ), 409
    db.session.commit()
    flash(_("Saved as version %(number)s.", number=vacancy.version), "success")
    return redirect(url_for("vacancies.show", vacancy_id=vacancy.id))


@bp.route("/check", methods=["POST"])
@roles_required(*EDITORS)
def live_check():
    """The findings panel for the form as it is now (used by the live check script)."""
    catalog = catalog_for(org())
    form = make_form(catalog, ui_lang())
    form.validate()
    draft = form_to_draft(form, catalog)
    _document, report = service.analyse(org(), catalog, draft)
    return render_template("vacancies/_findings.html", report=report, lang=ui_lang())


def _status_change(vacancy_id: int, status: str, message: str):
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    try:
        service.set_status(vacancy, status, catalog_for(org()))
    except service.PublishBlocked as blocked:
        for finding in blocked.blockers:
            flash(finding.message.get(ui_lang()), "error")
        flash(_("Fix the errors above before publishing."), "error")
        return redirect(url_for("vacancies.show", vacancy_id=vacancy.id))
    except service.VersionConflict:
        flash(_("Someone saved this vacancy meanwhile; look at the newest version first."), "error")
        return redirect(url_for("vacancies.show", vacancy_id=vacancy.id))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("vacancies.show", vacancy_id=vacancy.id))


@bp.route("/<int:vacancy_id>/publish", methods=["POST"])
@roles_required(*EDITORS)
def publish(vacancy_id: int):
    """Publish (refused while an error finding stands)."""
    return _status_change(vacancy_id, "published", _("The vacancy is published."))


@bp.route("/<int:vacancy_id>/archive", methods=["POST"])
@roles_required(*EDITORS)
def archive(vacancy_id: int):
    """Move to the archive."""
    return _status_change(vacancy_id, "archived", _("The vacancy is archived."))


@bp.route("/<int:vacancy_id>/restore", methods=["POST"])
@roles_required(*EDITORS)
def unarchive(vacancy_id: int):
    """Bring an archived or published vacancy back to draft."""
    return _status_change(vacancy_id, "draft", _("The vacancy is a draft again."))


@bp.route("/<int:vacancy_id>/duplicate", methods=["POST"])
@roles_required(*EDITORS)
def duplicate(vacancy_id: int):
    """Copy a vacancy into a new draft."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    copy = service.duplicate(vacancy, current_user, catalog_for(org()), _("copy"))
    db.session.commit()
    flash(_("A copy has been created."), "success")
    return redirect(url_for("vacancies.edit", vacancy_id=copy.id))


@bp.route("/<int:vacancy_id>/delete", methods=["GET", "POST"])
@roles_required(*EDITORS)
def delete(vacancy_id: int):
    """Ask for confirmation, then delete the vacancy with its history."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    if request.method == "POST":
        if request.form.get("confirm") != "yes":
            abort(400)
        db.session.delete(vacancy)
        db.session.commit()
        flash(_("The vacancy has been deleted."), "success")
        return redirect(url_for("vacancies.index"))
    return render_template("vacancies/delete.html", vacancy=vacancy)


@bp.route("/<int:vacancy_id>/versions")
@roles_required(*EDITORS)
def versions(vacancy_id: int):
    """Every saved version."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    return render_template("vacancies/versions.html", vacancy=vacancy)


@bp.route("/<int:vacancy_id>/versions/<int:number>")
@roles_required(*EDITORS)
def version(vacancy_id: int, number: int):
    """One version, compared with the current text."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    old = service.version(vacancy, number) or abort(404)
    catalog = catalog_for(org())
    diff = draft_diff(
        catalog,
        draft_from_dict(old.data),
        service.current_draft(vacancy),
        ui_lang(),
        diff_value(catalog, ui_lang()),
    )
    return render_template(
        "vacancies/version.html", vacancy=vacancy, old=old, diff=diff, lang=ui_lang()
    )


@bp.route("/<int:vacancy_id>/versions/<int:number>/restore", methods=["GET", "POST"])
@roles_required(*EDITORS)
def restore_version(vacancy_id: int, number: int):
    """Ask for confirmation, then make an old version current again (as a new version;
    history is kept). A published vacancy only takes a version without errors."""
    vacancy = get_in_org_or_404(Vacancy, vacancy_id)
    old = service.version(vacancy, number) or abort(404)
    catalog = catalog_for(org())
    if request.method == "GET":
        blockers: tuple[Finding, ...] = ()
        if vacancy.status == "published":
            blockers = service.blocking_findings(catalog, draft_from_dict(old.data))
        return _restore_page(vacancy, old, blockers, 200)
    if request.form.get("confirm") != "yes":
        abort(400)
    try:
        base = int(request.form.get("base_version", vacancy.version))
    except ValueError:
        base = -1
    try:
        service.restore(vacancy, current_user, catalog, number, base)
    except service.PublishedContentBlocked as blocked:
        return _restore_page(vacancy, old, blocked.blockers, 422)
    except service.VersionConflict:
        flash(_("Someone saved this vacancy meanwhile; look at the newest version first."), "error")
        return redirect(url_for("vacancies.versions", vacancy_id=vacancy_id))
    db.session.commit()
    flash(_("Version %(number)s is current again.", number=number), "success")
    return redirect(url_for("vacancies.show", vacancy_id=vacancy_id))


def _restore_page(vacancy: Vacancy, old, blockers, status: int):
    return render_template(
        "vacancies/restore.html", vacancy=vacancy, old=old, blockers=blockers, lang=ui_lang()
    ), status


@bp.context_processor
def vacancy_context() -> dict:
    """Labels shared by the vacancy pages."""
    if not current_user.is_authenticated:
        return {}
    labels = {
        name: field.args[0] if field.args else name
        for name, field in vars(VacancyFormBase).items()
        if hasattr(field, "field_class")
    }
    labels["kpis"] = _l("Measurable goals of the trial period")
    catalog = catalog_for(org())
    return {
        "field_labels": labels,
        "role_names": {r.id: r.text.get(ui_lang()) for r in catalog.roles},
        "vacancy_rows": vacancy_rows,
    }
