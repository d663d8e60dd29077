"""The words of a real PDF with their boxes, read by poppler's pdftotext -bbox."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # PDF points per millimetre
_PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD_RE = re.compile(
    r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>'
)
# Whitespace, soft and hard hyphens, zero-width spaces: what line breaking adds or moves.
_NOISE_RE = re.compile(r"[\s\u00ad\u200b\u2010\u2011-]+")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def pdf_pages(data: bytes) -> list[Page]:
    """Every page of the PDF with its size and words in reading order."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    pages = []
    for width, height, body in _PAGE_RE.findall(out):
        words = tuple(
            Word(html.unescape(text), float(a), float(b), float(c), float(d))
            for a, b, c, d, text in _WORD_RE.findall(body)
        )
        pages.append(Page(float(width), float(height), words))
    return pages


def normalize(text: str) -> str:
    """Text as comparable across line breaks: NFKC, no whitespace, hyphens or ZWSP."""
    return _NOISE_RE.sub("", unicodedata.normalize("NFKC", text)).casefold()
