"""What each JobPosting rule code means, in the interface language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.exports.jsonld_rules import CODES

LABELS = {
    "title_missing": _l("The title is empty."),
    "description_missing": _l("The description is empty."),
    "date_posted_missing": _l("The publication date is missing."),
    "date_posted_invalid": _l("The publication date is not a valid date."),
    "hiring_organization_missing": _l("The organization's name is missing."),
    "location_missing": _l("The place of work is missing: fill in the city."),
    "address_country_missing": _l(
        "The country of the place of work is unknown: add it to the city, "
        "for example «Tver, Russia»."
    ),
    "applicant_location_missing": _l(
        "Remote work needs the country candidates may work from: add it to the city field."
    ),
    "valid_through_invalid": _l("The closing date is not a valid date."),
    "valid_through_not_after_date_posted": _l(
        "The closing date must be later than the publication date."
    ),
    "salary_currency_invalid": _l("The salary currency is not a valid currency code."),
    "salary_value_invalid": _l("The salary amounts are not valid."),
    "salary_unit_invalid": _l("The salary period is not one Google knows."),
    "employment_type_invalid": _l("The employment type is not one Google knows."),
    "valid_through_missing": _l("No closing date: Google recommends one (“Valid through”)."),
    "base_salary_missing": _l("No salary: Google recommends showing the pay."),
    "employment_type_missing": _l("No employment type: Google recommends one."),
    "identifier_missing": _l("No vacancy identifier."),
    "direct_apply_missing": _l("It is not said whether candidates apply on the page itself."),
}
assert set(LABELS) == set(CODES), "every JobPosting rule needs a label"


def problem_items(codes: list[str]) -> list[dict]:
    """The problems as the vacancy page lists them: code, label and whether required."""
    return [
        {"code": code, "label": LABELS[code], "required": CODES[code] == "required"}
        for code in codes
    ]
