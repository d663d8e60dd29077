"""Every lookup scoped to the signed-in user's organization (who may do what:
app.permissions)."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, bindparam, select

from app.caches import memoize
from app.extensions import db
from app.urls import is_id

M = TypeVar("M")


def org_id() -> int:
    """The organization of the signed-in user."""
    return current_user.organization_id


@memoize("sql.in_org")
def _in_org(model: type[Any]) -> Select:
    # Built once per model: building the statement costs more than running it.
    return select(model).where(
        model.id == bindparam("id"), model.organization_id == bindparam("org")
    )


def get_in_org_or_404(model: type[M], object_id: int) -> M:
    """Load a record of the user's organization; anything else is 404, never 403."""
    if not is_id(object_id):
        abort(404)
    params = {"id": object_id, "org": org_id()}
    obj = db.session.execute(_in_org(model), params).scalar_one_or_none()
    if obj is None:
        abort(404)
    return obj
