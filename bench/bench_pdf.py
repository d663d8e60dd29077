"""Vacancy PDF: WeasyPrint warm render vs headless Chromium, cached download, memory."""

from __future__ import annotations

import gc
import os
import resource
import tempfile
from pathlib import Path

from bench.common import bench_app, signed_in, summary, table, timings, write_json

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
WARMUP = 3
MEMORY_RENDERS = int(os.environ.get("BENCH_MEMORY_RENDERS", "200"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUT = Path(__file__).parent / "out" / "pdf.json"


def rss_mb() -> float:
    """Current resident set size of this process in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def chromium_timings(html: str) -> list[float] | str:
    """page.set_content + page.pdf in a warm headless Chromium, or why it could not run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        return f"skipped: {error}"
    if not Path(CHROMIUM).exists():
        return f"skipped: {CHROMIUM} not found"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()

            def print_pdf() -> None:
                page.set_content(html, wait_until="load")
                page.pdf(format="A4", print_background=True, prefer_css_page_size=True)

            return timings(print_pdf, RUNS, WARMUP)
        finally:
            browser.close()


def memory_profile(render) -> tuple[float, float, float]:
    """RSS after render 50 and after the last one, and peak RSS, in MB."""
    at_50 = 0.0
    for i in range(1, MEMORY_RENDERS + 1):
        render()
        if i == 50:
            gc.collect()
            at_50 = rss_mb()
    gc.collect()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return at_50, rss_mb(), peak


def app_download_timings(runs: int = 100) -> list[float]:
    """GET /vacancies/<id>/download/pdf through the app once the file is cached."""
    from app.accounts.models import Organization, User
    from app.catalog.service import catalog_for
    from app.domain.vacancies.compose import default_draft
    from app.extensions import db
    from app.vacancies import service

    app, org_id, user_id, _tmp = bench_app(EXPORT_CACHE_DIR=lambda tmp: str(tmp / "cache"))
    with app.app_context():
        org, user = db.session.get(Organization, org_id), db.session.get(User, user_id)
        vacancy = service.create(
            org, user, catalog_for(org), default_draft(catalog_for(org), "smm-manager")
        )
        db.session.commit()
        url = f"/vacancies/{vacancy.id}/download/pdf"
    client = signed_in(app)

    def download() -> None:
        response = client.get(url)
        assert response.status_code == 200 and response.data.startswith(b"%PDF")

    download()  # the miss that renders and fills the cache
    values = timings(download, runs)
    get_pool_close()
    return values


def get_pool_close() -> None:
    from app.exports.worker import get_pool

    get_pool().close()


def main() -> None:
    from app.exports.cache import cached_render
    from app.exports.html import render_html
    from app.exports.pdf import render_pdf
    from app.exports.worker import get_pool, render_pdf_safely
    from tests.samples import sample_document_ru

    doc = sample_document_ru()
    load_before = os.getloadavg()[0]
    weasy = timings(lambda: render_pdf(doc), RUNS, WARMUP)
    chromium = chromium_timings(render_html(doc))
    worker = timings(lambda: render_pdf_safely(doc), RUNS, WARMUP)
    get_pool().close()
    with tempfile.TemporaryDirectory(prefix="smm-pdf-cache-") as cache_dir:
        cached_render(Path(cache_dir), doc, "pdf", render_pdf)  # the miss that fills it
        cached = timings(lambda: cached_render(Path(cache_dir), doc, "pdf", render_pdf), 200)
    through_app = app_download_timings()
    at_50, at_end, peak = memory_profile(lambda: render_pdf(doc))
    growth = (at_end - at_50) / at_50 * 100

    w50, w95, _ = summary(weasy)
    rows = [["WeasyPrint, warm, in-process", f"{w50:.1f}", f"{w95:.1f}", "p50 ≤ 100",
             "yes" if w50 <= 100 else "NO"]]  # fmt: skip
    if isinstance(chromium, list):
        c50, c95, _ = summary(chromium)
        rows.append(["Chromium (Playwright), warm", f"{c50:.1f}", f"{c95:.1f}", "", ""])
        rows.append(["ratio WeasyPrint / Chromium (p50)", f"{w50 / c50:.2f}", "", "≤ 1.00",
                     "yes" if w50 <= c50 else "NO"])  # fmt: skip
    else:
        rows.append(["Chromium (Playwright), warm", chromium, "", "", ""])
    k50, k95, _ = summary(worker)
    rows.append(["WeasyPrint via worker pool (render_pdf_safely)", f"{k50:.1f}", f"{k95:.1f}",
                 "", ""])  # fmt: skip
    h50, h95, _ = summary(cached)
    rows.append(["cached download (cached_render hit)", f"{h50:.2f}", f"{h95:.2f}", "p50 ≤ 5",
                 "yes" if h50 <= 5 else "NO"])  # fmt: skip
    a50, a95, _ = summary(through_app)
    rows.append(["cached download through the app (GET, signed in)", f"{a50:.2f}",
                 f"{a95:.2f}", "p50 ≤ 5", "yes" if a50 <= 5 else "NO"])  # fmt: skip
    rows.append([f"RSS after render 50 / {MEMORY_RENDERS}, MB", f"{at_50:.1f}", f"{at_end:.1f}",
                 "", ""])  # fmt: skip
    rows.append([f"RSS growth 50 → {MEMORY_RENDERS}, % (peak {peak:.0f} MB)", f"{growth:.1f}",
                 "", "< 10", "yes" if growth < 10 else "NO"])  # fmt: skip
    load_after = os.getloadavg()[0]
    print(
        f"Typical two-page Russian vacancy (tests/samples.py), {RUNS} runs after {WARMUP} "
        f"warm-ups; {os.cpu_count()} CPUs, 1-minute load average {load_before:.2f} before "
        f"and {load_after:.2f} after. Times in ms.\n"
    )
    print(table(["measurement", "p50", "p95", "target", "met"], rows))
    write_json(
        OUT,
        {
            "weasyprint_ms": weasy,
            "chromium_ms": chromium,
            "worker_ms": worker,
            "cached_ms": cached,
            "app_download_ms": through_app,
            "rss_mb": {"at_50": at_50, "at_end": at_end, "peak": peak},
        },
    )


if __name__ == "__main__":
    main()
