"""One organization as a JSON-ready document (read in one consistent snapshot)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import select

from app.accounts.models import Organization, User
from app.accounts.services import audit
from app.backup import FORMAT, VERSION
from app.backup.schema import database_revision, head_revision
from app.backup.tables import (
    AUDIT_KEY,
    EXCLUDED,
    ORGANIZATIONS,
    PARTS,
    USERS,
    Part,
    encode,
    target,
    user_key,
)
from app.database import utcnow, write_intent
from app.extensions import db
from app.urls import is_id

Record = dict[str, Any]


class AmbiguousOrganization(LookupError):
    """Several organizations have the name; `ids` tell them apart."""

    def __init__(self, ids: list[int]) -> None:
        super().__init__(f"several organizations have this name (ids {', '.join(map(str, ids))})")
        self.ids = ids


def find_organization(ref: str) -> Organization | None:
    """An organization by exact name, or else by id when `ref` is a number. Names are not
    unique: a name that several organizations share raises AmbiguousOrganization."""
    found = list(
        db.session.execute(
            select(Organization).where(Organization.name == ref.strip()).limit(10)
        ).scalars()
    )
    if len(found) > 1:
        raise AmbiguousOrganization([o.id for o in found])
    org = found[0] if found else None
    number = ref.strip()
    if org is None and number.isascii() and number.isdigit() and is_id(int(number)):
        org = db.session.get(Organization, int(number))
    return org


def begin_snapshot() -> None:
    """Start the transaction the export reads in; on PostgreSQL a repeatable-read one."""
    if db.session().in_transaction():
        return  # the caller already reads in one transaction
    if db.engine.dialect.name == "postgresql":
        db.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _rows(part: Part, organization_id: int) -> list[Record]:
    table = part.table
    query = (
        select(table)
        .where(table.c.organization_id == organization_id)
        .order_by(*table.primary_key.columns)
    )
    return [dict(row) for row in db.session.execute(query).mappings()]


def _record(part: Part, row: Record, emails: dict[int, str], skip: set[str]) -> Record:
    out: Record = {}
    for column in part.table.columns:
        if column.name in skip or column.name == part.parent_fk:
            continue
        points_at = target(column)
        if points_at == ORGANIZATIONS:
            continue
        value = row[column.name]
        if points_at == USERS:
            out[user_key(column)] = None if value is None else emails.get(value)
        else:
            out[column.name] = encode(value)
    return out


def _export_part(
    part: Part, organization_id: int, emails: dict[int, str], skip: set[str]
) -> dict[int | None, list[Record]]:
    """The part's records grouped by the id of the record they are nested in."""
    rows = _rows(part, organization_id)
    nested = {
        child.key: _export_part(child, organization_id, emails, skip) for child in part.children
    }
    grouped: dict[int | None, list[Record]] = defaultdict(list)
    for row in rows:
        record = _record(part, row, emails, skip)
        for key, children in nested.items():
            record[key] = children.get(row["id"], [])
        grouped[row[part.parent_fk] if part.parent_fk else None].append(record)
    return grouped


def export_organization(
    organization_id: int, *, with_password_hashes: bool = False, include_audit: bool = True
) -> dict[str, Any]:
    """The organization with everything it owns, as the import reads it back."""
    begin_snapshot()
    org = db.session.get(Organization, organization_id)
    if org is None:
        raise LookupError(f"no organization {organization_id}")
    emails: dict[int, str] = dict(
        db.session.execute(select(User.id, User.email).where(User.organization_id == org.id))
        .tuples()
        .all()
    )
    skip = set() if with_password_hashes else {"password_hash"}
    organization = {
        column.name: encode(getattr(org, column.key)) for column in Organization.__table__.columns
    }
    excluded = dict(EXCLUDED)
    if not with_password_hashes:
        excluded["users.password_hash"] = "left out unless asked for (--with-password-hashes)"
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": database_revision() or head_revision(),
        "exported_at": utcnow().isoformat(),
        "password_hashes": with_password_hashes,
        "excluded": excluded,
        "organization": organization,
    }
    for part in PARTS:
        if part.key == AUDIT_KEY and not include_audit:
            continue
        document[part.key] = _export_part(part, org.id, emails, skip).get(None, [])
    return document


def dumps(document: dict[str, Any]) -> str:
    """The document as JSON text (UTF-8, readable, stable key order)."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def summary(document: dict[str, Any]) -> dict[str, int]:
    """How many records of each kind a document holds."""
    counts = {"users": len(document.get("users", []))}
    counts["vacancies"] = len(document.get("vacancies", []))
    counts["trial_plans"] = len(document.get("trial_plans", []))
    plans = document.get("trial_plans", [])
    counts["candidates"] = sum(len(plan.get("candidates", [])) for plan in plans)
    counts["audit_events"] = len(document.get(AUDIT_KEY, []))
    return counts


def record_export(
    organization_id: int, user: User | None, document: dict[str, Any], **detail: Any
) -> None:
    """Audit an export as `org-exported`, in a write transaction of its own."""
    db.session.rollback()  # the read snapshot is over
    token = write_intent.set(True)
    try:
        audit("org-exported", user=user, org_id=organization_id, **summary(document), **detail)
        db.session.commit()
    finally:
        write_intent.reset(token)
