"""Blind ratings: an evaluator sees the other evaluators' ratings, comments and the score
at a check-in only after submitting their own, or once a recruiter closes the check-in."""

from __future__ import annotations

import json
import re

import pytest

from app.extensions import db
from app.probation.candidates import add_candidate
from app.probation.evaluations import record_evaluation
from app.probation.evaluators import set_evaluators
from tests.web.api_helpers import bearer, token_for
from tests.web.test_probation_service import add_people, make_plan, org_of, user
from tests.web.test_probation_views import client_for

EVA_COMMENT = "Ева: бриф разобран не полностью"


@pytest.fixture
def rated(app):
    """A plan rated by eva (every task 1, a comment on each) at the first check-in; ivan,
    the second evaluator, has rated nothing yet."""
    add_people(app)
    with app.app_context():
        plan = make_plan(org_of())
        set_evaluators(plan, [user("eva@acme.test").id, user("ivan@acme.test").id])
        candidate = add_candidate(
            plan, name="Мария", position_title="SMM", start_date=plan.start_date
        )
        db.session.flush()
        checkin = plan.checkins[0]
        tasks = [item for item in plan.items if item.kind == "task"]
        record_evaluation(
            candidate,
            user("eva@acme.test"),
            checkin,
            {item.id: 1 for item in tasks},
            {item.id: f"{EVA_COMMENT} #{n}" for n, item in enumerate(tasks)},
        )
        db.session.commit()
        return {
            "app": app,
            "plan": plan.id,
            "candidate": candidate.id,
            "checkin": checkin.id,
            "tasks": [item.id for item in tasks],
        }


def page_score(html: str) -> str:
    return re.search(r'data-testid="score">([^<]*)<', html).group(1).strip()


def pages(client, r) -> dict[str, str]:
    cid, ch = r["candidate"], r["checkin"]
    return {
        "candidate": client.get(f"/probation/candidates/{cid}?checkin={ch}").get_data(True),
        "default": client.get(f"/probation/candidates/{cid}").get_data(True),
        "evaluate": client.get(f"/probation/candidates/{cid}/checkins/{ch}/evaluate").get_data(
            True
        ),
        "plan": client.get(f"/probation/plans/{r['plan']}").get_data(True),
        "compare": client.get(f"/probation/plans/{r['plan']}/compare?checkin={ch}").get_data(True),
    }


def api_answers(app, r, email: str) -> dict[str, dict]:
    headers = bearer(token_for(app, email, create=False))
    client = app.test_client()
    cid, ch = r["candidate"], r["checkin"]
    answers = {
        "score": client.get(f"/api/v1/candidates/{cid}/score?checkin={ch}", headers=headers),
        "default-score": client.get(f"/api/v1/candidates/{cid}/score", headers=headers),
        "candidate": client.get(f"/api/v1/candidates/{cid}", headers=headers),
        "plan": client.get(f"/api/v1/trial-plans/{r['plan']}", headers=headers),
    }
    assert all(a.status_code == 200 for a in answers.values()), answers
    return {name: a.get_json() for name, a in answers.items()}


def submit_all(client, r, value: str = "2") -> None:
    data = {f"rating_{item_id}": value for item_id in r["tasks"]}
    data.update({f"comment_{item_id}": "Иван: хорошо" for item_id in r["tasks"]})
    url = f"/probation/candidates/{r['candidate']}/checkins/{r['checkin']}/evaluate"
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(True)


def test_the_second_evaluator_sees_nothing_of_the_first_before_rating(rated):
    r, app = rated, rated["app"]
    recruiter = pages(client_for(app, "rec@acme.test"), r)
    shown_score = page_score(recruiter["candidate"])
    assert shown_score not in ("", "—") and EVA_COMMENT in recruiter["candidate"]

    ivan = pages(client_for(app, "ivan@acme.test"), r)
    for name, html in ivan.items():
        assert EVA_COMMENT not in html, name
        assert shown_score not in html, name
    assert "Оценки коллег откроются" in ivan["candidate"]
    assert "скрыты, пока вы не отправите свои оценки" in ivan["candidate"]
    assert page_score(ivan["candidate"]) != shown_score
    assert 'data-testid="blind-note"' in ivan["evaluate"]

    for name, answer in api_answers(app, r, "ivan@acme.test").items():
        text = json.dumps(answer, ensure_ascii=False)
        assert EVA_COMMENT not in text, name
        if "score" in name:
            assert answer["hidden"] is True and answer["score"] is None, name
            assert answer["verdict"] is None and answer["coverage"] is None
            assert all(row["value"] is None for row in answer["items"])
    recruiter_score = api_answers(app, r, "rec@acme.test")["score"]
    assert recruiter_score["hidden"] is False and recruiter_score["score"] == pytest.approx(50)


