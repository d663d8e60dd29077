"""schema.org JobPosting (Google for Jobs) as a dict, a JSON file and a <script> tag."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from app.domain.vacancies.document import VacancyDocument
from app.exports import content
from app.exports.content import description_html
from app.exports.hh import find_area

EMPLOYMENT_TYPES = {
    "full": "FULL_TIME",
    "part": "PART_TIME",
    "project": "CONTRACTOR",
    "internship": "INTERN",
}
SALARY_UNITS = {"month": "MONTH", "year": "YEAR", "hour": "HOUR"}
MONTHS_OF_EXPERIENCE = {"1-3": 12, "3-6": 36, "6+": 72}

# Country by a location word, exact match only (ISO 3166-1 code, English name): a city
# or country we cannot name with certainty is left out rather than guessed.
PLACES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("россия", "russia", "рф"), ("RU", "Russia")),
    **dict.fromkeys(
        (
            "москва", "moscow", "санкт-петербург", "saint petersburg", "st petersburg",
            "новосибирск", "екатеринбург", "казань", "нижний новгород", "краснодар",
            "самара", "ростов-на-дону", "уфа", "пермь", "воронеж", "красноярск",
        ),
        ("RU", "Russia"),
    ),
    **dict.fromkeys(("казахстан", "kazakhstan", "алматы", "almaty", "астана", "astana"),
                    ("KZ", "Kazakhstan")),
    **dict.fromkeys(("беларусь", "belarus", "минск", "minsk"), ("BY", "Belarus")),
    **dict.fromkeys(("украина", "ukraine", "киев", "київ", "kyiv"), ("UA", "Ukraine")),
    **dict.fromkeys(("армения", "armenia", "ереван", "yerevan"), ("AM", "Armenia")),
    **dict.fromkeys(("грузия", "georgia", "тбилиси", "tbilisi"), ("GE", "Georgia")),
    **dict.fromkeys(("сербия", "serbia", "белград", "belgrade"), ("RS", "Serbia")),
    **dict.fromkeys(("узбекистан", "uzbekistan", "ташкент", "tashkent"),
                    ("UZ", "Uzbekistan")),
}  # fmt: skip
# A remote posting needs at least one country; the currency is the next best evidence.
CURRENCY_COUNTRIES = {
    "RUB": ("RU", "Russia"),
    "KZT": ("KZ", "Kazakhstan"),
    "BYN": ("BY", "Belarus"),
    "UAH": ("UA", "Ukraine"),
}
# Last resort for remote postings: the market the app serves, whatever the language.
DEFAULT_COUNTRY = {"ru": ("RU", "Russia"), "en": ("RU", "Russia")}


COUNTRY_NAMES = dict(PLACES.values())


def country_of(location: str) -> tuple[str, str] | None:
    """(ISO code, English name) if a comma-separated part of the location is a known place
    (the places above, or a city of hh.ru's area table: all in Russia)."""
    for part in location.split(","):
        found = PLACES.get(part.strip().lower().replace("ё", "е"))
        if found:
            return found
    if find_area(location) is not None:
        return "RU", COUNTRY_NAMES["RU"]
    return None


def _country(doc: VacancyDocument) -> tuple[str, str] | None:
    """The country of the vacancy's location, else the employer's."""
    found = country_of(doc.location)
    if found is None and doc.country in COUNTRY_NAMES:
        found = doc.country, COUNTRY_NAMES[doc.country]
    return found


def _salary(doc: VacancyDocument) -> dict[str, Any] | None:
    """baseSalary as a MonetaryAmount with a QuantitativeValue range."""
    salary = doc.salary
    if salary is None or (salary.amount_from is None and salary.amount_to is None):
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if salary.amount_from is not None:
        value["minValue"] = salary.amount_from
    if salary.amount_to is not None:
        value["maxValue"] = salary.amount_to
    value["unitText"] = SALARY_UNITS.get(salary.period, "MONTH")
    return {"@type": "MonetaryAmount", "currency": salary.currency, "value": value}


def _location(doc: VacancyDocument) -> dict[str, Any]:
    """jobLocation for on-site and hybrid work; TELECOMMUTE and a country for remote."""
    country = _country(doc)
    if doc.workplace == "remote":
        if country is None and doc.salary is not None:
            country = CURRENCY_COUNTRIES.get(doc.salary.currency)
        code_name = country or DEFAULT_COUNTRY.get(doc.language, DEFAULT_COUNTRY["ru"])
        return {
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": {"@type": "Country", "name": code_name[1]},
        }
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": doc.location}
    if country:
        address["addressCountry"] = country[0]
    return {"jobLocation": {"@type": "Place", "address": address}}


def job_posting(
    doc: VacancyDocument, *, url: str | None = None, logo_url: str | None = None
) -> dict[str, Any]:
    """The vacancy as a schema.org JobPosting dict (logo_url: the organization's logo at
    an absolute address, for the public page)."""
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": doc.title,
        "description": description_html(doc),
        "datePosted": doc.date_posted.isoformat(),
    }
    if doc.valid_through:
        posting["validThrough"] = doc.valid_through.isoformat()
    if doc.employment in EMPLOYMENT_TYPES:
        posting["employmentType"] = EMPLOYMENT_TYPES[doc.employment]
    posting["hiringOrganization"] = {"@type": "Organization", "name": doc.organization}
    if logo_url:
        posting["hiringOrganization"]["logo"] = logo_url
    posting.update(_location(doc))
    salary = _salary(doc)
    if salary:
        posting["baseSalary"] = salary
    posting["identifier"] = {
        "@type": "PropertyValue",
        "name": doc.organization,
        "value": doc.identifier,
    }
    # Candidates apply as the vacancy's "how to apply" says (mail, a form elsewhere), not
    # on the page itself.
    posting["directApply"] = False
    if url:
        posting["url"] = url
    sections = {section.key: section for section in content.sections(doc)}
    for key, prop in (
        ("skills", "skills"),
        ("duties", "responsibilities"),
        ("requirements", "qualifications"),
    ):
        if key in sections:
            posting[prop] = list(sections[key].items)
    if "conditions" in sections:
        posting["jobBenefits"] = content.section_text(sections["conditions"])
    months = MONTHS_OF_EXPERIENCE.get(doc.experience)
    posting["experienceRequirements"] = (
        {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": months}
        if months
        else "no requirements"
    )
    return posting


def script_safe_json(data: Any, *, indent: int | None = None) -> str:
    """JSON that cannot close a <script> element or open a comment or CDATA section."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_jsonld(doc: VacancyDocument) -> str:
    """The JobPosting as a pretty-printed JSON-LD file (safe to paste into a <script>)."""
    return script_safe_json(job_posting(doc), indent=2) + "\n"


def jsonld_script_body(
    doc: VacancyDocument, *, url: str | None = None, logo_url: str | None = None
) -> Markup:
    """The JobPosting for a page's <script type="application/ld+json"> element (the
    template writes the element): JSON with <, > and & escaped, so it cannot end the
    script, and marked safe so that autoescaping leaves its quotes alone."""
    body = script_safe_json(job_posting(doc, url=url, logo_url=logo_url))
    return Markup(body)  # noqa: S704 - <, > and & are escaped
