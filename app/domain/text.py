"""What typed text holds, in terms every input check shares: control characters, lines."""

from __future__ import annotations

import unicodedata

# Text fields are Markdown, and Python-Markdown's list and raw-HTML handling grows
# quadratically with the line count: past this many lines a field is refused (the
# validation) and rendered as plain text (app.markup).
MAX_MARKDOWN_LINES = 500


def has_control_chars(text: str, *, allow_newlines: bool = False) -> bool:
    """True when text holds control characters (newlines and tabs optionally allowed)."""
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in text)


def line_count(text: str) -> int:
    """Lines of a text, whichever line breaks it uses."""
    text = text.replace("\r\n", "\n")
    return text.count("\n") + text.count("\r") + 1
