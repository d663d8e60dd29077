"""GET /catalog: the role catalog as the caller's organization sees it."""

from __future__ import annotations

from typing import Any

from app.api.context import api_org
from app.api.registry import operation
from app.catalog.service import catalog_for
from app.domain.catalog.model import SCALES, Catalog, Text


def text(value: Text) -> dict[str, str]:
    """Both languages of a text."""
    return {"ru": value.ru, "en": value.en}


def catalog_to_api(catalog: Catalog) -> dict[str, Any]:
    """Every list of the catalog with ids and texts in both languages."""

    def entry(item: Any, **extra: Any) -> dict[str, Any]:
        """An item's id and text, with the kind's own fields."""
        return {"id": item.id, "text": text(item.text), **extra}

    def defaults(role_id: str, scale: str) -> dict[str, list[str]]:
        """What the composer pre-selects for the role at this scale."""
        found = catalog.defaults_for(role_id, scale)
        return {key: list(getattr(found, key)) for key in found._fields}

    return {
        "roles": [
            entry(
                r,
                summary=text(r.summary),
                max_networks=r.max_networks,
                defaults={scale: defaults(r.id, scale) for scale in SCALES},
            )
            for r in catalog.roles
        ],
        "duties": [
            entry(
                d,
                category=d.category,
                roles=list(d.roles),
                networks=list(d.networks),
                content_production=d.content_production,
            )
            for d in catalog.duties
        ],
        "skills": [entry(s, roles=list(s.roles)) for s in catalog.skills],
        "requirements": [entry(r, kind=r.kind, roles=list(r.roles)) for r in catalog.requirements],
        "exclusions": [
            entry(e, rationale=text(e.rationale), instead=text(e.instead))
            for e in catalog.exclusions
        ],
        "kpis": [
            entry(
                k,
                unit=text(k.unit),
                direction=k.direction,
                default_target=k.default_target,
                roles=list(k.roles),
            )
            for k in catalog.kpis
        ],
        "trial_tasks": [
            entry(
                t,
                duties=list(t.duties),
                weight=t.weight,
                critical=t.critical,
                evidence=text(t.evidence),
            )
            for t in catalog.trial_tasks
        ],
        "networks": [entry(n) for n in catalog.networks],
        "categories": [entry(c) for c in catalog.categories],
    }


@operation("GET", "/catalog", summary="The role catalog", tag="Catalog", returns="Catalog")
def get_catalog():
    """Roles with their defaults, duties, skills, requirements, exclusions, goals (KPIs),
    trial tasks, networks and duty categories, with the organization's own changes applied.
    The ids are what vacancy bodies refer to."""
    return catalog_to_api(catalog_for(api_org()))
