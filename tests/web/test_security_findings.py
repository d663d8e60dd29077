"""Regression tests for the findings of the black-box security probe (see SECURITY.md)."""

from __future__ import annotations

import pytest

from tests.web.api_helpers import bearer, token_for

HUGE_IDS = (2**63, 2**64)


def _int_rules(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if conv.regex == r"\d+"]
        if ints:
            yield rule, ints


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_huge_ids_in_urls_are_404_never_500(app, admin, huge):
    """Finding 11: every route with a numeric id answers 2**63 and 2**64 without a 500."""
    headers = bearer(token_for(app, "api@acme.test"))
    checked = 0
    for rule, ints in _int_rules(app):
        variants = [dict.fromkeys(ints, huge)]
        variants += [{**dict.fromkeys(ints, 1), name: huge} for name in ints if len(ints) > 1]
        for values in variants:
            path = rule.rule
            for name, value in values.items():
                path = path.replace(f"<int:{name}>", str(value))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                extra = {"headers": headers, "json": {}} if path.startswith("/api/") else {}
                response = admin.open(path, method=method, **extra)
                assert response.status_code < 500, (method, path, response.status_code)
                checked += 1
    assert checked > 60


def test_every_int_route_uses_the_one_id_bound(app):
    """Finding 11: one converter, one constant; no route keeps a plain integer converter."""
    from app.urls import MAX_ID, IdConverter

    rules = list(_int_rules(app))
    assert rules
    for rule, ints in rules:
        for name in ints:
            converter = rule._converters[name]
            assert isinstance(converter, IdConverter), rule.rule
            assert (converter.min, converter.max) == (1, MAX_ID)
    adapter = app.url_map.bind("localhost")
    for value in (0, MAX_ID + 1, 2**63, 2**64):
        with pytest.raises(Exception) as error:
            adapter.match(f"/vacancies/{value}")
        assert getattr(error.value, "code", None) == 404
