"""Public job pages: opt-in per organization, published versions only, no personal data."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Organization
from app.exports.jsonld_rules import jobposting_problems, required_problems
from app.extensions import db
from app.vacancies.models import Vacancy
from tests.conftest import login, make_user
from tests.web.vacancy_helpers import form_data

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def create(client, **overrides) -> int:
    response = client.post("/vacancies/new", data=form_data(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


def publish(client, vacancy_id: int) -> None:
    assert client.post(f"/vacancies/{vacancy_id}/publish").status_code == 302
    with client.application.app_context():
        assert db.session.get(Vacancy, vacancy_id).status == "published"


def settings(client, org_name: str = "Acme", **values):
    data = {"name": org_name, "labour_law": "ru", **values}
    return client.post("/admin/organization", data=data)


def go_public(client, slug: str = "acme", org_name: str = "Acme") -> None:
    response = settings(client, org_name, slug=slug, public_jobs="y")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def html_text(page: str) -> str:
    """A page's text with the tags and line breaks out."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def parse_xml(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - the app's own output


def json_ld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def public_path(client, vacancy_id: int) -> str:
    """The vacancy's canonical public path, found through the redirect of a bare id."""
    response = client.get(f"/jobs/acme/{vacancy_id}")
    assert response.status_code == 301, response.status_code
    return response.headers["Location"]


@pytest.fixture
def acme(app, client):
    """An admin of Acme (signed in) named Ирина Авторова, with one published vacancy."""
    make_user(app, "irina.author@acme.test", "admin", "Acme")
    with app.app_context():
        from app.accounts.models import User

        user = db.session.execute(select(User)).scalar_one()
        user.name = "Ирина Авторова"
        db.session.commit()
    assert login(client, "irina.author@acme.test").status_code == 302
    vacancy_id = create(client, title="SMM-менеджер в кофейню")
    publish(client, vacancy_id)
    return vacancy_id


def test_pages_are_404_until_the_organization_opts_in(app, client, acme):
    settings(client, slug="acme")  # a slug alone does not open anything
    anonymous = app.test_client()
    missing = anonymous.get("/jobs/no-such-org/")
    paths = ("/jobs/acme/", f"/jobs/acme/{acme}", "/jobs/acme/sitemap.xml",
             "/jobs/acme/feed.atom", "/jobs/no-such-org/", f"/jobs/no-such-org/{acme}")  # fmt: skip
    for path in paths:
        response = anonymous.get(path)
        assert response.status_code == 404, path
        # The same page whether or not the organization exists.
        assert response.get_data() == missing.get_data(), path
    go_public(client)
    assert anonymous.get("/jobs/acme/").status_code == 200


def test_published_vacancy_page_with_json_ld_canonical_and_open_graph(app, client, acme):
    go_public(client)
    anonymous = app.test_client()
    path = public_path(anonymous, acme)
    assert path == f"/jobs/acme/{acme}-smm-menedzher-v-kofeynyu"
    response = anonymous.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "SMM-менеджер в кофейню" in page
    assert "Пришлите резюме и портфолио" in page  # how to apply
    assert f'<link rel="canonical" href="http://localhost{path}">' in page
    assert '<meta property="og:title" content="SMM-менеджер в кофейню">' in page
    assert f'<meta property="og:url" content="http://localhost{path}">' in page
    data = json_ld(page)
    assert data["@type"] == "JobPosting" and data["url"] == f"http://localhost{path}"
    assert data["title"] == "SMM-менеджер в кофейню"
    assert data["directApply"] is False
    assert data["jobLocation"]["address"]["addressCountry"] == "RU"
    assert jobposting_problems(data) == ["valid_through_missing"]
    # Security headers stay; no session cookie is needed for an anonymous visitor.
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response.headers
    assert "Set-Cookie" not in response.headers
    # The careers page lists it under its canonical address.
    careers = anonymous.get("/jobs/acme/").get_data(as_text=True)
    assert f'href="{path}"' in careers and "SMM-менеджер в кофейню" in careers
    assert '<link rel="canonical" href="http://localhost/jobs/acme/">' in careers


