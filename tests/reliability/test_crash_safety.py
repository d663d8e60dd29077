"""SIGKILL the server in the middle of a stream of saves; nothing acknowledged is lost.

gunicorn runs as `make serve` starts it, on an SQLite file. Writer threads post the
new-vacancy form as fast as the server answers; at a random moment the whole process
group (master, workers, PDF renderers) gets SIGKILL, as in a crash or an OOM kill. The
server is started again on the same file, which must then hold every vacancy whose
save was acknowledged (id and title, with its first version), pass PRAGMA
integrity_check and foreign_key_check, and take new saves. RELIABILITY_CRASHES rounds
(default 3).
"""

from __future__ import annotations

import http.client
import os
import random
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from tests.reliability import helpers

THREADS = 4


class Stream:
    """Writer threads posting new vacancies until told to stop or the server dies."""

    def __init__(self, port: int, emails: list[str], round_no: int):
        self.port = port
        self.emails = emails
        self.round_no = round_no
        self.acked: list[tuple[int, str]] = []
        self.failed = 0
        self.problems = helpers.Problems()
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(THREADS)
        ]

    def _sign_in(self, n: int):
        """Sign in, retrying briefly while a just-started server opens its workers."""
        deadline = time.monotonic() + 20
        while True:
            try:
                return helpers.signed_in(self.port, self.emails[n])
            except (OSError, http.client.HTTPException):
                if self.stop.is_set() or time.monotonic() > deadline:
                    return None
                time.sleep(0.2)

    def _run(self, n: int) -> None:
        client = self._sign_in(n)
        if client is None:
            with self.lock:
                self.failed += 1
            return
        try:
            counter = 0
            while not self.stop.is_set():
                counter += 1
                title = f"SMM-менеджер, раунд {self.round_no}, поток {n}, запись {counter}"
                try:
                    answer, vacancy_id = helpers.create_vacancy(client, title)
                except (OSError, http.client.HTTPException):
                    # The server is gone (before or in the middle of its answer, e.g.
                    # IncompleteRead): unacknowledged.
                    with self.lock:
                        self.failed += 1
                    return
                with self.lock:
                    if self.problems.check(answer, (302,), "create") and vacancy_id:
                        self.acked.append((vacancy_id, title))
        finally:
            client.close()

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=90)
        assert not any(t.is_alive() for t in self.threads), "a writer thread hung"


def stored(url: str) -> dict[int, tuple[str, str | None]]:
    """Every vacancy's title and the title of its first version."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT v.id, v.title, first.title FROM vacancies v LEFT JOIN "
                    "vacancy_versions first ON first.vacancy_id = v.id AND first.number = 1"
                )
            )
            return {vid: (title, first) for vid, title, first in rows}
    finally:
        engine.dispose()


@pytest.mark.slow
def test_acknowledged_saves_survive_sigkill(tmp_path):
    helpers.require_tools()
    url = helpers.sqlite_url(tmp_path)
    app = helpers.make_app(url)
    emails = helpers.add_users(app, "recruiter", THREADS, "writer")
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()
    server = helpers.server(url, tmp_path)
    rng = random.Random(int(os.environ.get("RELIABILITY_SEED", "5")))
    rounds = int(os.environ.get("RELIABILITY_CRASHES", "3"))
    acked: list[tuple[int, str]] = []
    report = []
    try:
        for round_no in range(1, rounds + 1):
            server.start()
            stream = Stream(server.port, emails, round_no)
            stream.start()
            # Let saves flow, then kill at a random moment (not on a request boundary).
            deadline = time.monotonic() + 30
            while len(stream.acked) < 20 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.5, 2.0))
            before = len(stream.acked)
            server.kill()
            stream.join()
            assert stream.problems.total() == 0, stream.problems.samples
            acked += stream.acked
            report.append((round_no, len(stream.acked), before, stream.failed))
        server.start()
        after = helpers.signed_in(server.port, emails[0])
        try:
            answer, vacancy_id = helpers.create_vacancy(after, "SMM-менеджер после падений")
            assert answer.status == 302 and vacancy_id, answer.status
            for vacancy_id, title in acked[-5:]:
                page = after.get(f"/vacancies/{vacancy_id}")
                assert page.status == 200 and title in page.text
        finally:
            after.close()
    finally:
        server.stop()

    found = stored(url)
    missing = [(v, t) for v, t in acked if found.get(v) != (t, t)]
    check, keys = helpers.integrity(url)
    log = helpers.server_log_problems(server.logs())
    print(
        f"\n{rounds} SIGKILLs of the server process group during saves: "
        f"(round, acknowledged, acknowledged when the kill was sent, requests cut off) "
        f"{report}; acknowledged {len(acked)}, present {len(acked) - len(missing)}, "
        f"in the database {len(found)}; integrity_check {check!r}; server log {log}"
    )
    assert len(acked) >= 20 * rounds
    assert missing == []
    assert check == "ok" and keys == []
    assert log["database is locked"] == 0
