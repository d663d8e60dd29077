"""What the import refuses (and then stores nothing), and what every table's fate is."""

from __future__ import annotations

import copy
import json

import pytest
from flask_migrate import downgrade
from sqlalchemy import func, select

from app import models  # noqa: F401 - every table in the metadata
from app.backup import FORMAT
from app.backup.tables import EXCLUDED, PARTS, all_parts, exported_tables
from app.extensions import db
from tests.web.test_backup import build_organization, second_app


def test_every_table_is_exported_or_excluded_with_a_reason():
    tables = {table.name for table in db.metadata.sorted_tables}
    assert not (exported_tables() & set(EXCLUDED)), "a table cannot be both"
    forgotten = tables - exported_tables() - set(EXCLUDED)
    assert not forgotten, f"add {sorted(forgotten)} to app/backup/tables.py PARTS or EXCLUDED"
    assert not (set(EXCLUDED) - tables), "EXCLUDED names a table that does not exist"
    assert all(reason.strip() for reason in EXCLUDED.values())


def test_every_exported_table_belongs_to_an_organization_and_nests_under_its_parent():
    for part in all_parts():
        assert "organization_id" in part.table.c, part.table.name
        for child in part.children:
            fk = child.table.c[child.parent_fk]
            assert {f.column.table.name for f in fk.foreign_keys} == {part.table.name}
    assert PARTS[0].key == "users"  # everything else may point at a user


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
    }


