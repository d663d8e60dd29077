"""Text normalisation and detection patterns for exclusions (pure, no Flask)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_FOLD = str.maketrans(
    {
        "ё": "е",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u00ad": None,  # soft hyphen
    }
)


def normalize(text: str) -> str:
    """Lower-case, read «ё» as «е», unify dashes and collapse whitespace."""
    return " ".join(text.casefold().translate(_FOLD).split())


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """Compile one detection pattern; raises re.error when it is not a valid regex."""
    return re.compile(phrase.replace("ё", "е").replace("Ё", "Е"), re.IGNORECASE)


def phrase_problem(phrase: object) -> str | None:
    """Say what is wrong with a detection pattern, or None when it is usable."""
    if not isinstance(phrase, str) or not phrase.strip():
        return "phrase must be a non-empty string"
    try:
        pattern = compile_phrase(phrase)
    except re.error as error:
        return f"invalid regex {phrase!r}: {error}"
    if pattern.search(""):
        return f"regex {phrase!r} matches empty text"
    return None


def any_match(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    """True when any pattern occurs in the normalised text."""
    folded = normalize(text)
    return any(pattern.search(folded) for pattern in patterns)
