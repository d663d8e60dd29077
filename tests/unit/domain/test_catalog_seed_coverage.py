"""Every list in the seed text has its items in the catalog, citing the right section."""

from __future__ import annotations

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.model import ITEM_LISTS, SCALES

CATALOG = load_catalog()

# Seed section -> [(short seed quote, catalog list, item id)]; the item must cite the section.
SEED: dict[str, list[tuple[str, str, str]]] = {
    # Article 1, «Что должен уметь специалист по СММ»: the five abilities and their details.
    "article-1/ability-1": [
        ("Анализировать аудиторию", "duties", "analyze-target-audience"),
        ("знает о возражениях ... умеет работать с ними", "duties", "work-with-objections"),
        ("знает о возражениях", "skills", "objection-handling"),
        ("основой для закупки рекламы", "duties", "buy-ads"),
    ],
    "article-1/ability-2": [
        ("Изучать предложения конкурентов", "duties", "analyze-competitors"),
        ("несколько недель будет следить за контентом", "trial_tasks", "competitor-review"),
        ("сравнит статистику ... как выстроены продающие воронки", "skills", "competitor-analysis"),
    ],
    "article-1/ability-3": [
        ("Доносить ценности продукта", "duties", "communicate-product-value"),
    ],
    "article-1/ability-4": [
        ("Формировать цели и задачи", "duties", "set-measurable-goals"),
        ("получить минимум 20 заявок", "kpis", "leads"),
        ("набрать аудиторию в 1000 человек", "kpis", "audience-growth"),
        ("презентовать услуги в интернете", "objectives", "online-presentation"),
        ("поработать над положительным имиджем бренда", "objectives", "brand-image"),
        ("улучшить продажи", "objectives", "sales"),
        ("провести тест нового продукта", "objectives", "product-test"),
        ("помогает с позиционированием бренда", "duties", "brand-positioning"),
        ("создавая неповторимый стиль аккаунта", "duties", "account-visual-style"),
        ("генерирует идеи совместно с дизайнерами", "duties", "brief-content-team"),
    ],
    "article-1/ability-5": [
        ("Продумывать контент на месяцы вперед", "duties", "content-plan"),
        ("придумывает рубрики для ленты и сторис", "trial_tasks", "monthly-content-plan"),
        ("прописывает задания для других членов команды", "duties", "brief-content-team"),
        ("знает специфику прогревов и воронок продаж", "skills", "warmups-and-funnels"),
    ],
    # The introduction to the abilities: scale, strategy, the one-person SMM of a small project.
    "article-1/abilities": [
        ("составлять стратегию по ведению соцсетей", "duties", "develop-strategy"),
        ("совмещает роли контентмейкера, копирайтера, маркетолога", "roles", "smm-generalist"),
        ("и продавца", "duties", "convert-inquiries-to-sales"),
        ("в крупных компаниях ... Instagram, TikTok, Telegram", "duties", "manage-brand-accounts"),
    ],
    # The tip under ability 1: what a good candidate does first on probation.
    "article-1/trial-tip": [
        ("изучит переписки с покупателями", "trial_tasks", "request-customer-data"),
        ("сам проведет опросы среди подписчиков", "trial_tasks", "run-customer-poll"),
    ],
    # What the SMM person of a small project does.
    "article-1/small-project": [
        ("сосредотачиваются непосредственно на подготовке контента", "roles", "smm-generalist"),
        ("самостоятельно обрабатывают видео", "duties", "edit-video"),
        ("делают шаблоны для историй", "duties", "design-story-templates"),
        ("пишут тексты", "duties", "write-posts"),
        ("придумывают прогревы", "duties", "plan-warmups-and-funnels"),
        ("Модерация аккаунтов также ложится на их плечи", "duties", "moderate-accounts"),
        ("выкладывают контент по графику", "duties", "publish-on-schedule"),
        ("общаются с подписчиками в комментах", "duties", "reply-to-comments"),
        ("ведут переписки в директе", "duties", "handle-direct-messages"),
    ],
    # «Что не должен делать СММ менеджер»: the seven exclusions.
    "article-1/not-smm": [
        ("создание e-mail рассылок", "exclusions", "email-newsletters"),
        ("организация и проведение фотосессий и видеосъемок", "exclusions", "photo-video-shoots"),
        ("знание SEO", "exclusions", "seo"),
        ("заполнение торговых карточек интернет-магазина", "exclusions", "product-cards"),
        ("написание статей для СМИ", "exclusions", "press-articles"),
        ("модерация на сайте", "exclusions", "website-moderation"),
        ("подключение ботов", "exclusions", "chat-bots"),
    ],
    # Article 2, «Что такое SMM» and «Что относится к SMM» (5).
    "article-2/what-is-smm": [
        ("создать трафик на сайте", "duties", "drive-website-traffic"),
    ],
    "article-2/includes": [
        ("Разработка стратегии бренда в соцсетях", "duties", "develop-strategy"),
        ("Создание контента", "duties", "create-content"),
        ("Реакция на инфоповоды", "duties", "react-to-news-hooks"),
        ("Таргетированная реклама", "duties", "manage-ad-campaigns"),
        ("Аналитика", "duties", "analyze-statistics"),
    ],
    # «Цели SMM» (10).
    "article-2/goals": [
        ("продажа товаров и услуг", "objectives", "sales"),
        ("поиск потенциальных клиентов", "objectives", "lead-generation"),
        ("работа с лояльностью клиентов", "objectives", "customer-loyalty"),
        ("увеличение трафика на сайте", "objectives", "website-traffic"),
        ("расширение целевой аудитории", "objectives", "audience-growth"),
        ("сбор отзывов", "objectives", "review-collection"),
        ("работа с негативными отзывами", "objectives", "negative-review-handling"),
        ("отслеживание трендов", "objectives", "trend-tracking"),
        ("повышение узнаваемости бренда", "objectives", "brand-awareness"),
        ("исследование спроса клиентов", "objectives", "demand-research"),
        ("сбор отзывов (обязанность)", "duties", "collect-reviews"),
        ("работа с негативными отзывами (обязанность)", "duties", "handle-negative-reviews"),
    ],
    "article-2/why-social-matters": [
        ("результаты таргетинга зависят от бюджета ...", "skills", "targeted-advertising"),
    ],
    # «Кто такой SMM-менеджер».
    "article-2/manager": [
        ("SMM-менеджер ... отвечает за общение", "roles", "smm-manager"),
        ("общение между компанией и клиентом", "duties", "communicate-with-followers"),
        ("управление проектами", "skills", "project-management"),
        ("работа с фото и видеоконтентом", "skills", "photo-video-editing"),
        ("копирайтинг", "skills", "copywriting"),
        ("обслуживание клиентов", "skills", "customer-relationships"),
        (
            "знать целевую аудиторию бренда ... как работают соцсети",
            "skills",
            "social-media-platforms",
        ),
    ],
    # «Кто такой SMM-специалист».
    "article-2/specialist": [
        ("Кто такой SMM-специалист", "roles", "smm-specialist"),
        ("разработка стратегии бренда в социальных сетях", "duties", "develop-strategy"),
        ("создание публикаций", "duties", "create-content"),
        ("но самому сделать публикацию", "duties", "publish-on-schedule"),
        ("ответы на комментарии пользователей", "duties", "reply-to-comments"),
        ("постоянный анализ статистики страницы", "duties", "analyze-statistics"),
        ("проверка и возможные изменения принятой стратегии", "duties", "adjust-strategy"),
        ("анализ соцсетей конкурентов", "duties", "analyze-competitors"),
        (
            "высшее образование в области маркетинга или связей с общественностью",
            "requirements",
            "education-marketing",
        ),
        (
            "практические знания социальных сетей и инструментов",
            "requirements",
            "social-tools-knowledge",
        ),
        ("аналитические навыки", "skills", "analytical-skills"),
        ("умение работать в графических программах", "skills", "graphic-editors"),
    ],
    # «Отличия между SMM-менеджером и SMM-специалистом».
    "article-2/difference": [
        ("менеджер: общение с ЦА и публикация контента", "roles", "smm-manager"),
        ("специалист: рынок, лидеры мнений, акции, спецпроекты", "roles", "smm-specialist"),
        ("анализирует текущую ситуацию на рынке", "duties", "analyze-market"),
        ("работает с лидерами мнений", "duties", "work-with-influencers"),
        ("проводит акции и конкурсы", "duties", "run-promotions-and-contests"),
        ("реализует спецпроекты", "duties", "run-special-projects"),
        ("понимать принципы интернет-маркетинга", "skills", "internet-marketing"),
        ("следить за актуальными тенденциями", "duties", "track-trends"),
        ("разбираться в PR и рекламе", "skills", "pr-and-advertising"),
        ("знаний копирайтинга", "skills", "copywriting"),
        ("психологии", "skills", "psychology"),
        ("как ведут себя пользователи", "skills", "social-media-platforms"),
        ("у компаний b2b и b2c к ним разные требования", "requirements", "experience-segment"),
    ],
    # The SMM manager's eleven duties, and what the section says around them.
    "article-2/manager-duties": [
        ("разработка коммуникационной стратегии", "duties", "develop-strategy"),
        ("создание и публикация контента", "duties", "create-content"),
        ("создание и публикация контента ", "duties", "publish-on-schedule"),
        ("общение от имени бренда с подписчиками", "duties", "communicate-with-followers"),
        ("сотрудничество с лидерами мнений", "duties", "work-with-influencers"),
        ("проведение и контроль рекламных кампаний", "duties", "manage-ad-campaigns"),
        ("анализ статистики", "duties", "analyze-statistics"),
        ("и отчетность о результатах работы", "duties", "report-results"),
        ("построение имиджа бренда", "duties", "build-brand-image"),
        ("работа с отзывами о бренде вне каналов компании", "duties", "monitor-external-mentions"),
        ("мониторинг конкурентов", "duties", "analyze-competitors"),
        ("управление подчиненной командой", "duties", "manage-team"),
        ("контакт с клиентом", "duties", "client-communication"),
        ("узкие специалисты по определенному каналу", "requirements", "experience-network"),
        ("больше внимания органическим охватам", "duties", "grow-organic-reach"),
        ("творческим", "skills", "creativity"),
        ("коммуникативным", "skills", "communication-skills"),
        ("гибким ... готовым постоянно учиться", "skills", "flexibility-and-learning"),
        (
            "чрезвычайные ситуации могут случиться в нерабочее время",
            "requirements",
            "off-hours-readiness",
        ),
    ],
    # The social media specialist's tasks.
    "article-2/specialist-duties": [
        ("построение целостного имиджа компании", "duties", "build-brand-image"),
        ("координация рекламных кампаний", "duties", "manage-ad-campaigns"),
        ("построение сообщества вокруг бренда", "duties", "build-community"),
        ("подготовка контента", "duties", "create-content"),
        ("сотрудничество с графическим и креативным отделами", "duties", "brief-content-team"),
        ("систематическое управление аккаунтами", "duties", "manage-brand-accounts"),
        ("постоянно изучает статистику", "duties", "analyze-statistics"),
        ("делает анализ конкурентов", "duties", "analyze-competitors"),
        ("готовит отчеты", "duties", "report-results"),
    ],
    # «Как оценивают эффективность SMM»: two levels.
    "article-2/evaluation": [
        (
            "общие впечатления: оформление, эстетика, оригинальность",
            "trial_tasks",
            "content-quality",
        ),
        ("статистика: лайки, комментарии, репосты", "kpis", "engagement-rate"),
        ("портфолио профилей с измеримыми достижениями", "requirements", "portfolio"),
    ],
    # Template 1, «Обязанности» (10).
    "template-1/duties": [
        ("Исследование текущих тенденций и предпочтений аудитории", "duties", "track-trends"),
        ("Разработка и внедрение стратегии социальных сетей", "duties", "develop-strategy"),
        ("Установите конкретные цели", "duties", "set-measurable-goals"),
        ("отчитайтесь о рентабельности инвестиций", "duties", "report-results"),
        ("создавайте, редактируйте, публикуйте", "duties", "create-content"),
        ("Мониторинг показателей SEO и веб-трафика", "duties", "monitor-seo-web-traffic"),
        ("Сотрудничайте с другими командами", "duties", "collaborate-with-departments"),
        ("Общайтесь с подписчиками", "duties", "communicate-with-followers"),
        ("своевременно отвечайте на запросы", "duties", "reply-to-comments"),
        ("следите за отзывами клиентов", "duties", "collect-reviews"),
        ("Надзор за дизайном учетных записей", "duties", "account-visual-style"),
        ("рекламные акции и конкурсы", "duties", "run-promotions-and-contests"),
        ("Будьте в курсе последних технологий", "duties", "track-trends"),
    ],
    # Template 1, «Требования и навыки» (10).
    "template-1/requirements": [
        ("Подтвержденный опыт работы в качестве менеджера", "requirements", "experience-smm"),
        ("Практический опыт управления контентом", "requirements", "experience-content-management"),
        ("Отличные навыки копирайтинга", "skills", "copywriting"),
        ("Возможность доставки творческого контента", "skills", "creative-content"),
        ("Уверенное знание SEO, исследования ключевых слов", "skills", "seo-keyword-research"),
        ("... и Google Analytics", "requirements", "web-analytics-tools"),
        ("Знание каналов онлайн-маркетинга", "skills", "internet-marketing"),
        ("Знакомство с веб-дизайном", "skills", "web-design-basics"),
        ("Отличные коммуникативные навыки", "skills", "communication-skills"),
        ("Аналитические навыки", "skills", "analytical-skills"),
        ("умение работать в режиме многозадачности", "skills", "multitasking"),
        ("Степень бакалавра наук в области маркетинга", "requirements", "education-marketing"),
    ],
    # Template 1, introduction and FAQ.
    "template-1/overview": [
        ("администрирования наших учетных записей", "duties", "manage-brand-accounts"),
    ],
    "template-1/faq": [
        ("единого голоса", "duties", "keep-brand-voice"),
        ("использовать инструменты мониторинга", "skills", "monitoring-tools"),
        ("создания онлайн-сообщества", "duties", "build-community"),
        ("цифровые кампании, повышающие лояльность", "duties", "loyalty-programs"),
    ],
    # Template 2, «Обязанности» (12).
    "template-2/duties": [
        (
            "используя социальные сети для выявления и привлечения клиентов",
            "duties",
            "attract-customers",
        ),
        (
            "разрабатывая планы и программы маркетинга ... для каждого продукта",
            "duties",
            "product-marketing-plans",
        ),
        (
            "организуя и развивая специальные программы по работе с клиентами",
            "duties",
            "loyalty-programs",
        ),
        ("краткосрочные и долгосрочные рыночные прогнозы", "duties", "market-forecasts"),
        ("новые подходы к развитию рынка", "duties", "market-development"),
        ("Поддерживает исследовательскую базу данных", "duties", "research-database"),
        ("Предоставляет маркетинговую информацию", "duties", "answer-marketing-inquiries"),
        ("подготовки годового бюджета", "duties", "plan-smm-budget"),
        ("планируя и назначая сотрудников", "duties", "manage-team"),
        ("найма, отбора, ориентации и обучения", "duties", "hire-and-onboard"),
        ("консультируя и дисциплинируя сотрудников", "duties", "coach-and-evaluate-staff"),
        ("возможности для профессионального роста", "duties", "develop-staff"),
    ],
    # Template 2, «Квалификация/навыки» (7).
    "template-2/skills": [
        ("Навыки работы в социальных сетях", "skills", "social-media-platforms"),
        ("Создание и поддержание отношений с клиентами", "skills", "customer-relationships"),
        ("Коучинг и вовлечение подчиненных", "skills", "coaching"),
        ("Управление процессами", "skills", "project-management"),
        ("Самомотивированный, но ориентированный на клиента", "skills", "self-motivation"),
        (
            "маркетинговых исследований и статистического анализа",
            "skills",
            "market-research-statistics",
        ),
        ("Знаком с финансовым планированием и стратегией", "skills", "financial-planning"),
    ],
    # Template 2, «Образование, опыт и лицензирование» (degree and 6).
    "template-2/requirements": [
        ("степень магистра или бакалавра в маркетинге", "requirements", "education-marketing"),
        ("опыт работы в цифровом маркетинге", "requirements", "experience-digital-marketing"),
        ("руководства и управления SEO/SEM", "requirements", "experience-seo-sem"),
        ("маркетинговой базой данных", "requirements", "experience-marketing-database"),
        ("рекламными кампаниями в социальных сетях", "requirements", "experience-social-ads"),
        (
            "знание веб-сайтов и инструментов маркетинговой аналитики",
            "requirements",
            "web-analytics-tools",
        ),
        ("знания инструментов показа рекламы", "requirements", "ad-serving-tools"),
        ("кампаний PPC во всех основных поисковых системах", "requirements", "search-ppc"),
        ("Практические знания HTML, CSS и JavaScript", "requirements", "html-css-js"),
    ],
}
ROWS = [
    (quote, kind, item_id, section)
    for section, rows in SEED.items()
    for quote, kind, item_id in rows
]

