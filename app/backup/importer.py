"""An organization export read back into this instance under new ids (never commits)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError

from app.accounts.models import Organization, User
from app.accounts.passwords import hash_password
from app.accounts.services import audit, normalise_email
from app.backup import FORMAT, VERSION
from app.backup.checks import check_lengths, check_organization, check_user, check_vacancy
from app.backup.schema import database_revision, head_revision, known_revisions
from app.backup.tables import (
    AUDIT_KEY,
    ORGANIZATIONS,
    PARTS,
    USERS,
    Part,
    decode,
    default_for,
    target,
    user_key,
)
from app.catalog.service import catalog_for
from app.extensions import db
from app.vacancies.models import Vacancy
from app.vacancies.service import index_terms, withdraw_blocked


class ImportRefused(Exception):
    """The file cannot be imported; the message says why and what to do."""


@dataclass
class ImportResult:
    """The new organization, and the old-to-new id of every imported record per table."""

    organization: Organization
    ids: dict[str, dict[int, int]] = field(default_factory=dict)
    no_password: list[str] = field(default_factory=list)  # users who need a password reset
    # New ids of vacancies published in the file but imported as drafts: under this
    # instance's catalog and checks their text has error findings (the publish gate).
    unpublished: list[int] = field(default_factory=list)
    # Why the file's logo was left out (the code of app.admin.logo), None when it is kept.
    logo_refused: str | None = None


def check_header(document: Any) -> None:
    """Refuse anything but an export of a format version and schema this code knows."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(f"this is not an SMM Hiring Desk organization export ({FORMAT})")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f"the export format version {version!r} is not valid")
    if version > VERSION:
        raise ImportRefused(
            f"the file has export format version {version}; this SMM Hiring Desk reads up to "
            f"version {VERSION}. Upgrade the application first."
        )
    revision = document.get("schema_revision")
    head = head_revision()
    current = database_revision()
    if current != head:
        raise ImportRefused(
            f"the database is at schema revision {current}, not {head}: "
            "run `flask db upgrade` first"
        )
    if revision not in known_revisions():
        raise ImportRefused(
            f"the file was exported from a newer (or unknown) schema revision {revision!r}; "
            f"this instance is at {head}. Upgrade SMM Hiring Desk to a release that has "
            "that revision, then import."
        )


def _check_free(name: str, emails: list[str]) -> None:
    if not name or len(name) > 200:
        raise ImportRefused("the organization name must have 1 to 200 characters")
    exists = db.session.execute(
        select(Organization.id).where(Organization.name == name)
    ).scalar_one_or_none()
    if exists is not None:
        raise ImportRefused(
            f"an organization named {name!r} already exists; import under another name "
            "with --rename NEW"
        )
    taken = db.session.execute(select(User.email).where(User.email.in_(emails))).scalars().all()
    if taken:
        raise ImportRefused(
            "these e-mail addresses already belong to users of this instance (an address "
            f"can sign in to one organization only): {', '.join(sorted(taken))}"
        )


class _Importer:
    """Inserts the parts level by level, remembering old id -> new id per table."""

    def __init__(self, org_id: int):
        self.org_id = org_id
        self.ids: dict[str, dict[int, int]] = {}
        self.users: dict[str, int] = {}
        self.no_password: list[str] = []
        self.method = current_app.config["PASSWORD_HASH_METHOD"]

    def values(self, part: Part, record: Any, parent_id: int | None, where: str) -> dict:
        """The column values of one record, its references turned into the new ids."""
        if not isinstance(record, Mapping):
            raise ValueError(f"{where}: an object is expected")
        old = record.get("id")
        if old is not None and type(old) is not int:
            raise ValueError(f"{where}.id: a whole number is expected")
        known = {child.key for child in part.children}
        out: dict[str, Any] = {}
        for column in part.table.columns:
            points_at = target(column)
            name = user_key(column) if points_at == USERS else column.name
            known.add(name)
            if column.primary_key:
                continue
            if points_at == ORGANIZATIONS:
                out[column.name] = self.org_id
            elif column.name == part.parent_fk:
                out[column.name] = parent_id
            elif name not in record:
                out[column.name] = self.missing(part, column, where)
            elif points_at == USERS:
                out[column.name] = self.user_id(
                    record[name], bool(column.nullable), f"{where}.{name}"
                )
            else:
                value = decode(column, record[name], f"{where}.{name}")
                if points_at is not None and value is not None:
                    value = self.new_id(points_at, value, f"{where}.{name}")
                out[column.name] = value
        unknown = set(record) - known
        if unknown:
            raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
        check_lengths(part.table, out, where)
        if part.key == USERS:
            check_user(out, where, self.method, has_hash="password_hash" in record)
        elif part.table.name in ("vacancies", "vacancy_versions"):
            check_vacancy(out, where)
        return out

    def missing(self, part: Part, column: Any, where: str) -> Any:
        if part.key == USERS and column.name == "password_hash":
            # Nobody knows this password: the user signs in after a password reset.
            return hash_password(secrets.token_urlsafe(32), self.method)
        return default_for(column, where)

    def user_id(self, email: Any, nullable: bool, where: str) -> int | None:
        if email is None and nullable:
            return None
        if not isinstance(email, str) or normalise_email(email) not in self.users:
            raise ValueError(f"{where}: {email!r} is not a user of the file")
        return self.users[normalise_email(email)]

    def new_id(self, table: str, old: Any, where: str) -> int:
        found = self.ids.get(table, {}).get(old)
        if found is None:
            raise ValueError(f"{where}: {table} record {old!r} is not in the file")
        return found

    def run(self, part: Part, batch: list[tuple[Any, int | None, str]]) -> None:
        """Insert one part's records (with parent's new id and place in the file), then children."""
        if not batch:
            return
        if all(isinstance(r, Mapping) and type(r.get("id")) is int for r, _p, _w in batch):
            # New ids in the order of the old ones, across parents too: whatever sorts by id
            # (lists, "the latest entry" ties) sorts the same after the import.
            batch = sorted(batch, key=lambda entry: entry[0]["id"])
        rows = [self.values(part, record, parent, where) for record, parent, where in batch]
        table = part.table
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        new_ids = db.session.execute(statement, rows).scalars().all()
        mapping = self.ids.setdefault(table.name, {})
        for (record, _parent, where), new in zip(batch, new_ids, strict=True):
            old = record.get("id")
            if old in mapping:
                raise ValueError(f"{where}: the id {old!r} appears twice in {part.key}")
            if old is not None:
                mapping[old] = new
        if part.key == USERS:
            pairs = list(zip(batch, rows, new_ids, strict=True))
            self.users = {normalise_email(row["email"]): new for _, row, new in pairs}
            self.no_password = [
                row["email"] for (r, _p, _w), row, _ in pairs if "password_hash" not in r
            ]
        for child in part.children:
            nested = []
            for (record, _parent, where), new in zip(batch, new_ids, strict=True):
                children = record.get(child.key, [])
                if not isinstance(children, list):
                    raise ValueError(f"{where}.{child.key}: a list is expected")
                nested += [(c, new, f"{where}.{child.key}[{i}]") for i, c in enumerate(children)]
            self.run(child, nested)


