"""Admins manage their organization's users; others cannot."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import AccountToken, AuditEvent, User
from app.extensions import db
from tests.conftest import PASSWORD, login, make_user


def test_duplicate_email_in_the_organization_is_an_error_beside_the_field(app, admin):
    make_user(app, "x@acme.test", "recruiter")
    page = admin.post(
        "/admin/users/new", data={"name": "X", "email": "X@acme.test", "role": "recruiter"}
    ).get_data(as_text=True)
    assert 'id="email-error"' in page


def test_role_change_and_deactivation_are_audited(app, admin):
    uid = make_user(app, "rec@acme.test", "recruiter")
    response = admin.post(f"/admin/users/{uid}", data={"name": "R", "role": "evaluator"})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, uid)
        assert user.role == "evaluator" and user.active is False
        actions = set(db.session.execute(select(AuditEvent.action)).scalars())
    assert {"role-changed", "user-deactivated"} <= actions


def test_last_admin_cannot_demote_themselves(app, admin):
    with app.app_context():
        uid = db.session.execute(select(User.id)).scalar_one()
    page = admin.post(f"/admin/users/{uid}", data={"role": "recruiter", "active": "y"})
    assert page.status_code == 200
    with app.app_context():
        assert db.session.get(User, uid).role == "admin"


def test_recruiter_cannot_manage_users(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    assert client.get("/admin/users").status_code == 403
    assert client.post("/admin/users/new", data={}).status_code == 403


def test_change_password(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    new = "another long passphrase"
    response = client.post(
        "/account/password", data={"current": PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    client.post("/logout")
    assert login(client, "rec@acme.test").status_code == 200
    assert login(client, "rec@acme.test", new).status_code == 302


def test_cli_creates_user_and_org_from_stdin(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Boss@Corp.test",
            "--org",
            "Corp",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    with app.app_context():
        user = db.session.execute(select(User)).scalar_one()
        assert user.email == "boss@corp.test" and user.organization.name == "Corp"


def test_cli_refuses_weak_password(app, runner):
    result = runner.invoke(
        args=["users", "create", "a@b.test", "--org", "Corp", "--password-stdin"],
        input="qwerty\n",
    )
    assert result.exit_code != 0
    assert "10 characters" in result.output


def test_invitation_without_a_name_field_is_stored(app, admin):
    # Found by the form fuzz: an omitted optional name reached create_user as None (500).
    response = admin.post(
        "/admin/users/new", data={"email": "noname@acme.test", "role": "recruiter"}
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.execute(select(AccountToken)).scalar_one()
        assert row.email == "noname@acme.test" and row.name == ""


def test_email_with_a_control_character_is_refused(app, admin):
    # Found by the form fuzz on PostgreSQL: "0@\x00.00" passed the e-mail check and the
    # lookup of the address failed in the database (text cannot hold NUL there): 500.
    response = admin.post(
        "/admin/users/new", data={"email": "eva@\x00acme.test", "role": "evaluator"}
    )
    assert response.status_code == 200
    assert 'id="email-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(AccountToken)).first() is None
