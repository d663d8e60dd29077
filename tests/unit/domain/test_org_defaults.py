"""Organization vacancy defaults, pure: the same limits as the vacancy fields, the pre-fill."""

from __future__ import annotations

from app.domain.vacancies.draft import VacancyDraft
from app.domain.vacancies.org_defaults import VacancyDefaults
from app.domain.vacancies.validation import MAX_LOCATION, MAX_MARKDOWN


def test_prefill_sets_only_what_is_given():
    draft = VacancyDraft(title="SMM", role="smm-manager", apply_md="Пишите нам", workplace="office")
    filled = VacancyDefaults(intro_md=" О нас ", city="Казань", address="ул. Баумана, 12").prefill(
        draft
    )
    assert filled.intro_md == "О нас" and filled.location == "Казань, ул. Баумана, 12"
    assert filled.apply_md == "Пишите нам" and filled.workplace == "office"
    assert VacancyDefaults(workplace="remote").prefill(draft).workplace == "remote"
    assert VacancyDefaults().prefill(draft) == draft


def test_limits_are_the_vacancy_fields_limits():
    assert VacancyDefaults(intro_md="x" * MAX_MARKDOWN, city="К" * MAX_LOCATION).problems() == {}
    problems = VacancyDefaults(
        intro_md="x" * (MAX_MARKDOWN + 1),
        conditions_md="a\x00b",
        city="К" * (MAX_LOCATION + 1),
        workplace="moon",
    ).problems()
    assert {k: [p.code for p in v] for k, v in problems.items()} == {
        "intro_md": ["too-long"],
        "conditions_md": ["control-characters"],
        "city": ["too-long"],
        "workplace": ["invalid-choice"],
    }
    joined = VacancyDefaults(city="Казань", address="а" * (MAX_LOCATION - 7)).problems()
    assert [p.code for p in joined["address"]] == ["too-long"]
    assert VacancyDefaults(city="Казань", address="а" * (MAX_LOCATION - 8)).problems() == {}
    needs_place = VacancyDefaults(workplace="hybrid").problems()
    assert [p.code for p in needs_place["city"]] == ["required"]
    assert VacancyDefaults(workplace="remote").problems() == {}
    assert VacancyDefaults(city="Казань\nМосква").problems()["city"][0].code == (
        "control-characters"
    )
