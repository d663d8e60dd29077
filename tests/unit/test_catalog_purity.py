"""The catalog's domain modules stay plain Python: no Flask, no SQLAlchemy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CATALOG_PACKAGE = Path(__file__).resolve().parents[2] / "app" / "catalog"
PURE = [
    "model.py",
    "loader.py",
    "overrides.py",
    "schema.py",
    "phrases.py",
    "morph.py",
    "concepts.py",
]
FORBIDDEN = {"flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "click"}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", PURE)
def test_catalog_domain_module_imports_no_web_framework(module):
    assert imported_packages(CATALOG_PACKAGE / module) & FORBIDDEN == set()


def test_only_the_cli_imports_flask():
    assert "flask" in imported_packages(CATALOG_PACKAGE / "cli.py")
