"""When a verdict is final and when it is only provisional. Pure on purpose.

A verdict is provisional while the coverage is below the plan's minimum (80 % by default)
or while an assigned evaluator of the check-in has not submitted their ratings. A
provisional verdict is shown as such, with what is missing, never as the final badge.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

DEFAULT_MIN_COVERAGE = 80.0  # percent

T = TypeVar("T")


@dataclass(frozen=True)
class Completeness(Generic[T]):
    """`provisional`: the verdict is not final yet; `coverage_short`: the coverage is
    below `min_coverage` (percent); `missing`: the assigned evaluators who have not
    submitted, in the order given."""

    provisional: bool
    coverage_short: bool
    min_coverage: float
    missing: tuple[T, ...]


def completeness(
    valued_weight: int,
    total_weight: int,
    min_coverage: float,
    assigned: Sequence[T],
    submitted: Collection[T],
) -> Completeness[T]:
    """Compare the coverage (valued / total weight) with `min_coverage` exactly (in whole
    weights, no float rounding), and list the assigned evaluators not in `submitted`."""
    if not 0 <= min_coverage <= 100:
        raise ValueError(f"minimum coverage must be 0..100, got {min_coverage!r}")
    if not 0 <= valued_weight <= total_weight:
        raise ValueError("valued weight must be within 0..total weight")
    short = total_weight == 0 or valued_weight * 100 < min_coverage * total_weight
    missing = tuple(who for who in assigned if who not in submitted)
    return Completeness(short or bool(missing), short, min_coverage, missing)
