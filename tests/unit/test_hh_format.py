"""The hh.ru POST /vacancies payload: every field, hh.ru's limits and the fixes listed."""

from __future__ import annotations

import dataclasses
import json

import pytest
import yaml

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.model import SKILL_TAG_MAX
from app.domain.vacancies.compose import compose_vacancy
from app.domain.vacancies.document import Salary
from app.exports.hh import (
    ALLOWED_TAGS,
    AREAS_FILE,
    KEY_SKILL_MAX,
    KEY_SKILLS_MAX,
    find_area,
    hh_problems,
    hh_vacancy,
    key_skills,
    render_hh_json,
    short_tag,
)
from app.exports.labels import NBSP
from app.markup import parse_html
from tests.samples import sample_document_en, sample_document_ru

NO_EMAIL = "Откликайтесь на hh.ru: расскажите, какой пост за год вы считаете лучшим и почему."


def ready_ru():
    """The Russian sample without the e-mail address hh.ru refuses in a description."""
    return dataclasses.replace(sample_document_ru(), apply_md=NO_EMAIL)


def codes(doc) -> list[str]:
    return [p.code for p in hh_problems(doc)]


def test_every_field_of_the_payload():
    payload = hh_vacancy(ready_ru())
    assert payload["name"] == "SMM-менеджер"
    assert payload["area"] == {"id": "2"}  # Санкт-Петербург
    assert payload["professional_roles"] == [{"id": "3"}]
    assert payload["billing_type"] == {"id": "standard"}
    assert payload["type"] == {"id": "open"}
    assert payload["experience"] == {"id": "between1And3"}
    assert payload["schedule"] == {"id": "fullDay"}
    assert payload["work_format"] == [{"id": "HYBRID"}]
    assert payload["employment_form"] == {"id": "FULL"}
    assert payload["salary_range"] == {
        "from": 80_000, "to": 120_000, "currency": "RUR", "gross": True, "mode": {"id": "MONTH"}
    }  # fmt: skip
    assert "salary" not in payload and "employment" not in payload  # deprecated on hh.ru
    assert {"name": "Таргетированная реклама"} in payload["key_skills"]
    assert json.loads(render_hh_json(ready_ru())) == payload
    assert hh_problems(ready_ru()) == []


def test_english_remote_vacancy():
    doc = dataclasses.replace(sample_document_en(), location="Moscow", apply_md="Apply on hh.ru.")
    payload = hh_vacancy(doc)
    assert payload["area"] == {"id": "1"}
    assert payload["schedule"] == {"id": "remote"} and payload["work_format"] == [{"id": "REMOTE"}]
    assert payload["salary_range"]["currency"] == "EUR"
    assert hh_problems(doc) == []


def test_description_uses_only_the_allowed_tags_within_its_length():
    payload = hh_vacancy(ready_ru())
    tags = set()

    def walk(nodes):
        for node in nodes:
            if node.tag:
                tags.add(node.tag)
                walk(node.children)

    walk(parse_html(payload["description"]))
    assert tags and tags <= ALLOWED_TAGS
    assert "<a " not in payload["description"]
    assert 200 <= len(payload["description"]) <= 10_000


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        (Salary(1_200_000, None, "RUB", False, "year"),
         {"from": 100_000, "to": None, "currency": "RUR", "gross": False, "mode": {"id": "MONTH"}}),
        (Salary(500, 900, "BYN", True, "hour"),
         {"from": 500, "to": 900, "currency": "BYR", "gross": True, "mode": {"id": "HOUR"}}),
    ],
)  # fmt: skip
def test_salary_range_modes(salary, expected):
    doc = dataclasses.replace(ready_ru(), salary=salary)
    assert hh_vacancy(doc)["salary_range"] == expected
    assert hh_problems(doc) == []


def test_internship_is_hh_rus_own_flag():
    payload = hh_vacancy(dataclasses.replace(ready_ru(), employment="internship"))
    assert payload["internship"] is True and "employment_form" not in payload


@pytest.mark.parametrize(
    ("changes", "code", "field", "limit", "words"),
    [
        ({"title": "SMM" * 80}, "name_too_long", "name", 220, "Название длиннее 220"),
        ({"duties": ("Очень длинная обязанность " * 20,) * 25}, "description_too_long",
         "description", 10_000, "«Обязанности»"),
        ({"intro_md": "", "duties": ("Постить",), "requirements": (), "skills": (),
          "conditions_md": "", "goals": (), "apply_md": ""}, "description_too_short",
         "description", 200, "добавьте"),
        ({"skills": tuple(f"Навык {i}" for i in range(31))}, "too_many_key_skills",
         "key_skills", 30, "оставьте 30"),
        ({"skills": ("Очень " * 30 + "длинный навык",)}, "key_skill_too_long", "key_skills",
         100, "длиннее 100"),
        ({"location": "Урюпинск"}, "area_unknown", "area", 0, "«Урюпинск»"),
        ({"location": ""}, "area_missing", "area", 0, "город"),
        ({"experience": ""}, "experience_unknown", "experience", 0, "опыт"),
        ({"role": "copywriter"}, "professional_role_unknown", "professional_roles", 0, "роль"),
        ({"salary": Salary(500, 900, "", True, "month")}, "salary_currency", "salary_range", 0,
         "валют"),
        ({"apply_md": "Пишите на hr@example.test"}, "email_in_description", "description", 0,
         "hr@example.test"),
    ],
)  # fmt: skip
def test_each_fix(changes, code, field, limit, words):
    doc = dataclasses.replace(ready_ru(), **changes)
    problems = hh_problems(doc)
    assert [p.code for p in problems] == [code]
    problem = problems[0]
    assert (problem.field, problem.limit) == (field, limit)
    assert words in problem.message("ru").replace(NBSP, " ")
    assert problem.message("en") and problem.message("en") != problem.message("ru")


