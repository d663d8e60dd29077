"""Headings, value labels and number formats in the document's own language (ru/en)."""

from __future__ import annotations

from datetime import date

from babel import dates as babel_dates

from app.domain.probation import numbers
from app.domain.vacancies.document import Goal, Salary

NBSP = "\u00a0"

SECTIONS: dict[str, dict[str, str]] = {
    "ru": {
        "about": "О компании",
        "duties": "Обязанности",
        "requirements": "Требования",
        "skills": "Навыки",
        "conditions": "Условия и преимущества",
        "goals": "Измеримые цели испытательного срока",
        "apply": "Как откликнуться",
    },
    "en": {
        "about": "About the company",
        "duties": "Responsibilities",
        "requirements": "Requirements",
        "skills": "Skills",
        "conditions": "Conditions and benefits",
        "goals": "Measurable goals of the trial period",
        "apply": "How to apply",
    },
}

FACTS: dict[str, dict[str, str]] = {
    "ru": {
        "salary": "Зарплата",
        "employment": "Занятость",
        "schedule": "График",
        "workplace": "Формат работы",
        "location": "Место работы",
        "experience": "Опыт работы",
        "networks": "Соцсети",
        "valid_through": "Вакансия открыта до",
        "date_posted": "Опубликовано",
        "draft": "Черновик",
        "salary_none": "по результатам собеседования",
        "key_facts": "Основные условия",
        "page": "стр.",
        "page_of": "из",
    },
    "en": {
        "salary": "Salary",
        "employment": "Employment",
        "schedule": "Schedule",
        "workplace": "Workplace",
        "location": "Location",
        "experience": "Experience",
        "networks": "Networks",
        "valid_through": "Open until",
        "date_posted": "Posted",
        "draft": "Draft",
        "salary_none": "to be discussed at the interview",
        "key_facts": "Key facts",
        "page": "page",
        "page_of": "of",
    },
}

VALUES: dict[str, dict[str, dict[str, str]]] = {
    "employment": {
        "ru": {
            "full": "полная занятость",
            "part": "частичная занятость",
            "project": "проектная работа",
            "internship": "стажировка",
        },
        "en": {
            "full": "full-time",
            "part": "part-time",
            "project": "project / contract",
            "internship": "internship",
        },
    },
    "schedule": {
        "ru": {
            "full-day": "полный день",
            "flexible": "гибкий график",
            "shift": "сменный график",
            "remote": "удалённая работа",
        },
        "en": {
            "full-day": "full day",
            "flexible": "flexible hours",
            "shift": "shift work",
            "remote": "remote work",
        },
    },
    "workplace": {
        "ru": {"office": "в офисе", "hybrid": "гибрид: офис и удалённо", "remote": "удалённо"},
        "en": {"office": "on-site", "hybrid": "hybrid: office and remote", "remote": "remote"},
    },
    "experience": {
        "ru": {
            "none": "без опыта",
            "1-3": f"от 1 до 3{NBSP}лет",
            "3-6": f"от 3 до 6{NBSP}лет",
            "6+": f"более 6{NBSP}лет",
        },
        "en": {
            "none": "no experience required",
            "1-3": f"1–3{NBSP}years",
            "3-6": f"3–6{NBSP}years",
            "6+": f"more than 6{NBSP}years",
        },
    },
}

NETWORKS: dict[str, dict[str, str]] = {
    "vk": {"ru": "ВКонтакте", "en": "VK"},
    "ok": {"ru": "Одноклассники", "en": "Odnoklassniki"},
    "dzen": {"ru": "Дзен", "en": "Dzen"},
    "telegram": {"ru": "Telegram", "en": "Telegram"},
    "instagram": {"ru": "Instagram", "en": "Instagram"},
    "tiktok": {"ru": "TikTok", "en": "TikTok"},
    "youtube": {"ru": "YouTube", "en": "YouTube"},
    "rutube": {"ru": "RUTUBE", "en": "RUTUBE"},
    "facebook": {"ru": "Facebook", "en": "Facebook"},
    "linkedin": {"ru": "LinkedIn", "en": "LinkedIn"},
    "pinterest": {"ru": "Pinterest", "en": "Pinterest"},
    "threads": {"ru": "Threads", "en": "Threads"},
    "x": {"ru": "X (Twitter)", "en": "X (Twitter)"},
}

