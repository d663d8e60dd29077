"""Russian and English words of a line, with their lemmas and where they are (pure).

Matching on lemmas means every inflection of a word counts: «съёмок», «съёмку» and
«съёмки» are all «съемка». pymorphy3 with its Russian dictionary (OpenCorpora) gives the
lemmas; it is the maintained successor of pymorphy2, loads in well under a second, and
its analyzer is created once per process. English words get their candidate base forms
(plural and verb endings dropped), enough to read "newsletters" as "newsletter".

Before a word is looked up its spelling is folded: lower case, «ё» as «е», Latin and
Cyrillic look-alike letters inside one word turned into the word's main alphabet
(«SМM» with a Cyrillic «М» is "smm"), and the usual Russian spellings of English terms
read as the term (SPELLINGS: «сео» is "seo", «емейл» is "email").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.caches import memoize, one_argument

_DASHES = str.maketrans(
    {
        "ё": "е",
        "Ё": "Е",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "",
    }
)
# Letters that look the same in both alphabets (lower case).
_CYR_TO_LAT = str.maketrans("асеорхукмтвн", "aceopxykmtbh")
_LAT_TO_CYR = str.maketrans("aceopxykmtbh", "асеорхукмтвн")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")

# Russian spellings and short forms of English terms, read as the term. Network names
# are not here: the catalog's networks carry their own aliases.
SPELLINGS: dict[str, str] = {
    "сео": "seo",
    "смм": "smm",
    "смм-щик": "smm-щик",
    "смм-щица": "smm-щица",
    "сммщик": "smm-щик",
    "сммщица": "smm-щица",
    "емейл": "email",
    "имейл": "email",
    "емэйл": "email",
    "имэйл": "email",
    "емаил": "email",
    "имеил": "email",
    "мейл": "email",
    "e-mail": "email",
    "e-mails": "email",
    "эл.почта": "email",
    "pr": "pr",
    "пиар": "pr",
    "сми": "сми",
}

# A word: letters and digits, joined by inner hyphens or apostrophes («e-mail», «SMM-щица»);
# a trailing hyphen is kept for hanging compounds («фото- и видеосъёмка»).
WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*-?")
# Where one clause of a line ends: sentence marks, semicolons, bullets and line breaks.
CLAUSE_END = re.compile(r"[.!?;•\n]+(?=\s|$)|[;•\n]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a line: as written, where it is, folded, and its possible lemmas."""

    text: str
    start: int
    end: int
    norm: str
    lemmas: frozenset[str]
    # pymorphy3 grammemes of the most likely reading ("NOUN", "femn", "anim", ...);
    # empty for words it does not know and for English words.
    tags: frozenset[str]

    def has(self, *lemmas: str) -> bool:
        """True when any of the lemmas is one of this word's."""
        return any(lemma in self.lemmas for lemma in lemmas)


@memoize("morph.analyzer")
def analyzer() -> Any:
    """The process's one pymorphy3 analyzer (the dictionary is loaded on first use)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def fold(text: str) -> str:
    """Lower case, «ё» as «е», one kind of dash, no soft hyphens."""
    return text.translate(_DASHES).casefold()


def fold_word(word: str) -> str:
    """A word folded, with look-alike letters turned into its main alphabet and its
    Russian spelling of an English term read as the term."""
    word = fold(word).replace("’", "'")
    cyr, lat = len(_CYRILLIC.findall(word)), len(_LATIN.findall(word))
    if cyr and lat:
        # Mixed alphabets: keep each hyphen-joined part in its own main alphabet, so
        # «smm-щица» stays as it is while «sмm» (Cyrillic «м») becomes "smm".
        parts = []
        for part in word.split("-"):
            c, la = len(_CYRILLIC.findall(part)), len(_LATIN.findall(part))
            if c and la:
                part = part.translate(_CYR_TO_LAT if la >= c else _LAT_TO_CYR)
            parts.append(part)
        word = "-".join(parts)
    return SPELLINGS.get(word, word)


def english_stems(word: str) -> set[str]:
    """Base forms an English word may have: "pages" -> "page", "studies" -> "study",
    "shooting" -> "shoot", "optimized" -> "optimize" (every candidate is kept: a wrong
    one matches nothing)."""
    stems = {word}
    if len(word) <= 3:
        return stems
    if word.endswith("ies"):
        stems.add(word[:-3] + "y")
    if word.endswith("es"):
        stems.add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        stems.add(word[:-1])
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            stems |= {base, base + "e"}
            if len(base) > 3 and base[-1] == base[-2]:
                stems.add(base[:-1])  # "shopping" -> "shop"
    return stems


@memoize("morph.words", key=one_argument)
def analyse_word(norm: str) -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas (folded) and the most likely reading's grammemes of a folded word.

    The lemmas hold every reading pymorphy3 finds, the word itself, and for a
    hyphenated word the lemmas of its parts as well («seo-оптимизация» is also "seo"
    and «оптимизация»).
    """
    word = norm.rstrip("-")
    lemmas = {norm, word}
    tags: frozenset[str] = frozenset()
    if _CYRILLIC.search(word):
        parses = analyzer().parse(word)
        lemmas.update(fold(p.normal_form) for p in parses)
        if parses:
            tags = frozenset(parses[0].tag.grammemes)
    elif _LATIN.search(word):
        lemmas |= english_stems(word)
    if "-" in word or "." in word:
        for part in re.split(r"[-.]", word):
            if part:
                lemmas |= analyse_word(SPELLINGS.get(part, part))[0]
    return frozenset(lemmas), tags


def _tokenize(text: str) -> tuple[Token, ...]:
    tokens = []
    for match in WORD.finditer(text):
        raw = match.group()
        end = match.end()
        if raw.endswith(".") or (raw.count(".") and not re.search(r"\.\w", raw)):
            raw, end = raw.rstrip("."), end - (len(raw) - len(raw.rstrip(".")))
        norm = fold_word(raw)
        lemmas, tags = analyse_word(norm)
        tokens.append(Token(raw, match.start(), end, norm, lemmas, tags))
    return tuple(tokens)


# Lines repeat (most come from the catalog): the words of short lines are kept.
_MEMO_CHARS = 500


@memoize("morph.lines", key=one_argument)
def _tokenize_memo(text: str) -> tuple[Token, ...]:
    return _tokenize(text)


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of a text with their spans (offsets into `text`) and lemmas."""
    if len(text) <= _MEMO_CHARS:
        return _tokenize_memo(text)
    return _tokenize(text)


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of a text's clauses: sentences, list items, lines."""
    spans, start = [], 0
    for match in CLAUSE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def clause_spans(text: str) -> list[tuple[int, int, tuple[Token, ...]]]:
    """Each clause of a text with words: (start, end, its words), offsets into `text`."""
    tokens = tokenize(text)
    found: list[tuple[int, int, tuple[Token, ...]]] = []
    i = 0
    for start, end in clauses(text):
        group = []
        while i < len(tokens) and tokens[i].start < end:
            if tokens[i].start >= start:
                group.append(tokens[i])
            i += 1
        if group:
            found.append((start, end, tuple(group)))
    return found


def clause_tokens(text: str) -> list[tuple[Token, ...]]:
    """The words of each clause of a text (offsets into `text`)."""
    return [group for _, _, group in clause_spans(text)]
