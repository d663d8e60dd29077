"""docs/api-walkthrough.sh against a live server: user, token, vacancy, warnings, PDF,
JSON-LD, trial plan, candidate, rating and verdict, with curl and the flask CLI only."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import CHEAP_HASH, ROOT, need


@pytest.fixture
def live_server(app):
    """The test app served over HTTP on a free local port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.mark.slow
def test_the_curl_walkthrough_reaches_a_verdict(app, live_server, database_url, tmp_path):
    need(shutil.which("curl") is not None, "curl is not installed")
    out = tmp_path / "files"
    env = {
        **os.environ,
        "BASE": live_server,
        "FLASK": f"{Path(sys.executable).parent / 'flask'} --app app",
        "OUT": str(out),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "FLASK_PASSWORD_HASH_METHOD": CHEAP_HASH,
    }
    result = subprocess.run(
        ["bash", str(ROOT / "docs" / "api-walkthrough.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert '"verdict":"pass"' in result.stdout
    assert '"code":"salary-missing"' in result.stdout
    files = {path.suffix: path for path in out.iterdir()}
    assert files[".pdf"].read_bytes().startswith(b"%PDF")
    assert json.loads(files[".jsonld"].read_text())["@type"] == "JobPosting"
