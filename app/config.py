"""Configuration defaults, overridden by FLASK_-prefixed environment variables."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

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
        # The session cookie is signed at sign-in and lasts PERMANENT_SESSION_LIFETIME from
        # then; it is not re-signed and re-sent with every response.
        "SESSION_REFRESH_EACH_REQUEST": False,
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
        # A session ends after this long without a request, and this long after sign-in.
        "SESSION_IDLE_MINUTES": 120,
        "SESSION_MAX_HOURS": 12,
        # Outgoing mail (invitations, password resets): smtp://user:pass@host:587?starttls=1
        # or smtps://user:pass@host:465. Unset: mails are logged (development, tests).
        "MAIL_URL": None,
        "MAIL_FROM": "SMM Hiring Desk <noreply@localhost>",
        # The address links in mails point to, e.g. https://hire.example.com; unset, the
        # address of the request (set it in production: a forged Host header would
        # otherwise end up in the links).
        "BASE_URL": None,
        "INVITATION_VALID_HOURS": 72,
        "PASSWORD_RESET_VALID_MINUTES": 60,
        # Reverse proxies in front of the app that set X-Forwarded-For/-Proto (nginx: 1).
        # 0 trusts no such header: a client could otherwise pick its own address.
        "TRUSTED_PROXIES": 0,
        # The task queue (app/jobs): Redis for several machines, else an SQLite file in
        # the instance folder. A download of a file not rendered yet waits this long for
        # its job, then answers 202 "being prepared".
        "REDIS_URL": None,
        "EXPORT_WAIT_SECONDS": 8,
        "JOB_RETRY_DELAY": 2,
        "JOB_STALE_SECONDS": 20,
        "JOB_TIME_LIMIT": 900,
        "ZIP_KEEP_HOURS": 24,
        "JOB_KEEP_DAYS": 7,
        # Address space a render process may use (a warm one uses about 260 MB, a long
        # vacancy a little more); an allocation past it fails instead of growing.
        "RENDER_MEMORY_LIMIT_MB": 1024,
        "RENDER_PROCESSES": 2,
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
    for name in ("MAIL_URL", "MAIL_FROM", "BASE_URL"):
        if os.environ.get(name):
            config[name] = os.environ[name]
    if os.environ.get("TRUSTED_PROXIES"):
        config["TRUSTED_PROXIES"] = os.environ["TRUSTED_PROXIES"]
    if os.environ.get("REDIS_URL"):
        config["REDIS_URL"] = os.environ["REDIS_URL"]
    if os.environ.get("EXPORT_CACHE_DIR"):
        # Several app nodes and the worker share one folder of rendered files.
        config["EXPORT_CACHE_DIR"] = os.environ["EXPORT_CACHE_DIR"]


def finish_config(config: dict, instance_path: str) -> None:
    """Check the settings and fill in what depends on the environment."""
    env = config["APP_ENV"]
    if env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}.")
    config["SQLALCHEMY_DATABASE_URI"] = database_url(config["SQLALCHEMY_DATABASE_URI"])
    config["TRUSTED_PROXIES"] = trusted_proxies(config.get("TRUSTED_PROXIES", 0))
    config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        config["SQLALCHEMY_DATABASE_URI"], config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}
    )
    finish_session_and_mail(config)
    # Tests run jobs in the submitting process as the transaction commits, once each.
    testing = bool(config.get("TESTING"))
    config.setdefault("JOBS_EAGER", testing)
    config.setdefault("JOB_RETRIES", 0 if testing else 3)
    config.setdefault("PRERENDER_ON_SAVE", not testing)
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


def finish_session_and_mail(config: dict) -> None:
    """The session cookie lives no longer than a session may; MAIL_URL must parse."""
    from app.mail import MailConfigError, parse_mail_url

    for name in ("SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS"):
        value = config[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}.")
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=config["SESSION_MAX_HOURS"])
    if config.get("MAIL_URL"):
        try:
            parse_mail_url(config["MAIL_URL"])
        except MailConfigError as error:
            raise ConfigError(str(error)) from None


def trusted_proxies(value: object) -> int:
    """TRUSTED_PROXIES as a number of proxy hops (0, 1, 2, ...)."""
    try:
        hops = int(str(value).strip())
    except ValueError:
        hops = -1
    if hops < 0 or isinstance(value, bool):
        raise ConfigError(
            f"TRUSTED_PROXIES must be the number of reverse proxies in front of the app "
            f"(0 without one, 1 behind nginx), not {value!r}."
        )
    return hops


def engine_options(url: str, given: dict) -> dict:
    """The connection pool: more pooled connections than a worker has threads (8 in
    `make serve`). With SQLAlchemy's default of 5, every request beyond the fifth opened
    and closed a connection of its own (and a new SQLite connection starts with an empty
    page cache). An in-memory SQLite database has a single connection and no such pool;
    options given in the configuration win."""
    parsed = make_url(url)
    in_memory = parsed.get_backend_name() == "sqlite" and (
        parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"
    )
    if in_memory:
        return dict(given)
    return {"pool_size": 10, "max_overflow": 10, **given}


def development_secret_key(instance: Path) -> str:
    """Generate a secret key once and keep it under instance/ for development."""
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()
