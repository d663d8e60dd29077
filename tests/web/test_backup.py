"""Organization export and import: a rich organization survives a round trip record by record.

The organization is built through the real service functions (and the catalog views),
exported with `flask org export`, imported with `flask org import` into a second app on a
fresh, migrated SQLite file, and then every table, every column, the pages and the scores
are compared; ids and foreign ids are compared through the old-to-new mapping.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from app.accounts.models import Organization, User
from app.backup.tables import exported_tables, target
from app.extensions import db
from tests.conftest import PASSWORD, login, make_user, migrated_app
from tests.web.test_catalog_pages import ADD_DUTY, HIDE_SKILL, REWORD_DUTY
from tests.web.test_organization_settings import png_of

START = date(2026, 2, 2)
LOGO = png_of(3, 2)  # a real PNG: the import checks logos as an upload does
PEOPLE = (
    ("admin@acme.test", "admin"),
    ("rec@acme.test", "recruiter"),
    ("eva@acme.test", "evaluator"),
    ("ivan@acme.test", "evaluator"),
    ("gone@acme.test", "evaluator"),
)


def second_app(tmp_path):
    """Another instance: a fresh SQLite file brought to the newest migration."""
    return migrated_app(
        "sqlite:///" + str(tmp_path / "second.sqlite3"),
        SECRET_KEY="second-secret",
        WTF_CSRF_ENABLED=False,
        EXPORT_CACHE_DIR=str(tmp_path / "second-cache"),
    )


def org_named(name: str) -> Organization:
    return db.session.execute(select(Organization).filter_by(name=name)).scalar_one()


def person(email: str) -> User:
    return db.session.execute(select(User).filter_by(email=email)).scalar_one()


def add_overrides(client) -> None:
    """An added duty, a reworded one and a hidden skill, through the catalog pages."""
    response = client.post(
        "/catalog/overrides/add",
        data=ADD_DUTY,
    )
    assert response.status_code == 302
    client.post(
        "/catalog/overrides/reword",
        data=REWORD_DUTY,
    )
    client.post("/catalog/overrides/hide", data=HIDE_SKILL)


def build_vacancies(org, catalog) -> dict:
    """Several vacancies with several versions in every status; one deleted under a plan."""
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.vacancies import service

    admin, rec = person("admin@acme.test"), person("rec@acme.test")
    own_duty = next(d for d in catalog.by_id["duties"] if d.startswith("org-"))
    draft = default_draft(catalog, "smm-manager", networks=("instagram", "vk"), language="ru")
    draft = replace(draft, duties=(*draft.duties, own_duty), location="Казань")
    main = service.create(org, admin, catalog, draft)
    service.save(main, rec, catalog, replace(draft, title="SMM-менеджер в «Ромашку»"), 1)
    service.save(main, admin, catalog, replace(draft, title="SMM-менеджер кофейни"), 2)
    service.set_status(main, "published", catalog)
    specialist = service.create(
        org, rec, catalog, default_draft(catalog, "smm-specialist", language="en")
    )
    service.save(specialist, rec, catalog, service.current_draft(specialist), 1)
    service.set_status(specialist, "archived", catalog)
    copy = service.duplicate(main, rec, catalog, "копия")
    doomed = service.create(org, None, catalog, default_draft(catalog_for(org), "smm-manager"))
    return {"main": main, "specialist": specialist, "copy": copy, "doomed": doomed}


def build_probation(org, catalog, vacancies: dict) -> None:
    """A plan with evaluators, check-ins, ratings, comments, KPI actuals and an erasure."""
    from app.probation.candidates import add_candidate, erase_candidate
    from app.probation.evaluations import record_evaluation, record_kpi_actuals
    from app.probation.evaluators import set_evaluators
    from app.probation.plans import add_checkin, add_item, create_plan_from_vacancy

    admin, rec = person("admin@acme.test"), person("rec@acme.test")
    eva, ivan = person("eva@acme.test"), person("ivan@acme.test")
    plan = create_plan_from_vacancy(
        vacancies["main"], catalog, rec, title="Испытательный срок SMM", start_date=START
    )
    set_evaluators(plan, [eva.id, ivan.id])
    add_checkin(plan, name="Первый месяц", due_date=date(2026, 3, 2))
    add_item(plan, kind="task", title="Запустить конкурс", weight=3, critical=True)
    add_item(plan, kind="kpi", title="Лиды из соцсетей", weight=2, target=20, direction="higher")
    anna = add_candidate(
        plan, name="Анна Петрова", position_title="SMM", start_date=START, contact="+7 900"
    )
    boris = add_candidate(plan, name="Борис", position_title="SMM", start_date=START)
    erased = add_candidate(plan, name="Вера", position_title="SMM", start_date=START)
    tasks = [i for i in plan.items if i.kind == "task"]
    kpis = [i for i in plan.items if i.kind == "kpi"]
    for step, checkin in enumerate(plan.checkins[:2]):
        for who, person_ in enumerate((eva, ivan)):
            for n, candidate in enumerate((anna, boris, erased)):
                values = {t.id: (i + who + n + step) % 3 for i, t in enumerate(tasks)}
                values[tasks[-1].id] = None if who else 2  # n/a from one evaluator
                comments = {tasks[0].id: f"Заметка {who}-{n}-{step}: «хорошо» — да"}
                # A critical task rated 0 needs a comment (the reasons of an art. 71 notice).
                comments |= {
                    t.id: f"Не сделано ({who}-{n}-{step})"
                    for t in tasks
                    if t.critical and values[t.id] == 0 and t.id not in comments
                }
                record_evaluation(candidate, person_, checkin, values, comments)
        for candidate, base in ((anna, 18.5), (boris, 9), (erased, 30)):
            # The same numbers for every KPI, so some are far off their targets: confirmed.
            actuals = {k.id: base + step for k in kpis}
            record_kpi_actuals(candidate, checkin, actuals, rec, confirm=True)
    # A correction at the same check-in: the latest entry counts.
    record_kpi_actuals(anna, plan.checkins[1], {kpis[0].id: 25}, eva)
    erase_candidate(erased, admin)
    orphan = create_plan_from_vacancy(
        vacancies["doomed"], catalog, None, title="План без вакансии", start_date=START
    )
    add_candidate(orphan, name="Глеб", position_title="SMM", start_date=START)
    db.session.delete(vacancies["doomed"])  # the plan stays, its vacancy_id becomes NULL


def build_organization(app, client) -> None:
    """Acme in full (every role, overrides, vacancies, probation, a token); Other before it."""
    # Other's vacancy comes first, so Acme's ids do not start at 1 and must be remapped.
    from app.api import tokens
    from app.catalog.service import catalog_for

    make_user(app, "boss@other.test", "admin", "Other")
    with app.app_context():
        from app.domain.vacancies.compose import default_draft
        from app.vacancies import service

        other = org_named("Other")
        catalog = catalog_for(other)
        service.create(other, None, catalog, default_draft(catalog, "smm-manager"))
        db.session.commit()
    for email, role in PEOPLE:
        make_user(app, email, role, "Acme")
    assert login(client, "admin@acme.test").status_code == 302
    add_overrides(client)
    with app.app_context():
        org = org_named("Acme")
        org.logo_mime, org.logo_data = "image/png", LOGO
        person("eva@acme.test").name = "Ева Смирнова"
        person("ivan@acme.test").locale = "en"
        catalog = catalog_for(org)
        vacancies = build_vacancies(org, catalog)
        build_probation(org, catalog, vacancies)
        person("gone@acme.test").active = False
        tokens.issue_token(person("rec@acme.test"), "ATS")
        db.session.commit()
    client.get("/probation/")  # one more request, so the audit log has a few kinds


def table_rows(org_name: str) -> dict[str, list[dict]]:
    """Every row of the organization in every table, ordered by primary key."""
    org = org_named(org_name)
    rows: dict[str, list[dict]] = {}
    for table in db.metadata.sorted_tables:
        if table.name == "organizations":
            query = select(table).where(table.c.id == org.id)
        elif "organization_id" in table.c:
            query = select(table).where(table.c.organization_id == org.id)
        else:
            continue
        query = query.order_by(*table.primary_key.columns)
        rows[table.name] = [dict(r) for r in db.session.execute(query).mappings()]
    return rows


def compare_records(source: dict, copy: dict, *, hashes: bool) -> dict[str, dict[int, int]]:
    """Assert the copy equals the source record by record; return old id -> new id."""
    ids: dict[str, dict[int, int]] = {}
    for table in db.metadata.sorted_tables:
        name = table.name
        if name not in exported_tables():
            continue
        src = source[name]
        dst = [r for r in copy[name] if name != "audit_events" or r["action"] != "org-imported"]
        assert len(dst) == len(src), f"{name}: {len(src)} records exported, {len(dst)} imported"
        ids[name] = {s["id"]: d["id"] for s, d in zip(src, dst, strict=True)}
        for s, d in zip(src, dst, strict=True):
            for column in table.columns:
                if column.primary_key:
                    continue
                want = s[column.name]
                points_at = target(column)
                if points_at and want is not None:
                    want = ids[points_at][want]
                if name == "users" and column.name == "password_hash" and not hashes:
                    assert d[column.name] != want
                    continue
                assert d[column.name] == want, f"{name}.{column.name} of record {s['id']}"
    assert len(ids["plan_ratings"]) >= 20 and len(ids["vacancy_versions"]) >= 6
    return ids


class _Text(HTMLParser):
    """The visible text of the page's <main>, without scripts."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def page_text(client, url: str) -> str:
    response = client.get(url, headers={"Accept-Language": "ru"})
    assert response.status_code == 200, url
    parser = _Text()
    parser.feed(response.get_data(as_text=True))
    return " ".join(" ".join(parser.parts).split())


