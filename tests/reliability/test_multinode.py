"""Production on one machine: two app nodes behind nginx, Redis, the queue worker; crashes.

Two gunicorn nodes (`make serve`'s configuration, one process each) on two loopback
ports share one DATABASE_URL (PostgreSQL from TEST_DATABASE_URL when set, else an SQLite
file), one SECRET_KEY and one EXPORT_CACHE_DIR; nginx runs deploy/nginx.conf in front of
them (bench/load/cluster.py); redis-server and one `flask --app app worker` run the
background jobs. Clients go through nginx only: API saves (create, edit) and PDF
downloads (retried on 202 until 200) for MULTINODE_SECONDS (30) per test, while

1. one app node gets SIGKILL (its whole process group) and is started again later;
2. the queue worker gets SIGKILL and is started again.

Afterwards every acknowledged save is in the database (the version with its title, the
last title of each vacancy), every PDF requested came back 200 with a PDF, and no client
saw a 5xx. The figures are printed (`-s`).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.load.cluster import Cluster, tools_missing
from bench.load.server import group_pids
from tests.conftest import need
from tests.reliability import helpers
from tests.reliability.multinode import Figures, Load

SAVERS = 3
DOWNLOADERS = 2

pytestmark = pytest.mark.slow


def seconds() -> int:
    return int(os.environ.get("MULTINODE_SECONDS", "30"))


def issue_tokens(app, emails: list[str]) -> list[str]:
    from app.accounts.services import find_user
    from app.api import tokens
    from app.extensions import db

    secrets = []
    with app.app_context():
        for email in emails:
            _token, secret = tokens.issue_token(find_user(email), "multinode")
            secrets.append(secret)
        db.session.commit()
        db.engine.dispose()
    return secrets


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    missing = tools_missing()
    need(not missing, f"{', '.join(missing)} needed for the multi-node test")
    helpers.require_tools()
    tmp = tmp_path_factory.mktemp("multinode")
    postgres = os.environ.get("TEST_DATABASE_URL")
    url = helpers.fresh_postgres(postgres) if postgres else helpers.sqlite_url(tmp)
    app = helpers.make_app(url)
    savers = helpers.add_users(app, "recruiter", SAVERS, "saver")
    downloaders = helpers.add_users(app, "recruiter", DOWNLOADERS, "downloader")
    tokens = issue_tokens(app, savers)
    # The load sends more than the default API limit per token (120 a minute).
    running = Cluster(tmp, url, nodes=2, workers=1, extra_env={"FLASK_API_RATE_LIMIT": "100000/60"})
    running.start()
    running.url = url
    running.tokens = tokens
    running.logins = [(email, helpers.PASSWORD) for email in downloaders]
    running.backend = "PostgreSQL" if postgres else "SQLite"
    try:
        yield running
    finally:
        running.stop()


def lost_saves(url: str, figures: Figures) -> list:
    """Acknowledged saves the database does not have."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            versions = {
                (v, n): t
                for v, n, t in conn.execute(
                    text("SELECT vacancy_id, number, title FROM vacancy_versions")
                )
            }
            rows = conn.execute(text("SELECT id, version, title FROM vacancies"))
            current = {v: (n, t) for v, n, t in rows}
    finally:
        engine.dispose()
    lost = []
    last: dict[int, tuple[int, str]] = {}
    for vacancy_id, number, title in figures.created + figures.edited:
        if versions.get((vacancy_id, number)) != title:
            lost.append(("version", vacancy_id, number, title))
        if number >= last.get(vacancy_id, (0, ""))[0]:
            last[vacancy_id] = (number, title)
    for vacancy_id, state in last.items():
        if current.get(vacancy_id) != state:  # each vacancy has one editor
            lost.append(("latest", vacancy_id, state, current.get(vacancy_id)))
    return lost


