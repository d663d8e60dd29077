"""Checks of pay and goals: salary missing or wrong, no measurable goals (pure).

Pay and goals written in the text count: «Зарплата от 60 000 ₽» in the conditions turns
`salary-missing` into a small `salary-in-text` (fill the salary fields, so job boards and
the JSON-LD show the amount), and «не менее 20 заявок в месяц» in a duty is a measurable
goal. A bonus alone («премия до 20 000 ₽») is not a salary.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

from app.domain.catalog.model import Catalog, Role, Text
from app.domain.vacancies.compose import chosen_items
from app.domain.vacancies.document import DocLine
from app.domain.vacancies.draft import VacancyDraft
from app.domain.vacancies.quality import Scored, Where, finding, quote
from app.domain.vacancies.textfacts import PayMention, find_goals, find_pay

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
    if any(find_goals(text) for line in lines for text in line.texts):
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
        where=Where("kpis"),
    )


def _is_amount(value: Any) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and math.isfinite(value)


def salary_findings(draft: VacancyDraft, lines: Sequence[DocLine]) -> Iterator[Scored]:
    """`salary-missing` and `salary-range` on the salary fields."""
    low, high = draft.salary_from, draft.salary_to
    stated = _pay_in_text(lines) if low is None and high is None else None
    if stated is not None:
        line, pay = stated
        amount = _pay_text(pay)
        yield finding(
            "salary-in-text",
            "salary",
            Text(
                f"Зарплата указана только в тексте ({quote(line.text[pay.start : pay.end]).ru}), "
                "а поля зарплаты пусты: сайты вакансий не покажут сумму в поиске и фильтрах, "
                "её не будет и в разметке JSON-LD.",
                f"The pay is only written in the text "
                f"({quote(line.text[pay.start : pay.end]).en}) and the salary fields are "
                "empty: job boards will not show it in search or filters, nor will the JSON-LD.",
            ),
            Text(
                f"Заполните поля зарплаты: {amount.ru}.",
                f"Fill in the salary fields: {amount.en}.",
            ),
            where=Where(line.field, line.line, pay.start, pay.end),
        )
    elif low is None and high is None:
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
            where=Where("salary"),
        )
    if any(_is_amount(v) and v < 0 for v in (low, high)):
        yield finding(
            "salary-range",
            "salary",
            Text("Зарплата указана отрицательным числом.", "The salary is a negative number."),
            Text(
                "Укажите зарплату положительным числом.", "Enter the salary as a positive number."
            ),
            where=Where("salary"),
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
            where=Where("salary"),
        )


def _pay_in_text(lines: Sequence[DocLine]) -> tuple[DocLine, PayMention] | None:
    """The first salary (not a bonus) the vacancy's lines state."""
    for line in lines:
        for pay in find_pay(line.text):
            if pay.kind == "salary":
                return line, pay
    return None


_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€", "GBP": "£", "KZT": "₸", "UAH": "₴", "BYN": "BYN"}
_PER = {
    "hour": Text("в час", "an hour"),
    "day": Text("в день", "a day"),
    "shift": Text("за смену", "a shift"),
    "week": Text("в неделю", "a week"),
    "year": Text("в год", "a year"),
    "project": Text("за работу", "per piece of work"),
}


def _pay_text(pay: PayMention) -> Text:
    """The amount found, as the fields would take it: «от 60 000 ₽ в месяц, на руки»."""
    sign = _SIGNS.get(pay.currency, pay.currency)
    low, high = pay.amount_from, pay.amount_to

    def amount(lang: str) -> str:
        if low is not None and high is not None and low != high:
            return f"{_number(low, lang)}–{_number(high, lang)}"
        if low is not None and high is None:
            return ("от " if lang == "ru" else "from ") + _number(low, lang)
        if low is None and high is not None:
            return ("до " if lang == "ru" else "up to ") + _number(high, lang)
        return _number(low or 0, lang)

    per = _PER.get(pay.period, Text("в месяц", "a month"))
    gross = {False: Text(", на руки", ", net"), True: Text(", до вычета налогов", ", gross")}
    net = gross.get(pay.gross, Text("", "")) if pay.gross is not None else Text("", "")
    return Text(
        f"{amount('ru')} {sign} {per.ru}{net.ru}",
        f"{amount('en')} {pay.currency} {per.en}{net.en}",
    )
