"""Facts a vacancy states in its own words: pay and measurable goals (pure).

`find_pay` reads «от 60 000 ₽», «60–80 тыс.», «70к на руки», «$1500», "up to 90k RUB";
`find_goals` reads «не менее 20 заявок», «1000 подписчиков за 3 месяца», «ER от 3 %».
Spans are offsets into the text given.

How it reads (regexes only find the number shapes; the words around them are read by
their lemmas, from `app.domain.catalog.morph`):

- Phone numbers, dates, times, schedules («5/2», «с 10 до 19»), links and long digit runs
  (ИНН, ОГРН, card numbers) are blanked out first, so they are never amounts.
- A figure is pay when the nearest cue word before it in the same clause is a pay word
  (зарплата, оклад, з/п, доход, salary, pay...), or when it carries a currency and no cue
  says otherwise. Money words that are not pay (бюджет, оборот, выручка, стоимость, CPL,
  компенсация...) and the counted things of goals (заявки, подписчики, охват...) win when
  they are nearer: «бюджет 100 000 ₽ на рекламу» and «CPL до 300 ₽» are not pay.
  Премия/бонус figures are pay of kind "bonus": they do not stand in for a salary.
- A goal is a number tied to a counted thing (a metric lemma right after it, adjectives
  allowed in between, or shortly before it) with a frame that makes it a target: a firm
  comparator («не менее», "at least"), a change verb («увеличить», "grow"), a time frame
  («в месяц», «за 3 месяца», "per month") or a KPI word. A rate metric (ER, CTR, CPL,
  конверсия) takes any comparator («ER от 3 %»). Experience («опыт», «кейсы»), past
  results («выросли на 30 %») and pay lines are not goals. Publishing quotas («3 поста
  в неделю») are workload, not results, so they are not goals either.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from app.caches import memoize, one_argument
from app.domain.catalog.morph import Token, fold, tokenize
from app.domain.vacancies.textcues import (
    BONUS_WORDS,
    BOUNDARY,
    CHANGE_WORDS,
    FIRM,
    FROM,
    GOAL_SHAPE,
    GROSS,
    KPI_WORDS,
    METRICS,
    NET,
    NEUTRAL_NOUNS,
    NOT_GOAL_WORDS,
    NOT_PAY_AFTER,
    NOT_PAY_WORDS,
    PAST_EN,
    PAST_TIME,
    PAY_SHAPE,
    PAY_WORDS,
    PERIOD_AFTER,
    PERIOD_WORDS,
    PERIODS,
    PIECES,
    QUOTA_WORDS,
    RATE_METRICS,
    REPLY_WORDS,
    TIME_FRAME,
    TIME_WORDS,
    TO,
    WEAK,
    ZP,
    blank_non_amounts,
    currency_code,
    multiplier,
    number_value,
)


@dataclass(frozen=True, slots=True)
class PayMention:
    """Pay written in the text: the amounts (None when not given), currency, period."""

    start: int
    end: int
    amount_from: int | None
    amount_to: int | None
    currency: str = "RUB"
    period: str = "month"  # "month", "year", "week", "hour", "day", "shift", "project"
    gross: bool | None = None  # False for «на руки», True for «до вычета», None unknown
    kind: str = "salary"  # "salary", or "bonus" for a премия / bonus figure


@dataclass(frozen=True, slots=True)
class GoalMention:
    """A measurable goal written in the text: a number with what it counts."""

    start: int
    end: int
    value: float = 0.0
    unit: str = ""  # "%", a currency code, "x" (times), "hours", or "" for a count
    metric: str = ""  # the lemma of what is counted: "заявка", "подписчик", "er", "lead"


class _Word:
    """A clause's word with its offsets moved into the whole text (a plain class: a posting
    makes thousands of them)."""

    __slots__ = ("end", "lemmas", "norm", "start", "tags")

    def __init__(self, token: Token, offset: int) -> None:
        self.start, self.end = token.start + offset, token.end + offset
        self.norm, self.lemmas, self.tags = token.norm, token.lemmas, token.tags


@dataclass(frozen=True, slots=True)
class _Reading:
    """A text with its non-amounts blanked, its clause ends, and the words of the clauses
    read so far (only clauses with a number are tokenized: most of a posting has none)."""

    text: str
    masked: str
    bounds: tuple[int, ...]  # offsets where a clause ends
    clauses: dict[int, tuple[tuple[_Word, ...], tuple[int, ...]]]


@memoize("textfacts.readings", key=one_argument)
def _read(text: str) -> _Reading:
    masked = blank_non_amounts(text)
    bounds = tuple(m.start() for m in BOUNDARY.finditer(text))
    return _Reading(text, masked, bounds, {})


def _segment(reading: _Reading, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end)."""
    i = bisect_left(reading.bounds, start)
    seg_start = reading.bounds[i - 1] + 1 if i else 0
    j = bisect_left(reading.bounds, end)
    seg_end = reading.bounds[j] if j < len(reading.bounds) else len(reading.text)
    return seg_start, seg_end


