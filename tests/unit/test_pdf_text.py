"""The PDF never loses text: every line of the vacancy is on a page, inside the page.

Real WeasyPrint renders the files; poppler's pdftotext reads back each word with its box.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import cycle

import pytest

from app.domain.vacancies.document import Goal, Salary, VacancyDocument
from app.domain.vacancies.validation import MAX_LINE, MAX_LOCATION, MAX_MARKDOWN, MAX_TITLE
from app.exports import content
from app.exports.pdf import render_pdf
from app.exports.worker import MAX_ITEM_CHARS, MAX_LINE_CHARS, check_document_size
from app.markup import markdown_tree, text_blocks
from tests.pdf_words import MM, Page, normalize, pdf_pages
from tests.samples import sample_document_en, sample_document_ru

# The page box of print.css: A4 with margins 24 / 18 / 20 / 20 mm (top, right, bottom, left).
A4 = (210 * MM, 297 * MM)
TOP, RIGHT, BOTTOM, LEFT = 24 * MM, 18 * MM, 20 * MM, 20 * MM
TOLERANCE = 1.0  # points: glyph side bearings and rounding in pdftotext
LONG_SKILL = (
    "Настройка таргетированной рекламы с учётом бюджета, целей кампании, известности "
    "бренда и этапа развития компании"
)
LONG_WORD_RU = ("Сверхдлинноесловобезединогопробела" * 3)[:80]
LONG_WORD_EN = ("Supercalifragilisticexpialidocious" * 3)[:80]
WORDS_RU = (
    "контент",
    "стратегия",
    "аудитория",
    "публикации",
    "таргетированная",
    "реклама",
    "сообщество",
    "аналитика",
    "вовлечённость",
    "бюджет",
)
WORDS_EN = ("content", "strategy", "audience", "engagement", "campaign", "analytics")


def filler(length: int, label: str, words: tuple[str, ...] = WORDS_RU) -> str:
    """A line of exactly `length` characters: a unique label, then ordinary words."""
    parts = [label]
    pool = cycle(words)
    while len(" ".join(parts)) < length:
        parts.append(next(pool))
    text = " ".join(parts)[: length - 1].rstrip()
    return text + "." * (length - len(text))


def longest_document() -> VacancyDocument:
    """Every renderer bound at its limit (app/exports/worker.py), with 80-letter words."""
    base = sample_document_ru()
    line = MAX_LINE_CHARS - len(LONG_WORD_RU) - 1
    return replace(
        base,
        title=f"{filler(line, 'Заголовок')} {LONG_WORD_RU}",
        organization=f"{LONG_WORD_RU} {filler(line, 'Организация')}",
        role_title=filler(MAX_LINE_CHARS, "Роль"),
        location=f"{filler(line, 'Город')} {LONG_WORD_RU}",
        duties=(
            filler(MAX_ITEM_CHARS, "Обязанность1"),
            f"Обязанность2 {LONG_WORD_RU}",
            LONG_WORD_RU,
            filler(MAX_ITEM_CHARS, "Обязанность4"),
        ),
        requirements=(filler(MAX_ITEM_CHARS, "Требование1"), filler(300, "Требование2")),
        skills=(
            "SMM",
            LONG_SKILL,
            LONG_WORD_RU,
            filler(MAX_ITEM_CHARS, "Навык1"),
            "Canva",
            filler(300, "Навык2"),
        ),
        intro_md=f"{filler(2000, 'Вступление')}\n\n{LONG_WORD_RU} — так мы пишем.",
        conditions_md="\n".join(f"- {filler(280, f'Условие{n}')}" for n in range(1, 6)),
        goals=(
            Goal("leads", filler(MAX_ITEM_CHARS - 200, "Цель1"), 1e9, "заявок", "higher"),
            Goal("er", f"Цель2 {LONG_WORD_RU}", 3.5, "%", "higher"),
        ),
        apply_md=f"Пишите на [{LONG_WORD_RU}](https://example.com/{LONG_WORD_RU.lower()}).",
        salary=Salary(999_999_000, 1_000_000_000, "RUB", True, "month"),
    )


def form_limits_document() -> VacancyDocument:
    """The longest vacancy the form accepts (app/domain/vacancies/validation.py), in English."""
    base = sample_document_en()
    return replace(
        base,
        title=f"{filler(MAX_TITLE - 81, 'Title', WORDS_EN)} {LONG_WORD_EN}",
        location=f"{filler(MAX_LOCATION - 81, 'City', WORDS_EN)} {LONG_WORD_EN}",
        duties=(*(filler(MAX_LINE, f"Duty{n}", WORDS_EN) for n in range(1, 13)), LONG_WORD_EN),
        requirements=tuple(filler(MAX_LINE, f"Requirement{n}", WORDS_EN) for n in range(1, 8)),
        skills=(*base.skills, filler(MAX_LINE, "Skill", WORDS_EN), LONG_WORD_EN),
        conditions_md=filler(MAX_MARKDOWN, "Conditions", WORDS_EN),
    )


def expected_lines(doc: VacancyDocument) -> list[str]:
    """Every line the reader must find: header, facts, each item and paragraph."""
    lines = [doc.title, doc.organization, doc.role_title, doc.location, doc.identifier]
    lines += [fact.value for fact in content.facts(doc)]
    lines += [*doc.duties, *doc.requirements, *doc.skills]
    for goal in doc.goals:
        lines += [goal.text, content.labels.goal_target(goal, doc.language)]
    for md in (doc.intro_md, doc.conditions_md, doc.apply_md):
        for block in text_blocks(markdown_tree(md)):
            for item in block.split("\n"):
                # The plain-text form adds a link's address, which the PDF does not print.
                item = re.sub(r" \((?:https?|mailto):[^)]*\)", "", item)
                lines.append(re.sub(r"^\s*(•|\d+\.)\s", "", item))
    return [line for line in lines if line.strip()]


def body_text(pages: list[Page]) -> str:
    """The words inside the page's text frame, running headers and footers left out."""
    words = []
    for page in pages:
        words += [
            w.text
            for w in page.words
            if w.y0 >= TOP - TOLERANCE and w.y1 <= page.height - BOTTOM + TOLERANCE
        ]
    return normalize(" ".join(words))


