"""Password policy and hashing: long enough, not common, scrypt with a high cost."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 10
MAX_LENGTH = 128
_COMMON = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@cache
def common_passwords() -> frozenset[str]:
    """Load the shipped list of common passwords once."""
    with gzip.open(_COMMON, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip().lower() for line in fh if line.strip())


def password_problem(password: str) -> str | None:
    """Return the policy rule a password breaks (a message id), or None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if password.lower() in common_passwords() or password.strip().lower() in common_passwords():
        return "common"
    return None


def hash_password(password: str, method: str) -> str:
    """Hash a password with the configured method (scrypt N=2**17 by default)."""
    return generate_password_hash(password, method=method)


def verify_password(password_hash: str, password: str) -> bool:
    """Check a password against its stored hash in constant time."""
    return check_password_hash(password_hash, password)