def test_drafts_are_never_public(app, client, acme):
    go_public(client)
    draft = create(client, title="Черновик вакансии")
    anonymous = app.test_client()
    assert anonymous.get(f"/jobs/acme/{draft}").status_code == 404
    assert anonymous.get(f"/jobs/acme/{draft}-chernovik-vakansii").status_code == 404
    for path in ("/jobs/acme/", "/jobs/acme/sitemap.xml", "/jobs/acme/feed.atom"):
        assert "Черновик вакансии" not in anonymous.get(path).get_data(as_text=True), path
    # Moved back to draft after publishing: no longer public either.
    assert client.post(f"/vacancies/{acme}/restore").status_code == 302
    assert anonymous.get(f"/jobs/acme/{acme}").status_code == 404


def test_an_edit_after_publishing_stays_private_until_published_again(app, client, acme):
    go_public(client)
    anonymous = app.test_client()
    path = public_path(anonymous, acme)
    edit = form_data(title="SMM-менеджер в кофейню", base_version="1",
                     intro_md="Секретная правка, ещё не опубликованная.")  # fmt: skip
    assert client.post(f"/vacancies/{acme}/edit", data=edit).status_code == 302
    with app.app_context():
        vacancy = db.session.get(Vacancy, acme)
        assert vacancy.version == 2 and vacancy.published_version == 1
    page = anonymous.get(path).get_data(as_text=True)
    assert "Секретная правка" not in page and "Ромашка" in page
    assert "Секретная правка" not in json.dumps(json_ld(page), ensure_ascii=False)
    # The signed-in page offers to publish the new version; doing so makes it public.
    shown = client.get(f"/vacancies/{acme}").get_data(as_text=True)
    assert f'action="/vacancies/{acme}/publish"' in shown
    publish(client, acme)
    assert "Секретная правка" in anonymous.get(path).get_data(as_text=True)


def test_archived_vacancy_is_gone_and_leaves_sitemap_and_feed(app, client, acme):
    go_public(client)
    other = create(client, title="Таргетолог")
    publish(client, other)
    anonymous = app.test_client()
    path = public_path(anonymous, acme)
    sitemap = parse_xml(anonymous.get("/jobs/acme/sitemap.xml").get_data())
    locs = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert f"http://localhost{path}" in locs and "http://localhost/jobs/acme/" in locs
    feed = parse_xml(anonymous.get("/jobs/acme/feed.atom").get_data())
    assert len(feed.findall(f"{ATOM}entry")) == 2

    assert client.post(f"/vacancies/{acme}/archive").status_code == 302
    gone = anonymous.get(path)
    assert gone.status_code == 410
    assert "SMM-менеджер в кофейню" not in gone.get_data(as_text=True)
    response = anonymous.get("/jobs/acme/sitemap.xml")
    assert response.mimetype == "application/xml"
    sitemap = parse_xml(response.get_data())
    locs = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert f"http://localhost{path}" not in locs and len(locs) == 2
    response = anonymous.get("/jobs/acme/feed.atom")
    assert response.mimetype == "application/atom+xml"
    entries = parse_xml(response.get_data()).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Таргетолог"]
    assert "SMM-менеджер в кофейню" not in anonymous.get("/jobs/acme/").get_data(as_text=True)
    # The site-wide sitemap index points at the organization's sitemap.
    index = parse_xml(anonymous.get("/sitemap.xml").get_data())
    assert [loc.text for loc in index.iter(f"{SITEMAP}loc")] == [
        "http://localhost/jobs/acme/sitemap.xml"
    ]


