"""KPI results typed as people type them, far-off values confirmed, clearing, the number
format of the pages, and the ratings CSV and XLSX downloads."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.probation.models import KpiActual, TrialPlan
from tests.conftest import PASSWORD, csrf_token
from tests.web.test_probation_report import build_through_the_pages, people  # noqa: F401
from tests.web.test_probation_service import items_by_prefix
from tests.web.test_probation_views import client_for


@pytest.fixture
def worked(people):  # noqa: F811
    """The worked example's plan (k1 leads: target 20; k2 cost per lead: target 300 RUB)
    and a candidate; the recruiter's client."""
    app = people
    plan_id, candidate_id = build_through_the_pages(app, False)
    with app.app_context():
        plan = db.session.get(TrialPlan, plan_id)
        ids = {short: item.id for short, item in items_by_prefix(plan).items()}
        checkins = [c.id for c in plan.checkins]
    rec = client_for(app, "rec@acme.test")
    url = f"/probation/candidates/{candidate_id}/checkins/{checkins[-1]}/actuals"
    return {
        "app": app,
        "plan": plan_id,
        "candidate": candidate_id,
        "ids": ids,
        "checkins": checkins,
        "rec": rec,
        "url": url,
    }


def stored(app) -> list[float]:
    with app.app_context():
        return sorted(v for (v,) in db.session.execute(select(KpiActual.value)))


def count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(KpiActual.id))).scalar_one()


def post(w, **fields):
    data = {f"{name.split('_')[0]}_{w['ids'][name.split('_')[1]]}": v for name, v in fields.items()}
    return w["rec"].post(w["url"], data=data)


def test_the_actuals_form_has_text_inputs_with_a_decimal_keypad(worked):
    page = worked["rec"].get(worked["url"]).get_data(as_text=True)
    field = f'id="actual_{worked["ids"]["k1"]}"'
    tag = next(part for part in page.split("<input") if field in part)
    assert 'type="text"' in tag and 'inputmode="decimal"' in tag
    assert 'type="number"' not in page


@pytest.mark.parametrize(
    ("typed", "value"),
    [("4,1", 4.1), ("4.1", 4.1), ("15", 15), ("1 500 ₽", 1500), ("1\u00a0500", 1500)],
)
def test_a_typed_value_is_stored_as_the_number_it_means(worked, typed, value):
    response = post(worked, actual_k2=typed)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert stored(worked["app"]) == [value]


def test_english_interface_reads_the_same_values(worked):
    rec = worked["rec"]
    assert rec.post("/language", data={"lang": "en", "next": "/"}).status_code == 302
    assert post(worked, actual_k1="4,1", actual_k2="1,500").status_code == 302
    assert stored(worked["app"]) == [4.1, 1500]
    page = rec.get(worked["url"]).get_data(as_text=True)
    assert 'value="4.1"' in page and 'value="1,500"' in page
    # What the page shows reads back as the same numbers: saving again stores nothing.
    assert post(worked, actual_k1="4.1", actual_k2="1,500").status_code == 302
    assert count(worked["app"]) == 2


def test_an_unreadable_value_comes_back_with_a_message_and_nothing_is_stored(worked):
    response = post(worked, actual_k1="15", actual_k2="четыреста")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Не получилось прочитать число" in page and 'value="четыреста"' in page
    assert count(worked["app"]) == 0  # k1 was fine, but nothing is stored on an error


def test_a_negative_value_is_refused_even_when_confirmed(worked):
    response = post(worked, actual_k1="-3", confirm_k1="y")
    assert response.status_code == 422
    assert "отрицательным" in response.get_data(as_text=True)
    assert count(worked["app"]) == 0


def test_a_far_off_value_asks_for_confirmation_then_is_stored(worked):
    # 41 leads against a target of 20 is plausible; 410 (over 10 x) is not.
    response = post(worked, actual_k1="410")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="410"' in page  # kept for the person to check
    assert f'name="confirm_{worked["ids"]["k1"]}"' in page and "Да, значение верное" in page
    assert "в 10 раз" in page
    assert count(worked["app"]) == 0
    assert post(worked, actual_k1="410", confirm_k1="y").status_code == 302
    assert stored(worked["app"]) == [410]
    # Saving the same value again does not ask again.
    assert post(worked, actual_k1="410").status_code == 302
    assert count(worked["app"]) == 1


def test_a_percentage_over_100_asks_for_confirmation(worked):
    with worked["app"].app_context():
        plan = db.session.get(TrialPlan, worked["plan"])
        items_by_prefix(plan)["k1"].unit = "%"
        items_by_prefix(plan)["k1"].target = 50.0
        db.session.commit()
    response = post(worked, actual_k1="120")
    assert response.status_code == 422 and "больше 100 %" in response.get_data(as_text=True)
    assert post(worked, actual_k1="3 %").status_code == 302
    assert stored(worked["app"]) == [3]


