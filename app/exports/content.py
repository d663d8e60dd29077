"""The vacancy's content in reading order, shared by every export format."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from app.domain.vacancies.document import VacancyDocument
from app.exports import labels
from app.markup import Node, inline_text, markdown_tree, serialize, text_blocks

# The conventional order of a Russian (and most English) job description.
SECTION_ORDER = ("about", "duties", "requirements", "skills", "conditions", "goals", "apply")
FACT_ORDER = (
    "salary", "employment", "schedule", "workplace", "location", "experience", "networks",
    "valid_through",
)  # fmt: skip


@dataclass(frozen=True)
class Section:
    """One titled section: either a list of items or rich text from Markdown."""

    key: str
    title: str
    items: tuple[str, ...] = ()
    nodes: list[Node] = field(default_factory=list)
    # Goals also come split into (goal, target) so layouts can set the target apart.
    rows: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Fact:
    """One line of the key facts block."""

    key: str
    label: str
    value: str


def sections(doc: VacancyDocument) -> list[Section]:
    """The non-empty sections of the vacancy, in conventional order."""
    lang = doc.language
    rich = {"about": doc.intro_md, "conditions": doc.conditions_md, "apply": doc.apply_md}
    lists = {
        "duties": doc.duties,
        "requirements": doc.requirements,
        "skills": doc.skills,
        "goals": tuple(labels.format_goal(goal, lang) for goal in doc.goals),
    }
    result = []
    for key in SECTION_ORDER:
        title = labels.section_title(key, lang)
        if key in rich:
            nodes = markdown_tree(rich[key])
            if nodes and inline_text(nodes).strip():
                result.append(Section(key, title, nodes=nodes))
        else:
            items = tuple(item.strip() for item in lists[key] if item.strip())
            rows: tuple[tuple[str, str], ...] = ()
            if key == "goals":
                rows = tuple((g.text, labels.goal_target(g, lang)) for g in doc.goals)
            if items:
                result.append(Section(key, title, items=items, rows=rows))
    return result


def facts(doc: VacancyDocument) -> list[Fact]:
    """The key facts (salary, employment, ...), skipping the ones the document lacks."""
    lang = doc.language
    values = {
        "salary": labels.format_salary(doc.salary, lang),
        "employment": labels.value_label("employment", doc.employment, lang),
        "schedule": labels.value_label("schedule", doc.schedule, lang),
        "workplace": labels.value_label("workplace", doc.workplace, lang),
        "location": doc.location.strip(),
        "experience": labels.value_label("experience", doc.experience, lang),
        "networks": labels.format_list([labels.network_name(n, lang) for n in doc.networks], lang),
        "valid_through": labels.format_date(doc.valid_through, lang) if doc.valid_through else "",
    }
    return [
        Fact(key, labels.fact_label(key, lang), _capitalize(values[key]))
        for key in FACT_ORDER
        if values[key]
    ]


def status_line(doc: VacancyDocument) -> str:
    """The closing line: "Опубликовано 26 ноября 2026 · VAC-7", or "Черновик · VAC-7" for a
    vacancy that is not published (a draft has no publication date to show)."""
    lang = doc.language
    if doc.draft:
        return f"{labels.fact_label('draft', lang)} · {doc.identifier}"
    posted = labels.format_date(doc.date_posted, lang)
    return f"{labels.fact_label('date_posted', lang)} {posted} · {doc.identifier}"


def draft_mark(doc: VacancyDocument) -> str:
    """ "Черновик" / "Draft" for a vacancy that is not published, else ""."""
    return labels.fact_label("draft", doc.language) if doc.draft else ""


def section_text(section: Section) -> str:
    """A section's body as plain text ("•" bullets for list sections)."""
    if section.nodes:
        return "\n\n".join(text_blocks(section.nodes))
    return "\n".join(f"• {item}" for item in section.items)


def _capitalize(text: str) -> str:
    """Upper-case the first letter only ("полный день" -> "Полный день")."""
    return text[:1].upper() + text[1:]


def description_html(doc: VacancyDocument, *, rich: bool = True) -> str:
    """The vacancy body as HTML for job boards: headings as bold paragraphs, lists as ul.

    rich=False keeps only the tags every board accepts (p, br, ul, ol, li, strong, em):
    links turn into "text (address)" and quotes, code and headings into plain paragraphs.
    """
    out = []
    for section in sections(doc):
        out.append(f"<p><strong>{escape(section.title)}</strong></p>")
        if section.items:
            lis = "".join(f"<li>{escape(item)}</li>" for item in section.items)
            out.append(f"<ul>{lis}</ul>")
        else:
            out.append(serialize(section.nodes) if rich else _plain_html(section.nodes))
    return "".join(out)


def _plain_html(nodes: list[Node]) -> str:
    """Serialize a node tree with the conservative job-board tag set."""
    out = []
    for node in nodes:
        if not node.tag:
            out.append(escape(node.text, quote=False))
        elif node.tag == "br":
            out.append("<br>")
        elif node.tag == "a":
            out.append(escape(inline_text([node]), quote=False))
        elif node.tag in ("h3", "h4"):
            out.append(f"<p><strong>{_plain_html(node.children)}</strong></p>")
        elif node.tag in ("blockquote", "code"):
            out.append(_plain_html(node.children))
        else:
            tag = {"b": "strong", "i": "em"}.get(node.tag, node.tag)
            out.append(f"<{tag}>{_plain_html(node.children)}</{tag}>")
    return "".join(out)
