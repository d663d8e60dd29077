"""Probation scoring: the worked example of probation-scoring.md, each rule, and properties."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.probation.scoring import (
    PlanItem,
    format_coverage,
    format_score,
    item_value,
    kpi_attainment,
    probation_score,
    task_value,
    verdict_for,
)


def task(item_id: str, weight: int, critical: bool = False) -> PlanItem:
    return PlanItem(item_id, "task", f"Task {item_id}", weight, critical)


def kpi(item_id: str, weight: int, target: float, direction: str) -> PlanItem:
    return PlanItem(item_id, "kpi", f"KPI {item_id}", weight, target=target, direction=direction)


WORKED_ITEMS = [
    task("t1", 3),
    task("t2", 2),
    task("t3", 1),
    kpi("k1", 2, 20, "higher"),
    kpi("k2", 1, 300, "lower"),
]
WORKED_RATINGS = {"t1": [2], "t2": [1], "t3": [None]}
WORKED_ACTUALS = {"k1": 15, "k2": 400}


# --- the worked example ---------------------------------------------------------------


def test_worked_example() -> None:
    result = probation_score(WORKED_ITEMS, WORKED_RATINGS, WORKED_ACTUALS)

    assert [row.value for row in result.rows] == [2, 1, None, 1.5, 1.5]
    assert [row.weighted for row in result.rows] == [6, 2, None, 3, 1.5]
    assert [row.attainment for row in result.rows] == [None, None, None, 0.75, 0.75]
    assert result.weighted_sum == 12.5
    assert result.valued_weight == 8
    assert result.total_weight == 9
    assert result.score == 78.125  # exactly: 100 * 12.5 / 16
    assert format_score(result.score) == "78.1"
    assert result.coverage == 8 / 9
    assert format_coverage(result.coverage) == "88.9 %"
    assert result.provisional is True
    assert result.verdict == "pass"
    assert result.failed_critical == ()


def test_worked_example_with_critical_t1_rated_0_and_1_fails() -> None:
    items = [replace(WORKED_ITEMS[0], critical=True), *WORKED_ITEMS[1:]]
    result = probation_score(items, {**WORKED_RATINGS, "t1": [0, 1]}, WORKED_ACTUALS)

    assert result.rows[0].value == 0.5
    assert result.rows[0].ratings == (0, 1)
    # The score is computed as usual: (1.5 + 2 + 3 + 1.5) / 16.
    assert result.weighted_sum == 8
    assert result.score == 50.0
    assert result.failed_critical == ("t1",)
    assert result.verdict == "fail"


def test_rows_keep_plan_order_and_show_inputs() -> None:
    result = probation_score(WORKED_ITEMS, WORKED_RATINGS, WORKED_ACTUALS)
    assert [row.item.id for row in result.rows] == ["t1", "t2", "t3", "k1", "k2"]
    assert result.rows[2].ratings == (None,)
    assert result.rows[3].actual == 15
    assert result.rows[3].ratings == ()
    assert result.rows[0].actual is None


# --- verdict rules and thresholds -----------------------------------------------------


@pytest.mark.parametrize(
    ("score", "failed_critical", "expected"),
    [
        (100.0, True, "fail"),  # rule 1 beats any score
        (75.0, True, "fail"),
        (100.0, False, "pass"),
        (75.0, False, "pass"),  # equal to the pass threshold passes it
        (74.99999, False, "extend"),
        (50.0, False, "extend"),  # equal to the extend threshold passes it
        (49.99999, False, "fail"),
        (0.0, False, "fail"),
        (None, False, None),
    ],
)
def test_verdict_rules(score: float | None, failed_critical: bool, expected: str | None) -> None:
    assert verdict_for(score, failed_critical, 75, 50) == expected


@pytest.mark.parametrize(
    ("score", "pass_threshold", "extend_threshold", "expected"),
    [
        (60.0, 60, 60, "pass"),  # equal thresholds: no extend band
        (59.9, 60, 60, "fail"),
        (0.0, 0, 0, "pass"),
        (100.0, 100, 100, "pass"),
        (99.9, 100, 0, "extend"),
        (0.0, 100, 0, "extend"),
    ],
)
def test_threshold_edges(
    score: float, pass_threshold: float, extend_threshold: float, expected: str
) -> None:
    assert verdict_for(score, False, pass_threshold, extend_threshold) == expected


def test_score_exactly_on_thresholds_through_probation_score() -> None:
    items = [task("a", 1)]
    at_pass = probation_score(items, {"a": [2, 1]}, {})  # value 1.5 -> 75.0
    at_extend = probation_score(items, {"a": [1]}, {})  # value 1 -> 50.0
    assert (at_pass.score, at_pass.verdict) == (75.0, "pass")
    assert (at_extend.score, at_extend.verdict) == (50.0, "extend")
    custom = probation_score(items, {"a": [1]}, {}, pass_threshold=50, extend_threshold=50)
    assert custom.verdict == "pass"


def test_comparison_uses_the_unrounded_score() -> None:
    # Leads 749.6 of 1000: score 74.96, shown as 75.0, still below the pass threshold.
    result = probation_score([kpi("k", 1, 1000, "higher")], {}, {"k": 749.6})
    assert result.score is not None
    assert result.score < 75
    assert format_score(result.score) == "75.0"
    assert result.verdict == "extend"


def test_critical_item_at_exactly_one_does_not_fail() -> None:
    items = [task("a", 1, critical=True), task("b", 1)]
    result = probation_score(items, {"a": [1], "b": [2]}, {})
    assert result.failed_critical == ()
    assert result.verdict == "pass"  # (1 + 2) / 4 = 75


def test_critical_item_without_value_is_not_a_failure() -> None:
    items = [task("a", 1, critical=True), task("b", 1)]
    result = probation_score(items, {"a": [None], "b": [2]}, {})
    assert result.failed_critical == ()
    assert result.verdict == "pass"
    assert result.provisional is True


def test_critical_kpi_below_half_target_fails() -> None:
    item = PlanItem("k", "kpi", "Leads", 1, critical=True, target=20, direction="higher")
    result = probation_score([item, task("b", 5)], {"b": [2]}, {"k": 9})
    assert result.failed_critical == ("k",)
    assert result.score is not None and result.score > 75
    assert result.verdict == "fail"


# --- n/a and missing values -----------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([2], 2.0),
        ([2, None, 0], 1.0),  # n/a is ignored, not counted as 0
        ([0, 1], 0.5),
        ([2, 2, 1], 5 / 3),
        ([None], None),
        ([None, None, None], None),
        ([], None),
    ],
)
def test_task_value(ratings: list[int | None], expected: float | None) -> None:
    assert task_value(ratings) == expected


def test_all_na_item_is_left_out_of_score_and_coverage() -> None:
    items = [task("a", 1), task("b", 3)]
    result = probation_score(items, {"a": [2], "b": [None, None]}, {})
    assert result.score == 100.0
    assert result.coverage == 0.25
    assert result.provisional is True
    assert result.rows[1].value is None
    assert result.rows[1].weighted is None


def test_no_item_with_a_value_gives_no_score() -> None:
    items = [task("a", 2), kpi("k", 1, 10, "higher")]
    result = probation_score(items, {"a": [None]}, {})
    assert result.score is None
    assert result.verdict is None
    assert result.coverage == 0.0
    assert result.provisional is False
    assert result.weighted_sum == 0
    assert result.valued_weight == 0
    assert result.total_weight == 3
    assert format_score(result.score) == "—"


def test_empty_plan() -> None:
    result = probation_score([], {}, {})
    assert (result.score, result.verdict, result.coverage, result.provisional) == (
        None,
        None,
        0.0,
        False,
    )
    assert result.rows == ()


def test_full_coverage_is_not_provisional() -> None:
    result = probation_score([task("a", 1)], {"a": [2]}, {})
    assert result.coverage == 1.0
    assert result.provisional is False


def test_unknown_ids_and_ratings_on_kpis_are_ignored() -> None:
    items = [task("a", 1), kpi("k", 1, 10, "higher")]
    result = probation_score(items, {"a": [2], "ghost": [0], "k": [0]}, {"k": 10, "ghost": 1})
    assert result.score == 100.0
    assert result.rows[1].ratings == ()


def test_kpi_without_actual_has_no_value() -> None:
    item = kpi("k", 1, 10, "lower")
    assert item_value(item) is None
    assert item_value(item, actual=None) is None
    assert probation_score([item], {}, {"k": None}).score is None


# --- KPI attainment ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "direction", "actual", "expected"),
    [
        (20, "higher", 15, 0.75),
        (20, "higher", 20, 1.0),
        (20, "higher", 40, 1.0),  # capped at 1
        (20, "higher", 0, 0.0),
        (300, "lower", 400, 0.75),
        (300, "lower", 300, 1.0),
        (300, "lower", 100, 1.0),  # better than target is still capped at 1
        (300, "lower", 0, 1.0),  # actual 0 <= target: no division by zero
        (2, "lower", 8, 0.25),
        (20, "higher", None, None),
    ],
)
def test_kpi_attainment(
    target: float, direction: str, actual: float | None, expected: float | None
) -> None:
    assert kpi_attainment(target, direction, actual) == expected


def test_kpi_value_is_twice_the_attainment() -> None:
    assert item_value(kpi("k", 1, 20, "higher"), actual=15) == 1.5
    assert item_value(kpi("k", 1, 300, "lower"), actual=600) == 1.0


# --- invalid inputs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weight": 0},
        {"weight": 6},
        {"weight": -1},
        {"weight": 2.0},
        {"weight": True},
        {"kind": "goal"},
        {"kind": "kpi", "target": 0, "direction": "higher"},
        {"kind": "kpi", "target": -5, "direction": "higher"},
        {"kind": "kpi", "target": None, "direction": "higher"},
        {"kind": "kpi", "target": math.nan, "direction": "higher"},
        {"kind": "kpi", "target": math.inf, "direction": "higher"},
        {"kind": "kpi", "target": 10, "direction": "up"},
        {"kind": "kpi", "target": 10, "direction": None},
    ],
)
def test_invalid_plan_item(kwargs: dict[str, object]) -> None:
    fields: dict[str, object] = {"id": "x", "kind": "task", "title": "X", "weight": 1}
    with pytest.raises(ValueError, match="'x'"):
        PlanItem(**{**fields, **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize("rating", [3, -1, 1.5, 2.0, "2", True])
def test_invalid_rating(rating: object) -> None:
    with pytest.raises(ValueError, match="rating"):
        task_value([2, rating])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="item 'a': rating"):
        probation_score([task("a", 1)], {"a": [rating]}, {})  # type: ignore[list-item]


@pytest.mark.parametrize("actual", [-1, -0.01, math.nan, math.inf, "5", True])
def test_invalid_actual(actual: object) -> None:
    with pytest.raises(ValueError, match="actual"):
        kpi_attainment(10, "higher", actual)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="item 'k': kpi actual"):
        probation_score([kpi("k", 1, 10, "higher")], {}, {"k": actual})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("target", "direction"), [(0, "higher"), (-3, "lower"), (10, "HIGHER"), (10, "")]
)
def test_invalid_kpi_arguments(target: float, direction: str) -> None:
    with pytest.raises(ValueError, match="kpi"):
        kpi_attainment(target, direction, 5)


@pytest.mark.parametrize(
    ("pass_threshold", "extend_threshold"),
    [(75, 80), (101, 50), (75, -1), (math.nan, 50), (75, math.inf), (-5, -10)],
)
def test_invalid_thresholds(pass_threshold: float, extend_threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        probation_score([task("a", 1)], {"a": [2]}, {}, pass_threshold, extend_threshold)
    with pytest.raises(ValueError, match="threshold"):
        verdict_for(80.0, False, pass_threshold, extend_threshold)


def test_duplicate_item_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="more than once"):
        probation_score([task("a", 1), task("a", 2)], {"a": [2]}, {})


# --- display --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (None, "—"),
        (78.125, "78.1"),
        (61.25, "61.3"),  # half up, as by hand
        (0.05, "0.1"),
        (99.96, "100.0"),
        (100.0, "100.0"),
        (0.0, "0.0"),
        (200 / 3, "66.7"),
    ],
)
def test_format_score(score: float | None, shown: str) -> None:
    assert format_score(score) == shown


# --- properties -----------------------------------------------------------------------

ratings_strategy = st.lists(st.one_of(st.none(), st.sampled_from([0, 1, 2])), max_size=4)
actual_strategy = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=1000),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
)
target_strategy = st.one_of(
    st.integers(min_value=1, max_value=1000),
    st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[PlanItem], dict[str, list[int | None]], dict]:
    """A plan with unique ids, the evaluators' ratings and the KPI actuals."""
    count = draw(st.integers(min_value=0, max_value=8))
    items: list[PlanItem] = []
    ratings: dict[str, list[int | None]] = {}
    actuals: dict[str, float | None] = {}
    for i in range(count):
        weight = draw(st.integers(min_value=1, max_value=5))
        critical = draw(st.booleans())
        if draw(st.booleans()):
            items.append(PlanItem(f"t{i}", "task", f"Task {i}", weight, critical))
            ratings[f"t{i}"] = draw(ratings_strategy)
        else:
            target = draw(target_strategy)
            direction = draw(st.sampled_from(["higher", "lower"]))
            items.append(PlanItem(f"k{i}", "kpi", f"KPI {i}", weight, critical, target, direction))
            actuals[f"k{i}"] = draw(actual_strategy)
    return items, ratings, actuals


