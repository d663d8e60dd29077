"""Engine settings: SQLite pragmas on every connection, write transactions that never deadlock."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

from app.extensions import db

# Set per request: a request that may write starts its SQLite transaction with
# BEGIN IMMEDIATE, so two writers queue on the busy timeout instead of one of them
# failing at once with "database is locked" when it upgrades a read lock.
write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in a transaction of its own that takes the write lock up front.

    Used for writes made while serving a read (the rate counter, the audit entry of a
    download), so they never upgrade a read transaction under SQLite.
    """
    db.session.commit()
    intent = write_intent.set(True)
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        write_intent.reset(intent)


def utcnow() -> datetime:
    """Return the current time in UTC, timezone-aware."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored as naive UTC and always read back timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# The database holds candidates' personal data: only the account the app runs as may
# read it. SQLite gives its -wal and -shm files the mode of the database file.
PRIVATE_FILE = 0o600
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of an SQLite engine (None in memory or for other databases)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:") or engine.url.query.get("mode") == "memory":
        return None
    return Path(database)


def make_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does, and take group and other access
    away from it and its side files if they already exist (a database made before)."""
    if not path.parent.is_dir():
        return  # SQLite will refuse to open it and say so
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for suffix in SQLITE_SIDE_FILES:
        side = path.with_name(path.name + suffix)
        try:
            mode = stat.S_IMODE(side.stat().st_mode)
            if mode & 0o077:
                os.chmod(side, mode & 0o700)
        except OSError:
            continue  # not there, or another account's file: nothing to tighten


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:
    """Install the SQLite connection pragmas and transaction handling on an engine."""
    if engine.dialect.name != "sqlite":
        return
    path = sqlite_file(engine)
    if path is not None:
        make_private(path)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" hook below emit BEGIN itself (pysqlite's own
        # transaction handling would defer it and break BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        if path is not None:
            make_private(path)  # the -wal and -shm files exist once WAL mode is on

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write_intent.get() else "BEGIN")
