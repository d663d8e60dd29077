"""The role catalog as frozen dataclasses (pure: no Flask, no SQLAlchemy)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar, cast

from app.caches import Store, owned
from app.domain.catalog.concepts import Concept, parse_concept

_Item = TypeVar("_Item")

SCALES = ("small", "large")
DIRECTIONS = ("higher", "lower")
REQUIREMENT_KINDS = ("education", "experience", "knowledge", "personal")
# A skill's short tag (hh.ru key skill, hashtag-like label): at most this many characters.
# hh.ru itself takes key skills of up to 100 characters; ours stay short on purpose.
SKILL_TAG_MAX = 40


@dataclass(frozen=True, slots=True)
class Text:
    """A string in both product languages."""

    ru: str
    en: str

    def get(self, lang: str) -> str:
        """The Russian text for "ru"/"ru-*", the English text for any other language (the
        catalog is written in these two; a third interface language reads it in English)."""
        return self.ru if lang[:2].lower() == "ru" else self.en


class RoleDefaults(NamedTuple):
    """Ids pre-selected in a vacancy for a role (and scale)."""

    duties: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()


NO_DEFAULTS = RoleDefaults()


@dataclass(frozen=True, slots=True)
class Source:
    """A section of the seed text that items cite."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Category:
    """A group of duties (strategy, content, ...)."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Network:
    """A social network; text holds its display names, `aliases` the names and short
    forms a vacancy may use for it («инста», «тг», «вк»), read as concept terms."""

    id: str
    text: Text
    source: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    concept: Concept | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.concept is None and self.aliases:
            object.__setattr__(self, "concept", parse_concept({"tools": list(self.aliases)}))


@dataclass(frozen=True, slots=True)
class Role:
    """A role to hire for, with what the composer pre-selects for it."""

    id: str
    text: Text
    summary: Text
    source: tuple[str, ...]
    defaults: RoleDefaults
    small: RoleDefaults = NO_DEFAULTS
    large: RoleDefaults = NO_DEFAULTS
    max_networks: int | None = None
    # The scale a new vacancy for the role opens on: the one-person role is a small
    # project's by definition.
    default_scale: str = "large"

    def defaults_for(self, scale: str | None) -> RoleDefaults:
        """Defaults at any scale plus the additions for `scale` ("small", "large" or None)."""
        if scale is not None and scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
        extra = {"small": self.small, "large": self.large}.get(scale or "", NO_DEFAULTS)
        merged = zip(self.defaults, extra, strict=True)
        return RoleDefaults(*(_unique((*base, *more)) for base, more in merged))


@dataclass(frozen=True, slots=True)
class Duty:
    """A duty, phrased as a vacancy line."""

    id: str
    text: Text
    category: str
    roles: tuple[str, ...]
    content_production: bool
    source: tuple[str, ...]
    networks: tuple[str, ...] = ()
    conflicts_with: str | None = None


@dataclass(frozen=True, slots=True)
class Skill:
    """A skill or personal quality; `tag` is its short form for job boards («Копирайтинг»),
    None for a skill an organization added without one."""

    id: str
    text: Text
    roles: tuple[str, ...]
    source: tuple[str, ...]
    conflicts_with: str | None = None
    tag: Text | None = None


@dataclass(frozen=True, slots=True)
class Requirement:
    """A requirement to candidates; kind is one of REQUIREMENT_KINDS."""

    id: str
    text: Text
    kind: str
    roles: tuple[str, ...]
    source: tuple[str, ...]
    conflicts_with: str | None = None


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A task that is not an SMM person's job, with the concept that finds it in a line
    (lemma rules, tool names and context rules: see app.domain.catalog.concepts)."""

    id: str
    text: Text
    rationale: Text
    instead: Text
    definition: Mapping[str, Any] = field(hash=False)
    source: tuple[str, ...] = ()
    concept: Concept = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "concept", parse_concept(self.definition))

    def find(self, text: str) -> list[tuple[int, int]]:
        """The spans of the line's words that mention this task."""
        return self.concept.find(text)

    def matches(self, text: str) -> bool:
        """True when the line mentions this task (any inflection, any word order)."""
        return bool(self.concept.find(text))


# Most lines of a vacancy come from the catalog and repeat across vacancies: the catalog
# keeps which exclusions a line mentions (Catalog.exclusions_matching), so showing a
# vacancy does not run every pattern of every exclusion over every line again. Bounded
# ("catalog.exclusion_mentions" in app.caches); long texts are not kept.
_MEMO_CHARS = 500


@dataclass(frozen=True, slots=True)
class Kpi:
    """A measurable goal; direction says whether higher or lower is better."""

    id: str
    text: Text
    unit: Text
    direction: str
    default_target: float
    roles: tuple[str, ...]
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrialTask:
    """A probation checklist item testing one or more duties."""

    id: str
    text: Text
    duties: tuple[str, ...]
    weight: int
    critical: bool
    evidence: Text
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Objective:
    """A business goal of SMM, with the KPIs that measure it and duties that serve it."""

    id: str
    text: Text
    kpis: tuple[str, ...]
    duties: tuple[str, ...]
    source: tuple[str, ...]


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