@pytest.mark.parametrize("kind", ["vacancy", "careers", "sitemap.xml", "feed.atom"])
def test_304_on_etag_and_last_modified(app, client, acme, kind):
    go_public(client)
    anonymous = app.test_client()
    path = {"vacancy": public_path(anonymous, acme), "careers": "/jobs/acme/"}.get(
        kind, f"/jobs/acme/{kind}"
    )
    first = anonymous.get(path)
    assert first.status_code == 200 and first.headers["ETag"] and first.headers["Last-Modified"]
    assert "public" in first.headers["Cache-Control"]
    again = anonymous.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    since = anonymous.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    stale = anonymous.get(path, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_no_author_names_or_user_emails_on_public_pages(app, client, acme):
    go_public(client)
    anonymous = app.test_client()
    path = public_path(anonymous, acme)
    for url in (path, "/jobs/acme/", "/jobs/acme/sitemap.xml", "/jobs/acme/feed.atom"):
        text = anonymous.get(url).get_data(as_text=True)
        assert "Ирина" not in text and "Авторова" not in text, url
        assert "irina.author" not in text and "@acme.test" not in text, url


def test_organizations_are_isolated(app, client, acme):
    go_public(client)
    other_client = app.test_client()
    make_user(app, "boss@beta.test", "admin", "Beta")
    assert login(other_client, "boss@beta.test").status_code == 302
    beta_vacancy = create(other_client, title="Контент-менеджер Бета")
    publish(other_client, beta_vacancy)
    go_public(other_client, "beta", "Beta")
    anonymous = app.test_client()
    # Another organization's vacancy under this organization's address: the same 404.
    assert anonymous.get(f"/jobs/acme/{beta_vacancy}").status_code == 404
    assert anonymous.get(f"/jobs/beta/{acme}").status_code == 404
    assert "Контент-менеджер Бета" not in anonymous.get("/jobs/acme/").get_data(as_text=True)
    assert "SMM-менеджер в кофейню" not in anonymous.get("/jobs/beta/").get_data(as_text=True)
    assert "Контент-менеджер Бета" in anonymous.get("/jobs/beta/").get_data(as_text=True)
    # A slug another organization has is refused beside the field, nothing stored.
    response = settings(other_client, "Beta", slug="acme", public_jobs="y")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="slug-error"' in page and 'value="acme"' in page
    with app.app_context():
        beta = db.session.execute(select(Organization).where(Organization.name == "Beta"))
        assert beta.scalar_one().slug == "beta"


def test_wrong_title_part_redirects_permanently_to_the_canonical_one(app, client, acme):
    go_public(client)
    anonymous = app.test_client()
    canonical = f"/jobs/acme/{acme}-smm-menedzher-v-kofeynyu"
    for wrong in (f"/jobs/acme/{acme}-old-title", f"/jobs/acme/{acme}", f"/jobs/acme/{acme}-"):
        response = anonymous.get(wrong)
        assert response.status_code == 301, wrong
        assert response.headers["Location"] == canonical
    for bad in ("/jobs/acme/smm", "/jobs/acme/0-x", "/jobs/acme/99999999-x",
                "/jobs/acme/1" + "0" * 30):  # fmt: skip
        assert anonymous.get(bad).status_code == 404, bad


@pytest.mark.parametrize(
    "slug", ["ab", "-acme", "acme-", "Acme Co", "кофе", "a--b", "x" * 61, "acme/../x"]
)
def test_bad_slugs_are_refused_beside_the_field(app, client, acme, slug):
    response = settings(client, slug=slug, public_jobs="y")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="slug-error"' in page
    with app.app_context():
        org = db.session.execute(select(Organization)).scalar_one()
        assert org.slug is None and org.public_jobs is False


def test_public_pages_need_a_slug(app, client, acme):
    response = settings(client, public_jobs="y")
    assert 'id="slug-error"' in response.get_data(as_text=True)


def test_script_in_the_title_cannot_break_out_of_the_json_ld(app, client, acme):
    go_public(client)
    title = "SMM </script><script>alert(1)</script>"
    vid = create(client, title=title)
    publish(client, vid)
    anonymous = app.test_client()
    page = anonymous.get(public_path(anonymous, vid)).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert json_ld(page)["title"] == title


def test_logo_is_served_to_the_public_pages(app, client, acme):
    go_public(client)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    with app.app_context():
        org = db.session.execute(select(Organization)).scalar_one()
        org.logo_mime, org.logo_data = "image/png", png
        db.session.commit()
    anonymous = app.test_client()
    page = anonymous.get(public_path(anonymous, acme)).get_data(as_text=True)
    assert 'src="/jobs/acme/logo"' in page
    assert '<meta property="og:image" content="http://localhost/jobs/acme/logo">' in page
    assert json_ld(page)["hiringOrganization"]["logo"] == "http://localhost/jobs/acme/logo"
    logo = anonymous.get("/jobs/acme/logo")
    assert logo.status_code == 200 and logo.get_data() == png and logo.mimetype == "image/png"


def test_the_signed_in_page_lists_what_google_needs(app, client, acme):
    # Under a labour law other than Russia's, a city in no table has no known country.
    assert settings(client, labour_law="extendable").status_code == 302
    vid = create(client, location="Тверь", salary_from="", salary_to="")
    page = client.get(f"/vacancies/{vid}").get_data(as_text=True)
    assert 'id="google-jobs"' in page
    assert 'data-jobposting="address_country_missing"' in page
    assert 'data-jobposting="base_salary_missing"' in page
    assert "address_country_missing<" not in page  # a label, not the code


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_published_default_vacancy_passes_google_rules(app, client, acme, lang):
    """The default vacancy of each role, published: its public JSON-LD has all Google
    requires (a closing date only is missing: the form leaves it empty)."""
    go_public(client)
    anonymous = app.test_client()
    for role in ("smm-manager", "smm-specialist", "smm-generalist"):
        for workplace in ("office", "hybrid", "remote"):
            vid = create(client, role=role, language=lang, workplace=workplace,
                         title=f"{role} {workplace} {lang}")  # fmt: skip
            publish(client, vid)
            data = json_ld(anonymous.get(public_path(anonymous, vid)).get_data(as_text=True))
            assert jobposting_problems(data) == ["valid_through_missing"], (role, workplace)
    closing = (date.today() + timedelta(days=60)).isoformat()
    with_date = create(client, language=lang, valid_through=closing)
    publish(client, with_date)
    data = json_ld(anonymous.get(public_path(anonymous, with_date)).get_data(as_text=True))
    assert jobposting_problems(data) == []
    # Every vacancy the organization publishes, as search engines find them (the sitemap):
    # nothing Google requires is missing from any of them.
    sitemap = parse_xml(anonymous.get("/jobs/acme/sitemap.xml").get_data())
    pages = [e.text for e in sitemap.iter(f"{SITEMAP}loc")][1:]
    assert len(pages) == 11  # the fixture's vacancy, 3 roles x 3 workplaces, the dated one
    for url in pages:
        data = json_ld(anonymous.get(url.removeprefix("http://localhost")).get_data(as_text=True))
        assert required_problems(jobposting_problems(data)) == [], url


def test_an_imported_copy_does_not_take_the_public_address(app, client, acme, tmp_path):
    go_public(client)
    path = tmp_path / "acme.json"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["org", "export", "Acme", "-o", str(path)])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8").replace("@acme.test", "@copy.test")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["org", "import", str(path), "--rename", "Acme 2"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        copy = db.session.execute(
            select(Organization).where(Organization.name == "Acme 2")
        ).scalar_one()
        assert copy.slug is None and copy.public_jobs is False
        published = db.session.execute(
            select(Vacancy).where(Vacancy.organization_id == copy.id)
        ).scalar_one()
        assert published.published_version == 1
    assert app.test_client().get("/jobs/acme/").status_code == 200


