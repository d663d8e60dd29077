"""The vacancy as a Word document: real Title/Heading styles, real bulleted lists, links."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from app.domain.vacancies.document import VacancyDocument
from app.exports import content, labels
from app.markup import Node, inline_text, xml_safe

MUTED = RGBColor(0x6B, 0x72, 0x80)
LINK = RGBColor(0x1F, 0x4E, 0x79)
DRAFT = RGBColor(0xB4, 0x23, 0x18)
LANG_TAGS = {"ru": "ru-RU", "en": "en-GB"}
HEADINGS = {"h3": "Heading 2", "h4": "Heading 3"}
CORE_PROPERTY_MAX = 255


@dataclass(frozen=True)
class _Format:
    """Inline formatting in effect while walking a node tree."""

    bold: bool = False
    italic: bool = False
    code: bool = False


class _Writer:
    """Appends sanitized node trees to a python-docx Document."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document

    def blocks(self, nodes: list[Node], level: int = 0) -> None:
        """Write block nodes; loose inline nodes are gathered into paragraphs."""
        pending: list[Node] = []
        for node in nodes:
            if node.tag in ("ul", "ol"):
                self._flush(pending)
                self.list(node, level)
            elif node.tag in ("p", "h3", "h4", "blockquote", "li"):
                self._flush(pending)
                if node.tag == "blockquote":
                    self._quote(node)
                else:
                    self.inline(self.document.add_paragraph(style=HEADINGS.get(node.tag)), node)
            else:
                pending.append(node)
        self._flush(pending)

    def _flush(self, pending: list[Node]) -> None:
        if pending and inline_text(pending).strip():
            self.inline(self.document.add_paragraph(), Node("p", children=list(pending)))
        pending.clear()

    def _quote(self, node: Node) -> None:
        for child in _significant(node.children):
            if child.tag in ("ul", "ol"):
                self.list(child, 0)
            else:
                self.inline(self.document.add_paragraph(style="Quote"), child)

    def list(self, node: Node, level: int) -> None:
        """A bulleted or numbered list; nested lists use the level-2/3 list styles."""
        depth = min(level, 2)
        base = "List Bullet" if node.tag == "ul" else "List Number"
        style = base if depth == 0 else f"{base} {depth + 1}"
        num_id = None
        for item in (child for child in node.children if child.tag == "li"):
            children = _significant(item.children)
            inline = [c for c in children if c.tag not in ("ul", "ol", "p", "blockquote")]
            blocks = [c for c in children if c.tag in ("p", "blockquote")]
            paragraph = self.document.add_paragraph(style=style)
            self.inline(paragraph, Node("li", children=inline or blocks[:1]))
            if node.tag == "ol":
                num_id = _number(self.document, paragraph, num_id)
            for extra in blocks[1:] if not inline else blocks:
                self.inline(self.document.add_paragraph(style="List Continue"), extra)
            for nested in (c for c in item.children if c.tag in ("ul", "ol")):
                self.list(nested, level + 1)

    def inline(self, paragraph: Paragraph, node: Node, fmt: _Format | None = None) -> None:
        """Write a node's inline content as runs (bold, italic, code, links, breaks)."""
        self._inline(paragraph, node, fmt or _Format())
        # HTML drops whitespace at the edges of a block; do the same for Word.
        children = [el for el in paragraph._p if el.tag != qn("w:pPr")]
        runs = paragraph.runs
        if runs and children and children[0] is runs[0]._r:
            runs[0].text = runs[0].text.lstrip()
        if runs and children and children[-1] is runs[-1]._r:
            runs[-1].text = runs[-1].text.rstrip()

    def _inline(self, paragraph: Paragraph, node: Node, fmt: _Format) -> None:
        for child in node.children if node.tag else [node]:
            if not child.tag:
                self._run(paragraph, re.sub(r"[ \t\r\n]+", " ", child.text), fmt)
            elif child.tag == "br":
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif child.tag in ("strong", "b"):
                self._inline(paragraph, child, _Format(True, fmt.italic, fmt.code))
            elif child.tag in ("em", "i"):
                self._inline(paragraph, child, _Format(fmt.bold, True, fmt.code))
            elif child.tag == "code":
                self._inline(paragraph, child, _Format(fmt.bold, fmt.italic, True))
            elif child.tag == "a" and child.href:
                _hyperlink(paragraph, child.href, inline_text(child.children).strip())
            else:
                self._inline(paragraph, child, fmt)

    @staticmethod
    def _run(paragraph: Paragraph, text: str, fmt: _Format) -> None:
        text = xml_safe(text)
        if not text:
            return
        run = paragraph.add_run(text)
        run.bold = fmt.bold or None
        run.italic = fmt.italic or None
        if fmt.code:
            run.font.name = "Consolas"


