"""The committed migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.extensions import db


def test_migrations_match_models(app):
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_downgrade_to_base_and_upgrade_again(tmp_path):
    url = "sqlite:///" + str(tmp_path / "m.sqlite3")
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"organizations", "users"} <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(inspect(db.engine).get_table_names()) == tables
        db.engine.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_migrations_that_rebuild_tables_keep_the_rows_that_refer_to_them(tmp_path):
    """SQLite rebuilds a table to change its constraints: with an organization, a user and
    a vacancy in the database, every migration since goes up, down and up again."""
    from sqlalchemy import text

    app = create_app(
        {
            "APP_ENV": "testing",
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "m.sqlite3"),
        }
    )
    with app.app_context():
        upgrade(revision="e5a2c8f47d10")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO organizations (id, name, created_at) "
                    "VALUES (1, 'Acme', '2026-01-01 00:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO users (id, organization_id, email, name, role, password_hash, "
                    "active, created_at, session_version) VALUES (1, 1, 'a@acme.test', 'A', "
                    "'admin', 'x', 1, '2026-01-01 00:00:00', 1)"
                )
            )
        upgrade()
        downgrade(revision="e5a2c8f47d10")
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT email FROM users")).scalars().all() == ["a@acme.test"]
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.engine.dispose()
