"""Checks of pay and goals: salary missing or wrong, no measurable goals (pure)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

from app.catalog.model import Catalog, Role, Text
from app.vacancies.compose import DocLine, chosen_items
from app.vacancies.draft import VacancyDraft
from app.vacancies.quality import Scored, finding

NBSP = "\u00a0"


def _number(value: float, lang: str) -> str:
    if value != int(value):
        return f"{value:g}".replace(".", "," if lang == "ru" else ".")
    return f"{int(value):,}".replace(",", NBSP if lang == "ru" else ",")


def goal_findings(
    catalog: Catalog, draft: VacancyDraft, role: Role | None, lines: Sequence[DocLine]
) -> Iterator[Scored]:
    """`no-measurable-goals` when the vacancy states no measurable goal."""
    if chosen_items(catalog.kpis, (getattr(k, "id", None) for k in draft.kpis)):
        return
    defaults = role.defaults.kpis if role is not None else ()
    examples = chosen_items(catalog.kpis, defaults)[:2] or catalog.kpis[:2]
    ru = "; ".join(
        f"«{k.text.ru}» — {_number(k.default_target, 'ru')} {k.unit.ru}" for k in examples
    )
    en = "; ".join(
        f"“{k.text.en}”: {_number(k.default_target, 'en')} {k.unit.en}" for k in examples
    )
    yield finding(
        "no-measurable-goals",
        "kpis",
        Text(
            "В вакансии нет измеримых целей: кандидату непонятно, по каким результатам его "
            "оценят на испытательном сроке.",
            "The vacancy has no measurable goals, so candidates cannot tell what results "
            "the trial period will judge.",
        ),
        Text(
            f"Добавьте 2–3 цели с цифрами, например: {ru}.",
            f"Add 2–3 goals with numbers, for example {en}.",
        ),
    )


def _is_amount(value: Any) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and math.isfinite(value)


def salary_findings(draft: VacancyDraft, lines: Sequence[DocLine]) -> Iterator[Scored]:
    """`salary-missing` and `salary-range` on the salary fields."""
    low, high = draft.salary_from, draft.salary_to
    if low is None and high is None:
        yield finding(
            "salary-missing",
            "salary",
            Text(
                "Зарплата не указана — на такие вакансии откликаются заметно реже, а сайты "
                "вакансий показывают их ниже в поиске.",
                "No salary is given; such vacancies get far fewer replies and rank lower "
                "on job boards.",
            ),
            Text(
                "Укажите вилку зарплаты или хотя бы нижнюю границу.",
                "Give a salary range, or at least the lower bound.",
            ),
        )
    if any(_is_amount(v) and v < 0 for v in (low, high)):
        yield finding(
            "salary-range",
            "salary",
            Text("Зарплата указана отрицательным числом.", "The salary is a negative number."),
            Text(
                "Укажите зарплату положительным числом.", "Enter the salary as a positive number."
            ),
        )
    if _is_amount(low) and _is_amount(high) and low > high:
        yield finding(
            "salary-range",
            "salary",
            Text(
                f"Нижняя граница зарплаты ({_number(low, 'ru')}) больше верхней "
                f"({_number(high, 'ru')}).",
                f"The lower salary bound ({_number(low, 'en')}) is above the upper one "
                f"({_number(high, 'en')}).",
            ),
            Text(
                "Поменяйте границы местами или исправьте одну из них.",
                "Swap the bounds or correct one of them.",
            ),
        )