def job_counts(url: str) -> dict[str, int]:
    """Jobs of the queue by status ("done:superseded" for renders a later save made moot)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT status, message, count(*) FROM jobs GROUP BY status, message")
            )
            counts: dict[str, int] = {}
            for status, message, count in rows:
                key = f"{status}:{message}" if message in ("superseded", "gone") else status
                counts[key] = counts.get(key, 0) + count
            return counts
    finally:
        engine.dispose()


def report(what: str, cluster, figures: Figures, lost: list) -> None:
    saves = len(figures.created) + len(figures.edited)
    lines = [
        f"\n{what} ({cluster.backend}, 2 nodes behind nginx, {seconds()} s, "
        f"{SAVERS} savers, {DOWNLOADERS} downloaders):",
        f"  saves acknowledged {saves} ({len(figures.created)} created, "
        f"{len(figures.edited)} edited), present {saves - len(lost)}",
        f"  PDFs requested {figures.pdf_requested}, completed {figures.pdf_completed} "
        f"(202 retries {figures.pdf_retries_202}, gave up {figures.pdf_gave_up})",
        f"  5xx seen by clients {figures.server_errors}, other unexpected "
        f"{figures.unexpected}, exceptions {figures.exceptions}",
        f"  queue jobs so far (renders after saves, downloads): {job_counts(cluster.url)}",
    ]
    for name, at in figures.events:
        if name == "end":
            continue
        save, pdf = figures.recovery(at)
        fmt = lambda s: "never" if s is None else f"{s:.2f} s"  # noqa: E731
        lines.append(f"  after {name}: next save {fmt(save)}, next PDF {fmt(pdf)}")
    print("\n".join(lines))


def renderers_in_app_nodes(cluster) -> list[str]:
    """Processes of the app nodes that render (the forkserver of a render pool, or any
    process that loaded WeasyPrint): there must be none, the worker renders."""
    found = []
    for node in cluster.nodes:
        for pid in group_pids(node.pgid):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                maps = Path(f"/proc/{pid}/maps").read_text(errors="replace")
            except OSError:
                continue
            if b"forkserver" in cmdline or "libpango" in maps:
                found.append(cmdline.decode(errors="replace")[:200])
    return found


def nginx_trace(cluster, figures: Figures) -> str:
    """What nginx logged about answers of 500 and more, and when the events happened (in
    the access log's `msec` clock), to tell which node failed and how."""
    offset = time.time() - time.monotonic()
    moments = ", ".join(f"{name} at msec={at + offset:.3f}" for name, at in figures.events)
    failed = [
        line
        for line in cluster.nginx.access_log().splitlines()
        if re.search(r'" 5\d\d ', line) or re.search(r"upstream_status=\S*5\d\d", line)
    ]
    errors = [
        line
        for line in cluster.nginx.error_log().splitlines()
        if "[error]" in line or "[crit]" in line
    ]
    return "\n".join(
        [f"events: {moments}", "access log, 5xx:", *failed[-20:], "error log:", *errors[-20:]]
    )


def check(cluster, figures: Figures) -> None:
    lost = lost_saves(cluster.url, figures)
    report_name = " / ".join(name for name, _ in figures.events if name != "end")
    report(report_name, cluster, figures, lost)
    assert figures.server_errors == 0, (figures.samples, nginx_trace(cluster, figures))
    assert figures.unexpected == 0 and figures.exceptions == 0, figures.samples
    assert lost == []
    assert figures.pdf_requested == figures.pdf_completed, figures.samples
    # The load was real, and went on after each event.
    assert len(figures.created) >= 10 and figures.pdf_requested >= 5
    for name, at in figures.events:
        if name != "end":
            save, pdf = figures.recovery(at)
            assert save is not None and pdf is not None, f"nothing completed after {name}"
    assert job_counts(cluster.url).get("failed", 0) == 0
    assert renderers_in_app_nodes(cluster) == []
    logs = helpers.server_log_problems(cluster.logs())
    assert logs["tracebacks"] == 0, cluster.logs()[-3000:]


def test_a_killed_node_loses_no_acknowledged_save_and_no_download(cluster):
    killed = cluster.nodes[0]
    served_before = killed.logs().count('"event": "request"')
    load = Load(cluster.port, cluster.tokens, cluster.logins)
    figures = load.run(
        seconds(),
        [
            (0.3, "SIGKILL of node 0", killed.kill, True),
            (0.6, "restart of node 0", lambda: killed.start(migrate=False), False),
        ],
    )
    check(cluster, figures)
    assert served_before > 0
    # nginx sent requests to the restarted node again (after fail_timeout).
    restarted_log = (killed.log_dir / f"server-{killed.starts}.log").read_text()
    assert '"event": "request"' in restarted_log


def test_a_killed_queue_worker_loses_no_render(cluster):
    assert cluster.has_worker, "`flask --app app worker` is the queue consumer"
    worker = cluster.worker
    load = Load(cluster.port, cluster.tokens, cluster.logins)
    # Saves go on while the worker is down: their renders wait in Redis.
    figures = load.run(
        seconds(),
        [
            (0.3, "SIGKILL of the queue worker", worker.kill, False),
            (0.5, "restart of the queue worker", worker.start, False),
        ],
    )
    check(cluster, figures)
