"""Google's rules for a JobPosting (Google for Jobs structured data), as a pure check.

https://developers.google.com/search/docs/appearance/structured-data/job-posting: the
required properties must be present and valid for the posting to show in Google's job
search at all; the recommended ones make it show better (salary, type, apply button).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, TypeGuard

EMPLOYMENT_TYPES = frozenset(
    {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM",
     "OTHER"}
)  # fmt: skip
SALARY_UNITS = frozenset({"HOUR", "DAY", "WEEK", "MONTH", "YEAR"})
CURRENCY_RE = re.compile(r"[A-Z]{3}")

# Every code jobposting_problems returns, in the order a person would fix them, with
# whether Google requires the rule ("required": the posting is not shown without it) or
# recommends it ("recommended").
CODES: dict[str, str] = {
    "title_missing": "required",
    "description_missing": "required",
    "date_posted_missing": "required",
    "date_posted_invalid": "required",
    "hiring_organization_missing": "required",
    "location_missing": "required",
    "address_country_missing": "required",
    "applicant_location_missing": "required",
    "valid_through_invalid": "required",
    "valid_through_not_after_date_posted": "required",
    "salary_currency_invalid": "required",
    "salary_value_invalid": "required",
    "salary_unit_invalid": "required",
    "employment_type_invalid": "required",
    "valid_through_missing": "recommended",
    "base_salary_missing": "recommended",
    "employment_type_missing": "recommended",
    "identifier_missing": "recommended",
    "direct_apply_missing": "recommended",
}


def _text(value: Any) -> bool:
    """A non-empty string (after trimming)."""
    return isinstance(value, str) and bool(value.strip())


def _when(value: Any) -> date | None:
    """An ISO 8601 date or date-time as a date, None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        if "T" in value:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        return date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _salary_problems(salary: Any) -> list[str]:
    """baseSalary: a MonetaryAmount with a currency and a value (a number or a
    QuantitativeValue with value or minValue/maxValue, and unitText)."""
    if not isinstance(salary, dict):
        return ["salary_value_invalid"]
    problems = []
    if not (isinstance(salary.get("currency"), str) and CURRENCY_RE.fullmatch(salary["currency"])):
        problems.append("salary_currency_invalid")
    value = salary.get("value")
    if isinstance(value, dict):
        numbers = [value.get(k) for k in ("value", "minValue", "maxValue") if k in value]
        low, high = value.get("minValue"), value.get("maxValue")
        if (
            not numbers
            or not all(_number(n) for n in numbers)
            or (_number(low) and _number(high) and low > high)
        ):
            problems.append("salary_value_invalid")
        if value.get("unitText") not in SALARY_UNITS:
            problems.append("salary_unit_invalid")
    elif not _number(value):
        problems.append("salary_value_invalid")
    return problems


def _location_problems(data: dict[str, Any]) -> list[str]:
    """jobLocation with an address that names the country, or, for remote work,
    jobLocationType TELECOMMUTE with applicantLocationRequirements."""
    remote = data.get("jobLocationType") == "TELECOMMUTE"
    if remote:
        requirements = data.get("applicantLocationRequirements")
        items = requirements if isinstance(requirements, list) else [requirements]
        if not items or not all(isinstance(i, dict) and _text(i.get("name")) for i in items):
            return ["applicant_location_missing"]
        return []
    location = data.get("jobLocation")
    places: list[Any] = location if isinstance(location, list) else [location]
    if not places or not all(isinstance(p, dict) for p in places):
        return ["location_missing"]
    for place in places:
        address = place.get("address")
        if not isinstance(address, dict):
            return ["location_missing"]
        if not _text(address.get("addressCountry")):
            return ["address_country_missing"]
    return []


def jobposting_problems(data: dict[str, Any]) -> list[str]:
    """The codes (see CODES) of Google's JobPosting rules that `data` breaks, [] if none."""
    problems = []
    for key, code in (("title", "title_missing"), ("description", "description_missing")):
        if not _text(data.get(key)):
            problems.append(code)
    posted = None
    if not _text(data.get("datePosted")):
        problems.append("date_posted_missing")
    else:
        posted = _when(data["datePosted"])
        if posted is None:
            problems.append("date_posted_invalid")
    organization = data.get("hiringOrganization")
    if not (isinstance(organization, dict) and _text(organization.get("name"))):
        problems.append("hiring_organization_missing")
    problems += _location_problems(data)
    if "validThrough" in data:
        through = _when(data["validThrough"])
        if through is None:
            problems.append("valid_through_invalid")
        elif posted is not None and through <= posted:
            problems.append("valid_through_not_after_date_posted")
    else:
        problems.append("valid_through_missing")
    if "baseSalary" in data:
        problems += _salary_problems(data["baseSalary"])
    else:
        problems.append("base_salary_missing")
    if "employmentType" in data:
        kinds = data["employmentType"]
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not kinds or any(kind not in EMPLOYMENT_TYPES for kind in kinds):
            problems.append("employment_type_invalid")
    else:
        problems.append("employment_type_missing")
    identifier = data.get("identifier")
    if not (isinstance(identifier, dict) and _text(str(identifier.get("value") or ""))):
        problems.append("identifier_missing")
    if not isinstance(data.get("directApply"), bool):
        problems.append("direct_apply_missing")
    order = list(CODES)
    return sorted(problems, key=order.index)


def required_problems(problems: list[str]) -> list[str]:
    """The problems that keep Google from showing the posting at all."""
    return [code for code in problems if CODES[code] == "required"]
