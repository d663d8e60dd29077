"""An organization's vacancy defaults and how they pre-fill a new vacancy (pure).

Set once in the organization settings; a new vacancy in the web form starts with them,
and each vacancy may change them. Vacancies already saved keep their own text.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from app.domain.vacancies.draft import VacancyDraft
from app.domain.vacancies.validation import Problems, defaults_problems, location_from


@dataclass(frozen=True)
class VacancyDefaults:
    """The texts and terms most of an organization's vacancies share ("" = not set)."""

    intro_md: str = ""
    conditions_md: str = ""
    apply_md: str = ""
    city: str = ""
    address: str = ""
    workplace: str = ""

    @classmethod
    def of(cls, org: object) -> VacancyDefaults:
        """The defaults stored on an organization (its vacancy_* attributes)."""
        return cls(
            intro_md=getattr(org, "vacancy_intro_md", "") or "",
            conditions_md=getattr(org, "vacancy_conditions_md", "") or "",
            apply_md=getattr(org, "vacancy_apply_md", "") or "",
            city=getattr(org, "vacancy_city", "") or "",
            address=getattr(org, "vacancy_address", "") or "",
            workplace=getattr(org, "vacancy_workplace", "") or "",
        )

    @property
    def location(self) -> str:
        return location_from(self.city, self.address)

    def problems(self) -> Problems:
        """Broken limits by field name (intro_md, ..., city, address, workplace)."""
        return defaults_problems(
            intro_md=self.intro_md,
            conditions_md=self.conditions_md,
            apply_md=self.apply_md,
            city=self.city,
            address=self.address,
            workplace=self.workplace,
        )

    def prefill(self, draft: VacancyDraft, given: Collection[str] = ()) -> VacancyDraft:
        """A new vacancy's draft with every default that is set in place of its own, but for
        the draft fields in `given` (what an API client sent keeps its value)."""
        values: dict[str, Any] = {
            "intro_md": self.intro_md.strip(),
            "conditions_md": self.conditions_md.strip(),
            "apply_md": self.apply_md.strip(),
            "location": self.location,
            "workplace": self.workplace,
        }
        kept = {key: value for key, value in values.items() if value and key not in given}
        return replace(draft, **kept)
