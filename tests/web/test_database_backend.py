"""The suite runs on the database it was asked for."""

from __future__ import annotations

import os

from app.extensions import db


def test_backend_is_the_requested_one(app):
    with app.app_context():
        name = db.engine.dialect.name
    assert name == ("postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite")
