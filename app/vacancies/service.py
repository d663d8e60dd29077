"""Saving, versioning and finding vacancies; the views and the API both call this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    UnaryExpression,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import defer

from app.accounts.models import AuditEvent, Organization, User
from app.accounts.services import audit
from app.admin.logo import usable_logo
from app.caches import memoize
from app.catalog.service import catalog_for
from app.database import utcnow
from app.domain.catalog.model import Catalog
from app.domain.probation.law import LAW_COUNTRIES
from app.domain.vacancies.checks import check_vacancy, publish_blockers
from app.domain.vacancies.compose import compose_vacancy
from app.domain.vacancies.document import Logo, VacancyDocument
from app.domain.vacancies.draft import VacancyDraft
from app.domain.vacancies.quality import CheckReport, Finding
from app.domain.vacancies.search_words import index_words, query_words
from app.domain.vacancies.serialize import draft_from_dict, draft_to_dict
from app.extensions import db
from app.vacancies.models import Vacancy, VacancyTerm, VacancyVersion

PER_PAGE = 25
# A search word with at least this many matching vacancies is "common" (see list_page).
COMMON_WORD = 1000
# On SQLite, a search whose rarest word has fewer matches than this is sorted here.
FEW_MATCHES = 1000
# The list's count stops here: past it the page says "more than 10,000". Counting reads
# an index entry per vacancy (0.5 ms for 10,000), or the words' ids in the term key for
# a search (1,000: 0.1 ms). A common search word together with a filter or another word
# is checked vacancy by vacancy (about 0.7 us each): that count stops at 100 found or
# after COUNT_WALK vacancies ("at least ..." then), which keeps it near 1 ms; counting
# on to 1,000 took 6-8 ms, and two common words that are rarely together walk them all.
COUNT_LIMIT = 10_000
SEARCH_COUNT_LIMIT = 1_000
CHECKED_COUNT_LIMIT = 100
COUNT_WALK = 2_000
SORTS: dict[str, tuple[UnaryExpression[Any], ...]] = {
    "updated": (Vacancy.updated_at.desc(), Vacancy.id.desc()),
    "created": (Vacancy.created_at.desc(), Vacancy.id.desc()),
    "title": (Vacancy.title_key.asc(), Vacancy.id.asc()),
}
# The same orders in Python: (key of a row, descending).
_SORT_KEYS = {
    "updated": (lambda row: (row.updated_at, row.id), True),
    "created": (lambda row: (row.created_at, row.id), True),
    "title": (lambda row: (row.title_key, row.id), False),
}


class VersionConflict(Exception):
    """The vacancy was saved by someone else after the editor loaded it."""

    def __init__(self, vacancy: Vacancy | None):
        super().__init__("stale version")
        self.vacancy = vacancy


class PublishBlocked(Exception):
    """Publishing was refused because error findings stand."""

    def __init__(self, blockers):
        super().__init__("publishing blocked")
        self.blockers = blockers


class PublishedContentBlocked(PublishBlocked):
    """A change (an edit or a restored version) of a published vacancy was refused: the
    new content has error findings, and a published vacancy never shows such content."""


# The audit action of a published vacancy moved back to draft because its content came
# to have error findings without an edit (the catalog changed, or an import).
WITHDRAWN = "vacancy-withdrawn"


@dataclass(frozen=True)
class Count:
    """How many vacancies a list has: `number` exactly, or (`bound`) "more than
    `number`" when the count stopped at its limit, or (`partial`) "at least `number`"
    when it stopped after walking COUNT_WALK vacancies without reaching the limit."""

    number: int
    bound: bool = False
    partial: bool = False


@dataclass(frozen=True)
class Page:
    """One page of a vacancy list; `total` counts the whole filtered list when asked."""

    items: list[Vacancy]
    page: int
    has_next: bool
    # Counts the filtered list (one query or two, made only when a page shows the
    # count: the API's pages do not); None: the items are all there is.
    counter: Callable[[], Count] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def total(self) -> Count:
        """How many vacancies the filtered list has (see Count)."""
        return self.counter() if self.counter is not None else Count(len(self.items))


def search_key(text: str) -> str:
    """Case-folded text for searching, the same on SQLite and PostgreSQL."""
    return " ".join(text.casefold().replace("ё", "е").split())[:300]


def search_terms(text: str) -> list[str]:
    """The terms the search index stores for a text: its words and their lemmas (see
    app/domain/vacancies/search_words.py for the rule)."""
    return index_words(text)


def index_text(vacancy: Vacancy) -> str:
    """What the search reads of a vacancy: its title, location and identifier."""
    location = (vacancy.data or {}).get("location", "")
    return f"{vacancy.title} {location} vac {vacancy.id}"


def index_terms(vacancy: Vacancy) -> None:
    """Replace the vacancy's search terms (its title, location and identifier)."""
    db.session.execute(delete(VacancyTerm).where(VacancyTerm.vacancy_id == vacancy.id))
    db.session.execute(
        VacancyTerm.__table__.insert(),
        [
            {"organization_id": vacancy.organization_id, "term": w, "vacancy_id": vacancy.id}
            for w in search_terms(index_text(vacancy))
        ],
    )


