"""Browsing helpers for the catalog pages: search, filters, role comparison (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from app.domain.catalog.model import Catalog, Duty, RoleDefaults, Skill

_Chosen = TypeVar("_Chosen", Duty, Skill)

KINDS = ("duties", "skills", "requirements", "kpis", "trial_tasks", "exclusions")


@dataclass(frozen=True)
class Entry:
    """One catalog item as the browser lists it."""

    kind: str
    item: object


def _haystack(item: Any) -> str:
    parts = [item.id, item.text.ru, item.text.en]
    for extra in ("rationale", "instead", "evidence", "summary"):
        value = getattr(item, extra, None)
        if value is not None:
            parts += [value.ru, value.en]
    return " ".join(parts).casefold().replace("ё", "е")


def search(
    catalog: Catalog,
    *,
    q: str = "",
    kind: str = "",
    role: str = "",
    category: str = "",
    network: str = "",
) -> list[Entry]:
    """Items matching every given filter; an empty filter matches all."""
    needle = q.casefold().replace("ё", "е").strip()
    found = []
    for k in KINDS:
        if kind and k != kind:
            continue
        for item in getattr(catalog, k):
            if needle and needle not in _haystack(item):
                continue
            if role and role not in _roles_of(catalog, k, item):
                continue
            if category and getattr(item, "category", None) != category:
                continue
            if network and network not in (getattr(item, "networks", ()) or ()):
                continue
            found.append(Entry(k, item))
    return found


def _roles_of(catalog: Catalog, kind: str, item: Any) -> tuple[str, ...]:
    if hasattr(item, "roles"):
        return tuple(item.roles)
    if kind == "trial_tasks":
        roles: list[str] = []
        for duty_id in item.duties:
            duty = catalog.by_id["duties"].get(duty_id)
            roles += list(duty.roles) if duty else []
        return tuple(dict.fromkeys(roles))
    return tuple(r.id for r in catalog.roles)


@dataclass(frozen=True)
class Comparison:
    """Duties and skills of the three roles: shared by all, and only in one role."""

    shared_duties: tuple[Duty, ...]
    only_duties: dict[str, tuple[Duty, ...]]
    shared_skills: tuple[Skill, ...]
    only_skills: dict[str, tuple[Skill, ...]]
    defaults: dict[str, RoleDefaults]


def compare_roles(catalog: Catalog) -> Comparison:
    """What the roles share and what only one of them does: the duties and skills a new
    vacancy for each role starts with (at the role's own scale, Role.default_scale), so the
    lists and the defaults table below them say the same thing."""
    defaults = {r.id: catalog.defaults_for(r.id, r.default_scale) for r in catalog.roles}

    def split(
        items: Sequence[_Chosen], kind: str
    ) -> tuple[tuple[_Chosen, ...], dict[str, tuple[_Chosen, ...]]]:
        chosen = {i.id: [r for r in defaults if i.id in getattr(defaults[r], kind)] for i in items}
        shared = tuple(i for i in items if len(chosen[i.id]) == len(defaults))
        only = {r: tuple(i for i in items if chosen[i.id] == [r]) for r in defaults}
        return shared, only

    shared_duties, only_duties = split(
        [d for d in catalog.duties if not d.conflicts_with], "duties"
    )
    shared_skills, only_skills = split(
        [s for s in catalog.skills if not s.conflicts_with], "skills"
    )
    return Comparison(shared_duties, only_duties, shared_skills, only_skills, defaults)
