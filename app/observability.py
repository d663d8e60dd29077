"""Structured request logs: one JSON line per request, without personal data or secrets."""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import Flask, g, request
from flask_login import current_user

logger = logging.getLogger("smm.request")


class JsonFormatter(logging.Formatter):
    """Render a log record's `fields` as one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {"message": record.getMessage()}
        return json.dumps({"level": record.levelname.lower(), **fields}, ensure_ascii=False)


def _start_timer() -> None:
    g.request_started = time.perf_counter()


def _log_request(response):
    started = g.pop("request_started", None)
    if started is None or request.endpoint == "static":
        return response
    org_id = None
    try:
        if current_user and current_user.is_authenticated:
            org_id = current_user.organization_id
    except Exception:
        org_id = None
    # The path only: query strings may hold search text, and bodies are never logged.
    logger.info(
        "request",
        extra={
            "fields": {
                "event": "request",
                "method": request.method,
                "path": request.path[:300],
                "endpoint": request.endpoint,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "org": org_id,
            }
        },
    )
    return response


def init_app(app: Flask) -> None:
    """Log every request as JSON to standard error (unless REQUEST_LOG is off)."""
    if not app.config.get("REQUEST_LOG", True):
        return
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    app.before_request(_start_timer)
    app.after_request(_log_request)
