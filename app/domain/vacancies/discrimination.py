"""Spot requirements that Russian law forbids in a job advertisement (pure, no Flask).

Art. 64 of the Labour Code bans restricting hiring by sex, race, nationality, language,
origin, property, family, social or official status, age, place of residence (including
registration there), religion, beliefs and membership of associations. Art. 25 of the
Employment Law (since 2024 part 3 of art. 53 of Federal Law No. 565-FZ «О занятости
населения») bans publishing vacancies with any direct or indirect restriction or
preference of that kind; art. 13.11.1 of the Code of Administrative Offences fines it, and
job boards reject such ads.

Two tiers. An **error** (`discriminatory-requirement`, blocks publishing) is a requirement
on the candidate's sex, age, appearance, nationality or origin, religion, family or
children, or place of residence. A **warning** (`discriminatory-wording`, never blocks) is
wording that is not a requirement but reads as one: «молодой коллектив», "digital native",
«выпускники этого года», «носитель языка», «без вредных привычек», «от 18 лет».

The text is read clause by clause (sentences, list items, lines) and, for context, part by
part (the pieces between commas), on pymorphy3 lemmas and grammemes; regular expressions
only read number shapes (ages, heights) and a few fixed English phrases.

Decisions on borderline wording:

- Who a person word is about decides. «Ищем девушку», «девушка до 30», «SMM-щица» in the
  title, «помощница руководителя» as a list item ask for a woman. A preposition right
  before the word («работа с девушками-блогерами», «одежда для мужчин», «подарки для
  мам»), audience words around it («ЦА — женщины 25–35 лет», "female audience") or team
  words before it («у нас в команде девушки», «наша основательница») make it someone else.
  «Вакансия для девушек», «только для мужчин» are requirements again.
- Feminine job nouns («менеджерка», «студентка», «ассистентку») and feminine addressing
  («ты — ответственная и креативная», a list item «Ответственная, пунктуальная», «готова к
  командировкам», «работала в агентстве») ask for a woman. Masculine job nouns and
  adjectives are the generic form in Russian («ответственный менеджер») and are not flagged;
  only words that name men (мужчина, парень, юноша) are.
- Both sexes named together («мужчина или женщина — неважно», «девушки и парни») is an
  inclusive statement; an equal-opportunity part («пол и возраст значения не имеют»,
  "regardless of gender", «независимо от национальности») clears the categories it names.
- Age numbers count with years or an age word («до 30 лет», «25–35 лет», «не старше 35»,
  «возраст: от 25», "under 30", "aged 25-35"), never as experience («опыт от 3 лет»), the
  company's age («на рынке 15 лет») or the audience's («аудитория 18–24»). A lower bound of
  18 alone («от 18 лет», «старше 18») is only a warning: the law itself asks for adulthood
  in some jobs.
- «Молодой» and "young" about the candidate («ищем молодого специалиста», «молодая», "young
  candidates") are errors; about the team («молодой дружный коллектив», "young team") a
  warning, because it tells older candidates they do not fit; about a company, a brand or
  an audience («молодая компания», «для молодых мам») nothing. A team described as it is
  («в команде молодые специалисты») is not flagged.
- Looks: «внешность» of any kind except neat («опрятная внешность»), «внешние данные»,
  «стройная», «привлекательная» about a person (not «привлекательный контент»), height and
  weight figures, clothes sizes. A dress code or «опрятный внешний вид» is a workplace rule.
- Language: the level is a fair requirement («английский C1», «на уровне носителя»,
  "English to communicate with native speakers"); being a native speaker («носитель
  языка», «родной язык», "native speaker") is a matter of origin, so asking for it is a
  warning. Citizenship and work permits are not flagged: migration law may require them.
- «Без вредных привычек» is not a business quality (prosecutors have fined it) but names no
  protected ground, so it is a warning; «без детей» in the same line is an error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from app.caches import memoize, one_argument
from app.domain.catalog.morph import Token, analyse_word, analyzer, clause_spans
from app.domain.message import Message, msg
from app.domain.vacancies.document import DocLine
from app.domain.vacancies.quality import Scored, Where, finding, quoted

ERROR, WARNING = "error", "warning"


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as words separated by spaces."""
    return frozenset(text.split())


# Russian words below are folded lemmas (lower case, «е» for «ё»), as `app.domain.catalog.morph`
# gives them; English words are matched on the folded word itself, so "man-hours" and
# "women's" never read as "man" or "women".

# --- who the sentence is about ----------------------------------------------------------

# Words that name a sex. A requirement when they name the person wanted («ищем девушку»,
# «девушка до 30»), not when they name the audience, partners or the team.
FEMALE_WORDS = _words("девушка женщина девочка девчонка дама леди барышня мама мать")
MALE_WORDS = frozenset({"мужчина", "парень", "юноша", "джентльмен", "мальчик"})
FEMALE_WORDS_EN = _words("girl girls woman women lady ladies female females")
MALE_WORDS_EN = _words("man men guy guys boy boys male males")

# Feminine animate nouns (pymorphy3 {"NOUN", "anim", "femn"}) that are never the person
# wanted: the audience, customers and people in content («клиентки», «подписчицы»,
# «героини роликов»). Any other feminine person noun for the wanted person («SMM-щица»,
# «помощница», «менеджерка», «студентка») asks for a woman.
FEMININE_NOT_WANTED = _words(
    "клиентка подписчица покупательница читательница зрительница слушательница героиня гостья "
    "пациентка посетительница участница блогерша персона особа"
)
# Feminine nouns of owners and bosses: in a text they usually present the team («основательница
# бренда — Анна»); they are read as the wanted person only after a seek word or in the title.
FEMININE_TEAM_ROLES = _words(
    "основательница владелица руководительница директриса начальница создательница наставница "
    "хозяйка"
)

# Words that make the person after them the one wanted: «ищем», «требуется», «нужна»,
# «приглашаем», «рассматриваем», "looking for", "hiring".
SEEK_LEMMAS = _words(
    "искать разыскивать требоваться нужный приглашать пригласить рассматривать ждать набирать "
    "поиск вакансия подходить подойти приветствоваться предпочтение предпочтительно "
    "желательно кандидат соискатель брать взять принимать нанимать звать позвать"
)
SEEK_WORDS_EN = _words("seeking hiring wanted need needed looking seek require required")
# Before «для»/"for" these make the person after it the one wanted: «вакансия для девушек»,
# «работа только для мужчин», "job for women" (but «одежда для мужчин» is a product).
JOB_BEFORE_FOR = _words(
    "вакансия работа должность позиция подходить только job role position vacancy only suitable"
)
# A preposition right before a person word makes it someone other than the candidate:
# «работа с девушками-блогерами», «подарки для мам», «общение с мужчинами», "for women".
PERSON_PREPOSITIONS = _words(
    "для с со о об про среди у к от между перед над по на for on with among to of about from by"
)
# Words of the audience, customers, products and partners. A person word, an age or
# «молодой» in the same part of a sentence («ЦА — женщины 25–35 лет», «одежда для мужчин»,
# "female audience") describes them, not the candidate.
AUDIENCE_LEMMAS = _words(
    "аудитория ца клиент клиентка подписчица покупательница читательница зрительница "
    "покупатель подписчик пользователь читатель зритель потребитель целевой сегмент товар "
    "одежда обувь продукт продукция магазин бренд блогер инфлюенсер партнер гость посетитель "
    "рынок ниша портрет персонаж герой audience customer client follower subscriber user "
    "buyer reader viewer consumer target segment product clothing wear fashion shop store "
    "brand blogger influencer market persona"
)
# Of those, the words that also clear a person or an age named before them in the same part
# of a sentence: «женщины 25–45 лет — наша аудитория», "women 25-34 are our customers".
AUDIENCE_AFTER = _words(
    "аудитория ца клиент покупатель подписчик пользователь читатель зритель потребитель "
    "сегмент audience customer client follower subscriber user buyer reader viewer consumer "
    "segment"
)
# Words that show the sentence describes the team someone joins, not the candidate:
# «в команде молодые специалисты», «у нас работают девушки», «наша основательница».
TEAM_MARKERS = _words("наш ваш твой мой свой our your my")
TEAM_NOUNS = _words("коллектив команда отдел офис team crew department office")
# A company, a brand or a market may be young; that says nothing about people.
COMPANY_NOUNS = _words(
    "компания бренд стартап проект рынок агентство бизнес направление производство "
    "организация сеть company companies brand startup business market agency project"
)
# Family and audience nouns after «молодой»: «для молодых мам», "young mothers".
YOUNG_AUDIENCE = _words(
    "мама мать родитель семья пара мамочка mother mothers mom moms mum mums parents families "
    "couples audience customers people"
)

