"""Read a posting pasted in whole: its sections, what it says, a draft, its checks (pure).

`split_sections` finds the headings a posting is written under («Обязанности», «Мы ждём
от вас», "What you'll do", …) however they are marked: a Markdown `#`, bold `**…**`,
ALL CAPS, a colon, or alone on a line; a heading followed by a colon and text on the
same line («Требования: опыт от года») opens its section with that text. Bullets
(`-`, `*`, `•`, `–`, `1.`, emoji checkmarks) become lines. What comes before the first
heading is the title (its first short line) and the intro.

`analyze_text` turns the posting into a VacancyDraft: a duty, requirement or skill line
that says what a catalog item says becomes that item (see `_convert`), the rest stay the
employer's own lines; the company, conditions and how-to-apply texts are kept as
Markdown. Every draft line remembers where it came from in the pasted text, so each
finding of the check report points at the words of the posting that triggered it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from app.domain.catalog.model import Catalog
from app.domain.catalog.morph import fold
from app.domain.vacancies.checks import check_vacancy
from app.domain.vacancies.compose import CONTENT_FOCUSED_ROLES
from app.domain.vacancies.document import CURRENCIES, SALARY_PERIODS
from app.domain.vacancies.draft import MAX_CUSTOM_LINES, VACANCY_ROLES, VacancyDraft
from app.domain.vacancies.intake_guess import (
    guess_employment,
    guess_experience,
    guess_language,
    guess_location,
    guess_networks,
    guess_role_from_title,
    guess_workplace,
)
from app.domain.vacancies.matching import THRESHOLD, Match, best_match
from app.domain.vacancies.quality import CheckReport, Finding
from app.domain.vacancies.textfacts import PayMention, find_pay

MAX_TEXT = 100_000
# A line becomes a catalog item only when it says what the item says this surely; below
# it (but over matching.THRESHOLD) the line is kept in the employer's words.
CONVERT_THRESHOLD = max(THRESHOLD, 0.5)
MAX_TITLE_CHARS = 150
MAX_LINE_CHARS = 300
MAX_MARKDOWN_CHARS = 5_000
SHORT_LINE = 120

# Section kinds, in the order a draft reads them.
LIST_KINDS = ("duties", "requirements", "skills")
TEXT_KINDS = ("intro", "about", "conditions", "apply")
KINDS = (*LIST_KINDS, *TEXT_KINDS, "other")
# Which draft field a section's lines go to, and which catalog lists a line is matched to.
CUSTOM_FIELD = {
    "duties": "custom_duties",
    "requirements": "custom_requirements",
    "skills": "custom_skills",
}
MATCH_SECTIONS = {
    "duties": ("duties",),
    "requirements": ("requirements", "skills"),
    "skills": ("skills", "requirements"),
}
TEXT_FIELD = {"intro": "intro_md", "about": "intro_md", "conditions": "conditions_md",
              "apply": "apply_md", "other": "conditions_md"}  # fmt: skip

_H = r"(?:наш[аи]?\s+|ваш[аи]?\s+|основные\s+|ключевые\s+|your\s+|key\s+|main\s+)?"
HEADINGS: dict[str, re.Pattern[str]] = {
    kind: re.compile(rf"^{_H}(?:{pattern})$")
    for kind, pattern in {
        "duties": r"обязанност\w*|должностные\s+обязанности|задачи|функционал|"
        r"чем\s+(?:вам\s+|тебе\s+|нужно\s+|предстоит\s+|придется\s+|будешь\s+|будете\s+)*"
        r"(?:заниматься|занимать\w*)|что\s+(?:нужно|надо|предстоит|будет\s+нужно)\s+делать|"
        r"что\s+(?:ты\s+будешь|вы\s+будете|будет\s+входить\s+в\s+ваши\s+задачи)\s*\w*|"
        r"что\s+делать|круг\s+задач|в\s+(?:ваши|твои)\s+задачи\s+входит|работа\s+включает|"
        r"responsibilities|duties|what\s+you(?:'|’)?ll\s+do|what\s+you\s+will\s+do|"
        r"the\s+role|role\s+description|tasks|job\s+description|day\s+to\s+day",
        "requirements": r"требования(?:\s+к\s+кандидат\w*)?|ожидаем|мы\s+ожидаем|"
        r"что\s+мы\s+ожидаем|мы\s+(?:ждем|ждём)(?:\s+от\s+(?:вас|тебя))?|"
        r"(?:ждем|ждём)\s+от\s+(?:вас|тебя)|что\s+(?:для\s+нас\s+)?важно|"
        r"что\s+нам\s+важно|нам\s+важно|кого\s+мы\s+ищем|кто\s+нам\s+нужен|"
        r"(?:мы\s+)?ищем(?:\s+тебя|\s+вас)?,?\s*если|вы\s+нам\s+подходите,?\s*если|"
        r"ты\s+нам\s+подходишь,?\s*если|о\s+(?:вас|тебе)|"
        r"requirements|qualifications|minimum\s+requirements|what\s+we\s+expect|"
        r"what\s+we(?:'|’)?re\s+looking\s+for|who\s+you\s+are|about\s+you|you\s+have|"
        r"must\s+have",
        "skills": r"навыки|ключевые\s+навыки|компетенции|будет\s+плюсом|(?:большим\s+)?плюсом\s+"
        r"будет|желательно|skills|nice\s+to\s+have|bonus\s+points|abilities|"
        r"key\s+skills",
        "conditions": r"условия(?:\s+работы)?|мы\s+предлагаем|что\s+мы\s+предлагаем|"
        r"предлагаем|что\s+(?:мы\s+)?(?:даем|даём)|что\s+ты\s+получишь|что\s+вы\s+получите|"
        r"почему\s+(?:у\s+нас|мы)|бонусы|плюшки|we\s+offer|what\s+we\s+offer|benefits|"
        r"perks|compensation|conditions|why\s+(?:join\s+)?us|what\s+you\s+get",
        "about": r"о\s+компании|о\s+нас|кто\s+мы|о\s+проекте|о\s+команде|about\s+us|"
        r"about\s+the\s+company|who\s+we\s+are|company|about\s+the\s+team",
        "apply": r"как\s+откликнуться|отклик|как\s+(?:с\s+нами\s+)?связаться|контакты|"
        r"как\s+попасть\s+к\s+нам|how\s+to\s+apply|to\s+apply|apply|contacts?",
    }.items()
}
# A bullet: dashes, stars, dots, arrows, check marks and emoji, or "1." / "1)" / "a)".
_BULLET = re.compile(
    r"^[ \t]*(?:[-*+](?=[ \t])|[•·●○◦▪▫■□►▶▸✓✔✅☑➤➢→—–−]"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?|\d{1,2}[.)](?=[ \t])|[a-zа-я]\)(?=[ \t]))[ \t]*",
    re.IGNORECASE,
)
_EMOJI_BULLET = re.compile(r"^[ \t]*[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# «Вакансия: SMM-менеджер» / "Job: …" before a title.
_TITLE_LEAD = re.compile(r"^(?:вакансия|требуется|ищем|job|position|hiring|we\s+are\s+hiring)"
                         r"\s*[:：—–-]\s*", re.IGNORECASE)  # fmt: skip
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_WRAP = re.compile(r"^(\*\*|__|\*|_)(.+?)\1$")
_TRAIL = re.compile(r"[\s:：.!?—–-]+$")
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]")


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a section: its text (bullet and markup off) and where it is in the paste."""

    text: str
    start: int
    end: int
    bullet: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the posting: its kind (see KINDS), heading as written, and its lines."""

    kind: str
    heading: str
    start: int
    end: int
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Guesses:
    """What the posting says about the role, networks, pay, place and language."""

    role: str
    role_from: str  # "title", "duties" or "default"
    networks: tuple[str, ...]
    pay: PayMention | None
    location: str
    workplace: str | None  # "remote", "hybrid" or None when the posting does not say
    language: str
    experience: str | None = None
    employment: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a draft line came from: `prefix` characters of the draft line (a Markdown
    bullet) come before the pasted text, which starts at `start` and runs `length`."""

    start: int
    length: int
    prefix: int = 0

    def span(self, start: int | None, end: int | None) -> tuple[int, int]:
        """A span of the draft line as a span of the pasted text (the whole line if None)."""
        if start is None or end is None:
            return self.start, self.start + self.length
        low = min(max(start - self.prefix, 0), self.length)
        high = min(max(end - self.prefix, low), self.length)
        if high == low:
            return self.start, self.start + self.length
        return self.start + low, self.start + high


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with the span of the pasted text it is about (None when it is about the
    vacancy as a whole or a field the posting does not have)."""

    finding: Finding
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Analysis:
    """A pasted posting read: sections, guesses, the draft, its checks and their spans."""

    text: str
    title: str
    sections: tuple[Section, ...]
    guesses: Guesses
    draft: VacancyDraft
    report: CheckReport
    located: tuple[Located, ...]
    sources: dict[tuple[str, int], Source] = field(repr=False)
    matches: dict[tuple[str, int], Match] = field(repr=False)


# ---------------------------------------------------------------- sections


def _heading_kind(text: str) -> str | None:
    """The kind of section a heading text opens, or None when it is no known heading."""
    key = fold(_EMOJI.sub("", text)).replace("ё", "е")
    key = re.sub(r"[\s ]+", " ", _TRAIL.sub("", key)).strip(" *_#:—–-")
    if not key or len(key) > 60:
        return None
    for kind, pattern in HEADINGS.items():
        if pattern.match(key):
            return kind
    return None


def _unwrap(text: str) -> tuple[str, int, bool]:
    """A line without heading markup: (text, offset of text in the line, was marked)."""
    offset, marked = 0, False
    match = _MD_HEADING.match(text)
    if match:
        offset, marked = match.end(), True
    body = text[offset:].rstrip()
    wrap = _WRAP.match(body.strip())
    if wrap:
        lead = len(body) - len(body.lstrip())
        offset += lead + len(wrap.group(1))
        body = wrap.group(2)
        marked = True
    return body, offset, marked


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _split_heading(raw: str) -> tuple[str | None, str, int, str]:
    """(kind, heading text, offset of the rest, rest) when a line is a heading: a known
    heading, possibly with a colon and text after it; or an unknown marked one."""
    stripped = raw.strip()
    if not stripped:
        return None, "", 0, ""
    body, offset, marked = _unwrap(raw)
    # «Обязанности: ведение аккаунтов» / «**Требования:** опыт» / «ОБЯЗАННОСТИ —»
    colon = re.match(r"^(\**[^:：\n]{2,60}?\**)\s*[:：]\s*(\**)", body)
    if colon:
        kind = _heading_kind(colon.group(1).strip("*_ "))
        if kind is not None:
            rest_at = offset + colon.end()
            return kind, colon.group(1).strip("*_ "), rest_at, raw[rest_at:].strip()
    kind = _heading_kind(body.strip("*_ "))
    if kind is not None and not _BULLET.match(raw):
        return kind, body.strip("*_ ").rstrip(":： "), len(raw), ""
    if kind is not None and len(body) <= 40:
        return kind, body.strip("*_ ").rstrip(":： "), len(raw), ""
    # An unknown heading: marked as one, ALL CAPS, or short and ending in a colon.
    words = body.split()
    short = 0 < len(words) <= 6 and len(body) <= 60 and not _BULLET.match(raw)
    if short and (marked or _is_caps(body) or body.rstrip().endswith((":", "："))):
        return "other", body.strip("*_ ").rstrip(":： "), len(raw), ""
    return None, "", 0, ""


def _line(raw: str, start: int) -> Line | None:
    """A content line: bullet and edge markup off, spans kept."""
    bullet = _BULLET.match(raw)
    offset = bullet.end() if bullet else len(raw) - len(raw.lstrip())
    text = raw[offset:]
    body, inner, _marked = _unwrap(text)
    if inner and body:
        offset += inner
        text = body
    text = text.rstrip()
    # A list line closed by «;», «.» or «,» reads the same without it.
    trimmed = text.rstrip(" ;,")
    if not trimmed.strip(" *_"):
        return None
    return Line(trimmed, start + offset, start + offset + len(trimmed), bool(bullet))


def _semicolons(line: Line) -> list[Line]:
    """A list line of several items joined by «;» as one line per item."""
    if ";" not in line.text:
        return [line]
    parts, at = [], 0
    for piece in line.text.split(";"):
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip().rstrip(".,")
        if text:
            begin = line.start + at + lead
            parts.append(Line(text, begin, begin + len(text), line.bullet))
        at += len(piece) + 1
    return parts


def split_sections(text: str) -> tuple[str, Line | None, tuple[Section, ...]]:
    """The posting's title (text, its line) and its sections in order; the text before
    the first heading is an "intro" section (less the title)."""
    sections: list[Section] = []
    kind, heading, head_start = "intro", "", 0
    lines: list[Line] = []
    title_line: Line | None = None
    position = 0

    def close(end: int) -> None:
        if lines or kind != "intro":
            sections.append(Section(kind, heading, head_start, end, tuple(lines)))

    for raw in text.splitlines(keepends=True):
        start, position = position, position + len(raw)
        raw = raw.rstrip("\r\n")
        found, head, rest_at, rest = _split_heading(raw)
        if found is not None and not (found == "other" and kind == "intro" and not lines
                                      and title_line is None):  # fmt: skip
            close(start)
            kind, heading, head_start, lines = found, head, start, []
            if rest:
                first = _line(raw[rest_at:], start + rest_at)
                if first is not None:
                    lines.extend(_semicolons(first) if kind in LIST_KINDS else [first])
            continue
        line = _line(raw, start)
        if line is None:
            continue
        if kind == "intro" and title_line is None and not lines:
            title_text = line.text.strip("*_# ")
            lead = _TITLE_LEAD.match(title_text)
            if lead and len(title_text) > lead.end():
                title_text = title_text[lead.end() :]
            plain = not line.bullet or _EMOJI_BULLET.match(raw)
            if len(title_text) <= SHORT_LINE and plain:
                shift = line.text.index(title_text) if title_text in line.text else 0
                title_line = Line(
                    title_text, line.start + shift, line.start + shift + len(title_text)
                )
                continue
        lines.extend(_semicolons(line) if kind in LIST_KINDS else [line])
    close(len(text))
    title = title_line.text if title_line else ""
    return title, title_line, tuple(sections)


# ---------------------------------------------------------------- guesses


def guess(catalog: Catalog, text: str, title: str, duty_roles: Iterable[str]) -> Guesses:
    """What the posting says about the role, networks, pay, location and language."""
    role, role_from = guess_role_from_title(title), "title"
    if role is None:
        counts: dict[str, int] = {}
        for role_id in duty_roles:
            counts[role_id] = counts.get(role_id, 0) + 1
        if counts:
            role = max(VACANCY_ROLES, key=lambda r: (counts.get(r, 0), -VACANCY_ROLES.index(r)))
            role_from = "duties"
    if role is None or role not in catalog.by_id["roles"]:
        role = next((r for r in VACANCY_ROLES if r in catalog.by_id["roles"]), catalog.roles[0].id)
        role_from = "default"
    pays = find_pay(text)
    location = guess_location(text)
    return Guesses(
        role=role,
        role_from=role_from,
        networks=guess_networks(catalog, text),
        pay=pays[0] if pays else None,
        location=location,
        workplace=guess_workplace(text, location),
        language=guess_language(text),
        experience=guess_experience(text),
        employment=guess_employment(text),
    )


# ---------------------------------------------------------------- the draft


@dataclass
class _Builder:
    """Collects the draft's lines with where each came from in the pasted text."""

    sources: dict[tuple[str, int], Source] = field(default_factory=dict)
    custom: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)
    chars: dict[str, int] = field(default_factory=dict)
    list_lines: list[tuple[str, Line]] = field(default_factory=list)

    def add_custom(self, kind: str, line: Line) -> None:
        name = CUSTOM_FIELD[kind]
        values = self.custom.setdefault(name, [])
        if len(values) >= MAX_CUSTOM_LINES:
            self.add_text("other", line)
            return
        text = line.text[:MAX_LINE_CHARS]
        self.sources[(name, len(values))] = Source(line.start, len(text))
        values.append(text)

    def add_text(self, kind: str, line: Line, heading: bool = False) -> None:
        name = TEXT_FIELD[kind]
        values = self.texts.setdefault(name, [])
        prefix = "- " if line.bullet else ""
        body = f"**{line.text}**" if heading else line.text
        text = prefix + body
        used = self.chars.get(name, 0)
        if used + len(text) + 1 > MAX_MARKDOWN_CHARS:
            return
        self.chars[name] = used + len(text) + 1
        self.sources[(name, len(values))] = Source(
            line.start, len(line.text), len(prefix) + (2 if heading else 0)
        )
        values.append(text)


