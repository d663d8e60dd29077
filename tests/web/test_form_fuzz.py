"""Hostile input at scale: every web form, fuzzed through the test client.

Every rule of the URL map that takes a POST (the JSON API and static files aside) is
fuzzed, so a new form is covered as soon as its route exists. Its fields are found on the
app's own pages: every HTML page is fetched (as an admin, a recruiter, an evaluator and
anonymously, with one record of every kind; the setup page on an empty database) and each
`<form method="post">` is filed under the route its action points to. A route no page
posts to needs an entry in KNOWN_FIELDS, and a route parameter without a record fails the
coverage test, as in test_isolation.py.

Hypothesis then builds bodies from the fields: the page's own value, offered options,
control characters, 10k-200k character strings, HTML and SQL fragments, numbers and
dates that are not, empty values, repeated keys, omitted fields, unknown keys, files
where text is expected, multipart instead of urlencoded, and JSON of any type. For each
response: never 500, no traceback, no unescaped markup echoed back; and when the
submission is rejected (4xx, a re-rendered form, or a redirect with an error message)
no table changed — row counts and a hash of every row, except the tables listed in
MAY_CHANGE_WHEN_REJECTED. After a change (an accepted submission) every table is put
back to the baseline rows, so each example starts from the same records.

FORM_FUZZ_EXAMPLES sets the examples per route (default 25; the role runs get half).
"""

from __future__ import annotations

import gc
import logging
import os
import traceback
from collections import Counter

import pytest
from hypothesis import HealthCheck, event, given, note, settings

from app import create_app
from tests.conftest import PASSWORD
from tests.web.form_fuzz_helpers import (
    ADMIN,
    EVALUATOR,
    RECRUITER,
    Field,
    Form,
    build_records,
    discover_forms,
    post_form,
    post_multipart,
    post_rules,
    restore,
    rule_url,
    send,
    signed_in,
    snapshot,
    submissions,
)
from tests.web.vacancy_helpers import form_data

