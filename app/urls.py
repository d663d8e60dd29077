"""The one rule for where the app may send a browser back to (`next`)."""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

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
