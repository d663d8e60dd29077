"""User Markdown -> sanitized HTML and plain text: allowed tags only, safe links, bounded cost."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.text import MAX_MARKDOWN_LINES
from app.markup import (
    ALLOWED_TAGS,
    MAX_DEPTH,
    MAX_INLINE_ELEMENTS,
    MAX_MARKDOWN_CHARS,
    markdown_to_text,
    markdown_tree,
    render_markdown,
)

TAG_RE = re.compile(r"<\s*/?\s*([a-zA-Z0-9]+)")
ATTR_RE = re.compile(r"<[a-z0-9]+((?:\s+[a-z-]+=\"[^\"]*\")*)\s*>")


def tags_of(html: str) -> set[str]:
    return {name.lower() for name in TAG_RE.findall(html)}


def depth_of(html: str) -> int:
    depth = deepest = 0
    for match in re.finditer(r"<(/?)([a-z0-9]+)", html):
        if match[2] == "br":
            continue
        depth += -1 if match[1] else 1
        deepest = max(deepest, depth)
    return deepest


def test_basic_markdown_becomes_allowed_html():
    html = render_markdown("Мы — **кофейня** *«Зерно»*.\n\n- один\n- два\n\n1. раз\n2. два")
    assert "<strong>кофейня</strong>" in html
    assert "<em>«Зерно»</em>" in html
    assert "<ul>" in html and "<ol>" in html and html.count("<li>") == 4
    assert tags_of(html) <= ALLOWED_TAGS


def test_headings_are_demoted_below_the_documents_own():
    html = render_markdown("# Большой\n\n## Средний\n\n#### Малый")
    assert "<h3>Большой</h3>" in html and "<h3>Средний</h3>" in html
    assert "<h4>Малый</h4>" in html
    assert not {"h1", "h2", "h5", "h6"} & tags_of(html)


def test_links_keep_safe_schemes_and_get_rel():
    html = render_markdown(
        "[сайт](https://zerno.example) [почта](mailto:hr@zerno.example) [http](http://x.example)"
    )
    assert html.count('rel="noopener noreferrer nofollow"') == 3
    assert 'href="https://zerno.example"' in html
    assert 'href="mailto:hr@zerno.example"' in html


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "/relative/path",
        "ftp://example.com/x",
    ],
)
def test_unsafe_or_relative_links_lose_their_address(href):
    html = render_markdown(f'[нажми]({href}) и <a href="{href}">ещё</a>')
    assert "href" not in html
    assert "нажми" in html and "ещё" in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>текст", "alert"),
        ("<style>body { display: none }</style>текст", "display"),
        ('<img src="x" onerror="alert(1)">текст', "onerror"),
        ("![x](file:///etc/passwd)текст", "passwd"),
        ('<link rel="attachment" href="file:///etc/passwd">текст', "passwd"),
        ('<iframe src="https://evil.example"></iframe>текст', "iframe"),
        ('<p style="background:url(http://127.0.0.1/)">текст</p>', "127.0.0.1"),
        ('<a href="https://ok.example" onclick="x()" class="c" id="i">текст</a>', "onclick"),
        ("<svg><script>alert(1)</script></svg>текст", "alert"),
        ("<!-- комментарий -->текст", "комментарий"),
    ],
)
def test_dangerous_markup_is_removed_and_text_survives(source, forbidden):
    html = render_markdown(source)
    assert forbidden not in html
    assert "текст" in html
    assert tags_of(html) <= ALLOWED_TAGS


def test_only_href_and_rel_attributes_survive():
    html = render_markdown(
        '<b class="x" style="color:red" title="t">жирный</b> [a](https://a.example)'
    )
    for attrs in ATTR_RE.findall(html):
        names = set(re.findall(r"([a-z-]+)=", attrs))
        assert names <= {"href", "rel"}


def test_plain_text_has_bullets_and_link_addresses():
    text = markdown_to_text(
        "Мы **кофейня**. [Сайт](https://zerno.example)\n\n- один\n- два\n    - вложенный\n\n"
        "1. раз\n2. два"
    )
    assert "<" not in text and "**" not in text
    assert "Мы кофейня. Сайт (https://zerno.example)" in text
    assert "• один\n• два\n  • вложенный" in text
    assert "1. раз\n2. два" in text


def test_empty_input_gives_empty_output():
    assert render_markdown("") == ""
    assert markdown_to_text("   \n\n ") == ""


def test_text_past_the_size_limits_renders_as_plain_paragraphs():
    """Stored before the limits were checked on save: shown, not parsed, never an error."""
    assert "<em>" in render_markdown("*x*\n" * (MAX_MARKDOWN_LINES - 1))
    long = render_markdown("*x*\n" * MAX_MARKDOWN_LINES)
    assert "<em>" not in long and long.startswith("<p>*x*<br>")
    assert render_markdown("\r" * MAX_MARKDOWN_LINES + "<b>y</b>") == "<p>&lt;b&gt;y&lt;/b&gt;</p>"
    assert len(render_markdown("x" * (MAX_MARKDOWN_CHARS + 10))) == MAX_MARKDOWN_CHARS + 7


def test_xml_invalid_characters_never_reach_the_tree():
    html = render_markdown("a &#x4; b &#1; c &#xFFFE; [x](https://e.test/&#x1;)")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", html)
    assert 'href="https://e.test/"' in html


@pytest.mark.parametrize("unit", ["*_", "*a_", "**_", "`a` "])
def test_runs_of_inline_formatting_are_bounded(unit):
    """`*_` repeated makes thousands of inline boxes that WeasyPrint lays out slowly."""
    html = render_markdown((unit * 5000)[:5000])
    assert len(re.findall("<(?:em|strong|code|a)>", html)) <= MAX_INLINE_ELEMENTS


@pytest.mark.parametrize(
    "source",
    [
        ">" * 10_000 + " глубоко",
        "\n".join(">" * i + " x" for i in range(1, 150)),
        "\n".join("    " * i + "- x" for i in range(95)),
        "<ul><li>" * 2_400 + "x",
        "<blockquote>" * 1_600 + "x",
        "1. " * 6_000,
        "- " * 9_000,
    ],
    ids=["blockquote-10000", "blockquote-lines", "list-indent", "raw-ul", "raw-quote",
         "ol-markers", "ul-markers"],
)  # fmt: skip
def test_deep_nesting_is_flattened_quickly(source):
    started = time.perf_counter()
    html = render_markdown(source)
    assert time.perf_counter() - started < 2
    assert depth_of(html) <= MAX_DEPTH


@pytest.mark.parametrize(
    "unit", ["[", "[a](", "![", "[^", "<a ", "<![CDATA[", "[a][", "\n\n<a ", "\n- ", "<"]
)
def test_pathological_inputs_render_fast(unit):
    source = (unit * (MAX_MARKDOWN_CHARS // len(unit)))[:MAX_MARKDOWN_CHARS]
    source = "\n".join(source.split("\n")[: MAX_MARKDOWN_LINES - 1])
    started = time.perf_counter()
    render_markdown(source)
    assert time.perf_counter() - started < 1.5


def test_tree_and_html_agree():
    tree = markdown_tree("**a** [b](https://b.example)")
    assert tree[0].tag == "p"
    assert [child.tag for child in tree[0].children] == ["strong", "", "a"]


HOSTILE_PIECES = [*'ab <>/"\'=:;[]()!*_`#->\n&', "script", "onerror=", "javascript:",
    "<a href=", "<img src=", "<style>", "<p>", "</p>", "<li>", "<script>", "data:",
    "http://127.0.0.1/", "&#106;avascript:"]  # fmt: skip


class TagCollector(HTMLParser):
    """The real tags and attributes of an HTML fragment (text that looks like a tag is not one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE_PIECES), max_size=80))
def test_any_input_yields_only_allowed_tags_and_safe_hrefs(parts):
    html = render_markdown("".join(parts))
    collector = TagCollector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= ({"href", "rel"} if tag == "a" else set())
        if "href" in attrs:
            assert (attrs["href"] or "").split(":", 1)[0].lower() in {"http", "https", "mailto"}
