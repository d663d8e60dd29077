"""Sessions end when idle too long, when too old, on sign-out and on password change."""

from __future__ import annotations

import time
from datetime import timedelta

from app.config import default_config
from tests.conftest import PASSWORD, login, make_user

NEW = "another long passphrase"


def shift(client, key: str, seconds: int) -> None:
    with client.session_transaction() as session:
        session[key] = int(time.time()) - seconds


def test_defaults_and_cookie_lifetime(app):
    config = default_config("/tmp")
    assert config["SESSION_IDLE_MINUTES"] == 120 and config["SESSION_MAX_HOURS"] == 12
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=12)


def test_idle_session_ends(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    shift(client, "seen_at", 119 * 60)
    assert client.get("/").status_code == 200  # still within the idle time; seen again
    shift(client, "seen_at", 120 * 60)
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/").status_code == 302  # for good, not just once


def test_activity_keeps_the_session_but_not_past_the_absolute_limit(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    shift(client, "signed_in_at", 12 * 3600 - 5)
    assert client.get("/").status_code == 200
    shift(client, "signed_in_at", 12 * 3600)
    assert client.get("/").status_code == 302


def test_last_seen_is_written_at_most_once_a_minute(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    client.get("/")  # the first page adds the CSRF token to the session
    again = client.get("/")
    assert "session=" not in again.headers.get("Set-Cookie", "")  # nothing changed
    shift(client, "seen_at", 61)
    later = client.get("/")
    assert "session=" in later.headers.get("Set-Cookie", "")
    with client.session_transaction() as session:
        assert int(time.time()) - session["seen_at"] < 5


def test_settings_are_read(app, client):
    app.config["SESSION_IDLE_MINUTES"] = 5
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    shift(client, "seen_at", 5 * 60)
    assert client.get("/").status_code == 302


def test_a_session_from_before_the_limits_is_refused(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    with client.session_transaction() as session:
        del session["signed_in_at"]
    assert client.get("/").status_code == 302


def test_sign_out_ends_the_other_sessions(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    other = app.test_client()
    login(other, "rec@acme.test")
    login(client, "rec@acme.test")
    client.post("/logout")
    assert other.get("/").status_code == 302


def test_password_change_ends_the_other_sessions_and_keeps_this_one(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    other = app.test_client()
    login(other, "rec@acme.test")
    login(client, "rec@acme.test")
    shift(client, "signed_in_at", 3600)
    response = client.post(
        "/account/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
    # The change does not lengthen the session: the sign-in time is kept.
    with client.session_transaction() as session:
        assert int(time.time()) - session["signed_in_at"] >= 3600


def test_no_remember_me_cookie(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    response = login(client, "rec@acme.test")
    assert "remember_token" not in response.headers.get("Set-Cookie", "")


def test_bad_settings_stop_start_up():
    import pytest

    from app import create_app

    with pytest.raises(SystemExit, match="SESSION_IDLE_MINUTES"):
        create_app({"TESTING": True, "SECRET_KEY": "k", "SESSION_IDLE_MINUTES": 0})
    with pytest.raises(SystemExit, match="MAIL_URL"):
        create_app({"TESTING": True, "SECRET_KEY": "k", "MAIL_URL": "http://mail.test"})


def test_wrong_current_passwords_are_throttled_like_sign_ins(app, client):
    """A session left open is no way to guess the password: wrong current passwords on
    the password change count as failed sign-ins."""
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    wrong = {"current": "not the password", "password": NEW, "confirm": NEW}
    for _ in range(app.config["LOGIN_FAILURE_LIMIT"]):
        response = client.post("/account/password", data=wrong)
        assert response.status_code == 200
        assert "Текущий пароль указан неверно" in response.get_data(as_text=True)
    right = {"current": PASSWORD, "password": NEW, "confirm": NEW}
    response = client.post("/account/password", data=right)
    assert response.status_code == 429
    # Nothing changed: the old password is still the one, and sign-in is paused too.
    from app.accounts.passwords import verify_password
    from app.accounts.services import find_user

    with app.app_context():
        assert verify_password(find_user("rec@acme.test").password_hash, PASSWORD)
    fresh = app.test_client()
    assert login(fresh, "rec@acme.test").status_code == 429
