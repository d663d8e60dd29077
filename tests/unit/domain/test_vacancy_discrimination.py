"""Requirements art. 64 of the Labour Code forbids are caught; ordinary wording is not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.overrides import Override, apply_overrides
from app.domain.vacancies import discrimination as module
from app.domain.vacancies.checks import check_vacancy, publish_blockers
from app.domain.vacancies.compose import default_draft, vacancy_lines
from app.domain.vacancies.discrimination import (
    Hit,
    category_names,
    discrimination_findings,
    discrimination_hits,
    discriminatory_categories,
)
from app.domain.vacancies.document import DocLine
from app.domain.vacancies.draft import KpiChoice, VacancyDraft

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
    # Russian: feminine job nouns and addressing
    ("ищем SMM-щицу", "sex"),
    ("Помощница руководителя", "sex"),
    ("Менеджерка по контенту", "sex"),
    ("Студентка последних курсов", "sex"),
    ("Ты — ответственная и креативная", "sex"),
    ("Готова к командировкам", "sex"),
    # Russian: appearance without the word «внешность»
    ("Стройная", "appearance"),
    ("Привлекательная, общительная", "appearance"),
    ("Рост 165+", "appearance"),
    ("Вес до 60 кг", "appearance"),
    # Russian: nationality, origin
    ("национальность", "nationality"),
    ("русская по национальности", "nationality"),
    ("славянской внешности", "nationality"),
    # Russian: religion and beliefs
    ("Вероисповедание: православие", "religion"),
    ("Политические взгляды не важны, но православный кандидат приветствуется", "religion"),
    # Russian: residence and registration
    ("прописка в Москве", "residence"),
    ("Московская прописка", "residence"),
    ("регистрация в МО", "residence"),
    ("Регистрация по месту жительства в Санкт-Петербурге", "residence"),
    ("Постоянная регистрация", "residence"),
    ("Только жители Москвы", "residence"),
    ("Иногородних не рассматриваем", "residence"),
    ("Без вредных привычек и детей", "family"),
    ("Православный сотрудник", "religion"),
    # English
    ("young", "age"),
    ("Young and energetic", "age"),
    ("under 30", "age"),
    ("aged 25-35", "age"),
    ("Candidates over 45 need not apply", "age"),
    ("between 25 and 35 years old", "age"),
    ("not older than 35", "age"),
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
    # About the team, not a requirement on the candidate (a warning at most).
    "молодой и дружный коллектив",
    "Молодая команда и свой офис",
    "В команде молодые специалисты",
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
    "Мужчина или женщина — неважно",
    "Пол, возраст и место жительства значения не имеют",
    # Partners and language skills.
    "Работа с девушками-блогерами",
    "Excellent English in writing (to communicate with native speakers)",
    "Английский на уровне носителя",
    "Носитель русского языка",
    "Digital native",
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


def test_the_vocabulary_is_folded_like_the_lemmas_it_is_compared_with() -> None:
    for name, words in vars(module).items():
        if name.strip("_").isupper() and isinstance(words, frozenset | dict):
            for word in words:
                assert word == word.lower() and "ё" not in word, (name, word)


WARNINGS = [
    ("Молодой дружный коллектив", "age"),
    ("Энергичная молодая команда", "age"),
    ("Young and dynamic team", "age"),
    ("a digital native", "age"),
    ("Recent graduates welcome", "age"),
    ("Выпускники этого года", "age"),
    ("От 18 лет", "age"),
    ("Носитель русского языка", "nationality"),
    ("Русский — родной язык", "nationality"),
    ("native Russian speaker", "nationality"),
    ("Native speaker of English", "nationality"),
    ("Без вредных привычек", "lifestyle"),
]


@pytest.mark.parametrize(("text", "category"), WARNINGS)
def test_borderline_wording_is_a_warning_not_an_error(text: str, category: str) -> None:
    hits = discrimination_hits(text)
    assert [(h.category, h.severity) for h in hits] == [(category, "warning")]


def test_hits_point_at_the_triggering_words() -> None:
    text = "Опыт в SMM от 2 лет, девушка до 30 лет, славянской внешности"
    spans = {(h.category, text[h.start : h.end]) for h in discrimination_hits(text)}
    assert spans == {
        ("sex", "девушка"),
        ("age", "до 30 лет"),
        ("appearance", "славянской внешности"),
        ("nationality", "славянской внешности"),
    }
    assert all(isinstance(h, Hit) for h in discrimination_hits(text))


def test_offsets_hold_in_long_and_multiline_text() -> None:
    text = "Мы кофейня в Петербурге.\n" * 30 + "Ищем SMM-щицу.\n- Рост от 170 см"
    hits = discrimination_hits(text)
    assert [text[h.start : h.end] for h in hits] == ["SMM-щицу", "Рост от 170"]


def test_a_person_noun_in_the_title_names_the_person_wanted() -> None:
    assert discrimination_hits("Руководительница SMM-отдела") == ()
    [hit] = discrimination_hits("Руководительница SMM-отдела", title=True)
    assert hit.category == "sex" and hit.severity == "error"


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
    assert (names.get("ru"), names.get("en")) == (ru, en)


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


def discrimination(draft: VacancyDraft, catalog=CATALOG, code="discriminatory-requirement"):
    report = check_vacancy(catalog, draft)
    return [f for f in report.findings if f.code == code]


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
    assert "статья 64" in plain(finding.message.get("ru")).lower()
    assert "Article 64" in finding.message.get("en")
    assert "навыки" in plain(finding.suggestion.get("ru"))
    assert "skills" in finding.suggestion.get("en")


def test_one_finding_per_line_names_every_category() -> None:
    [finding] = discrimination(clean(custom_requirements=("Девушки до 30 лет",)))
    assert "требование к полу и возрасту" in plain(finding.message.get("ru"))
    assert "sex or gender and age" in finding.message.get("en")
    assert "«Девушки до 30 лет»" in plain(finding.message.get("ru"))


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


def test_the_default_drafts_of_every_role_read_clean() -> None:
    for role in ("smm-manager", "smm-specialist", "smm-generalist"):
        for language in ("ru", "en"):
            draft = default_draft(CATALOG, role, language=language)
            lines = vacancy_lines(CATALOG, draft)
            assert list(discrimination_findings(lines)) == [], (role, language)


def test_every_catalog_text_reads_clean() -> None:
    for section in ("duties", "skills", "requirements"):
        for item in CATALOG.by_id[section].values():
            for text in (item.text.ru, item.text.en):
                assert discrimination_hits(text) == (), (section, item.id, text)


def test_a_warning_is_its_own_finding_and_does_not_block() -> None:
    draft = clean(intro_md="Кофейня в Петербурге. " * 40 + "\nУ нас молодой дружный коллектив.")
    report = check_vacancy(CATALOG, draft)
    [warning] = [f for f in report.findings if f.code == "discriminatory-wording"]
    assert warning.severity == "warning"
    assert (warning.field, warning.line) == ("intro_md", 1)
    line = draft.intro_md.splitlines()[1]
    assert line[warning.start : warning.end] == "молодой"
    assert "возрасту" in warning.message.get("ru") and "age" in warning.message.get("en")
    assert publish_blockers(report) == ()
    [fix] = [f for f in report.fixes if f.code == "discriminatory-wording"]
    assert fix.points == 5


def test_error_and_warning_in_one_line_are_two_findings_with_their_spans() -> None:
    text = "В молодую команду ищем девушку"
    lines = [DocLine("custom_requirements", 0, text, "custom_requirements:0")]
    found = [f for f, _ in discrimination_findings(lines)]
    assert [(f.code, f.severity) for f in found] == [
        ("discriminatory-requirement", "error"),
        ("discriminatory-wording", "warning"),
    ]
    error, warning = found
    assert text[error.start : error.end] == "девушку"
    assert text[warning.start : warning.end] == "молодую"
    assert [points for _, points in discrimination_findings(lines)] == [25, 5]


def test_a_catalog_lines_other_language_is_read_without_a_span() -> None:
    line = DocLine("requirements", 2, "Опыт в SMM", "requirements:x", "x", "Girls only")
    [(finding, points)] = list(discrimination_findings([line]))
    assert finding.severity == "error" and points == 25
    assert (finding.field, finding.line, finding.start, finding.end) == (
        "requirements",
        2,
        None,
        None,
    )


def test_the_title_finding_says_so_and_cites_the_law() -> None:
    [(finding, _)] = list(discrimination_findings([DocLine("title", 0, "SMM-щица", "title")]))
    assert finding.field == "title" and (finding.start, finding.end) == (0, 8)
    assert "В названии вакансии" in plain(finding.message.get("ru"))
    assert "статья 25" in plain(finding.message.get("ru")).lower()
    assert "13.11.1" in finding.message.get("ru")
    assert "article 25" in finding.message.get("en")
    assert "нейтральной форме" in plain(finding.suggestion.get("ru"))


def test_a_long_posting_is_read_quickly() -> None:
    posting = (
        "Мы растущий бренд одежды для женщин 25–45 лет, на рынке более 10 лет. "
        "Ищем SMM-менеджера с опытом от 2 лет: контент-план, рилсы, работа с блогерами. "
        "Требования: грамотная речь, насмотренность, знание Reels и TikTok. "
        "Условия: удалёнка, белая зарплата от 90 000 ₽, дружная команда.\n"
    )

    def fresh(run: int) -> str:
        # new numbers in every line, so no line is answered from a memo
        lines = (posting * 40).splitlines()
        return "\n".join(f"{line} Пункт {run}{k}." for k, line in enumerate(lines))[:10_000]

    # CPU time, not wall time: other processes on the machine do not count
    discrimination_hits(fresh(0))  # warm: the dictionary and the common words are loaded
    runs = []
    for run in range(1, 6):
        text = fresh(run)
        started = time.process_time()
        hits = discrimination_hits(text)
        runs.append(time.process_time() - started)
    assert hits == ()
    assert min(runs) < 0.02, runs
    started = time.process_time()
    discrimination_hits(text)  # the same text again: every line from the memo
    assert time.process_time() - started < 0.005
