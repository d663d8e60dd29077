"""What the form fuzz shares: the records it runs against, table snapshots, form discovery
(the `<form>`s of every page), and the hypothesis strategies of hostile values.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from tests.conftest import login, make_user
from tests.web.test_isolation import org_objects

ADMIN = "owner@acme.test"  # an admin of Acme (made by org_objects)
RECRUITER = "victim@acme.test"  # a recruiter of Acme, owner of the API token
EVALUATOR = "eva@acme.test"  # an evaluator of Acme, assigned to the trial plan
SKIP_ENDPOINTS = {"static"}
API_ENDPOINTS = "api."  # the JSON API has its own Schemathesis fuzz (test_api_fuzz.py)
# GET pages that are files, not HTML: they hold no forms, so discovery does not fetch them.
NOT_PAGES = {
    "exports.vacancy",
    "probation.report",
    "probation.ratings_export",
    "main.healthz",
    "api_docs.index",
}


# --- the records -----------------------------------------------------------------------


def build_records(app) -> dict:
    """One record of every kind in Acme (as the isolation test makes them), plus an
    evaluator assigned to the trial plan; map route parameters to ids."""
    from app.accounts.models import User
    from app.extensions import db
    from app.probation.evaluators import set_evaluators
    from app.probation.models import TrialPlan

    objects = org_objects(app)
    make_user(app, EVALUATOR, "evaluator", "Acme")
    with app.app_context():
        evaluator = db.session.execute(select(User).filter_by(email=EVALUATOR)).scalar_one()
        set_evaluators(db.session.get(TrialPlan, objects["plan_id"]), [evaluator.id])
        db.session.commit()
    return objects


def rule_url(rule, objects: dict) -> str:
    """The rule's path with every parameter filled from objects."""
    url = rule.rule
    for name in rule.arguments:
        url = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(objects[name]), url)
    return url


def post_rules(app) -> list:
    """Every rule that takes a POST, except the JSON API and static files."""
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or ())
        and rule.endpoint not in SKIP_ENDPOINTS
        and not rule.endpoint.startswith(API_ENDPOINTS)
    ]
    return sorted(rules, key=lambda r: r.endpoint)


def signed_in(app, email: str | None):
    """A test client, signed in as email (anonymous for None)."""
    client = app.test_client()
    if email is not None:
        response = login(client, email)
        assert response.status_code == 302, f"sign-in as {email}: {response.status_code}"
    return client


# --- snapshots of every table ----------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    counts: dict[str, int]
    digests: dict[str, str]
    rows: dict[str, list[dict]]

    def changed(self, other: Snapshot, ignore=frozenset()) -> dict[str, str]:
        """Tables whose rows differ (count or content), with their row counts."""
        return {
            name: f"{self.counts[name]} -> {other.counts[name]} rows"
            for name in self.digests
            if name not in ignore and self.digests[name] != other.digests[name]
        }


def snapshot(app) -> Snapshot:
    """Row counts, a content hash and the rows of every table (ordered by primary key)."""
    from app.extensions import db

    counts, digests, rows = {}, {}, {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            found = (
                db.session.execute(select(table).order_by(*table.primary_key.columns))
                .mappings()
                .all()
            )
            counts[table.name] = len(found)
            digests[table.name] = hashlib.sha256(
                repr([tuple(row.items()) for row in found]).encode()
            ).hexdigest()
            rows[table.name] = [dict(row) for row in found]
        db.session.rollback()
    return Snapshot(counts, digests, rows)


def restore(app, baseline: Snapshot) -> None:
    """Put every table back to the baseline rows (same ids) and drop derived caches."""
    from app import caches
    from app.extensions import db

    with app.app_context():
        tables = db.metadata.sorted_tables
        for table in reversed(tables):
            db.session.execute(table.delete())
        for table in tables:
            if baseline.rows[table.name]:
                db.session.execute(table.insert(), baseline.rows[table.name])
        db.session.commit()
    # The merged catalog is cached per organization and catalog version; a restored
    # version number may otherwise meet a catalog cached from a discarded change.
    caches.clear("catalog.organizations")
    app.extensions.pop("smm.setup_done", None)


# --- form discovery --------------------------------------------------------------------


@dataclass
class Field:
    """One submitted name: its widget, the values the page offers, what a browser sends."""

    name: str
    kind: str
    values: list[str] = field(default_factory=list)
    default: list[str] = field(default_factory=list)

    def merge(self, other: Field) -> None:
        for value in other.values:
            if value not in self.values:
                self.values.append(value)
        if not self.default:
            self.default = list(other.default)


@dataclass
class Form:
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, new: Field) -> None:
        if new.name in self.fields:
            self.fields[new.name].merge(new)
        else:
            self.fields[new.name] = new

    def with_defaults(self, values: dict[str, str | list[str]]) -> Form:
        """A copy that sends these values by default (they become offered values, too)."""
        copy = Form(
            {
                n: Field(f.name, f.kind, list(f.values), list(f.default))
                for n, f in self.fields.items()
            }
        )
        for name, value in values.items():
            assert name in copy.fields, f"{name} is not a field of the form any more"
            item = copy.fields[name]
            item.default = list(value) if isinstance(value, list) else [value]
            item.values += [v for v in item.default if v not in item.values]
        return copy


