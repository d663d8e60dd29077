"""Vague and off-putting phrases of vacancies, matched by lemmas, each with what to write
instead (pure).

A phrase is a few words, each given as its lemmas («|» between alternatives, «?» for a
word that may be missing); up to two other words may stand between them («молодой
и дружный коллектив»). Penalties run 2-5: vague pay and promises of round-the-clock work
cost most (candidates skip those vacancies), clichés that merely say nothing cost least.

«Молодой коллектив» is not here: the discrimination check gives it its own warning
(`discriminatory-wording`, indirect age wording), with the same advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.caches import memoize, one_argument
from app.domain.catalog.morph import Token, tokenize
from app.domain.message import Message, Quoted, msg

GAP = 2


# A phrase's pattern: its words in order, each a set of lemmas and whether it may be left out.
Pattern = tuple[tuple[frozenset[str], bool], ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One kind of vague phrase: how it is written, its penalty and what to say instead."""

    id: str
    patterns: tuple[Pattern, ...]
    penalty: int
    template: Message  # its "%(found)s" is the phrase as written: see `message_for`
    suggestion: Message

    def message_for(self, found: Quoted) -> Message:
        """The message about this phrase as written in a line (`found`, quoted)."""
        return Message(self.template.msgid, (("found", found),))


def _phrase(id: str, written: str, penalty: int, template: Message, suggestion: Message) -> Phrase:
    patterns = []
    for pattern in written.split(";"):
        words = []
        for word in pattern.split():
            optional = word.endswith("?")
            words.append((frozenset(word.rstrip("?").split("|")), optional))
        patterns.append(tuple(words))
    return Phrase(id, tuple(patterns), penalty, template, suggestion)


PHRASES: tuple[Phrase, ...] = (
    _phrase(
        "other-tasks",
        "иной|другой|прочий|небольшой поручение|задача руководитель?;"
        "выполнение поручение руководитель;выполнение поставленный руководитель? задача;"
        "other duties|tasks as assigned",
        3,
        msg(
            "%(found)s makes the list of duties endless: the candidate cannot tell what the job "
            "really is."
        ),
        msg("List the tasks there really will be, or drop the line."),
    ),
    _phrase(
        "vague-pay",
        "конкурентный|конкурентоспособный|достойный|высокий|хороший|привлекательный "
        "зарплата|плата|оплата|доход|заработок|вознаграждение;"
        "неограниченный|безграничный|безлимитный доход|заработок;доход|заработок без потолок;"
        "зарплата|доход|оплата|оклад по результат собеседование;"
        "зарплата|доход|оплата|оклад обсуждаться|договорной;"
        "competitive|attractive|generous|competetive salary|pay|compensation|package|wage",
        5,
        msg("%(found)s says nothing about the money; candidates read it as low pay and move on."),
        msg(
            "Give the amount or range (e.g. “from 80,000 RUB net”) and what it is made of: "
            "base, bonus and what the bonus is for."
        ),
    ),
    _phrase(
        "irregular-hours",
        "ненормированный рабочий? день|график|режим;irregular|unlimited hour;extra hour",
        5,
        msg("%(found)s puts experienced candidates off: it reads as unpaid overtime."),
        msg(
            "State the real schedule: working hours, whether evening or weekend posts happen "
            "and how overtime is paid."
        ),
    ),
    _phrase(
        "always-on",
        "всегда|постоянно|круглосуточно на связь;"
        "на связь всегда|постоянно|круглосуточно|любой время?;"
        "always available|reachable|online;available around clock;always-on|always mindset",
        5,
        msg("%(found)s promises work without rest; experienced SMM people skip such vacancies."),
        msg(
            "Say in which hours the audience must get replies and who covers weekends; if "
            "there are on-call shifts, say how they are paid."
        ),
    ),
    _phrase(
        "stress",
        "стрессоустойчивость|стрессоустойчивый|стрессоустойчивость;stress-resistant;"
        "stress resistant|tolerant;thrive under pressure",
        4,
        msg("%(found)s asks for nothing concrete and signals chaos and conflict to candidates."),
        msg(
            "Describe what is actually hard (“replying to negative comments”, “launches on "
            "tight deadlines”) and how the team handles it."
        ),
    ),
    _phrase(
        "multitasking",
        "многозадачность|многозадачный;multitasking|multitask|multi-tasking;wear many hat",
        3,
        msg("%(found)s reads as “you will do everyone's job”."),
        msg(
            "List the actual tasks and the share of time each takes; if there are too many, "
            "split them between roles."
        ),
    ),
    _phrase(
        "not-considered",
        "без опыт не рассматривать;не рассматривать;not consider|considered",
        3,
        msg("%(found)s sounds harsh and puts off even suitable candidates."),
        msg(
            "Say positively what you need: “a year of running brand accounts”, “send links "
            "to 2–3 accounts”."
        ),
    ),
    _phrase(
        "active-position",
        "активный жизненный позиция",
        3,
        msg(
            "%(found)s is an old cliché that candidates skip.",
        ),
        msg(
            "Describe the behaviour through tasks: “suggest new post series”, “test new "
            "formats on your own”."
        ),
    ),
    _phrase(
        "cliche-hero",
        "rockstar|ninja|guru|superstar|wizard|unicorn;rock star;супергерой|гуру|ниндзя;"
        "fast-paced|fast-pac;fast paced;work hard play hard",
        3,
        msg(
            "%(found)s is a cliché that says nothing about the job and puts many people off "
            "(it often reads as overwork)."
        ),
        msg(
            "Name the skills and the real pace: “2 years running brand accounts, shooting "
            "and editing Reels”, how many posts a week."
        ),
    ),
    _phrase(
        "friendly-team",
        "дружный|сплоченный коллектив|команда профессионал?;команда профессионал;"
        "здоровый|дружеский|комфортный|дружественный рабочий? атмосфера;"
        "friendly team|family;like family",
        2,
        msg("%(found)s is in almost every vacancy and tells nothing."),
        msg(
            "Be specific: team size, who the candidate reports to, how meetings and feedback work."
        ),
    ),
    _phrase(
        "desire-to-grow",
        "желание|стремление|готовность развиваться|развитие|учиться|обучаться|расти;"
        "desire|willingness|eager|eagerness learn|grow",
        2,
        msg("%(found)s is a stock phrase; it does not help a candidate see whether they fit."),
        msg(
            "Say what the person will learn and how you help them grow: training, a mentor, "
            "a course budget."
        ),
    ),
    _phrase(
        "sociable",
        "коммуникабельность|коммуникабельный;team player",
        2,
        msg("%(found)s is a quality every candidate will claim."),
        msg(
            "Say who the person will talk to and about what: bloggers, contractors, the "
            "audience in the comments."
        ),
    ),
)
_ROUND_THE_CLOCK = re.compile(r"(?<!\d)24\s*[/хx×]\s*7(?!\d)", re.IGNORECASE)
ALWAYS_ON = next(p for p in PHRASES if p.id == "always-on")


