"""Vacancy checks: precision and recall on the labelled corpus, speed and memory."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from bench.common import summary, table, timings, write_json

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
ROOT = Path(__file__).resolve().parent.parent
# A fresh interpreter: importing the checks, then the first call (morphology dictionaries
# and the catalog's patterns load on it), then a second call.
FIRST_CALL = """
import time
from pathlib import Path
started = time.perf_counter()
from app.domain.catalog.loader import load_catalog
from app.domain.vacancies.checks import check_vacancy
from app.domain.vacancies.compose import default_draft
catalog = load_catalog(Path("role_catalog"))
imported = time.perf_counter()
draft = default_draft(catalog, "smm-manager")
check_vacancy(catalog, draft)
first = time.perf_counter()
check_vacancy(catalog, draft)
second = time.perf_counter()
import resource
from app.domain.catalog import morph
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((imported - started) * 1000, (first - imported) * 1000, (second - first) * 1000,
      before / 1024, morph.analyzer.cache_info().currsize)
"""


def _typical(catalog, postings):
    """A typical vacancy: the role defaults plus a real posting's own lines and sections."""
    from dataclasses import replace

    from app.domain.vacancies.compose import default_draft
    from tests.checks_corpus import posting_draft

    own = posting_draft(next(p for p in postings if p["language"] == "ru" and p["duties"]))
    base = default_draft(catalog, "smm-specialist")
    return replace(
        base,
        title=own.title,
        intro_md=own.intro_md,
        custom_duties=own.custom_duties,
        custom_requirements=own.custom_requirements,
        conditions_md=own.conditions_md or "- Оформление по ТК РФ\n- Гибрид",
        apply_md="Пришлите резюме и портфолио на hr@example.ru",
    )


def _posting_text(draft) -> str:
    """The draft written out as a posting with headings, as HR would paste it."""
    parts = [draft.title, "", "О компании", draft.intro_md, "", "Обязанности:"]
    parts += [f"- {line}" for line in draft.custom_duties]
    parts += ["", "Требования:"] + [f"- {line}" for line in draft.custom_requirements]
    parts += ["", "Условия:", draft.conditions_md, "", "Как откликнуться", draft.apply_md]
    return "\n".join(parts)


def _long(lines, size: int = 10_000):
    """A posting of about `size` characters made of the corpus's lines, in their fields
    (a custom list holds at most MAX_CUSTOM_LINES lines; the rest go to the intro)."""
    from app.domain.vacancies.draft import MAX_CUSTOM_LINES, VacancyDraft

    fields: dict[str, list[str]] = {}
    total = 0
    for line in lines:
        if total >= size:
            break
        where = line["field"]
        if where == "title" or len(fields.get(where, ())) >= MAX_CUSTOM_LINES:
            where = "intro_md"
        fields.setdefault(where, []).append(line["text"])
        total += len(line["text"])
    custom = {k: tuple(v) for k, v in fields.items() if k.startswith("custom_")}
    text = {k: "\n".join(v) for k, v in fields.items() if k.endswith("_md")}
    draft = VacancyDraft(title="SMM-менеджер", role="smm-specialist", **custom, **text)
    return draft, total


def main() -> None:
    from tests import checks_corpus as corpus

    catalog = corpus.catalog()
    lines, postings = corpus.load_lines(), corpus.load_postings()
    on_lines = corpus.evaluate_lines(lines)
    on_postings = corpus.evaluate_postings(postings)
    headers = ["label", "precision", "recall", "support", "TP", "FP", "FN"]
    real = sum(1 for line in lines if line["source"].startswith("http"))
    print(
        f"{len(lines)} lines ({real} from real pages) and {len(postings)} postings "
        "(tests/data/checks); floors: precision 0.90, recall 0.85.\n"
    )
    print("Lines:\n")
    print(table(headers, on_lines.rows()))
    print("\nPostings:\n")
    print(table(headers, on_postings.rows()))

    from app.domain.vacancies.checks import check_vacancy

    typical = _typical(catalog, postings)
    warm = timings(lambda: check_vacancy(catalog, typical), RUNS)
    long_draft, chars = _long(lines)
    long = timings(lambda: check_vacancy(catalog, long_draft), max(5, RUNS // 3))
    # New words each run: nothing the memos kept helps (a vacancy typed for the first time).
    runs = iter(range(10**6))

    def fresh_lines():
        n = next(runs)
        own = tuple(f"{line} {n}" for line in typical.custom_duties)
        return replace(typical, custom_duties=own, intro_md=f"{typical.intro_md} {n}")

    new = timings(lambda: check_vacancy(catalog, fresh_lines()), RUNS)
    from app.domain.vacancies.intake import analyze_text

    posting = _posting_text(long_draft)
    analyzed = timings(lambda: analyze_text(catalog, f"{posting}\n{next(runs)}"), 10)
    fresh = subprocess.run(
        [sys.executable, "-c", FIRST_CALL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    imported, first, second, fresh_rss, analyzers = (float(x) for x in fresh.stdout.split())
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p50, p95, worst = summary(warm)
    l50, l95, lworst = summary(long)
    n50, n95, nworst = summary(new)
    a50, a95, aworst = summary(analyzed)
    rows = [
        ["typical vacancy, all checks, warm", f"{p50:.1f}", f"{p95:.1f}", f"{worst:.1f}"],
        ["typical vacancy, new lines each run", f"{n50:.1f}", f"{n95:.1f}", f"{nworst:.1f}"],
        [f"{chars:,}-character posting, warm", f"{l50:.1f}", f"{l95:.1f}", f"{lworst:.1f}"],
        [
            f"analyzer, pasted {len(posting):,}-character posting",
            f"{a50:.1f}",
            f"{a95:.1f}",
            f"{aworst:.1f}",
        ],
        ["fresh process: import + catalog", f"{imported:.0f}", "", ""],
        ["fresh process: first check_vacancy", f"{first:.0f}", "", ""],
        ["fresh process: second check_vacancy", f"{second:.1f}", "", ""],
        ["fresh process: max RSS after the first checks (MB)", f"{fresh_rss:.0f}", "", ""],
        ["fresh process: morphology analyzers loaded", f"{analyzers:.0f}", "", ""],
        ["this process: max RSS after the whole corpus (MB)", f"{rss_mb:.0f}", "", ""],
    ]
    print(f"\nSpeed ({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}), in ms:\n")
    print(table(["row", "p50", "p95", "max"], rows))
    write_json(
        Path("bench/out/checks.json"),
        {
            "lines": {label: vars(c) for label, c in on_lines.counts.items()},
            "postings": {label: vars(c) for label, c in on_postings.counts.items()},
            "warm_ms": warm,
            "long_ms": long,
            "new_lines_ms": new,
            "analyzer_ms": analyzed,
            "fresh_ms": [imported, first, second],
            "rss_mb": rss_mb,
        },
    )


if __name__ == "__main__":
    main()