# --- age -----------------------------------------------------------------------------------

YOUNG_LEMMAS = frozenset({"молодой", "молодость"})
YOUNG_WORDS_EN = frozenset({"young", "younger", "youthful"})
# Before an age number these make it the experience, the company or the audience:
# «опыт от 3 лет», «на рынке более 15 лет», «аудитория 18–24».
NOT_AGE_LEMMAS = _words(
    "опыт стаж рынок компания история назад существовать работать experience market ago"
)
# Ages only: a number 14–70; «от 18 лет» alone is a warning (the law asks for adulthood
# in some jobs), any other bound is an error.
MIN_AGE, MAX_AGE, ADULT_AGE = 14, 70, 18

# «пенсионного возраста», «студенческого возраста», «среднего возраста».
AGE_ADJECTIVES = _words("пенсионный предпенсионный студенческий молодой зрелый юный")
GRADUATE_LEMMAS = frozenset({"выпускник", "выпускница", "студент"})
# «выпускники этого года», «недавний выпускник», «вчерашний студент».
RECENT_LEMMAS = _words("этот текущий нынешний прошлый недавний вчерашний последний свежий")

# --- appearance ------------------------------------------------------------------------------

# Adjectives about looks: a requirement when they describe a person or a body, not when they
# describe content («привлекательный контент», «стройная система отчётов»).
APPEARANCE_ADJECTIVES = _words(
    "стройный привлекательный красивый симпатичный миловидный фотогеничный худой худощавый "
    "эффектный длинноногий подтянутый"
)
BODY_NOUNS = _words(
    "фигура телосложение внешность лицо улыбка тело волос волосы нога зуб кожа грудь рост вес"
)
# «опрятная внешность» is about grooming, a workplace rule, like «опрятный внешний вид».
NEAT_LEMMAS = frozenset({"опрятный", "аккуратный"})

# Hair colours name looks: «шатенка», «блондинка».
HAIR_NOUNS = _words("шатенка блондинка брюнетка шатен блондин брюнет")

# --- family ---------------------------------------------------------------------------------

CHILD_LEMMAS = frozenset({"ребенок", "дети", "ребеночек"})
# Before «детей» these make a requirement: «без детей», «отсутствие детей», «наличие детей»,
# «не планирующая детей».
CHILD_REQUIREMENT_LEMMAS = _words("без нет отсутствие наличие планировать иметь заводить")
MARRIAGE_LEMMAS = _words(
    "замужем замужний незамужний женатый неженатый холостой бездетный беременный беременность "
    "декрет многодетный"
)

# --- nationality, religion, residence ---------------------------------------------------------

SLAVIC_LEMMAS = frozenset({"славянский", "славянин", "славянка", "европейский", "азиатский"})
ORIGIN_NOUNS = frozenset({"внешность", "происхождение", "национальность", "тип", "наружность"})
RELIGION_ADJECTIVES = _words(
    "православный мусульманский христианский иудейский католический протестантский буддийский "
    "верующий воцерковленный"
)
RELIGION_NOUNS = _words(
    "мусульманин мусульманка христианин христианка иудей католик буддист протестант атеист верующий"
)
PLACE_LEMMAS = _words(
    "мо ло москва спб питер петербург санкт-петербург подмосковье область город регион рф "
    "россия район место край республика округ"
)
PLACE_ADJECTIVES = _words("московский питерский постоянный местный региональный подмосковный")
# With these words in the clause «проживание» is a condition offered, not a requirement.
OFFERED_LEMMAS = _words(
    "предоставлять предоставляться оплачивать оплачиваться компенсация компенсировать помощь "
    "помогать бесплатный жилье общежитие"
)
# After these words «проживание» is a condition offered, not a requirement.
NEARBY_WORDS = _words("рядом недалеко поблизости вблизи близко в на")

# --- equal opportunity ---------------------------------------------------------------------

# An equal-opportunity part of a sentence («пол и возраст значения не имеют», "regardless of
# gender") clears the categories it names.
EQUAL_MARKERS = _words(
    "независимо зависимость дискриминировать дискриминация independently independent неважно "
    "важный значение любой regardless irrespective any all matter equal discriminate"
)
# Of those, the ones that introduce a list running over commas: «независимо от пола,
# возраста, национальности», "regardless of age, gender or origin".
LIST_EQUAL_MARKERS = _words(
    "независимо зависимость дискриминировать дискриминация regardless irrespective "
    "independently discriminate"
)
CATEGORY_NOUNS: dict[str, str] = {
    "пол": "sex",
    "гендер": "sex",
    "возраст": "age",
    "внешность": "appearance",
    "семейный": "family",
    "дети": "family",
    "национальность": "nationality",
    "происхождение": "nationality",
    "раса": "nationality",
    "гражданство": "nationality",
    "вероисповедание": "religion",
    "религия": "religion",
    "убеждение": "religion",
    "прописка": "residence",
    "регистрация": "residence",
    "жительство": "residence",
    "gender": "sex",
    "sex": "sex",
    "age": "age",
    "appearance": "appearance",
    "marital": "family",
    "nationality": "nationality",
    "ethnicity": "nationality",
    "origin": "nationality",
    "race": "nationality",
    "religion": "religion",
    "residence": "residence",
}


# What each category is called in messages ("a requirement on %(names)s", in Russian
# «требование к %(names)s», so the Russian names are in the dative: «полу», «возрасту»).
CATEGORIES: dict[str, Message] = {
    "sex": msg("sex or gender"),
    "age": msg("age"),
    "appearance": msg("appearance"),
    "family": msg("marital status or children"),
    "nationality": msg("nationality, race or origin"),
    "religion": msg("religion or beliefs"),
    "residence": msg("place of residence or registration"),
    "lifestyle": msg("lifestyle"),
}


@dataclass(frozen=True, slots=True)
class Hit:
    """One discriminatory requirement or wording: its category, tier and span in the text."""

    category: str
    severity: str
    start: int
    end: int


# --- number shapes -------------------------------------------------------------------------

