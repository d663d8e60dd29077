"""The art. 71 notice: which results it may be made for, its reasons and its deadline.

Pure: plain values in, plain values out (no database, no request). Under part 1 of
art. 71 of the Russian Labour Code an employer who finds the probation result
unsatisfactory may end the contract before the period ends, warning the employee in
writing no later than three days before, with the reasons that led to the decision.
The reasons come from the scored items: the tasks rated below «done as expected» with
the evaluators' comments, and every KPI's actual against its target.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.domain.message import msg
from app.domain.probation.errors import InvalidInput
from app.domain.probation.scoring import MAX_VALUE, ItemScore

# Art. 71 part 1: the written warning comes no later than three days before the end.
NOTICE_DAYS = 3
# The verdicts a notice may be made for; the middle one ("extend" in the API, "decide
# now" under Russian law) only when the recruiter confirms the result is unsatisfactory.
NOTICE_VERDICTS = ("fail", "extend")
# "Below expectation": a value under «done as expected» (2 of 2). A KPI's value is
# 2 × attainment, so a KPI below its target is below expectation as well.
EXPECTED_VALUE = MAX_VALUE


class NoticeRefused(Exception):
    """A notice that may not be made; `code` says why (passed, no_verdict, confirm)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Note:
    """One evaluator's rating of a task (None = n/a) and their comment."""

    evaluator: str
    rating: int | None
    comment: str


@dataclass(frozen=True)
class TaskReason:
    """A task rated below expectation."""

    title: str
    value: float
    critical: bool
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class KpiReason:
    """A KPI's actual against its target (`met`: the target is reached)."""

    title: str
    target: float
    actual: float
    unit: str
    direction: str
    attainment: float
    critical: bool

    @property
    def met(self) -> bool:
        return self.attainment >= 1.0


@dataclass(frozen=True)
class Reasons:
    """What the notice lists, worst first within each kind."""

    tasks: tuple[TaskReason, ...]
    kpis: tuple[KpiReason, ...]

    @property
    def empty(self) -> bool:
        return not self.tasks and not any(not k.met for k in self.kpis)


def check_verdict(verdict: str | None, confirmed: bool) -> None:
    """Raise NoticeRefused unless a notice may be made for this verdict."""
    if verdict is None:
        raise NoticeRefused("no_verdict")
    if verdict not in NOTICE_VERDICTS:
        raise NoticeRefused("passed")
    if verdict != "fail" and not confirmed:
        raise NoticeRefused("confirm")


def reasons(rows: Iterable[ItemScore], notes: Mapping[str, Sequence[Note]]) -> Reasons:
    """The reasons from the scored rows (`notes`: the evaluators' ratings per item id)."""
    tasks: list[TaskReason] = []
    kpis: list[KpiReason] = []
    for row in rows:
        item = row.item
        if row.value is None:
            continue
        if item.kind == "kpi":
            if row.actual is None or row.attainment is None or item.target is None:
                continue
            kpis.append(
                KpiReason(
                    title=item.title,
                    target=item.target,
                    actual=row.actual,
                    unit=item.unit,
                    direction=item.direction or "higher",
                    attainment=row.attainment,
                    critical=item.critical,
                )
            )
        elif row.value < EXPECTED_VALUE:
            tasks.append(
                TaskReason(item.title, row.value, item.critical, tuple(notes.get(item.id, ())))
            )
    # Critical items first, then the lowest values; the plan's order breaks ties.
    tasks.sort(key=lambda t: (not t.critical, t.value))
    kpis.sort(key=lambda k: (k.met, not k.critical, k.attainment))
    return Reasons(tuple(tasks), tuple(kpis))


def deadline(end: date | None) -> date | None:
    """The last day to hand over the notice: three days before the period's last day."""
    return None if end is None else end - timedelta(days=NOTICE_DAYS)


def critical_zero_without_comment(
    critical: Mapping[Any, bool], ratings: Mapping[Any, int | None], comments: Mapping[Any, str]
) -> list[Any]:
    """The keys of critical tasks rated 0 whose comment is blank (the notice needs it)."""
    return [
        key
        for key, value in ratings.items()
        if value == 0 and critical.get(key) and not (comments.get(key) or "").strip()
    ]


def check_critical_comments(
    rated: Mapping[Any, Any],
    values: Mapping[int, int | None],
    comments: Mapping[int, str],
    stored: Mapping[int, str],
) -> None:
    """Raise InvalidInput when a critical task is rated 0 without a comment.

    `rated`: request key -> plan item; `values` and `comments`: the new ratings and
    comments by item id; `stored`: the comments already kept by item id (used where the
    request sends none)."""
    by_key = {key: item.id for key, item in rated.items()}
    missing = critical_zero_without_comment(
        {key: bool(item.critical) for key, item in rated.items()},
        {key: values.get(item_id) for key, item_id in by_key.items() if item_id in values},
        {
            key: comments[item_id] if item_id in comments else stored.get(item_id, "")
            for key, item_id in by_key.items()
        },
    )
    if missing:
        raise InvalidInput(
            f"comments.{missing[0]}",
            msg(
                "A critical task rated 0 needs a comment: it is the reason given in the "
                "notice of an unsatisfactory result."
            ),
        )
