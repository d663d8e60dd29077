"""Workload: one person asked to make the content for several networks (pure).

The seed (article 1, small projects): someone who makes the content themselves can fully
run only one social network. So whatever the role, a vacancy that asks for content
production (catalog duties marked `content_production`, the employer's own lines about
writing posts, shooting or editing video, reels, stories or design, or the one-person
role of a small project) for two or more networks gets a warning, a stronger one from
three. The networks are the ones chosen in the form and the ones the text names
(«инста», «тг», «вк», «ютуб», …: the catalog networks' aliases), except where the text
names a network as the way to reply («пишите в Telegram»).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.caches import memoize
from app.domain.catalog.concepts import Concept, parse_concept
from app.domain.catalog.model import Catalog, Network, Text
from app.domain.catalog.morph import fold
from app.domain.message import Message, msg, msg_n
from app.domain.vacancies.compose import CONTENT_FOCUSED_ROLES
from app.domain.vacancies.document import DocLine
from app.domain.vacancies.draft import VacancyDraft
from app.domain.vacancies.quality import Scored, Where, finding, quoted

SOURCE = "article-1/small-project"
# Where a network named in the text is only the way to reach the employer.
CONTACT_WORDS = (
    "пишите", "напишите", "резюме", "отклик", "откликаться", "откликнуться", "связь",
    "связаться", "контакт", "контакты", "присылать", "прислать", "отправлять", "отправить",
    "hr", "менеджер по персоналу", "send", "contact", "apply", "cv", "resume",
)  # fmt: skip
# Fields whose network names do not say where the work is.
NOT_WORK_FIELDS = ("apply_md",)

# The employer's own lines that ask for content to be made.
CONTENT: Concept = parse_concept(
    {
        "tools": [
            "storytelling",
            "сторителлинг",
            "photography",
            "копирайтинг",
            "копирайтер",
            "контентмейкер",
            "контент-мейкер",
            "рилсмейкер",
            "reelsmaker",
            "сторисмейкер",
            "мобилограф",
            "мобилография",
            "copywriting",
            "копирайт",
            "видеомонтаж",
            "фотообработка",
            "ugc",
        ],
        "rules": [
            {
                "all": [
                    [
                        "написание",
                        "написать",
                        "писать",
                        "создание",
                        "создавать",
                        "создать",
                        "подготовка",
                        "готовить",
                        "подготавливать",
                        "подготовить",
                        "разработка",
                        "производство",
                        "генерация",
                        "генерировать",
                        "придумывать",
                        "придумать",
                        "выпуск",
                        "выпускать",
                        "оформление",
                        "оформлять",
                        "write",
                        "writing",
                        "create",
                        "creating",
                        "produce",
                        "producing",
                        "production",
                        "creation",
                        "make",
                        "making",
                    ],
                    [
                        "пост",
                        "текст",
                        "контент",
                        "публикация",
                        "сторис",
                        "stories",
                        "story",
                        "история",
                        "рилс",
                        "reels",
                        "reel",
                        "ролик",
                        "видео",
                        "клип",
                        "шортс",
                        "shorts",
                        "карусель",
                        "креатив",
                        "визуал",
                        "обложка",
                        "баннер",
                        "сценарий",
                        "статья",
                        "лонгрид",
                        "post",
                        "posts",
                        "content",
                        "caption",
                        "captions",
                        "copy",
                        "video",
                        "videos",
                        "visual",
                        "visuals",
                        "carousel",
                        "script",
                        "creatives",
                    ],
                ],
                "window": 4,
                "unless": ["тз", "бриф", "техзадание", "brief", "контроль", "проверка"],
                "near": 2,
            },
            {
                "all": [
                    [
                        "съемка",
                        "снимать",
                        "снять",
                        "отснять",
                        "монтаж",
                        "монтировать",
                        "смонтировать",
                        "обработка",
                        "обрабатывать",
                        "редактирование",
                        "shoot",
                        "shooting",
                        "film",
                        "filming",
                        "edit",
                        "editing",
                    ],
                    [
                        "видео",
                        "ролик",
                        "рилс",
                        "reels",
                        "reel",
                        "сторис",
                        "stories",
                        "контент",
                        "фото",
                        "фотография",
                        "клип",
                        "шортс",
                        "shorts",
                        "video",
                        "videos",
                        "photo",
                        "photos",
                        "content",
                        "tiktok",
                        "тикток",
                    ],
                ],
                "window": 4,
            },
            {
                "all": [
                    [
                        "дизайн",
                        "оформление",
                        "оформлять",
                        "отрисовка",
                        "отрисовывать",
                        "рисовать",
                        "design",
                        "designing",
                    ],
                    [
                        "пост",
                        "сторис",
                        "stories",
                        "шаблон",
                        "визуал",
                        "креатив",
                        "карусель",
                        "обложка",
                        "баннер",
                        "публикация",
                        "лента",
                        "контент",
                        "хайлайтс",
                        "highlights",
                        "post",
                        "posts",
                        "visual",
                        "visuals",
                        "graphics",
                        "creatives",
                        "template",
                        "templates",
                        "feed",
                    ],
                ],
                "window": 3,
            },
            {"all": [["контент", "content"], ["план", "plan", "план-график"]], "window": 0},
            # «наполнение соцсетей»: filling the accounts with content
            {
                "all": [
                    ["наполнение", "наполнять", "наполнить"],
                    ["соцсеть", "аккаунт", "канал", "сообщество", "страница", "блог", "лента"],
                ],
                "window": 3,
            },
            {"all": [["tell", "telling", "рассказывать"], ["story", "история"]], "window": 3},
            # The content itself named for the networks: «посты и рилс для ВК и Дзена».
            {
                "all": [
                    [
                        "пост",
                        "посты",
                        "рилс",
                        "рилсы",
                        "reels",
                        "сторис",
                        "stories",
                        "клип",
                        "контент",
                        "content",
                        "карусель",
                        "лонгрид",
                        "видеоролик",
                        "posts",
                        "пин",
                        "pins",
                        "carousels",
                    ]
                ],
                "unless": [
                    "таргет",
                    "таргетированный",
                    "реклама",
                    "ads",
                    "advertising",
                    "аналитика",
                    "анализ",
                    "статистика",
                    "analytics",
                    "охват",
                    "reach",
                    "metrics",
                    "метрика",
                    "модерация",
                    "moderation",
                ],
                "near": 3,
            },
        ],
        # Briefing others to make it is a manager's work, not making it.
        "unless": [
            "постановка",
            "ставить",
            "задача",
            "тз",
            "бриф",
            "brief",
            "briefing",
            "контроль",
            "координация",
            "координировать",
            "согласование",
            "согласовывать",
        ],
    }
)


# The employer's own lines that ask to run accounts: a network named there is one the
# person will make content for («ведение Instagram и VK»). Networks named for ads,
# analytics or as a skill («знание TikTok») are not counted.
RUNNING: Concept = parse_concept(
    {
        "rules": [
            {
                "all": [
                    [
                        "ведение",
                        "вести",
                        "наполнение",
                        "наполнять",
                        "постинг",
                        "публикация",
                        "публиковать",
                        "выкладывать",
                        "развитие",
                        "развивать",
                        "продвижение",
                        "продвигать",
                        "администрирование",
                        "manage",
                        "managing",
                        "run",
                        "running",
                        "maintain",
                        "publish",
                        "publishing",
                        "posting",
                        "grow",
                        "growing",
                    ]
                ],
                "unless": [
                    "таргет",
                    "таргетированный",
                    "реклама",
                    "рекламный",
                    "ads",
                    "advertising",
                    "аналитика",
                    "статистика",
                    "analytics",
                    "опыт",
                    "experience",
                    "oversee",
                    "oversees",
                    "supervise",
                    "strategize",
                    "strategizes",
                    "курировать",
                    "контролировать",
                    "контроль",
                ],
                "near": 3,
            }
        ]
    }
)


# «во всех соцсетях», "across multiple platforms": several networks without names.
SEVERAL: Concept = parse_concept(
    {
        "rules": [
            {
                "all": [
                    [
                        "несколько",
                        "все",
                        "весь",
                        "разный",
                        "различный",
                        "multiple",
                        "various",
                        "several",
                        "all",
                        "different",
                        "many",
                    ],
                    [
                        "соцсеть",
                        "площадка",
                        "платформа",
                        "канал",
                        "сеть",
                        "platform",
                        "platforms",
                        "network",
                        "networks",
                        "channel",
                        "channels",
                    ],
                ],
                "window": 2,
            },
            {"all": [["social"], ["media"], ["platforms", "networks", "channels"]], "window": 0},
            {
                "all": [
                    ["across", "cross", "кросс", "variety", "разнообразный"],
                    ["platforms", "networks", "channels", "площадка", "соцсеть", "платформа"],
                ],
                "window": 3,
            },
        ]
    }
)
SEVERAL_NETWORKS = Network("several", Text("несколько соцсетей", "several networks"), (), ())


@dataclass(frozen=True, slots=True)
class Mention:
    """A network the vacancy asks for, and where (None: chosen in the form)."""

    network: Network
    where: Where | None
    # For «4 соцсети», "three platforms": how many the text asks for without names.
    count: int = 2


@memoize("workload.network_concepts")
def _network_concept(aliases: tuple[str, ...]) -> Concept:
    return parse_concept({"tools": list(aliases), "unless": list(CONTACT_WORDS)})


def network_mentions(
    catalog: Catalog, draft: VacancyDraft, lines: Sequence[DocLine]
) -> tuple[Mention, ...]:
    """The networks chosen in the form, then the ones the text names, in catalog order."""
    chosen = set(draft.networks) if isinstance(draft.networks, tuple | list) else set()
    found: dict[str, Mention] = {}
    for network in catalog.networks:
        if network.id in chosen:
            found[network.id] = Mention(network, None)
            continue
        if not network.aliases:
            continue
        concept = _network_concept(network.aliases)
        for line in lines:
            if line.field in NOT_WORK_FIELDS or line.origin is not None:
                continue
            if catalog.exclusion_spans(line.text):
                continue  # a line about another job («чат-боты в Telegram»)
            if line.field != "title" and not (CONTENT.find(line.text) or RUNNING.find(line.text)):
                continue
            spans = concept.find(line.text)
            if spans:
                found[network.id] = Mention(
                    network, Where(line.field, line.line, spans[0][0], spans[0][1])
                )
                break
    for line in lines:
        if line.origin is not None or line.field in NOT_WORK_FIELDS:
            continue
        if not (CONTENT.find(line.text) or RUNNING.find(line.text)):
            continue
        counted = _counted_networks(line.text)
        spans = [counted[:2]] if counted else SEVERAL.find(line.text)
        if spans:
            where = Where(line.field, line.line, spans[0][0], spans[0][1])
            count = counted[2] if counted else 2
            if count > len(found):
                found[SEVERAL_NETWORKS.id] = Mention(SEVERAL_NETWORKS, where, count)
            break
    return tuple(found.values())


_NUMBER_WORDS = {
    "двух": 2, "две": 2, "два": 2, "трех": 3, "три": 3, "четырех": 4, "четыре": 4,
    "пяти": 5, "пять": 5, "шести": 6, "шесть": 6, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6,
}  # fmt: skip
_COUNTED = re.compile(
    r"(?<!\w)(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")[\s\u00a0-]*(?:х\s+)?"
    r"(соцсет\w*|социальн\w*\s+сет\w*|площад\w*|платформ\w*|аккаунт\w*|social\s+"
    r"(?:media\s+)?(?:networks|platforms|channels|accounts)|networks|platforms|channels)",
    re.IGNORECASE,
)


def _counted_networks(text: str) -> tuple[int, int, int] | None:
    """«ведение 4 соцсетей», "three social platforms": (start, end, how many), two or more."""
    for match in _COUNTED.finditer(fold(text)):
        word = match.group(1)
        count = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        if 2 <= count <= 20:
            return match.start(), match.end(), count
    return None


def content_lines(catalog: Catalog, lines: Sequence[DocLine]) -> tuple[DocLine, ...]:
    """The lines that ask for content to be made: catalog duties marked so, and the
    employer's own lines that read as writing, shooting, editing or designing content."""
    found = []
    for line in lines:
        if line.origin is not None:
            duty = catalog.by_id["duties"].get(line.origin) if line.field == "duties" else None
            if duty is not None and duty.content_production:
                found.append(line)
        elif line.field not in NOT_WORK_FIELDS and CONTENT.find(line.text):
            found.append(line)
    return tuple(found)


