"""Employer lines matched to the catalog items they are about."""

from __future__ import annotations

import ast
import time
from dataclasses import replace
from pathlib import Path
from statistics import median

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.vacancies import matching
from app.domain.vacancies.matching import THRESHOLD, Match, best_match, match_line

CATALOG = load_catalog(Path("role_catalog"))

# (section the line sits in, the employer's line, the item it is about)
ABOUT = [
    ("duties", "Составление контент-плана на месяц", "content-plan"),
    ("duties", "Написание текстов для постов", "write-posts"),
    ("duties", "Съёмка и монтаж рилс", "edit-video"),
    ("duties", "Ответы на комментарии и сообщения в директ", "reply-to-comments"),
    ("duties", "Подготовка отчётов по результатам", "report-results"),
    ("duties", "Ведение аккаунтов компании в Instagram и VK", "manage-brand-accounts"),
    ("duties", "Разработка SMM-стратегии", "develop-strategy"),
    ("duties", "Мониторинг трендов", "track-trends"),
    ("duties", "Взаимодействие с дизайнером и фотографом", "brief-content-team"),
    ("duties", "Develop and execute social media strategy", "develop-strategy"),
    ("duties", "Reply to comments and direct messages", "reply-to-comments"),
    ("skills", "Знание Photoshop, Figma, Canva", "graphic-editors"),
    ("skills", "Анализ конкурентов", "competitor-analysis"),
    ("requirements", "Наличие портфолио", "portfolio"),
    ("requirements", "Высшее образование", "education-marketing"),
    ("requirements", "Опыт работы SMM-менеджером от 2 лет", "experience-smm"),
]
UNRELATED = [
    "Умение работать в команде",
    "Грамотная речь",
    "Уверенный пользователь ПК",
    "Выкладка товара в магазине",
    "Ответственность, пунктуальность",
    "Приготовление кофе",
    "Водительские права категории B",
    "",
    "!!! ---",
]


@pytest.mark.parametrize(("section", "line", "item_id"), ABOUT)
def test_a_line_matches_the_item_it_is_about(section, line, item_id):
    best = best_match(CATALOG, line, (section,))
    assert best is not None, line
    assert best == Match(section, item_id, best.score)
    assert THRESHOLD <= best.score <= 1


@pytest.mark.parametrize("line", UNRELATED)
def test_an_unrelated_line_matches_nothing(line):
    assert best_match(CATALOG, line) is None
    assert match_line(CATALOG, line) == ()


def test_matches_come_best_first_and_only_from_the_lists_asked():
    found = match_line(CATALOG, "Анализ конкурентов")
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert {m.section for m in found} <= {"duties", "skills", "requirements"}
    assert all(
        m.section == "duties" for m in match_line(CATALOG, "Анализ конкурентов", ("duties",))
    )
    assert match_line(CATALOG, "Анализ конкурентов", ()) == ()


def test_inflection_does_not_change_the_match():
    forms = ("Составление контент-плана", "Составлять контент-план", "Составил контент-планы")
    assert {best_match(CATALOG, f, ("duties",)).item_id for f in forms} == {"content-plan"}


def test_each_catalog_is_indexed_once_and_an_edited_catalog_on_its_own():
    renamed = replace(
        CATALOG,
        duties=tuple(
            replace(d, text=replace(d.text, ru="Варить кофе для гостей", en="Brew coffee"))
            if d.id == "content-plan"
            else d
            for d in CATALOG.duties
        ),
    )
    assert best_match(renamed, "Варить кофе гостям", ("duties",)).item_id == "content-plan"
    assert best_match(CATALOG, "Варить кофе гостям", ("duties",)) is None
    assert matching._index(CATALOG) is matching._index(CATALOG)


def test_a_line_is_matched_fast_once_warm():
    lines = [line for _s, line, _i in ABOUT] + UNRELATED
    for line in lines:
        match_line(CATALOG, line)
    timings = []
    for _ in range(5):
        for line in lines:
            matching._index(CATALOG).memo.clear()
            started = time.perf_counter()
            match_line(CATALOG, line)
            timings.append(time.perf_counter() - started)
    assert median(timings) < 0.0003, median(timings)


@pytest.mark.parametrize("module", ["matching", "intake", "intake_guess"])
def test_the_intake_modules_import_no_web_framework(module):
    tree = ast.parse(Path(f"app/domain/vacancies/{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    assert not names & {"flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "flask_babel"}
