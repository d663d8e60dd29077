"""The checks against the labelled corpus of real vacancy text (tests/data/checks).

Floors per label: precision >= 0.9 and recall >= 0.85, on single lines and on whole
postings. A failure prints every miss: the text, what an HR expert expects, what the
checks gave. The data files are validated too.
"""

from __future__ import annotations

import pytest

from tests import checks_corpus as corpus

PRECISION, RECALL = 0.9, 0.85
MIN_POSTINGS, MIN_LINES, MIN_PER_LABEL = 25, 400, 20


@pytest.fixture(scope="module")
def lines():
    return corpus.load_lines()


@pytest.fixture(scope="module")
def postings():
    return corpus.load_postings()


def _report(evaluation: corpus.Evaluation, below: list[str]) -> str:
    rows = "\n".join(
        f"  {label}: precision {c.precision:.2f}, recall {c.recall:.2f}, support {c.support}"
        for label, c in evaluation.counts.items()
        if label in below
    )
    misses = "\n".join(str(m) for m in evaluation.misses)
    return f"labels under the floors:\n{rows}\n\nmisses ({len(evaluation.misses)}):\n{misses}"


def test_lines_file_is_valid(lines):
    assert corpus.validate_lines(lines) == []
    assert len(lines) >= MIN_LINES


def test_every_line_label_has_positives_and_lookalikes(lines):
    thin = {
        label: counts
        for label, counts in corpus.label_support(lines).items()
        if min(counts) < MIN_PER_LABEL
    }
    assert thin == {}, "positives and innocent look-alikes per label (need 20 each)"


def test_lines_come_from_real_pages_too(lines):
    real = [line for line in lines if line["source"].startswith(("http://", "https://"))]
    assert len(real) >= 100
    assert len({line["source"] for line in real}) >= 30


def test_postings_are_valid(postings):
    assert corpus.validate_postings(postings) == []
    assert len(postings) >= MIN_POSTINGS


def test_validation_catches_broken_items():
    broken_line = {"text": "SEO", "field": "body", "expect": ["excluded-duty:nope"], "source": "x"}
    problems = corpus.validate_lines([broken_line, dict(broken_line)])
    assert any("unknown field" in p for p in problems)
    assert any("unknown label" in p for p in problems)
    assert any("duplicate" in p for p in problems)
    assert any("source" in p for p in problems)
    assert corpus.validate_postings([{"_file": "x.yaml", "title": "SMM"}])[0].startswith("x.yaml")


def test_scoring_counts_wrong_subjects_both_ways():
    evaluation = corpus.Evaluation(("excluded-duty:seo", "excluded-duty:product-cards"))
    evaluation.add({"excluded-duty:seo"}, {"excluded-duty:product-cards"}, None)
    seo, cards = (evaluation.counts[k] for k in evaluation.labels)
    assert (seo.tp, seo.fn, seo.recall) == (0, 1, 0.0)
    assert (cards.fp, cards.precision) == (1, 0.0)


def test_lines_meet_the_floors(lines):
    evaluation = corpus.evaluate_lines(lines)
    below = evaluation.below(PRECISION, RECALL)
    assert below == [], _report(evaluation, below)


# A floor over one to four postings says little (one miss is 0.75); the posting floors hold
# for the codes with this many positives, and bench_checks prints every code.
POSTING_SUPPORT = 5


def test_postings_meet_the_floors(postings):
    evaluation = corpus.evaluate_postings(postings)
    below = evaluation.below(PRECISION, RECALL, POSTING_SUPPORT)
    assert below == [], _report(evaluation, below)
