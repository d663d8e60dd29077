"""A readable comparison of two drafts, field by field (pure)."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.catalog.model import Catalog
from app.domain.vacancies.draft import KpiChoice, VacancyDraft

LIST_FIELDS = {
    "networks": "networks",
    "duties": "duties",
    "skills": "skills",
    "requirements": "requirements",
}
LINE_FIELDS = ("custom_duties", "custom_skills", "custom_requirements")
TEXT_FIELDS = ("intro_md", "conditions_md", "apply_md")
SCALAR_FIELDS = (
    "title",
    "role",
    "scale",
    "focus",
    "salary_from",
    "salary_to",
    "currency",
    "salary_gross",
    "salary_period",
    "employment",
    "schedule",
    "workplace",
    "location",
    "experience",
    "language",
    "valid_through",
)


@dataclass(frozen=True)
class Change:
    """One changed field: `lines` holds (mark, text) with mark "-", "+" or " "."""

    field: str
    lines: tuple[tuple[str, str], ...]


def _name(catalog: Catalog, kind: str, item_id: str, lang: str) -> str:
    item = catalog.by_id[kind].get(item_id)
    return item.text.get(lang) if item is not None else item_id


def _list_change(field: str, old: list[str], new: list[str]) -> Change | None:
    if old == new:
        return None
    removed = [("-", x) for x in old if x not in new]
    added = [("+", x) for x in new if x not in old]
    kept = [(" ", x) for x in new if x in old]
    return Change(field, tuple(removed + added + kept))


def _text_change(field: str, old: str, new: str) -> Change | None:
    if old == new:
        return None
    marks = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line[:1] in "-+ ":
            marks.append((line[0], line[2:]))
    return Change(field, tuple(marks))


def draft_diff(
    catalog: Catalog,
    old: VacancyDraft,
    new: VacancyDraft,
    lang: str,
    show: Callable[[str, object], str] | None = None,
) -> list[Change]:
    """What changed from `old` to `new`, in the order the form shows the fields. `show`
    turns a field's value into what people read (choice labels, numbers in the interface
    language's format); by default the value as stored."""
    show = show or (lambda _field, value: _show(value))
    changes: list[Change | None] = []
    for field in SCALAR_FIELDS:
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            changes.append(Change(field, (("-", show(field, a)), ("+", show(field, b)))))
    for field, kind in LIST_FIELDS.items():
        names_old = [_name(catalog, kind, i, lang) for i in getattr(old, field)]
        names_new = [_name(catalog, kind, i, lang) for i in getattr(new, field)]
        changes.append(_list_change(field, names_old, names_new))
    for field in LINE_FIELDS:
        changes.append(_list_change(field, list(getattr(old, field)), list(getattr(new, field))))

    def kpi(k: KpiChoice) -> str:
        return f"{_name(catalog, 'kpis', k.id, lang)}: {show('target', k.target)}"

    changes.append(_list_change("kpis", [kpi(k) for k in old.kpis], [kpi(k) for k in new.kpis]))
    for field in TEXT_FIELDS:
        changes.append(_text_change(field, getattr(old, field), getattr(new, field)))
    return [c for c in changes if c is not None]


def _show(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
