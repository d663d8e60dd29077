"""The probation service: plans from vacancies, editing, ratings, actuals, scores, erasure.

The helpers at the top are shared by the other test_probation_* modules.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.accounts.models import AuditEvent, Organization, User
from app.api.probation import plan_to_dict
from app.catalog.service import catalog_for
from app.domain.probation.errors import CandidateErased, InvalidInput, NotAssigned
from app.domain.vacancies.compose import default_draft
from app.domain.vacancies.draft import KpiChoice
from app.domain.vacancies.serialize import draft_to_dict
from app.extensions import db
from app.probation.candidates import add_candidate, erase_candidate
from app.probation.evaluations import (
    actuals_at,
    record_evaluation,
    record_kpi_actuals,
    score_at,
    score_summary,
)
from app.probation.evaluators import evaluator_users, set_evaluators, set_evaluators_by_email
from app.probation.models import Candidate, Checkin, KpiActual, PlanItem, Rating, TrialPlan
from app.probation.plans import (
    add_item,
    create_plan_from_vacancy,
    delete_plan,
    move_item,
    remove_item,
    reorder_items,
    update_item,
    update_plan,
)
from app.vacancies.models import Vacancy
from tests.conftest import make_user

START = date(2026, 2, 2)
WORKED_EXAMPLE = [
    {"kind": "task", "title": "t1 audience analysis delivered", "weight": 3},
    {"kind": "task", "title": "t2 content plan for a month", "weight": 2},
    {"kind": "task", "title": "t3 contest run", "weight": 1},
    {
        "kind": "kpi",
        "title": "k1 leads",
        "weight": 2,
        "target": 20,
        "direction": "higher",
        "unit": "leads",
    },
    {
        "kind": "kpi",
        "title": "k2 cost per lead",
        "weight": 1,
        "target": 300,
        "direction": "lower",
        "unit": "RUB",
    },
]


def org_of(name: str = "Acme") -> Organization:
    """The organization with this name."""
    return db.session.execute(select(Organization).filter_by(name=name)).scalar_one()


def user(email: str) -> User:
    """The user with this e-mail."""
    return db.session.execute(select(User).filter_by(email=email)).scalar_one()


def make_vacancy(org: Organization, kpis: tuple[KpiChoice, ...] | None = None) -> Vacancy:
    """A default SMM manager vacancy stored straight through the ORM."""
    draft = default_draft(catalog_for(org), "smm-manager", language="ru")
    if kpis is not None:
        from dataclasses import replace

        draft = replace(draft, kpis=kpis)
    vacancy = Vacancy(
        organization_id=org.id,
        title=draft.title,
        title_key=draft.title.lower(),
        role=draft.role,
        language="ru",
        data=draft_to_dict(draft),
    )
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def make_plan(org: Organization, by: User | None = None, **kwargs) -> TrialPlan:
    """A plan from a fresh vacancy of the organization."""
    vacancy = make_vacancy(org)
    values = {"title": "Trial plan", "start_date": START, **kwargs}
    return create_plan_from_vacancy(vacancy, catalog_for(org), by, **values)


def worked_example_plan(org: Organization, *, critical_t1: bool = False) -> TrialPlan:
    """The plan of the worked example in probation-scoring.md (five items, two check-ins)."""
    plan = make_plan(org)
    for item in list(plan.items):
        remove_item(item)
    for fields in WORKED_EXAMPLE:
        critical = critical_t1 and fields["title"].startswith("t1")
        add_item(plan, critical=critical, **fields)
    db.session.flush()
    return plan


def items_by_prefix(plan: TrialPlan) -> dict[str, PlanItem]:
    """Items of the worked example by their short name (t1, k2, ...)."""
    return {item.title.split()[0]: item for item in plan.items}


def add_people(app) -> None:
    """Acme with a recruiter and two evaluators; Other with an admin."""
    make_user(app, "rec@acme.test", "recruiter", "Acme")
    make_user(app, "eva@acme.test", "evaluator", "Acme")
    make_user(app, "ivan@acme.test", "evaluator", "Acme")
    make_user(app, "boss@other.test", "admin", "Other")


@pytest.fixture
def acme(app):
    """Organization Acme with its people, inside an app context."""
    add_people(app)
    with app.app_context():
        yield org_of("Acme")


def test_plan_from_vacancy_prefills_tasks_for_duties_and_kpis_with_targets(acme):
    catalog = catalog_for(acme)
    vacancy = make_vacancy(acme, kpis=(KpiChoice("leads", 25.0),))
    plan = create_plan_from_vacancy(
        vacancy, catalog, user("rec@acme.test"), title="Plan", start_date=START, period_months=3
    )
    duties = set(vacancy.data["duties"])
    expected = [t for t in catalog.trial_tasks if duties.intersection(t.duties)]
    tasks = [i for i in plan.items if i.kind == "task"]
    assert expected and [t.catalog_id for t in tasks] == [t.id for t in expected]
    for item, task in zip(tasks, expected, strict=True):
        assert (item.title, item.weight, item.critical) == (
            task.text.ru,
            task.weight,
            task.critical,
        )
        assert item.evidence == task.evidence.ru
    kpis = [i for i in plan.items if i.kind == "kpi"]
    assert [(k.catalog_id, k.target, k.direction) for k in kpis] == [("leads", 25.0, "higher")]
    assert kpis[0].unit == catalog.kpi("leads").unit.ru
    assert [i.position for i in plan.items] == list(range(len(plan.items)))
    assert (plan.pass_threshold, plan.extend_threshold, plan.vacancy_id) == (75, 50, vacancy.id)
    assert [c.due_date for c in plan.checkins] == [date(2026, 3, 18), date(2026, 5, 1)]


def test_items_can_be_edited_added_removed_and_reordered(acme):
    plan = make_plan(acme)
    version = plan.version
    first, second = plan.items[0], plan.items[1]
    update_item(
        first,
        title="Своя формулировка",
        weight=5,
        critical=True,
        due_date=date(2026, 3, 1),
        evidence="Отчёт",
    )
    assert (first.title, first.weight, first.critical, first.evidence) == (
        "Своя формулировка",
        5,
        True,
        "Отчёт",
    )
    custom = add_item(
        plan, kind="kpi", title="Подписчики", weight=2, target=1000, unit="чел.", direction="higher"
    )
    assert plan.items[-1] is custom and custom.target == 1000
    move_item(second, -1)
    db.session.flush()
    db.session.expire(plan, ["items"])
    assert plan.items[0].id == second.id and plan.items[1].id == first.id
    reorder_items(plan, [i.id for i in reversed(plan.items)])
    db.session.flush()
    db.session.expire(plan, ["items"])
    assert plan.items[0].id == custom.id
    remove_item(custom)
    db.session.flush()
    assert db.session.get(PlanItem, custom.id) is None
    assert plan.version > version
    with pytest.raises(InvalidInput):
        reorder_items(plan, [plan.items[0].id])


@pytest.mark.parametrize(
    ("pass_threshold", "extend_threshold", "ok"),
    [
        (75, 50, True),
        (100, 0, True),
        (60, 60, True),
        (0, 0, True),
        (50, 60, False),
        (101, 50, False),
        (75, -1, False),
        ("abc", 50, False),
        (float("nan"), 50, False),
    ],
)
def test_thresholds_must_satisfy_0_le_extend_le_pass_le_100(
    acme, pass_threshold, extend_threshold, ok
):
    plan = make_plan(acme)
    call = lambda: update_plan(  # noqa: E731
        plan,
        title="P",
        period_months=3,
        start_date=START,
        pass_threshold=pass_threshold,
        extend_threshold=extend_threshold,
    )
    if ok:
        call()
        assert (plan.pass_threshold, plan.extend_threshold) == (pass_threshold, extend_threshold)
    else:
        with pytest.raises(InvalidInput):
            call()


@pytest.mark.parametrize(
    ("period", "ok"), [(1, True), (6, True), (0, False), (7, False), (2.5, False)]
)
def test_period_is_1_to_6_months(acme, period, ok):
    # 6 months are within art. 70 for heads and chief accountants (3 for most positions).
    if ok:
        plan = make_plan(acme, period_months=period, position_category="head")
        assert plan.period_months == period
    else:
        with pytest.raises(InvalidInput) as problem:
            make_plan(acme, period_months=period)
        assert problem.value.field == "period_months"


def test_ratings_per_checkin_count_only_assigned_evaluators(acme):
    plan = worked_example_plan(acme)
    eva, ivan = user("eva@acme.test"), user("ivan@acme.test")
    set_evaluators(plan, [eva.id])
    candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
    mid, final = plan.checkins
    t = items_by_prefix(plan)
    with pytest.raises(NotAssigned):
        record_evaluation(candidate, ivan, mid, {t["t1"].id: 2})
    record_evaluation(candidate, eva, mid, {t["t1"].id: 1}, {t["t1"].id: "Черновик"})
    record_evaluation(candidate, eva, final, {t["t1"].id: 2, t["t3"].id: None})
    assert score_at(candidate, mid).result.rows[0].value == 1
    assert score_at(candidate, final).result.rows[0].value == 2
    assert score_at(candidate, final).result.rows[2].value is None  # n/a
    set_evaluators(plan, [eva.id, ivan.id])
    record_evaluation(candidate, ivan, final, {t["t1"].id: 1})
    assert score_at(candidate, final).result.rows[0].value == 1.5
    set_evaluators(plan, [ivan.id])  # Eva's ratings stay stored but no longer count
    assert score_at(candidate, final).result.rows[0].value == 1
    assert db.session.execute(select(func.count(Rating.id))).scalar_one() == 4
    with pytest.raises(InvalidInput):
        record_evaluation(candidate, ivan, final, {t["k1"].id: 2})  # a KPI is not rated
    with pytest.raises(InvalidInput):
        record_evaluation(candidate, ivan, final, {t["t1"].id: 3})
    with pytest.raises(InvalidInput):
        set_evaluators(plan, [user("rec@acme.test").id])  # not an evaluator


def test_kpi_actual_is_the_latest_entry_at_or_before_the_checkin(acme):
    plan = worked_example_plan(acme)
    candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
    rec = user("rec@acme.test")
    mid, final = plan.checkins
    k1 = items_by_prefix(plan)["k1"]
    assert record_kpi_actuals(candidate, mid, {k1.id: 8}, rec) == 1
    assert actuals_at(candidate, final)[k1.id].value == 8  # carried forward
    assert record_kpi_actuals(candidate, mid, {k1.id: 8}, rec) == 0  # unchanged
    record_kpi_actuals(candidate, final, {k1.id: 15}, rec)
    record_kpi_actuals(candidate, mid, {k1.id: 9}, rec)  # a later correction of mid
    assert actuals_at(candidate, mid)[k1.id].value == 9
    assert actuals_at(candidate, final)[k1.id].value == 15
    for bad in (-1, "x", "4,1", float("inf"), True):  # None clears
        with pytest.raises(InvalidInput):
            record_kpi_actuals(candidate, final, {k1.id: bad}, rec)
    with pytest.raises(InvalidInput):
        record_kpi_actuals(candidate, final, {items_by_prefix(plan)["t1"].id: 1}, rec)
    assert db.session.execute(select(func.count(KpiActual.id))).scalar_one() == 3


def enter_worked_example(plan: TrialPlan, candidate: Candidate, checkin: Checkin, t1=(2, 2)):
    """Both evaluators rate as in the worked example; the KPI actuals are 15 and 400."""
    t = items_by_prefix(plan)
    eva, ivan = user("eva@acme.test"), user("ivan@acme.test")
    for who, first in zip((eva, ivan), t1, strict=True):
        # A critical task rated 0 needs a comment (the reason of an art. 71 notice).
        comments = {t["t1"].id: "Не сделано"} if first == 0 else {}
        record_evaluation(
            candidate,
            who,
            checkin,
            {t["t1"].id: first, t["t2"].id: 1, t["t3"].id: None},
            comments,
        )
    record_kpi_actuals(candidate, checkin, {t["k1"].id: 15, t["k2"].id: 400}, eva)


@pytest.mark.parametrize(
    ("critical", "t1", "expected"),
    [(False, (2, 2), (78.125, "pass")), (True, (0, 1), (50.0, "fail"))],
)
def test_worked_example_through_the_service(acme, critical, t1, expected):
    plan = worked_example_plan(acme, critical_t1=critical)
    set_evaluators(plan, [user("eva@acme.test").id, user("ivan@acme.test").id])
    candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
    enter_worked_example(plan, candidate, plan.checkins[-1], t1)
    summary = score_summary(candidate)
    assert summary["checkin"] == plan.checkins[-1].id  # the latest check-in with data
    assert (summary["score"], summary["verdict"]) == expected
    assert round(summary["coverage"], 3) == 0.889 and summary["provisional"] is True
    values = {item["id"]: item["value"] for item in summary["items"]}
    t = items_by_prefix(plan)
    assert values[t["t3"].id] is None and values[t["k1"].id] == 1.5 and values[t["k2"].id] == 1.5
    first = score_summary(candidate, plan.checkins[0])
    assert first["score"] is None and first["verdict"] is None


def test_erase_removes_personal_data_keeps_ratings_and_logs_without_the_name(acme):
    plan = worked_example_plan(acme)
    set_evaluators(plan, [user("eva@acme.test").id, user("ivan@acme.test").id])
    candidate = add_candidate(
        plan, name="Анна Секретова", position_title="SMM", start_date=START, contact="+7 900 000"
    )
    enter_worked_example(plan, candidate, plan.checkins[-1])
    t1 = items_by_prefix(plan)["t1"].id
    record_evaluation(
        candidate, user("eva@acme.test"), plan.checkins[-1], {t1: 2}, {t1: "Анна Секретова молодец"}
    )
    erase_candidate(candidate, user("rec@acme.test"))
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Candidate, candidate.id)
    assert stored.name == "" and stored.contact == "" and stored.erased_at is not None
    assert all(r.comment == "" for r in stored.ratings) and len(stored.ratings) == 6
    assert score_summary(stored)["score"] == 78.125
    event = db.session.execute(select(AuditEvent).filter_by(action="candidate-erased")).scalar_one()
    assert event.detail == {"candidate_id": candidate.id, "plan_id": plan.id}
    assert "Секретова" not in repr(event.detail)
    with pytest.raises(CandidateErased):
        erase_candidate(stored, None)
    with pytest.raises(CandidateErased):
        record_evaluation(stored, user("eva@acme.test"), plan.checkins[-1], {t1: 1})


def test_deleting_a_plan_deletes_everything_under_it(acme):
    plan = worked_example_plan(acme)
    set_evaluators(plan, [user("eva@acme.test").id, user("ivan@acme.test").id])
    candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
    enter_worked_example(plan, candidate, plan.checkins[-1])
    db.session.commit()
    delete_plan(plan)
    db.session.commit()
    for model in (TrialPlan, PlanItem, Checkin, Candidate, Rating, KpiActual):
        assert db.session.execute(select(func.count(model.id))).scalar_one() == 0


def test_plan_dict_for_the_api(acme):
    plan = worked_example_plan(acme)
    set_evaluators(plan, [user("eva@acme.test").id])
    data = plan_to_dict(plan)
    assert data["evaluators"] == ["eva@acme.test"]
    assert [i["kind"] for i in data["items"]] == ["task", "task", "task", "kpi", "kpi"]
    assert data["items"][3]["target"] == 20 and "target" not in data["items"][0]
    assert [c["id"] for c in data["checkins"]] == [c.id for c in plan.checkins]
    set_evaluators_by_email(plan, ["IVAN@acme.test "])
    assert [u.email for u in evaluator_users(plan)] == ["ivan@acme.test"]


def test_a_plan_outlives_its_vacancy(acme):
    plan = make_plan(acme)
    vacancy = db.session.get(Vacancy, plan.vacancy_id)
    db.session.commit()
    db.session.delete(vacancy)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(TrialPlan, plan.id).vacancy_id is None
