"""Password policy and hashing: long enough, not common, scrypt with a high cost."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from app.caches import memoize

MIN_LENGTH = 10
MAX_LENGTH = 128
_COMMON = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@memoize("accounts.common_passwords")
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


def _cost(method: str) -> tuple[str, tuple[int, ...]] | None:
    """A werkzeug method ("scrypt:32768:8:1", "pbkdf2:sha256:600000") as its name and
    cost figures (werkzeug's defaults filled in); None when it is not one of them."""
    name, *args = method.split(":")
    try:
        if name == "scrypt":
            n, r, p = (int(a) for a in args) if args else (2**15, 8, 1)
            return "scrypt", (n, r, p)
        if name == "pbkdf2":
            digest = args[0] if args else "sha256"
            iterations = int(args[1]) if len(args) > 1 else 1_000_000
            return f"pbkdf2:{digest}", (iterations,)
    except ValueError:
        return None
    return None


_HASH_RE = re.compile(r"^[a-z0-9:]{1,60}\$[A-Za-z0-9]{8,64}\$[0-9a-f]{64,128}$")


def hash_is_strong(password_hash: object, method: str) -> bool:
    """True for a hash this app makes (werkzeug's format, the configured method) at a
    cost no lower than the configured one: any other hash may be cheap to crack or
    made to accept a known password."""
    if not isinstance(password_hash, str) or not _HASH_RE.match(password_hash):
        return False
    given, wanted = _cost(password_hash.split("$", 1)[0]), _cost(method)
    if given is None or wanted is None or given[0] != wanted[0]:
        return False
    return all(have >= need for have, need in zip(given[1], wanted[1], strict=True))


def verify_password(password_hash: str, password: str) -> bool:
    """Check a password against its stored hash in constant time."""
    return check_password_hash(password_hash, password)