def test_a_partial_rating_is_not_a_submission(rated):
    r, app = rated, rated["app"]
    ivan = client_for(app, "ivan@acme.test")
    first = r["tasks"][0]
    url = f"/probation/candidates/{r['candidate']}/checkins/{r['checkin']}/evaluate"
    assert ivan.post(url, data={f"rating_{first}": "2"}).status_code == 302
    html = ivan.get(f"/probation/candidates/{r['candidate']}?checkin={r['checkin']}").get_data(True)
    assert EVA_COMMENT not in html and "Оценки коллег откроются" in html


def test_after_submitting_the_evaluator_sees_the_others(rated):
    r, app = rated, rated["app"]
    ivan = client_for(app, "ivan@acme.test")
    submit_all(ivan, r, "na")
    html = ivan.get(f"/probation/candidates/{r['candidate']}?checkin={r['checkin']}").get_data(True)
    assert EVA_COMMENT in html and "Оценки коллег откроются" not in html
    assert page_score(html) not in ("", "—")
    score = api_answers(app, r, "ivan@acme.test")["score"]
    assert score["hidden"] is False and score["score"] == pytest.approx(50)
    # eva (who submitted first) sees ivan's comments too.
    eva = client_for(app, "eva@acme.test")
    eva_page = eva.get(f"/probation/candidates/{r['candidate']}?checkin={r['checkin']}")
    assert "Иван: хорошо" in eva_page.get_data(True)


def test_the_recruiter_sees_everything_and_who_has_submitted(rated):
    r, app = rated, rated["app"]
    rec = client_for(app, "rec@acme.test")
    url = f"/probation/candidates/{r['candidate']}?checkin={r['checkin']}"
    html = rec.get(url).get_data(True)
    assert EVA_COMMENT in html and "Оценки коллег откроются" not in html
    assert html.count('data-testid="submitted"') == 1
    assert html.count('data-testid="not-submitted"') == 1
    submit_all(client_for(app, "ivan@acme.test"), r)
    html = rec.get(url).get_data(True)
    assert html.count('data-testid="submitted"') == 2 and "not-submitted" not in html


def test_closing_the_checkin_reveals_the_ratings_and_reopening_hides_them(rated):
    r, app = rated, rated["app"]
    rec, ivan = client_for(app, "rec@acme.test"), client_for(app, "ivan@acme.test")
    close = f"/probation/candidates/{r['candidate']}/checkins/{r['checkin']}/close"
    page = f"/probation/candidates/{r['candidate']}?checkin={r['checkin']}"
    assert ivan.post(close).status_code == 403
    assert EVA_COMMENT not in ivan.get(page).get_data(True)
    assert 'data-testid="close-checkin"' in rec.get(page).get_data(True)
    assert rec.post(close).status_code == 302
    assert EVA_COMMENT in ivan.get(page).get_data(True)
    assert api_answers(app, r, "ivan@acme.test")["score"]["hidden"] is False
    assert rec.post(close, data={"action": "reopen"}).status_code == 302
    assert EVA_COMMENT not in ivan.get(page).get_data(True)


def test_the_api_closes_a_checkin(rated):
    r, app = rated, rated["app"]
    client = app.test_client()
    url = f"/api/v1/trial-plans/{r['plan']}/checkins/{r['checkin']}"
    ivan = bearer(token_for(app, "ivan@acme.test", create=False))
    assert client.put(url, json={"closed": True}, headers=ivan).status_code == 403
    rec = bearer(token_for(app, "rec@acme.test", create=False))
    assert client.put(url, json={"closed": "yes"}, headers=rec).status_code == 422
    answer = client.put(url, json={"closed": True}, headers=rec)
    assert answer.status_code == 200
    closed = {c["id"]: c["closed"] for c in answer.get_json()["checkins"]}
    assert closed[r["checkin"]] is True
    assert api_answers(app, r, "ivan@acme.test")["score"]["hidden"] is False
