"""The public job pages behind nginx (deploy/nginx.conf): anonymous visitors get nginx's
one-second copy, each language its own, signed-in visitors always the app, and a change
(an archived vacancy) shows within a second or two."""

from __future__ import annotations

import time

import pytest

from bench.load.cluster import Cluster, tools_missing
from bench.load.server import Client
from tests.conftest import need
from tests.reliability import helpers

pytestmark = pytest.mark.slow
SLUG = "reliability"


def seed(app) -> int:
    """The organization's pages on, and one published vacancy; its id."""
    from app.accounts import services
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.extensions import db
    from app.vacancies import service

    with app.app_context():
        org = services.get_or_create_organization(helpers.ORG)
        org.slug, org.public_jobs = SLUG, True
        user = services.create_user(org, "admin@reliability.test", helpers.PASSWORD, "admin")
        catalog = catalog_for(org)
        vacancy = service.create(org, user, catalog, default_draft(catalog, "smm-specialist"))
        db.session.commit()
        service.set_status(vacancy, "published", catalog)
        db.session.commit()
        vacancy_id = vacancy.id
        db.engine.dispose()
    return vacancy_id


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    missing = tools_missing()
    need(not missing, f"{', '.join(missing)} needed for the nginx test")
    helpers.require_tools()
    tmp = tmp_path_factory.mktemp("public-cache")
    url = helpers.sqlite_url(tmp)
    app = helpers.make_app(url)
    vacancy_id = seed(app)
    cluster = Cluster(tmp, url, nodes=1, queue_worker=False)
    cluster.start()
    try:
        yield app, cluster, vacancy_id
    finally:
        cluster.stop()


def anonymous(cluster, path: str, lang: str = "ru"):
    client = Client(cluster.port)
    try:
        return client.request("GET", path, headers={"Accept-Language": lang})
    finally:
        client.close()


def test_anonymous_visitors_get_the_kept_copy_each_language_its_own(site):
    _app, cluster, _vacancy_id = site
    first = anonymous(cluster, f"/jobs/{SLUG}/")
    again = anonymous(cluster, f"/jobs/{SLUG}/")
    assert first.status == again.status == 200
    assert "set-cookie" not in first.headers  # nothing personal, nothing to keep apart
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("MISS", "HIT")
    assert again.body == first.body and 'lang="ru"' in first.text
    english = anonymous(cluster, f"/jobs/{SLUG}/", "en")
    assert english.headers["x-cache"] == "MISS" and "Vacancies at" in english.text
    assert anonymous(cluster, f"/jobs/{SLUG}/", "en").headers["x-cache"] == "HIT"
    assert anonymous(cluster, f"/jobs/{SLUG}/").text == first.text  # Russian still Russian
    # The app's own headers come along (security headers, its caching for browsers).
    assert "content-security-policy" in again.headers and "etag" in again.headers
    assert anonymous(cluster, "/robots.txt").status == 200


def test_signed_in_visitors_always_reach_the_app(site):
    _app, cluster, _vacancy_id = site
    client = Client(cluster.port)
    try:
        client.login("admin@reliability.test", helpers.PASSWORD)
        for _ in range(2):
            answer = client.get(f"/jobs/{SLUG}/")
            assert answer.status == 200 and answer.headers["x-cache"] == "BYPASS"
        assert "x-cache" not in client.get("/vacancies/").headers  # the app's own pages
    finally:
        client.close()


def test_an_archived_vacancy_is_gone_within_two_seconds(site):
    app, cluster, vacancy_id = site
    page = anonymous(cluster, f"/jobs/{SLUG}/{vacancy_id}")
    assert page.status == 301
    path = page.headers["location"].removeprefix(f"http://127.0.0.1:{cluster.port}")
    assert anonymous(cluster, path).status == 200
    assert anonymous(cluster, path).headers["x-cache"] == "HIT"
    from app.accounts.models import Organization
    from app.catalog.service import catalog_for
    from app.extensions import db
    from app.vacancies import service
    from app.vacancies.models import Vacancy

    with app.app_context():
        vacancy = db.session.get(Vacancy, vacancy_id)
        org = db.session.get(Organization, vacancy.organization_id)
        service.set_status(vacancy, "archived", catalog_for(org))
        db.session.commit()
        db.engine.dispose()
    changed = time.monotonic()
    while anonymous(cluster, path).status != 410:
        assert time.monotonic() - changed < 2.5, "the archived vacancy is still shown"
        time.sleep(0.1)
