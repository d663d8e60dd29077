"""Which catalog items an employer's own line is about (pure: no Flask, no SQLAlchemy).

A line and a catalog item are compared by the content words they share, read as lemmas
(`app.domain.catalog.morph.tokenize`), so «Составление контент-плана на месяц» meets «Составлять
контент-план на месяц вперёд…». Both languages of an item are read. Function words and
pronouns are dropped; words that frame a line in every vacancy («опыт», «умение»,
"experience") count for little; a word counts more the fewer catalog items use it
(inverse document frequency over the items of the three lists).

Two words meet when they share a lemma (full weight) or, failing that, a stem: the
lemma's first five letters, or what ALSO reads it as («ведение» ->
«вести»). A stem meeting counts STEM_FACTOR of the word's weight.

The score of an item for a line is covered_line ** 0.6 * covered_item ** 0.4, where
covered_line is the share of the line's weight that met the item and covered_item the
share of the item's weight the line met: a short line naming an item's rare words scores
high even against a long item; sharing one common word scores low. An item whose score
is at least THRESHOLD matches. The index of a catalog is built once (the catalogs are
frozen) and kept for the catalog (see _INDEXES).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.caches import memoize, one_argument, owned, store
from app.domain.catalog.model import Catalog
from app.domain.catalog.morph import SPELLINGS, Token, analyse_word, analyzer, fold, tokenize

_CYRILLIC = re.compile(r"[а-я]")
SECTIONS = ("duties", "skills", "requirements")
# A match at or above this score: the line is about the item. Tuned on employer lines
# from real postings (tests/unit/domain/test_vacancy_matching.py): true paraphrases score
# 0.45-0.9, lines sharing a generic word with an item stay under 0.3.
THRESHOLD = 0.36
STEM_FACTOR = 0.7
STEM_LENGTH = 5
LINE_POWER = 0.6
ITEM_POWER = 0.4
# Grammemes of words that carry no content.
_FUNCTION_TAGS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "Apro", "NUMR", "PNCT"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_LEMMAS = _words(
    """
    и в во на с со по для от до из к ко о об у за при без над под про через а но или либо
    не ни же ли бы то это этот тот такой так как также который свой наш ваш мы вы он она
    они весь все всё быть являться мочь стать иметь делать каждый другой самый любой
    а-также т д т.д др etc
    a an the and or of to in on for with from by at as is are be been being your our
    we you they it its this that these those such including include etc per via into
    """
)
# Words that frame a line in any vacancy: they count FRAME_FACTOR of their weight.
FRAME_FACTOR = 0.3
FRAME_LEMMAS = _words(
    """
    опыт умение уметь знание знать навык понимание понимать работа работать готовность
    способность владение владеть уверенный хороший отличный сильный высокий базовый
    наличие желательно обязательно регулярно постоянно систематически умение-работать требоваться
    основа основной практический подтвердить подтверждённый подтвержденный глубокий
    ability able knowledge know experience experienced skill skills understanding
    understand work working strong good excellent proven solid basic regular regularly
    instagram инстаграм инстаграмм инста vk вк вконтакте telegram телеграм телеграмм тг
    команда пользователь пк компьютер компания
    youtube ютуб tiktok тикток facebook фейсбук pinterest linkedin дзен одноклассники ок
    """
)
# Words read as another word too (a stem key, weighed like a stem): verbal nouns whose
# verb does not share the first letters («ведение» -> «вести»), and the usual names of
# tools and channels read as what they are («фотошоп» -> a graphics editor).
ALSO: dict[str, tuple[str, ...]] = {
    "ведение": ("вести",),
    "вести": ("вести",),
    "съемка": ("снимать",),
    "снимать": ("снимать",),
    "написание": ("писать",),
    "писать": ("писать",),
    "подготовка": ("готовить",),
    "подготавливать": ("готовить",),
    "подготовить": ("готовить",),
    "готовить": ("готовить",),
    "сбор": ("собирать",),
    "собирать": ("собирать",),
    "поиск": ("находить",),
    "искать": ("находить",),
    "найти": ("находить",),
    "находить": ("находить",),
    "рост": ("расти",),
    "расти": ("расти",),
    "ответ": ("отвечать",),
    "отвечать": ("отвечать",),
    "закупка": ("закупать",),
    "покупка": ("закупать",),
    "закупать": ("закупать",),
    "монтаж": ("монтировать",),
    "монтировать": ("монтировать",),
    "контроль": ("контролировать",),
    "контролировать": ("контролировать",),
    "мониторинг": ("следить",),
    "отслеживание": ("следить",),
    "отслеживать": ("следить",),
    "следить": ("следить",),
    "таргет": ("таргетировать",),
    "таргетинг": ("таргетировать",),
    "таргетолог": ("таргетировать",),
    "таргетированный": ("таргетировать",),
    "targeting": ("таргетировать",),
    "targeted": ("таргетировать",),
    "сторис": ("stories",),
    "сториз": ("stories",),
    "stories": ("stories",),
    "рилс": ("reels",),
    "рилсы": ("reels",),
    "reels": ("reels",),
    "блогер": ("блогер",),
    "блоггер": ("блогер",),
    "инфлюенсер": ("блогер",),
    "influencer": ("блогер",),
    "blogger": ("блогер",),
    "отчетность": ("отчет",),
    "отчет": ("отчет",),
    "report": ("отчет",),
    "директ": ("сообщение",),
    "direct": ("сообщение",),
    "личка": ("сообщение",),
    "сообщение": ("сообщение",),
    "фотошоп": ("графический",),
    "photoshop": ("графический",),
    "figma": ("графический",),
    "фигма": ("графический",),
    "canva": ("графический",),
    "канва": ("графический",),
    "illustrator": ("графический",),
    "иллюстратор": ("графический",),
    "графический": ("графический",),
    "lightroom": ("фото",),
    "capcut": ("монтировать",),
    "premiere": ("монтировать",),
    "inshot": ("монтировать",),
    "ads": ("реклама",),
    "ad": ("реклама",),
    "advertising": ("реклама",),
    "реклама": ("реклама",),
    "рекламный": ("реклама",),
    "копирайтинг": ("текст",),
    "copywriting": ("текст",),
    "copy": ("текст",),
    "текст": ("текст",),
    "пост": ("публикация",),
    "post": ("публикация",),
    "публикация": ("публикация",),
    "соцсеть": ("соцсеть",),
    "социальный": ("соцсеть",),
    "smm": ("соцсеть",),
    "social": ("соцсеть",),
    "аккаунт": ("аккаунт",),
    "бренд": ("бренд",),
    "компания": ("бренд",),
    "account": ("аккаунт",),
    "страница": ("аккаунт",),
    "сообщество": ("аккаунт", "сообщество"),
    "группа": ("аккаунт",),
    "канал": ("аккаунт",),
}


@dataclass(frozen=True, slots=True)
class Match:
    """A catalog item a line is about: its list ("duties", ...), id and 0-1 score."""

    section: str
    item_id: str
    score: float


@dataclass(frozen=True, slots=True)
class _Word:
    keys: dict[str, float]  # key -> weight of meeting on it (lemma: idf, stem: less)
    weight: float  # what the word counts in its line or item
    frame: bool  # a word that frames lines («опыт»): meeting on it alone is no match


class _Index:
    """The catalog's items as weighted words, with a key -> items postings list."""

    def __init__(self, catalog: Catalog) -> None:
        self.items: list[tuple[str, str]] = []
        self.totals: list[float] = []
        raw_items: list[list[tuple[frozenset[str], frozenset[str], bool]]] = []
        for section in SECTIONS:
            for item in getattr(catalog, section):
                # Each language of an item is compared on its own (a line is in one).
                for text in dict.fromkeys((item.text.ru, item.text.en)):
                    words = [_word_keys(t) for t in _content(text)]
                    raw_items.append([w for w in words if w[0]])
                    self.items.append((section, item.id))
        df: dict[str, set[tuple[str, str]]] = {}
        for entry, words in zip(self.items, raw_items, strict=True):
            for lemmas, stems, _frame in words:
                for key in lemmas | stems:
                    df.setdefault(key, set()).add(entry)
        count = max(len(set(self.items)), 1)
        self.idf = {key: math.log(1 + count / len(n)) for key, n in df.items()}
        # A word the catalog never uses counts like a middling one: it says the line is
        # about something more, not that the line is about nothing the catalog has.
        self.unknown = sorted(self.idf.values())[len(self.idf) // 2] if self.idf else 1.0
        # key -> [(item index, word index in item, weight of meeting on the key)]
        self.postings: dict[str, list[tuple[int, int, float]]] = {}
        for index, words in enumerate(raw_items):
            total = 0.0
            for position, (lemmas, stems, frame) in enumerate(words):
                keys = self._keys(lemmas, stems)
                weight = max(keys.values()) * (FRAME_FACTOR if frame else 1.0)
                total += weight
                for key, value in keys.items():
                    self.postings.setdefault(key, []).append((index, position, min(value, weight)))
            self.totals.append(total)
        self.memo = owned("matching.lines")  # (line, sections) -> its matches

    def _keys(self, lemmas: frozenset[str], stems: frozenset[str]) -> dict[str, float]:
        keys = {lemma: self.idf.get(lemma, self.unknown) for lemma in lemmas}
        for stem in stems - lemmas:
            keys[stem] = self.idf.get(stem, self.unknown) * STEM_FACTOR
        return keys

    def line_words(self, text: str) -> list[_Word]:
        words = []
        for token in _content(text):
            for lemmas, stems, frame in self._parts(_word_keys(token)):
                words.append(self._line_word(lemmas, stems, frame))
        return words

    def _parts(self, keys: _Keys) -> list[_Keys]:
        """A compound the catalog does not use («SMM-стратегия») read as its parts."""
        lemmas = keys[0]
        compounds = [lemma for lemma in lemmas if "-" in lemma.strip("-")]
        if not compounds or any(c in self.idf for c in compounds):
            return [keys] if lemmas else []
        parts = []
        for part in compounds[0].split("-"):
            if part and part not in STOP_LEMMAS:
                parts.append(_keys_of(*analyse_word(SPELLINGS.get(part, part))[:1], part))
        return [p for p in parts if p[0]]

    def _line_word(self, lemmas: frozenset[str], stems: frozenset[str], frame: bool) -> _Word:
        known = [self.idf[k] for k in lemmas if k in self.idf]
        weight = max(known) if known else self.unknown
        keys = {k: v for k, v in self._keys(lemmas, stems).items() if k in self.postings}
        return _Word(keys, weight * (FRAME_FACTOR if frame else 1.0), frame)

    def match(self, text: str, sections: tuple[str, ...]) -> tuple[Match, ...]:
        words = self.line_words(text)
        line_total = sum(w.weight for w in words)
        if not line_total:
            return ()
        # item -> {item word: best weight met}, item -> {line word: best weight met}
        item_met: dict[int, dict[int, float]] = {}
        line_met: dict[int, dict[int, float]] = {}
        content: set[int] = set()  # items met on a word that is not a frame word
        for line_position, word in enumerate(words):
            for key, _value in word.keys.items():
                for index, position, weight in self.postings[key]:
                    met = item_met.setdefault(index, {})
                    if met.get(position, 0.0) < weight:
                        met[position] = weight
                    own = line_met.setdefault(index, {})
                    value = min(weight, word.weight)
                    if own.get(line_position, 0.0) < value:
                        own[line_position] = value
                    if not word.frame:
                        content.add(index)
        best: dict[tuple[str, str], float] = {}
        for index, met in item_met.items():
            entry = self.items[index]
            if entry[0] not in sections or index not in content:
                continue
            covered_item = min(sum(met.values()) / self.totals[index], 1.0)
            covered_line = min(sum(line_met[index].values()) / line_total, 1.0)
            score = covered_line**LINE_POWER * covered_item**ITEM_POWER
            if score >= THRESHOLD and score > best.get(entry, 0.0):
                best[entry] = score
        found = [
            Match(section, item_id, round(score, 4)) for (section, item_id), score in best.items()
        ]
        found.sort(key=lambda m: (-m.score, m.section, m.item_id))
        return tuple(found)


def _content(text: str) -> Iterable[Token]:
    for token in tokenize(text):
        if token.tags & _FUNCTION_TAGS or token.norm in STOP_LEMMAS:
            continue
        if token.lemmas & STOP_LEMMAS and not token.lemmas - STOP_LEMMAS - {token.norm}:
            continue
        yield token


_Keys = tuple[frozenset[str], frozenset[str], bool]


@memoize("matching.normal_forms", key=one_argument)
def _normal_forms(word: str) -> frozenset[str]:
    """The folded normal forms pymorphy3 gives a Cyrillic word (the word for others)."""
    if not _CYRILLIC.search(word):
        return frozenset({word})
    return frozenset(fold(p.normal_form) for p in analyzer().parse(word))


def _word_keys(token: Token) -> _Keys:
    """A word's lemmas (stop words and inflected forms out), stems, and whether it only
    frames a line."""
    return _keys_of(token.lemmas, token.norm)


def _keys_of(all_lemmas: frozenset[str], norm: str) -> _Keys:
    # tokenize keeps the word as written and its hyphen parts as written among the
    # lemmas; an inflected form («стратегии») is no lemma and would meet only itself.
    written = {norm, norm.rstrip("-"), *norm.split("-")}
    lemmas = frozenset(
        lemma
        for lemma in all_lemmas
        if lemma not in STOP_LEMMAS and (lemma not in written or lemma in _normal_forms(lemma))
    ) or frozenset(lemma for lemma in all_lemmas if lemma not in STOP_LEMMAS)
    stems: set[str] = set()
    for lemma in lemmas:
        stems.update(ALSO.get(lemma, ()))
        if len(lemma) > STEM_LENGTH and lemma.isalpha():
            stems.add(lemma[:STEM_LENGTH] + "~")
    frame = bool(lemmas & FRAME_LEMMAS)
    return lemmas, frozenset(stems), frame


# id(catalog) -> (catalog, index); the catalog is held so its id is not reused while
# its entry stands. Catalogs are slotted frozen dataclasses (no weak references), one
# per organization with overrides; the least recently used go past the bound.
_INDEXES = store("matching.indexes")
_MEMO_CHARS = 500


def _index(catalog: Catalog) -> _Index:
    entry = _INDEXES.get(id(catalog))
    if entry is not None and entry[0] is catalog:
        cached: _Index = entry[1]
        return cached
    index = _Index(catalog)  # outside the lock: two threads may both build one
    _INDEXES.put(id(catalog), (catalog, index))
    return index


def match_line(
    catalog: Catalog, text: str, sections: Iterable[str] = SECTIONS
) -> tuple[Match, ...]:
    """The catalog items of the given lists that a line is about (score >= THRESHOLD),
    best first."""
    wanted = tuple(sections)
    index = _index(catalog)
    key = (text, wanted)
    found: tuple[Match, ...] | None = index.memo.get(key)
    if found is None:
        found = index.match(text, wanted) if isinstance(text, str) else ()
        if len(text) <= _MEMO_CHARS:
            index.memo.put(key, found)
    return found


def best_match(catalog: Catalog, text: str, sections: Iterable[str] = SECTIONS) -> Match | None:
    """The item a line is most about, or None when no item reaches THRESHOLD."""
    found = match_line(catalog, text, sections)
    return found[0] if found else None
