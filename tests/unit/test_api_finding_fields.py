"""Where a finding is, in the API's field names (the publish gate's 422 uses them)."""

from __future__ import annotations

import pytest

from app.api.errors import finding_field
from app.domain.catalog.model import Text
from app.domain.vacancies.quality import Finding


def at(field: str, line: int | None, item: str = "x") -> Finding:
    return Finding("c", "error", item, Text("а", "a"), Text("б", "b"), field, line)


@pytest.mark.parametrize(
    ("finding", "name"),
    [
        (at("custom_requirements", 0), "custom.requirements.0"),
        (at("custom_requirements", None), "custom.requirements"),
        (at("duties", 3), "duties.3"),
        (at("title", 0), "title"),
        (at("intro_md", 4), "intro_md"),
        (at("salary_from", None), "salary.from"),
        (at("", None, item="whole"), "whole"),
    ],
)
def test_finding_field_names(finding: Finding, name: str) -> None:
    assert finding_field(finding) == name
