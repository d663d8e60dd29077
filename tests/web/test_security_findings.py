"""Regression tests for the findings of the black-box security probe (see SECURITY.md)."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import stat
import zipfile

import pytest
from sqlalchemy import func, select, text

from app.extensions import db
from app.vacancies.models import Vacancy
from tests.web.api_helpers import bearer, token_for, vacancy_body
from tests.web.vacancy_helpers import form_data

HUGE_IDS = (2**63, 2**64)
NOT_IDS = (0, 2**31, *HUGE_IDS)


def _int_rules(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name in rule._converters if f"<int:{name}>" in rule.rule]
        if ints:
            yield rule, ints


@pytest.mark.parametrize("huge", NOT_IDS)
def test_huge_ids_in_urls_are_404_never_500(app, admin, huge):
    """Finding 11: every route with a numeric id answers 2**63 and 2**64 (and 0, and the
    first number past the bound) with 404: never a 500, nor a 405 from a rule that
    matched the path for another method."""
    headers = bearer(token_for(app, "api@acme.test"))
    checked = 0
    for rule, ints in _int_rules(app):
        variants = [dict.fromkeys(ints, huge)]
        variants += [{**dict.fromkeys(ints, 1), name: huge} for name in ints if len(ints) > 1]
        for values in variants:
            path = rule.rule
            for name, value in values.items():
                path = path.replace(f"<int:{name}>", str(value))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                extra = {"headers": headers, "json": {}} if path.startswith("/api/") else {}
                response = admin.open(path, method=method, **extra)
                assert response.status_code == 404, (method, path, response.status_code)
                checked += 1
    assert checked > 60


def test_every_int_route_uses_the_one_id_bound(app):
    """Finding 11: one converter, one constant; no route keeps a plain integer converter."""
    from app.urls import MAX_ID, IdConverter

    rules = list(_int_rules(app))
    assert rules
    for rule, ints in rules:
        for name in ints:
            converter = rule._converters[name]
            assert isinstance(converter, IdConverter), rule.rule
            assert (converter.min, converter.max) == (1, MAX_ID)
    adapter = app.url_map.bind("localhost")
    for value in (0, MAX_ID + 1, 2**63, 2**64):
        with pytest.raises(Exception) as error:
            adapter.match(f"/vacancies/{value}")
        assert getattr(error.value, "code", None) == 404


# Finding 10: stored content that later breaks the pages and the exports.

MANY_LINES = "\n".join(f"л{n}" for n in range(600))  # 2,889 characters
LINES_MESSAGE = re.compile("Не больше 500[\\s\u00a0]строк")
EXPORT_FORMATS = ("html", "md", "txt", "docx", "jsonld", "hh", "telegram")


def _create(admin, **overrides) -> int:
    response = admin.post("/vacancies/new", data=form_data(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


def _vacancy_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(Vacancy.id))).scalar_one()


def test_a_markdown_field_of_too_many_lines_is_refused_in_the_form(app, admin):
    """Finding 10: the form says so beside the field and keeps the text; nothing is saved."""
    response = admin.post("/vacancies/new", data=form_data(conditions_md=MANY_LINES))
    assert response.status_code in (200, 422)
    page = response.get_data(as_text=True)
    assert LINES_MESSAGE.search(page)
    assert "л599" in page  # what was typed comes back
    assert _vacancy_count(app) == 0


def test_a_markdown_field_of_too_many_lines_is_refused_by_the_api(app, client):
    headers = bearer(token_for(app, "api@acme.test"))
    body = vacancy_body(intro_md=MANY_LINES)
    response = client.post("/api/v1/vacancies", json=body, headers=headers)
    assert response.status_code == 422, response.get_json()
    assert "intro_md" in response.get_json()["error"]["fields"]
    assert _vacancy_count(app) == 0


def test_the_organization_defaults_refuse_too_many_lines(app, admin):
    response = admin.post(
        "/admin/organization/vacancy-defaults", data={"defaults-intro_md": MANY_LINES}
    )
    assert LINES_MESSAGE.search(response.get_data(as_text=True))


def test_already_stored_long_markdown_still_shows_and_exports(app, admin):
    """Finding 10: text saved before the check renders as plain paragraphs, never a 500."""
    vid = _create(admin)
    with app.app_context():
        vacancy = db.session.get(Vacancy, vid)
        vacancy.data = {**vacancy.data, "intro_md": MANY_LINES + "\n" + "x" * 30_000}
        db.session.commit()
    page = admin.get(f"/vacancies/{vid}")
    assert page.status_code == 200
    assert "л599" in page.get_data(as_text=True)
    for fmt in EXPORT_FORMATS:
        response = admin.get(f"/vacancies/{vid}/download/{fmt}")
        # hh.ru's own size limit refuses a text this long, with a message (422).
        assert response.status_code == (422 if fmt == "hh" else 200), fmt


def test_control_character_references_do_not_break_the_docx_or_the_zip(app, admin):
    """Finding 10: `&#x4;` reaches no XML: the DOCX and a ZIP of DOCX files download."""
    text = "Мы &#x4; сеть &#0; кофеен &#xFFFE; [сайт](https://romashka.test/&#x1;)"
    vid = _create(admin, intro_md=text)
    response = admin.get(f"/vacancies/{vid}/download/docx")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as docx:
        body = docx.read("word/document.xml").decode()
        rels = docx.read("word/_rels/document.xml.rels").decode()
    assert "сеть" in body and "\x04" not in body and "&#x4;" not in body
    assert "https://romashka.test/" in rels and "\x01" not in rels
    job_page = admin.post("/vacancies/download", data={"format": "docx", "ids": [str(vid)]})
    archive = admin.get(job_page.headers["Location"] + "/download")
    assert archive.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(archive.get_data())).namelist()


def test_the_markdown_download_holds_no_raw_html(app, admin):
    """Finding 4: the probe's link (a line break, then an <img onerror>) stays inert."""
    probe = '<a href="https://e.test/&#10;&lt;img src=x onerror=alert(1)&gt;">сайт</a>'
    vid = _create(admin, intro_md=probe)
    md = admin.get(f"/vacancies/{vid}/download/md").get_data(as_text=True)
    assert "<img" not in md and "<" not in md
    assert "[сайт](https://e.test/%3Cimg" in md


