"""Concepts: what a task is, written as lemma rules, tool names and context rules (pure).

A concept (an exclusion of the catalog, say "SEO") is found in a line when one of its
rules holds inside one clause of the line (a sentence, a list item or a part between
semicolons) and none of its `unless` terms is in that clause:

- a rule is a list of groups; each group is a term or a list of alternative terms, and
  every group must occur, in any order, within `window` words of each other
  («сбор семантики» and «семантику собрать» are both [сбор|собрать, семантика]);
- `tools` are names that are evidence on their own (SendPulse for newsletters,
  ManyChat for bots, Wordstat for SEO);
- `unless` terms within `near` words of a match (NEAR by default) mark legitimate SMM
  work (hashtags and keywords for posts are not SEO), per rule or for the whole concept.

A term is matched against a word's lemmas (see app.domain.catalog.morph), so every inflection
counts:

- `съемка` — a lemma (write «е» for «ё»; case does not matter);
- `фото*` — any lemma starting with «фото»; `*съемка` — ending with «съемка» (compounds:
  «видеосъёмка», «фотосъёмка»);
- `key collector` — words in a row (each part is a term).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from app.caches import Store, owned
from app.domain.catalog.morph import Token, clause_tokens, fold, fold_word

DEFAULT_WINDOW = 6
MAX_WINDOW = 20
# How many words either side of a match an `unless` term is looked for.
NEAR = 4
# Answers are kept per concept for short lines only (bound: "concepts.find" in app.caches).
MEMO_CHARS = 500


@dataclass(frozen=True, slots=True)
class Term:
    """One word pattern: exact lemma, prefix (`x*`) or suffix (`*x`)."""

    value: str
    kind: str  # "lemma", "prefix" or "suffix"

    def matches(self, token: Token) -> bool:
        """True when one of the word's lemmas (or its folded form) fits the pattern."""
        if self.kind == "lemma":
            return self.value in token.lemmas
        if self.kind == "prefix":
            return any(lemma.startswith(self.value) for lemma in token.lemmas)
        return any(lemma.endswith(self.value) for lemma in token.lemmas)


def bag(tokens: Sequence[Token]) -> frozenset[str]:
    """Every lemma of a clause (a quick pre-test: made once per clause read, and passed
    down to its phrases)."""
    return frozenset().union(*(t.lemmas for t in tokens))


@dataclass(frozen=True, slots=True)
class Phrase:
    """A term or words in a row; matches at a position in a clause."""

    source: str
    words: tuple[Term, ...]

    def spans(
        self, tokens: Sequence[Token], lemmas: frozenset[str] | None = None
    ) -> list[tuple[int, int]]:
        """(first, last) token positions of every place the phrase occurs (`lemmas`: the
        clause's bag when the caller has it)."""
        first = self.words[0]
        if first.kind == "lemma" and first.value not in (lemmas or bag(tokens)):
            return []
        n = len(self.words)
        found = []
        for i in range(len(tokens) - n + 1):
            if all(term.matches(tokens[i + k]) for k, term in enumerate(self.words)):
                found.append((i, i + n - 1))
        return found


@dataclass(frozen=True, slots=True)
class Rule:
    """Every group within `window` words of the others, and no `unless` term, in a clause."""

    groups: tuple[tuple[Phrase, ...], ...]
    unless: tuple[Phrase, ...] = ()
    window: int = DEFAULT_WINDOW
    near: int = NEAR

    def find(
        self, tokens: Sequence[Token], lemmas: frozenset[str] | None = None
    ) -> tuple[int, int] | None:
        """The (first, last) token positions of the closest match in a clause, or None."""
        lemmas = lemmas or bag(tokens)
        places = []
        for group in self.groups:
            spans = [span for phrase in group for span in phrase.spans(tokens, lemmas)]
            if not spans:
                return None
            places.append(spans)
        best: tuple[int, int] | None = None
        for combo in itertools.islice(itertools.product(*places), 2000):
            first = min(span[0] for span in combo)
            last = max(span[1] for span in combo)
            if last - first + 1 - sum(s[1] - s[0] + 1 for s in combo) > self.window:
                continue
            if near(self.unless, tokens, first, last, self.near):
                continue
            if best is None or last - first < best[1] - best[0]:
                best = (first, last)
        return best


def near(
    phrases: Sequence[Phrase], tokens: Sequence[Token], first: int, last: int, within: int = NEAR
) -> bool:
    """True when one of the phrases occurs within `within` words of tokens[first:last + 1]."""
    if not phrases:
        return False
    low, high = max(0, first - within), min(len(tokens), last + within + 1)
    window = tokens[low:high]
    return any(phrase.spans(window) for phrase in phrases)


