"""Pay and goals read from vacancy text: labelled lines with floors, shapes, and the checks
that use them (salary-in-text, goals in text, missing-section, vague-phrase)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from app.domain.catalog.loader import load_catalog
from app.domain.vacancies.checks import check_vacancy
from app.domain.vacancies.compose import default_draft
from app.domain.vacancies.textfacts import find_goals, find_pay
from app.domain.vacancies.vague import find_vague

CATALOG = load_catalog(Path("role_catalog"))
ROWS = yaml.safe_load(Path("tests/data/textfacts/lines.yaml").read_text(encoding="utf-8"))
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.85


def _scores(kind: str, read) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    misses = []
    for row in ROWS:
        got, want = bool(read(row["text"])), row[kind]
        tp += got and want
        fp += got and not want
        fn += want and not got
        if got != want:
            misses.append(f"{'FP' if got else 'FN'} {row['text']!r} -> {read(row['text'])}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, misses


def test_the_data_is_big_enough_and_labelled_both_ways() -> None:
    assert len(ROWS) >= 120
    for kind in ("pay", "goal"):
        assert sum(r[kind] for r in ROWS) >= 20
        assert sum(not r[kind] for r in ROWS) >= 60
    assert sum(str(r["src"]).startswith("http") for r in ROWS) >= 40


@pytest.mark.parametrize(("kind", "read"), [("pay", find_pay), ("goal", find_goals)])
def test_precision_and_recall_floors(kind: str, read) -> None:
    precision, recall, misses = _scores(kind, read)
    print(f"{kind}: precision {precision:.3f}, recall {recall:.3f}")
    print("\n".join(misses))
    assert precision >= PRECISION_FLOOR, "\n".join(misses)
    assert recall >= RECALL_FLOOR, "\n".join(misses)


@pytest.mark.parametrize("row", [r for r in ROWS if r["pay"] and ("from" in r or "to" in r)])
def test_amounts_are_normalized(row: dict) -> None:
    [first, *_] = find_pay(row["text"])
    if "from" in row:
        assert first.amount_from == row["from"], first
    if "to" in row:
        assert first.amount_to == row["to"], first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("70к на руки", (70_000, 70_000, "RUB", "month", False)),
        ("60–80 тыс.", (60_000, 80_000, "RUB", "month", None)),
        ("1,5 млн ₽ в год", (1_500_000, 1_500_000, "RUB", "year", None)),
        ("от 100 тыс. рублей до вычета НДФЛ", (100_000, None, "RUB", "month", True)),
        ("$20/hour", (20, 20, "USD", "hour", None)),
        ("up to 90k RUB", (None, 90_000, "RUB", "month", None)),
        ("salary from 1,200 EUR", (1_200, None, "EUR", "month", None)),
        ("2 000 ₽ за смену", (2_000, 2_000, "RUB", "shift", None)),
        ("1500 USD", (1_500, 1_500, "USD", "month", None)),
    ],
)
def test_pay_shapes(text: str, expected: tuple) -> None:
    [pay] = find_pay(text)
    assert (pay.amount_from, pay.amount_to, pay.currency, pay.period, pay.gross) == expected
    assert text[pay.start : pay.end].strip()
    assert pay.kind == "salary"


def test_pay_spans_point_into_the_text_and_a_bonus_is_not_a_salary() -> None:
    text = "Условия: оформление по ТК. Зарплата от 60 000 ₽, премия до 20 000 ₽."
    salary, bonus = find_pay(text)
    assert text[salary.start : salary.end] == "от 60 000 ₽"
    assert (salary.kind, bonus.kind) == ("salary", "bonus")


def test_goal_values_units_and_metrics() -> None:
    [leads] = find_goals("Не менее 20 заявок в месяц")
    assert (leads.value, leads.unit, leads.metric) == (20, "", "заявка")
    [er] = find_goals("ER от 3 %")
    assert (er.value, er.unit, er.metric) == (3, "%", "er")
    [cpl] = find_goals("CPL до 300 ₽")
    assert (cpl.unit, cpl.metric) == ("RUB", "cpl")
    text = "1000 подписчиков за 3 месяца"
    [followers] = find_goals(text)
    assert text[followers.start : followers.end] == "1000 подписчиков"


def test_a_long_posting_reads_fast() -> None:
    block = (
        "Зарплата от 60 000 до 80 000 ₽ на руки. Бюджет 100 000 ₽ на рекламу. "
        "Не менее 20 заявок в месяц, ER от 3 %. Опыт от 2 лет, график 5/2 с 10 до 19. "
        "Телефон +7 (912) 345-67-89. Ведение до 3 соцсетей, команда из 5 человек.\n"
    )
    text = (block * (10_000 // len(block) + 1))[:10_000]
    find_pay(text + " "), find_goals(text + " ")  # the dictionary and word caches
    runs = []
    for i in range(5):
        fresh = text + "!" * (i + 2)  # a new text each run: no cached reading
        began = time.perf_counter()
        find_pay(fresh)
        find_goals(fresh)
        runs.append(time.perf_counter() - began)
    print(f"find_pay + find_goals on 10,000 characters: best {min(runs) * 1000:.1f} ms")
    assert min(runs) < 0.05


# --- the checks that read them ----------------------------------------------------------------

INTRO = (
    "«Северная обжарка» — обжарочная и сеть кофеен в Петербурге. Мы сами закупаем зерно, "
    "обжариваем его и продаём в кофейнях и в интернет-магазине."
)
APPLY = "Пришлите резюме и ссылки на 2–3 аккаунта, которые вы вели."


def filled(**changes):
    base = default_draft(CATALOG, "smm-manager", scale="small", networks=("instagram",))
    draft = replace(
        base,
        duties=base.duties[:10],
        intro_md=INTRO,
        conditions_md="- Оформление по ТК РФ\n- Гибридный формат",
        apply_md=APPLY,
        salary_from=80_000,
        salary_to=120_000,
    )
    return replace(draft, **changes)


def codes(report) -> list[tuple[str, str]]:
    return [(f.code, f.item) for f in report.findings]


def test_a_filled_vacancy_scores_high_and_the_empty_template_low() -> None:
    assert check_vacancy(CATALOG, filled()).quality == 100
    empty = default_draft(CATALOG, "smm-manager", scale="large", networks=("instagram",))
    assert check_vacancy(CATALOG, empty).quality < 60


def test_salary_in_the_conditions_is_a_small_fix_not_a_missing_salary() -> None:
    conditions = "- Оформление по ТК РФ\n- Зарплата от 60 000 ₽ на руки"
    report = check_vacancy(
        CATALOG, filled(salary_from=None, salary_to=None, conditions_md=conditions)
    )
    assert codes(report) == [("salary-in-text", "salary")]
    [found] = report.findings
    line = conditions.splitlines()[1]
    assert (found.field, found.line) == ("conditions_md", 1)
    assert line[found.start : found.end] == "от 60 000 ₽"
    suggestion = found.suggestion
    assert "60\u00a0000" in suggestion.get("ru") and "60,000" in suggestion.get("en")
    assert "на руки" in suggestion.get("ru")
    assert report.quality == 97


def test_an_ad_budget_or_a_bonus_alone_is_still_a_missing_salary() -> None:
    for conditions in ("- Бюджет 100 000 ₽ на рекламу", "- Премия до 20 000 ₽ за KPI"):
        report = check_vacancy(
            CATALOG, filled(salary_from=None, salary_to=None, conditions_md=conditions)
        )
        assert ("salary-missing", "salary") in codes(report), conditions
        [missing] = [f for f in report.findings if f.code == "salary-missing"]
        assert missing.field == "salary"


def test_a_goal_in_a_duty_is_a_measurable_goal() -> None:
    report = check_vacancy(CATALOG, filled(kpis=(), custom_duties=("Не менее 20 заявок в месяц",)))
    assert ("no-measurable-goals", "kpis") not in codes(report)
    report = check_vacancy(CATALOG, filled(kpis=(), custom_duties=("Опыт от 2 лет",)))
    assert ("no-measurable-goals", "kpis") in codes(report)
    [missing] = [f for f in report.findings if f.code == "no-measurable-goals"]
    assert missing.field == "kpis"


@pytest.mark.parametrize("field", ["intro_md", "conditions_md", "apply_md"])
def test_each_empty_section_is_a_missing_section(field: str) -> None:
    report = check_vacancy(CATALOG, filled(**{field: "  \n "}))
    assert ("missing-section", field) in codes(report)
    [missing] = [f for f in report.findings if f.code == "missing-section"]
    assert missing.field == field and missing.line is None
    assert missing.message.get("ru") != missing.message.get("en")
    assert report.quality <= 92


VAGUE = [
    ("Стрессоустойчивость", "stress"),
    ("Готовность к ненормированному рабочему дню", "irregular-hours"),
    ("Работа 24/7", "always-on"),
    ("Работа в режиме многозадачности", "multitasking"),
    ("Быть на связи всегда", "always-on"),
    ("Дружная команда профессионалов", "friendly-team"),
    ("Конкурентная заработная плата", "vague-pay"),
    ("Достойная зарплата", "vague-pay"),
    ("Высокий доход", "vague-pay"),
    ("Без опыта работы не рассматриваем", "not-considered"),
    ("Желание развиваться", "desire-to-grow"),
    ("Активная жизненная позиция", "active-position"),
    ("Коммуникабельность", "sociable"),
    ("Fast-paced environment", "cliche-hero"),
    ("We need a rockstar", "cliche-hero"),
    ("SMM ninja wanted", "cliche-hero"),
    ("Work hard, play hard", "cliche-hero"),
    ("Competitive salary", "vague-pay"),
]


@pytest.mark.parametrize(("line", "phrase_id"), VAGUE)
def test_vague_phrases_are_read_by_lemma(line: str, phrase_id: str) -> None:
    [(phrase, start, end)] = find_vague(line)
    assert phrase.id == phrase_id
    assert 2 <= phrase.penalty <= 5
    assert line[start:end].strip()


@pytest.mark.parametrize(
    "line",
    [
        "Связь с блогерами и подрядчиками",
        "Высокий уровень вовлечённости аудитории",
        "Рассматриваем кандидатов без опыта",
        "Команда из 5 человек",
        "Развивать сообщество бренда",
        "Зарплата 80 000 ₽",
        "Answer comments on time",
    ],
)
def test_plain_lines_are_not_vague(line: str) -> None:
    assert find_vague(line) == []


def test_vague_phrases_are_ranked_fixes_at_their_line_and_span() -> None:
    duties = ("Стрессоустойчивость и коммуникабельность", "Ненормированный рабочий день")
    report = check_vacancy(CATALOG, filled(custom_requirements=duties))
    vague = [f for f in report.findings if f.code == "vague-phrase"]
    assert [(f.field, f.line) for f in vague] == [
        ("custom_requirements", 0),
        ("custom_requirements", 0),
        ("custom_requirements", 1),
    ]
    assert duties[0][vague[0].start : vague[0].end] == "Стрессоустойчивость"
    assert [fix.points for fix in report.fixes] == [5, 4, 2]
    assert report.fixes[0].suggestion.get("ru").startswith("Напишите реальный график")
    assert report.quality == 100 - 5 - 4 - 2


def test_a_phrase_repeated_costs_once() -> None:
    report = check_vacancy(
        CATALOG, filled(custom_requirements=("Коммуникабельность", "Коммуникабельный"))
    )
    assert [f.code for f in report.findings] == ["vague-phrase"]
