"""Every module of app.domain imports without Flask, WTForms, SQLAlchemy or Jinja.

Each module is imported alone in a fresh interpreter, so what it pulls in through other
modules counts too; `lint-imports` (pyproject.toml) checks the same statically.
"""

from __future__ import annotations

import importlib.util
import json
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FORBIDDEN = (
    "flask",
    "flask_babel",
    "flask_login",
    "flask_wtf",
    "flask_sqlalchemy",
    "wtforms",
    "sqlalchemy",
    "werkzeug",
    "jinja2",
    "markupsafe",
)
# Known exceptions (module -> the forbidden packages it still loads), the same as
# ignore_imports in pyproject.toml. None: domain messages are codes and parameters
# rendered at the edge (app/domain/message.py).
KNOWN_EXCEPTIONS: dict[str, set[str]] = {}


def domain_modules() -> list[str]:
    package = ROOT / "app" / "domain"
    names = ["app.domain"]
    for info in pkgutil.walk_packages([str(package)], prefix="app.domain."):
        names.append(info.name)
    return sorted(names)


PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def loaded_after_import(module: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("module", domain_modules())
def test_domain_module_loads_no_web_framework(module: str) -> None:
    known = KNOWN_EXCEPTIONS.get(module)
    if known and any(importlib.util.find_spec(name) is None for name in known):
        pytest.skip(f"{module} still needs {', '.join(sorted(known))} for its messages")
    loaded = loaded_after_import(module) & set(FORBIDDEN)
    if known:
        assert loaded, f"{module} no longer loads {sorted(known)}: drop its known exception"
    else:
        assert loaded == set(), f"importing {module} loads {sorted(loaded)}"


def test_import_linter_ignores_only_the_known_exceptions() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (web,) = [c for c in contracts if c["id"] == "domain-no-web"]
    assert sorted(web["forbidden_modules"]) == sorted(FORBIDDEN)
    ignored = {tuple(item.split(" -> ")) for item in web.get("ignore_imports", [])}
    assert ignored == {
        (module, name) for module, names in KNOWN_EXCEPTIONS.items() for name in names
    }
