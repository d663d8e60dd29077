"""The home page: recruiters and admins see the probations ending within a week with the
verdict and the art. 71 notice deadline; evaluators see their open check-ins."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.api.probation import candidate_to_dict
from app.extensions import db
from app.probation.candidates import add_candidate, erase_candidate
from app.probation.evaluations import record_evaluation
from app.probation.evaluators import set_evaluators
from app.probation.models import Candidate
from tests.conftest import make_user
from tests.web.test_probation_service import (
    START,
    add_people,
    items_by_prefix,
    org_of,
    user,
    worked_example_plan,
)
from tests.web.test_probation_views import client_for

# A Sunday. START (2 Feb 2026) + 3 months: the last day is Fri 1 May (in 5 days), the
# notice deadline Tue 28 April: 2 working days left (Mon 27, Tue 28).
TODAY = date(2026, 4, 26)


@pytest.fixture
def home(app, monkeypatch):
    """Acme's people and Other's admin; the home page's today is TODAY."""
    add_people(app)
    monkeypatch.setattr("app.main.home_today", lambda: TODAY)
    return app


def rows(html: str, testid: str) -> dict[str, str]:
    """The table rows of this kind by their candidate id: the row's HTML."""
    found = re.findall(rf'<tr data-testid="{testid}" data-candidate="(\d+)"(.*?)</tr>', html, re.S)
    return {cid: body for cid, body in found}


def rate_all(plan, candidate, who, value: int, checkin=None) -> None:
    t = items_by_prefix(plan)
    record_evaluation(
        candidate,
        who,
        checkin or plan.checkins[-1],
        {t["t1"].id: value, t["t2"].id: value, t["t3"].id: value},
    )


def acme_candidates(app) -> dict[str, int]:
    """Acme's plan (eva assigned) with candidates ending on 1 May (fail), 3 May (fail),
    16 May (fail, 20 days away), 1 May (pass) and 1 May (erased)."""
    with app.app_context():
        plan = worked_example_plan(org_of())
        eva = user("eva@acme.test")
        set_evaluators(plan, [eva.id])
        ids = {}
        for key, start, value in (
            ("urgent", START, 0),
            ("later", date(2026, 2, 4), 0),
            ("far", date(2026, 2, 17), 0),
            ("pass", START, 2),
            ("erased", START, 0),
        ):
            candidate = add_candidate(
                plan, name=f"Кандидат {key}", position_title="SMM-менеджер", start_date=start
            )
            rate_all(plan, candidate, eva, value)
            ids[key] = candidate.id
            if key == "erased":
                erase_candidate(candidate, None)
        db.session.commit()
        return ids


def test_a_recruiter_sees_probations_ending_within_a_week_with_the_notice_deadline(home):
    ids = acme_candidates(home)
    html = client_for(home, "rec@acme.test").get("/").get_data(as_text=True)
    listed = rows(html, "ending-row")
    assert set(listed) == {str(ids["urgent"]), str(ids["later"]), str(ids["pass"])}
    assert "Кандидат far" not in html and "Кандидат erased" not in html
    # Ends in 5 days, fails, 2 working days to the deadline: urgent, with the notice link.
    urgent = listed[str(ids["urgent"])]
    assert "Срочно: уведомление по ст. 71" in urgent
    assert "1 мая 2026" in urgent and "28 апр. 2026" in urgent
    assert f"/probation/candidates/{ids['urgent']}/notice" in urgent
    assert "осталось 2 рабочих дня" in urgent
    # Fails too, but the deadline (Thu 30 April) is 4 working days away: not urgent.
    later = listed[str(ids["later"])]
    assert "Срочно" not in later and "вручить до" in later
    assert f"/probation/candidates/{ids['later']}/notice" in later
    # Passes: no notice.
    passed = listed[str(ids["pass"])]
    assert "не требуется" in passed and "/notice" not in passed
    # Soonest first.
    assert html.index(f'data-candidate="{ids["urgent"]}"') < html.index(
        f'data-candidate="{ids["later"]}"'
    )


def test_the_middle_verdict_is_urgent_too_and_english_reads_the_same(home):
    with home.app_context():
        plan = worked_example_plan(org_of())
        eva = user("eva@acme.test")
        set_evaluators(plan, [eva.id])
        candidate = add_candidate(
            plan, name="Ольга", position_title="SMM-менеджер", start_date=START
        )
        t = items_by_prefix(plan)
        # 3 × 2 + 2 × 0 + 1 × 1 = 7 of 12 → 58.3: between the thresholds (50 and 75).
        record_evaluation(
            candidate, eva, plan.checkins[-1], {t["t1"].id: 2, t["t2"].id: 0, t["t3"].id: 1}
        )
        db.session.commit()
        cid = candidate.id
    rec = client_for(home, "rec@acme.test")
    row = rows(rec.get("/").get_data(as_text=True), "ending-row")[str(cid)]
    assert "Решите до конца срока" in row and "Срочно: уведомление по ст. 71" in row
    rec.post("/language", data={"lang": "en"})
    row = rows(rec.get("/").get_data(as_text=True), "ending-row")[str(cid)]
    assert "Urgent: notice under art. 71" in row and "2 working days left" in row


