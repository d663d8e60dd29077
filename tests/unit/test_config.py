"""Configuration helpers that need no app."""

from __future__ import annotations

import pytest

from app.config import database_url, engine_options


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////srv/smm/instance/smm.sqlite3",
        "sqlite:///relative.sqlite3",
        "postgresql+psycopg://smm@db/smm",
    ],
)
def test_pooled_databases_get_more_connections_than_a_worker_has_threads(url):
    assert engine_options(url, {}) == {"pool_size": 10, "max_overflow": 10}


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "sqlite:///file:x?mode=memory&uri=true"]
)
def test_in_memory_sqlite_keeps_its_single_connection_pool(url):
    assert engine_options(url, {}) == {}


def test_configured_engine_options_win():
    options = engine_options("sqlite:////tmp/x.sqlite3", {"pool_size": 3, "echo": True})
    assert options == {"pool_size": 3, "max_overflow": 10, "echo": True}


def test_postgres_urls_go_through_psycopg_3():
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
