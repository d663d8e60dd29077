"""The task queue as production runs it: jobs wait on the queue (huey on an SQLite file)
until a worker takes them. Here the worker is this test, consuming huey's queue."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.database import utcnow
from app.extensions import db
from app.jobs import queue, tasks
from app.jobs.models import Job
from tests.conftest import app_on
from tests.web.vacancy_helpers import form_data


@pytest.fixture
def app(database_url, tmp_path):
    yield from app_on(
        database_url,
        tmp_path,
        JOBS_EAGER=False,
        QUEUE_DB=str(tmp_path / "queue.sqlite3"),
        PRERENDER_ON_SAVE=True,
        EXPORT_WAIT_SECONDS=0.3,
        JOB_RETRIES=2,
    )


def work(app, limit: int = 50) -> int:
    """Be the worker: run every task on the queue (as `flask worker` would); how many."""
    huey = app.extensions["smm.huey"]
    ran = 0
    while ran < limit:
        task = huey.dequeue()
        if task is None:
            break
        huey.execute(task)
        ran += 1
    return ran


def jobs(app) -> list[Job]:
    with app.app_context():
        rows = db.session.execute(select(Job).order_by(Job.id)).scalars().all()
        db.session.expunge_all()
        return rows


def create(admin, **overrides) -> int:
    response = admin.post("/vacancies/new", data=form_data(**overrides))
    assert response.status_code == 302
    return int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))


def test_a_save_queues_its_pdf_and_docx_and_the_download_is_a_cache_hit(app, admin):
    vid = create(admin)
    queued = jobs(app)
    assert [(j.kind, j.params["format"], j.status) for j in queued] == [
        ("render", "pdf", "queued"),
        ("render", "docx", "queued"),
    ]
    assert work(app) == 2
    assert [j.status for j in jobs(app)] == ["done", "done"]
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        response = admin.get(f"/vacancies/{vid}/download/{fmt}")
        assert response.status_code == 200 and response.data.startswith(magic)
    assert len(jobs(app)) == 2  # no new job: both came from the cache


def test_a_download_before_the_worker_waits_then_says_it_is_being_made(app, admin):
    vid = create(admin)
    response = admin.get(f"/vacancies/{vid}/download/pdf", headers={"Accept-Language": "ru"})
    assert response.status_code == 202
    assert response.headers["Retry-After"] == "3"
    assert "Файл готовится" in response.get_data(as_text=True)
    work(app)
    response = admin.get(f"/vacancies/{vid}/download/pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_an_edit_queues_the_new_version_and_a_publish_its_final_document(app, admin):
    vid = create(admin)
    work(app)
    page = admin.get(f"/vacancies/{vid}/edit").get_data(as_text=True)
    version = re.search(r'name="base_version"[^>]*value="(\d+)"', page)
    data = form_data(title="SMM-менеджер (новое название)")
    if version:
        data["base_version"] = version.group(1)
    assert admin.post(f"/vacancies/{vid}/edit", data=data).status_code == 302
    assert [j.status for j in jobs(app)][-2:] == ["queued", "queued"]
    work(app)
    assert all(j.status == "done" for j in jobs(app))


def test_a_transient_failure_is_retried_then_marked_failed_for_admins(app, admin, monkeypatch):
    from app.exports import worker

    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise worker.RenderError("boom", code="failed", detail="render process died")

    monkeypatch.setattr(worker, "render_pdf_safely", broken)
    vid = create(admin)
    huey = app.extensions["smm.huey"]
    # The first try and JOB_RETRIES (2) retries, each put back on the schedule with a
    # growing delay; the clock is moved on instead of waiting.
    clock = utcnow().replace(tzinfo=None)
    for _ in range(10):
        clock += timedelta(hours=1)
        task = huey.dequeue()
        if task is None:
            later = huey.read_schedule(clock)
            if not later:
                break
            task = later[0]
        huey.execute(task, timestamp=clock)
    pdf = next(j for j in jobs(app) if j.params["format"] == "pdf")
    assert len(calls) == 3 and pdf.attempts == 3
    assert pdf.status == "failed" and pdf.message == "failed"
    page = admin.get("/admin/jobs?failed=1", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and f"VAC-{vid}" in text
    assert "The file could not be made." in text and "render process died" in text
    # The user asking for the file hears why, in words.
    response = admin.get(f"/vacancies/{vid}/download/pdf", headers={"Accept-Language": "en"})
    assert response.status_code in (202, 503)


def test_a_job_whose_worker_died_is_queued_again_by_the_sweep(app, admin):
    create(admin)
    huey = app.extensions["smm.huey"]
    huey.flush()  # the queue lost its messages (a worker killed after taking them)
    with app.app_context():
        db.session.execute(
            update(Job).values(status="running", updated_at=utcnow() - timedelta(minutes=5))
        )
        db.session.commit()
        assert queue.sweep(app) == 2
    assert work(app) == 2
    assert [j.status for j in jobs(app)] == ["done", "done"]
    assert [j.attempts for j in jobs(app)] == [1, 1]


def test_a_live_job_is_not_run_twice(app, admin):
    create(admin)
    with app.app_context():
        first = db.session.execute(select(Job.id).order_by(Job.id)).scalars().first()
        db.session.execute(update(Job).where(Job.id == first).values(status="running"))
        db.session.commit()
        tasks.run(first, final=True)  # a duplicate message while the job is fresh
        assert db.session.get(Job, first).status == "running"
        assert queue.sweep(app) == 0


def test_jobs_of_another_organization_are_not_found(app, admin, client):
    from tests.conftest import login, make_user

    create(admin)
    job_id = jobs(app)[0].id
    assert admin.get(f"/tasks/{job_id}").status_code == 200
    make_user(app, "boss@other.test", "admin", "Other")
    other = app.test_client()
    assert login(other, "boss@other.test").status_code == 302
    assert other.get(f"/tasks/{job_id}").status_code == 404
    assert other.get(f"/tasks/{job_id}/download").status_code == 404
    assert "VAC-" not in other.get("/admin/jobs").get_data(as_text=True)


def test_the_api_says_the_file_is_being_made_with_retry_after(app, client):
    from tests.web.api_helpers import bearer, create_vacancy, token_for

    headers = bearer(token_for(app, "api@acme.test"))
    vid = create_vacancy(client, headers)["id"]
    response = client.get(f"/api/v1/vacancies/{vid}/export?format=pdf", headers=headers)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "3"
    assert response.get_json()["error"]["code"] == "export_pending"
    work(app)
    response = client.get(f"/api/v1/vacancies/{vid}/export?format=pdf", headers=headers)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_report_pdf_waits_for_the_worker(app, admin, monkeypatch):
    from app.jobs.service import NotReady, pdf_from_html

    with app.test_request_context():
        from app.accounts.models import Organization

        org_id = db.session.execute(select(Organization.id)).scalar_one()
        with pytest.raises(NotReady):
            pdf_from_html("<p>Отчёт</p>", organization_id=org_id, user_id=None, title="t",
                          author="a", lang="ru")  # fmt: skip
        db.session.remove()
    work(app)
    with app.test_request_context():
        data = pdf_from_html("<p>Отчёт</p>", organization_id=org_id, user_id=None, title="t",
                             author="a", lang="ru")  # fmt: skip
        assert data.startswith(b"%PDF")
        (job,) = db.session.execute(select(Job).where(Job.kind == "html-pdf")).scalars()
        assert job.status == "done" and job.payload is None  # the page's HTML is dropped
        db.session.remove()
