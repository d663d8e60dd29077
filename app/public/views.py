"""Public job pages: no sign-in, GET only, published versions only.

Whatever is missing (the organization, its opt-in, the vacancy) the answer is the same
404 page, so the pages never tell whether an organization exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import force_locale
from markupsafe import Markup

from app.accounts.models import Organization
from app.caches import store
from app.catalog.service import catalog_for
from app.domain.vacancies.serialize import draft_from_dict
from app.exports import content, labels
from app.exports.html import render_html_fragment
from app.exports.jsonld import job_posting, script_safe_json
from app.exports.jsonld_rules import jobposting_problems, required_problems
from app.i18n import ui_lang
from app.public import queries
from app.public.slugs import vacancy_id_of, vacancy_slug
from app.vacancies.service import document_for

bp = Blueprint("public", __name__)
PER_PAGE = 50
# Browsers and proxies may keep a page a minute, then revalidate (ETag / Last-Modified).
CACHE_CONTROL = "public, max-age=60"
LOGO_CACHE_CONTROL = "public, max-age=3600"
OG_LOCALES = {"ru": "ru_RU", "en": "en_US"}
# A logo opened on its own (SVG) runs nothing and loads nothing.
LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _not_found() -> Response:
    """The one 404 of the public pages (see the module docstring)."""
    response = Response(render_template("public/not_found.html"), status=404)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def _conditional(body: str | bytes, mimetype: str, modified: datetime | None, etag=None):
    """A cacheable response: ETag (of the body unless given), Last-Modified, and 304 when
    the request's If-None-Match / If-Modified-Since says the client has it."""
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = CACHE_CONTROL
    if etag:
        response.set_etag(etag)
    else:
        response.add_etag()
    if modified is not None:
        response.last_modified = modified
    return response.make_conditional(request)


def _vacancy_prefix(org: Organization, *, external: bool = False) -> str:
    """The address of the organization's vacancy pages up to the vacancy's slug (built
    once per list: url_for per item is most of a long sitemap's time)."""
    return url_for("public.vacancy", org_slug=org.slug, slug="x", _external=external)[:-1]


def _logo_url(org: Organization, *, external: bool = False) -> str | None:
    if not org.logo_mime:
        return None
    return url_for("public.logo", org_slug=org.slug, _external=external)


@bp.route("/jobs/<org_slug>/")
def careers(org_slug: str):
    """The organization's careers page: its published vacancies, newest first."""
    org = queries.public_org(org_slug)
    if org is None:
        return _not_found()
    try:
        page = max(1, min(int(request.args.get("page", 1)), 10_000))
    except ValueError:
        page = 1
    changed = queries.last_change(org.id)
    # Kept per process while the page lists the same vacancies (ids, published titles
    # and dates: one index walk; a vacancy deleted is seen too, not only a change).
    listed = queries.published_list(org.id, PER_PAGE + 1, (page - 1) * PER_PAGE)
    key = ("careers", org.id, org.name, org.slug, org.logo_mime, tuple(listed), page,
           ui_lang(), request.host_url)  # fmt: skip
    rendered = _PAGES.get(key)
    if rendered is None:
        body = _careers_body(org, page)
        if body is None:
            return _not_found()
        rendered = _remember(key, body)
    response = _conditional(rendered.body, "text/html", changed, etag=rendered.etag)
    # The page's own words follow the visitor's language.
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def _careers_body(org: Organization, page: int) -> str | None:
    """The careers page's HTML; None for a page past the last one."""
    items, has_next = queries.published_page(org.id, page, PER_PAGE)
    if page > 1 and not items:
        return None
    ui = ui_lang()
    prefix = _vacancy_prefix(org)
    rows = []
    for item in items:
        data = item.data or {}
        lang = labels.lang_of(data.get("language", "ru"))
        details = [
            (data.get("location") or "").strip(),
            labels.value_label("workplace", data.get("workplace", ""), lang),
        ]
        rows.append(
            {
                "title": item.title,
                "url": prefix + vacancy_slug(item.id, item.title),
                "details": " · ".join(d for d in details if d),
                "published": item.published_at,
                "published_text": labels.format_date(item.published_at.date(), ui),
                "lang": lang,
            }
        )
    canonical = url_for(
        "public.careers", org_slug=org.slug, page=page if page > 1 else None, _external=True
    )
    return render_template(
        "public/careers.html",
        org=org,
        rows=rows,
        page=page,
        has_next=has_next,
        canonical=canonical,
        logo_url=_logo_url(org),
        og_image=_logo_url(org, external=True),
    )


