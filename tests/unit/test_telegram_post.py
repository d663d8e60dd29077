"""The Telegram post: Telegram's HTML subset only, at most 4,096 characters a message,
split at paragraph, line or word boundaries into numbered parts, text escaped."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from app.exports import render
from app.exports.telegram import (
    MESSAGE_MAX,
    TAGS,
    hashtags,
    render_telegram,
    split_post,
    telegram_parts,
)
from tests.samples import sample_document_en, sample_document_ru


class _Checker(HTMLParser):
    """Collects tags and text; fails on unbalanced tags or unknown attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)
        names = [name for name, _ in attrs]
        if names != (["href"] if tag == "a" else []):
            self.problems.append(f"attributes {names} on <{tag}>")
        if tag == "a" and not dict(attrs)["href"].startswith(("https://", "http://")):
            self.problems.append("link scheme")

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_data(self, data):
        self.text.append(data)


def check(part: str) -> _Checker:
    checker = _Checker()
    checker.feed(part)
    checker.close()
    assert not checker.problems, checker.problems
    assert not checker.stack, f"left open: {checker.stack}"
    assert set(checker.tags) <= TAGS, set(checker.tags) - TAGS
    # Every & < > in text is escaped: stripping the tags leaves no raw markup characters.
    bare = re.sub(r"</?[a-z]+(?: href=\"[^\"]*\")?>", "", part)
    assert "<" not in bare and ">" not in bare
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", bare)
    return checker


def words_of(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("make", [sample_document_ru, sample_document_en])
def test_sample_posts_are_one_valid_message(make):
    doc = make()
    parts = telegram_parts(doc)
    assert len(parts) == 1 and len(parts[0]) <= MESSAGE_MAX
    checker = check(parts[0])
    text = "".join(checker.text)
    assert doc.title in text and doc.organization in text
    assert "<b>" in parts[0] and "<a href=" in parts[0]
    assert "#smm" in text


def test_hashtags_are_short_and_safe():
    assert hashtags(sample_document_ru()) == ["#вакансия", "#smm", "#гибрид", "#СанктПетербург"]
    remote = dataclasses.replace(sample_document_ru(), workplace="remote", location="Москва")
    assert hashtags(remote) == ["#вакансия", "#smm", "#удалённо", "#Москва"]
    en = sample_document_en()
    assert hashtags(en) == ["#vacancy", "#smm", "#remote", "#Belgrade"]
    odd = dataclasses.replace(en, location="<script>&, 12th floor")
    assert hashtags(odd) == ["#vacancy", "#smm", "#remote"]
    for tag in hashtags(dataclasses.replace(en, location="Нижний Новгород")):
        assert re.fullmatch(r"#[0-9A-Za-zА-Яа-яЁё_]+", tag)


def test_text_is_escaped():
    doc = dataclasses.replace(
        sample_document_ru(),
        title="SMM <b>&</b> PR",
        duties=("Считать ROI > 0 & CPC < 10 ₽", "<script>alert(1)</script>"),
    )
    (part,) = telegram_parts(doc)
    check(part)
    assert "SMM &lt;b&gt;&amp;&lt;/b&gt; PR" in part
    assert "ROI &gt; 0 &amp; CPC &lt; 10" in part
    assert "<script>" not in part


def test_a_vacancy_longer_than_a_message_is_split_into_numbered_parts():
    duties = tuple(
        f"Обязанность {i}: писать посты, отвечать гостям и считать охваты & вовлечённость"
        for i in range(200)
    )
    doc = dataclasses.replace(sample_document_ru(), duties=duties)
    parts = telegram_parts(doc)
    assert len(parts) >= 3
    original_words = []
    for number, part in enumerate(parts, start=1):
        assert len(part) <= MESSAGE_MAX
        assert part.startswith(f"{number}/{len(parts)}\n")
        checker = check(part.split("\n", 1)[1])
        original_words += words_of("".join(checker.text))
    (whole,) = split_post_whole(doc)
    assert original_words == words_of(whole)  # no word cut, lost or repeated
    # A list is split between its lines: every part but the last ends a whole duty.
    for part in parts[1:-1]:
        assert part.rstrip().endswith(("вовлечённость", "</b>"))


def split_post_whole(doc):
    """The post as one unlimited message, as text."""
    from app.exports.telegram import post_paragraphs

    (whole,) = split_post(post_paragraphs(doc), limit=10**9)
    return ["".join(check(whole).text)]


def test_bold_open_across_a_split_is_closed_and_reopened():
    long_bold = "**" + " ".join(f"слово{i}" for i in range(1500)) + "**"
    doc = dataclasses.replace(sample_document_ru(), intro_md=long_bold)
    parts = telegram_parts(doc)
    assert len(parts) >= 3
    for part in parts:
        assert len(part) <= MESSAGE_MAX
        check(part.split("\n", 1)[1])
    texts = ["".join(check(p.split("\n", 1)[1]).text) for p in parts]
    joined = words_of(" ".join(texts))
    numbered = [w for w in joined if not re.fullmatch(r"\d+/\d+", w)]
    assert [w for w in numbered if w.startswith("слово")] == [f"слово{i}" for i in range(1500)]


def test_a_long_word_moves_whole_to_the_next_part():
    word = "о" * 1500
    paragraphs = [[_t("а " * 1600)], [_t(word)]]
    parts = split_post(paragraphs)
    assert len(parts) == 2
    assert word in parts[1] and word not in parts[0]
    assert all(len(p) <= MESSAGE_MAX for p in parts)


def test_a_word_longer_than_a_message_is_the_only_thing_cut():
    word = "&" * 3000  # escaped, 5 characters each: 15,000 characters of HTML
    parts = split_post([[_t("Начало.")], [_t(word)], [_t("Конец.")]])
    assert all(len(p) <= MESSAGE_MAX for p in parts)
    bodies = [p.split("\n", 1)[1] for p in parts]
    for body in bodies:
        check(body)
        assert "&amp" not in body.replace("&amp;", "")  # no entity cut in half
    text = "".join("".join(check(b).text) for b in bodies)
    assert text.replace("\n", "").replace(" ", "") == "Начало." + "&" * 3000 + "Конец."


def _t(value):
    from app.exports.telegram import Token

    return Token("text", value)


def test_download_format():
    doc = sample_document_ru()
    data = render(doc, "telegram")
    assert data.decode() == render_telegram(doc)
    assert data.decode().startswith("<b>SMM-менеджер</b>")
