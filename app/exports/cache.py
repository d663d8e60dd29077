"""Rendered exports cached on disk, keyed by the document's content, the format and version.

The cache is disposable: any file may vanish at any time (another process evicting,
an operator clearing the folder) and the next request renders it again. Writes go to a
temporary file that is renamed into place, so a reader never sees half a file. Several
app processes may share one folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.vacancies.document import VacancyDocument

# Bump whenever a renderer, template, stylesheet or font changes what a file contains.
RENDERER_VERSION = "2026-12-02.2"
MAX_CACHE_BYTES = 200 * 1024 * 1024
SUFFIX = ".export"


def _plain(value: Any) -> Any:
    """JSON-ready form of document values (dates as ISO text, bytes by their digest)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    raise TypeError(f"cannot put {type(value).__name__} in a cache key")


def _rendered_fields(doc: VacancyDocument) -> dict[str, Any]:
    """The document's fields a file shows: `lines` (the checks' view of the same draft,
    which no renderer reads) is emptied first."""
    return dataclasses.asdict(dataclasses.replace(doc, lines=()))


def cache_key(doc: VacancyDocument, fmt: str) -> str:
    """sha256 of the canonical JSON of the document, the format and RENDERER_VERSION."""
    canonical = json.dumps(
        {"doc": _rendered_fields(doc), "format": fmt, "renderer": RENDERER_VERSION},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=_plain,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=SUFFIX)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def evict(cache_dir: Path, max_bytes: int = MAX_CACHE_BYTES) -> None:
    """Delete the least recently used files until the folder fits in max_bytes."""
    entries = []
    total = 0
    with os.scandir(cache_dir) as scan:
        for entry in scan:
            if not entry.name.endswith(SUFFIX) or entry.name.startswith(".tmp-"):
                continue
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            entries.append((stat.st_mtime, stat.st_size, entry.path))
            total += stat.st_size
    if total <= max_bytes:
        return
    for _mtime, size, path in sorted(entries):
        Path(path).unlink(missing_ok=True)
        total -= size
        if total <= max_bytes:
            break


def cache_path(cache_dir: Path, doc: VacancyDocument, fmt: str) -> Path:
    """Where the file of (doc, fmt) is (or will be) kept."""
    if not re.fullmatch(r"[a-z0-9]{1,16}", fmt):
        raise ValueError(f"bad export format name: {fmt!r}")
    return Path(cache_dir) / f"{cache_key(doc, fmt)}.{fmt}{SUFFIX}"


def touch(path: Path) -> None:
    """Mark the file recently used: the last to be evicted."""
    with contextlib.suppress(FileNotFoundError):
        os.utime(path)


def cached_render(
    cache_dir: Path,
    doc: VacancyDocument,
    fmt: str,
    render_fn: Callable[[VacancyDocument], bytes],
    *,
    max_bytes: int = MAX_CACHE_BYTES,
) -> bytes:
    """The cached file for (doc, fmt), rendering and storing it with render_fn on a miss."""
    cache_dir = Path(cache_dir)
    path = cache_path(cache_dir, doc, fmt)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        pass
    else:
        touch(path)
        return data
    data = render_fn(doc)
    cache_dir.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, data)
    evict(cache_dir, max_bytes)
    return data
