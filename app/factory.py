"""The application factory: configuration, extensions, blueprints, the role catalog."""

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
    # Named after the package, not this module: the app's name (its logger's too) and
    # its root folder (app/static) are the package's.
    app = Flask(
        "app",
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
    Path(app.instance_path).mkdir(mode=0o700, parents=True, exist_ok=True)

    register_extensions(app)
    from app.exports import jobs as export_jobs
    from app.jobs import queue

    queue.init_app(app)
    export_jobs.init_app(app)
    load_role_catalog(app)
    register_converters(app)
    limit_image_decoding()
    register_blueprints(app)
    register_cli(app)

    from app import errors, i18n, observability, security

    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    observability.init_app(app)
    trust_proxies(app)
    version_static_urls(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, take the client's address and scheme from
    the X-Forwarded-For/-Proto values those proxies set (request.remote_addr and
    request.is_secure then describe the client: the sign-in throttle, the audit log,
    HSTS, https links). With 0, the headers are ignored."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def version_static_urls(app: Flask) -> None:
    """Static file links carry ?v=<content hash>, so nginx can let browsers keep each
    file for a year: a changed file has a new URL. The hashes are computed once here and
    only read afterwards (safe for any number of threads)."""
    import hashlib

    folder = Path(app.static_folder or "")
    versions = {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in folder.rglob("*")
        if path.is_file()
    }

    @app.url_defaults
    def static_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            version = versions.get(values.get("filename", ""))
            if version:
                values["v"] = version


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from app import models  # noqa: F401 - every table must be in the metadata

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])


def load_role_catalog(app: Flask) -> None:
    """Parse and validate role_catalog/ once; a broken catalog stops start-up."""
    from app.domain.catalog.loader import CatalogError, load_catalog

    try:
        app.extensions["smm.catalog"] = load_catalog(Path(app.config["CATALOG_DIR"]))
    except CatalogError as error:
        raise SystemExit(
            f"SMM Hiring Desk cannot start: the role catalog is invalid.\n{error}"
        ) from None


def register_converters(app: Flask) -> None:
    """`<int:...>` in every route is an id converter: numbers outside 1..MAX_ID are 404
    before a view runs (installed before the blueprints add their rules)."""
    from app.urls import IdConverter

    app.url_map.converters["int"] = IdConverter


def limit_image_decoding() -> None:
    """Pillow decodes no image larger than a logo may be (app.admin.logo)."""
    from app.admin import logo

    logo.limit_image_decoding()


# Modules whose views add routes to their package's blueprint (app.accounts.bp, app.api.bp,
# app.probation.bp, app.vacancies.bp; app.api.routes imports every API operation module):
# imported before the blueprints are registered.
ROUTE_MODULES = (
    "app.api.routes",
    "app.accounts.views",
    "app.accounts.link_views",
    "app.accounts.twofactor_views",
    "app.vacancies.views",
    "app.vacancies.analyze_views",
    "app.probation.views",
    "app.probation.item_views",
    "app.probation.candidate_views",
    "app.probation.report_views",
    "app.probation.notice_views",
)


def register_blueprints(app: Flask) -> None:
    """Mount every feature's views."""
    from importlib import import_module

    from app.accounts import bp as accounts_bp
    from app.admin.views import bp as admin_bp
    from app.api import bp as api_bp
    from app.api.views_ui import docs_bp as api_docs_bp
    from app.api.views_ui import tokens_bp as api_tokens_bp
    from app.backup.views import bp as backup_bp
    from app.catalog.views import bp as catalog_bp
    from app.exports.views import bp as exports_bp
    from app.jobs.views import bp as jobs_bp
    from app.main import bp as main_bp
    from app.probation import bp as probation_bp
    from app.public.views import bp as public_bp
    from app.vacancies import bp as vacancies_bp

    for module in ROUTE_MODULES:
        import_module(module)
    for blueprint in (
        main_bp,
        accounts_bp,
        catalog_bp,
        vacancies_bp,
        exports_bp,
        probation_bp,
        admin_bp,
        api_bp,
        api_tokens_bp,
        api_docs_bp,
        backup_bp,
        jobs_bp,
        public_bp,
    ):
        app.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    """Add the project's commands to `flask`."""
    from app.accounts.cli import users_cli
    from app.api.cli import tokens_cli
    from app.backup.cli import db_backup_command, org_cli
    from app.catalog.cli import catalog_cli
    from app.exports.cli import vacancies_cli
    from app.jobs.cli import worker_command

    app.cli.add_command(users_cli)
    app.cli.add_command(catalog_cli)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(vacancies_cli)
    app.cli.add_command(org_cli)
    app.cli.add_command(db_backup_command)
    app.cli.add_command(worker_command)
