"""Input rules of trial plans, shared by the service (and so the API) and the forms."""

from __future__ import annotations

import math
from datetime import date

from flask_babel import lazy_gettext as _l

from app.forms import has_control_chars
from app.probation import scoring
from app.probation.errors import InvalidInput

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
        raise InvalidInput(field, _l("Enter text."))
    value = value.strip()
    if required and not value:
        raise InvalidInput(field, _l("This field is required."))
    if len(value) > max_len:
        raise InvalidInput(field, _l("At most %(num)d characters, please.", num=max_len))
    if has_control_chars(value, allow_newlines=multiline):
        raise InvalidInput(field, _l("Remove the invisible control characters from this field."))
    return value


def _number(field: str, value: object) -> float:
    if isinstance(value, bool) or value is None:
        raise InvalidInput(field, _l("Enter a number."))
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise InvalidInput(field, _l("Enter a number.")) from None
    if not math.isfinite(number):
        raise InvalidInput(field, _l("Enter a number."))
    return number


def _integer(field: str, value: object, low: int, high: int, message: str) -> int:
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
        _l("Weight is a whole number from 1 to 5."),
    )


def period(value: object, field: str = "period_months") -> int:
    """The probation period in months: 1 to 6."""
    return _integer(field, value, MIN_PERIOD, MAX_PERIOD, _l("The period is 1 to 6 months."))


def threshold(value: object, field: str) -> float:
    """A threshold from 0 to 100."""
    number = _number(field, value)
    if not 0 <= number <= 100:
        raise InvalidInput(field, _l("Enter a number from 0 to 100."))
    return number


def thresholds(pass_threshold: object, extend_threshold: object) -> tuple[float, float]:
    """Pass and extend thresholds with 0 <= extend <= pass <= 100."""
    passed = threshold(pass_threshold, "pass_threshold")
    extend = threshold(extend_threshold, "extend_threshold")
    if extend > passed:
        raise InvalidInput(
            "extend_threshold", _l("The extend threshold may not be above the pass threshold.")
        )
    return passed, extend


def target(value: object, field: str = "target") -> float:
    """A KPI target: a number above 0."""
    number = _number(field, value)
    if not 0 < number <= MAX_NUMBER:
        raise InvalidInput(field, _l("The target must be a number above 0."))
    return number


def actual(value: object, field: str = "actual") -> float:
    """A KPI actual: a number of 0 or more."""
    number = _number(field, value)
    if not 0 <= number <= MAX_NUMBER:
        raise InvalidInput(field, _l("The actual must be a number of 0 or more."))
    return number


def direction(value: object, field: str = "direction") -> str:
    """Which way a KPI is better: higher or lower."""
    if value not in scoring.DIRECTIONS:
        raise InvalidInput(field, _l("Choose whether higher or lower is better."))
    return str(value)


def kind(value: object, field: str = "kind") -> str:
    """An item kind: task or kpi."""
    if value not in scoring.KINDS:
        raise InvalidInput(field, _l("Choose a task or a measurable goal."))
    return str(value)


def day(field: str, value: object, *, required: bool = True) -> date | None:
    """A date between 2000 and 2100 (ISO text is accepted too)."""
    if value in (None, ""):
        if required:
            raise InvalidInput(field, _l("Enter a date."))
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(field, _l("Enter a date.")) from None
    if not isinstance(value, date):
        raise InvalidInput(field, _l("Enter a date."))
    if not MIN_DATE <= value <= MAX_DATE:
        raise InvalidInput(field, _l("Enter a date between 2000 and 2100."))
    return value


def rating(value: object, field: str) -> int | None:
    """A task rating: 0, 1, 2, or None for n/a."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in scoring.RATINGS:
        raise InvalidInput(field, _l("A rating is 0, 1, 2 or n/a."))
    return value
