"""Composing vacancies: role defaults, catalog order, languages, and ids that went away."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.model import Catalog
from app.domain.catalog.overrides import Override, apply_overrides
from app.domain.vacancies.compose import compose_vacancy, default_draft
from app.domain.vacancies.document import Goal, Logo, Salary
from app.domain.vacancies.draft import VACANCY_ROLES, KpiChoice, VacancyDraft

CATALOG = load_catalog(Path("role_catalog"))
POSTED = date(2026, 3, 2)
PURE_MODULES = (
    "compose",
    "validation",
    "checks",
    "discrimination",
    "quality",
    "pay_goals",
    "textfacts",
    "workload",
    "role_fit",
    "matching",
    "textcues",
    "vague",
)


def compose(draft: VacancyDraft, catalog: Catalog = CATALOG, **kwargs):
    return compose_vacancy(
        catalog,
        draft,
        organization="ООО «Ромашка»",
        identifier="VAC-1",
        date_posted=POSTED,
        **kwargs,
    )


@pytest.mark.parametrize("role_id", VACANCY_ROLES)
@pytest.mark.parametrize("scale", ["small", "large"])
def test_default_draft_takes_the_roles_defaults_for_the_scale(role_id: str, scale: str) -> None:
    draft = default_draft(CATALOG, role_id, scale=scale, networks=("instagram",))
    defaults = CATALOG.defaults_for(role_id, scale, ("instagram",))
    assert draft.role == role_id
    assert draft.scale == scale
    assert draft.networks == ("instagram",)
    assert draft.duties == defaults.duties
    assert draft.skills == defaults.skills
    assert draft.requirements == defaults.requirements
    assert draft.kpis == tuple(KpiChoice(k, CATALOG.kpi(k).default_target) for k in defaults.kpis)
    assert draft.title == CATALOG.role(role_id).text.ru
    assert draft.language == "ru"


@pytest.mark.parametrize(
    ("role_id", "focus"),
    [("smm-manager", "balanced"), ("smm-specialist", "balanced"), ("smm-generalist", "content")],
)
def test_default_focus_is_content_only_for_the_all_in_one_role(role_id: str, focus: str) -> None:
    assert default_draft(CATALOG, role_id).focus == focus


def test_default_draft_title_follows_the_language_unless_given() -> None:
    assert default_draft(CATALOG, "smm-specialist", language="en").title == "SMM specialist"
    assert default_draft(CATALOG, "smm-specialist", title="SMM для кофейни").title == (
        "SMM для кофейни"
    )


def test_default_draft_leaves_out_duties_of_networks_not_chosen() -> None:
    draft = default_draft(CATALOG, "smm-generalist", networks=("linkedin",))
    assert "edit-video" not in draft.duties
    assert "design-story-templates" not in draft.duties
    assert "edit-video" in default_draft(CATALOG, "smm-generalist").duties


def test_default_draft_of_an_unknown_role_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        default_draft(CATALOG, "smm-astronaut")


def test_composed_lines_are_in_catalog_order_then_the_employers_own() -> None:
    draft = VacancyDraft(
        title="SMM-менеджер",
        role="smm-manager",
        duties=("report-results", "develop-strategy"),
        custom_duties=("  Вести блог основателя  ", "", "   "),
        skills=("creativity", "copywriting"),
        custom_skills=("Canva",),
        requirements=("portfolio", "experience-smm"),
        custom_requirements=("Опыт в HoReCa",),
    )
    document = compose(draft)
    assert document.duties == (
        CATALOG.duty("develop-strategy").text.ru,
        CATALOG.duty("report-results").text.ru,
        "Вести блог основателя",
    )
    assert document.skills == (
        CATALOG.skill("copywriting").text.ru,
        CATALOG.skill("creativity").text.ru,
        "Canva",
    )
    assert document.requirements == (
        CATALOG.requirement("experience-smm").text.ru,
        CATALOG.requirement("portfolio").text.ru,
        "Опыт в HoReCa",
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_texts_goals_networks_and_role_title_are_in_the_drafts_language(lang: str) -> None:
    draft = VacancyDraft(
        title="SMM",
        role="smm-specialist",
        networks=("vk", "instagram"),
        duties=("develop-strategy",),
        kpis=(KpiChoice("reply-time", 1.5), KpiChoice("leads", 30)),
        language=lang,
    )
    document = compose(draft)
    assert document.language == lang
    assert document.role == "smm-specialist"
    assert document.role_title == CATALOG.role("smm-specialist").text.get(lang)
    assert document.duties == (CATALOG.duty("develop-strategy").text.get(lang),)
    assert document.networks == (
        ("Instagram", "ВКонтакте") if lang == "ru" else ("Instagram", "VK")
    )
    leads, reply = CATALOG.kpi("leads"), CATALOG.kpi("reply-time")
    assert document.goals == (
        Goal("leads", leads.text.get(lang), 30, leads.unit.get(lang), "higher"),
        Goal("reply-time", reply.text.get(lang), 1.5, reply.unit.get(lang), "lower"),
    )


def test_a_kpi_chosen_twice_keeps_its_first_target() -> None:
    draft = VacancyDraft(
        title="SMM", role="smm-manager", kpis=(KpiChoice("leads", 5), KpiChoice("leads", 9))
    )
    assert [(g.id, g.target) for g in compose(draft).goals] == [("leads", 5)]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (None, None, None),
        (80_000, None, Salary(80_000, None, "RUB", True, "month")),
        (None, 120_000, Salary(None, 120_000, "RUB", True, "month")),
        (80_000, 120_000, Salary(80_000, 120_000, "RUB", True, "month")),
    ],
)
def test_salary_is_none_only_when_both_bounds_are_missing(low, high, expected) -> None:
    draft = VacancyDraft(title="SMM", role="smm-manager", salary_from=low, salary_to=high)
    assert compose(draft).salary == expected


def test_salary_keeps_currency_tax_and_period() -> None:
    draft = VacancyDraft(
        title="SMM",
        role="smm-manager",
        salary_from=2000,
        currency="EUR",
        salary_gross=False,
        salary_period="hour",
    )
    assert compose(draft).salary == Salary(2000, None, "EUR", False, "hour")


def test_terms_and_document_fields_are_passed_through() -> None:
    logo = Logo("image/png", b"\x89PNG")
    draft = VacancyDraft(
        title="  SMM-менеджер  ",
        role="smm-manager",
        intro_md="**Мы** — кофейня.\n",
        conditions_md="- ДМС",
        apply_md="Пишите на hr@example.com",
        employment="part",
        schedule="flexible",
        workplace="hybrid",
        location=" Санкт-Петербург ",
        experience="3-6",
        valid_through=date(2026, 5, 1),
    )
    document = compose(draft, logo=logo, version=3)
    assert document.title == "SMM-менеджер"
    assert document.organization == "ООО «Ромашка»"
    assert document.identifier == "VAC-1"
    assert document.intro_md == "**Мы** — кофейня."
    assert document.conditions_md == "- ДМС"
    assert document.apply_md == "Пишите на hr@example.com"
    assert (document.employment, document.schedule, document.workplace) == (
        "part",
        "flexible",
        "hybrid",
    )
    assert document.location == "Санкт-Петербург"
    assert document.experience == "3-6"
    assert document.date_posted == POSTED
    assert document.valid_through == date(2026, 5, 1)
    assert document.logo == logo
    assert document.version == 3


def test_html_in_text_is_kept_as_text_for_the_renderers_to_escape() -> None:
    draft = VacancyDraft(
        title="<b>SMM</b>", role="smm-manager", custom_duties=("<script>alert(1)</script>",)
    )
    document = compose(draft)
    assert document.title == "<b>SMM</b>"
    assert document.duties == ("<script>alert(1)</script>",)


def test_ids_missing_from_the_catalog_are_skipped_not_a_crash() -> None:
    draft = VacancyDraft(
        title="SMM",
        role="smm-retired",
        networks=("myspace", "vk"),
        duties=("gone-duty", "content-plan"),
        skills=("gone-skill",),
        requirements=("gone-requirement", "portfolio"),
        kpis=(KpiChoice("gone-kpi", 3), KpiChoice("leads", 20)),
    )
    document = compose(draft)
    assert document.role_title == ""
    assert document.networks == ("ВКонтакте",)
    assert document.duties == (CATALOG.duty("content-plan").text.ru,)
    assert document.skills == ()
    assert document.requirements == (CATALOG.requirement("portfolio").text.ru,)
    assert [g.id for g in document.goals] == ["leads"]


def test_items_hidden_by_the_organization_are_skipped_and_rewordings_used() -> None:
    catalog, problems = apply_overrides(
        CATALOG,
        [
            Override("duty", "hide", "content-plan"),
            Override("kpi", "hide", "leads"),
            Override("duty", "reword", "analyze-statistics", text_ru="Раз в месяц готовить отчёт"),
        ],
    )
    assert problems == []
    draft = default_draft(CATALOG, "smm-manager")
    document = compose(draft, catalog)
    assert CATALOG.duty("content-plan").text.ru not in document.duties
    assert "Раз в месяц готовить отчёт" in document.duties
    assert "leads" not in [g.id for g in document.goals]


def test_default_draft_on_an_organizations_catalog_skips_hidden_defaults() -> None:
    catalog, _ = apply_overrides(CATALOG, [Override("kpi", "hide", "leads")])
    draft = default_draft(catalog, "smm-manager")
    assert "leads" not in [k.id for k in draft.kpis]


def test_the_document_lines_name_catalog_items_by_id_and_own_lines_by_index() -> None:
    draft = VacancyDraft(
        title="SMM",
        role="smm-manager",
        language="en",
        duties=("content-plan",),
        custom_duties=("", "Run the blog"),
        custom_skills=("Canva",),
        conditions_md="Remote\n\nFlexible hours",
    )
    plan = CATALOG.duty("content-plan").text
    lines = compose(draft).lines
    assert [(x.field, x.line, x.item, x.origin) for x in lines] == [
        ("title", 0, "title", None),
        ("duties", 0, "duties:content-plan", "content-plan"),
        ("custom_duties", 1, "custom_duties:1", None),
        ("custom_skills", 0, "custom_skills:0", None),
        ("conditions_md", 0, "conditions_md", None),
        ("conditions_md", 2, "conditions_md", None),
    ]
    assert lines[1].texts == (plan.en, plan.ru)
    assert [x.text for x in lines[2:]] == ["Run the blog", "Canva", "Remote", "Flexible hours"]


def test_the_lines_stay_out_of_comparisons_and_cache_keys() -> None:
    from app.exports.cache import cache_key

    draft = default_draft(CATALOG, "smm-specialist")
    document = compose(draft)
    bare = replace(document, lines=())
    assert document.lines and document == bare
    assert cache_key(document, "pdf") == cache_key(bare, "pdf")


def test_compose_is_deterministic() -> None:
    draft = replace(default_draft(CATALOG, "smm-specialist"), salary_from=1)
    assert compose(draft) == compose(draft)


@pytest.mark.parametrize("module", PURE_MODULES)
def test_domain_modules_import_neither_flask_nor_sqlalchemy(module: str) -> None:
    path = Path("app/domain/vacancies") / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    roots = {name.split(".")[0] for name in imported}
    assert not roots & {"flask", "flask_sqlalchemy", "sqlalchemy", "wtforms", "flask_wtf"}
    # Only other pure modules of the app: the catalog model and the vacancy data types.
    app_modules = {name for name in imported if name.startswith("app.")}
    allowed = {
        "app.domain.catalog.model",
        "app.domain.catalog.phrases",
        "app.domain.vacancies.document",
    }
    allowed |= {"app.domain.catalog.morph", "app.domain.catalog.concepts"}
    allowed |= {"app.caches"}  # plain Python: cachetools and the standard library
    allowed |= {"app.domain.text"}  # the control characters and line limits input shares
    allowed |= {"app.domain.message"}  # what the domain says: message ids and parameters
    allowed |= {"app.domain.vacancies.draft"} | {f"app.domain.vacancies.{m}" for m in PURE_MODULES}
    assert app_modules <= allowed
