"""Two-factor sign-in: TOTP (RFC 6238) codes and one-time recovery codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from sqlalchemy import select

from app.accounts.models import RecoveryCode, User
from app.database import utcnow
from app.extensions import db

ISSUER = "SMM Hiring Desk"
STEP = 30
# A code of the previous or the next 30-second step is accepted too (clock drift).
DRIFT_STEPS = 1
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to copy by hand


def new_secret() -> str:
    """A random 160-bit base32 secret (what authenticator apps expect)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The otpauth:// address as a QR code, an SVG data: URI drawn on the server."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def _normal_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace() and ch != "-").lower()


def matching_step(secret: str, code: str, after: int | None, now: float | None = None):
    """The time step whose TOTP equals `code` (within the drift), if it is later than
    `after` (the last accepted step: a code is good once); else None."""
    code = _normal_code(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // STEP)
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP), code) and (after is None or step > after):
            found = step if found is None else found
    return found


def check_totp(user: User, code: str) -> bool:
    """Accept a current TOTP code once; remember its step so it cannot be replayed."""
    if not user.totp_secret:
        return False
    step = matching_step(user.totp_secret, code, user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    return True


def _hash_code(code: str) -> str:
    return hashlib.sha256(_normal_code(code).encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with 10 new ones (80 bits each); the codes are
    returned to be shown once, only their hashes are kept."""
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
        code = "-".join(raw[i : i + 4] for i in range(0, 16, 4))
        codes.append(code)
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_code(code)))
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """Accept an unused recovery code of the user, once."""
    normal = _normal_code(code)
    if len(normal) != 16:
        return False
    row = db.session.execute(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_code(normal),
            RecoveryCode.used_at.is_(None),
        )
    ).scalar_one_or_none()
    if row is None:
        return False
    row.used_at = utcnow()
    return True


def recovery_codes_left(user: User) -> int:
    return len(
        db.session.execute(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        ).all()
    )


def check_second_factor(user: User, code: str) -> str | None:
    """ "totp" or "recovery" for the kind of code accepted, None when refused."""
    if check_totp(user, code):
        return "totp"
    if use_recovery_code(user, code):
        return "recovery"
    return None


def enable(user: User, secret: str, step: int) -> list[str]:
    """Turn two-factor sign-in on (the code for `step` was just confirmed)."""
    user.totp_secret = secret
    user.totp_last_step = step
    user.session_version += 1
    return new_recovery_codes(user)


def disable(user: User) -> None:
    """Turn two-factor sign-in off and forget its secret and recovery codes."""
    user.totp_secret = None
    user.totp_last_step = None
    user.session_version += 1
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
