"""GET /candidates/{id}/notice: the art. 71 notice of an unsatisfactory result as a file."""

from __future__ import annotations

from flask import Response

from app.accounts.services import audit
from app.api.candidates import CHECKIN, load_candidate, query_checkin
from app.api.context import api_lang, api_org, api_user
from app.api.errors import ApiError
from app.api.params import choice_arg
from app.api.probation import TAG
from app.api.registry import Param, operation
from app.database import write_transaction
from app.domain.probation import notice
from app.permissions import EDITORS
from app.probation.notice_doc import build_notice, notice_docx, notice_pdf
from app.probation.notice_views import FORMATS, REFUSALS, notice_filename

FORMAT = Param("format", {"type": "string", "enum": list(FORMATS)}, "pdf or docx.", required=True)
DECIDED = Param(
    "decided",
    {"type": "string", "enum": ["true", "false"]},
    "true: the recruiter finds a «decide now» (extend) result unsatisfactory; needed for it.",
)
CODES = {"passed": "not_failed", "no_verdict": "no_verdict", "confirm": "decision_required"}


@operation(
    "GET",
    "/candidates/<int:candidate_id>/notice",
    summary="The art. 71 notice of an unsatisfactory result",
    tag=TAG,
    roles=EDITORS,
    query=(FORMAT, DECIDED, CHECKIN),
    errors=(409, 503),
    media=tuple(FORMATS.values()),
)
def get_notice(candidate_id: int):
    """The notice (part 1 of art. 71 of the Russian Labour Code) with the reasons drawn from
    the scored items, as PDF or DOCX. Made for the verdict fail, and for the middle verdict
    (extend, «decide now») with decided=true; refused with 409 for a candidate who passed,
    has no verdict yet or was erased. Each notice made is recorded in the audit log."""
    candidate = load_candidate(candidate_id, editor=True)
    fmt = choice_arg("format", tuple(FORMATS), required=True)
    decided = choice_arg("decided", ("true", "false")) == "true"
    checkin = query_checkin(candidate)
    try:
        doc = build_notice(candidate, api_org(), checkin, confirmed=decided)
    except notice.NoticeRefused as refused:
        raise ApiError(409, CODES[refused.code], REFUSALS[refused.code]) from None
    data = notice_pdf(doc, api_lang()) if fmt == "pdf" else notice_docx(doc, api_lang())
    with write_transaction():
        audit(
            "probation-notice",
            user=api_user(),
            candidate_id=candidate.id,
            checkin_id=doc.checkin.id,
            verdict=doc.verdict,
            format=fmt,
            via="api",
        )
    response = Response(data, content_type=FORMATS[fmt])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{notice_filename(candidate.id, fmt)}"'
    )
    return response
