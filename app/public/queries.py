"""What the public pages read: only public organizations and published versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import load_only

from app.accounts.models import Organization
from app.caches import memoize
from app.extensions import db
from app.vacancies.models import Vacancy, VacancyVersion

# A sitemap holds at most 50,000 addresses and an index at most 50,000 sitemaps
# (sitemaps.org): an organization's vacancies fill as many sitemaps of SITEMAP_LIMIT as
# they need (the first also lists the careers page). The feed has the newest ones.
SITEMAP_LIMIT = 49_999
SITEMAP_INDEX_LIMIT = 50_000
FEED_LIMIT = 50
# Statuses whose published version is still known: published (shown) and archived (410).
WAS_PUBLIC = ("published", "archived")


@dataclass(frozen=True)
class Listed:
    """A published vacancy as lists show it: its published title and when it was published."""

    id: int
    title: str
    published_at: datetime
    data: dict | None = None


@memoize("sql.org_by_slug")
def _org_by_slug():
    # Statements are built once: building one costs more than running it (as in
    # app/access.py), and a built statement keeps its cache key.
    return (
        select(Organization)
        .options(
            load_only(
                Organization.id, Organization.name, Organization.slug, Organization.public_jobs,
                Organization.logo_mime, Organization.catalog_version, Organization.created_at,
                Organization.labour_law,
            )
        )
        .where(Organization.slug == bindparam("slug"), Organization.public_jobs.is_(True))
    )  # fmt: skip


def public_org(slug: str) -> Organization | None:
    """The organization with this slug if its public pages are on; None otherwise (the
    callers answer both cases with the same 404)."""
    if not slug or len(slug) > 60:
        return None
    return db.session.execute(_org_by_slug(), {"slug": slug}).scalar_one_or_none()


def _is_published(org):
    """Published and dated: what the public lists show (`org`: a parameter or a column)."""
    return (
        Vacancy.organization_id == org,
        Vacancy.status == "published",
        Vacancy.published_at.is_not(None),
    )


@memoize("sql.published")
def _published():
    """The organization's published vacancies joined to the version that was published,
    newest first (parameters: org, limit, offset)."""
    return (
        select(Vacancy.id, VacancyVersion.title, Vacancy.published_at)
        .join(
            VacancyVersion,
            and_(
                VacancyVersion.vacancy_id == Vacancy.id,
                VacancyVersion.number == Vacancy.published_version,
            ),
        )
        .where(*_is_published(bindparam("org")))
        .order_by(Vacancy.published_at.desc(), Vacancy.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


@memoize("sql.published_with_data")
def _published_with_data():
    return _published().add_columns(VacancyVersion.data)


@memoize("sql.published_count")
def _published_count():
    return select(func.count()).where(*_is_published(bindparam("org")))


def published_count(org_id: int) -> int:
    """How many vacancies the organization has published (from the index alone)."""
    return db.session.execute(_published_count(), {"org": org_id}).scalar_one()


def published_page(org_id: int, page: int, per_page: int) -> tuple[list[Listed], bool]:
    """One page of the careers list, newest first, and whether more follow."""
    params = {"org": org_id, "limit": per_page + 1, "offset": (page - 1) * per_page}
    rows = db.session.execute(_published_with_data(), params).all()
    items = [Listed(r.id, r.title, r.published_at, r.data) for r in rows[:per_page]]
    return items, len(rows) > per_page


def published_list(org_id: int, limit: int, offset: int = 0) -> list[Listed]:
    """Published vacancies, newest first, without their content: for the sitemap, the
    feed, and to tell whether a careers page changed."""
    params = {"org": org_id, "limit": limit, "offset": offset}
    return [Listed(r.id, r.title, r.published_at) for r in db.session.execute(_published(), params)]


@memoize("sql.last_change")
def _last_change():
    return select(func.max(Vacancy.updated_at)).where(Vacancy.organization_id == bindparam("org"))


def last_change(org_id: int) -> datetime | None:
    """When any vacancy of the organization last changed (an upper bound of when its
    public lists did; one probe of the (organization, updated_at) index)."""
    return db.session.execute(_last_change(), {"org": org_id}).scalar_one()


@memoize("sql.vacancy_with_published_version")
def _vacancy_with_published_version():
    return (
        select(Vacancy, VacancyVersion)
        .options(
            load_only(
                Vacancy.id, Vacancy.organization_id, Vacancy.status, Vacancy.published_at,
                Vacancy.published_version, Vacancy.updated_at, Vacancy.version,
            )
        )
        .join(
            VacancyVersion,
            and_(
                VacancyVersion.vacancy_id == Vacancy.id,
                VacancyVersion.number == Vacancy.published_version,
            ),
        )
        .where(
            Vacancy.id == bindparam("id"),
            Vacancy.organization_id == bindparam("org"),
            Vacancy.status.in_(WAS_PUBLIC),
            Vacancy.published_at.is_not(None),
        )
    )  # fmt: skip


def public_vacancy(org_id: int, vacancy_id: int) -> tuple[Vacancy, VacancyVersion] | None:
    """A vacancy of the organization that is published or was (archived), with the
    version it published; None for drafts, other organizations' and missing ones."""
    params = {"id": vacancy_id, "org": org_id}
    row = db.session.execute(_vacancy_with_published_version(), params).first()
    return (row[0], row[1]) if row else None


def public_organizations() -> list[tuple[str, datetime | None, int]]:
    """The slugs of the organizations with public pages, with their last change and how
    many vacancies they have published."""
    latest = (
        select(func.max(Vacancy.updated_at))
        .where(Vacancy.organization_id == Organization.id)
        .scalar_subquery()
    )
    published = select(func.count()).where(*_is_published(Organization.id)).scalar_subquery()
    rows = db.session.execute(
        select(Organization.slug, latest, published)
        .where(Organization.public_jobs.is_(True), Organization.slug.is_not(None))
        .order_by(Organization.slug)
    ).all()
    return [(slug, changed, count) for slug, changed, count in rows]


def sitemap_parts(count: int) -> int:
    """How many sitemaps `count` published vacancies fill (one at least: the careers page)."""
    return max(1, -(-count // SITEMAP_LIMIT))


def published_title(vacancy: Vacancy) -> str:
    """The title of the version the vacancy published (its public address has it)."""
    if vacancy.published_version in (None, vacancy.version):
        return vacancy.title
    title = db.session.execute(
        select(VacancyVersion.title).where(
            VacancyVersion.vacancy_id == vacancy.id,
            VacancyVersion.number == vacancy.published_version,
        )
    ).scalar_one_or_none()
    return title if title is not None else vacancy.title
