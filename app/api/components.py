"""JSON Schemas (OpenAPI 3.1 components) of the API's request and response bodies."""

from __future__ import annotations

from app.api.components_probation import probation_schemas
from app.api.jsonschema import (
    BOOL,
    DATE,
    DATETIME,
    ID,
    IDS,
    INT,
    NUM,
    STR,
    Schema,
    array,
    enum,
    nullable,
    obj,
    ref,
    text_of,
)
from app.domain.vacancies import validation as limits
from app.domain.vacancies.document import (
    CURRENCIES,
    EMPLOYMENTS,
    EXPERIENCES,
    LANGUAGES,
    SALARY_PERIODS,
    SCHEDULES,
    WORKPLACES,
)
from app.domain.vacancies.draft import FOCUSES, SCALES, VACANCY_ROLES
from app.vacancies.models import STATUSES


def _catalog_schemas() -> dict[str, Schema]:
    """The catalog and its kinds of items."""
    text = ref("Text")
    defaults = obj(
        {k: IDS for k in ("duties", "skills", "requirements", "kpis")},
        ("duties", "skills", "requirements", "kpis"),
    )
    item = {"id": STR, "text": text}
    return {
        "Text": obj({"ru": STR, "en": STR}, ("ru", "en")),
        "RoleDefaults": defaults,
        "CatalogRole": obj(
            {
                **item,
                "summary": text,
                "max_networks": nullable(INT),
                "defaults": obj(
                    {"small": ref("RoleDefaults"), "large": ref("RoleDefaults")}, ("small", "large")
                ),
            },
            ("id", "text", "summary", "max_networks", "defaults"),
        ),
        "CatalogDuty": obj(
            {**item, "category": STR, "roles": IDS, "networks": IDS, "content_production": BOOL},
            ("id", "text", "category", "roles", "networks", "content_production"),
        ),
        "CatalogSkill": obj({**item, "roles": IDS}, ("id", "text", "roles")),
        "CatalogRequirement": obj(
            {**item, "kind": STR, "roles": IDS}, ("id", "text", "kind", "roles")
        ),
        "CatalogExclusion": obj(
            {**item, "rationale": text, "instead": text}, ("id", "text", "rationale", "instead")
        ),
        "CatalogKpi": obj(
            {
                **item,
                "unit": text,
                "direction": enum(("higher", "lower")),
                "default_target": NUM,
                "roles": IDS,
            },
            ("id", "text", "unit", "direction", "default_target", "roles"),
        ),
        "CatalogTrialTask": obj(
            {**item, "duties": IDS, "weight": INT, "critical": BOOL, "evidence": text},
            ("id", "text", "duties", "weight", "critical", "evidence"),
        ),
        "CatalogEntry": obj(item, ("id", "text")),
        "Catalog": obj(
            {
                "roles": array(ref("CatalogRole")),
                "duties": array(ref("CatalogDuty")),
                "skills": array(ref("CatalogSkill")),
                "requirements": array(ref("CatalogRequirement")),
                "exclusions": array(ref("CatalogExclusion")),
                "kpis": array(ref("CatalogKpi")),
                "trial_tasks": array(ref("CatalogTrialTask")),
                "networks": array(ref("CatalogEntry")),
                "categories": array(ref("CatalogEntry")),
            },
            (
                "roles",
                "duties",
                "skills",
                "requirements",
                "exclusions",
                "kpis",
                "trial_tasks",
                "networks",
                "categories",
            ),
        ),
    }


