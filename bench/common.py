"""Shared helpers for the benchmarks: timing, tables, a seeded database."""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Password hashes are verified with the parameters stored in them: a cheap one keeps the
# benches' sign-ins and seeding fast without changing the server's settings.
CHEAP_HASH = "scrypt:1024:8:1"


def timings(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    """Milliseconds per call over `runs` calls after `warmup` unmeasured ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max in milliseconds."""
    return statistics.median(values), percentile(values, 95), max(values)


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    return "\n".join([line, sep, *body])


BENCH_EMAIL = "bench@bench.test"
BENCH_PASSWORD = "bench password 123"  # noqa: S105 - a throwaway bench account


def bench_app(**config):
    """A testing app on a fresh SQLite file in a temporary folder, migrated, with one
    organization and its admin: (app, organization id, admin id, the folder)."""
    import tempfile

    from flask_migrate import upgrade

    from app import create_app
    from app.accounts import services
    from app.extensions import db

    tmp = Path(tempfile.mkdtemp(prefix="smm-bench-"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            "REQUEST_LOG": False,
            **{key: value(tmp) if callable(value) else value for key, value in config.items()},
        }
    )
    with app.app_context():
        upgrade()
        org = services.get_or_create_organization("Bench")
        user = services.create_user(org, BENCH_EMAIL, BENCH_PASSWORD, "admin")
        db.session.commit()
        org_id, user_id = org.id, user.id
    return app, org_id, user_id, tmp


def signed_in(app):
    """A test client signed in as the bench admin."""
    client = app.test_client()
    client.post("/login", data={"email": BENCH_EMAIL, "password": BENCH_PASSWORD})
    return client


def seed_vacancies(app, org_id: int, user_id: int, count: int, seed: int = 7) -> None:
    """Insert `count` vacancies (with one version each) quickly, in batches."""
    from app.domain.vacancies.compose import default_draft
    from app.domain.vacancies.serialize import draft_to_dict
    from app.extensions import db
    from app.vacancies.models import Vacancy, VacancyTerm, VacancyVersion
    from app.vacancies.service import search_key, search_terms

    rng = random.Random(seed)
    catalog = app.extensions["smm.catalog"]
    drafts = {role.id: draft_to_dict(default_draft(catalog, role.id)) for role in catalog.roles}
    cities = ["Москва", "Казань", "Новосибирск", "Алматы", "Минск", "Киев", "Remote"]
    words = ["кофейни", "банка", "студии", "магазина", "бренда", "клиники", "школы", "агентства"]
    statuses = ["draft"] * 5 + ["published"] * 4 + ["archived"]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    vacancy_table, version_table = Vacancy.__table__, VacancyVersion.__table__
    term_table = VacancyTerm.__table__
    batch = 5000
    with app.app_context():
        next_id = (db.session.execute(db.select(db.func.max(Vacancy.id))).scalar() or 0) + 1
        for offset in range(0, count, batch):
            rows, versions, terms = [], [], []
            for i in range(offset, min(count, offset + batch)):
                role = rng.choice(list(drafts))
                title = f"SMM для {rng.choice(words)} №{i}"
                city = rng.choice(cities)
                data = dict(drafts[role], title=title, location=city, role=role)
                # A salary range on most (not from rng: the other choices stay the same).
                if i % 5:
                    low = 50_000 + 10_000 * (i % 8)
                    data.update(
                        salary_from=low, salary_to=low + 30_000 * (i % 3) if i % 3 else None
                    )
                when = start + timedelta(minutes=i)
                vid = next_id + i
                rows.append(
                    {
                        "id": vid,
                        "organization_id": org_id,
                        "title": title,
                        "title_key": search_key(f"{title} {city}"),
                        "role": role,
                        "language": "ru",
                        "status": rng.choice(statuses),
                        "data": data,
                        "version": 1,
                        "error_count": 0,
                        "warning_count": rng.randint(0, 3),
                        "quality": 90,
                        "created_by_id": user_id,
                        "updated_by_id": user_id,
                        "created_at": when,
                        "updated_at": when,
                        "published_at": None,
                    }
                )
                terms.extend(
                    {"organization_id": org_id, "term": w, "vacancy_id": vid}
                    for w in search_terms(f"{title} {city} vac {vid}")
                )
                versions.append(
                    {
                        "organization_id": org_id,
                        "vacancy_id": vid,
                        "number": 1,
                        "title": title,
                        "data": data,
                        "created_by_id": user_id,
                        "created_at": when,
                    }
                )
            db.session.execute(vacancy_table.insert(), rows)
            db.session.execute(version_table.insert(), versions)
            db.session.execute(term_table.insert(), terms)
            db.session.commit()


def write_json(path: Path, data: object) -> None:
    """Save raw figures next to the printed table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