class FormParser(HTMLParser):
    """Collect the POST forms of a page: their targets and the names they submit.

    A form's `data-check-url` (the live check) counts as a second target of the same fields.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[list[str], Form]] = []
        self._targets: list[str] | None = None
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._option_text = ""
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._targets = [a.get("action", "")]
                if a.get("data-check-url"):
                    self._targets.append(a["data-check-url"])
                self._form = Form()
            return
        if tag == "option" and self._select is not None:
            self._option, self._option_text = a, ""
            return
        if self._form is None or a.get("name", "csrf_token") == "csrf_token":
            return  # the tests run without CSRF; a token is one of the EXTRA_KEYS
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio"):
                default = [value] if "checked" in a else []
            elif kind in ("submit", "image", "reset", "button", "file"):
                default = []
            else:
                default = [value]
            self._form.add(Field(name, kind, [value] if value else [], default))
        elif tag == "button":
            value = a.get("value", "")
            self._form.add(Field(name, "button", [value], []))
        elif tag == "select":
            kind = "select-multiple" if "multiple" in a else "select"
            self._select = Field(name, kind)
        elif tag == "textarea":
            self._textarea = Field(name, "textarea", [], [""])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.default[0] += data
        if self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option.get("value", self._option_text.strip())
            self._select.values.append(value)
            if "selected" in self._option:
                self._select.default.append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._select.default and self._select.kind == "select" and self._select.values:
                self._select.default = [self._select.values[0]]
            if self._form is not None:
                self._form.add(self._select)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the line break right after <textarea>.
            text = self._textarea.default[0]
            self._textarea.default[0] = (
                text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            )
            if self._textarea.default[0]:
                self._textarea.values.append(self._textarea.default[0])
            if self._form is not None:
                self._form.add(self._textarea)
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append((self._targets or [""], self._form))
            self._form, self._targets = None, None


def page_forms(app, html: str, page_url: str) -> dict[str, Form]:
    """The POST forms of one page, by the endpoint they submit to."""
    parser = FormParser()
    parser.feed(html)
    adapter = app.url_map.bind("localhost")
    found: dict[str, Form] = {}
    for targets, form in parser.forms:
        for target in targets:
            path = urlsplit(urljoin(page_url, target)).path
            try:
                endpoint, _args = adapter.match(path, method="POST")
            except (HTTPException, RequestRedirect):
                continue
            found.setdefault(endpoint, Form())
            for item in form.fields.values():
                found[endpoint].add(
                    Field(item.name, item.kind, list(item.values), list(item.default))
                )
    return found


def discover_forms(app, objects: dict, clients) -> dict[str, Form]:
    """Fetch every HTML page of the app as each client and collect the forms on them."""
    forms: dict[str, Form] = {}
    pages = [
        rule
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and rule.endpoint not in SKIP_ENDPOINTS | NOT_PAGES
        and not rule.endpoint.startswith(API_ENDPOINTS)
        and rule.arguments <= objects.keys()
    ]
    for client in clients:
        for rule in pages:
            url = rule_url(rule, objects)
            response = client.get(url)
            if response.status_code == 200 and response.mimetype == "text/html":
                for endpoint, form in page_forms(app, response.get_data(as_text=True), url).items():
                    target = forms.setdefault(endpoint, Form())
                    for item in form.fields.values():
                        target.add(item)
            response.close()
    return forms


# --- hostile values --------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """A file part sent where the form expects text (or where it expects a file)."""

    data: bytes
    filename: str
    mimetype: str


CONTROLS = (
    "\x00\x01\x07\x08\t\n\r\x0b\x0c\x1b\x7f\x85\x9f"
    "\u200b\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ufffe\uffff"
)
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% raw %}",
    "${7*7}",
    "<!--",
    "]]>",
    "&#0;&lt;&amp;",
    "[x](javascript:alert(1))",
    "![x](http://evil.test/x.png)",
    "# " + "#" * 200,
]
SQL = [
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "' UNION SELECT password_hash FROM users --",
    "%",
    "_",
    "\\",
    "'",
]
NUMBERS = [
    "1e309",
    "sNaN",
    "-sNaN",
    "Infinity",
    "1e999999999",
    "1e-999999999",
    "-1e309",
    "1e-400",
    "-0",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "0x10",
    "1_000",
    "1,5",
    " 7 ",
    "+5",
    "٣",
    "²",
    "9" * 30,
    "-9223372036854775809",
    "9223372036854775808",
    "18446744073709551616",
    "1" * 5000,
    "0",
    "-1",
    "3.5",
    "1e9",
]
DATES = [
    "9999-99-99",
    "0000-00-00",
    "2024-02-30",
    "1900-01-01",
    "9999-12-31",
    "0001-01-01",
    "2026-13-01",
    "2026-1-1",
    "20260101",
    "2026-01-01T00:00",
    "-2026-01-01",
    "2026-01-01\x00",
    "99999-01-01",
    "yesterday",
]
FRAGMENTS = [
    *MARKUP,
    *SQL,
    *NUMBERS,
    *DATES,
    *["", " ", "\x00", "\n", "\r\n", "\u202e", "on", "true", "null"],
]
# Keys that are not fields of any form: ids, roles and other names an attacker might try.
EXTRA_KEYS = [
    "id",
    "organization_id",
    "user_id",
    "role",
    "active",
    "version",
    "confirm",
    "action",
    "csrf_token",
    "next",
    "__proto__",
    "kind[]",
]

utf8 = st.characters(codec="utf-8")
tricky = st.sampled_from(CONTROLS + "<>\"'&;%_\\/`$#{}[]()*=+-.,0123456789ёЖ€😀\U0010fffd")


def _stretch(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def long_text() -> st.SearchStrategy[str]:
    """10k to 200k characters (generated by repetition: hypothesis draws the unit)."""
    unit = st.one_of(
        st.text(utf8, min_size=1, max_size=8),
        st.sampled_from([f for f in FRAGMENTS if f]),
    )
    return st.builds(_stretch, unit, st.integers(10_000, 200_000))


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(tricky, max_size=40),
        st.text(utf8, max_size=40),
        st.builds(lambda a, b: a + b, st.text(utf8, max_size=20), st.sampled_from(FRAGMENTS)),
        st.integers(-(10**30), 10**30).map(str),
        st.floats().map(repr),
        st.builds(
            "{:04d}-{:02d}-{:02d}".format,
            st.integers(0, 9999),
            st.integers(0, 99),
            st.integers(0, 99),
        ),
        long_text(),
    )


def hostile_for(item: Field) -> st.SearchStrategy[str]:
    """Hostile text; a number or date field gets numbers and dates that are not, more often."""
    wrong = {"number": NUMBERS, "date": DATES}.get(item.kind)
    return st.one_of(st.sampled_from(wrong), hostile_text()) if wrong else hostile_text()


def uploads() -> st.SearchStrategy[Upload]:
    return st.builds(
        Upload,
        st.one_of(
            st.binary(max_size=64),
            st.sampled_from(
                [
                    b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,
                    b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><svg>&a;</svg>',
                    "Привет".encode("cp1251"),
                ]
            ),
        ),
        st.sampled_from(["x.png", "../../etc/passwd", "", "a\x00b.svg", "логотип.svg"]),
        st.sampled_from(["image/png", "image/svg+xml", "text/plain", "application/x-evil"]),
    )


def plausible(item: Field) -> st.SearchStrategy[str]:
    """Values that pass a browser's own checks: offered options, or ordinary input."""
    if item.values:
        return st.sampled_from(item.values)
    if item.kind == "file":
        return uploads()
    return {
        "date": st.dates().map(lambda d: d.isoformat()),
        "number": st.sampled_from(["1", "3", "50", "75", "0.5", "1000"]),
        "email": st.sampled_from(["fuzz@acme.test", "new.person@acme.test"]),
        "password": st.sampled_from(["correct horse battery staple", "another long passphrase"]),
    }.get(item.kind, st.sampled_from(["Fuzz text", "Проверка", "x"]))


