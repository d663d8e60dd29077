"""The catalog as one organization sees it: the shipped YAML plus its overrides."""

from __future__ import annotations

from dataclasses import fields

from flask import current_app
from sqlalchemy import select

from app.accounts.models import Organization
from app.caches import store
from app.catalog.models import CatalogOverride
from app.domain.catalog.model import Catalog
from app.domain.catalog.overrides import Override, OverrideProblem, apply_overrides
from app.extensions import db

_OVERRIDE_FIELDS = {f.name for f in fields(Override)} - {"kind", "action", "item_id"}
# (organization id, catalog version, id of the shipped catalog) -> the merged catalog.
_merged = store("catalog.organizations")


def base_catalog() -> Catalog:
    """The shipped catalog, loaded and validated once at start-up."""
    return current_app.extensions["smm.catalog"]


def override_from_row(row: CatalogOverride) -> Override:
    """Turn a stored override into the pure domain value."""
    extra = {k: v for k, v in (row.data or {}).items() if k in _OVERRIDE_FIELDS}
    for key in ("roles", "duties", "terms", "unless"):
        if key in extra:
            extra[key] = tuple(extra[key] or ())
    return Override(kind=row.kind, action=row.action, item_id=row.item_id, **extra)


def organization_catalog(org: Organization) -> tuple[Catalog, list[OverrideProblem]]:
    """The merged catalog and any override that no longer applies (cached per version)."""
    base = base_catalog()
    key = (org.id, org.catalog_version, id(base))
    cached = _merged.get(key)
    if cached is not None:
        return cached
    rows = db.session.execute(
        select(CatalogOverride)
        .where(CatalogOverride.organization_id == org.id)
        .order_by(CatalogOverride.id)
    ).scalars()
    merged = apply_overrides(base, [override_from_row(r) for r in rows])
    _merged.pop_where(lambda old: old[0] == org.id)
    return _merged.put(key, merged)


def catalog_for(org: Organization) -> Catalog:
    """Just the merged catalog."""
    return organization_catalog(org)[0]
