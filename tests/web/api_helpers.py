"""Tokens, headers and records for the API tests."""

from __future__ import annotations

from datetime import date

from tests.conftest import make_user


def token_for(app, email: str, role: str = "admin", org: str = "Acme", *, create: bool = True):
    """A personal API token of a (new) user; returns the secret."""
    from app.accounts.services import find_user
    from app.api import tokens
    from app.extensions import db

    if create:
        make_user(app, email, role, org)
    with app.app_context():
        _token, secret = tokens.issue_token(find_user(email), "tests")
        db.session.commit()
        return secret


def bearer(secret: str) -> dict[str, str]:
    """The Authorization header of a token."""
    return {"Authorization": f"Bearer {secret}"}


def vacancy_body(**overrides) -> dict:
    """A complete, valid vacancy body (role defaults fill the lists)."""
    body = {
        "title": "SMM-менеджер в сеть кофеен",
        "role": "smm-manager",
        "scale": "large",
        "networks": ["instagram", "telegram"],
        "intro_md": "Мы — сеть кофеен «Ромашка» в Казани.",
        "conditions_md": "- Белая зарплата\n- Гибкое начало дня",
        "apply_md": "Пришлите резюме и портфолио на hr@romashka.test.",
        "salary": {
            "from": 80000,
            "to": 120000,
            "currency": "RUB",
            "gross": True,
            "period": "month",
        },
        "workplace": "office",
        "location": "Казань",
    }
    body.update(overrides)
    return body


def create_vacancy(client, headers, **overrides) -> dict:
    """POST a vacancy; returns the answer's JSON."""
    response = client.post("/api/v1/vacancies", json=vacancy_body(**overrides), headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def create_plan(client, headers, vacancy_id: int, **overrides) -> dict:
    """POST a trial plan built from a vacancy; returns the answer's JSON."""
    body = {"start_date": date.today().isoformat(), **overrides}
    response = client.post(
        f"/api/v1/vacancies/{vacancy_id}/trial-plans", json=body, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()
