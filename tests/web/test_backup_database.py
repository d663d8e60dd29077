"""Whole-database backups: SQLite's online backup API (WAL included) and pg_dump."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess

import pytest
from sqlalchemy.engine import make_url

from app import create_app
from app.backup.database import pg_dump_command
from app.extensions import db
from tests.conftest import make_user, migrated_app, need

MARKER = "row-only-in-the-wal"


def sqlite_app(tmp_path):
    """An app on its own SQLite file (WAL, as in production), migrated."""
    app = migrated_app("sqlite:///" + str(tmp_path / "live.sqlite3"), SECRET_KEY="k")
    with app.app_context():
        db.engine.dispose()
    return app


def test_online_backup_copies_what_is_still_only_in_the_wal(tmp_path):
    app = sqlite_app(tmp_path)
    make_user(app, "admin@acme.test", "admin", "Acme")
    live = tmp_path / "live.sqlite3"
    # A writer that keeps its connection open and never checkpoints: the newest rows
    # exist only in live.sqlite3-wal, as between checkpoints of a running app.
    writer = sqlite3.connect(live, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute(
            "INSERT INTO organizations (name, catalog_version, created_at) VALUES (?, 1, ?)",
            (MARKER, "2026-01-01 00:00:00.000000"),
        )
        wal = tmp_path / "live.sqlite3-wal"
        assert wal.stat().st_size > 0
        assert MARKER.encode() not in live.read_bytes()
        assert MARKER.encode() in wal.read_bytes()

        # Copying the file alone (what `cp` does while the app runs) loses those rows.
        naive = tmp_path / "naive.sqlite3"
        shutil.copyfile(live, naive)
        with sqlite3.connect(naive) as conn:
            names = [r[0] for r in conn.execute("SELECT name FROM organizations")]
        assert MARKER not in names

        backup = tmp_path / "backup.sqlite3"
        result = app.test_cli_runner().invoke(args=["db-backup", str(backup)])
        assert result.exit_code == 0, result.output
        assert "integrity_check ok" in result.output
    finally:
        writer.close()

    assert not (tmp_path / "backup.sqlite3-wal").exists()
    assert backup.stat().st_mode & 0o077 == 0
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        names = {r[0] for r in conn.execute("SELECT name FROM organizations")}
        assert names == {"Acme", MARKER}
        emails = [r[0] for r in conn.execute("SELECT email FROM users")]
        assert emails == ["admin@acme.test"]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()

    # The copy is a working database for the app.
    restored = create_app(
        {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{backup}"}
    )
    with restored.app_context():
        from app.accounts.services import find_user

        assert find_user("admin@acme.test").organization.name == "Acme"
        db.engine.dispose()


def test_backup_does_not_replace_a_file_unless_forced(tmp_path):
    app = sqlite_app(tmp_path)
    backup = tmp_path / "backup.sqlite3"
    backup.write_bytes(b"keep me")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db-backup", str(backup)])
    assert result.exit_code != 0 and "--force" in result.output
    assert backup.read_bytes() == b"keep me"
    result = runner.invoke(args=["db-backup", str(backup), "--force"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["db-backup", str(tmp_path / "live.sqlite3"), "--force"])
    assert result.exit_code != 0 and "cannot replace the database itself" in result.output


def test_on_postgresql_db_backup_prints_the_pg_dump_line_without_the_password(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": "postgresql://smm:s3cret@db.example:5432/smm",
        }
    )
    result = app.test_cli_runner().invoke(args=["db-backup", str(tmp_path / "smm.dump")])
    assert result.exit_code != 0, "no backup was made, so the command must not look successful"
    assert "pg_dump --format=custom" in result.output
    assert "postgresql://smm@db.example:5432/smm" in result.output
    assert "s3cret" not in result.output
    assert not (tmp_path / "smm.dump").exists()


def _pg_env(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and the environment that carries it."""
    env = dict(os.environ, PGPASSWORD=make_url(url).password or "")
    return shlex.split(pg_dump_command(url, "-"))[-1], env


def test_pg_dump_of_the_test_database_holds_the_app_tables(app, tmp_path):
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        # Not need(): `make test` runs the suite once without TEST_DATABASE_URL, in CI too;
        # the second run, on PostgreSQL, is the one that dumps.
        pytest.skip("TEST_DATABASE_URL is not set: the PostgreSQL run dumps the database")
    need(shutil.which("pg_dump") is not None, "pg_dump is not installed")
    need(shutil.which("pg_restore") is not None, "pg_restore is not installed")
    make_user(app, "admin@acme.test", "admin", "Acme")
    dsn, env = _pg_env(url)

    schema = subprocess.run(
        ["pg_dump", "--schema-only", f"--dbname={dsn}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    for table in db.metadata.sorted_tables:
        assert f"CREATE TABLE public.{table.name} " in schema, table.name
    assert "CREATE TABLE public.alembic_version " in schema

    # The line `flask db-backup` prints (and docs/backup.md shows) makes a restorable dump.
    dump = tmp_path / "smm.dump"
    line = pg_dump_command(app.config["SQLALCHEMY_DATABASE_URI"], str(dump))
    subprocess.run(shlex.split(line), env=env, check=True, capture_output=True, timeout=120)
    listing = subprocess.run(
        ["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public users" in listing and "TABLE DATA public vacancies" in listing
