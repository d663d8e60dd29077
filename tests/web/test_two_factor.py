"""Two-factor sign-in: TOTP set-up with a QR code, the code step, recovery codes,
replay refusal, throttling, the organization's requirement and the operator's reset."""

from __future__ import annotations

import re
import time

import pyotp
from sqlalchemy import select

from app.accounts.models import AuditEvent, Organization, RecoveryCode, User
from app.extensions import db
from tests.conftest import PASSWORD, login, make_user

EN = {"Accept-Language": "en"}


def enable_2fa(client) -> tuple[str, list[str]]:
    """Set up 2FA through the pages; return the secret and the recovery codes."""
    page = client.get("/account/two-factor", headers=EN).get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    assert 'autocomplete="one-time-code"' in page
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    code = pyotp.TOTP(secret).now()
    response = client.post("/account/two-factor", data={"code": code}, headers=EN)
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def next_code(secret: str, steps: int = 1) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps)


def test_setup_needs_a_matching_code(app, client):
    uid = make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    client.get("/account/two-factor")
    response = client.post("/account/two-factor", data={"code": "000000"}, headers=EN)
    assert response.status_code == 200
    assert 'id="code-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, uid).totp_secret is None


def test_sign_in_asks_for_the_code(app, client):
    uid = make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    secret, _codes = enable_2fa(client)
    with app.app_context():
        user = db.session.get(User, uid)
        assert user.totp_secret == secret
        hashes = db.session.execute(select(RecoveryCode.code_hash)).scalars().all()
    assert len(hashes) == 10 and all(len(h) == 64 for h in hashes)  # hashed, not the codes
    client.post("/logout")

    response = login(client, "rec@acme.test")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login/code")
    assert client.get("/").status_code == 302  # not signed in yet
    wrong = client.post("/login/code", data={"code": "123456"}, headers=EN)
    assert wrong.status_code == 200 and 'id="code-error"' in wrong.get_data(as_text=True)
    response = client.post("/login/code", data={"code": next_code(secret)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_code_is_good_once(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    secret, _codes = enable_2fa(client)
    client.post("/logout")
    code = next_code(secret)
    login(client, "rec@acme.test")
    assert client.post("/login/code", data={"code": code}).status_code == 302
    client.post("/logout")
    login(client, "rec@acme.test")
    replay = client.post("/login/code", data={"code": code})
    assert replay.status_code == 200  # refused: the same step was used
    assert client.get("/").status_code == 302


def test_recovery_code_works_once(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    _secret, codes = enable_2fa(client)
    client.post("/logout")
    login(client, "rec@acme.test")
    assert client.post("/login/code", data={"code": codes[0].upper()}).status_code == 302
    client.post("/logout")
    login(client, "rec@acme.test")
    assert client.post("/login/code", data={"code": codes[0]}).status_code == 200
    assert client.post("/login/code", data={"code": codes[1]}).status_code == 302


def test_code_step_is_throttled_with_the_password_step(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    secret, _codes = enable_2fa(client)
    client.post("/logout")
    login(client, "rec@acme.test")
    for _ in range(5):
        assert client.post("/login/code", data={"code": "000000"}).status_code == 200
    response = client.post("/login/code", data={"code": next_code(secret)})
    assert response.status_code == 429
    assert client.get("/").status_code == 302
    with app.app_context():
        actions = db.session.execute(select(AuditEvent.action)).scalars().all()
    assert actions.count("login-failed") == 5 and "login-throttled" in actions


def test_code_step_without_the_password_step_goes_to_sign_in(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    response = client.post("/login/code", data={"code": "123456"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")


def test_disable_needs_password_and_code(app, client):
    uid = make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    secret, _codes = enable_2fa(client)
    bad = client.post(
        "/account/two-factor/disable",
        data={"password": "wrong password!", "code": next_code(secret)},
    )
    assert bad.status_code == 200
    bad = client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": "000000"})
    assert bad.status_code == 200
    with app.app_context():
        assert db.session.get(User, uid).totp_secret is not None
    ok = client.post(
        "/account/two-factor/disable", data={"password": PASSWORD, "code": next_code(secret)}
    )
    assert ok.status_code == 302
    with app.app_context():
        assert db.session.get(User, uid).totp_secret is None
        assert db.session.execute(select(RecoveryCode)).first() is None


def test_new_recovery_codes_replace_the_old(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    secret, old = enable_2fa(client)
    response = client.post("/account/two-factor/recovery-codes", data={"code": next_code(secret)})
    new = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/logout")
    login(client, "rec@acme.test")
    assert client.post("/login/code", data={"code": old[0]}).status_code == 200
    assert client.post("/login/code", data={"code": new[0]}).status_code == 302


def test_enabling_ends_other_sessions(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    other = app.test_client()
    login(other, "rec@acme.test")
    login(client, "rec@acme.test")
    enable_2fa(client)
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_organization_requirement_sends_users_to_set_up(app, admin):
    make_user(app, "rec@acme.test", "recruiter")
    client = app.test_client()
    # The admin must have 2FA before requiring it.
    refused = admin.post(
        "/admin/organization", data={"name": "Acme", "labour_law": "ru", "require_2fa": "y"}
    )
    assert refused.status_code == 200 and 'id="require_2fa-error"' in refused.get_data(as_text=True)
    enable_2fa(admin)
    response = admin.post(
        "/admin/organization", data={"name": "Acme", "labour_law": "ru", "require_2fa": "y"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.execute(select(Organization.require_2fa)).scalar_one() is True

    assert login(client, "rec@acme.test").status_code == 302
    for path in ("/", "/vacancies/", "/account/tokens/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].endswith("/account/two-factor")
    secret, _codes = enable_2fa(client)
    assert client.get("/").status_code == 200
    # Required: it cannot be switched off.
    blocked = client.post(
        "/account/two-factor/disable", data={"password": PASSWORD, "code": next_code(secret)}
    )
    assert blocked.status_code == 403


def test_operator_resets_2fa_from_the_command_line(app, client, runner):
    uid = make_user(app, "rec@acme.test", "recruiter")
    login(client, "rec@acme.test")
    enable_2fa(client)
    result = runner.invoke(args=["users", "reset-2fa", "REC@acme.test"])
    assert result.exit_code == 0, result.output
    assert client.get("/").status_code == 302  # the session ended
    with app.app_context():
        user = db.session.get(User, uid)
        assert user.totp_secret is None and user.totp_last_step is None
        assert "2fa-reset" in db.session.execute(select(AuditEvent.action)).scalars().all()
    assert login(client, "rec@acme.test").headers["Location"] == "/"
    assert runner.invoke(args=["users", "reset-2fa", "nobody@acme.test"]).exit_code != 0


def test_qr_code_encodes_the_provisioning_uri(app):
    from app.accounts import twofactor

    uri = twofactor.provisioning_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "rec@acme.test")
    assert uri.startswith(
        "otpauth://totp/SMM%20Hiring%20Desk:rec%40acme.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    )
    assert twofactor.qr_data_uri(uri).startswith("data:image/svg+xml")


def test_drift_of_one_step_is_accepted_two_are_not():
    from app.accounts.twofactor import matching_step

    secret = pyotp.random_base32()
    now = 1_800_000_000
    totp = pyotp.TOTP(secret)
    assert matching_step(secret, totp.at(now - 30), None, now) == now // 30 - 1
    assert matching_step(secret, totp.at(now + 30), None, now) == now // 30 + 1
    assert matching_step(secret, totp.at(now - 90), None, now) is None
    assert matching_step(secret, totp.at(now), now // 30, now) is None  # already used
