"""``pipeline.scan.GatedAlternation``'s literal search: one Aho-Corasick pass per text
(``literals_in``) finds exactly the declared literals a plain substring test finds in
``fold(text)``, and so keeps exactly the branches the round-8 gate kept (every literal of each
group tested with ``in``). docs/worker-performance.md, "Round 9".

Compared over every labelled and tuning email (bodies, subjects, attachment texts, the NFKC
form the safety layer reads, and each line), for the injection table and the gated client cues,
and over strings built to trip an automaton: literals inside literals, overlaps, the letters
case-insensitive matching folds, an empty literal, a table without literals.
"""

from __future__ import annotations

import re

import pytest

from creditctl.pipeline import safety
from creditctl.pipeline.extraction import parties
from creditctl.pipeline.scan import GatedAlternation, fold
from tests.case_texts import ALL_SUITES, case_texts, with_lines

SUITES = ALL_SUITES


def _plain_literals(table: GatedAlternation, text: str) -> frozenset[int]:
    low = fold(text)
    return frozenset(i for i, lit in enumerate(table.literals) if lit in low)


def _plain_kept(table: GatedAlternation, text: str) -> tuple[int, ...]:
    """The round-8 gate: each group needs one of its literals, tested with ``in``."""
    low = fold(text)
    return tuple(
        i
        for i, (_, needs) in enumerate(table.branches)
        if all(any(fold(lit) in low for lit in group) for group in needs)
    )


def _tables() -> list[GatedAlternation]:
    cues = [cue for cue in parties._CLIENT_CUE_AT if isinstance(cue, GatedAlternation)]
    assert len(cues) >= 3
    return [safety.INJECTIONS, *cues]


def _texts() -> list[str]:
    return with_lines(case_texts(SUITES))


def test_the_suites_are_read() -> None:
    assert len(SUITES) >= 19 and "tuning_t" in SUITES


def test_every_literal_and_every_kept_branch_as_the_plain_substring_test_over_every_email() -> None:
    texts = _texts()
    assert len(texts) > 5000
    wrong = [
        (table.branches[0][0][:30], text[:80])
        for table in _tables()
        for text in texts
        if table.literals_in(text) != _plain_literals(table, text) or table.kept(text) != _plain_kept(table, text)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "mail",  # "ai" inside "mail", "mai" overlapping "ail"
        "MAIL",
        "maıl",  # dotless i folds to i
        "ſyſtem: x",  # long s folds to s
        "İgnore",  # capital I with dot: "i̇" folds to i
        "abcabc",
        "bc",
        "xyz",
        "a,b:c",
    ],
)
def test_overlapping_nested_and_folded_literals(text: str) -> None:
    table = GatedAlternation(
        [
            (r"mail", (("mail",),)),
            (r"ai", (("ai", "xyz"), ("ai",))),
            (r"ail", (("ail",), ("mai", "zz"))),
            (r"system:", (("system:",),)),
            (r"ignore", (("ignore",),)),
            (r"abc|bc", (("bc",), ("abca", "cab"))),
            (r"[,:]", ((",", ":"),)),
            (r"never", (("",), ("never",))),
            (r"x", ()),
            (r"none", ((),)),
        ],
        re.IGNORECASE,
    )
    assert table.literals_in(text) == _plain_literals(table, text)
    assert table.kept(text) == _plain_kept(table, text)
    assert table.literals[table._needs[7][0][0]] == ""  # the empty literal: found in every text
    assert 8 in table.kept(text) and 9 not in table.kept(text)


def test_a_table_without_literals_keeps_its_branches_without_a_search() -> None:
    table = GatedAlternation([(r"a", ()), (r"b", (("",),))])
    assert table.literals_in("anything") == frozenset({0})
    assert table.kept("x") == (0, 1)
