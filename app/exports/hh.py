"""The vacancy shaped for hh.ru's vacancy API (POST /vacancies), and what stops it fitting.

Fields follow hh.ru's OpenAPI description of the request (`VacancyCreate`, api.hh.ru/openapi):
`name`, `description`, `area`, `billing_type`, `type` and `professional_roles` are required;
`salary`, `schedule` and `employment` are marked deprecated there in favour of
`salary_range` (with `mode`), `work_format` and `employment_form`, so those are what we send.
`schedule` is still accepted and is the only field that takes a shift or flexible
schedule, so it is sent as well. Limits from the same description and hh.ru's
`GET /vacancy_conditions`: name up to 220 characters, description 200 to 10,000, at most
30 key skills of up to 100 characters each, exactly one professional role.

Mapping notes:
- currency uses hh.ru's own codes: RUB -> "RUR", BYN -> "BYR" (hh.ru kept the old codes);
- a yearly salary is divided by 12 and sent with mode MONTH; an hourly one has mode HOUR;
- `area` comes from the location through data/hh_areas.yaml (hh.ru takes a city id only);
- an internship is `internship: true` without an employment form (hh.ru's own flag);
- key skills are the catalog skills' short tags; the employer's own skills are shortened
  (text before a colon, dash or bracket) and listed as fixes when still too long;
- hh.ru refuses a description holding an e-mail address (`email_in_description`), so one
  is listed as a fix: candidates reply through hh.ru.

Description length: we count the visible text (tags stripped) for the 200-character
minimum and the HTML as sent for the 10,000 maximum, so a description that passes here
passes on hh.ru whichever way it counts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import yaml

from app.caches import memoize
from app.domain.catalog.model import Text
from app.domain.message import Message, Number, Quoted, msg
from app.domain.vacancies.document import VacancyDocument
from app.exports import content, labels
from app.markup import inline_text, parse_html

CURRENCIES = {"RUB": "RUR", "BYN": "BYR", "UAH": "UAH", "KZT": "KZT", "USD": "USD", "EUR": "EUR"}
EXPERIENCE = {
    "none": "noExperience",
    "1-3": "between1And3",
    "3-6": "between3And6",
    "6+": "moreThan6",
}
SCHEDULE = {"full-day": "fullDay", "shift": "shift", "flexible": "flexible", "remote": "remote"}
# hh.ru's employment_form dictionary: FULL, PART, PROJECT, FLY_IN_FLY_OUT.
EMPLOYMENT_FORM = {"full": "FULL", "part": "PART", "project": "PROJECT"}
# hh.ru's work_format dictionary: ON_SITE, REMOTE, HYBRID, FIELD_WORK.
WORK_FORMAT = {"office": "ON_SITE", "hybrid": "HYBRID", "remote": "REMOTE"}
SALARY_MODE = {"month": "MONTH", "year": "MONTH", "hour": "HOUR"}
# hh.ru's professional_roles dictionary (GET https://api.hh.ru/professional_roles), group
# «Маркетинг, реклама, PR»: 3 is «SMM-менеджер, контент-менеджер» (68 would be «Менеджер
# по маркетингу, интернет-маркетолог»). Every catalog role is an SMM role, so all map to 3.
PROFESSIONAL_ROLES = {"smm-manager": "3", "smm-specialist": "3", "smm-generalist": "3"}
BILLING_TYPE = "standard"  # vacancy_billing_type: free, standard, standard_plus, premium
VACANCY_TYPE = "open"  # vacancy_type: open, closed, anonymous, direct

NAME_MAX = 220
DESCRIPTION_MIN = 200
DESCRIPTION_MAX = 10_000
KEY_SKILLS_MAX = 30
KEY_SKILL_MAX = 100
# The tags description_html(rich=False) writes; hh.ru's vacancy editor offers these.
ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li"})
AREAS_FILE = Path(__file__).with_name("data") / "hh_areas.yaml"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class HhProblem:
    """A way the vacancy breaks an hh.ru limit, with advice in both languages."""

    code: str
    field: str
    limit: int
    actual: int
    advice: Message

    def message(self, lang: str) -> str:
        """The advice in the given UI language."""
        return self.advice.get(lang)


# --- areas -----------------------------------------------------------------------------


def _city_key(text: str) -> str:
    """A location compared loosely: lower case, ё as е, no «г.», dashes as spaces."""
    key = text.lower().replace("ё", "е")
    key = re.sub(r"^\s*(г\.|город|city of)\s*", "", key)
    return " ".join(re.sub(r"[-‐–—.]", " ", key).split())


@memoize("exports.hh_areas")
def area_table() -> dict[str, tuple[str, str]]:
    """{loose city name or alias: (hh.ru area id, city name)} from data/hh_areas.yaml."""
    entries = yaml.safe_load(AREAS_FILE.read_text(encoding="utf-8"))["areas"]
    table: dict[str, tuple[str, str]] = {}
    for entry in entries:
        for name in (entry["name"], *entry.get("aliases", ())):
            table[_city_key(name)] = (str(entry["id"]), entry["name"])
    return table


def find_area(location: str) -> tuple[str, str] | None:
    """(area id, city) of a location such as «г. Москва, м. Тверская»; None when unknown."""
    table = area_table()
    for part in re.split(r"[,;/()]", location):
        found = table.get(_city_key(part))
        if found:
            return found
    return None


# --- key skills ------------------------------------------------------------------------


def short_tag(line: str) -> str:
    """A key-skill form of a free-text skill: the words before a colon, dash or bracket,
    without a final full stop («Figma: макеты и баннеры» -> «Figma»)."""
    text = " ".join(line.split())
    head = re.split(r"\s*(?::|\(|\s[—–-]\s|;)\s*", text, maxsplit=1)[0]
    return (head if len(head) >= 2 else text).rstrip(" .,!")


def key_skills(doc: VacancyDocument) -> list[str]:
    """Every skill as a tag, catalog tags first-hand, own lines shortened, repeats dropped."""
    tags = doc.skill_tags if len(doc.skill_tags) == len(doc.skills) else ("",) * len(doc.skills)
    seen: set[str] = set()
    result = []
    for line, tag in zip(doc.skills, tags, strict=True):
        name = (tag or short_tag(line)).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


# --- payload ---------------------------------------------------------------------------


def _salary_range(doc: VacancyDocument) -> dict[str, Any] | None:
    """hh.ru's salary_range object, or None when there is none to send."""
    salary = doc.salary
    if salary is None or salary.period not in SALARY_MODE or not salary.currency:
        return None
    divisor = 12 if salary.period == "year" else 1

    def amount(value: int | None) -> int | None:
        return None if value is None else round(value / divisor)

    low, high = amount(salary.amount_from), amount(salary.amount_to)
    if low is None and high is None:
        return None
    return {
        "from": low,
        "to": high,
        "currency": CURRENCIES.get(salary.currency, salary.currency),
        "gross": salary.gross,
        "mode": {"id": SALARY_MODE[salary.period]},
    }


