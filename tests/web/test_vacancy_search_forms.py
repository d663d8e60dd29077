"""The vacancy search finds every form of a word (app/domain/vacancies/search_words.py has the
rule): cases, plurals, fleeting vowels, «ё»/«е», English plurals, words typed in part;
and lemmas are matched exactly, so unrelated words that share a beginning stay out."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from app.domain.vacancies.compose import default_draft
from app.domain.vacancies.search_words import MAX_TERMS, index_words, matches, query_words
from app.extensions import db
from app.vacancies import service
from app.vacancies.models import VacancyTerm
from tests.conftest import migrated_app

TITLES = [
    "SMM в кофейню",
    "Сеть кофеен",
    "Для кофейни у вокзала",
    "Студия йоги",
    "Йога для всех",
    "Занятия йогой",
    "Пекарня у дома",
    "Сеть пекарен",
    "Маркетолог",
    "Команда маркетологов",
    "Работа удалённо",
    "Удаленно, гибкий график",
    "Офис в Москве",
    "Москва, центр",
    "Marketing manager",
    "Social media managers",
    "SMM-менеджер",
    "Тот, который нужен",
    "Йогурт и кефир",
    "Банкет на сто персон",
    "Отдел банка",
    "Котёл на даче",
    "Ёлочный базар",
]

# A query and every title it must find: no more, no less.
FINDS = {
    "кофейня": {"SMM в кофейню", "Сеть кофеен", "Для кофейни у вокзала"},
    "кофейни": {"SMM в кофейню", "Сеть кофеен", "Для кофейни у вокзала"},
    "кофеен": {"SMM в кофейню", "Сеть кофеен", "Для кофейни у вокзала"},
    "Кофейню": {"SMM в кофейню", "Сеть кофеен", "Для кофейни у вокзала"},
    "йога": {"Студия йоги", "Йога для всех", "Занятия йогой"},
    "йоги": {"Студия йоги", "Йога для всех", "Занятия йогой"},
    "йогой": {"Студия йоги", "Йога для всех", "Занятия йогой"},
    "пекарня": {"Пекарня у дома", "Сеть пекарен"},
    "пекарен": {"Пекарня у дома", "Сеть пекарен"},
    # Typed in part: the prefix reaches the lemma «пекарня» of «пекарен».
    "пекарн": {"Пекарня у дома", "Сеть пекарен"},
    "маркетолог": {"Маркетолог", "Команда маркетологов"},
    "маркетологов": {"Маркетолог", "Команда маркетологов"},
    "удалённо": {"Работа удалённо", "Удаленно, гибкий график"},
    "удаленно": {"Работа удалённо", "Удаленно, гибкий график"},
    "УДАЛЁН": {"Работа удалённо", "Удаленно, гибкий график"},
    "Москва": {"Офис в Москве", "Москва, центр"},
    "москве": {"Офис в Москве", "Москва, центр"},
    "москв": {"Офис в Москве", "Москва, центр"},
    "елочный": {"Ёлочный базар"},
    "ёлочного": {"Ёлочный базар"},
    # English: prefixes as before, and the plural finds the singular.
    "manager": {"Marketing manager", "Social media managers"},
    "managers": {"Marketing manager", "Social media managers"},
    "mark": {"Marketing manager"},
    "smm": {"SMM в кофейню", "SMM-менеджер"},
    "смм": {"SMM в кофейню", "SMM-менеджер"},
    "менеджер": {"SMM-менеджер"},
    "менеджеров": {"SMM-менеджер"},
    # Precision: lemmas match exactly, never as prefixes.
    "коты": set(),  # lemma «кот»: not «который», not «котёл»
    "кота": set(),
    "йогурта": {"Йогурт и кефир"},  # and «йоги» does not find «йогурт» (above)
    "банка": {"Отдел банка"},  # lemma «банк»: not «банкет»
    "банкета": {"Банкет на сто персон"},
    # The word as typed is a prefix, as it always was (a search box cannot tell a short
    # whole word from the start of a longer one): «кот» finds «который» and «котёл».
    "кот": {"Тот, который нужен", "Котёл на даче"},
    # Several words: all must match, each its own way.
    "сеть кофейня": {"Сеть кофеен"},
    "йоги студия": {"Студия йоги"},
    "пекарни дом": {"Пекарня у дома"},
    "zzzz": set(),
}


@pytest.mark.parametrize(("query", "expected"), sorted(FINDS.items()))
def test_the_rule_finds_exactly_these_titles(query, expected):
    assert {t for t in TITLES if matches(query, t)} == expected


def test_the_index_holds_words_and_lemmas_bounded():
    terms = index_words("Сеть кофеен в Москве, SMM-менеджер vac 12")
    assert {"сеть", "кофеен", "кофейня", "москве", "москва", "smm", "менеджер", "12"} <= set(terms)
    assert "ё" not in "".join(index_words("Ёлочный удалённо"))
    many = " ".join(f"слово{i} кофейни{i}" for i in range(200))
    assert len(index_words(many)) == MAX_TERMS
    assert query_words("кофейни") == [("кофейни", ("кофейня",))]
    # Lemmas the word's own prefix covers are not asked for again.
    assert query_words("пекарня") == [("пекарня", ())]


def _make(app, titles, org_name="Acme"):
    from app.accounts import services

    catalog = app.extensions["smm.catalog"]
    base = default_draft(catalog, "smm-manager")
    org = services.get_or_create_organization(org_name)
    db.session.flush()
    ids = {}
    for title in titles:
        vacancy = service.create(org, None, catalog, replace(base, title=title, location=""))
        ids[vacancy.id] = title
    db.session.commit()
    return org.id, ids


# Every way list_page can answer: each word checked per vacancy while the sort order
# is walked / the rarest word's ids through the term key / (SQLite) read and sorted here.
STRATEGIES = {"walk": (1, 0), "term key": (10**9, 0), "few": (10**9, 10**9)}


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_the_database_finds_what_the_rule_says(app, monkeypatch, strategy):
    common, few = STRATEGIES[strategy]
    monkeypatch.setattr(service, "COMMON_WORD", common)
    monkeypatch.setattr(service, "FEW_MATCHES", few)
    with app.app_context():
        org_id, ids = _make(app, TITLES)
        other_id, _ = _make(app, ["Сеть кофеен", "Йога для всех"], org_name="Other")
        for query, expected in FINDS.items():
            page = service.list_page(org_id, q=query, per_page=100)
            assert {ids[v.id] for v in page.items} == expected, query
            assert all(v.organization_id == org_id for v in page.items)
            assert page.total.number == len(expected), query
        # The other organization's vacancies are found only there.
        assert len(service.list_page(other_id, q="кофейня").items) == 1
        assert service.list_page(other_id, q="маркетолог").items == []


def test_a_prefix_and_a_lemma_in_the_same_vacancy_count_once(app):
    with app.app_context():
        org_id, ids = _make(app, ["Кофейни и кофейня", "Кофейня"])
        page = service.list_page(org_id, q="кофейни")
        assert sorted(ids[v.id] for v in page.items) == ["Кофейни и кофейня", "Кофейня"]
        assert page.total.number == 2


def test_an_edit_reindexes_the_word_forms(app):
    with app.app_context():
        org_id, ids = _make(app, ["Сеть пекарен"])
        (vid,) = ids
        vacancy = service.list_page(org_id, q="пекарня").items[0]
        catalog = app.extensions["smm.catalog"]
        draft = replace(service.current_draft(db.session.get(type(vacancy), vid)), title="Кофейни")
        service.save(db.session.get(type(vacancy), vid), None, catalog, draft, vacancy.version)
        db.session.commit()
        assert service.list_page(org_id, q="пекарня").items == []
        assert [v.id for v in service.list_page(org_id, q="кофейня").items] == [vid]


def test_the_migration_rebuilds_the_index_for_existing_vacancies(tmp_path):
    app = migrated_app(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    with app.app_context():
        org_id, ids = _make(app, ["Сеть кофеен", "Студия йоги", "Офис в Москве"])
        db.session.commit()

        def terms():
            db.session.commit()
            rows = db.session.execute(select(VacancyTerm.vacancy_id, VacancyTerm.term)).all()
            found = {}
            for vid, term in rows:
                found.setdefault(vid, set()).add(term)
            return found

        downgrade(revision="f1b9d3e6a7c2")  # to the index of words as written
        old = terms()
        assert "кофейня" not in old[next(iter(ids))]  # the old index: words only
        assert old[next(iter(ids))] >= {"сеть", "кофеен", "vac"}
        upgrade()
        new = terms()
        for vid, title in ids.items():
            assert new[vid] == set(index_words(f"{title}  vac {vid}")), title
        assert [v.id for v in service.list_page(org_id, q="кофейня").items] == [next(iter(ids))]
        db.engine.dispose()


def test_a_word_is_as_common_as_its_vacancies_not_its_rows(app, monkeypatch):
    """«маркетолог» starts both «маркетологов» and its lemma: two rows per vacancy. The
    choice of the way to search counts vacancies, so two of them stay "rare" under a
    threshold of three (the term key is read, no walk of the sort order)."""
    from sqlalchemy import event

    monkeypatch.setattr(service, "COMMON_WORD", 3)
    monkeypatch.setattr(service, "FEW_MATCHES", 0)
    with app.app_context():
        org_id, _ = _make(app, ["Команда маркетологов", "Для маркетологов", "Кофейня"])
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            page = service.list_page(org_id, q="маркетолог")
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert len(page.items) == 2
        listing = next(s for s in statements if s.startswith("SELECT vacancies.id"))
        assert "EXISTS" not in listing and "IN (SELECT" in listing
