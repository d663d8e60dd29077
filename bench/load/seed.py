"""The load test's database: one organization, 100,000 vacancies, 10,000 candidates.

Vacancies go in through `bench.common.seed_vacancies`; trial plans are built from the
first vacancies by the real service (so their items and check-ins are what the app makes),
then candidates, evaluator assignments, ratings and KPI results are bulk-inserted in
batches like the vacancies are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from bench.common import seed_vacancies

ADMIN_EMAIL = "load-admin@bench.test"
EVALUATORS = ("load-eval-1@bench.test", "load-eval-2@bench.test", "load-eval-3@bench.test")
PASSWORD = "load bench password 123"  # noqa: S105 - an account of a throwaway database
BATCH = 5000


@dataclass
class Seeded:
    """What the load scripts need to pick URLs."""

    org_id: int = 0
    vacancy_ids: tuple[int, int] = (0, 0)
    candidate_ids: tuple[int, int] = (0, 0)
    plans: int = 0
    ratings: int = 0
    actuals: int = 0
    # Canonical paths of published vacancies' public pages (the "public" kind).
    public_paths: tuple[str, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)


def seed(
    app,
    *,
    vacancies: int = 100_000,
    candidates: int = 10_000,
    plans: int = 200,
    rated_share: float = 0.5,
    rng_seed: int = 11,
) -> Seeded:
    """Fill a freshly migrated database; returns id ranges and counts."""
    import time

    from app.accounts import services
    from app.extensions import db

    out = Seeded()
    started = time.perf_counter()
    with app.app_context():
        org = services.get_or_create_organization("Load bench")
        admin = services.create_user(org, ADMIN_EMAIL, PASSWORD, "admin", "Load admin")
        evaluator_ids = [
            services.create_user(org, email, PASSWORD, "evaluator", f"Evaluator {n}").id
            for n, email in enumerate(EVALUATORS, 1)
        ]
        db.session.commit()
        out.org_id, admin_id = org.id, admin.id
    seed_vacancies(app, out.org_id, admin_id, vacancies)
    out.seconds["vacancies"] = time.perf_counter() - started
    with app.app_context():
        from app.vacancies.models import Vacancy

        low, high = db.session.execute(
            db.select(db.func.min(Vacancy.id), db.func.max(Vacancy.id))
        ).one()
        out.vacancy_ids = (low, high)
    out.public_paths = _public_pages(app, out.org_id)
    started = time.perf_counter()
    plan_ids = _plans(app, out.org_id, admin_id, evaluator_ids, plans, out.vacancy_ids[0])
    out.plans = len(plan_ids)
    out.seconds["plans"] = time.perf_counter() - started
    started = time.perf_counter()
    _people(app, out, plan_ids, evaluator_ids, candidates, rated_share, random.Random(rng_seed))
    out.seconds["candidates"] = time.perf_counter() - started
    with app.app_context():
        # No ANALYZE: the app never runs it, so the query planner sees what it sees in
        # production (no statistics).
        db.engine.dispose()
    return out


PUBLIC_SLUG = "load-bench"
PUBLIC_SAMPLE = 1000


def _public_pages(app, org_id: int) -> tuple[str, ...]:
    """Turn the organization's public pages on, date the published (and archived)
    vacancies as publishing does, and return the public paths of some published ones."""
    from app.accounts.models import Organization
    from app.extensions import db
    from app.public.slugs import vacancy_slug
    from app.vacancies.models import Vacancy

    with app.app_context():
        org = db.session.get(Organization, org_id)
        org.slug, org.public_jobs = PUBLIC_SLUG, True
        db.session.execute(
            db.update(Vacancy)
            .where(Vacancy.organization_id == org_id, Vacancy.status.in_(("published", "archived")))
            .values(published_at=Vacancy.created_at, published_version=Vacancy.version)
        )
        db.session.commit()
        rows = db.session.execute(
            db.select(Vacancy.id, Vacancy.title)
            .where(Vacancy.organization_id == org_id, Vacancy.status == "published")
            .order_by(Vacancy.id)
        ).all()
    step = max(1, len(rows) // PUBLIC_SAMPLE)
    return tuple(f"/jobs/{PUBLIC_SLUG}/{vacancy_slug(i, t)}" for i, t in rows[::step])


def _plans(app, org_id, admin_id, evaluator_ids, count, first_vacancy) -> list[int]:
    """Plans built by the service from the first `count` vacancies, two evaluators each."""
    from app.accounts.models import User
    from app.catalog.service import catalog_for
    from app.extensions import db
    from app.probation.models import PlanEvaluator
    from app.probation.plans import create_plan_from_vacancy
    from app.vacancies.models import Vacancy

    ids = []
    with app.app_context():
        admin = db.session.get(User, admin_id)
        catalog = catalog_for(admin.organization)
        vacancies = db.session.execute(
            db.select(Vacancy).where(Vacancy.id >= first_vacancy).order_by(Vacancy.id).limit(count)
        ).scalars()
        for n, vacancy in enumerate(vacancies):
            plan = create_plan_from_vacancy(
                vacancy,
                catalog,
                admin,
                title=f"Испытательный срок: {vacancy.title}"[:200],
                start_date=date(2026, 2, 2) + timedelta(days=n % 60),
            )
            for user_id in (evaluator_ids[n % 3], evaluator_ids[(n + 1) % 3]):
                plan.evaluators.append(PlanEvaluator(organization_id=org_id, user_id=user_id))
            ids.append(plan.id)
        db.session.commit()
    return ids


def _people(app, out: Seeded, plan_ids, evaluator_ids, count, rated_share, rng) -> None:
    """Candidates spread over the plans; some rated at the mid-term check-in."""
    from app.extensions import db
    from app.probation.models import (
        Candidate,
        Checkin,
        KpiActual,
        PlanEvaluator,
        PlanItem,
        Rating,
    )

    names = ["Анна", "Борис", "Вера", "Глеб", "Дина", "Егор", "Жанна", "Игорь", "Ксения", "Лев"]
    surnames = ["Иванова", "Петров", "Сидорова", "Кузнецов", "Смирнова", "Попов", "Орлова"]
    when = datetime(2026, 3, 1, tzinfo=UTC)
    with app.app_context():
        items: dict[int, list[tuple[int, str, float | None]]] = {}
        for plan_id, item_id, kind, target in db.session.execute(
            db.select(PlanItem.plan_id, PlanItem.id, PlanItem.kind, PlanItem.target)
        ):
            items.setdefault(plan_id, []).append((item_id, kind, target))
        checkins: dict[int, list[int]] = {}
        for plan_id, checkin_id in db.session.execute(
            db.select(Checkin.plan_id, Checkin.id).order_by(Checkin.due_date, Checkin.position)
        ):
            checkins.setdefault(plan_id, []).append(checkin_id)
        assigned: dict[int, list[int]] = {}
        for plan_id, user_id in db.session.execute(
            db.select(PlanEvaluator.plan_id, PlanEvaluator.user_id)
        ):
            assigned.setdefault(plan_id, []).append(user_id)
        next_id = (db.session.execute(db.select(db.func.max(Candidate.id))).scalar() or 0) + 1
        first = next_id
        for offset in range(0, count, BATCH):
            people, ratings, actuals = [], [], []
            for i in range(offset, min(count, offset + BATCH)):
                plan_id = plan_ids[i % len(plan_ids)]
                cid = next_id
                next_id += 1
                people.append(
                    {
                        "id": cid,
                        "organization_id": out.org_id,
                        "plan_id": plan_id,
                        "name": f"{rng.choice(names)} {rng.choice(surnames)} №{i}",
                        "position_title": "SMM-специалист",
                        "start_date": date(2026, 2, 2),
                        "contact": f"candidate{i}@example.test",
                        "erased_at": None,
                        "created_at": when,
                    }
                )
                if rng.random() >= rated_share:
                    continue
                mid = checkins[plan_id][0]
                for item_id, kind, target in items[plan_id]:
                    if kind == "task":
                        ratings.extend(
                            {
                                "organization_id": out.org_id,
                                "candidate_id": cid,
                                "item_id": item_id,
                                "checkin_id": mid,
                                "evaluator_id": user_id,
                                "value": rng.choice([0, 1, 2, 2, None]),
                                "comment": rng.choice(["", "", "Хорошо", "Нужно быстрее"]),
                                "updated_at": when,
                            }
                            for user_id in assigned[plan_id]
                        )
                    elif target:
                        actuals.append(
                            {
                                "organization_id": out.org_id,
                                "candidate_id": cid,
                                "item_id": item_id,
                                "checkin_id": mid,
                                "value": round(target * rng.uniform(0.4, 1.3), 1),
                                "entered_by_id": evaluator_ids[0],
                                "entered_at": when,
                            }
                        )
            db.session.execute(Candidate.__table__.insert(), people)
            if ratings:
                db.session.execute(Rating.__table__.insert(), ratings)
            if actuals:
                db.session.execute(KpiActual.__table__.insert(), actuals)
            db.session.commit()
            out.ratings += len(ratings)
            out.actuals += len(actuals)
        out.candidate_ids = (first, next_id - 1)
