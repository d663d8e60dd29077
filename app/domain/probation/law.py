"""What the labour law allows a probation: its length (art. 70 of the Russian Labour Code)
and what the middle verdict means. Pure on purpose (no Flask, no database), like scoring.

Art. 70 ТК РФ: probation is at most 3 months; at most 6 months for heads of
organizations and their deputies, chief accountants and their deputies (and heads of
branches and other separate units); at most 2 weeks under an employment contract of 2 to
6 months; none at all under a contract of up to 2 months (also art. 289). The period
cannot be extended: the employer decides before it ends, and an unsatisfactory result
needs a written notice with the reasons at least three days before the end (art. 71).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# The organization's labour law: Russia (the default), or another law that allows
# extending a probation period (the only case in which the middle verdict is "extend").
LAWS = ("ru", "extendable")
DEFAULT_LAW = "ru"
# The country an organization under a law employs in (ISO 3166-1): a vacancy's location
# that names no country is taken to be there (JSON-LD's addressCountry).
LAW_COUNTRIES = {"ru": "RU"}
# Position categories of art. 70: most positions, or heads of organizations, their
# deputies, chief accountants and their deputies (heads of branches too): up to 6 months.
CATEGORIES = ("regular", "head")
# Contract terms: indefinite or longer than 6 months; 2 to 6 months (up to 2 weeks);
# up to 2 months (no probation at all).
CONTRACTS = ("open", "2to6", "under2")
SHORT_CONTRACT_DAYS = 14  # "two weeks", counted in calendar days with the start day
NOTICE_DAYS = 3  # art. 71: the written notice at least three days before the end


def extension_allowed(law: str) -> bool:
    """True only where the organization says its law allows extending the period."""
    return law == "extendable"


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def period_end(start: date, months: int | None = None, days: int | None = None) -> date:
    """The last day of a period of `days` calendar days (when given) or of `months`."""
    if days is not None:
        return start + timedelta(days=days - 1)
    if months is None:
        raise ValueError("a period needs months or days")
    return add_months(start, months) - timedelta(days=1)


@dataclass(frozen=True)
class PeriodProblem:
    """Why a period breaks art. 70: `limit` is "3m", "6m", "2w" or "none" (no probation
    allowed); `latest_end` is the last day the period may reach (None for "none")."""

    limit: str
    latest_end: date | None


def period_problem(
    start: date, end: date, category: str = "regular", contract: str = "open"
) -> PeriodProblem | None:
    """None when a probation from `start` to `end` (both included) is within art. 70."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown position category {category!r}")
    if contract not in CONTRACTS:
        raise ValueError(f"unknown contract term {contract!r}")
    if end < start:
        raise ValueError("the period ends before it starts")
    if contract == "under2":
        return PeriodProblem("none", None)
    if contract == "2to6":
        limit, latest = "2w", start + timedelta(days=SHORT_CONTRACT_DAYS - 1)
    elif category == "head":
        limit, latest = "6m", period_end(start, months=6)
    else:
        limit, latest = "3m", period_end(start, months=3)
    return None if end <= latest else PeriodProblem(limit, latest)
