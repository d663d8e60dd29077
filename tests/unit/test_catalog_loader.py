"""The shipped catalog loads; broken copies of it fail with the file and the item named."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask

from app.catalog.cli import catalog_cli
from app.domain.catalog.loader import (
    DEFAULT_CATALOG_DIR,
    CatalogError,
    load_catalog,
    read_catalog,
    validate_catalog_dir,
)

SHIPPED = Path(__file__).resolve().parents[2] / "role_catalog"


def run_check(*args: str):
    app = Flask(__name__)
    app.cli.add_command(catalog_cli)
    return app.test_cli_runner().invoke(args=["catalog", "check", *args])


def item(data: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    return next(i for i in data if i["id"] == item_id)


def broken_copy(tmp_path: Path, file: str, breakage: Callable[[Any], Any] | None) -> Path:
    """Copy the shipped catalog, then change one file's data (None: delete the file)."""
    target = tmp_path / "role_catalog"
    shutil.copytree(SHIPPED, target)
    path = target / f"{file}.yaml"
    if breakage is None:
        path.unlink()
        return target
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = breakage(data)
    data = data if result is None else result
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return target


def test_default_dir_is_the_repository_catalog():
    assert DEFAULT_CATALOG_DIR == SHIPPED


def test_shipped_catalog_loads():
    catalog = load_catalog(SHIPPED)
    assert [role.id for role in catalog.roles] == [
        "smm-manager",
        "smm-specialist",
        "smm-generalist",
    ]
    assert len(catalog.duties) >= 40
    assert validate_catalog_dir(SHIPPED) == []


def test_loading_twice_gives_equal_catalogs():
    assert load_catalog(SHIPPED) == load_catalog(SHIPPED)
    assert hash(load_catalog(SHIPPED)) == hash(load_catalog(SHIPPED))


