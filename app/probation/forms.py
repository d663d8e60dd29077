"""Forms of the probation pages; the checks are the service's own rules."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, NumberInput

from app.domain.probation import numbers, rules
from app.domain.probation.errors import InvalidInput
from app.forms import strip_filter
from app.i18n import ui_lang
from app.probation.evaluations import implausible_actual
from app.probation.models import PlanItem

KIND_CHOICES = [
    SelectChoice("task", _l("Task (rated by evaluators)")),
    SelectChoice("kpi", _l("Measurable goal (KPI)")),
]
DIRECTION_CHOICES = [
    SelectChoice("higher", _l("higher is better")),
    SelectChoice("lower", _l("lower is better")),
]
RATING_CHOICES = [
    SelectChoice("2", _l("2 — done as expected")),
    SelectChoice("1", _l("1 — partly done")),
    SelectChoice("0", _l("0 — not done")),
    SelectChoice("na", _l("n/a")),
    SelectChoice("", _l("not rated yet")),
]


# A text input that brings up a keypad with a decimal separator on phones; the browser
# keeps what was typed as it is (a number input drops «4,1» in some locales).
DECIMAL_INPUT = {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}


def decimal_comma(value):
    """Accept 12,5 as well as 12.5 in number fields."""
    return value.strip().replace(",", ".") if isinstance(value, str) else value


class Rule:
    """Run one of the service's rules on the field's data; its message goes beside the field."""

    def __init__(self, check: Callable[[object], object], *, when: Callable | None = None):
        self.check = check
        self.when = when

    def __call__(self, form, field) -> None:
        if field.errors or (self.when is not None and not self.when(form)):
            return
        try:
            self.check(field.data)
        except InvalidInput as problem:
            raise ValidationError(str(problem.message)) from None


def _text(limit: int, *, required: bool = True, multiline: bool = False) -> Rule:
    return Rule(lambda v: rules.text("", v, limit, required=required, multiline=multiline))


def _number_input(**kw) -> dict:
    return {"widget": NumberInput(step="any", **kw), "filters": [decimal_comma]}


def typed_number(value):
    """What a person typed into a number field as a number («1 500», «4,1», «3 %»);
    the text as it is when it cannot be read (the field's rule then says why)."""
    if not isinstance(value, str) or not value.strip():
        return value
    try:
        return float(numbers.parse_number(value, ui_lang()))
    except numbers.NumberError:
        return value


def _is_kpi(form) -> bool:
    return form.kind.data == "kpi"


CATEGORY_CHOICES = [
    SelectChoice("regular", _l("Most positions (up to 3 months)")),
    SelectChoice(
        "head",
        _l(
            "Head of the organization or a deputy, chief accountant or a deputy, head of a "
            "branch (up to 6 months)"
        ),
    ),
]
CONTRACT_CHOICES = [
    SelectChoice("open", _l("Open-ended, or fixed-term over 6 months")),
    SelectChoice("2to6", _l("Fixed-term, 2 to 6 months (probation up to 2 weeks)")),
    SelectChoice("under2", _l("Fixed-term, up to 2 months (no probation)")),
]


def _no_days(form) -> bool:
    return not (form.period_days.data or "").strip()


class PlanForm(FlaskForm):
    """Title, period, start, thresholds, the art. 70 choices and the minimum coverage."""

    base_version = HiddenField()
    title = StringField(
        _l("Plan title"), filters=[strip_filter], validators=[_text(rules.PLAN_TITLE_MAX)]
    )
    period_months = StringField(
        _l("Period, months"),
        validators=[Rule(rules.period, when=_no_days)],
        **_number_input(min=rules.MIN_PERIOD, max=rules.MAX_PERIOD),
    )
    period_days = StringField(
        _l("Or the period in days"),
        validators=[Rule(rules.period_days)],
        **_number_input(min=rules.MIN_PERIOD_DAYS, max=rules.MAX_PERIOD_DAYS),
    )
    position_category = SelectField(_l("Position"), choices=CATEGORY_CHOICES, default="regular")
    contract_term = SelectField(_l("Employment contract"), choices=CONTRACT_CHOICES, default="open")
    start_date = DateField(_l("Start date"), validators=[Rule(lambda v: rules.day("", v))])
    pass_threshold = StringField(
        _l("Pass threshold"),
        validators=[Rule(lambda v: rules.threshold(v, ""))],
        **_number_input(min=0, max=100),
    )
    extend_threshold = StringField(
        _l("Lower threshold"),
        validators=[Rule(lambda v: rules.threshold(v, ""))],
        **_number_input(min=0, max=100),
    )
    min_coverage = StringField(
        _l("Final verdict from coverage, %"),
        validators=[Rule(rules.min_coverage)],
        default="80",
        **_number_input(min=0, max=100),
    )

    def validate_extend_threshold(self, field) -> None:
        """The lower threshold may not be above the pass threshold."""
        if field.errors or self.pass_threshold.errors:
            return
        try:
            rules.thresholds(self.pass_threshold.data, field.data)
        except InvalidInput as problem:
            raise ValidationError(str(problem.message)) from None


class ItemForm(FlaskForm):
    """One plan item; KPI fields count only for a measurable goal."""

    kind = SelectField(_l("Kind"), choices=KIND_CHOICES, default="task")
    title = StringField(
        _l("Title"), filters=[strip_filter], validators=[_text(rules.ITEM_TITLE_MAX)]
    )
    weight = StringField(
        _l("Weight (1–5)"),
        validators=[Rule(rules.weight)],
        default="3",
        **_number_input(min=1, max=5),
    )
    critical = BooleanField(_l("Critical: failing it fails the probation"))
    due_date = DateField(
        _l("Due date"),
        validators=[Optional(), Rule(lambda v: rules.day("", v, required=False))],
    )
    evidence = TextAreaField(
        _l("Evidence to look at"),
        filters=[strip_filter],
        validators=[_text(rules.EVIDENCE_MAX, required=False, multiline=True)],
    )
    target = StringField(
        _l("Target"),
        validators=[Rule(rules.target, when=_is_kpi)],
        filters=[typed_number],
        render_kw=DECIMAL_INPUT,
    )
    unit = StringField(
        _l("Unit"), filters=[strip_filter], validators=[_text(rules.UNIT_MAX, required=False)]
    )
    direction = SelectField(_l("Direction"), choices=DIRECTION_CHOICES, default="higher")


def fill_item_form(form: ItemForm, item: PlanItem) -> None:
    """Show a stored item in the form."""
    for name in ("kind", "title", "critical", "due_date", "evidence", "unit"):
        getattr(form, name).data = getattr(item, name)
    form.weight.data = str(item.weight)
    form.target.data = f"{item.target:g}" if item.target is not None else ""
    form.direction.data = item.direction or "higher"


def item_fields(form: ItemForm) -> dict:
    """The submitted item as keyword arguments of the service."""
    return {
        name: getattr(form, name).data
        for name in (
            "kind",
            "title",
            "weight",
            "critical",
            "due_date",
            "evidence",
            "target",
            "unit",
            "direction",
        )
    }


class CheckinForm(FlaskForm):
    """A check-in's name and date."""

    name = StringField(
        _l("Name"), filters=[strip_filter], validators=[_text(rules.CHECKIN_NAME_MAX)]
    )
    due_date = DateField(_l("Date"), validators=[Rule(lambda v: rules.day("", v))])


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EvaluatorsForm(FlaskForm):
    """Which evaluators rate the plan's candidates."""

    evaluators = MultiCheckboxField(_l("Evaluators"), coerce=int)


class CandidateForm(FlaskForm):
    """A candidate: the least personal data that does the job."""

    name = StringField(_l("Name"), filters=[strip_filter], validators=[_text(rules.NAME_MAX)])
    position_title = StringField(
        _l("Position"), filters=[strip_filter], validators=[_text(rules.POSITION_MAX)]
    )
    start_date = DateField(_l("Start date"), validators=[Rule(lambda v: rules.day("", v))])
    contact = StringField(
        _l("Contact (optional)"),
        filters=[strip_filter],
        validators=[_text(rules.CONTACT_MAX, required=False)],
    )


class ConfirmForm(FlaskForm):
    """A confirmation with nothing but the CSRF token."""


def rating_field(item_id: int) -> str:
    """The form field of a task rating."""
    return f"rating_{item_id}"


def comment_field(item_id: int) -> str:
    """The form field of a task comment."""
    return f"comment_{item_id}"


def actual_field(item_id: int) -> str:
    """The form field of a KPI actual."""
    return f"actual_{item_id}"


def evaluation_form(items: list[PlanItem], **kwargs) -> FlaskForm:
    """A rating and a comment per task."""
    attrs = {}
    for item in items:
        attrs[rating_field(item.id)] = RadioField(item.title, choices=RATING_CHOICES, default="")
        attrs[comment_field(item.id)] = TextAreaField(
            _l("Comment"),
            filters=[strip_filter],
            validators=[_text(rules.COMMENT_MAX, required=False, multiline=True)],
            render_kw={"rows": 2},
        )
    return type("EvaluationForm", (FlaskForm,), attrs)(**kwargs)


def confirm_field(item_id: int) -> str:
    """The form field that confirms a KPI actual far outside the plausible range."""
    return f"confirm_{item_id}"


def clear_field(item_id: int) -> str:
    """The form field that clears the KPI actual entered at this check-in."""
    return f"clear_{item_id}"


class ActualsForm(FlaskForm):
    """An actual per KPI, read on the server (see app/domain/probation/numbers.py): an empty
    field changes nothing, «clear» removes the value entered at this check-in, a value
    far outside the plausible range needs its «Yes, the value is right» box ticked."""

    kpis: tuple[PlanItem, ...] = ()
    # Item id -> the value entered at this check-in: saving it again asks nothing.
    stored: dict[int, float] = {}  # noqa: RUF012 - replaced per form, never changed

    def validate(self, extra_validators=None) -> bool:
        """Read every KPI field; `values` (item id -> number), `cleared` (item ids) and
        `confirmed` (item ids) hold the result, `asks_confirmation` the fields that need
        their box ticked."""
        valid = super().validate(extra_validators)
        lang = ui_lang()
        self.values, self.cleared, self.confirmed = {}, set(), set()
        self.asks_confirmation = set()
        for item in self.kpis:
            field = self[actual_field(item.id)]
            text = (field.data or "").strip()
            confirmed = bool(self[confirm_field(item.id)].data)
            if self[clear_field(item.id)].data:
                if text:
                    field.errors.append(
                        str(_l("Either clear the value or type a new one, not both."))
                    )
                    valid = False
                else:
                    self.cleared.add(item.id)
                continue
            if not text:
                continue
            try:
                value = numbers.parse_number(text, lang, (item.unit or "",))
                numbers.check_sign(value)
            except numbers.NumberError as problem:
                field.errors.append(problem.message.get(lang))
                valid = False
                continue
            try:
                number = rules.actual(float(value))
            except InvalidInput as problem:
                field.errors.append(str(problem.message))
                valid = False
                continue
            far_off = (
                None if self.stored.get(item.id) == number else (implausible_actual(item, number))
            )
            if far_off is not None:
                self.asks_confirmation.add(item.id)
                if not confirmed:
                    field.errors.append(f"{far_off.get(lang)} {CONFIRM_HINT}")
                    valid = False
                    continue
                self.confirmed.add(item.id)
            self.values[item.id] = number
        return valid


CONFIRM_HINT = _l("If it is right, tick «Yes, the value is right» and save again.")


def actuals_form(
    items: list[PlanItem], stored: dict[int, float] | None = None, **kwargs
) -> ActualsForm:
    """An actual, a confirmation box and a «clear» box per KPI (`stored`: item id -> the
    value entered at this check-in)."""
    attrs: dict[str, object] = {"kpis": tuple(items), "stored": dict(stored or {})}
    for item in items:
        attrs[actual_field(item.id)] = StringField(
            item.title, filters=[strip_filter], render_kw=DECIMAL_INPUT
        )
        attrs[confirm_field(item.id)] = BooleanField(_l("Yes, the value is right"))
        attrs[clear_field(item.id)] = BooleanField(_l("Clear the value"))
    return type("KpiActualsForm", (ActualsForm,), attrs)(**kwargs)
