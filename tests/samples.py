"""Realistic sample vacancies (about two printed pages each) shared by the tests."""

from __future__ import annotations

from datetime import date

from app.domain.vacancies.document import Goal, Salary, VacancyDocument


def sample_document_ru() -> VacancyDocument:
    """An SMM manager for a St Petersburg coffee roastery, in Russian."""
    return VacancyDocument(
        identifier="VAC-2026-0142",
        title="SMM-менеджер",
        language="ru",
        organization="ООО «Северная обжарка»",
        role="smm-manager",
        role_title="SMM-менеджер",
        networks=("vk", "telegram", "dzen"),
        intro_md=(
            "«Северная обжарка» — семейная обжарочная и сеть из девяти кофеен в "
            "Санкт-Петербурге. Мы сами закупаем зерно у фермеров, обжариваем его в цеху "
            "на Выборгской стороне и продаём в кофейнях, в интернет-магазине и на "
            "маркетплейсах.\n\n"
            "Сейчас у нас **38 000 подписчиков** во ВКонтакте и 12 000 в Telegram-канале. "
            "Ищем человека, который возьмёт соцсети бренда целиком: от стратегии и "
            "контент-плана до общения с гостями в комментариях. Подробнее о нас — на "
            "[сайте](https://coffee-north.example/about)."
        ),
        duties=(
            "Разрабатывать стратегию продвижения бренда во ВКонтакте, Telegram и Дзене "
            "и согласовывать её с директором по маркетингу",
            "Составлять контент-план на месяц вперёд: рубрики, прогревы к запуску новых "
            "сортов и сезонных напитков",
            "Писать тексты постов, сторис и анонсов; ставить задачи дизайнеру и "
            "фотографу и принимать результат",
            "Публиковать контент по графику и следить за качеством оформления",
            "Отвечать на комментарии и сообщения гостей в течение рабочего дня, "
            "передавать жалобы управляющим кофеен",
            "Работать с отзывами о бренде на картах и в сообществах города",
            "Запускать и вести таргетированную рекламу во VK Рекламе в рамках "
            "согласованного бюджета",
            "Договариваться с городскими блогерами и лидерами мнений о совместных "
            "публикациях и розыгрышах",
            "Проводить конкурсы и акции к открытиям новых кофеен",
            "Анализировать статистику сообществ и конкурентов, раз в месяц готовить "
            "отчёт о результатах с выводами и планом",
        ),
        requirements=(
            "Опыт ведения коммерческих сообществ во ВКонтакте или Telegram от 1 года — "
            "покажите 2–3 проекта с цифрами",
            "Грамотная письменная речь и умение писать живо, без канцелярита",
            "Понимание, как устроены воронка продаж и прогрев аудитории",
            "Опыт настройки таргетированной рекламы и работы с бюджетом",
            "Умение читать статистику и делать из неё выводы",
            "Готовность раз в неделю бывать в кофейнях и цеху, чтобы снимать сторис",
            "Будет плюсом: опыт в HoReCa или с продуктами питания",
        ),
        skills=(
            "SMM",
            "Контент-план",
            "Копирайтинг",
            "VK Реклама",
            "Таргетированная реклама",
            "Работа с лидерами мнений",
            "Аналитика соцсетей",
            "Canva",
            "Работа с отзывами",
            "Telegram-каналы",
        ),
        conditions_md=(
            "- Оформление по ТК РФ с первого дня, белая зарплата два раза в месяц\n"
            "- Гибридный формат: три дня в офисе на Чкаловской, два — из дома\n"
            "- Рабочий день с 10:00 до 19:00, в выходные соцсети ведёт дежурный "
            "администратор\n"
            "- Бюджет на рекламу и съёмки, свой фотограф на полставки\n"
            "- Компенсация курсов и конференций до 30 000 ₽ в год\n"
            "- Кофе и выпечка в любой нашей кофейне бесплатно, скидка 30 % на зерно\n"
            "- Испытательный срок — 3 месяца с понятными целями (см. ниже)"
        ),
        goals=(
            Goal(
                "leads",
                "Заявки из соцсетей на корпоративные поставки за месяц",
                20,
                "заявок",
                "higher",
            ),
            Goal(
                "audience-growth",
                "Прирост подписчиков сообщества ВКонтакте",
                1500,
                "подписчиков",
                "higher",
            ),
            Goal("response-time", "Среднее время ответа на сообщения гостей", 2, "ч", "lower"),
            Goal(
                "engagement-rate",
                "Вовлечённость (ER): лайки, комментарии и репосты относительно охвата",
                3.5,
                "%",
                "higher",
            ),
        ),
        apply_md=(
            "Пришлите резюме и ссылки на 2–3 сообщества, которые вы вели, на "
            "[hr@coffee-north.example](mailto:hr@coffee-north.example) с темой "
            "«SMM-менеджер». Расскажите в письме, какой пост за последний год вы считаете "
            "своим лучшим и почему.\n\n"
            "Мы отвечаем каждому кандидату в течение пяти рабочих дней."
        ),
        salary=Salary(80_000, 120_000, "RUB", True, "month"),
        employment="full",
        schedule="full-day",
        workplace="hybrid",
        location="Санкт-Петербург",
        experience="1-3",
        date_posted=date(2026, 11, 26),
        valid_through=date(2026, 12, 26),
    )


