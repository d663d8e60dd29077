"""Organization isolation: every URL of one organization is 404 for another.

The URL map is enumerated, so a new route is covered as soon as it exists: a route
parameter this file cannot fill makes the test fail until an object for it is added
to `org_objects`.
"""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import login, make_user

# The links sent by mail: whoever holds the (secret, single-use) token may open them.
SKIP_ENDPOINTS = {"static", "accounts.accept_invitation", "accounts.reset_password"}
API_ENDPOINTS = "api."  # the JSON API answers 401 to a session cookie without a token


def acme_records(app, objects: dict) -> None:
    """Vacancies, versions and catalog overrides of Acme."""
    from app.accounts.models import Organization, User
    from app.catalog.models import CatalogOverride
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.extensions import db
    from app.vacancies import service

    with app.app_context():
        org = db.session.execute(db.select(Organization).filter_by(name="Acme")).scalar_one()
        user = db.session.get(User, objects["user_id"])
        catalog = catalog_for(org)
        vacancy = service.create(org, user, catalog, default_draft(catalog, "smm-manager"))
        row = CatalogOverride(
            organization_id=org.id,
            kind="duty",
            action="add",
            item_id="org-secret-duty",
            data={
                "text_ru": "Тайная обязанность",
                "text_en": "Secret duty",
                "category": "content",
                "roles": ["smm-manager"],
            },
        )
        db.session.add(row)
        org.catalog_version += 1
        # A slug with the public pages off: the public job pages answer 404 to anyone.
        org.slug = "acme"
        db.session.commit()
        objects.update(
            org_slug="acme",
            slug=str(vacancy.id),
            vacancy_id=vacancy.id,
            number=1,
            override_id=row.id,
            fmt="pdf",
            kind="duties",
            entry_id="org-secret-duty",
            part=1,
        )


def org_objects(app) -> dict[str, int]:
    """Create one record of every kind in organization Acme; map route parameters to ids."""
    objects = {"user_id": make_user(app, "victim@acme.test", "recruiter", "Acme")}
    make_user(app, "owner@acme.test", "admin", "Acme")
    acme_records(app, objects)
    # Probation: a plan built from a vacancy, with an item, a check-in and a candidate.
    from datetime import date

    from app.accounts.models import Organization, User
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.domain.vacancies.serialize import draft_to_dict
    from app.extensions import db
    from app.probation.candidates import add_candidate
    from app.probation.plans import create_plan_from_vacancy
    from app.vacancies.models import Vacancy

    with app.app_context():
        org = db.session.execute(db.select(Organization).filter_by(name="Acme")).scalar_one()
        catalog = catalog_for(org)
        vacancy = db.session.get(Vacancy, objects.get("vacancy_id", 0))
        if vacancy is None:
            data = draft_to_dict(default_draft(catalog, "smm-manager"))
            vacancy = Vacancy(
                organization_id=org.id,
                title="SMM",
                title_key="smm",
                role="smm-manager",
                language="ru",
                data=data,
            )
            db.session.add(vacancy)
            db.session.flush()
            objects["vacancy_id"] = vacancy.id
        plan = create_plan_from_vacancy(
            vacancy,
            catalog,
            db.session.get(User, objects["user_id"]),
            title="Acme trial plan",
            start_date=date(2026, 1, 12),
        )
        candidate = add_candidate(
            plan, name="Secret Person", position_title="SMM", start_date=date(2026, 1, 12)
        )
        db.session.commit()
        objects.update(
            plan_id=plan.id,
            item_id=plan.items[0].id,
            checkin_id=plan.checkins[0].id,
            candidate_id=candidate.id,
        )
    api_records(app, objects)
    job_records(app, objects)
    return objects


def job_records(app, objects: dict) -> None:
    """A finished ZIP job of Acme, with its file."""
    from app.accounts.models import User
    from app.extensions import db
    from app.jobs.files import store_result
    from app.jobs.models import Job

    with app.app_context():
        job = Job(
            organization_id=db.session.get(User, objects["user_id"]).organization_id,
            user_id=objects["user_id"],
            kind="zip",
            subject="zip:test",
            status="done",
            params={},
            message="",
            detail="",
            result_name="acme.zip",
        )
        db.session.add(job)
        db.session.flush()
        job.result_file = store_result(job, b"PK secret", "zip")
        db.session.commit()
        objects["job_id"] = job.id


def api_records(app, objects: dict) -> None:
    """A personal API token of an Acme user."""
    from app.accounts import services
    from app.accounts.models import User
    from app.api import tokens
    from app.extensions import db

    with app.app_context():
        user = db.session.get(User, objects["user_id"])
        token, _secret = tokens.issue_token(user, "Acme ATS")
        # An open invitation of Acme under the same id (for its revoke route).
        invitation, invite_raw = services.issue_token(
            "invite", user.organization_id, "new@acme.test", timedelta(hours=1), role="recruiter"
        )
        _reset, reset_raw = services.issue_token(
            "reset", user.organization_id, user.email, timedelta(hours=1), user=user
        )
        db.session.commit()
        assert invitation.id == token.id
        objects["token_id"] = token.id
        # The secret parts of the mailed links (for the form fuzz).
        objects["invite_token"], objects["reset_token"] = invite_raw, reset_raw


def test_every_url_of_another_organization_is_404(app, client):
    objects = org_objects(app)
    make_user(app, "intruder@other.test", "admin", "Other")
    assert login(client, "intruder@other.test").status_code == 302
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS or not rule.arguments:
            continue
        if rule.endpoint.startswith(API_ENDPOINTS):
            continue  # token-based: covered by test_api_isolation.py
        unknown = rule.arguments - objects.keys()
        assert not unknown, f"add a record for {sorted(unknown)} (route {rule.rule})"
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<int:{name}>", str(objects[name])).replace(
                f"<{name}>", str(objects[name])
            )
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code == 404, f"{method} {url} answered {response.status_code}"
            checked += 1
    assert checked >= 2
