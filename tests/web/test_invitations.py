"""Admins invite people by mail; the invitee chooses the password. Nothing an admin
sees tells which addresses or organization names other organizations have."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import AccountToken, AuditEvent, Organization, User
from app.database import utcnow
from app.extensions import db
from tests.conftest import PASSWORD, login, make_user
from tests.web.mail_helpers import body, link_in

NEW = "a brand new passphrase"


def invite(client, email: str, role: str = "evaluator", name: str = "Ева", lang: str = "en"):
    return client.post(
        "/admin/users/new",
        data={"name": name, "email": email, "role": role},
        headers={"Accept-Language": lang},
    )


def test_invitee_sets_the_password_and_is_signed_in(mailing_app, admin, mail_server):
    response = invite(admin, "Eva@Acme.test")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/users")
    mail = mail_server.wait(1)[0]
    assert mail["To"] == "eva@acme.test"
    assert "Invitation to Acme" in mail["Subject"]
    assert "72 hours" in body(mail)
    path = link_in(mail)
    assert "eva@acme.test" in admin.get("/admin/users").get_data(as_text=True)  # open invitation

    invitee = mailing_app.test_client()
    page = invitee.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Join Acme" in page and 'value="Ева"' in page and "eva@acme.test" in page
    response = invitee.post(path, data={"name": "Ева", "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert invitee.get("/").status_code == 200
    with mailing_app.app_context():
        user = db.session.execute(select(User).filter_by(email="eva@acme.test")).scalar_one()
        assert (user.role, user.organization.name, user.name) == ("evaluator", "Acme", "Ева")
        actions = set(db.session.execute(select(AuditEvent.action)).scalars())
    assert {"user-invited", "invitation-accepted"} <= actions
    # Single use.
    assert mailing_app.test_client().get(path).status_code == 404
    invitee.post("/logout")
    assert login(invitee, "eva@acme.test", NEW).status_code == 302


def test_invitation_form_has_no_password_field(app, admin):
    page = admin.get("/admin/users/new").get_data(as_text=True)
    assert 'type="password"' not in page and 'name="email"' in page


def test_expired_and_withdrawn_invitations_do_not_work(mailing_app, admin, mail_server):
    invite(admin, "a@acme.test")
    invite(admin, "b@acme.test")
    # Mails go out on a background pool: they may arrive in either order.
    by_address = {m["To"]: link_in(m) for m in mail_server.wait(2)}
    first, second = by_address["a@acme.test"], by_address["b@acme.test"]
    with mailing_app.app_context():
        rows = {r.email: r for r in db.session.execute(select(AccountToken)).scalars()}
        rows["a@acme.test"].expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        second_id = rows["b@acme.test"].id
    assert admin.get(first).status_code == 404
    assert admin.post(f"/admin/invitations/{second_id}/revoke").status_code == 302
    assert admin.get(second).status_code == 404


def test_another_organizations_address_gets_the_same_answer(mailing_app, admin, mail_server):
    make_user(mailing_app, "taken@other.test", "recruiter", "Other Org")
    fresh = invite(admin, "fresh@acme.test")
    taken = invite(admin, "taken@other.test")
    assert fresh.status_code == taken.status_code == 302
    after_fresh = admin.get("/admin/users").get_data(as_text=True)
    assert "Invitation sent to fresh@acme.test" in after_fresh
    # The admin sees the same kind of answer; the owner of the address is told by mail.
    mails = mail_server.wait(2)
    taken_mail = next(m for m in mails if m["To"] == "taken@other.test")
    assert "already has an account" in body(taken_mail)
    assert "/invite/" not in body(taken_mail)
    assert "Other Org" not in admin.get("/admin/users").get_data(as_text=True)


def test_revoking_another_organizations_invitation_is_404(mailing_app, admin, mail_server):
    other_admin = make_user(mailing_app, "boss@other.test", "admin", "Other Org")
    with mailing_app.app_context():
        from app.accounts import services

        org = db.session.get(User, other_admin).organization
        row, _raw = services.issue_token("invite", org.id, "x@other.test", timedelta(hours=1))
        db.session.commit()
        row_id = row.id
    assert admin.post(f"/admin/invitations/{row_id}/revoke").status_code == 404
    with mailing_app.app_context():
        assert db.session.get(AccountToken, row_id).used_at is None


def test_an_address_invited_elsewhere_first_cannot_be_taken_twice(mailing_app, admin, mail_server):
    invite(admin, "eva@acme.test")
    path = link_in(mail_server.wait(1)[0])
    make_user(mailing_app, "eva@acme.test", "recruiter", "Other Org")  # joined meanwhile
    response = mailing_app.test_client().post(
        path, data={"password": NEW, "confirm": NEW}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    assert "already has an account" in response.get_data(as_text=True)


def test_invitation_mail_in_the_admins_language(mailing_app, admin, mail_server):
    admin.post("/language", data={"lang": "ru", "next": "/"})
    invite(admin, "eva@acme.test", lang="ru")
    mail = mail_server.wait(1)[0]
    assert mail["Subject"].startswith("Приглашение в Acme")
    assert "Ссылка действует 72 ч" in body(mail)


def test_renaming_to_another_organizations_name_reveals_nothing(app, admin):
    make_user(app, "x@other.test", "admin", "Other")
    response = admin.post("/admin/organization", data={"name": "Other", "labour_law": "ru"})
    assert response.status_code == 302  # accepted like any other name
    with app.app_context():
        names = sorted(db.session.execute(select(Organization.name)).scalars())
    assert names == ["Other", "Other"]


def test_recruiter_cannot_invite(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test", PASSWORD)
    assert client.post("/admin/users/new", data={"email": "x@acme.test"}).status_code == 403
