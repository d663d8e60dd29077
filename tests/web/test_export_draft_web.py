"""Downloads of a saved vacancy: a draft's files say «Черновик», a published one's its date."""

from __future__ import annotations

import io
import re

from docx import Document

from app.exports.labels import format_date
from app.extensions import db
from app.vacancies.models import Vacancy
from tests.pdf_words import normalize, pdf_pages
from tests.web.vacancy_helpers import form_data


def create(admin) -> int:
    response = admin.post("/vacancies/new", data=form_data())
    assert response.status_code == 302
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


def pdf_text(admin, vid: int) -> str:
    response = admin.get(f"/vacancies/{vid}/download/pdf")
    assert response.status_code == 200
    return normalize(" ".join(page.text() for page in pdf_pages(response.get_data())))


def test_draft_then_published_then_back_to_draft(app, admin):
    vid = create(admin)
    draft = pdf_text(admin, vid)
    assert normalize("ЧЕРНОВИК") in draft and normalize("Опубликовано") not in draft
    docx = Document(io.BytesIO(admin.get(f"/vacancies/{vid}/download/docx").get_data()))
    assert "ЧЕРНОВИК" in docx.sections[0].header.paragraphs[-1].text

    assert admin.post(f"/vacancies/{vid}/publish").status_code == 302
    with app.app_context():
        day = db.session.get(Vacancy, vid).published_at.date()
    published = pdf_text(admin, vid)
    assert normalize(f"Опубликовано {format_date(day, 'ru')}") in published
    assert normalize("Черновик") not in published
    assert "Черновик" not in admin.get(f"/vacancies/{vid}/download/txt").get_data(as_text=True)

    with app.app_context():
        db.session.get(Vacancy, vid).status = "draft"
        db.session.commit()
    again = admin.get(f"/vacancies/{vid}/download/md").get_data(as_text=True)
    assert "Черновик" in again and "Опубликовано" not in again
