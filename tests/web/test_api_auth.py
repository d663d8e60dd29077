"""Tokens: Bearer authentication, revocation, deactivation, the CLI and the token page;
error bodies, body size and the rate limit."""

from __future__ import annotations

import hashlib

import pytest

from app import create_app
from tests.conftest import login, make_user
from tests.web.api_helpers import bearer, token_for

ME = "/api/v1/me"


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:200]
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "missing_token"),
        ("Basic YWRtaW46cGFzcw==", "missing_token"),
        ("Bearer ", "missing_token"),
        ("Bearer smm_not-a-real-token", "invalid_token"),
        ("Bearer something-else", "invalid_token"),
    ],
)
def test_requests_without_a_valid_token_are_401_json(app, client, header, code):
    make_user(app, "a@acme.test")
    headers = {"Authorization": header} if header else {}
    response = client.get(ME, headers=headers)
    assert response.status_code == 401
    assert error_of(response)["code"] == code
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_token_acts_as_its_user(app, client):
    secret = token_for(app, "rec@acme.test", "recruiter", "Acme")
    response = client.get(ME, headers=bearer(secret))
    assert response.status_code == 200
    me = response.get_json()
    assert me["email"] == "rec@acme.test"
    assert me["role"] == "recruiter"
    assert me["organization"]["name"] == "Acme"
    assert secret.startswith(me["token"]["prefix"])
    assert response.headers["RateLimit-Limit"] == "120"


def test_only_the_hash_of_the_token_is_stored(app):
    from app.api.models import ApiToken
    from app.extensions import db

    secret = token_for(app, "a@acme.test")
    with app.app_context():
        row = db.session.execute(db.select(ApiToken)).scalar_one()
        assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in {row.name, row.prefix, row.token_hash}


def test_a_revoked_token_is_refused_at_once(app, client):
    from app.api import tokens
    from app.api.models import ApiToken
    from app.extensions import db

    secret = token_for(app, "a@acme.test")
    assert client.get(ME, headers=bearer(secret)).status_code == 200
    with app.app_context():
        tokens.revoke_token(db.session.execute(db.select(ApiToken)).scalar_one(), None)
        db.session.commit()
    response = client.get(ME, headers=bearer(secret))
    assert response.status_code == 401
    assert error_of(response)["code"] == "invalid_token"


def test_a_deactivated_users_token_is_refused(app, client):
    from app.accounts.models import User
    from app.extensions import db

    secret = token_for(app, "a@acme.test")
    with app.app_context():
        db.session.execute(db.update(User).values(active=False))
        db.session.commit()
    assert client.get(ME, headers=bearer(secret)).status_code == 401


def test_a_role_change_applies_to_the_token_at_once(app, client):
    from app.accounts.models import User
    from app.extensions import db

    secret = token_for(app, "a@acme.test", "recruiter")
    assert client.get("/api/v1/vacancies", headers=bearer(secret)).status_code == 200
    with app.app_context():
        db.session.execute(db.update(User).values(role="evaluator"))
        db.session.commit()
    response = client.get("/api/v1/vacancies", headers=bearer(secret))
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"


