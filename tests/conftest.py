"""Fixtures: `app`, `client`, `runner` (as in Flask's tutorial), plus signed-in helpers.

The database-backed tests run on SQLite by default; with TEST_DATABASE_URL set (CI does
that with a real PostgreSQL) they run there instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct horse battery staple"


def need(condition: bool, reason: str) -> None:
    """Skip locally when an outside tool is missing; in CI the same gap is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


# Hashes are verified with the parameters stored in them: cheap ones keep sign-ins fast
# in tests without changing the app's settings.
CHEAP_HASH = "scrypt:1024:8:1"


def migrated_app(url: str, **config):
    """A test app on the database at `url`, brought to the newest migration (cheap
    password hashes; `config` adds or overrides settings)."""
    from flask_migrate import upgrade

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": url,
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            **config,
        }
    )
    with app.app_context():
        upgrade()
    return app


def _migrated_url(url: str) -> str:
    """Bring a database to the newest migration once per test session."""
    app = migrated_app(url)
    with app.app_context():
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    return _migrated_url(url)


def _empty_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


def app_on(database_url: str, tmp_path: Path, **config):
    """A test app on the session's database, its tables emptied before and after (a
    generator for fixtures: `yield from app_on(...)`; `config` adds or overrides)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            "WTF_CSRF_ENABLED": False,
            "EXPORT_CACHE_DIR": str(tmp_path / "export-cache"),
            **config,
        }
    )
    with app.app_context():
        _empty_tables()
    yield app
    with app.app_context():
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    yield from app_on(database_url, tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def make_user(app, email: str, role: str = "admin", org: str = "Acme", password: str = PASSWORD):
    """Create a user (and the organization) straight in the database; return its id."""
    from app.accounts import services

    with app.app_context():
        organization = services.get_or_create_organization(org)
        user = services.create_user(organization, email, password, role)
        db.session.commit()
        return user.id


def login(client, email: str, password: str = PASSWORD):
    """Sign in through the real form."""
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def admin(app, client):
    """An admin of organization Acme, signed in."""
    make_user(app, "admin@acme.test", "admin", "Acme")
    response = login(client, "admin@acme.test")
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def csrf_token(html: str) -> str:
    """Pull the CSRF token out of a rendered form."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Tests see the same compiled catalogs as `make run`."""
    from app.translations.compile import compile_translations

    compile_translations()
