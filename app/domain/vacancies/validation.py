"""Input limits of a vacancy draft, shared by the web form and the JSON API (pure)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.catalog.model import Catalog, Text
from app.domain.message import LowerFirst, Message, Number, Quoted, msg
from app.domain.text import MAX_MARKDOWN_LINES, line_count
from app.domain.vacancies.document import (
    CURRENCIES,
    EMPLOYMENTS,
    EXPERIENCES,
    LANGUAGES,
    SALARY_PERIODS,
    SCHEDULES,
    WORKPLACES,
)
from app.domain.vacancies.draft import (
    FOCUSES,
    MAX_CUSTOM_LINES,
    SCALES,
    VACANCY_ROLES,
    KpiChoice,
    VacancyDraft,
)

MAX_TITLE = 150
MAX_LINE = 300
MAX_MARKDOWN = 5_000
# Text fields are rendered as Markdown only up to this many lines (app.markup).
MAX_LINES = MAX_MARKDOWN_LINES
MAX_LOCATION = 120
MAX_NETWORKS = 14
MAX_AMOUNT = 1_000_000_000
MAX_TARGET = 1e9
MAX_OPEN_DAYS = 366

CHOICES: dict[str, tuple[str, ...]] = {
    "role": VACANCY_ROLES,
    "scale": SCALES,
    "focus": FOCUSES,
    "currency": CURRENCIES,
    "salary_period": SALARY_PERIODS,
    "employment": EMPLOYMENTS,
    "schedule": SCHEDULES,
    "workplace": WORKPLACES,
    "experience": EXPERIENCES,
    "language": LANGUAGES,
}
MARKDOWN_FIELDS = ("intro_md", "conditions_md", "apply_md")
# Draft field with catalog ids -> Catalog.by_id key.
ID_FIELDS = {
    "networks": "networks",
    "duties": "duties",
    "skills": "skills",
    "requirements": "requirements",
}
CUSTOM_FIELDS = ("custom_duties", "custom_skills", "custom_requirements")
NEEDS_LOCATION = ("office", "hybrid")

# C0/C1 controls, bidi overrides (they can disguise text) and lone surrogates (they break
# encoding downstream). Markdown fields may keep line breaks and tabs; nothing else may.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL_IN_MARKDOWN = re.compile(f"[{_CONTROLS}]")
_CONTROL_IN_LINE = re.compile(f"[{_CONTROLS}\t\n\r]")


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken limit of one field: a stable code and what to do."""

    code: str
    message: Message


Problems = dict[str, list[Problem]]


def _problem(code: str, message: Message, index: int | None = None) -> Problem:
    """A problem; with an index the message starts with the line number (1-based, for people),
    and the sentence after it starts in lowercase."""
    if index is not None:
        message = msg("Line %(line)s: %(problem)s", line=index + 1, problem=LowerFirst(message))
    return Problem(code, message.typeset_copy())


