"""Text normalisation for the readability checks (pure, no Flask); words and lemmas are
app.domain.catalog.morph's."""

from __future__ import annotations

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
