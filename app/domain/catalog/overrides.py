"""An organization's own changes to the catalog, merged over it (pure: no Flask)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.domain.catalog.concepts import concept_problem
from app.domain.catalog.model import (
    DIRECTIONS,
    REQUIREMENT_KINDS,
    Catalog,
    Duty,
    Exclusion,
    Kpi,
    Requirement,
    Skill,
    Text,
    TrialTask,
)
from app.domain.catalog.schema import KEBAB
from app.domain.message import Message, english, msg

KINDS = ("duty", "skill", "requirement", "kpi", "trial_task", "exclusion")
# "extend" adds an organization's own terms to a catalog exclusion's concept.
ACTIONS = ("add", "reword", "hide", "extend")
ADDED_PREFIX = "org-"
ORG_SOURCE = "organization"
_FIELD = {
    "duty": "duties",
    "skill": "skills",
    "requirement": "requirements",
    "kpi": "kpis",
    "trial_task": "trial_tasks",
    "exclusion": "exclusions",
}
# The catalog list each kind of override changes.
KIND_FIELDS = _FIELD


@dataclass(frozen=True, slots=True)
class Override:
    """One change: add an `org-` item, reword a catalog item's text, or hide an item."""

    kind: str
    action: str
    item_id: str
    text_ru: str = ""
    text_en: str = ""
    category: str | None = None
    roles: tuple[str, ...] = ()
    content_production: bool = False
    requirement_kind: str | None = None
    unit_ru: str = ""
    unit_en: str = ""
    direction: str | None = None
    default_target: float | None = None
    weight: int | None = None
    critical: bool = False
    evidence_ru: str = ""
    evidence_en: str = ""
    duties: tuple[str, ...] = ()
    # Exclusions: why it is not SMM work, who does it, and the terms that show it
    # (names or words, each a concept term: see app.domain.catalog.concepts).
    rationale_ru: str = ""
    rationale_en: str = ""
    instead_ru: str = ""
    instead_en: str = ""
    terms: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OverrideProblem:
    """An override that could not be applied: a stable code and why, as a message."""

    override: Override
    code: str
    message: Message

    def __str__(self) -> str:
        o = self.override
        return f"{o.kind} {o.action} {o.item_id!r}: {english(self.message)}"


# What is wrong with an override: its code and the message saying so.
Problem = tuple[str, Message]


def _both(ru: str, en: str) -> Text | None:
    return Text(ru.strip(), en.strip()) if ru.strip() and en.strip() else None


def _new_item(catalog: Catalog, o: Override) -> tuple[Any | None, Problem | None]:
    """Build the item an `add` override describes, or say what is missing."""
    text = _both(o.text_ru, o.text_en)
    if text is None:
        return None, ("missing-text", msg("an added item needs both Russian and English text"))
    roles = o.roles or tuple(role.id for role in catalog.roles)
    unknown = [r for r in roles if r not in catalog.by_id["roles"]]
    if unknown:
        return None, ("unknown-role", msg("unknown role %(role)s", role=repr(unknown[0])))
    source = (ORG_SOURCE,)
    if o.kind == "exclusion":
        return _new_exclusion(o, text, source)
    if o.kind == "duty":
        if o.category is None or o.category not in catalog.by_id["categories"]:
            category = repr(o.category)
            return None, (
                "unknown-category",
                msg("unknown category %(category)s", category=category),
            )
        return Duty(o.item_id, text, o.category, roles, o.content_production, source), None
    if o.kind == "skill":
        return Skill(o.item_id, text, roles, source), None
    if o.kind == "requirement":
        kind = o.requirement_kind or "knowledge"
        if kind not in REQUIREMENT_KINDS:
            return None, (
                "unknown-requirement-kind",
                msg("unknown requirement kind %(kind)s", kind=repr(kind)),
            )
        return Requirement(o.item_id, text, kind, roles, source), None
    if o.kind == "kpi":
        unit = _both(o.unit_ru, o.unit_en)
        if unit is None or o.direction not in DIRECTIONS:
            return None, (
                "kpi-unit",
                msg("an added KPI needs a unit in both languages and a direction"),
            )
        if o.default_target is None or not o.default_target > 0:
            return None, ("kpi-target", msg("an added KPI needs a target above 0"))
        return Kpi(o.item_id, text, unit, o.direction, float(o.default_target), roles, source), None
    evidence = _both(o.evidence_ru, o.evidence_en) or Text("", "")
    if o.weight is None or not 1 <= o.weight <= 5:
        return None, ("task-weight", msg("an added trial task needs a weight from 1 to 5"))
    missing = [d for d in o.duties if d not in catalog.by_id["duties"]]
    if not o.duties or missing:
        if missing:
            return None, ("unknown-duty", msg("unknown duty %(duty)s", duty=repr(missing[0])))
        return None, ("task-duties", msg("it must test some duty"))
    return TrialTask(o.item_id, text, o.duties, o.weight, o.critical, evidence, source), None


def _definition(o: Override) -> dict[str, Any]:
    definition: dict[str, Any] = {"tools": [t for t in o.terms if t.strip()]}
    if [t for t in o.unless if t.strip()]:
        definition["unless"] = [t for t in o.unless if t.strip()]
    return definition