# Catalog fields holding items, with how `summary` names them.
ITEM_LISTS = {
    "roles": "roles",
    "duties": "duties",
    "skills": "skills",
    "requirements": "requirements",
    "exclusions": "exclusions",
    "kpis": "KPIs",
    "trial_tasks": "trial tasks",
    "networks": "networks",
    "categories": "categories",
    "objectives": "objectives",
    "sources": "sources",
}


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything in role_catalog/, validated; lookups by id are built once."""

    roles: tuple[Role, ...]
    duties: tuple[Duty, ...]
    skills: tuple[Skill, ...]
    requirements: tuple[Requirement, ...]
    exclusions: tuple[Exclusion, ...]
    kpis: tuple[Kpi, ...]
    trial_tasks: tuple[TrialTask, ...]
    networks: tuple[Network, ...]
    categories: tuple[Category, ...]
    objectives: tuple[Objective, ...] = ()
    sources: tuple[Source, ...] = ()
    # Every item by kind and id; the kinds hold different item types (see the accessors).
    by_id: Mapping[str, Mapping[str, Any]] = field(init=False, repr=False, compare=False)
    # Text -> (exclusion position, start, end) of the exclusions it mentions.
    _mentions: Store = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indexes = {
            name: MappingProxyType({item.id: item for item in getattr(self, name)})
            for name in ITEM_LISTS
        }
        object.__setattr__(self, "by_id", MappingProxyType(indexes))
        object.__setattr__(self, "_mentions", owned("catalog.exclusion_mentions"))

    def exclusion_spans(self, text: str) -> tuple[tuple[Exclusion, int, int], ...]:
        """Each exclusion the line mentions, with the span of the words that do, in catalog
        order; the answer per line is kept with the catalog (see _MEMO_CHARS)."""
        memo = self._mentions
        hits = memo.get(text)
        if hits is None:
            found = []
            for i, exclusion in enumerate(self.exclusions):
                spans = exclusion.find(text)
                if spans:
                    found.append((i, *spans[0]))
            hits = tuple(found)
            if len(text) <= _MEMO_CHARS:
                memo.put(text, hits)
        return tuple((self.exclusions[i], start, end) for i, start, end in hits)

    def exclusions_matching(self, *texts: str) -> tuple[Exclusion, ...]:
        """The exclusions mentioned in any of the lines, in catalog order."""
        found = {exclusion.id for text in texts for exclusion, _, _ in self.exclusion_spans(text)}
        return tuple(e for e in self.exclusions if e.id in found)

    def _get(self, kind: str, label: str, item_id: str, item_type: type[_Item]) -> _Item:
        try:
            return cast(_Item, self.by_id[kind][item_id])
        except KeyError:
            raise KeyError(f"no {label} {item_id!r} in the catalog") from None

    def role(self, role_id: str) -> Role:
        """The role with this id; KeyError when there is none."""
        return self._get("roles", "role", role_id, Role)

    def duty(self, duty_id: str) -> Duty:
        """The duty with this id; KeyError when there is none."""
        return self._get("duties", "duty", duty_id, Duty)

    def skill(self, skill_id: str) -> Skill:
        """The skill with this id; KeyError when there is none."""
        return self._get("skills", "skill", skill_id, Skill)

    def requirement(self, requirement_id: str) -> Requirement:
        """The requirement with this id; KeyError when there is none."""
        return self._get("requirements", "requirement", requirement_id, Requirement)

    def kpi(self, kpi_id: str) -> Kpi:
        """The KPI with this id; KeyError when there is none."""
        return self._get("kpis", "KPI", kpi_id, Kpi)

    def exclusion(self, exclusion_id: str) -> Exclusion:
        """The exclusion with this id; KeyError when there is none."""
        return self._get("exclusions", "exclusion", exclusion_id, Exclusion)

    def trial_task(self, task_id: str) -> TrialTask:
        """The trial task with this id; KeyError when there is none."""
        return self._get("trial_tasks", "trial task", task_id, TrialTask)

    def network(self, network_id: str) -> Network:
        """The network with this id; KeyError when there is none."""
        return self._get("networks", "network", network_id, Network)

    def category(self, category_id: str) -> Category:
        """The category with this id; KeyError when there is none."""
        return self._get("categories", "category", category_id, Category)

    def objective(self, objective_id: str) -> Objective:
        """The objective with this id; KeyError when there is none."""
        return self._get("objectives", "objective", objective_id, Objective)

    def defaults_for(
        self, role_id: str, scale: str | None, networks: Collection[str] | None = None
    ) -> RoleDefaults:
        """Ids pre-selected for a role and scale; network-specific duties need a chosen network."""
        defaults = self.role(role_id).defaults_for(scale)
        if networks is None:
            return defaults
        chosen = set(networks)
        duties = tuple(
            duty_id
            for duty_id in defaults.duties
            if not self.duty(duty_id).networks or chosen.intersection(self.duty(duty_id).networks)
        )
        return defaults._replace(duties=duties)

    def trial_tasks_for_duties(self, duty_ids: Collection[str]) -> tuple[TrialTask, ...]:
        """Trial tasks that test at least one of the given duties, in catalog order."""
        wanted = set(duty_ids)
        return tuple(task for task in self.trial_tasks if wanted.intersection(task.duties))

    def summary(self) -> str:
        """Counts of items, e.g. "3 roles, 57 duties, ..."."""
        counts = ((len(getattr(self, name)), label) for name, label in ITEM_LISTS.items())
        return ", ".join(f"{count} {label}" for count, label in counts)