def identifier(vacancy_id: int | None) -> str:
    """The public identifier of a vacancy."""
    return f"VAC-{vacancy_id}" if vacancy_id else "VAC-NEW"


def document_for(
    org: Organization,
    catalog: Catalog,
    draft: VacancyDraft,
    vacancy: Vacancy | None = None,
    *,
    with_logo: bool = True,
) -> VacancyDocument:
    """Compose the document a vacancy (or an unsaved draft) shows and exports.

    with_logo=False leaves the logo out (and unread): a web page links to it instead."""
    # A draft shows no publication date; its saved day keeps its files' cache key stable.
    posted = date.today()
    if vacancy is not None and vacancy.published_at is not None:
        posted = vacancy.published_at.date()
    elif vacancy is not None and vacancy.created_at is not None:
        posted = vacancy.created_at.date()
    logo = None
    if with_logo and org.logo_mime and org.logo_data and usable_logo(org.logo_mime, org.logo_data):
        logo = Logo(org.logo_mime, org.logo_data)
    unpublished = vacancy is None or vacancy.status == "draft" or vacancy.published_at is None
    document = compose_vacancy(
        catalog,
        draft,
        organization=org.name,
        identifier=identifier(vacancy.id if vacancy else None),
        date_posted=posted,
        logo=logo,
        version=vacancy.version if vacancy else 1,
        country=LAW_COUNTRIES.get(org.labour_law or "", ""),
    )
    return replace(document, draft=True) if unpublished else document


def analyse(
    org: Organization, catalog: Catalog, draft: VacancyDraft, vacancy: Vacancy | None = None
) -> tuple[VacancyDocument, CheckReport]:
    """The composed document and its check report."""
    document = document_for(org, catalog, draft, vacancy)
    return document, check_vacancy(catalog, draft, document=document)


def _apply(vacancy: Vacancy, draft: VacancyDraft, report: CheckReport) -> dict:
    values = {
        "title": draft.title,
        "title_key": search_key(f"{draft.title} {draft.location}"),
        "role": draft.role,
        "language": draft.language,
        "data": draft_to_dict(draft),
        "error_count": sum(1 for f in report.findings if f.severity == "error"),
        "warning_count": sum(1 for f in report.findings if f.severity != "error"),
        "quality": report.quality,
        "updated_at": utcnow(),
    }
    for key, value in values.items():
        setattr(vacancy, key, value)
    return values


