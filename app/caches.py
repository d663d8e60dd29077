"""Every in-memory cache of the process, by name, with its bound and its lock.

A cache here only spares work: each answer is keyed by everything it depends on, so a
lost or cleared cache costs time, never correctness (nothing another process needs is
kept in memory). gunicorn runs several threads per process, and cachetools caches are
not thread-safe, so each cache has a lock; a value is computed outside the lock (two
threads may both compute it once, the first one kept), so a cached function may call
itself or another cached function.

Two kinds, both declared in BOUNDS:
- `memoize(name)` decorates a function: one cache per process.
- `owned(name)` makes a `Store` for one owner (a catalog, a concept, an app): it lives
  and goes with its owner, each one bounded; the listing sums a name's live stores.

Most caches drop the least recently used entry first (as functools.lru_cache did). The
few read hundreds of times per page (words, lines) drop the oldest entry first: a read
there reorders nothing, which keeps a hit within a few hundred nanoseconds; their keys
are the argument itself (`one_argument`), not a tuple built per call.

Plain Python on purpose (cachetools, threading and the standard library only): the
domain modules use it, and they import neither Flask nor the rest of the app.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections import namedtuple
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, ParamSpec, Protocol, TypeVar, cast

from cachetools import Cache, FIFOCache, LRUCache, TTLCache, cached, keys

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R", covariant=True)
_CacheInfo = namedtuple("_CacheInfo", ["hits", "misses", "maxsize", "currsize"])


@dataclass(frozen=True)
class Bound:
    """How many entries a cache keeps, which go first ("lru": least recently used, "fifo":
    oldest), and for how many seconds when its answers must expire (None: until pushed
    out)."""

    maxsize: int
    ttl: float | None = None
    owned: bool = False  # one store per owner instead of one per process
    order: str = "lru"


def _hot(maxsize: int, owned: bool = False) -> Bound:
    return Bound(maxsize, owned=owned, order="fifo")


# Every cache of the app. Computed-once values (a parsed table, a stylesheet, the
# morphology analyzer, a built SQL statement) are caches of their few keys: they load on
# first use, not at import (start-up and the domain's tests stay cheap).
BOUNDS: dict[str, Bound] = {
    # The morphology (app.domain.catalog.morph): the analyzer, words and short lines.
    "morph.analyzer": Bound(1),
    "morph.words": _hot(65_536),
    "morph.lines": _hot(16_384),
    # The catalog: merged per organization (key: its catalog version), and per catalog
    # and concept which lines mention what (lines repeat across vacancies).
    "catalog.organizations": Bound(256),
    "catalog.exclusion_mentions": _hot(50_000, owned=True),
    "concepts.find": _hot(20_000, owned=True),
    # The checks and the line matching of app.domain.vacancies.
    "vague.lines": _hot(8_192),
    "matching.normal_forms": _hot(65_536),
    "matching.indexes": Bound(64),
    "matching.lines": _hot(20_000, owned=True),
    "textfacts.readings": _hot(512),
    "discrimination.feminine_words": _hot(4_096),
    "discrimination.lines": _hot(8_192),
    "workload.network_concepts": Bound(256),
    "markup.sanitized_html": Bound(256),
    # Pages and parts of pages, keyed by every input they show.
    "vacancies.shown_parts": Bound(512),
    # The language switcher: each configured language's name in itself («Русский»).
    "main.language_names": Bound(64),
    "public.pages": Bound(1_024),
    # Probation: plan definitions (per app: ids are per database), numbers, dates, charts.
    "probation.plan_definitions": Bound(1_024, owned=True),
    "probation.numbers": _hot(8_192),
    "probation.dates": _hot(4_096),
    "probation.chart_labels": _hot(4_096),
    "probation.bar_charts": Bound(1_024),
    "probation.line_charts": Bound(1_024),
    "probation.report_css": Bound(1),
    # Exports: parsed stylesheets (one per file), fonts, templates, the hh.ru areas.
    "exports.pdf_stylesheets": Bound(16),
    "exports.pdf_fonts": Bound(1),
    "exports.url_fetcher": Bound(1),
    "exports.html_environment": Bound(1),
    "exports.print_css": Bound(1),
    "exports.hh_areas": Bound(1),
    "admin.usable_logos": Bound(16),
    # The JSON API: a request body validator per component schema.
    "api.body_validators": Bound(64),
    "accounts.common_passwords": Bound(1),
    "accounts.dummy_hashes": Bound(8),
    # Built SQL statements (building one costs more than running it), per shape.
    "sql.in_org": Bound(64),
    "sql.plan_rows": Bound(16),
    "sql.org_by_slug": Bound(1),
    "sql.published": Bound(1),
    "sql.published_with_data": Bound(1),
    "sql.published_count": Bound(1),
    "sql.last_change": Bound(1),
    "sql.vacancy_with_published_version": Bound(1),
    "sql.vacancy_filters": Bound(4),
    "sql.vacancy_details": Bound(1),
}


def _new(bound: Bound) -> Cache:
    if bound.ttl is not None:
        return TTLCache(maxsize=bound.maxsize, ttl=bound.ttl)
    if bound.order == "fifo":
        return FIFOCache(maxsize=bound.maxsize)
    return LRUCache(maxsize=bound.maxsize)


def _reads_reorder(bound: Bound) -> bool:
    # An LRU read moves the entry, a TTL read may expire entries: both take the lock. A
    # FIFO read is one dict lookup (atomic), only its writes change the cache.
    return bound.order != "fifo" or bound.ttl is not None


def _memoized_fifo(func: F, cache: Cache, key: Callable[..., Hashable]) -> F:
    """cachetools.cached for a FIFO cache, without the lock on a hit (see _reads_reorder);
    the counts of hits and misses are approximate under threads."""
    lock = threading.Lock()
    counts = [0, 0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        k = key(*args, **kwargs)
        try:
            value = cache[k]
        except KeyError:
            pass
        else:
            counts[0] += 1
            return value
        counts[1] += 1
        value = func(*args, **kwargs)
        with lock:
            try:
                return cache.setdefault(k, value)  # a race keeps the first value
            except ValueError:  # larger than the whole cache
                return value

    def cache_clear() -> None:
        with lock:
            cache.clear()
            counts[:] = [0, 0]

    def cache_info() -> Any:
        return _CacheInfo(counts[0], counts[1], cache.maxsize, cache.currsize)

    wrapper.cache = cache  # type: ignore[attr-defined]
    wrapper.cache_lock = lock  # type: ignore[attr-defined]
    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    wrapper.cache_info = cache_info  # type: ignore[attr-defined]
    return functools.update_wrapper(wrapper, func)  # type: ignore[return-value]


def one_argument(value: Hashable) -> Hashable:
    """The key of a function of one positional argument: the argument itself (a str
    keeps its hash; keys.hashkey would build a tuple per call)."""
    return value


class Store:
    """A bounded cache with its lock, for code that reads and fills it by hand."""

    __slots__ = ("__weakref__", "cache", "lock", "name", "read_locked")

    def __init__(self, name: str, bound: Bound) -> None:
        self.name = name
        self.cache = _new(bound)
        self.lock = threading.Lock()
        self.read_locked = _reads_reorder(bound)

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The kept value, or `default`."""
        if self.read_locked:
            with self.lock:
                return self.cache.get(key, default)
        try:
            return self.cache[key]  # one dict read: nothing to lock
        except KeyError:
            return default

    def put(self, key: Hashable, value: Any) -> Any:
        """Keep `value` (an entry goes past the bound, see Bound.order); returns it."""
        with self.lock:
            self.cache[key] = value
        return value

    def pop_where(self, test: Callable[[Any], bool]) -> None:
        """Drop the entries whose key passes `test`."""
        with self.lock:
            for key in [k for k in self.cache if test(k)]:
                del self.cache[key]

    def clear(self) -> None:
        """Drop every entry."""
        with self.lock:
            self.cache.clear()

    def __len__(self) -> int:
        return len(self.cache)


