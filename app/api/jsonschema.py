"""Small builders of JSON Schema (2020-12, as OpenAPI 3.1 uses it)."""

from __future__ import annotations

from typing import Any

from app.urls import MAX_ID

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: Schema, required: tuple[str, ...] = (), *, closed: bool = True) -> Schema:
    """An object schema; closed objects refuse properties not listed."""
    schema: Schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(dict.fromkeys(required))
    if closed:
        schema["additionalProperties"] = False
    return schema


def array(items: Schema, **extra: Any) -> Schema:
    """An array schema."""
    return {"type": "array", "items": items, **extra}


def nullable(schema: Schema) -> Schema:
    """The schema or null (JSON Schema 2020-12 style)."""
    return {"anyOf": [schema, {"type": "null"}]}


STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
IDS = array(STR)
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def text_of(max_length: int) -> Schema:
    """A string of at most max_length characters."""
    return {"type": "string", "maxLength": max_length}


def enum(values: tuple[str, ...]) -> Schema:
    """One of the given strings."""
    return {"type": "string", "enum": list(values)}
