"""Security headers on every response and per-request transaction intent."""

from __future__ import annotations

from flask import Flask, Response, request

from app.database import write_intent

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'; img-src 'self' data:"
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def set_write_intent() -> None:
    """Let the database know whether this request is expected to write."""
    write_intent.set(request.method not in SAFE_METHODS)


def security_headers(response: Response) -> Response:
    """Add the headers every response carries."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def init_app(app: Flask) -> None:
    """Register the hooks."""
    app.before_request(set_write_intent)
    app.after_request(security_headers)