def test_a_stored_value_can_be_cleared(worked):
    assert post(worked, actual_k1="41,5", actual_k2="400").status_code == 302
    page = worked["rec"].get(worked["url"]).get_data(as_text=True)
    assert 'value="41,5"' in page and f'name="clear_{worked["ids"]["k1"]}"' in page
    # Clearing and typing a value at once is a contradiction: nothing changes.
    assert post(worked, actual_k1="42", clear_k1="y").status_code == 422
    assert stored(worked["app"]) == [41.5, 400]
    assert post(worked, actual_k1="", clear_k1="y").status_code == 302
    assert stored(worked["app"]) == [400]
    candidate = worked["rec"].get(f"/probation/candidates/{worked['candidate']}")
    assert "факта пока нет" in candidate.get_data(as_text=True)


def test_the_actuals_form_needs_its_csrf_token(worked, database_url):
    strict = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
        }
    )
    try:
        client = strict.test_client()
        form = client.get("/login").get_data(as_text=True)
        signed_in = client.post(
            "/login",
            data={"email": "rec@acme.test", "password": PASSWORD, "csrf_token": csrf_token(form)},
        )
        assert signed_in.status_code == 302
        page = client.get(worked["url"])
        assert page.status_code == 200
        field = f"actual_{worked['ids']['k1']}"
        refused = client.post(worked["url"], data={field: "15"})
        assert refused.status_code in (400, 422) and count(worked["app"]) == 0
        token = csrf_token(page.get_data(as_text=True))
        taken = client.post(worked["url"], data={field: "15", "csrf_token": token})
        assert taken.status_code == 302 and stored(worked["app"]) == [15]
    finally:
        with strict.app_context():
            db.engine.dispose()


def test_scores_and_numbers_follow_the_interface_language(worked):
    app, rec, ids = worked["app"], worked["rec"], worked["ids"]
    final = worked["checkins"][-1]
    for email in ("eva@acme.test", "ivan@acme.test"):
        client = client_for(app, email)
        data = {f"rating_{ids['t1']}": "2", f"rating_{ids['t2']}": "1"}
        url = f"/probation/candidates/{worked['candidate']}/checkins/{final}/evaluate"
        assert client.post(url, data=data).status_code == 302
    assert post(worked, actual_k1="15", actual_k2="400,5").status_code == 302
    page = rec.get(f"/probation/candidates/{worked['candidate']}").get_data(as_text=True)
    assert "400,5" in page and "74,9 %" in page  # attainment 300 / 400.5
    assert "400.5" not in page
    rec.post("/language", data={"lang": "en", "next": "/"})
    page = rec.get(f"/probation/candidates/{worked['candidate']}").get_data(as_text=True)
    assert "400.5" in page and "74.9 %" in page and "400,5" not in page


def test_ratings_csv_opens_in_russian_excel(worked):
    assert post(worked, actual_k1="15", actual_k2="400,5").status_code == 302
    response = worked["rec"].get(f"/probation/plans/{worked['plan']}/ratings.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.count(";") == 14 and "," not in header
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert all(len(row) == 15 for row in rows)
    actual = rows[0].index("Факт KPI") if "Факт KPI" in rows[0] else 13
    assert sorted(row[actual] for row in rows[1:]) == ["15", "400,5"]

    response = worked["rec"].get(f"/probation/plans/{worked['plan']}/ratings.csv?variant=comma")
    assert response.status_code == 200 and response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert all(len(row) == 15 for row in rows)
    assert sorted(row[13] for row in rows[1:]) == ["15", "400.5"]
    assert "comma" in response.headers["Content-Disposition"]

    bad = worked["rec"].get(f"/probation/plans/{worked['plan']}/ratings.csv?variant=tab")
    assert bad.status_code == 404


def test_the_candidate_and_plan_pages_link_the_downloads(worked):
    for url in (
        f"/probation/candidates/{worked['candidate']}",
        f"/probation/plans/{worked['plan']}",
    ):
        page = worked["rec"].get(url).get_data(as_text=True)
        assert f"/probation/plans/{worked['plan']}/ratings.xlsx" in page
        assert f"/probation/plans/{worked['plan']}/ratings.csv?variant=comma" in page


def test_ratings_xlsx_has_typed_cells(worked):
    app, ids = worked["app"], worked["ids"]
    final = worked["checkins"][-1]
    client = client_for(app, "eva@acme.test")
    url = f"/probation/candidates/{worked['candidate']}/checkins/{final}/evaluate"
    data = {
        f"rating_{ids['t1']}": "2",
        f"comment_{ids['t1']}": '=HYPERLINK("http://evil")',
        f"rating_{ids['t3']}": "na",
    }
    assert client.post(url, data=data).status_code == 302
    assert post(worked, actual_k2="400,5").status_code == 302
    response = worked["rec"].get(f"/probation/plans/{worked['plan']}/ratings.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(header) == 15 and header[0] == "ID кандидата"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 40
    assert len(body) == 3
    for row in body:
        assert isinstance(row[0], int) and isinstance(row[4], int) and isinstance(row[7], int)
        assert isinstance(row[3], datetime | date)
        assert isinstance(row[14], datetime)
    ratings = {row[5][:2]: row for row in body if row[11] is not None}
    assert ratings["t1"][11] == 2 and ratings["t1"][12] == '=HYPERLINK("http://evil")'
    assert ratings["t3"][11] == "н/п"
    kpi = next(row for row in body if row[13] is not None)
    assert kpi[13] == 400.5 and isinstance(kpi[13], float)
    formula_cells = [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formula_cells == []
