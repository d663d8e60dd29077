"""The Alembic revision of the schema: in the migration scripts and in the database."""

from __future__ import annotations

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from app.extensions import db


def scripts() -> ScriptDirectory:
    """The app's migration scripts."""
    config = Config()
    config.set_main_option("script_location", current_app.extensions["migrate"].directory)
    return ScriptDirectory.from_config(config)


def head_revision() -> str:
    """The newest revision this code knows."""
    return scripts().get_current_head() or ""


def known_revisions() -> list[str]:
    """Every revision this code knows, newest first."""
    return [script.revision for script in scripts().walk_revisions()]


def database_revision() -> str | None:
    """The revision the database is at (in the session's transaction)."""
    return MigrationContext.configure(db.session.connection()).get_current_revision()
