"""SMM Hiring Desk.

Importing the package loads no Flask, so `app.domain` imports (and is tested) without
it. `create_app` is resolved on first use from app.factory (PEP 562), which is where
`flask --app app` and gunicorn's `app:create_app()` find it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.factory import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from app.factory import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
