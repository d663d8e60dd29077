"""Every export format from the Russian and the English sample vacancy."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest
from markupsafe import Markup

from app.domain.vacancies.document import Salary, VacancyDocument
from app.exports import FORMATS, render
from app.exports.cache import cache_key, cached_render
from app.exports.docx import render_docx
from app.exports.filenames import CONTENT_TYPES, EXTENSIONS, export_filename
from app.exports.html import render_html, render_html_fragment
from app.exports.jsonld import job_posting, jsonld_script_body, render_jsonld
from app.exports.labels import NBSP, format_salary
from app.exports.markdown import render_markdown_doc
from app.exports.pdf import render_pdf
from app.exports.text import render_text
from tests.samples import sample_document_en, sample_document_ru

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [pytest.param(sample_document_ru, id="ru"), pytest.param(sample_document_en, id="en")]


def squash(text: str) -> str:
    """Text without whitespace or hyphens, to compare across line breaks and hyphenation."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", text)


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {"ru": render_pdf(sample_document_ru()), "en": render_pdf(sample_document_en())}


# --- labels ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("salary", "lang", "expected"),
    [
        (Salary(80_000, 120_000, "RUB", True, "month"), "ru",
         f"от{NBSP}80{NBSP}000 до{NBSP}120{NBSP}000{NBSP}₽ в месяц до вычета налогов"),
        (Salary(80_000, 120_000, "RUB", True, "month"), "en",
         f"RUB{NBSP}80,000–120,000 per month, gross"),
        (Salary(80_000, None, "RUB", False, "month"), "ru",
         f"от{NBSP}80{NBSP}000{NBSP}₽ в месяц на руки"),
        (Salary(None, 3_000, "EUR", False, "month"), "en",
         f"up to EUR{NBSP}3,000 per month, net"),
        (Salary(1_200_000, None, "KZT", True, "year"), "en",
         f"from KZT{NBSP}1,200,000 per year, gross"),
        (Salary(None, 900, "RUB", True, "hour"), "ru",
         f"до{NBSP}900{NBSP}₽ в час до вычета налогов"),
        (None, "ru", "по результатам собеседования"),
    ],
)  # fmt: skip
def test_format_salary(salary, lang, expected):
    assert format_salary(salary, lang) == expected


# --- HTML -----------------------------------------------------------------------------


@pytest.mark.parametrize("make", SAMPLES)
def test_standalone_html_is_a_whole_document_with_sections_in_order(make):
    doc = make()
    html = render_html(doc)
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{doc.language}">' in html
    assert "<title>" in html and 'name="author"' in html
    assert "@page" in html  # the print CSS travels inside the file
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    expected = {
        "ru": ["О компании", "Обязанности", "Требования", "Навыки", "Условия и преимущества",
               "Измеримые цели испытательного срока", "Как откликнуться"],
        "en": ["About the company", "Responsibilities", "Requirements", "Skills",
               "Conditions and benefits", "Measurable goals of the trial period", "How to apply"],
    }[doc.language]  # fmt: skip
    assert headings == expected
    for duty in doc.duties:
        assert duty in html


def test_fragment_is_the_article_only():
    fragment = render_html_fragment(sample_document_ru())
    assert fragment.lstrip().startswith("<article")
    assert "<html" not in fragment and "<style" not in fragment
    assert 'class="vacancy-facts"' in fragment


def test_html_escapes_every_plain_field():
    doc = dataclasses.replace(
        sample_document_ru(),
        title='<script>alert("t")</script>',
        organization="ООО «A & B» <b>",
        duties=("<img src=x onerror=alert(1)>",),
    )
    html = render_html(doc)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "A &amp; B" in html


# --- Markdown and text ----------------------------------------------------------------


@pytest.mark.parametrize("make", SAMPLES)
def test_markdown_export(make):
    doc = make()
    md = render_markdown_doc(doc)
    assert md.startswith(f"# {doc.title}\n")
    assert md.count("\n## ") == 7
    assert f"- {doc.duties[0]}" in md
    assert "<" not in md