@pytest.fixture
def exported(app, client, tmp_path):
    """Acme built in full and exported (with password hashes) to a file; returns the document."""
    build_organization(app, client)
    path = tmp_path / "acme.json"
    result = app.test_cli_runner().invoke(
        args=["org", "export", "Acme", "-o", str(path), "--with-password-hashes"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text(encoding="utf-8"))


def import_document(app, tmp_path, document, *args: str):
    """Run `flask org import` on the document; return (exit code, output, rows before, after)."""
    path = tmp_path / "import.json"
    path.write_text(
        document if isinstance(document, str) else json.dumps(document), encoding="utf-8"
    )
    with app.app_context():
        before = row_counts()
    result = app.test_cli_runner().invoke(args=["org", "import", str(path), *args])
    with app.app_context():
        after = row_counts()
    return result.exit_code, result.output, before, after


def newer_revision(document):
    document["schema_revision"] = "ffffffffffff"


def newer_format(document):
    document["version"] = 2


def other_format(document):
    document["format"] = "something/else"


def dangling_rating(document):
    # The last rating of the file points at an item the file does not have: the error
    # comes after the organization, users and vacancies were inserted.
    plan = next(p for p in document["trial_plans"] if p["candidates"])
    plan["candidates"][-1]["ratings"][-1]["item_id"] = 999_999


def unknown_field(document):
    document["vacancies"][0]["salary_secret"] = 1


def bad_timestamp(document):
    document["vacancies"][-1]["versions"][-1]["created_at"] = "yesterday"


def missing_title(document):
    del document["trial_plans"][0]["title"]


def unknown_evaluator(document):
    document["trial_plans"][0]["evaluators"][0]["user_email"] = "nobody@acme.test"


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (other_format, "not an SMM Hiring Desk organization export"),
        (newer_format, "reads up to version 1"),
        (newer_revision, "newer (or unknown) schema revision 'ffffffffffff'"),
        (dangling_rating, "plan_items record 999999 is not in the file"),
        (unknown_field, "unknown fields ['salary_secret']"),
        (bad_timestamp, "vacancies[2].versions[0].created_at: Invalid isoformat"),
        (missing_title, "the field 'title' is missing"),
        (unknown_evaluator, "'nobody@acme.test' is not a user of the file"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_stored(
    app, tmp_path, exported, spoil, message
):
    document = copy.deepcopy(exported)
    spoil(document)
    target = second_app(tmp_path)
    code, output, before, after = import_document(target, tmp_path, document)
    assert code != 0
    assert "nothing was imported" in output and message in output, output
    assert after == before and after["organizations"] == 0


def test_not_json_is_refused(app, tmp_path):
    code, output, before, after = import_document(app, tmp_path, "{not json")
    assert code != 0 and "is not a JSON file" in output and after == before


def test_an_existing_organization_name_or_e_mail_is_refused_and_rename_helps(
    app, tmp_path, exported
):
    # Same instance: the name is taken.
    code, output, before, after = import_document(app, tmp_path, exported)
    assert code != 0 and "an organization named 'Acme' already exists" in output
    assert "--rename" in output and after == before
    # Renamed, the e-mail addresses are still taken (they are unique across the instance).
    code, output, before, after = import_document(app, tmp_path, exported, "--rename", "Acme 2")
    assert code != 0 and "admin@acme.test" in output and after == before
    # With other addresses it goes in beside the original, under new ids.
    text = json.dumps(exported).replace("@acme.test", "@copy.test")
    code, output, before, after = import_document(app, tmp_path, text, "--rename", "Acme 2")
    assert code == 0, output
    for table in exported_tables() - {"audit_events"}:
        assert after[table] == before[table] + _acme(app, table), table
    imported = len(exported["audit_events"]) + 1  # and the import's own entry
    assert after["audit_events"] == before["audit_events"] + imported


def _acme(app, table_name: str) -> int:
    """How many rows of the table Acme has (the rest belong to Other and Acme 2)."""
    from app.accounts.models import Organization

    with app.app_context():
        org = db.session.execute(select(Organization).filter_by(name="Acme")).scalar_one()
        table = db.metadata.tables[table_name]
        column = table.c.id if table_name == "organizations" else table.c.organization_id
        return db.session.execute(
            select(func.count()).select_from(table).where(column == org.id)
        ).scalar_one()


def test_an_older_known_revision_is_read_with_defaults_for_missing_fields(app, tmp_path, exported):
    from app.backup.schema import known_revisions

    document = copy.deepcopy(exported)
    with app.app_context():
        document["schema_revision"] = known_revisions()[-1]  # the first migration
    for user in document["users"]:
        del user["last_login_at"], user["locale"]
    target = second_app(tmp_path)
    code, output, _before, after = import_document(target, tmp_path, document)
    assert code == 0, output
    assert after["users"] == len(document["users"])


def test_a_database_behind_the_code_is_refused(app, tmp_path, exported):
    target = second_app(tmp_path)
    with target.app_context():
        downgrade(revision="-1")
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    result = target.test_cli_runner().invoke(args=["org", "import", str(path)])
    assert result.exit_code != 0 and "run `flask db upgrade` first" in result.output


def test_import_is_one_transaction_on_this_database(app, tmp_path, exported):
    """The same refusal on the test database itself (PostgreSQL when TEST_DATABASE_URL is set)."""
    document = json.loads(json.dumps(exported).replace("@acme.test", "@copy.test"))
    dangling_rating(document)
    code, output, before, after = import_document(app, tmp_path, document, "--rename", "Acme 3")
    assert code != 0 and "is not in the file" in output
    assert after == before


def test_format_constant_is_what_the_file_says(exported):
    assert exported["format"] == FORMAT and exported["version"] == 1
    assert set(exported) >= {"schema_revision", "exported_at", "organization", "excluded"}


def test_the_export_reads_one_repeatable_snapshot_on_postgresql(app):
    from sqlalchemy import text

    from app.backup.export import begin_snapshot

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite: a read transaction is one snapshot anyway")
        db.session.rollback()
        begin_snapshot()
        level = db.session.execute(text("SHOW transaction_isolation")).scalar_one()
        db.session.rollback()
    assert level == "repeatable read"


# Finding 12: the importer keeps the rules of the forms and the API.


def superadmin(document):
    document["users"][0]["role"] = "superadmin"


def weak_hash(document):
    from werkzeug.security import generate_password_hash

    document["users"][0]["password_hash"] = generate_password_hash("x", "pbkdf2:sha256:1")


def cheaper_scrypt(document):
    from werkzeug.security import generate_password_hash

    # Below the configured cost (the tests run at scrypt:1024:8:1).
    document["users"][0]["password_hash"] = generate_password_hash("x", "scrypt:512:8:1")


def plain_hash(document):
    document["users"][0]["password_hash"] = "x"


def huge_title(document):
    document["vacancies"][0]["title"] = "x" * 100_000


def huge_title_in_data(document):
    document["vacancies"][0]["data"]["title"] = "x" * 100_000


def many_lines(document):
    document["vacancies"][0]["data"]["intro_md"] = "\n".join(["x"] * 600)


def long_candidate_name(document):
    plan = next(p for p in document["trial_plans"] if p["candidates"])
    plan["candidates"][0]["name"] = "x" * 100_000


def bad_email(document):
    document["users"][0]["email"] = "not an address"


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (superadmin, "users[0].role: 'superadmin' is not one of admin, recruiter, evaluator"),
        (weak_hash, "users[0].password_hash: not a password hash of this instance"),
        (cheaper_scrypt, "users[0].password_hash: not a password hash of this instance"),
        (plain_hash, "users[0].password_hash: not a password hash of this instance"),
        (huge_title, "vacancies[0].title: at most 150 characters"),
        (huge_title_in_data, "vacancies[0].data.title: Shorten it to 150 characters"),
        (many_lines, "vacancies[0].data.intro_md: At most 500 lines"),
        (long_candidate_name, ".candidates[0].name: at most 120 characters"),
        (bad_email, "users[0].email: an e-mail address like name@example.com is expected"),
    ],
)
def test_the_import_refuses_what_the_forms_and_the_api_refuse(
    app, tmp_path, exported, spoil, message
):
    """Finding 12: a role that does not exist, a hash that signs in with `x`, a
    100,000-character title: refused, and nothing is stored."""
    document = copy.deepcopy(exported)
    spoil(document)
    target = second_app(tmp_path)
    code, output, before, after = import_document(target, tmp_path, document)
    assert code != 0, output
    assert "nothing was imported" in output and message in output, output
    assert after == before and after["organizations"] == 0


@pytest.mark.parametrize(
    ("logo", "reason"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG logos"),
        (None, "larger than 4000 x 4000 pixels"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not a PNG or JPEG image"),
    ],
    ids=["active-svg", "13000px", "broken-png"],
)
def test_the_import_leaves_out_a_logo_an_upload_would_refuse(app, tmp_path, exported, logo, reason):
    """Finding 12: the logo goes through the upload's checks; the organization comes in
    without it, and the operator is told why."""
    import base64

    from app.accounts.models import Organization
    from tests.web.test_organization_settings import png_of

    document = copy.deepcopy(exported)
    data = logo if logo is not None else png_of(13000, 13000)
    document["organization"]["logo_data"] = base64.b64encode(data).decode()
    svg = logo is not None and b"<svg" in logo
    document["organization"]["logo_mime"] = "image/svg+xml" if svg else "image/png"
    target = second_app(tmp_path)
    code, output, _before, _after = import_document(target, tmp_path, document)
    assert code == 0, output
    assert "logo was left out" in output and reason in output, output
    with target.app_context():
        org = db.session.execute(select(Organization)).scalar_one()
        assert org.logo_data is None and org.logo_mime is None
