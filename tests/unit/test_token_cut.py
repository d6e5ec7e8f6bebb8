"""Cutting a text to a token budget reads only the prefix that can fit
(``cleaning._cut_to_tokens``), and gives the cut the whole-text search gave."""

from __future__ import annotations

import bisect
import math
import random

import pytest

from creditctl.pipeline import cleaning


def _reference_cut(text: str, budget: int) -> str:
    """The cut as computed over every piece of the whole text."""
    if budget <= 0:
        return ""
    if cleaning.estimate_tokens(text) <= budget:
        return text
    ends = [m.end() for m in cleaning._PIECES.finditer(text)]
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if max(math.ceil(mid / 3.5), bisect.bisect_right(ends, mid) + 1) <= budget:
            lo = mid
        else:
            hi = mid - 1
    prefix = text[:lo]
    nl = prefix.rfind("\n")
    if nl > lo * 0.7:
        return prefix[:nl]
    sp = prefix.rfind(" ")
    return prefix[:sp] if sp > lo * 0.7 else prefix


@pytest.mark.parametrize("seed", range(40))
def test_the_cut_is_the_whole_text_cut(seed: int) -> None:
    rng = random.Random(seed)
    words = ["Forderung", "1.234,56", "EUR", "!", "—", "Az.", "BÖ-2024-0173", "\n", "> ", "x" * 70, "..."]
    text = " ".join(rng.choice(words) for _ in range(rng.randint(50, 4000)))
    budget = rng.choice([1, 5, 30, 200, 3000])
    assert cleaning._cut_to_tokens(text, budget) == _reference_cut(text, budget)


def test_a_long_quote_is_cut_without_tokenising_it_whole() -> None:
    quote = "> Sehr geehrte Damen und Herren, die Forderung beträgt 1.234,56 EUR.\n" * 12000
    text, truncated, tokens = cleaning._build_extraction_text("Neue Antwort.", "", quote, 300)
    assert tokens == cleaning.estimate_tokens(text)
    assert truncated and cleaning.estimate_tokens(text) <= 300
    assert text.startswith("Neue Antwort.")
