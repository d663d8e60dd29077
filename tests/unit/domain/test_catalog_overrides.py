"""Organizations' additions, rewordings and hidden items, merged over the catalog."""

from __future__ import annotations

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.overrides import Override, apply_overrides
from app.domain.message import english

CATALOG = load_catalog()


def test_no_overrides_keeps_the_catalog():
    merged, problems = apply_overrides(CATALOG, [])
    assert merged == CATALOG and problems == []


def test_add_items_of_every_kind():
    overrides = [
        Override(
            "trial_task",
            "add",
            "org-launch-live",
            "Провести прямой эфир",
            "Host a live stream",
            weight=2,
            critical=True,
            duties=("org-live-streams",),
        ),
        Override(
            "duty",
            "add",
            "org-live-streams",
            "Вести прямые эфиры",
            "Host live streams",
            category="content",
            roles=("smm-generalist",),
            content_production=True,
        ),
        Override("skill", "add", "org-figma", "Работа в Figma", "Figma"),
        Override(
            "requirement",
            "add",
            "org-english",
            "Английский язык на уровне B2",
            "English at B2 level",
            requirement_kind="knowledge",
        ),
        Override(
            "kpi",
            "add",
            "org-saves",
            "Сохранения публикаций",
            "Post saves",
            unit_ru="сохранений",
            unit_en="saves",
            direction="higher",
            default_target=300,
        ),
    ]
    merged, problems = apply_overrides(CATALOG, overrides)
    assert problems == []
    duty = merged.duty("org-live-streams")
    assert duty.text.en == "Host live streams" and duty.content_production
    assert duty.roles == ("smm-generalist",) and duty.source == ("organization",)
    assert merged.skill("org-figma").roles == tuple(r.id for r in CATALOG.roles)
    assert merged.requirement("org-english").kind == "knowledge"
    assert merged.kpi("org-saves").default_target == 300.0
    task = merged.trial_task("org-launch-live")
    assert task.duties == ("org-live-streams",) and task.critical
    assert merged.trial_tasks_for_duties(["org-live-streams"]) == (task,)
    # Added items are offered, not pre-selected; the shipped catalog is untouched.
    assert "org-live-streams" not in merged.defaults_for("smm-generalist", "small").duties
    assert "org-live-streams" not in CATALOG.by_id["duties"]


def test_reword_changes_only_the_given_language():
    merged, problems = apply_overrides(
        CATALOG,
        [Override("duty", "reword", "content-plan", text_ru="Планировать контент на квартал")],
    )
    assert problems == []
    assert merged.duty("content-plan").text.ru == "Планировать контент на квартал"
    assert merged.duty("content-plan").text.en == CATALOG.duty("content-plan").text.en
    assert merged.duty("content-plan").category == "content"


def test_hide_removes_the_item_and_every_reference():
    overrides = [
        Override("duty", "hide", "content-plan"),
        Override("duty", "hide", "survey-customers"),
        Override("skill", "hide", "copywriting"),
        Override("kpi", "hide", "leads"),
        Override("trial_task", "hide", "agree-goals"),
    ]
    merged, problems = apply_overrides(CATALOG, overrides)
    assert problems == []
    assert "content-plan" not in merged.by_id["duties"]
    assert all(duty.id != "content-plan" for duty in merged.duties)
    for scale in ("small", "large", None):
        defaults = merged.defaults_for("smm-manager", scale)
        assert "content-plan" not in defaults.duties
        assert "copywriting" not in defaults.skills and "leads" not in defaults.kpis
    task_ids = {task.id for task in merged.trial_tasks}
    assert "monthly-content-plan" not in task_ids  # it tested only the hidden duty
    assert "run-customer-poll" not in task_ids
    assert merged.trial_task("request-customer-data").duties == ("analyze-target-audience",)
    assert "agree-goals" not in task_ids
    assert "leads" not in merged.objective("sales").kpis
    with pytest.raises(KeyError, match="content-plan"):
        merged.duty("content-plan")


