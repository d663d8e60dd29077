"""The worked example of probation-scoring.md entered through the pages, read back everywhere.

Two evaluators rate at two check-ins, KPI actuals are entered, and the candidate page, the
comparison page, the PDF report and the CSV show the score and verdict the rules give by hand.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from pypdf import PdfReader

from app.extensions import db
from app.probation.candidates import add_candidate
from app.probation.evaluations import timeline
from app.probation.evaluators import set_evaluators
from app.probation.models import TrialPlan
from app.probation.plans import update_checkin
from app.probation.report import safe_cell
from tests.web.test_probation_service import START, add_people, items_by_prefix, org_of, user
from tests.web.test_probation_views import client_for


@pytest.fixture
def people(app):
    """The app with Acme's recruiter and evaluators."""
    add_people(app)
    return app


VERDICT_WORDS = {"pass": ("pass", "пройден"), "fail": ("fail", "не пройден")}
WORKED_ITEMS = [
    {"kind": "task", "title": "t1 audience analysis delivered", "weight": "3"},
    {"kind": "task", "title": "t2 content plan for a month", "weight": "2"},
    {"kind": "task", "title": "t3 contest run", "weight": "1"},
    {
        "kind": "kpi",
        "title": "k1 leads",
        "weight": "2",
        "target": "20",
        "direction": "higher",
        "unit": "leads",
    },
    {
        "kind": "kpi",
        "title": "k2 cost per lead",
        "weight": "1",
        "target": "300",
        "direction": "lower",
        "unit": "RUB",
    },
]


def build_through_the_pages(app, critical_t1: bool) -> tuple[int, int]:
    """A plan from a vacancy with the worked example's items, two evaluators, a candidate."""
    from tests.web.test_probation_service import make_vacancy

    with app.app_context():
        vacancy_id = make_vacancy(org_of()).id
        evaluators = [str(user("eva@acme.test").id), str(user("ivan@acme.test").id)]
        db.session.commit()
    rec = client_for(app, "rec@acme.test")
    response = rec.post(
        f"/probation/vacancies/{vacancy_id}/new",
        data={
            "title": "Worked example",
            "period_months": "3",
            "start_date": "2026-02-02",
            "pass_threshold": "75",
            "extend_threshold": "50",
        },
    )
    plan_id = int(re.search(r"/plans/(\d+)", response.headers["Location"]).group(1))
    with app.app_context():
        prefilled = [i.id for i in db.session.get(TrialPlan, plan_id).items]
    for item_id in prefilled:
        assert rec.post(f"/probation/plans/{plan_id}/items/{item_id}/remove").status_code == 302
    for fields in WORKED_ITEMS:
        data = dict(fields)
        if critical_t1 and fields["title"].startswith("t1"):
            data["critical"] = "y"
        assert rec.post(f"/probation/plans/{plan_id}/items/new", data=data).status_code == 302
    assert (
        rec.post(
            f"/probation/plans/{plan_id}/evaluators", data={"evaluators": evaluators}
        ).status_code
        == 302
    )
    response = rec.post(
        f"/probation/plans/{plan_id}/candidates/new",
        data={
            "name": "Анна Смирнова",
            "position_title": "SMM-менеджер",
            "start_date": "2026-02-02",
            "contact": '=HYPERLINK("http://evil")',
        },
    )
    candidate_id = int(re.search(r"/candidates/(\d+)", response.headers["Location"]).group(1))
    return plan_id, candidate_id


def rate(app, email, candidate_id, checkin_id, plan, values: dict, comments: dict | None = None):
    """Submit the evaluation form as this evaluator."""
    client = client_for(app, email)
    data = {}
    for short, value in values.items():
        item_id = plan[short]
        data[f"rating_{item_id}"] = value
        data[f"comment_{item_id}"] = (comments or {}).get(short, "")
    url = f"/probation/candidates/{candidate_id}/checkins/{checkin_id}/evaluate"
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def enter_actuals(client, candidate_id, checkin_id, plan, k1, k2):
    url = f"/probation/candidates/{candidate_id}/checkins/{checkin_id}/actuals"
    response = client.post(url, data={f"actual_{plan['k1']}": k1, f"actual_{plan['k2']}": k2})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


