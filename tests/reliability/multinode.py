"""A bounded mixed load through nginx for the multi-node test: API saves and PDF downloads.

Saver threads, each with its own API token, create vacancies and edit their own
(`POST /api/v1/vacancies`, `PUT /api/v1/vacancies/<id>` with the version saved last);
downloader threads, signed in through the login form, download the PDF of a vacancy
saved before, retrying while the answer is 202 (being prepared) until 200 or a bound.
Events (a SIGKILL, a restart) run at set moments of the load.

Saves pause around an event (`Gate`): a POST that nginx had already sent to a node when
it was killed would be answered 502, and nginx never resends a POST (non_idempotent is
off, on purpose: a save must not happen twice), so such a save is not a thing a client
of a crashed node can be spared. Downloads do not pause: an idempotent GET cut by the
crash is resent to the other node by nginx.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.load.server import Client, Response
from tests.web.api_helpers import vacancy_body

PDF_BOUND = 90.0  # seconds a download may take, 202 retries included


class Gate:
    """Saves pass freely unless an event holds the gate; the event waits for saves in
    flight to finish."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._inside = 0
        self._closed = False

    def enter(self) -> None:
        with self._cond:
            while self._closed:
                self._cond.wait()
            self._inside += 1

    def leave(self) -> None:
        with self._cond:
            self._inside -= 1
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            while self._inside:
                self._cond.wait()

    def open(self) -> None:
        with self._cond:
            self._closed = False
            self._cond.notify_all()


@dataclass
class Figures:
    created: list = field(default_factory=list)  # (id, version, title)
    edited: list = field(default_factory=list)  # (id, version, title)
    saves_refused: int = 0
    pdf_requested: int = 0
    pdf_completed: int = 0
    pdf_not_pdf: int = 0
    pdf_gave_up: int = 0
    pdf_retries_202: int = 0
    server_errors: int = 0
    unexpected: int = 0
    exceptions: int = 0
    samples: list = field(default_factory=list)
    events: list = field(default_factory=list)  # (name, at)
    saves_at: list = field(default_factory=list)  # moments of acknowledged saves
    pdfs_at: list = field(default_factory=list)  # moments PDFs completed

    def note(self, text: str) -> None:
        if len(self.samples) < 10:
            self.samples.append(text)

    def recovery(self, at: float) -> tuple[float | None, float | None]:
        """Seconds from `at` to the next acknowledged save and the next PDF completed."""
        save = min((t for t in self.saves_at if t >= at), default=None)
        pdf = min((t for t in self.pdfs_at if t >= at), default=None)
        return (None if save is None else save - at, None if pdf is None else pdf - at)


