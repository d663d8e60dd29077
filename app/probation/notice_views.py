"""The art. 71 notice page: the reasons to check, then the notice as PDF or DOCX."""

from __future__ import annotations

import re

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice

from app.accounts.services import audit
from app.domain.probation import notice
from app.errors import render_error
from app.extensions import db
from app.i18n import ui_lang
from app.probation import bp
from app.probation.evaluations import score_at
from app.probation.notice_doc import (
    NoticeDocument,
    build_notice,
    day,
    kpi_line,
    note_line,
    notice_checkin,
    notice_docx,
    notice_pdf,
    task_line,
    texts,
)
from app.probation.web import checkin_from_args, load_candidate

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
REFUSALS = {
    "passed": _l(
        "The candidate's verdict is not fail: a notice of an unsatisfactory result is made "
        "only for a failed probation, or for «decide now» when you decide the result is "
        "unsatisfactory."
    ),
    "no_verdict": _l("There is no verdict yet: rate the tasks or enter KPI results first."),
    "confirm": _l(
        "The verdict is «decide now»: confirm that you find the result unsatisfactory to make "
        "the notice."
    ),
    "erased": _l("The candidate's personal data was erased: no notice can be made."),
}


class NoticeForm(FlaskForm):
    """The format of the notice and, for the middle verdict, the recruiter's decision."""

    format = RadioField(
        _l("Format"),
        choices=[SelectChoice("pdf", "PDF"), SelectChoice("docx", "DOCX (Word)")],
        default="pdf",
    )
    confirm = BooleanField(_l("I have decided that the probation result is unsatisfactory"))


def refusal(code: str):
    """A 409 page naming why no notice is made (nothing is stored)."""
    db.session.rollback()
    return render_error(409, str(REFUSALS[code]))


def notice_filename(candidate_id: int, fmt: str) -> str:
    return f"notice-art71-candidate-{candidate_id}.{re.sub(r'[^a-z]', '', fmt)}"


def notice_file(doc: NoticeDocument, fmt: str) -> bytes:
    """The notice in this format (pdf or docx)."""
    return notice_pdf(doc, ui_lang()) if fmt == "pdf" else notice_docx(doc, ui_lang())


@bp.route("/candidates/<int:candidate_id>/notice", methods=["GET", "POST"])
@login_required
def notice_page(candidate_id: int):
    """Recruiters and admins check the reasons, then download the art. 71 notice."""
    from app.exports.worker import RenderError
    from app.jobs.views import message as job_message

    candidate = load_candidate(candidate_id, editor=True)
    if candidate.erased_at is not None:
        return refusal("erased")
    form = NoticeForm()
    checkin = checkin_from_args(candidate.plan)
    try:
        chosen = notice_checkin(candidate, checkin)
        result = score_at(candidate, chosen).result
        notice.check_verdict(result.verdict, confirmed=True)
    except notice.NoticeRefused as refused:
        return refusal(refused.code)
    middle = result.verdict != "fail"
    if request.method == "POST" and form.validate():
        try:
            doc = build_notice(
                candidate, current_user.organization, chosen, confirmed=bool(form.confirm.data)
            )
        except notice.NoticeRefused as refused:
            form.confirm.errors = [*form.confirm.errors, str(REFUSALS[refused.code])]
        else:
            fmt = form.format.data if form.format.data in FORMATS else "pdf"
            try:
                data = notice_file(doc, fmt)
            except RenderError as error:
                flash(job_message(error.code), "error")
                return redirect(url_for("probation.notice_page", candidate_id=candidate.id))
            audit(
                "probation-notice",
                user=current_user,
                candidate_id=candidate.id,
                checkin_id=chosen.id,
                verdict=result.verdict,
                format=fmt,
            )
            db.session.commit()
            return Response(
                data,
                mimetype=FORMATS[fmt],
                headers={
                    "Content-Disposition": (
                        f'attachment; filename="{notice_filename(candidate.id, fmt)}"'
                    ),
                },
            )
    preview = build_notice(candidate, current_user.organization, chosen, confirmed=True)
    status = 422 if form.errors else 200
    return render_template(
        "probation/notice.html",
        candidate=candidate,
        plan=candidate.plan,
        checkin=chosen,
        result=result,
        middle=middle,
        form=form,
        doc=preview,
        t=texts(preview),
        day=day,
        task_line=task_line,
        kpi_line=kpi_line,
        note_line=note_line,
    ), status
