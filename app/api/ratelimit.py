"""Per-token rate limit: fixed windows counted in the database, so every worker shares them."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import delete, select

from app.api.models import ApiRateCounter
from app.extensions import db

DEFAULT_LIMIT = "120/60"


@dataclass(frozen=True)
class Verdict:
    """The outcome of counting one request."""

    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds until the window ends


def parse_limit(spec: str) -> tuple[int, int]:
    """ "120/60" -> (120 requests, 60 seconds); anything malformed is a configuration error."""
    try:
        count, _, seconds = str(spec).partition("/")
        limit, period = int(count), int(seconds)
    except ValueError:
        raise ValueError(f"API_RATE_LIMIT must look like 120/60, not {spec!r}") from None
    if limit < 1 or period < 1:
        raise ValueError(f"API_RATE_LIMIT must be positive, not {spec!r}")
    return limit, period


def _upsert(token_id: int, window: int):
    """INSERT ... ON CONFLICT DO UPDATE: atomic across processes on SQLite and PostgreSQL."""
    insert: Callable[..., Any]  # either dialect's, both with on_conflict_do_update()
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(ApiRateCounter).values(token_id=token_id, window_start=window, hits=1)
    return statement.on_conflict_do_update(
        index_elements=["token_id", "window_start"],
        set_={"hits": ApiRateCounter.hits + 1},
    )


def hit(token_id: int, now: float | None = None) -> Verdict:
    """Count a request of the token in the current window (the caller commits)."""
    limit, period = parse_limit(current_app.config.get("API_RATE_LIMIT", DEFAULT_LIMIT))
    now = time.time() if now is None else now
    window = int(now // period * period)
    db.session.execute(_upsert(token_id, window))
    hits = db.session.execute(
        select(ApiRateCounter.hits).where(
            ApiRateCounter.token_id == token_id, ApiRateCounter.window_start == window
        )
    ).scalar_one()
    if hits == 1:
        # First request of a new window: the token's older windows are of no use any more.
        db.session.execute(
            delete(ApiRateCounter).where(
                ApiRateCounter.token_id == token_id, ApiRateCounter.window_start < window
            )
        )
    retry_after = max(1, math.ceil(window + period - now))
    return Verdict(hits <= limit, limit, max(0, limit - hits), retry_after)
