"""Catalog pages: browse and search, compare the roles, exclusions, organization overrides."""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from app.access import get_in_org_or_404
from app.catalog.forms import (
    KIND_CHOICES,
    AddItemForm,
    ExtendExclusionForm,
    HideForm,
    RewordForm,
    split_item,
)
from app.catalog.models import CatalogOverride
from app.catalog.service import (
    base_catalog,
    catalog_for,
    organization_catalog,
    override_from_row,
)
from app.database import utcnow
from app.domain.catalog import browse
from app.domain.catalog.overrides import (
    ADDED_PREFIX,
    KIND_FIELDS,
    Override,
    OverrideProblem,
    apply_overrides,
)
from app.extensions import db
from app.i18n import ui_lang
from app.permissions import EDITORS, EVERYONE, roles_required
from app.vacancies.service import catalog_changed

bp = Blueprint("catalog", __name__, url_prefix="/catalog")
FIELD = KIND_FIELDS


@bp.route("/")
@roles_required(*EVERYONE)
def index():
    """Every catalog item, searchable and filtered by kind, role, category and network."""
    catalog = catalog_for(current_user.organization)
    args = {k: request.args.get(k, "")[:100] for k in ("q", "kind", "role", "category", "network")}
    if args["kind"] not in browse.KINDS:
        args["kind"] = ""
    entries = browse.search(catalog, **args)
    return render_template(
        "catalog/index.html",
        catalog=catalog,
        entries=entries,
        args=args,
        lang=ui_lang(),
        kinds=browse.KINDS,
    )


@bp.route("/compare")
@roles_required(*EVERYONE)
def compare():
    """Manager, specialist and generalist side by side, explained in plain words."""
    catalog = catalog_for(current_user.organization)
    return render_template(
        "catalog/compare.html",
        catalog=catalog,
        cmp=browse.compare_roles(catalog),
        scale_names={"small": _("small project"), "large": _("large company")},
        lang=ui_lang(),
    )


@bp.route("/exclusions")
@roles_required(*EVERYONE)
def exclusions():
    """Tasks that are not an SMM person's job, why, and who does them instead."""
    catalog = catalog_for(current_user.organization)
    conflicting = {
        e.id: [
            i
            for kind in ("duties", "skills", "requirements")
            for i in getattr(catalog, kind)
            if i.conflicts_with == e.id
        ]
        for e in catalog.exclusions
    }
    return render_template(
        "catalog/exclusions.html", catalog=catalog, conflicting=conflicting, lang=ui_lang()
    )


def _forms(catalog, lang):
    add = AddItemForm(prefix="add")
    add.category.choices = [SelectChoice("", "—")] + [
        SelectChoice(c.id, c.text.get(lang)) for c in catalog.categories
    ]
    add.roles.choices = [SelectChoice(r.id, r.text.get(lang)) for r in catalog.roles]
    add.duties.choices = [SelectChoice(d.id, d.text.get(lang)) for d in catalog.duties]
    reword, hide = RewordForm(prefix="reword"), HideForm(prefix="hide")
    reword.item_id.choices = hide.item_id.choices = _item_choices(catalog, lang)
    return add, reword, hide


def _item_choices(catalog, lang) -> dict:
    """The catalog's items by kind, by name: what an organization may reword or hide."""
    groups = {"": [SelectChoice("", "—")]}
    for choice in KIND_CHOICES:
        items = getattr(catalog, KIND_FIELDS[choice.value])
        groups[str(choice.label)] = [
            SelectChoice(f"{choice.value}:{i.id}", i.text.get(lang)) for i in items
        ]
    return groups


def _extend_form(catalog, lang) -> ExtendExclusionForm:
    form = ExtendExclusionForm(prefix="extend")
    form.item_id.choices = [SelectChoice(e.id, e.text.get(lang)) for e in catalog.exclusions]
    return form


@bp.route("/overrides", methods=["GET"])
@roles_required(*EDITORS)
def overrides():
    """The organization's own items, rewordings and hidden items, with stale ones flagged."""
    org = current_user.organization
    catalog, problems = organization_catalog(org)
    add, reword, hide = _forms(base_catalog(), ui_lang())
    return _overrides_page(catalog, problems, add, reword, hide)