def _flagged_lines(report: CheckReport) -> set[tuple[str, int]]:
    """The (field, line) of every finding about one line."""
    return {(f.field, f.line) for f in report.findings if f.line is not None}


def _convert(
    catalog: Catalog,
    draft: VacancyDraft,
    builder: _Builder,
    matches: dict[tuple[str, int], Match],
    flagged: set[tuple[str, int]],
) -> tuple[VacancyDraft, dict[tuple[str, int], Source]]:
    """The draft with each surely matched, unflagged custom line as its catalog item; a
    line a check flags stays in the employer's words, so the finding stays on them."""
    chosen: dict[str, list[str]] = {"duties": [], "skills": [], "requirements": []}
    kept: dict[str, list[str]] = {name: [] for name in CUSTOM_FIELD.values()}
    sources: dict[tuple[str, int], Source] = {
        key: source for key, source in builder.sources.items() if key[0] not in kept
    }
    for name in CUSTOM_FIELD.values():
        for index, text in enumerate(getattr(draft, name)):
            source = builder.sources[(name, index)]
            match = matches.get((name, index))
            if (
                match is not None
                and match.score >= CONVERT_THRESHOLD
                and (name, index) not in flagged
                and match.item_id not in chosen[match.section]
            ):
                sources[(match.section, len(chosen[match.section]))] = source
                chosen[match.section].append(match.item_id)
                continue
            sources[(name, len(kept[name]))] = source
            kept[name].append(text)
    changes: dict[str, Any] = {section: tuple(ids) for section, ids in chosen.items()}
    changes |= {name: tuple(lines) for name, lines in kept.items()}
    converted = replace(draft, **changes)
    return converted, sources


