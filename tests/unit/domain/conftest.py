"""The domain's tests render messages through the shipped Russian catalog, read straight
from its .po file with Babel (no Flask, no compiled .mo needed)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from app.domain import message

PO = Path(__file__).resolve().parents[3] / "app/translations/ru/LC_MESSAGES/messages.po"


def po_translations(path: Path = PO) -> Translations:
    with path.open("rb") as po:
        catalog = read_po(po)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@pytest.fixture(scope="session")
def russian_translations() -> Translations:
    return po_translations()


@pytest.fixture(autouse=True)
def _russian_catalog(russian_translations):
    """Messages render in Russian through messages.po (what was installed comes back)."""
    before = message.install(
        lambda lang: russian_translations if lang == "ru" else message.ENGLISH, lambda: "en"
    )
    yield
    message.install(*before)