def _overrides_page(catalog, problems, add, reword, hide, status=200, extend=None):
    rows = (
        db.session.execute(
            select(CatalogOverride)
            .where(CatalogOverride.organization_id == current_user.organization_id)
            .order_by(CatalogOverride.kind, CatalogOverride.id)
        )
        .scalars()
        .all()
    )
    broken = {(p.override.kind, p.override.action, p.override.item_id): p for p in problems}
    base = base_catalog()
    return render_template(
        "catalog/overrides.html",
        rows=rows,
        broken=broken,
        catalog=catalog,
        base=base,
        add=add,
        reword=reword,
        hide=hide,
        extend=extend or _extend_form(base, ui_lang()),
        lang=ui_lang(),
        kind_fields=FIELD,
    ), status


def _existing() -> list[Override]:
    rows = db.session.execute(
        select(CatalogOverride).where(
            CatalogOverride.organization_id == current_user.organization_id
        )
    ).scalars()
    return [override_from_row(r) for r in rows]


def _store(override: Override, data: dict) -> OverrideProblem | None:
    """Save an override if it applies cleanly; return the problem otherwise."""
    _merged, problems = apply_overrides(base_catalog(), [*_existing(), override])
    for p in problems:
        if p.override == override:
            return p
    row = db.session.execute(
        select(CatalogOverride).where(
            CatalogOverride.organization_id == current_user.organization_id,
            CatalogOverride.kind == override.kind,
            CatalogOverride.action == override.action,
            CatalogOverride.item_id == override.item_id,
        )
    ).scalar_one_or_none()
    if row is None:
        row = CatalogOverride(
            organization_id=current_user.organization_id,
            kind=override.kind,
            action=override.action,
            item_id=override.item_id,
        )
        db.session.add(row)
    row.data = data
    row.updated_at = utcnow()
    _changed()
    return None


def _changed() -> None:
    """Commit a catalog change with its consequences, and say what they were."""
    withdrawn = catalog_changed(current_user.organization, current_user)
    db.session.commit()
    if withdrawn:
        flash(
            ngettext(
                "%(num)d published vacancy has errors with this change and is a draft "
                "again: its page says what to fix.",
                "%(num)d published vacancies have errors with this change and are drafts "
                "again: their pages say what to fix.",
                len(withdrawn),
            ),
            "warning",
        )


def _new_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "item"
    return f"{ADDED_PREFIX}{slug}-{secrets.token_hex(2)}"


@bp.route("/overrides/add", methods=["POST"])
@roles_required(*EDITORS)
def override_add():
    """Add an item of the organization's own."""
    org = current_user.organization
    catalog, problems = organization_catalog(org)
    add, reword, hide = _forms(base_catalog(), ui_lang())
    if add.validate():
        data = {
            "text_ru": add.text_ru.data,
            "text_en": add.text_en.data,
            "category": add.category.data or None,
            "roles": list(add.roles.data or []),
            "content_production": bool(add.content_production.data),
            "unit_ru": add.unit_ru.data or "",
            "unit_en": add.unit_en.data or "",
            "direction": add.direction.data,
            "default_target": float(add.default_target.data) if add.default_target.data else None,
            "weight": add.weight.data,
            "critical": bool(add.critical.data),
            "duties": list(add.duties.data or []),
        }
        override = Override(
            kind=add.kind.data,
            action="add",
            item_id=_new_id(add.text_en.data),
            **{**data, "roles": tuple(data["roles"]), "duties": tuple(data["duties"])},
        )
        problem = _store(override, data)
        if problem is None:
            flash(_("Your item has been added to the catalog."), "success")
            return redirect(url_for("catalog.overrides"))
        add.form_errors.append(_explain(problem))
    return _overrides_page(catalog, problems, add, reword, hide, 422)


def _explain(problem: OverrideProblem) -> str:
    """Say what an override problem means to the person who filled in the form."""
    known = {
        "kpi-unit": _("A KPI needs a unit in both languages and a direction."),
        "kpi-target": _("A KPI needs a default target above 0."),
        "task-weight": _("A trial task needs a weight from 1 to 5."),
        "task-duties": _("A trial task must test at least one responsibility."),
        "removed": _("There is no such item in the catalog."),
        "reword-empty": _("Give the new text in at least one language."),
        "unknown-category": _("Choose a category for a responsibility."),
    }
    return known.get(problem.code, _("This change cannot be applied."))


