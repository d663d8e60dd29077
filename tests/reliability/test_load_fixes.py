"""The app changes the load test led to keep their behaviour (fast tests).

- The vacancy list searches a common word by walking the sort order and checking each
  vacancy's words, a rare word through the word index, and (on SQLite) a word with few
  matches by reading those by id and sorting them in Python: all must find the same
  vacancies in the same order.
- A writing request takes SQLite's write lock up front, whatever hooks run first.
"""

from __future__ import annotations

from bench.common import seed_vacancies
from tests.conftest import make_user

QUERIES = [
    {"q": "smm"},
    {"q": "кофейни"},
    {"q": "кофейни москва"},
    {"q": "smm", "status": "draft", "sort": "title"},
    {"q": "smm для", "role": "smm-manager", "sort": "created", "page": 2},
    {"q": "казань", "sort": "title", "page": 3},
    {"q": "zzzz"},
    {"q": "vac 12"},
    {"q": "кофейни", "sort": "title", "page": 2},
    {"q": "smm", "sort": "created", "page": 4},
    {"q": "smm zzzz"},
    {"q": "smm", "page": 50},
]


def test_common_and_rare_word_searches_find_the_same_page(app, monkeypatch):
    from app.accounts.services import find_user
    from app.vacancies import service

    make_user(app, "lister@acme.test", "admin", "Acme")
    with app.app_context():
        user = find_user("lister@acme.test")
        org_id, user_id = user.organization_id, user.id
    seed_vacancies(app, org_id, user_id, 300)
    with app.app_context():
        for query in QUERIES:
            pages = []
            # Every word common / every word rare / (on SQLite) every word with few matches.
            for common, few in ((1, 0), (10**9, 0), (10**9, 10**9)):
                monkeypatch.setattr(service, "COMMON_WORD", common)
                monkeypatch.setattr(service, "FEW_MATCHES", few)
                page = service.list_page(org_id, per_page=10, **query)
                pages.append(([v.id for v in page.items], page.has_next))
            assert pages[0] == pages[1] == pages[2], query
        assert service.list_page(org_id, q="smm", per_page=10).items  # the search finds


def test_write_intent_is_set_before_any_other_hook(app):
    # A hook that queries before it would open a plain BEGIN in a writing request (the
    # crash test found this on the first requests of restarted workers).
    from app.security import set_write_intent

    assert app.before_request_funcs[None][0] is set_write_intent
