"""The text of an uploaded posting: .txt/.md, .html, .docx and .pdf, read with care.

The file's content decides how it is read (the extension must agree with it): plain
text as UTF-8 (cp1251 when it is not), HTML with its tags dropped and its headings and
list items kept as lines (nothing it links to is fetched), Word documents paragraph by
paragraph with headings as `#` lines and list paragraphs as `-` lines, PDF page by page.
Anything else is refused with a message in both languages (IntakeFileError.text): an
empty text, one over MAX_TEXT characters, a binary or unknown file, a broken DOCX or
PDF, an archive that would unpack to more than MAX_UNPACKED bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import PurePath

from app.domain.catalog.model import Text

MAX_TEXT = 100_000
MAX_UPLOAD = 2 * 1024 * 1024
MAX_UNPACKED = 30 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_PDF_PAGES = 40
TEXT_TYPES = (".txt", ".md", ".markdown", ".text")
HTML_TYPES = (".html", ".htm")
ACCEPTED = (*TEXT_TYPES, *HTML_TYPES, ".docx", ".pdf")


class IntakeFileError(ValueError):
    """An upload that cannot be read; `text` says why in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


EMPTY = Text("В тексте нет ни одного слова.", "The text has no words in it.")
TOO_LONG = Text(
    f"Текст длиннее {MAX_TEXT:,} знаков — это больше любой вакансии. Вставьте только "
    "саму вакансию.".replace(",", "\u00a0"),
    f"The text is longer than {MAX_TEXT:,} characters, more than any vacancy. Paste the "
    "vacancy alone.",
)
TOO_LARGE = Text(
    "Файл больше 2 МБ. Загрузите файл поменьше или вставьте текст.",
    "The file is larger than 2 MB. Upload a smaller file or paste the text.",
)
UNKNOWN = Text(
    "Этот файл не похож на текст: загрузите .txt, .md, .html, .docx или .pdf.",
    "This file does not look like text: upload a .txt, .md, .html, .docx or .pdf file.",
)
BROKEN_DOCX = Text(
    "Файл Word повреждён или это не .docx. Сохраните его заново как .docx или вставьте текст.",
    "The Word file is damaged or is not a .docx. Save it again as .docx or paste the text.",
)
BROKEN_PDF = Text(
    "PDF повреждён или из него нельзя извлечь текст (например, это скан). Вставьте текст.",
    "The PDF is damaged or has no text to extract (a scan, say). Paste the text instead.",
)
BOMB = Text(
    "Архив внутри файла распаковывается в слишком большой объём; такой файл не читаем.",
    "The file unpacks to far too much data; it is not read.",
)


def check_text(text: str) -> str:
    """The text when it can be analysed; IntakeFileError when empty or too long."""
    if not isinstance(text, str) or not text.strip():
        raise IntakeFileError(EMPTY)
    if len(text) > MAX_TEXT:
        raise IntakeFileError(TOO_LONG)
    return text


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) // 100 + 2


def decode_text(data: bytes) -> str:
    """Bytes of a text file as text: UTF-8 (with or without BOM), else cp1251."""
    if _looks_binary(data):
        raise IntakeFileError(UNKNOWN)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            raise IntakeFileError(UNKNOWN) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _HtmlText(HTMLParser):
    """Text of an HTML page: block elements end lines, headings become `#` lines and list
    items `-` lines; scripts, styles and templates are left out."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "tr",
            "section",
            "article",
            "header",
            "footer",
            "main",
            "aside",
            "blockquote",
            "pre",
            "table",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "hr",
            "form",
            "fieldset",
            "figure",
            "figcaption",
            "address",
        ]
    )
    SKIP = frozenset({"script", "style", "template", "noscript", "head", "svg", "iframe"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif re.fullmatch(r"h[1-6]", tag) or tag == "li" or tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("strong", "b"):
            self.parts.append("**")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(markup: str) -> str:
    """The text of an HTML document, one line per heading, paragraph and list item."""
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.parts))


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    lines = [re.sub(r"^\*\*\s*\*\*$", "", line) for line in lines]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise IntakeFileError(BROKEN_DOCX) from None
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise IntakeFileError(BOMB)
    if "word/document.xml" not in archive.namelist():
        raise IntakeFileError(BROKEN_DOCX)
    return archive


def docx_text(data: bytes) -> str:
    """The paragraphs (and table cells) of a Word document; headings as `#` lines, list
    paragraphs as `-` lines."""
    _check_zip(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = []
        for paragraph in document.paragraphs:
            text = paragraph.text.strip()
            if not text:
                lines.append("")
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            level = re.search(r"(?:heading|заголовок)\s*(\d)", style, re.IGNORECASE)
            numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
            if level or style.lower() == "title":
                lines.append("#" * int(level.group(1) if level else 1) + " " + text)
            elif numbered or "list" in style.lower() or "спис" in style.lower():
                lines.append("- " + text)
            else:
                lines.append(text)
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    if cell.text.strip():
                        lines.append(cell.text.strip())
    except IntakeFileError:
        raise
    except Exception:
        raise IntakeFileError(BROKEN_DOCX) from None
    return _tidy("\n".join(lines))


def pdf_text(data: bytes) -> str:
    """The text of a PDF's pages (at most MAX_PDF_PAGES), in reading order as pypdf has it."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError  # noqa: F401 - the usual failure

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise IntakeFileError(BROKEN_PDF)
        pages = []
        total = 0
        for page in reader.pages[:MAX_PDF_PAGES]:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT * 2:
                raise IntakeFileError(TOO_LONG)
            pages.append(text)
    except IntakeFileError:
        raise
    except Exception:
        raise IntakeFileError(BROKEN_PDF) from None
    text = _tidy("\n".join(pages))
    if not text.strip():
        raise IntakeFileError(BROKEN_PDF)
    return text


def file_text(filename: str, data: bytes) -> str:
    """The posting text of an upload; IntakeFileError (with its Text) when it cannot be
    read. The content is checked, not only the name."""
    if len(data) > MAX_UPLOAD:
        raise IntakeFileError(TOO_LARGE)
    if not data.strip():
        raise IntakeFileError(EMPTY)
    suffix = PurePath(filename or "").suffix.lower()
    if suffix and suffix not in ACCEPTED:
        raise IntakeFileError(UNKNOWN)
    is_pdf = data.lstrip()[:5] == b"%PDF-"
    is_zip = data[:4] == b"PK\x03\x04"
    if suffix == ".pdf" or (not suffix and is_pdf):
        if not is_pdf:
            raise IntakeFileError(BROKEN_PDF)
        return check_text(pdf_text(data))
    if suffix == ".docx" or (not suffix and is_zip):
        if not is_zip:
            raise IntakeFileError(BROKEN_DOCX)
        return check_text(docx_text(data))
    if is_pdf or is_zip:
        raise IntakeFileError(UNKNOWN)
    text = decode_text(data)
    head = text.lstrip()[:200].lower()
    if suffix in HTML_TYPES or head.startswith(("<!doctype html", "<html")):
        text = html_text(text)
    return check_text(text)
