"""The admin export page: admins download their own organization, audited; others get 403."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.accounts.models import AuditEvent
from app.backup import FORMAT
from app.extensions import db
from tests.conftest import login, make_user


def test_admin_sees_what_is_included_and_downloads_own_organization(app, admin):
    make_user(app, "rec@acme.test", "recruiter", "Acme")
    make_user(app, "boss@other.test", "admin", "Other")
    page = admin.get("/admin/export", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "/admin/export/download" in text and "API tokens" in text

    # Made by the worker (eagerly in tests), then handed out from the job's file.
    response = admin.get("/admin/export/download", follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".json" in disposition
    assert response.headers["Cache-Control"] == "no-store"
    document = json.loads(response.get_data(as_text=True))
    assert document["format"] == FORMAT and document["password_hashes"] is False
    assert document["organization"]["name"] == "Acme"
    assert sorted(u["email"] for u in document["users"]) == ["admin@acme.test", "rec@acme.test"]
    assert all("password_hash" not in u for u in document["users"])
    assert "other.test" not in response.get_data(as_text=True)

    with app.app_context():
        events = db.session.execute(
            select(AuditEvent).where(AuditEvent.action == "org-exported")
        ).scalars()
        (event,) = list(events)
        assert event.detail["via"] == "web" and event.detail["users"] == 2
        assert event.user_id is not None
    audit_page = admin.get("/admin/audit?action=org-exported").get_data(as_text=True)
    assert "org-exported" in audit_page


@pytest.mark.parametrize("role", ["recruiter", "evaluator"])
def test_other_roles_get_403(app, client, role):
    make_user(app, "someone@acme.test", role, "Acme")
    assert login(client, "someone@acme.test").status_code == 302
    assert client.get("/admin/export").status_code == 403
    assert client.get("/admin/export/download").status_code == 403


def test_anonymous_is_sent_to_sign_in(app, client):
    make_user(app, "admin@acme.test", "admin", "Acme")
    response = client.get("/admin/export/download")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_page_renders_in_russian(admin):
    response = admin.get("/admin/export", headers={"Accept-Language": "ru"})
    assert response.status_code == 200
    assert 'lang="ru"' in response.get_data(as_text=True)