def test_a_deleted_vacancy_leaves_the_lists_at_once(app, client, acme):
    go_public(client)
    newer = create(client, title="Таргетолог")
    publish(client, newer)
    anonymous = app.test_client()
    paths = ("/jobs/acme/", "/jobs/acme/feed.atom", "/jobs/acme/sitemap.xml")
    before = {path: anonymous.get(path) for path in paths}
    assert all("smm-menedzher-v-kofeynyu" in r.get_data(as_text=True) for r in before.values())
    # The older one goes: the newest change time of the organization stays the same.
    assert client.post(f"/vacancies/{acme}/delete", data={"confirm": "yes"}).status_code == 302
    for path in paths:
        response = anonymous.get(path, headers={"If-None-Match": before[path].headers["ETag"]})
        assert response.status_code == 200, path
        assert "smm-menedzher-v-kofeynyu" not in response.get_data(as_text=True), path
        assert "targetolog" in response.get_data(as_text=True), path


def test_a_catalog_change_that_blocks_the_published_version_takes_it_off(app, client, acme):
    """The current text passes, but the version candidates see would now have an error:
    the vacancy goes back to draft, so nothing with an error stays public."""
    from tests.web.test_publish_gate import BLOCKING, reword

    go_public(client)
    anonymous = app.test_client()
    path = public_path(anonymous, acme)
    item_id = form_data()["requirements"][0]
    edit = form_data(title="SMM-менеджер в кофейню", base_version="1", requirements=[])
    assert client.post(f"/vacancies/{acme}/edit", data=edit).status_code == 302
    assert anonymous.get(path).status_code == 200  # still the published version 1
    assert reword(client, item_id, BLOCKING).status_code == 302
    with app.app_context():
        assert db.session.get(Vacancy, acme).status == "draft"
    assert anonymous.get(path).status_code == 404