# The seed's demands that are not SMM work: kept, but marked.
CONFLICTING = {
    ("duties", "monitor-seo-web-traffic"): "seo",
    ("skills", "seo-keyword-research"): "seo",
    ("requirements", "experience-seo-sem"): "seo",
    ("requirements", "search-ppc"): "seo",
    ("requirements", "html-css-js"): "web-development",
}


@pytest.mark.parametrize(
    ("kind", "item_id", "section"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_seed_statement_is_in_the_catalog(kind, item_id, section):
    item = CATALOG.by_id[kind].get(item_id)
    assert item is not None, f"no {kind} item {item_id!r}"
    assert section in item.source


def test_every_seed_section_is_cited():
    cited = {
        source
        for name in ITEM_LISTS
        if name not in ("categories", "sources")
        for item in getattr(CATALOG, name)
        for source in item.source
    }
    assert cited == {source.id for source in CATALOG.sources}


def _texts(item):
    for name in ("text", "summary", "rationale", "instead", "unit", "evidence"):
        if hasattr(item, name):
            yield name, getattr(item, name)


def test_every_text_has_both_languages():
    for name in ITEM_LISTS:
        for item in getattr(CATALOG, name):
            for key, text in _texts(item):
                assert text.ru.strip() and text.en.strip(), f"{name} {item.id}: {key}"
                assert text.get("ru") == text.ru and text.get("en-GB") == text.en


def test_conflicting_items_are_exactly_the_seeds_non_smm_demands():
    marked = {
        (name, item.id): item.conflicts_with
        for name in ("duties", "skills", "requirements")
        for item in getattr(CATALOG, name)
        if item.conflicts_with
    }
    assert marked == CONFLICTING


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda r: r.id)
@pytest.mark.parametrize("scale", [*SCALES, None])
def test_role_defaults_are_filled_and_never_conflicting(role, scale):
    defaults = CATALOG.defaults_for(role.id, scale)
    assert all(defaults), defaults
    items = [
        *map(CATALOG.duty, defaults.duties),
        *map(CATALOG.skill, defaults.skills),
        *map(CATALOG.requirement, defaults.requirements),
    ]
    assert [item.id for item in items if item.conflicts_with] == []
    assert all(role.id in item.roles for item in items)
    assert all(role.id in CATALOG.kpi(kpi_id).roles for kpi_id in defaults.kpis)
    assert CATALOG.trial_tasks_for_duties(defaults.duties)


def test_scale_changes_the_defaults():
    small = CATALOG.defaults_for("smm-manager", "small")
    large = CATALOG.defaults_for("smm-manager", "large")
    assert "write-posts" in small.duties and "write-posts" not in large.duties
    assert "manage-team" in large.duties and "manage-team" not in small.duties


def test_unknown_scale_is_an_error():
    with pytest.raises(ValueError, match="medium"):
        CATALOG.defaults_for("smm-manager", "medium")


def test_network_specific_duties_need_their_network():
    everywhere = CATALOG.defaults_for("smm-generalist", "small")
    linkedin = CATALOG.defaults_for("smm-generalist", "small", networks=["linkedin"])
    instagram = CATALOG.defaults_for("smm-generalist", "small", networks=["instagram"])
    assert "design-story-templates" in everywhere.duties
    assert "design-story-templates" not in linkedin.duties
    assert instagram == everywhere


def test_generalist_runs_one_network_and_produces_content():
    generalist = CATALOG.role("smm-generalist")
    assert generalist.max_networks == 1
    produced = [d for d in generalist.defaults.duties if CATALOG.duty(d).content_production]
    assert len(produced) >= 3
    assert CATALOG.role("smm-manager").max_networks is None


def test_trial_tasks_link_to_existing_duties():
    for task in CATALOG.trial_tasks:
        assert task.duties and all(d in CATALOG.by_id["duties"] for d in task.duties)
        assert 1 <= task.weight <= 5
    assert any(task.critical for task in CATALOG.trial_tasks)


def test_kpis_include_the_seeds_examples():
    leads, audience = CATALOG.kpi("leads"), CATALOG.kpi("audience-growth")
    assert (leads.default_target, leads.direction) == (20, "higher")
    assert (audience.default_target, audience.direction) == (1000, "higher")
    assert CATALOG.kpi("reply-time").direction == "lower"
    assert CATALOG.kpi("cost-per-lead").direction == "lower"
    assert {"engagement-rate", "reach", "roi"} <= set(CATALOG.by_id["kpis"])
    assert all(kpi.default_target > 0 for kpi in CATALOG.kpis)


def test_every_category_and_network_is_used():
    assert {d.category for d in CATALOG.duties} == set(CATALOG.by_id["categories"])
    assert {"instagram", "tiktok", "telegram", "facebook", "vk", "youtube"} <= set(
        CATALOG.by_id["networks"]
    )
    assert {"linkedin", "x", "pinterest"} <= set(CATALOG.by_id["networks"])
    assert CATALOG.network("vk").text.ru == "ВКонтакте"
