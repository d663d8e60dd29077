"""The vacancy as HTML: a standalone printable document or the article for the preview."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from app.caches import memoize
from app.domain.vacancies.document import VacancyDocument
from app.exports import content, labels
from app.markup import BLOCK_TAGS, Node, serialize

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "app" / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"
TEMPLATE = "print/vacancy.html"
# Only these reach a data: URI; the upload form checks the same types.
LOGO_TYPES = frozenset({"image/png", "image/jpeg"})  # SVG is refused (app.admin.logo)
# Bullets typed into the text for the PDF: a ::marker costs WeasyPrint an absolutely
# positioned box per list item, about a tenth of the render time of a typical vacancy.
# The hanging indent in print.css (1.2256em) is the width of "•" plus two no-break
# spaces in DejaVu Sans.
TEXT_BULLET = "•\u00a0\u00a0"
# Line breaks and indentation next to a block-level tag never show (they collapse at
# block edges); single spaces are kept, as between the inline skill tags.
_BLOCK_TAG = (
    r"</?(?:html|head|body|meta|title|style|article|section|header|table|tbody|tr|th|td"
    r"|div|dl|ul|ol|li|p|h[1-4]|blockquote)\b[^>]*>"
)
_BLOCK_GAP_RE = re.compile(rf"[ \t]*\n\s*({_BLOCK_TAG})|({_BLOCK_TAG})[ \t]*\n\s*")
# WeasyPrint tries to hyphenate a long unbroken run at every position: a 2,000-character
# "word" takes ten seconds. Runs this long are never real words, so the PDF gets a
# zero-width break opportunity every CHUNK characters inside them.
LONG_RUN_RE = re.compile(r"[^\s\u200b]{40,}")
CHUNK = 20


@memoize("exports.html_environment")
def _environment() -> Environment:
    """One Jinja2 environment per process: templates are compiled once."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


@memoize("exports.print_css")
def print_css() -> str:
    """The print stylesheet's text (read once per process)."""
    return PRINT_CSS.read_text(encoding="utf-8")


def logo_data_uri(doc: VacancyDocument) -> str | None:
    """The organization's logo as a data: URI, or None without a usable logo."""
    if doc.logo is None or doc.logo.mime not in LOGO_TYPES or not doc.logo.data:
        return None
    return f"data:{doc.logo.mime};base64,{base64.b64encode(doc.logo.data).decode('ascii')}"


def breakable(text: str) -> str:
    """Text with a zero-width space every CHUNK characters of any overlong run."""
    return LONG_RUN_RE.sub(
        lambda m: "\u200b".join(m[0][i : i + CHUNK] for i in range(0, len(m[0]), CHUNK)), text
    )


def _print_document(doc: VacancyDocument) -> VacancyDocument:
    """The document's plain-text fields made safe to lay out (see LONG_RUN_RE)."""
    return replace(
        doc,
        title=breakable(doc.title),
        organization=breakable(doc.organization),
        role_title=breakable(doc.role_title),
        location=breakable(doc.location),
        duties=tuple(map(breakable, doc.duties)),
        requirements=tuple(map(breakable, doc.requirements)),
        skills=tuple(map(breakable, doc.skills)),
        goals=tuple(replace(goal, text=breakable(goal.text)) for goal in doc.goals),
    )


def _for_print(nodes: list[Node], ordered: bool = False) -> list[Node]:
    """A copy of a node tree with list markers typed in and long runs made breakable."""
    result = []
    number = 0
    for node in nodes:
        if not node.tag:
            result.append(replace(node, text=breakable(node.text)))
            continue
        children = _for_print(node.children, node.tag == "ol")
        if node.tag == "li":
            number += 1
            marker = Node("", text=f"{number}.\u00a0" if ordered else TEXT_BULLET)
            first = children[0] if children else None
            if first is not None and first.tag in BLOCK_TAGS:
                children[0] = replace(first, children=[marker, *first.children])
            else:
                children.insert(0, marker)
        result.append(replace(node, children=children))
    return result


def vacancy_context(doc: VacancyDocument, *, for_print: bool = False) -> dict[str, Any]:
    """What the template shows, with every label already in the document's language.

    for_print prepares the text for WeasyPrint: typed bullets and breakable long runs.
    """
    lang = labels.lang_of(doc.language)
    if for_print:
        doc = _print_document(doc)
    sections = []
    for section in content.sections(doc):
        nodes = _for_print(section.nodes) if for_print else section.nodes
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "entries": section.items,
                "rows": section.rows,
                # Sanitized by app.markup (allow-listed tags, safe links only).
                "html": Markup(serialize(nodes)) if nodes else None,  # noqa: S704
            }
        )
    subtitle = [doc.role_title.strip()] if doc.role_title.strip() != doc.title.strip() else []
    return {
        "lang": lang,
        "title": doc.title,
        "organization": doc.organization,
        "subtitle": " · ".join([*subtitle, doc.location.strip()] if doc.location else subtitle),
        "logo_uri": logo_data_uri(doc),
        "facts": content.facts(doc),
        "facts_label": labels.fact_label("key_facts", lang),
        "sections": sections,
        "posted": content.status_line(doc),
        # "Черновик" on every page (a page-margin box) and above the title on screen.
        "draft": content.draft_mark(doc),
        "page_label": labels.fact_label("page", lang),
        "page_of": labels.fact_label("page_of", lang),
        "bullet": TEXT_BULLET if for_print else "",
    }


def render_html(
    doc: VacancyDocument, *, standalone: bool = True, logo_url: str | None = None
) -> str:
    """The vacancy as HTML; standalone gives a whole document with the print CSS inside.

    logo_url: the logo's address on the site, in place of the document's inline logo."""
    css = Markup(print_css()) if standalone else None  # noqa: S704 - our own stylesheet
    template = _environment().get_template(TEMPLATE)
    context = vacancy_context(doc)
    if logo_url:
        context["logo_uri"] = logo_url
    return template.render(v=context, standalone=standalone, css=css).strip() + "\n"


def render_print_html(doc: VacancyDocument) -> str:
    """The standalone document tuned for WeasyPrint: no inline CSS, typed bullets, compact.

    The PDF renderer supplies the stylesheet parsed once per process; whitespace between
    block tags is dropped because every text node costs WeasyPrint a box.
    """
    template = _environment().get_template(TEMPLATE)
    html = template.render(v=vacancy_context(doc, for_print=True), standalone=True, css=None)
    return _BLOCK_GAP_RE.sub(lambda m: m[1] or m[2], html.strip())


def render_html_fragment(doc: VacancyDocument, *, logo_url: str | None = None) -> str:
    """The vacancy's <article> for the app's preview page and the public vacancy page
    (which link print.css themselves)."""
    return render_html(doc, standalone=False, logo_url=logo_url)