def _vacancy_fields(*, output: bool) -> Schema:
    """The vacancy's content, as sent (with limits) or as returned (complete)."""
    lines = array(text_of(limits.MAX_LINE), maxItems=50)
    kpi = obj(
        {
            "id": STR,
            "target": {"type": "number", "exclusiveMinimum": 0, "maximum": limits.MAX_TARGET},
        },
        ("id", "target"),
    )
    # Sent amounts are never negative; stored ones from before that rule may be.
    lowest = -limits.MAX_AMOUNT if output else 0
    amount = nullable({"type": "integer", "minimum": lowest, "maximum": limits.MAX_AMOUNT})
    salary_fields = {
        "from": amount,
        "to": amount,
        "currency": enum(CURRENCIES),
        "gross": BOOL,
        "period": enum(SALARY_PERIODS),
    }
    custom_fields = {"duties": lines, "skills": lines, "requirements": lines}
    markdown = text_of(limits.MAX_MARKDOWN)
    return {
        "title": text_of(limits.MAX_TITLE),
        "role": enum(VACANCY_ROLES),
        "scale": enum(SCALES),
        "networks": array(STR, maxItems=limits.MAX_NETWORKS),
        "focus": enum(FOCUSES),
        "duties": IDS,
        "skills": IDS,
        "requirements": IDS,
        "kpis": array(kpi),
        "custom": obj(custom_fields, tuple(custom_fields) if output else ()),
        "intro_md": markdown,
        "conditions_md": markdown,
        "apply_md": markdown,
        "salary": obj(salary_fields, tuple(salary_fields) if output else ()),
        "employment": enum(EMPLOYMENTS),
        "schedule": enum(SCHEDULES),
        "workplace": enum(WORKPLACES),
        "location": text_of(limits.MAX_LOCATION),
        "experience": enum(EXPERIENCES),
        "language": enum(LANGUAGES),
        "valid_through": nullable(DATE),
    }


# A check finding: what it is, where (field, line, span in the line) and what to do.
FINDING_PROPERTIES: dict[str, Schema] = {
    "code": STR,
    "severity": enum(("error", "warning")),
    "item": STR,
    "field": STR,
    "line": nullable(INT),
    "start": nullable(INT),
    "end": nullable(INT),
    "message": STR,
    "suggestion": STR,
}


def _vacancy_schemas() -> dict[str, Schema]:
    """Vacancy bodies, answers, findings and lists."""
    sent = _vacancy_fields(output=False)
    shown = _vacancy_fields(output=True)
    finding = obj(FINDING_PROPERTIES, tuple(FINDING_PROPERTIES))
    fix = obj(
        {"code": STR, "item": STR, "suggestion": STR, "points": INT},
        ("code", "item", "suggestion", "points"),
    )
    summary = {
        "id": ID,
        "identifier": STR,
        "title": STR,
        "role": STR,
        "language": STR,
        "status": enum(STATUSES),
        "version": INT,
        "quality": {"type": "integer", "minimum": 0, "maximum": 100},
        "error_count": INT,
        "warning_count": INT,
        "created_at": DATETIME,
        "updated_at": DATETIME,
        "published_at": nullable(DATETIME),
    }
    return {
        "Finding": finding,
        "Fix": fix,
        "VacancyInput": obj(sent),
        "VacancyUpdate": obj({"version": {"type": "integer", "minimum": 1}, **sent}, ("version",)),
        "CheckResult": obj(
            {
                "warnings": array(ref("Finding")),
                "quality": {"type": "integer", "minimum": 0, "maximum": 100},
                "fixes": array(ref("Fix")),
            },
            ("warnings", "quality", "fixes"),
        ),
        "VacancySummary": obj(summary, tuple(summary)),
        "Vacancy": obj(
            {**summary, **shown, "warnings": array(ref("Finding"))},
            (*summary, *shown, "warnings"),
        ),
        "VacancyList": obj(
            {"items": array(ref("VacancySummary")), "page": INT, "per_page": INT, "has_next": BOOL},
            ("items", "page", "per_page", "has_next"),
        ),
    }


def _common_schemas() -> dict[str, Schema]:
    """Errors, the token's user and the document itself."""
    error = obj(
        {
            "code": STR,
            "message": STR,
            "fields": {"type": "object", "additionalProperties": array(STR)},
        },
        ("code", "message", "fields"),
    )
    return {
        "Error": obj({"error": error}, ("error",)),
        "OpenApi": obj(
            {"openapi": STR, "info": {"type": "object"}, "paths": {"type": "object"}},
            ("openapi", "info", "paths"),
            closed=False,
        ),
        "Me": obj(
            {
                "id": ID,
                "email": STR,
                "name": STR,
                "role": enum(("admin", "recruiter", "evaluator")),
                "organization": obj({"id": ID, "name": STR}, ("id", "name")),
                "token": obj(
                    {"id": ID, "name": STR, "prefix": STR, "created_at": DATETIME},
                    ("id", "name", "prefix", "created_at"),
                ),
            },
            ("id", "email", "name", "role", "organization", "token"),
        ),
    }


SCHEMAS: dict[str, Schema] = {
    **_common_schemas(),
    **_catalog_schemas(),
    **_vacancy_schemas(),
    **probation_schemas(),
}
