"""Google's JobPosting rules (app/exports/jsonld_rules.py) and the samples against them."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date

import pytest

from app.exports.jsonld import job_posting
from app.exports.jsonld_rules import CODES, jobposting_problems, required_problems
from app.public.slugs import suggest_org_slug, vacancy_id_of, vacancy_slug, valid_org_slug
from tests.samples import sample_document_en, sample_document_ru

SAMPLES = {"ru": sample_document_ru, "en": sample_document_en}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_every_published_sample_passes_google_rules(lang):
    document = SAMPLES[lang]()
    assert not document.draft
    data = job_posting(document, url="https://jobs.example/jobs/acme/1-smm")
    assert jobposting_problems(data) == []


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_samples_as_remote_work_name_the_country(lang):
    document = dataclasses.replace(SAMPLES[lang](), workplace="remote", location="")
    data = job_posting(document)
    assert data["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in data
    assert jobposting_problems(data) == []


def valid() -> dict:
    return job_posting(sample_document_ru())


def without(key: str):
    def change(data):
        data.pop(key)

    return change


def setting(path: tuple[str, ...], value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


CASES = [
    (without("title"), "title_missing"),
    (setting(("title",), "   "), "title_missing"),
    (setting(("description",), ""), "description_missing"),
    (without("datePosted"), "date_posted_missing"),
    (setting(("datePosted",), "3 декабря 2026"), "date_posted_invalid"),
    (setting(("hiringOrganization", "name"), ""), "hiring_organization_missing"),
    (without("jobLocation"), "location_missing"),
    (setting(("jobLocation", "address"), "Москва"), "location_missing"),
    (setting(("jobLocation", "address", "addressCountry"), ""), "address_country_missing"),
    (setting(("validThrough",), "скоро"), "valid_through_invalid"),
    (setting(("validThrough",), "2020-01-01"), "valid_through_not_after_date_posted"),
    (setting(("baseSalary", "currency"), "rubles"), "salary_currency_invalid"),
    (setting(("baseSalary", "value", "minValue"), -5), "salary_value_invalid"),
    (setting(("baseSalary", "value", "minValue"), "много"), "salary_value_invalid"),
    (setting(("baseSalary", "value", "unitText"), "MONTHLY"), "salary_unit_invalid"),
    (setting(("employmentType",), "FULLTIME"), "employment_type_invalid"),
    (without("validThrough"), "valid_through_missing"),
    (without("baseSalary"), "base_salary_missing"),
    (without("employmentType"), "employment_type_missing"),
    (without("identifier"), "identifier_missing"),
    (without("directApply"), "direct_apply_missing"),
]


@pytest.mark.parametrize(("change", "code"), CASES)
def test_each_rule_reports_its_code(change, code):
    data = copy.deepcopy(valid())
    change(data)
    assert jobposting_problems(data) == [code]


def test_every_code_has_a_case():
    tested = {code for _change, code in CASES} | {"applicant_location_missing"}  # below
    assert tested == set(CODES)


def test_remote_work_needs_the_applicant_location():
    data = copy.deepcopy(valid())
    data.pop("jobLocation")
    data["jobLocationType"] = "TELECOMMUTE"
    assert jobposting_problems(data) == ["applicant_location_missing"]
    data["applicantLocationRequirements"] = {"@type": "Country", "name": "Russia"}
    assert jobposting_problems(data) == []


def test_a_salary_bound_alone_and_a_plain_number_are_valid():
    data = copy.deepcopy(valid())
    data["baseSalary"]["value"].pop("maxValue")
    assert jobposting_problems(data) == []
    data["baseSalary"]["value"] = {"@type": "QuantitativeValue", "minValue": 9, "maxValue": 1,
                                   "unitText": "MONTH"}  # fmt: skip
    assert jobposting_problems(data) == ["salary_value_invalid"]


def test_only_required_problems_keep_the_posting_out():
    problems = ["address_country_missing", "base_salary_missing"]
    assert required_problems(problems) == ["address_country_missing"]


def test_a_date_time_counts_as_iso_date():
    data = copy.deepcopy(valid())
    data["datePosted"] = f"{date(2026, 12, 1).isoformat()}T09:00:00Z"
    data["validThrough"] = "2026-12-31T23:59:00+03:00"
    assert jobposting_problems(data) == []


@pytest.mark.parametrize(
    ("slug", "ok"),
    [("acme", True), ("coffee-north-2", True), ("ab", False), ("-acme", False), ("acme-", False),
     ("a--b", False), ("Acme", False), ("кофе", False), ("x" * 60, True), ("x" * 61, False)],
)  # fmt: skip
def test_org_slug_rule(slug, ok):
    assert valid_org_slug(slug) is ok


def test_vacancy_slugs_transliterate_and_round_trip():
    slug = vacancy_slug(7, "SMM-менеджер в кофейню «Ромашка»")
    assert slug == "7-smm-menedzher-v-kofeynyu-romashka"
    assert vacancy_slug(8, "!!!") == "8"
    assert len(vacancy_slug(9, "очень длинное название " * 10)) <= 62
    assert vacancy_id_of("7-smm-menedzher") == 7 and vacancy_id_of("7") == 7
    assert vacancy_id_of("smm") is None and vacancy_id_of("0-x") is None
    assert vacancy_id_of("1" * 30) is None
    assert suggest_org_slug("ООО «Северная обжарка»") == "ooo-severnaya-obzharka"


@pytest.mark.parametrize(
    ("location", "country", "expected"),
    [
        ("Челябинск", "", "RU"),  # a city of the hh.ru area table
        ("г. Омск, ул. Ленина, 1", "", "RU"),
        ("Тверь", "RU", "RU"),  # in no table: the employer's country
        ("Тверь", "", None),  # nothing to go on: reported, not guessed
        ("Алматы", "RU", "KZ"),  # the location's own country wins
        ("Минск, Беларусь", "RU", "BY"),
    ],
)
def test_the_address_country_comes_from_the_place_or_the_employer(location, country, expected):
    document = dataclasses.replace(
        sample_document_ru(), workplace="office", location=location, country=country
    )
    address = job_posting(document)["jobLocation"]["address"]
    assert address.get("addressCountry") == expected
    assert ("address_country_missing" in jobposting_problems(job_posting(document))) is (
        expected is None
    )


def test_remote_work_is_open_to_the_employers_country():
    document = dataclasses.replace(
        sample_document_ru(), workplace="remote", location="", country="RU", salary=None
    )
    data = job_posting(document)
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "Russia"}
