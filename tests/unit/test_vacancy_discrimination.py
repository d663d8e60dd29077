"""Requirements art. 64 of the Labour Code forbids are caught; ordinary wording is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.catalog.loader import load_catalog
from app.catalog.overrides import Override, apply_overrides
from app.vacancies.checks import check_vacancy, publish_blockers
from app.vacancies.discrimination import (
    CATEGORIES,
    CONTEXT_PATTERNS,
    EXPLICIT_PATTERNS,
    category_names,
    discriminatory_categories,
)
from app.vacancies.draft import KpiChoice, VacancyDraft

CATALOG = load_catalog(Path("role_catalog"))

MUST_FIRE = [
    # Russian: sex
    ("девушка", "sex"),
    ("Девушки до 30", "sex"),
    ("только девушки", "sex"),
    ("Только для мужчин", "sex"),
    ("мужчина", "sex"),
    ("парень", "sex"),
    ("Парни с опытом", "sex"),
    ("Ищем девушку на позицию SMM-менеджера", "sex"),
    ("Вакансия для девушек", "sex"),
    ("Пол: женский", "sex"),
    ("Кандидат мужского пола", "sex"),
    # Russian: age
    ("девушки до 30", "age"),
    ("до 35 лет", "age"),
    ("До 35-ти лет", "age"),
    ("не старше 30", "age"),
    ("Кандидат не старше 35 лет с опытом в SMM", "age"),
    ("от 20 до 30 лет", "age"),
    ("возраст 25–35", "age"),
    ("Возраст: до 30", "age"),
    ("В возрасте от 25", "age"),
    ("молодая", "age"),
    ("Ищем молодого сотрудника", "age"),
    ("Моложе 40", "age"),
    # Russian: appearance
    ("славянской внешности", "appearance"),
    ("приятная внешность", "appearance"),
    ("привлекательная внешность", "appearance"),
    ("Стройная фигура", "appearance"),
    ("Рост от 170 см", "appearance"),
    # Russian: family
    ("без детей", "family"),
    ("отсутствие детей", "family"),
    ("не замужем", "family"),
    ("семейное положение", "family"),
    ("Семейное положение: не женат", "family"),
    ("Не планирующая ребёнка в ближайший год", "family"),
    # Russian: nationality, origin, language nativeness
    ("национальность", "nationality"),
    ("русская по национальности", "nationality"),
    ("славянской внешности", "nationality"),
    ("Носитель русского языка", "nationality"),
    ("Русский — родной язык", "nationality"),
    # Russian: religion and beliefs
    ("Вероисповедание: православие", "religion"),
    ("Политические взгляды не важны, но православный кандидат приветствуется", "religion"),
    # Russian: residence and registration
    ("прописка в Москве", "residence"),
    ("Московская прописка", "residence"),
    ("регистрация в МО", "residence"),
    ("Регистрация по месту жительства в Санкт-Петербурге", "residence"),
    ("Постоянная регистрация", "residence"),
    # English
    ("young", "age"),
    ("Young and energetic", "age"),
    ("under 30", "age"),
    ("aged 25-35", "age"),
    ("Candidates over 45 need not apply", "age"),
    ("between 25 and 35 years old", "age"),
    ("not older than 35", "age"),
    ("a digital native", "age"),
    ("female only", "sex"),
    ("male", "sex"),
    ("girls", "sex"),
    ("Women only", "sex"),
    ("Gender: female", "sex"),
    ("attractive appearance", "appearance"),
    ("good-looking", "appearance"),
    ("no kids", "family"),
    ("single", "family"),
    ("Must be single, no children", "family"),
    ("Marital status: married", "family"),
    ("native Russian speaker", "nationality"),
    ("Native speaker of English", "nationality"),
    ("Nationality: Russian", "nationality"),
    ("Religious beliefs", "religion"),
    ("Local residents only", "residence"),
    ("Must live in Moscow", "residence"),
]

MUST_NOT_FIRE = [
    "опыт от 3 лет",
    "опыт работы от 1 до 3 лет",
    "стаж не менее 2 лет",
    "Опыт работы в SMM от 10 лет",
    # About the team, not a requirement on the candidate.
    "молодой и дружный коллектив",
    "Молодая команда и свой офис",
    # About the audience or the products.
    "работа с женской аудиторией",
    "одежда для мужчин",
    "детские товары",
    "целевая аудитория 25–35 лет",
    "Наша аудитория — женщины 25–45 лет",
    "Целевая аудитория: женщины от 25 до 45 лет",
    "Реклама для молодых мам",
    "Instagram для девушек, которые любят спорт",
    "Работа с блогерами-мужчинами",
    "Товары для женщин 30+",
    "Анализировать возраст, пол и интересы аудитории",
    # Equal-opportunity statements.
    "Независимо от пола и возраста",
    "Возраст не важен",
    "regardless of age or gender",
    # Numbers that are not ages.
    "Отвечать на комментарии до 30 минут",
    "Публиковать до 30 постов в месяц",
    "Зарплата от 80 000 до 120 000 ₽",
    "Коллектив до 30 человек",
    "Рост от 20% в месяц",
    "Прирост 1000 подписчиков за 3 месяца",
    "Reply under 30 minutes",
    "over 10 years of experience",
    # Fair language and appearance requirements.
    "Грамотный русский язык",
    "Fluent English (C1)",
    "Опрятный внешний вид",
    "Создавать привлекательный контент",
    # Other words that only look alike.
    "Регистрация на вебинар",
    "Контент к религиозным праздникам",
    "ресторан славянской кухни",
    "этнический стиль в оформлении",
    "Модерировать комментарии",
    "Детский центр ищет SMM-менеджера",
    # English
    "experience of 3+ years",
    "female audience",
    "kids' products",
    "audience aged 25-34",
    "young and dynamic team",
    "Products for young mothers",
    "a single network",
    "women's clothing brand",
    "estimate man-hours",
]


def plain(text: str) -> str:
    """Russian text with its non-breaking spaces read as spaces."""
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize(("text", "category"), MUST_FIRE)
def test_forbidden_requirements_are_caught(text: str, category: str) -> None:
    assert category in discriminatory_categories(text)


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_ordinary_wording_is_not_flagged(text: str) -> None:
    assert discriminatory_categories(text) == ()


def test_case_yo_dashes_and_non_breaking_spaces_do_not_hide_a_requirement() -> None:
    assert discriminatory_categories("ДЕВУШКИ ДО 30\u00a0ЛЕТ") == ("sex", "age")
    assert discriminatory_categories("возраст 25\u201435") == ("age",)
    assert "family" in discriminatory_categories("не планирует ребёнка")


def test_each_line_and_sentence_is_read_on_its_own() -> None:
    # The audience in the first line does not excuse the requirement in the second.
    assert discriminatory_categories("Целевая аудитория — мамы\nДевушка до 30") == ("sex", "age")
    assert discriminatory_categories("Работа с аудиторией, девушка до 30") == ("sex", "age")


def test_categories_come_in_a_stable_order() -> None:
    text = "Прописка в Москве, славянской внешности, девушка до 30, без детей"
    assert discriminatory_categories(text) == (
        "sex",
        "age",
        "appearance",
        "family",
        "nationality",
        "residence",
    )


def test_patterns_are_data_with_known_categories_and_valid_regexes() -> None:
    for category, pattern in (*EXPLICIT_PATTERNS, *CONTEXT_PATTERNS):
        assert category in CATEGORIES
        re.compile(pattern)
        # Patterns read normalised text: lower case, «е» for «ё».
        assert "ё" not in pattern


@pytest.mark.parametrize(
    ("categories", "ru", "en"),
    [
        (("age",), "возрасту", "age"),
        (("sex", "age"), "полу и возрасту", "sex or gender and age"),
        (
            ("sex", "age", "family"),
            "полу, возрасту и семейному положению",
            "sex or gender, age and marital status or children",
        ),
    ],
)
def test_category_names_join_for_messages(categories, ru: str, en: str) -> None:
    names = category_names(categories)
    assert (names.ru, names.en) == (ru, en)


def clean(**changes) -> VacancyDraft:
    fields = {
        "title": "SMM-менеджер",
        "role": "smm-manager",
        "networks": ("instagram",),
        "duties": ("develop-strategy", "content-plan", "create-content", "analyze-statistics"),
        "skills": ("copywriting",),
        "requirements": ("experience-smm",),
        "kpis": (KpiChoice("leads", 20),),
        "salary_from": 80_000,
        "salary_to": 120_000,
        "intro_md": "Кофейня в Петербурге. " * 40,
    }
    return VacancyDraft(**{**fields, **changes})


def discrimination(draft: VacancyDraft, catalog=CATALOG):
    report = check_vacancy(catalog, draft)
    return [f for f in report.findings if f.code == "discriminatory-requirement"]


def test_the_clean_draft_has_no_discrimination_finding() -> None:
    assert discrimination(clean()) == []


@pytest.mark.parametrize(
    ("changes", "item"),
    [
        ({"title": "SMM-менеджер (девушка до 30)"}, "title"),
        ({"custom_duties": ("Вести Instagram", "Только девушки")}, "custom_duties:1"),
        ({"custom_skills": ("Приятная внешность",)}, "custom_skills:0"),
        ({"custom_requirements": ("Прописка в Москве",)}, "custom_requirements:0"),
        ({"intro_md": "Мы кофейня.\n\nИщем девушку без детей."}, "intro_md"),
        ({"conditions_md": "- Только для граждан славянской внешности"}, "conditions_md"),
        ({"apply_md": "Send a photo; female only."}, "apply_md"),
    ],
)
def test_every_place_the_candidate_reads_is_checked(changes: dict, item: str) -> None:
    [finding] = discrimination(clean(**changes))
    assert finding.item == item
    assert finding.severity == "error"
    assert "статья 64" in plain(finding.message.ru).lower()
    assert "Article 64" in finding.message.en
    assert "навыки" in plain(finding.suggestion.ru)
    assert "skills" in finding.suggestion.en


def test_one_finding_per_line_names_every_category() -> None:
    [finding] = discrimination(clean(custom_requirements=("Девушки до 30 лет",)))
    assert "требование к полу и возрасту" in plain(finding.message.ru)
    assert "sex or gender and age" in finding.message.en
    assert "«Девушки до 30 лет»" in plain(finding.message.ru)


def test_an_organizations_own_catalog_item_is_checked_too() -> None:
    catalog, problems = apply_overrides(
        CATALOG,
        [
            Override(
                "requirement",
                "add",
                "org-appearance",
                text_ru="Приятная внешность",
                text_en="Pleasant looks",
            )
        ],
    )
    assert problems == []
    draft = clean(requirements=("experience-smm", "org-appearance"))
    [finding] = discrimination(draft, catalog)
    assert finding.item == "requirements:org-appearance"


def test_discrimination_blocks_publishing() -> None:
    report = check_vacancy(CATALOG, clean(title="Young SMM manager"))
    assert [f.code for f in publish_blockers(report)] == ["discriminatory-requirement"]
