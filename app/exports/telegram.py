"""The vacancy as a ready post for a Telegram channel (plain Python, no Flask).

The text uses Telegram's HTML formatting (Bot API, parse_mode HTML) and nothing else:
<b>, <i>, <u>, <s>, <a href>, <code>, <pre>, <blockquote>; &, < and > in text are
escaped. A message holds at most 4,096 characters; we count the HTML as written (tags
included), which is never less than what Telegram counts, so each part fits. A longer post
is split into numbered parts («1/2») at paragraph breaks, then line breaks, then spaces,
never inside a word: a word is cut only when it alone is longer than a whole message.
Formatting open across a split is closed at the end of a part and opened again at the
start of the next, so every part is valid on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from app.domain.vacancies.document import VacancyDocument
from app.exports import content
from app.exports.hh import find_area
from app.markup import Node

MESSAGE_MAX = 4096
TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote"})
LINK_SCHEMES = ("http://", "https://")
PART_SEPARATOR = "\n\n——————————\n\n"
# "12/12\n": room kept in every part of a split post for its number.
_NUMBER_ROOM = 8
_HASHTAG_UNSAFE = re.compile(r"[^0-9A-Za-zА-Яа-яЁё_]")


@dataclass(frozen=True)
class Token:
    """A piece of a post: text (raw, escaped when written) or a tag opening or closing."""

    kind: str  # "text", "open" or "close"
    value: str  # the text, or the tag name
    attrs: str = ""  # ' href="..."' for a link

    def html(self) -> str:
        if self.kind == "text":
            return escape(self.value, quote=False)
        if self.kind == "open":
            return f"<{self.value}{self.attrs}>"
        return f"</{self.value}>"


Paragraph = list[Token]


def _text(value: str) -> Token:
    return Token("text", value)


def _wrap(tag: str, inner: list[Token], attrs: str = "") -> list[Token]:
    if tag not in TAGS:
        raise ValueError(f"not a Telegram tag: {tag!r}")
    return [Token("open", tag, attrs), *inner, Token("close", tag)]


# --- the vacancy as paragraphs ---------------------------------------------------------


def _inline(nodes: list[Node]) -> list[Token]:
    """Inline Markdown nodes as Telegram tokens (bold, italic, code, links)."""
    out: list[Token] = []
    for node in nodes:
        if not node.tag:
            out.append(_text(re.sub(r"[ \t]*\n[ \t]*", " ", node.text)))
        elif node.tag == "br":
            out.append(_text("\n"))
        elif node.tag in ("strong", "b"):
            out += _wrap("b", _inline(node.children))
        elif node.tag in ("em", "i"):
            out += _wrap("i", _inline(node.children))
        elif node.tag == "code":
            out += _wrap("code", _inline(node.children))
        elif node.tag == "a":
            inner = _inline(node.children)
            href = node.href or ""
            if href.startswith(LINK_SCHEMES):
                out += _wrap("a", inner, f' href="{escape(href, quote=True)}"')
            else:
                # mailto: Telegram links a bare address by itself.
                address = href.removeprefix("mailto:")
                label = "".join(t.value for t in inner if t.kind == "text")
                out += inner
                if address and address != label:
                    out.append(_text(f" ({address})"))
        else:
            out += _inline(node.children)
    return out


def _blocks(nodes: list[Node]) -> list[Paragraph]:
    """Block Markdown nodes as paragraphs; a list is one paragraph of «•» lines."""
    paragraphs: list[Paragraph] = []
    pending: list[Node] = []

    def flush() -> None:
        tokens = _inline(pending)
        if "".join(t.value for t in tokens if t.kind == "text").strip():
            paragraphs.append(tokens)
        pending.clear()

    for node in nodes:
        if node.tag in ("ul", "ol"):
            flush()
            lines: Paragraph = []
            items = [child for child in node.children if child.tag == "li"]
            for number, item in enumerate(items, start=1):
                inner = [t for block in _blocks(item.children) for t in (*block, _text(" "))]
                if lines:
                    lines.append(_text("\n"))
                lines += [_text("• " if node.tag == "ul" else f"{number}. "), *inner[:-1]]
            if lines:
                paragraphs.append(lines)
        elif node.tag in ("h3", "h4"):
            flush()
            paragraphs.append(_wrap("b", _inline(node.children)))
        elif node.tag == "blockquote":
            flush()
            quoted = _blocks(node.children)
            joined: Paragraph = [
                t for i, p in enumerate(quoted) for t in ([_text("\n")] if i else []) + p
            ]
            if joined:
                paragraphs.append(_wrap("blockquote", joined))
        elif node.tag in ("p", "li"):
            flush()
            pending.extend(node.children)
            flush()
        else:
            pending.append(node)
    flush()
    return paragraphs


def hashtags(doc: VacancyDocument) -> list[str]:
    """Short hashtags from the role, work format and city: #вакансия #smm #удалённо #Москва."""
    ru = doc.language == "ru"
    tags = ["вакансия" if ru else "vacancy"]
    if doc.role.startswith("smm"):
        tags.append("smm")
    workplace = {
        "remote": "удалённо" if ru else "remote",
        "hybrid": "гибрид" if ru else "hybrid",
        "office": "офис" if ru else "office",
    }.get(doc.workplace)
    if workplace:
        tags.append(workplace)
    city = _city_tag(doc.location)
    if city:
        tags.append(city)
    unique: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            unique.append(tag)
    return [f"#{tag}" for tag in unique]