# Russian puts the sign after the number; English leads with the ISO code (unambiguous).
CURRENCY_SIGNS = {"RUB": "₽", "UAH": "₴", "KZT": "₸", "BYN": "BYN", "USD": "$", "EUR": "€"}
PERIODS = {
    "ru": {"month": "в месяц", "year": "в год", "hour": "в час"},
    "en": {"month": "per month", "year": "per year", "hour": "per hour"},
}
GROSS = {"ru": ("до вычета налогов", "на руки"), "en": ("gross", "net")}
GOAL_DIRECTIONS = {
    "ru": {"higher": f"не{NBSP}менее", "lower": f"не{NBSP}более"},
    "en": {"higher": "at least", "lower": "at most"},
}


def lang_of(lang: str) -> str:
    """The supported document language for a code, English for anything unknown."""
    return "ru" if lang == "ru" else "en"


def section_title(key: str, lang: str) -> str:
    """Heading of a vacancy section ("duties", "goals", ...)."""
    return SECTIONS[lang_of(lang)][key]


def fact_label(key: str, lang: str) -> str:
    """Label of a key fact ("salary", "schedule", ...)."""
    return FACTS[lang_of(lang)][key]


def value_label(kind: str, value: str, lang: str) -> str:
    """Human label of an enumerated value; the raw value if it is not a known one."""
    return VALUES[kind][lang_of(lang)].get(value, value)


def network_name(network: str, lang: str) -> str:
    """Display name of a social network id ("vk" -> "ВКонтакте")."""
    names = NETWORKS.get(network.strip().lower())
    return names[lang_of(lang)] if names else network


def format_number(value: float, lang: str) -> str:
    """A number in the language's format (Babel, CLDR): thousands grouped (a non-breaking
    space in ru, a comma in en), at most two decimals, no zero fraction."""
    return numbers.format_number(round(value, 2), None, lang_of(lang))


def format_salary(salary: Salary | None, lang: str) -> str:
    """Salary as a phrase: "от 80 000 до 120 000 ₽ в месяц до вычета налогов"."""
    lang = lang_of(lang)
    if salary is None or (salary.amount_from is None and salary.amount_to is None):
        return FACTS[lang]["salary_none"]
    low, high = salary.amount_from, salary.amount_to
    period = PERIODS[lang].get(salary.period, salary.period)
    gross = GROSS[lang][0 if salary.gross else 1]
    if lang == "ru":
        sign = CURRENCY_SIGNS.get(salary.currency, salary.currency)
        parts = []
        if low is not None:
            parts.append(f"от{NBSP}{format_number(low, lang)}")
        if high is not None:
            parts.append(f"до{NBSP}{format_number(high, lang)}")
        return f"{' '.join(parts)}{NBSP}{sign} {period} {gross}"
    if low is not None and high is not None:
        amount = f"{format_number(low, lang)}–{format_number(high, lang)}"
    elif low is not None:
        amount = f"from {salary.currency}{NBSP}{format_number(low, lang)}"
    else:
        amount = f"up to {salary.currency}{NBSP}{format_number(high or 0, lang)}"
    if low is not None and high is not None:
        amount = f"{salary.currency}{NBSP}{amount}"
    return f"{amount} {period}, {gross}"


def format_date(day: date, lang: str) -> str:
    """A date written out in the language (Babel, CLDR month names): "26 ноября 2026" /
    "26 November 2026" (a non-breaking space after the day)."""
    return babel_dates.format_date(day, f"d{NBSP}MMMM y", locale=lang_of(lang))


def goal_target(goal: Goal, lang: str) -> str:
    """The target of a trial-period goal: "не менее 20 заявок", "at most 30 minutes"."""
    lang = lang_of(lang)
    bound = GOAL_DIRECTIONS[lang].get(goal.direction, "")
    target = format_number(goal.target, lang)
    # The percent sign sits right after the number in English; Russian puts a space.
    gap = "" if goal.unit == "%" and lang == "en" else NBSP
    unit = f"{gap}{goal.unit}" if goal.unit else ""
    return f"{bound}{NBSP}{target}{unit}" if bound else f"{target}{unit}"


def format_goal(goal: Goal, lang: str) -> str:
    """A trial-period goal with its target: "Заявки из соцсетей — не менее 20 заявок"."""
    return f"{goal.text} — {goal_target(goal, lang)}"


def format_list(items: tuple[str, ...] | list[str], lang: str) -> str:
    """Join names with commas: "ВКонтакте, Telegram и Дзен" / "VK, Telegram and Dzen"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    conj = " и " if lang_of(lang) == "ru" else " and "
    return ", ".join(items[:-1]) + conj + items[-1]
