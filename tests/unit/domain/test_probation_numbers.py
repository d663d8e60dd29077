"""Numbers typed into KPI fields, their plausibility, and the one number format."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.probation import numbers
from app.domain.probation.numbers import NumberError, format_number, parse_number, plausibility

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"

# What a person types -> the number, the same in both interface languages.
READ_IN_BOTH = [
    ("4,1", "4.1"),
    ("4.1", "4.1"),
    ("41", "41"),
    ("0,5", "0.5"),
    (",5", "0.5"),
    ("1 500", "1500"),
    (f"1{NBSP}500", "1500"),
    (f"1{NNBSP}500", "1500"),
    (f"1{THIN}500", "1500"),
    (f"12{NBSP}500{NBSP}000", "12500000"),
    ("1 500,25", "1500.25"),
    ("1 500.25", "1500.25"),
    ("1,500,000", "1500000"),
    ("1.500.000", "1500000"),
    ("1,500.5", "1500.5"),
    ("1.500,5", "1500.5"),
    ("3 %", "3"),
    ("3%", "3"),
    ("3,5 %", "3.5"),
    ("1 500 ₽", "1500"),
    ("1500₽", "1500"),
    ("₽ 1500", "1500"),
    ("1500 руб.", "1500"),
    ("1500 руб", "1500"),
    ("1500 р.", "1500"),
    ("250 RUB", "250"),
    ("$120", "120"),
    ("  7  ", "7"),
    ("+5", "5"),
    ("-3", "-3"),
    ("−3,5", "-3.5"),
    ("0", "0"),
]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(("typed", "number"), READ_IN_BOTH)
def test_parse_number_reads_what_people_type(typed, number, lang):
    assert parse_number(typed, lang) == Decimal(number)


def test_a_comma_before_three_digits_groups_in_english_only():
    assert parse_number("1,500", "ru") == Decimal("1.5")
    assert parse_number("1,500", "en") == 1500
    assert parse_number("0,500", "en") == Decimal("0.5")  # «0,500» cannot mean 500
    with pytest.raises(NumberError) as refused:
        parse_number("1234,567", "en")
    message = refused.value.message
    assert "1234,567" in message.get("en") and "1234,567" in message.get("ru")
    assert parse_number("1234,567", "ru") == Decimal("1234.567")


def test_the_items_own_unit_is_accepted():
    assert parse_number("12 лидов", "ru", ("лидов",)) == 12
    assert parse_number("2,5 ч", "ru", ("ч",)) == Decimal("2.5")
    with pytest.raises(NumberError):
        parse_number("12 лидов", "ru")


REFUSED = [
    "",
    "   ",
    "abc",
    "четыре",
    "1 5",
    "15 00",
    "1,5,5",
    "4,1,",
    "4.",
    "1e3",
    "nan",
    "inf",
    "1.5.0,0",
    "1,50.000",
    "1 500,5,5",
    "--3",
    "%",
    "4,1 4,1",
    "1" * 41,
]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("typed", REFUSED)
def test_parse_number_refuses_what_it_cannot_read(typed, lang):
    with pytest.raises(NumberError) as refused:
        parse_number(typed, lang)
    assert isinstance(refused.value, ValueError)
    message = refused.value.message
    assert message.get("ru") and message.get("en") and message.get("ru") != message.get("en")


def test_parse_number_refuses_what_is_not_text():
    for value in (None, 4.1, 3):
        with pytest.raises(NumberError):
            parse_number(value)  # type: ignore[arg-type]


def test_plausibility():
    assert plausibility(41, 3, "%") is not None  # percent over 100? no: over 10 x target
    assert plausibility(101, 200, "%") is not None  # a percentage over 100
    assert plausibility(100, 200, "%") is None
    assert plausibility(30, 3, "%") is None  # exactly 10 x is still plausible
    assert plausibility(Decimal("30.01"), 3, "") is not None
    assert plausibility(1500, 300, "руб.") is None
    assert plausibility(150, 10, "процентов") is not None
    far = plausibility(Decimal("41"), Decimal("3.5"), "")
    assert "41" in far.get("ru") and "3,5" in far.get("ru") and "3.5" in far.get("en")
    over = plausibility(Decimal("120.5"), 500, "%")
    assert "120,5 %" in over.get("ru") and "120.5 %" in over.get("en")


def test_check_sign():
    numbers.check_sign(0)
    with pytest.raises(NumberError):
        numbers.check_sign(Decimal("-0.1"))


@pytest.mark.parametrize(
    ("value", "places", "ru", "en"),
    [
        (87.5, 1, "87,5", "87.5"),
        (78.125, 1, "78,1", "78.1"),
        (61.25, 1, "61,3", "61.3"),  # half up from the decimal form, not half to even
        (50, 1, "50,0", "50.0"),
        (4.1, None, "4,1", "4.1"),
        (1500, None, f"1{NBSP}500", "1,500"),
        (0.0415, None, "0,0415", "0.0415"),
        (None, None, "—", "—"),
        (float("nan"), 1, "—", "—"),
    ],
)
def test_format_number(value, places, ru, en):
    assert format_number(value, places, "ru") == ru
    assert format_number(value, places, "en") == en


def test_format_number_without_grouping_for_spreadsheets():
    assert format_number(1500.5, None, "ru", grouping=False) == "1500,5"
    assert format_number(1500.5, None, "en", grouping=False) == "1500.5"


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("value", [4.1, 1500, 1500.25, 0.5, 1234567.125, 1e9])
def test_a_formatted_number_reads_back(value, lang):
    assert parse_number(format_number(value, None, lang), lang) == Decimal(repr(value))


def test_charts_write_numbers_in_the_language_asked_for():
    from app.domain.probation.charts import item_values_bar_svg, score_line_svg

    points = [("Неделя 1", 42.5), ("Итог", 78.125)]
    line = score_line_svg(points, title="t", pass_threshold=75, extend_threshold=50.5, lang="ru")
    assert "78,1" in line and "42,5" in line and "50,5" in line and "78.1" not in line
    english = score_line_svg(points, title="t", pass_threshold=75, extend_threshold=50.5)
    assert "78.1" in english and "78,1" not in english
    bars = item_values_bar_svg([("a", 1.5), ("b", None)], title="t", lang="ru")
    assert ">1,5<" in bars and ">1.5<" not in bars
