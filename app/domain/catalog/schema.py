"""What each role_catalog/*.yaml file may contain: keys, value checks, references (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.domain.catalog.concepts import concept_problem, phrase
from app.domain.catalog.model import DIRECTIONS, REQUIREMENT_KINDS, SCALES, SKILL_TAG_MAX

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SOURCE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+")
LANGUAGES = ("ru", "en")
DEFAULT_LISTS = ("duties", "skills", "requirements", "kpis")

Check = Callable[[Any], str | None]


def kebab_id(value: Any) -> str | None:
    """An id: lower-case words and digits joined by hyphens."""
    if not isinstance(value, str) or not KEBAB.fullmatch(value):
        return f"id {value!r} is not kebab-case (lower-case letters, digits and hyphens)"
    return None


def source_id(value: Any) -> str | None:
    """A source id: kebab-case segments joined by slashes, e.g. article-1/not-smm."""
    if not isinstance(value, str) or not SOURCE_ID.fullmatch(value):
        return f"id {value!r} is not a source id like 'article-1/not-smm'"
    return None


def text(value: Any) -> str | None:
    """A mapping with non-empty `ru` and `en` strings and nothing else."""
    if not isinstance(value, dict):
        return "must be a mapping with 'ru' and 'en'"
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            return f"missing {lang!r} translation"
    extra = sorted(str(key) for key in value if key not in LANGUAGES)
    return f"unknown language {extra[0]!r}" if extra else None


def tag(value: Any) -> str | None:
    """Like `text`, each language at most SKILL_TAG_MAX characters on one line."""
    problem = text(value)
    if problem:
        return problem
    for lang in LANGUAGES:
        short = value[lang].strip()
        if len(short) > SKILL_TAG_MAX:
            return f"{lang!r} tag is longer than {SKILL_TAG_MAX} characters ({len(short)})"
        if "\n" in short:
            return f"{lang!r} tag must be one line"
    return None


def string(value: Any) -> str | None:
    """A non-empty string."""
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def boolean(value: Any) -> str | None:
    """true or false."""
    return None if isinstance(value, bool) else "must be true or false"


def weight(value: Any) -> str | None:
    """An integer from 1 to 5."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return f"weight must be an integer from 1 to 5, not {value!r}"
    return None


def positive_int(value: Any) -> str | None:
    """An integer above zero."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return f"must be a positive integer, not {value!r}"
    return None


def positive_number(value: Any) -> str | None:
    """A number above zero."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        return f"must be a number above 0, not {value!r}"
    return None


def one_of(*allowed: str) -> Check:
    """One of the given strings."""

    def check(value: Any) -> str | None:
        return None if value in allowed else f"must be one of {', '.join(allowed)}, not {value!r}"

    return check


def id_list(non_empty: bool = False) -> Check:
    """A list of strings, optionally required to be non-empty."""

    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of ids"
        if non_empty and not value:
            return "must not be empty"
        if len(set(value)) != len(value):
            return "lists an id twice"
        return None

    return check