_NUM = r"(\d{2})"
_YEARS = r"(\s*-?\s*(ти|и|х))?\s*(лет|года?)\b"
# After an age, the requirement ends: «девушки до 30», «до 30, с опытом» (not «до 30 минут»).
_AGE_END = r"(?=\s*($|[,.;:!?()—-]|и\b|или\b|с\b|без\b|не\b|включительно))"
AGE_PATTERNS_RU = (
    # «до 30 лет», «от 20 до 30 лет», «не старше 35», «моложе 40», «в возрасте от 25»
    re.compile(
        r"\b(не\s+)?(до|от|старше|моложе|младше|в\s+возрасте(\s+от|\s+до)?)\s+"
        + _NUM
        + r"(\s*(-|до)\s*"
        + _NUM
        + r")?\s*\+?("
        + _YEARS
        + r"|"
        + _AGE_END
        + r")"
    ),
    # «25–35 лет», «25-35-ти лет»
    re.compile(r"\b" + _NUM + r"\s*-\s*" + _NUM + _YEARS),
    # «возраст 25–35», «возраст: до 30», «возраст от 25 лет»
    re.compile(r"\bвозраст\w*\s*[:-]?\s*(от\s+|до\s+|не\s+старше\s+)?" + _NUM + r"(\s*-\s*\d{2})?"),
)
AGE_PATTERNS_EN = (
    re.compile(
        r"\b(under|over|below|above|younger\s+than|older\s+than)\s+(the\s+age\s+of\s+)?"
        + _NUM
        + r"(\s*(years?(\s+old)?|y\.?o\.?))?"
        r"(?=\s*($|[.,;:!?)]|and\b|or\b|need\b|only\b|preferred\b|welcome\b|required\b))"
    ),
    re.compile(r"\baged?\s+(between\s+|from\s+)?" + _NUM + r"(\s*(-|to|and)\s*" + _NUM + r")?"),
    re.compile(r"\b" + _NUM + r"\s*(-|to)\s*" + _NUM + r"\s*(years?\s+old|y\.?o\b)"),
    re.compile(r"\b" + _NUM + r"\s*(years?\s+old|y\.?o\b)"),
    re.compile(r"\bbetween\s+(the\s+ages\s+of\s+)?" + _NUM + r"\s+and\s+" + _NUM + r"\b"),
    re.compile(r"\b" + _NUM + r"\s+years\s+of\s+age\b"),
    re.compile(
        r"\bage\s*[:-]\s*(under\s+|up\s+to\s+|from\s+)?" + _NUM + r"(\s*(-|to)\s*" + _NUM + ")?"
    ),
    re.compile(r"\bnot\s+(older|younger)\s+than\b|\bmax(imum)?\s+age\b|\bage\s+limit\b"),
)
# Height, weight and clothes sizes: «рост от 170», «рост не ниже 165 см», «вес до 60 кг».
BODY_PATTERNS = (
    re.compile(
        r"\bрост\w*\s*[:-]?\s*(от|не\s+ниже|не\s+выше|выше|ниже|до|не\s+менее)?\s*1[4-9]\d\b(?!\s*%)"
    ),
    re.compile(r"\bвес\w*\s*[:-]?\s*(от|до|не\s+более|не\s+больше)?\s*\d{2,3}\s*кг"),
    re.compile(r"\bразмер\w*\s+(одежды|груди)|\b(\d{2})\s*-\s*(\d{2})\s+размер"),
    re.compile(r"\bheight\s*:?\s*(of\s+)?(at\s+least\s+|min(imum)?\s+)?1[4-9]\d\s*cm"),
    re.compile(r"\bweight\s*:?\s*(under|below|up\s+to|max(imum)?)?\s*\d{2,3}\s*kg"),
)
# Quick tests that let a clause skip the patterns that cannot match it.
_LATIN = re.compile(r"[a-z]")
_TWO_DIGITS = re.compile(r"\d\d")
_BODY_WORDS = re.compile(r"рост|вес|размер|height|weight")
# Fixed English phrases: (category, severity, pattern).
ENGLISH_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (category, severity, re.compile(pattern))
    for category, severity, pattern in (
        ("sex", ERROR, r"\b(females?|males?|wom[ae]n|m[ae]n|girls|boys|ladies)\s+only\b"),
        ("sex", ERROR, r"\b(gender|sex)\s*[:-]\s*(m|f|male|female)\b"),
        ("age", WARNING, r"\bdigital\s+natives?\b"),
        ("age", WARNING, r"\b(recent|new)\s+(college\s+|university\s+)?grad(uate)?s?\b"),
        ("age", WARNING, r"\bclass\s+of\s+20\d\d\b"),
        ("age", WARNING, r"\bfresh\s+(out\s+of|from)\s+(college|university|school)\b"),
        ("age", WARNING, r"\bgen(eration)?[-\s]?z\b|\bgrew\s+up\s+(with|on)\b"),
        ("age", WARNING, r"поколени\w*\s+(z|зет|зумер)|\bзумер"),
        ("nationality", ERROR, r"\bnative[-\s]born\b"),
        (
            "appearance",
            ERROR,
            r"\b(attractive|pleasant|nice|good|slavic|european|model)\s+(appearance|looks)\b"
            r"|\bgood[-\s]looking\b|\bphotogenic\b|\bslim\s+(figure|build)\b|\bappearance\s*:"
            r"|\battractive\s+(wom[ae]n|girls?|lady|ladies|m[ae]n|candidates?|persons?)\b"
            r"|\b(be|is|are)\s+attractive\b",
        ),
        ("family", ERROR, r"\b(no|without)\s+(kids|children)\b|\bchildless\b|\bpregnan"),
        ("family", ERROR, r"\b(marital|family)\s+status\b|\b(un)?married\b"),
        ("family", ERROR, r"\b(mothers?|moms?|mums?)\s+(on|in)\s+maternity\s+leave\b"),
        (
            "family",
            ERROR,
            r"\bsingle\b(?=\s*($|[,.;:!?)]|and\b|or\b|(wo)?m[ae]n\b|females?\b|males?\b|girls?\b"
            r"|candidates?\b|applicants?\b|mothers?\b))",
        ),
        (
            "nationality",
            ERROR,
            r"\bnationality\b|\bethnicity\b|\bethnic\s+(origin|background|group)\b|\bracial\b"
            r"|\brace\s*:|\bslavic\s+(origin|appearance|looks)\b",
        ),
        (
            "religion",
            ERROR,
            r"\breligio(n|us)\s+(affiliation|beliefs?|views?)\b|\bpolitical\s+views\b"
            r"|\breligion\s*:|\b(christian|muslim|jewish|catholic|orthodox)\s+(candidates?"
            r"|applicants?|only|person|m[ae]n|wom[ae]n)\b",
        ),
        (
            "residence",
            ERROR,
            r"\blocal\s+residents?\s+only\b|\bonly\s+(local\s+)?residents\b|\bmust\s+(live|reside)\b"
            r"|\bregistered\s+address\b|\bresidency\s+requirement|\bresidents\s+of\s+\w+\s+only\b"
            r"|\bmust\s+be\s+(a\s+)?(\w+\s+)?residents?\b",
        ),
        ("lifestyle", WARNING, r"\bnon-?smokers?\b|\bno\s+bad\s+habits\b"),
    )
)
_LANGUAGES_EN = (
    "english|russian|ukrainian|belarusian|german|french|spanish|italian|chinese|polish"
    "|arabic|turkish|kazakh|uzbek|portuguese|japanese|korean|hebrew|dutch"
)
# "native speaker" as a requirement (a warning), not "with native speakers" or "native-level".
_NATIVE_EN = re.compile(
    r"\bnative(\s+(" + _LANGUAGES_EN + r"|level))?\s+speakers?\b"
    r"|\bmother\s+tongue\b|\bnative\s+(" + _LANGUAGES_EN + r")\b(?!\s+speak)"
)
_NATIVE_EN_NOT = re.compile(r"\b(with|to|among|for|alongside|by|and)\s+(\w+\s+){0,2}$")


# One pass that tells whether any of the patterns can match a clause.
_ENGLISH_ANY = re.compile(
    "|".join(f"(?:{p.pattern})" for _, _, p in ENGLISH_PATTERNS) + f"|(?:{_NATIVE_EN.pattern})"
)
_AGE_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (*AGE_PATTERNS_RU, *AGE_PATTERNS_EN)))


# --- the reading ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Clause:
    """A clause's words, which comma part each is in, and where its first seek word is."""

    text: str
    start: int
    tokens: tuple[Token, ...]
    parts: tuple[int, ...]
    seek: int | None
    title: bool

    def part(self, i: int) -> range:
        """Indexes of the words in the same comma part as word i."""
        lo = hi = i
        while lo > 0 and self.parts[lo - 1] == self.parts[i]:
            lo -= 1
        while hi + 1 < len(self.tokens) and self.parts[hi + 1] == self.parts[i]:
            hi += 1
        return range(lo, hi + 1)

    def before(self, i: int, n: int) -> list[Token]:
        """Up to n words before word i in its comma part, nearest last."""
        part = self.part(i)
        return [self.tokens[j] for j in range(max(part.start, i - n), i)]


def _has(tok: Token, words: frozenset[str]) -> bool:
    """Whether one of the word's lemmas is in the set (a set test, not a scan of the set)."""
    return not tok.lemmas.isdisjoint(words)


# Unions of word sets some rules read together.
_FEMALE_WORDS_MALE_WORDS = FEMALE_WORDS | MALE_WORDS
_FEMININE_NOT_WANTED_FEMALE_WORDS = FEMININE_NOT_WANTED | FEMALE_WORDS
_COMPANY_NOUNS_YOUNG_AUDIENCE_AUDIENCE_LEMMAS = COMPANY_NOUNS | YOUNG_AUDIENCE | AUDIENCE_LEMMAS


