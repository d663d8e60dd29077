"""URL rules: the one bound on ids in URLs, and where the app may send a browser back to
(`next`)."""

from __future__ import annotations

import unicodedata
from typing import TypeGuard
from urllib.parse import unquote, urlsplit

from werkzeug.routing import IntegerConverter

# Ids are INTEGER columns (32-bit on PostgreSQL): no record can have a larger id, and a
# larger number would overflow the database driver (SQLite stops at 2**63 - 1). Every id
# in a URL, a query parameter or an API body is checked against this one bound.
MAX_ID = 2**31 - 1
MAX_TARGET = 2000
# Characters that browsers drop, turn into slashes or treat as separators in a URL.
_REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


def _unsafe_chars(text: str) -> bool:
    return "\\" in text or any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in text)


def _path_escapes_site(path: str) -> bool:
    """True when the path, as a browser resolves it, could name another host."""
    if not path.startswith("/") or path.startswith("//") or "//" in path:
        return True
    # Dot segments resolved, "/.//x" and "/a/..//x" would become "//x".
    segments: list[str] = []
    for part in path.split("/")[1:]:
        if part == "..":
            if segments:
                segments.pop()
        elif part != ".":
            segments.append(part)
    resolved = "/" + "/".join(segments)
    return resolved.startswith("//")


def safe_next(target: str | None) -> str | None:
    """A same-site path to redirect to, or None when the target is not one.

    Accepted: a path that starts with a single "/" (with an optional query and fragment).
    Refused: anything with a scheme or a host ("https:x", "//x", "////x"), backslashes
    (browsers read "/\\x" as "//x"), control, format and line-separator characters (a
    line break would also break the Location header), and the same tricks percent-encoded
    ("/%2F%2Fx", "/%5Cx", "/%09/x").
    """
    if not target or len(target) > MAX_TARGET:
        return None
    for candidate in (target, unquote(target)):
        if _unsafe_chars(candidate):
            return None
        parts = urlsplit(candidate)
        # The path as written: urlsplit drops the empty host of "///x".
        path = candidate.split("?", 1)[0].split("#", 1)[0]
        if parts.scheme or parts.netloc or _path_escapes_site(path):
            return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    return target


def is_id(value: object) -> TypeGuard[int]:
    """True for a whole number that can be a record's id (1..MAX_ID)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def _up_to(limit: int) -> str:
    """A regular expression for the whole numbers 1..limit, no leading zeros."""
    digits = str(limit)
    alternatives = [rf"[1-9]\d{{0,{len(digits) - 2}}}"] if len(digits) > 1 else []
    for i, digit in enumerate(digits):
        low, high, rest = (1 if i == 0 else 0), int(digit) - 1, len(digits) - i - 1
        if high >= low:
            alternatives.append(digits[:i] + f"[{low}-{high}]" + (rf"\d{{{rest}}}" if rest else ""))
    alternatives.append(digits)
    return "(?:" + "|".join(alternatives) + ")"


class IdConverter(IntegerConverter):
    """`<int:...>` in this app: only 1..MAX_ID matches, so a larger number (or 0) is 404
    before a view runs. The bound is in the pattern itself: a number refused later, by
    the conversion, would answer 405 where the path has rules for other methods."""

    regex = _up_to(MAX_ID)

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