@st.composite
def thresholds(draw: st.DrawFn) -> tuple[float, float]:
    """(pass, extend) with 0 <= extend <= pass <= 100."""
    bounds = st.one_of(
        st.sampled_from([0, 50, 75, 100]),
        st.floats(min_value=0, max_value=100, allow_nan=False),
    )
    a, b = draw(bounds), draw(bounds)
    return max(a, b), min(a, b)


@settings(max_examples=200, deadline=None)
@given(plans(), thresholds())
def test_score_and_coverage_stay_in_range(plan: tuple, limits: tuple[float, float]) -> None:
    result = probation_score(*plan, *limits)
    assert 0 <= result.coverage <= 1
    if result.score is None:
        assert result.verdict is None
        assert result.valued_weight == 0
    else:
        assert 0 <= result.score <= 100
        assert result.verdict in ("pass", "extend", "fail")
        expected = 100 * result.weighted_sum / (2 * result.valued_weight)
        assert result.score == expected
        by_hand = sum(r.weighted for r in result.rows if r.weighted is not None)
        assert math.isclose(result.weighted_sum, by_hand, rel_tol=1e-12, abs_tol=1e-12)
    assert result.provisional == (result.score is not None and result.coverage < 1)


@settings(max_examples=200, deadline=None)
@given(plans(), st.data())
def test_raising_one_rating_never_lowers_the_score(plan: tuple, data: st.DataObject) -> None:
    items, ratings, actuals = plan
    raisable = [(i, j) for i, rs in ratings.items() for j, r in enumerate(rs) if r in (0, 1)]
    assume(raisable)
    item_id, index = data.draw(st.sampled_from(raisable))
    new_rating = data.draw(st.integers(min_value=ratings[item_id][index] + 1, max_value=2))
    better = {**ratings, item_id: [*ratings[item_id]]}
    better[item_id][index] = new_rating

    before = probation_score(items, ratings, actuals).score
    after = probation_score(items, better, actuals).score
    assert before is not None and after is not None
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(plans(), st.data())
def test_improving_a_kpi_actual_never_lowers_the_score(plan: tuple, data: st.DataObject) -> None:
    items, ratings, actuals = plan
    measured = [item for item in items if item.kind == "kpi" and actuals[item.id] is not None]
    assume(measured)
    item = data.draw(st.sampled_from(measured))
    actual = actuals[item.id]
    fraction = data.draw(st.floats(min_value=0, max_value=1))
    # Better means more for "higher" and less (down to 0) for "lower".
    step = fraction * 1000 if item.direction == "higher" else -actual * fraction
    improved = actual + step

    before = probation_score(items, ratings, actuals).score
    after = probation_score(items, ratings, {**actuals, item.id: improved}).score
    assert before is not None and after is not None
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(plans(), thresholds(), st.data())
def test_result_does_not_depend_on_item_order(
    plan: tuple, limits: tuple[float, float], data: st.DataObject
) -> None:
    items, ratings, actuals = plan
    shuffled = data.draw(st.permutations(items))
    original = probation_score(items, ratings, actuals, *limits)
    permuted = probation_score(shuffled, ratings, actuals, *limits)
    assert permuted.score == original.score  # exactly, not approximately
    assert permuted.coverage == original.coverage
    assert permuted.verdict == original.verdict
    assert sorted(permuted.failed_critical) == sorted(original.failed_critical)


@settings(max_examples=200, deadline=None)
@given(plans(), thresholds())
def test_critical_rule(plan: tuple, limits: tuple[float, float]) -> None:
    items, ratings, actuals = plan
    pass_threshold, extend_threshold = limits
    result = probation_score(items, ratings, actuals, pass_threshold, extend_threshold)
    failing = [
        item.id
        for item in items
        if item.critical
        and (value := item_value(item, ratings.get(item.id, ()), actuals.get(item.id))) is not None
        and value < 1.0
    ]
    assert list(result.failed_critical) == failing
    if result.score is None:
        assert result.verdict is None
    elif failing:
        assert result.verdict == "fail"
    elif result.score >= pass_threshold:
        assert result.verdict == "pass"
    elif result.score >= extend_threshold:
        assert result.verdict == "extend"
    else:
        assert result.verdict == "fail"