@pytest.mark.parametrize("args", [(), (str(SHIPPED),)], ids=["default-dir", "explicit-dir"])
def test_cli_check_passes_on_shipped_catalog(args):
    result = run_check(*args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 3 roles, ")
    assert "duties" in result.output and "trial tasks" in result.output


def _set(file_item: str, key: str, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        item(data, file_item)[key] = value

    return change


def _append(file_item: str, key: str, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        item(data, file_item)[key].append(value)

    return change


def _pop(file_item: str, key: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        del item(data, file_item)[key]

    return change


def _drop_en(data: Any) -> None:
    del item(data, "copywriting")["text"]["en"]


def _duplicate_leads(data: Any) -> None:
    data.append(dict(item(data, "leads")))


def _rename(data: Any) -> None:
    item(data, "strategy")["id"] = "Strategy_Main"


BREAKAGES = [
    # (case, file, breakage, item, message fragment)
    (
        "unknown key",
        "duties",
        _set("develop-strategy", "foo", 1),
        "develop-strategy",
        "unknown key 'foo'",
    ),
    ("missing en translation", "skills", _drop_en, "copywriting", "missing 'en' translation"),
    (
        "empty ru translation",
        "roles",
        lambda d: item(d, "smm-manager")["summary"].update(ru=" "),
        "smm-manager",
        "summary: missing 'ru' translation",
    ),
    ("duplicate id", "kpis", _duplicate_leads, "leads", "duplicate id 'leads'"),
    (
        "dangling duty reference",
        "trial_tasks",
        _set("monthly-content-plan", "duties", ["no-such-duty"]),
        "monthly-content-plan",
        "unknown duties id 'no-such-duty'",
    ),
    (
        "dangling role default",
        "roles",
        _append("smm-manager", "default_duties", "ghost-duty"),
        "smm-manager",
        "default_duties: unknown duties id 'ghost-duty'",
    ),
    (
        "dangling scale default",
        "roles",
        lambda d: item(d, "smm-manager")["scale_defaults"]["large"]["kpis"].append("ghost"),
        "smm-manager",
        "scale_defaults.large.kpis: unknown kpis id 'ghost'",
    ),
    (
        "dangling category",
        "duties",
        _set("content-plan", "category", "nowhere"),
        "content-plan",
        "unknown categories id 'nowhere'",
    ),
    (
        "dangling conflict",
        "skills",
        _set("seo-keyword-research", "conflicts_with", "seo-magic"),
        "seo-keyword-research",
        "unknown exclusions id 'seo-magic'",
    ),
    (
        "dangling source",
        "duties",
        _set("content-plan", "source", ["article-9/nowhere"]),
        "content-plan",
        "unknown sources id 'article-9/nowhere'",
    ),
    (
        "bad weight type",
        "trial_tasks",
        _set("agree-goals", "weight", "3"),
        "agree-goals",
        "weight must be an integer from 1 to 5",
    ),
    (
        "weight out of range",
        "trial_tasks",
        _set("agree-goals", "weight", 7),
        "agree-goals",
        "weight must be an integer from 1 to 5",
    ),
    (
        "bad direction",
        "kpis",
        _set("reply-time", "direction", "down"),
        "reply-time",
        "direction: must be one of higher, lower",
    ),
    (
        "zero target",
        "kpis",
        _set("leads", "default_target", 0),
        "leads",
        "default_target: must be a number above 0",
    ),
    (
        "not a boolean",
        "duties",
        _set("create-content", "content_production", "yes"),
        "create-content",
        "content_production: must be true or false",
    ),
    (
        "concept term too short",
        "exclusions",
        _set("seo", "concept", {"rules": [["x"]]}),
        "seo",
        "too short",
    ),
    (
        "concept with nothing to find",
        "exclusions",
        _set("seo", "concept", {"rules": []}),
        "seo",
        "needs at least one rule or tool",
    ),
    (
        "concept with an unknown key",
        "exclusions",
        _set("seo", "concept", {"rules": [{"all": ["seo"], "within": 3}]}),
        "seo",
        "unknown rule key 'within'",
    ),
    (
        "network alias not a term",
        "networks",
        _set("vk", "aliases", [""]),
        "vk",
        "non-empty string",
    ),
    ("non-kebab id", "categories", _rename, "Strategy_Main", "is not kebab-case"),
    (
        "unknown requirement kind",
        "requirements",
        _set("portfolio", "kind", "hobby"),
        "portfolio",
        "kind: must be one of",
    ),
    (
        "unknown scale",
        "roles",
        _set("smm-specialist", "scale_defaults", {"medium": {"duties": []}}),
        "smm-specialist",
        "unknown scale 'medium'",
    ),
    (
        "conflicting default",
        "roles",
        _append("smm-manager", "default_skills", "seo-keyword-research"),
        "smm-manager",
        "'seo-keyword-research' conflicts with exclusion 'seo'",
    ),
    (
        "default of another role",
        "roles",
        _append("smm-generalist", "default_duties", "manage-team"),
        "smm-generalist",
        "'manage-team' does not list this role",
    ),
    ("missing key", "networks", _pop("vk", "source"), "vk", "missing key 'source'"),
    ("item without id", "categories", _pop("strategy", "id"), "#1", "missing key 'id'"),
]


@pytest.mark.parametrize(
    ("file", "breakage", "item_label", "fragment"),
    [case[1:] for case in BREAKAGES],
    ids=[case[0] for case in BREAKAGES],
)
def test_broken_catalog_is_reported(tmp_path, file, breakage, item_label, fragment):
    directory = broken_copy(tmp_path, file, breakage)
    expected = f"role_catalog/{file}.yaml: item '{item_label}': "

    problems = [str(problem) for problem in validate_catalog_dir(directory)]
    assert any(p.startswith(expected) and fragment in p for p in problems), problems

    with pytest.raises(CatalogError) as raised:
        load_catalog(directory)
    assert expected in str(raised.value) and fragment in str(raised.value)

    result = run_check(str(directory))
    assert result.exit_code == 1
    assert expected in result.output and fragment in result.output
    assert "FAILED: " in result.output


@pytest.mark.parametrize(
    ("file", "breakage", "fragment"),
    [
        ("networks", None, "role_catalog/networks.yaml: file is missing"),
        ("duties", lambda d: "- id: [unclosed\n", "role_catalog/duties.yaml: cannot be parsed"),
        ("kpis", lambda d: {"leads": 20}, "role_catalog/kpis.yaml: must be a list of items"),
        ("skills", lambda d: [*d, "copywriting"], "role_catalog/skills.yaml: item '#31'"),
    ],
    ids=["missing file", "yaml syntax", "not a list", "item not a mapping"],
)
def test_broken_file_is_reported(tmp_path, file, breakage, fragment):
    directory = broken_copy(tmp_path, file, breakage)
    problems = [str(problem) for problem in validate_catalog_dir(directory)]
    assert any(p.startswith(fragment) for p in problems), problems
    result = run_check(str(directory))
    assert result.exit_code == 1 and fragment in result.output


def test_missing_file_does_not_flood_dangling_references(tmp_path):
    directory = broken_copy(tmp_path, "duties", None)
    problems = validate_catalog_dir(directory)
    assert [str(p) for p in problems] == ["role_catalog/duties.yaml: file is missing"]


def test_every_problem_is_listed_at_once(tmp_path):
    directory = broken_copy(tmp_path, "kpis", _set("reply-time", "direction", "down"))
    path = directory / "duties.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    item(data, "develop-strategy")["foo"] = 1
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    catalog, problems = read_catalog(directory)
    assert catalog is None
    files = {problem.file for problem in problems}
    assert files == {"role_catalog/kpis.yaml", "role_catalog/duties.yaml"}
    result = run_check(str(directory))
    assert "FAILED: 2 problem(s)" in result.output


def test_missing_directory_is_a_problem(tmp_path):
    problems = validate_catalog_dir(tmp_path / "nowhere")
    assert len(problems) == 1 and "catalog directory not found" in str(problems[0])
