"""The art. 71 notice: made for a failed probation (or «decide now» when the recruiter
decides), with the reasons from the scored items, in PDF and DOCX; refused otherwise."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import func, select

from app.accounts.models import AuditEvent
from app.domain.probation.errors import InvalidInput
from app.extensions import db
from app.probation.candidates import add_candidate, erase_candidate
from app.probation.evaluations import record_evaluation, record_kpi_actuals
from app.probation.evaluators import set_evaluators
from app.probation.models import Candidate, Rating
from tests.web.test_probation_service import (
    START,
    add_people,
    items_by_prefix,
    org_of,
    user,
    worked_example_plan,
)
from tests.web.test_probation_views import client_for

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def people(app):
    add_people(app)
    return app


def setup_candidate(app, *, t1=(0, 1), t2=1, k=(15, 400), critical=True, name="Анна Смирнова"):
    """The worked example's plan with one candidate rated at the final check-in."""
    with app.app_context():
        plan = worked_example_plan(org_of(), critical_t1=critical)
        eva, ivan = user("eva@acme.test"), user("ivan@acme.test")
        set_evaluators(plan, [eva.id, ivan.id])
        candidate = add_candidate(plan, name=name, position_title="SMM-менеджер", start_date=START)
        t = items_by_prefix(plan)
        final = plan.checkins[-1]
        for who, first, comment in zip(
            (eva, ivan), t1, ("Анализ аудитории не сдан", "Сдан частично"), strict=True
        ):
            record_evaluation(
                candidate,
                who,
                final,
                {t["t1"].id: first, t["t2"].id: t2, t["t3"].id: None},
                {t["t1"].id: comment},
            )
        record_kpi_actuals(candidate, final, {t["k1"].id: k[0], t["k2"].id: k[1]}, eva)
        org = org_of()
        org.logo_mime, org.logo_data = "image/png", PNG
        db.session.commit()
        return candidate.id, plan.id