def renumber(text: str, ids: dict[int, int], pattern: str) -> str:
    """Replace the ids a page shows (`pattern` has one group: the id) by the new ones."""
    return re.sub(
        pattern, lambda m: m.group(0).replace(m.group(1), str(ids[int(m.group(1))])), text
    )


def scores(app) -> list:
    """score_summary of every candidate at every check-in, in id order."""
    from app.probation.evaluations import score_summary
    from app.probation.models import Candidate

    with app.app_context():
        org = org_named("Acme")
        found = []
        for candidate in db.session.execute(
            select(Candidate).where(Candidate.organization_id == org.id).order_by(Candidate.id)
        ).scalars():
            for checkin in candidate.plan.checkins:
                found.append((candidate.id, score_summary(candidate, checkin)))
        return found


def test_round_trip_into_an_empty_instance_keeps_every_record_page_and_score(app, client, tmp_path):
    build_organization(app, client)
    with app.app_context():
        source = table_rows("Acme")
    export = tmp_path / "acme.json"
    result = app.test_cli_runner().invoke(
        args=["org", "export", "Acme", "-o", str(export), "--with-password-hashes"]
    )
    assert result.exit_code == 0, result.output
    assert export.stat().st_mode & 0o077 == 0
    text = export.read_text(encoding="utf-8")
    assert "other.test" not in text and "api_tokens" in json.loads(text)["excluded"]

    copy_app = second_app(tmp_path)
    result = copy_app.test_cli_runner().invoke(args=["org", "import", str(export)])
    assert result.exit_code == 0, result.output
    with copy_app.app_context():
        copy = table_rows("Acme")
        assert source["api_tokens"] and copy["api_tokens"] == []  # excluded: secrets
        assert db.session.get(Organization, copy["organizations"][0]["id"]).logo_data == LOGO
    ids = compare_records(source, copy, hashes=True)

    # The search index is rebuilt, with the new ids.
    for old, new in ids["vacancies"].items():
        src = {r["term"] for r in source["vacancy_terms"] if r["vacancy_id"] == old}
        dst = {r["term"] for r in copy["vacancy_terms"] if r["vacancy_id"] == new}
        assert dst == (src - {str(old)}) | {str(new)}

    # The same pages, as the same admin, signed in with the exported password hash.
    copy_client = copy_app.test_client()
    assert login(copy_client, "admin@acme.test", PASSWORD).status_code == 302
    vacancy = r"VAC-(\d+)"
    candidates = ids["plan_candidates"]
    pages = [("/vacancies/", vacancy)]
    pages += [(f"/vacancies/{old}", vacancy) for old in ids["vacancies"]]
    pages += [(f"/vacancies/{old}/versions", vacancy) for old in ids["vacancies"]]
    pages += [(f"/probation/plans/{old}", r"(?:№|No\.) ?(\d+)") for old in ids["trial_plans"]]
    pages += [
        (f"/probation/plans/{old}/compare", r"(?:№|No\.) ?(\d+)") for old in ids["trial_plans"]
    ]
    pages += [(f"/probation/candidates/{old}", r"(?:№|No\.) ?(\d+)") for old in candidates]
    for url, shown_id in pages:
        table = "vacancies" if "VAC" in shown_id else "plan_candidates"
        new_url = _new_url(url, ids)
        expected = renumber(page_text(client, url), ids[table], shown_id)
        assert page_text(copy_client, new_url) == expected, url

    # The same numbers from the scoring service, ids through the mapping.
    items, checkins = ids["plan_items"], ids["plan_checkins"]
    before, after = scores(app), scores(copy_app)
    assert len(before) == len(after) == 11
    for (old, summary), (new, copied) in zip(before, after, strict=True):
        assert candidates[old] == new
        summary["checkin"] = checkins[summary["checkin"]]
        for row in summary["items"]:
            row["id"] = items[row["id"]]
        assert copied == summary
    assert any(s["score"] is not None and s["verdict"] for _, s in after)