@dataclass(frozen=True)
class RenderedPage:
    body: str
    etag: str


# Rendered pages by every input they show (bounded, locked: see app.caches).
_PAGES = store("public.pages")


def _vacancy_page(org: Organization, vacancy, version, slug: str) -> RenderedPage:
    """The rendered vacancy page, kept per process for its exact inputs (composing is
    pure: the published version, the organization's name, logo type and catalog version,
    and the address the page is served under)."""
    key = (
        vacancy.id, version.number, vacancy.published_at, org.id, org.name, org.slug,
        org.catalog_version, org.logo_mime, org.labour_law, request.host_url,
    )  # fmt: skip
    page = _PAGES.get(key)
    if page is not None:
        return page
    document = document_for(
        org, catalog_for(org), draft_from_dict(version.data), vacancy, with_logo=False
    )
    document = replace(document, version=version.number)
    url = url_for("public.vacancy", org_slug=org.slug, slug=slug, _external=True)
    posting = job_posting(document, url=url, logo_url=_logo_url(org, external=True))
    # A posting Google would refuse is left out rather than reported as broken markup;
    # the signed-in vacancy page lists what it lacks.
    jsonld = None
    if not required_problems(jobposting_problems(posting)):
        jsonld = Markup(script_safe_json(posting))  # noqa: S704 - <, > and & are escaped
    summary = " · ".join(fact.value for fact in content.facts(document)[:3])
    with force_locale(document.language):
        body = render_template(
            "public/vacancy.html",
            org=org,
            doc=document,
            # The same article as the preview and the HTML export (sanitized Markdown).
            article=Markup(render_html_fragment(document, logo_url=_logo_url(org))),  # noqa: S704
            jsonld=jsonld,
            canonical=url,
            summary=summary,
            og_locale=OG_LOCALES.get(document.language, "ru_RU"),
            og_image=_logo_url(org, external=True),
            careers_url=url_for("public.careers", org_slug=org.slug, _external=True),
            has_apply=bool(document.apply_md.strip()),
        )
    return _remember(key, body)


def _remember(key: tuple, body: str) -> RenderedPage:
    """Keep a rendered body (and its ETag) for `key`; the oldest go past the limit."""
    page = RenderedPage(body, hashlib.sha256(body.encode("utf-8")).hexdigest()[:32])
    _PAGES.put(key, page)
    return page


@bp.route("/jobs/<org_slug>/<slug>")
def vacancy(org_slug: str, slug: str):
    """A published vacancy as its published version says it; 410 once archived."""
    org = queries.public_org(org_slug)
    vacancy_id = vacancy_id_of(slug)
    found = queries.public_vacancy(org.id, vacancy_id) if org and vacancy_id else None
    if org is None or found is None:
        return _not_found()
    row, version = found
    if row.status == "archived":
        response = Response(
            render_template(
                "public/gone.html",
                org=org,
                careers_url=url_for("public.careers", org_slug=org.slug),
            ),
            status=410,
        )
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    canonical = vacancy_slug(row.id, version.title)
    if slug != canonical:
        return redirect(url_for("public.vacancy", org_slug=org.slug, slug=canonical), 301)
    page = _vacancy_page(org, row, version, canonical)
    return _conditional(page.body, "text/html", row.published_at, etag=page.etag)


@bp.route("/jobs/<org_slug>/sitemap.xml")
def sitemap(org_slug: str):
    """The careers page and the newest SITEMAP_LIMIT published vacancies, for search
    engines; `/sitemap.xml` lists this and the numbered ones that follow."""
    return _sitemap(org_slug, 1)


@bp.route("/jobs/<org_slug>/sitemap-<int:part>.xml")
def sitemap_part(org_slug: str, part: int):
    """The next SITEMAP_LIMIT published vacancies, from the second sitemap on (the first
    one's only address is sitemap.xml)."""
    return _sitemap(org_slug, part) if part > 1 else _not_found()


