"""Probation score and verdict, exactly as written in design/probation-scoring.md.

Pure on purpose: the same inputs always give the same score, and a person can
redo the arithmetic by hand from the rows this module returns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

KINDS = ("task", "kpi")
DIRECTIONS = ("higher", "lower")
RATINGS = (0, 1, 2)
MIN_WEIGHT, MAX_WEIGHT = 1, 5
MAX_VALUE = 2.0
DEFAULT_PASS_THRESHOLD = 75.0
DEFAULT_EXTEND_THRESHOLD = 50.0


def _finite(x: object, message: str) -> float:
    # bool is an int subclass; True as a target or an actual is a bug upstream, not a 1.
    if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x):
        raise ValueError(message)
    return float(x)


@dataclass(frozen=True)
class PlanItem:
    """One item of a trial plan: a rated task or a measurable KPI."""

    id: str
    kind: str  # "task" | "kpi"
    title: str
    weight: int  # 1..5
    critical: bool = False
    target: float | None = None  # kpi only, > 0
    direction: str | None = None  # kpi only: "higher" | "lower"
    unit: str = ""

    def __post_init__(self) -> None:
        # Invalid items cannot exist, so every function below may trust them.
        if self.kind not in KINDS:
            raise ValueError(f"item {self.id!r}: unknown kind {self.kind!r} (expected task or kpi)")
        if not isinstance(self.weight, int) or isinstance(self.weight, bool):
            raise ValueError(f"item {self.id!r}: weight must be an int, got {self.weight!r}")
        if not MIN_WEIGHT <= self.weight <= MAX_WEIGHT:
            raise ValueError(
                f"item {self.id!r}: weight must be {MIN_WEIGHT}..{MAX_WEIGHT}, got {self.weight}"
            )
        if self.kind == "kpi":
            _check_target(self.target, self.id)
            _check_direction(self.direction, self.id)


@dataclass(frozen=True)
class ItemScore:
    """One row of the arithmetic shown to people."""

    item: PlanItem
    value: float | None  # 0..2, None when the item has no value
    weighted: float | None  # weight * value
    ratings: tuple[int | None, ...]  # the evaluators' ratings used (None = n/a)
    actual: float | None
    attainment: float | None  # kpi: a in 0..1


@dataclass(frozen=True)
class ScoreResult:
    """Score, coverage and verdict of a plan, with the rows that produced them."""

    score: float | None  # unrounded, 0..100; None when no item has a value
    coverage: float  # 0..1; 0 when the plan has no items
    provisional: bool  # a score exists and coverage < 1
    verdict: str | None  # "pass" | "extend" | "fail"; None when no score
    rows: tuple[ItemScore, ...]  # in the plan's item order
    weighted_sum: float  # sum(weight * value) over valued items
    valued_weight: int  # sum(weight) over valued items
    total_weight: int
    failed_critical: tuple[str, ...]  # ids of critical items with value < 1.0


def _where(item_id: str) -> str:
    return f"item {item_id!r}: " if item_id else ""


def _check_target(target: object, item_id: str = "") -> float:
    message = f"{_where(item_id)}kpi target must be a number > 0, got {target!r}"
    checked = _finite(target, message)
    if checked <= 0:
        raise ValueError(message)
    return checked


def _check_direction(direction: object, item_id: str = "") -> str:
    if isinstance(direction, str) and direction in DIRECTIONS:
        return direction
    raise ValueError(f"{_where(item_id)}kpi direction must be higher or lower, got {direction!r}")


def _check_actual(actual: object, item_id: str = "") -> float:
    message = f"{_where(item_id)}kpi actual must be a number >= 0, got {actual!r}"
    checked = _finite(actual, message)
    if checked < 0:
        raise ValueError(message)
    return checked


def _check_ratings(ratings: Iterable[int | None], item_id: str = "") -> tuple[int | None, ...]:
    checked = tuple(ratings)
    for rating in checked:
        # Strict types: 2.0 or True compare equal to a rating but point to a bug upstream.
        valid = isinstance(rating, int) and not isinstance(rating, bool) and rating in RATINGS
        if rating is not None and not valid:
            raise ValueError(
                f"{_where(item_id)}rating must be 0, 1, 2 or None (n/a), got {rating!r}"
            )
    return checked


def check_thresholds(pass_threshold: float, extend_threshold: float) -> None:
    """Raise ValueError unless 0 <= extend <= pass <= 100."""
    for name, value in (("pass", pass_threshold), ("extend", extend_threshold)):
        _finite(value, f"{name} threshold must be a number, got {value!r}")
    if not 0 <= extend_threshold <= pass_threshold <= 100:
        raise ValueError(
            "thresholds must satisfy 0 <= extend <= pass <= 100, "
            f"got extend={extend_threshold!r}, pass={pass_threshold!r}"
        )


def task_value(ratings: Iterable[int | None]) -> float | None:
    """Mean of the ratings with n/a (None) left out; None when nobody gave a rating."""
    given = [r for r in _check_ratings(ratings) if r is not None]
    if not given:
        return None
    return sum(given) / len(given)


def kpi_attainment(target: float, direction: str, actual: float | None) -> float | None:
    """Attainment a in 0..1 of a KPI; None while there is no actual."""
    target = _check_target(target)
    direction = _check_direction(direction)
    if actual is None:
        return None
    actual = _check_actual(actual)
    if direction == "higher":
        return min(actual / target, 1.0)
    # Tested before dividing, so an actual of 0 (e.g. no complaints) is full attainment.
    if actual <= target:
        return 1.0
    return target / actual


def item_value(
    item: PlanItem, ratings: Sequence[int | None] = (), actual: float | None = None
) -> float | None:
    """Value 0..2 of one item; a task uses the ratings, a KPI uses the actual."""
    return item_score(item, ratings, actual).value


def item_score(
    item: PlanItem, ratings: Sequence[int | None] = (), actual: float | None = None
) -> ItemScore:
    """The row of arithmetic for one item: inputs used, attainment, value and weighted value."""
    if item.kind == "task":
        used = _check_ratings(ratings, item.id)
        value = task_value(used)
        return ItemScore(item, value, _weighted(item, value), used, None, None)
    # A KPI is a fact about the candidate, not an opinion: evaluators' ratings do not apply.
    if actual is not None:
        actual = _check_actual(actual, item.id)
    attainment = kpi_attainment(
        _check_target(item.target, item.id), _check_direction(item.direction, item.id), actual
    )
    value = None if attainment is None else MAX_VALUE * attainment
    return ItemScore(item, value, _weighted(item, value), (), actual, attainment)


def _weighted(item: PlanItem, value: float | None) -> float | None:
    return None if value is None else item.weight * value


def verdict_for(
    score: float | None, failed_critical: bool, pass_threshold: float, extend_threshold: float
) -> str | None:
    """Verdict by the four rules, comparing the unrounded score; None when no score."""
    check_thresholds(pass_threshold, extend_threshold)
    if score is None:
        return None
    if failed_critical:
        return "fail"
    if score >= pass_threshold:
        return "pass"
    if score >= extend_threshold:
        return "extend"
    return "fail"


def probation_score(
    items: Sequence[PlanItem],
    ratings: Mapping[str, Sequence[int | None]],
    actuals: Mapping[str, float | None],
    pass_threshold: float = DEFAULT_PASS_THRESHOLD,
    extend_threshold: float = DEFAULT_EXTEND_THRESHOLD,
) -> ScoreResult:
    """Score, coverage and verdict of a plan from the evaluators' ratings and KPI actuals."""
    check_thresholds(pass_threshold, extend_threshold)
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            # Ratings and actuals are keyed by id, so a repeated id would be ambiguous.
            raise ValueError(f"item id {item.id!r} appears more than once in the plan")
        seen.add(item.id)

    rows = tuple(item_score(item, ratings.get(item.id, ()), actuals.get(item.id)) for item in items)
    # fsum is exact then rounded once, so the sum (and so the verdict at a threshold)
    # does not depend on the order of the items.
    weighted_sum = math.fsum(row.weighted for row in rows if row.weighted is not None)
    valued_weight = sum(row.item.weight for row in rows if row.weighted is not None)
    total_weight = sum(item.weight for item in items)
    coverage = valued_weight / total_weight if total_weight else 0.0
    score = 100 * weighted_sum / (2 * valued_weight) if valued_weight else None
    failed_critical = tuple(
        row.item.id
        for row in rows
        if row.item.critical and row.value is not None and row.value < 1.0
    )
    return ScoreResult(
        score=score,
        coverage=coverage,
        provisional=score is not None and coverage < 1,
        verdict=verdict_for(score, bool(failed_critical), pass_threshold, extend_threshold),
        rows=rows,
        weighted_sum=weighted_sum,
        valued_weight=valued_weight,
        total_weight=total_weight,
        failed_critical=failed_critical,
    )


def format_score(score: float | None) -> str:
    """Score for display with one decimal, e.g. "78.1"; an em dash when there is none."""
    if score is None:
        return "—"
    # Half up from the shortest decimal form, as a person checking by hand would round:
    # 61.25 shows 61.3 (plain float formatting rounds half to even and shows 61.2).
    shown = Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown:.1f}"


def format_coverage(coverage: float) -> str:
    """Coverage as a percentage with one decimal, e.g. "88.9 %"."""
    return f"{format_score(100 * coverage)} %"
