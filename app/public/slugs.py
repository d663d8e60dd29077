"""Address parts of the public pages: the organization's slug and a vacancy's slug."""

from __future__ import annotations

import re

from app.exports.filenames import transliterate

# Lower-case Latin letters, digits and single hyphens inside, 3-60 characters.
ORG_SLUG_RE = re.compile(r"[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,58}[a-z0-9]")
ORG_SLUG_MAX = 60
# The title part of a vacancy's slug is cut at a word boundary under this length.
TITLE_PART_MAX = 60
VACANCY_SLUG_RE = re.compile(r"([1-9][0-9]{0,17})(?:-[a-z0-9-]*)?")


def slug_words(text: str) -> str:
    """Transliterated lower-case words joined by hyphens ("SMM-менеджер" -> "smm-menedzher")."""
    return re.sub(r"[^a-z0-9]+", "-", transliterate(text)).strip("-")


def valid_org_slug(slug: str) -> bool:
    """Whether the text can be an organization's slug as it is."""
    return bool(ORG_SLUG_RE.fullmatch(slug))


def suggest_org_slug(name: str) -> str:
    """A slug made from the organization's name, "" when the name gives none."""
    words = slug_words(name)[:ORG_SLUG_MAX].strip("-")
    return words if valid_org_slug(words) else ""


def vacancy_slug(vacancy_id: int, title: str) -> str:
    """`<id>-<transliterated title>`: the id finds the vacancy, the words are for people."""
    words = slug_words(title)
    if len(words) > TITLE_PART_MAX:
        words = words[:TITLE_PART_MAX].rsplit("-", 1)[0] or words[:TITLE_PART_MAX]
    return f"{vacancy_id}-{words}" if words else str(vacancy_id)


def vacancy_id_of(slug: str) -> int | None:
    """The id at the start of a vacancy slug, None when the slug cannot be one."""
    match = VACANCY_SLUG_RE.fullmatch(slug)
    return int(match[1]) if match else None
