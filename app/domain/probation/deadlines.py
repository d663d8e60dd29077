"""Probation deadlines: a candidate's last day, the art. 71 notice deadline, working days.

Pure on purpose (no Flask, no database): plain dates in, plain values out. The candidate
and its plan are read only through their attributes (`start_date`, `plan.period_months`,
`plan.period_days`). Working days are Monday to Friday; public holidays are not counted
out (the page says "working days (Mon–Fri)").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.domain.probation import law

NOTICE_DAYS = law.NOTICE_DAYS  # art. 71: the written notice at least three days before
SOON_DAYS = 7  # the home page lists candidates whose probation ends within a week
URGENT_WORKING_DAYS = 3  # fewer working days than this before the notice deadline: urgent
# Verdicts for which a notice of an unsatisfactory result may be due (as in notice.py).
NOTICE_VERDICTS = ("fail", "extend")


def probation_end(candidate: Any) -> date:
    """The last day of the candidate's probation: the plan's period counted from the
    candidate's own start date (in days when the plan says so, else in months)."""
    plan = candidate.plan
    return law.period_end(candidate.start_date, months=plan.period_months, days=plan.period_days)


def notice_deadline(end: date) -> date:
    """The last day to hand over the art. 71 notice: three days before the period's end."""
    return end - timedelta(days=NOTICE_DAYS)


def working_days_left(today: date, deadline: date) -> int:
    """Working days (Mon–Fri) after `today` up to and including `deadline`; 0 when the
    deadline is today or has passed (today is already under way, so it is not counted)."""
    if deadline <= today:
        return 0
    days = (deadline - today).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (today + timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def ends_soon(end: date, today: date, within: int = SOON_DAYS) -> bool:
    """True when the probation has not ended and ends within `within` days of today."""
    return today <= end <= today + timedelta(days=within)


def notice_due(verdict: str | None, extension_allowed: bool = False) -> bool:
    """A notice may be due: the verdict is fail, or the middle verdict where the law does
    not allow extending the period (then it means "decide now")."""
    if verdict == "fail":
        return True
    return verdict == "extend" and not extension_allowed


def urgent(verdict: str | None, end: date, today: date, extension_allowed: bool = False) -> bool:
    """A notice is due and fewer than three working days are left before its deadline."""
    left = working_days_left(today, notice_deadline(end))
    return notice_due(verdict, extension_allowed) and left < URGENT_WORKING_DAYS


def start_bound(today: date) -> date:
    """No probation that started before this day can still be running today (the longest
    period allowed is 6 months or 183 days): a bound for the database query."""
    return today - timedelta(days=31 * 6 + 1)