def _words(reading: _Reading, at: int) -> tuple[tuple[_Word, ...], tuple[int, ...]]:
    """The words of the clause holding offset `at` (offsets into the whole text)."""
    seg_start, seg_end = _segment(reading, at, at)
    known = reading.clauses.get(seg_start)
    if known is None:
        tokens = tuple(_Word(t, seg_start) for t in tokenize(reading.text[seg_start:seg_end]))
        known = reading.clauses[seg_start] = (tokens, tuple(t.start for t in tokens))
    return known


def _before(reading: _Reading, start: int, limit: int) -> list[_Word]:
    """Up to `limit` words before `start` in its clause, nearest first, numbers skipped."""
    tokens, starts = _words(reading, start)
    i = bisect_left(starts, start)
    words: list[_Word] = []
    while i > 0 and len(words) < limit:
        i -= 1
        if not tokens[i].norm[:1].isdigit():
            words.append(tokens[i])
    return words


def _after(reading: _Reading, end: int, limit: int) -> list[_Word]:
    """Up to `limit` words after `end` in its clause."""
    tokens, starts = _words(reading, end)
    i = bisect_left(starts, end)
    return list(tokens[i : i + limit])


_MEASURED = METRICS | REPLY_WORDS
_COUNTED = METRICS | NEUTRAL_NOUNS | NOT_PAY_WORDS
_NOT_GOAL = NOT_GOAL_WORDS | PAY_WORDS | BONUS_WORDS
_TARGET = CHANGE_WORDS | KPI_WORDS


def _has(token: _Word, lemmas: frozenset[str]) -> bool:
    return not token.lemmas.isdisjoint(lemmas)


# --- pay ------------------------------------------------------------------------------------


def _pay_cue(reading: _Reading, seg_start: int, start: int) -> str | None:
    """ "pay", "bonus" or "not-pay": the nearest cue word before a figure, if any."""
    words = _before(reading, start, 8)
    cue_at, cue = -1, None
    for token in words:
        if _has(token, NOT_PAY_WORDS) or _has(token, METRICS):
            cue_at, cue = token.start, "not-pay"
        elif _has(token, BONUS_WORDS):
            cue_at, cue = token.start, "bonus"
        elif _has(token, PAY_WORDS):
            cue_at, cue = token.start, "pay"
        if cue:
            break
    window_start = words[-1].start if words else seg_start
    for match in ZP.finditer(reading.text, window_start, start):
        if match.start() > cue_at:
            cue_at, cue = match.start(), "pay"
    return cue


def _thousands(mark: str | None) -> bool:
    """«60–80 тыс.», «70к»: thousands, the way pay is written; «25 млн» is rarely pay."""
    return bool(mark) and multiplier(mark) == 1000


def _noun_follows(reading: _Reading, end: int) -> bool:
    """«5 тыс. сотрудников»: a figure without a currency that counts a noun is no amount."""
    return any("NOUN" in t.tags and not _has(t, PAY_WORDS) for t in _after(reading, end, 1))


