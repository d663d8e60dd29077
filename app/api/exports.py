"""GET /vacancies/{id}/export: the vacancy as a file in one of the export formats."""

from __future__ import annotations

from flask import Response
from flask_babel import lazy_gettext as _l

from app.accounts.services import audit
from app.api.context import api_lang, api_org, api_user
from app.api.errors import ApiError
from app.api.params import choice_arg
from app.api.registry import Param, operation
from app.api.vacancies import load_vacancy
from app.database import write_transaction
from app.exports import FORMATS
from app.exports.filenames import CONTENT_TYPES
from app.exports.service import HhLimitsExceeded
from app.exports.service import export_vacancy as export_file
from app.permissions import EDITORS

FORMAT = Param(
    "format",
    {"type": "string", "enum": list(FORMATS)},
    "pdf, docx, md, txt, html, jsonld (schema.org JobPosting), hh (hh.ru POST /vacancies "
    "payload) or telegram (a Telegram channel post in Telegram's HTML, numbered parts of "
    "at most 4,096 characters).",
    required=True,
)


def hh_refused(refused: HhLimitsExceeded) -> ApiError:
    """422 naming the document fields that break hh.ru's limits."""
    lang = api_lang()
    fields: dict[str, list[str]] = {}
    for problem in refused.problems:
        fields.setdefault(problem.field, []).append(problem.message(lang))
    return ApiError(
        422, "hh_limits", _l("The vacancy does not fit hh.ru's limits; see fields."), fields
    )


@operation(
    "GET",
    "/vacancies/<int:vacancy_id>/export",
    summary="Download a vacancy as a file",
    tag="Vacancies",
    roles=EDITORS,
    query=(FORMAT,),
    errors=(409, 422, 503),
    media=tuple(CONTENT_TYPES[fmt] for fmt in FORMATS),
)
def export_vacancy(vacancy_id: int):
    """The current version of the vacancy as a file to download (Content-Disposition names
    it). Any status can be exported; jsonld is the schema.org JobPosting of the vacancy;
    hh is refused (422, fields name what to fix) while the vacancy cannot be filled in as
    hh.ru takes it (city, description length, key skills, salary currency, experience);
    telegram is the channel post in Telegram's HTML, numbered parts of at most 4,096
    characters; every format of a published vacancy whose text has errors under today's
    checks is refused (409 export_blocked)."""
    vacancy = load_vacancy(vacancy_id)
    fmt = choice_arg("format", FORMATS, required=True)
    try:
        file = export_file(api_org(), vacancy, fmt, user_id=api_user().id)
    except HhLimitsExceeded as refused:
        raise hh_refused(refused) from None
    with write_transaction():
        audit("vacancy-exported", user=api_user(), vacancy_id=vacancy_id, format=fmt, via="api")
    response = Response(file.data, content_type=file.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response
