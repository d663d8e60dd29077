"""What a pasted posting says about its role, networks, place, language and terms (pure)."""

from __future__ import annotations

import re

from app.domain.catalog.model import Catalog
from app.domain.catalog.morph import fold, tokenize

# Network id -> how postings name it (folded text; word boundaries around each).
NETWORK_NAMES: dict[str, str] = {
    "instagram": r"instagram|insta|инстаграмм?\w*|инст[аеуы]|инстой|ig",
    "telegram": r"telegram|телеграмм?\w*|телега|телеги|тг|tg",
    "vk": r"vk|вк|вконтакте|в\s+контакте|vkontakte",
    "youtube": r"youtube|ютуб\w*|you\s+tube|shorts",
    "tiktok": r"tik\s*tok|тик\s*ток\w*|тиктоке?",
    "dzen": r"дзен\w*|яндекс[\s.]дзен\w*|dzen|zen",
    "ok": r"одноклассник\w*|odnoklassniki",
    "pinterest": r"pinterest|пинтерест\w*",
    "linkedin": r"linkedin|линкедин\w*|линкедине",
    "x": r"twitter|твиттер\w*|x\s*\(\s*twitter\s*\)|x\.com",
    "facebook": r"facebook|фейсбук\w*|fb",
}
_NETWORKS = {
    key: re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)") for key, pattern in NETWORK_NAMES.items()
}
# «ОК» is a network only in capitals (and «ок» is "okay").
_OK_CAPS = re.compile(r"(?<![\w-])ОК(?![\w-])")

# Cities (lemmas as pymorphy3 folds them; several words joined by a space).
CITIES = (
    "Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Нижний Новгород",
    "Челябинск", "Самара", "Омск", "Ростов-на-Дону", "Уфа", "Красноярск", "Воронеж", "Пермь",
    "Волгоград", "Краснодар", "Саратов", "Тюмень", "Тольятти", "Ижевск", "Барнаул",
    "Ульяновск", "Иркутск", "Хабаровск", "Ярославль", "Владивосток", "Махачкала", "Томск",
    "Оренбург", "Кемерово", "Новокузнецк", "Рязань", "Астрахань", "Пенза", "Липецк", "Киров",
    "Чебоксары", "Калининград", "Тула", "Курск", "Сочи", "Ставрополь", "Севастополь",
    "Симферополь", "Белгород", "Владимир", "Сургут", "Архангельск", "Мурманск", "Якутск",
    "Минск", "Гомель", "Брест", "Алматы", "Астана", "Караганда", "Шымкент", "Ташкент",
    "Самарканд", "Бишкек", "Ереван", "Тбилиси", "Баку", "Кишинёв", "Душанбе", "Ашхабад",
    "Киев", "Харьков", "Одесса", "Днепр", "Львов",
)  # fmt: skip
_ALIASES = {"спб": "Санкт-Петербург", "питер": "Санкт-Петербург", "мск": "Москва",
            "екб": "Екатеринбург", "нск": "Новосибирск", "moscow": "Москва",
            "petersburg": "Санкт-Петербург", "almaty": "Алматы", "astana": "Астана",
            "tashkent": "Ташкент", "minsk": "Минск", "tbilisi": "Тбилиси", "yerevan": "Ереван",
            "baku": "Баку", "bishkek": "Бишкек", "kazan": "Казань", "novosibirsk": "Новосибирск",
            "yekaterinburg": "Екатеринбург", "kyiv": "Киев", "kiev": "Киев"}  # fmt: skip
_REMOTE = re.compile(
    r"удал[её]нн?\w*|удал[её]нк\w*|дистанционн\w*|из\s+дома|remote\w*|work\s+from\s+home|wfh"
    r"|из\s+любой\s+точки"
)
_HYBRID = re.compile(r"гибрид\w*|hybrid")
_OFFICE = re.compile(r"офис\w*|office")


def _city_forms() -> dict[tuple[str, ...], str]:
    """Each city as a tuple of folded lemmas of its words."""
    forms: dict[tuple[str, ...], str] = {}
    for city in CITIES:
        words = tuple(fold(w) for w in city.split())
        forms[words] = city
    return forms


_CITY_FORMS = _city_forms()


def guess_networks(catalog: Catalog, text: str) -> tuple[str, ...]:
    """The catalog networks a posting names, in catalog order."""
    folded = fold(text)
    named = {key for key, pattern in _NETWORKS.items() if pattern.search(folded)}
    if _OK_CAPS.search(text):
        named.add("ok")
    return tuple(n.id for n in catalog.networks if n.id in named)


