"""``GatedAlternation`` branches that declare their opening literals (``scan.Branch``'s
``opens``; docs/worker-performance.md, "Round 10"): in a long text such a branch is tried with
``match`` only where one of its opening literals occurs (and at offset 0), and must give the
matches its own scan gives.

Pinned over every labelled and tuning email (bodies, subjects, attachment texts, their NFKC
forms and every line) and over the injection table's phrases embedded in long texts (as written,
upper case, with long s / dotless i / İ / Kelvin sign, after other lines and after filler full of
near-misses of the opening literals). Dropping one opening literal from a branch fails here.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from creditctl.pipeline import safety
from creditctl.pipeline.extraction import reply_kind
from creditctl.pipeline.scan import OPENS_FROM, GatedAlternation, aligned_fold, fold
from tests.case_texts import ALL_SUITES, case_texts, with_lines
from tests.unit.test_scan_gated import PHRASES, _variants

#: Near-misses of the opening literals (inside words, without the space the branch needs, at a
#: line start without its colon), so the automaton reports offsets where the branch fails.
FILLER = (
    "Sehr geehrte Damen und Herren, an Ihre Adresse schicken wir die Email; the plan to pay is "
    "set\nsystem error in the mail. Notiz: ohnehin without-prefix. Für Fragen stehen wir zur "
    "Verfügung; voorstel aan de klant; pour info; per email para usted; kitchen assistance.\n"
)


def _long(phrase: str) -> list[str]:
    """``phrase`` at offset 0, after the filler, and on its own line after it, all at least
    ``OPENS_FROM`` characters long."""
    pad = FILLER * (OPENS_FROM // len(FILLER) + 1)
    return [phrase + "\n" + pad, pad + phrase, pad + "\n" + phrase + "\n" + pad]


@lru_cache(maxsize=1)
def _texts() -> list[str]:
    texts = case_texts(ALL_SUITES) + [t for p in PHRASES for v in _variants(p) for t in _long(v)]
    return with_lines(texts)


def _differences(table: GatedAlternation, texts: list[str]) -> tuple[list[str], int]:
    """The texts on which ``table``'s gated ``finditer``, or its ``search`` from 0 and from
    one past each match start, differs from the plain alternation's; and how many long texts
    with a match of a branch that declares opening literals the comparison saw."""
    diffs, seen = [], 0
    opened = {i for i, o in enumerate(table.opens) if o is not None}
    for text in texts:
        plain = [(m.span(), m.group(0)) for m in table.plain.finditer(text)]
        if [(m.span(), m.group(0)) for m in table.finditer(text)] != plain:
            diffs.append(text[:80])
            continue
        rx = table.for_text(text)
        starts = [0] + [span[0] + 1 for span, _ in plain]
        got = [None if rx is None else _span(rx.search(text, p)) for p in starts]
        if got != [_span(table.plain.search(text, p)) for p in starts]:
            diffs.append(text[:80])
        if plain and len(text) >= OPENS_FROM and opened.intersection(table.kept(text)):
            seen += 1
    return diffs, seen


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return None if m is None else m.span()


def test_the_branches_searched_at_their_opening_literals_give_the_plain_table_s_matches() -> None:
    # the shorter texts are scanned whole (tests/unit/test_scan_gated.py compares them)
    diffs, seen = _differences(safety.INJECTIONS, [t for t in _texts() if len(t) >= OPENS_FROM])
    assert diffs == []
    assert seen > 100  # long texts where a branch with opening literals was tried at them


def test_every_match_of_a_branch_opens_with_one_of_its_declared_literals() -> None:
    """Each branch alone: every offset where it matches (a zero-width scan) holds one of its
    opening literals in the text's fold, or is 0."""
    missing = []
    texts = _texts()
    for i, opens in enumerate(safety.INJECTIONS.opens):
        if opens is None:
            continue
        starts = re.compile("(?=" + safety.INJECTIONS.branches[i][0] + ")", safety.INJECTIONS.flags)
        for text in texts:
            low = aligned_fold(text)
            if low is None:
                continue
            missing += [
                (i, text[p : p + 30])
                for m in starts.finditer(text)
                if (p := m.start()) and not low.startswith(opens, p)
            ]
    assert missing == []


@pytest.mark.parametrize("branch", [i for i, o in enumerate(safety.INJECTIONS.opens) if o is not None])
def test_an_opening_literal_left_out_is_caught(branch: int) -> None:
    """The comparison can fail: the branch alone with its first opening literal dropped misses
    a match on a phrase of the branch embedded in a long text (with all of them it does not)."""
    table = safety.INJECTIONS
    opens, first = table.opens[branch], table.firsts[branch]
    assert opens is not None and first is not None
    src, needs = table.branches[branch]
    whole = GatedAlternation([(src, needs, first, opens)], table.flags)
    broken = GatedAlternation([(src, needs, first, opens[1:] or ("\x00",))], table.flags)
    texts = [
        t
        for p in PHRASES
        for v in _variants(p)
        for t in _long(v)
        if any(fold(m.group(0)).startswith(opens[0]) for m in re.finditer(table.branches[branch][0], v, table.flags))
    ]
    assert texts, f"no phrase of branch {branch} opens with {opens[0]!r}"
    assert _differences(whole, texts)[0] == []
    assert _differences(broken, texts)[0] != []


def test_short_texts_and_texts_whose_fold_moves_offsets_are_scanned_whole() -> None:
    table = safety.INJECTIONS
    among = tuple(i for i, o in enumerate(table.opens) if o is not None)
    long = FILLER * (OPENS_FROM // len(FILLER) + 1)
    assert table.starts(long[: OPENS_FROM - 1], among) is None
    assert table.starts(long + "Mi\u0307ssing", among) is None  # a combining dot above
    found = table.starts("AN DIE KI: " + long, among)
    assert found is not None and set(found) == set(among)
    assert all(offsets[0] == 0 and offsets == sorted(set(offsets)) for offsets in found.values())
    assert 0 in found[2] and len(found[2]) > 1  # "an " occurs in the filler


def test_the_reader_finds_the_same_lines_with_and_without_the_opening_literals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [t for p in PHRASES for v in _variants(p) for t in _long(v)] + case_texts(("tuning", "tuning_h"))
    with_opens = [reply_kind.find_injection_lines(t) for t in texts]
    monkeypatch.setattr("creditctl.pipeline.scan.OPENS_FROM", 10**9)
    safety.INJECTIONS._starts.cache_clear()
    try:
        assert [reply_kind.find_injection_lines(t) for t in texts] == with_opens
    finally:
        safety.INJECTIONS._starts.cache_clear()
    assert sum(1 for lines in with_opens if lines) > 50


def test_opening_literals_must_be_non_empty() -> None:
    with pytest.raises(ValueError):
        GatedAlternation([(r"\bab", (("ab",),), "a", ())])
    with pytest.raises(ValueError):
        GatedAlternation([(r"\bab", (("ab",),), "a", ("",))])
