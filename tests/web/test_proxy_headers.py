"""Behind a reverse proxy: the client's address and scheme come from X-Forwarded-For/-Proto,
and only when TRUSTED_PROXIES says a proxy is there (a client cannot pick its address).

Every request here comes from 127.0.0.1, as every request from nginx does.
"""

from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select

from app import create_app
from app.accounts.models import AuditEvent
from app.extensions import db
from tests.conftest import CHEAP_HASH, PASSWORD, make_user

PROXY = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture
def make_app(database_url, tmp_path):
    made = []

    def make(**config):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "SQLALCHEMY_DATABASE_URI": database_url,
                "PASSWORD_HASH_METHOD": CHEAP_HASH,
                "WTF_CSRF_ENABLED": False,
                "EXPORT_CACHE_DIR": str(tmp_path / "export-cache"),
                **config,
            }
        )

        @app.route("/_test/external-url")
        def external_url():
            return url_for("main.index", _external=True)

        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            for table in reversed(db.metadata.sorted_tables):
                db.session.execute(table.delete())
            db.session.commit()
            db.engine.dispose()


def client_at(app, forwarded_for: str | None = None, proto: str | None = None):
    """A test client whose requests arrive from the proxy's address with these headers."""
    headers = {}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    if proto:
        headers["X-Forwarded-Proto"] = proto
    client = app.test_client()
    client.environ_base.update(PROXY)
    client.environ_base.update(
        {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    )
    return client


def sign_in(client, email: str, password: str = PASSWORD) -> int:
    return client.post("/login", data={"email": email, "password": password}).status_code


def fail_five_times(client) -> None:
    """Five failed sign-ins with different unknown accounts: only the address adds up."""
    for n in range(5):
        assert sign_in(client, f"nobody{n}@acme.test", "wrong password!") == 200


def audit_addresses(app, action: str) -> list[str]:
    with app.app_context():
        return list(
            db.session.execute(select(AuditEvent.ip).where(AuditEvent.action == action)).scalars()
        )


def test_clients_behind_a_trusted_proxy_are_throttled_apart(make_app):
    app = make_app(TRUSTED_PROXIES=1)
    make_user(app, "rec@acme.test", "recruiter")
    guesser = client_at(app, "203.0.113.7")
    fail_five_times(guesser)
    assert sign_in(guesser, "rec@acme.test") == 429
    colleague = client_at(app, "198.51.100.20")
    assert sign_in(colleague, "rec@acme.test") == 302
    assert set(audit_addresses(app, "login-failed")) == {"203.0.113.7"}
    assert audit_addresses(app, "login") == ["198.51.100.20"]


def test_only_the_trusted_hops_are_believed(make_app):
    # A client sends its own X-Forwarded-For; nginx appends the address it saw: with one
    # trusted proxy the last entry is the client, whatever the client wrote before it.
    app = make_app(TRUSTED_PROXIES=1)
    make_user(app, "rec@acme.test", "recruiter")
    for n in range(5):
        spoofing = client_at(app, f"10.9.9.{n}, 203.0.113.7")
        assert sign_in(spoofing, f"nobody{n}@acme.test", "wrong password!") == 200
    assert sign_in(client_at(app, "10.1.1.1, 203.0.113.7"), "rec@acme.test") == 429
    assert set(audit_addresses(app, "login-failed")) == {"203.0.113.7"}


def test_spoofed_headers_change_nothing_without_a_trusted_proxy(make_app):
    app = make_app()  # TRUSTED_PROXIES defaults to 0
    assert app.config["TRUSTED_PROXIES"] == 0
    make_user(app, "rec@acme.test", "recruiter")
    for n in range(5):
        spoofing = client_at(app, f"203.0.113.{n}", proto="https")
        assert sign_in(spoofing, f"nobody{n}@acme.test", "wrong password!") == 200
    # Still one address to the throttle: a new X-Forwarded-For does not get it out.
    assert sign_in(client_at(app, "198.51.100.20"), "rec@acme.test") == 429
    assert set(audit_addresses(app, "login-failed")) == {"127.0.0.1"}
    answer = client_at(app, proto="https").get("/_test/external-url")
    assert answer.get_data(as_text=True).startswith("http://")
    assert "Strict-Transport-Security" not in answer.headers


def test_forwarded_https_gives_hsts_secure_cookies_and_https_links(make_app, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    app = make_app(APP_ENV="production", TESTING=False, TRUSTED_PROXIES=1)
    make_user(app, "rec@acme.test", "recruiter")
    secure = client_at(app, "203.0.113.7", proto="https")
    answer = secure.get("/_test/external-url")
    assert answer.get_data(as_text=True) == "https://localhost/"
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
    signed_in = secure.post("/login", data={"email": "rec@acme.test", "password": PASSWORD})
    assert signed_in.status_code == 302
    cookie = signed_in.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    # The same proxy forwarding a plain-HTTP request: no HSTS, http links.
    plain = client_at(app, "203.0.113.8", proto="http").get("/_test/external-url")
    assert plain.get_data(as_text=True) == "http://localhost/"
    assert "Strict-Transport-Security" not in plain.headers


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_bad_trusted_proxies_setting_stops_start_up(database_url, monkeypatch, value):
    monkeypatch.setenv("TRUSTED_PROXIES", value)
    with pytest.raises(SystemExit) as stopped:
        create_app({"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": database_url})
    assert "TRUSTED_PROXIES" in str(stopped.value)


def test_trusted_proxies_from_the_environment(database_url, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["TRUSTED_PROXIES"] == 2


def test_export_cache_dir_from_the_environment(database_url, monkeypatch, tmp_path):
    # Several app nodes and the queue worker share one folder of rendered files.
    monkeypatch.setenv("EXPORT_CACHE_DIR", str(tmp_path / "shared"))
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["EXPORT_CACHE_DIR"] == str(tmp_path / "shared")
