"""Vacancy list page with 100,000 vacancies: p50/p95 per query shape through the app
(each page with its count of the filtered list)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from bench.common import (
    bench_app,
    seed_vacancies,
    signed_in,
    summary,
    table,
    timings,
    write_json,
)

COUNT = int(os.environ.get("BENCH_VACANCIES", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "40"))
QUERIES = [
    ("newest first", "/vacancies/"),
    ("status = published", "/vacancies/?status=published"),
    ("role = specialist", "/vacancies/?role=smm-specialist"),
    ("sort by title", "/vacancies/?sort=title"),
    ("search «кофейни»", "/vacancies/?q=%D0%BA%D0%BE%D1%84%D0%B5%D0%B9%D0%BD%D0%B8"),
    (
        "search «кофейня» (forms: «кофейни»)",
        "/vacancies/?q=%D0%BA%D0%BE%D1%84%D0%B5%D0%B9%D0%BD%D1%8F",
    ),
    (
        "search «кофейни» + status",
        "/vacancies/?q=%D0%BA%D0%BE%D1%84%D0%B5%D0%B9%D0%BD%D0%B8&status=published",
    ),
    ("search «smm кофейни»", "/vacancies/?q=smm+%D0%BA%D0%BE%D1%84%D0%B5%D0%B9%D0%BD%D0%B8"),
    (
        "search «кофейни», by title",
        "/vacancies/?q=%D0%BA%D0%BE%D1%84%D0%B5%D0%B9%D0%BD%D0%B8&sort=title",
    ),
    ("search, no match", "/vacancies/?q=zzzzzz"),
    ("page 200", "/vacancies/?page=200"),
    ("status + role + page 50", "/vacancies/?status=draft&role=smm-manager&page=50"),
]


def main() -> None:
    app, org_id, user_id, _tmp = bench_app()
    started = time.perf_counter()
    seed_vacancies(app, org_id, user_id, COUNT)
    seeded = time.perf_counter() - started
    client = signed_in(app)
    rows, raw = [], {}
    for label, url in QUERIES:
        # What the page says it found (the count is part of what is timed).
        shown = re.search(r'id="found">([^<]*)<', client.get(url).get_data(as_text=True))
        said = shown.group(1).replace("\u00a0", " ") if shown else "—"

        def fetch(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        values = timings(fetch, RUNS)
        p50, p95, worst = summary(values)
        raw[label] = values
        rows.append([label, f"{p50:.1f}", f"{p95:.1f}", f"{worst:.1f}", said])
    print(
        f"{COUNT:,} vacancies in one organization (SQLite, seeded in {seeded:.0f} s); "
        f"{RUNS} requests each through the Flask test client, in ms:\n"
    )
    print(table(["query", "p50", "p95", "max", "page says"], rows))
    write_json(Path("bench/out/list.json"), raw)


if __name__ == "__main__":
    main()
