"""The vacancy form: built per organization catalog, turned into a VacancyDraft."""

from __future__ import annotations

import math

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.domain.catalog.model import Catalog
from app.domain.vacancies.document import CURRENCIES
from app.domain.vacancies.draft import KpiChoice, VacancyDraft
from app.domain.vacancies.validation import Problem, read_amount
from app.forms import strip_filter

SCALE_CHOICES = [
    SelectChoice("small", _l("Small project: one person does everything")),
    SelectChoice("large", _l("Large company: a team around the role")),
]
FOCUS_CHOICES = [
    SelectChoice("balanced", _l("Balanced")),
    SelectChoice("content", _l("Content production")),
    SelectChoice("strategy", _l("Strategy and analytics")),
]
PERIOD_CHOICES = [
    SelectChoice("month", _l("per month")),
    SelectChoice("year", _l("per year")),
    SelectChoice("hour", _l("per hour")),
]
GROSS_CHOICES = [SelectChoice("gross", _l("before tax")), SelectChoice("net", _l("after tax"))]
EMPLOYMENT_CHOICES = [
    SelectChoice("full", _l("Full-time")),
    SelectChoice("part", _l("Part-time")),
    SelectChoice("project", _l("Project work")),
    SelectChoice("internship", _l("Internship")),
]
SCHEDULE_CHOICES = [
    SelectChoice("full-day", _l("Full day")),
    SelectChoice("flexible", _l("Flexible")),
    SelectChoice("shift", _l("Shifts")),
    SelectChoice("remote", _l("Remote schedule")),
]
WORKPLACE_CHOICES = [
    SelectChoice("office", _l("Office")),
    SelectChoice("hybrid", _l("Hybrid")),
    SelectChoice("remote", _l("Remote")),
]
EXPERIENCE_CHOICES = [
    SelectChoice("none", _l("No experience needed")),
    SelectChoice("1-3", _l("1 to 3 years")),
    SelectChoice("3-6", _l("3 to 6 years")),
    SelectChoice("6+", _l("More than 6 years")),
]
LANGUAGE_CHOICES = [SelectChoice("ru", "Русский"), SelectChoice("en", "English")]
TEXT_LIMIT = 5000


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes; each option can be toggled on or off without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AmountField(StringField):
    """A salary amount as people type it («70 000 ₽», «70к», «70 тыс.»), read as a whole
    number by `read_amount`; what was typed is shown again when the form comes back."""

    problem: Problem | None = None

    def process_formdata(self, valuelist):
        self.data, self.problem = read_amount(valuelist[0] if valuelist else "")

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


def kpi_field_name(kpi_id: str) -> str:
    """The form field holding a KPI's target."""
    return "target_" + kpi_id.replace("-", "_")


def lines(text: str | None) -> tuple[str, ...]:
    """One item per non-empty line of a textarea."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


class VacancyFormBase(FlaskForm):
    """Fields that do not depend on the catalog."""

    base_version = HiddenField()
    title = StringField(_l("Job title"), filters=[strip_filter])
    role = SelectField(_l("Base role"))
    scale = RadioField(_l("Project scale"), choices=SCALE_CHOICES, default="large")
    networks = MultiCheckboxField(_l("Social networks"))
    focus = RadioField(_l("Focus"), choices=FOCUS_CHOICES, default="balanced")
    duties = MultiCheckboxField(_l("Responsibilities"))
    custom_duties = TextAreaField(_l("Your own responsibilities, one per line"))
    skills = MultiCheckboxField(_l("Skills"))
    custom_skills = TextAreaField(_l("Your own skills, one per line"))
    requirements = MultiCheckboxField(_l("Requirements"))
    custom_requirements = TextAreaField(_l("Your own requirements, one per line"))
    kpis = MultiCheckboxField(_l("Measurable goals of the trial period"))
    intro_md = TextAreaField(_l("About the company"))
    conditions_md = TextAreaField(_l("Working conditions and benefits"))
    apply_md = TextAreaField(_l("How to apply"))
    salary_from = AmountField(_l("Salary from"), render_kw={"inputmode": "decimal"})
    salary_to = AmountField(_l("Salary to"), render_kw={"inputmode": "decimal"})
    currency = SelectField(_l("Currency"), choices=[SelectChoice(c, c) for c in CURRENCIES])
    salary_gross = RadioField(_l("Amount"), choices=GROSS_CHOICES, default="gross")
    salary_period = SelectField(_l("Period"), choices=PERIOD_CHOICES, default="month")
    employment = SelectField(_l("Employment"), choices=EMPLOYMENT_CHOICES, default="full")
    schedule = SelectField(_l("Schedule"), choices=SCHEDULE_CHOICES, default="full-day")
    workplace = SelectField(_l("Workplace"), choices=WORKPLACE_CHOICES, default="office")
    location = StringField(_l("Location"), filters=[strip_filter])
    experience = SelectField(_l("Experience"), choices=EXPERIENCE_CHOICES, default="1-3")
    language = RadioField(_l("Language of the vacancy"), choices=LANGUAGE_CHOICES, default="ru")
    valid_through = DateField(_l("Valid through"), validators=[Optional()])


def build_form_class(catalog: Catalog, lang: str) -> type[VacancyFormBase]:
    """A form class with the organization's catalog items as choices and KPI targets."""
    attrs = {
        kpi_field_name(k.id): DecimalField(
            k.text.get(lang), validators=[Optional()], places=None, render_kw={"step": "any"}
        )
        for k in catalog.kpis
    }
    return type("VacancyForm", (VacancyFormBase,), attrs)


