"""Organization isolation: every URL of one organization is 404 for another.

The URL map is enumerated, so a new route is covered as soon as it exists: a route
parameter this file cannot fill makes the test fail until an object for it is added
to `org_objects`.
"""

from __future__ import annotations

from tests.conftest import login, make_user

SKIP_ENDPOINTS = {"static"}


def org_objects(app) -> dict[str, int]:
    """Create one record of every kind in organization Acme; map route parameters to ids."""
    objects = {"user_id": make_user(app, "victim@acme.test", "recruiter", "Acme")}
    make_user(app, "owner@acme.test", "admin", "Acme")
    return objects


def test_every_url_of_another_organization_is_404(app, client):
    objects = org_objects(app)
    make_user(app, "intruder@other.test", "admin", "Other")
    assert login(client, "intruder@other.test").status_code == 302
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS or not rule.arguments:
            continue
        unknown = rule.arguments - objects.keys()
        assert not unknown, f"add a record for {sorted(unknown)} (route {rule.rule})"
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<int:{name}>", str(objects[name])).replace(
                f"<{name}>", str(objects[name])
            )
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code == 404, f"{method} {url} answered {response.status_code}"
            checked += 1
    assert checked >= 2
