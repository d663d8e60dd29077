"""User Markdown to sanitized HTML, a node tree and plain text; pure, no Flask."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import markdown
import nh3

from app.caches import memoize
from app.domain.text import MAX_MARKDOWN_LINES, line_count

MAX_MARKDOWN_CHARS = 20_000
# It also scans forward from every "[" and "<" it meets, so thousands of them take seconds
# to minutes; past these counts they are hidden behind private-use placeholders while
# Markdown runs and come back as plain text.
MAX_BRACKETS_PER_BLOCK, MAX_BRACKETS = 24, 120
MAX_ANGLES_PER_BLOCK, MAX_ANGLES = 48, 240
_BRACKET, _ANGLE = "\ue000", "\ue001"
# Deeper nesting than this is flattened: it never reads well and it is how a renderer
# (recursive layout in WeasyPrint, recursion in Python-Markdown) is made to fall over.
MAX_DEPTH = 8
MAX_MARKERS_PER_LINE = 4
MAX_INDENT = 12
# Every inline element is a box WeasyPrint lays out, and a run of them without a space
# between (`*_` repeated) costs quadratic time to break into lines; past this count per
# text the formatting is dropped and the text kept.
MAX_INLINE_ELEMENTS = 200
INLINE_TAGS = frozenset({"strong", "em", "b", "i", "a", "code"})
# Characters XML 1.0 cannot hold (a `&#x4;` reference turns into one): they break the
# DOCX export and mean nothing in any other, so the tree never carries them.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code"}
)
BLOCK_TAGS = frozenset({"p", "ul", "ol", "li", "h3", "h4", "blockquote"})
LINK_REL = "noopener noreferrer nofollow"

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style", "template", "textarea", "title"},
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    # A relative link in an exported vacancy has nothing to point to.
    url_relative="deny",
    link_rel=LINK_REL,
)

_BLOCK_SPLIT_RE = re.compile(r"(\n[ \t]*\n)")
_HEADING_RE = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
_MARKER_RE = re.compile(r"(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))[ \t]*")


@dataclass
class Node:
    """An element of sanitized HTML (tag "" is a text node)."""

    tag: str
    text: str = ""
    href: str | None = None
    children: list[Node] = field(default_factory=list)


def render_markdown(md: str) -> str:
    """Render user Markdown to HTML that holds only the allowed tags and safe links."""
    return serialize(markdown_tree(md))


def over_limits(md: str) -> bool:
    """True when the text is past the size limits that Markdown is rendered within."""
    return len(md) > MAX_MARKDOWN_CHARS or line_count(md) > MAX_MARKDOWN_LINES


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _XML_INVALID_RE.sub("", text)


def markdown_tree(md: str) -> list[Node]:
    """Render user Markdown to a sanitized node tree of bounded depth.

    Text past the size limits (stored before they were checked on save) is not parsed as
    Markdown: its first MAX_MARKDOWN_CHARS characters come back as plain paragraphs."""
    if not md.strip():
        return []
    if over_limits(md):
        return _plain_paragraphs(md[:MAX_MARKDOWN_CHARS])
    return parse_html(_sanitized_html(md))


def _plain_paragraphs(text: str) -> list[Node]:
    """Text as paragraphs split at blank lines, line breaks kept; no markup is read."""
    text = xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        children: list[Node] = []
        for line in lines:
            if children:
                children.append(Node("br"))
            children.append(Node("", text=line))
        if children:
            paragraphs.append(Node("p", children=children))
    return paragraphs


@memoize("markup.sanitized_html")
def _sanitized_html(md: str) -> str:
    """Markdown rendered and sanitized; cached because every export renders the same text."""
    try:
        html = markdown.markdown(_defuse(md), extensions=["sane_lists", "nl2br"])
    except RecursionError:
        # A structure the limits above did not catch: show the text rather than fail.
        html = "".join(f"<p>{escape(b.strip())}</p>" for b in md.split("\n\n") if b.strip())
    html = html.replace(_BRACKET, "[").replace(_ANGLE, "&lt;")
    # h1/h2 would compete with the document's own headings; demote before sanitizing.
    html = _HEADING_RE.sub(lambda m: f"<{m[1]}h{3 if m[2] in '123' else 4}", html)
    return _CLEANER.clean(html)


def _defuse(md: str) -> str:
    """Bound the constructs that make Python-Markdown slow or deeply recursive."""
    md = md.replace(_BRACKET, "").replace(_ANGLE, "")
    md = md.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    lines = []
    for line in md.split("\n"):
        stripped = line.lstrip(" ")
        indent = min(len(line) - len(stripped), MAX_INDENT)
        pos, markers = 0, 0
        while markers < MAX_MARKERS_PER_LINE and (m := _MARKER_RE.match(stripped, pos)):
            pos, markers = m.end(), markers + 1
        if markers == MAX_MARKERS_PER_LINE and _MARKER_RE.match(stripped, pos):
            stripped = stripped[:pos] + "\\" + stripped[pos:]
        lines.append(" " * indent + stripped)
    text = "\n".join(lines)
    many_brackets = text.count("[") > MAX_BRACKETS
    many_angles = text.count("<") > MAX_ANGLES
    blocks = _BLOCK_SPLIT_RE.split(text)
    for i, block in enumerate(blocks):
        if many_brackets or block.count("[") > MAX_BRACKETS_PER_BLOCK:
            block = block.replace("[", _BRACKET)
        if many_angles or block.count("<") > MAX_ANGLES_PER_BLOCK:
            block = block.replace("<", _ANGLE)
        blocks[i] = block
    return "".join(blocks)


class _TreeBuilder(HTMLParser):
    """Parse sanitizer output into Nodes, dropping tags nested deeper than MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self._stack: list[Node] = [self.root]
        self._open: list[bool] = []  # per open tag: kept in the tree or flattened
        self._inline = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            return
        href = dict(attrs).get("href") if tag == "a" else None
        node = Node(tag, href=xml_safe(href) if href is not None else None)
        if tag == "br":
            self._stack[-1].children.append(node)
            return
        keep = len(self._stack) <= MAX_DEPTH
        if tag in INLINE_TAGS:
            keep = keep and self._inline < MAX_INLINE_ELEMENTS
            self._inline += keep
        self._open.append(keep)
        if keep:
            self._stack[-1].children.append(node)
            self._stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS or tag == "br" or not self._open:
            return
        if self._open.pop():
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        data = xml_safe(data)
        children = self._stack[-1].children
        if children and children[-1].tag == "":
            children[-1].text += data
        else:
            children.append(Node("", text=data))


