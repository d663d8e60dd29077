"""The exports' background work: the renders queued after a save, and the ZIP of
selected vacancies. The jobs package runs them (app.jobs.tasks) without knowing what
they make: `init_app` registers them at app creation, and the save hook with them."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app

from app.accounts.models import Organization
from app.database import utcnow
from app.exports.cache import cache_path
from app.exports.service import (
    HhLimitsExceeded,
    export_vacancy,
    render_cached,
    vacancy_document,
)
from app.exports.worker import RenderError
from app.extensions import db
from app.jobs.files import store_result
from app.jobs.models import Job
from app.jobs.service import submit
from app.jobs.tasks import JobFailed, register_kind, write
from app.vacancies.models import Vacancy
from app.vacancies.service import ExportBlocked


def init_app(app: Flask) -> None:
    """Register the export jobs with the queue, and the renders after each save."""
    register_kind(app, "render", run_render)
    register_kind(app, "zip", run_zip)
    app.extensions["smm.prerender"] = prerender


def prerender(org: Organization, vacancy: Vacancy, user_id: int | None) -> None:
    """Queue the PDF and DOCX of the vacancy's current document (after a save)."""
    folder = Path(current_app.config["EXPORT_CACHE_DIR"])
    document = vacancy_document(org, vacancy)
    for fmt in current_app.config.get("PRERENDER_FORMATS", ("pdf", "docx")):
        path = cache_path(folder, document, fmt)
        if not path.is_file():
            # A later save makes this one moot: the worker skips it (see run_render).
            params = {"vacancy_id": vacancy.id, "format": fmt, "version": vacancy.version}
            submit("render", org.id, user_id, f"{fmt}:{path.name[:64]}", params)


def _organization(job: Job) -> Organization:
    org = db.session.get(Organization, job.organization_id)
    if org is None:
        raise JobFailed("gone")
    return org


def _vacancy(job: Job, vacancy_id: int) -> Vacancy | None:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.organization_id != job.organization_id:
        return None
    return vacancy


def run_render(job: Job) -> dict:
    """The vacancy's current document in one format, into the export cache."""
    vacancy = _vacancy(job, int(job.params["vacancy_id"]))
    if vacancy is None:
        return {"message": "gone"}  # deleted since: nothing to make
    version = job.params.get("version")
    if not job.params.get("urgent") and version is not None and vacancy.version != version:
        return {"message": "superseded"}  # saved again since: that save queued its own
    document = vacancy_document(_organization(job), vacancy)
    db.session.commit()  # no transaction stays open across the render
    render_cached(document, job.params["format"])
    return {}


def _deadline() -> float:
    return time.monotonic() + float(current_app.config.get("JOB_TIME_LIMIT", 900))


def run_zip(job: Job) -> dict:
    """The selected vacancies in one format, as one ZIP, with progress."""
    org = _organization(job)
    fmt = job.params["format"]
    ids = [int(i) for i in job.params["ids"]]
    deadline = _deadline()
    write(job.id, total=len(ids), progress=0)
    buffer = io.BytesIO()
    skipped = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names: set[str] = set()
        for done, vacancy_id in enumerate(ids, start=1):
            if time.monotonic() > deadline:
                raise JobFailed("timeout", f"after {done - 1} of {len(ids)} files")
            vacancy = _vacancy(job, vacancy_id)
            if vacancy is not None:
                try:
                    file = export_vacancy(org, vacancy, fmt, queued=False)
                except (HhLimitsExceeded, ExportBlocked):
                    skipped.append(f"VAC-{vacancy.id} {vacancy.title}")
                except RenderError as error:
                    if error.code in ("timeout", "busy", "failed"):
                        raise
                    skipped.append(f"VAC-{vacancy.id} {vacancy.title}")
                else:
                    name = file.filename
                    if name in names:
                        name = f"vac-{vacancy.id}-{name}"
                    names.add(name)
                    archive.writestr(name, file.data)
            write(job.id, progress=done)
        if skipped:
            archive.writestr("not-exported.txt", "\n".join(skipped).encode("utf-8"))
    keep = timedelta(hours=int(current_app.config.get("ZIP_KEEP_HOURS", 24)))
    return {
        "result_file": store_result(job, buffer.getvalue(), "zip"),
        "expires_at": utcnow() + keep,
    }
