"""Numbers typed by a person into a KPI field, and whether a value looks plausible.

Pure: no Flask, no database. The web form calls `parse_number` on what was typed; the
API takes JSON numbers only and shares `plausibility`.

What is read, in either interface language:

- a decimal comma or point: «4,1» and «4.1» are 4.1;
- spaces between groups of three digits (plain, non-breaking U+00A0, narrow no-break
  U+202F, thin U+2009): «1 500» is 1500;
- repeated group separators: «1,500,000» and «1.500.000» are 1500000; both kinds in one
  number, the last one being the decimal separator: «1,500.5» and «1.500,5» are 1500.5;
- a unit after the number: «3 %», «1 500 ₽», «1500 руб.», the item's own unit;
- a minus sign (ASCII or U+2212): the number is negative (the caller refuses it).

A single comma before exactly three digits («1,500») is a decimal comma in Russian
(1.5), where commas never group digits, and a group separator in English (1500), where
that is how the interface itself writes the number; «1234,567» is refused in English
as ambiguous.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import localedata
from babel.numbers import format_decimal

from app.caches import memoize
from app.domain.message import Localized, Message, Quoted, english, msg

MAX_LENGTH = 40
# Spaces a person (or a copy from a spreadsheet or a formatted page) puts between groups.
GROUP_SPACES = " \u00a0\u202f\u2009\u2007"
MINUS = "-\u2212\u2013"
PERCENT_UNITS = ("%", "процент", "percent", "п.п.", "pp")
# Currency signs and words that may follow (or precede) an amount.
_CURRENCY = re.compile(
    r"(?:₽|руб(?:\.|лей|ля|ль)?|р\.|rub\.?|rur|\$|usd|€|eur|₸|тенге|тг\.?)",
    re.IGNORECASE,
)
_GROUPED = re.compile(r"\d{1,3}(?:[ ]\d{3})+")
_PLAIN = re.compile(r"\d+")


class NumberError(ValueError):
    """What was typed is not a number this module reads; `message` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(english(message))
        self.message = message


NOT_A_NUMBER = msg("This is not a number we can read. Write it in digits, e.g. 4.1 or 1500.")
TOO_LONG = msg("The number is too long.")


def _ambiguous(text: str) -> Message:
    return msg(
        "It is not clear whether the comma in %(text)s is a decimal comma or groups "
        "thousands: write the number without a thousands separator, with a decimal point.",
        text=Quoted(text),
    )


def _strip_unit(value: str, units: tuple[str, ...]) -> str:
    """The text without a unit after (or a currency sign before) the number."""
    for unit in sorted((u.strip() for u in units if u and u.strip()), key=len, reverse=True):
        if value.casefold().endswith(unit.casefold()):
            value = value[: -len(unit)].rstrip(GROUP_SPACES)
            break
    if value.endswith("%"):
        value = value[:-1].rstrip(GROUP_SPACES)
    match = _CURRENCY.search(value)
    if match and (match.end() == len(value) or match.start() == 0):
        value = (value[: match.start()] + value[match.end() :]).strip(GROUP_SPACES)
    return value


def _integer_part(digits: str, separator: str) -> str | None:
    """An integer part written with this group separator («1 500», «1,500,000»)."""
    if separator:
        groups = digits.split(separator)
        head, rest = groups[0], groups[1:]
        if not (1 <= len(head) <= 3 and head.isdigit()):
            return None
        if not all(len(g) == 3 and g.isdigit() for g in rest):
            return None
        return "".join(groups)
    return digits if _PLAIN.fullmatch(digits) else None


