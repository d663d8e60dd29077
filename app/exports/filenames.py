"""Download file names (ASCII, transliterated) and content types of the export formats."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Russian transliteration close to the passport rules (ГОСТ 52535.1 / ICAO) that people
# recognise, with "y" for й and no apostrophes; Ukrainian and Belarusian letters added.
TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip
MAX_STEM = 60
FALLBACK_STEM = "vacancy"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "jsonld": "application/ld+json",
    "hh": "application/json",
    # Telegram's HTML markup as text to paste into a bot or a post planner.
    "telegram": "text/plain; charset=utf-8",
}
# The hh.ru payload is JSON too; its own suffix keeps it apart from the JSON-LD file.
EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "md": "md",
    "txt": "txt",
    "html": "html",
    "jsonld": "jsonld",
    "hh": "hh.json",
    "telegram": "telegram.txt",
}


def transliterate(text: str) -> str:
    """Latin letters for Cyrillic ones; other letters lose their accents."""
    out = []
    for char in text.lower():
        out.append(TRANSLIT.get(char, char))
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def export_filename(title: str, day: date, ext: str) -> str:
    """A safe ASCII file name: "SMM-менеджер", 2026-11-26, "pdf" -> smm-menedzher-2026-11-26.pdf."""
    ext = ext.lower().lstrip(".")
    if not re.fullmatch(r"[a-z0-9]+(\.[a-z0-9]+)?", ext):
        raise ValueError(f"bad file extension: {ext!r}")
    stem = re.sub(r"[^a-z0-9]+", "-", transliterate(title)).strip("-")
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rsplit("-", 1)[0] or stem[:MAX_STEM]
    return f"{stem or FALLBACK_STEM}-{day.isoformat()}.{ext}"