def test_vacancies_past_one_sitemap_fill_more_sitemaps(app, client, acme, monkeypatch):
    from app.public import queries

    go_public(client)
    older = [create(client, title=f"SMM-специалист {n}") for n in range(2)]
    for vacancy_id in older:
        publish(client, vacancy_id)
    monkeypatch.setattr(queries, "SITEMAP_LIMIT", 2)
    anonymous = app.test_client()

    def locs(path: str) -> list[str]:
        response = anonymous.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return [e.text for e in parse_xml(response.get_data()).iter(f"{SITEMAP}loc")]

    first, second = locs("/jobs/acme/sitemap.xml"), locs("/jobs/acme/sitemap-2.xml")
    assert first[0] == "http://localhost/jobs/acme/" and len(first) == 3
    assert len(second) == 1 and "http://localhost/jobs/acme/" not in second
    everything = {u.rsplit("/", 1)[1].split("-", 1)[0] for u in first[1:] + second}
    assert everything == {str(i) for i in (acme, *older)}
    assert anonymous.get("/jobs/acme/sitemap-3.xml").status_code == 404
    assert anonymous.get("/jobs/acme/sitemap-0.xml").status_code == 404
    assert anonymous.get("/jobs/acme/sitemap-1.xml").status_code == 404  # it is sitemap.xml
    assert locs("/sitemap.xml") == [
        "http://localhost/jobs/acme/sitemap.xml",
        "http://localhost/jobs/acme/sitemap-2.xml",
    ]


def test_robots_txt_opens_the_job_pages_only_and_names_the_sitemap(app):
    response = app.test_client().get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert "Allow: /jobs/" in lines and "Disallow: /" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_the_careers_list_pages_through_every_vacancy(app, client, acme, monkeypatch):
    from app.public import views

    go_public(client)
    for n in range(2):
        publish(client, create(client, title=f"Контент-менеджер {n}"))
    monkeypatch.setattr(views, "PER_PAGE", 2)
    anonymous = app.test_client()
    first = anonymous.get("/jobs/acme/").get_data(as_text=True)
    second = anonymous.get("/jobs/acme/?page=2").get_data(as_text=True)
    assert first.count('class="public-job-title"') == 2 and 'rel="next"' in first
    assert 'rel="prev"' not in first
    assert second.count('class="public-job-title"') == 1 and 'rel="prev"' in second
    assert 'rel="next"' not in second
    assert '<link rel="canonical" href="http://localhost/jobs/acme/?page=2">' in second
    assert "SMM-менеджер в кофейню" in first + second
    assert anonymous.get("/jobs/acme/?page=3").status_code == 404
    assert anonymous.get("/jobs/acme/?page=abc").get_data(as_text=True) == first


def test_a_city_in_no_table_takes_the_employers_country(app, client, acme):
    go_public(client)
    vacancy_id = create(client, title="SMM-менеджер в Твери", location="Тверь", workplace="office")
    publish(client, vacancy_id)
    anonymous = app.test_client()
    page = anonymous.get(public_path(anonymous, vacancy_id)).get_data(as_text=True)
    address = json_ld(page)["jobLocation"]["address"]
    assert address == {"@type": "PostalAddress", "addressLocality": "Тверь", "addressCountry": "RU"}
    # Under another labour law the country is not known: the public page leaves the
    # posting out and the signed-in page says what it needs.
    changed = settings(client, labour_law="extendable", slug="acme", public_jobs="y")
    assert changed.status_code == 302
    page = anonymous.get(public_path(anonymous, vacancy_id)).get_data(as_text=True)
    assert "application/ld+json" not in page
    own = html_text(client.get(f"/vacancies/{vacancy_id}").get_data(as_text=True))
    assert "Неизвестна страна места работы" in own
