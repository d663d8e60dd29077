"""Real headless Chromium (Debian's) driven by Playwright against a live server."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.axe_audit import Audit
from tests.conftest import ROOT, migrated_app, need

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    need(
        Path(CHROMIUM).exists() and shutil.which("chromium") is not None,
        f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(tmp_path):
    """The app on a free loopback port with a fresh migrated SQLite database."""

    from app.extensions import db

    url = "sqlite:///" + str(tmp_path / "live.sqlite3")
    app = migrated_app(url, SECRET_KEY="browser-test", EXPORT_CACHE_DIR=str(tmp_path / "cache"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


_AUDIT: Audit | None = None


@pytest.fixture(autouse=True)
def accessibility():
    """Every page a journey takes a screenshot of is audited with axe-core; a serious or
    critical violation fails the test that visited the page."""
    global _AUDIT
    _AUDIT = Audit()
    yield _AUDIT
    failures, _AUDIT = _AUDIT.failures(), None
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ for a person to look at, and audit
    the page with axe-core."""
    if _AUDIT is not None:
        _AUDIT.run(page, name)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
