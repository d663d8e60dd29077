"""Drafts to and from plain JSON-ready dicts (pure): stored versions and the API share it."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from typing import Any

from app.domain.vacancies.draft import KpiChoice, VacancyDraft

_TUPLES = (
    "networks",
    "duties",
    "skills",
    "requirements",
    "custom_duties",
    "custom_skills",
    "custom_requirements",
)


def draft_to_dict(draft: VacancyDraft) -> dict[str, Any]:
    """A JSON-ready dict of every field of the draft."""
    data = asdict(draft)
    data.pop("extra", None)
    data["valid_through"] = draft.valid_through.isoformat() if draft.valid_through else None
    data["kpis"] = [{"id": k.id, "target": k.target} for k in draft.kpis]
    for name in _TUPLES:
        data[name] = list(data[name])
    return data


def draft_from_dict(data: dict[str, Any]) -> VacancyDraft:
    """Rebuild a draft stored by `draft_to_dict`; unknown keys are ignored."""
    known = {f.name for f in fields(VacancyDraft)} - {"extra"}
    values = {key: value for key, value in data.items() if key in known}
    for name in _TUPLES:
        if name in values:
            values[name] = tuple(values[name] or ())
    values["kpis"] = tuple(
        KpiChoice(id=str(k["id"]), target=float(k["target"])) for k in values.get("kpis") or ()
    )
    valid = values.get("valid_through")
    values["valid_through"] = date.fromisoformat(valid) if valid else None
    return VacancyDraft(**values)
