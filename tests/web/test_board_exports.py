"""Job-board exports on the vacancy page and in the API: the hh.ru fixes listed before
download, the Telegram post block with its copy button, and the telegram format."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.web.api_helpers import bearer, create_vacancy, token_for
from tests.web.vacancy_helpers import form_data

NO_EMAIL = "Откликайтесь на hh.ru: расскажите, какой пост за год вы считаете лучшим."


@pytest.fixture
def headers(app) -> dict[str, str]:
    return bearer(token_for(app, "rec@acme.test", "recruiter", "Acme"))


def create(admin, **overrides) -> int:
    response = admin.post("/vacancies/new", data=form_data(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


def test_page_lists_the_hh_fixes_before_download(app, admin):
    vid = create(admin, location="Урюпинск")  # the form's apply text holds an e-mail
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    block = re.search(r'<div class="alert alert-warning small" id="hh-fixes">(.*?)</div>', page,
                      re.S)  # fmt: skip
    assert block, page[:2000]
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    text = html.unescape(" ".join(items))
    assert len(items) == 2
    assert "Урюпинск" in text and "e-mail" in text
    refused = admin.get(f"/vacancies/{vid}/download/hh")
    assert refused.status_code == 422
    assert "Урюпинск" in html.unescape(refused.get_data(as_text=True))


def test_a_vacancy_that_fits_has_no_fixes_and_downloads(app, admin):
    vid = create(admin, apply_md=NO_EMAIL)
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    assert 'id="hh-fixes"' not in page
    response = admin.get(f"/vacancies/{vid}/download/hh")
    assert response.status_code == 200
    payload = json.loads(response.data)
    assert payload["area"] == {"id": "88"}  # Казань
    assert payload["professional_roles"] == [{"id": "3"}]
    assert payload["key_skills"] and all(len(s["name"]) <= 40 for s in payload["key_skills"])


def test_page_shows_the_telegram_post_with_a_copy_button(app, admin):
    vid = create(admin)
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    assert 'id="telegram-post"' in page
    field = re.search(r'<textarea id="telegram-part-1"[^>]*readonly[^>]*>(.*?)</textarea>', page,
                      re.S)  # fmt: skip
    assert field, "the post is readable without JavaScript"
    post = html.unescape(field.group(1))
    assert post.startswith("<b>") and "#вакансия" in post and len(post) <= 4096
    button = re.search(r"<button[^>]*data-copy-target=\"telegram-part-1\"[^>]*>", page)
    assert button and " hidden" in button.group(0)  # shown by copy.js only
    assert re.search(r'<script src="/static/js/copy\.js[^"]*" defer>', page)
    assert "<script>" not in page.split("</head>")[1]  # no inline script (CSP)
    with admin.get("/static/js/copy.js") as script:
        assert script.status_code == 200
        js = script.get_data(as_text=True)
    assert "navigator.clipboard" in js and "select()" in js


def test_long_post_is_shown_as_numbered_parts(app, admin):
    long_text = "Очень длинный рассказ о компании и её кофейнях. " * 100
    vid = create(admin, intro_md=long_text[:4990], conditions_md=long_text[:4990])
    page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    fields = re.findall(r'<textarea id="telegram-part-(\d+)"[^>]*>(.*?)</textarea>', page, re.S)
    assert len(fields) >= 3
    for number, text in fields:
        post = html.unescape(text)
        assert post.startswith(f"{number}/{len(fields)}\n") and len(post) <= 4096


def test_telegram_download_from_the_page(app, admin):
    vid = create(admin)
    response = admin.get(f"/vacancies/{vid}/download/telegram")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"].endswith('.telegram.txt"')
    assert response.get_data(as_text=True).startswith("<b>")


def test_api_exports_the_telegram_post(client, headers):
    vacancy = create_vacancy(client, headers, title="SMM-менеджер")
    response = client.get(f"/api/v1/vacancies/{vacancy['id']}/export?format=telegram",
                          headers=headers)  # fmt: skip
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.get_data(as_text=True).startswith("<b>SMM-менеджер</b>")


def test_api_refusal_names_every_hh_fix(client, headers):
    vacancy = create_vacancy(client, headers, location="Урюпинск", experience="1-3")
    response = client.get(f"/api/v1/vacancies/{vacancy['id']}/export?format=hh",
                          headers=headers)  # fmt: skip
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "hh_limits"
    assert set(error["fields"]) == {"area", "description"}
    assert any("Урюпинск" in message for message in error["fields"]["area"])


def test_openapi_lists_the_telegram_format(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/vacancies/{vacancy_id}/export"]["get"]
    (param,) = [p for p in operation["parameters"] if p["name"] == "format"]
    assert "telegram" in param["schema"]["enum"] and "hh" in param["schema"]["enum"]
    media = operation["responses"]["200"]["content"]
    assert "text/plain" in media
