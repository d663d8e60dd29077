"""Exclusion concepts catch the tasks that are not SMM work, and nothing that is."""

from __future__ import annotations

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.phrases import normalize

CATALOG = load_catalog()

MUST_MATCH = {
    "email-newsletters": [
        "Создание e-mail рассылок",
        "e-mail рассылки",
        "E-MAIL-рассылки клиентам",
        "рассылок по почте",
        "рассылка по электронной почте",
        "рассылки на e-mail",
        "email-рассылка",
        "e mail рассылка",
        "имейл-рассылки",
        "Email‑маркетинг",
        "почтовые рассылки",
        "email newsletters",
        "E-mail newsletter for customers",
        "Run email marketing campaigns",
        "Newsletters via e-mail",
        "Work in Mailchimp",
    ],
    "photo-video-shoots": [
        "организация фотосессий",
        "проведение видеосъёмок",
        "Организация и проведение фотосессий и видеосъемок",
        "фото- и видеосъёмка продукции",
        "фотосъёмка товаров",
        "организация съёмок",
        "фото-сессия для каталога",
        "Organise photo and video shoots",
        "Arrange photoshoots",
        "video shooting of events",
        "photo sessions with models",
        "coordinating shoots",
    ],
    "seo": [
        "знание SEO",
        "SEO-оптимизация сайта",
        "SEO оптимизация текстов",
        "Мониторинг показателей SEO и веб-трафика",
        "Уверенное знание SEO, исследования ключевых слов и Google Analytics",
        "поисковое продвижение",
        "продвижение в поисковых системах",
        "сбор семантического ядра",
        "подбор ключевых слов",
        "настройка контекстной рекламы",
        "Яндекс.Директ",
        "Опыт руководства SEO/SEM",
        "PPC-кампании",
        "SEO optimization",
        "search engine optimisation",
        "keyword research",
        "SEO-friendly texts",
        "Google Ads campaigns",
    ],
    "product-cards": [
        "заполнение карточек товаров",
        "заполнение торговых карточек интернет-магазина",
        "товарные карточки",
        "карточки для маркетплейсов",
        "оформление карточек на Wildberries",
        "Fill in product cards",
        "product listings",
        "marketplace listings",
    ],
    "press-articles": [
        "написание статей для СМИ",
        "статьи в СМИ",
        "публикации в отраслевых изданиях",
        "подготовка пресс-релизов",
        "колонки для деловых изданий",
        "Write articles for the press",
        "articles for trade publications",
        "press releases",
        "media articles",
    ],
    "website-moderation": [
        "модерация на сайте",
        "модерация комментариев на сайте",
        "модерация сайта",
        "модерировать отзывы на сайте компании",
        "модератор форума",
        "website moderation",
        "moderating comments on the website",
        "Moderate the company website",
    ],
    "chat-bots": [
        "подключение ботов",
        "настройка чат-ботов",
        "чатбот для записи",
        "чат бот",
        "Чат‑боты",
        "разработка Telegram-бота",
        "настроить бота",
        "бот в Telegram",
        "chatbot setup",
        "chat-bots",
        "setting up Telegram bots",
        "bot development",
    ],
    "web-development": [
        "знание HTML, CSS и JavaScript",
        "HTML5",
        "вёрстка лендингов",
        "веб-разработка",
        "web development",
        "front-end skills",
    ],
}