def _counts_something(reading: _Reading, end: int, seg_end: int) -> bool:
    """«60 тыс. подписчиков», «10k views»: the figure counts a metric, not money."""
    return any(_has(t, _COUNTED) for t in _after(reading, end, 2))


def _period(reading: _Reading, seg_start: int, end: int, seg_end: int) -> tuple[str, int]:
    """The period pay is given for, and where its words end (`end` when none follow)."""
    match = PERIOD_AFTER.match(reading.text, end, seg_end)
    if match and match.start("u") - end <= 8:
        unit = fold(match.group("u"))
        rest = re.compile(r"\w*").match(reading.text, match.end())  # \w* always matches
        word = rest.end() if rest else match.end()
        if unit.startswith(PIECES):
            return "project", word
        for period, starts in PERIODS:
            if unit.startswith(starts):
                return period, word
    words = PERIOD_WORDS.search(reading.text, seg_start, seg_end)
    if words:
        found = fold(words.group())
        if found.startswith(("почасов", "hourly")):
            return "hour", end
        if found.startswith(("ежедневн", "daily")):
            return "day", end
        if found.startswith(("в год", "годов", "annual")):
            return "year", end
    return "month", end


def _gross(text: str, seg_start: int, start: int, end: int, seg_end: int) -> bool | None:
    after = text[end : min(seg_end, end + 60)]
    before = text[max(seg_start, start - 30) : start]
    for piece in (after, before):
        if NET.search(piece):
            return False
        if GROSS.search(piece):
            return True
    return None


def _pay_mention(reading: _Reading, match: re.Match[str]) -> PayMention | None:
    text = reading.text
    start, end = match.span()
    seg_start, seg_end = _segment(reading, start, end)
    a = number_value(match.group("an"))
    b = number_value(match.group("bn")) if match.group("bn") else None
    mult_a = match.group("am") or match.group("aml")
    mult_b = match.group("bm") or match.group("bml")
    a_scale, b_scale = multiplier(mult_a), multiplier(mult_b)
    if b is not None and not mult_a and mult_b and a < 1000:
        a_scale = b_scale  # «60–80 тыс.»
    currency = currency_code(
        match.group("acb"), match.group("aca"), match.group("bcb"), match.group("bca")
    )
    if currency is None and fold(mult_a or mult_b or "").startswith(("т.", "тр")):
        currency = "RUB"
    cue = _pay_cue(reading, seg_start, start)
    if cue == "not-pay":
        return None
    if cue is None and (
        (currency is None and not _thousands(mult_a or mult_b))
        or (currency is None and _noun_follows(reading, end))
        or NOT_PAY_AFTER.match(text, end, seg_end)
        or _counts_something(reading, end, seg_end)
    ):
        return None
    low = round(a * a_scale)
    high = round(b * b_scale) if b is not None else None
    if not currency and not (mult_a or mult_b) and max(low, high or 0) < 1000:
        return None
    if max(low, high or 0) <= 0:
        return None
    before = text[max(seg_start, start - 16) : start]
    plus = match.group("aplus") or match.group("plus")
    if high is not None:
        amount_from, amount_to = low, high
    elif TO.search(before):
        amount_from, amount_to = None, low
    elif FROM.search(before) or plus:
        amount_from, amount_to = low, None
    else:
        amount_from = amount_to = low
    prefix = re.search(r"(?:от|from|до|up\s+to)\s*:?\s*$", before, re.IGNORECASE)
    if prefix:
        start -= len(before) - prefix.start()
    period, period_end = _period(reading, seg_start, end, seg_end)
    return PayMention(
        start,
        period_end,
        amount_from,
        amount_to,
        currency or "RUB",
        period,
        _gross(text, seg_start, start, end, seg_end),
        "bonus" if cue == "bonus" else "salary",
    )