def test_another_organizations_candidates_never_appear(home):
    ids = acme_candidates(home)
    make_user(home, "rec@other.test", "recruiter", "Other")
    with home.app_context():
        plan = worked_example_plan(org_of("Other"))
        other = add_candidate(plan, name="Чужой кандидат", position_title="SMM", start_date=START)
        db.session.commit()
        other_id = other.id
    for email in ("boss@other.test", "rec@other.test"):
        html = client_for(home, email).get("/").get_data(as_text=True)
        assert set(rows(html, "ending-row")) == {str(other_id)}
        assert "Кандидат urgent" not in html
    acme = client_for(home, "rec@acme.test").get("/").get_data(as_text=True)
    assert "Чужой кандидат" not in acme and str(other_id) not in rows(acme, "ending-row")
    assert len(rows(acme, "ending-row")) == 3 and ids


def test_an_evaluator_sees_their_open_checkins_with_the_tasks_left(home):
    with home.app_context():
        eva, ivan = user("eva@acme.test"), user("ivan@acme.test")
        mine = worked_example_plan(org_of())
        set_evaluators(mine, [eva.id])
        theirs = worked_example_plan(org_of())
        theirs.title = "План Ивана"
        set_evaluators(theirs, [ivan.id])
        anna = add_candidate(mine, name="Анна", position_title="SMM-менеджер", start_date=START)
        done = add_candidate(mine, name="Готовая", position_title="SMM-менеджер", start_date=START)
        boris = add_candidate(theirs, name="Борис", position_title="SMM-менеджер", start_date=START)
        t = items_by_prefix(mine)
        final = mine.checkins[-1]
        record_evaluation(anna, eva, final, {t["t1"].id: 2, t["t2"].id: None})
        for checkin in mine.checkins:
            rate_all(mine, done, eva, 2, checkin)
        db.session.commit()
        ids = {"anna": anna.id, "done": done.id, "boris": boris.id, "final": final.id}
        mid = mine.checkins[0].id
    eva_home = client_for(home, "eva@acme.test").get("/").get_data(as_text=True)
    assert 'data-testid="ending-soon"' not in eva_home  # not the recruiters' list
    found = re.findall(
        r'data-testid="checkin-row" data-candidate="(\d+)" data-checkin="(\d+)"(.*?)</tr>',
        eva_home,
        re.S,
    )
    by_key = {(int(c), int(k)): body for c, k, body in found}
    assert set(by_key) == {(ids["anna"], mid), (ids["anna"], ids["final"])}
    final_row = by_key[(ids["anna"], ids["final"])]
    assert "1 задача из 3" in final_row  # t1 rated, t2 n/a counts as rated, t3 left
    assert f"/probation/candidates/{ids['anna']}/checkins/{ids['final']}/evaluate" in final_row
    assert "3 задачи из 3" in by_key[(ids["anna"], mid)]
    assert "просрочено" in by_key[(ids["anna"], mid)]  # the mid-term date has passed
    assert "Борис" not in eva_home and "План Ивана" not in eva_home

    ivan_home = client_for(home, "ivan@acme.test").get("/").get_data(as_text=True)
    assert "Борис" in ivan_home and "Анна" not in ivan_home
    rec_home = client_for(home, "rec@acme.test").get("/").get_data(as_text=True)
    assert 'data-testid="open-checkins"' not in rec_home


def test_checkins_further_than_14_days_ahead_are_not_open_yet(home, monkeypatch):
    monkeypatch.setattr("app.main.home_today", lambda: date(2026, 3, 10))
    with home.app_context():
        eva = user("eva@acme.test")
        plan = worked_example_plan(org_of())
        set_evaluators(plan, [eva.id])
        add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
        db.session.commit()
        mid, final = (c.due_date for c in plan.checkins)
    assert (mid - date(2026, 3, 10)).days <= 14 < (final - date(2026, 3, 10)).days
    html = client_for(home, "eva@acme.test").get("/").get_data(as_text=True)
    assert html.count('data-testid="checkin-row"') == 1


def test_the_candidate_page_and_the_api_give_the_probation_end(home):
    ids = acme_candidates(home)
    rec = client_for(home, "rec@acme.test")
    page = rec.get(f"/probation/candidates/{ids['far']}").get_data(as_text=True)
    assert re.search(r'data-testid="probation-end">[^<]*16 мая 2026', page)
    with home.app_context():
        candidate = db.session.get(Candidate, ids["far"])
        assert candidate_to_dict(candidate)["probation_end"] == "2026-05-16"
