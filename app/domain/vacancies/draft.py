"""What HR entered in the vacancy form, as plain data (pure: no Flask, no SQLAlchemy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The catalog roles a vacancy can be for (account roles: app.permissions.ROLES).
VACANCY_ROLES = ("smm-manager", "smm-specialist", "smm-generalist")
SCALES = ("small", "large")
FOCUSES = ("content", "strategy", "balanced")
MAX_CUSTOM_LINES = 50


@dataclass(frozen=True)
class KpiChoice:
    """A catalog KPI picked for the vacancy, with the employer's target."""

    id: str
    target: float


@dataclass(frozen=True)
class VacancyDraft:
    """The composer's input: catalog ids chosen, the employer's own lines and the terms."""

    title: str
    role: str
    scale: str = "large"
    networks: tuple[str, ...] = ()
    focus: str = "balanced"
    duties: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    custom_duties: tuple[str, ...] = ()
    custom_skills: tuple[str, ...] = ()
    custom_requirements: tuple[str, ...] = ()
    kpis: tuple[KpiChoice, ...] = ()
    intro_md: str = ""
    conditions_md: str = ""
    apply_md: str = ""
    salary_from: int | None = None
    salary_to: int | None = None
    currency: str = "RUB"
    salary_gross: bool = True
    salary_period: str = "month"
    employment: str = "full"
    schedule: str = "full-day"
    workplace: str = "office"
    location: str = ""
    experience: str = "1-3"
    language: str = "ru"
    valid_through: date | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
