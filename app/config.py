"""Configuration defaults, overridden by FLASK_-prefixed environment variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("development", "production", "testing")


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says how to fix it."""


def default_config(instance_path: str) -> dict:
    """Return the settings every environment starts from."""
    return {
        "APP_ENV": os.environ.get("APP_ENV", "production"),
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(Path(instance_path) / "smm.sqlite3"),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "ru",
        "LANGUAGES": ("ru", "en"),
        # scrypt with N = 2**17 (r=8, p=1); about 128 MiB and a few hundred ms per hash.
        "PASSWORD_HASH_METHOD": "scrypt:131072:8:1",
        "LOGIN_FAILURE_LIMIT": 5,
        "LOGIN_FAILURE_WINDOW": 60,
        "SQLITE_BUSY_TIMEOUT_MS": 15000,
        "CATALOG_DIR": str(Path(__file__).resolve().parent.parent / "role_catalog"),
        "EXPORT_CACHE_DIR": str(Path(instance_path) / "export-cache"),
        "API_RATE_LIMIT": "120/60",
    }


def database_url(url: str) -> str:
    """Normalise a DATABASE_URL so PostgreSQL goes through psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def apply_environment(config: dict) -> None:
    """Read the plain (unprefixed) variables an operator is used to setting."""
    if os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if os.environ.get("SECRET_KEY"):
        config["SECRET_KEY"] = os.environ["SECRET_KEY"]


def finish_config(config: dict, instance_path: str) -> None:
    """Check the settings and fill in what depends on the environment."""
    env = config["APP_ENV"]
    if env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}.")
    config["SQLALCHEMY_DATABASE_URI"] = database_url(config["SQLALCHEMY_DATABASE_URI"])
    if env != "production":
        config["SESSION_COOKIE_SECURE"] = False
        config["REMEMBER_COOKIE_SECURE"] = False
    if not config.get("SECRET_KEY"):
        if env == "production":
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long "
                "random string (for example: python -c 'import secrets; "
                "print(secrets.token_hex(32))'), or run with APP_ENV=development."
            )
        config["SECRET_KEY"] = development_secret_key(Path(instance_path))


def development_secret_key(instance: Path) -> str:
    """Generate a secret key once and keep it under instance/ for development."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()