def test_markdown_export_escapes_user_text():
    doc = dataclasses.replace(sample_document_ru(), duties=("*не* [ссылка](x) <b> &",))
    md = render_markdown_doc(doc)
    assert r"- \*не\* \[ссылка\](x) &lt;b&gt; &amp;" in md


@pytest.mark.parametrize(
    "rich",
    [
        '<a href="https://e.test/&#10;&lt;img src=x onerror=alert(1)&gt;">x</a>',
        "[x](https://e.test/\n<img src=x onerror=alert(1)>)",
        '<a href="https://e.test/a)&#10;&#10;<img src=x onerror=alert(1)>">x</a>',
        "<code>a\n\n&lt;img src=x onerror=alert(1)&gt;</code>",
        '<a href="javascript:alert(1)">x</a> <a href="https://e.test/ ( )">y</a>',
        "&lt;img src=x onerror=alert(1)&gt; &amp;lt;script&amp;gt;",
    ],
)
def test_markdown_export_lets_no_html_through(rich):
    """Finding 4: no HTML tag, line break or unsafe scheme reaches the .md from user text."""
    import markdown as python_markdown
    from markdown_it import MarkdownIt

    doc = dataclasses.replace(sample_document_ru(), intro_md=rich)
    md = render_markdown_doc(doc)
    # A code span shows its text literally; outside one, no "<" is left at all.
    assert "<" not in re.sub(r"`[^`\n]*`", "", md) and "javascript:" not in md
    for rendered in (MarkdownIt("commonmark").render(md), python_markdown.markdown(md)):
        assert not re.search(r"<(?:img|script)", rendered), rendered
        for href in re.findall(r'href="([^"]*)"', rendered):
            assert href.startswith(("https://", "http://", "mailto:")), href
            assert not re.search(r"[\s<>()]", href), href


@pytest.mark.parametrize("make", SAMPLES)
def test_plain_text_for_job_boards(make):
    doc = make()
    text = render_text(doc)
    assert "<" not in text and "**" not in text and "](" not in text
    for line in text.splitlines():
        assert len(line) <= 80 or " " not in line.strip()
    assert "• " in text
    lines = text.splitlines()
    for i, line in enumerate(lines[1:], start=1):
        if lines[i - 1].startswith("• ") and line and not line.startswith(("• ", " ")):
            assert not line[0].islower(), f"continuation without hanging indent: {line!r}"
    assert squash(doc.duties[0]) in squash(text)


# --- DOCX -----------------------------------------------------------------------------


@pytest.mark.parametrize("make", SAMPLES)
def test_docx_has_real_styles_lists_links_and_properties(make):
    doc = make()
    data = render_docx(doc)
    word = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in word.paragraphs]
    assert styles[0] == "Title"
    assert styles.count("Heading 1") == 7
    assert styles.count("List Bullet") >= len(doc.duties) + len(doc.requirements)
    body = "\n".join(p.text for p in word.paragraphs)
    for bad in ("**", "](", "<p>", "<a ", "&lt;", "&amp;"):
        assert bad not in body
    assert doc.duties[0] in body
    assert word.core_properties.title == doc.title
    assert word.core_properties.author == doc.organization
    assert word.core_properties.language.startswith(doc.language)
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        assert 'TargetMode="External"' in rels  # the links in the sample are real hyperlinks
        assert package.testzip() is None


def test_docx_core_properties_fit_the_255_character_limit():
    doc = dataclasses.replace(
        sample_document_ru(),
        title="Очень длинное название вакансии " * 15,
        organization="О" * 400,
        skills=tuple(f"Длинный навык номер {i}" for i in range(40)),
    )
    word = docx.Document(io.BytesIO(render_docx(doc)))
    props = word.core_properties
    assert all(len(value) <= 255 for value in (props.title, props.author, props.keywords))
    assert props.title.startswith("Очень длинное название") and props.title.endswith("…")


# --- PDF ------------------------------------------------------------------------------


