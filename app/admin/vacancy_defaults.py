"""The organization settings' section of vacancy defaults: its form and how it is saved."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField

from app.accounts.models import Organization
from app.domain.vacancies.org_defaults import VacancyDefaults
from app.forms import strip_filter
from app.vacancies.forms import WORKPLACE_CHOICES

# Field names on the page start with this, apart from other settings forms there.
PREFIX = "defaults"
# Form field -> Organization attribute.
COLUMNS = {
    "intro_md": "vacancy_intro_md",
    "conditions_md": "vacancy_conditions_md",
    "apply_md": "vacancy_apply_md",
    "city": "vacancy_city",
    "address": "vacancy_address",
    "workplace": "vacancy_workplace",
}


class VacancyDefaultsForm(FlaskForm):
    intro_md = TextAreaField(_l("About the company"), render_kw={"rows": 5})
    conditions_md = TextAreaField(_l("Working conditions and benefits"), render_kw={"rows": 5})
    apply_md = TextAreaField(_l("How to apply"), render_kw={"rows": 3})
    city = StringField(_l("City"), filters=[strip_filter])
    address = StringField(_l("Office address"), filters=[strip_filter])
    workplace = SelectField(
        _l("Workplace"),
        choices=[SelectChoice("", _l("Not set")), *WORKPLACE_CHOICES],
        default="",
        validate_choice=False,  # checked with the vacancy's own rule, message beside it
    )


def defaults_form(org: Organization, *, submitted: bool = False) -> VacancyDefaultsForm:
    """The form filled from the organization, or from the request when submitted."""
    if submitted:
        return VacancyDefaultsForm(prefix=PREFIX)
    form = VacancyDefaultsForm(prefix=PREFIX, formdata=None)
    for name, column in COLUMNS.items():
        form[name].data = getattr(org, column) or ""
    return form


def submitted_defaults(form: VacancyDefaultsForm) -> VacancyDefaults:
    """What the form holds, trimmed like the vacancy form trims the same fields."""
    return VacancyDefaults(**{name: (form[name].data or "").strip() for name in COLUMNS})


def store(org: Organization, defaults: VacancyDefaults) -> None:
    """Put every default on the organization (the caller commits)."""
    for name, column in COLUMNS.items():
        setattr(org, column, getattr(defaults, name))
