"""8 processes saving vacancies and ratings at once through gunicorn (`make serve`).

For RELIABILITY_SECONDS (default 30) every writer process creates vacancies, edits its
own, edits one vacancy all of them edit, and rates the candidates of a shared plan, all
through the web forms. No user may see a server error or "database is locked", and
every save the app acknowledged must be in the database afterwards: the version with
that title, the last title of each vacancy, the last ratings of each evaluator, and on
the vacancy everyone edits, exactly one acknowledged save per version number (a refused
stale save is a 409 conflict, never a silent overwrite). SQLite by default (then also
PRAGMA integrity_check); PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from tests.reliability import helpers
from tests.reliability.writers import writer

WRITERS = 8
CANDIDATES = 4


def seed(app, recruiters: list[str], evaluators: list[str]) -> dict:
    """A vacancy everyone edits and a plan built from it, rated by every evaluator."""
    from app.accounts.services import find_user
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.extensions import db
    from app.probation.candidates import add_candidate
    from app.probation.evaluators import set_evaluators
    from app.probation.plans import create_plan_from_vacancy
    from app.vacancies import service as vacancies

    with app.app_context():
        user = find_user(recruiters[0])
        catalog = catalog_for(user.organization)
        draft = default_draft(catalog, "smm-manager", language="ru")
        shared = vacancies.create(user.organization, user, catalog, draft)
        db.session.flush()
        plan = create_plan_from_vacancy(
            shared, catalog, user, title="Испытательный срок", start_date=date(2026, 3, 2)
        )
        set_evaluators(plan, [find_user(e).id for e in evaluators])
        people = [
            add_candidate(
                plan, name=f"Кандидат {n}", position_title="SMM", start_date=date(2026, 3, 2)
            )
            for n in range(CANDIDATES)
        ]
        db.session.commit()
        return {
            "shared_vacancy": shared.id,
            "candidates": [c.id for c in people],
            "checkins": [c.id for c in plan.checkins],
            "tasks": [i.id for i in plan.items if i.kind == "task"],
        }


def run_writers(port: int, seconds: int, recruiters, evaluators, shared: dict, tmp) -> list:
    context = multiprocessing.get_context("spawn")
    jobs = [
        {
            "n": n,
            "port": port,
            "seconds": seconds,
            "recruiter": recruiters[n],
            "evaluator": evaluators[n],
            "out": str(tmp / f"writer-{n}.json"),
            **shared,
        }
        for n in range(WRITERS)
    ]
    processes = [context.Process(target=writer, args=(job,)) for job in jobs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=seconds + 120)
    stuck = [p for p in processes if p.is_alive()]
    for process in stuck:
        process.kill()
        process.join()
    assert not stuck, f"{len(stuck)} writer processes did not finish"
    return [json.loads((tmp / f"writer-{n}.json").read_text()) for n in range(WRITERS)]


def verify(url: str, results: list, shared_id: int, evaluators: list[str]) -> dict:
    """Look every acknowledged save up in the database; returns what was missing."""
    engine = create_engine(url)
    lost: dict[str, list] = {"versions": [], "latest": [], "shared": [], "ratings": []}
    try:
        with engine.connect() as conn:
            titles = {
                (v, n): t
                for v, n, t in conn.execute(
                    text("SELECT vacancy_id, number, title FROM vacancy_versions")
                )
            }
            rows = conn.execute(text("SELECT id, version, title FROM vacancies"))
            current = {v: (n, t) for v, n, t in rows}
            ids = {email: uid for uid, email in conn.execute(text("SELECT id, email FROM users"))}
            stored = {}
            for cand, item, checkin, who, value, comment in conn.execute(
                text(
                    "SELECT candidate_id, item_id, checkin_id, evaluator_id, value, comment "
                    "FROM plan_ratings"
                )
            ):
                stored[(cand, item, checkin, who)] = (value, comment)
    finally:
        engine.dispose()
    shared_versions: dict[int, str] = {}
    for result in results:
        acks = result["acks"]
        last: dict[int, tuple[int, str]] = {}
        for vacancy_id, number, title in acks["created"] + acks["edited"]:
            if titles.get((vacancy_id, number)) != title:
                lost["versions"].append([vacancy_id, number, title])
            if number >= last.get(vacancy_id, (0, ""))[0]:
                last[vacancy_id] = (number, title)
        for vacancy_id, (number, title) in last.items():
            # Only this writer edits its vacancies: its last save is the current state.
            if current.get(vacancy_id) != (number, title):
                lost["latest"].append([vacancy_id, number, title, current.get(vacancy_id)])
        for vacancy_id, number, title in acks["shared"]:
            if titles.get((vacancy_id, number)) != title or number in shared_versions:
                lost["shared"].append([number, title, shared_versions.get(number)])
            shared_versions[number] = title
        who = ids[evaluators[result["n"]]]
        final = {}
        for candidate, checkin, values, comment in acks["ratings"]:
            final[(candidate, checkin)] = (values, comment)
        for (candidate, checkin), (values, comment) in final.items():
            for item, value in values.items():
                expected = (None if value == "na" else int(value), comment)
                if stored.get((candidate, int(item), checkin, who)) != expected:
                    lost["ratings"].append([candidate, checkin, item, value, comment])
    # Every save of the shared vacancy was acknowledged to exactly one writer.
    version, _title = current[shared_id]
    if sorted(shared_versions) != list(range(2, version + 1)):
        lost["shared"].append(["versions", sorted(shared_versions), version])
    return lost


@pytest.mark.slow
def test_eight_writers_lose_nothing_and_see_no_errors(tmp_path):
    helpers.require_tools()
    postgres = os.environ.get("TEST_DATABASE_URL")
    url = helpers.fresh_postgres(postgres) if postgres else helpers.sqlite_url(tmp_path)
    app = helpers.make_app(url)
    recruiters = helpers.add_users(app, "recruiter", WRITERS, "recruiter")
    evaluators = helpers.add_users(app, "evaluator", WRITERS, "evaluator")
    shared = seed(app, recruiters, evaluators)
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()
    seconds = helpers.seconds()
    server = helpers.server(url, tmp_path)
    try:
        server.start()
        results = run_writers(server.port, seconds, recruiters, evaluators, shared, tmp_path)
    finally:
        server.stop()
    log = helpers.server_log_problems(server.logs())

    problems = {
        key: sum(r["problems"][key] for r in results)
        for key in ("server_errors", "locked", "unexpected", "exceptions")
    }
    samples = [s for r in results for s in (r["problems"]["samples"] or [])]
    acked = {
        kind: sum(len(r["acks"][kind]) for r in results)
        for kind in ("created", "edited", "shared", "ratings")
    }
    conflicts = sum(r["conflicts"] for r in results)
    lost = verify(url, results, shared["shared_vacancy"], evaluators)
    backend = "PostgreSQL" if postgres else "SQLite"
    print(
        f"\n{backend}, {WRITERS} writers, {seconds} s: acknowledged {acked} "
        f"({sum(acked.values())} saves), 409 conflicts {conflicts}, problems {problems}, "
        f"server log {log}, lost {[(k, len(v)) for k, v in lost.items()]}"
    )
    assert problems == dict.fromkeys(problems, 0), samples
    assert log == {"database is locked": 0, "tracebacks": 0}
    assert all(not missing for missing in lost.values()), lost
    # The load was real: every kind of save happened many times.
    assert min(acked.values()) >= WRITERS, acked
    if not postgres:
        check, keys = helpers.integrity(url)
        assert check == "ok" and keys == []