MUST_NOT_MATCH = [
    "таргетированная реклама",
    "Настраивать таргетированную рекламу во ВКонтакте",
    "контент-план",
    "модерация комментариев в аккаунтах бренда",
    "Moderate comments on the brand's social accounts",
    # Telegram channel broadcasts are social media work, not e-mail newsletters.
    "рассылка в Telegram-канале",
    "Telegram channel broadcasts",
    # The small-project SMM films and edits on a phone; that is not a shoot.
    "съёмка сторис и рилс на телефон",
    "Снимать и монтировать рилс",
    "Shoot stories on a phone",
    "Shoot and edit Reels",
    "Ставить задачи фотографам и видеографам",
    "Brief the photographer",
    "Писать статьи для блога компании",
    "Write articles for social media",
    "Готовить лонгриды для Telegram-канала",
    "Работа с отзывами о бренде вне каналов компании",
    "работа с ключевыми сообщениями бренда",
    "очистка подписчиков от ботов",
    "работа с блогерами",
    "Вести переписку в директе",
    "Публиковать посты по графику",
    "Анализировать статистику страниц",
    "Приводить посетителей из соцсетей на сайт компании",
    "поддерживать обсуждения в группе ВКонтакте",
    "проведение конкурсов и розыгрышей",
    "организация прямых эфиров",
    "Run targeted ads",
    "Reply to direct messages",
    "карточки в сторис",
    "лояльность клиентов",
]


@pytest.mark.parametrize(
    ("exclusion_id", "phrase"),
    [(eid, phrase) for eid, phrases in MUST_MATCH.items() for phrase in phrases],
)
def test_phrase_matches_its_exclusion(exclusion_id, phrase):
    assert CATALOG.exclusion(exclusion_id).matches(phrase)
    assert [e.id for e in CATALOG.exclusions_matching(phrase)] == [exclusion_id]


@pytest.mark.parametrize("phrase", MUST_NOT_MATCH)
def test_ordinary_smm_wording_matches_nothing(phrase):
    assert CATALOG.exclusions_matching(phrase) == ()


def test_seed_exclusions_are_all_there():
    ids = {exclusion.id for exclusion in CATALOG.exclusions}
    assert set(MUST_MATCH) == ids
    seed_list = {e.id for e in CATALOG.exclusions if "article-1/not-smm" in e.source}
    assert seed_list == {
        "email-newsletters",
        "photo-video-shoots",
        "seo",
        "product-cards",
        "press-articles",
        "website-moderation",
        "chat-bots",
    }


@pytest.mark.parametrize("exclusion", CATALOG.exclusions, ids=lambda e: e.id)
def test_exclusion_names_itself(exclusion):
    assert exclusion.matches(exclusion.text.ru)
    assert exclusion.matches(exclusion.text.en)


def _lines():
    for kind in ("duties", "skills", "requirements"):
        for item in getattr(CATALOG, kind):
            for lang in ("ru", "en"):
                yield pytest.param(item, lang, id=f"{kind}:{item.id}:{lang}")


@pytest.mark.parametrize(("item", "lang"), list(_lines()))
def test_catalog_lines_match_exactly_their_declared_conflict(item, lang):
    matched = [e.id for e in CATALOG.exclusions_matching(item.text.get(lang))]
    assert matched == ([item.conflicts_with] if item.conflicts_with else [])


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Видеосъёмка", "видеосъемка"),
        ("E–mail  рассылка", "e-mail рассылка"),
        ("Чат\u2011бот", "чат-бот"),
        ("SEO\u00a0—\u00a0оптимизация", "seo - оптимизация"),
        ("ЁЛКА", "елка"),
    ],
)
def test_normalize(raw, folded):
    assert normalize(raw) == folded


def test_several_lines_give_the_exclusions_of_any_of_them_in_catalog_order():
    lines = ("Вести SEO-оптимизацию сайта", "Send e-mail newsletters")
    order = [e.id for e in CATALOG.exclusions]
    expected = sorted({"seo", "email-newsletters"}, key=order.index)
    for _ in range(2):  # the second answer comes from the catalog's memo
        assert [e.id for e in CATALOG.exclusions_matching(*lines)] == expected
        assert [e.id for e in CATALOG.exclusions_matching(*reversed(lines))] == expected
    assert CATALOG.exclusions_matching() == ()
    # A long line is answered but not kept.
    long_line = "Вести соцсети. " * 60 + "Писать SEO-тексты"
    assert [e.id for e in CATALOG.exclusions_matching(long_line)] == ["seo"]
