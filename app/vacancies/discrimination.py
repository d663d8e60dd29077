"""Spot requirements that art. 64 of the Russian Labour Code forbids (pure, no Flask).

Art. 64 bans restricting hiring by sex, race, skin colour, nationality, language, origin,
property, family, social or official status, age, place of residence (including having or
lacking a registration there), religion, beliefs and membership of associations; Russian
job boards reject vacancies that ask for any of it, and English-language boards have
similar rules.

Decisions on borderline wording:

- Describing the audience, the products or the team is fine: «работа с женской
  аудиторией», «одежда для мужчин», «детские товары», «целевая аудитория 25–35 лет»,
  "female audience", "audience aged 25-34". Patterns in CONTEXT_PATTERNS are skipped when
  the words just before them (same sentence, same comma-separated part) name an audience,
  customers, products or experience.
- «Молодой и дружный коллектив», "young and dynamic team" describe the team, not the
  candidate, so «молодой»/"young" is skipped when followed by a word for the team or the
  company (or preceded by an audience word: «реклама для молодых мам»); «ищем молодую
  девушку», "young candidates" are flagged.
- Language skill is a fair requirement («грамотный русский язык», "fluent English");
  being a *native* speaker («носитель языка», «родной язык», "native speaker", "mother
  tongue") is a matter of origin, which art. 64 protects, so it is flagged as nationality.
  Ask for the level instead ("C2", «свободное владение»).
- Age is only read from two-digit numbers next to years or an age word, so «опыт от 3
  лет» and «опыт работы от 1 до 3 лет» never match; «опыт от 10 лет» is skipped by context.
- «Независимо от пола и возраста», "regardless of age" are equal-opportunity statements
  and do not match: the patterns look for a requirement, not for the words sex or age.
- A neat appearance («опрятный внешний вид», a dress code) is a workplace rule, not
  a requirement on looks, so it is not flagged; «внешность» of any kind is.
- Citizenship is not flagged: migration law may lawfully require work permits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from app.catalog.model import Catalog, Text
from app.catalog.phrases import normalize
from app.vacancies.compose import draft_lines
from app.vacancies.draft import VacancyDraft
from app.vacancies.quality import Scored, finding, quote

# What each category is called in messages («требование к {ru}», "a requirement on {en}").
CATEGORIES: dict[str, Text] = {
    "sex": Text("полу", "sex or gender"),
    "age": Text("возрасту", "age"),
    "appearance": Text("внешности", "appearance"),
    "family": Text("семейному положению", "marital status or children"),
    "nationality": Text("национальности или происхождению", "nationality, race or origin"),
    "religion": Text("религии или убеждениям", "religion or beliefs"),
    "residence": Text("месту жительства или регистрации", "place of residence or registration"),
}

_PERSON_RU = r"(девушк|девочк|женщин|мужчин|парн|парен|юнош|кандидат|соискател|сотрудни)"
_PERSON_EN = r"(girls?|boys?|guys?|ladies|wom[ae]n|m[ae]n|females?|males?|candidates?|applicants?)"
_YEARS_RU = r"(-?\s*(ти|и|х))?\s*(лет|года?)\b"
# A two-digit age: followed by years or by the end of the requirement, so «до 30 человек»
# and «от 20 000» are not ages.
_AGE = r"\d{2}\+?(\s*" + _YEARS_RU + r")?(?=\s*($|[,.;:!?()]|и\b|или\b|с\b))"

# Always a requirement on the candidate, whatever precedes the words.
EXPLICIT_PATTERNS: tuple[tuple[str, str], ...] = (
    # «только девушки», «только для мужчин», "female only", "women only"
    ("sex", r"\bтолько\s+(для\s+)?(девуш|девоч|женщин|мужчин|парн|юнош)"),
    ("sex", r"\b(females?|males?|wom[ae]n|m[ae]n|girls|boys|ladies)\s+only\b"),
    ("sex", r"\bonly\s+(females?|males?|wom[ae]n|m[ae]n|girls|boys|ladies)\b"),
    # «ищем девушку», «требуется мужчина», «вакансия для девушек»
    (
        "sex",
        r"\b(ищем|ищу|требу\w*|нуж(ен|на|ны)|рассматрива\w*|ваканси\w*|должност\w*|подходит)"
        r"\s+(\w+\s+)?(для\s+)?(девуш|девоч|женщин|мужчин|парн|парен|юнош)",
    ),
    ("sex", r"\b(job|role|position|vacancy)\s+(is\s+)?(only\s+)?for\s+(girls|wom[ae]n|m[ae]n)\b"),
    # «мужского пола», «пол: ж», "gender: female"
    ("sex", r"\b(мужск|женск)\w*\s+пол(а|у|ом)?\b"),
    ("sex", r"\bпол\s*[:-]\s*(м|ж|муж|жен)"),
    ("sex", r"\b(gender|sex)\s*[:-]\s*(m|f|male|female)\b"),
    # «девушки до 30», «кандидат не старше 35 лет», "girls under 30"
    ("age", _PERSON_RU + r"\w*\s+(в\s+возрасте\s+)?(до|от|не\s+старше|старше|моложе)\s+" + _AGE),
    ("age", r"\b" + _PERSON_EN + r"\s+(aged\s+|age\s+)?(under|over|below|above)\s+\d{2}\b"),
    # «не старше 30», «моложе 35»: only ever about people
    ("age", r"\b(не\s+)?(старше|моложе|младше)\s+" + _AGE),
    # «возраст 25–35», «возраст: до 30» — but not «возраст не важен»
    (
        "age",
        r"\bвозраст\w*(?!\s*:?\s*(любой|не\s+важ|не\s+име|значения))\s*(:|-|от\b|до\b|не\b|\d)",
    ),
    ("age", r"\bв\s+возрасте\s+(от\s+|до\s+)?\d{2}"),
    ("age", r"\b(not|no)\s+older\s+than\b|\bmax(imum)?\s+age\b|\bage\s+limit\b"),
    ("age", r"\bdigital\s+natives?\b"),
    # «приятная внешность», «славянской внешности», "attractive appearance"
    ("appearance", r"\bвнешност"),
    ("appearance", r"\b(стройн|худощав|спортивн)\w*\s+(фигур|телосложени)|\bфотогеничн"),
    ("appearance", r"\bрост\w*\s+(от\s+|не\s+ниже\s+|выше\s+)?1[5-9]\d\s*см"),
    (
        "appearance",
        r"\b(attractive|pleasant|nice|good|presentable|slavic|european)\s+(appearance|looks)\b"
        r"|\bgood[-\s]looking\b|\bphotogenic\b|\bslim\s+(figure|build)\b|\bappearance\s*:",
    ),
    # «без детей», «не замужем», «семейное положение», "no kids", "single"
    ("family", r"\b(без|нет|отсутстви\w*|наличи\w*)\s+(\w+\s+)?дет(ей|и)\b|\bбездетн"),
    ("family", r"\bне\s+(замужем|женат)|\b(замужн|женат|холост)\w*"),
    ("family", r"\bсемейн\w*\s+положени"),
    ("family", r"\bпланир\w*\s+(\w+\s+)?(декрет|беремен|детей|ребенк)|\bбеременн"),
    ("family", r"\b(no|without)\s+(kids|children)\b|\bchildless\b|\bpregnan"),
    ("family", r"\b(marital|family)\s+status\b|\b(un)?married\b"),
    (
        "family",
        r"\bsingle\b(?=\s*($|[,.;:!?)]|and\b|or\b|(wo)?m[ae]n\b|females?\b|males?\b|girls?\b"
        r"|candidates?\b|applicants?\b))",
    ),
    # «национальность», «русская по национальности», «славянка», «носитель языка»
    ("nationality", r"\bнациональност"),
    ("nationality", r"\bславян\w*\s+(внешн|происхожд|национальн)|\bславянк"),
    ("nationality", r"\b(расов|этническ)\w*\s+(принадлежн|происхожд)|\bрас(а|ы)\s*[:-]"),
    ("nationality", r"\bносител\w*\s+(\w+\s+)?язык|\bродн\w*\s+(\w+\s+)?язык"),
    (
        "nationality",
        r"\bnationality\b|\bethnicity\b|\bethnic\s+(origin|background|group)\b|\bracial\b"
        r"|\brace\s*:|\bslavic\s+(origin|appearance|looks)\b",
    ),
    # "native speaker", "native Russian speaker", "mother tongue"
    ("nationality", r"\bnative(\s+\w+)?\s+speakers?\b|\bmother\s+tongue\b"),
    # «вероисповедание», «политические взгляды», "religious beliefs"
    ("religion", r"\bвероисповедани|\bрелигиозн\w*\s+(взгляд|убежден|принадлежн)"),
    ("religion", r"\bотношени\w*\s+к\s+религи|\bполитическ\w*\s+(взгляд|убежден)"),
    (
        "religion",
        r"\b(православн|мусульман|христиан|иуде|верующ)\w*\s+(кандидат|сотрудни|специалист"
        r"|девушк|мужчин|женщин)",
    ),
    ("religion", r"\breligio(n|us)\s+(affiliation|beliefs?|views?)\b|\bpolitical\s+views\b"),
    ("religion", r"\b(christian|muslim|jewish|catholic)\s+(candidates?|applicants?|only)\b"),
    # «прописка в Москве», «регистрация в МО», "local residents only"
    ("residence", r"\bпрописк"),
    (
        "residence",
        r"\bрегистраци\w*\s+(в|по)\s+(мо\b|москв|спб|санкт|петербург|ленинградск|област|город"
        r"|регион|рф\b|росси|мест\w+\s+(жительства|пребывания))",
    ),
    ("residence", r"\bпостоянн\w*\s+регистраци|\bтолько\s+(для\s+)?местн\w*\s+жител"),
    (
        "residence",
        r"\blocal\s+residents?\s+only\b|\bonly\s+(local\s+)?residents\b|\bmust\s+(live|reside)\b"
        r"|\bregistered\s+address\b|\bresidency\s+requirement",
    ),
)

# Words that may describe the audience, the products or the experience asked for rather
# than the candidate; skipped after a word from SAFE_CONTEXT.
CONTEXT_PATTERNS: tuple[tuple[str, str], ...] = (
    # «девушка», «мужчина», «парень», "girls", "male" — but not «одежда для мужчин»
    ("sex", r"\b(девушк|девочк|женщин|мужчин|юнош)\w*|\bпарн(я|ю|ем|е|и|ей|ям|ями|ях)\b"),
    ("sex", r"\bпарень\b"),
    (
        "sex",
        r"\b(girls?|boys?|guys?|ladies|lady|wom[ae]n|m[ae]n)\b(?!['’]s|[-\s]?hours?)"
        r"|\b(fe)?males?\b(?!\s+(audience|customers?|clients?|followers|subscribers|users"
        r"|products?|clothing|wear|fashion|segment|consumers?|buyers?|readers?|viewers?|market))",
    ),
    # «молодая», «ищем молодого сотрудника» — but not «молодой и дружный коллектив» (the
    # team) nor «реклама для молодых мам» (the audience)
    (
        "age",
        r"\bмолод(ая|ой|ого|ую|ые|ых|ым|ыми|ому|ом)\b(?!\s+(и\s+\w+\s+)?(коллектив|команд"
        r"|компани|бренд|стартап|проект|рын|аудитори|отдел|офис))",
    ),
    (
        "age",
        r"\byoung(er)?\b(?!\s+(and\s+\w+\s+)?(team|company|companies|brand|startup|business"
        r"|audience|customers|market|project|office|department))",
    ),
    # «до 35 лет», «от 20 до 30 лет», «25–35 лет», "under 30", "aged 25-35"
    ("age", r"\b(до|от)\s+\d{2}\s*" + _YEARS_RU),
    ("age", r"\bот\s+\d{2}\s*(-|до)\s*\d{2}\s*" + _YEARS_RU),
    ("age", r"\b\d{2}\s*-\s*\d{2}\s*" + _YEARS_RU),
    ("age", r"\baged?\s+(\d{2}|under|over|between|from)\b"),
    ("age", r"\b\d{2}\s*(-|to)?\s*(\d{2}\s*)?(years?\s+old|y\.?o\b)"),
    (
        "age",
        r"\b(under|over|below|above)\s+(the\s+age\s+of\s+)?\d{2}(\s*(years?(\s+old)?|y\.?o\.?))?"
        r"(?=\s*($|[.,;:!?)]|and\b|or\b))",
    ),
    ("age", r"\bbetween\s+(the\s+ages\s+of\s+)?\d{2}\s+and\s+\d{2}\b"),
)

# Before a CONTEXT_PATTERNS match, these words show the phrase is about the audience,
# customers, products or experience («целевая аудитория 25–35 лет», «опыт от 10 лет»).
SAFE_CONTEXT = re.compile(
    r"\b(аудитори|ца\b|клиент|покупател|подписчи|пользовател|читател|зрител|потребител|целев"
    r"|сегмент|товар|одежд|обув|продук|магазин|бренд|блогер|для\b|опыт|стаж"
    r"|audience|customers?|clients?|followers|subscribers|users|buyers|readers|viewers"
    r"|consumers|target|segment|products?|clothing|shop|store|brand|bloggers?|influencers?|for\b"
    r"|experience)"
)
# How many words before a match are read for SAFE_CONTEXT.
CONTEXT_WORDS = 4

_EXPLICIT = tuple((category, re.compile(p)) for category, p in EXPLICIT_PATTERNS)
_CONTEXTUAL = tuple((category, re.compile(p)) for category, p in CONTEXT_PATTERNS)
# A requirement stops at the end of a sentence, a list item or a comma-separated part.
_PARTS = re.compile(r"[;!?•]|[.,](?=\s|$)")


def _describes_something_else(part: str, start: int) -> bool:
    words = part[:start].split()[-CONTEXT_WORDS:]
    return SAFE_CONTEXT.search(" ".join(words)) is not None


def _part_categories(part: str) -> set[str]:
    found = {category for category, pattern in _EXPLICIT if pattern.search(part)}
    for category, pattern in _CONTEXTUAL:
        if category in found:
            continue
        if any(not _describes_something_else(part, m.start()) for m in pattern.finditer(part)):
            found.add(category)
    return found


def discriminatory_categories(text: str) -> tuple[str, ...]:
    """Categories of forbidden requirements the text contains, in CATEGORIES order."""
    if len(text) <= _MEMO_CHARS:
        return _line_categories(text)
    return _categories(text)


# Lines repeat across vacancies (most come from the catalog): a line's answer is kept,
# so showing a vacancy does not run every pattern over every line again.
_MEMO_CHARS = 500


@lru_cache(maxsize=8192)
def _line_categories(text: str) -> tuple[str, ...]:
    return _categories(text)


def _categories(text: str) -> tuple[str, ...]:
    found: set[str] = set()
    for line in text.splitlines():
        for part in _PARTS.split(normalize(line)):
            found |= _part_categories(part)
    return tuple(category for category in CATEGORIES if category in found)


def category_names(categories: Iterable[str]) -> Text:
    """The categories joined for a message: «полу и возрасту», "sex or gender and age"."""
    names = [CATEGORIES[c] for c in categories]
    ru = [n.ru for n in names]
    en = [n.en for n in names]
    if len(names) <= 1:
        return Text("".join(ru), "".join(en))
    return Text(", ".join(ru[:-1]) + " и " + ru[-1], ", ".join(en[:-1]) + " and " + en[-1])


# Where a Markdown field is, for messages: «В разделе «О компании» есть требование…».
MARKDOWN_PLACES = {
    "intro_md": Text("В разделе «О компании»", "The “About the company” section"),
    "conditions_md": Text("В разделе «Условия»", "The “Conditions” section"),
    "apply_md": Text("В разделе «Как откликнуться»", "The “How to apply” section"),
}


def discrimination_findings(catalog: Catalog, draft: VacancyDraft) -> Iterator[Scored]:
    """A `discriminatory-requirement` error per title, line or text with such a requirement."""
    places = [("title", Text("В названии вакансии", "The job title"), (draft.title,))]
    for item, shown, texts in draft_lines(catalog, draft):
        quoted = quote(shown)
        places.append((item, Text(f"В пункте {quoted.ru}", quoted.en), texts))
    places += [(f, where, (getattr(draft, f),)) for f, where in MARKDOWN_PLACES.items()]
    for item, where, texts in places:
        found = dict.fromkeys(
            category
            for text in texts
            if isinstance(text, str)
            for category in discriminatory_categories(text)
        )
        if not found:
            continue
        names = category_names(found)
        yield finding(
            "discriminatory-requirement",
            item,
            Text(
                f"{where.ru} есть требование к {names.ru}. Статья 64 Трудового кодекса РФ "
                "запрещает ограничивать приём на работу по таким признакам, а сайты вакансий "
                "не публикуют такие объявления.",
                f"{where.en} sets a requirement on {names.en}. Article 64 of the Russian Labour "
                "Code forbids restricting hiring on such grounds, and job boards reject such ads.",
            ),
            Text(
                f"Уберите требование к {names.ru} и опишите, какие навыки и опыт нужны для работы.",
                f"Drop the requirement on {names.en} and describe the skills and experience "
                "the job needs instead.",
            ),
        )
