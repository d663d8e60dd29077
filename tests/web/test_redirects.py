"""One rule for `next`: only same-site paths; every trick that names another host fails."""

from __future__ import annotations

import pytest

from app.urls import safe_next
from tests.conftest import PASSWORD, make_user

HOSTILE = [
    "//evil.example",
    "////evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%2fevil.example/..",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/%0A/evil.example",
    "/\r\nSet-Cookie: x=1",
    "/.//evil.example",
    "/a/..//evil.example",
    "/./%2F/evil.example",
    "/\u2028/evil.example",
    "/\u200b/evil.example",
    "evil.example",
    "",
    None,
    "/" + "a" * 3000,
]
SAFE = ["/", "/vacancies/", "/vacancies/?q=smm&page=2", "/probation/12#notes", "/каталог/"]


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_targets_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", SAFE)
def test_same_site_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", ["////evil.example", "/\\evil.example", "https:x", "//x"])
def test_sign_in_never_sends_elsewhere(app, client, target):
    make_user(app, "rec@acme.test", "recruiter")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": "rec@acme.test", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_sign_in_follows_a_same_site_next(app, client):
    make_user(app, "rec@acme.test", "recruiter")
    response = client.post(
        "/login?next=/vacancies/%3Fq%3Dx", data={"email": "rec@acme.test", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/vacancies/?q=x"


@pytest.mark.parametrize("target", ["////evil.example", "/\\evil.example", "%2F%2Fx", "/\t/x"])
def test_language_switch_never_sends_elsewhere(client, target):
    response = client.post("/language", data={"lang": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_language_switch_returns_to_the_page(client):
    response = client.post("/language", data={"lang": "en", "next": "/catalog/?role=smm"})
    assert response.headers["Location"] == "/catalog/?role=smm"
