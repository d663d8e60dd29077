"""Whole-database copies: SQLite through the online backup API, PostgreSQL with pg_dump."""

from __future__ import annotations

import os
import shlex
import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """The copy could not be made; the message says why."""


def sqlite_path(url: str) -> Path | None:
    """The database file of an SQLite URL (None for other databases or in-memory ones)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def backup_sqlite(source: Path, destination: Path, *, force: bool = False) -> int:
    """Copy a live SQLite database, WAL included, into one checked file; return its size."""
    # The backup API reads a consistent snapshot through SQLite itself, so pages still in
    # the -wal file are copied and writers may go on meanwhile. The copy is switched to the
    # rollback journal (one self-contained file), checked with integrity_check, and only
    # then moved into place: a failed run never leaves a half-written backup behind.
    if not source.is_file():
        raise BackupError(f"there is no database file at {source}")
    if destination.exists() and not force:
        raise BackupError(f"{destination} exists; pass --force to replace it")
    if destination.resolve() == source.resolve():
        raise BackupError("the backup cannot replace the database itself")
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                result = dst.execute("PRAGMA integrity_check").fetchall()
            finally:
                dst.close()
        finally:
            src.close()
        if result != [("ok",)]:
            raise BackupError(f"the copy failed its integrity check: {result[:5]}")
        partial.replace(destination)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not make the copy: {error}") from None
    finally:
        partial.unlink(missing_ok=True)
    return destination.stat().st_size


def pg_dump_command(url: str, destination: str) -> str:
    """The pg_dump line that backs up this PostgreSQL database (no password in it)."""
    parsed = make_url(url)
    dsn = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    ).render_as_string(hide_password=False)
    return " ".join(
        ["pg_dump", "--format=custom", f"--file={shlex.quote(destination)}", shlex.quote(dsn)]
    )