def _organization_values(source: Mapping[str, Any], name: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in Organization.__table__.columns:
        if column.primary_key:
            continue
        where = f"organization.{column.name}"
        if column.name in source:
            values[column.key] = decode(column, source[column.name], where)
        else:
            values[column.key] = default_for(column, where)
    values["name"] = name
    check_lengths(Organization.__table__, values, "organization")
    # The public pages' address is unique: when another organization has it, the import
    # comes without one and with the public pages off (an admin picks a new address).
    slug = values.get("slug")
    if slug is not None and (
        not isinstance(slug, str)
        or db.session.execute(select(Organization.id).where(Organization.slug == slug)).first()
    ):
        values["slug"], values["public_jobs"] = None, False
    return values


def import_organization(
    document: Any, *, rename: str | None = None, via: str = "cli"
) -> ImportResult:
    """Add the exported organization as a new one; on ImportRefused the caller rolls back."""
    check_header(document)
    source = document.get("organization")
    if not isinstance(source, Mapping):
        raise ImportRefused("the file has no organization")
    name = (rename if rename is not None else str(source.get("name", ""))).strip()
    users = document.get("users", [])
    if not isinstance(users, list) or not all(isinstance(u, Mapping) for u in users):
        raise ImportRefused("users: a list of objects is expected")
    _check_free(name, [normalise_email(str(u.get("email", ""))) for u in users])
    try:
        values = _organization_values(source, name)
        logo_refused = check_organization(values)
        org = Organization(**values)
        db.session.add(org)
        db.session.flush()
        importer = _Importer(org.id)
        if source.get("id") is not None:
            importer.ids[ORGANIZATIONS] = {source["id"]: org.id}
        for part in PARTS:
            records = document.get(part.key, [])
            if part.key == AUDIT_KEY and part.key not in document:
                continue
            if not isinstance(records, list):
                raise ValueError(f"{part.key}: a list is expected")
            importer.run(part, [(r, None, f"{part.key}[{i}]") for i, r in enumerate(records)])
        for vacancy in db.session.execute(
            select(Vacancy).where(Vacancy.organization_id == org.id)
        ).scalars():
            index_terms(vacancy)
        # A published vacancy never shows text with errors, so one whose text has them
        # here (a newer check, the organization's catalog) comes in as a draft.
        unpublished = [v.id for v in withdraw_blocked(org, catalog_for(org), None, "import")]
        audit(
            "org-imported",
            org_id=org.id,
            source_name=str(source.get("name", ""))[:200],
            exported_at=str(document.get("exported_at", ""))[:40],
            schema_revision=str(document.get("schema_revision", ""))[:40],
            password_hashes=bool(document.get("password_hashes")),
            via=via,
            unpublished=unpublished,
        )
        db.session.flush()
    except (ValueError, TypeError) as error:
        raise ImportRefused(f"the file is not valid: {error}") from None
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise ImportRefused(f"the database refused the data: {reason}") from None
    return ImportResult(
        organization=org,
        ids=importer.ids,
        no_password=importer.no_password,
        unpublished=unpublished,
        logo_refused=logo_refused,
    )
