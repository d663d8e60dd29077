"""Art. 70 limits on a probation period and the completeness rule of a verdict (pure)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.probation import law
from app.domain.probation.completeness import completeness

START = date(2026, 1, 15)
DAY = timedelta(days=1)


def end_after(months: int, start: date = START) -> date:
    return law.period_end(start, months=months)


def test_period_end_in_months_and_in_days():
    assert end_after(3) == date(2026, 4, 14)
    assert law.period_end(START, days=14) == date(2026, 1, 28)
    # The month's last day when the later month is shorter.
    assert law.period_end(date(2025, 11, 30), months=3) == date(2026, 2, 27)
    assert law.period_end(date(2026, 1, 31), months=1) == date(2026, 2, 27)
    with pytest.raises(ValueError):
        law.period_end(START)


def test_three_months_is_the_limit_for_most_positions():
    assert law.period_problem(START, end_after(3)) is None
    assert law.period_problem(START, end_after(3) - DAY) is None
    problem = law.period_problem(START, end_after(3) + DAY)
    assert problem == law.PeriodProblem("3m", date(2026, 4, 14))
    # 90 days from 15 January end on 14 April: exactly 3 months; 91 days do not fit.
    assert law.period_problem(START, law.period_end(START, days=90)) is None
    assert law.period_problem(START, law.period_end(START, days=91)) is not None
    assert law.period_problem(START, end_after(4)).limit == "3m"


def test_six_months_for_heads_and_chief_accountants():
    assert law.period_problem(START, end_after(6), "head") is None
    assert law.period_problem(START, end_after(4), "head") is None
    problem = law.period_problem(START, end_after(6) + DAY, "head")
    assert problem == law.PeriodProblem("6m", date(2026, 7, 14))


def test_two_weeks_under_a_contract_of_two_to_six_months():
    fourteen = START + 13 * DAY
    assert law.period_problem(START, fourteen, contract="2to6") is None
    assert law.period_problem(START, fourteen + DAY, contract="2to6") == law.PeriodProblem(
        "2w", fourteen
    )
    # The contract term wins over the position: a head on a 3-month contract gets 2 weeks.
    assert law.period_problem(START, end_after(1), "head", "2to6").limit == "2w"


def test_no_probation_under_a_contract_of_up_to_two_months():
    assert law.period_problem(START, START, contract="under2") == law.PeriodProblem("none", None)


@pytest.mark.parametrize(
    ("start", "end", "category", "contract"),
    [
        (START, START - DAY, "regular", "open"),
        (START, START, "boss", "open"),
        (START, START, "regular", "forever"),
    ],
)
def test_bad_arguments_are_refused(start, end, category, contract):
    with pytest.raises(ValueError):
        law.period_problem(start, end, category, contract)


def test_only_the_other_law_allows_an_extension():
    assert law.extension_allowed("extendable")
    assert not law.extension_allowed("ru")
    assert law.DEFAULT_LAW == "ru"


def test_verdict_is_final_from_the_minimum_coverage_with_every_evaluator_done():
    done = completeness(8, 10, 80, ["eva", "ivan"], {"eva", "ivan"})
    assert not done.provisional and not done.coverage_short and done.missing == ()
    # Exactly at the minimum is enough; one weight less is not (no float rounding).
    assert not completeness(4, 5, 80, [], set()).provisional
    short = completeness(79, 100, 80, [], set())
    assert short.provisional and short.coverage_short
    # The case: 58 % coverage with one of two evaluators done.
    case = completeness(7, 12, 80, ["eva", "ivan"], {"eva"})
    assert case.provisional and case.coverage_short and case.missing == ("ivan",)


def test_a_missing_evaluator_keeps_the_verdict_provisional_at_full_coverage():
    state = completeness(10, 10, 80, ["eva", "ivan", "olga"], {"ivan"})
    assert state.provisional and not state.coverage_short
    assert state.missing == ("eva", "olga")  # in the order given


def test_completeness_edges():
    assert completeness(0, 0, 0, [], set()).provisional  # a plan without items
    assert not completeness(0, 10, 0, [], set()).provisional
    assert completeness(10, 10, 100, [], set()).provisional is False
    with pytest.raises(ValueError):
        completeness(1, 10, 101, [], set())
    with pytest.raises(ValueError):
        completeness(11, 10, 80, [], set())