def parse_html(html: str) -> list[Node]:
    """Parse already sanitized HTML into a node tree."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root.children


def serialize(nodes: list[Node]) -> str:
    """Serialize a node tree back to HTML; links get the safe rel."""
    out: list[str] = []
    for node in nodes:
        if not node.tag:
            out.append(escape(node.text, quote=False))
        elif node.tag == "br":
            out.append("<br>")
        elif node.tag == "a" and not node.href:
            out.append(serialize(node.children))  # its unsafe address was removed
        elif node.tag == "a":
            href = escape(node.href or "")
            out.append(f'<a href="{href}" rel="{LINK_REL}">{serialize(node.children)}</a>')
        else:
            out.append(f"<{node.tag}>{serialize(node.children)}</{node.tag}>")
    return "".join(out)


def inline_text(nodes: list[Node]) -> str:
    """Plain text of inline content; a link keeps its address after the text."""
    parts: list[str] = []
    for node in nodes:
        if not node.tag:
            parts.append(node.text)
        elif node.tag == "br":
            parts.append("\n")
        elif node.tag == "a":
            text = inline_text(node.children)
            target = (node.href or "").removeprefix("mailto:")
            parts.append(text if not target or target == text else f"{text} ({target})")
        else:
            parts.append(inline_text(node.children))
    return "".join(parts)


def text_blocks(nodes: list[Node], indent: str = "") -> list[str]:
    """Plain-text blocks of a node tree: paragraphs, and lists as "•" or "1." lines."""
    blocks: list[str] = []
    inline: list[Node] = []

    def flush() -> None:
        text = _squash(inline_text(inline))
        if text:
            blocks.append("\n".join(indent + line for line in text.split("\n")))
        inline.clear()

    for node in nodes:
        if node.tag in ("ul", "ol"):
            flush()
            lines = []
            items = [child for child in node.children if child.tag == "li"]
            for number, item in enumerate(items, start=1):
                marker = "• " if node.tag == "ul" else f"{number}. "
                pad = indent + " " * len(marker)
                inner = "\n".join(text_blocks(item.children, pad))
                if inner:
                    lines.append(indent + marker + inner[len(pad) :])
            if lines:
                blocks.append("\n".join(lines))
        elif node.tag in BLOCK_TAGS:
            flush()
            blocks.extend(text_blocks(node.children, indent))
        else:
            inline.append(node)
    flush()
    return blocks


def _squash(text: str) -> str:
    """Collapse runs of ordinary spaces in each line and drop blank lines."""
    lines = (re.sub(r"[ \t\n]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def markdown_to_text(md: str) -> str:
    """Render user Markdown to plain text: paragraphs split by blank lines, "•" bullets."""
    return "\n\n".join(text_blocks(markdown_tree(md)))