@pytest.mark.parametrize("make", SAMPLES)
def test_pdf_contains_every_duty_and_the_salary(make, pdfs):
    doc = make()
    reader = pypdf.PdfReader(io.BytesIO(pdfs[doc.language]))
    assert len(reader.pages) == 2
    text = "".join(page.extract_text() for page in reader.pages)
    for duty in doc.duties:
        assert squash(duty) in squash(text), duty
    assert squash(format_salary(doc.salary, doc.language)).lower() in squash(text).lower()
    page_word = {"ru": "стр. 1 из 2", "en": "page 1 of 2"}[doc.language]
    assert page_word in text


@pytest.mark.parametrize("make", SAMPLES)
def test_pdf_metadata_fonts_and_no_attachments(make, pdfs):
    doc = make()
    reader = pypdf.PdfReader(io.BytesIO(pdfs[doc.language]))
    assert reader.metadata.title == doc.title
    assert reader.metadata.author == doc.organization
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]) == doc.language
    assert "/StructTreeRoot" in root  # tagged (PDF/UA-1)
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    assert fonts and all("DejaVu-Sans" in name for name in fonts)
    assert all("/FontFile2" in descriptor for descriptor in fonts.values())  # embedded
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_importing_the_pdf_module_does_not_import_weasyprint():
    code = "import app.exports.pdf, app.exports, sys; assert 'weasyprint' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# --- JSON-LD --------------------------------------------------------------------------


@pytest.mark.parametrize("make", SAMPLES)
def test_jsonld_has_googles_required_properties(make):
    doc = make()
    data = json.loads(render_jsonld(doc))
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    for key in ("title", "description", "datePosted", "hiringOrganization"):
        assert data[key]
    assert data["hiringOrganization"] == {"@type": "Organization", "name": doc.organization}
    assert "jobLocation" in data or (
        data["jobLocationType"] == "TELECOMMUTE" and data["applicantLocationRequirements"]
    )
    assert data["employmentType"] == "FULL_TIME"
    assert data["baseSalary"]["currency"] == doc.salary.currency
    assert data["baseSalary"]["value"]["unitText"] == "MONTH"
    assert data["identifier"] == {
        "@type": "PropertyValue", "name": doc.organization, "value": doc.identifier
    }  # fmt: skip
    assert data["experienceRequirements"]["monthsOfExperience"] == 12
    assert data["responsibilities"] == list(doc.duties)
    assert "<script" not in data["description"] and "<li>" in data["description"]


def test_jsonld_locations():
    ru = job_posting(sample_document_ru())
    assert ru["jobLocation"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Санкт-Петербург", "addressCountry": "RU"
    }  # fmt: skip
    en = job_posting(sample_document_en())
    assert en["jobLocationType"] == "TELECOMMUTE"
    assert en["applicantLocationRequirements"] == {"@type": "Country", "name": "Serbia"}
    unknown = job_posting(dataclasses.replace(sample_document_ru(), location="Зеленоградск"))
    assert "addressCountry" not in unknown["jobLocation"]["address"]
    none = job_posting(dataclasses.replace(sample_document_ru(), experience="none"))
    assert none["experienceRequirements"] == "no requirements"


def test_jsonld_script_body_cannot_break_out():
    doc = dataclasses.replace(
        sample_document_ru(), title="</script><script>alert(1)</script>", organization="A&B <!--"
    )
    body = jsonld_script_body(doc)
    assert str(Markup("{}").format(body)) == str(body)  # autoescaping leaves it as it is
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["title"] == doc.title


# hh.ru: tests/unit/test_hh_format.py


# --- filenames, cache, dispatch -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "ext", "expected"),
    [
        ("SMM-менеджер", "pdf", "smm-menedzher-2026-11-26.pdf"),
        ("Специалист по соцсетям (Щёлково)", "docx",
         "spetsialist-po-sotssetyam-shchelkovo-2026-11-26.docx"),
        ("../../etc/passwd", "txt", "etc-passwd-2026-11-26.txt"),
        ("???", "md", "vacancy-2026-11-26.md"),
        ("Social Media Manager", "hh.json", "social-media-manager-2026-11-26.hh.json"),
    ],
)  # fmt: skip
def test_export_filename(title, ext, expected):
    assert export_filename(title, date(2026, 11, 26), ext) == expected