OMIT = object()


def _insert(value: str, bit: str, at: int) -> str:
    at %= len(value) + 1
    return value[:at] + bit + value[at:]


@st.composite
def field_values(draw, item: Field):
    """What one changed field sends: mostly one value, sometimes none, several or a file."""
    one = st.one_of(plausible(item), hostile_for(item))
    if item.kind != "file":  # a valid value with something hostile in it
        bit = st.one_of(
            st.sampled_from(["\n", "\r\n", "\x00", "\u202e"]),  # the usual suspects
            st.sampled_from(list(CONTROLS)),
            st.sampled_from(FRAGMENTS),
        )
        one |= st.builds(_insert, plausible(item), bit, st.integers(0, 300))
    shape = draw(st.integers(0, 9))  # shrinks towards one value
    if shape <= 5:
        return [draw(one)]
    if shape == 6:
        return OMIT
    if shape <= 8:
        return draw(st.lists(one, min_size=2, max_size=4))  # the key repeated
    return [draw(uploads())]


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(utf8, max_size=20),
    st.sampled_from(FRAGMENTS),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@dataclass(frozen=True)
class Submission:
    """One request body: urlencoded or multipart pairs, or a JSON document."""

    transport: str
    pairs: tuple = ()
    document: object = None

    def describe(self, limit: int = 300) -> str:
        shown = repr(self.pairs if self.transport != "json" else self.document)
        return f"{self.transport}: {shown[:limit]}{'…' if len(shown) > limit else ''}"


