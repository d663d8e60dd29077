"""The composed vacancy: plain data that every renderer and check takes."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class DocLine:
    """One line of a vacancy as the candidate reads it, and where it comes from.

    `field` is the draft field ("title", "duties", "custom_duties", "intro_md", ...),
    `line` the line's index in that field (the position of a catalog id in the draft's
    list, of a custom line among the custom lines, or of a text line in a free-text
    field), `text` the line in the vacancy's language and `item` the key findings use
    ("duties:<id>", "custom_duties:<index>", "intro_md", "title"). `origin` is the catalog
    id of a catalog line (None for the employer's own words) and `alt` its text in the
    other language, which may be published too and is read as well.
    """

    field: str
    line: int
    text: str
    item: str
    origin: str | None = None
    alt: str = ""

    @property
    def texts(self) -> tuple[str, ...]:
        """The texts to read: the line, and a catalog line's other language."""
        return (self.text, self.alt) if self.alt and self.alt != self.text else (self.text,)


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
    # The employer's country (ISO 3166-1 code, "" when unknown): where a location that
    # names no country is.
    country: str = ""
    # Every line a candidate reads, with its field and origin (compose.vacancy_lines), in
    # reading order: what the checks read. Made from the same draft as the fields above,
    # so it is left out of comparisons, cache keys and size limits.
    lines: tuple[DocLine, ...] = field(default=(), compare=False, repr=False)