def set_choices(form: VacancyFormBase, catalog: Catalog, lang: str) -> None:
    """Fill the catalog-driven choices in the UI language."""
    form.role.choices = [SelectChoice(r.id, r.text.get(lang)) for r in catalog.roles]
    form.networks.choices = [SelectChoice(n.id, n.text.get(lang)) for n in catalog.networks]
    form.duties.choices = [SelectChoice(d.id, d.text.get(lang)) for d in catalog.duties]
    form.skills.choices = [SelectChoice(s.id, s.text.get(lang)) for s in catalog.skills]
    form.requirements.choices = [SelectChoice(r.id, r.text.get(lang)) for r in catalog.requirements]
    form.kpis.choices = [SelectChoice(k.id, k.text.get(lang)) for k in catalog.kpis]


def make_form(catalog: Catalog, lang: str, **kwargs) -> VacancyFormBase:
    """Build, bind and fill a vacancy form."""
    form = build_form_class(catalog, lang)(**kwargs)
    set_choices(form, catalog, lang)
    return form


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def form_to_draft(form: VacancyFormBase, catalog: Catalog) -> VacancyDraft:
    """Read the submitted form into a draft (validation happens on the draft)."""
    kpis = []
    for kpi_id in form.kpis.data or ():
        field = form._fields.get(kpi_field_name(kpi_id))
        target = _number(field.data) if field is not None else None
        if target is None and kpi_id in catalog.by_id["kpis"]:
            target = catalog.kpi(kpi_id).default_target
        kpis.append(KpiChoice(kpi_id, target if target is not None else 0.0))
    return VacancyDraft(
        title=form.title.data or "",
        role=form.role.data or "",
        scale=form.scale.data or "",
        networks=tuple(form.networks.data or ()),
        focus=form.focus.data or "",
        duties=tuple(form.duties.data or ()),
        skills=tuple(form.skills.data or ()),
        requirements=tuple(form.requirements.data or ()),
        custom_duties=lines(form.custom_duties.data),
        custom_skills=lines(form.custom_skills.data),
        custom_requirements=lines(form.custom_requirements.data),
        kpis=tuple(kpis),
        intro_md=(form.intro_md.data or "").strip(),
        conditions_md=(form.conditions_md.data or "").strip(),
        apply_md=(form.apply_md.data or "").strip(),
        salary_from=form.salary_from.data,
        salary_to=form.salary_to.data,
        currency=form.currency.data or "",
        salary_gross=form.salary_gross.data != "net",
        salary_period=form.salary_period.data or "",
        employment=form.employment.data or "",
        schedule=form.schedule.data or "",
        workplace=form.workplace.data or "",
        location=form.location.data or "",
        experience=form.experience.data or "",
        language=form.language.data or "",
        valid_through=form.valid_through.data,
    )


def fill_form(form: VacancyFormBase, draft: VacancyDraft) -> None:
    """Show a saved or default draft in the form."""
    for name in (
        "title",
        "role",
        "scale",
        "focus",
        "intro_md",
        "conditions_md",
        "apply_md",
        "salary_from",
        "salary_to",
        "currency",
        "salary_period",
        "employment",
        "schedule",
        "workplace",
        "location",
        "experience",
        "language",
        "valid_through",
    ):
        getattr(form, name).data = getattr(draft, name)
    for name in ("networks", "duties", "skills", "requirements"):
        getattr(form, name).data = list(getattr(draft, name))
    for name in ("custom_duties", "custom_skills", "custom_requirements"):
        getattr(form, name).data = "\n".join(getattr(draft, name))
    form.salary_gross.data = "gross" if draft.salary_gross else "net"
    form.kpis.data = [k.id for k in draft.kpis]
    for k in draft.kpis:
        field = form._fields.get(kpi_field_name(k.id))
        if field is not None:
            field.data = k.target


def typed_problems(form: VacancyFormBase) -> dict[str, list[Problem]]:
    """The amounts that could not be read, by field (the draft holds None for them)."""
    return {
        name: [field.problem]
        for name, field in form._fields.items()
        if isinstance(field, AmountField) and field.problem is not None
    }


def attach_problems(form: VacancyFormBase, problems: dict, lang: str) -> None:
    """Show the draft's validation problems beside their fields."""
    for name, items in problems.items():
        messages = [p.message.get(lang) for p in items]
        field = form._fields.get(name)
        if field is None:
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]
