"""Production as a client sees it: every request goes through nginx (deploy/nginx.conf)
to two gunicorn nodes (`make serve`), with Redis and the queue worker (bench/load/cluster.py;
PostgreSQL from TEST_DATABASE_URL when set, else an SQLite file; TRUSTED_PROXIES=1).

1. Sign-in throttling counts the client's real address: clients bind to different
   loopback addresses (127.0.0.2, .3, ...). One address that keeps failing is refused
   (429) even with the right password, while another address signs in to the same
   account; an X-Forwarded-For header a client makes up changes nothing (nginx appends
   the real address, the app trusts that one hop only).
2. Slow clients do not hold the app: 50 connections that send their headers or their
   form a byte a second stay open while ordinary requests through nginx answer within a
   second each. The same slow clients straight at one gunicorn node (no nginx) do hold
   it: the control that shows the slow clients are real.
3. A ZIP of many vacancies' PDFs, made by the queue worker, does not hold other
   organizations up: while it runs, another organization's API token saves vacancies and
   its user signs in, again and again, and every one of those succeeds quickly; the ZIP
   ends done, with a PDF per vacancy.

The figures are printed (`-s`).
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import os
import re
import socket
import statistics
import threading
import time
import urllib.parse
import zipfile

import pytest
from sqlalchemy import create_engine, text

from bench.load.cluster import Cluster, tools_missing
from bench.load.server import HOST, Client, Response
from tests.conftest import CHEAP_HASH, need
from tests.reliability import helpers
from tests.web.api_helpers import vacancy_body

pytestmark = pytest.mark.slow

ORG_A, ORG_B = "Outside Alpha", "Outside Beta"
ZIP_VACANCIES = 40
SLOW_CLIENTS = 50
MEASURE_SECONDS = 8.0
FAST = 1.0  # seconds an ordinary request may take while slow clients are connected
WRITE_BOUND = 5.0  # seconds a save or a sign-in may take while the ZIP is being made
ZIP_BOUND = 120.0  # seconds the ZIP may take
CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
TASK_PATH = re.compile(r"/tasks/(\d+)$")


class Browser:
    """A browser on one loopback source address: its own cookies and CSRF token, a new
    connection to nginx for every request, bound to `address`."""

    def __init__(self, port: int, address: str, timeout: float = 30):
        self.port = port
        self.address = address
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        all_headers = {"Accept-Language": "en", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(
            HOST, self.port, timeout=self.timeout, source_address=(self.address, 0)
        )
        try:
            conn.request(method, path, body=body, headers=all_headers)
            raw = conn.getresponse()
            data = raw.read()
        finally:
            conn.close()
        for key, value in raw.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)

    def sign_in(self, email: str, password: str, headers: dict | None = None) -> Response:
        """Load the sign-in form (for its CSRF token), then post it."""
        page = self.request("GET", "/login", headers=headers)
        found = CSRF.search(page.text)
        assert found, f"no CSRF token on /login (HTTP {page.status})"
        self.csrf = found.group(1)
        form = {"email": email, "password": password, "csrf_token": self.csrf}
        form_headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        body = urllib.parse.urlencode(form).encode()
        return self.request("POST", "/login", body, form_headers)


def seed_app(url: str):
    """The app on `url`, migrated, for seeding from the test process (no renders queued:
    the ZIP makes every PDF itself)."""
    from flask_migrate import upgrade

    from app import create_app

    app = create_app(
        {
            "SECRET_KEY": "seed",
            "SQLALCHEMY_DATABASE_URI": url,
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            "REQUEST_LOG": False,
            "PRERENDER_ON_SAVE": False,
        }
    )
    with app.app_context():
        upgrade()
    return app


def add_user(app, org_name: str, email: str, role: str) -> str:
    from app.accounts import services
    from app.extensions import db

    with app.app_context():
        org = services.get_or_create_organization(org_name)
        services.create_user(org, email, helpers.PASSWORD, role)
        db.session.commit()
    return email


def token_of(app, email: str) -> str:
    from app.accounts.services import find_user
    from app.api import tokens
    from app.extensions import db

    with app.app_context():
        _token, secret = tokens.issue_token(find_user(email), "outside")
        db.session.commit()
    return secret


def seed_vacancies(app, token: str, count: int) -> list[int]:
    """Vacancies saved through the API (in the test process)."""
    ids = []
    with app.test_client() as client:
        for n in range(count):
            answer = client.post(
                "/api/v1/vacancies",
                json=vacancy_body(title=f"SMM-менеджер для архива {n + 1}"),
                headers={"Authorization": f"Bearer {token}"},
            )
            assert answer.status_code == 201, answer.get_json()
            ids.append(answer.get_json()["id"])
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()
    return ids


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    missing = tools_missing()
    need(not missing, f"{', '.join(missing)} needed for the test through nginx")
    helpers.require_tools()
    tmp = tmp_path_factory.mktemp("outside")
    postgres = os.environ.get("TEST_DATABASE_URL")
    url = helpers.fresh_postgres(postgres) if postgres else helpers.sqlite_url(tmp)
    app = seed_app(url)
    users = {
        "a-admin": add_user(app, ORG_A, "admin@alpha.outside.test", "admin"),
        "b-writer": add_user(app, ORG_B, "writer@beta.outside.test", "recruiter"),
        "b-user": add_user(app, ORG_B, "user@beta.outside.test", "recruiter"),
    }
    for n in range(4):
        users[f"throttle-{n}"] = add_user(app, ORG_B, f"throttle{n}@beta.outside.test", "recruiter")
    a_token = token_of(app, users["a-admin"])
    b_token = token_of(app, users["b-writer"])
    zip_ids = seed_vacancies(app, a_token, ZIP_VACANCIES)
    # Organization B's writers save more than the default API limit per token allows.
    running = Cluster(tmp, url, nodes=2, workers=1, extra_env={"FLASK_API_RATE_LIMIT": "100000/60"})
    assert running.env["TRUSTED_PROXIES"] == "1", "nginx is the one proxy the app trusts"
    running.start()
    running.url = url
    running.users = users
    running.b_token = b_token
    running.zip_ids = zip_ids
    running.backend = "PostgreSQL" if postgres else "SQLite"
    try:
        yield running
    finally:
        running.stop()


def fail_until_throttled(browser: Browser, prefix: str, spoof=None) -> tuple[int, list[int]]:
    """Wrong passwords, each for another unknown e-mail address (so only the address can
    be what is counted), until the app answers 429; (failures before it, statuses)."""
    statuses = []
    for n in range(20):
        headers = {"X-Forwarded-For": spoof(n)} if spoof else None
        answer = browser.sign_in(f"{prefix}{n}@nobody.outside.test", "wrong password", headers)
        statuses.append(answer.status)
        if answer.status == 429:
            return n, statuses
        assert answer.status == 200, (answer.status, answer.text[:300])
        assert "Wrong e-mail or password" in answer.text
    return -1, statuses


def audit_addresses(url: str, action: str, like: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT detail, ip FROM audit_events WHERE action = :action"),
                {"action": action},
            )
            found = set()
            for detail, ip in rows:
                detail = json.loads(detail) if isinstance(detail, str) else detail
                if like in str((detail or {}).get("email", "")):
                    found.add(ip)
            return found
    finally:
        engine.dispose()


def test_sign_in_throttle_counts_the_real_client_address(cluster):
    users = cluster.users
    # 127.0.0.2 fails until it is refused; then even the right password is refused there.
    first = Browser(cluster.port, "127.0.0.2")
    failures, statuses = fail_until_throttled(first, "first")
    assert failures > 0, f"the throttle never refused 127.0.0.2: {statuses}"
    throttled = first.sign_in(users["throttle-0"], helpers.PASSWORD)
    assert throttled.status == 429, throttled.status
    # The same account from 127.0.0.3 signs in: it was the address that was refused.
    second = Browser(cluster.port, "127.0.0.3")
    answer = second.sign_in(users["throttle-0"], helpers.PASSWORD)
    assert answer.status == 302, (answer.status, answer.text[:300])
    assert second.request("GET", "/").status == 200

    # 127.0.0.4 claims a new address with every attempt: refused after as many failures.
    spoofer = Browser(cluster.port, "127.0.0.4")
    spoofed, spoof_statuses = fail_until_throttled(
        spoofer, "spoofer", lambda n: f"198.51.100.{n + 1}"
    )
    assert spoofed == failures, f"X-Forwarded-For moved the count: {spoof_statuses}"
    claimed = spoofer.sign_in(
        users["throttle-1"], helpers.PASSWORD, {"X-Forwarded-For": "127.0.0.9"}
    )
    assert claimed.status == 429, "claiming a clean address lifted the throttle"
    # 127.0.0.5 claiming to be the refused 127.0.0.2 is not refused.
    framed = Browser(cluster.port, "127.0.0.5")
    answer = framed.sign_in(users["throttle-2"], helpers.PASSWORD, {"X-Forwarded-For": "127.0.0.2"})
    assert answer.status == 302, "a made-up X-Forwarded-For put another address's count on it"
    # What the app recorded: the real addresses, never the claimed ones.
    assert audit_addresses(cluster.url, "login-failed", "@nobody.outside.test") == {
        "127.0.0.2",
        "127.0.0.4",
    }
    print(
        f"\nsign-in throttle through nginx ({cluster.backend}): 127.0.0.2 refused after "
        f"{failures} failures, 127.0.0.3 signed in to the same account; 127.0.0.4 with a "
        f"new X-Forwarded-For each time refused after {spoofed}, then with a clean claimed "
        f"address too; 127.0.0.5 claiming 127.0.0.2 signed in"
    )


class SlowClients:
    """Connections that send a request a byte a second: half of them their headers, half
    a form body (a byte at a time, never finished)."""

    HEADERS = b"GET /login HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\nX-Slow: "
    BODY = (
        b"POST /login HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
        b"email="
    )

    def __init__(self, port: int, count: int):
        self.sockets: list[socket.socket] = []
        self.stop = threading.Event()
        self.dripped = 0
        self.send_errors = 0
        for n in range(count):
            sock = socket.create_connection((HOST, port), timeout=5)
            sock.sendall(self.HEADERS if n % 2 == 0 else self.BODY)
            self.sockets.append(sock)
        self.thread = threading.Thread(target=self._drip, daemon=True)
        self.thread.start()

    def _drip(self) -> None:
        while not self.stop.wait(1.0):
            for sock in self.sockets:
                try:
                    sock.sendall(b"a")
                    self.dripped += 1
                except OSError:
                    self.send_errors += 1

    def still_open(self) -> int:
        """Connections the server has not closed (nothing to read, no end of file)."""
        count = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                closed = sock.recv(1) == b""  # an answer (408, 400) would end it too
            except BlockingIOError:
                closed = False
            except OSError:
                closed = True
            count += not closed
            sock.settimeout(5)
        return count

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()


def timed_get(port: int, path: str, timeout: float) -> tuple[float, int | None]:
    """Seconds a GET took and its status (None when it did not answer within `timeout`)."""
    started = time.monotonic()
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Language": "en"})
        answer = conn.getresponse()
        answer.read()
        return time.monotonic() - started, answer.status
    except (OSError, http.client.HTTPException):
        return time.monotonic() - started, None
    finally:
        conn.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_slow_clients_do_not_hold_the_app(cluster):
    slow = SlowClients(cluster.port, SLOW_CLIENTS)
    try:
        time.sleep(1.5)  # every slow connection has started its request
        latencies, statuses = [], []
        deadline = time.monotonic() + MEASURE_SECONDS
        n = 0
        while time.monotonic() < deadline:
            path = "/healthz" if n % 2 == 0 else "/login"
            seconds, status = timed_get(cluster.port, path, timeout=10)
            latencies.append(seconds)
            statuses.append(status)
            n += 1
            time.sleep(0.05)
        open_at_end = slow.still_open()
        dripped = slow.dripped
    finally:
        slow.close()

    # Control: the same slow clients straight at one node, without nginx, hold it.
    node = cluster.nodes[0]
    bare = SlowClients(node.port, SLOW_CLIENTS)
    try:
        time.sleep(1.5)
        bare_tries = [timed_get(node.port, "/healthz", timeout=2) for _ in range(3)]
    finally:
        bare.close()
    recovered = None
    started = time.monotonic()
    while time.monotonic() - started < 30:
        if timed_get(node.port, "/healthz", timeout=2)[1] == 200:
            recovered = time.monotonic() - started
            break
        time.sleep(0.2)

    print(
        f"\nslow clients ({cluster.backend}): {SLOW_CLIENTS} connections a byte a second "
        f"({dripped} bytes dripped), {open_at_end} still open at the end; through nginx "
        f"{len(latencies)} requests in {MEASURE_SECONDS:g} s: p50 "
        f"{statistics.median(latencies) * 1000:.1f} ms, p95 "
        f"{percentile(latencies, 0.95) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms; "
        f"straight at one gunicorn node: /healthz "
        + ", ".join("no answer in 2 s" if s is None else f"{t:.2f} s" for t, s in bare_tries)
        + (
            f", answering again {recovered:.2f} s after the slow clients left"
            if recovered is not None
            else ", not answering again within 30 s"
        )
    )
    assert statuses and all(s == 200 for s in statuses), statuses
    assert max(latencies) < FAST, f"slowest {max(latencies):.2f} s"
    assert len(latencies) >= 20
    # The slow clients were connected all along (nginx held them, it did not drop them).
    assert open_at_end == SLOW_CLIENTS
    assert dripped >= SLOW_CLIENTS * 5
    assert any(status is None for _seconds, status in bare_tries), (
        "the slow clients no longer hold a bare gunicorn node: they prove nothing about nginx"
    )
    assert recovered is not None, "the node did not answer again after the slow clients left"


class Timed:
    """Start and end moments of requests, with what went wrong."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done: list[tuple[float, float]] = []
        self.problems: list[str] = []

    def record(self, started: float, answer: Response | None, expected: int, what: str) -> None:
        ended = time.monotonic()
        with self.lock:
            if answer is None:
                self.problems.append(f"{what}: no answer")
            elif answer.status != expected or "database is locked" in answer.text.lower():
                self.problems.append(f"{what}: HTTP {answer.status} {answer.text[:200]!r}")
            else:
                self.done.append((started, ended))

    def inside(self, start: float, end: float) -> int:
        return sum(1 for s, e in self.done if s >= start and e <= end)

    def latencies(self) -> list[float]:
        return [e - s for s, e in self.done]