@st.composite
def _pairs(draw, form: Form) -> tuple:
    """A few fields changed (or all of them), the others as the page sends them."""
    names = sorted(form.fields)
    if draw(st.integers(0, 3)) == 3:
        changed = names
    else:
        changed = draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else []
    pairs = []
    for name in names:
        values = draw(field_values(form.fields[name])) if name in changed else None
        if values is not OMIT:
            pairs.extend(
                (name, v) for v in (form.fields[name].default if values is None else values)
            )
    extra = draw(
        st.dictionaries(
            st.one_of(st.sampled_from(EXTRA_KEYS + names), st.text(utf8, min_size=1, max_size=12)),
            hostile_text(),
            max_size=2,
        )
    )
    return (*pairs, *extra.items())


def submissions(form: Form) -> st.SearchStrategy[Submission]:
    """Bodies for a form: fields as the page sends them, hostile, omitted, repeated, files;
    urlencoded, multipart, or JSON of any shape."""
    names = sorted(form.fields)
    document = st.one_of(
        st.fixed_dictionaries(
            {
                name: st.one_of(
                    st.just(form.fields[name].default[0] if form.fields[name].default else ""),
                    json_values,
                )
                for name in names
            }
        ),
        json_values,  # not an object at all: a list, a number, a string, null
    )
    transport = st.sampled_from(["form", "form", "form", "multipart", "multipart", "json"])
    return transport.flatmap(
        lambda t: (
            document.map(lambda d: Submission(t, document=d))
            if t == "json"
            else _pairs(form).map(lambda p: Submission(_transport(t, p), p))
        )
    )


def _transport(wanted: str, pairs: tuple) -> str:
    return "multipart" if any(isinstance(v, Upload) for _k, v in pairs) else wanted


def post_multipart(client, url: str, pairs):
    """POST pairs as multipart/form-data, encoded in memory (the test client would spool a
    large body to a temporary file that it never closes)."""
    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import encode_multipart

    values = MultiDict(
        [
            (
                k,
                FileStorage(io.BytesIO(v.data), filename=v.filename, content_type=v.mimetype)
                if isinstance(v, Upload)
                else v,
            )
            for k, v in pairs
        ]
    )
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def send(client, url: str, submission: Submission):
    """POST the submission the way a browser (or a script) would."""
    if submission.transport == "json":
        return client.post(url, json=submission.document)
    files = any(isinstance(v, Upload) for _k, v in submission.pairs)
    if submission.transport == "multipart" or files:
        return post_multipart(client, url, submission.pairs)
    return post_form(client, url, submission.pairs)


def post_form(client, url: str, pairs):
    """POST pairs urlencoded; a repeated key is sent once per value."""
    from werkzeug.datastructures import MultiDict

    return client.post(url, data=MultiDict(list(pairs)))