def queue_renders(vacancy: Vacancy, user: User | None) -> None:
    """Have the worker make the PDF and DOCX of the vacancy's current document once this
    transaction commits (PRERENDER_ON_SAVE), so a download is a cache hit."""
    from flask import current_app

    if not current_app.config.get("PRERENDER_ON_SAVE"):
        return
    # Registered at app creation by the exports (app.exports.jobs), which build on this
    # module: called through the app, not imported.
    prerender = current_app.extensions["smm.prerender"]
    org = db.session.get(Organization, vacancy.organization_id)
    if org is not None:
        prerender(org, vacancy, user.id if user else None)


def _add_version(vacancy: Vacancy, user: User | None) -> None:
    db.session.add(
        VacancyVersion(
            organization_id=vacancy.organization_id,
            vacancy_id=vacancy.id,
            number=vacancy.version,
            title=vacancy.title,
            data=vacancy.data,
            created_by_id=user.id if user else None,
        )
    )


class ExportBlocked(PublishBlocked):
    """A published vacancy whose content has error findings under today's checks (they
    were stricter when it was published, or its catalog changed): its files are not made
    until the errors are fixed, so nothing with an error reaches candidates."""


def ensure_exportable(catalog: Catalog, vacancy: Vacancy) -> None:
    """Raise ExportBlocked for a published vacancy that now has error findings."""
    if vacancy.status == "published":
        ensure_publishable(check_vacancy(catalog, current_draft(vacancy)), ExportBlocked)


def blocking_findings(catalog: Catalog, draft: VacancyDraft) -> tuple[Finding, ...]:
    """The findings that keep this content from being published."""
    return publish_blockers(check_vacancy(catalog, draft))


def ensure_publishable(report: CheckReport, error: type[PublishBlocked] = PublishBlocked) -> None:
    """The publish gate, the one place it is decided: content with an error finding is
    never published. Raises `error` with the blocking findings.

    Every path that could put content in front of candidates goes through here:
    publishing (`set_status`), saving an edit or a restored version of a published
    vacancy (`save`, `restore`), and the vacancies a catalog change or an import left
    blocked (`withdraw_blocked`, which moves them back to draft)."""
    blockers = publish_blockers(report)
    if blockers:
        raise error(blockers)


def create(org: Organization, user: User | None, catalog: Catalog, draft: VacancyDraft) -> Vacancy:
    """Save a new vacancy as a draft, with its first version."""
    vacancy = Vacancy(organization_id=org.id, status="draft", version=1)
    vacancy.created_by_id = vacancy.updated_by_id = user.id if user else None
    _apply(vacancy, draft, check_vacancy(catalog, draft))
    db.session.add(vacancy)
    db.session.flush()
    _add_version(vacancy, user)
    index_terms(vacancy)
    queue_renders(vacancy, user)
    return vacancy


def save(
    vacancy: Vacancy,
    user: User | None,
    catalog: Catalog,
    draft: VacancyDraft,
    base_version: int,
) -> Vacancy:
    """Save an edit made on `base_version`; VersionConflict if someone saved in between,
    PublishedContentBlocked if the vacancy is published and the new content has errors
    (nothing is stored then: the published text stays as it was)."""
    if base_version != vacancy.version:
        raise VersionConflict(vacancy)
    report = check_vacancy(catalog, draft)
    if vacancy.status == "published":
        ensure_publishable(report, PublishedContentBlocked)
    blocked = bool(publish_blockers(report))
    values = _apply(vacancy, draft, report)
    values.update(version=base_version + 1, updated_by_id=user.id if user else None)
    # The version check happens in the database, so two saves racing on the same base
    # cannot both succeed even across processes; content with errors is only written
    # while the vacancy is not published, so a publish racing this save cannot end
    # with that content published (publishing checks the version it checked, too).
    conditions = [Vacancy.id == vacancy.id, Vacancy.version == base_version]
    if blocked:
        conditions.append(Vacancy.status != "published")
    # An UPDATE answers with a cursor result: its rowcount is what matched.
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(Vacancy)
            .where(*conditions)
            .values(**values)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        db.session.rollback()
        current = db.session.get(Vacancy, vacancy.id)
        if blocked and current is not None and current.version == base_version:
            raise PublishedContentBlocked(publish_blockers(report))
        raise VersionConflict(current)
    db.session.expire(vacancy)
    _add_version(vacancy, user)
    index_terms(vacancy)
    queue_renders(vacancy, user)
    return vacancy


