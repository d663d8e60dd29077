"""Input rules of trial plans, shared by the service (and so the API) and the forms."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from app.domain.message import Date, Message, msg
from app.domain.probation import law, scoring
from app.domain.probation.errors import InvalidInput
from app.domain.text import has_control_chars

PLAN_TITLE_MAX = 200
ITEM_TITLE_MAX = 300
EVIDENCE_MAX = 500
UNIT_MAX = 40
CHECKIN_NAME_MAX = 80
NAME_MAX = 120
POSITION_MAX = 150
CONTACT_MAX = 200
COMMENT_MAX = 2000
MAX_NUMBER = 1e9
MIN_PERIOD, MAX_PERIOD = 1, 6
MIN_PERIOD_DAYS, MAX_PERIOD_DAYS = 1, 183
MIN_DATE, MAX_DATE = date(2000, 1, 1), date(2100, 12, 31)
MAX_ITEMS = 60
MAX_CHECKINS = 12


def text(
    field: str, value: object, max_len: int, *, required: bool = True, multiline: bool = False
) -> str:
    """Trimmed printable text within max_len characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(field, msg("Enter text."))
    value = value.strip()
    if required and not value:
        raise InvalidInput(field, msg("This field is required."))
    if len(value) > max_len:
        raise InvalidInput(field, msg("At most %(num)d characters, please.", num=max_len))
    if has_control_chars(value, allow_newlines=multiline):
        raise InvalidInput(field, msg("Remove the invisible control characters from this field."))
    return value


def _number(field: str, value: object) -> float:
    if isinstance(value, bool) or value is None:
        raise InvalidInput(field, msg("Enter a number."))
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise InvalidInput(field, msg("Enter a number.")) from None
    if not math.isfinite(number):
        raise InvalidInput(field, msg("Enter a number."))
    return number


def _integer(field: str, value: object, low: int, high: int, message: Message) -> int:
    number = _number(field, value)
    if number != int(number) or not low <= number <= high:
        raise InvalidInput(field, message)
    return int(number)


def weight(value: object, field: str = "weight") -> int:
    """An item weight: an integer from 1 to 5."""
    return _integer(
        field,
        value,
        scoring.MIN_WEIGHT,
        scoring.MAX_WEIGHT,
        msg("Weight is a whole number from 1 to 5."),
    )


def period(value: object, field: str = "period_months") -> int:
    """The probation period in months: 1 to 6."""
    return _integer(field, value, MIN_PERIOD, MAX_PERIOD, msg("The period is 1 to 6 months."))


def period_days(value: object, field: str = "period_days") -> int | None:
    """A period counted in days (1 to 183), or None when the period is in months."""
    if value in (None, ""):
        return None
    return _integer(
        field,
        value,
        MIN_PERIOD_DAYS,
        MAX_PERIOD_DAYS,
        msg("The period in days is a whole number from 1 to 183."),
    )


def _choice(value: object, allowed: Any, field: str, message: Message) -> str:
    """One of the allowed codes, or InvalidInput on `field` with the message."""
    if value not in allowed:
        raise InvalidInput(field, message)
    return str(value)


def position_category(value: object, field: str = "position_category") -> str:
    """The art. 70 position category: most positions, or heads and chief accountants."""
    return _choice(value, law.CATEGORIES, field, msg("Choose the position category."))


def contract_term(value: object, field: str = "contract_term") -> str:
    """The employment contract's term: open-ended (or over 6 months), 2 to 6, under 2."""
    return _choice(value, law.CONTRACTS, field, msg("Choose the term of the employment contract."))


def labour_law(value: object, field: str = "labour_law") -> str:
    """The organization's labour law: Russia, or another law that allows an extension."""
    return _choice(value, law.LAWS, field, msg("Choose the labour law of the organization."))


def min_coverage(value: object, field: str = "min_coverage") -> float:
    """The coverage (percent, 0 to 100) from which a verdict is final."""
    return threshold(value, field)


