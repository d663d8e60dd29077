"""Signed-in and public pages in process, CPU ms per request.

CPU time rather than wall time: a shared machine's load moves wall time far more."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime

from bench.common import bench_app, seed_vacancies, signed_in, table

RUNS = int(os.environ.get("BENCH_RUNS", "150"))


def _cpu_ms(client, url: str, before=None) -> float:
    """Median CPU ms of RUNS requests after 20 warm-up ones; `before` runs before each."""
    for _ in range(20):
        client.get(url)
    values = []
    for _ in range(RUNS):
        if before:
            before()
        started = time.process_time()
        response = client.get(url)
        values.append(time.process_time() - started)
        assert response.status_code == 200, (url, response.status_code)
    values.sort()
    return values[len(values) // 2] * 1000


def main() -> None:
    from app import caches
    from app.accounts.models import Organization
    from app.extensions import db
    from app.vacancies.models import Vacancy

    app, org_id, user_id, _tmp = bench_app()
    seed_vacancies(app, org_id, user_id, 30)
    with app.app_context():
        org = db.session.get(Organization, org_id)
        org.public_jobs, org.slug = True, "bench"
        published = Vacancy.status == "published"
        db.session.execute(
            db.update(Vacancy)
            .where(published)
            .values(published_at=datetime(2026, 1, 2, tzinfo=UTC))
        )
        db.session.commit()
        vacancy_id = db.session.execute(db.select(Vacancy.id).where(published)).scalars().first()
    client = signed_in(app)
    careers = client.get("/jobs/bench/").get_data(as_text=True)
    public_url = re.search(r'href="(/jobs/bench/[^"]+)"', careers).group(1)
    rows = [
        ["vacancy page, warm", _cpu_ms(client, f"/vacancies/{vacancy_id}")],
        [
            "vacancy page, its parts made again",
            _cpu_ms(
                client,
                f"/vacancies/{vacancy_id}",
                lambda: caches.clear("vacancies.shown_parts"),
            ),
        ],
        ["public vacancy page", _cpu_ms(client, public_url)],
        ["careers page", _cpu_ms(client, "/jobs/bench/")],
        ["vacancy list, 25 rows", _cpu_ms(client, "/vacancies/")],
    ]
    print(f"30 vacancies; median CPU ms of {RUNS} requests through the Flask test client:\n")
    print(table(["page", "CPU ms"], [[label, f"{value:.2f}"] for label, value in rows]))


if __name__ == "__main__":
    main()