# The lemmas each rule starts from: words without any of them are passed over at once.
_APPEARANCE_TRIGGERS = (
    HAIR_NOUNS | APPEARANCE_ADJECTIVES | {"внешность", "наружность", "внешний", "спортивный"}
)
_FAMILY_TRIGGERS = CHILD_LEMMAS | MARRIAGE_LEMMAS | {"одинокий", "семейный", "детей", "дети"}
_ORIGIN_TRIGGERS = (
    SLAVIC_LEMMAS
    | RELIGION_NOUNS
    | RELIGION_ADJECTIVES
    | {"национальность", "вероисповедание", "славянин", "славянка", "расовый", "этнический"}
    | {"раса", "носитель", "родной", "язык", "религиозный", "политический", "отношение"}
)
_RESIDENCE_TRIGGERS = frozenset(
    {"прописка", "регистрация", "житель", "иногородний", "местный", "проживать", "жить"}
    | {"проживание"}
)
_SEX_TRIGGERS = FEMALE_WORDS | MALE_WORDS | {"человек", "пол"}
_SEX_WORDS_EN = FEMALE_WORDS_EN | MALE_WORDS_EN
_AGE_TRIGGERS = YOUNG_LEMMAS | {"старше", "моложе", "младше"}
_LIFESTYLE_TRIGGERS = frozenset({"привычка", "некурящий"})


def _is_seek(tok: Token) -> bool:
    return _has(tok, SEEK_LEMMAS) or tok.norm in SEEK_WORDS_EN


def _tag(tok: Token, *grammemes: str) -> bool:
    return tok.tags.issuperset(grammemes)


def _is_verb(tok: Token) -> bool:
    return bool(tok.tags & {"VERB", "INFN"})


def _audience_around(c: _Clause, i: int) -> bool:
    """Audience, product or partner words before word i, or audience words after it, in its
    comma part: the person or age describes them («ЦА — женщины 25–35 лет»)."""
    part = c.part(i)
    before = any(_has(t, AUDIENCE_LEMMAS) for t in c.before(i, 5))
    after = any(_has(c.tokens[j], AUDIENCE_AFTER) for j in range(i + 1, part.stop))
    # «ЦА 25–35 лет, в основном женщины»: the clause opens with the audience.
    opens = bool(c.tokens) and _has(c.tokens[0], AUDIENCE_LEMMAS) and i - part.start <= 3
    return before or after or opens


def _team_before(c: _Clause, i: int) -> bool:
    """«наш», «у нас», «в команде» before word i: the sentence presents the team."""
    words = c.before(i, 6)
    if any(_has(t, TEAM_MARKERS) for t in words):
        return True
    pairs = itertools.pairwise(words)
    return any(a.norm in ("у", "в", "in") and b.has("мы", "команда", "коллектив") for a, b in pairs)


def _team_in_clause(c: _Clause, i: int) -> bool:
    """The clause presents the team before word i: «коллектив молодой, средний возраст 25
    лет», «люди в команде от 20 до 35 лет» (but «ваш возраст» is the candidate's)."""
    words = c.tokens[:i]
    if any(t.has("наш", "our") or _has(t, TEAM_NOUNS) for t in words):
        return True
    return any(a.norm in ("у", "в", "in") and b.has("мы") for a, b in itertools.pairwise(words))


def _wanted(c: _Clause, i: int) -> bool:
    """Whether the person word i is the person the vacancy wants."""
    prev = _skip_modifiers(c.before(i, 5))
    if prev and prev[-1].norm in PERSON_PREPOSITIONS:
        if prev[-1].norm == "к" and len(prev) >= 2 and prev[-2].has("требование"):
            return True  # «требования к соискательнице»
        if prev[-1].norm not in ("для", "for"):
            return False
        return len(prev) >= 2 and _has(prev[-2], JOB_BEFORE_FOR)
    if "-" in c.tokens[i].norm.strip("-") and _compound_of_people(c.tokens[i]):
        # «девушки-блогеры», «женщины-предприниматели»: a group, not the candidate
        return c.seek is not None and c.seek == i - 1
    if c.seek is not None and c.seek < i:
        between = c.tokens[c.seek + 1 : i]
        if not any(_is_verb(t) and not _is_seek(t) for t in between):
            return True
    elif any(_is_verb(t) for t in c.before(i, 6)):
        return False  # «снимаем девушек в платьях», «помогаем мамам»: whom the work is about
    return not (_audience_around(c, i) or _team_before(c, i))


def _skip_modifiers(words: list[Token]) -> list[Token]:
    """The words before a noun without the adjectives and conjunctions right before it:
    «для молодых и активных мам» -> «для»."""
    k = len(words)
    while k and (words[k - 1].tags & {"ADJF", "PRTF", "CONJ"} or words[k - 1].norm == "and"):
        k -= 1
    return words[:k]


def _compound_of_people(tok: Token) -> bool:
    return any(part in _PEOPLE_PARTS for part in tok.norm.split("-")[1:])


# Second halves of compounds naming a group of people: «девушки-блогеры».
_PEOPLE_PARTS = _words(
    "блогер блогеры блогерами блогеров блогерам предприниматели предпринимателей "
    "предпринимательницы модели моделей мамы мам эксперты экспертов клиенты клиентов "
    "фотографы фотографов"
)


def _hit(category: str, severity: str, c: _Clause, a: int, b: int | None = None) -> Hit:
    """A hit spanning words a..b of the clause."""
    first, last = c.tokens[a], c.tokens[a if b is None else b]
    return Hit(category, severity, first.start, last.end)


def _sex_hits(c: _Clause) -> Iterator[Hit]:
    for i, tok in enumerate(c.tokens):
        quick = tok.lemmas.isdisjoint(_SEX_TRIGGERS) and tok.norm not in _SEX_WORDS_EN
        if quick and not ("femn" in tok.tags and "anim" in tok.tags) and "-" not in tok.norm:
            continue
        if _has(tok, _FEMALE_WORDS_MALE_WORDS) and not tok.tags & {"Name", "Surn"}:
            if _wanted(c, i):
                yield _hit("sex", ERROR, c, i)
        elif tok.norm in FEMALE_WORDS_EN or tok.norm in MALE_WORDS_EN:
            if _wanted(c, i) and not _english_not_person(c, i):
                yield _hit("sex", ERROR, c, i)
        elif (tok.has("человек") and i and c.tokens[i - 1].has("молодой")) or (
            tok.has("пол") and i and c.tokens[i - 1].has("мужской", "женский")
        ):
            yield _hit("sex", ERROR, c, i - 1, i)
        elif tok.norm == "пол" and i + 1 < len(c.tokens):
            nxt = c.tokens[i + 1]
            if nxt.norm in ("м", "ж", "муж", "жен") or nxt.has("мужской", "женский"):
                yield _hit("sex", ERROR, c, i, i + 1)
        elif _feminine_person(c, i):
            yield _hit("sex", ERROR, c, i)
    yield from _feminine_address(c)


def _english_not_person(c: _Clause, i: int) -> bool:
    """ "man" in "man-hours", "male" in "male audience": not a person wanted."""
    nxt = c.tokens[i + 1] if i + 1 < len(c.tokens) else None
    return nxt is not None and (
        _has(nxt, AUDIENCE_LEMMAS) or nxt.norm in ("hours", "hour", "power", "day", "days")
    )


def _feminine_person(c: _Clause, i: int) -> bool:
    """A feminine person noun for the wanted person: «SMM-щица», «помощницу», «студентка»."""
    tok = c.tokens[i]
    tags = _head_tags(tok)
    if not tags.issuperset(("NOUN", "anim", "femn")) or tags & {"Name", "Surn", "Patr", "ms-f"}:
        return False
    if not _feminine_word(tok.norm):
        return False  # a word pymorphy3 only guessed («рилсов»)
    if _has(tok, _FEMININE_NOT_WANTED_FEMALE_WORDS):
        return False
    prev = c.before(i, 2)
    asked = (c.seek is not None and c.seek < i) or c.title
    asked = asked or (len(prev) == 2 and prev[0].has("требование") and prev[1].norm == "к")
    if _has(tok, FEMININE_TEAM_ROLES) and not asked:
        return False
    if not _wanted(c, i):
        return False
    if asked:
        return True
    # Otherwise only as the head of a requirement: named, not acted on or acting.
    if tok.tags & {"datv", "ablt", "loct"}:
        return False
    if any(_is_verb(t) or "PRTF" in t.tags for t in c.tokens[:i]):
        return False
    return not any(
        ("VERB" in t.tags and "3per" in t.tags) or _tag(t, "VERB", "past")
        for t in c.tokens[i + 1 :]
    )