def parse_number(text: str, lang: str = "ru", units: tuple[str, ...] = ()) -> Decimal:
    """The number a person typed, exactly (as a Decimal); NumberError when it cannot be
    read. `lang`: the interface language ("ru" or "en"), which only decides «1,500»;
    `units`: the item's own unit, also accepted after the number."""
    if not isinstance(text, str):
        raise NumberError(NOT_A_NUMBER)
    value = text.strip(GROUP_SPACES + "\t\r\n")
    if len(value) > MAX_LENGTH:
        raise NumberError(TOO_LONG)
    value = _strip_unit(value, units)
    sign = ""
    if value[:1] and value[0] in MINUS:
        sign, value = "-", value[1:].lstrip(GROUP_SPACES)
    elif value[:1] == "+":
        value = value[1:].lstrip(GROUP_SPACES)
    value = re.sub(f"[{GROUP_SPACES}]+", " ", value)
    if not value or (not value[0].isdigit() and value[0] not in ".,"):
        raise NumberError(NOT_A_NUMBER)
    if " " in value and ("," in value or "." in value):
        # «1 500,5»: spaces group the integer part, the mark is the decimal separator.
        head, mark, fraction = value.rpartition("," if "," in value else ".")
        integer = _integer_part(head, " ") if _GROUPED.fullmatch(head) else None
        if integer is None or not _PLAIN.fullmatch(fraction) or ("," in head or "." in head):
            raise NumberError(NOT_A_NUMBER)
        return _decimal(sign, integer, fraction)
    if " " in value:
        integer = _integer_part(value, " ")
        if integer is None:
            raise NumberError(NOT_A_NUMBER)
        return _decimal(sign, integer, "")
    commas, points = value.count(","), value.count(".")
    if commas and points:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        head, _, fraction = value.rpartition(decimal_mark)
        if decimal_mark in head:
            raise NumberError(NOT_A_NUMBER)
        integer = _integer_part(head, group_mark)
        if integer is None or not _PLAIN.fullmatch(fraction):
            raise NumberError(NOT_A_NUMBER)
        return _decimal(sign, integer, fraction)
    mark = "," if commas else "." if points else ""
    count = commas or points
    if count > 1:  # «1,500,000», «1.500.000»
        integer = _integer_part(value, mark)
        if integer is None:
            raise NumberError(NOT_A_NUMBER)
        return _decimal(sign, integer, "")
    if count == 1:
        head, _, fraction = value.partition(mark)
        head = head or "0"
        if not (_PLAIN.fullmatch(head) and _PLAIN.fullmatch(fraction)):
            raise NumberError(NOT_A_NUMBER)
        if mark == "," and lang[:2] == "en" and len(fraction) == 3 and head != "0":
            integer = _integer_part(value, ",")  # English "1,500" is 1500
            if integer is None:
                raise NumberError(_ambiguous(text.strip()))
            return _decimal(sign, integer, "")
        return _decimal(sign, head, fraction)
    if not _PLAIN.fullmatch(value):
        raise NumberError(NOT_A_NUMBER)
    return _decimal(sign, value, "")


def _decimal(sign: str, integer: str, fraction: str) -> Decimal:
    try:
        return Decimal(f"{sign}{integer}.{fraction}" if fraction else f"{sign}{integer}")
    except InvalidOperation:  # pragma: no cover - the parts are digits only
        raise NumberError(NOT_A_NUMBER) from None


def is_percent(unit: str | None) -> bool:
    """Whether a KPI's unit is a percentage («%», «процентов», "percent")."""
    folded = (unit or "").strip().casefold()
    return any(mark in folded for mark in PERCENT_UNITS)


NEGATIVE = msg("A result cannot be negative.")
TARGET_FACTOR = 10


def _as_typed(value: Decimal, lang: str) -> str:
    return format_number(value, None, lang)


def _number(value: Decimal) -> Localized:
    """A number in the reader's language's format, as `format_number` writes it (Babel's)."""
    return Localized(value, _as_typed)


def plausibility(value: float | Decimal, target: float | None, unit: str | None) -> Message | None:
    """Why a KPI actual looks wrong enough to ask for a confirmation (a percentage over
    100, more than 10 x the target), or None when it looks plausible. A negative value is
    refused by `check_sign`."""
    number = Decimal(str(value))
    if is_percent(unit) and number > 100:
        return msg("%(value)s %% is over 100 %%. Check the value.", value=_number(number))
    if target is not None and target > 0 and number > TARGET_FACTOR * Decimal(str(target)):
        return msg(
            "%(value)s is more than 10 times the target (%(target)s). Check the value.",
            value=_number(number),
            target=_number(Decimal(str(target))),
        )
    return None


def check_sign(value: float | Decimal) -> None:
    """NumberError for a negative result (never stored, confirmed or not)."""
    if Decimal(str(value)) < 0:
        raise NumberError(NEGATIVE)


@memoize("probation.numbers")
def _format(value: Decimal, places: int | None, lang: str, grouping: bool) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        pattern = "#,##0." + "0" * places if places else "#,##0"
        return format_decimal(value, format=pattern, locale=lang, group_separator=grouping)
    return format_decimal(
        value.normalize(), locale=lang, decimal_quantization=False, group_separator=grouping
    )


def format_number(
    value: object, places: int | None = None, lang: str = "ru", *, grouping: bool = True
) -> str:
    """A number in this language's format (Babel, CLDR): «87,5» and «1 500» (with a
    non-breaking space) in Russian, "87.5" and "1,500" in English; a dash for None.
    `places`: round half up to this many decimals and show them all; None: the number as
    typed, without trailing zeros. `grouping=False`: no thousands separator (a CSV cell
    that a spreadsheet reads as a number)."""
    if value is None or isinstance(value, bool):
        return "—"
    # The shortest decimal form of a float, as a person checking by hand reads it: 61.25
    # rounds to 61.3 (plain float formatting rounds half to even and shows 61.2).
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    if not number.is_finite():
        return "—"
    return _format(number, places, _locale(lang), grouping)


def _locale(lang: str) -> str:
    """The CLDR locale of a language code; English for one Babel does not know."""
    code = lang[:2].lower()
    if code in ("ru", "en"):
        return code
    return code if localedata.exists(code) else "en"
