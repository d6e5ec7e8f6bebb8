"""The reading's tables stay cheap to scan: every table of ``creditctl/pipeline`` that is scanned
over whole texts is gated (``scan.GatedAlternation``, each branch with its declared literals)
or prefiltered (``scan.prefiltered``, a declared first-character class), so a family added
without its declaration fails here with what to add — not as a slower worker months later
(docs/worker-performance.md, "Round 5"; the speed itself is bench section 9's figure).

A "table" is a module-level compiled pattern of ``creditctl/pipeline`` (or one inside a
module-level dict, list or tuple) whose source is at least ``TABLE_CHARS`` long, plus every
pattern of the phrase tables below whatever its size. ``ON_SHORT_STRINGS`` names the tables
that are matched only on one label, cell, clause or line, only at line starts, or only at
positions another scan found: a first-character test buys little there.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator

import pytest

import creditctl.pipeline
from creditctl.pipeline import reply_wording, safety
from creditctl.pipeline.extraction import reply_kind
from creditctl.pipeline.scan import GatedAlternation, is_prefiltered

TABLE_CHARS = 1500

#: Tables matched only on short strings, or only where another (prefiltered) scan matched.
ON_SHORT_STRINGS = {
    "labels._OFFER_OBJECT": "searched in one figure's label (the clause before that figure, labels.offer_object)",
    "safety_handover._VERB": "searched in the one clause that names an agency, law office or bailiff (_handed_over)",
    "procedure_echo._FRAME_BEFORE": "searched in the up to 160 characters before one procedure phrase, on its line",
    "procedure_echo._LEADING_FRAME": "matched at the start of one amount's label",
    "procedure_echo._COURT_SIDE": "searched in the one sentence of a procedure phrase",
    "procedure_echo._COURT_PROCEDURE": "searched in one procedure phrase and the words around it",
    "procedure_echo._OFFICIAL": "searched only in a text where a framed procedure phrase was found (rare)",
    "equal_figures._FIRM": "searched in the words before one figure",
    "cleaning_headers.MOBILE_SIGNATURE": "matched at the start of one line (cleaning_quotes._MOBILE.match)",
    "labels.AFTER_PAYMENT_RE": "substituted in one amount's label or clause",
    "labels.INCLUSIVE_RE": "substituted in one amount's label words, or the words before one figure in its sentence",
    "labels.LABEL_RES": "searched in one amount's label words (amounts.amount_role, memoised)",
    "amounts._EARLIER_RE": "searched in the words of one figure's sentence before it (current_beside_earlier)",
    "labels.OFFICE_FIGURE_RE": "substituted in one amount's label words (office_figure_confirmed)",
    "labels.LETTER_COLUMN_RE": "searched in one table header cell or one figure's sentence before it",
    "amounts._MONEY_LABEL": "searched in one line's label",
    "parties._CLIENT_RE": "tried only where its prefiltered cue matched (parties._finditer_at)",
    "parties._CLIENT_COMMA_RE": "tried only where its prefiltered cue matched (parties._finditer_at)",
    "references._LABEL_CELL": "fullmatch of one table header cell",
    "parties._NAME_FIRST_RE": "anchored at line starts ((?m)^): tried only where a line begins",
    "parties._ADDRESS_NAME_RE": "anchored at line starts ((?m)^): tried only where a line begins",
    "parties._BRACKETED_NAME": "matched (.match) only where an identifier of the reply ends (parties.bracketed_names)",
    "reply_wording._CLAIM": "searched in the words before one figure or one clause",
    "reply_wording._OTHER": "searched in the words before one figure or one clause",
    "equal_figures._OTHER": "searched in the words around one figure (equal_figures._plain)",
    "rules._OPEN_LABEL": "searched in one amount's last label sentence, only for a settled reply stating a figure",
    "reply_kind._AUTHORITY_NAME": "searched in one party name (the client shown, reply_kind.names_authority)",
    "labels.PAID_CLAUSE_RE": "matched (.match, anchored) on the words after one figure up to its clause end",
    "amounts._CREDIT_AFTER": "matched (.match, anchored) on the words after one figure (amounts, the credit check)",
    "parties._ORG_WORD_RE": "searched in the sender's display name, one word, or one signature line of at most five words",
}


def _modules() -> Iterator[object]:
    for info in pkgutil.walk_packages(creditctl.pipeline.__path__, "creditctl.pipeline."):
        yield importlib.import_module(info.name)


def _found(value: object, name: str, depth: int = 0) -> Iterator[tuple[str, object]]:
    if isinstance(value, (re.Pattern, GatedAlternation)):
        yield name, value
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _found(item, name, depth + 1)
    elif depth < 2 and isinstance(value, (list, tuple)):
        for item in value:
            yield from _found(item, name, depth + 1)


def _module_tables() -> dict[int, tuple[str, object]]:
    """Every module-level pattern and gated alternation of ``creditctl/pipeline`` by identity,
    with every name it is bound to (``module.NAME``, joined by " = ")."""
    names: dict[int, list[str]] = {}
    objects: dict[int, object] = {}
    for module in _modules():
        short = module.__name__.rsplit(".", 1)[-1]
        for attr, value in vars(module).items():
            for name, found in _found(value, f"{short}.{attr}"):
                names.setdefault(id(found), []).append(name)
                objects[id(found)] = found
    return {key: (" = ".join(dict.fromkeys(names[key])), obj) for key, obj in objects.items()}


def _exempt(name: str) -> bool:
    return any(one in ON_SHORT_STRINGS for one in name.split(" = "))


def _prefiltered(rx: re.Pattern[str]) -> bool:
    return is_prefiltered(rx)


def test_every_table_scanned_over_whole_texts_is_gated_or_prefiltered() -> None:
    ungated = sorted(
        f"{name} ({len(table.pattern)} characters)"
        for name, table in _module_tables().values()
        if isinstance(table, re.Pattern)
        and len(table.pattern) >= TABLE_CHARS
        and not _prefiltered(table)
        and not _exempt(name)
    )
    assert ungated == [], (
        "a table scanned over whole texts without a declared first-character class or literals: "
        "declare them (scan.prefiltered / scan.GatedAlternation, docs/worker-performance.md 'Round 5'), "
        "or name it in ON_SHORT_STRINGS when it is only matched on short strings"
    )


def test_the_exemptions_name_tables_that_exist() -> None:
    names = {one for name, _ in _module_tables().values() for one in name.split(" = ")}
    assert sorted(set(ON_SHORT_STRINGS) - names) == []


def test_every_gated_alternation_declares_literals_and_first_characters_for_each_branch() -> None:
    gated = [(name, t) for name, t in _module_tables().values() if isinstance(t, GatedAlternation)]
    assert any(t is safety.INJECTIONS for _, t in gated)
    missing = [
        f"{name} branch {i}: {branch[:60]}"
        for name, table in gated
        for i, ((branch, needs), first) in enumerate(zip(table.branches, table.firsts, strict=True))
        if needs == () or first is None
    ]
    assert missing == [], "a branch without declared literals is scanned on every text (scan.Branch)"


@pytest.mark.parametrize(
    ("name", "tables"),
    [
        ("reply_wording._PATTERNS", dict(reply_wording._PATTERNS)),
        ("reply_kind._KIND_RES", {str(kind): rx for kind, rx in reply_kind._KIND_RES}),
    ],
)
def test_every_phrase_table_is_prefiltered_whatever_its_size(name: str, tables: dict[str, re.Pattern[str]]) -> None:
    plain = sorted(key for key, rx in tables.items() if not _prefiltered(rx))
    assert plain == [], f"{name}: declare the first characters (and \\w* literals) of these tables"


def test_the_guard_sees_an_ungated_table() -> None:
    """The size rule is not vacuous: the plain alternation behind the injection table is a
    table, and it is not prefiltered."""
    assert len(safety.INJECTIONS.plain.pattern) >= TABLE_CHARS and not _prefiltered(safety.INJECTIONS.plain)
