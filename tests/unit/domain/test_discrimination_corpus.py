"""Precision and recall of the discrimination checks on labelled vacancy lines.

The lines (tests/data/discrimination/lines.yaml) are Russian and English, many taken from
real postings and reports about them; each is labelled with the tier it deserves (error,
warning, none) and the categories it must name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.domain.vacancies.discrimination import CATEGORIES, discrimination_hits

LINES = yaml.safe_load(Path("tests/data/discrimination/lines.yaml").read_text("utf-8"))
TIERS = ("error", "warning")
MIN_PRECISION = 0.9
MIN_RECALL = 0.85


def tier_of(text: str) -> tuple[str, dict[str, set[str]]]:
    """The line's highest tier and the categories found per tier."""
    found: dict[str, set[str]] = {"error": set(), "warning": set()}
    for hit in discrimination_hits(text):
        found[hit.severity].add(hit.category)
    tier = "error" if found["error"] else "warning" if found["warning"] else "none"
    return tier, found


def right(line: dict, tier: str, found: dict[str, set[str]]) -> bool:
    """The predicted tier is the labelled one, naming the labelled categories."""
    if tier != line["tier"]:
        return False
    return tier == "none" or set(line.get("categories", ())) <= found[tier]


def test_the_labelled_lines_are_well_formed() -> None:
    assert len(LINES) >= 150
    texts = [line["text"] for line in LINES]
    assert len(set(texts)) == len(texts), "duplicate lines"
    for line in LINES:
        assert line["tier"] in ("error", "warning", "none"), line
        assert set(line.get("categories", ())) <= set(CATEGORIES), line
        assert line["tier"] != "none" or not line.get("categories"), line
    assert sum(1 for line in LINES if line.get("source", "").startswith("http")) >= 40
    for tier in ("error", "warning", "none"):
        assert sum(1 for line in LINES if line["tier"] == tier) >= 20, tier


@pytest.mark.parametrize("tier", TIERS)
def test_precision_and_recall_per_tier(tier: str) -> None:
    true_positive = predicted = expected = 0
    misses = []
    for line in LINES:
        got, found = tier_of(line["text"])
        ok = right(line, got, found)
        if line["tier"] == tier:
            expected += 1
        if got == tier:
            predicted += 1
        if ok and got == tier:
            true_positive += 1
        if not ok and tier in (line["tier"], got):
            misses.append(
                f"  {line['text']!r}: labelled {line['tier']} {line.get('categories', [])},"
                f" got {got} {sorted(found.get(got, ()))}"
            )
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / expected if expected else 1.0
    report = f"{tier}: precision {precision:.2f}, recall {recall:.2f}\n" + "\n".join(misses)
    print(report)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, report
