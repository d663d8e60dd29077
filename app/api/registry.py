"""The registry of the API's operations: every route of the blueprint (app.api.bp) is
declared once, with what the OpenAPI document says about it, so the routes and the
document cannot drift."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from app.api import bp
from app.api.context import api_user
from app.api.errors import forbidden, not_found
from app.permissions import EVERYONE
from app.urls import is_id

_PARAM = re.compile(r"<(?:int:)?([a-z_]+)>")


@dataclass(frozen=True)
class Param:
    """A query parameter."""

    name: str
    schema: dict[str, Any]
    description: str
    required: bool = False


@dataclass(frozen=True)
class Operation:
    """One method on one path, as the OpenAPI document describes it."""

    method: str
    rule: str
    endpoint: str
    summary: str
    description: str
    tag: str
    roles: tuple[str, ...]
    status: int
    returns: str | None
    media: tuple[str, ...]
    body: str | None
    query: tuple[Param, ...]
    errors: tuple[int, ...]
    public: bool

    @property
    def path(self) -> str:
        """The OpenAPI path template, relative to the server URL."""
        return _PARAM.sub(r"{\1}", self.rule)

    @property
    def path_params(self) -> list[str]:
        """The names of the path parameters."""
        return _PARAM.findall(self.rule)


OPERATIONS: list[Operation] = []


def _errors(rule: str, *, public: bool, body: bool, query: bool, extra: tuple[int, ...]) -> tuple:
    """The error statuses an operation can answer."""
    codes = set(extra)
    if not public:
        codes |= {401, 403, 429}
    if "<" in rule:
        codes.add(404)
    if body:
        codes |= {413, 422}
    if query:
        codes.add(400)
    return tuple(sorted(codes))


def operation(
    method: str,
    rule: str,
    *,
    summary: str,
    tag: str,
    returns: str | None = None,
    status: int = 200,
    body: str | None = None,
    roles: tuple[str, ...] = EVERYONE,
    query: tuple[Param, ...] = (),
    errors: tuple[int, ...] = (),
    media: tuple[str, ...] = (),
    public: bool = False,
) -> Callable:
    """Register a view as an API operation: the route, the role check and its documentation."""

    def decorator(view: Callable) -> Callable:
        """Route the view and record the operation."""

        @wraps(view)
        def wrapped(**kwargs: Any) -> Any:
            """Refuse impossible ids (404) and other roles (403), then run the view."""
            if any(isinstance(v, int) and not is_id(v) for v in kwargs.values()):
                raise not_found()
            if not public and api_user().role not in roles:
                raise forbidden()
            return view(**kwargs)

        bp.add_url_rule(rule, view_func=wrapped, methods=[method])
        doc = (view.__doc__ or "").strip()
        OPERATIONS.append(
            Operation(
                method=method.upper(),
                rule=rule,
                endpoint=f"{bp.name}.{view.__name__}",
                summary=summary,
                description=doc,
                tag=tag,
                roles=() if public else roles,
                status=status,
                returns=returns,
                media=media,
                body=body,
                query=query,
                errors=_errors(
                    rule, public=public, body=body is not None, query=bool(query), extra=errors
                ),
                public=public,
            )
        )
        return wrapped

    return decorator
