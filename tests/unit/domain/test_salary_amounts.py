"""Salary amounts as people type them: read as the number they mean, or refused clearly."""

from __future__ import annotations

import pytest

from app.domain.vacancies.validation import read_amount


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("70000", 70_000),
        ("70к", 70_000),
        ("70 к", 70_000),
        ("70К", 70_000),
        ("70k", 70_000),
        ("70 тыс", 70_000),
        ("70 тыс.", 70_000),
        ("70 тысяч рублей", 70_000),
        ("70 тыс. руб.", 70_000),
        ("70 т.р.", 70_000),
        ("70тр", 70_000),
        ("70 000", 70_000),
        ("70\u00a0000", 70_000),
        ("70\u202f000", 70_000),
        ("70 000 ₽", 70_000),
        ("70 000 руб.", 70_000),
        ("70 000 р.", 70_000),
        ("₽ 70 000", 70_000),
        ("70к ₽", 70_000),
        ("от 70 000", 70_000),
        ("до 120 000 ₽", 120_000),
        ("70,5к", 70_500),
        ("1,5 млн", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("70,000", 70_000),
        ("$1,500", 1_500),
        ("  90000  ", 90_000),
        ("0", 0),
        ("-5000", -5_000),  # kept negative, so the amount rules refuse it
        ("−5 000", -5_000),
    ],
)
def test_typed_amounts_are_read_as_what_they_mean(typed: str, amount: int) -> None:
    assert read_amount(typed) == (amount, None)


@pytest.mark.parametrize(("typed", "code"), [
    ("семьдесят", "not-a-number"),
    ("70 5", "not-a-number"),
    ("70.5", "invalid-type"),
    ("70,55", "invalid-type"),
    ("1,2345к", "invalid-type"),
    ("70-90 тыс", "range-in-one-field"),
    ("70 – 90к", "range-in-one-field"),
    ("9" * 100, "not-a-number"),
    ("inf", "not-a-number"),
    ("1e9", "not-a-number"),
    ("к", "not-a-number"),
])  # fmt: skip
def test_unreadable_amounts_are_refused_with_a_message(typed: str, code: str) -> None:
    amount, problem = read_amount(typed)
    assert amount is None and problem is not None and problem.code == code
    assert problem.message.get("ru")[0].isupper() and problem.message.get("en")[0].isupper()


def test_seventy_thousand_is_never_seventy() -> None:
    for typed in ("70к", "70 тыс", "70 000", "70 000 ₽", "70 тыс. ₽", "70k"):
        assert read_amount(typed)[0] == 70_000, typed


def test_empty_is_no_amount() -> None:
    assert read_amount("") == (None, None)
    assert read_amount("   ") == (None, None)
    assert read_amount(None) == (None, None)