# Finding 9: pages and downloads with personal data are not kept by browsers or proxies.


def test_pages_and_downloads_with_personal_data_are_not_stored(app):
    """Finding 9: one rule, every answer to a signed-in user says `no-store`."""
    from tests.conftest import make_user
    from tests.web.test_probation_notice import add_people, setup_candidate
    from tests.web.test_probation_views import client_for

    add_people(app)
    make_user(app, "chief@acme.test", "admin", "Acme")
    candidate_id, plan_id = setup_candidate(app)
    rec, chief = client_for(app, "rec@acme.test"), client_for(app, "chief@acme.test")
    answers = {
        "candidate": rec.get(f"/probation/candidates/{candidate_id}"),
        "plan": rec.get(f"/probation/plans/{plan_id}"),
        "probation": rec.get("/probation/"),
        "vacancies": rec.get("/vacancies/"),
        "report": rec.get(f"/probation/candidates/{candidate_id}/report.pdf"),
        "notice": rec.post(f"/probation/candidates/{candidate_id}/notice", data={"format": "pdf"}),
        "users": chief.get("/admin/users"),
        "audit": chief.get("/admin/audit"),
        "org export": chief.get("/admin/export/download", follow_redirects=True),
    }
    for name, response in answers.items():
        assert response.status_code == 200, (name, response.status_code)
        assert response.headers.get("Cache-Control") == "no-store", name
    # Public pages and static files keep their caching.
    anonymous = app.test_client()
    assert "no-store" not in anonymous.get("/login").headers.get("Cache-Control", "")
    with rec.get("/static/css/app.css") as static:
        assert static.status_code == 200
        assert "no-store" not in static.headers.get("Cache-Control", "")


# Finding 14: the database files are readable by the app's account only.


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_database_and_its_wal_and_shm_files_are_0600(tmp_path):
    from app import create_app

    old = os.umask(0o022)
    try:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "t",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'new.sqlite3'}",
            }
        )
        with app.app_context():
            db.session.execute(text("CREATE TABLE t (x INTEGER)"))
            db.session.execute(text("INSERT INTO t VALUES (1)"))
            db.session.commit()
            files = [tmp_path / f"new.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
            assert all(f.exists() for f in files)
            assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
            db.engine.dispose()
    finally:
        os.umask(old)


def test_an_existing_readable_database_is_made_private(tmp_path):
    from app import create_app

    path = tmp_path / "old.sqlite3"
    sqlite3.connect(path).close()
    path.chmod(0o644)
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}
    )
    with app.app_context():
        db.session.execute(text("SELECT 1"))
        db.session.commit()
        db.engine.dispose()
    assert _mode(path) == 0o600


def test_the_development_secret_key_and_instance_folder_are_private(tmp_path):
    from app.config import development_secret_key

    development_secret_key(tmp_path / "inst")
    assert _mode(tmp_path / "inst" / "secret_key") == 0o600
    assert _mode(tmp_path / "inst") == 0o700


@pytest.mark.parametrize(
    "args",
    [
        ["vacancies", "export", str(2**63), "--format", "md", "-o", "-"],
        ["tokens", "revoke", str(2**64)],
        ["org", "export", str(2**63), "-o", "-"],
    ],
)
def test_commands_refuse_huge_ids_with_a_message(runner, args):
    """Finding 11, for operators: the same bound on ids given to commands."""
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