def hh_vacancy(doc: VacancyDocument) -> dict[str, Any]:
    """The vacancy as an hh.ru POST /vacancies payload; fields that cannot be filled are
    left out, and hh_problems() names each of them."""
    payload: dict[str, Any] = {
        "name": doc.title,
        "description": content.description_html(doc, rich=False),
        "billing_type": {"id": BILLING_TYPE},
        "type": {"id": VACANCY_TYPE},
    }
    area = find_area(doc.location)
    if area:
        payload["area"] = {"id": area[0]}
    role = PROFESSIONAL_ROLES.get(doc.role)
    if role:
        payload["professional_roles"] = [{"id": role}]
    payload["key_skills"] = [{"name": name} for name in key_skills(doc)[:KEY_SKILLS_MAX]]
    if doc.experience in EXPERIENCE:
        payload["experience"] = {"id": EXPERIENCE[doc.experience]}
    if doc.workplace in WORK_FORMAT:
        payload["work_format"] = [{"id": WORK_FORMAT[doc.workplace]}]
    schedule = "remote" if doc.workplace == "remote" else SCHEDULE.get(doc.schedule)
    if schedule:
        payload["schedule"] = {"id": schedule}
    if doc.employment == "internship":
        payload["internship"] = True
    elif doc.employment in EMPLOYMENT_FORM:
        payload["employment_form"] = {"id": EMPLOYMENT_FORM[doc.employment]}
    salary = _salary_range(doc)
    if salary:
        payload["salary_range"] = salary
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


def _longest_sections(doc: VacancyDocument) -> Message:
    """The two longest sections, named for advice: «Обязанности» или «Условия…»."""
    found = sorted(content.sections(doc), key=lambda s: -len(content.section_text(s)))[:2]
    names = [
        Quoted(Text(labels.section_title(s.key, "ru"), labels.section_title(s.key, "en")))
        for s in found
    ]
    if len(names) == 1:
        return msg("%(first)s", first=names[0])
    return msg("%(first)s or %(second)s", first=names[0], second=names[1])