def _match(tokens: tuple[Token, ...], i: int, pattern: Pattern) -> int | None:
    """The index of the last token of `pattern` matched from token i, or None."""
    at = i
    last = None
    for n, (lemmas, optional) in enumerate(pattern):
        limit = 1 if n == 0 else GAP + 1
        found = None
        for j in range(at, min(at + limit, len(tokens))):
            if tokens[j].lemmas & lemmas:
                found = j
                break
        if found is None:
            if optional:
                continue
            return None
        last, at = found, found + 1
    return last


def _openings(pattern: Pattern) -> set[str]:
    """The lemmas a match of the pattern can start with (leading optional words and the
    first required one)."""
    found: set[str] = set()
    for lemmas, optional in pattern:
        found |= lemmas
        if not optional:
            break
    return found


# Every lemma a phrase can start with: a word that is none of them starts no phrase.
_FIRST_WORDS: frozenset[str] = frozenset(
    lemma for phrase in PHRASES for pattern in phrase.patterns for lemma in _openings(pattern)
)


def find_vague(text: str) -> list[tuple[Phrase, int, int]]:
    """The vague phrases of a line: (phrase, start, end), overlaps resolved by penalty."""
    if len(text) <= _MEMO_CHARS:
        return list(_find_memo(text))
    return _find(text)


# Lines repeat (catalog lines, live checks of the same form): short lines' answers are kept.
_MEMO_CHARS = 500


@memoize("vague.lines", key=one_argument)
def _find_memo(text: str) -> tuple[tuple[Phrase, int, int], ...]:
    return tuple(_find(text))


def _find(text: str) -> list[tuple[Phrase, int, int]]:
    hits: list[tuple[Phrase, int, int]] = [
        (ALWAYS_ON, m.start(), m.end()) for m in _ROUND_THE_CLOCK.finditer(text)
    ]
    tokens = tokenize(text)
    for i in range(len(tokens)):
        if tokens[i].lemmas.isdisjoint(_FIRST_WORDS):
            continue
        for phrase in PHRASES:
            for pattern in phrase.patterns:
                last = _match(tokens, i, pattern)
                if last is not None:
                    hits.append((phrase, tokens[i].start, tokens[last].end))
                    break
    hits.sort(key=lambda hit: (-hit[0].penalty, hit[1]))
    kept: list[tuple[Phrase, int, int]] = []
    for hit in hits:
        if all(hit[2] <= k[1] or hit[1] >= k[2] for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda hit: hit[1])
