"""API error bodies, and the domain's exceptions turned into them.

Every error answer is {"error": {"code", "message", "fields"}}; `fields` maps an input
(as the API names it, e.g. "salary.from" or "ratings.12") to its messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask import Blueprint, Response, jsonify
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.api.context import api_lang
from app.domain.probation import errors as probation
from app.extensions import db
from app.vacancies.service import ExportBlocked, PublishBlocked, PublishedContentBlocked
from app.vacancies.service import VersionConflict as VacancyConflict

Fields = Mapping[str, Sequence[object]]  # messages may be lazy translations

# Service field names that the API spells differently.
FIELD_NAMES = {
    "position_title": "position",
    "salary_from": "salary.from",
    "salary_to": "salary.to",
    "currency": "salary.currency",
    "salary_gross": "salary.gross",
    "salary_period": "salary.period",
    "custom_duties": "custom.duties",
    "custom_skills": "custom.skills",
    "custom_requirements": "custom.requirements",
}


class ApiError(Exception):
    """An error answer: status, stable code, message and the problems per field."""

    def __init__(
        self,
        status: int,
        code: str,
        message: object,
        fields: Fields | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.headers = headers or {}


def error_response(error: ApiError) -> Response:
    """The JSON answer of an ApiError, its texts in the client's language."""
    with force_locale(api_lang()):
        body = {
            "error": {
                "code": error.code,
                "message": str(error.message),
                "fields": {name: [str(m) for m in msgs] for name, msgs in error.fields.items()},
            }
        }
    response = jsonify(body)
    response.status_code = error.status
    response.headers.update(error.headers)
    return response


def not_found() -> ApiError:
    """404 for a record that does not exist or belongs to someone else."""
    return ApiError(404, "not_found", _l("There is no such record, or it is not yours to see."))


def forbidden() -> ApiError:
    """403 for an action the user's role does not allow."""
    return ApiError(403, "forbidden", _l("Your role does not allow this action."))


def invalid(fields: Fields, message: object = None) -> ApiError:
    """422 with the problems per field."""
    return ApiError(
        422, "invalid", message or _l("Some values cannot be accepted; see fields."), fields
    )


def _vacancy_conflict(error: VacancyConflict) -> ApiError:
    """409 for a vacancy saved by someone else meanwhile."""
    current = error.vacancy.version if error.vacancy is not None else None
    return ApiError(
        409,
        "version_conflict",
        _l(
            "Someone saved this record meanwhile (now version %(number)s). "
            "Load it again and repeat your change.",
            number=current,
        ),
        {"version": [_l("Stale version.")]},
    )


def _plan_conflict(error: probation.VersionConflict) -> ApiError:
    """409 for a plan changed by someone else meanwhile."""
    return ApiError(
        409,
        "version_conflict",
        _l(
            "Someone saved this record meanwhile (now version %(number)s). "
            "Load it again and repeat your change.",
            number=error.current_version,
        ),
        {"version": [_l("Stale version.")]},
    )


def _publish_blocked(error: PublishBlocked) -> ApiError:
    """409 naming the error findings that block publishing."""
    lang = api_lang()
    fields: dict[str, list[str]] = {}
    for finding in error.blockers:
        fields.setdefault(finding.item or finding.code, []).append(finding.message.get(lang))
    return ApiError(
        409, "publish_blocked", _l("Fix the errors before publishing; see fields."), fields
    )


# Draft fields that hold a list, so a finding's line is the index of the entry.
_LIST_FIELDS = (
    "networks", "duties", "skills", "requirements", "kpis",
    "custom_duties", "custom_skills", "custom_requirements",
)  # fmt: skip


def finding_field(finding) -> str:
    """The API name of the input a finding is about: "custom.requirements.0", "title",
    "salary"; the finding's item when it is about the whole vacancy."""
    if not finding.field:
        return finding.item or finding.code
    name = FIELD_NAMES.get(finding.field, finding.field)
    if finding.field in _LIST_FIELDS and finding.line is not None:
        return f"{name}.{finding.line}"
    return name


def _export_blocked(error: ExportBlocked) -> ApiError:
    """409 for a file of a published vacancy whose content now has error findings."""
    lang = api_lang()
    fields: dict[str, list[str]] = {}
    for finding in error.blockers:
        fields.setdefault(finding_field(finding), []).append(finding.message.get(lang))
    return ApiError(
        409,
        "export_blocked",
        _l(
            "The vacancy is published and its text now has errors, so no file is made: "
            "fix the errors (see fields) or make the vacancy a draft."
        ),
        fields,
    )


def _content_blocked(error: PublishedContentBlocked) -> ApiError:
    """422 for a change of a published vacancy whose content has error findings."""
    lang = api_lang()
    fields: dict[str, list[str]] = {}
    for finding in error.blockers:
        fields.setdefault(finding_field(finding), []).append(finding.message.get(lang))
    return ApiError(
        422,
        "published_content_blocked",
        _l(
            "The vacancy is published, and a published vacancy never shows text with errors: "
            "nothing was saved. Fix the errors (see fields) or make the vacancy a draft first."
        ),
        fields,
    )


def _probation_error(error: probation.ProbationError) -> ApiError:
    """The answer to a refusal of the probation service."""
    if isinstance(error, probation.InvalidInput):
        return invalid({FIELD_NAMES.get(error.field, error.field): [error.message]})
    if isinstance(error, probation.NotAssigned):
        return ApiError(
            403, "not_assigned", _l("Only an evaluator assigned to this plan may do this.")
        )
    if isinstance(error, probation.CandidateErased):
        return ApiError(
            409, "candidate_erased", _l("The candidate's data was erased; the record is read-only.")
        )
    if isinstance(error, probation.VersionConflict):
        return _plan_conflict(error)
    return not_found()


def _render_failed(error: Exception) -> ApiError:
    """422 for a document too long to render, 503 for a failed render."""
    if getattr(error, "code", "") == "too_large":
        return ApiError(
            422, "document_too_large", _l("The vacancy is too long to export; shorten its text.")
        )
    if getattr(error, "code", "") == "pending":
        return ApiError(
            503,
            "export_pending",
            _l("The file is being made; ask again after Retry-After seconds."),
            headers={"Retry-After": "3"},
        )
    return ApiError(
        503,
        "export_failed",
        _l("The file could not be made right now; try again in a minute."),
        headers={"Retry-After": "60"},
    )


def _concurrent_change(_error: Exception) -> ApiError:
    """409 for a write that lost a race with another request on the same record."""
    return ApiError(409, "conflict", _l("Someone changed this record at the same time; try again."))


def register(bp: Blueprint) -> None:
    """Answer every domain exception of the blueprint's views with a JSON error."""
    from app.exports.worker import RenderError

    def handler(convert):
        """A handler that rolls back and answers with the converted error."""

        def handle(error: Exception) -> Response:
            """Roll back and answer with JSON."""
            db.session.rollback()
            return error_response(convert(error))

        return handle

    bp.register_error_handler(ApiError, handler(lambda e: e))
    bp.register_error_handler(VacancyConflict, handler(_vacancy_conflict))
    bp.register_error_handler(PublishBlocked, handler(_publish_blocked))
    bp.register_error_handler(PublishedContentBlocked, handler(_content_blocked))
    bp.register_error_handler(ExportBlocked, handler(_export_blocked))
    bp.register_error_handler(probation.ProbationError, handler(_probation_error))
    bp.register_error_handler(RenderError, handler(_render_failed))
    bp.register_error_handler(IntegrityError, handler(_concurrent_change))
