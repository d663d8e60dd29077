"""Request bodies: read as JSON and checked against the component schema of the operation,
the one the OpenAPI document publishes (validated with jsonschema_rs).

The schema decides the body's form: which keys each object may have, which values must be
objects, booleans, a text or a list. The values themselves (lengths, choices, dates,
numbers) are judged by the domain's rules, the web forms' (`draft_problems`, the probation
service), with their messages; the schema's findings about values are left to them.

A view refuses unknown keys first (`checked`), then each of its fields' forms where it
reads them (`refuse`), so every answer names the same problems as the forms would.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
from flask import request
from flask_babel import lazy_gettext as _l

from app.api.components import SCHEMAS
from app.api.errors import ApiError, invalid
from app.caches import memoize

# Problems of the body's form: top-level field -> {API field name -> messages}.
Problems = dict[str, dict[str, list[Any]]]

OBJECT_EXPECTED = _l("A JSON object is expected.")
UNKNOWN = _l("Unknown field.")
WRONG_FORM = _l("This value has the wrong form.")
KEYED_BY_ITEM = _l("An object keyed by item id is expected.")
# How a top-level value of the wrong JSON type (or a missing required one) is refused.
FORMS = {
    "salary": OBJECT_EXPECTED,
    "custom": OBJECT_EXPECTED,
    "ratings": KEYED_BY_ITEM,
    "comments": KEYED_BY_ITEM,
    "actuals": KEYED_BY_ITEM,
    "closed": _l("true or false is expected."),
    "confirm": _l("true or false is expected."),
    "evaluators": _l("A list of e-mail addresses is expected."),
    "text": _l("A text is expected."),
}
# The schemas look at most this deep; deeper values are the domain's (and the validator
# refuses input nested far deeper than any body needs).
DEPTH = 4


def read_json() -> dict[str, Any]:
    """The request body as a JSON object; 422 for anything else (413 when too large)."""
    raw = request.get_data(cache=True)
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(
            422, "invalid_json", _l("The body is not valid JSON."), {"body": [OBJECT_EXPECTED]}
        ) from None
    if not isinstance(body, dict):
        raise invalid({"body": [OBJECT_EXPECTED]})
    return body


def required_version(body: dict[str, Any]) -> int:
    """The version a change is based on, taken out of the body; 422 when it is missing.
    Checked here, not by the schema: JSON Schema counts 1.0 as an integer."""
    version = body.pop("version", None)
    if not isinstance(version, int) or isinstance(version, bool):
        raise invalid({"version": [_l("The version the change is based on is required.")]})
    return version


@memoize("api.body_validators")
def _validator(name: str) -> jsonschema_rs.Validator:
    """The validator of a component schema, its references resolved in the components."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": {"schemas": SCHEMAS}}
    return jsonschema_rs.Draft202012Validator(schema)


def _shallow(value: Any, depth: int = DEPTH) -> Any:
    """The value with its containers below `depth` emptied."""
    if isinstance(value, dict):
        return {k: _shallow(v, depth - 1) for k, v in value.items()} if depth else {}
    if isinstance(value, list):
        return [_shallow(v, depth - 1) for v in value] if depth else []
    return value


def _problems(error: jsonschema_rs.ValidationError) -> list[tuple[str, str, Any]]:
    """(top-level field, API field name, message) for an error of the body's form."""
    path = [str(part) for part in error.instance_path]
    kind = error.kind
    in_entry = error.schema_path[-2:-1] == ["items"]  # an entry of a list of objects
    K = jsonschema_rs.ValidationErrorKind
    if in_entry and (
        isinstance(kind, K.AdditionalProperties | K.Required)
        or (isinstance(kind, K.Type) and "object" in kind.types)
    ):
        return [(path[0], ".".join(path), WRONG_FORM)]
    if isinstance(kind, K.AdditionalProperties):
        group = path[0] if path else ""
        return [(group, ".".join([*path, key]), UNKNOWN) for key in kind.unexpected]
    if isinstance(kind, K.Type) and len(path) == 1 and path[0] in FORMS:
        return [(path[0], path[0], FORMS[path[0]])]
    if isinstance(kind, K.Required) and not path and kind.property in FORMS:
        return [(kind.property, kind.property, FORMS[kind.property])]
    return []


def checked(body: dict[str, Any], schema: str) -> Problems:
    """The body checked against the named component schema: 422 naming every unknown key,
    else the problems of its fields' form, for the view to `refuse` where it reads them."""
    problems: Problems = {}
    for error in _validator(schema).iter_errors(_shallow(body)):
        for group, field, message in _problems(error):
            messages = problems.setdefault(group, {}).setdefault(field, [])
            if message not in messages:
                messages.append(message)
    refuse(problems, "")
    return problems


def refuse(problems: Problems, field: str) -> None:
    """422 for the form problems of a top-level field ("" for the body's own keys)."""
    if problems.get(field):
        raise invalid(problems[field])