def find_pay(text: str) -> tuple[PayMention, ...]:
    """Every pay figure the text states, in order."""
    if not any(c.isdigit() for c in text):
        return ()
    reading = _read(text)
    mentions = []
    for match in PAY_SHAPE.finditer(reading.masked):
        mention = _pay_mention(reading, match)
        if mention is not None:
            mentions.append(mention)
    return tuple(mentions)


# --- goals ----------------------------------------------------------------------------------


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    raw = fold(raw)
    if raw in ("%", "п.п.", "п. п.", "pp", "p.p.", "p.p") or raw.startswith(("процент", "percent")):
        return "%"
    if raw.startswith(("раз", "times")) or raw in ("x", "х"):
        return "x"
    return currency_code(raw) or ""


def _goal(reading: _Reading, match: re.Match[str]) -> GoalMention | None:
    text = reading.text
    start, end = match.span()
    seg_start, seg_end = _segment(reading, start, end)
    unit = _unit(match.group("u"))
    metric: _Word | None = None
    time_number = False
    for token in _after(reading, end, 3):
        if _has(token, METRICS):
            metric = token
            break
        if _has(token, TIME_WORDS):
            time_number = True
            break
        if _has(token, NEUTRAL_NOUNS) or token.norm in ("к", "от", "of", "in", "new"):
            continue
        if token.tags & {"ADJF", "PRTF", "ADVB"} or (token.norm.isascii() and not unit):
            continue
        if token.norm[:1].isdigit() or token.tags & {"PREP", "CONJ", "PRCL"} or unit:
            break  # «50 000 в месяц», «5 % от продаж»: read the words before
        return None  # «3 соцсетей», «2 лет»: the number counts something else
    before = _before(reading, start, 6)
    if time_number:
        # «ответ на заявки в течение 2 часов» is the one goal a time makes.
        if not any(_has(t, REPLY_WORDS) for t in before):
            return None
        metric, unit = next(t for t in before if _has(t, REPLY_WORDS)), "hours"
    if metric is None:
        metric = next((t for t in before if _has(t, METRICS)), None)
    if metric is None:
        return None
    whole = _before(reading, start, 40)
    if any(_has(t, _NOT_GOAL) for t in whole):
        return None
    if any(_has(t, QUOTA_WORDS) for t in before[:1]) and metric.start < start:
        return None
    clause = text[seg_start:seg_end]
    past = any(("past" in t.tags and "VERB" in t.tags) or t.norm in PAST_EN for t in whole)
    if (past and not any(t.norm == "чтобы" for t in whole)) or PAST_TIME.search(clause):
        return None
    lead = text[max(seg_start, start - 24) : start]
    rate = _has(metric, RATE_METRICS) or unit == "%"
    tail = _after(reading, end, 12)
    framed = (
        FIRM.search(lead) is not None
        or match.group("plus") is not None
        or ((rate or metric.start < start) and WEAK.search(lead) is not None)
        or (rate and unit != "" and metric.start < start)
        or any(_has(t, _TARGET) for t in (*whole, *tail))
        # A sum a month is a fact about the business unless something makes it a target.
        or (TIME_FRAME.search(clause) is not None and not (currency_code(unit) and not rate))
        or unit == "hours"
    )
    if not framed:
        return None
    scale = multiplier(match.group("m") or match.group("ml"))
    value = number_value(match.group("n")) * scale
    span_start = min(start, metric.start)
    span_end = max(end, metric.end)
    metric_lemma = sorted(metric.lemmas & _MEASURED)[0]
    return GoalMention(span_start, span_end, value, unit, metric_lemma)


def find_goals(text: str) -> tuple[GoalMention, ...]:
    """Every measurable goal the text states, in order."""
    if not any(c.isdigit() for c in text):
        return ()
    reading = _read(text)
    goals: list[GoalMention] = []
    for match in GOAL_SHAPE.finditer(reading.masked):
        goal = _goal(reading, match)
        if goal is not None and not (goals and goal.start < goals[-1].end):
            goals.append(goal)
    return tuple(goals)
