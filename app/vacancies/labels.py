"""What the interface calls each check: a finding's code is for programs, its label is for
people (the composer, the analyzer, the publish gate)."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

FINDING_LABELS = {
    "conflicting-item": _l("Conflicting items"),
    "discriminatory-requirement": _l("Discrimination"),
    "discriminatory-wording": _l("Wording that turns people away"),
    "excluded-duty": _l("Not an SMM task"),
    "missing-section": _l("Missing section"),
    "no-measurable-goals": _l("No measurable goals"),
    "quality": _l("Text quality"),
    "role-mismatch": _l("Does not fit the role"),
    "salary-in-text": _l("Salary in the text"),
    "salary-missing": _l("No salary"),
    "salary-range": _l("Salary range"),
    "stale-item": _l("Outdated catalog item"),
    "vague-phrase": _l("Vague phrase"),
    "workload": _l("Workload"),
}


def finding_label(code: str) -> str:
    """The label of a finding's code; a code without one reads as a generic check."""
    label = FINDING_LABELS.get(code)
    return str(label) if label is not None else str(_l("Check"))


def diff_value(catalog, lang: str) -> Callable[[str, object], str]:
    """How the version comparison shows a field's value: a choice by its label, the role by
    its name, amounts and targets in the interface language's number format."""
    from app.i18n import format_number
    from app.vacancies import forms

    choices = {
        "scale": forms.SCALE_CHOICES,
        "focus": forms.FOCUS_CHOICES,
        "salary_period": forms.PERIOD_CHOICES,
        "employment": forms.EMPLOYMENT_CHOICES,
        "schedule": forms.SCHEDULE_CHOICES,
        "workplace": forms.WORKPLACE_CHOICES,
        "experience": forms.EXPERIENCE_CHOICES,
        "language": forms.LANGUAGE_CHOICES,
    }
    labels = {field: {c.value: str(c.label) for c in items} for field, items in choices.items()}
    labels["role"] = {r.id: r.text.get(lang) for r in catalog.roles}

    def show(field: str, value: object) -> str:
        if value is None or value == "":
            return "—"
        if field == "salary_gross" and isinstance(value, bool):
            return str(_l("before tax") if value else _l("after tax"))
        if isinstance(value, bool):
            return str(_l("yes") if value else _l("no"))
        if field in labels:
            return labels[field].get(str(value), str(value))
        if isinstance(value, int | float):
            return format_number(value, lang=lang)
        if field == "valid_through" and hasattr(value, "isoformat"):
            from flask_babel import format_date

            return format_date(value, "long")
        return str(value)

    return show