def _city_tag(location: str) -> str:
    """«Санкт-Петербург» -> «СанктПетербург»; "" when the location makes no short tag."""
    area = find_area(location)
    city = area[1] if area else location.split(",")[0].strip()
    words = [w for w in re.split(r"[\s\-‐–—]+", city) if w]
    tag = "".join(w[:1].upper() + w[1:] for w in words)
    if not tag or _HASHTAG_UNSAFE.search(tag) or len(tag) > 30 or tag[0].isdigit():
        return ""
    return tag


def post_paragraphs(doc: VacancyDocument) -> list[Paragraph]:
    """The post: title, company, key facts, each section, then hashtags."""
    paragraphs: list[Paragraph] = [_wrap("b", [_text(doc.title)])]
    if doc.organization.strip():
        paragraphs[0] += [_text("\n"), _text(doc.organization.strip())]
    facts = content.facts(doc)
    if facts:
        lines: Paragraph = []
        for fact in facts:
            if lines:
                lines.append(_text("\n"))
            lines += [*_wrap("b", [_text(f"{fact.label}:")]), _text(f" {fact.value}")]
        paragraphs.append(lines)
    for section in content.sections(doc):
        heading = _wrap("b", [_text(section.title)])
        if section.items:
            body: Paragraph = []
            for item in section.items:
                body += [_text("\n"), _text(f"• {item}")]
            paragraphs.append(heading + body)
        else:
            blocks = _blocks(section.nodes)
            if blocks:
                paragraphs.append([*heading, _text("\n"), *blocks[0]])
                paragraphs += blocks[1:]
    paragraphs.append([_text(" ".join(hashtags(doc)))])
    return paragraphs


# --- splitting -------------------------------------------------------------------------


def _render(tokens: list[Token]) -> str:
    return "".join(t.html() for t in tokens)


def _open_after(stack: list[Token], tokens: list[Token]) -> list[Token]:
    """The tags still open after `tokens`, starting from `stack`."""
    stack = list(stack)
    for token in tokens:
        if token.kind == "open":
            stack.append(token)
        elif token.kind == "close" and stack and stack[-1].value == token.value:
            stack.pop()
    return stack


def _closers(stack: list[Token]) -> list[Token]:
    return [Token("close", t.value) for t in reversed(stack)]


def _pieces(tokens: list[Token]) -> list[Token]:
    """Text split into words, whitespace runs and line breaks; tags unchanged."""
    out: list[Token] = []
    for token in tokens:
        if token.kind != "text":
            out.append(token)
            continue
        out += [_text(p) for p in re.split(r"(\n+|[ \t]+)", token.value) if p]
    return out