def restore(
    vacancy: Vacancy, user: User | None, catalog: Catalog, number: int, base_version: int
) -> Vacancy:
    """Make version `number` current again, as a new version (the same rules as `save`);
    LookupError when there is no such version."""
    old = version(vacancy, number)
    if old is None:
        raise LookupError(number)
    return save(vacancy, user, catalog, draft_from_dict(old.data), base_version)


def current_draft(vacancy: Vacancy) -> VacancyDraft:
    """The vacancy's saved draft."""
    return draft_from_dict(vacancy.data)


def set_status(vacancy: Vacancy, status: str, catalog: Catalog) -> None:
    """Publish, archive or bring back to draft; publishing needs no error findings
    (PublishBlocked), and the checked version must still be the current one
    (VersionConflict otherwise). Publishing again (a published vacancy edited since)
    makes the current version the one the public job page shows."""
    now = utcnow()
    if status != "published":
        vacancy.status = status
        vacancy.updated_at = now
        queue_renders(vacancy, None)
        return
    checked = vacancy.version
    ensure_publishable(check_vacancy(catalog, current_draft(vacancy)))
    # An UPDATE answers with a cursor result: its rowcount is what matched.
    result = cast(
        "CursorResult[Any]",
        db.session.execute(
            update(Vacancy)
            .where(Vacancy.id == vacancy.id, Vacancy.version == checked)
            .values(status="published", published_at=now, updated_at=now, published_version=checked)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise VersionConflict(db.session.get(Vacancy, vacancy.id))
    db.session.expire(vacancy)
    queue_renders(vacancy, None)


def withdraw_blocked(
    org: Organization, catalog: Catalog, user: User | None, reason: str
) -> list[Vacancy]:
    """Move the organization's published vacancies whose content now has error findings
    (under `catalog`) back to draft, each with a WITHDRAWN audit entry; returns them.

    Called where content changes without an edit: a catalog change ("catalog") and an
    import ("import"). The vacancy's page then explains what happened and what to fix."""
    withdrawn = []
    published = db.session.execute(
        select(Vacancy)
        .where(Vacancy.organization_id == org.id, Vacancy.status == "published")
        .order_by(Vacancy.id)
    ).scalars()
    for vacancy in published.all():
        report = check_vacancy(catalog, current_draft(vacancy))
        blockers = publish_blockers(report)
        # The public job page shows the published version, which an edit since may
        # have left behind: its text must pass the gate too.
        public_blockers = blockers or _published_version_blockers(catalog, vacancy)
        if not public_blockers:
            continue
        vacancy.status = "draft"
        vacancy.updated_at = utcnow()
        vacancy.error_count = len(blockers)
        vacancy.warning_count = len(report.findings) - len(blockers)
        vacancy.quality = report.quality
        audit(
            WITHDRAWN,
            user=user,
            org_id=org.id,
            vacancy_id=vacancy.id,
            version=vacancy.version,
            reason=reason,
            codes=sorted({f.code for f in public_blockers}),
        )
        withdrawn.append(vacancy)
    return withdrawn


def catalog_changed(org: Organization, user: User | None) -> list[Vacancy]:
    """Record a change of the organization's overrides (in the current transaction) and
    apply the publish gate to it: a published vacancy whose text now has error findings
    goes back to draft (see `withdraw_blocked`). Returns those."""
    org.catalog_version += 1
    db.session.flush()
    return withdraw_blocked(org, catalog_for(org), user, "catalog")


def _published_version_blockers(catalog: Catalog, vacancy: Vacancy) -> tuple[Finding, ...]:
    """The blocking findings of the version the vacancy published, when that is not the
    current one; () otherwise."""
    if vacancy.published_version in (None, vacancy.version):
        return ()
    old = version(vacancy, vacancy.published_version)
    return () if old is None else blocking_findings(catalog, draft_from_dict(old.data))


def withdrawal(vacancy: Vacancy) -> AuditEvent | None:
    """The entry of the vacancy's move back to draft by `withdraw_blocked`, while it is
    a draft that has not been published since; None otherwise."""
    if vacancy.status != "draft" or vacancy.published_at is None:
        return None
    events = db.session.execute(
        select(AuditEvent)
        .where(
            AuditEvent.organization_id == vacancy.organization_id,
            AuditEvent.action == WITHDRAWN,
            AuditEvent.created_at >= vacancy.published_at,
        )
        .order_by(AuditEvent.id.desc())
        .limit(500)
    ).scalars()
    return next((e for e in events if (e.detail or {}).get("vacancy_id") == vacancy.id), None)


def duplicate(vacancy: Vacancy, user: User | None, catalog: Catalog, copy_label: str) -> Vacancy:
    """A new draft with the same content and a marked title."""
    draft = current_draft(vacancy)
    title = f"{draft.title} ({copy_label})"[:150]
    org = db.session.get_one(Organization, vacancy.organization_id)
    return create(org, user, catalog, replace(draft, title=title))


def version(vacancy: Vacancy, number: int) -> VacancyVersion | None:
    """One saved version of a vacancy."""
    return db.session.execute(
        select(VacancyVersion).where(
            VacancyVersion.vacancy_id == vacancy.id, VacancyVersion.number == number
        )
    ).scalar_one_or_none()


def _starts_with(column, word: str):
    """A prefix condition the database can answer from an index."""
    if db.engine.dialect.name == "sqlite":
        # SQLite compares text bytewise, so a range is an exact prefix test.
        return and_(column >= word, column < word + "\U0010ffff")
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(escaped + "%", escape="\\")


def _has_term(word: str, lemmas: tuple[str, ...], vacancy_id=Vacancy.id):
    """The vacancy has a term the query word finds: one starting with the word as typed,
    or one of the word's lemmas (app/domain/vacancies/search_words.py). Two EXISTS, each one
    probe of the (vacancy_id, term) index: in one OR, SQLite read all the vacancy's
    terms (a common word's page: 4.5 -> 7 ms)."""

    def has(condition):
        return select(VacancyTerm.vacancy_id).where(VacancyTerm.vacancy_id == vacancy_id, condition)

    prefix = has(_starts_with(VacancyTerm.term, word)).exists()
    return or_(prefix, has(VacancyTerm.term.in_(lemmas)).exists()) if lemmas else prefix


def _matching(org_id: int, word: str, lemmas: tuple[str, ...]):
    """The ids of the organization's vacancies that have a term the query word finds,
    through the (organization, term) primary key: a range for the prefix, one probe per
    lemma. Two selects joined, not one OR, which SQLite cannot answer from the key
    (with the organization outside the OR it would scan all the organization's terms);
    an id can come more than once (the duplicates only make the count a bound)."""
    of_org = select(VacancyTerm.vacancy_id).where(VacancyTerm.organization_id == org_id)
    prefix = of_org.where(_starts_with(VacancyTerm.term, word))
    return union_all(prefix, of_org.where(VacancyTerm.term.in_(lemmas))) if lemmas else prefix


def list_page(
    org_id: int,
    *,
    q: str = "",
    status: str = "",
    role: str = "",
    sort: str = "updated",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page:
    """A page of the organization's vacancies; one extra row tells whether more follow."""
    conditions, checks = [], []
    if status:
        conditions.append(Vacancy.status == status)
    if role:
        conditions.append(Vacancy.role == role)
    # Words of the title cluster in title order, so walking that order past them costs
    # more: a word must be far more common before the walk pays off.
    common = COMMON_WORD * (20 if sort == "title" else 1)
    words = []
    for word, lemmas in query_words(q):
        matching = _matching(org_id, word, lemmas)
        # Its vacancies, not its rows: a vacancy often has two (a word and its lemma,
        # «маркетологов» and «маркетолог», both start with «маркетолог»).
        # Counted one past the search's count limit: a search for this word alone has
        # its count here, with no query of its own.
        ids = select(matching.subquery().c.vacancy_id).distinct()
        found = _number(ids.limit(max(COMMON_WORD, SEARCH_COUNT_LIMIT) + 1))
        distinct = found
        if found > COMMON_WORD and common > COMMON_WORD:
            # Title order: rows estimate more of them (one or two per vacancy) at a
            # fraction of what counting them apart costs (1 ms against 3-7 for 20,000).
            found = max(found, _number(matching.limit(2 * common)) // 2)
        words.append((found, (word, lemmas), matching, distinct))
    words.sort(key=lambda w: w[0])
    page = max(1, min(page, 10_000))
    if words and words[0][0] == 0:
        return Page(items=[], page=page, has_next=False)  # a word nothing has
    limit = SEARCH_COUNT_LIMIT if words else COUNT_LIMIT
    sort = sort if sort in SORTS else "updated"
    few = bool(words) and words[0][0] < FEW_MATCHES and db.engine.dialect.name == "sqlite"
    for n, (found, (word, lemmas), matching, _) in enumerate(words):
        if n == 0 and (few or found < common):
            # The rarest word, when it is rare: its vacancies through the (organization,
            # term) primary key, a range scan.
            conditions.append(Vacancy.id.in_(matching))
        else:
            # A common word (or any further word): checked per vacancy, through the
            # vacancy_id index (no organization condition here, so that the planner
            # cannot prefer a term range scan per row), while the sort order's index is
            # walked: a word in every title does not make the database sort them all.
            checks.append((word, lemmas))
    if not words:
        counter = partial(_filters_count, org_id, status, role)
    elif len(words) == 1 and not (status or role):
        # One word and nothing else: counted above, in the term key.
        alone = words[0][3]
        counter = partial(Count, min(alone, limit), bound=alone > limit)
    else:
        counter = partial(_count, org_id, conditions, checks, limit, sort)
    conditions = [*conditions, *(_has_term(word, lemmas) for word, lemmas in checks)]
    offset = (page - 1) * per_page
    if few:
        rows, found = _few_matches_page(org_id, conditions, sort, offset, per_page + 1)
        return Page(
            items=rows[:per_page],
            page=page,
            has_next=len(rows) > per_page,
            counter=lambda: Count(min(found, limit), bound=found > limit),
        )
    # The list shows no content: leaving the JSON out keeps sorted rows small.
    query = (
        select(Vacancy)
        .options(defer(Vacancy.data))
        .where(Vacancy.organization_id == org_id, *conditions)
        .order_by(*SORTS[sort])
        .limit(per_page + 1)
        .offset(offset)
    )
    rows = list(db.session.execute(query).scalars())
    seen = offset + len(rows)  # there are at least as many as this page has seen
    return Page(
        items=rows[:per_page],
        page=page,
        has_next=len(rows) > per_page,
        counter=lambda: _at_least(counter(), seen) if rows else counter(),
    )


def _at_least(count: Count, seen: int) -> Count:
    """A partial count is never less than what the page itself has seen."""
    if count.partial and count.number < seen:
        return replace(count, number=seen)
    return count


@memoize("sql.vacancy_filters")
def _filters_count_query(status: bool, role: bool):
    """The count of a list without a search, built once per filter shape (building it
    took half as long as running it)."""
    conditions = [Vacancy.organization_id == bindparam("org_id")]
    if status:
        conditions.append(Vacancy.status == bindparam("status"))
    if role:
        conditions.append(Vacancy.role == bindparam("role"))
    bounded = select(Vacancy.id).where(*conditions).limit(bindparam("limit"))
    return select(func.count()).select_from(bounded.subquery())


def _filters_count(org_id: int, status: str, role: str) -> Count:
    """How many of the organization's vacancies have this status and role (either may
    be empty: any), up to COUNT_LIMIT: read from the filters' index alone."""
    query = _filters_count_query(bool(status), bool(role))
    values = {"org_id": org_id, "status": status, "role": role, "limit": COUNT_LIMIT + 1}
    number = db.session.execute(query, values).scalar_one()
    return Count(min(number, COUNT_LIMIT), bound=number > COUNT_LIMIT)


def _count(org_id: int, conditions: list, checks: list, limit: int, sort: str) -> Count:
    """How many of the organization's vacancies meet `conditions` and have the words of
    `checks` (the common search words, checked per vacancy), up to `limit`.

    (A search for one word alone is counted in list_page.) Without checks it reads
    the filters' index (or the rare word's ids) and stops at `limit`. With checks it
    takes the first COUNT_WALK vacancies that meet `conditions` in the list's order and
    checks those, up to CHECKED_COUNT_LIMIT found."""
    meeting = select(Vacancy.id).where(Vacancy.organization_id == org_id, *conditions)
    if not checks:
        return _bounded(meeting, limit)
    limit = min(limit, CHECKED_COUNT_LIMIT)
    # In the list's order (its index is walked anyway): what the page shows is counted.
    walked = meeting.order_by(*SORTS[sort]).limit(COUNT_WALK).subquery()
    has = [_has_term(word, lemmas, walked.c.id) for word, lemmas in checks]
    found = _bounded(select(walked.c.id).where(*has), limit)
    if found.bound:
        return found
    every = _number(meeting.limit(COUNT_WALK + 1)) <= COUNT_WALK
    return Count(found.number, partial=not every)


def _number(query) -> int:
    return db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def _bounded(query, limit: int) -> Count:
    number = _number(query.limit(limit + 1))
    return Count(min(number, limit), bound=number > limit)


def _few_matches_page(
    org_id: int, conditions: list, sort: str, offset: int, limit: int
) -> tuple[list[Vacancy], int]:
    """The vacancies that meet `conditions` (a search whose rarest word has few matches)
    from `offset`, sorted here, and how many meet them.

    Asked for them in order, SQLite walks the organization's whole sort index and checks
    each vacancy against the matches (about 20 ms, even for a word only a few vacancies
    have); read by id, the few matches take well under a millisecond to fetch and sort.
    The organization condition stays out of that read (with it SQLite would scan the
    organization's index instead) and is checked on each row here; the matches come
    from the organization's own words anyway. Same order as the SQL one: SQLite compares
    text by code point, as Python does."""
    key, descending = _SORT_KEYS[sort]
    columns = (
        Vacancy.id, Vacancy.organization_id, Vacancy.updated_at, Vacancy.created_at,
        Vacancy.title_key,
    )  # fmt: skip
    found = [
        row
        for row in db.session.execute(select(*columns).where(*conditions))
        if row.organization_id == org_id
    ]
    found.sort(key=key, reverse=descending)
    ids = [row.id for row in found[offset : offset + limit]]
    if not ids:
        return [], len(found)
    # By id only, for the same reason (the rows are the organization's: checked above).
    by_id = {
        v.id: v
        for v in db.session.execute(
            select(Vacancy).options(defer(Vacancy.data)).where(Vacancy.id.in_(ids))
        ).scalars()
        if v.organization_id == org_id
    }
    return [by_id[i] for i in ids if i in by_id], len(found)


def count(org_id: int) -> int:
    """How many vacancies the organization has."""
    return db.session.execute(
        select(func.count(Vacancy.id)).where(Vacancy.organization_id == org_id)
    ).scalar_one()
