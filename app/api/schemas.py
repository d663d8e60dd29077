"""Vacancy bodies turned into drafts, and drafts into the API's shape.

The body's form is the VacancyInput schema's (app.api.bodies); the input limits are the
web form's (`draft_problems`); this module maps the API's field names onto the draft and
reports problems under the names the client sent.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.api.bodies import Problems, checked, refuse
from app.api.context import api_lang
from app.api.errors import FIELD_NAMES, invalid
from app.domain.catalog.model import Catalog
from app.domain.vacancies.compose import default_draft
from app.domain.vacancies.draft import SCALES, KpiChoice, VacancyDraft
from app.domain.vacancies.org_defaults import VacancyDefaults
from app.domain.vacancies.serialize import draft_to_dict
from app.domain.vacancies.validation import draft_problems

SIMPLE = (
    "title", "role", "scale", "networks", "focus", "duties", "skills", "requirements",
    "intro_md", "conditions_md", "apply_md", "employment", "schedule", "workplace",
    "location", "experience", "language", "valid_through",
)  # fmt: skip
LISTS = ("networks", "duties", "skills", "requirements")
DEFAULTED = ("duties", "skills", "requirements", "kpis", "focus")
SALARY = {"from": "salary_from", "to": "salary_to", "currency": "currency",
          "gross": "salary_gross", "period": "salary_period"}  # fmt: skip
CUSTOM = {"duties": "custom_duties", "skills": "custom_skills",
          "requirements": "custom_requirements"}  # fmt: skip


def _kpis(value: Any, broken: dict[str, list[Any]]) -> Any:
    """KPI choices from [{id, target}], leaving out the entries of the wrong form."""
    if not isinstance(value, list):
        return value  # draft_problems names the wrong type
    return tuple(
        KpiChoice(id=entry["id"], target=entry["target"])
        for index, entry in enumerate(value)
        if f"kpis.{index}" not in broken
    )


def _values(body: dict[str, Any], problems: Problems) -> dict[str, Any]:
    """Draft field values from the body (their values unchecked)."""
    values: dict[str, Any] = {key: body[key] for key in SIMPLE if key in body}
    for key in LISTS:
        if isinstance(values.get(key), list):
            values[key] = tuple(values[key])
    for name, mapping in (("salary", SALARY), ("custom", CUSTOM)):
        if name in body:
            refuse(problems, name)
            values.update({mapping[key]: value for key, value in body[name].items()})
    for key in CUSTOM.values():
        if isinstance(values.get(key), list):
            values[key] = tuple(values[key])
    if "kpis" in body:
        values["kpis"] = _kpis(body["kpis"], problems.get("kpis", {}))
    if isinstance(values.get("valid_through"), str):
        # A malformed date stays text, which draft_problems reports.
        with contextlib.suppress(ValueError):
            values["valid_through"] = date.fromisoformat(values["valid_through"])
    return values


def _with_defaults(catalog: Catalog, draft: VacancyDraft, given: set[str]) -> VacancyDraft:
    """Fill what the client left out from the role's defaults for its scale and networks."""
    networks = draft.networks
    if not isinstance(draft.role, str) or draft.role not in catalog.by_id["roles"]:
        return draft
    if draft.scale not in SCALES:
        return draft
    if not isinstance(networks, tuple) or not all(isinstance(n, str) for n in networks):
        return draft
    language = draft.language if draft.language in ("ru", "en") else "ru"
    defaults = default_draft(
        catalog, draft.role, scale=draft.scale, networks=networks, language=language
    )
    values = {key: getattr(defaults, key) for key in DEFAULTED if key not in given}
    if "title" not in given:
        values["title"] = defaults.title
    return replace(draft, **values)


def vacancy_draft(
    catalog: Catalog,
    body: dict[str, Any],
    base: VacancyDraft | None = None,
    defaults: VacancyDefaults | None = None,
) -> VacancyDraft:
    """The draft a body describes: over `base` (an update) or over the role's defaults and
    the organization's vacancy `defaults` (for what the body leaves out)."""
    form = checked(body, "VacancyInput")
    values = _values(body, form)
    if base is None:
        if "role" not in body:
            raise invalid({"role": [_l("This field is required.")]})
        draft = replace(VacancyDraft(title="", role=body["role"]), **values)
        draft = _with_defaults(catalog, draft, set(values))
        if defaults is not None:
            draft = defaults.prefill(draft, given=set(values))
    else:
        draft = replace(base, **values)
    problems: dict[str, list[Any]] = {
        FIELD_NAMES.get(name, name): [p.message.get(api_lang()) for p in found]
        for name, found in draft_problems(catalog, draft, today=date.today()).items()
    }
    for name, messages in form.get("kpis", {}).items():
        problems.setdefault(name, []).extend(messages)
    if problems:
        raise invalid(problems)
    return draft


def draft_to_api(draft: VacancyDraft) -> dict[str, Any]:
    """A stored draft in the API's shape (the inverse of `vacancy_draft`)."""
    data = draft_to_dict(draft)
    shaped = {key: data[key] for key in SIMPLE}
    shaped["kpis"] = data["kpis"]
    shaped["salary"] = {key: data[name] for key, name in SALARY.items()}
    shaped["custom"] = {key: data[name] for key, name in CUSTOM.items()}
    return shaped
