"""The labelled corpus of real vacancy text, and how well the checks read it.

Two data files under `tests/data/checks/`:

- `postings/*.yaml`: whole postings (real ones, trimmed to their sections), each with the
  vacancy-level codes an HR expert expects (`expect`) and may rule out (`expect_not`);
- `lines.yaml`: single lines, each with the line-level codes it should raise (or `[]`).

`evaluate_lines` and `evaluate_postings` run `check_vacancy` on every item and count, per
label, true positives, false positives and false negatives; both return the misses too.
The unit test (`tests/unit/domain/test_checks_corpus.py`) and the bench (`bench/bench_checks.py`)
read their figures from here. Pure helper: no Flask, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.model import Catalog
from app.domain.vacancies.checks import check_vacancy
from app.domain.vacancies.draft import VACANCY_ROLES, VacancyDraft
from app.domain.vacancies.quality import CheckReport

DATA = Path(__file__).parent / "data" / "checks"
CATALOG_DIR = Path(__file__).parent.parent / "role_catalog"

# Codes a single line raises, read from the findings pointing at that line (or, for the two
# detector labels, from what the line changes in the vacancy-level findings).
LINE_CODES = (
    "discriminatory-requirement",
    "discriminatory-wording",
    "salary-in-text",
    "measurable-goal",
    "content-networks",
    "vague-phrase",
)
# Codes about a whole vacancy.
VACANCY_CODES = (
    "workload",
    "role-mismatch",
    "salary-missing",
    "no-measurable-goals",
    "missing-section",
)
# Line codes that are also judged on whole postings (anywhere in the posting).
POSTING_LINE_CODES = (
    "discriminatory-requirement",
    "discriminatory-wording",
    "salary-in-text",
    "vague-phrase",
)
FIELDS = (
    "title",
    "intro_md",
    "custom_duties",
    "custom_requirements",
    "custom_skills",
    "conditions_md",
    "apply_md",
)
NETWORKS = (
    "instagram",
    "tiktok",
    "telegram",
    "facebook",
    "vk",
    "youtube",
    "linkedin",
    "x",
    "pinterest",
)
POSTING_KEYS = (
    "source",
    "retrieved",
    "language",
    "title",
    "role",
    "networks",
    "intro_md",
    "duties",
    "requirements",
    "skills",
    "conditions_md",
    "apply_md",
    "salary_from",
    "salary_to",
    "expect",
)
LINE_KEYS = ("text", "field", "expect", "source")
VARIANT = "variant"
SEED = "seed"
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@cache
def catalog() -> Catalog:
    return load_catalog(CATALOG_DIR)


def exclusion_ids() -> tuple[str, ...]:
    return tuple(e.id for e in catalog().exclusions)


def line_labels() -> tuple[str, ...]:
    """Every label a line is scored on: the line codes and one per exclusion."""
    return (*(f"excluded-duty:{i}" for i in exclusion_ids()), *LINE_CODES)


def posting_labels() -> tuple[str, ...]:
    return (*VACANCY_CODES, *(f"excluded-duty:{i}" for i in exclusion_ids()), *POSTING_LINE_CODES)


# --- loading ------------------------------------------------------------------------------


def load_lines(path: Path = DATA / "lines.yaml") -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def load_postings(folder: Path = DATA / "postings") -> list[dict[str, Any]]:
    postings = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        data["_file"] = path.name
        postings.append(data)
    return postings


def line_language(line: dict[str, Any]) -> str:
    return line.get("language") or ("ru" if _CYRILLIC.search(line["text"]) else "en")


# --- drafts -------------------------------------------------------------------------------


def _tuple(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def posting_draft(posting: dict[str, Any]) -> VacancyDraft:
    """The posting as HR would enter it: its own lines in the custom lists, no catalog ids."""
    return VacancyDraft(
        title=posting.get("title") or "",
        role=posting["role"],
        networks=_tuple(posting.get("networks")),
        custom_duties=_tuple(posting.get("duties")),
        custom_requirements=_tuple(posting.get("requirements")),
        custom_skills=_tuple(posting.get("skills")),
        intro_md=posting.get("intro_md") or "",
        conditions_md=posting.get("conditions_md") or "",
        apply_md=posting.get("apply_md") or "",
        salary_from=posting.get("salary_from"),
        salary_to=posting.get("salary_to"),
        currency=posting.get("currency") or "RUB",
        language=posting.get("language") or "ru",
    )


def line_draft(
    line: dict[str, Any] | None, role: str = "smm-specialist", language: str = "ru"
) -> VacancyDraft:
    """A draft holding only that line in its field (None: the same draft without it)."""
    values: dict[str, Any] = {}
    if line is not None:
        language = line_language(line)
        text, where = line["text"], line["field"]
        values[where] = (text,) if where.startswith("custom_") else text
    values.setdefault("title", "")
    return VacancyDraft(role=role, language=language, **values)


# --- predictions --------------------------------------------------------------------------


def _label(finding: Any) -> str:
    return f"excluded-duty:{finding.subject}" if finding.code == "excluded-duty" else finding.code


@cache
def _empty_report(role: str, language: str) -> CheckReport:
    return check_vacancy(catalog(), line_draft(None, role, language))


def predict_line(line: dict[str, Any]) -> set[str]:
    """The line-level labels the checks give this line."""
    language = line_language(line)
    report = check_vacancy(catalog(), line_draft(line))
    got = {
        _label(f)
        for f in report.findings
        if f.field == line["field"] and f.line == 0 and _label(f) in line_labels()
    }
    got.discard("measurable-goal")
    got.discard("content-networks")
    codes = {f.code for f in report.findings}
    empty = {f.code for f in _empty_report("smm-specialist", language).findings}
    if "no-measurable-goals" in empty and "no-measurable-goals" not in codes:
        got.add("measurable-goal")
    generalist = check_vacancy(catalog(), line_draft(line, role="smm-generalist"))
    empty_generalist = {f.code for f in _empty_report("smm-generalist", language).findings}
    if "workload" not in empty_generalist and any(
        f.code == "workload" for f in generalist.findings
    ):
        got.add("content-networks")
    return got


def predict_posting(posting: dict[str, Any]) -> set[str]:
    """The vacancy-level labels the checks give this posting."""
    report = check_vacancy(catalog(), posting_draft(posting))
    labels = set(posting_labels())
    return {_label(f) for f in report.findings if _label(f) in labels}


# --- scoring ------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        predicted = self.tp + self.fp
        if predicted:
            return self.tp / predicted
        return 1.0 if self.support == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 1.0


@dataclass(frozen=True)
class Miss:
    """An item whose labels differ from the expected ones (on the labels scored)."""

    name: str
    field: str
    text: str
    expected: tuple[str, ...]
    got: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"{self.name} [{self.field}] {self.text!r}\n"
            f"    expected {list(self.expected)}, got {list(self.got)}"
        )


@dataclass
class Evaluation:
    labels: tuple[str, ...]
    counts: dict[str, Counts] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    items: int = 0

    def add(self, expected: set[str], got: set[str], miss: Miss | None) -> None:
        self.items += 1
        for label in self.labels:
            counts = self.counts.setdefault(label, Counts())
            if label in expected and label in got:
                counts.tp += 1
            elif label in got:
                counts.fp += 1
            elif label in expected:
                counts.fn += 1
        if miss is not None and (expected & set(self.labels)) != (got & set(self.labels)):
            self.misses.append(miss)

    def below(self, precision: float, recall: float, at_least: int = 0) -> list[str]:
        """The labels under either floor, among those with at least `at_least` positives."""
        return [
            label
            for label in self.labels
            if self.counts[label].support >= at_least
            and (self.counts[label].precision < precision or self.counts[label].recall < recall)
        ]

    def rows(self) -> list[list[object]]:
        return [
            [label, f"{c.precision:.2f}", f"{c.recall:.2f}", c.support, c.tp, c.fp, c.fn]
            for label, c in ((label, self.counts[label]) for label in self.labels)
        ]


def evaluate_lines(lines: Sequence[dict[str, Any]] | None = None) -> Evaluation:
    lines = load_lines() if lines is None else lines
    evaluation = Evaluation(line_labels())
    for index, line in enumerate(lines):
        expected, got = set(line["expect"] or ()), predict_line(line)
        miss = Miss(
            f"line {index}",
            line["field"],
            line["text"],
            tuple(sorted(expected)),
            tuple(sorted(got)),
        )
        evaluation.add(expected, got, miss)
    for label in evaluation.labels:
        evaluation.counts.setdefault(label, Counts())
    return evaluation


def evaluate_postings(postings: Sequence[dict[str, Any]] | None = None) -> Evaluation:
    postings = load_postings() if postings is None else postings
    evaluation = Evaluation(posting_labels())
    for posting in postings:
        expected, got = set(posting["expect"] or ()), predict_posting(posting)
        ruled_out = set(posting.get("expect_not") or ())
        # `expect` lists every scored label that should fire: anything else is a false
        # positive; `expect_not` only documents the look-alikes that must stay quiet.
        assert not expected & ruled_out, posting["_file"]
        miss = Miss(
            posting["_file"],
            "posting",
            posting.get("title") or "",
            tuple(sorted(expected)),
            tuple(sorted(got & set(evaluation.labels))),
        )
        evaluation.add(expected, got, miss)
    for label in evaluation.labels:
        evaluation.counts.setdefault(label, Counts())
    return evaluation


# --- validation ---------------------------------------------------------------------------


def _known_label(label: str, allowed: Iterable[str]) -> bool:
    return label in set(allowed)


def _source_ok(source: Any) -> bool:
    return isinstance(source, str) and (
        source in (VARIANT, SEED) or source.startswith(("http://", "https://"))
    )


def validate_lines(lines: Sequence[dict[str, Any]]) -> list[str]:
    """What is wrong with the lines file: keys, fields, labels, duplicates, sources."""
    problems, seen = [], set()
    allowed = line_labels()
    for index, line in enumerate(lines):
        where = f"line {index}"
        if not isinstance(line, dict):
            problems.append(f"{where}: not a mapping")
            continue
        missing = [k for k in LINE_KEYS if k not in line]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        extra = set(line) - {*LINE_KEYS, "near", "language", "note"}
        if extra:
            problems.append(f"{where}: unknown keys {sorted(extra)}")
        text = line["text"]
        if not isinstance(text, str) or not text.strip() or "\n" in text:
            problems.append(f"{where}: text must be one non-empty line")
            continue
        key = " ".join(text.lower().split())
        if key in seen:
            problems.append(f"{where}: duplicate text {text!r}")
        seen.add(key)
        if line["field"] not in FIELDS:
            problems.append(f"{where}: unknown field {line['field']!r}")
        if not isinstance(line["expect"], list):
            problems.append(f"{where}: expect must be a list")
            continue
        for label in [*line["expect"], *(line.get("near") or [])]:
            if not _known_label(label, allowed):
                problems.append(f"{where}: unknown label {label!r}")
        if set(line.get("near") or ()) & set(line["expect"]):
            problems.append(f"{where}: a label cannot be both expected and a look-alike")
        if not _source_ok(line["source"]):
            problems.append(f"{where}: source must be a URL, {VARIANT!r} or {SEED!r}")
    return problems


def validate_postings(postings: Sequence[dict[str, Any]]) -> list[str]:
    problems, seen = [], set()
    allowed = posting_labels()
    for posting in postings:
        where = posting.get("_file", "?")
        missing = [k for k in POSTING_KEYS if k not in posting]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        extra = set(posting) - {*POSTING_KEYS, "_file", "expect_not", "currency", "note"}
        if extra:
            problems.append(f"{where}: unknown keys {sorted(extra)}")
        if not str(posting["source"]).startswith(("http://", "https://")):
            problems.append(f"{where}: source must be a URL")
        if posting["role"] not in VACANCY_ROLES:
            problems.append(f"{where}: unknown role {posting['role']!r}")
        if posting["language"] not in ("ru", "en"):
            problems.append(f"{where}: language must be ru or en")
        for network in posting["networks"] or ():
            if network not in NETWORKS:
                problems.append(f"{where}: unknown network {network!r}")
        for key in ("duties", "requirements", "skills"):
            values = posting[key] or []
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                problems.append(f"{where}: {key} must be a list of lines")
        for key in ("salary_from", "salary_to"):
            if posting[key] is not None and not isinstance(posting[key], int):
                problems.append(f"{where}: {key} must be a whole number or null")
        for label in [*(posting["expect"] or []), *(posting.get("expect_not") or [])]:
            if not _known_label(label, allowed):
                problems.append(f"{where}: unknown label {label!r}")
        body = (posting["title"], posting["intro_md"], *(posting["duties"] or []))
        key = " ".join(" ".join(str(b) for b in body).lower().split())
        if key in seen:
            problems.append(f"{where}: duplicate posting")
        seen.add(key)
    return problems


def label_support(lines: Sequence[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per label: how many lines expect it, and how many innocent look-alikes (`near`) it has."""
    out = {}
    for label in line_labels():
        positives = sum(1 for line in lines if label in (line["expect"] or ()))
        lookalikes = sum(1 for line in lines if label in (line.get("near") or ()))
        out[label] = (positives, lookalikes)
    return out