def _short(text: object, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text_problems(
    value: Any, *, limit: int, required: bool, multiline: bool = False, index: int | None = None
) -> list[Problem]:
    if not isinstance(value, str):
        return [_problem("invalid-type", msg("Text expected."), index)]
    problems = []
    if (_CONTROL_IN_MARKDOWN if multiline else _CONTROL_IN_LINE).search(value):
        if multiline:
            said = msg("Remove the invisible control characters; they come in with copied text.")
        else:
            said = msg(
                "Remove the line breaks and invisible characters; they come in with copied text."
            )
        problems.append(_problem("control-characters", said, index))
    length = len(value.strip())
    if required and length == 0:
        if index is None:
            problems.append(_problem("required", msg("Fill in this field.")))
        else:
            problems.append(_problem("required", msg("empty; delete it."), index))
    elif length > limit:
        numbers = {"limit": Number(limit), "length": Number(length)}
        said = msg("Shorten it to %(limit)s characters (now %(length)s).", **numbers)
        problems.append(_problem("too-long", said, index))
    if multiline and (count := line_count(value)) > MAX_LINES:
        problems.append(
            _problem(
                "too-many-lines",
                msg(
                    "At most %(max)s lines (now %(count)s); remove empty lines "
                    "or merge paragraphs.",
                    max=MAX_LINES,
                    count=Number(count),
                ),
            )
        )
    return problems


def _is_list(value: Any, item_type: type) -> bool:
    return isinstance(value, tuple | list) and all(isinstance(i, item_type) for i in value)


def _ids_problems(value: Any, known: Any, *, limit: int | None = None) -> list[Problem]:
    if not _is_list(value, str):
        return [_problem("invalid-type", msg("A list of items expected."))]
    problems = []
    if limit is not None and len(value) > limit:
        problems.append(
            _problem(
                "too-many",
                msg("Choose at most %(limit)s (now %(count)s).", limit=limit, count=len(value)),
            )
        )
    seen: set[str] = set()
    for item_id in value:
        item = Quoted(_short(item_id))
        if item_id not in known:
            problems.append(
                _problem(
                    "unknown-id",
                    msg("The item %(item)s is not in the catalog; choose another.", item=item),
                )
            )
        elif item_id in seen:
            problems.append(
                _problem(
                    "duplicate", msg("The item %(item)s is chosen twice; keep it once.", item=item)
                )
            )
        seen.add(item_id)
    return problems


def _custom_problems(value: Any) -> list[Problem]:
    if not isinstance(value, tuple | list):
        return [_problem("invalid-type", msg("A list of lines expected."))]
    problems = []
    if len(value) > MAX_CUSTOM_LINES:
        problems.append(
            _problem(
                "too-many",
                msg(
                    "At most %(max)s lines per section (now %(count)s); merge similar ones.",
                    max=MAX_CUSTOM_LINES,
                    count=len(value),
                ),
            )
        )
    for index, line in enumerate(value):
        problems += _text_problems(line, limit=MAX_LINE, required=True, index=index)
    return problems


def _kpi_problems(catalog: Catalog, value: Any) -> list[Problem]:
    if not _is_list(value, KpiChoice):
        return [_problem("invalid-type", msg("A list of goals expected."))]
    problems = []
    seen: set[str] = set()
    for choice in value:
        kpi = catalog.by_id["kpis"].get(choice.id) if isinstance(choice.id, str) else None
        if kpi is None:
            problems.append(
                _problem(
                    "unknown-id",
                    msg(
                        "The goal %(goal)s is not in the catalog; choose another.",
                        goal=Quoted(_short(choice.id)),
                    ),
                )
            )
            continue
        # The catalog's goal, shortened in each language.
        goal = Text(_short(kpi.text.ru), _short(kpi.text.en))
        if choice.id in seen:
            problems.append(
                _problem(
                    "duplicate", msg("The goal “%(goal)s” is chosen twice; keep one.", goal=goal)
                )
            )
        seen.add(choice.id)
        target = choice.target
        number = isinstance(target, int | float) and not isinstance(target, bool)
        if not (number and math.isfinite(target) and 0 < target <= MAX_TARGET):
            problems.append(
                _problem(
                    "out-of-range",
                    msg(
                        "Goal “%(goal)s”: enter a number above zero and at most %(max)s.",
                        goal=goal,
                        max=Number(MAX_TARGET),
                    ),
                )
            )
    return problems


def _is_amount(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _amount_problems(value: Any) -> list[Problem]:
    if value is None:
        return []
    if isinstance(value, str):
        return [
            _problem(
                "invalid-type",
                msg("Send the amount as a JSON number, not text: 70000, not “70 000” or “70k”."),
            )
        ]
    if not _is_amount(value):
        return [_problem("invalid-type", msg("Enter a whole number."))]
    if value < 0:
        return [
            _problem("negative", msg("An amount cannot be negative; enter it without the minus."))
        ]
    if value > MAX_AMOUNT:
        return [
            _problem(
                "out-of-range",
                msg("Enter an amount of at most %(max)s.", max=Number(MAX_AMOUNT)),
            )
        ]
    return []


def _range_problems(low: Any, high: Any) -> list[Problem]:
    """«To» below «from» (each checked on its own first)."""
    if not (_is_amount(low) and _is_amount(high)) or low <= high:
        return []
    if not (0 <= high < low <= MAX_AMOUNT):
        return []  # the amount rules report these
    return [
        _problem(
            "reversed-range",
            msg(
                "The amount under “to” (%(high)s) is below the one under “from” "
                "(%(low)s); swap or fix them.",
                high=Number(high),
                low=Number(low),
            ),
        )
    ]


# Typed amounts: «70 000», «70 000 ₽», «70к», «70 тыс. руб.», «1,5 млн», «$1,500».
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u2060']+")
_CURRENCY = re.compile(r"(?:₽|руб(?:лей|ля|ль)?\.?|р\.|р|rub|rur|\$|usd|€|eur|₸|тенге|kzt|byn)$")
_MULTIPLIERS = (
    (re.compile(r"(?:тыс(?:яч[аи]?)?\.?|тыщ|т\.?|к|k|thousand)$"), 1_000),
    (re.compile(r"(?:млн\.?|миллион(?:а|ов)?|m|mln|million)$"), 1_000_000),
)
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[.,\s])\d{3})(?:(?P=sep)\d{3})*")
_DECIMAL = re.compile(r"(?P<whole>\d+)(?:[.,](?P<frac>\d+))?")
_PREFIX = re.compile(r"^(?:от|до|from|up to|to)\s+")


