"""The composed vacancy: plain data that every renderer and check takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CURRENCIES = ("RUB", "UAH", "KZT", "BYN", "USD", "EUR")
SALARY_PERIODS = ("month", "year", "hour")
EMPLOYMENTS = ("full", "part", "project", "internship")
SCHEDULES = ("full-day", "flexible", "shift", "remote")
WORKPLACES = ("office", "hybrid", "remote")
EXPERIENCES = ("none", "1-3", "3-6", "6+")
LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class Salary:
    """Pay offered; either bound may be missing, never both."""

    amount_from: int | None
    amount_to: int | None
    currency: str
    gross: bool
    period: str


@dataclass(frozen=True)
class Goal:
    """A measurable goal of the trial period (a catalog KPI with the employer's target)."""

    id: str
    text: str
    target: float
    unit: str
    direction: str  # "higher" or "lower" is better


@dataclass(frozen=True)
class Logo:
    """The organization's uploaded logo, already checked for type and size."""

    mime: str  # image/png, image/jpeg or image/svg+xml
    data: bytes


@dataclass(frozen=True)
class VacancyDocument:
    """Everything a vacancy says, in its own language, ready to render."""

    identifier: str
    title: str
    language: str
    organization: str
    role: str
    role_title: str
    networks: tuple[str, ...]
    intro_md: str
    duties: tuple[str, ...]
    requirements: tuple[str, ...]
    skills: tuple[str, ...]
    conditions_md: str
    goals: tuple[Goal, ...]
    apply_md: str
    salary: Salary | None
    employment: str
    schedule: str
    workplace: str
    location: str
    experience: str
    date_posted: date
    valid_through: date | None
    logo: Logo | None = None
    version: int = 1
    # Not published (or moved back to draft): files say "Черновик" and give no date;
    # date_posted is then only the day the file was made (file names, metadata).
    draft: bool = False
    # One per line of `skills`: the catalog skill's short tag, "" for the employer's own
    # lines (job-board exports shorten those themselves).
    skill_tags: tuple[str, ...] = ()