def test_unfillable_fields_are_left_out_not_guessed():
    doc = dataclasses.replace(ready_ru(), location="Урюпинск", experience="", role="x")
    payload = hh_vacancy(doc)
    assert "area" not in payload and "experience" not in payload
    assert "professional_roles" not in payload
    assert set(codes(doc)) == {"area_unknown", "experience_unknown", "professional_role_unknown"}


def test_long_description_message_names_the_numbers():
    doc = dataclasses.replace(ready_ru(), duties=("Обязанность " * 40,) * 30)
    (problem,) = hh_problems(doc)
    assert problem.actual > 10_000
    ru = problem.message("ru").replace(NBSP, " ")
    assert ru.startswith("Описание длиннее 10 000 символов (")


def test_thirty_key_skills_at_most_in_the_payload():
    doc = dataclasses.replace(ready_ru(), skills=tuple(f"Навык {i}" for i in range(45)))
    assert len(hh_vacancy(doc)["key_skills"]) == KEY_SKILLS_MAX
    assert "too_many_key_skills" in codes(doc)
    exactly = dataclasses.replace(ready_ru(), skills=tuple(f"Навык {i}" for i in range(30)))
    assert len(hh_vacancy(exactly)["key_skills"]) == 30 and hh_problems(exactly) == []


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("Figma: макеты и баннеры для постов", "Figma"),
        ("Canva (шаблоны сторис)", "Canva"),
        ("Работа с блогерами — поиск и договорённости", "Работа с блогерами"),
        ("  Копирайтинг.  ", "Копирайтинг"),
        ("A: b", "A: b"),  # too little before the colon to stand alone
    ],
)
def test_own_skills_are_shortened(line, tag):
    assert short_tag(line) == tag


def test_catalog_skills_use_their_tags_and_repeats_go():
    catalog = load_catalog()
    skill = catalog.skill("targeted-advertising")
    doc = dataclasses.replace(
        ready_ru(),
        skills=(skill.text.ru, "Копирайтинг", "копирайтинг"),
        skill_tags=(skill.tag.ru, "", ""),
    )
    assert key_skills(doc) == ["Таргетированная реклама", "Копирайтинг"]


def test_composed_vacancy_carries_the_catalog_tags():
    from app.domain.vacancies.draft import VacancyDraft

    catalog = load_catalog()
    draft = VacancyDraft(
        title="SMM", role="smm-manager", language="en",
        skills=("copywriting", "seo-keyword-research"), custom_skills=("Figma: banners",),
    )  # fmt: skip
    doc = compose_vacancy(catalog, draft, organization="A", identifier="V-1",
                          date_posted=ready_ru().date_posted)  # fmt: skip
    assert doc.skill_tags == ("Copywriting", "SEO", "")
    assert key_skills(doc) == ["Copywriting", "SEO", "Figma"]


def test_every_catalog_skill_has_a_tag_within_limits():
    catalog = load_catalog()
    assert catalog.skills
    for skill in catalog.skills:
        assert skill.tag is not None, skill.id
        for text in (skill.tag.ru, skill.tag.en):
            assert 0 < len(text) <= SKILL_TAG_MAX <= KEY_SKILL_MAX, (skill.id, text)
            assert len(text) < len(skill.text.get("ru")) or text == skill.text.ru, skill.id


def test_area_table():
    entries = yaml.safe_load(AREAS_FILE.read_text(encoding="utf-8"))["areas"]
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)) >= 30
    assert all(isinstance(i, str) and i.isdigit() for i in ids)
    assert all(e["source"] in ("a", "b") for e in entries)
    assert find_area("Москва") == ("1", "Москва")
    assert find_area("г. Санкт-Петербург, м. Чкаловская") == ("2", "Санкт-Петербург")
    assert find_area("St. Petersburg") == ("2", "Санкт-Петербург")
    assert find_area("ростов на дону") == ("76", "Ростов-на-Дону")
    assert find_area("Kazan, Tatarstan") == ("88", "Казань")
    assert find_area("Урюпинск") is None and find_area("") is None


def test_a_yearly_salary_goes_as_monthly_and_an_unknown_period_is_a_fix():
    salary = ready_ru().salary
    yearly = dataclasses.replace(
        ready_ru(), salary=dataclasses.replace(salary, amount_from=1_200_000, period="year")
    )
    assert hh_vacancy(yearly)["salary_range"]["from"] == 100_000
    assert hh_vacancy(yearly)["salary_range"]["mode"] == {"id": "MONTH"}
    # A period no form offers (an old import, say) is listed, not sent as something else.
    weekly = dataclasses.replace(ready_ru(), salary=dataclasses.replace(salary, period="week"))
    assert "salary_range" not in hh_vacancy(weekly)
    assert codes(weekly) == ["salary_period"]
    problem = hh_problems(weekly)[0]
    assert "за месяц или за час" in problem.message("ru")
