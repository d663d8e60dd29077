"""The words of the vacancy search: what the index stores, what a query looks for (pure).

The search uses the checks' morphology (`app.domain.catalog.morph`: pymorphy3, folding), so
every form of a Russian word finds the others: «кофейни», «кофеен» and «кофейню» are all
«кофейня». One mechanism for SQLite and PostgreSQL: the lemmas are computed here and
stored in `vacancy_terms`, not left to a database's own full-text search.

The rule:

- The index holds, per vacancy, each word of its title and location as written (folded:
  lower case, «ё» as «е»), the same word read as the checks read it (look-alike letters
  of the other alphabet turned, «смм» as "smm"), and every lemma of it (all readings
  pymorphy3 finds; the parts of a hyphenated word; English plural and verb endings
  dropped). At most MAX_TERMS per vacancy, the words before the lemmas.
- A query word matches a vacancy when one of its stored terms
  (a) starts with the query word as typed (folded): an exact word, a word typed in
      part («пекарн» → «пекарня», the lemma of «пекарен»; «smm» → «smm-менеджер»),
      a number, an English word ("manager" → "managers") — the search as it was; or
  (b) is exactly one of the query word's lemmas: another form of the same word
      («кофейни» → «кофейня», «маркетологов» → «маркетолог», «Москве» → «Москва»,
      "managers" → "manager").
  Lemmas are matched exactly, never as prefixes: «коты» (lemma «кот») does not find
  «который», «йоги» (lemma «йог») does not find «йогурт». The word as typed is a
  prefix, as before: «кот» itself still finds «который» (a search box cannot tell a
  whole short word from the start of a longer one; «маркет» must keep finding
  «маркетолог»).
- Several query words must all match (each its own way).
"""

from __future__ import annotations

import re

from app.domain.catalog.morph import analyse_word, fold, fold_word

WORD = re.compile(r"\w+")
# Stored terms are cut to the column's length; a longer query word is cut the same way.
MAX_WORD = 40
MAX_TERMS = 64
MAX_QUERY_WORDS = 5


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(WORD.findall(fold(text))))


def index_words(text: str) -> list[str]:
    """The terms the index stores for a vacancy's text (its title, location, id)."""
    words = _words(text)
    read = [fold_word(w) for w in words]
    terms = dict.fromkeys(t[:MAX_WORD] for pair in zip(words, read, strict=True) for t in pair)
    for norm in read:
        for lemma in sorted(analyse_word(norm)[0]):
            terms.setdefault(lemma[:MAX_WORD])
    terms.pop("", None)
    return list(terms)[:MAX_TERMS]


def query_words(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words of a search, each with the lemmas it also matches exactly (those that
    the word's own prefix does not cover already), at most MAX_QUERY_WORDS."""
    found: dict[str, tuple[str, ...]] = {}
    for word in _words(text):
        norm = fold_word(word)[:MAX_WORD]
        if not norm or norm in found:
            continue
        lemmas = {lemma[:MAX_WORD] for lemma in analyse_word(fold_word(word))[0]}
        found[norm] = tuple(sorted(lemma for lemma in lemmas if not lemma.startswith(norm)))
        if len(found) == MAX_QUERY_WORDS:
            break
    return list(found.items())


def matches(query: str, text: str) -> bool:
    """Whether a vacancy with this text is found by the query: the rule above in Python
    (the database does the same with the index; the tests hold the two together)."""
    terms = index_words(text)
    words = query_words(query)
    return bool(words) and all(
        any(t.startswith(word) or t in lemmas for t in terms) for word, lemmas in words
    )