def _new_exclusion(o: Override, text: Text, source: tuple[str, ...]) -> tuple[Any, Problem | None]:
    rationale = _both(o.rationale_ru, o.rationale_en)
    instead = _both(o.instead_ru, o.instead_en)
    if rationale is None or instead is None:
        return None, (
            "exclusion-text",
            msg("an added exclusion needs why and who does it instead, in both languages"),
        )
    problem = concept_problem(_definition(o))
    if problem:
        return None, _terms(problem)
    return Exclusion(o.item_id, text, rationale, instead, _definition(o), source), None


def _extended(exclusion: Exclusion, o: Override) -> Exclusion | None:
    """The exclusion with the organization's terms added; None when they are unusable."""
    if concept_problem(_definition(o)):
        return None
    definition = dict(exclusion.definition)
    for key in ("tools", "unless"):
        extra = _definition(o).get(key, [])
        if extra:
            definition[key] = [*definition.get(key, []), *extra]
    return replace(exclusion, definition=definition)


def _terms(problem: str) -> Problem:
    # The concept's own explanation (app.domain.catalog.concepts) is for developers.
    return "terms", msg("terms: %(problem)s", problem=problem)


def _check(catalog: Catalog, o: Override) -> Problem | None:
    if o.kind not in KINDS:
        return "unknown-kind", msg("unknown kind %(kind)s", kind=repr(o.kind))
    if o.action not in ACTIONS:
        return "unknown-action", msg("unknown action %(action)s", action=repr(o.action))
    exists = o.item_id in catalog.by_id[_FIELD[o.kind]]
    if o.action == "add":
        if not o.item_id.startswith(ADDED_PREFIX) or not KEBAB.fullmatch(o.item_id):
            return "bad-id", msg(
                "an added item's id must be kebab-case and start with %(prefix)s",
                prefix=repr(ADDED_PREFIX),
            )
        return ("exists", msg("an item with this id already exists")) if exists else None
    if not exists:
        return "removed", msg("item removed from the catalog")
    if o.action == "reword" and not (o.text_ru.strip() or o.text_en.strip()):
        return "reword-empty", msg("a reword needs new text in at least one language")
    if o.action == "extend":
        if o.kind != "exclusion":
            return "not-extensible", msg("only exclusions can be extended")
        problem = concept_problem(_definition(o))
        if problem:
            return _terms(problem)
    return None


def _reworded(item: Any, o: Override) -> Any:
    text = Text(o.text_ru.strip() or item.text.ru, o.text_en.strip() or item.text.en)
    return replace(item, text=text)


def _without(ids: tuple[str, ...], hidden: set[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if i not in hidden)


def apply_overrides(
    catalog: Catalog, overrides: Sequence[Override]
) -> tuple[Catalog, list[OverrideProblem]]:
    """The catalog with an organization's additions, rewordings and hidden items applied.

    Adds are applied kind by kind (duties first, so added trial tasks can test added
    duties), then rewordings, then hides; hidden ids leave the lists and role defaults.
    """
    problems: list[OverrideProblem] = []
    for kind in KINDS:
        for o in overrides:
            if o.kind != kind or o.action != "add":
                continue
            found = _check(catalog, o)
            item, found = (None, found) if found else _new_item(catalog, o)
            if item is None:
                code, message = found or ("cannot-add", msg("cannot be added"))
                problems.append(OverrideProblem(o, code, message))
                continue
            field = _FIELD[kind]
            added: dict[str, Any] = {field: (*getattr(catalog, field), item)}
            catalog = replace(catalog, **added)

    hidden: dict[str, set[str]] = {field: set() for field in _FIELD.values()}
    for o in overrides:
        if o.action == "add" and o.kind in KINDS:
            continue
        found = _check(catalog, o)
        if found:
            problems.append(OverrideProblem(o, *found))
            continue
        field = _FIELD[o.kind]
        if o.action == "hide":
            hidden[field].add(o.item_id)
        elif o.action == "extend":
            extended: dict[str, Any] = {
                field: tuple(
                    (_extended(i, o) or i) if i.id == o.item_id else i
                    for i in getattr(catalog, field)
                )
            }
            catalog = replace(catalog, **extended)
        else:
            reworded: dict[str, Any] = {
                field: tuple(
                    _reworded(i, o) if i.id == o.item_id else i for i in getattr(catalog, field)
                )
            }
            catalog = replace(catalog, **reworded)
    return _hide(catalog, hidden), problems


def _hide(catalog: Catalog, hidden: dict[str, set[str]]) -> Catalog:
    """Drop hidden items and every reference to them."""
    if not any(hidden.values()):
        return catalog
    kept: dict[str, Any] = {
        field: tuple(i for i in getattr(catalog, field) if i.id not in ids)
        for field, ids in hidden.items()
    }
    gone_duties = hidden["duties"]
    tasks = []
    for task in kept["trial_tasks"]:
        duties = _without(task.duties, gone_duties)
        if duties:
            tasks.append(replace(task, duties=duties))
    kept["trial_tasks"] = tuple(tasks)

    def defaults(d: Any) -> Any:
        return d._replace(
            duties=_without(d.duties, gone_duties),
            skills=_without(d.skills, hidden["skills"]),
            requirements=_without(d.requirements, hidden["requirements"]),
            kpis=_without(d.kpis, hidden["kpis"]),
        )

    roles = tuple(
        replace(r, defaults=defaults(r.defaults), small=defaults(r.small), large=defaults(r.large))
        for r in catalog.roles
    )
    objectives = tuple(
        replace(o, kpis=_without(o.kpis, hidden["kpis"]), duties=_without(o.duties, gone_duties))
        for o in catalog.objectives
    )
    return replace(catalog, roles=roles, objectives=objectives, **kept)
