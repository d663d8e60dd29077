"""«Проверить готовую вакансию»: the page, the draft it makes, bad input, the API, and the
composer's flagged lines."""

from __future__ import annotations

import io
import re
from pathlib import Path

import jsonschema_rs
from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.vacancies.models import Vacancy
from tests.conftest import CHEAP_HASH, csrf_token, login, make_user
from tests.web.api_helpers import bearer, token_for
from tests.web.vacancy_helpers import form_data

DATA = Path(__file__).resolve().parents[1] / "data" / "intake"
POSTING = (DATA / "03-caps-headings.txt").read_text(encoding="utf-8")


def vacancy_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(Vacancy.id))).scalar_one()


def test_the_list_and_the_composer_link_the_page(admin):
    assert 'href="/vacancies/analyze"' in admin.get("/vacancies/").get_data(as_text=True)
    assert 'href="/vacancies/analyze"' in admin.get("/vacancies/new").get_data(as_text=True)
    page = admin.get("/vacancies/analyze")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Проверить готовую вакансию" in html and 'enctype="multipart/form-data"' in html


def test_paste_shows_sections_guesses_findings_and_marks(app, admin):
    response = admin.post("/vacancies/analyze", data={"text": POSTING, "action": "analyze"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-code="discriminatory-requirement"' in html
    mark = re.search(r'<mark class="mark-error" title="([^"]+)" aria-describedby="([^"]+)"', html)
    assert mark, html[:2000]
    target = mark.group(2).split()[0]
    assert f'id="{target}"' in html
    marked = re.findall(r"<mark[^>]*>([^<]*)</mark>", html)
    assert any("Девушка" in m or "30 лет" in m or "славянской" in m for m in marked)
    assert "Санкт-Петербург" in html and "ВКонтакте" in html
    assert "ТРЕБОВАНИЯ" in html  # the section heading as written
    assert "Создать черновик" in html
    assert vacancy_count(app) == 0  # nothing stored by a check


def test_create_draft_stores_the_draft_and_opens_its_editor(app, admin):
    response = admin.post("/vacancies/analyze", data={"text": POSTING, "action": "create"})
    assert response.status_code == 302
    vacancy_id = int(re.search(r"/vacancies/(\d+)/edit", response.headers["Location"]).group(1))
    with app.app_context():
        vacancy = db.session.get(Vacancy, vacancy_id)
        assert vacancy.status == "draft" and vacancy.title == "SMM-МЕНЕДЖЕР (САНКТ-ПЕТЕРБУРГ)"
        assert "develop-strategy" in vacancy.data["duties"]
        assert "Девушка до 30 лет, славянской внешности" in vacancy.data["custom_requirements"]
        assert vacancy.error_count >= 1
    editor = admin.get(f"/vacancies/{vacancy_id}/edit").get_data(as_text=True)
    # the flagged line is listed under its field with the words marked
    flagged = re.search(r'<ul class="flagged-lines"[^>]*>(.*?)</ul>', editor, re.S)
    assert flagged and "<mark" in flagged.group(1) and "Девушка" in flagged.group(1)
    assert 'data-item="custom_requirements:' in editor
    assert "js/highlight.js" in editor and "<script>" not in editor


def test_an_upload_is_read_and_its_text_kept_in_the_field(app, admin):
    data = {
        "text": "",
        "action": "analyze",
        "upload": (io.BytesIO(POSTING.encode("cp1251")), "v.txt"),
    }
    response = admin.post("/vacancies/analyze", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Девушка до 30 лет" in html and 'data-code="discriminatory-requirement"' in html


def test_bad_input_gets_a_message_beside_the_field_and_nothing_is_stored(app, admin):
    cases = [
        ({"text": "   ", "action": "create"}, "text", "В тексте нет ни одного слова."),
        ({"text": "а " * 60_000, "action": "create"}, "text", "Текст длиннее"),
        (
            {"text": "что-то", "action": "create",
             "upload": (io.BytesIO(b"\x00\x01\x02\x03" * 100), "photo.txt")},
            "upload", "не похож на текст",
        ),
        (
            {"text": "", "action": "create",
             "upload": (io.BytesIO(b"PK\x03\x04broken"), "vacancy.docx")},
            "upload", "Файл Word повреждён",
        ),
    ]  # fmt: skip
    for data, field, message in cases:
        response = admin.post("/vacancies/analyze", data=data, content_type="multipart/form-data")
        assert response.status_code == 422, message
        html = response.get_data(as_text=True)
        error = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
        assert error and message in error.group(1), html[:3000]
    kept = admin.post("/vacancies/analyze", data={"text": "   \nабв   ", "action": "create"})
    assert kept.status_code == 302  # a word is enough to make a draft
    assert vacancy_count(app) == 1
    # the typed text stays in the field after a refusal
    response = admin.post(
        "/vacancies/analyze",
        data={"text": "Мой текст", "action": "analyze",
              "upload": (io.BytesIO(b"MZ\x90"), "x.exe")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 422 and "Мой текст" in response.get_data(as_text=True)


def test_messages_follow_the_interface_language(admin):
    admin.post("/language", data={"lang": "en", "next": "/"})
    response = admin.post("/vacancies/analyze", data={"text": " ", "action": "analyze"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "The text has no words in it." in html and "Check an existing vacancy" in html


def test_evaluators_may_not_use_it(app, client):
    make_user(app, "eva@acme.test", "evaluator")
    login(client, "eva@acme.test")
    assert client.get("/vacancies/analyze").status_code == 403
    assert client.post("/vacancies/analyze", data={"text": POSTING}).status_code == 403


def test_without_the_csrf_token_nothing_is_stored(app, database_url):
    strict = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            "WTF_CSRF_ENABLED": True,
        }
    )
    try:
        make_user(strict, "csrf@acme.test", "recruiter")
        client = strict.test_client()
        page = client.get("/login").get_data(as_text=True)
        client.post(
            "/login",
            data={"email": "csrf@acme.test", "password": "correct horse battery staple",
                  "csrf_token": csrf_token(page)},
        )  # fmt: skip
        form = client.get("/vacancies/analyze").get_data(as_text=True)
        assert 'name="csrf_token"' in form
        refused = client.post("/vacancies/analyze", data={"text": POSTING, "action": "create"})
        assert refused.status_code in (400, 422)
        assert vacancy_count(strict) == 0
        done = client.post(
            "/vacancies/analyze",
            data={"text": POSTING, "action": "create", "csrf_token": csrf_token(form)},
        )
        assert done.status_code == 302 and vacancy_count(strict) == 1
    finally:
        with strict.app_context():
            db.session.remove()
            db.engine.dispose()


def test_the_composer_marks_flagged_custom_lines(admin):
    data = form_data(custom_requirements="Опыт от года\nДевушка до 25 лет")
    html = admin.post("/vacancies/check", data=data).get_data(as_text=True)
    assert 'data-item="custom_requirements:1"' in html
    page = admin.post("/vacancies/new", data={**data, "action": "defaults"}).get_data(as_text=True)
    flagged = re.search(r'<ul class="flagged-lines"[^>]*>(.*?)</ul>', page, re.S)
    assert flagged and "Девушка" in flagged.group(1) and "<mark" in flagged.group(1)
    assert "Опыт от года" not in flagged.group(1)


def test_api_analyze_answers_as_documented(app, client):
    headers = bearer(token_for(app, "rec@acme.test", "recruiter"))
    response = client.post("/api/v1/vacancies/analyze", json={"text": POSTING}, headers=headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    document = client.get("/api/v1/openapi.json").get_json()
    assert "post" in document["paths"]["/vacancies/analyze"]
    validator = jsonschema_rs.Draft202012Validator(
        {"$ref": "#/components/schemas/Analysis", "components": document["components"]}
    )
    assert not [e.message for e in validator.iter_errors(body)][:3]
    assert body["guesses"]["role"] == "smm-manager" and body["guesses"]["networks"] == ["vk"]
    assert [s["kind"] for s in body["sections"]] == [
        "about",
        "duties",
        "requirements",
        "conditions",
    ]
    found = next(w for w in body["warnings"] if w["code"] == "discriminatory-requirement")
    span = found["text_span"]
    assert (
        "Девушка" in POSTING[span["start"] : span["end"]]
        or "30" in POSTING[span["start"] : span["end"]]
    )
    assert body["draft"]["role"] == "smm-manager" and "develop-strategy" in body["draft"]["duties"]
    assert vacancy_count(app) == 0


def test_api_analyze_refuses_bad_bodies(app, client):
    headers = bearer(token_for(app, "rec@acme.test", "recruiter"))
    for body in ({"text": ""}, {"text": "  \n "}, {"text": "a" * 100_001}, {"text": 5}, {},
                 {"text": "x", "extra": 1}):  # fmt: skip
        response = client.post("/api/v1/vacancies/analyze", json=body, headers=headers)
        assert response.status_code == 422, body
        assert response.get_json()["error"]["fields"]
    evaluator = bearer(token_for(app, "eva@acme.test", "evaluator"))
    assert (
        client.post(
            "/api/v1/vacancies/analyze", json={"text": POSTING}, headers=evaluator
        ).status_code
        == 403
    )