def guess_location(text: str) -> str:
    """The first city a posting names ("" when none)."""
    tokens = tokenize(text[:20_000])
    found = ""
    for i, token in enumerate(tokens):
        if not token.text[:1].isupper() and token.norm not in _ALIASES:
            continue
        if token.norm in _ALIASES and (token.text.isupper() or token.text[:1].isupper()):
            found = _ALIASES[token.norm]
            break
        for words, city in _CITY_FORMS.items():
            if words[0] in token.lemmas or words[0] == token.norm:
                following = tokens[i + 1 : i + len(words)]
                if len(following) == len(words) - 1 and all(
                    w in t.lemmas or w == t.norm for w, t in zip(words[1:], following, strict=True)
                ):
                    found = city
                    break
        if found:
            break
    return found


def guess_workplace(text: str, city: str) -> str | None:
    """The workplace a posting offers: "hybrid" for a hybrid format or an office with a
    remote option, "remote" for remote work alone, None when it does not say."""
    folded = fold(text)
    if _HYBRID.search(folded):
        return "hybrid"
    if _REMOTE.search(folded):
        return "hybrid" if city and _OFFICE.search(folded) else "remote"
    return None


_MANAGER = re.compile(r"руковод\w*|head|lead|лид\b|директор|director|старш\w*|senior")
_SPECIALIST = re.compile(r"специалист\w*|specialist|спец\b|ассистент\w*|assistant|junior|младш")
_GENERALIST = re.compile(
    r"универсал\w*|на\s+все\s+руки|all-in-one|сам\w*\s+всё|контент-?мейкер\w*|мобилограф\w*"
    r"|smm-?щи[кц]\w*|сммщи[кц]\w*"
)
_MANAGER_WORD = re.compile(r"менеджер\w*|manager|маркетолог\w*|marketer")


def guess_role_from_title(title: str) -> str | None:
    """The role a posting's title names, or None when the title does not say."""
    folded = fold(title)
    if _GENERALIST.search(folded):
        return "smm-generalist"
    if _MANAGER.search(folded):
        return "smm-manager"
    if _SPECIALIST.search(folded):
        return "smm-specialist"
    if _MANAGER_WORD.search(folded):
        return "smm-manager"
    return None


def guess_language(text: str) -> str:
    """ "en" when a posting has more Latin letters than Cyrillic ones, else "ru"."""
    sample = text[:20_000]
    cyrillic = len(re.findall(r"[а-яёА-ЯЁ]", sample))
    latin = len(re.findall(r"[a-zA-Z]", sample))
    return "en" if latin > cyrillic else "ru"


_EXPERIENCE = re.compile(
    r"(?:опыт\w*[^.\n;]{0,40}?(?:от|не\s+менее|более|больше|минимум|свыше)\s*(\d+)[\s,.–-]*"
    r"(?:\d+\s*)?(?:год|лет|г\.))"
    r"|(?:(\d+)\+?\s*(?:[-–]\s*\d+\s*)?years?(?:\s+of)?\s+(?:\w+\s+){0,3}experience)"
)
_NO_EXPERIENCE = re.compile(
    r"без\s+опыта|опыт\s+не\s+(?:обязателен|нужен|требуется)|no\s+experience"
)


def guess_experience(text: str) -> str | None:
    """The experience band a posting asks for, or None when it does not say."""
    folded = fold(text)
    if _NO_EXPERIENCE.search(folded):
        return "none"
    match = _EXPERIENCE.search(folded)
    if match is None:
        return None
    years = int(match.group(1) or match.group(2))
    if years < 1:
        return "none"
    if years < 3:
        return "1-3"
    return "3-6" if years < 6 else "6+"


_EMPLOYMENT = (
    ("internship", re.compile(r"стажир\w*|internship|intern\b")),
    ("part", re.compile(r"частичн\w*\s+занят\w*|неполн\w*\s+(?:день|занят\w*)|part[\s-]time")),
    ("project", re.compile(r"проектн\w*\s+(?:работ|занят)\w*|фриланс\w*|freelance|contract")),
    ("full", re.compile(r"полн\w*\s+занят\w*|full[\s-]time")),
)


def guess_employment(text: str) -> str | None:
    """The kind of employment a posting offers, or None when it does not say."""
    folded = fold(text)
    for kind, pattern in _EMPLOYMENT:
        if pattern.search(folded):
            return kind
    return None
