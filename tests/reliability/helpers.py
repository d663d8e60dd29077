"""What the reliability tests share: a database to serve, users, and the real user paths.

The server is gunicorn exactly as `make serve` starts it (bench.load.server reads the
command from the Makefile); the clients sign in through the login form and post the
same forms a browser posts, with the session's CSRF token (CSRF is on in production).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.load.server import Client, Response, Server
from tests.conftest import CHEAP_HASH, need

PASSWORD = "reliability password 123"
ORG = "Reliability"


def seconds(default: int = 30) -> int:
    """How long the load of a test lasts (RELIABILITY_SECONDS)."""
    return int(os.environ.get("RELIABILITY_SECONDS", str(default)))


def require_tools() -> None:
    need(shutil.which("make") is not None, "make is needed to read the serve command")


def sqlite_url(tmp: Path) -> str:
    return f"sqlite:///{tmp / 'reliability.sqlite3'}"


def fresh_postgres(url: str) -> str:
    """An empty public schema in the test PostgreSQL database."""
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def make_app(url: str):
    """The app on `url`, migrated, for seeding from the test process."""
    from flask_migrate import upgrade

    from app import create_app

    app = create_app(
        {
            "SECRET_KEY": "seed",
            "SQLALCHEMY_DATABASE_URI": url,
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            "REQUEST_LOG": False,
        }
    )
    with app.app_context():
        upgrade()
    return app


def add_users(app, role: str, count: int, prefix: str) -> list[str]:
    """Users of the organization (created if missing); their e-mail addresses."""
    from app.accounts import services
    from app.extensions import db

    emails = []
    with app.app_context():
        org = services.get_or_create_organization(ORG)
        for n in range(count):
            email = f"{prefix}{n}@reliability.test"
            services.create_user(org, email, PASSWORD, role)
            emails.append(email)
        db.session.commit()
    return emails


def server(url: str, tmp: Path) -> Server:
    """gunicorn with the production settings of `make serve` on `url` (not started)."""
    env = {
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": url,
        "INSTANCE_PATH": str(tmp / "instance"),
    }
    return Server(env, tmp / "logs")


def signed_in(port: int, email: str) -> Client:
    client = Client(port)
    client.login(email, PASSWORD)
    return client


VACANCY_PATH = re.compile(r"/vacancies/(\d+)$")
BASE_VERSION = re.compile(
    r'name="base_version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="base_version"'
)


def vacancy_form(title: str, **extra: str) -> dict:
    """A complete, valid vacancy form (the role's defaults) with this title."""
    from tests.web.vacancy_helpers import form_data

    return form_data(title=title, **extra)


def create_vacancy(client: Client, title: str) -> tuple[Response, int | None]:
    """Post the new-vacancy form; the id when the app redirects to the saved vacancy."""
    answer = client.post("/vacancies/new", vacancy_form(title))
    found = VACANCY_PATH.search(answer.location) if answer.status == 302 else None
    return answer, int(found.group(1)) if found else None


def edit_vacancy(client: Client, vacancy_id: int, title: str, base: int) -> Response:
    """Post the edit form based on version `base`."""
    form = vacancy_form(title, base_version=str(base))
    return client.post(f"/vacancies/{vacancy_id}/edit", form)


def current_version(client: Client, vacancy_id: int) -> int | None:
    """The version the edit form is based on, as a browser would load it."""
    page = client.get(f"/vacancies/{vacancy_id}/edit")
    found = BASE_VERSION.search(page.text) if page.status == 200 else None
    return int(found.group(1) or found.group(2)) if found else None


@dataclass
class Problems:
    """Answers no user should see."""

    server_errors: int = 0
    locked: int = 0
    unexpected: int = 0
    exceptions: int = 0
    samples: list | None = None

    def check(self, answer: Response, expected: tuple[int, ...], what: str) -> bool:
        """Count the answer unless it is one of the expected statuses."""
        if "database is locked" in answer.text.lower():
            self.locked += 1
        if answer.status >= 500:
            self.server_errors += 1
        elif answer.status not in expected:
            self.unexpected += 1
        else:
            return True
        self.note(f"{what}: HTTP {answer.status} {answer.text[:200]!r}")
        return False

    def note(self, sample: str) -> None:
        self.samples = [*(self.samples or [])[:9], sample]

    def total(self) -> int:
        return self.server_errors + self.locked + self.unexpected + self.exceptions


def integrity(url: str) -> tuple[str, list]:
    """PRAGMA integrity_check and foreign_key_check of an SQLite database."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            check = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            keys = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    finally:
        engine.dispose()
    return check, keys


def server_log_problems(log: str) -> dict[str, int]:
    """What the server's own log says went wrong."""
    return {
        "database is locked": log.count("database is locked"),
        "tracebacks": log.count("Traceback"),
    }
