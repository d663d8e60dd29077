"""`flask catalog check [DIR]`: validate the role catalog and report every problem."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.domain.catalog.loader import DEFAULT_CATALOG_DIR, read_catalog

catalog_cli = AppGroup("catalog", help="Inspect the role catalog (role_catalog/*.yaml).")


@catalog_cli.command("check")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
def check_command(directory: Path | None) -> None:
    """Validate the catalog in DIRECTORY (default: the repository's role_catalog/)."""
    directory = directory or DEFAULT_CATALOG_DIR
    catalog, problems = read_catalog(directory)
    if catalog is None:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"FAILED: {len(problems)} problem(s) in {directory}")
        raise click.exceptions.Exit(1)
    click.echo(f"OK: {catalog.summary()}")
