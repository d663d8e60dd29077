"""The words and number shapes `textfacts` reads pay and goals by (pure data).

Lemma sets are folded lemmas as `app.domain.catalog.morph` gives them; the regexes only find the
shapes of numbers, amounts, periods and comparators, never the meaning of a line.
"""

from __future__ import annotations

import re

from app.domain.catalog.morph import fold

# --- number shapes ----------------------------------------------------------------------

_SP = "[ \u00a0\u202f\u2009]"
_NUM = (
    rf"\d{{1,3}}(?:{_SP}\d{{3}}(?!\d))+(?:[.,]\d{{1,2}}(?!\d))?"
    r"|\d{1,3}(?:[.,]\d{3}(?!\d))+"
    r"|\d+(?:[.,]\d{1,2}(?!\d))?"
)
# Thousands and millions: spelled out (with or without a space) or a letter stuck to it.
_MULT_WORD = r"тыс(?:яч[а-я]*|\.)?|т\.\s?р\.?|тр\b|млн\.?|миллион[а-я]*|mln\b|thousand"
_MULT_LETTER = r"[kк](?![а-яa-z])|m(?![a-z])"
_CUR_AFTER = (
    r"₽|руб(?:л[а-я]*)?\.?|р\.|р\b|rub\b|rur\b|usd\b|\$|долл(?:ар[а-я]*)?\.?|eur\b|€|евро\b"
    r"|£|gbp\b|₸|тенге\b|kzt\b|₴|грн\.?|гривен[а-я]*|uah\b|byn\b"
)
_CUR_BEFORE = r"[$€£₽₸₴]|usd\b|eur\b|rub\b|gbp\b"


def _amount(p: str) -> str:
    return (
        rf"(?:(?P<{p}cb>{_CUR_BEFORE})\s?)?(?P<{p}n>{_NUM})(?P<{p}plus>\s?\+(?!\s?\d))?"
        rf"(?:\s?(?P<{p}m>{_MULT_WORD})|(?P<{p}ml>{_MULT_LETTER}))?"
        rf"(?:\s?(?P<{p}ca>{_CUR_AFTER}))?"
    )


PAY_SHAPE = re.compile(
    rf"(?<![\w.,]){_amount('a')}"
    rf"(?:\s*(?P<sep>[-–—]|до\b|to\b|and\b)\s*{_amount('b')})?(?P<plus>\s?\+(?!\s?\d))?",
    re.IGNORECASE,
)
GOAL_SHAPE = re.compile(
    rf"(?<![\w.,])(?P<plus>\+\s?)?(?P<n>{_NUM})"
    rf"(?:\s*(?:[-–—]|до\b|to\b)\s*(?P<n2>{_NUM}))?"
    rf"(?:\s?(?P<m>{_MULT_WORD})|(?P<ml>{_MULT_LETTER}))?"
    r"(?:\s?(?P<u>%|процент[а-я]*|percent\b|п\.\s?п\.|p\.?p\.?(?!\w)|раз(?:а)?\b|times\b"
    rf"|[xх](?![а-яa-z])|{_CUR_AFTER}))?",
    re.IGNORECASE,
)

# Spans that are never amounts: blanked out (same length, so offsets hold).
_LINKS = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
# Every other shape starts with a digit, «+», «№» or the «с»/"from" of a schedule; the
# lookahead lets the engine skip all other positions quickly.
_NOT_AMOUNTS = re.compile(
    r"(?=[\d+№сcf])(?:(?:\+\s?\d{1,3}|\b8)[\s\-–(]*\d{3}[\s\-–)]*\d{3}[\s\-–]*\d{2}[\s\-–]*\d{2}\b"
    r"|\b\d{3}[\s\-]\d{2}[\s\-]\d{2}\b(?!\s*(?:₽|руб|р\b|тыс))"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}[:.]\d{2}\s?[-–—]\s?\d{1,2}[:.]\d{2}\b|\b\d{1,2}:\d{2}\b"
    r"|\b(?:с|c|from)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:до|to|[-–—])\s*\d{1,2}(?:[:.]\d{2})?\b"
    r"(?!\s*(?:тыс|k\b|к\b|000|млн|₽|руб|\$|%))"
    r"|\b\d{1,2}\s?/\s?\d{1,2}\b|№\s?\d+|\d{9,}|\b(?:19|20)\d{2}\s*(?:г\.|год|year))",
    re.IGNORECASE,
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def blank_non_amounts(text: str) -> str:
    """The text with links, e-mails, phones, dates, times, schedules and long digit runs
    turned into spaces (same length, so offsets hold): none of them is an amount."""
    if "@" in text or "http" in text or "www" in text:
        text = _LINKS.sub(_blank, text)
    return _NOT_AMOUNTS.sub(_blank, text)


