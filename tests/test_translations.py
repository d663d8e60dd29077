"""Russian is complete: every user-facing string has a non-fuzzy translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "app" / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "_l": None,
    "N_": None,
    "msg": None,
    "msg_n": (1, 2),
}
METHODS = [("app/**.py", "python"), ("templates/**.html", "jinja2")]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def source_messages() -> dict[str, str]:
    found = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS
    ):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.setdefault(msgid, filename)
    return found


def test_every_string_has_a_russian_translation():
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    translated = {}
    for msg in catalog:
        if not msg.id or msg.fuzzy:
            continue
        key = msg.id if isinstance(msg.id, str) else msg.id[0]
        value = msg.string if isinstance(msg.string, str) else " ".join(msg.string)
        if value and value.strip():
            translated[key] = msg.string
    missing = [
        f"{src}: {msgid!r}" for msgid, src in source_messages().items() if msgid not in translated
    ]
    assert not missing, "missing Russian translations:\n" + "\n".join(missing)


def test_placeholders_survive_translation():
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    for msg in catalog:
        if isinstance(msg.id, str) and msg.id and msg.string:
            assert set(PLACEHOLDER.findall(msg.id)) == set(PLACEHOLDER.findall(msg.string)), msg.id


def test_russian_typography_in_translations():
    text = PO.read_text(encoding="utf-8")
    strings = re.findall(r'^msgstr "(.*)"$', text, flags=re.M)
    for s in strings:
        assert '"' not in s.replace('\\"', "«»"), f"use « » instead of straight quotes: {s}"
        assert " - " not in s, f"use an em dash — instead of a hyphen: {s}"