def _significant(nodes: list[Node]) -> list[Node]:
    """Nodes without the whitespace-only text between block tags."""
    return [node for node in nodes if node.tag or node.text.strip()]


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """An external hyperlink run (python-docx has no API for it)."""
    url, text = xml_safe(url), xml_safe(text)
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), str(LINK))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.extend([color, underline])
    text_el = OxmlElement("w:t")
    text_el.text = text or url
    text_el.set(qn("xml:space"), "preserve")
    run.extend([props, text_el])
    link.append(run)
    paragraph._p.append(link)


def _number(document: DocxDocument, paragraph: Paragraph, num_id: int | None) -> int:
    """Put an item in its own numbered list, which starts at 1.

    Every "List Number" paragraph shares one list in Word, so a second list would go on
    counting from the first; the first item of each list gets a fresh numbering instance
    and the following items reuse it.
    """
    if num_id is None:
        style_numpr = cast("ParagraphStyle", paragraph.style).element.pPr.numPr
        numbering = document.part.numbering_part.element
        abstract_id = numbering.num_having_numId(style_numpr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        num_id = num.numId
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id
    return num_id


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A simple field such as PAGE or NUMPAGES (Word fills in the number)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _draft_header(paragraph: Paragraph, mark: str) -> None:
    """The draft mark in the page header, so every printed page says it is a draft."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(mark.upper())
    run.bold = True
    run.font.size, run.font.color.rgb = Pt(9), DRAFT


def _setup(document: DocxDocument, doc: VacancyDocument) -> None:
    """A4 page, document language, header with the organization, page X of Y footer."""
    lang = labels.lang_of(doc.language)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(18)
        header = section.header.paragraphs[0]
        header_run = header.add_run(xml_safe(doc.organization))
        header_run.font.size, header_run.font.color.rgb = Pt(8), MUTED
        if doc.draft:
            _draft_header(section.header.add_paragraph(), content.draft_mark(doc))
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run(f"{labels.fact_label('page', lang)} ")
        _field(footer, "PAGE")
        footer.add_run(f" {labels.fact_label('page_of', lang)} ")
        _field(footer, "NUMPAGES")
        for run in footer.runs:
            run.font.size, run.font.color.rgb = Pt(8), MUTED
    # Spell checking and hyphenation in Word follow the language of the default run style.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), LANG_TAGS[lang])
    document.styles["Normal"].font.size = Pt(10.5)


def _fit(text: str, limit: int = CORE_PROPERTY_MAX) -> str:
    """Text cut at a word boundary to fit a core property (the format allows 255 chars)."""
    text = " ".join(xml_safe(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;")
    return cut + "…"


def _properties(document: DocxDocument, doc: VacancyDocument) -> None:
    """Core properties: title, author = organization, language, dates."""
    props = document.core_properties
    stamp = datetime.combine(doc.date_posted, time(9, 0))
    props.title = _fit(doc.title)
    props.author = props.last_modified_by = _fit(doc.organization)
    props.language = LANG_TAGS[labels.lang_of(doc.language)]
    props.subject = _fit(doc.role_title)
    props.keywords = _fit(", ".join(doc.skills))
    props.comments = ""
    props.created = props.modified = stamp
    props.revision = max(1, doc.version)
    props.identifier = _fit(doc.identifier)


def render_docx(doc: VacancyDocument) -> bytes:
    """The vacancy as a .docx file."""
    document = Document()
    _setup(document, doc)
    _properties(document, doc)
    writer = _Writer(document)
    # The tree of rich text is already XML-safe (app.markup); plain fields may hold
    # characters stored before the input checks refused them.
    document.add_paragraph(xml_safe(doc.title), style="Title")
    subtitle = document.add_paragraph(style="Subtitle")
    subtitle.add_run(xml_safe(doc.organization)).bold = True
    if doc.location.strip():
        subtitle.add_run(xml_safe(f" · {doc.location.strip()}"))
    facts = content.facts(doc)
    if facts:
        table = document.add_table(rows=0, cols=2)
        for fact in facts:
            label_cell, value_cell = table.add_row().cells
            label_run = label_cell.paragraphs[0].add_run(fact.label)
            label_run.font.color.rgb = MUTED
            value_run = value_cell.paragraphs[0].add_run(xml_safe(fact.value))
            value_run.bold = fact.key == "salary" or None
    for section in content.sections(doc):
        document.add_heading(section.title, level=1)
        if section.nodes:
            writer.blocks(section.nodes)
        elif section.key == "skills":
            document.add_paragraph(xml_safe(", ".join(section.items)))
        else:
            for item in section.items:
                document.add_paragraph(xml_safe(item), style="List Bullet")
    posted = document.add_paragraph()
    posted_run = posted.add_run(content.status_line(doc))
    posted_run.font.size, posted_run.font.color.rgb = Pt(8), MUTED
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