# Endings of feminine person nouns (the nominative), for words the dictionary lacks:
# «менеджерка», «SMM-щица», «копирайтерша», «таргетологиня», «стюардесса».
FEMININE_ENDINGS = ("щица", "чица", "ница", "ка", "ша", "есса", "иня")
_CASE_ENDING = re.compile(r"(ами|ями|ей|ой|ам|ям|ах|ях|у|ю|е|и|ы|а|я)$")


@memoize("discrimination.feminine_words", key=one_argument)
def _feminine_word(norm: str) -> bool:
    """A feminine person noun pymorphy3 knows, or a new one with a feminine ending (not a
    word it only guessed the gender of, like «рилсов»)."""
    word = norm.strip("-").rsplit("-", 1)[-1]
    if analyzer().word_is_known(word):
        return True
    base = _CASE_ENDING.sub("", word)
    return (base + "а").endswith(FEMININE_ENDINGS) or (base + "я").endswith(FEMININE_ENDINGS)


def _head_tags(tok: Token) -> frozenset[str]:
    """The grammemes of a word, or of a compound's last part when pymorphy3 reads the whole
    compound as something else («контент-менеджерка» is a feminine person like «менеджерка»)."""
    if "-" not in tok.norm.strip("-") or tok.tags.issuperset(("NOUN", "anim")):
        return tok.tags
    return analyse_word(tok.norm.strip("-").rsplit("-", 1)[1])[1]


def _feminine_form(tok: Token) -> bool:
    """A feminine singular adjective, participle or past verb: «ответственная», «готова»,
    «работала»."""
    if not _tag(tok, "femn", "sing") and not _tag(tok, "femn", "ADJS"):
        return False
    if tok.tags & {"ADJF", "PRTF"}:
        # qualities («ответственная», «мотивированная»), not places («Таганская»)
        quality = tok.tags & {"Qual", "PRTF"} or any(
            lemma.endswith(("ованный", "енный", "анный")) for lemma in tok.lemmas
        )
        return bool(quality) and "nomn" in tok.tags and "Apro" not in tok.tags
    return bool(tok.tags & {"ADJS"}) or _tag(tok, "VERB", "past")


def _agrees_with_noun(c: _Clause, i: int) -> bool:
    """The adjective i describes a feminine noun that follows («грамотная речь»), or an
    unknown word follows it («стабильная ЗП»)."""
    for t in c.tokens[i + 1 : i + 5]:
        if t.norm.endswith("-"):
            continue  # «фото- и видеосъёмка»: the noun comes after the hanging part
        if not t.tags or "UNKN" in t.tags or "LATN" in t.tags:
            return True
        if "NOUN" in t.tags:
            return "femn" in t.tags and bool(t.tags & {"nomn", "accs"})
        if not t.tags & {"ADJF", "CONJ", "ADVB", "PRCL", "PRTF", "ADJS"}:
            return False
    return False


def _feminine_address(c: _Clause) -> Iterator[Hit]:
    """«Ты — ответственная и креативная», a list item «Ответственная, пунктуальная»."""
    tokens = c.tokens
    for i, tok in enumerate(tokens):
        if tok.norm in ("ты", "вы") or ("2per" in tok.tags and "sing" in tok.tags):
            for j in range(i + 1, min(i + 7, len(tokens))):
                if c.parts[j] != c.parts[i]:
                    break
                t = tokens[j]
                if _feminine_form(t) and not _agrees_with_noun(c, j):
                    yield _hit("sex", ERROR, c, i if tok.norm in ("ты", "вы") else j, j)
                    return
                if "NOUN" in t.tags and tok.norm in ("ты", "вы"):
                    break
    if c.seek is not None:
        # «ищем ту самую — креативную и внимательную»
        for j in range(c.seek + 1, min(c.seek + 7, len(tokens))):
            t = tokens[j]
            quality = t.tags & {"Qual", "PRTF"} and _tag(t, "femn", "sing")
            if quality and t.tags & {"nomn", "accs"} and not _agrees_with_noun(c, j):
                if not _has(t, APPEARANCE_ADJECTIVES):
                    yield _hit("sex", ERROR, c, j)
                return
    first = next(
        (i for i, t in enumerate(tokens) if not t.tags & {"ADVB", "PRCL", "CONJ", "INTJ"}), None
    )
    if first is None:
        return
    tok = tokens[first]
    if _feminine_form(tok) and not _agrees_with_noun(c, first) and not c.seek:
        if _has(tok, APPEARANCE_ADJECTIVES):
            return  # read as appearance below; «Стройная» is flagged once
        yield _hit("sex", ERROR, c, first)


def _age_number_hits(c: _Clause, patterns: Iterable[re.Pattern[str]]) -> Iterator[Hit]:
    folded = c.text
    if not _TWO_DIGITS.search(folded) or not _AGE_ANY.search(folded):
        return
    for pattern in patterns:
        for m in pattern.finditer(folded):
            numbers = [int(n) for n in re.findall(r"\d{2}", m.group())]
            if numbers and not all(MIN_AGE <= n <= MAX_AGE for n in numbers):
                continue
            start, end = c.start + m.start(), c.start + m.start() + len(m.group().rstrip())
            i = _token_at(c, start)
            if re.match(r"\s*[:.,]\d", folded[m.end() :]):
                continue  # «до 19:00», «до 30.06»: a time or a date
            if i is None or _not_an_age(c, i, m.group()):
                continue
            adult = (
                numbers
                and max(numbers) <= ADULT_AGE
                and not re.search(r"\b(до|under|below|younger|моложе|младше)\b|-", m.group())
            )
            team = c.seek is None and _team_in_clause(c, i)
            yield Hit("age", WARNING if adult or team else ERROR, start, end)


def _token_at(c: _Clause, offset: int) -> int | None:
    for i, t in enumerate(c.tokens):
        if t.end > offset:
            return i
    return None


def _not_an_age(c: _Clause, i: int, matched: str) -> bool:
    """The number is experience, the company's age or the audience's («опыт от 3 лет»)."""
    if re.match(r"(возраст|в\s+возрасте|не\s+старше|старше|моложе|младше)", matched):
        return _audience_around(c, i) and not (c.seek is not None and c.seek < i)
    words = c.before(i, 4)
    if any(_has(t, NOT_AGE_LEMMAS) for t in words):
        return True
    k = len(words)
    while k and words[k - 1].text.isdigit():
        k -= 1
    if k < len(words) and k and words[k - 1].norm in ("с", "from"):
        return True  # «с 10 до 19», «с 10:00 до 19:00»: hours
    seek_before = c.seek is not None and c.seek < i
    if not seek_before and _people_after_preposition(words):
        return True  # «контент для подростков 14–17 лет», «реклама на женщин 30–45 лет»
    if any(c.tokens[j].has("назад", "ago") for j in c.part(i) if j > i):
        return True
    if c.seek is not None and c.seek < i:
        return False
    return _audience_around(c, i)


def _people_after_preposition(words: list[Token]) -> bool:
    """«для подростков», «на мужчин», "for women": people the work is for or aimed at."""
    for k, t in enumerate(words[:-1]):
        if t.norm in ("для", "на", "for", "at"):
            rest = [x for x in words[k + 1 :] if not x.tags & {"ADJF", "PRTF"}]
            if rest and ("anim" in rest[0].tags or rest[0].norm in _SEX_WORDS_EN):
                return True
    return False