@pytest.mark.parametrize(
    ("critical", "final_t1", "score", "verdict"),
    [(False, ("2", "2"), "78,1", "pass"), (True, ("0", "1"), "50,0", "fail")],
)
def test_worked_example_shows_the_same_result_on_every_surface(
    people,
    critical,
    final_t1,
    score,
    verdict,
):
    app = people
    plan_id, candidate_id = build_through_the_pages(app, critical)
    with app.app_context():
        plan = db.session.get(TrialPlan, plan_id)
        ids = {short: item.id for short, item in items_by_prefix(plan).items()}
        mid, final = [c.id for c in plan.checkins]
    # Mid-term: a weaker picture; final: the worked example.
    rate(app, "eva@acme.test", candidate_id, mid, ids, {"t1": "1", "t2": "1", "t3": "na"})
    rate(app, "ivan@acme.test", candidate_id, mid, ids, {"t1": "1", "t2": "0", "t3": ""})
    rate(
        app,
        "eva@acme.test",
        candidate_id,
        final,
        ids,
        {"t1": final_t1[0], "t2": "1", "t3": "na"},
        {"t1": "=cmd|' /C calc'!A0"},
    )
    rate(
        app,
        "ivan@acme.test",
        candidate_id,
        final,
        ids,
        {"t1": final_t1[1], "t2": "1", "t3": "na"},
        {"t2": "Контент-план сдан с опозданием"},
    )
    rec = client_for(app, "rec@acme.test")
    enter_actuals(rec, candidate_id, mid, ids, "8", "500")
    enter_actuals(client_for(app, "eva@acme.test"), candidate_id, final, ids, "15", "400")

    page = rec.get(f"/probation/candidates/{candidate_id}").get_data(as_text=True)
    assert f'data-testid="score">{score}<' in page
    assert 'data-testid="coverage">88,9 %<' in page
    assert f'class="figure verdict-{verdict}"' in page
    assert "provisional" in page or "предварительн" in page
    assert "100 × 12,5 / (2 × 8)" in page if not critical else "100 × 8 / (2 × 8)" in page
    assert "Контент-план сдан с опозданием" in page
    assert "<svg" in page and "polyline" in page  # the bar chart and the score line

    compare = rec.get(f"/probation/plans/{plan_id}/compare").get_data(as_text=True)
    assert re.search(rf'class="num score-cell">{re.escape(score)}\b', compare)
    assert (
        "88,9 %" in compare
        and f"badge {'ok' if verdict == 'pass' else 'err'} verdict-badge" in compare
    )

    response = rec.get(f"/probation/candidates/{candidate_id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert score in flat and "88,9 %" in flat
    assert any(word in flat for word in VERDICT_WORDS[verdict])
    assert "Анна Смирнова" in flat and "k2 cost per lead" in flat
    assert "Контент-план сдан с опозданием" in flat

    response = rec.get(f"/probation/plans/{plan_id}/ratings.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 11 + 4  # 12 task ratings less one left unrated, and 4 KPI entries
    comment = header.index(next(h for h in header if h in ("Comment", "Комментарий")))
    assert "'=cmd|' /C calc'!A0" in [row[comment] for row in body]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)


def test_score_line_follows_the_checkins_in_date_order(people):
    app = people
    with app.app_context():
        from tests.web.test_probation_service import enter_worked_example, worked_example_plan

        plan = worked_example_plan(org_of())
        set_evaluators(plan, [user("eva@acme.test").id, user("ivan@acme.test").id])
        candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
        mid, final = plan.checkins
        enter_worked_example(plan, candidate, mid, t1=(0, 0))
        enter_worked_example(plan, candidate, final)
        update_checkin(mid, name=mid.name, due_date=final.due_date.replace(day=28, month=5))
        db.session.commit()
        scores = [(s.checkin.name, s.result.score) for s in timeline(candidate)]
        # The old mid-term now comes last; its KPI actuals are the latest entries there.
        assert [name for name, _ in scores] == [final.name, mid.name]
        assert scores[0][1] == 78.125
        assert scores[1][1] == pytest.approx(100 * 6.5 / 16)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+7 900", "'+7 900"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Анна", "Анна"),
        (3, "3"),
        (None, ""),
    ],
)
def test_csv_cells_are_safe_against_formula_injection(value, shown):
    assert safe_cell(value) == shown