# Where a clause ends: line breaks, semicolons, bullets, and a sentence mark before
# a capital (so «тыс. рублей» stays one clause).
BOUNDARY = re.compile(r"[\n;•|]|[.!?](?=\s+[A-ZА-ЯЁ«\"(])")


def number_value(raw: str) -> float:
    raw = re.sub(_SP, "", raw)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
        return float(re.sub(r"[.,]", "", raw))
    return float(raw.replace(",", "."))


def multiplier(word: str | None) -> int:
    if not word:
        return 1
    word = fold(word)
    if word.startswith(("млн", "миллион", "mln", "m")):
        return 1_000_000
    return 1000


# --- the words around a number ------------------------------------------------------------


def _lemmas(words: str) -> frozenset[str]:
    return frozenset(words.split())


PAY_WORDS = _lemmas(
    "зарплата заработный зарплатный зп оклад доход заработок зарабатывать вознаграждение "
    "оплата оплачивать плата платить выплата выплачивать гонорар ставка фикс "
    "фиксированный salary pay paid wage compensation earn make income base stipend"
)
BONUS_WORDS = _lemmas("премия бонус бонусы bonus commission комиссия")
NOT_PAY_WORDS = _lemmas(
    "бюджет оборот выручка прибыль стоимость цена чек штраф скидка инвестиция вложение "
    "капитал компенсация компенсировать обед питание аренда обучение курс training "
    "аудитория audience население реклама рекламный инн огрн кпп тираж budget revenue "
    "turnover cost price spend ad ads discount cpl cpc cpa cpm cpv cac cpo roi romi дрр "
    "drr funding investment valuation инвестиции раунд round"
)
COUNT_METRICS = _lemmas(
    "заявка лид подписчик подписка аудитория audience охват продажа просмотр клиент "
    "покупатель заказ переход "
    "клик лайк репост комментарий трафик посетитель визит регистрация обращение выручка "
    "фолловер участник сохранение показ звонок отклик lead follower subscriber reach sale "
    "view impression click visit visitor traffic revenue order like share comment signup "
    "sign-up registration customer client booking call install запись бронирование"
)
RATE_METRICS = _lemmas(
    "er err ctr cr cpl cpc cpa cpm cpv roi romi ltv drr дрр конверсия вовлеченность "
    "вовлечение кликабельность стоимость цена отказ удержание retention engagement "
    "conversion cost bounce"
)
REPLY_WORDS = _lemmas(
    "ответ отвечать ответить реагировать обработать обработка reply respond response answer"
)
METRICS = COUNT_METRICS | RATE_METRICS
TIME_WORDS = _lemmas(
    "месяц мес день неделя год лет лето час ч минута мин квартал сутки month week day "
    "year hour minute quarter yr"
)
# People and accounts count the audience of a metric («охват 10 000 человек»), not a goal.
NEUTRAL_NOUNS = _lemmas("человек пользователь people user уникальный шт штука единица")
CHANGE_WORDS = _lemmas(
    "увеличить увеличивать увеличение повысить повышать повышение рост расти вырасти "
    "прирост нарастить наращивать вырастить снизить снижать снижение сократить уменьшить "
    "довести привлечь привлекать привлечение набрать набирать получать получить приводить "
    "привести обеспечить обеспечивать достичь достигнуть достигать выполнить выполнять "
    "генерировать удерживать держать grow increase boost raise reduce cut lower drive "
    "generate get bring achieve hit deliver gain attract keep double triple удвоить"
)
KPI_WORDS = _lemmas("kpi кпи цель план показатель target goal objective метрика норма норматив")
NOT_GOAL_WORDS = _lemmas("опыт experience кейс case портфолио portfolio резюме стаж")
QUOTA_WORDS = _lemmas(
    "пост публикация сторис ролик рилс видео статья текст post story stories reel video article"
)
# Results already reached are facts, not goals: English past forms (Russian ones are read
# from pymorphy3's tags) and words for the past.
PAST_EN = _lemmas(
    "grew increased boosted doubled tripled achieved reduced raised generated delivered "
    "gained attracted brought drove"
)
PAST_TIME = re.compile(
    r"\blast\s+(?:year|month|quarter|week)|\bin\s+(?:19|20)\d\d\b"
    r"|прошл\w+\s+(?:год|месяц|квартал)|\bв\s+(?:19|20)\d\d\s+год",
    re.IGNORECASE,
)
FIRM = re.compile(
    r"(?<!\w)(?:не\s+менее|не\s+меньше|не\s+ниже|не\s+более|не\s+больше|не\s+выше|не\s+дороже"
    r"|минимум|как\s+минимум|хотя\s+бы|at\s+least|minimum|min\.?|no\s+less\s+than"
    r"|no\s+more\s+than|at\s+most|up\s+to|до|≥|≤|>=|<=|>|<|\+)\s*[:—-]?\s*$",
    re.IGNORECASE,
)
WEAK = re.compile(
    r"(?<!\w)(?:от|более|больше|свыше|выше|ниже|менее|over|above|below|under|more\s+than|less\s+than"
    r"|на|by|в|на\s+уровне|уровень|level|of)\s*[:—-]?\s*$",
    re.IGNORECASE,
)
TIME_FRAME = re.compile(
    r"\bв\s+(?:месяц|неделю|квартал|год|день|сутки)\b|ежемесячн|еженедельн|ежедневн"
    r"|\bза\s+(?:\d+\s+)?(?:месяц|недел|квартал|год|испытательн|первы|полгода|день|сутки)"
    r"|\bна\s+испытательн|\bчерез\s+\d*\s*(?:месяц|недел|год)|\bк\s+концу|по\s+итогам"
    r"|\bв\s+течение|\bper\s+(?:month|week|quarter|day|year)|\ba\s+(?:month|week|day)\b"
    r"|monthly|weekly|daily|\bwithin\b|\bin\s+(?:\d+|the\s+first|first)\s+\w*\s*"
    r"(?:month|week|day|quarter)|\bby\s+the\s+end|\bby\s+(?:month|q\d)|/\s?мес|/\s?month",
    re.IGNORECASE,
)
PERIOD_AFTER = re.compile(
    r"[\s,.(]*(?:/|\bв\b|\bза\b|\bper\b|\ba\b|\ban\b|\beach\b)?\s*(?:1\s)?"
    r"(?P<u>час|ч\b|hour|hr\b|h\b|день|сутки|day|смен|shift|мес|month|mo\b|год|year|yr\b"
    r"|annum|недел|week|проект|project|пост|публикац|ролик|видео|задани|стать|текст|post"
    r"|video|task)",
    re.IGNORECASE,
)
PERIOD_WORDS = re.compile(
    r"почасов|hourly|ежемесячн|monthly|в\s+год|годов[а-я]+\s+доход|annual|ежедневн|daily",
    re.IGNORECASE,
)
NET = re.compile(
    r"на\s+руки|чистыми|после\s+(?:вычета|уплаты|удержания)|за\s+вычетом|\bnet\b|after\s+tax"
    r"|take[-\s]home",
    re.IGNORECASE,
)
GROSS = re.compile(
    r"до\s+(?:вычета|уплаты|удержания)|включая\s+ндфл|с\s+учет\w*\s+ндфл|\bgross\b"
    r"|before\s+tax|гросс|брутто",
    re.IGNORECASE,
)
NOT_PAY_AFTER = re.compile(
    r"[\s,.)]*(?:(?:на|в|для)\s+(?:рекламу|продвижение|таргет|закуп|посев|блогер)"
    r"|(?:рекламн\w*\s+)?бюджет|выручк|оборот|продаж|прибыл"
    r"|(?:за|per)\s+(?:\d+\s+)?(?:заявк|лид|клик|подписчик|переход|регистрац|просмотр|показ"
    r"|lead|click|follower|view|acquisition|impression)"
    r"|(?:on|for)\s+(?:ads|advertising)|ad\s+(?:budget|spend)|in\s+(?:ad\s+)?spend"
    r"|in\s+(?:\w+\s+)?(?:funding|investment|revenue|sales))",
    re.IGNORECASE,
)
FROM = re.compile(r"(?:\bот|\bfrom|starting\s+(?:at|from)|\bmin(?:imum)?)\s*:?\s*$", re.I)
TO = re.compile(r"(?:\bдо|\bup\s+to|\bmax(?:imum)?|\bне\s+более)\s*:?\s*$", re.I)
ZP = re.compile(r"з\s?/\s?п|з\.\s?п\.?|\bзп\b", re.IGNORECASE)
_CURRENCIES = (
    ("RUB", ("₽", "руб", "р", "rub", "rur", "т.р", "тр")),
    ("USD", ("$", "usd", "долл")),
    ("EUR", ("€", "eur", "евро")),
    ("GBP", ("£", "gbp")),
    ("KZT", ("₸", "тенге", "kzt")),
    ("UAH", ("₴", "грн", "гривен", "uah")),
    ("BYN", ("byn",)),
)
PERIODS = (
    ("hour", ("час", "ч", "hour", "hr", "h")),
    ("day", ("день", "сутки", "day")),
    ("shift", ("смен", "shift")),
    ("week", ("недел", "week")),
    ("year", ("год", "year", "yr", "annum")),
    ("month", ("мес", "month", "mo")),
)


def currency_code(*marks: str | None) -> str | None:
    for mark in marks:
        if not mark:
            continue
        mark = fold(mark).strip().rstrip(".")
        for code, starts in _CURRENCIES:
            if any(mark.startswith(s) for s in starts):
                return code
    return None


PIECES = (
    "проект",
    "project",
    "пост",
    "публикац",
    "ролик",
    "видео",
    "задани",
    "стать",
    "текст",
    "post",
    "video",
    "task",
)