def _catalog_order(
    catalog: Catalog, draft: VacancyDraft, sources: dict[tuple[str, int], Source]
) -> tuple[VacancyDraft, dict[tuple[str, int], Source]]:
    """Catalog ids in catalog order (as the composer shows them), sources following."""
    values: dict[str, Any] = {}
    moved = dict(sources)
    for section in ("duties", "skills", "requirements"):
        ids = getattr(draft, section)
        position = {item.id: i for i, item in enumerate(getattr(catalog, section))}
        order = sorted(range(len(ids)), key=lambda i: position.get(ids[i], len(position)))
        values[section] = tuple(ids[i] for i in order)
        for new, old in enumerate(order):
            if (section, old) in sources:
                moved[(section, new)] = sources[(section, old)]
    return replace(draft, **values), moved


MAX_AMOUNT = 1_000_000_000


def _read_fields(builder: _Builder) -> dict[str, Any]:
    """The custom lines and the texts read from the posting, by draft field."""
    fields: dict[str, Any] = {name: tuple(lines) for name, lines in builder.custom.items()}
    return fields | {name: "\n".join(lines) for name, lines in builder.texts.items()}


def _pay_fields(pay: PayMention | None) -> dict[str, Any]:
    if pay is None or (pay.amount_from is None and pay.amount_to is None):
        return {}
    if any(a is not None and not 0 <= a <= MAX_AMOUNT for a in (pay.amount_from, pay.amount_to)):
        return {}
    if pay.currency not in CURRENCIES:
        return {}
    if pay.period not in SALARY_PERIODS:
        return {}
    return {
        "salary_from": pay.amount_from,
        "salary_to": pay.amount_to,
        "currency": pay.currency,
        "salary_period": pay.period,
        "salary_gross": pay.gross is not False,
    }