@bp.route("/overrides/reword", methods=["POST"])
@roles_required(*EDITORS)
def override_reword():
    """Reword a catalog item for this organization."""
    catalog, problems = organization_catalog(current_user.organization)
    add, reword, hide = _forms(base_catalog(), ui_lang())
    if reword.validate():
        data: dict[str, Any] = {
            "text_ru": reword.text_ru.data or "",
            "text_en": reword.text_en.data or "",
        }
        kind, item_id = split_item(reword)
        override = Override(kind=kind, action="reword", item_id=item_id, **data)
        problem = _store(override, data)
        if problem is None:
            flash(_("The wording has been changed for your organization."), "success")
            return redirect(url_for("catalog.overrides"))
        reword.form_errors.append(_explain(problem))
    return _overrides_page(catalog, problems, add, reword, hide, 422)


@bp.route("/overrides/extend", methods=["POST"])
@roles_required(*EDITORS)
def override_extend():
    """Add the organization's own words to a task that is not SMM work."""
    catalog, problems = organization_catalog(current_user.organization)
    add, reword, hide = _forms(base_catalog(), ui_lang())
    extend = _extend_form(base_catalog(), ui_lang())
    if extend.validate():
        data = {
            "terms": _lines(extend.terms.data),
            "unless": _lines(extend.unless.data),
        }
        override = Override(
            kind="exclusion",
            action="extend",
            item_id=extend.item_id.data,
            terms=tuple(data["terms"]),
            unless=tuple(data["unless"]),
        )
        problem = _store(override, data)
        if problem is None:
            flash(_("The composer now also reads your words for this task."), "success")
            return redirect(url_for("catalog.overrides"))
        if problem.code == "terms":
            extend.terms.errors = [
                _("A word is too short or not a word: use words of two letters or more.")
            ]
        else:
            extend.form_errors.append(_explain(problem))
    return _overrides_page(catalog, problems, add, reword, hide, 422, extend)


def _lines(text: str | None) -> list[str]:
    return list(dict.fromkeys(line.strip() for line in (text or "").splitlines() if line.strip()))


@bp.route("/overrides/hide", methods=["POST"])
@roles_required(*EDITORS)
def override_hide():
    """Hide a catalog item for this organization."""
    catalog, problems = organization_catalog(current_user.organization)
    add, reword, hide = _forms(base_catalog(), ui_lang())
    if hide.validate():
        kind, item_id = split_item(hide)
        override = Override(kind=kind, action="hide", item_id=item_id)
        problem = _store(override, {})
        if problem is None:
            flash(_("The item is hidden for your organization."), "success")
            return redirect(url_for("catalog.overrides"))
        hide.form_errors.append(_explain(problem))
    return _overrides_page(catalog, problems, add, reword, hide, 422)


@bp.route("/overrides/<int:override_id>/delete", methods=["POST"])
@roles_required(*EDITORS)
def override_delete(override_id: int):
    """Undo one override."""
    row = get_in_org_or_404(CatalogOverride, override_id)
    db.session.delete(row)
    flash(_("The change has been undone."), "success")
    _changed()
    return redirect(url_for("catalog.overrides"))


@bp.route("/items/<kind>/<entry_id>")
@roles_required(*EVERYONE)
def item(kind: str, entry_id: str):
    """One catalog item with everything known about it."""
    catalog = catalog_for(current_user.organization)
    if kind not in browse.KINDS:
        abort(404)
    found = catalog.by_id[kind].get(entry_id)
    if found is None:
        abort(404)
    return render_template(
        "catalog/item.html", kind=kind, item=found, catalog=catalog, lang=ui_lang()
    )


@bp.context_processor
def catalog_context() -> dict:
    """Labels the catalog pages share."""
    if not current_user.is_authenticated:
        return {}
    catalog = catalog_for(current_user.organization)
    lang = ui_lang()
    return {
        "kind_labels": {
            "duties": _("Responsibility"),
            "skills": _("Skill"),
            "requirements": _("Requirement"),
            "kpis": _("Measurable goal (KPI)"),
            "trial_tasks": _("Trial task"),
            "exclusions": _("Not an SMM task"),
        },
        "override_kind_labels": {
            "duty": _("Responsibility"),
            "skill": _("Skill"),
            "requirement": _("Requirement"),
            "kpi": _("Measurable goal (KPI)"),
            "trial_task": _("Trial task"),
            "exclusion": _("Not an SMM task"),
        },
        "action_labels": {
            "add": _("Added"),
            "reword": _("Reworded"),
            "hide": _("Hidden"),
            "extend": _("Own words added"),
        },
        "role_titles": {r.id: r.text.get(lang) for r in catalog.roles},
        "source_names": {s.id: s.text.get(lang) for s in catalog.sources},
    }
