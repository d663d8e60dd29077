"""Probation deadlines: the last day from the candidate's start, the art. 71 notice
deadline, working days (Mon–Fri) and when a notice is urgent."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.domain.probation import deadlines


def candidate(start: date, months: int = 3, days: int | None = None) -> SimpleNamespace:
    plan = SimpleNamespace(period_months=months, period_days=days)
    return SimpleNamespace(start_date=start, plan=plan)


@pytest.mark.parametrize(
    ("start", "months", "days", "end"),
    [
        (date(2026, 2, 2), 3, None, date(2026, 5, 1)),
        (date(2026, 1, 1), 3, None, date(2026, 3, 31)),
        # 30 Nov + 3 months: 28 Feb is the month's last day, the period ends the day before.
        (date(2025, 11, 30), 3, None, date(2026, 2, 27)),
        (date(2026, 1, 31), 1, None, date(2026, 2, 27)),
        (date(2027, 11, 30), 3, None, date(2028, 2, 28)),  # leap year: 29 Feb exists
        (date(2026, 8, 31), 6, None, date(2027, 2, 27)),
        (date(2026, 10, 15), 3, None, date(2027, 1, 14)),  # across the year
        (date(2026, 3, 2), 3, 14, date(2026, 3, 15)),  # a period in days wins
        (date(2026, 3, 2), 3, 1, date(2026, 3, 2)),
    ],
)
def test_probation_end_counts_from_the_candidates_start(start, months, days, end):
    assert deadlines.probation_end(candidate(start, months, days)) == end


def test_notice_deadline_is_three_days_before_the_end():
    assert deadlines.notice_deadline(date(2026, 5, 1)) == date(2026, 4, 28)
    assert deadlines.notice_deadline(date(2026, 3, 2)) == date(2026, 2, 27)


@pytest.mark.parametrize(
    ("today", "deadline", "left"),
    [
        (date(2026, 4, 26), date(2026, 4, 28), 2),  # Sun → Tue: Mon, Tue
        (date(2026, 4, 27), date(2026, 4, 28), 1),  # Mon → Tue: today is not counted
        (date(2026, 4, 24), date(2026, 4, 27), 1),  # Fri → Mon: the weekend does not count
        (date(2026, 4, 24), date(2026, 4, 26), 0),  # Fri → Sun
        (date(2026, 4, 28), date(2026, 4, 28), 0),  # the deadline is today
        (date(2026, 4, 29), date(2026, 4, 28), 0),  # passed
        (date(2026, 4, 20), date(2026, 5, 4), 10),  # Mon → Mon two weeks on
        (date(2026, 4, 22), date(2026, 5, 6), 10),  # Wed → Wed two weeks on
        (date(2026, 4, 25), date(2026, 5, 2), 5),  # Sat → Sat
    ],
)
def test_working_days_left(today, deadline, left):
    assert deadlines.working_days_left(today, deadline) == left


def test_working_days_left_matches_counting_day_by_day():
    start = date(2026, 1, 1)
    for offset in range(40):
        today = start + timedelta(days=offset)
        for ahead in range(-3, 30):
            deadline = today + timedelta(days=ahead)
            slow = sum(
                1 for n in range(1, max(ahead, 0) + 1) if (today + timedelta(days=n)).weekday() < 5
            )
            assert deadlines.working_days_left(today, deadline) == slow, (today, deadline)


def test_ends_soon_is_today_to_seven_days_ahead():
    today = date(2026, 4, 26)
    assert deadlines.ends_soon(today, today)
    assert deadlines.ends_soon(date(2026, 5, 3), today)
    assert not deadlines.ends_soon(date(2026, 5, 4), today)
    assert not deadlines.ends_soon(date(2026, 4, 25), today)  # already over


def test_a_notice_is_due_for_fail_and_for_decide_now_unless_the_law_allows_extending():
    assert deadlines.notice_due("fail") and deadlines.notice_due("extend")
    assert not deadlines.notice_due("pass") and not deadlines.notice_due(None)
    assert not deadlines.notice_due("extend", extension_allowed=True)
    assert deadlines.notice_due("fail", extension_allowed=True)


def test_urgent_below_three_working_days_before_the_notice_deadline():
    end = date(2026, 5, 1)  # deadline Tue 28 April
    assert deadlines.urgent("fail", end, date(2026, 4, 26))  # 2 left
    assert deadlines.urgent("extend", end, date(2026, 4, 26))
    assert not deadlines.urgent("fail", end, date(2026, 4, 23))  # Fri 24, Mon 27, Tue 28: 3
    assert deadlines.urgent("fail", end, date(2026, 4, 24))  # Mon, Tue: 2
    assert deadlines.urgent("fail", end, date(2026, 4, 30))  # deadline missed
    assert not deadlines.urgent("pass", end, date(2026, 4, 26))
    assert not deadlines.urgent("extend", end, date(2026, 4, 26), extension_allowed=True)


def test_the_start_bound_keeps_every_running_probation():
    today = date(2026, 4, 26)
    bound = deadlines.start_bound(today)
    for months in range(1, 7):
        start = bound - timedelta(days=1)
        assert deadlines.probation_end(candidate(start, months)) < today
    assert deadlines.probation_end(candidate(bound, 3, 183)) < today
    # The longest period, started on the bound's next day at the latest, may still run.
    latest_running = today - timedelta(days=182)
    assert latest_running >= bound
    assert deadlines.probation_end(candidate(latest_running, 3, 183)) == today


def test_the_module_is_pure():
    source = Path(deadlines.__file__).read_text(encoding="utf-8")
    imported = {
        (node.module or "").split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    } | {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not imported & {"flask", "flask_babel", "sqlalchemy"}
