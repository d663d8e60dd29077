"""Security headers on every response and per-request transaction intent."""

from __future__ import annotations

from flask import Flask, Response, abort, request
from flask_login import current_user

from app.database import write_intent

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'; img-src 'self' data:"
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def set_write_intent() -> None:
    """Let the database know whether this request is expected to write."""
    write_intent.set(request.method not in SAFE_METHODS)


def refuse_json_forms() -> None:
    """Web forms take urlencoded or multipart bodies; JSON is for the API under /api/.

    Flask-WTF would read a JSON body as the form: a document that is not an object (a
    list, a number) breaks the form, and an object puts numbers, lists and nulls into
    fields that expect text.
    """
    if (
        request.method not in SAFE_METHODS
        and request.is_json
        and not request.path.startswith("/api/")
    ):
        abort(400)


# Form fields that take a file, per endpoint. Every other field is text: a file part under
# its name (no browser sends one) would reach the field as an object it cannot handle.
FILE_FIELDS: dict[str, frozenset[str]] = {
    "admin.organization": frozenset({"logo"}),
    "vacancies.analyze": frozenset({"upload"}),
}


def refuse_stray_files() -> None:
    """Refuse a multipart form with a file where the form has no file field."""
    if request.method in SAFE_METHODS or request.path.startswith("/api/"):
        return
    if request.mimetype == "multipart/form-data":
        allowed = FILE_FIELDS.get(request.endpoint or "", frozenset())
        if any(name not in allowed for name in request.files):
            abort(400)


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


def no_store_for_signed_in(response: Response) -> Response:
    """`Cache-Control: no-store` on every answer to a signed-in user or an API token.

    One rule for every page and download: whatever a person or a token can see after
    signing in may hold candidates' or users' personal data, so no browser or proxy keeps
    a copy. Public job pages and versioned static files stay cacheable."""
    if request.endpoint == "static":
        return response
    api = request.path.startswith("/api/") or "Authorization" in request.headers
    if api or current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
        response.headers.add("Vary", "Cookie")
    return response


def init_app(app: Flask) -> None:
    """Register the hooks."""
    # First of all the hooks: an earlier one that queries (the accounts blueprint's
    # setup check, on a worker's first requests) would otherwise open a plain BEGIN in
    # a writing request, and its write could then fail with "database is locked".
    app.before_request_funcs.setdefault(None, []).insert(0, set_write_intent)
    app.before_request(refuse_json_forms)
    app.before_request(refuse_stray_files)
    app.after_request(security_headers)
    app.after_request(no_store_for_signed_in)