def b_writer(port: int, token: str, stop: threading.Event, timed: Timed) -> None:
    """Organization B's API client: creates a vacancy, edits it, creates another, ..."""
    client = Client(port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    vacancy_id, version, n = None, 0, 0
    while not stop.is_set():
        n += 1
        title = f"SMM-менеджер, запись {n}"
        if vacancy_id is None or n % 5 == 0:
            method, path, body, expected = (
                "POST",
                "/api/v1/vacancies",
                vacancy_body(title=title),
                201,
            )
        else:
            method, path = "PUT", f"/api/v1/vacancies/{vacancy_id}"
            body, expected = {"version": version, "title": title}, 200
        started = time.monotonic()
        try:
            answer = client.request(method, path, json.dumps(body).encode(), headers)
        except (OSError, http.client.HTTPException) as error:
            timed.record(started, None, expected, f"{method} {path} {error!r}")
            continue
        timed.record(started, answer, expected, f"{method} {path}")
        if answer.status == expected:
            saved = json.loads(answer.body)
            vacancy_id, version = saved["id"], saved["version"]
        time.sleep(0.05)
    client.close()


def b_signer(port: int, email: str, stop: threading.Event, timed: Timed) -> None:
    """Organization B's user signs in with the right password, again and again."""
    while not stop.is_set():
        browser = Browser(port, "127.0.0.1")
        started = time.monotonic()
        try:
            answer = browser.sign_in(email, helpers.PASSWORD)
        except (OSError, http.client.HTTPException, AssertionError) as error:
            timed.record(started, None, 302, f"sign-in {error!r}")
            continue
        timed.record(started, answer, 302, "sign-in")
        time.sleep(0.1)


def test_a_zip_export_does_not_hold_up_another_organization(cluster):
    admin = Client(cluster.port, timeout=30)
    admin.login(cluster.users["a-admin"], helpers.PASSWORD)
    writes, sign_ins = Timed(), Timed()
    stop = threading.Event()
    threads = [
        threading.Thread(target=b_writer, args=(cluster.port, cluster.b_token, stop, writes)),
        threading.Thread(target=b_writer, args=(cluster.port, cluster.b_token, stop, writes)),
        threading.Thread(
            target=b_signer, args=(cluster.port, cluster.users["b-user"], stop, sign_ins)
        ),
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.0)  # B is already saving when the ZIP is asked for
        asked = time.monotonic()
        answer = admin.post(
            "/vacancies/download", {"format": "pdf", "ids": [str(i) for i in cluster.zip_ids]}
        )
        assert answer.status == 302, (answer.status, answer.text[:300])
        found = TASK_PATH.search(answer.location)
        assert found, answer.location
        job_id = int(found.group(1))
        seen: list[tuple[float, str, int]] = []
        while time.monotonic() - asked < ZIP_BOUND:
            state = admin.get(f"/tasks/{job_id}/status")
            assert state.status == 200, state.status
            status = json.loads(state.body)
            seen.append((time.monotonic(), status["status"], status["progress"]))
            if status["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
        time.sleep(1.0)  # and B goes on after it
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    running = [at for at, status, _progress in seen if status == "running"]
    final = seen[-1][1] if seen else "never asked"
    archive = admin.get(f"/tasks/{job_id}/download") if final == "done" else None
    admin.close()
    pdfs = []
    if archive is not None and archive.status == 200:
        with zipfile.ZipFile(io.BytesIO(archive.body)) as zipped:
            assert zipped.testzip() is None
            pdfs = [
                name
                for name in zipped.namelist()
                if name.endswith(".pdf") and zipped.read(name).startswith(b"%PDF")
            ]
    start, end = (running[0], running[-1]) if running else (0.0, 0.0)
    write_times, sign_in_times = writes.latencies(), sign_ins.latencies()

    def fmt(values: list[float]) -> str:
        if not values:
            return "none"
        return f"p50 {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"

    print(
        f"\nZIP of {ZIP_VACANCIES} PDFs for organization A ({cluster.backend}): {final}, "
        f"running {end - start:.1f} s (seen {len(running)} times), {len(pdfs)} PDFs in it; "
        f"meanwhile organization B: {len(write_times)} API saves ({fmt(write_times)}), "
        f"{writes.inside(start, end)} of them while the ZIP ran; {len(sign_in_times)} "
        f"sign-ins ({fmt(sign_in_times)}), {sign_ins.inside(start, end)} while it ran; "
        f"problems {len(writes.problems) + len(sign_ins.problems)}"
    )
    assert writes.problems == [] and sign_ins.problems == [], (
        writes.problems[:5] + sign_ins.problems[:5]
    )
    assert final == "done", seen[-5:]
    assert archive is not None and archive.status == 200
    assert len(pdfs) == ZIP_VACANCIES
    # The ZIP really ran alongside B's saves and sign-ins.
    assert writes.inside(start, end) > 0 and sign_ins.inside(start, end) > 0
    assert max(write_times) < WRITE_BOUND and max(sign_in_times) < WRITE_BOUND
    logs = helpers.server_log_problems(cluster.logs())
    assert logs == {"database is locked": 0, "tracebacks": 0}, cluster.logs()[-3000:]
