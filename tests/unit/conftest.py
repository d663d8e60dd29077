"""Unit tests render the domain's messages through the shipped Russian catalog, as the
domain's own tests do (tests/unit/domain/conftest.py, which also runs without Flask)."""

from tests.unit.domain.conftest import _russian_catalog, russian_translations  # noqa: F401
