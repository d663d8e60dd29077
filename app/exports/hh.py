"""The vacancy shaped for hh.ru's vacancy API, and a check against hh.ru's limits.

Mapping notes:
- currency uses hh.ru's own codes: RUB -> "RUR", BYN -> "BYR" (hh.ru kept the old codes);
- a yearly salary is divided by 12 (hh.ru takes monthly pay); an hourly one cannot be
  expressed, so it is left out and reported as a problem;
- schedule is "remote" whenever the workplace is remote, as hh.ru files remote work there;
- internship maps to employment "probation", hh.ru's name for it;
- `area` is left out: hh.ru wants its numeric area id and a free-text location cannot be
  mapped to one honestly; the person publishing picks the area on hh.ru.

Description length: hh.ru counts the text; we count the visible text (tags stripped) for
the 200-character minimum and the HTML as sent for the 10,000 maximum, so a description
that passes here passes on hh.ru whichever way it counts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from typing import Any

from app.exports import content, labels
from app.markup import inline_text, parse_html
from app.vacancies.document import VacancyDocument

CURRENCIES = {"RUB": "RUR", "BYN": "BYR", "UAH": "UAH", "KZT": "KZT", "USD": "USD", "EUR": "EUR"}
EXPERIENCE = {
    "none": "noExperience",
    "1-3": "between1And3",
    "3-6": "between3And6",
    "6+": "moreThan6",
}
SCHEDULE = {"full-day": "fullDay", "shift": "shift", "flexible": "flexible", "remote": "remote"}
EMPLOYMENT = {"full": "full", "part": "part", "project": "project", "internship": "probation"}

NAME_MAX = 220
DESCRIPTION_MIN = 200
DESCRIPTION_MAX = 10_000
KEY_SKILLS_MAX = 30


@dataclass(frozen=True)
class HhProblem:
    """A way the vacancy breaks an hh.ru limit, with advice in both languages."""

    code: str
    field: str
    limit: int
    actual: int
    message_ru: str
    message_en: str

    def message(self, lang: str) -> str:
        """The advice in the given UI language."""
        return self.message_ru if lang == "ru" else self.message_en


def _salary(doc: VacancyDocument) -> dict[str, Any] | None:
    """hh.ru's salary object (monthly), or None when there is none to send."""
    salary = doc.salary
    if salary is None or salary.period not in ("month", "year"):
        return None
    divisor = 12 if salary.period == "year" else 1

    def monthly(amount: int | None) -> int | None:
        return None if amount is None else round(amount / divisor)

    low, high = monthly(salary.amount_from), monthly(salary.amount_to)
    if low is None and high is None:
        return None
    return {
        "from": low,
        "to": high,
        "currency": CURRENCIES.get(salary.currency, salary.currency),
        "gross": salary.gross,
    }


def hh_vacancy(doc: VacancyDocument) -> dict[str, Any]:
    """The vacancy as an hh.ru API payload (without area, see the module notes)."""
    schedule = "remote" if doc.workplace == "remote" else SCHEDULE.get(doc.schedule, "fullDay")
    payload: dict[str, Any] = {
        "name": doc.title,
        "description": content.description_html(doc, rich=False),
        "key_skills": [{"name": skill} for skill in doc.skills if skill.strip()],
        "experience": {"id": EXPERIENCE.get(doc.experience, "noExperience")},
        "schedule": {"id": schedule},
        "employment": {"id": EMPLOYMENT.get(doc.employment, "full")},
    }
    salary = _salary(doc)
    if salary:
        payload["salary"] = salary
    return payload


# A tag without attributes, which is all `description_html(rich=False)` writes.
_BARE_TAG = re.compile(r"</?[a-z][a-z0-9]*>")


def visible_length(html: str) -> int:
    """Characters a reader sees in an HTML fragment (tags dropped, a line break counted as
    one character, entities decoded)."""
    text = _BARE_TAG.sub(lambda m: "\n" if m.group(0) == "<br>" else "", html)
    if "<" not in text:
        # Only bare tags (the job-board HTML): dropping them is exact, and much cheaper
        # than building the tree.
        return len(unescape(text).strip())
    return len(inline_text(parse_html(html)).strip())


def _longest_sections(doc: VacancyDocument, lang: str) -> str:
    """The two longest sections, named for advice: «Обязанности» или «Условия…»."""
    found = sorted(content.sections(doc), key=lambda s: -len(content.section_text(s)))[:2]
    names = [labels.section_title(section.key, lang) for section in found]
    quoted = [f"«{name}»" if lang == "ru" else f"“{name}”" for name in names]
    return (" или " if lang == "ru" else " or ").join(quoted)


def hh_problems(doc: VacancyDocument) -> list[HhProblem]:
    """Every hh.ru limit the vacancy breaks; an empty list means it can be published."""
    problems = []
    ru, en = (lambda n: labels.format_number(n, "ru")), (lambda n: labels.format_number(n, "en"))
    name = len(doc.title)
    if name > NAME_MAX:
        problems.append(HhProblem(
            "name_too_long", "name", NAME_MAX, name,
            f"Название длиннее {ru(NAME_MAX)} символов ({ru(name)}): сократите название",
            f"The title is longer than {en(NAME_MAX)} characters ({en(name)}): shorten it",
        ))  # fmt: skip
    html = content.description_html(doc, rich=False)
    text_length, html_length = visible_length(html), len(html)
    if html_length > DESCRIPTION_MAX:
        problems.append(HhProblem(
            "description_too_long", "description", DESCRIPTION_MAX, html_length,
            f"Описание длиннее {ru(DESCRIPTION_MAX)} символов ({ru(html_length)}): "
            f"сократите {_longest_sections(doc, 'ru')}",
            f"The description is longer than {en(DESCRIPTION_MAX)} characters "
            f"({en(html_length)}): shorten {_longest_sections(doc, 'en')}",
        ))  # fmt: skip
    elif text_length < DESCRIPTION_MIN:
        problems.append(HhProblem(
            "description_too_short", "description", DESCRIPTION_MIN, text_length,
            f"Описание короче {ru(DESCRIPTION_MIN)} символов ({ru(text_length)}): "
            "добавьте обязанности, требования или условия",
            f"The description is shorter than {en(DESCRIPTION_MIN)} characters "
            f"({en(text_length)}): add responsibilities, requirements or conditions",
        ))  # fmt: skip
    skills = len([skill for skill in doc.skills if skill.strip()])
    if skills > KEY_SKILLS_MAX:
        problems.append(HhProblem(
            "too_many_key_skills", "key_skills", KEY_SKILLS_MAX, skills,
            f"Больше {KEY_SKILLS_MAX} ключевых навыков ({skills}): "
            f"оставьте {KEY_SKILLS_MAX} самых важных",
            f"More than {KEY_SKILLS_MAX} key skills ({skills}): "
            f"keep the {KEY_SKILLS_MAX} that matter most",
        ))  # fmt: skip
    if doc.salary is not None and doc.salary.period == "hour":
        problems.append(HhProblem(
            "salary_period", "salary", 0, 0,
            "hh.ru принимает зарплату только за месяц: укажите месячную зарплату",
            "hh.ru takes monthly pay only: state the salary per month",
        ))  # fmt: skip
    return problems


def render_hh_json(doc: VacancyDocument) -> str:
    """The hh.ru payload as pretty-printed JSON."""
    return json.dumps(hh_vacancy(doc), ensure_ascii=False, indent=2) + "\n"
