"""The OpenAPI 3.1 document, built from the operation registry and the component schemas."""

from __future__ import annotations

import re
from typing import Any, cast

from flask import Flask

from app.api import bp
from app.api.components import SCHEMAS, ref
from app.api.registry import OPERATIONS, Operation, operation

TITLE = "SMM Hiring Desk API"
VERSION = "1.0.0"
DESCRIPTION = """\
Every feature of SMM Hiring Desk for integrations and scripts: the role catalog, vacancies
with their checks and exports, trial plans and the scoring of candidates on probation.

Authenticate with a personal API token: `Authorization: Bearer <token>`. Create one under
Account → API tokens, or with `flask tokens create EMAIL`. A token acts as its user: the
same role, the same organization. Records of other organizations answer 404.

Errors are JSON: `{"error": {"code": "...", "message": "...", "fields": {"field": ["..."]}}}`.
Messages are in the user's language (else the Accept-Language header's).

Requests are limited per token (429 with Retry-After when over the limit)."""

TAGS = (
    ("Account", "The token's user."),
    ("Catalog", "Roles, duties, skills, requirements, goals and trial tasks."),
    ("Vacancies", "Compose, check, save, publish and export vacancies."),
    ("Probation", "Trial plans, candidates, ratings, KPI results and verdicts."),
)
ERRORS = {
    400: "A query parameter is invalid.",
    401: "No token, or an unknown or revoked one, or its user is deactivated.",
    403: "The user's role does not allow this.",
    404: "No such record in the organization (or not assigned to the evaluator).",
    409: "Conflict: a stale version, publishing blocked by errors, or erased data.",
    413: "The body is too large.",
    422: "The body is not valid JSON or has invalid values; see error.fields.",
    429: "Too many requests with this token; wait Retry-After seconds.",
    503: "The file could not be made right now; try again after Retry-After seconds.",
}
_PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
BINARY = {"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml."
          "document"}  # fmt: skip


def _media_schema(media_type: str) -> dict[str, Any]:
    """The schema of a file answer of this media type."""
    if media_type in BINARY:
        return {"type": "string", "format": "binary"}
    if "json" in media_type:
        return {"type": "object"}
    return {"type": "string"}


def _success(op: Operation) -> dict[str, Any]:
    """The documented success answer of an operation."""
    if op.media:
        content = {m.split(";")[0]: {"schema": _media_schema(m.split(";")[0])} for m in op.media}
        return {
            "description": "The file.",
            "content": content,
            "headers": {
                "Content-Disposition": {
                    "schema": {"type": "string"},
                    "description": "attachment; filename=...",
                }
            },
        }
    if op.returns is None:
        return {"description": "Done; no content."}
    return {"description": "OK.", "content": {"application/json": {"schema": ref(op.returns)}}}


def _operation(op: Operation) -> dict[str, Any]:
    """The OpenAPI operation object."""
    responses: dict[str, Any] = {str(op.status): _success(op)}
    for code in op.errors:
        responses[str(code)] = {"$ref": f"#/components/responses/E{code}"}
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
        for name in op.path_params
    ] + [
        {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "schema": p.schema,
            "description": p.description,
        }
        for p in op.query
    ]
    doc: dict[str, Any] = {
        "operationId": op.endpoint.split(".", 1)[1],
        "summary": op.summary,
        "description": " ".join(op.description.split()),
        "tags": [op.tag],
        "responses": responses,
    }
    if parameters:
        doc["parameters"] = parameters
    if op.body:
        doc["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref(op.body)}},
        }
    if op.public:
        doc["security"] = []
    else:
        doc["x-roles"] = list(op.roles)
    return doc


def build_document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    error = {"application/json": {"schema": ref("Error")}}
    responses: dict[str, Any] = {
        f"E{code}": {"description": text, "content": error} for code, text in ERRORS.items()
    }
    responses["E429"]["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
    responses["E503"]["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": TITLE, "version": VERSION, "description": DESCRIPTION},
        "servers": [{"url": bp.url_prefix}],
        "tags": [{"name": name, "description": text} for name, text in TAGS],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "responses": responses,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token.",
                }
            },
        },
    }


def route_differences(app: Flask) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(routes under the API prefix missing from the document, documented routes missing)."""
    prefix = bp.url_prefix or ""
    routed = {
        (method, _PARAM.sub(r"{\1}", rule.rule[len(prefix) :]))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(prefix + "/")
        for method in cast(set[str], rule.methods) - {"HEAD", "OPTIONS"}  # Flask sets them
    }
    documented = {
        (method.upper(), path)
        for path, methods in build_document()["paths"].items()
        for method in methods
    }
    return routed - documented, documented - routed


@operation(
    "GET", "/openapi.json", summary="This document", tag="Account", public=True, returns="OpenApi"
)
def openapi_document():
    """The OpenAPI 3.1 document of the API (no token needed)."""
    return build_document()
