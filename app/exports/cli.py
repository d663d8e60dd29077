"""`flask vacancies export ID --format FMT -o FILE`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.accounts.models import Organization
from app.exports import FORMATS
from app.exports.service import HhLimitsExceeded, export_vacancy
from app.exports.worker import RenderError
from app.extensions import db
from app.urls import MAX_ID
from app.vacancies.models import Vacancy
from app.vacancies.service import ExportBlocked

vacancies_cli = AppGroup("vacancies", help="Work with vacancies.")


@vacancies_cli.command("export")
@click.argument("vacancy_id", type=click.IntRange(1, MAX_ID))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: the download name in the current folder).",
)
def export_command(vacancy_id: int, fmt: str, output: Path | None) -> None:
    """Write a vacancy to a file in one of the export formats."""
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise click.ClickException(f"there is no vacancy {vacancy_id}")
    org = db.session.get_one(Organization, vacancy.organization_id)
    try:
        file = export_vacancy(org, vacancy, fmt, queued=False)
    except HhLimitsExceeded as refused:
        raise click.ClickException("; ".join(p.message("en") for p in refused.problems)) from None
    except ExportBlocked as blocked:
        raise click.ClickException(
            "the published vacancy has errors: "
            + "; ".join(f.message.get("en") for f in blocked.blockers)
        ) from None
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    target = output or Path(file.filename)
    target.write_bytes(file.data)
    click.echo(f"wrote {target} ({len(file.data):,} bytes, {file.content_type})")
