"""The amount-label tables (``labels.LABEL_RES``) scanned word start first
(``scan.word_start_split``; docs/worker-performance.md, "Round 15") find what the plain joined
alternation of their labels finds: over a fixed sample of every labelled and tuning text as the
reader sees it (``tests.scan_equivalence``; the full product runs with ``python -m
tests.scan_equivalence``), and where the labels are embedded in a larger pattern."""

from __future__ import annotations

import re

import pytest

from creditctl.pipeline.extraction.labels import AMOUNT_LABELS, LABEL_RES
from tests import scan_equivalence as eq

_PLAIN = eq.plain_label_tables()


def test_every_label_table_is_built_and_the_split_is_in_force() -> None:
    assert set(LABEL_RES) == set(AMOUNT_LABELS) == set(_PLAIN)
    split = {role for role, rx in LABEL_RES.items() if rx.pattern != _PLAIN[role].pattern}
    assert {"other", "total", "weak_total", "rest"} <= split
    assert LABEL_RES["predicate"].pattern == _PLAIN["predicate"].pattern  # no label opens with \b


def test_the_sample_covers_every_suite_and_the_three_forms() -> None:
    texts, sample = eq.reader_texts(), eq.sample_texts()
    assert len(texts) > 5000 and len(texts) // eq.SAMPLE_STEP <= len(sample) <= len(texts) // eq.SAMPLE_STEP + 1
    assert sample == eq.sample_texts()  # fixed: the same texts every run


@pytest.mark.parametrize("role", sorted(AMOUNT_LABELS))
def test_each_label_table_finds_the_plain_tables_spans_over_the_sample(role: str) -> None:
    assert eq.differing(LABEL_RES[role], _PLAIN[role], eq.sample_texts()) == []


def test_the_comparison_catches_a_table_that_drops_an_in_word_match() -> None:
    # a split that (wrongly) dropped the branches without \b would miss "Restforderung"'s "forderung"
    broken = re.compile(r"\b(?:(?:\bsaldo)|(?:forderung))", re.IGNORECASE)
    plain = re.compile(r"(?:\bsaldo)|(?:forderung)", re.IGNORECASE)
    assert eq.differing(broken, plain, ("Die Restforderung beträgt", "Saldo: 3")) == ["Die Restforderung beträgt"]


@pytest.mark.parametrize(
    ("role", "text"),
    [
        ("total", "Gesamtforderung: 1.234,56 EUR; Total amount due 99"),
        ("other", "Kaltmiete 500, monatliche Rate 50, Nebenkostenabrechnung 3"),
        ("rest", "Restbetrag 40 / remaining balance 41 / solde restant 42"),
        ("weak_total", "Saldo 12, balance 13, importe 14, Forderungsstand 15"),
    ],
)
def test_a_label_embedded_in_a_larger_pattern_matches_as_before(role: str, text: str) -> None:
    # amounts and rules build patterns from ``.pattern`` (alternated, grouped, behind an anchor):
    # the split gives the same match at each position, so the larger pattern matches the same
    for shape in ("(?:{})\\W{{0,3}}\\d+", "^\\W{{0,3}}(?:guthaben\\b|{})", "{}|\\bbetrag\\b"):
        fast = re.compile(shape.format(LABEL_RES[role].pattern), re.IGNORECASE)
        plain = re.compile(shape.format(_PLAIN[role].pattern), re.IGNORECASE)
        assert eq.spans(fast, text) == eq.spans(plain, text)
    assert eq.spans(LABEL_RES[role], text) != []