def test_cli_creates_a_token_printed_alone_on_the_last_line(app, client, runner):
    make_user(app, "script@acme.test", "recruiter")
    result = runner.invoke(args=["tokens", "create", "script@acme.test", "--name", "ATS"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert secret.startswith("smm_") and " " not in secret
    me = client.get(ME, headers=bearer(secret)).get_json()
    assert me["token"]["name"] == "ATS"

    listed = runner.invoke(args=["tokens", "list", "script@acme.test"])
    assert "ATS" in listed.output and "active" in listed.output
    token_id = me["token"]["id"]
    revoked = runner.invoke(args=["tokens", "revoke", str(token_id)])
    assert revoked.exit_code == 0, revoked.output
    assert client.get(ME, headers=bearer(secret)).status_code == 401


def test_cli_refuses_unknown_and_deactivated_users(app, runner):
    from app.accounts.models import User
    from app.extensions import db

    assert runner.invoke(args=["tokens", "create", "nobody@acme.test"]).exit_code != 0
    make_user(app, "gone@acme.test")
    with app.app_context():
        db.session.execute(db.update(User).values(active=False))
        db.session.commit()
    result = runner.invoke(args=["tokens", "create", "gone@acme.test"])
    assert result.exit_code != 0
    assert "deactivated" in result.output


def test_token_page_shows_a_new_token_once_and_revokes_it(app, admin):
    page = admin.get("/account/tokens/")
    assert page.status_code == 200
    assert "no-store" in page.headers["Cache-Control"]
    created = admin.post("/account/tokens/", data={"name": "HR spreadsheet"})
    assert created.status_code == 201
    html = created.get_data(as_text=True)
    secret = html.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert secret.startswith("smm_")
    assert admin.get(ME, headers=bearer(secret)).status_code == 200

    again = admin.get("/account/tokens/").get_data(as_text=True)
    assert "HR spreadsheet" in again and secret not in again

    from app.api.models import ApiToken
    from app.extensions import db

    with app.app_context():
        token_id = db.session.execute(db.select(ApiToken.id)).scalar_one()
    assert admin.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    assert admin.get(ME, headers=bearer(secret)).status_code == 401


def test_token_page_validates_the_name(admin):
    response = admin.post("/account/tokens/", data={"name": ""})
    assert response.status_code == 422
    assert "smm_" not in response.get_data(as_text=True)


def test_a_user_cannot_revoke_someone_elses_token(app, client):
    token_for(app, "owner@acme.test")
    make_user(app, "colleague@acme.test", "admin", "Acme")
    assert login(client, "colleague@acme.test").status_code == 302
    from app.api.models import ApiToken
    from app.extensions import db

    with app.app_context():
        token_id = db.session.execute(db.select(ApiToken.id)).scalar_one()
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 404


def test_token_page_needs_sign_in(client, app):
    make_user(app, "a@acme.test")
    assert client.get("/account/tokens/").status_code == 302


def test_unknown_routes_and_methods_answer_json(app, client):
    secret = token_for(app, "a@acme.test")
    missing = client.get("/api/v1/nothing-here", headers=bearer(secret))
    assert missing.status_code == 404
    assert error_of(missing)["code"] == "not_found"
    wrong = client.patch(ME, headers=bearer(secret))
    assert wrong.status_code == 405
    assert error_of(wrong)["code"] == "method_not_allowed"
    assert "GET" in wrong.headers["Allow"]
    huge_id = client.get(f"/api/v1/vacancies/{10**30}", headers=bearer(secret))
    assert huge_id.status_code == 404 and huge_id.is_json


@pytest.mark.parametrize(
    "data",
    [b"{not json", b"[1, 2]", b'"text"', b"null", b"\xff\xfe", b"[" * 50_000],
)
def test_bodies_that_are_not_a_json_object_are_422(app, client, data):
    secret = token_for(app, "a@acme.test")
    response = client.post(
        "/api/v1/vacancies",
        data=data,
        headers={**bearer(secret), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "body" in error_of(response)["fields"]


def test_a_body_over_the_limit_is_413(app, client):
    app.config["API_MAX_BODY"] = 10_000
    secret = token_for(app, "a@acme.test")
    response = client.post(
        "/api/v1/vacancies",
        json={"title": "x" * 20_000, "role": "smm-manager"},
        headers=bearer(secret),
    )
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"


def test_the_rate_limit_answers_429_with_retry_after(app, client):
    app.config["API_RATE_LIMIT"] = "3/60"
    secret = token_for(app, "a@acme.test")
    other = token_for(app, "b@acme.test")
    statuses = [client.get(ME, headers=bearer(secret)).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = client.get(ME, headers=bearer(secret))
    assert limited.status_code == 429
    assert error_of(limited)["code"] == "rate_limited"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert client.get(ME, headers=bearer(other)).status_code == 200


def test_rate_limit_counters_are_shared_between_app_processes(app, client, database_url):
    """A second app on the same database (another gunicorn worker) sees the same count."""
    app.config["API_RATE_LIMIT"] = "2/60"
    secret = token_for(app, "a@acme.test")
    other_worker = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "API_RATE_LIMIT": "2/60",
        }
    )
    try:
        assert client.get(ME, headers=bearer(secret)).status_code == 200
        assert other_worker.test_client().get(ME, headers=bearer(secret)).status_code == 200
        assert client.get(ME, headers=bearer(secret)).status_code == 429
    finally:
        from app.extensions import db

        with other_worker.app_context():
            db.engine.dispose()


def test_the_rate_limit_window_rolls_over(app):
    from app.api import ratelimit
    from app.api.models import ApiRateCounter, ApiToken
    from app.extensions import db

    app.config["API_RATE_LIMIT"] = "2/60"
    token_for(app, "a@acme.test")
    with app.test_request_context():
        token_id = db.session.execute(db.select(ApiToken.id)).scalar_one()
        allowed = [ratelimit.hit(token_id, now=600.0).allowed for _ in range(3)]
        assert allowed == [True, True, False]
        fresh = ratelimit.hit(token_id, now=661.0)
        assert fresh.allowed and fresh.remaining == 1 and fresh.retry_after == 59
        windows = db.session.execute(db.select(ApiRateCounter.window_start)).scalars().all()
        assert windows == [660]  # the spent window is gone
        db.session.commit()


def test_a_malformed_rate_limit_setting_is_reported():
    from app.api.ratelimit import parse_limit

    assert parse_limit("120/60") == (120, 60)
    for bad in ("120", "a/b", "0/60", "5/-1"):
        with pytest.raises(ValueError, match="API_RATE_LIMIT"):
            parse_limit(bad)


def test_the_api_needs_no_csrf_token(app, database_url):
    """Even with CSRF protection on (as in production), API writes work with a token."""
    secret = token_for(app, "a@acme.test")
    strict = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
        }
    )
    try:
        response = strict.test_client().post(
            "/api/v1/vacancies/check",
            json={"role": "smm-manager", "workplace": "remote"},
            headers=bearer(secret),
        )
        assert response.status_code == 200, response.get_json()
    finally:
        from app.extensions import db

        with strict.app_context():
            db.engine.dispose()


def test_messages_follow_the_users_language_else_accept_language(app, client):
    from app.accounts.models import User
    from app.extensions import db

    secret = token_for(app, "a@acme.test")
    body = {"role": "smm-manager", "title": 5, "workplace": "remote"}

    def title_problem() -> str:
        headers = {**bearer(secret), "Accept-Language": "en"}
        response = client.post("/api/v1/vacancies/check", json=body, headers=headers)
        return error_of(response)["fields"]["title"][0]

    assert title_problem() == "Text expected."
    with app.app_context():
        db.session.execute(db.update(User).values(locale="ru"))
        db.session.commit()
    assert title_problem() == "Нужен текст."
