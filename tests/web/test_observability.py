"""Structured request logs without secrets; the audit log page for admins."""

from __future__ import annotations

import json
import logging

from tests.conftest import PASSWORD, login, make_user


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_request_log_is_json_without_secrets(app, client):
    from app.observability import JsonFormatter, logger

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    try:
        make_user(app, "a@acme.test", "admin")
        login(client, "a@acme.test")
        client.get("/vacancies/?q=Иванов")
    finally:
        logger.removeHandler(handler)
    records = [json.loads(line) for line in handler.lines]
    login_line = next(r for r in records if r["path"] == "/login")
    assert login_line["method"] == "POST" and login_line["status"] == 302
    assert isinstance(login_line["duration_ms"], float)
    listing = next(r for r in records if r["path"] == "/vacancies/")
    assert listing["org"] is not None
    text = "\n".join(handler.lines)
    assert PASSWORD not in text and "Иванов" not in text and "a@acme.test" not in text


def test_audit_log_shows_sign_ins_and_failures_to_admins_only(app, client):
    make_user(app, "a@acme.test", "admin")
    make_user(app, "r@acme.test", "recruiter")
    login(client, "r@acme.test", "wrong password!")
    login(client, "r@acme.test")
    assert client.get("/admin/audit").status_code == 403
    client.post("/logout")
    login(client, "a@acme.test")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "<td>Неудачный вход</td>" in page and "<td>Вход</td>" in page
    assert "r@acme.test" in page and "<td>login-failed</td>" not in page
    filtered = client.get("/admin/audit?action=login-failed").get_data(as_text=True)
    assert filtered.count("<td>Неудачный вход</td>") == 1
    assert "<td>Вход</td>" not in filtered
