"""Download buttons: one vacancy in any format, or a ZIP of several."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.access import get_in_org_or_404, org_id
from app.accounts.services import audit
from app.database import write_transaction
from app.exports import FORMATS
from app.exports.service import HhLimitsExceeded, export_vacancy
from app.exports.worker import RenderError
from app.extensions import db
from app.i18n import ui_lang
from app.jobs.service import NotReady, submit
from app.jobs.views import message as job_message
from app.permissions import EDITORS, roles_required
from app.urls import MAX_ID
from app.vacancies.models import Vacancy
from app.vacancies.service import ExportBlocked

bp = Blueprint("exports", __name__)
MAX_ZIP = 200


def _attachment(data: bytes, filename: str, content_type: str) -> Response:
    response = Response(data, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/vacancies/<int:vacancy_id>/download/<fmt>")
@roles_required(*EDITORS)
def vacancy(vacancy_id: int, fmt: str):
    """One vacancy as a file."""
    found = get_in_org_or_404(Vacancy, vacancy_id)
    if fmt not in FORMATS:
        abort(404)
    lang = ui_lang()
    try:
        file = export_vacancy(current_user.organization, found, fmt, user_id=current_user.id)
    except NotReady:
        response = render_template("exports/pending.html", vacancy=found, fmt=fmt)
        return response, 202, {"Retry-After": "3", "Cache-Control": "no-store"}
    except HhLimitsExceeded as refused:
        return render_template(
            "exports/refused.html",
            vacancy=found,
            messages=[p.message(lang) for p in refused.problems],
            title=_("The vacancy does not fit hh.ru's limits"),
        ), 422
    except ExportBlocked as blocked:
        return render_template(
            "exports/refused.html",
            vacancy=found,
            messages=[f.message.get(lang) for f in blocked.blockers],
            title=_("The published vacancy has errors: fix them before downloading it"),
        ), 409
    except RenderError as error:
        return render_template(
            "exports/refused.html",
            vacancy=found,
            messages=[job_message(error.code)],
            title=_("The file could not be made"),
        ), 503
    # A GET reads in a deferred transaction: the audit entry gets a write transaction of
    # its own, so it waits for other writers instead of failing with "database is locked".
    with write_transaction():
        audit("vacancy-exported", user=current_user, vacancy_id=found.id, format=fmt)
    return _attachment(file.data, file.filename, file.content_type)


@bp.route("/vacancies/download", methods=["POST"])
@roles_required(*EDITORS)
def many():
    """A ZIP of the selected vacancies in one format."""
    fmt = request.form.get("format", "")
    try:
        ids = sorted({int(v) for v in request.form.getlist("ids")})
    except ValueError:
        ids = []
    if fmt not in FORMATS or not ids or len(ids) > MAX_ZIP or not 0 < ids[0] <= ids[-1] <= MAX_ID:
        flash(_("Choose up to %(num)d vacancies and a format.", num=MAX_ZIP), "error")
        return redirect(url_for("vacancies.index"))
    found = (
        db.session.execute(
            select(Vacancy.id).where(Vacancy.organization_id == org_id(), Vacancy.id.in_(ids))
        )
        .scalars()
        .all()
    )
    if not found:
        abort(404)
    # Made by the worker: the page shows its progress and the link once it is ready.
    with write_transaction():
        job = submit(
            "zip",
            org_id(),
            current_user.id,
            f"zip:{current_user.id}:{fmt}",
            {"ids": sorted(found), "format": fmt},
        )
        job.result_name = f"vacancies-{fmt}-{date.today().isoformat()}.zip"
        job.result_type = "application/zip"
        audit("vacancies-exported", user=current_user, count=len(found), format=fmt)
    return redirect(url_for("jobs.show", job_id=job.id))