def test_override_of_a_removed_item_is_reported_not_raised():
    gone = Override("duty", "reword", "no-longer-here", text_ru="Что-то", text_en="Something")
    hidden_gone = Override("kpi", "hide", "retired-kpi")
    kept = Override("skill", "hide", "psychology")
    merged, problems = apply_overrides(CATALOG, [gone, hidden_gone, kept])
    assert [(p.override, p.code, english(p.message)) for p in problems] == [
        (gone, "removed", "item removed from the catalog"),
        (hidden_gone, "removed", "item removed from the catalog"),
    ]
    assert problems[0].message.get("ru") == "пункт удалён из каталога"
    assert "psychology" not in merged.by_id["skills"]
    assert str(problems[0]) == "duty reword 'no-longer-here': item removed from the catalog"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            Override("duty", "add", "live-streams", "а", "b", category="content"),
            "start with 'org-'",
        ),
        (Override("duty", "add", "org-Live_Streams", "а", "b", category="content"), "kebab-case"),
        (Override("duty", "add", "org-x", "Только по-русски", "", category="content"), "both"),
        (Override("duty", "add", "org-x", "а", "b", category="nowhere"), "unknown category"),
        (Override("skill", "add", "org-x", "а", "b", roles=("smm-ceo",)), "unknown role"),
        (Override("requirement", "add", "org-x", "а", "b", requirement_kind="hobby"), "kind"),
        (Override("kpi", "add", "org-x", "а", "b", direction="up", default_target=1), "direction"),
        (
            Override(
                "kpi", "add", "org-x", "а", "b", unit_ru="шт", unit_en="pcs", direction="higher"
            ),
            "target above 0",
        ),
        (Override("trial_task", "add", "org-x", "а", "b", weight=9, duties=("seo",)), "weight"),
        (Override("trial_task", "add", "org-x", "а", "b", weight=2), "must test some duty"),
        (Override("trial_task", "add", "org-x", "а", "b", weight=2, duties=("gone",)), "'gone'"),
        (Override("duty", "add", "org-x", "а", "b", category="content"), None),
        (Override("network", "hide", "vk"), "unknown kind"),
        (Override("duty", "delete", "content-plan"), "unknown action"),
        (Override("duty", "reword", "content-plan"), "new text"),
    ],
)
def test_invalid_overrides_are_reported(override, message):
    merged, problems = apply_overrides(CATALOG, [override])
    if message is None:
        assert problems == []
        return
    assert len(problems) == 1 and message in english(problems[0].message)
    assert merged == CATALOG


def test_adding_an_existing_id_is_reported():
    add = Override("skill", "add", "org-figma", "Figma", "Figma")
    merged, problems = apply_overrides(CATALOG, [add, add])
    assert [english(p.message) for p in problems] == ["an item with this id already exists"]
    assert [s.id for s in merged.skills].count("org-figma") == 1


def test_added_items_can_be_reworded_and_hidden():
    add = Override("skill", "add", "org-figma", "Figma", "Figma")
    reword = Override("skill", "reword", "org-figma", text_en="Figma prototyping")
    merged, problems = apply_overrides(CATALOG, [reword, add])
    assert problems == [] and merged.skill("org-figma").text.en == "Figma prototyping"
    merged, problems = apply_overrides(CATALOG, [add, Override("skill", "hide", "org-figma")])
    assert problems == [] and "org-figma" not in merged.by_id["skills"]


def test_an_organization_extends_an_exclusion_with_its_own_terms() -> None:
    from app.domain.catalog.loader import load_catalog

    catalog = load_catalog()
    line = "Вести рассылки в Notisend Pro Max"
    extended, problems = apply_overrides(
        catalog,
        [Override("exclusion", "extend", "email-newsletters", terms=("фабрика писем",))],
    )
    assert problems == []
    assert not catalog.exclusion_spans("Работа в Фабрике писем")
    [(exclusion, start, end)] = extended.exclusion_spans("Работа в Фабрике писем")
    assert exclusion.id == "email-newsletters"
    assert "Работа в Фабрике писем"[start:end] == "Фабрике писем"
    # The catalog's own rules still hold.
    assert extended.exclusion_spans(line)


def test_an_organization_adds_an_exclusion() -> None:
    from app.domain.catalog.loader import load_catalog

    catalog = load_catalog()
    override = Override(
        "exclusion",
        "add",
        "org-call-centre",
        text_ru="Обзвон клиентов",
        text_en="Cold calling",
        rationale_ru="Это работа отдела продаж.",
        rationale_en="This is the sales team's job.",
        instead_ru="Менеджер по продажам",
        instead_en="A sales manager",
        terms=("обзвон", "холодный звонок"),
    )
    merged, problems = apply_overrides(catalog, [override])
    assert problems == []
    found = merged.exclusion_spans("Холодные звонки по базе")
    assert [e.id for e, _, _ in found] == ["org-call-centre"]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (Override("exclusion", "extend", "seo", terms=("x",)), "too short"),
        (Override("exclusion", "extend", "no-such", terms=("ahrefs",)), "removed"),
        (Override("duty", "extend", "content-plan", terms=("ahrefs",)), "only exclusions"),
        (
            Override("exclusion", "add", "org-x", text_ru="a", text_en="b", terms=("zz",)),
            "in both languages",
        ),
    ],
)
def test_unusable_exclusion_overrides_are_reported(override, message) -> None:
    from app.domain.catalog.loader import load_catalog

    _, problems = apply_overrides(load_catalog(), [override])
    assert len(problems) == 1 and message in english(problems[0].message)
