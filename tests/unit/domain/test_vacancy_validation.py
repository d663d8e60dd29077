"""Input limits of a draft: one table of bad inputs, and what stays allowed."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.vacancies.compose import compose_vacancy, default_draft
from app.domain.vacancies.draft import MAX_CUSTOM_LINES, KpiChoice, VacancyDraft
from app.domain.vacancies.validation import MAX_MARKDOWN, Problem, draft_problems

CATALOG = load_catalog(Path("role_catalog"))
TODAY = date(2026, 3, 2)
NETWORK_IDS = tuple(n.id for n in CATALOG.networks)


def plain(text: str) -> str:
    """Russian text with its non-breaking spaces read as spaces."""
    return text.replace("\u00a0", " ")


def valid(**changes) -> VacancyDraft:
    draft = default_draft(CATALOG, "smm-manager", networks=("instagram", "vk"))
    draft = replace(draft, location="Москва", salary_from=80_000, salary_to=120_000)
    return replace(draft, **changes)


def problems(**changes) -> dict[str, list[Problem]]:
    return draft_problems(CATALOG, valid(**changes), today=TODAY)


def test_a_role_default_with_a_location_is_valid() -> None:
    assert problems() == {}


BAD_INPUTS = [
    # title
    ({"title": ""}, "title", "required"),
    ({"title": "   "}, "title", "required"),
    ({"title": "x" * 151}, "title", "too-long"),
    ({"title": "SMM\x00"}, "title", "control-characters"),
    ({"title": "SMM\nменеджер"}, "title", "control-characters"),
    ({"title": "SMM\tменеджер"}, "title", "control-characters"),
    ({"title": "SMM\u202eреганем"}, "title", "control-characters"),
    ({"title": "SMM\ud800"}, "title", "control-characters"),
    ({"title": None}, "title", "invalid-type"),
    # choices
    ({"role": "ceo"}, "role", "invalid-choice"),
    ({"scale": "huge"}, "scale", "invalid-choice"),
    ({"focus": "sales"}, "focus", "invalid-choice"),
    ({"currency": "GBP"}, "currency", "invalid-choice"),
    ({"currency": "rub"}, "currency", "invalid-choice"),
    ({"salary_period": "week"}, "salary_period", "invalid-choice"),
    ({"employment": "gig"}, "employment", "invalid-choice"),
    ({"schedule": "24/7"}, "schedule", "invalid-choice"),
    ({"workplace": "moon"}, "workplace", "invalid-choice"),
    ({"experience": "10+"}, "experience", "invalid-choice"),
    ({"language": "de"}, "language", "invalid-choice"),
    ({"salary_gross": "yes"}, "salary_gross", "invalid-choice"),
    # networks and catalog ids
    ({"networks": ("instagram", "myspace")}, "networks", "unknown-id"),
    ({"networks": ("vk", "vk")}, "networks", "duplicate"),
    ({"networks": NETWORK_IDS + NETWORK_IDS[:2]}, "networks", "too-many"),
    ({"networks": "instagram"}, "networks", "invalid-type"),
    ({"duties": ("fly-to-the-moon",)}, "duties", "unknown-id"),
    ({"duties": ("content-plan", "content-plan")}, "duties", "duplicate"),
    ({"skills": ("juggling",)}, "skills", "unknown-id"),
    ({"requirements": ("content-plan",)}, "requirements", "unknown-id"),
    ({"duties": (1, 2)}, "duties", "invalid-type"),
    # own lines
    ({"custom_duties": ("Вести блог",) * (MAX_CUSTOM_LINES + 1)}, "custom_duties", "too-many"),
    ({"custom_skills": ("x" * 301,)}, "custom_skills", "too-long"),
    ({"custom_requirements": ("Опыт", "  ")}, "custom_requirements", "required"),
    ({"custom_duties": ("Вести\nблог",)}, "custom_duties", "control-characters"),
    ({"custom_duties": ("Вести\x1bблог",)}, "custom_duties", "control-characters"),
    ({"custom_duties": (None,)}, "custom_duties", "invalid-type"),
    ({"custom_duties": "Вести блог"}, "custom_duties", "invalid-type"),
    # goals
    ({"kpis": (KpiChoice("leads", float("nan")),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("leads", float("inf")),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("leads", float("-inf")),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("leads", 0),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("leads", -3),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("leads", 1e9 + 1),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("leads", True),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("leads", "20"),)}, "kpis", "out-of-range"),
    ({"kpis": (KpiChoice("gone", 5),)}, "kpis", "unknown-id"),
    ({"kpis": (KpiChoice("leads", 5), KpiChoice("leads", 6))}, "kpis", "duplicate"),
    ({"kpis": ("leads",)}, "kpis", "invalid-type"),
    # Markdown
    ({"intro_md": "x" * (MAX_MARKDOWN + 1)}, "intro_md", "too-long"),
    ({"conditions_md": "- ДМС\x07"}, "conditions_md", "control-characters"),
    ({"apply_md": "Пишите\u2028нам"}, "apply_md", "control-characters"),
    ({"apply_md": 5}, "apply_md", "invalid-type"),
    # location
    ({"location": "", "workplace": "office"}, "location", "required"),
    ({"location": "  ", "workplace": "hybrid"}, "location", "required"),
    ({"location": "М" * 121}, "location", "too-long"),
    ({"location": "Москва\r\n"}, "location", "control-characters"),
    # salary
    ({"salary_from": 10**9 + 1}, "salary_from", "out-of-range"),
    ({"salary_to": 10**9 + 1}, "salary_to", "out-of-range"),
    ({"salary_to": -(10**9) - 1}, "salary_to", "negative"),
    ({"salary_from": -1}, "salary_from", "negative"),
    ({"salary_from": 120_000, "salary_to": 80_000}, "salary_to", "reversed-range"),
    ({"salary_from": 10**30}, "salary_from", "out-of-range"),
    ({"salary_from": 1.5}, "salary_from", "invalid-type"),
    ({"salary_to": float("inf")}, "salary_to", "invalid-type"),
    ({"salary_from": True}, "salary_from", "invalid-type"),
    ({"salary_to": "100000"}, "salary_to", "invalid-type"),
    # dates
    ({"valid_through": TODAY - timedelta(days=1)}, "valid_through", "date-in-past"),
    ({"valid_through": date(2020, 1, 1)}, "valid_through", "date-in-past"),
    ({"valid_through": TODAY + timedelta(days=367)}, "valid_through", "date-too-far"),
    ({"valid_through": "2026-04-01"}, "valid_through", "invalid-type"),
]


@pytest.mark.parametrize(("changes", "field", "code"), BAD_INPUTS)
def test_bad_input_is_reported_on_its_field(changes: dict, field: str, code: str) -> None:
    found = problems(**changes)
    assert list(found) == [field], found
    assert code in [p.code for p in found[field]]


GOOD_INPUTS = [
    {"title": "x" * 150},
    {"title": "SMM-менеджер «Кофе & Co» — 🚀"},
    {"title": "<b>SMM</b> <script>alert(1)</script>"},
    {"custom_duties": ("Вести блог",) * MAX_CUSTOM_LINES},
    {"custom_skills": ("x" * 300,)},
    {"custom_duties": ("  Вести блог  ",)},
    {"intro_md": "x" * MAX_MARKDOWN},
    {"intro_md": "# О нас\r\n\r\n- **кофе**\n\t- зерно\n<i>html</i>"},
    {"networks": NETWORK_IDS},
    {"networks": ()},
    {"kpis": ()},
    {"kpis": (KpiChoice("leads", 1e9), KpiChoice("reply-time", 0.5), KpiChoice("reach", 3))},
    {"location": "М" * 120},
    {"location": "", "workplace": "remote"},
    {"salary_from": None, "salary_to": None},
    {"salary_from": 0, "salary_to": 10**9},
    {"salary_from": 70_000, "salary_to": 70_000},
    {"salary_from": None, "salary_to": 5},
    {"valid_through": None},
    {"valid_through": TODAY},
    {"valid_through": TODAY + timedelta(days=366)},
    {"valid_through": datetime(2026, 4, 1, 12, 0)},
    {"language": "en", "currency": "EUR", "salary_period": "hour", "salary_gross": False},
    {"title": "SMM-менеджер, девушка до 30"},  # content problems are checks, not limits
]


@pytest.mark.parametrize("changes", GOOD_INPUTS)
def test_allowed_input_raises_no_problem(changes: dict) -> None:
    assert problems(**changes) == {}


def test_html_is_kept_as_text_through_composing() -> None:
    draft = valid(title="<b>SMM</b>", custom_duties=("<img src=x onerror=alert(1)>",))
    assert draft_problems(CATALOG, draft, today=TODAY) == {}
    document = compose_vacancy(CATALOG, draft, organization="", identifier="", date_posted=TODAY)
    assert document.title == "<b>SMM</b>"
    assert "<img src=x onerror=alert(1)>" in document.duties


def test_field_names_are_the_drafts_and_come_in_its_order() -> None:
    found = problems(
        title="",
        valid_through=date(2000, 1, 1),
        currency="GBP",
        custom_duties=("",),
        kpis=(KpiChoice("leads", 0),),
    )
    names = [f.name for f in fields(VacancyDraft)]
    assert list(found) == ["title", "custom_duties", "kpis", "currency", "valid_through"]
    assert all(name in names for name in found)


def test_each_bad_line_is_reported_with_its_number() -> None:
    found = problems(custom_duties=("Вести блог", "", "x" * 400))
    messages = [p.message for p in found["custom_duties"]]
    assert [plain(m.get("ru")) for m in messages] == [
        "Строка 2: пустая — удалите её.",
        "Строка 3: сократите до 300 символов — сейчас 400.",
    ]
    assert [m.get("en") for m in messages] == [
        "Line 2: empty; delete it.",
        "Line 3: shorten it to 300 characters (now 400).",
    ]


def test_messages_say_what_to_do_in_both_languages() -> None:
    for changes, field, _ in BAD_INPUTS:
        for problem in problems(**changes)[field]:
            ru, en = problem.message.get("ru"), problem.message.get("en")
            assert ru and en
            assert ru[0].isupper() and en[0].isupper()
            assert ru.endswith(".") and en.endswith(".")
            assert '"' not in plain(ru)


def test_large_numbers_use_russian_typography() -> None:
    [problem] = problems(salary_from=10**10)["salary_from"]
    assert plain(problem.message.get("ru")) == "Укажите сумму не больше 1 000 000 000."
    assert "1\u00a0000\u00a0000\u00a0000" in problem.message.get("ru")
    assert problem.message.get("en") == "Enter an amount of at most 1,000,000,000."


def test_a_goal_is_named_in_its_problem() -> None:
    [problem] = problems(kpis=(KpiChoice("leads", 0),))["kpis"]
    assert plain(problem.message.get("ru")).startswith(
        "Цель «Заявки из соцсетей»: укажите число больше нуля"
    )
    assert problem.message.get("en").startswith("Goal “Leads from social media”: enter a number")


def test_the_latest_closing_date_is_named() -> None:
    [problem] = problems(valid_through=date(2030, 1, 1))["valid_through"]
    assert "не позже 03.03.2027" in plain(problem.message.get("ru"))
    assert "2027-03-03" in problem.message.get("en")


def test_ids_are_checked_against_the_catalog_passed_in() -> None:
    from app.domain.catalog.overrides import Override, apply_overrides

    catalog, _ = apply_overrides(CATALOG, [Override("duty", "hide", "content-plan")])
    draft = valid(duties=("content-plan",))
    assert draft_problems(CATALOG, draft, today=TODAY) == {}
    assert [p.code for p in draft_problems(catalog, draft, today=TODAY)["duties"]] == ["unknown-id"]
