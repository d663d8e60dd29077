"""Findings, the 0-100 quality score, and the readability checks of a vacancy (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.catalog.phrases import normalize
from app.domain.message import Message, Quoted, english, msg, msg_n
from app.domain.vacancies.document import DocLine, VacancyDocument
from app.domain.vacancies.vague import find_vague

# Vacancies shorter than this leave the candidate guessing; longer ones are skimmed, not read.
MIN_WORDS = 150
MAX_WORDS = 900
MAX_BULLETS = 12
# Job boards cut titles around here, and a long title hides the position itself.
MAX_TITLE_CHARS = 80

# The sections' names, as the messages about them say them.
SECTIONS: dict[str, Message] = {
    "duties": msg("Responsibilities"),
    "requirements": msg("Requirements"),
    "skills": msg("Skills"),
    "goals": msg("Measurable goals"),
    "intro_md": msg("About the company"),
    "conditions_md": msg("Conditions"),
    "apply_md": msg("How to apply"),
}

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Link targets and bare URLs are not read as words.
_URL = re.compile(r"\]\([^)]*\)|<?https?://\S+|<[^>\s]+>")
_MARKDOWN_BULLET = re.compile(r"^\s*([-*+]|\d+[.)])\s+\S", re.MULTILINE)
# A pay figure in the title: digits with a currency or thousands mark, a currency sign
# before digits, a pay word, or «от 80 000» / "up to 120,000".
_SALARY = re.compile(
    r"\d[\d\s.,]*\s*(k\b|к\b|тыс|т\.?\s?р\b|₽|руб|р\.|\$|€|₴|₸|usd|eur|rub|грн|тенге|byn)"
    r"|[$€₽]\s*\d"
    r"|\b(зарплат|зп\b|з/п|оклад|salary|wages?\b|pay\b)"
    r"|\b(от|до|from|up\s+to)\s+\d{2,3}[\s.,]?\d{3}\b"
)


ERROR = "error"
WARNING = "warning"
ERRORS = ("discriminatory-requirement", "salary-range")
# Points each finding takes off the 0-100 score. Errors block publishing, so they cost
# most; `quality` findings carry their own 5-15, by how far the text is from the norm;
# `missing-section` and `vague-phrase` carry their own too (SECTION_PENALTIES, vague.py).
# A missing salary costs most of the warnings: it is the first thing candidates look for
# and job boards filter by it. An empty template (no intro, conditions, how to apply or
# salary) loses 15 + 10 + 10 + 8 and usually the length penalty too.
PENALTIES = {
    "discriminatory-requirement": 25,
    "salary-range": 25,
    "workload": 15,
    "salary-missing": 15,
    "excluded-duty": 10,
    "conflicting-item": 10,
    "role-mismatch": 10,
    "no-measurable-goals": 10,
    "missing-section": 10,
    "stale-item": 5,
    "salary-in-text": 3,
    "vague-phrase": 3,
}
SECTION_PENALTIES = {"intro_md": 10, "conditions_md": 10, "apply_md": 8}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: a stable code, "error" (blocks publishing) or "warning", and what to do."""

    code: str
    severity: str
    item: str
    message: Message
    suggestion: Message
    # Where it is: the draft field, the line's index in it (see compose.DocLine) and the
    # character span [start, end) in that line of the words that triggered it; None for
    # findings about the whole vacancy or a whole field.
    field: str = ""
    line: int | None = None
    start: int | None = None
    end: int | None = None
    # What it is about, for codes with kinds: the exclusion id of an excluded duty,
    # the categories of a discriminatory line ("sex,age"); "" otherwise.
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A finding's suggestion with the quality points fixing it gives back."""

    code: str
    item: str
    suggestion: Message
    points: int


@dataclass(frozen=True, slots=True)
class CheckReport:
    """All findings (errors first), the 0-100 quality score and the fixes, best first."""

    findings: tuple[Finding, ...]
    quality: int
    fixes: tuple[Fix, ...]


Scored = tuple[Finding, int]


