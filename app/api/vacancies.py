"""Vacancies: check, create, list, read, update, delete, publish, archive, export."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import select

from app.api.bodies import read_json, required_version
from app.api.context import api_lang, api_org, api_user
from app.api.errors import not_found
from app.api.params import choice_arg, int_arg, text_arg
from app.api.registry import Param, operation
from app.api.schemas import draft_to_api, vacancy_draft
from app.catalog.service import catalog_for
from app.domain.vacancies.draft import VACANCY_ROLES
from app.domain.vacancies.org_defaults import VacancyDefaults
from app.domain.vacancies.quality import CheckReport, Finding
from app.extensions import db
from app.permissions import EDITORS
from app.vacancies import service
from app.vacancies.models import STATUSES, Vacancy

TAG = "Vacancies"
MAX_PER_PAGE = 100
LIST_QUERY = (
    Param("status", {"type": "string", "enum": list(STATUSES)}, "Only vacancies in this status."),
    Param("role", {"type": "string", "enum": list(VACANCY_ROLES)}, "Only vacancies for this role."),
    Param("q", {"type": "string", "maxLength": 100}, "Words of the title or location."),
    Param("sort", {"type": "string", "enum": list(service.SORTS)}, "Order (default: updated)."),
    Param("page", {"type": "integer", "minimum": 1, "maximum": 10000}, "Page, from 1."),
    Param(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        f"Vacancies per page (default {service.PER_PAGE}).",
    ),
)


def load_vacancy(vacancy_id: int) -> Vacancy:
    """A vacancy of the caller's organization; 404 for anything else."""
    vacancy = db.session.execute(
        select(Vacancy).where(
            Vacancy.id == vacancy_id, Vacancy.organization_id == api_user().organization_id
        )
    ).scalar_one_or_none()
    if vacancy is None:
        raise not_found()
    return vacancy


def finding_to_api(f: Finding, lang: str) -> dict[str, Any]:
    """One finding: its code, severity, where it is and what to do, in `lang`."""
    return {
        "code": f.code,
        "severity": f.severity,
        "item": f.item,
        "field": f.field,
        "line": f.line,
        "start": f.start,
        "end": f.end,
        "message": f.message.get(lang),
        "suggestion": f.suggestion.get(lang),
    }


def findings(report: CheckReport) -> list[dict[str, Any]]:
    """The check findings in the caller's language."""
    lang = api_lang()
    return [finding_to_api(f, lang) for f in report.findings]


def check_result(report: CheckReport) -> dict[str, Any]:
    """Findings, quality score and the fixes that win most points."""
    lang = api_lang()
    return {
        "warnings": findings(report),
        "quality": report.quality,
        "fixes": [
            {
                "code": f.code,
                "item": f.item,
                "suggestion": f.suggestion.get(lang),
                "points": f.points,
            }
            for f in report.fixes
        ],
    }


def summary(vacancy: Vacancy) -> dict[str, Any]:
    """The list entry of a vacancy."""
    return {
        "id": vacancy.id,
        "identifier": service.identifier(vacancy.id),
        "title": vacancy.title,
        "role": vacancy.role,
        "language": vacancy.language,
        "status": vacancy.status,
        "version": vacancy.version,
        "quality": vacancy.quality,
        "error_count": vacancy.error_count,
        "warning_count": vacancy.warning_count,
        "created_at": vacancy.created_at.isoformat(),
        "updated_at": vacancy.updated_at.isoformat(),
        "published_at": vacancy.published_at.isoformat() if vacancy.published_at else None,
    }


def vacancy_to_api(vacancy: Vacancy) -> dict[str, Any]:
    """The whole vacancy with its current findings."""
    org = api_org()
    draft = service.current_draft(vacancy)
    _document, report = service.analyse(org, catalog_for(org), draft, vacancy)
    return {**summary(vacancy), **draft_to_api(draft), "warnings": findings(report)}


@operation(
    "POST",
    "/vacancies/check",
    summary="Check a vacancy without saving it",
    tag=TAG,
    roles=EDITORS,
    body="VacancyInput",
    returns="CheckResult",
)
def check_vacancy():
    """Runs every check of the composer on the body (as for creating) and saves nothing."""
    org = api_org()
    catalog = catalog_for(org)
    draft = vacancy_draft(catalog, read_json())
    _document, report = service.analyse(org, catalog, draft)
    return check_result(report)


