"""Read role_catalog/*.yaml, validate it and build the Catalog (pure: no Flask)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.domain.catalog.model import (
    Catalog,
    Category,
    Duty,
    Exclusion,
    Kpi,
    Network,
    Objective,
    Requirement,
    Role,
    RoleDefaults,
    Skill,
    Source,
    Text,
    TrialTask,
)
from app.domain.catalog.schema import DEFAULT_LISTS, FILES, as_ids, references

DEFAULT_CATALOG_DIR = Path(__file__).resolve().parents[3] / "role_catalog"
# The same safe loader, in C when PyYAML was built with libyaml.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Raw = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class CatalogProblem:
    """One thing wrong with the catalog: the file, the item (if any) and what is wrong."""

    file: str
    item: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: item '{self.item}'" if self.item is not None else self.file
        return f"{where}: {self.message}"


class CatalogError(Exception):
    """The catalog cannot be loaded; the message lists every problem, one per line."""

    def __init__(self, problems: Iterable[CatalogProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"the role catalog has {len(self.problems)} problem(s):\n{lines}")


def _label(item: Any, position: int) -> str:
    item_id = item.get("id") if isinstance(item, dict) else None
    return item_id if isinstance(item_id, str) and item_id else f"#{position}"


def _read_file(path: Path, shown: str) -> tuple[list[dict[str, Any]], list[CatalogProblem]]:
    if not path.is_file():
        return [], [CatalogProblem(shown, None, "file is missing")]
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return [], [CatalogProblem(shown, None, f"cannot be parsed: {error}")]
    if not isinstance(data, list):
        return [], [CatalogProblem(shown, None, "must be a list of items")]
    items, problems = [], []
    for position, item in enumerate(data, start=1):
        if isinstance(item, dict):
            items.append(item)
        else:
            problems.append(CatalogProblem(shown, f"#{position}", "item must be a mapping"))
    return items, problems


def _check_items(file: str, shown: str, items: list[dict[str, Any]]) -> list[CatalogProblem]:
    keys = FILES[file]
    problems: list[CatalogProblem] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        label = _label(item, position)

        def problem(message: str, label: str = label) -> None:
            problems.append(CatalogProblem(shown, label, message))

        for key in item:
            if key not in keys:
                problem(f"unknown key {key!r}")
        for key, spec in keys.items():
            if key not in item:
                if spec.required:
                    problem(f"missing key {key!r}")
            elif (message := spec.check(item[key])) is not None:
                problem(message if key in ("id", "weight") else f"{key}: {message}")
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id in seen:
                problem(f"duplicate id {item_id!r}")
            seen.add(item_id)
    return problems


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items if isinstance(item.get("id"), str)}


def _check_references(raw: Raw, dir_name: str, unreadable: set[str]) -> list[CatalogProblem]:
    ids = {file: _by_id(items).keys() for file, items in raw.items()}
    problems = []
    for file, items in raw.items():
        for position, item in enumerate(items, start=1):
            for key, target, ref in references(file, item):
                if target not in unreadable and ref not in ids[target]:
                    problems.append(
                        CatalogProblem(
                            f"{dir_name}/{file}.yaml",
                            _label(item, position),
                            f"{key}: unknown {target} id {ref!r} (not in {target}.yaml)",
                        )
                    )
    return problems


def _check_role_defaults(raw: Raw, dir_name: str) -> list[CatalogProblem]:
    """Defaults must be items of that role, and never items that conflict with an exclusion."""
    by_id = {file: _by_id(items) for file, items in raw.items()}
    problems = []
    for role in raw["roles"]:
        for key, target, ref in references("roles", role):
            item = by_id.get(target, {}).get(ref)
            if target not in DEFAULT_LISTS or item is None:
                continue
            if role.get("id") not in as_ids(item.get("roles")):
                message = f"{key}: {ref!r} does not list this role in its roles"
            elif item.get("conflicts_with"):
                message = f"{key}: {ref!r} conflicts with exclusion {item['conflicts_with']!r}"
            else:
                continue
            problems.append(CatalogProblem(f"{dir_name}/roles.yaml", role.get("id"), message))
    return problems


def _text(value: dict[str, str]) -> Text:
    return Text(ru=value["ru"].strip(), en=value["en"].strip())


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(as_ids(value))


def _role(item: dict[str, Any]) -> Role:
    scales = item.get("scale_defaults") or {}

    def defaults(lists: dict[str, Any]) -> RoleDefaults:
        return RoleDefaults(*(_ids(lists.get(name, [])) for name in DEFAULT_LISTS))

    return Role(
        id=item["id"],
        text=_text(item["text"]),
        summary=_text(item["summary"]),
        source=_ids(item["source"]),
        defaults=defaults({name: item[f"default_{name}"] for name in DEFAULT_LISTS}),
        small=defaults(scales.get("small") or {}),
        large=defaults(scales.get("large") or {}),
        max_networks=item.get("max_networks"),
        default_scale=item.get("default_scale", "large"),
    )


def _build(raw: Raw) -> Catalog:
    return Catalog(
        roles=tuple(_role(i) for i in raw["roles"]),
        duties=tuple(
            Duty(
                i["id"],
                _text(i["text"]),
                i["category"],
                _ids(i["roles"]),
                i["content_production"],
                _ids(i["source"]),
                _ids(i.get("networks")),
                i.get("conflicts_with"),
            )
            for i in raw["duties"]
        ),
        skills=tuple(
            Skill(
                i["id"],
                _text(i["text"]),
                _ids(i["roles"]),
                _ids(i["source"]),
                i.get("conflicts_with"),
                _text(i["tag"]),
            )
            for i in raw["skills"]
        ),
        requirements=tuple(
            Requirement(
                i["id"],
                _text(i["text"]),
                i["kind"],
                _ids(i["roles"]),
                _ids(i["source"]),
                i.get("conflicts_with"),
            )
            for i in raw["requirements"]
        ),
        exclusions=tuple(
            Exclusion(
                i["id"],
                _text(i["text"]),
                _text(i["rationale"]),
                _text(i["instead"]),
                i["concept"],
                _ids(i["source"]),
            )
            for i in raw["exclusions"]
        ),
        kpis=tuple(
            Kpi(
                i["id"],
                _text(i["text"]),
                _text(i["unit"]),
                i["direction"],
                float(i["default_target"]),
                _ids(i["roles"]),
                _ids(i["source"]),
            )
            for i in raw["kpis"]
        ),
        trial_tasks=tuple(
            TrialTask(
                i["id"],
                _text(i["text"]),
                _ids(i["duties"]),
                i["weight"],
                i["critical"],
                _text(i["evidence"]),
                _ids(i["source"]),
            )
            for i in raw["trial_tasks"]
        ),
        networks=tuple(
            Network(i["id"], _text(i["text"]), _ids(i["source"]), tuple(i.get("aliases") or ()))
            for i in raw["networks"]
        ),
        categories=tuple(Category(i["id"], _text(i["text"])) for i in raw["categories"]),
        objectives=tuple(
            Objective(
                i["id"], _text(i["text"]), _ids(i["kpis"]), _ids(i["duties"]), _ids(i["source"])
            )
            for i in raw["objectives"]
        ),
        sources=tuple(Source(i["id"], _text(i["text"])) for i in raw["sources"]),
    )


def read_catalog(directory: Path) -> tuple[Catalog | None, list[CatalogProblem]]:
    """Parse and validate a catalog directory once: the catalog, or None and the problems."""
    directory = Path(directory)
    if not directory.is_dir():
        return None, [CatalogProblem(str(directory), None, "catalog directory not found")]
    raw: Raw = {}
    problems: list[CatalogProblem] = []
    unreadable: set[str] = set()
    for file in FILES:
        shown = f"{directory.name}/{file}.yaml"
        items, read_problems = _read_file(directory / f"{file}.yaml", shown)
        raw[file] = items
        if read_problems and not items:
            unreadable.add(file)
        problems += read_problems + _check_items(file, shown, items)
    problems += _check_references(raw, directory.name, unreadable)
    problems += _check_role_defaults(raw, directory.name)
    if problems:
        return None, problems
    return _build(raw), []


def validate_catalog_dir(directory: Path) -> list[CatalogProblem]:
    """Every problem in a catalog directory; an empty list means it loads."""
    return read_catalog(directory)[1]


def load_catalog(directory: Path = DEFAULT_CATALOG_DIR) -> Catalog:
    """Load and validate the catalog; raise CatalogError listing every problem."""
    catalog, problems = read_catalog(directory)
    if catalog is None:
        raise CatalogError(problems)
    return catalog