def _line_key(found: Finding, draft: VacancyDraft) -> tuple[str, int] | None:
    """The (field, line) a finding is about: its own, else read from its item
    ("custom_duties:2", "duties:<id>"), else None."""
    if found.line is not None:
        return found.field, found.line
    section, _, rest = found.item.partition(":")
    if section in CUSTOM_FIELD.values() and rest.isdigit():
        return section, int(rest)
    if section in ("duties", "skills", "requirements"):
        ids = getattr(draft, section)
        if rest in ids:
            return section, ids.index(rest)
    if section == "title":
        return "title", 0
    return None


def _locate(
    report: CheckReport,
    draft: VacancyDraft,
    sources: dict[tuple[str, int], Source],
    pay: PayMention | None,
) -> tuple[Located, ...]:
    located = []
    for found in report.findings:
        key = _line_key(found, draft)
        source = sources.get(key) if key is not None else None
        if source is not None:
            start, end = source.span(found.start, found.end)
            located.append(Located(found, start, end))
        elif found.field.startswith("salary") and pay is not None:
            located.append(Located(found, pay.start, pay.end))
        else:
            located.append(Located(found, None, None))
    return tuple(located)


# Control characters and lone surrogates (they cannot be stored or shown) and tabs and
# returns: each is replaced by one character, so offsets into the cleaned text are the
# offsets into the text as given.
_UNSHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                      "\u2066-\u2069\t]")  # fmt: skip
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """The text with controls as spaces, lone surrogates as U+FFFD and «\\r» as «\\n»
    (same length, so spans in it are spans in the text given)."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _UNSHOWN.sub(" ", text))


def analyze_text(catalog: Catalog, text: str) -> Analysis:
    """Read a pasted posting: sections, guesses, the draft, the checks and their spans
    (offsets into `text` as given)."""
    text = clean_text(text)
    title, title_line, sections = split_sections(text)
    builder = _Builder()
    matches: dict[tuple[str, int], Match] = {}
    duty_roles: list[str] = []
    for section in sections:
        if section.kind in LIST_KINDS:
            for line in section.lines:
                name = CUSTOM_FIELD[section.kind]
                index = len(builder.custom.get(name, []))
                builder.add_custom(section.kind, line)
                if len(builder.custom.get(name, [])) == index:
                    continue  # over the limit: kept as text
                match = best_match(catalog, line.text, MATCH_SECTIONS[section.kind])
                if match is not None:
                    matches[(name, index)] = match
                    if match.section == "duties":
                        duty_roles.extend(catalog.duty(match.item_id).roles)
        else:
            if section.heading and section.kind not in ("intro",):
                position = section.start + text[section.start : section.end].find(section.heading)
                builder.add_text(
                    section.kind,
                    Line(section.heading, position, position + len(section.heading)),
                    heading=True,
                )
            for line in section.lines:
                builder.add_text(section.kind, line)
    guesses = guess(catalog, text, title, duty_roles)
    if title_line is not None:
        title = title_line.text[:MAX_TITLE_CHARS]
        builder.sources[("title", 0)] = Source(title_line.start, len(title))
    else:
        title = catalog.role(guesses.role).text.get(guesses.language)
    workplace = guesses.workplace or "office"
    draft = VacancyDraft(
        title=title,
        role=guesses.role,
        scale="small" if guesses.role in CONTENT_FOCUSED_ROLES else "large",
        networks=guesses.networks,
        focus="content" if guesses.role in CONTENT_FOCUSED_ROLES else "balanced",
        **_read_fields(builder),
        **_pay_fields(guesses.pay),
        workplace=workplace,
        location=guesses.location,
        language=guesses.language,
        experience=guesses.experience or "1-3",
        employment=guesses.employment or "full",
    )
    faithful = check_vacancy(catalog, draft)
    converted, sources = _convert(catalog, draft, builder, matches, _flagged_lines(faithful))
    converted, sources = _catalog_order(catalog, converted, sources)
    report = check_vacancy(catalog, converted) if converted != draft else faithful
    return Analysis(
        text=text,
        title=title,
        sections=sections,
        guesses=guesses,
        draft=converted,
        report=report,
        located=_locate(report, converted, sources, guesses.pay),
        sources=sources,
        matches=matches,
    )


def segments(text: str, located: Iterable[Located]) -> list[tuple[str, tuple[int, ...]]]:
    """The pasted text cut where findings' spans begin and end: (piece, indexes of the
    findings whose span covers it), for a template to mark."""
    spans = [
        (item.start, item.end, index)
        for index, item in enumerate(located)
        if item.start is not None and item.end is not None and item.end > item.start
    ]
    cuts = sorted({0, len(text), *(s for s, _e, _i in spans), *(e for _s, e, _i in spans)})
    pieces = []
    for low, high in pairwise(cuts):
        if high <= low:
            continue
        covering = tuple(i for s, e, i in spans if s <= low and high <= e)
        pieces.append((text[low:high], covering))
    return pieces