def period_message(limit: str, latest: date | None) -> Message:
    """The art. 70 limit a period breaks, in words (`latest`: the last allowed day, shown
    as a long date in the reader's language)."""
    if limit == "none":
        return msg(
            "Under an employment contract of up to 2 months no probation is set (art. 70 "
            "of the Labour Code)."
        )
    if latest is None:
        raise ValueError(f"a period over the {limit!r} limit has a last allowed day")
    if limit == "2w":
        return msg(
            "Under an employment contract of 2 to 6 months a probation is at most 2 weeks "
            "(art. 70 of the Labour Code): with this start date it may end on %(date)s at "
            "the latest. Give the period in days.",
            date=Date(latest, "long"),
        )
    if limit == "6m":
        return msg(
            "Even for heads of organizations, chief accountants and their deputies a "
            "probation is at most 6 months (art. 70 of the Labour Code): with this start "
            "date it may end on %(date)s at the latest.",
            date=Date(latest, "long"),
        )
    return msg(
        "Under art. 70 of the Labour Code a probation is at most 3 months (6 for heads of "
        "organizations, chief accountants and their deputies): with this start date it may "
        "end on %(date)s at the latest.",
        date=Date(latest, "long"),
    )


def legal_period(
    labour_law: str,
    start: date,
    months: int,
    days: int | None,
    category: str,
    contract: str,
) -> None:
    """Raise InvalidInput (beside the period field) when the period breaks art. 70 of the
    Russian Labour Code; other laws are only held to 1 to 6 months."""
    if labour_law != "ru":
        return
    end = law.period_end(start, months=months, days=days)
    problem = law.period_problem(start, end, category, contract)
    if problem is None:
        return
    if problem.limit == "none":
        field = "contract_term"
    else:
        field = "period_days" if days is not None else "period_months"
    raise InvalidInput(field, period_message(problem.limit, problem.latest_end))


def threshold(value: object, field: str) -> float:
    """A threshold from 0 to 100."""
    number = _number(field, value)
    if not 0 <= number <= 100:
        raise InvalidInput(field, msg("Enter a number from 0 to 100."))
    return number


def thresholds(pass_threshold: object, extend_threshold: object) -> tuple[float, float]:
    """Pass and extend thresholds with 0 <= extend <= pass <= 100."""
    passed = threshold(pass_threshold, "pass_threshold")
    extend = threshold(extend_threshold, "extend_threshold")
    if extend > passed:
        raise InvalidInput(
            "extend_threshold", msg("The lower threshold may not be above the pass threshold.")
        )
    return passed, extend


def target(value: object, field: str = "target") -> float:
    """A KPI target: a number above 0."""
    number = _number(field, value)
    if not 0 < number <= MAX_NUMBER:
        raise InvalidInput(field, msg("The target must be a number above 0."))
    return number


def actual(value: object, field: str = "actual") -> float:
    """A KPI actual: a number of 0 or more."""
    number = _number(field, value)
    if not 0 <= number <= MAX_NUMBER:
        raise InvalidInput(field, msg("The actual must be a number of 0 or more."))
    return number


def direction(value: object, field: str = "direction") -> str:
    """Which way a KPI is better: higher or lower."""
    return _choice(
        value, scoring.DIRECTIONS, field, msg("Choose whether higher or lower is better.")
    )


def kind(value: object, field: str = "kind") -> str:
    """An item kind: task or kpi."""
    return _choice(value, scoring.KINDS, field, msg("Choose a task or a measurable goal."))


def day(field: str, value: object, *, required: bool = True) -> date | None:
    """A date between 2000 and 2100 (ISO text is accepted too)."""
    if value in (None, ""):
        if required:
            raise InvalidInput(field, msg("Enter a date."))
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(field, msg("Enter a date.")) from None
    if not isinstance(value, date):
        raise InvalidInput(field, msg("Enter a date."))
    if not MIN_DATE <= value <= MAX_DATE:
        raise InvalidInput(field, msg("Enter a date between 2000 and 2100."))
    return value


def rating(value: object, field: str) -> int | None:
    """A task rating: 0, 1, 2, or None for n/a."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in scoring.RATINGS:
        raise InvalidInput(field, msg("A rating is 0, 1, 2 or n/a."))
    return value