def _typed_problem() -> Problem:
    return _problem(
        "not-a-number",
        msg("The amount could not be read; write it in digits, e.g. 70,000 or 70k."),
    )


def read_amount(text: str | None) -> tuple[int | None, Problem | None]:
    """A salary amount typed by a person: the whole number it means, or why it cannot be read.

    Spaces between digit groups, a currency sign or word, «к»/«тыс.»/«млн» and a leading
    «от»/«до» are understood; «70к» and «70 тыс» are 70 000, never 70. A range or a
    fractional amount is refused. The sign is kept, so a negative amount is refused by
    the amount rules, not silently made positive."""
    value = (text or "").strip().casefold()
    if not value:
        return None, None
    if len(value) > 60:
        return None, _typed_problem()
    value = _PREFIX.sub("", value.replace("−", "-").replace("–", "-").replace("—", "-"))
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("+-").strip()
    for _ in range(2):  # the currency may stand before or after the multiplier
        value = _CURRENCY.sub("", value).strip()
        if value[:1] in "₽$€₸":
            value = value[1:].strip()
    factor = 1
    for pattern, multiplier in _MULTIPLIERS:
        stripped = pattern.sub("", value).strip()
        if stripped != value and stripped[-1:].isdigit():
            value, factor = stripped, multiplier
            break
    value = _CURRENCY.sub("", value).strip()
    if "-" in value:
        return None, _problem(
            "range-in-one-field",
            msg("Enter one amount: the lower bound under “from”, the upper one under “to”."),
        )
    value = _SPACES.sub(" ", value).strip()
    if factor == 1 and _GROUPED.fullmatch(value):
        return sign * int(re.sub(r"\D", "", value)), None  # «70 000», «70,000», «70.000»
    match = _DECIMAL.fullmatch(value)
    if match is None:
        return None, _typed_problem()
    frac = match["frac"] or ""
    scaled = (int(match["whole"]) * 10 ** len(frac) + int(frac or 0)) * factor
    if scaled % 10 ** len(frac):
        return None, _problem("invalid-type", msg("Enter a whole number."))
    return sign * (scaled // 10 ** len(frac)), None


def _date_problems(value: Any, today: date) -> list[Problem]:
    if value is None:
        return []
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return [_problem("invalid-type", msg("Enter a date."))]
    latest = today + timedelta(days=MAX_OPEN_DAYS)
    if value < today:
        return [_problem("date-in-past", msg("This date has passed; enter today or a later date."))]
    if value > latest:
        return [
            _problem(
                "date-too-far",
                msg(
                    "A vacancy stays open for a year at most; enter %(year)s-%(month)s-%(day)s "
                    "or earlier.",
                    year=f"{latest:%Y}",
                    month=f"{latest:%m}",
                    day=f"{latest:%d}",
                ),
            )
        ]
    return []


def _choice_problems(field: str, value: Any) -> list[Problem]:
    if isinstance(value, str) and value in CHOICES[field]:
        return []
    return [_problem("invalid-choice", msg("Choose one of the listed values."))]


def _location_problems(location: Any, workplace: Any) -> list[Problem]:
    problems = _text_problems(location, limit=MAX_LOCATION, required=False)
    if not problems and workplace in NEEDS_LOCATION and not location.strip():
        problems.append(
            _problem(
                "required",
                msg("Enter the city or office address; on-site and hybrid jobs need one."),
            )
        )
    return problems


def draft_problems(catalog: Catalog, draft: VacancyDraft, *, today: date) -> Problems:
    """Every broken input limit, by draft field name; an empty dict means the draft is valid."""
    found: Problems = {
        "title": _text_problems(draft.title, limit=MAX_TITLE, required=True),
        "kpis": _kpi_problems(catalog, draft.kpis),
        "salary_from": _amount_problems(draft.salary_from),
        "salary_to": _amount_problems(draft.salary_to)
        or _range_problems(draft.salary_from, draft.salary_to),
        "location": _location_problems(draft.location, draft.workplace),
        "valid_through": _date_problems(draft.valid_through, today),
    }
    if not isinstance(draft.salary_gross, bool):
        found["salary_gross"] = [_problem("invalid-choice", msg("Choose gross or net."))]
    for field in CHOICES:
        found[field] = _choice_problems(field, getattr(draft, field))
    for field, kind in ID_FIELDS.items():
        limit = MAX_NETWORKS if field == "networks" else None
        found[field] = _ids_problems(getattr(draft, field), catalog.by_id[kind], limit=limit)
    for field in CUSTOM_FIELDS:
        found[field] = _custom_problems(getattr(draft, field))
    for field in MARKDOWN_FIELDS:
        found[field] = _text_problems(
            getattr(draft, field), limit=MAX_MARKDOWN, required=False, multiline=True
        )
    # In the draft's field order, so forms and API answers list problems top down.
    order = [f.name for f in fields(VacancyDraft)]
    return {field: found[field] for field in sorted(found, key=order.index) if found[field]}


def stored_draft_problems(draft: VacancyDraft) -> Problems:
    """The input limits a stored draft keeps whatever the catalog and the date: text
    lengths and lines, control characters, choices and amounts (an imported file may come
    from another catalog, and its dates may have passed)."""
    found: Problems = {
        "title": _text_problems(draft.title, limit=MAX_TITLE, required=True),
        "salary_from": _amount_problems(draft.salary_from),
        "salary_to": _amount_problems(draft.salary_to)
        or _range_problems(draft.salary_from, draft.salary_to),
        "location": _text_problems(draft.location, limit=MAX_LOCATION, required=False),
    }
    for field in CHOICES:
        found[field] = _choice_problems(field, getattr(draft, field))
    for field in CUSTOM_FIELDS:
        found[field] = _custom_problems(getattr(draft, field))
    for field in MARKDOWN_FIELDS:
        found[field] = _text_problems(
            getattr(draft, field), limit=MAX_MARKDOWN, required=False, multiline=True
        )
    return {field: problems for field, problems in found.items() if problems}


def location_from(city: str, address: str) -> str:
    """The vacancy's place of work from an organization's city and office address."""
    return ", ".join(part.strip() for part in (city, address) if part.strip())


def defaults_problems(
    *, intro_md: Any, conditions_md: Any, apply_md: Any, city: Any, address: Any, workplace: Any
) -> Problems:
    """The limits of an organization's vacancy defaults: the same rules as the vacancy's
    own fields (the defaults are pre-filled into them). An empty workplace means none."""
    found: Problems = {
        "intro_md": _text_problems(intro_md, limit=MAX_MARKDOWN, required=False, multiline=True),
        "conditions_md": _text_problems(
            conditions_md, limit=MAX_MARKDOWN, required=False, multiline=True
        ),
        "apply_md": _text_problems(apply_md, limit=MAX_MARKDOWN, required=False, multiline=True),
        "city": _text_problems(city, limit=MAX_LOCATION, required=False),
        "address": _text_problems(address, limit=MAX_LOCATION, required=False),
        "workplace": [] if workplace == "" else _choice_problems("workplace", workplace),
    }
    if not (found["city"] or found["address"] or found["workplace"]):
        location = location_from(city, address)
        if len(location) > MAX_LOCATION:
            found["address"] = [
                _problem(
                    "too-long",
                    msg(
                        "The city and the address together become the vacancy's location: at "
                        "most %(max)s characters (now %(length)s). Shorten the address.",
                        max=MAX_LOCATION,
                        length=len(location),
                    ),
                )
            ]
        elif workplace:
            found["city"] = _location_problems(location, workplace)
    return {field: problems for field, problems in found.items() if problems}
