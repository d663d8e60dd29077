"""Organization isolation through the API: every /api/ route with object ids is 404 for
another organization's admin, called with that admin's token.

Enumerates the URL map like test_isolation.py, so a new API route is covered at once;
the objects come from the same `org_objects`.
"""

from __future__ import annotations

from tests.web.api_helpers import bearer, token_for
from tests.web.test_isolation import org_objects

API_PREFIX = "/api/"


def _url(rule, objects: dict) -> str:
    url = rule.rule
    for name in rule.arguments:
        url = url.replace(f"<int:{name}>", str(objects[name])).replace(
            f"<{name}>", str(objects[name])
        )
    return url


def test_every_api_url_of_another_organization_is_404(app, client):
    objects = org_objects(app)
    headers = bearer(token_for(app, "intruder@other.test", "admin", "Other"))
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API_PREFIX) or not rule.arguments:
            continue
        unknown = rule.arguments - objects.keys()
        assert not unknown, f"add a record for {sorted(unknown)} (route {rule.rule})"
        url = _url(rule, objects)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, headers=headers, json={})
            assert response.status_code == 404, f"{method} {url} answered {response.status_code}"
            assert response.get_json()["error"]["code"] == "not_found"
            checked += 1
    assert checked >= 20


def test_the_same_urls_answer_the_owner(app, client):
    """The ids above are real: Acme's own admin reaches them."""
    objects = org_objects(app)
    headers = bearer(token_for(app, "owner@acme.test", create=False))
    for url in (
        f"/api/v1/vacancies/{objects['vacancy_id']}",
        f"/api/v1/trial-plans/{objects['plan_id']}",
        f"/api/v1/candidates/{objects['candidate_id']}",
        f"/api/v1/candidates/{objects['candidate_id']}/score",
    ):
        assert client.get(url, headers=headers).status_code == 200, url


def test_api_routes_refuse_a_session_cookie_without_a_token(app, client):
    """A signed-in browser is not an API client: 401 JSON, never the data."""
    from tests.conftest import login, make_user

    objects = org_objects(app)
    make_user(app, "browser@acme.test", "admin", "Acme")
    assert login(client, "browser@acme.test").status_code == 302
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.openapi_document":
            continue
        url = _url(rule, objects)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, json={})
            assert response.status_code == 401, f"{method} {url} answered {response.status_code}"
            assert response.is_json
            assert response.get_json()["error"]["code"] == "missing_token"
