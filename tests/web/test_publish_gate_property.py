"""A property of the service layer on a real database: after any sequence of edits,
restored versions, status changes and catalog changes, a published vacancy's current
content has no blocking finding. Each step also checks the gate refuses only what it must."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.accounts.models import Organization
from app.catalog.models import CatalogOverride
from app.catalog.service import catalog_for
from app.domain.vacancies.checks import check_vacancy, publish_blockers
from app.domain.vacancies.compose import default_draft
from app.domain.vacancies.serialize import draft_from_dict
from app.extensions import db
from app.vacancies import service
from app.vacancies.models import Vacancy

BLOCKING = "Требуется девушка до 30 лет"
CLEAN_LINES = ("Опыт работы с VK Рекламой", "Умение писать без канцелярита", "Портфолио")
# A catalog requirement every vacancy here uses, reworded by the catalog steps.
REWORDED = "experience-smm"
CLEAN_REWORD = "Опыт ведения коммерческих сообществ от года"

content = st.one_of(
    st.tuples(st.just("clean"), st.sampled_from(CLEAN_LINES)),
    st.tuples(st.just("blocking"), st.just(BLOCKING)),
)
step = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), content),
    st.tuples(st.just("stale-edit"), st.integers(0, 2), content),
    st.tuples(st.just("restore"), st.integers(0, 2), st.integers(1, 8)),
    st.tuples(st.just("publish"), st.integers(0, 2)),
    st.tuples(st.just("archive"), st.integers(0, 2)),
    st.tuples(st.just("draft"), st.integers(0, 2)),
    st.tuples(st.just("catalog"), st.sampled_from(("blocking", "clean", "undo"))),
)


def base_draft(catalog, line: str | None = None):
    draft = default_draft(catalog, "smm-manager", scale="large", networks=("instagram",))
    assert REWORDED in draft.requirements
    return replace(
        draft,
        location="Казань",
        salary_from=80_000,
        salary_to=120_000,
        custom_requirements=(line,) if line else (),
    )


class Run:
    """One sequence of steps on a fresh organization with three vacancies."""

    def __init__(self, name: str):
        from app.accounts import services

        self.org = services.get_or_create_organization(name)
        db.session.commit()
        catalog = catalog_for(self.org)
        self.ids = [service.create(self.org, None, catalog, base_draft(catalog)).id for _ in "abc"]
        db.session.commit()

    def vacancy(self, index: int) -> Vacancy:
        return db.session.get(Vacancy, self.ids[index])

    def catalog(self):
        return catalog_for(db.session.get(Organization, self.org.id))

    def blocked(self, draft) -> bool:
        return bool(service.blocking_findings(self.catalog(), draft))

    def apply(self, op: tuple) -> None:
        kind = op[0]
        if kind == "catalog":
            self.catalog_step(op[1])
            return
        vacancy = self.vacancy(op[1])
        catalog = self.catalog()
        status = vacancy.status
        if kind in ("edit", "stale-edit", "restore"):
            if kind == "restore":
                old = service.version(vacancy, op[2])
                if old is None:
                    return
                draft = draft_from_dict(old.data)
            else:
                draft = base_draft(catalog, op[2][1])
            base = vacancy.version - (1 if kind == "stale-edit" else 0)
            expected = None
            if kind == "stale-edit":
                expected = service.VersionConflict
            elif status == "published" and self.blocked(draft):
                expected = service.PublishedContentBlocked
            try:
                if kind == "restore":
                    service.restore(vacancy, None, catalog, op[2], base)
                else:
                    service.save(vacancy, None, catalog, draft, base)
            except (service.VersionConflict, service.PublishBlocked) as error:
                db.session.rollback()
                assert expected is not None and isinstance(error, expected), (op, error)
                return
            assert expected is None, (op, "was stored")
        else:
            target = {"publish": "published", "archive": "archived", "draft": "draft"}[kind]
            blocked = self.blocked(service.current_draft(vacancy))
            try:
                service.set_status(vacancy, target, catalog)
            except service.PublishBlocked:
                db.session.rollback()
                assert target == "published" and blocked, op
                return
            assert not (target == "published" and blocked), (op, "published with errors")
        db.session.commit()

    def catalog_step(self, change: str) -> None:
        row = db.session.execute(
            select(CatalogOverride).where(CatalogOverride.organization_id == self.org.id)
        ).scalar_one_or_none()
        if change == "undo":
            if row is None:
                return
            db.session.delete(row)
        else:
            if row is None:
                row = CatalogOverride(
                    organization_id=self.org.id,
                    kind="requirement",
                    action="reword",
                    item_id=REWORDED,
                )
                db.session.add(row)
            text = BLOCKING if change == "blocking" else CLEAN_REWORD
            row.data = {"text_ru": text, "text_en": ""}
        before = {i: self.vacancy(n).status for n, i in enumerate(self.ids)}
        withdrawn = {
            v.id for v in service.catalog_changed(db.session.get(Organization, self.org.id), None)
        }
        db.session.commit()
        for n, vacancy_id in enumerate(self.ids):
            vacancy = self.vacancy(n)
            if vacancy_id in withdrawn:
                assert before[vacancy_id] == "published" and vacancy.status == "draft"
                assert service.withdrawal(vacancy) is not None
            else:
                assert vacancy.status == before[vacancy_id]

    def check_rule(self) -> None:
        catalog = self.catalog()
        for n in range(len(self.ids)):
            vacancy = self.vacancy(n)
            db.session.refresh(vacancy)
            if vacancy.status == "published":
                report = check_vacancy(catalog, service.current_draft(vacancy))
                findings = publish_blockers(report)  # the checks' own word, not the service's
                assert not findings, (vacancy.id, [f.code for f in findings])


_runs = iter(range(10**6))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_a_published_vacancy_never_has_blocking_content(app, steps):
    with app.app_context():
        run = Run(f"Org {next(_runs)}")
        run.check_rule()
        for op in steps:
            run.apply(op)
            run.check_rule()


def test_the_property_can_fail_without_the_gate(app, monkeypatch):
    """The same steps break the rule when saving ignores the publish gate."""
    monkeypatch.setattr(service, "publish_blockers", lambda report: ())
    with app.app_context():
        run = Run("Ungated")
        # publish (clean), then edit in the blocking line: stored without the gate.
        service.set_status(run.vacancy(0), "published", run.catalog())
        db.session.commit()
        vacancy = run.vacancy(0)
        service.save(vacancy, None, run.catalog(), base_draft(run.catalog(), BLOCKING), 1)
        db.session.commit()
        try:
            run.check_rule()
        except AssertionError:
            return
        raise AssertionError("the rule held without the gate: the property cannot fail")