@operation(
    "POST",
    "/vacancies",
    summary="Create a vacancy",
    tag=TAG,
    roles=EDITORS,
    body="VacancyInput",
    returns="Vacancy",
    status=201,
)
def create_vacancy():
    """Saves a draft. Left-out duties, skills, requirements, goals and focus take the role's
    defaults for the scale and networks; a left-out title takes the role's name; a left-out
    intro, conditions, how to apply, location or work format takes the organization's
    vacancy defaults (its settings)."""
    org = api_org()
    catalog = catalog_for(org)
    draft = vacancy_draft(catalog, read_json(), defaults=VacancyDefaults.of(org))
    vacancy = service.create(org, api_user(), catalog, draft)
    db.session.commit()
    location = url_for("api.get_vacancy", vacancy_id=vacancy.id)
    return vacancy_to_api(vacancy), 201, {"Location": location}


@operation(
    "GET",
    "/vacancies",
    summary="List vacancies",
    tag=TAG,
    roles=EDITORS,
    returns="VacancyList",
    query=LIST_QUERY,
)
def list_vacancies():
    """The organization's vacancies, newest change first unless sorted otherwise."""
    per_page = int_arg("per_page", service.PER_PAGE, 1, MAX_PER_PAGE)
    page = service.list_page(
        api_user().organization_id,
        q=text_arg("q"),
        status=choice_arg("status", STATUSES),
        role=choice_arg("role", VACANCY_ROLES),
        sort=choice_arg("sort", tuple(service.SORTS)) or "updated",
        page=int_arg("page", 1, 1, 10_000),
        per_page=per_page,
    )
    return {
        "items": [summary(v) for v in page.items],
        "page": page.page,
        "per_page": per_page,
        "has_next": page.has_next,
    }


@operation(
    "GET",
    "/vacancies/<int:vacancy_id>",
    summary="Read a vacancy",
    tag=TAG,
    roles=EDITORS,
    returns="Vacancy",
)
def get_vacancy(vacancy_id: int):
    """The vacancy's content, status, version and current findings."""
    return vacancy_to_api(load_vacancy(vacancy_id))


@operation(
    "PUT",
    "/vacancies/<int:vacancy_id>",
    summary="Update a vacancy",
    tag=TAG,
    roles=EDITORS,
    body="VacancyUpdate",
    returns="Vacancy",
    errors=(409,),
)
def update_vacancy(vacancy_id: int):
    """Saves a new version. `version` is the version the change was based on: 409 when
    someone saved in between. Fields left out keep their current values. A published
    vacancy never shows text with errors: a change whose findings include an error is
    refused with 422 (published_content_blocked, the findings under fields) and nothing
    is saved; make the vacancy a draft first to store such a change."""
    vacancy = load_vacancy(vacancy_id)
    body = read_json()
    base = required_version(body)
    catalog = catalog_for(api_org())
    draft = vacancy_draft(catalog, body, service.current_draft(vacancy))
    service.save(vacancy, api_user(), catalog, draft, base)
    db.session.commit()
    return vacancy_to_api(vacancy)


@operation(
    "DELETE",
    "/vacancies/<int:vacancy_id>",
    summary="Delete a vacancy",
    tag=TAG,
    roles=EDITORS,
    status=204,
)
def delete_vacancy(vacancy_id: int):
    """Deletes the vacancy with its history."""
    db.session.delete(load_vacancy(vacancy_id))
    db.session.commit()
    return "", 204


def _set_status(vacancy_id: int, status: str) -> dict[str, Any]:
    """Change the status and answer the vacancy."""
    vacancy = load_vacancy(vacancy_id)
    service.set_status(vacancy, status, catalog_for(api_org()))
    db.session.commit()
    return vacancy_to_api(vacancy)


@operation(
    "POST",
    "/vacancies/<int:vacancy_id>/publish",
    summary="Publish a vacancy",
    tag=TAG,
    roles=EDITORS,
    returns="Vacancy",
    errors=(409,),
)
def publish_vacancy(vacancy_id: int):
    """Refused with 409 (publish_blocked) while an error finding stands, and with 409
    (version_conflict) when the vacancy was saved while it was being checked."""
    return _set_status(vacancy_id, "published")


@operation(
    "POST",
    "/vacancies/<int:vacancy_id>/archive",
    summary="Archive a vacancy",
    tag=TAG,
    roles=EDITORS,
    returns="Vacancy",
)
def archive_vacancy(vacancy_id: int):
    """Moves the vacancy to the archive."""
    return _set_status(vacancy_id, "archived")


@operation(
    "POST",
    "/vacancies/<int:vacancy_id>/restore",
    summary="Make a vacancy a draft again",
    tag=TAG,
    roles=EDITORS,
    returns="Vacancy",
)
def restore_vacancy(vacancy_id: int):
    """Brings a published or archived vacancy back to draft."""
    return _set_status(vacancy_id, "draft")