def test_export_filename_is_bounded_and_rejects_bad_extensions():
    name = export_filename("Очень " * 50, date(2026, 11, 26), "pdf")
    assert len(name) <= 60 + len("-2026-11-26.pdf") and name.isascii()
    with pytest.raises(ValueError):
        export_filename("x", date(2026, 11, 26), "pdf/../x")


def test_every_format_has_a_content_type_and_extension():
    assert set(CONTENT_TYPES) == set(FORMATS) == set(EXTENSIONS)
    assert CONTENT_TYPES["jsonld"] == "application/ld+json"
    assert CONTENT_TYPES["hh"] == "application/json"


def test_cached_render_hits_misses_and_survives_loss(tmp_path):
    doc = sample_document_ru()
    calls = []

    def fake(d: VacancyDocument) -> bytes:
        calls.append(d)
        return b"rendered " + d.title.encode()

    assert cached_render(tmp_path, doc, "txt", fake) == b"rendered " + doc.title.encode()
    assert cached_render(tmp_path, doc, "txt", fake) == b"rendered " + doc.title.encode()
    assert len(calls) == 1
    changed = dataclasses.replace(doc, title="Другая")
    cached_render(tmp_path, changed, "txt", fake)
    assert len(calls) == 2
    for file in tmp_path.iterdir():
        file.unlink()  # the cache may be lost at any time
    cached_render(tmp_path, doc, "txt", fake)
    assert len(calls) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    assert cache_key(doc, "txt") != cache_key(doc, "md") != cache_key(changed, "txt")


def test_cache_evicts_the_least_recently_used(tmp_path):
    base = sample_document_ru()
    docs = [dataclasses.replace(base, identifier=f"V-{i}") for i in range(5)]
    for i, doc in enumerate(docs):
        cached_render(tmp_path, doc, "txt", lambda d: b"x" * 1000, max_bytes=3500)
        assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= 3500, i
    names = {p.name.split(".")[0] for p in tmp_path.iterdir()}
    assert cache_key(docs[-1], "txt") in names and cache_key(docs[0], "txt") not in names


def test_render_dispatches_every_format():
    doc = sample_document_en()
    outputs = {fmt: render(doc, fmt) for fmt in FORMATS}
    assert outputs["pdf"].startswith(b"%PDF-")
    assert outputs["docx"].startswith(b"PK")
    assert outputs["html"].startswith(b"<!DOCTYPE html>")
    json.loads(outputs["jsonld"])
    json.loads(outputs["hh"])
    assert outputs["txt"].decode().startswith(doc.title)
    with pytest.raises(ValueError):
        render(doc, "exe")


@pytest.mark.parametrize(
    "html",
    [
        "<p>a &amp; b<br>c</p>",
        "<p>x &lt;b&gt; y&nbsp;z</p>",
        "<p><strong>t</strong></p><ul><li> 1 </li></ul>",
        '<p><a href="https://e.example/?q=a>b">y</a></p>',
        "<p>unknown <blink>tag</blink> text</p>",
        "",
    ],
)
def test_visible_length_of_bare_tags_matches_the_parsed_tree(html):
    from app.exports.hh import visible_length
    from app.markup import inline_text, parse_html

    assert visible_length(html) == len(inline_text(parse_html(html)).strip())


def test_visible_length_of_job_board_html_matches_the_parsed_tree():
    from app.exports import content
    from app.exports.hh import visible_length
    from app.markup import inline_text, parse_html

    for doc in (sample_document_ru(), sample_document_en()):
        html = content.description_html(doc, rich=False)
        assert visible_length(html) == len(inline_text(parse_html(html)).strip()) > 2000
