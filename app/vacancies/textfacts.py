"""Facts a vacancy states in its own words: pay and measurable goals (pure).

Owned by the pay-and-goals work: `find_pay` reads «от 60 000 ₽», «60–80 тыс.», «70к на
руки», «$1500»; `find_goals` reads «не менее 20 заявок», «1000 подписчиков за 3 месяца»,
«ER от 3 %». Spans are offsets into the text given.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PayMention:
    """Pay written in the text: the amounts (None when not given), currency, period."""

    start: int
    end: int
    amount_from: int | None
    amount_to: int | None
    currency: str = "RUB"
    period: str = "month"  # "month", "year", "hour", "day", "shift", "project"
    gross: bool | None = None  # False for «на руки», True for «до вычета», None unknown


@dataclass(frozen=True, slots=True)
class GoalMention:
    """A measurable goal written in the text: a number with what it counts."""

    start: int
    end: int


def find_pay(text: str) -> tuple[PayMention, ...]:
    """Every pay figure the text states."""
    return ()


def find_goals(text: str) -> tuple[GoalMention, ...]:
    """Every measurable goal the text states."""
    return ()