def sample_document_en() -> VacancyDocument:
    """A remote social media manager for a language-learning app, in English."""
    return VacancyDocument(
        identifier="VAC-2026-0187",
        title="Social Media Manager (remote)",
        language="en",
        organization="Lingvo Bridge Ltd",
        role="smm-manager",
        role_title="SMM manager",
        networks=("instagram", "tiktok", "youtube", "telegram"),
        intro_md=(
            "Lingvo Bridge is a language-learning app with **400,000 monthly learners** in "
            "Serbia, Armenia and Georgia. Our team of 35 works remotely across four time "
            "zones and meets twice a year in Belgrade.\n\n"
            "We are looking for a social media manager who will own our brand channels: "
            "strategy, the content plan, the community and the numbers. You will work with "
            "our in-house designer and two freelance video makers. Read more on our "
            "[careers page](https://lingvo-bridge.example/careers)."
        ),
        duties=(
            "Build and maintain the social media strategy for Instagram, TikTok, YouTube "
            "Shorts and our Telegram channel, aligned with the marketing plan",
            "Plan content a month ahead: recurring rubrics, launch warm-ups for new courses "
            "and seasonal campaigns",
            "Write captions, scripts for short videos and stories; brief the designer and "
            "video makers and review their work",
            "Publish on schedule and keep the visual identity consistent",
            "Answer comments and direct messages within the working day and escalate "
            "support questions to the help desk",
            "Run paid social campaigns within the agreed budget and report on their cost "
            "per install",
            "Find and brief creators and teachers for collaborations and giveaways",
            "Track competitors and trends, and suggest formats worth testing",
            "Prepare a monthly report with reach, engagement, installs from social and "
            "what you will change next month",
        ),
        requirements=(
            "At least one year managing commercial brand accounts; show us two or three "
            "with numbers",
            "Excellent written English; Russian or Serbian is a plus",
            "A clear understanding of sales funnels and audience warm-ups",
            "Hands-on experience with Meta Ads or TikTok Ads",
            "Comfort with analytics: you read the statistics and act on them",
            "Reliable internet and at least four hours of overlap with 10:00–18:00 CET",
        ),
        skills=(
            "Social media strategy",
            "Content planning",
            "Copywriting",
            "Short-form video",
            "Meta Ads",
            "TikTok Ads",
            "Community management",
            "Influencer marketing",
            "Analytics",
            "Figma",
        ),
        conditions_md=(
            "- Fully remote, with two paid team trips a year\n"
            "- Flexible hours within the core overlap with the team\n"
            "- Contract with a Serbian entity or as a contractor, paid monthly in EUR\n"
            "- 25 days of paid leave and 5 paid sick days\n"
            "- Learning budget of EUR 800 a year and a free lifetime account in the app\n"
            "- A three-month trial period with measurable goals (see below)"
        ),
        goals=(
            Goal(
                "leads",
                "App installs attributed to social media per month",
                1200,
                "installs",
                "higher",
            ),
            Goal("audience-growth", "Instagram follower growth", 5000, "followers", "higher"),
            Goal("response-time", "Median response time to direct messages", 4, "hours", "lower"),
            Goal("engagement-rate", "Engagement rate (ER) of posts", 4, "%", "higher"),
        ),
        apply_md=(
            "Send your CV and links to two or three accounts you have run to "
            "[jobs@lingvo-bridge.example](mailto:jobs@lingvo-bridge.example) with the "
            "subject *Social Media Manager*. Tell us which post of the last year you are "
            "proudest of and why.\n\n"
            "We reply to every applicant within five working days."
        ),
        salary=Salary(2_000, 2_800, "EUR", False, "month"),
        employment="full",
        schedule="remote",
        workplace="remote",
        location="Belgrade, Serbia",
        experience="1-3",
        date_posted=date(2026, 11, 26),
        valid_through=date(2026, 12, 31),
    )
