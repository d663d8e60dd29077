"""The vacancy as Markdown, rebuilt from the sanitized tree so no raw HTML slips through."""

from __future__ import annotations

import re

from app.exports import content
from app.markup import Node, inline_text
from app.vacancies.document import VacancyDocument

# Characters that would start Markdown syntax if left bare in text.
_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_RE = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s)", re.MULTILINE)


def escape_md(text: str) -> str:
    """Escape text so Markdown shows it literally."""
    return _LINE_START_RE.sub(r"\1\\\2", _SPECIAL_RE.sub(r"\\\1", text))


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
            out.append(f"`{inline_text(node.children).replace('`', '')}`")
        elif node.tag == "a" and node.href:
            href = node.href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
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
