"""The process's in-memory caches: all declared in app.caches, bounded, safe under threads."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest

# Each of these modules declares its caches on import.
import app.accounts.services
import app.admin.logo
import app.api.bodies
import app.exports.pdf
import app.main
import app.probation.evaluations
import app.probation.report
import app.probation.web
import app.public.views
import app.vacancies.views  # noqa: F401
from app import caches

APP = Path(__file__).resolve().parents[2] / "app"

# A memo dict by hand: a module-level dict or OrderedDict, or one made per instance,
# then filled as a cache ("_memo", "_cache", "_seen"...). Data tables are not caches.
MEMO_NAME = re.compile(r"(cache|memo|seen|shown|pages|kept|indexes|bags|mentions|dummy)$", re.I)
MAPPINGS = {"dict", "OrderedDict", "LRUCache", "TTLCache", "LFUCache", "FIFOCache"}
FUNCTOOLS_CACHES = {"functools.cache", "functools.lru_cache"}


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(APP.rglob("*.py"))]


def _callee(node: ast.AST) -> str:
    func = getattr(node, "func", None)
    return getattr(func, "id", "") or getattr(func, "attr", "")


def _functools_caches(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "functools":
            found += [a.name for a in node.names if a.name in {"cache", "lru_cache"}]
        elif isinstance(node, ast.Attribute) and ast.unparse(node) in FUNCTOOLS_CACHES:
            found.append(ast.unparse(node))
    return found


def _fresh_mapping(node: ast.AST) -> bool:
    return (isinstance(node, ast.Dict) and not node.keys) or _callee(node) in MAPPINGS


def _fills_a_memo(call: ast.Call) -> bool:
    """object.__setattr__(self, "_memo", {}) in a frozen dataclass, or
    app.extensions.setdefault("...", {}): a memo made by hand."""
    args = call.args
    if _callee(call) == "__setattr__" and len(args) == 3 and isinstance(args[1], ast.Constant):
        return bool(MEMO_NAME.search(str(args[1].value))) and _fresh_mapping(args[2])
    if _callee(call) == "setdefault" and len(args) == 2:
        return "extensions" in ast.unparse(call.func) and _fresh_mapping(args[1])
    return False


def _memo_dicts(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            names = [getattr(t, "id", "") or getattr(t, "attr", "") for t in targets]
            value = node.value
            if _callee(value) == "field":  # a dataclass field made per instance
                factory = [k.value for k in value.keywords if k.arg == "default_factory"]
                value = ast.Call(factory[0], [], []) if factory else value
            if _fresh_mapping(value) and any(MEMO_NAME.search(n) for n in names):
                found += names
        elif isinstance(node, ast.Call) and _fills_a_memo(node):
            found.append(ast.unparse(node))
    return found


def test_no_cache_outside_the_caches_module():
    offenders = {}
    for path, tree in _sources():
        if path.name == "caches.py" and path.parent == APP:
            continue
        found = _functools_caches(tree) + _memo_dicts(tree)
        if "cachetools" in {getattr(n, "module", None) for n in ast.walk(tree)}:
            found.append("cachetools")
        if found:
            offenders[str(path.relative_to(APP.parent))] = found
    assert offenders == {}, "declare the cache in app/caches.py and use memoize/store/owned"


def test_the_caches_module_imports_only_the_standard_library_and_cachetools():
    tree = ast.parse((APP / "caches.py").read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    allowed = {"__future__", "cachetools", "collections", "dataclasses", "functools"}
    assert roots <= allowed | {"threading", "typing", "weakref"}


def test_every_declared_cache_is_bounded_and_in_use():
    assert all(bound.maxsize > 0 for bound in caches.BOUNDS.values())
    listed = {u.name for u in caches.usage()}
    # Owned ones are listed once an owner made its store (an app, a catalog's index).
    owned = {name for name, bound in caches.BOUNDS.items() if bound.owned}
    assert set(caches.BOUNDS) - owned <= listed
    for usage in caches.usage():
        assert usage.size <= usage.maxsize * usage.stores, usage


def test_a_name_is_declared_and_used_once():
    with pytest.raises(KeyError, match="no cache named"):
        caches.memoize("not.declared")
    with pytest.raises(ValueError, match="already in use"):
        caches.store("morph.words")
    with pytest.raises(ValueError, match="one per owner"):
        caches.store("concepts.find")
    with pytest.raises(ValueError, match="one per process"):
        caches.owned("morph.words")


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch):
    """Caches a test declares go with it (the app's own stay as they are)."""
    monkeypatch.setattr(caches, "BOUNDS", dict(caches.BOUNDS))
    for name in ("_functions", "_stores", "_owned"):
        monkeypatch.setattr(caches, name, dict(getattr(caches, name)))


def _declare(name: str, maxsize: int, ttl: float | None = None, order: str = "lru") -> None:
    caches.BOUNDS[name] = caches.Bound(maxsize, ttl, order=order)


@pytest.mark.parametrize("order", ["lru", "fifo"])
def test_many_threads_on_one_cached_function_get_the_same_answers_within_the_bound(order):
    _declare("test.squares", 64, order=order)
    calls = []

    @caches.memoize("test.squares")
    def square(n: int) -> tuple[int, int]:
        calls.append(n)
        return (n, n * n)

    start = threading.Barrier(8)
    answers: list[list[tuple[int, int]]] = []
    sizes: list[int] = []

    def hammer(seed: int) -> None:
        start.wait()
        got = []
        for i in range(3_000):
            n = (i * 7 + seed) % 200
            got.append((n, square(n)))
            sizes.append(square.cache_info().currsize)
        answers.append(got)

    threads = [threading.Thread(target=hammer, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 8
    assert all(value == (n, n * n) for got in answers for n, value in got)
    assert max(sizes) <= 64 and square.cache_info().maxsize == 64
    info = square.cache_info()
    assert info.hits + info.misses == 8 * 3_000 and info.hits > 0
    # The same value object for a key while it stays: the first one computed is kept.
    assert square(199) is square(199)
    assert {u.name: u.size for u in caches.usage()}["test.squares"] <= 64
    caches.clear("test.squares")
    assert square.cache_info().currsize == 0


@pytest.mark.parametrize("order", ["lru", "fifo"])
def test_a_store_under_threads_stays_within_its_bound(order):
    _declare("test.store", 32, order=order)
    kept = caches.store("test.store")
    errors = []

    def fill(seed: int) -> None:
        for i in range(2_000):
            key = (seed * 31 + i) % 100
            value = kept.get(key)
            if value is not None and value != key * 2:
                errors.append((key, value))
            kept.put(key, key * 2)
            if len(kept) > 32:
                errors.append(len(kept))

    threads = [threading.Thread(target=fill, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(kept) <= 32
    kept.pop_where(lambda key: key % 2 == 0)
    assert all(key % 2 for key in kept.cache)


def test_an_owned_store_goes_with_its_owner_and_clear_all_empties_every_cache():
    import gc

    caches.BOUNDS["test.owned"] = caches.Bound(4, owned=True)
    first, second = caches.owned("test.owned"), caches.owned("test.owned")
    for i in range(10):
        first.put(i, i)
    second.put("a", 1)
    listed = {u.name: u for u in caches.usage()}["test.owned"]
    assert (listed.size, listed.stores, listed.maxsize) == (5, 2, 4)
    del second
    gc.collect()
    assert {u.name: u for u in caches.usage()}["test.owned"].stores == 1
    caches.clear_all()
    assert len(first) == 0
    assert all(u.size == 0 for u in caches.usage())


def test_a_cache_with_a_time_to_live_forgets():
    _declare("test.ttl", 8, ttl=0.05)
    kept = caches.store("test.ttl")
    kept.put("k", 1)
    assert kept.get("k") == 1
    threading.Event().wait(0.1)
    assert kept.get("k") is None
