"""Verdicts within the labour law, the art. 70 period of a plan, and provisional verdicts:
through the pages and the API."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.probation.candidates import add_candidate
from app.probation.evaluations import record_evaluation, record_kpi_actuals
from app.probation.evaluators import set_evaluators
from app.probation.models import TrialPlan
from app.probation.plans import end_date
from app.probation.scope import get_candidate
from tests.web.api_helpers import bearer, create_plan, create_vacancy, token_for
from tests.web.test_probation_service import (
    START,
    add_people,
    make_vacancy,
    org_of,
    user,
    worked_example_plan,
)
from tests.web.test_probation_views import client_for

PLAN_FORM = {
    "title": "План",
    "period_months": "3",
    "period_days": "",
    "position_category": "regular",
    "contract_term": "open",
    "start_date": "2026-01-15",
    "pass_threshold": "75",
    "extend_threshold": "50",
    "min_coverage": "80",
}


@pytest.fixture
def people(app):
    add_people(app)
    return app


def plan_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(TrialPlan.id))).scalar_one()


def middle_candidate(app, *, both_rate: bool = True, law: str | None = None) -> int:
    """A candidate of the worked example whose score (78.1) is between pass 90 and 50,
    rated at the final check-in by eva (and ivan when `both_rate`)."""
    with app.app_context():
        org = org_of()
        if law:
            org.labour_law = law
        plan = worked_example_plan(org)
        plan.pass_threshold = 90
        eva, ivan = user("eva@acme.test"), user("ivan@acme.test")
        set_evaluators(plan, [eva.id, ivan.id])
        candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
        final = plan.checkins[-1]
        tasks = {i.title[:2]: i.id for i in plan.items}
        kpis = {tasks["k1"]: 15, tasks["k2"]: 400}
        record_kpi_actuals(candidate, final, kpis, user("rec@acme.test"))
        ratings = {tasks["t1"]: 2, tasks["t2"]: 1, tasks["t3"]: None}
        record_evaluation(candidate, eva, final, ratings)
        if both_rate:
            record_evaluation(candidate, ivan, final, ratings)
        db.session.commit()
        return candidate.id


def test_the_middle_verdict_means_decide_now_for_a_russian_organization(people):
    cid = middle_candidate(people)
    page = client_for(people, "rec@acme.test").get(f"/probation/candidates/{cid}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Решите до конца срока" in html
    assert "ст. 70" in html and "ст. 71" in html and "три дня" in html
    assert "продлева" not in html.lower() and "продлить" not in html.lower()
    assert "продлени" not in html.lower()


def test_extend_only_where_the_organization_law_allows_it(people):
    cid = middle_candidate(people, law="extendable")
    html = (
        client_for(people, "rec@acme.test")
        .get(f"/probation/candidates/{cid}")
        .get_data(as_text=True)
    )
    assert "продлить испытательный срок" in html
    assert "Решите до конца срока" not in html


def test_the_english_label_of_the_middle_verdict(people):
    cid = middle_candidate(people)
    client = client_for(people, "rec@acme.test")
    with people.app_context():
        user("rec@acme.test").locale = "en"
        db.session.commit()
    html = client.get(f"/probation/candidates/{cid}").get_data(as_text=True)
    assert "Decide before the period ends" in html
    assert "extend the probation" not in html and "art. 70" in html


def test_a_verdict_is_provisional_while_an_evaluator_has_not_rated(people):
    cid = middle_candidate(people, both_rate=False)
    rec = client_for(people, "rec@acme.test")
    html = rec.get(f"/probation/candidates/{cid}").get_data(as_text=True)
    assert 'data-testid="verdict-provisional"' in html
    assert "ivan@acme.test" in html or "Ivan" in html
    assert "не оценил" in html
    # Once both have rated every task (coverage 88.9 % >= 80 %), the verdict is final.
    done = middle_candidate(people)
    html = rec.get(f"/probation/candidates/{done}").get_data(as_text=True)
    assert 'data-testid="verdict-provisional"' not in html
    assert 'data-testid="verdict-missing"' not in html


def test_low_coverage_keeps_the_verdict_provisional_and_says_how_much(people):
    cid = middle_candidate(people)
    with people.app_context():
        plan = db.session.get(TrialPlan, get_candidate(user("rec@acme.test"), cid).plan_id)
        plan.min_coverage = 95
        db.session.commit()
    html = (
        client_for(people, "rec@acme.test")
        .get(f"/probation/candidates/{cid}")
        .get_data(as_text=True)
    )
    assert 'data-testid="verdict-provisional"' in html
    assert "88.9 %" in html or "88,9 %" in html
    assert "95" in html


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"period_months": "4"}, "period_months", "3 месяц"),
        ({"period_months": "", "period_days": "91"}, "period_days", "14 апреля 2026"),
        ({"position_category": "head", "period_months": "6", "start_date": "2026-01-14"}, None, ""),
        (
            {"contract_term": "2to6", "period_months": "", "period_days": "15"},
            "period_days",
            "2 недел",
        ),
        ({"contract_term": "2to6", "period_months": "", "period_days": "14"}, None, ""),
        ({"contract_term": "2to6", "period_months": "1"}, "period_months", "2 недел"),
        ({"contract_term": "under2"}, "contract_term", "не устанавливается"),
    ],
)
def test_the_plan_form_holds_the_period_to_art_70(people, changes, field, words):
    with people.app_context():
        vacancy_id = make_vacancy(org_of()).id
        db.session.commit()
    rec = client_for(people, "rec@acme.test")
    before = plan_count(people)
    response = rec.post(f"/probation/vacancies/{vacancy_id}/new", data={**PLAN_FORM, **changes})
    html = response.get_data(as_text=True)
    if field is None:
        assert response.status_code == 302, html
        assert plan_count(people) == before + 1
        return
    assert response.status_code == 422
    assert plan_count(people) == before  # nothing stored
    assert "ст. 70" in html and words in html
    # The message stands beside its field, and the typed values stay in the form.
    assert html.index(f'name="{field}"') < html.index("ст. 70") or field == "contract_term"
    for name, value in changes.items():
        if value and name in ("period_months", "period_days"):
            assert f'value="{value}"' in html


def test_editing_a_plan_keeps_the_rule(people):
    with people.app_context():
        plan = worked_example_plan(org_of())
        db.session.commit()
        plan_id, version = plan.id, plan.version
    rec = client_for(people, "rec@acme.test")
    form = {**PLAN_FORM, "base_version": str(version), "period_months": "5"}
    response = rec.post(f"/probation/plans/{plan_id}/edit", data=form)
    assert response.status_code == 422
    with people.app_context():
        assert db.session.get(TrialPlan, plan_id).period_months == 3
    form["position_category"] = "head"
    assert rec.post(f"/probation/plans/{plan_id}/edit", data=form).status_code == 302
    with people.app_context():
        stored = db.session.get(TrialPlan, plan_id)
        assert (stored.period_months, stored.position_category) == (5, "head")
    page = rec.get(f"/probation/plans/{plan_id}/edit").get_data(as_text=True)
    assert 'value="head" selected' in page or 'selected value="head"' in page


def test_another_law_is_held_only_to_1_to_6_months(people):
    with people.app_context():
        org_of().labour_law = "extendable"
        vacancy_id = make_vacancy(org_of()).id
        db.session.commit()
    rec = client_for(people, "rec@acme.test")
    response = rec.post(
        f"/probation/vacancies/{vacancy_id}/new", data={**PLAN_FORM, "period_months": "6"}
    )
    assert response.status_code == 302


def test_the_admin_sets_the_labour_law(people):
    from tests.conftest import make_user

    make_user(people, "root@acme.test", "admin", "Acme")
    admin = client_for(people, "root@acme.test")
    page = admin.get("/admin/organization").get_data(as_text=True)
    assert "Трудовой кодекс" in page and 'name="labour_law"' in page
    response = admin.post("/admin/organization", data={"name": "Acme", "labour_law": "extendable"})
    assert response.status_code == 302
    with people.app_context():
        assert org_of().labour_law == "extendable"
    response = admin.post("/admin/organization", data={"name": "Acme", "labour_law": "mars"})
    assert response.status_code == 200
    with people.app_context():
        assert org_of().labour_law == "extendable"


# The API


P = "/api/v1/trial-plans"


@pytest.fixture
def headers(app) -> dict[str, str]:
    return bearer(token_for(app, "rec@acme.test", "recruiter", "Acme"))


def test_the_api_refuses_a_period_beyond_art_70(client, headers):
    vacancy = create_vacancy(client, headers)
    url = f"/api/v1/vacancies/{vacancy['id']}/trial-plans"
    body = {"start_date": "2026-01-15", "period_months": 4}
    response = client.post(url, json=body, headers={**headers, "Accept-Language": "en"})
    assert response.status_code == 422
    detail = str(response.get_json())
    assert "period_months" in detail and "art. 70" in detail and "April 14, 2026" in detail
    ok = client.post(url, json={**body, "position_category": "head"}, headers=headers)
    assert ok.status_code == 201, ok.get_json()
    plan = ok.get_json()
    assert plan["position_category"] == "head" and plan["min_coverage"] == 80
    short = client.post(
        url,
        json={"start_date": "2026-01-15", "contract_term": "2to6", "period_days": 14},
        headers=headers,
    )
    assert short.status_code == 201, short.get_json()
    assert short.get_json()["end_date"] == "2026-01-28"
    assert short.get_json()["period_days"] == 14
    # Back to months: period_months without period_days counts in months again.
    stale = client.put(
        f"{P}/{short.get_json()['id']}",
        json={"version": short.get_json()["version"], "period_months": 1},
        headers=headers,
    )
    assert stale.status_code == 422  # a month is more than 2 weeks under that contract


def test_the_api_score_says_provisional_and_what_is_missing(client, headers, app):
    eva = bearer(token_for(app, "eva@acme.test", "evaluator", "Acme"))
    token_for(app, "ivan@acme.test", "evaluator", "Acme")
    vacancy = create_vacancy(client, headers)
    plan = create_plan(
        client, headers, vacancy["id"], evaluators=["eva@acme.test", "ivan@acme.test"]
    )
    candidate = client.post(
        f"{P}/{plan['id']}/candidates", json={"name": "Анна"}, headers=headers
    ).get_json()
    tasks = [i["id"] for i in plan["items"] if i["kind"] == "task"]
    checkin = plan["checkins"][-1]["id"]
    rated = client.post(
        f"/api/v1/candidates/{candidate['id']}/evaluations",
        json={"checkin": checkin, "ratings": {str(t): 2 for t in tasks}},
        headers=eva,
    )
    assert rated.status_code in (200, 201), rated.get_json()
    score = client.get(
        f"/api/v1/candidates/{candidate['id']}/score?checkin={checkin}",
        headers={**headers, "Accept-Language": "en"},
    ).get_json()
    assert score["provisional"] is True
    kinds = {m["kind"] for m in score["missing"]}
    assert "evaluator" in kinds
    assert any(m.get("evaluator") == "ivan@acme.test" for m in score["missing"])
    assert all(m.get("evaluator") != "eva@acme.test" for m in score["missing"])
    assert score["verdict"] in ("pass", "extend", "fail")
    assert score["verdict_label"]


def test_the_api_labels_the_middle_verdict_in_the_callers_language(client, app):
    add_people(app)
    cid = middle_candidate(app)
    rec = bearer(token_for(app, "rec@acme.test", create=False))
    ru = client.get(f"/api/v1/candidates/{cid}/score", headers={**rec, "Accept-Language": "ru"})
    body = ru.get_json()
    assert body["verdict"] == "extend"  # the code stays for compatibility
    assert body["verdict_label"] == "Решите до конца срока"
    assert "ст. 70" in body["verdict_note"] and body["provisional"] is False
    assert body["missing"] == []
    en = client.get(f"/api/v1/candidates/{cid}/score", headers={**rec, "Accept-Language": "en"})
    assert en.get_json()["verdict_label"] == "Decide before the period ends"


def test_a_plan_without_a_law_choice_defaults_to_russia(people):
    with people.app_context():
        assert org_of().labour_law == "ru"
        plan = worked_example_plan(org_of())
        assert (plan.position_category, plan.contract_term, plan.min_coverage) == (
            "regular",
            "open",
            80,
        )
        assert plan.period_days is None and end_date(plan) == date(2026, 5, 1)