def sources(value: Any) -> str | None:
    """A source id or a non-empty list of them."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        return "must be a source id or a non-empty list of them"
    return next((p for p in map(source_id, values) if p), None)


def concept(value: Any) -> str | None:
    """A concept definition: {rules, tools, unless} (see app.domain.catalog.concepts)."""
    return concept_problem(value)


def aliases(value: Any) -> str | None:
    """A non-empty list of names a network goes by (concept terms)."""
    if not isinstance(value, list) or not value:
        return "must be a non-empty list of names"
    for name in value:
        try:
            phrase(name)
        except ValueError as error:
            return str(error)
    return None


def scale(value: Any) -> str | None:
    """One of the project scales."""
    return None if value in SCALES else f"must be {' or '.join(SCALES)}"


def scale_defaults(value: Any) -> str | None:
    """{small|large: {duties|skills|requirements|kpis: [ids]}}."""
    if not isinstance(value, dict):
        return "must be a mapping of scale to default lists"
    for scale, lists in value.items():
        if scale not in SCALES:
            return f"unknown scale {scale!r} (expected {' or '.join(SCALES)})"
        if not isinstance(lists, dict):
            return f"scale {scale!r} must map {', '.join(DEFAULT_LISTS)} to lists of ids"
        for name, ids in lists.items():
            if name not in DEFAULT_LISTS:
                return f"unknown key {name!r} in scale {scale!r}"
            problem = id_list()(ids)
            if problem:
                return f"scale {scale!r}, {name}: {problem}"
    return None


@dataclass(frozen=True)
class Key:
    """One key of an item: its check, whether it is required, which file its ids name."""

    check: Check
    required: bool = True
    refs: str | None = None


_ID = Key(kebab_id)
_TEXT = Key(text)
_SOURCE = Key(sources, refs="sources")
_ROLES = Key(id_list(non_empty=True), refs="roles")
_CONFLICT = Key(string, required=False, refs="exclusions")

FILES: dict[str, dict[str, Key]] = {
    "sources": {"id": Key(source_id), "text": _TEXT},
    "categories": {"id": _ID, "text": _TEXT},
    "networks": {
        "id": _ID,
        "text": _TEXT,
        "source": _SOURCE,
        "aliases": Key(aliases, required=False),
    },
    "exclusions": {
        "id": _ID,
        "text": _TEXT,
        "rationale": _TEXT,
        "instead": _TEXT,
        "concept": Key(concept),
        "source": _SOURCE,
    },
    "roles": {
        "id": _ID,
        "text": _TEXT,
        "summary": _TEXT,
        "source": _SOURCE,
        "default_duties": Key(id_list(non_empty=True), refs="duties"),
        "default_skills": Key(id_list(non_empty=True), refs="skills"),
        "default_requirements": Key(id_list(non_empty=True), refs="requirements"),
        "default_kpis": Key(id_list(non_empty=True), refs="kpis"),
        "scale_defaults": Key(scale_defaults, required=False),
        "default_scale": Key(scale, required=False),
        "max_networks": Key(positive_int, required=False),
    },
    "duties": {
        "id": _ID,
        "text": _TEXT,
        "category": Key(string, refs="categories"),
        "roles": _ROLES,
        "content_production": Key(boolean),
        "source": _SOURCE,
        "networks": Key(id_list(non_empty=True), required=False, refs="networks"),
        "conflicts_with": _CONFLICT,
    },
    "skills": {
        "id": _ID,
        "text": _TEXT,
        "tag": Key(tag),
        "roles": _ROLES,
        "source": _SOURCE,
        "conflicts_with": _CONFLICT,
    },
    "requirements": {
        "id": _ID,
        "text": _TEXT,
        "kind": Key(one_of(*REQUIREMENT_KINDS)),
        "roles": _ROLES,
        "source": _SOURCE,
        "conflicts_with": _CONFLICT,
    },
    "kpis": {
        "id": _ID,
        "text": _TEXT,
        "unit": _TEXT,
        "direction": Key(one_of(*DIRECTIONS)),
        "default_target": Key(positive_number),
        "roles": _ROLES,
        "source": _SOURCE,
    },
    "trial_tasks": {
        "id": _ID,
        "text": _TEXT,
        "duties": Key(id_list(non_empty=True), refs="duties"),
        "weight": Key(weight),
        "critical": Key(boolean),
        "evidence": _TEXT,
        "source": _SOURCE,
    },
    "objectives": {
        "id": _ID,
        "text": _TEXT,
        "kpis": Key(id_list(), refs="kpis"),
        "duties": Key(id_list(), refs="duties"),
        "source": _SOURCE,
    },
}


def as_ids(value: Any) -> list[str]:
    """The ids in a value that is an id or a list of ids (anything else: none)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def references(file: str, item: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Every (key, target file, id) reference an item makes."""
    for key, spec in FILES[file].items():
        if spec.refs and key in item:
            for ref in as_ids(item[key]):
                yield key, spec.refs, ref
    scales = item.get("scale_defaults") if file == "roles" else None
    if isinstance(scales, dict):
        for scale, lists in scales.items():
            for name, ids in lists.items() if isinstance(lists, dict) else ():
                if name in DEFAULT_LISTS:
                    for ref in as_ids(ids):
                        yield f"scale_defaults.{scale}.{name}", name, ref
