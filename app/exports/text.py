"""The vacancy as plain text for pasting into job boards: no markup, "•" bullets, 80 columns."""

from __future__ import annotations

import re
import textwrap

from app.domain.vacancies.document import VacancyDocument
from app.exports import content
from app.markup import text_blocks

WIDTH = 80
# A line that starts a list item: its continuation lines hang under the item's text.
_ITEM_RE = re.compile(r"^(\s*)(•|\d+\.)\s")


def wrap_line(line: str, width: int = WIDTH) -> str:
    """Wrap one logical line; list items get a hanging indent under their text."""
    match = _ITEM_RE.match(line)
    hang = " " * (match.end() if match else len(line) - len(line.lstrip(" ")))
    # textwrap splits on ASCII whitespace only, so no-break spaces keep "80 000" whole.
    wrapped = textwrap.wrap(
        line,
        width=width,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(wrapped) if wrapped else ""


def wrap_block(block: str, width: int = WIDTH) -> str:
    """Wrap every line of a block."""
    return "\n".join(wrap_line(line, width) for line in block.split("\n"))


def render_text(doc: VacancyDocument) -> str:
    """The vacancy as plain text: title, key facts, then each section under its heading."""
    blocks = [doc.title.strip(), doc.organization.strip(), content.draft_mark(doc).upper()]
    facts = content.facts(doc)
    if facts:
        blocks.append("\n".join(f"{fact.label}: {fact.value}" for fact in facts))
    for section in content.sections(doc):
        if section.nodes:
            body = text_blocks(section.nodes)
        elif section.key == "skills":
            body = [", ".join(section.items)]
        else:
            body = ["\n".join(f"• {item}" for item in section.items)]
        blocks.append(section.title + "\n" + "\n\n".join(body))
    blocks.append(content.status_line(doc))
    return "\n\n".join(wrap_block(block) for block in blocks if block) + "\n"