def _text_problems(doc: VacancyDocument) -> list[HhProblem]:
    """Title and description length, and an e-mail address in the description."""
    problems = []
    name = len(doc.title)
    if name > NAME_MAX:
        problems.append(HhProblem(
            "name_too_long", "name", NAME_MAX, name,
            msg(
                "The title is longer than %(limit)s characters (%(actual)s): shorten it",
                limit=Number(NAME_MAX), actual=Number(name),
            ),
        ))  # fmt: skip
    html = content.description_html(doc, rich=False)
    text_length, html_length = visible_length(html), len(html)
    if html_length > DESCRIPTION_MAX:
        problems.append(HhProblem(
            "description_too_long", "description", DESCRIPTION_MAX, html_length,
            msg(
                "The description is longer than %(limit)s characters (%(actual)s): "
                "shorten %(sections)s",
                limit=Number(DESCRIPTION_MAX), actual=Number(html_length),
                sections=_longest_sections(doc),
            ),
        ))  # fmt: skip
    elif text_length < DESCRIPTION_MIN:
        problems.append(HhProblem(
            "description_too_short", "description", DESCRIPTION_MIN, text_length,
            msg(
                "The description is shorter than %(limit)s characters (%(actual)s): "
                "add responsibilities, requirements or conditions",
                limit=Number(DESCRIPTION_MIN), actual=Number(text_length),
            ),
        ))  # fmt: skip
    email = EMAIL.search(unescape(html))
    if email:
        problems.append(HhProblem(
            "email_in_description", "description", 0, 0,
            msg(
                "hh.ru refuses an e-mail address in the description (%(email)s): "
                "remove it, candidates will apply through hh.ru",
                email=email.group(0),
            ),
        ))  # fmt: skip
    return problems


def _skill_problems(doc: VacancyDocument) -> list[HhProblem]:
    """More than 30 key skills, or a skill hh.ru would refuse as too long."""
    problems = []
    tags = key_skills(doc)
    if len(tags) > KEY_SKILLS_MAX:
        problems.append(HhProblem(
            "too_many_key_skills", "key_skills", KEY_SKILLS_MAX, len(tags),
            msg(
                "More than %(limit)s key skills (%(actual)s): keep the %(limit)s that matter most",
                limit=KEY_SKILLS_MAX, actual=len(tags),
            ),
        ))  # fmt: skip
    for tag in tags:
        if len(tag) > KEY_SKILL_MAX:
            shown = tag[:40].rstrip() + "…"
            problems.append(HhProblem(
                "key_skill_too_long", "key_skills", KEY_SKILL_MAX, len(tag),
                msg(
                    "The skill %(skill)s is longer than %(limit)s characters (%(actual)s): "
                    "write it short, e.g. “Targeted advertising”",
                    skill=Quoted(shown), limit=KEY_SKILL_MAX, actual=len(tag),
                ),
            ))  # fmt: skip
    return problems


def _field_problems(doc: VacancyDocument) -> list[HhProblem]:
    """City, role, experience and salary that hh.ru's dictionaries cannot take."""
    problems = []
    location = doc.location.strip()
    if not location:
        problems.append(HhProblem(
            "area_missing", "area", 0, 0,
            msg(
                "hh.ru needs a city to publish in: fill in the location "
                "(for remote work, the company's city)"
            ),
        ))  # fmt: skip
    elif find_area(location) is None:
        problems.append(HhProblem(
            "area_unknown", "area", 0, 0,
            msg(
                "The location %(location)s is not in the hh.ru area table the app knows: give "
                "the city alone (e.g. “Moscow”) or pick the area on hh.ru after the upload",
                location=Quoted(location),
            ),
        ))  # fmt: skip
    if doc.role not in PROFESSIONAL_ROLES:
        problems.append(HhProblem(
            "professional_role_unknown", "professional_roles", 0, 0,
            msg("This role has no hh.ru professional role: pick a role from the catalog"),
        ))  # fmt: skip
    if doc.experience not in EXPERIENCE:
        problems.append(HhProblem(
            "experience_unknown", "experience", 0, 0,
            msg("The required experience is not set: pick none, 1–3, 3–6 or over 6 years"),
        ))  # fmt: skip
    salary = doc.salary
    if salary is not None and (salary.amount_from is not None or salary.amount_to is not None):
        if salary.currency not in CURRENCIES:
            problems.append(HhProblem(
                "salary_currency", "salary_range", 0, 0,
                msg("The salary has no currency hh.ru takes: pick RUB, USD, EUR, KZT, UAH or BYN"),
            ))  # fmt: skip
        if salary.period not in SALARY_MODE:
            problems.append(HhProblem(
                "salary_period", "salary_range", 0, 0,
                msg("hh.ru takes pay per month or per hour: state the salary for one of them"),
            ))  # fmt: skip
    return problems


def hh_problems(doc: VacancyDocument) -> list[HhProblem]:
    """Every fix the vacancy needs before hh.ru takes it; an empty list means it fits."""
    return _text_problems(doc) + _field_problems(doc) + _skill_problems(doc)


def render_hh_json(doc: VacancyDocument) -> str:
    """The hh.ru payload as pretty-printed JSON."""
    return json.dumps(hh_vacancy(doc), ensure_ascii=False, indent=2) + "\n"