def _new_url(url: str, ids: dict[str, dict[int, int]]) -> str:
    """The URL of the same record in the copy."""
    if url.startswith("/vacancies"):
        table = "vacancies"
    else:
        table = "plan_candidates" if "/candidates/" in url else "trial_plans"
    return re.sub(r"/(\d+)", lambda m: "/" + str(ids[table][int(m.group(1))]), url)


def test_import_without_hashes_needs_a_password_reset(app, client, tmp_path):
    build_organization(app, client)
    with app.app_context():
        source = table_rows("Acme")
    export = tmp_path / "acme.json"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["org", "export", "Acme", "-o", str(export)]).exit_code == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["password_hashes"] is False
    assert all("password_hash" not in u for u in document["users"])
    assert "scrypt" not in export.read_text(encoding="utf-8")

    copy_app = second_app(tmp_path)
    runner = copy_app.test_cli_runner()
    result = runner.invoke(args=["org", "import", str(export)])
    assert result.exit_code == 0 and "reset-password" in result.output
    with copy_app.app_context():
        compare_records(source, table_rows("Acme"), hashes=False)
    copy_client = copy_app.test_client()
    assert login(copy_client, "admin@acme.test", PASSWORD).status_code != 302
    result = runner.invoke(
        args=["org", "reset-password", "admin@acme.test", "--password-stdin"],
        input="a brand new pass phrase\n",
    )
    assert result.exit_code == 0, result.output
    assert login(copy_client, "admin@acme.test", "a brand new pass phrase").status_code == 302


@pytest.mark.parametrize("ref", ["Acme", "id"])
def test_export_to_standard_output_by_name_or_id(app, ref):
    make_user(app, "admin@acme.test", "admin", "Acme")
    with app.app_context():
        org_id = org_named("Acme").id
    arg = str(org_id) if ref == "id" else ref
    result = app.test_cli_runner().invoke(args=["org", "export", arg, "-o", "-"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["organization"]["name"] == "Acme"
    assert [u["email"] for u in document["users"]] == ["admin@acme.test"]
    result = app.test_cli_runner().invoke(args=["org", "export", "Nobody", "-o", "-"])
    assert result.exit_code != 0 and "no organization" in result.output


def test_export_by_a_name_two_organizations_share_asks_for_the_id(app, runner, tmp_path):
    from app.accounts.models import Organization

    with app.app_context():
        db.session.add_all([Organization(name="Twin"), Organization(name="Twin")])
        db.session.commit()
        ids = [o.id for o in db.session.query(Organization).filter_by(name="Twin")]
    result = runner.invoke(args=["org", "export", "Twin", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "give the id instead" in result.output
    result = runner.invoke(args=["org", "export", str(ids[1]), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 0, result.output