@dataclass(frozen=True, slots=True)
class Concept:
    """A task described by rules and tools; see the module docstring."""

    rules: tuple[Rule, ...] = ()
    tools: tuple[Phrase, ...] = ()
    unless: tuple[Phrase, ...] = ()
    terms: frozenset[str] = field(default=frozenset(), compare=False)
    # Text -> spans: lines repeat (catalog lines, live checks of the same form).
    _memo: Store = field(
        default_factory=partial(owned, "concepts.find"), compare=False, hash=False, repr=False
    )

    def find(self, text: str) -> list[tuple[int, int]]:
        """The character spans (offsets into `text`) of every clause's match."""
        kept = self._memo.get(text)
        if kept is None:
            kept = tuple(self._find(text))
            if len(text) <= MEMO_CHARS:
                self._memo.put(text, kept)
        return list(kept)

    def _find(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for clause in clause_tokens(text):
            match = self._find_in_clause(clause)
            if match is not None and not near(self.unless, clause, *match):
                spans.append((clause[match[0]].start, clause[match[1]].end))
        return spans

    def _find_in_clause(self, clause: Sequence[Token]) -> tuple[int, int] | None:
        lemmas = bag(clause)
        for tool in self.tools:
            for place in tool.spans(clause, lemmas):
                if not near(self.unless, clause, *place):
                    return place
        matches = [m for rule in self.rules if (m := rule.find(clause, lemmas)) is not None]
        return min(matches, key=lambda m: (m[0], m[1] - m[0])) if matches else None

    def mentioned_in(self, text: str) -> bool:
        """True when the text mentions the concept at all."""
        return bool(self.find(text))


class ConceptError(ValueError):
    """A concept definition that cannot be used; the message says which part."""


def _term(raw: str, in_phrase: bool = False) -> Term:
    word = raw.strip()
    kind = "lemma"
    if word.endswith("*"):
        kind, word = "prefix", word[:-1]
    elif word.startswith("*"):
        kind, word = "suffix", word[1:]
    if not word or "*" in word or " " in word:
        raise ConceptError(f"bad term {raw!r}")
    folded = fold_word(word) if kind == "lemma" else fold(word)
    if (len(folded) < 2 and not in_phrase) or (kind != "lemma" and len(folded) < 3):
        raise ConceptError(f"term {raw!r} is too short to mean anything")
    return Term(folded, kind)


def phrase(raw: Any) -> Phrase:
    """A phrase from its text: terms separated by spaces ("key collector", "*съемка")."""
    if not isinstance(raw, str) or not raw.strip():
        raise ConceptError(f"a term must be a non-empty string, not {raw!r}")
    parts = raw.split()
    return Phrase(raw.strip(), tuple(_term(part, len(parts) > 1) for part in parts))


def _phrases(raw: Any, what: str) -> tuple[Phrase, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise ConceptError(f"{what} must be a term or a list of terms")
    return tuple(phrase(item) for item in raw)


def _rule(raw: Any) -> Rule:
    if isinstance(raw, list | str):
        raw = {"all": raw}
    if not isinstance(raw, Mapping):
        raise ConceptError(f"a rule must be a list of groups or a mapping, not {raw!r}")
    unknown = sorted(set(raw) - {"all", "unless", "window", "near"})
    if unknown:
        raise ConceptError(f"unknown rule key {unknown[0]!r}")
    groups = raw.get("all")
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list) or not groups:
        raise ConceptError("a rule needs `all`: a list of groups")
    window = raw.get("window", DEFAULT_WINDOW)
    if isinstance(window, bool) or not isinstance(window, int) or not 0 <= window <= MAX_WINDOW:
        raise ConceptError(f"window must be an integer from 0 to {MAX_WINDOW}")
    within = raw.get("near", NEAR)
    if isinstance(within, bool) or not isinstance(within, int) or not 0 <= within <= MAX_WINDOW:
        raise ConceptError(f"near must be an integer from 0 to {MAX_WINDOW}")
    return Rule(
        tuple(_phrases(group, "a group") for group in groups),
        _phrases(raw.get("unless"), "unless"),
        window,
        within,
    )


def parse_concept(raw: Any) -> Concept:
    """A concept from its definition: {rules: [...], tools: [...], unless: [...]}."""
    if not isinstance(raw, Mapping):
        raise ConceptError("a concept must be a mapping with `rules` and/or `tools`")
    unknown = sorted(set(raw) - {"rules", "tools", "unless"})
    if unknown:
        raise ConceptError(f"unknown concept key {unknown[0]!r}")
    rules = raw.get("rules") or []
    if not isinstance(rules, list):
        raise ConceptError("`rules` must be a list")
    concept = Concept(
        tuple(_rule(rule) for rule in rules),
        _phrases(raw.get("tools"), "tools"),
        _phrases(raw.get("unless"), "unless"),
    )
    if not concept.rules and not concept.tools:
        raise ConceptError("a concept needs at least one rule or tool")
    words = {term.value for p in _all_phrases(concept) for term in p.words}
    return Concept(concept.rules, concept.tools, concept.unless, frozenset(words))


def _all_phrases(concept: Concept) -> Iterable[Phrase]:
    yield from concept.tools
    yield from concept.unless
    for rule in concept.rules:
        yield from rule.unless
        for group in rule.groups:
            yield from group


def concept_problem(raw: Any) -> str | None:
    """What is wrong with a concept definition, or None when it is usable."""
    try:
        parse_concept(raw)
    except ConceptError as error:
        return str(error)
    return None


def merge_concepts(base: Concept, extra: Concept) -> Concept:
    """A concept with another's rules, tools and exclusions added (an organization's own)."""
    return Concept(
        base.rules + extra.rules,
        base.tools + extra.tools,
        base.unless + extra.unless,
        base.terms | extra.terms,
    )
