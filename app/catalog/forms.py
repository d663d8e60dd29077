"""Forms for an organization's own catalog items, rewordings and hidden items."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, StopValidation

from app.forms import Printable, strip_filter

KIND_CHOICES = [
    SelectChoice("duty", _l("Responsibility")),
    SelectChoice("skill", _l("Skill")),
    SelectChoice("requirement", _l("Requirement")),
    SelectChoice("kpi", _l("Measurable goal (KPI)")),
    SelectChoice("trial_task", _l("Trial task")),
]


def text_field(label):
    return StringField(
        label,
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("This field is required.")),
            Length(max=300),
            Printable(),
        ],
    )


def finite(form, field):
    """NaN and infinity are not a target (a signalling NaN would break NumberRange)."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_l("Enter a number."))


class AddItemForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES)
    text_ru = text_field(_l("Text in Russian"))
    text_en = text_field(_l("Text in English"))
    category = SelectField(_l("Category (responsibilities)"), validators=[Optional()])
    roles = SelectMultipleField(_l("Roles"))
    content_production = BooleanField(_l("Content production"))
    unit_ru = StringField(
        _l("Unit in Russian (KPI)"),
        filters=[strip_filter],
        validators=[Length(max=40), Printable()],
    )
    unit_en = StringField(
        _l("Unit in English (KPI)"),
        filters=[strip_filter],
        validators=[Length(max=40), Printable()],
    )
    direction = SelectField(
        _l("Better when (KPI)"),
        choices=[SelectChoice("higher", _l("higher")), SelectChoice("lower", _l("lower"))],
    )
    default_target = DecimalField(
        _l("Default target (KPI)"),
        places=None,
        validators=[Optional(), finite, NumberRange(min=0.0001, max=1e9)],
    )
    weight = IntegerField(
        _l("Weight 1–5 (trial task)"), validators=[Optional(), NumberRange(min=1, max=5)]
    )
    critical = BooleanField(_l("Critical (trial task)"))
    duties = SelectMultipleField(_l("Responsibilities it tests (trial task)"))


def item_field(label) -> SelectField:
    """A catalog item picked by its name; the value is "kind:id" (see split_item)."""
    return SelectField(label, validators=[DataRequired()], validate_choice=False)


def split_item(form) -> tuple[str, str]:
    """(kind, item id) of an item field; a bare id takes the form's kind field (as older
    clients of the form post them)."""
    value = (form.item_id.data or "").strip()[:120]
    kind, sep, item_id = value.partition(":")
    return (kind, item_id) if sep else (form.kind.data, value)


class RewordForm(FlaskForm):
    # Only for clients that post a bare item id; the page's item list carries the kind.
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES, validate_choice=False)
    item_id = item_field(_l("Catalog item"))
    text_ru = StringField(
        _l("Text in Russian"), filters=[strip_filter], validators=[Length(max=300), Printable()]
    )
    text_en = StringField(
        _l("Text in English"), filters=[strip_filter], validators=[Length(max=300), Printable()]
    )


class HideForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES, validate_choice=False)
    item_id = item_field(_l("Catalog item"))


def _words(form, field):
    """One term per line: at least one, each a few words."""
    lines = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
    if field.name.endswith("terms") and not lines:
        raise StopValidation(_l("Write at least one word or name, one per line."))
    if len(lines) > 50 or any(len(line) > 80 or len(line.split()) > 4 for line in lines):
        raise StopValidation(_l("Up to 50 lines, each up to four words."))


class ExtendExclusionForm(FlaskForm):
    """An organization's own words that show a task is not SMM work."""

    item_id = SelectField(_l("Task that is not SMM work"), validators=[DataRequired()])
    terms = TextAreaField(
        _l("Words and names that show it, one per line"),
        validators=[Length(max=4000), Printable(multiline=True), _words],
    )
    unless = TextAreaField(
        _l("Words that show it is SMM work after all, one per line (optional)"),
        validators=[Length(max=4000), Printable(multiline=True), _words],
    )
