"""SMM Hiring Desk: the application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from app import config as app_config
from app.database import configure_engine
from app.extensions import csrf, db, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, catalog."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
    )
    app.config.from_mapping(app_config.default_config(app.instance_path))
    app.config.from_prefixed_env()
    app_config.apply_environment(app.config)
    if test_config:
        app.config.from_mapping(test_config)
    try:
        app_config.finish_config(app.config, app.instance_path)
    except app_config.ConfigError as error:
        raise SystemExit(f"SMM Hiring Desk cannot start: {error}") from None
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    register_extensions(app)
    register_blueprints(app)
    register_cli(app)

    from app import errors, i18n, security

    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])


def register_blueprints(app: Flask) -> None:
    """Mount every feature's views."""
    from app.accounts.views import bp as accounts_bp
    from app.main import bp as main_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(accounts_bp)


def register_cli(app: Flask) -> None:
    """Add the project's commands to `flask`."""
    from app.accounts.cli import users_cli

    app.cli.add_command(users_cli)