_registry_lock = threading.Lock()
_functions: dict[str, Any] = {}  # name -> the memoized function
_stores: dict[str, Store] = {}  # name -> the process's store
_owned: dict[str, weakref.WeakSet[Store]] = {}  # name -> live stores of its owners


def _bound(name: str) -> Bound:
    try:
        return BOUNDS[name]
    except KeyError:
        raise KeyError(f"no cache named {name!r} in app.caches.BOUNDS") from None


def _claim(name: str) -> Bound:
    # A name belongs to one function or store: two of them would share one bound.
    bound = _bound(name)
    if bound.owned:
        raise ValueError(f"cache {name!r} is declared one per owner: use owned()")
    if name in _functions or name in _stores:
        raise ValueError(f"cache {name!r} is already in use")
    return bound


class Memoized(Protocol[P, R]):
    """A function decorated by memoize(): called as before, with its cache's controls."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R: ...

    def cache_clear(self) -> None: ...

    def cache_info(self) -> Any: ...


def memoize(
    name: str, key: Callable[..., Hashable] = keys.hashkey
) -> Callable[[Callable[P, R]], Memoized[P, R]]:
    """Decorate a function with the named cache (bounded, locked); the function keeps
    `cache_clear()` and `cache_info()` as with functools."""
    _bound(name)

    def decorate(func: Callable[P, R]) -> Memoized[P, R]:
        with _registry_lock:
            bound = _claim(name)
            cache = _new(bound)
            if _reads_reorder(bound):
                wrapper = cached(cache, key=key, lock=threading.Lock(), info=True)(func)
            else:
                wrapper = _memoized_fifo(func, cache, key)
            _functions[name] = wrapper
        # Both kinds of wrapper carry cache_clear() and cache_info().
        return cast("Memoized[P, R]", wrapper)

    return decorate


def store(name: str) -> Store:
    """The process's named store, for code that fills a cache by hand."""
    with _registry_lock:
        bound = _claim(name)
        _stores[name] = Store(name, bound)
        return _stores[name]