def _age_word_hits(c: _Clause) -> Iterator[Hit]:
    tokens = c.tokens
    for i, tok in enumerate(tokens):
        quick = tok.lemmas.isdisjoint(_AGE_TRIGGERS) and tok.norm not in YOUNG_WORDS_EN
        if quick and "NUMR" not in tok.tags:
            continue
        young = _has(tok, YOUNG_LEMMAS) and (
            "NOUN" not in tok.tags
            or not (i + 1 < len(tokens) and "NOUN" in tokens[i + 1].tags)  # «молодость бренда»
        )
        if not young and tok.norm not in YOUNG_WORDS_EN:
            if tok.has("старше", "моложе", "младше") and i + 1 < len(tokens):
                nxt = tokens[i + 1]
                if "NUMR" in nxt.tags and not _not_an_age(c, i, tok.norm):
                    yield _hit("age", ERROR, c, i, i + 1)
            elif _number_word_age(c, i):
                # «до тридцати лет»
                yield _hit("age", ERROR, c, i - 1, i + 1)
            continue
        described = _young_describes(c, i)
        if described == "team":
            yield _hit("age", WARNING, c, i)
        elif described == "person":
            yield _hit("age", ERROR, c, i)
    for i, tok in enumerate(tokens):
        aged = tok.has("возраст") and i and _has(tokens[i - 1], AGE_ADJECTIVES)
        if aged and not _audience_around(c, i) and not _cleared_age_word(c, i):
            # «пенсионного возраста», «студенческого возраста»
            yield _hit("age", ERROR, c, i - 1, i)
    yield from _graduate_hits(c)


def _number_word_age(c: _Clause, i: int) -> bool:
    tokens = c.tokens
    return (
        "NUMR" in tokens[i].tags
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].norm in ("до", "от")
        and tokens[i + 1].has("год", "лет")
        and not _not_an_age(c, i - 1, tokens[i - 1].norm)
    )


def _cleared_age_word(c: _Clause, i: int) -> bool:
    prev = _skip_modifiers(c.before(i, 4))
    return bool(prev) and prev[-1].norm in ("для", "о", "про", "for")


def _young_describes(c: _Clause, i: int) -> str:
    """What «молодой»/"young" at word i describes: "team", "person" or "" (something else)."""
    for t in c.tokens[i + 1 : i + 5]:
        if _has(t, TEAM_NOUNS) or t.norm in TEAM_NOUNS:
            return "team"
        if _has(t, _COMPANY_NOUNS_YOUNG_AUDIENCE_AUDIENCE_LEMMAS):
            return ""
        if t.norm in COMPANY_NOUNS or t.norm in YOUNG_AUDIENCE:
            return ""
        if "NOUN" in t.tags or not (
            t.tags & {"ADJF", "PRTF", "CONJ", "ADVB", "PRCL"} or t.norm in _AND
        ):
            break
    head = [t for t in c.before(i, 3) if _has(t, TEAM_NOUNS) or t.norm in TEAM_NOUNS]
    if head and not head[-1].tags & {"loct", "datv", "ablt"}:
        return "team"  # «команда молодых ребят», «коллектив молодой»
    prev = c.before(i, 2)
    if prev and prev[-1].norm in ("для", "for"):
        return "person" if len(prev) == 2 and _has(prev[0], JOB_BEFORE_FOR) else ""
    if prev and prev[-1].norm in PERSON_PREPOSITIONS:
        return ""
    seek_before = c.seek is not None and c.seek < i
    if (
        not seek_before
        and prev
        and _tag(prev[-1], "NOUN", "inan")
        and c.tokens[i].tags & {"gent", "datv", "ablt", "loct"}
    ):
        return ""  # «продвижение молодых артистов»: whom the work is for
    if not seek_before and (_team_before(c, i) or _audience_around(c, i)):
        return ""
    return "person"


_AND = _words("and & dynamic energetic friendly growing")


def _graduate_hits(c: _Clause) -> Iterator[Hit]:
    """«выпускники этого года», «недавний выпускник», «выпускница 2024 года»."""
    for i, tok in enumerate(c.tokens):
        if not _has(tok, GRADUATE_LEMMAS):
            continue
        near = c.tokens[max(0, i - 2) : i + 4]
        if (
            any(_has(t, RECENT_LEMMAS) for t in near)
            or re.search(r"20\d\d", c.text[tok.end - c.start : tok.end - c.start + 12])
            or tok.has("вчерашний")
            or (c.seek is not None and c.seek < i)
        ):
            yield _hit("age", WARNING, c, i)


def _appearance_hits(c: _Clause) -> Iterator[Hit]:
    tokens = c.tokens
    for i, tok in enumerate(tokens):
        if tok.lemmas.isdisjoint(_APPEARANCE_TRIGGERS):
            continue
        if tok.has("внешность", "наружность"):
            if not any(_has(t, NEAT_LEMMAS) for t in c.before(i, 2)):
                yield _hit("appearance", ERROR, c, max(0, i - 1) if i and _adj(c, i - 1) else i, i)
        elif _has(tok, HAIR_NOUNS):
            yield _hit("appearance", ERROR, c, i)
        elif tok.has("внешний") and i + 1 < len(tokens) and tokens[i + 1].has("данные"):
            yield _hit("appearance", ERROR, c, i, i + 1)
        elif _has(tok, APPEARANCE_ADJECTIVES) and "NOUN" not in tok.tags:
            if _about_a_person(c, i):
                yield _hit("appearance", ERROR, c, i)
        elif tok.has("спортивный") and i + 1 < len(tokens) and _has(tokens[i + 1], BODY_NOUNS):
            yield _hit("appearance", ERROR, c, i, i + 1)
    for pattern in BODY_PATTERNS if _BODY_WORDS.search(c.text) else ():
        for m in pattern.finditer(c.text):
            yield Hit("appearance", ERROR, c.start + m.start(), c.start + m.end())


def _adj(c: _Clause, i: int) -> bool:
    return bool(c.tokens[i].tags & {"ADJF", "PRTF"})


def _about_a_person(c: _Clause, i: int) -> bool:
    """An adjective about a person or a body («стройная девушка», «стройная фигура», a bare
    «Стройная»), not about a thing («привлекательный контент»)."""
    for t in c.tokens[i + 1 : i + 4]:
        if c.parts[c.tokens.index(t)] != c.parts[i]:
            break
        if "NOUN" in t.tags:
            return "anim" in t.tags or _has(t, BODY_NOUNS)
        if not t.tags & {"ADJF", "CONJ", "ADVB", "PRCL", "PRTF"}:
            break
    nouns = [t for t in c.before(i, 4) if "NOUN" in t.tags]
    return not nouns or "anim" in nouns[-1].tags


def _family_hits(c: _Clause) -> Iterator[Hit]:
    tokens = c.tokens
    for i, tok in enumerate(tokens):
        if tok.lemmas.isdisjoint(_FAMILY_TRIGGERS):
            continue
        if (_has(tok, CHILD_LEMMAS) and "NOUN" in tok.tags) or tok.norm in ("детей", "дети"):
            before = c.before(i, 4)
            if before and before[-1].norm in ("с", "со", "для", "о", "про", "к", "у"):
                continue
            req = [j for j, t in enumerate(before) if _has(t, CHILD_REQUIREMENT_LEMMAS)]
            if req:
                yield Hit("family", ERROR, before[req[-1]].start, tok.end)
        elif _has(tok, MARRIAGE_LEMMAS):
            if not _audience_around(c, i) and not _preposition_before(c, i):
                yield _hit("family", ERROR, c, i)
        elif tok.has("одинокий") and (i + 1 >= len(tokens) or "NOUN" not in tokens[i + 1].tags):
            yield _hit("family", ERROR, c, i)
        elif (tok.has("одинокий") and _has(tokens[i + 1], _FEMALE_WORDS_MALE_WORDS)) or (
            tok.has("семейный") and i + 1 < len(tokens) and tokens[i + 1].has("положение")
        ):
            yield _hit("family", ERROR, c, i, i + 1)


def _preposition_before(c: _Clause, i: int) -> bool:
    """«для мам в декрете», «о беременности»: the word describes someone or something else."""
    return any(t.norm in ("для", "о", "про", "об", "for", "about") for t in c.before(i, 4))


