"""Forgot password: a single-use, expiring link by mail; nothing tells whether an
address has an account."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import AccountToken, User
from app.database import utcnow
from app.extensions import db
from tests.conftest import login, make_user
from tests.web.mail_helpers import body, link_in

NEW = "a brand new passphrase"


def ask(client, email: str, lang: str = "en"):
    return client.post("/password/forgot", data={"email": email}, headers={"Accept-Language": lang})


def test_sign_in_page_links_to_the_reset_form(app, client):
    make_user(app, "a@acme.test")
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in page
    assert 'autocomplete="username"' in page and 'autocomplete="current-password"' in page


def test_reset_link_by_mail_changes_the_password_once(mailing_app, client, mail_server):
    make_user(mailing_app, "rec@acme.test", "recruiter")
    response = ask(client, "rec@acme.test")
    assert response.status_code == 200
    mail = mail_server.wait(1)[0]
    assert mail["To"] == "rec@acme.test"
    assert mail["From"] == "Hiring Desk <desk@acme.test>"
    assert mail_server.logins == ["mailer"]  # SMTP AUTH with the MAIL_URL credentials
    assert "60 minutes" in body(mail)
    path = link_in(mail)
    assert path.startswith("/password/reset/")
    page = client.get(path).get_data(as_text=True)
    assert 'autocomplete="new-password"' in page
    response = client.post(path, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert login(client, "rec@acme.test").status_code == 200  # the old password is refused
    assert login(client, "rec@acme.test", NEW).status_code == 302
    # Single use: the same link is dead now.
    client.post("/logout")
    assert client.get(path).status_code == 404
    assert client.post(path, data={"password": "x" * 12, "confirm": "x" * 12}).status_code == 404


def test_the_answer_is_the_same_for_unknown_addresses(mailing_app, client, mail_server):
    make_user(mailing_app, "rec@acme.test", "recruiter")
    known = ask(client, "rec@acme.test").get_data(as_text=True)
    unknown = ask(client, "nobody@acme.test").get_data(as_text=True)
    assert known == unknown
    assert "If an account uses this address" in known
    mail_server.wait(1)
    with mailing_app.app_context():
        assert db.session.execute(select(AccountToken.email)).scalars().all() == ["rec@acme.test"]
    assert [m["To"] for m in mail_server.messages] == ["rec@acme.test"]


def test_expired_link_is_refused(mailing_app, client, mail_server):
    make_user(mailing_app, "rec@acme.test", "recruiter")
    ask(client, "rec@acme.test")
    path = link_in(mail_server.wait(1)[0])
    with mailing_app.app_context():
        row = db.session.execute(select(AccountToken)).scalar_one()
        assert row.expires_at - utcnow() <= timedelta(hours=1)
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get(path).status_code == 404
    assert client.post(path, data={"password": NEW, "confirm": NEW}).status_code == 404
    assert login(client, "rec@acme.test", NEW).status_code == 200


def test_a_newer_link_replaces_the_older(mailing_app, client, mail_server):
    make_user(mailing_app, "rec@acme.test", "recruiter")
    # Mails go out on a background pool: the second is asked for once the first is in.
    ask(client, "rec@acme.test")
    first = link_in(mail_server.wait(1)[0])
    ask(client, "rec@acme.test")
    second = link_in(mail_server.wait(2)[1])
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_reset_ends_every_session(mailing_app, client, mail_server):
    make_user(mailing_app, "rec@acme.test", "recruiter")
    other = mailing_app.test_client()
    login(other, "rec@acme.test")
    assert other.get("/").status_code == 200
    ask(client, "rec@acme.test")
    path = link_in(mail_server.wait(1)[0])
    client.post(path, data={"password": NEW, "confirm": NEW})
    assert other.get("/").status_code == 302


def test_mail_is_in_the_users_language(mailing_app, client, mail_server):
    uid = make_user(mailing_app, "rec@acme.test", "recruiter")
    with mailing_app.app_context():
        db.session.get(User, uid).locale = "ru"
        db.session.commit()
    ask(client, "rec@acme.test", lang="en")
    mail = mail_server.wait(1)[0]
    assert mail["Subject"] == "Новый пароль для SMM Hiring Desk"
    assert "Ссылка действует 60 мин" in body(mail)


def test_weak_new_password_keeps_the_link(mailing_app, client, mail_server):
    make_user(mailing_app, "rec@acme.test", "recruiter")
    ask(client, "rec@acme.test")
    path = link_in(mail_server.wait(1)[0])
    response = client.post(path, data={"password": "short", "confirm": "short"})
    assert response.status_code == 200
    assert 'id="password-error"' in response.get_data(as_text=True)
    assert client.get(path).status_code == 200


def test_reset_mails_are_limited_per_hour(mailing_app, client, mail_server):
    make_user(mailing_app, "rec@acme.test", "recruiter")
    for _ in range(5):
        assert ask(client, "rec@acme.test").status_code == 200
    mail_server.wait(3)
    with mailing_app.app_context():
        assert len(db.session.execute(select(AccountToken.id)).all()) == 3


def test_deactivated_user_gets_no_link(mailing_app, client, mail_server):
    uid = make_user(mailing_app, "rec@acme.test", "recruiter")
    with mailing_app.app_context():
        db.session.get(User, uid).active = False
        db.session.commit()
    assert ask(client, "rec@acme.test").status_code == 200
    with mailing_app.app_context():
        assert db.session.execute(select(AccountToken.id)).first() is None


def test_without_mail_url_development_logs_and_shows_the_mail(app, client, caplog):
    from app.mail import OUTBOX

    OUTBOX.clear()
    make_user(app, "rec@acme.test", "recruiter")
    ask(client, "rec@acme.test")  # production: not sent, and the link is not logged
    assert "/password/reset/" not in caplog.text and not OUTBOX
    assert client.get("/dev/mail").status_code == 404
    app.config["APP_ENV"] = "development"
    ask(client, "rec@acme.test")
    assert "/password/reset/" in caplog.text
    page = client.get("/dev/mail").get_data(as_text=True)
    assert "rec@acme.test" in page and "/password/reset/" in page


def test_links_use_base_url_when_set(mailing_app, client, mail_server):
    mailing_app.config["BASE_URL"] = "https://hire.example.com/"
    make_user(mailing_app, "rec@acme.test", "recruiter")
    client.post("/password/forgot", data={"email": "rec@acme.test"}, headers={"Host": "evil.test"})
    text = body(mail_server.wait(1)[0])
    assert "https://hire.example.com/password/reset/" in text and "evil.test" not in text