def owned(name: str) -> Store:
    """A new store of the named kind for one owner; it goes when its owner does."""
    bound = _bound(name)
    if not bound.owned:
        raise ValueError(f"cache {name!r} is declared one per process: use memoize()")
    kept = Store(name, bound)
    with _registry_lock:
        _owned.setdefault(name, weakref.WeakSet()).add(kept)
    return kept


@dataclass(frozen=True)
class Usage:
    """One named cache as listed: entries now, the bound, and for owned ones how many."""

    name: str
    size: int
    maxsize: int
    ttl: float | None
    stores: int  # 1 for a process cache, the number of live owners' stores otherwise
    hits: int | None = None
    misses: int | None = None


def usage() -> list[Usage]:
    """Every declared cache in use, by name."""
    with _registry_lock:
        functions, stores = dict(_functions), dict(_stores)
        families = {name: list(family) for name, family in _owned.items()}
    found = []
    for name, func in functions.items():
        info = func.cache_info()
        found.append(
            Usage(name, info.currsize, info.maxsize, BOUNDS[name].ttl, 1, info.hits, info.misses)
        )
    for name, kept in stores.items():
        maxsize = cast(int, kept.cache.maxsize)  # made from Bound.maxsize (the stubs say float)
        found.append(Usage(name, len(kept), maxsize, BOUNDS[name].ttl, 1))
    for name, members in families.items():
        bound = BOUNDS[name]
        size = sum(len(member) for member in members)
        found.append(Usage(name, size, bound.maxsize, bound.ttl, len(members)))
    return sorted(found, key=lambda u: u.name)


def clear(*names: str) -> None:
    """Empty the named caches (every store of an owned name)."""
    for name in names:
        _bound(name)
    with _registry_lock:
        functions = [f for name, f in _functions.items() if name in names]
        kept = [s for name, s in _stores.items() if name in names]
        kept += [m for name, family in _owned.items() if name in names for m in family]
    for func in functions:
        func.cache_clear()
    for one in kept:
        one.clear()


def clear_all() -> None:
    """Empty every cache of the process."""
    clear(*BOUNDS)
