"""A third interface language is one .po file and one line of configuration.

The test generates a pseudo-locale ("eo"): every msgid of the Russian catalog, its letters
swapped for accented look-alikes («Šîĝñ îñ»), placeholders and markup kept. With
LANGUAGES extended by "eo" and its catalog directory added, the app's pages (found by
following links from the home page, as a signed-in admin with a vacancy, a trial plan,
ratings and a candidate) must show no untranslated interface text: every word of plain
ASCII letters on a page must come from data (the vacancy, the catalog's English content,
names typed in) rather than from the code.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.extensions import db
from tests.conftest import app_on, login, make_user
from tests.web.api_helpers import bearer, create_plan, create_vacancy, token_for
from tests.web.vacancy_helpers import form_data

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "app/translations/ru/LC_MESSAGES/messages.po"
PSEUDO = "eo"
_SWAP = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "áƀçđéƒĝĥîĵķĺɱñöþʠŕšŧûṽŵẋýžÁƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
        strict=True,
    )
)
# Placeholders, tags, entities and URLs keep their letters.
_KEEP = re.compile(r"%\(\w+\)[sdf]|%%|<[^>]*>|&\w+;|https?://\S+|\{[^}]*\}")


def pseudo(text: str) -> str:
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append("".join(_SWAP.get(c, c) for c in text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append("".join(_SWAP.get(c, c) for c in text[last:]))
    return "".join(out)


def write_pseudo_catalog(directory: Path) -> None:
    with PO.open("rb") as fh:
        source = read_po(fh)
    catalog = Catalog(locale=PSEUDO)
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, str):
            catalog.add(message.id, pseudo(message.id))
        else:
            singular, plural = message.id
            catalog.add(message.id, (pseudo(singular), pseudo(plural)))
    folder = directory / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as fh:
        write_mo(fh, catalog)


class _VisibleText(HTMLParser):
    """Text a reader sees, and the attributes they read (title, placeholder, alt, aria)."""

    SKIP = frozenset({"script", "style", "code", "pre", "textarea"})
    READ = frozenset({"title", "placeholder", "alt", "aria-label"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in self.READ and value:
                self.parts.append(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button"):
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data)


def wtforms_messages() -> re.Pattern:
    """WTForms' own messages ("Not a valid choice."): they come from WTForms' catalogs,
    which have 30-odd languages of their own (not the pseudo one)."""
    from wtforms.i18n import messages_path

    with (Path(messages_path()) / "wtforms.pot").open("rb") as fh:
        ids = [e.id if isinstance(e.id, str) else e.id[0] for e in read_po(fh) if e.id]
    patterns = [re.sub(r"%\\\(\w+\\\)[sd]", ".*?", re.escape(i)) for i in ids]
    return re.compile("|".join(sorted(patterns, key=len, reverse=True)))


# Words in plain ASCII letters (English left in the code) or in Cyrillic (Russian left in
# the code); the pseudo-locale's own words have accented letters and match neither.
ASCII_WORD = re.compile(r"(?<![\w@.\-/])([A-Za-z]{3,}|[А-Яа-яЁё]{2,})(?![\w@\-/])")


def ascii_words(text: str) -> set[str]:
    return {word.lower() for word in ASCII_WORD.findall(text)}


def data_words(app) -> set[str]:
    """Words that are data, not interface: the catalog's English content, the brand, the
    networks, the names and texts the test typed."""
    from app.domain.catalog.model import Text

    # The product's name, file formats, currencies, the organization, language names, the
    # token's name and web addresses.
    words = ascii_words(
        "SMM Hiring Desk API JSON PDF DOCX Markdown CSV TXT Word RUB USD EUR KZT BYN UAH "
        "Acme English Esperanto Русский tests http https"
    )
    from app.catalog.service import base_catalog

    with app.app_context():
        catalog = base_catalog()
    seen: set[int] = set()

    def walk(value):
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, Text):
            words.update(ascii_words(value.en) | ascii_words(value.ru))
        elif isinstance(value, str):
            words.update(ascii_words(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name, None))
        elif hasattr(value, "_fields"):
            for item in value:
                walk(item)

    walk(catalog)
    # A vacancy's documents are in the vacancy's own language (Russian here), labels too.
    from app.exports import labels

    walk([labels.SECTIONS, labels.FACTS, labels.VALUES, labels.PERIODS, labels.GROSS])
    walk(getattr(labels, "GOAL_DIRECTIONS", {}))
    # Russian examples inside English message ids («Казань, ул. Баумана, 12») are the
    # translator's to keep or change.
    with PO.open("rb") as fh:
        for entry in read_po(fh):
            for text in entry.id if isinstance(entry.id, tuple) else (entry.id,):
                words.update(w for w in ascii_words(text) if not w.isascii())
    return words


def is_data(word: str, allowed: set[str]) -> bool:
    """A word of data, or (Cyrillic) a piece of one: long titles are cut («продвиже…»)
    and PDF lines hyphenate."""
    if word in allowed:
        return True
    return not word.isascii() and any(word in known for known in allowed if not known.isascii())


@pytest.fixture
def pseudo_app(database_url, tmp_path):
    # One translations folder, as a deployment adding a language has: the shipped Russian
    # catalog beside the generated one. (Flask-Babel merges several folders into one catalog
    # and loses the plural rule on the way, and its catalogs are kept per process by
    # locale, so a second folder would also change the Russian plurals of later tests.)
    folder = tmp_path / "translations"
    shutil.copytree(ROOT / "app/translations/ru", folder / "ru")
    write_pseudo_catalog(folder)
    yield from app_on(
        database_url,
        tmp_path,
        LANGUAGES=("ru", "en", PSEUDO),
        BABEL_TRANSLATION_DIRECTORIES=str(folder),
    )


# The API reference (/api/docs/) is written for developers, in English.
# The API reference (/api/docs/) is written for developers, in English.
SKIP_LINKS = re.compile(r"^/(static/|logout|language|api/v1/|api/docs)")
DOWNLOAD = re.compile(r"\.(pdf|docx|md|txt)(\?|$)")


def _shape(url: str) -> str:
    """Pages of one kind (catalog items, vacancies by id): a few of each are enough."""
    path, _, query = url.partition("?")
    path = re.sub(r"\d+", "N", path)
    parts = path.rstrip("/").split("/")
    if len(parts) > 3:
        parts[-1] = "*"
    return "/".join(parts) + ("?" + re.sub(r"=[^&]*", "=", query) if query else "")


def crawl(client, start: str, per_shape: int = 2) -> tuple[dict[str, str], dict[str, bytes]]:
    """Pages (HTML) and downloads (PDF, DOCX, Markdown, text) linked from `start`."""
    pages: dict[str, str] = {}
    downloads: dict[str, bytes] = {}
    shapes: dict[str, int] = {}
    queue = [start]
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200:
            pages[url] = ""
            continue
        if "text/html" not in response.content_type:
            downloads[url] = response.get_data()
            continue
        html = response.get_data(as_text=True)
        pages[url] = html
        for link in re.findall(r'href="(/[^"#]*)"', html):
            link = link.replace("&amp;", "&")
            if SKIP_LINKS.match(link) or link in pages or link in downloads or link in queue:
                continue
            shape = _shape(link)
            if shapes.get(shape, 0) >= per_shape:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            queue.append(link)
    return pages, downloads


def download_text(url: str, data: bytes) -> str:
    if data.startswith(b"%PDF"):
        from tests.pdf_words import pdf_pages

        return " ".join(w.text for page in pdf_pages(data) for w in page.words)
    if data.startswith(b"PK"):
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
            xml = " ".join(archive.read(n).decode("utf-8") for n in names)
        return " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    return data.decode("utf-8", "replace")


def test_a_pseudo_locale_leaves_no_interface_text_untranslated(pseudo_app):
    app = pseudo_app
    client = app.test_client()
    headers = bearer(token_for(app, "rec@acme.test", "recruiter", "Acme"))
    vacancy = create_vacancy(
        client,
        headers,
        title="SMM-менеджер",
        custom={
            "duties": ["SEO-оптимизация сайта", "Рассылки по базе клиентов"],
            "requirements": ["Опыт от 1 года"],
        },
    )
    plan = create_plan(client, headers, vacancy["id"])
    candidate = client.post(
        f"/api/v1/trial-plans/{plan['id']}/candidates", json={"name": "Анна"}, headers=headers
    )
    assert candidate.status_code == 201, candidate.get_json()
    make_user(app, "admin@acme.test", "admin", "Acme")
    # Catalog changes the catalog cannot take any more: the overrides page says why.
    overrides = (
        ("reword", "no-longer-here", {"text_ru": "Что-то", "text_en": "Something"}),
        ("extend", "seo", {"terms": ["x"]}),
    )
    from app.accounts.models import Organization
    from app.catalog.models import CatalogOverride

    with app.app_context():
        org = db.session.execute(db.select(Organization)).scalars().one()
        for action, item_id, data in overrides:
            db.session.add(
                CatalogOverride(
                    organization_id=org.id, kind="duty", action=action, item_id=item_id, data=data
                )
            )
        db.session.commit()
    assert login(client, "admin@acme.test").status_code == 302
    assert client.post("/language", data={"lang": PSEUDO, "next": "/"}).status_code == 302

    pages, downloads = crawl(client, "/")
    shown = {url: html for url, html in pages.items() if html}
    assert len(shown) >= 40, sorted(pages)
    assert any("/probation/candidates/" in url for url in shown), sorted(shown)
    print(len(shown), sorted(shown), sorted(downloads))
    assert f'lang="{PSEUDO}"' in shown["/"]
    posting = (
        "SMM-менеджер\n\nОбязанности:\n- ведение соцсетей\n- SEO-оптимизация сайта\n"
        "Требования:\n- девушка до 30 лет\n- опыт от года\nЗарплата по договорённости"
    )
    analyzed = client.post("/vacancies/analyze", data={"text": posting, "action": "analyze"})
    assert analyzed.status_code == 200
    shown["/vacancies/analyze (POST)"] = analyzed.get_data(as_text=True)
    # Forms refused with their messages beside the fields.
    refused = {
        "/vacancies/new": form_data(
            salary_from="сто", salary_to="10", custom_duties="x" * 600, title=""
        ),
        f"/probation/plans/{plan['id']}/items/new": {
            "kind": "kpi", "title": "", "weight": "9", "target": "-1", "unit": "", "direction": ""
        },
        f"/probation/vacancies/{vacancy['id']}/new": {
            "title": "", "period_months": "12", "pass_threshold": "200", "start_date": "1990-01-01"
        },
    }  # fmt: skip
    for url, data in refused.items():
        response = client.post(url, data=data)
        assert response.status_code in (200, 400, 422), (url, response.status_code)
        shown[f"{url} (refused)"] = response.get_data(as_text=True)
    # What the test typed or the app made of it (the vacancy, its plan, the pasted text).
    typed = json.dumps(
        [vacancy, plan, posting, list(refused.values()), overrides, "Анна"], ensure_ascii=False
    )
    allowed = data_words(app) | ascii_words(typed)
    untranslated: dict[str, set[str]] = {}
    library = wtforms_messages()
    for url, html in shown.items():
        parser = _VisibleText()
        parser.feed(html)
        parts = [library.sub(" ", part) for part in parser.parts]
        words = {w for part in parts for w in ascii_words(part) if not is_data(w, allowed)}
        if words:
            untranslated[url] = words
    for url, data in downloads.items():
        words = {w for w in ascii_words(download_text(url, data)) if not is_data(w, allowed)}
        if words:
            untranslated[url] = words
    assert not untranslated, "\n".join(f"{url}: {sorted(w)}" for url, w in untranslated.items())