def _sitemap(org_slug: str, part: int):
    org = queries.public_org(org_slug)
    if org is None:
        return _not_found()
    changed = queries.last_change(org.id)
    # A long list (up to 50,000 addresses, about half a second) is made once per change
    # of the organization's vacancies and process; the count tells a deletion.
    count = queries.published_count(org.id)
    if part > queries.sitemap_parts(count):
        return _not_found()
    key = ("sitemap", org.id, org.slug, part, changed, count, request.host_url)
    page = _PAGES.get(key)
    if page is None:
        limit = queries.SITEMAP_LIMIT
        items = queries.published_list(org.id, limit, (part - 1) * limit)
        prefix = _vacancy_prefix(org, external=True)
        urls = [(prefix + vacancy_slug(i.id, i.title), i.published_at) for i in items]
        body = render_template(
            "public/sitemap.xml",
            careers=url_for("public.careers", org_slug=org.slug, _external=True)
            if part == 1
            else None,
            latest=items[0].published_at if items else None,
            urls=urls,
        )
        page = _remember(key, body)
    return _conditional(page.body, "application/xml", changed, etag=page.etag)


@bp.route("/jobs/<org_slug>/feed.atom")
def feed(org_slug: str):
    """An Atom feed of the newest published vacancies."""
    org = queries.public_org(org_slug)
    if org is None:
        return _not_found()
    items = queries.published_list(org.id, queries.FEED_LIMIT)
    changed = queries.last_change(org.id)
    key = ("feed", org.id, org.name, org.slug, tuple(items), ui_lang(), request.host_url)
    rendered = _PAGES.get(key)
    if rendered is None:
        rendered = _remember(key, _feed_body(org, items))
    return _conditional(rendered.body, "application/atom+xml", changed, etag=rendered.etag)


def _feed_body(org: Organization, items: list[queries.Listed]) -> str:
    prefix = _vacancy_prefix(org, external=True)
    entries = [
        {
            "id": f"urn:smm-hiring-desk:vacancy:{i.id}",
            "title": i.title,
            "url": prefix + vacancy_slug(i.id, i.title),
            "published": i.published_at,
        }
        for i in items
    ]  # fmt: skip
    return render_template(
        "public/feed.xml",
        org=org,
        entries=entries,
        updated=items[0].published_at if items else org.created_at,
        self_url=url_for("public.feed", org_slug=org.slug, _external=True),
        careers=url_for("public.careers", org_slug=org.slug, _external=True),
        feed_id=f"urn:smm-hiring-desk:careers:{org.id}",
    )


@bp.route("/jobs/<org_slug>/logo")
def logo(org_slug: str):
    """The organization's logo (checked on upload: PNG, JPEG or a plain SVG)."""
    found = queries.public_org(org_slug)
    if found is None or not found.logo_mime:
        return _not_found()
    data = found.logo_data  # deferred: read only here
    if not data:
        return _not_found()
    response = Response(data, mimetype=found.logo_mime)
    response.headers["Cache-Control"] = LOGO_CACHE_CONTROL
    response.headers["Content-Security-Policy"] = LOGO_CSP
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/sitemap.xml")
def sitemap_index():
    """The sitemaps of every organization with public pages."""
    sitemaps = [
        (_sitemap_url(slug, part), changed)
        for slug, changed, count in queries.public_organizations()
        for part in range(1, queries.sitemap_parts(count) + 1)
    ][: queries.SITEMAP_INDEX_LIMIT]
    body = render_template("public/sitemap_index.xml", sitemaps=sitemaps)
    return _conditional(body, "application/xml", None)


def _sitemap_url(slug: str, part: int) -> str:
    if part == 1:
        return url_for("public.sitemap", org_slug=slug, _external=True)
    return url_for("public.sitemap_part", org_slug=slug, part=part, _external=True)


@bp.route("/robots.txt")
def robots():
    """Crawlers may read the public job pages (and the styles they use), nothing else: the
    rest of the app is behind the sign-in. Names the sitemap index."""
    body = "\n".join(
        (
            "User-agent: *",
            "Allow: /jobs/",
            "Allow: /static/",
            "Disallow: /",
            "Sitemap: " + url_for("public.sitemap_index", _external=True),
            "",
        )
    )
    response = Response(body, mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
