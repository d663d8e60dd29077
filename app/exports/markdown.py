"""The vacancy as Markdown, rebuilt from the sanitized tree so no raw HTML slips through."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from app.domain.vacancies.document import VacancyDocument
from app.exports import content
from app.markup import Node, inline_text

# Characters that would start Markdown syntax if left bare in text.
_SPECIAL_RE = re.compile(r"([\\`*_\[\]|])")
_LINE_START_RE = re.compile(r"^(\s*)([#+-]|\d+[.)])(?=\s)", re.MULTILINE)
# HTML's own characters become entity references, which every Markdown flavour shows as
# the character (a backslash before "<" is not an escape in the original Markdown).
_HTML_CHARS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_RE = re.compile("[&<>]")
LINK_SCHEMES = ("http", "https", "mailto")
# Kept as they are in a link address; everything else (spaces, line breaks, quotes,
# brackets, parentheses, backslashes, non-ASCII) is percent-encoded.
_URL_SAFE = "!#$%&'*+,/:;=?@-._~"


def escape_md(text: str) -> str:
    """Escape text so Markdown shows it literally and no HTML can start in it."""
    text = _HTML_RE.sub(lambda m: _HTML_CHARS[m[0]], text)
    return _LINE_START_RE.sub(r"\1\\\2", _SPECIAL_RE.sub(r"\\\1", text))


def link_target(href: str) -> str | None:
    """A link address safe inside `[text](...)`: http, https or mailto only, without
    whitespace, angle brackets or parentheses; None when it cannot be a link."""
    href = "".join(href.split())  # a line break or space cannot be part of an address
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    if scheme not in LINK_SCHEMES or len(href) <= len(scheme) + 1:
        return None
    return quote(href, safe=_URL_SAFE)


def _inline(nodes: list[Node]) -> str:
    """Inline nodes as Markdown."""
    out = []
    for node in nodes:
        if not node.tag:
            out.append(escape_md(re.sub(r"\s*\n\s*", " ", node.text)))
        elif node.tag == "br":
            out.append("  \n")
        elif node.tag in ("strong", "b"):
            out.append(f"**{_inline(node.children).strip()}**")
        elif node.tag in ("em", "i"):
            out.append(f"*{_inline(node.children).strip()}*")
        elif node.tag == "code":
            # One line: a blank line would end the code span and let its text be read as
            # Markdown (or HTML) again.
            code = " ".join(inline_text(node.children).replace("`", "").split())
            out.append(f"`{code}`" if code else "")
        elif node.tag == "a" and node.href and (href := link_target(node.href)):
            out.append(f"[{_inline(node.children)}]({href})")
        else:
            out.append(_inline(node.children))
    return "".join(out)


def _blocks(nodes: list[Node], indent: str = "") -> list[str]:
    """Block nodes as Markdown blocks (paragraphs, headings, lists, quotes)."""
    blocks: list[str] = []
    inline: list[Node] = []

    def flush() -> None:
        text = _inline(inline).strip()
        if text:
            blocks.append(text)
        inline.clear()

    for node in nodes:
        if node.tag in ("ul", "ol"):
            flush()
            lines = []
            items = [child for child in node.children if child.tag == "li"]
            for number, item in enumerate(items, start=1):
                marker = "- " if node.tag == "ul" else f"{number}. "
                body = "\n".join(_blocks(item.children)) or ""
                pad = " " * len(marker)
                lines.append(marker + body.replace("\n", "\n" + pad))
            blocks.append("\n".join(lines))
        elif node.tag in ("h3", "h4"):
            flush()
            hashes = "###" if node.tag == "h3" else "####"
            blocks.append(f"{hashes} {_inline(node.children).strip()}")
        elif node.tag == "blockquote":
            flush()
            quoted = "\n\n".join(_blocks(node.children))
            blocks.append("\n".join(f"> {line}".rstrip() for line in quoted.split("\n")))
        elif node.tag in ("p", "li"):
            flush()
            blocks.extend(_blocks(node.children))
        else:
            inline.append(node)
    flush()
    return [indent + block for block in blocks]


def render_markdown_doc(doc: VacancyDocument) -> str:
    """The vacancy as a Markdown document: title, key facts, sections."""
    parts = [f"# {escape_md(doc.title)}", f"**{escape_md(doc.organization)}**"]
    if doc.draft:
        parts.append(f"> **{escape_md(content.draft_mark(doc))}**")
    facts = content.facts(doc)
    if facts:
        parts.append("\n".join(f"- **{f.label}:** {escape_md(f.value)}" for f in facts))
    for section in content.sections(doc):
        parts.append(f"## {section.title}")
        if section.nodes:
            parts.extend(_blocks(section.nodes))
        elif section.key == "skills":
            parts.append(", ".join(escape_md(item) for item in section.items))
        else:
            parts.append("\n".join(f"- {escape_md(item)}" for item in section.items))
    parts.append(f"*{escape_md(content.status_line(doc))}*")
    return "\n\n".join(parts) + "\n"
