"""Friendly error pages in the user's language; JSON for the API."""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    401: (_l("Sign-in required"), _l("Please sign in to continue.")),
    403: (_l("Access denied"), _l("Your role does not allow this action.")),
    404: (_l("Page not found"), _l("There is no such page, or it belongs to someone else.")),
    405: (_l("Method not allowed"), _l("This address does not accept this kind of request.")),
    409: (_l("Conflict"), _l("Someone changed this record at the same time.")),
    413: (_l("Too large"), _l("The data you sent is too large. Send a smaller file or less text.")),
    422: (_l("Cannot process"), _l("The data was understood but cannot be accepted.")),
    429: (_l("Too many attempts"), _l("Too many attempts. Wait a minute and try again.")),
    500: (
        _l("Something went wrong"),
        _l("An internal error occurred. We have logged it; try again later."),
    ),
}
# Stable machine-readable codes of API error bodies (the titles above are translated).
API_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "unprocessable",
    429: "rate_limited",
    500: "server_error",
}
CSRF_MESSAGE = _l(
    "The form has expired or was sent from another site. Reload the page and try again."
)


def wants_json() -> bool:
    """API clients get JSON errors, never an HTML page."""
    return request.path.startswith("/api/")


def render_error(code: int, message: str | None = None, *, api_code: str | None = None):
    """Render an error page (or API error body) for a status code."""
    title, default = MESSAGES.get(code, MESSAGES[500])
    text = str(message or default)
    if wants_json():
        body = {
            "error": {
                "code": api_code or API_CODES.get(code, "server_error"),
                "message": text,
                "fields": {},
            }
        }
        return jsonify(body), code
    return render_template("errors.html", code=code, title=title, message=text), code


def handle_http(error: HTTPException):
    """Handle an HTTP error raised by a view or by Werkzeug."""
    code = error.code or 500
    if code >= 500:
        db.session.rollback()
    response = make_response(render_error(code if code in MESSAGES else 500))
    retry_after = getattr(error, "retry_after", None)
    if code == 429 and retry_after:
        response.headers["Retry-After"] = str(retry_after)
    valid_methods = getattr(error, "valid_methods", None)
    if code == 405 and valid_methods:
        response.headers["Allow"] = ", ".join(valid_methods)
    return response


def handle_csrf(error: CSRFError):
    """A form without a valid CSRF token."""
    return render_error(400, CSRF_MESSAGE, api_code="csrf")


def handle_unexpected(error: Exception):
    """Anything else: log it, roll back, show a page without a traceback."""
    if isinstance(error, HTTPException):
        return handle_http(error)
    db.session.rollback()
    from flask import current_app

    current_app.logger.exception("unhandled error", exc_info=error)
    return handle_http(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