def _origin_hits(c: _Clause) -> Iterator[Hit]:
    tokens = c.tokens
    for i, tok in enumerate(tokens):
        if tok.lemmas.isdisjoint(_ORIGIN_TRIGGERS):
            continue
        if tok.has("национальность", "вероисповедание"):
            yield _hit("nationality" if tok.has("национальность") else "religion", ERROR, c, i)
        elif tok.has("славянин", "славянка"):
            yield _hit("nationality", ERROR, c, i)
        elif _has(tok, SLAVIC_LEMMAS) and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if _has(nxt, ORIGIN_NOUNS) or _tag(nxt, "NOUN", "anim"):
                yield _hit("nationality", ERROR, c, i, i + 1)
        elif tok.has("расовый", "этнический", "раса") and i + 1 < len(tokens):
            if tokens[i + 1].has("принадлежность", "происхождение", "признак"):
                yield _hit("nationality", ERROR, c, i, i + 1)
        elif tok.has("носитель"):
            yield from _native_speaker(c, i)
        elif (tok.has("родной") and i + 1 < len(tokens) and tokens[i + 1].has("язык")) or (
            tok.has("язык") and i + 1 < len(tokens) and tokens[i + 1].has("родной")
        ):
            yield _hit("nationality", WARNING, c, i, i + 1)
        elif (_has(tok, RELIGION_NOUNS) and "NOUN" in tok.tags) or tok.has("мусульманин"):
            if _wanted(c, i):
                yield _hit("religion", ERROR, c, i)
        elif _has(tok, RELIGION_ADJECTIVES) and _about_a_person(c, i):
            yield _hit("religion", ERROR, c, i)
        elif tok.has("религиозный", "политический") and i + 1 < len(tokens):
            if tokens[i + 1].has("взгляд", "убеждение", "принадлежность"):
                yield _hit("religion", ERROR, c, i, i + 1)
        elif tok.has("отношение") and i + 2 < len(tokens) and tokens[i + 2].has("религия"):
            yield _hit("religion", ERROR, c, i, i + 2)


def _native_speaker(c: _Clause, i: int) -> Iterator[Hit]:
    """«Носитель языка» as a requirement is a warning; «на уровне носителя» and «общение с
    носителями» are not requirements of origin."""
    before = c.before(i, 2)
    if before and (before[-1].has("уровень") or before[-1].norm in PERSON_PREPOSITIONS):
        return
    if any(t.has("уровень", "общение", "общаться") for t in c.before(i, 4)):
        return
    yield _hit("nationality", WARNING, c, i)


def _residence_hits(c: _Clause) -> Iterator[Hit]:
    tokens = c.tokens
    for i, tok in enumerate(tokens):
        if tok.lemmas.isdisjoint(_RESIDENCE_TRIGGERS):
            continue
        before = c.before(i, 2)
        if tok.has("прописка"):
            if not (before and before[-1].norm == "без"):
                yield _hit("residence", ERROR, c, i)
        elif tok.has("регистрация") and _registration_at_a_place(c, i):
            yield _hit("residence", ERROR, c, i, min(i + 2, len(tokens) - 1))
        elif tok.has("житель") and "NOUN" in tok.tags:
            if _wanted(c, i) and not tok.tags & {"datv", "ablt", "loct"}:
                yield _hit("residence", ERROR, c, i)
        elif tok.has("иногородний"):
            offered = any(_has(t, OFFERED_LEMMAS) for t in c.tokens)
            if not (before and before[-1].norm == "для") and not offered:
                yield _hit("residence", ERROR, c, i)
        elif tok.has("местный") and before and before[-1].norm in ("только", "only"):
            yield _hit("residence", ERROR, c, i)
        elif tok.has("проживать", "жить") and tok.tags & {"PRTF", "VERB", "INFN"}:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt and nxt.norm in NEARBY_WORDS and not _audience_around(c, i):
                yield _hit("residence", ERROR, c, i, i + 1)
        elif tok.has("проживание") and "NOUN" in tok.tags:
            near = tokens[i + 1 : i + 4]
            offered = any(_has(t, OFFERED_LEMMAS) for t in c.tokens)
            if any(t.has("обязательный", "обязательно", "рядом", "недалеко") for t in near):
                yield _hit("residence", ERROR, c, i)
            elif near and near[0].norm in ("в", "на") and not offered:
                yield _hit("residence", ERROR, c, i, i + min(2, len(near)))
            elif before and before[-1].norm == "только":
                yield _hit("residence", ERROR, c, i)


def _registration_at_a_place(c: _Clause, i: int) -> bool:
    """«регистрация в МО», «регистрация по месту жительства», «московская регистрация», not
    «регистрация на вебинар» or «регистрация в сервисе»."""
    prev = c.tokens[i - 1] if i else None
    if prev is not None and _has(prev, PLACE_ADJECTIVES):
        return True
    nxt = c.tokens[i + 1 : i + 3]
    if len(nxt) == 2 and nxt[0].norm in ("в", "по"):
        place = nxt[1]
        return _has(place, PLACE_LEMMAS) or "Geox" in place.tags
    return False


def _lifestyle_hits(c: _Clause) -> Iterator[Hit]:
    for i, tok in enumerate(c.tokens):
        if tok.lemmas.isdisjoint(_LIFESTYLE_TRIGGERS):
            continue
        if tok.has("привычка") and i and c.tokens[i - 1].has("вредный"):
            before = c.before(i - 1, 2)
            if before and before[-1].has("без", "отсутствие", "нет"):
                yield _hit("lifestyle", WARNING, c, i - 1, i)
        elif tok.has("некурящий"):
            yield _hit("lifestyle", WARNING, c, i)


def _english_hits(c: _Clause) -> Iterator[Hit]:
    folded = c.text
    if not _LATIN.search(folded) or not _ENGLISH_ANY.search(folded):
        return
    for category, severity, pattern in ENGLISH_PATTERNS:
        for m in pattern.finditer(folded):
            yield Hit(category, severity, c.start + m.start(), c.start + m.end())
    for m in _NATIVE_EN.finditer(folded):
        if not _NATIVE_EN_NOT.search(folded[: m.start()]):
            yield Hit("nationality", WARNING, c.start + m.start(), c.start + m.end())


RULES = (
    _sex_hits,
    _age_word_hits,
    _appearance_hits,
    _family_hits,
    _origin_hits,
    _residence_hits,
    _lifestyle_hits,
    _english_hits,
)


def _cleared(c: _Clause, hit: Hit) -> bool:
    """An equal-opportunity part names the hit's category («возраст не важен», "regardless
    of gender"), or the part names both sexes («мужчина или женщина»)."""
    i = _token_at(c, hit.start)
    if i is None:
        return False
    part = [c.tokens[j] for j in c.part(i)]
    if hit.category == "sex":
        female = any(_has(t, FEMALE_WORDS) or t.norm in FEMALE_WORDS_EN for t in c.tokens)
        male = any(_has(t, MALE_WORDS) or t.norm in MALE_WORDS_EN for t in c.tokens)
        if female and male:
            return True
    if any(_has(t, LIST_EQUAL_MARKERS) for t in c.tokens):
        # «независимо от пола, возраста, национальности»: the list runs over the commas
        part = list(c.tokens)
    elif not any(_has(t, EQUAL_MARKERS) for t in part) and not _negated_requirement(part):
        return False
    named = {cat for t in part for lemma, cat in CATEGORY_NOUNS.items() if t.has(lemma)}
    if any(_has(t, _FEMALE_WORDS_MALE_WORDS) for t in part):
        named.add("sex")
    return hit.category in named


def _negated_requirement(part: list[Token]) -> bool:
    """«прописка не нужна», «регистрация не обязательна», «не требуется»."""
    return any(
        a.norm == "не" and b.has("нужный", "обязательный", "обязательно", "требоваться", "иметь")
        for a, b in itertools.pairwise(part)
    )


def _clauses(text: str, title: bool) -> Iterator[_Clause]:
    folded = text.lower().replace("ё", "е")
    folded = re.sub(r"[\u2010-\u2015\u2212]", "-", folded).replace("\u00a0", " ")
    for start, end, group in clause_spans(text):
        parts, part = [], 0
        for k, tok in enumerate(group):
            if k and "," in text[group[k - 1].end : tok.start]:
                part += 1
            parts.append(part)
        seek = next((k for k, t in enumerate(group) if _is_seek(t)), None)
        yield _Clause(folded[start:end], start, group, tuple(parts), seek, title)


def discrimination_hits(text: str, *, title: bool = False) -> tuple[Hit, ...]:
    """Every discriminatory requirement (severity "error") and wording ("warning") of a
    text, in text order; `title` reads the text as a job title, where a person noun always
    names the person wanted."""
    if len(text) <= _MEMO_CHARS:
        return _memo_hits(text, title)
    return _hits(text, title)


# Lines repeat across vacancies (most come from the catalog): a line's answer is kept.
_MEMO_CHARS = 500


