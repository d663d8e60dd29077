"""Probation pages through the test client: building a plan, bad input, access, erasure."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.accounts.models import AuditEvent
from app.extensions import db
from app.probation.candidates import add_candidate
from app.probation.evaluations import plan_definition, record_evaluation
from app.probation.evaluators import set_evaluators
from app.probation.models import Candidate, Checkin, PlanItem, TrialPlan
from app.probation.plans import remove_item, update_checkin, update_item
from tests.conftest import login
from tests.web.test_probation_service import (
    START,
    add_people,
    make_plan,
    make_vacancy,
    org_of,
    user,
    worked_example_plan,
)


def client_for(app, email: str):
    """A test client signed in as this user."""
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


@pytest.fixture
def people(app):
    """The app with Acme's recruiter and evaluators and an admin of Other."""
    add_people(app)
    return app


def count(app, model) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(model.id))).scalar_one()


def test_recruiter_builds_a_plan_from_a_vacancy(people):
    app = people
    with app.app_context():
        vacancy_id = make_vacancy(org_of()).id
        db.session.commit()
    rec = client_for(app, "rec@acme.test")
    page = rec.get(f"/probation/vacancies/{vacancy_id}/new").get_data(as_text=True)
    assert 'name="title"' in page and 'value="75"' in page and 'value="50"' in page
    response = rec.post(
        f"/probation/vacancies/{vacancy_id}/new",
        data={
            "title": "План на испытательный срок",
            "period_months": "3",
            "start_date": "2026-02-02",
            "pass_threshold": "75",
            "extend_threshold": "50",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    plan_id = int(re.search(r"/plans/(\d+)", response.headers["Location"]).group(1))
    page = rec.get(f"/probation/plans/{plan_id}").get_data(as_text=True)
    with app.app_context():
        plan = db.session.get(TrialPlan, plan_id)
        titles = [item.title for item in plan.items]
        assert titles and all(title in page for title in titles)
        assert {item.kind for item in plan.items} == {"task", "kpi"}
        eva_id, ivan_id = user("eva@acme.test").id, user("ivan@acme.test").id
    response = rec.post(
        f"/probation/plans/{plan_id}/evaluators", data={"evaluators": [str(eva_id), str(ivan_id)]}
    )
    assert response.status_code == 302
    assert "eva@acme.test" in rec.get(f"/probation/plans/{plan_id}").get_data(as_text=True)


def test_items_are_edited_added_moved_and_removed_through_the_pages(people):
    app = people
    with app.app_context():
        plan = make_plan(org_of())
        db.session.commit()
        plan_id, first, second = plan.id, plan.items[0].id, plan.items[1].id
    rec = client_for(app, "rec@acme.test")
    base = f"/probation/plans/{plan_id}"
    assert rec.get(f"{base}/items/{first}/edit").status_code == 200
    response = rec.post(
        f"{base}/items/{first}/edit",
        data={
            "title": "Анализ ЦА",
            "weight": "5",
            "critical": "y",
            "evidence": "Отчёт",
            "due_date": "",
        },
    )
    assert response.status_code == 302
    response = rec.post(
        f"{base}/items/new",
        data={
            "kind": "kpi",
            "title": "Подписчики",
            "weight": "2",
            "target": "1000",
            "unit": "чел.",
            "direction": "higher",
        },
    )
    assert response.status_code == 302
    assert rec.post(f"{base}/items/{second}/move", data={"direction": "up"}).status_code == 302
    assert rec.post(f"{base}/items/{first}/remove").status_code == 302
    with app.app_context():
        items = db.session.get(TrialPlan, plan_id).items
        assert items[0].id == second and first not in [i.id for i in items]
        assert (items[-1].title, items[-1].target, items[-1].kind) == ("Подписчики", 1000, "kpi")


BAD_ITEMS = [
    ("title", {"title": ""}),
    ("title", {"title": "x" * 301}),
    ("title", {"title": "bell\x07here"}),
    ("weight", {"weight": "0"}),
    ("weight", {"weight": "6"}),
    ("weight", {"weight": "two"}),
    ("evidence", {"evidence": "e" * 501}),
    ("target", {"kind": "kpi", "target": "0"}),
    ("target", {"kind": "kpi", "target": "-5"}),
    ("target", {"kind": "kpi", "target": ""}),
    ("target", {"kind": "kpi", "target": "1e400"}),
    ("kind", {"kind": "bogus"}),
    ("due_date", {"due_date": "1899-01-01"}),
    ("due_date", {"due_date": "not a date"}),
]


@pytest.mark.parametrize(("field", "bad"), BAD_ITEMS)
def test_bad_item_input_shows_an_error_beside_the_field_and_stores_nothing(people, field, bad):
    app = people
    with app.app_context():
        plan_id = make_plan(org_of()).id
        db.session.commit()
    before = count(app, PlanItem)
    rec = client_for(app, "rec@acme.test")
    data = {
        "kind": "task",
        "title": "Задача",
        "weight": "3",
        "target": "10",
        "direction": "higher",
        **bad,
    }
    response = rec.post(f"/probation/plans/{plan_id}/items/new", data=data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert count(app, PlanItem) == before


BAD_PLANS = [
    ("title", {"title": ""}),
    ("title", {"title": "t" * 201}),
    ("period_months", {"period_months": "0"}),
    ("period_months", {"period_months": "7"}),
    ("period_months", {"period_months": ""}),
    ("pass_threshold", {"pass_threshold": "101"}),
    ("extend_threshold", {"extend_threshold": "-1"}),
    ("extend_threshold", {"pass_threshold": "50", "extend_threshold": "60"}),
    ("start_date", {"start_date": ""}),
]


@pytest.mark.parametrize(("field", "bad"), BAD_PLANS)
def test_bad_plan_input_is_refused_beside_the_field(people, field, bad):
    app = people
    with app.app_context():
        vacancy_id = make_vacancy(org_of()).id
        db.session.commit()
    rec = client_for(app, "rec@acme.test")
    data = {
        "title": "План",
        "period_months": "3",
        "start_date": "2026-02-02",
        "pass_threshold": "75",
        "extend_threshold": "50",
        **bad,
    }
    response = rec.post(f"/probation/vacancies/{vacancy_id}/new", data=data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert count(app, TrialPlan) == 0


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("name", {"name": ""}),
        ("name", {"name": "n" * 121}),
        ("name", {"name": "a\x00b"}),
        ("position_title", {"position_title": ""}),
        ("contact", {"contact": "c" * 201}),
        ("start_date", {"start_date": "2026-13-40"}),
    ],
)
def test_bad_candidate_input_is_refused(people, field, bad):
    app = people
    with app.app_context():
        plan_id = make_plan(org_of()).id
        db.session.commit()
    rec = client_for(app, "rec@acme.test")
    data = {"name": "Анна", "position_title": "SMM", "start_date": "2026-02-02", **bad}
    response = rec.post(f"/probation/plans/{plan_id}/candidates/new", data=data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert count(app, Candidate) == 0


def _two_plans(app) -> dict:
    with app.app_context():
        org = org_of()
        plan_a, plan_b = worked_example_plan(org), worked_example_plan(org)
        set_evaluators(plan_a, [user("eva@acme.test").id])
        set_evaluators(plan_b, [user("ivan@acme.test").id])
        cand_a = add_candidate(plan_a, name="Анна", position_title="SMM", start_date=START)
        cand_b = add_candidate(plan_b, name="Борис", position_title="SMM", start_date=START)
        db.session.commit()
        return {
            "a": (plan_a.id, cand_a.id, plan_a.items[0].id, plan_a.checkins[0].id),
            "b": (plan_b.id, cand_b.id, plan_b.items[0].id, plan_b.checkins[0].id),
            "titles": (plan_a.title, plan_b.title),
        }


def _urls(plan_id: int, candidate_id: int, item_id: int, checkin_id: int) -> list[str]:
    return [
        f"/probation/plans/{plan_id}",
        f"/probation/plans/{plan_id}/compare",
        f"/probation/plans/{plan_id}/edit",
        f"/probation/plans/{plan_id}/evaluators",
        f"/probation/plans/{plan_id}/items/{item_id}/edit",
        f"/probation/plans/{plan_id}/checkins/{checkin_id}/edit",
        f"/probation/plans/{plan_id}/ratings.csv",
        f"/probation/candidates/{candidate_id}",
        f"/probation/candidates/{candidate_id}/checkins/{checkin_id}/evaluate",
        f"/probation/candidates/{candidate_id}/checkins/{checkin_id}/actuals",
        f"/probation/candidates/{candidate_id}/report.pdf",
        f"/probation/candidates/{candidate_id}/erase",
    ]


def test_an_evaluator_sees_only_the_plans_assigned_to_them(people):
    app = people
    ids = _two_plans(app)
    eva = client_for(app, "eva@acme.test")
    index = eva.get("/probation/").get_data(as_text=True)
    assert (
        f"/probation/plans/{ids['a'][0]}" in index
        and f"/probation/plans/{ids['b'][0]}" not in index
    )
    for url in _urls(*ids["b"]):
        assert eva.get(url).status_code == 404, url
    for url in (
        f"/probation/plans/{ids['b'][0]}/items/{ids['b'][2]}/remove",
        f"/probation/candidates/{ids['b'][1]}/checkins/{ids['b'][3]}/evaluate",
    ):
        assert eva.post(url, data={"rating_1": "2"}).status_code == 404, url
    plan_a, cand_a, _item, checkin_a = ids["a"]
    assert eva.get(f"/probation/plans/{plan_a}").status_code == 200
    assert eva.get(f"/probation/candidates/{cand_a}").status_code == 200
    assert (
        eva.get(f"/probation/candidates/{cand_a}/checkins/{checkin_a}/evaluate").status_code == 200
    )
    for url in (
        f"/probation/plans/{plan_a}/edit",
        f"/probation/plans/{plan_a}/ratings.csv",
        f"/probation/candidates/{cand_a}/erase",
        f"/probation/candidates/{cand_a}/report.pdf",
    ):
        assert eva.get(url).status_code == 403, url
    other = client_for(app, "boss@other.test")
    assert "Анна" not in other.get("/probation/").get_data(as_text=True)
    for url in _urls(*ids["a"]):
        assert other.get(url).status_code == 404, url


def test_odd_input_never_gives_a_server_error(people):
    app = people
    ids = _two_plans(app)
    plan_id, candidate_id, item_id, checkin_id = ids["a"]
    eva = client_for(app, "eva@acme.test")
    rec = client_for(app, "rec@acme.test")
    evaluate = f"/probation/candidates/{candidate_id}/checkins/{checkin_id}/evaluate"
    assert eva.post(evaluate, data={f"rating_{item_id}": "7"}).status_code == 422
    assert (
        eva.post(
            evaluate, data={f"comment_{item_id}": "x" * 2001, f"rating_{item_id}": "2"}
        ).status_code
        == 422
    )
    response = eva.post(evaluate, data={f"comment_{item_id}": "без оценки"})
    assert response.status_code == 422
    assert f'id="comment_{item_id}-error"' in response.get_data(as_text=True)
    actuals = f"/probation/candidates/{candidate_id}/checkins/{checkin_id}/actuals"
    with app.app_context():
        kpi = next(i for i in db.session.get(TrialPlan, plan_id).items if i.kind == "kpi")
    for value in ("-1", "abc", "nan", "inf", "1e999"):
        response = rec.post(actuals, data={f"actual_{kpi.id}": value})
        assert response.status_code == 422 and f'id="actual_{kpi.id}-error"' in response.get_data(
            as_text=True
        )
    for url in (
        f"/probation/candidates/{candidate_id}?checkin=abc",
        f"/probation/plans/{plan_id}/compare?checkin=-3",
    ):
        assert rec.get(url).status_code == 200
    assert rec.get(f"/probation/candidates/{candidate_id}?checkin=99999").status_code == 404
    assert rec.get(f"/probation/candidates/{candidate_id}?checkin=²").status_code == 200
    huge = "9" * 30
    for url in (
        f"/probation/plans/{huge}",
        f"/probation/candidates/{huge}",
        f"/probation/vacancies/{huge}/new",
        f"/probation/plans/{plan_id}/items/{huge}/edit",
        f"/probation/candidates/{candidate_id}?checkin={huge}",
    ):
        assert rec.get(url).status_code == 404, url
    assert (
        rec.post(
            f"/probation/plans/{plan_id}/items/{item_id}/move", data={"direction": "sideways"}
        ).status_code
        == 302
    )
    assert (
        rec.post(f"/probation/plans/{plan_id}/evaluators", data={"evaluators": ["abc"]}).status_code
        == 422
    )
    with app.app_context():
        rec_id = user("rec@acme.test").id
    assert (
        rec.post(
            f"/probation/plans/{plan_id}/evaluators", data={"evaluators": [str(rec_id)]}
        ).status_code
        == 422
    )


def test_every_post_form_carries_a_csrf_token(people):
    app = people
    ids = _two_plans(app)
    plan_id = ids["a"][0]
    rec = client_for(app, "rec@acme.test")
    eva = client_for(app, "eva@acme.test")
    pages = [(rec, url) for url in _urls(*ids["a"]) if not url.endswith((".csv", ".pdf"))]
    pages += [(rec, f"/probation/plans/{plan_id}/items/new"), (eva, _urls(*ids["a"])[8])]
    app.config["WTF_CSRF_ENABLED"] = True  # the test app turns it off; the forms must not
    for client, url in pages:
        html = client.get(url).get_data(as_text=True)
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, flags=re.S):
            assert 'name="csrf_token"' in form, (url, form[:200])


def test_erasing_a_candidate_through_the_page(people):
    app = people
    ids = _two_plans(app)
    _plan_id, candidate_id, _item, _checkin = ids["a"]
    rec = client_for(app, "rec@acme.test")
    page = rec.get(f"/probation/candidates/{candidate_id}/erase").get_data(as_text=True)
    assert "Анна" in page
    assert rec.post(f"/probation/candidates/{candidate_id}/erase").status_code == 302
    page = rec.get(f"/probation/candidates/{candidate_id}").get_data(as_text=True)
    assert "Анна" not in page
    assert "(data erased)" in page or "(данные удалены)" in page
    assert rec.get(f"/probation/candidates/{candidate_id}/erase").status_code == 404
    with app.app_context():
        events = db.session.execute(
            select(AuditEvent).filter_by(action="candidate-erased")
        ).scalars()
        (event,) = list(events)
        assert event.user_id == user("rec@acme.test").id and "Анна" not in repr(event.detail)
        assert db.session.get(Candidate, candidate_id).name == ""


def test_checkins_are_added_renamed_and_removed(people):
    app = people
    ids = _two_plans(app)
    plan_id, _cand, _item, checkin_id = ids["a"]
    rec = client_for(app, "rec@acme.test")
    base = f"/probation/plans/{plan_id}/checkins"
    assert (
        rec.post(f"{base}/new", data={"name": "Первый месяц", "due_date": "2026-03-01"}).status_code
        == 302
    )
    assert (
        rec.post(
            f"{base}/{checkin_id}/edit", data={"name": "Середина", "due_date": "2026-03-20"}
        ).status_code
        == 302
    )
    assert rec.post(f"{base}/new", data={"name": "", "due_date": ""}).status_code == 422
    with app.app_context():
        names = [c.name for c in db.session.get(TrialPlan, plan_id).checkins]
        assert names == ["Первый месяц", "Середина", names[-1]] and len(names) == 3
    assert rec.post(f"{base}/{checkin_id}/remove").status_code == 302
    assert count(app, Checkin) == 2 + 2  # plan B keeps its two


def _rename(item_id: int, checkin_id: int, title: str, checkin_name: str) -> Checkin:
    """Retitle a plan item and rename a check-in through the service (in an app context);
    the check-in is returned."""
    item = db.session.get(PlanItem, item_id)
    fields = ("weight", "critical", "due_date", "evidence")
    update_item(item, title=title, **{name: getattr(item, name) for name in fields})
    checkin = db.session.get(Checkin, checkin_id)
    update_checkin(checkin, name=checkin_name, due_date=checkin.due_date)
    return checkin


def test_the_candidate_page_shows_a_changed_plan_at_once(people):
    # The score pages keep each plan's items and check-ins per process, keyed by the
    # plan's version: every change of the plan must show on the next view.
    app = people
    ids = _two_plans(app)
    _plan_id, candidate_id, item_id, checkin_id = ids["a"]
    rec = client_for(app, "rec@acme.test")
    page = rec.get(f"/probation/candidates/{candidate_id}").get_data(as_text=True)
    assert "Переименованная задача" not in page and "Контрольная точка X" not in page
    with app.app_context():
        _rename(item_id, checkin_id, "Переименованная задача", "Контрольная точка X")
        db.session.commit()
    page = rec.get(f"/probation/candidates/{candidate_id}").get_data(as_text=True)
    assert "Переименованная задача" in page and "Контрольная точка X" in page
    with app.app_context():
        plan = db.session.get(PlanItem, item_id).plan
        remove_item(db.session.get(PlanItem, item_id))
        db.session.commit()
        assert item_id not in [i.id for i in plan_definition(plan).items]
    page = rec.get(f"/probation/candidates/{candidate_id}").get_data(as_text=True)
    assert "Переименованная задача" not in page


def test_user_text_on_the_candidate_page_is_escaped(people):
    # The score tables' rows are built in Python (app/probation/web.py, report.py): every
    # text a user typed must reach the page as text, in each of them.
    app = people
    _plan_id, candidate_id, item_id, checkin_id = _two_plans(app)["a"]
    evil = '<img src=x onerror="alert(1)">'
    with app.app_context():
        checkin = _rename(item_id, checkin_id, f"Задача {evil}", f"Точка {evil}")
        eva = user("eva@acme.test")
        eva.name = f"Ева {evil}"
        candidate = db.session.get(Candidate, candidate_id)
        record_evaluation(
            candidate, eva, checkin, {item_id: 2}, comments={item_id: f"Отлично {evil}"}
        )
        db.session.commit()
    rec = client_for(app, "rec@acme.test")
    page = rec.get(f"/probation/candidates/{candidate_id}?checkin={checkin_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<img" not in html
    escaped = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"
    for text in ("Задача ", "Точка ", "Ева ", "Отлично "):
        assert text + escaped in html, text
    # The progress table links each check-in to its view of the page.
    assert f'href="/probation/candidates/{candidate_id}?checkin={checkin_id}"' in html