def audits(app) -> int:
    with app.app_context():
        return db.session.execute(
            select(func.count(AuditEvent.id)).filter_by(action="probation-notice")
        ).scalar_one()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_notice_for_a_failed_probation_lists_the_reasons_in_pdf_and_docx(people):
    app = people
    candidate_id, _plan = setup_candidate(app)
    rec = client_for(app, "rec@acme.test")
    page = rec.get(f"/probation/candidates/{candidate_id}")
    assert 'data-testid="notice-link"' in page.get_data(as_text=True)
    preview = rec.get(f"/probation/candidates/{candidate_id}/notice")
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "Анализ аудитории не сдан" in html and "t1 audience analysis delivered" in html

    response = rec.post(f"/probation/candidates/{candidate_id}/notice", data={"format": "pdf"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "Уведомление о неудовлетворительном результате испытания" in text
    assert "Анна Смирнова" in text and "SMM-менеджер" in text and "Acme" in text
    # The critical task first with both evaluators' comments; t2 (1 of 2) is below too.
    assert text.index("t1 audience analysis delivered") < text.index("t2 content plan")
    assert "Анализ аудитории не сдан" in text and "Сдан частично" in text
    assert "k1 leads" in text and "k2 cost per lead" in text  # KPI actual against target
    assert "t3 contest run" not in text  # n/a only: no value, no reason
    assert "ст. 71" in text or "статьи 71" in text
    # Probation from 2 Feb 2026, three months: the last day is 1 May, the notice by 28 April.
    assert "1 мая 2026" in text and "28 апреля 2026" in text
    assert "С уведомлением ознакомлен(а)" in text and "Представитель работодателя" in text
    assert re.search(r"стр\. 1 из \d", text)
    reader = PdfReader(io.BytesIO(response.data))
    assert any(page.images for page in reader.pages)  # the organization's logo
    assert audits(app) == 1

    response = rec.post(f"/probation/candidates/{candidate_id}/notice", data={"format": "docx"})
    assert response.status_code == 200 and "wordprocessingml" in response.mimetype
    document = Document(io.BytesIO(response.data))
    words = "\n".join(p.text for p in document.paragraphs)
    assert "Уведомление о неудовлетворительном результате испытания" in words
    assert "Анализ аудитории не сдан" in words and "k2 cost per lead" in words
    assert "С уведомлением ознакомлен(а)" in words and "28 апреля 2026" in words
    assert document.inline_shapes  # the logo
    assert audits(app) == 2


def test_a_passed_probation_gets_no_notice(people):
    app = people
    candidate_id, _plan = setup_candidate(app, t1=(2, 2), t2=2, k=(20, 300), critical=False)
    rec = client_for(app, "rec@acme.test")
    page = rec.get(f"/probation/candidates/{candidate_id}").get_data(as_text=True)
    assert 'data-testid="notice-link"' not in page
    for response in (
        rec.get(f"/probation/candidates/{candidate_id}/notice"),
        rec.post(f"/probation/candidates/{candidate_id}/notice", data={"format": "pdf"}),
    ):
        assert response.status_code == 409
        assert "не пройден" in response.get_data(as_text=True) or "not fail" in response.get_data(
            as_text=True
        )
    assert audits(app) == 0


def test_the_middle_verdict_needs_the_recruiters_decision(people):
    app = people
    # Score 100 × (3×1 + 2×1 + 2×1.5 + 1×1.5) / 16 = 59.4: between 50 and 75.
    candidate_id, _plan = setup_candidate(app, t1=(1, 1), t2=1, critical=False)
    rec = client_for(app, "rec@acme.test")
    url = f"/probation/candidates/{candidate_id}/notice"
    assert rec.get(url).status_code == 200
    refused = rec.post(url, data={"format": "pdf"})
    assert refused.status_code == 422 and audits(app) == 0
    response = rec.post(url, data={"format": "docx", "confirm": "y"})
    assert response.status_code == 200 and audits(app) == 1


def test_no_notice_for_an_erased_candidate_another_organization_or_an_evaluator(people):
    app = people
    candidate_id, _plan = setup_candidate(app)
    url = f"/probation/candidates/{candidate_id}/notice"
    assert client_for(app, "boss@other.test").post(url, data={"format": "pdf"}).status_code == 404
    assert client_for(app, "eva@acme.test").post(url, data={"format": "pdf"}).status_code == 403
    with app.app_context():
        erase_candidate(db.session.get(Candidate, candidate_id), user("rec@acme.test"))
        db.session.commit()
    rec = client_for(app, "rec@acme.test")
    assert rec.post(url, data={"format": "pdf"}).status_code == 409
    assert rec.get(url).status_code == 409
    assert audits(app) == 0


def test_a_critical_task_rated_0_needs_a_comment(people):
    app = people
    with app.app_context():
        plan = worked_example_plan(org_of(), critical_t1=True)
        eva = user("eva@acme.test")
        set_evaluators(plan, [eva.id])
        candidate = add_candidate(plan, name="Анна", position_title="SMM", start_date=START)
        t = items_by_prefix(plan)
        final = plan.checkins[-1]
        with pytest.raises(InvalidInput) as refused:
            record_evaluation(candidate, eva, final, {t["t1"].id: 0}, {t["t1"].id: "  "})
        assert refused.value.field == f"comments.{t['t1'].id}"
        # A non-critical task may be rated 0 without a comment; a stored comment counts.
        record_evaluation(candidate, eva, final, {t["t2"].id: 0})
        record_evaluation(candidate, eva, final, {t["t1"].id: 1}, {t["t1"].id: "Слабо"})
        record_evaluation(candidate, eva, final, {t["t1"].id: 0})
        db.session.commit()
        assert {r.value for r in db.session.scalars(select(Rating))} == {0}
        candidate_id, checkin_id, t1 = candidate.id, final.id, t["t1"].id
    # Through the form: 422 and the message beside the comment, nothing stored.
    client = client_for(app, "eva@acme.test")
    url = f"/probation/candidates/{candidate_id}/checkins/{checkin_id}/evaluate"
    response = client.post(url, data={f"rating_{t1}": "0", f"comment_{t1}": ""})
    assert response.status_code == 422
    assert "комментари" in response.get_data(as_text=True).lower()
    with app.app_context():
        kept = db.session.scalars(select(Rating).filter_by(item_id=t1)).one()
        assert (kept.value, kept.comment) == (0, "Слабо")


def test_the_report_pdf_has_page_numbers_a_running_header_the_logo_and_signatures(people):
    app = people
    candidate_id, _plan = setup_candidate(app)
    rec = client_for(app, "rec@acme.test")
    response = rec.get(f"/probation/candidates/{candidate_id}/report.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, start=1):
        assert f"стр. {number} из {total}" in text
        # The running header: organization, candidate and plan on every page.
        assert "Acme" in text and "Анна Смирнова" in text and "План: Trial plan" in text
        # No page holds only the running header, the page number and a line or two.
        assert len(text) > 250, (number, text)
    flat = " ".join(pages)
    assert "Цель Цель" not in flat and "Показатель Цель" in flat
    assert "Составил(а)" in flat and "С отчётом ознакомлен(а)" in flat
    assert flat.rindex("С отчётом ознакомлен(а)") > flat.rindex("t3 contest run")
    # The logo on the first page and in the running header of every page.
    assert all(page.images for page in reader.pages)


def test_the_report_without_a_logo_has_no_image(people):
    app = people
    candidate_id, _plan = setup_candidate(app)
    with app.app_context():
        org = org_of()
        org.logo_mime, org.logo_data = None, None
        db.session.commit()
    response = client_for(app, "rec@acme.test").get(
        f"/probation/candidates/{candidate_id}/report.pdf"
    )
    reader = PdfReader(io.BytesIO(response.data))
    assert not any(page.images for page in reader.pages)


def test_the_notice_through_the_api(people):
    from tests.web.api_helpers import bearer, token_for

    app = people
    candidate_id, _plan = setup_candidate(app)
    rec = bearer(token_for(app, "rec@acme.test", "recruiter", create=False))
    client = app.test_client()
    url = f"/api/v1/candidates/{candidate_id}/notice"
    response = client.get(f"{url}?format=pdf", headers=rec)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "Анализ аудитории не сдан" in pdf_text(response.data)
    response = client.get(f"{url}?format=docx", headers=rec)
    assert response.status_code == 200 and "wordprocessingml" in response.mimetype
    assert audits(app) == 2
    assert client.get(f"{url}?format=odt", headers=rec).status_code == 400
    other = bearer(token_for(app, "boss@other.test", "admin", "Other", create=False))
    assert client.get(f"{url}?format=pdf", headers=other).status_code == 404
    evaluator = bearer(token_for(app, "eva@acme.test", "evaluator", create=False))
    assert client.get(f"{url}?format=pdf", headers=evaluator).status_code == 403
    with app.app_context():
        erase_candidate(db.session.get(Candidate, candidate_id), user("rec@acme.test"))
        db.session.commit()
    response = client.get(f"{url}?format=pdf", headers=rec)
    assert response.status_code == 409 and response.json["error"]["code"] == "candidate_erased"
    assert audits(app) == 2


def test_the_api_refuses_a_notice_for_a_pass_and_asks_for_the_decision_in_the_middle(people):
    from tests.web.api_helpers import bearer, token_for

    app = people
    passed, _ = setup_candidate(app, t1=(2, 2), t2=2, k=(20, 300), critical=False)
    middle, _ = setup_candidate(app, t1=(1, 1), t2=1, critical=False, name="Борис")
    rec = bearer(token_for(app, "rec@acme.test", "recruiter", create=False))
    client = app.test_client()
    response = client.get(f"/api/v1/candidates/{passed}/notice?format=pdf", headers=rec)
    assert response.status_code == 409 and response.json["error"]["code"] == "not_failed"
    url = f"/api/v1/candidates/{middle}/notice?format=docx"
    response = client.get(url, headers=rec)
    assert response.status_code == 409 and response.json["error"]["code"] == "decision_required"
    assert audits(app) == 0
    assert client.get(url + "&decided=true", headers=rec).status_code == 200
    assert audits(app) == 1