def quoted(text: str, limit: int = 60) -> Quoted:
    """A line quoted for a message (see Quoted), shortened if long."""
    text = " ".join(text.split())
    return Quoted(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


@dataclass(frozen=True, slots=True)
class Where:
    """Where a finding is: field, line index and span (see Finding)."""

    field: str
    line: int | None = None
    start: int | None = None
    end: int | None = None


def finding(
    code: str,
    item: str,
    message: Message,
    suggestion: Message,
    penalty: int = 0,
    *,
    where: Where | None = None,
    severity: str | None = None,
    subject: str = "",
) -> Scored:
    """A finding with its penalty (PENALTIES[code] unless given) and where it is (by default
    the field named by the item's part before «:»)."""
    severity = severity or (ERROR if code in ERRORS else WARNING)
    message = message.typeset_copy()
    suggestion = suggestion.typeset_copy()
    where = where or Where(item.partition(":")[0])
    return Finding(
        code,
        severity,
        item,
        message,
        suggestion,
        where.field,
        where.line,
        where.start,
        where.end,
        subject,
    ), penalty or PENALTIES[code]


def build_report(scored: Iterable[Scored]) -> CheckReport:
    """Errors first; the score is 100 minus the penalties (at least 0); fixes by points won."""
    scored = sorted(scored, key=lambda pair: pair[0].severity != ERROR)
    fixes = sorted(
        (Fix(f.code, f.item, f.suggestion, points) for f, points in scored),
        key=lambda fix: (-fix.points, fix.code, fix.item, english(fix.suggestion)),
    )
    return CheckReport(
        findings=tuple(f for f, _ in scored),
        quality=max(0, 100 - sum(points for _, points in scored)),
        fixes=tuple(fixes),
    )


def visible_text(document: VacancyDocument) -> list[str]:
    """Everything a candidate reads in the vacancy, piece by piece."""
    salary = document.salary
    amounts = [] if salary is None else [salary.amount_from, salary.amount_to]
    return [
        document.title,
        document.organization,
        document.role_title,
        *document.networks,
        _URL.sub(" ", document.intro_md),
        *document.duties,
        *document.requirements,
        *document.skills,
        _URL.sub(" ", document.conditions_md),
        *(f"{g.text} {g.target:g} {g.unit}" for g in document.goals),
        _URL.sub(" ", document.apply_md),
        *(str(a) for a in amounts if a is not None),
        document.location,
    ]


def word_count(document: VacancyDocument) -> int:
    """Words the candidate reads: every section, the goals and the facts."""
    return sum(len(_WORD.findall(piece)) for piece in visible_text(document))


def _bullets(document: VacancyDocument) -> dict[str, int]:
    counts = {
        "duties": len(document.duties),
        "requirements": len(document.requirements),
        "skills": len(document.skills),
        "goals": len(document.goals),
    }
    for field in ("intro_md", "conditions_md", "apply_md"):
        counts[field] = len(_MARKDOWN_BULLET.findall(getattr(document, field)))
    return counts


def _issue(item: str, penalty: int, message: Message, suggestion: Message) -> Scored:
    return finding("quality", item, message, suggestion, penalty)


def _length_issue(words: int) -> Scored | None:
    if words < MIN_WORDS:
        return _issue(
            "document",
            10,
            msg_n(
                "The vacancy has only %(num)d words: too little for a candidate to "
                "understand the job and the terms.",
                "The vacancy has only %(num)d words: too little for a candidate to "
                "understand the job and the terms.",
                num=words,
            ),
            msg(
                "Describe the company and the project, the terms and how to apply: "
                "%(min)s to %(max)s words read well.",
                min=MIN_WORDS,
                max=MAX_WORDS,
            ),
        )
    if words > MAX_WORDS:
        return _issue(
            "document",
            5 if words <= 1200 else 10 if words <= 1500 else 15,
            msg_n(
                "The vacancy has %(num)d words; few candidates read that far.",
                "The vacancy has %(num)d words; few candidates read that far.",
                num=words,
            ),
            msg(
                "Cut it to %(max)s words: keep the main duties and terms and leave "
                "the details for the interview.",
                max=MAX_WORDS,
            ),
        )
    return None


def _bullet_issue(field: str, count: int) -> Scored:
    section = SECTIONS[field]
    return _issue(
        field,
        5 if count <= 15 else 10 if count <= 20 else 15,
        msg_n(
            "The “%(section)s” section has %(num)d items; the important ones get lost.",
            "The “%(section)s” section has %(num)d items; the important ones get lost.",
            num=count,
            section=section,
        ),
        msg(
            "Keep at most %(max)s of the most important items in “%(section)s” and "
            "merge similar ones.",
            max=MAX_BULLETS,
            section=section,
        ),
    )


def _title_issues(title: str, role_title: str) -> list[Scored]:
    issues = []
    if len(title) > MAX_TITLE_CHARS:
        issues.append(
            _issue(
                "title",
                5,
                msg(
                    "The title is longer than %(max)s characters (%(length)s); "
                    "job boards will cut it.",
                    max=MAX_TITLE_CHARS,
                    length=len(title),
                ),
                msg("Keep just the position in the title, e.g. %(role)s.", role=Quoted(role_title))
                if role_title
                else msg("Keep just the position in the title."),
            )
        )
    if _SALARY.search(normalize(title)):
        issues.append(
            _issue(
                "title",
                10,
                msg(
                    "The title mentions pay; job boards reject such titles and candidates "
                    "search by position."
                ),
                msg("Take the amount out of the title and put it in the Salary field."),
            )
        )
    if "!" in title or "！" in title:
        issues.append(
            _issue(
                "title",
                5,
                msg("The title has an exclamation mark; the vacancy reads like an ad."),
                msg("Remove the exclamation marks."),
            )
        )
    return issues


# What a candidate misses when a free-text section is empty, and what to write in it.
_MISSING: dict[str, tuple[Message, Message]] = {
    "intro_md": (
        msg(
            "There is nothing about the company: candidates cannot tell whose account they "
            "would run, what the product and audience are, or whether the project suits them."
        ),
        msg(
            "Write 2–4 sentences: what the company does, the product and its audience, which "
            "networks already run and why you are hiring now."
        ),
    ),
    "conditions_md": (
        msg(
            "The terms are missing: candidates cannot see the contract, schedule, work format "
            "or trial period, so fewer of them apply."
        ),
        msg(
            "List the terms: contract type, schedule and hours, office or remote, trial "
            "period, training, equipment, ad and production budget."
        ),
    ),
    "apply_md": (
        msg(
            "The vacancy does not say how to apply: candidates do not know what to send or "
            "when to expect an answer, and you will have to ask each one for their accounts."
        ),
        msg(
            "Say what to send (CV, links to 2–3 accounts or cases), where, and when you will "
            "answer; mention a test task if there is one."
        ),
    ),
}


def _missing_sections(document: VacancyDocument) -> list[Scored]:
    issues = []
    for field, (message, suggestion) in _MISSING.items():
        value = getattr(document, field)
        if not (isinstance(value, str) and value.strip()):
            issues.append(
                finding(
                    "missing-section",
                    field,
                    message,
                    suggestion,
                    SECTION_PENALTIES[field],
                    where=Where(field),
                )
            )
    return issues


def _vague_phrases(lines: Sequence[DocLine]) -> list[Scored]:
    """Each kind of vague phrase once, at its first line and span."""
    issues, seen = [], set()
    for line in lines:
        for phrase, start, end in find_vague(line.text):
            if phrase.id in seen:
                continue
            seen.add(phrase.id)
            issues.append(
                finding(
                    "vague-phrase",
                    line.item,
                    phrase.message_for(quoted(line.text[start:end])),
                    phrase.suggestion,
                    phrase.penalty,
                    where=Where(line.field, line.line, start, end),
                )
            )
    return issues


def quality_findings(document: VacancyDocument, lines: Sequence[DocLine] = ()) -> list[Scored]:
    """Readability problems of a composed vacancy, in a stable order: title, length and
    bullets (code "quality"), empty sections ("missing-section") and vague phrases in its
    lines ("vague-phrase")."""
    issues = _title_issues(document.title, document.role_title)
    length = _length_issue(word_count(document))
    if length is not None:
        issues.append(length)
    for field, count in _bullets(document).items():
        if count > MAX_BULLETS:
            issues.append(_bullet_issue(field, count))
    issues += _missing_sections(document)
    issues += _vague_phrases(lines)
    return issues
