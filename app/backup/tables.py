"""Which tables an organization export holds, and how their columns become JSON and back.

Columns are read from `Model.__table__`, so a column added to a model is exported and
imported without a change here; a new table must be added to PARTS or to EXCLUDED (a
test fails otherwise).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.types import TypeDecorator

from app.accounts.models import AuditEvent, User
from app.catalog.models import CatalogOverride
from app.probation.models import (
    Candidate,
    Checkin,
    KpiActual,
    PlanEvaluator,
    PlanItem,
    Rating,
    TrialPlan,
)
from app.vacancies.models import Vacancy, VacancyVersion

ORGANIZATIONS = "organizations"
USERS = "users"


@dataclass(frozen=True)
class Part:
    """A table in the export: its key in the document and the records nested in it."""

    key: str
    table: Table
    parent_fk: str | None = None  # the column that points at the enclosing record
    children: tuple[Part, ...] = ()


def _part(key: str, model: type[Any], parent_fk: str | None = None, *children: Part) -> Part:
    return Part(key, model.__table__, parent_fk, tuple(children))


# Order matters on import: a record may only point at records of earlier parts
# (ratings at the plan's items and check-ins, plans at vacancies).
PARTS: tuple[Part, ...] = (
    _part("users", User),
    _part("catalog_overrides", CatalogOverride),
    _part("vacancies", Vacancy, None, _part("versions", VacancyVersion, "vacancy_id")),
    _part(
        "trial_plans",
        TrialPlan,
        None,
        _part("items", PlanItem, "plan_id"),
        _part("checkins", Checkin, "plan_id"),
        _part("evaluators", PlanEvaluator, "plan_id"),
        _part(
            "candidates",
            Candidate,
            "plan_id",
            _part("ratings", Rating, "candidate_id"),
            _part("kpi_actuals", KpiActual, "candidate_id"),
        ),
    ),
    _part("audit_events", AuditEvent),
)
AUDIT_KEY = "audit_events"

# Tables of the metadata that are deliberately not in the export, and why.
EXCLUDED: dict[str, str] = {
    "api_tokens": "secrets: a restored token would grant API access again; "
    "users create new tokens after an import",
    "api_rate_counters": "transient per-token request counters",
    "login_failures": "transient sign-in throttling, not tied to an organization",
    "account_tokens": "secrets: pending invitation and password-reset links expire soon",
    "recovery_codes": "secrets: two-factor recovery codes are issued again by their users",
    "vacancy_terms": "derived search index, rebuilt on import",
    "jobs": "transient background work (renders, archives, exports) and its files",
}


def all_parts(parts: tuple[Part, ...] = PARTS) -> list[Part]:
    """Every part, parents before their children."""
    found = []
    for part in parts:
        found.append(part)
        found.extend(all_parts(part.children))
    return found


def exported_tables() -> set[str]:
    """Names of the tables the export holds (the organization's own row included)."""
    return {ORGANIZATIONS} | {part.table.name for part in all_parts()}


def target(column: Column) -> str | None:
    """The table a foreign-key column points at."""
    for fk in column.foreign_keys:
        return fk.column.table.name
    return None


def user_key(column: Column) -> str:
    """The document key of a column that points at a user: `created_by_id` -> `created_by_email`."""
    name = column.name.removesuffix("_id")
    return f"{name}_email"


def python_type(column: Column) -> type | None:
    """The Python type of a column's values, if the type (or the type it decorates) says."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def encode(value: Any) -> Any:
    """A column value as JSON: timestamps and dates in ISO 8601, bytes in base64."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decode(column: Column, value: Any, where: str) -> Any:
    """A JSON value back into the column's Python type; ValueError names the field."""
    if value is None:
        if not column.nullable:
            raise ValueError(f"{where}: a value is required")
        return None
    kind = python_type(column)
    try:
        if kind is datetime:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError("no time zone")
            return moment
        if kind is date:
            return date.fromisoformat(value)
        if kind is bytes:
            return base64.b64decode(value, validate=True)
    except (TypeError, ValueError, binascii.Error) as error:
        raise ValueError(f"{where}: {error}") from None
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, bool):
        raise ValueError(f"{where}: a number is expected")
    if kind in (int, str, bool, dict) and not isinstance(value, kind):
        raise ValueError(f"{where}: {kind.__name__} expected, not {type(value).__name__}")
    return value


def default_for(column: Column, where: str) -> Any:
    """The value of a column a file does not have (exported before the column existed)."""
    default: Any = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    if default is not None and getattr(default, "is_callable", False):
        return default.arg(None)
    if column.nullable:
        return None
    raise ValueError(f"{where}: the field {column.name!r} is missing")