def assert_nothing_lost(doc: VacancyDocument) -> list[Page]:
    check_document_size(doc)
    pages = pdf_pages(render_pdf(doc))
    assert pages
    for number, page in enumerate(pages, start=1):
        assert (page.width, page.height) == pytest.approx(A4, abs=0.5)
        for word in page.words:
            where = f"page {number}: {word.text!r} at {word}"
            # Inside the page box at all, and inside the left and right margins.
            assert word.x0 >= 0 and word.x1 <= page.width, where
            assert word.y0 >= 0 and word.y1 <= page.height, where
            assert word.x0 >= LEFT - TOLERANCE, where
            assert word.x1 <= page.width - RIGHT + TOLERANCE, where
    text = body_text(pages)
    missing = [line for line in expected_lines(doc) if normalize(line) not in text]
    assert not missing, f"lines not found in the PDF: {missing}"
    return pages


@pytest.mark.parametrize("make", [sample_document_ru, sample_document_en])
def test_sample_vacancies_keep_every_line_inside_the_page(make):
    assert_nothing_lost(make())


def test_long_skill_line_wraps_inside_its_tag():
    doc = replace(sample_document_ru(), skills=(*sample_document_ru().skills, LONG_SKILL))
    pages = assert_nothing_lost(doc)
    # The tag breaks over more than one line instead of being cut at the margin.
    tops = {round(w.y0) for p in pages for w in p.words if w.text in ("этапа", "Настройка")}
    assert len(tops) == 2


def test_longest_allowed_lines_stay_on_the_page():
    pages = assert_nothing_lost(longest_document())
    assert len(pages) >= 3


def test_longest_form_lines_stay_on_the_page():
    assert_nothing_lost(form_limits_document())
