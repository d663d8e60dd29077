"""A vacancy that is not published says «Черновик» and gives no publication date."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from docx import Document

from app.exports.docx import render_docx
from app.exports.html import render_html, render_html_fragment
from app.exports.markdown import render_markdown_doc
from app.exports.pdf import render_pdf
from app.exports.text import render_text
from tests.pdf_words import MM, normalize, pdf_pages
from tests.samples import sample_document_en, sample_document_ru

TOP_MARGIN = 24 * MM
WORDS = {
    "ru": ("Черновик", "Опубликовано", "26 ноября 2026"),
    "en": ("Draft", "Posted", "26 November 2026"),
}
SAMPLES = {"ru": sample_document_ru, "en": sample_document_en}


def _draft(lang: str):
    return replace(SAMPLES[lang](), draft=True)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_draft_pdf_says_draft_on_every_page_and_gives_no_date(lang):
    mark, posted, day = WORDS[lang]
    pages = pdf_pages(render_pdf(_draft(lang)))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        header = [w.text for w in page.words if w.y1 <= TOP_MARGIN]
        assert mark.upper() in header, f"page {number}: {header}"
    text = normalize(" ".join(page.text() for page in pages))
    assert normalize(posted) not in text
    assert normalize(day) not in text
    assert normalize(f"{mark} · {SAMPLES[lang]().identifier}") in text


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_published_pdf_has_its_date_and_no_draft_mark(lang):
    mark, posted, day = WORDS[lang]
    pages = pdf_pages(render_pdf(SAMPLES[lang]()))
    text = normalize(" ".join(page.text() for page in pages))
    assert normalize(f"{posted} {day}") in text
    assert normalize(mark) not in text


def _docx_parts(data: bytes) -> tuple[list[str], str]:
    document = Document(io.BytesIO(data))
    headers = [" ".join(p.text for p in section.header.paragraphs) for section in document.sections]
    body = "\n".join(p.text for p in document.paragraphs)
    return headers, body


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_draft_docx_has_the_mark_in_the_page_header_and_no_date(lang):
    mark, posted, day = WORDS[lang]
    headers, body = _docx_parts(render_docx(_draft(lang)))
    assert headers and all(mark.upper() in header for header in headers)
    assert posted not in body and day.replace(" ", "\u00a0", 1) not in body
    assert f"{mark} · {SAMPLES[lang]().identifier}" in body


def test_published_docx_has_the_date_and_no_mark():
    mark, posted, day = WORDS["ru"]
    headers, body = _docx_parts(render_docx(sample_document_ru()))
    assert not any(mark.upper() in header for header in headers)
    assert f"{posted} {day.replace(' ', chr(0xA0), 1)}" in body


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "render", [render_text, render_markdown_doc, render_html, render_html_fragment]
)
def test_text_formats_show_the_mark_and_no_date(lang, render):
    mark, posted, day = WORDS[lang]
    draft = " ".join(render(_draft(lang)).replace("\u00a0", " ").split())
    assert mark.upper() in draft.upper() and posted not in draft and day not in draft
    published = " ".join(render(SAMPLES[lang]()).replace("\u00a0", " ").split())
    assert f"{posted} {day}" in published and mark not in published