def _hard_cut(word: str, room: int) -> list[str]:
    """A word longer than a whole message, cut into pieces whose escaped form fits `room`."""
    pieces, current = [], ""
    for char in word:
        if current and len(escape(current + char, quote=False)) > room:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def _blank(token: Token) -> bool:
    return token.kind == "text" and not token.value.strip()


class _Part:
    """One message being filled: the tags open at its start, its tokens, its length."""

    def __init__(self, stack: list[Token]) -> None:
        self.stack = list(stack)
        self.tokens: list[Token] = []
        self.open = list(stack)
        self.length = len(_render(stack))

    def cost_with(self, token: Token) -> int:
        opened = _open_after(self.open, [token])
        return self.length + len(token.html()) + len(_render(_closers(opened)))

    def add(self, token: Token) -> None:
        self.tokens.append(token)
        self.open = _open_after(self.open, [token])
        self.length += len(token.html())

    def html(self, upto: int) -> str | None:
        """The first `upto` tokens as a finished message; None when it says nothing."""
        tokens = self.tokens[:upto]
        while tokens and _blank(tokens[-1]):
            tokens.pop()
        if not "".join(t.value for t in tokens if t.kind == "text").strip():
            return None
        body = [*self.stack, *tokens]
        return _render(body + _closers(_open_after([], body)))


def _break_at(part: _Part, budget: int) -> int:
    """Where to end a full part: the last paragraph break, else line break, in its second
    half; else the last space; else right here (a word longer than a message)."""
    for mark in ("\n\n", "\n"):
        for j in range(len(part.tokens) - 1, 0, -1):
            token = part.tokens[j]
            if token.kind == "text" and mark in token.value:
                head = len(_render([*part.stack, *part.tokens[:j]]))
                if head > budget // 2:
                    return j
                break
    for j in range(len(part.tokens) - 1, 0, -1):
        if _blank(part.tokens[j]):
            return j
    return len(part.tokens)


def _split(pieces: list[Token], budget: int) -> list[str]:
    """Fill messages of at most `budget` characters with the pieces, in order."""
    parts: list[str] = []
    part = _Part([])
    queue = list(reversed(pieces))
    while queue:
        piece = queue.pop()
        if not part.tokens and _blank(piece):
            continue  # no message starts with white space
        if part.cost_with(piece) <= budget:
            part.add(piece)
            continue
        if not part.tokens:
            room = budget - part.length - len(_render(_closers(part.stack)))
            if piece.kind != "text" or room < 1:
                raise ValueError("formatting too deep to fit a message")
            queue += [_text(cut) for cut in reversed(_hard_cut(piece.value, room))]
            continue
        cut = _break_at(part, budget)
        html = part.html(cut)
        if html is not None:
            parts.append(html)
        queue.append(piece)
        queue += reversed(part.tokens[cut:])
        part = _Part(_open_after(part.stack, part.tokens[:cut]))
    html = part.html(len(part.tokens))
    if html is not None:
        parts.append(html)
    return parts


def split_post(paragraphs: list[Paragraph], limit: int = MESSAGE_MAX) -> list[str]:
    """The post as messages of at most `limit` characters, numbered «1/2» when split."""
    tokens = [t for i, p in enumerate(paragraphs) for t in ([_text("\n\n")] if i else []) + p]
    whole = _render(tokens)
    if len(whole) <= limit:
        return [whole] if whole.strip() else []
    parts = _split(_pieces(tokens), limit - _NUMBER_ROOM)
    return [f"{i}/{len(parts)}\n{part}" for i, part in enumerate(parts, start=1)]


def telegram_parts(doc: VacancyDocument) -> list[str]:
    """The vacancy as Telegram messages (one, or numbered parts)."""
    return split_post(post_paragraphs(doc))


def render_telegram(doc: VacancyDocument) -> str:
    """The post as a text file: the messages one after another, a line between them."""
    return PART_SEPARATOR.join(telegram_parts(doc)) + "\n"
