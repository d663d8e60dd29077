"""Checks of pay and goals: salary missing or wrong, no measurable goals (pure).

Pay and goals written in the text count: «Зарплата от 60 000 ₽» in the conditions turns
`salary-missing` into a small `salary-in-text` (fill the salary fields, so job boards and
the JSON-LD show the amount), and «не менее 20 заявок в месяц» in a duty is a measurable
goal. A bonus alone («премия до 20 000 ₽») is not a salary.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import TypeGuard

from app.domain.catalog.model import Catalog, Role
from app.domain.message import Message, Number, msg
from app.domain.vacancies.compose import chosen_items
from app.domain.vacancies.document import DocLine
from app.domain.vacancies.draft import VacancyDraft
from app.domain.vacancies.quality import Scored, Where, finding, quoted
from app.domain.vacancies.textfacts import PayMention, find_goals, find_pay


def _listed(parts: Sequence[Message]) -> Message | str:
    """Examples one after another, separated by semicolons."""
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return msg("%(first)s; %(rest)s", first=parts[0], rest=_listed(parts[1:]))


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
    goals = [
        msg(
            "“%(goal)s”: %(target)s %(unit)s",
            goal=k.text,
            target=Number(k.default_target),
            unit=k.unit,
        )
        for k in examples
    ]
    yield finding(
        "no-measurable-goals",
        "kpis",
        msg(
            "The vacancy has no measurable goals, so candidates cannot tell what results "
            "the trial period will judge."
        ),
        msg("Add 2–3 goals with numbers, for example %(examples)s.", examples=_listed(goals)),
        where=Where("kpis"),
    )


def _is_amount(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def salary_findings(draft: VacancyDraft, lines: Sequence[DocLine]) -> Iterator[Scored]:
    """`salary-missing` and `salary-range` on the salary fields."""
    low, high = draft.salary_from, draft.salary_to
    stated = _pay_in_text(lines) if low is None and high is None else None
    if stated is not None:
        line, pay = stated
        yield finding(
            "salary-in-text",
            "salary",
            msg(
                "The pay is only written in the text (%(pay)s) and the salary fields are "
                "empty: job boards will not show it in search or filters, nor will the JSON-LD.",
                pay=quoted(line.text[pay.start : pay.end]),
            ),
            msg("Fill in the salary fields: %(amount)s.", amount=_pay_text(pay)),
            where=Where(line.field, line.line, pay.start, pay.end),
        )
    elif low is None and high is None:
        yield finding(
            "salary-missing",
            "salary",
            msg(
                "No salary is given; such vacancies get far fewer replies and rank lower "
                "on job boards."
            ),
            msg("Give a salary range, or at least the lower bound."),
            where=Where("salary"),
        )
    if any(_is_amount(v) and v < 0 for v in (low, high)):
        yield finding(
            "salary-range",
            "salary",
            msg("The salary is a negative number."),
            msg("Enter the salary as a positive number."),
            where=Where("salary"),
        )
    if _is_amount(low) and _is_amount(high) and low > high:
        yield finding(
            "salary-range",
            "salary",
            msg(
                "The lower salary bound (%(low)s) is above the upper one (%(high)s).",
                low=Number(low),
                high=Number(high),
            ),
            msg("Swap the bounds or correct one of them."),
            where=Where("salary"),
        )


def _pay_in_text(lines: Sequence[DocLine]) -> tuple[DocLine, PayMention] | None:
    """The first salary (not a bonus) the vacancy's lines state."""
    for line in lines:
        for pay in find_pay(line.text):
            if pay.kind == "salary":
                return line, pay
    return None


# The amount with its currency: Russian writes the sign (₽), English the ISO code.
_MONEY = {
    "RUB": lambda amount: msg("%(amount)s RUB", amount=amount),
    "USD": lambda amount: msg("%(amount)s USD", amount=amount),
    "EUR": lambda amount: msg("%(amount)s EUR", amount=amount),
    "GBP": lambda amount: msg("%(amount)s GBP", amount=amount),
    "KZT": lambda amount: msg("%(amount)s KZT", amount=amount),
    "UAH": lambda amount: msg("%(amount)s UAH", amount=amount),
}
_PER = {
    "hour": msg("an hour"),
    "day": msg("a day"),
    "shift": msg("a shift"),
    "week": msg("a week"),
    "year": msg("a year"),
    "project": msg("per piece of work"),
}
_GROSS = {False: msg(", net"), True: msg(", gross")}


def _pay_text(pay: PayMention) -> Message:
    """The amount found, as the fields would take it: «от 60 000 ₽ в месяц, на руки»."""
    low, high = pay.amount_from, pay.amount_to
    amount: Message | Number
    if low is not None and high is not None and low != high:
        amount = msg("%(low)s–%(high)s", low=Number(low), high=Number(high))
    elif low is not None and high is None:
        amount = msg("from %(amount)s", amount=Number(low))
    elif low is None and high is not None:
        amount = msg("up to %(amount)s", amount=Number(high))
    else:
        amount = Number(low or 0)
    money = _MONEY.get(pay.currency)
    return msg(
        "%(money)s %(per)s%(net)s",
        money=money(amount)
        if money is not None
        else msg("%(amount)s %(currency)s", amount=amount, currency=pay.currency),
        per=_PER.get(pay.period, msg("a month")),
        net=_GROSS.get(pay.gross, "") if pay.gross is not None else "",
    )
