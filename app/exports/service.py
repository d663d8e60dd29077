"""One way to turn a saved vacancy into a downloadable file, for the UI, API and CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from app.accounts.models import Organization
from app.catalog.service import catalog_for
from app.domain.vacancies.document import VacancyDocument
from app.exports import FORMATS, render
from app.exports.cache import cached_render
from app.exports.filenames import CONTENT_TYPES, EXTENSIONS, export_filename
from app.vacancies import service
from app.vacancies.models import Vacancy


@dataclass(frozen=True)
class ExportFile:
    """A rendered file with its download name and content type."""

    data: bytes
    filename: str
    content_type: str


class HhLimitsExceeded(ValueError):
    """The vacancy does not fit hh.ru's limits; `problems` say what to shorten."""

    def __init__(self, problems):
        super().__init__("the vacancy does not fit hh.ru's limits")
        self.problems = problems


def render_cached(document: VacancyDocument, fmt: str) -> bytes:
    """The file's bytes, from the export cache (keyed by content hash) when configured."""
    folder = current_app.config["EXPORT_CACHE_DIR"]
    return cached_render(Path(folder), document, fmt, lambda doc: render(doc, fmt))


def vacancy_document(org: Organization, vacancy: Vacancy) -> VacancyDocument:
    """The composed document of a saved vacancy, as the organization's catalog words it."""
    return service.document_for(org, catalog_for(org), service.current_draft(vacancy), vacancy)


# Made by the queue worker (after each save, or when first asked for), never in a web
# process: WeasyPrint and python-docx run in the worker's render pool.
QUEUED_FORMATS = ("pdf", "docx")


def export_vacancy(
    org: Organization,
    vacancy: Vacancy,
    fmt: str,
    *,
    queued: bool = True,
    user_id: int | None = None,
) -> ExportFile:
    """Render one format; hh.ru JSON is refused when the vacancy breaks hh.ru's limits, and
    every format of a published vacancy whose content now has errors (ExportBlocked).

    PDF and DOCX come from the queue worker when `queued` (the web and the API): a file
    rendered after the save is read from the cache; otherwise the request waits a bounded
    time for its job (NotReady when it is not done, JobError when it failed). With
    queued=False (the worker itself, the CLI) the file is rendered here."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format: {fmt!r}")
    service.ensure_exportable(catalog_for(org), vacancy)
    document = vacancy_document(org, vacancy)
    if fmt == "hh":
        from app.exports.hh import hh_problems

        problems = hh_problems(document)
        if problems:
            raise HhLimitsExceeded(problems)
    if queued and fmt in QUEUED_FORMATS:
        from app.jobs.service import vacancy_file

        data = vacancy_file(org, vacancy, document, fmt, user_id)
    else:
        data = render_cached(document, fmt)
    return ExportFile(
        data=data,
        filename=export_filename(document.title, document.date_posted, EXTENSIONS[fmt]),
        content_type=CONTENT_TYPES[fmt],
    )
