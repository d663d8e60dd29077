"""Pasted postings read into sections, guesses, a draft and findings that point at the text."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from statistics import median

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.vacancies import intake
from app.domain.vacancies.intake import analyze_text, segments, split_sections
from app.domain.vacancies.textfacts import PayMention
from app.domain.vacancies.validation import draft_problems

CATALOG = load_catalog(Path("role_catalog"))
DATA = Path(__file__).resolve().parents[2] / "data" / "intake"


def posting(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# file -> (title, [(kind, number of lines)], what the section headings look like)
LAYOUTS = {
    "01-markdown-headings.md": (
        "SMM-менеджер в сеть кофеен",
        [("intro", 1), ("duties", 5), ("requirements", 3), ("conditions", 3), ("apply", 1)],
    ),
    "02-bold-headings.txt": (
        "Ищем SMM-специалиста",
        [("intro", 1), ("duties", 5), ("requirements", 3), ("conditions", 3), ("apply", 1)],
    ),
    "03-caps-headings.txt": (
        "SMM-МЕНЕДЖЕР (САНКТ-ПЕТЕРБУРГ)",
        [("about", 1), ("duties", 5), ("requirements", 3), ("conditions", 2)],
    ),
    "04-colon-inline.txt": (
        "Требуется СММ-менеджер",
        [("duties", 4), ("requirements", 3), ("conditions", 1), ("apply", 1)],
    ),
    "05-english-posting.md": (
        "Social Media Manager",
        [("about", 1), ("duties", 4), ("requirements", 3), ("conditions", 2), ("apply", 1)],
    ),
    "06-emoji-bullets.txt": (
        "SMM-щик на все руки для салона красоты",
        [("intro", 1), ("duties", 5), ("requirements", 2), ("conditions", 2)],
    ),
    "07-plain-headings.txt": (
        "SMM-специалист / таргетолог",
        [("duties", 5), ("skills", 3), ("conditions", 2)],
    ),
    "08-mixed-numbered.md": (
        "Digital / SMM Lead",
        [("intro", 1), ("duties", 5), ("requirements", 3), ("conditions", 2)],
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_layout_is_split_into_its_sections(name):
    text = posting(name)
    title, title_line, sections = split_sections(text)
    expected_title, expected = LAYOUTS[name]
    assert title == expected_title
    assert text[title_line.start : title_line.end] == title
    assert [(s.kind, len(s.lines)) for s in sections] == expected
    for section in sections:
        for line in section.lines:
            # every line is the pasted text itself, bullet and markup off
            assert text[line.start : line.end] == line.text
            assert not line.text.startswith(("-", "•", "*", "✅", "1.", "1)"))


def test_inline_headings_and_semicolons_make_lines():
    _title, _line, sections = split_sections(posting("04-colon-inline.txt"))
    duties = sections[0]
    assert duties.heading == "Обязанности"
    assert [x.text for x in duties.lines] == [
        "ведение страниц компании ВК и Одноклассники",
        "публикация постов по графику",
        "модерация комментариев",
        "сбор отзывов клиентов",
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Обязанности:", "duties"),
        ("## Задачи", "duties"),
        ("**Чем предстоит заниматься?**", "duties"),
        ("ЧТО НУЖНО ДЕЛАТЬ", "duties"),
        ("Мы ждём от вас:", "requirements"),
        ("Что важно", "requirements"),
        ("Ожидаем", "requirements"),
        ("What we expect", "requirements"),
        ("Навыки", "skills"),
        ("**Мы предлагаем**", "conditions"),
        ("Benefits:", "conditions"),
        ("О нас", "about"),
        ("About us", "about"),
        ("How to apply", "apply"),
        ("Как откликнуться:", "apply"),
        ("What you’ll do", "duties"),
        ("Responsibilities", "duties"),
    ],
)
def test_headings_are_known_however_they_are_written(heading, kind):
    text = f"SMM-менеджер\n\n{heading}\n- первая строка раздела\n"
    _title, _line, sections = split_sections(text)
    assert sections[-1].kind == kind
    assert [x.text for x in sections[-1].lines] == ["первая строка раздела"]


def test_a_line_that_only_mentions_a_heading_word_stays_a_line():
    text = "SMM\n\nОбязанности\n- Задачи ставит руководитель отдела маркетинга каждую неделю\n"
    _title, _line, sections = split_sections(text)
    assert [(s.kind, len(s.lines)) for s in sections] == [("duties", 1)]


def test_guesses_of_role_networks_place_and_language():
    cases = {
        "01-markdown-headings.md": ("smm-manager", (), "Казань", None, "ru"),
        "02-bold-headings.txt": ("smm-specialist", ("instagram", "telegram"), "", "remote", "ru"),
        "03-caps-headings.txt": ("smm-manager", ("vk",), "Санкт-Петербург", None, "ru"),
        "05-english-posting.md": ("smm-manager", ("instagram",), "Алматы", "remote", "en"),
        "06-emoji-bullets.txt": (
            "smm-generalist",
            ("instagram", "telegram"),
            "Краснодар",
            None,
            "ru",
        ),
        "07-plain-headings.txt": ("smm-specialist", ("telegram", "vk"), "Москва", "hybrid", "ru"),
    }
    for name, (role, networks, city, workplace, language) in cases.items():
        g = analyze_text(CATALOG, posting(name)).guesses
        assert (g.role, g.networks, g.location, g.workplace, g.language) == (
            role, networks, city, workplace, language,
        ), name  # fmt: skip


def test_without_a_title_the_role_comes_from_the_duties():
    text = (
        "Обязанности\n- Руководить командой SMM: распределять задачи\n"
        "- Планировать годовой бюджет на SMM\n- Подбирать и обучать сотрудников отдела\n"
    )
    analysis = analyze_text(CATALOG, text)
    assert (analysis.guesses.role, analysis.guesses.role_from) == ("smm-manager", "duties")
    assert analysis.draft.title == CATALOG.role("smm-manager").text.ru


def test_matched_lines_become_catalog_items_and_the_rest_stay_custom():
    draft = analyze_text(CATALOG, posting("01-markdown-headings.md")).draft
    assert {"content-plan", "write-posts", "edit-video"} <= set(draft.duties)
    assert "portfolio" in draft.requirements and "graphic-editors" in draft.skills
    assert "Опыт работы SMM-менеджером от 2 лет" in draft.custom_requirements
    assert draft.conditions_md.startswith("**Условия**\n- Оформление по ТК РФ")
    assert "hr@coffee.test" in draft.apply_md
    assert draft.intro_md.startswith("Мы — сеть из 12 кофеен")
    assert draft.location == "Казань" and draft.language == "ru"
    assert draft_problems(CATALOG, draft, today=date(2026, 1, 1)) == {}


def test_a_flagged_line_stays_in_the_employers_words_and_points_at_the_paste():
    text = posting("03-caps-headings.txt")
    analysis = analyze_text(CATALOG, text)
    assert "Девушка до 30 лет, славянской внешности" in analysis.draft.custom_requirements
    found = {x.finding.code: x for x in analysis.located}
    discrimination = found["discriminatory-requirement"]
    assert discrimination.finding.severity == "error"
    assert text[discrimination.start : discrimination.end] in (
        "Девушка до 30 лет, славянской внешности", "Девушка", "до 30 лет", "славянской внешности"
    )  # fmt: skip


def test_a_flagged_line_like_a_catalog_item_points_at_the_words_in_the_paste():
    text = posting("08-mixed-numbered.md")
    analysis = analyze_text(CATALOG, text)
    # Flagged, so it stays in the employer's words rather than becoming the catalog item.
    assert "Отслеживать показатели SEO и веб-трафика" in analysis.draft.custom_duties
    flagged = next(x for x in analysis.located if x.finding.code == "excluded-duty")
    assert flagged.finding.subject == "seo"
    assert text[flagged.start : flagged.end] == "SEO"


def test_every_span_is_inside_the_text_and_whole_vacancy_findings_have_none():
    for name in LAYOUTS:
        text = posting(name)
        analysis = analyze_text(CATALOG, text)
        for item in analysis.located:
            if item.start is None:
                assert item.finding.line is None
                continue
            assert 0 <= item.start < item.end <= len(text)


def test_pay_from_the_text_fills_the_salary(monkeypatch):
    text = posting("01-markdown-headings.md")
    at = text.index("от 60 000")
    mention = PayMention(at, at + 25, 60000, 80000, "RUB", "month", False)
    monkeypatch.setattr(intake, "find_pay", lambda _text: (mention,))
    analysis = analyze_text(CATALOG, text)
    draft = analysis.draft
    assert (draft.salary_from, draft.salary_to, draft.salary_gross) == (60000, 80000, False)
    assert analysis.guesses.pay == mention
    assert "salary-missing" not in {f.code for f in analysis.report.findings}


def test_pay_the_draft_cannot_hold_is_left_out(monkeypatch):
    monkeypatch.setattr(
        intake, "find_pay", lambda _text: (PayMention(0, 3, 500, None, "RUB", "shift"),)
    )
    assert analyze_text(CATALOG, "SMM\nОбязанности\n- посты").draft.salary_from is None


def test_controls_and_surrogates_keep_their_places():
    text = "SMM\x00-менеджер\r\nТребования\r\n- Девушка до 25 лет\ud800\n"
    analysis = analyze_text(CATALOG, text)
    assert len(analysis.text) == len(text)
    item = next(x for x in analysis.located if x.finding.code == "discriminatory-requirement")
    assert "Девушка" in text[item.start : item.end] or "25" in text[item.start : item.end]


def test_segments_cover_the_text_and_name_the_findings():
    text = posting("03-caps-headings.txt")
    analysis = analyze_text(CATALOG, text)
    pieces = segments(analysis.text, analysis.located)
    assert "".join(piece for piece, _marks in pieces) == text
    marked = [piece for piece, marks in pieces if marks]
    assert any("Девушка" in piece for piece in marked)


@pytest.mark.parametrize(
    "text", ["", "\n\n", "Обязанности", "- - -", "#", "**", "Обязанности:\nТребования:", "a" * 5000]
)
def test_odd_texts_are_read_without_failing(text):
    analysis = analyze_text(CATALOG, text)
    assert analysis.draft.role in {"smm-manager", "smm-specialist", "smm-generalist"}
    assert len(analysis.draft.title) <= 150


def test_a_long_posting_keeps_the_drafts_limits():
    lines = "\n".join(f"- Писать пост номер {i} про кофе и десерты" for i in range(200))
    draft = analyze_text(CATALOG, f"SMM\n\nОбязанности\n{lines}").draft
    assert len(draft.custom_duties) + len(draft.duties) <= 100
    assert len(draft.custom_duties) <= 50 and len(draft.conditions_md) <= 5000


def test_a_ten_thousand_character_posting_is_read_fast():
    parts = [posting(name) for name in sorted(LAYOUTS)]
    text = "\n\n".join(parts * 3)[:10_000]
    analyze_text(CATALOG, text)
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        analyze_text(CATALOG, text)
        timings.append(time.perf_counter() - started)
    # The target is 50 ms warm on the reference machine; the bound leaves room for CI.
    assert median(timings) < 0.2, median(timings)