@memoize("discrimination.lines")
def _memo_hits(text: str, title: bool) -> tuple[Hit, ...]:
    return _hits(text, title)


def _hits(text: str, title: bool) -> tuple[Hit, ...]:
    if len(text) > _MEMO_CHARS and "\n" in text:
        # Clauses never cross a line: read a long text line by line, so its unchanged
        # lines are answered from the memo when the text is read again after an edit.
        hits: list[Hit] = []
        base = 0
        for line in text.split("\n"):
            for h in discrimination_hits(line, title=title):
                hits.append(Hit(h.category, h.severity, h.start + base, h.end + base))
            base += len(line) + 1
        return tuple(hits)
    return _line_hits(text, title)


def _line_hits(text: str, title: bool) -> tuple[Hit, ...]:
    found: dict[tuple[str, int], Hit] = {}
    for c in _clauses(text, title):
        for rule in RULES:
            for hit in rule(c):
                if not _cleared(c, hit):
                    key = (hit.category, hit.start)
                    if key not in found or hit.severity == ERROR:
                        found[key] = hit
        for hit in _age_number_hits(c, (*AGE_PATTERNS_RU, *AGE_PATTERNS_EN)):
            if not _cleared(c, hit) and ("age", hit.start) not in found:
                found[("age", hit.start)] = hit
    return _merged(sorted(found.values(), key=lambda h: (h.start, h.end, h.category)))


def _merged(hits: list[Hit]) -> tuple[Hit, ...]:
    """Overlapping hits of one category and tier as one: «возраст до 35» and «до 35 лет»
    are «возраст до 35 лет»."""
    out: list[Hit] = []
    for hit in hits:
        same = next(
            (
                k
                for k, h in enumerate(out)
                if (h.category, h.severity) == (hit.category, hit.severity) and hit.start < h.end
            ),
            None,
        )
        if same is None:
            out.append(hit)
        else:
            h = out[same]
            out[same] = Hit(h.category, h.severity, h.start, max(h.end, hit.end))
    return tuple(out)


def discriminatory_categories(text: str) -> tuple[str, ...]:
    """Categories of forbidden requirements (errors only) in the text, in CATEGORIES order."""
    found = {hit.category for hit in discrimination_hits(text) if hit.severity == ERROR}
    return tuple(category for category in CATEGORIES if category in found)


def category_names(categories: Iterable[str]) -> Message:
    """One category or more joined for a message: «полу и возрасту», "sex or gender and
    age"."""
    names = [CATEGORIES[c] for c in categories]
    joined = names[0]
    for name in names[1:-1]:
        joined = msg("%(names)s, %(name)s", names=joined, name=name)
    if len(names) > 1:
        joined = msg("%(names)s and %(name)s", names=joined, name=names[-1])
    return joined


# --- findings --------------------------------------------------------------------------------

# Where a Markdown field is, for messages: «В разделе «О компании», в строке «…», есть…».
MARKDOWN_PLACES: dict[str, Message] = {
    "intro_md": msg("The “About the company” section"),
    "conditions_md": msg("The “Conditions” section"),
    "apply_md": msg("The “How to apply” section"),
}

# How to word a warning's category neutrally.
WARNING_ADVICE: dict[str, Message] = {
    "age": msg(
        "Describe the team and the work without age (“a friendly team”, “we train”), name "
        "the skills instead of “digital native” or “recent graduates”, and keep an age limit "
        "only where the law requires it."
    ),
    "nationality": msg(
        "Ask for the level of the language (C1, C2, “fluent”), not for it being native."
    ),
    "lifestyle": msg(
        "Drop the requirement on habits; workplace rules (a smoke-free office, say) belong "
        "in the conditions."
    ),
}
_DEFAULT_ADVICE = msg("Word it neutrally: about the work, the skills and the experience.")


def _sentences(sentences: Sequence[Message]) -> Message:
    """Sentences one after another, a space between them."""
    text = sentences[0]
    for sentence in sentences[1:]:
        text = msg("%(text)s %(sentence)s", text=text, sentence=sentence)
    return text


def _place(line: DocLine) -> Message | None:
    """Where the line is, for a message that starts with it, or None for a list item (its
    messages name the item itself: «В пункте «…» есть…», "“…” sets…")."""
    if line.field == "title":
        return msg("The job title")
    if line.field in MARKDOWN_PLACES:
        return msg(
            "%(place)s, in the line %(line)s,",
            place=MARKDOWN_PLACES[line.field],
            line=quoted(line.text),
        )
    return None


def _error_finding(line: DocLine, names: Message, sex: bool, where: Where) -> Scored:
    place = _place(line)
    if place is None:
        message = msg(
            "%(line)s sets a requirement on %(names)s. Article 64 of the Russian Labour "
            "Code forbids restricting hiring on such grounds, and article 25 of the Employment "
            "Law (since 2024 part 3 of article 53 of Federal Law No. 565-FZ) forbids publishing "
            "such vacancies: it is fined under article 13.11.1 of the Code of Administrative "
            "Offences, and job boards reject such ads.",
            line=quoted(line.text),
            names=names,
        )
    else:
        message = msg(
            "%(place)s sets a requirement on %(names)s. Article 64 of the Russian Labour "
            "Code forbids restricting hiring on such grounds, and article 25 of the Employment "
            "Law (since 2024 part 3 of article 53 of Federal Law No. 565-FZ) forbids publishing "
            "such vacancies: it is fined under article 13.11.1 of the Code of Administrative "
            "Offences, and job boards reject such ads.",
            place=place,
            names=names,
        )
    if sex:
        suggestion = msg(
            "Drop the requirement on %(names)s and describe the skills and experience "
            "the job needs instead. Address the candidate neutrally: “SMM manager”, "
            "“candidate”, “you”.",
            names=names,
        )
    else:
        suggestion = msg(
            "Drop the requirement on %(names)s and describe the skills and experience "
            "the job needs instead.",
            names=names,
        )
    return finding(
        "discriminatory-requirement",
        line.item,
        message,
        suggestion,
        penalty=25,
        where=where,
        severity=ERROR,
    )


def _warning_finding(line: DocLine, categories: list[str], where: Where) -> Scored:
    place, names = _place(line), category_names(categories)
    advice = [WARNING_ADVICE.get(c, _DEFAULT_ADVICE) for c in categories]
    if place is None:
        message = msg(
            "%(line)s has wording that candidates and job boards may read as a requirement "
            "on %(names)s. The Employment Law forbids indirect restrictions too, and such "
            "words put off suitable people.",
            line=quoted(line.text),
            names=names,
        )
    else:
        message = msg(
            "%(place)s has wording that candidates and job boards may read as a requirement "
            "on %(names)s. The Employment Law forbids indirect restrictions too, and such "
            "words put off suitable people.",
            place=place,
            names=names,
        )
    return finding(
        "discriminatory-wording",
        line.item,
        message,
        _sentences(advice),
        penalty=5,
        where=where,
        severity=WARNING,
    )


def discrimination_findings(lines: Sequence[DocLine]) -> Iterator[Scored]:
    """Per line, a `discriminatory-requirement` error naming every forbidden requirement
    and a `discriminatory-wording` warning for borderline wording, pointing at the first
    hit's words (a catalog line's other language is read too, without a span)."""
    for line in lines:
        title = line.field == "title"
        own = discrimination_hits(line.text, title=title)
        other = discrimination_hits(line.alt, title=title) if line.alt else ()
        errors = _in_order(h.category for h in (*own, *other) if h.severity == ERROR)
        warnings = [
            c
            for c in _in_order(h.category for h in (*own, *other) if h.severity == WARNING)
            if c not in errors
        ]
        if errors:
            where = _span(line, [h for h in own if h.severity == ERROR])
            yield _error_finding(line, category_names(errors), "sex" in errors, where)
        if warnings:
            where = _span(line, [h for h in own if h.category in warnings])
            yield _warning_finding(line, warnings, where)


def _in_order(categories: Iterable[str]) -> list[str]:
    found = set(categories)
    return [c for c in CATEGORIES if c in found]


def _span(line: DocLine, hits: list[Hit]) -> Where:
    if not hits:
        return Where(line.field, line.line)
    first = min(hits, key=lambda h: h.start)
    return Where(line.field, line.line, first.start, first.end)
