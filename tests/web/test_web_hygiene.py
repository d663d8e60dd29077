"""Headers, cookies, CSRF, error pages, size limits, health check."""

from __future__ import annotations

import pytest

from app import create_app
from tests.conftest import make_user


def test_security_headers_on_every_response(client):
    for path in ("/setup", "/static/css/app.css", "/healthz", "/no-such-page"):
        response = client.get(path)
        headers = response.headers
        response.close()
        csp = headers["Content-Security-Policy"]
        for part in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ):
            assert part in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_session_cookie_flags(app, client):
    make_user(app, "a@acme.test")
    response = client.post(
        "/login", data={"email": "a@acme.test", "password": "correct horse battery staple"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookie_outside_development(database_url, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    prod = create_app({"APP_ENV": "production", "SQLALCHEMY_DATABASE_URI": database_url})
    assert prod.config["SESSION_COOKIE_SECURE"] is True
    assert prod.config["MAX_CONTENT_LENGTH"]


def test_missing_secret_key_stops_start_up_outside_development(database_url, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    with pytest.raises(SystemExit) as exc:
        create_app({"APP_ENV": "production", "SQLALCHEMY_DATABASE_URI": database_url})
    assert "SECRET_KEY" in str(exc.value)


def test_development_generates_and_keeps_a_secret_key(database_url, tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    first = create_app({"APP_ENV": "development", "SQLALCHEMY_DATABASE_URI": database_url})
    second = create_app({"APP_ENV": "development", "SQLALCHEMY_DATABASE_URI": database_url})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_csrf_required_on_forms(database_url, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url})
    client = app.test_client()
    response = client.post("/setup", data={"organization": "X"})
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_friendly_404_in_russian(admin):
    response = admin.get("/no-such-page", headers={"Accept-Language": "ru"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Страница не найдена" in page


def test_friendly_404_in_english(app, client):
    make_user(app, "a@acme.test")
    response = client.get("/nope", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Page not found" in response.get_data(as_text=True)


def test_413_for_huge_body(app, admin):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = admin.post("/admin/users/new", data={"name": "x" * 5000})
    assert response.status_code == 413
    assert "Traceback" not in response.get_data(as_text=True)


def test_500_page_has_no_traceback(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    make_user(app, "a@acme.test")
    client.post("/login", data={"email": "a@acme.test", "password": "correct horse battery staple"})
    response = client.get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in page and "Traceback" not in page


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["status"] == "ok"


@pytest.mark.parametrize("document", [[1, 2], True, "text", {"name": ["a", {"b": None}]}])
def test_json_body_to_a_web_form_is_400(app, admin, document):
    # Found by the form fuzz: Flask-WTF reads a JSON body as the form; a document that is
    # not an object broke every form (500), and an object put lists and nulls into text.
    from sqlalchemy import func, select

    from app.api.models import ApiToken
    from app.extensions import db

    response = admin.post("/account/tokens/", json=document)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count(ApiToken.id))).scalar_one() == 0


def test_file_part_where_a_form_takes_text_is_400(app, admin):
    # Found by the form fuzz: a file part under a text field's name reached the field as a
    # FileStorage (len(), .strip() and int() on it failed with a 500).
    import io

    from sqlalchemy import func, select

    from app.api.models import ApiToken
    from app.extensions import db

    response = admin.post(
        "/account/tokens/",
        data={"name": (io.BytesIO(b"x"), "x.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    with app.app_context():
        assert db.session.execute(select(func.count(ApiToken.id))).scalar_one() == 0
    plain = admin.post("/account/tokens/", data={"name": "ATS"}, content_type="multipart/form-data")
    assert plain.status_code == 201  # a multipart form without files is still fine