class Load:
    """Run savers and downloaders against `port` for `seconds`, firing events on the way."""

    def __init__(self, port: int, tokens: list[str], logins: list[tuple[str, str]]):
        self.port = port
        self.tokens = tokens
        self.logins = logins
        self.gate = Gate()
        self.figures = Figures()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.saved_ids: list[int] = []

    def _check(self, answer: Response, expected: tuple[int, ...], what: str) -> bool:
        if answer.status in expected:
            return True
        with self.lock:
            if answer.status >= 500:
                self.figures.server_errors += 1
            else:
                self.figures.unexpected += 1
            self.figures.note(f"{what}: HTTP {answer.status} {answer.text[:160]!r}")
        return False

    def _exception(self, what: str, error: Exception) -> None:
        with self.lock:
            self.figures.exceptions += 1
            self.figures.note(f"{what}: {error!r}")

    def saver(self, n: int) -> None:
        rng = random.Random(n)
        client = Client(self.port, timeout=60)
        headers = {
            "Authorization": f"Bearer {self.tokens[n]}",
            "Content-Type": "application/json",
        }
        own: dict[int, int] = {}
        count = 0
        while not self.stop.is_set():
            count += 1
            title = f"SMM-менеджер, узлы, поток {n}, запись {count}"
            editing = own and rng.random() < 0.5
            if editing:
                vacancy_id = rng.choice(list(own))
                method, path = "PUT", f"/api/v1/vacancies/{vacancy_id}"
                body = {"version": own[vacancy_id], "title": title}
                expected = (200,)
            else:
                method, path = "POST", "/api/v1/vacancies"
                body = vacancy_body(title=title)
                expected = (201,)
            self.gate.enter()
            try:
                answer = client.request(method, path, json.dumps(body).encode(), headers)
            except (OSError, http.client.HTTPException) as error:
                self._exception(f"{method} {path}", error)
                continue
            finally:
                self.gate.leave()
            if not self._check(answer, expected, f"{method} {path}"):
                with self.lock:
                    self.figures.saves_refused += 1
                continue
            saved = json.loads(answer.body)
            record = (saved["id"], saved["version"], title)
            own[saved["id"]] = saved["version"]
            with self.lock:
                (self.figures.edited if editing else self.figures.created).append(record)
                self.figures.saves_at.append(time.monotonic())
                if not editing:
                    self.saved_ids.append(saved["id"])
        client.close()

    def downloader(self, n: int) -> None:
        rng = random.Random(100 + n)
        email, password = self.logins[n]
        client = Client(self.port, timeout=60)
        try:
            client.login(email, password)
        except (OSError, http.client.HTTPException, RuntimeError) as error:
            self._exception(f"sign-in {email}", error)
            return
        while not self.stop.is_set():
            with self.lock:
                ids = list(self.saved_ids[-50:])
            if not ids:
                time.sleep(0.2)
                continue
            self.download(client, rng.choice(ids))
        client.close()

    def download(self, client: Client, vacancy_id: int) -> None:
        path = f"/vacancies/{vacancy_id}/download/pdf"
        with self.lock:
            self.figures.pdf_requested += 1
        deadline = time.monotonic() + PDF_BOUND
        while True:
            try:
                answer = client.get(path)
            except (OSError, http.client.HTTPException) as error:
                self._exception(f"GET {path}", error)
                return
            if answer.status == 202 and time.monotonic() < deadline:
                with self.lock:
                    self.figures.pdf_retries_202 += 1
                retry = answer.headers.get("retry-after", "1")
                time.sleep(min(1.0, float(retry) if retry.isdigit() else 1.0))
                continue
            if answer.status == 202:
                with self.lock:
                    self.figures.pdf_gave_up += 1
                    self.figures.note(f"GET {path}: still 202 after {PDF_BOUND:g} s")
                return
            if self._check(answer, (200,), f"GET {path}"):
                with self.lock:
                    if answer.body.startswith(b"%PDF"):
                        self.figures.pdf_completed += 1
                        self.figures.pdfs_at.append(time.monotonic())
                    else:
                        self.figures.pdf_not_pdf += 1
                        self.figures.note(f"GET {path}: 200 but {answer.body[:20]!r}")
            return

    def run(
        self, seconds: float, events: list[tuple[float, str, Callable[[], None], bool]]
    ) -> Figures:
        """Events: (fraction of `seconds`, name, action, whether saves pause around it)."""
        threads = [
            threading.Thread(target=self.saver, args=(n,), daemon=True)
            for n in range(len(self.tokens))
        ] + [
            threading.Thread(target=self.downloader, args=(n,), daemon=True)
            for n in range(len(self.logins))
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for fraction, name, action, pause in sorted(events, key=lambda e: e[0]):
            time.sleep(max(0.0, started + fraction * seconds - time.monotonic()))
            if pause:
                self.gate.close()
            try:
                self.figures.events.append((name, time.monotonic()))
                action()
            finally:
                self.gate.open()
        time.sleep(max(0.0, started + seconds - time.monotonic()))
        self.stop.set()
        for thread in threads:
            # A download in progress may go on retrying a 202 up to its bound.
            thread.join(timeout=PDF_BOUND + 30)
        self.figures.events.append(("end", time.monotonic()))
        return self.figures