def _names(mentions: Sequence[Mention]) -> Text:
    return Text(
        ", ".join(m.network.text.ru for m in mentions),
        ", ".join(m.network.text.en for m in mentions),
    )


def workload_findings(
    catalog: Catalog,
    draft: VacancyDraft,
    lines: Sequence[DocLine],
    mentions: Sequence[Mention],
) -> Iterator[Scored]:
    """`workload` when one person is to make the content for two or more networks."""
    several = [m.count for m in mentions if m.network is SEVERAL_NETWORKS]
    named_networks = [m for m in mentions if m.network is not SEVERAL_NETWORKS]
    # «Во всех соцсетях» means two at least, «в 4 соцсетях» four, whatever else is named.
    count = max([len(named_networks), *several])
    if count < 2:
        return
    makers = content_lines(catalog, lines)
    one_person_role = draft.role in CONTENT_FOCUSED_ROLES or draft.focus == "content"
    if not makers and not one_person_role:
        return
    # «для N соцсетей» (from two up), "for N networks"
    amount: Message = msg_n("%(num)d network", "%(num)d networks", num=count)
    if several and count > len(named_networks) and max(several) == 2:
        amount = msg("several networks")  # «во всех соцсетях»
    if named_networks:
        amount = msg("%(amount)s: %(names)s", amount=amount, names=_names(named_networks))
    named = [m for m in mentions if m.where is not None]
    # The form's list when it alone asks for too many, else the text that names more.
    chosen = len(mentions) - len(named)
    where = named[0].where if named and chosen < 2 else Where("networks")
    if makers:
        what = msg("make content (%(example)s)", example=quoted(makers[0].text))
    else:
        what = msg("make the content themselves")
    strong = count >= 3
    if strong:
        message = msg(
            "The vacancy asks one person to %(what)s for %(amount)s. Someone who makes the "
            "content can fully run only one network, since each needs its own content. "
            "Three or more need a team.",
            what=what,
            amount=amount,
        )
    else:
        message = msg(
            "The vacancy asks one person to %(what)s for %(amount)s. Someone who makes the "
            "content can fully run only one network, since each needs its own content.",
            what=what,
            amount=amount,
        )
    yield finding(
        "workload",
        "networks",
        message,
        msg(
            "Keep one network; or hire a content maker for the others; or hire an SMM "
            "manager with a team who briefs writers and editors and owns the strategy."
        ),
        20 if strong else 10,
        where=where,
        subject=",".join(m.network.id for m in mentions),
    )
