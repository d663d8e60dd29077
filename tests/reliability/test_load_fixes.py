"""The app changes the load test led to keep their behaviour (fast tests).

- The vacancy list searches a common word by walking the sort order and checking each
  vacancy's words, a rare word through the word index, and (on SQLite) a word with few
  matches by reading those by id and sorting them in Python: all must find the same
  vacancies in the same order.
- PDF renders hold installation-wide slots (lock files), so several web processes
  together never render more than PDF_RENDERS documents at once.
- A writing request takes SQLite's write lock up front, whatever hooks run first.
"""

from __future__ import annotations

import multiprocessing
import time

import pytest

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


def _hold_slot(folder: str, count: int, started, results) -> None:
    from pathlib import Path

    from app.exports.worker import MachineSlots

    slots = MachineSlots(Path(folder), count)
    started.wait()
    for _ in range(5):
        fd = slots.acquire(time.monotonic() + 30)
        assert fd is not None
        results.put(("in", time.monotonic()))
        # Long enough that holders overlap even on a busy machine (the test also checks
        # that `count` slots are really usable at once).
        time.sleep(0.2)
        results.put(("out", time.monotonic()))
        MachineSlots.release(fd)


@pytest.mark.parametrize("count", [1, 2])
def test_render_slots_bound_renders_across_processes(tmp_path, count):
    context = multiprocessing.get_context("spawn")
    started = context.Event()
    results = context.Queue()
    processes = [
        context.Process(target=_hold_slot, args=(str(tmp_path), count, started, results))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    started.set()
    events = [results.get(timeout=60) for _ in range(4 * 5 * 2)]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    results.close()
    results.join_thread()
    inside = most = 0
    for kind, _when in sorted(events, key=lambda e: (e[1], e[0] == "in")):
        inside += 1 if kind == "in" else -1
        most = max(most, inside)
    assert most == count


def test_a_dead_holder_frees_its_slot(tmp_path):
    from app.exports.worker import MachineSlots

    context = multiprocessing.get_context("spawn")
    started = context.Event()
    results = context.Queue()
    holder = context.Process(target=_hold_slot, args=(str(tmp_path), 1, started, results))
    holder.start()
    started.set()
    assert results.get(timeout=60)[0] == "in"
    holder.kill()
    holder.join()
    results.close()
    results.join_thread()
    fd = MachineSlots(tmp_path, 1).acquire(time.monotonic() + 5)
    assert fd is not None
    MachineSlots.release(fd)


def test_write_intent_is_set_before_any_other_hook(app):
    # A hook that queries before it would open a plain BEGIN in a writing request (the
    # crash test found this on the first requests of restarted workers).
    from app.security import set_write_intent

    assert app.before_request_funcs[None][0] is set_write_intent
