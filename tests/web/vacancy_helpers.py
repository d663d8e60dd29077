"""Building vacancy form submissions for the web tests."""

from __future__ import annotations

from pathlib import Path

from app.domain.catalog.loader import load_catalog
from app.domain.vacancies.compose import default_draft
from app.vacancies.forms import kpi_field_name

CATALOG = load_catalog(Path(__file__).resolve().parents[2] / "role_catalog")


def form_data(role: str = "smm-manager", **overrides) -> dict:
    """A complete, valid form submission for the role's default vacancy."""
    draft = default_draft(CATALOG, role, scale="large", networks=("instagram",), language="ru")
    data = {
        "title": draft.title,
        "role": role,
        "scale": "large",
        "networks": list(draft.networks),
        "focus": draft.focus,
        "duties": list(draft.duties),
        "skills": list(draft.skills),
        "requirements": list(draft.requirements),
        "kpis": [k.id for k in draft.kpis],
        "custom_duties": "",
        "custom_skills": "",
        "custom_requirements": "",
        "intro_md": "Мы — сеть кофеен «Ромашка» в Казани.",
        "conditions_md": "- Белая зарплата\n- Гибкое начало дня",
        "apply_md": "Пришлите резюме и портфолио на hr@romashka.test.",
        "salary_from": "80000",
        "salary_to": "120000",
        "currency": "RUB",
        "salary_gross": "gross",
        "salary_period": "month",
        "employment": "full",
        "schedule": "full-day",
        "workplace": "office",
        "location": "Казань",
        "experience": "1-3",
        "language": "ru",
        "valid_through": "",
    }
    for k in draft.kpis:
        data[kpi_field_name(k.id)] = str(k.target)
    data.update(overrides)
    return data