EXAMPLES = int(os.environ.get("FORM_FUZZ_EXAMPLES", "25"))
ROLE_EXAMPLES = max(1, EXAMPLES // 2)
FRESH = "fresh"  # an empty database: the setup page exists only then
# Werkzeug leaves a file part it has spooled open when a later part of the same body is
# over MAX_FORM_MEMORY_SIZE (a 413); the garbage collector closes it, with this warning.
SPOOLED_FILE_LEFT_OPEN = "ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning"

# Who is signed in while a route is fuzzed (default: an admin of the records' organization).
SIGNED_IN_AS: dict[str, str | None] = {
    "accounts.setup": FRESH,
    "accounts.login": None,  # signed-in users are sent away from the sign-in form
    "accounts.login_code": None,
    "accounts.forgot_password": None,
    "accounts.accept_invitation": None,
    "accounts.reset_password": None,
}
# Tables a rejected submission may still change, per route, and why.
MAY_CHANGE_WHEN_REJECTED: dict[str, dict[str, str]] = {
    "accounts.login": {
        "login_failures": "every failed sign-in is counted, to throttle password guessing",
        "audit_events": "failed and throttled sign-ins are audited (login-failed/-throttled)",
    },
    "accounts.change_password": {
        "login_failures": "a wrong current password counts as a failed sign-in (throttle)",
        "audit_events": "wrong current passwords are audited as failed sign-ins",
    },
    "accounts.forgot_password": {
        "account_tokens": "the answer is the same whether a link was sent or not",
        "audit_events": "every request for a reset link is audited",
    },
}
# Routes whose form no page of the fuzzed records shows: field -> plausible values.
KNOWN_FIELDS: dict[str, dict[str, list[str]]] = {
    # The show page offers "restore" only for an archived or published vacancy.
    "vacancies.unarchive": {},
    # The notice page offers its form only for a candidate whose verdict is fail or the
    # middle one; the fuzzed candidate has none, so every post is refused (409).
    "probation.notice_page": {"format": ["pdf", "docx"], "confirm": ["y"]},
    # Only after the password step of a user with two-factor sign-in.
    "accounts.login_code": {"code": ["123456"]},
    # Only for users with two-factor sign-in (the fuzzed users have none).
    "accounts.two_factor_disable": {"password": [PASSWORD], "code": ["123456"]},
    "accounts.recovery_codes": {"code": ["123456"]},
}
# Values that make a form acceptable where its page leaves required fields empty, so that
# one hostile field in an otherwise valid submission reaches the code that stores it.
NEW_PASSWORD = "another long passphrase"


def valid_values(objects: dict) -> dict[str, dict[str, str | list[str]]]:
    vacancy = {k: v for k, v in form_data().items() if k != "valid_through"}
    return {
        "accounts.setup": {
            "organization": "Fuzz Org",
            "email": "setup@fuzz.test",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
        "accounts.login": {"email": ADMIN, "password": PASSWORD},
        "accounts.change_password": {
            "current": PASSWORD,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
        "accounts.user_new": {"email": "new@acme.test"},
        "accounts.accept_invitation": {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        "accounts.reset_password": {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        "accounts.forgot_password": {"email": RECRUITER},
        "api_tokens.index": {"name": "Fuzz ATS"},
        "catalog.override_add": {
            "add-text_ru": "Своя обязанность",
            "add-text_en": "Own duty",
            "add-category": "strategy",
            "add-roles": ["smm-manager"],
        },
        "catalog.override_reword": {
            "reword-item_id": "develop-strategy",
            "reword-text_en": "Own wording",
        },
        "catalog.override_hide": {"hide-item_id": "develop-strategy"},
        "exports.many": {"ids": [str(objects.get("vacancy_id", 0))], "format": "md"},
        "probation.add_candidate": {"name": "Fuzz Candidate"},
        "probation.add_checkin": {"name": "Extra check-in", "due_date": "2026-03-02"},
        "probation.add_item": {"title": "Fuzz task"},
        "vacancies.new": vacancy,
        "vacancies.edit": vacancy,
        "vacancies.live_check": vacancy,
    }


# Routes fuzzed again as a recruiter and as an evaluator, where the role changes the outcome.
ROLE_CASES = [
    (EVALUATOR, "probation.evaluate"),
    (EVALUATOR, "probation.actuals"),
    (EVALUATOR, "probation.add_item"),
    (EVALUATOR, "probation.edit_plan"),
    (EVALUATOR, "probation.erase_candidate"),
    (EVALUATOR, "vacancies.new"),
    (EVALUATOR, "catalog.override_add"),
    (EVALUATOR, "accounts.user_new"),
    (EVALUATOR, "api_tokens.index"),
    (RECRUITER, "api_tokens.revoke"),
    (RECRUITER, "catalog.override_reword"),
    (RECRUITER, "vacancies.edit"),
    (RECRUITER, "probation.add_candidate"),
    (RECRUITER, "probation.evaluate"),
    (RECRUITER, "accounts.user_edit"),
    (RECRUITER, "exports.many"),
]


def _endpoints() -> list[str]:
    """The fuzzed routes, read from a throwaway app when the tests are collected."""
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "collect", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    return sorted({rule.endpoint for rule in post_rules(app)})


ENDPOINTS = _endpoints()
_discovered: dict[tuple, dict[str, Form]] = {}


def forms_for(app, objects: dict, fresh: bool) -> dict[str, Form]:
    """The forms of every page (cached: the records get the same ids in every test)."""
    key = (fresh, tuple(sorted(objects.items())))
    if key not in _discovered:
        emails = [] if fresh else [ADMIN, RECRUITER, EVALUATOR]
        clients = [signed_in(app, email) for email in emails] + [app.test_client()]
        _discovered[key] = discover_forms(app, objects, clients)
    found = dict(_discovered[key])
    for endpoint, fields in KNOWN_FIELDS.items():
        if endpoint not in found:
            found[endpoint] = Form({n: Field(n, "text", v, v[:1]) for n, v in fields.items()})
    return found


class ErrorLog(logging.Handler):
    """Keep the tracebacks the app logs for unhandled errors (they become 500 pages)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record):
        if record.exc_info:
            self.seen.append("".join(traceback.format_exception(*record.exc_info)))

    def take(self) -> str:
        text, self.seen = "\n".join(self.seen), []
        return text


def _error_flashed(client) -> bool:
    with client.session_transaction() as session:
        return any(category == "error" for category, _m in session.get("_flashes", []))


def _client(app, cookie: str | None):
    client = app.test_client()
    if cookie is not None:
        client.set_cookie("session", cookie)
    return client


def run_fuzz(app, endpoint: str, who: str | None, examples: int) -> None:
    """Fuzz one route's form as one user; see the module docstring for the checks."""
    fresh = who == FRESH
    rule = next(r for r in post_rules(app) if r.endpoint == endpoint)
    objects = {} if fresh else build_records(app)
    form = forms_for(app, objects, fresh).get(endpoint)
    assert form is not None, f"no page posts to {endpoint}: add its fields to KNOWN_FIELDS"
    form = form.with_defaults(valid_values(objects).get(endpoint, {}))
    url = rule_url(rule, objects)
    user = signed_in(app, None if fresh else who)
    cookie = user.get_cookie("session")
    cookie = cookie.value if cookie is not None else None
    baseline = snapshot(app)
    ignore = MAY_CHANGE_WHEN_REJECTED.get(endpoint, {})
    errors = ErrorLog()
    app.logger.addHandler(errors)

    def check(client, response, what: str) -> str:
        body = response.get_data()
        trace = errors.take()
        client_saw_error = response.status_code in (302, 303) and _error_flashed(client)
        assert response.status_code != 500 and not trace, f"{endpoint} {what}\n{trace}"
        assert b"Traceback" not in body, f"{endpoint} showed a traceback for {what}"
        if response.mimetype == "text/html":
            assert b"<script>alert(" not in body, f"{endpoint} echoed markup for {what}"
        after = snapshot(app)
        accepted = (response.status_code in (201, 302, 303) and not client_saw_error) or (
            response.status_code == 200
            and "attachment" in response.headers.get("Content-Disposition", "")
        )
        if not accepted:
            changed = baseline.changed(after, ignore)
            assert not changed, (
                f"{endpoint} answered {response.status_code} to {what} but stored {changed}"
            )
        if after.digests != baseline.digests:
            restore(app, baseline)
        return f"{response.status_code}{' with an error message' if client_saw_error else ''}"

    try:
        # Beyond MAX_CONTENT_LENGTH: 413 with CSRF protection on, as in production (it
        # reads the form of every POST before the view, whether the view reads it or not).
        too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
        app.config["WTF_CSRF_ENABLED"] = True
        try:
            for kind, post in (("urlencoded", post_form), ("multipart", post_multipart)):
                client = _client(app, cookie)
                response = post(client, url, [("title", too_big)])
                assert response.status_code == 413, f"{endpoint}: {response.status_code}"
                check(client, response, f"a {kind} body over MAX_CONTENT_LENGTH")
        finally:
            app.config["WTF_CSRF_ENABLED"] = False

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,  # one inner test function serves every route: no shared replays
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.data_too_large,
                HealthCheck.large_base_example,
            ],
        )
        @given(submissions(form))
        def fuzz(submission):
            note(submission.describe(2000))
            client = _client(app, cookie)
            outcome = check(client, send(client, url, submission), submission.describe())
            event(outcome)
            outcomes[f"{submission.transport} {outcome}"] += 1

        outcomes: Counter[str] = Counter()
        fuzz()
        print(f"{endpoint} as {who}: {sorted(outcomes.items())}")  # shown with -s or -rP
    finally:
        app.logger.removeHandler(errors)
        gc.collect()  # while SPOOLED_FILE_LEFT_OPEN is ignored, not in a later test


@pytest.mark.slow
@pytest.mark.filterwarnings(SPOOLED_FILE_LEFT_OPEN)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_input_to_every_form(app, endpoint):
    run_fuzz(app, endpoint, SIGNED_IN_AS.get(endpoint, ADMIN), EXAMPLES)


@pytest.mark.slow
@pytest.mark.filterwarnings(SPOOLED_FILE_LEFT_OPEN)
@pytest.mark.parametrize(("who", "endpoint"), ROLE_CASES)
def test_hostile_input_by_role(app, who, endpoint):
    run_fuzz(app, endpoint, who, ROLE_EXAMPLES)


def test_every_post_route_is_fuzzed(app):
    """A POST route is fuzzed when its parameters have records and its fields are known."""
    fresh_forms = forms_for(app, {}, fresh=True)
    objects = build_records(app)
    forms = forms_for(app, objects, fresh=False)
    rules = post_rules(app)
    assert sorted({r.endpoint for r in rules}) == ENDPOINTS
    assert {e for _who, e in ROLE_CASES} <= set(ENDPOINTS)
    assert set(MAY_CHANGE_WHEN_REJECTED) | set(valid_values(objects)) <= set(ENDPOINTS)
    missing = []
    for rule in rules:
        unknown = rule.arguments - objects.keys()
        assert not unknown, f"add a record for {sorted(unknown)} (route {rule.rule})"
        found = fresh_forms if SIGNED_IN_AS.get(rule.endpoint) == FRESH else forms
        if rule.endpoint not in found:
            missing.append(f"{rule.endpoint} ({rule.rule})")
    assert not missing, (
        f"no page posts to these routes; add their fields to KNOWN_FIELDS: {missing}"
    )
    stale = set(KNOWN_FIELDS) & set(_discovered[(False, tuple(sorted(objects.items())))])
    assert not stale, f"these forms are on the pages now; drop them from KNOWN_FIELDS: {stale}"
