"""`flask org export|import|reset-password` and `flask db-backup`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app.accounts import services
from app.accounts.passwords import password_problem
from app.backup import database
from app.backup.export import (
    AmbiguousOrganization,
    dumps,
    export_organization,
    find_organization,
    record_export,
)
from app.backup.importer import ImportRefused, import_organization
from app.database import write_intent
from app.extensions import db

LOGO_REASONS = {
    "svg": "SVG logos are not accepted",
    "pixels": "larger than 4000 x 4000 pixels",
    "size": "larger than 512 KB",
    "type": "not a PNG or JPEG image",
    "empty": "empty",
}
org_cli = AppGroup("org", help="Export an organization to JSON, import one, reset passwords.")
PASSWORD_PROBLEMS = {
    "too_short": "the password must have at least 10 characters",
    "too_long": "the password must have at most 128 characters",
    "common": "the password is too common",
}


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (it holds personal data), atomically."""
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@org_cli.command("export")
@click.argument("org_ref", metavar="ORG")
@click.option("-o", "--output", required=True, help="File to write, or - for standard output.")
@click.option(
    "--with-password-hashes", is_flag=True, help="Include the users' password hashes (secret)."
)
@click.option("--without-audit", is_flag=True, help="Leave the audit log out.")
def export_command(org_ref: str, output: str, with_password_hashes: bool, without_audit: bool):
    """Write organization ORG (name or id) with everything it owns as one JSON file."""
    try:
        org = find_organization(org_ref)
    except AmbiguousOrganization as error:
        raise click.ClickException(f"{error}: give the id instead") from None
    if org is None:
        raise click.ClickException(f"there is no organization with the name or id {org_ref!r}")
    org_id, name = org.id, org.name
    db.session.rollback()  # read the export in a snapshot transaction of its own
    document = export_organization(
        org_id, with_password_hashes=with_password_hashes, include_audit=not without_audit
    )
    text = dumps(document)
    if output == "-":
        click.echo(text, nl=False)
    else:
        try:
            _write_private(Path(output), text)
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    record_export(org_id, None, document, via="cli", password_hashes=with_password_hashes)
    if output != "-":
        click.echo(f"exported organization {name!r} (id {org_id}) to {output}", err=True)


@org_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rename", default=None, help="Import under this organization name.")
def import_command(file: Path, rename: str | None):
    """Add the organization of an export FILE (new ids; nothing is stored on an error)."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{file} is not a JSON file: {error}") from None
    token = write_intent.set(True)  # SQLite: take the write lock at BEGIN
    try:
        db.session.rollback()
        try:
            result = import_organization(document, rename=rename)
            db.session.commit()
        except ImportRefused as refused:
            db.session.rollback()
            raise click.ClickException(f"nothing was imported: {refused}") from None
    finally:
        write_intent.reset(token)
    org = result.organization
    users = len(result.ids.get("users", {}))
    click.echo(f"imported organization {org.name!r} as id {org.id} with {users} users")
    if result.logo_refused:
        click.echo(
            f"the file's logo was left out ({LOGO_REASONS.get(result.logo_refused, 'not valid')}); "
            "upload a PNG or JPEG on the organization page"
        )
    if result.no_password:
        click.echo(
            "the file has no password hash for these users; set each one's password with "
            "`flask org reset-password EMAIL --password-stdin`:"
        )
        for email in result.no_password:
            click.echo(f"  {email}")


@org_cli.command("reset-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def reset_password_command(email: str, password_stdin: bool):
    """Set a user's password (e.g. after an import without hashes); ends their sessions."""
    if not password_stdin:
        raise click.UsageError("pass --password-stdin and give the password on standard input")
    user = services.find_user(email)
    if user is None:
        raise click.ClickException(f"there is no user with the e-mail {email}")
    password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(PASSWORD_PROBLEMS[problem])
    services.set_password(user, password)
    services.audit("password-reset", user=user, via="cli")
    db.session.commit()
    click.echo(f"the password of {user.email} is set")


@click.command("db-backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@with_appcontext
def db_backup_command(file: Path, force: bool):
    """Copy the whole SQLite database to FILE while the app runs (PostgreSQL: use pg_dump)."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    source = database.sqlite_path(url)
    if source is None:
        if url.startswith("postgresql"):
            raise click.ClickException(
                "this instance uses PostgreSQL; no file was written. Back it up with "
                "(give the password through PGPASSWORD or ~/.pgpass):\n  "
                + database.pg_dump_command(url, str(file))
            )
        raise click.ClickException("only a file-based SQLite or a PostgreSQL database is backed up")
    try:
        size = database.backup_sqlite(source, file, force=force)
    except database.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"backed up {source} to {file} ({size} bytes, integrity_check ok)")
