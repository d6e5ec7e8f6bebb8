"""The hold families hold, their near-misses still apply, and another figure is never applied
— checked by mutating correctly applied tuning cases (tests/hold_families, docs/evaluation.md
"Hold families: a mutation harness").

The sample is seeded and deterministic: every HOLD family × language × position once, every
near-miss kind × language × position once, six other-figure traps per position, on the base
cases of a seeded sample of the tuning suites. ``python -m tests.hold_families`` prints the
same run as a per-family, per-language table; ``--full`` runs every base case.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.hold_families import decoys, mutate
from tests.hold_families.__main__ import SAMPLE_BASES
from tests.hold_families.harness import Harness, Result, failures, load_bases, plan, tabulate
from tests.hold_families.tables import CORE_LANGS, HOLD, LANGS, NEAR

#: Near-misses an existing check still holds: the check is not loosened for them (a person
#: reads them; an automation loss, never a wrong apply). Each is the inserted text.
KNOWN_HELD: frozenset[str] = frozenset(
    {
        # held only on tuning_k/k065 (a .example sender): 'kr' is read from the letter's language, and a
        # Norwegian sentence added to a reply read as Danish turns NOK into DKK (currency check holds)
        "Inndrivelsen er ikke stilt i bero.",
        "Ein Insolvenzverfahren ist uns nicht bekannt.",  # "ist uns nicht bekannt": the client-unknown wording
        "Ein Widerspruch wurde nicht erhoben.",  # the reply-kind table reads "Widerspruch" as a dispute
        "Er is ons geen schuldsanering bekend.",  # the reply-kind table: "geen … bekend" is a client unknown
        "Aucune procédure de surendettement ne nous est connue.",  # the reply-kind table: any "surendettement"
        "The goods sold to your client were delivered in March.",  # safety.find_assignment: "sold to"
    }
)


@pytest.fixture(scope="module")
def results() -> list[Result]:
    harness = Harness.open()
    try:
        bases = load_bases(harness, limit=SAMPLE_BASES)
        assert len(bases) >= 20, "too few base cases: the tuning suites or the base judging broke"
        return [harness.judge(m) for m in plan(bases)]
    finally:
        harness.close()


def test_the_sample_covers_every_family_language_and_position(results: list[Result]) -> None:
    cells = {(r.mutant.family, r.mutant.lang) for r in results if r.mutant.kind == "hold" and r.mutant.family in HOLD}
    # every family in every language its table writes it in; every family in every core language
    assert cells == {(f, lang) for f in HOLD for lang in HOLD[f]}
    near = {(r.mutant.family, r.mutant.lang) for r in results if r.mutant.kind == "near" and r.mutant.family in NEAR}
    assert near == {(k, lang) for k in NEAR for lang in NEAR[k]}
    assert all(set(CORE_LANGS) <= set(table) for table in (*HOLD.values(), *NEAR.values()))
    assert {lang for table in (*HOLD.values(), *NEAR.values()) for lang in table} <= set(LANGS)
    positions = {r.mutant.position for r in results if r.mutant.kind == "hold"}
    assert positions == {*mutate.POSITIONS, "decoy"}
    # every decoy family has mutants (tests/hold_families/decoys.py)
    families = {r.mutant.family for r in results if r.mutant.position == "decoy"}
    assert families == {*decoys.HOLD_FAMILIES, *decoys.NEAR_FAMILIES}
    assert sum(r.mutant.kind == "trap" for r in results) >= 20


def test_no_hold_family_mutant_is_applied(results: list[Result]) -> None:
    wrong = [r for r in results if r.mutant.kind == "hold" and r.status == "wrong"]
    assert not wrong, "\n" + tabulate(results) + "\n" + "\n".join(failures(wrong))


#: A hold that read no total (``gate``): "no claim total found", or the figures found with none taken as the total.
NO_TOTAL_WORDS = (
    "no claim total",
    "none as the claim's total",
    "not read as the current total",
    "none taken as current",
)


def test_a_held_hold_mutant_names_its_family(results: list[Result]) -> None:
    # a mutant whose insertion left no total to read has nothing a condition could qualify: held, nothing to name
    unnamed = [
        r
        for r in results
        if r.mutant.kind == "hold"
        and r.mutant.family in HOLD  # a decoy may be held for what its change left (decoys.REASON_WORDS)
        and r.status == "unnamed"
        and not any(w in x for x in r.reasons for w in NO_TOTAL_WORDS)
    ]
    assert not unnamed, "\n".join(failures(unnamed))


def test_near_misses_still_apply_with_the_same_total(results: list[Result]) -> None:
    bad = [
        r
        for r in results
        if r.mutant.kind == "near" and (r.status == "wrong" or r.status == "held" and r.mutant.text not in KNOWN_HELD)
    ]
    assert not bad, "\n".join(failures(bad))


def test_another_figure_is_never_applied(results: list[Result]) -> None:
    traps = [r for r in results if r.mutant.kind == "trap"]
    wrong = [r for r in traps if r.status == "wrong"]
    assert not wrong, "\n".join(failures(wrong))
    assert all(r.applied is False or r.amount == r.mutant.base.amount for r in traps)


# the mutations themselves ---------------------------------------------------------------------

LETTER = (
    "Sehr geehrte Damen und Herren,\n\n"
    "die Forderung beträgt derzeit 1.234,56 €.\n\n"
    "Mit freundlichen Grüßen\nMuster Inkasso GmbH\n\n"
    "Am 02.11.2026 schrieb Schuldnerberatung <a@b.example>:\n> Forderung 900,00 €\n"
)
QUOTED = "Am 02.11.2026 schrieb Schuldnerberatung <a@b.example>:\n> Forderung 900,00 €"
HTML = (
    "<html><body><p>Guten Tag,</p><p>der offene Betrag beträgt <span>1.</span><span>234,56</span> €.</p>"
    "<p>Freundliche Grüße<br>Muster Inkasso GmbH</p><blockquote><p>Forderung 900,00 €</p></blockquote></body></html>"
)


@pytest.mark.parametrize(
    ("position", "entry", "expected"),
    [
        ("first", "X sagt Y.", "Herren,\n\nX sagt Y.\n\ndie Forderung"),
        ("after_amount", "X sagt Y.", "1.234,56 €. X sagt Y.\n"),
        ("ps", "X sagt Y.", "€.\n\nPS: X sagt Y.\n\nMit freundlichen"),
        ("clause", ", die X bestreitet", "1.234,56 €, die X bestreitet.\n"),
    ],
)
def test_a_sentence_lands_in_the_reply_at_its_position(position: str, entry: str, expected: str) -> None:
    case = {"body_text": LETTER}
    mutant = mutate.insert_sentence(case, QUOTED, entry, position, Decimal("1234.56"))
    assert mutant is not None and expected in mutant["body_text"]
    assert mutant["body_text"].index(entry.lstrip(", ")) < mutant["body_text"].index("Am 02.11.2026")
    assert case == {"body_text": LETTER}  # the base case is not changed


@pytest.mark.parametrize("position", mutate.POSITIONS)
def test_both_renderings_get_the_sentence_before_the_quote(position: str) -> None:
    entry = ", die X bestreitet" if position == "clause" else "X sagt Y."
    mutant = mutate.insert_sentence(
        {"body_text": LETTER, "body_html": HTML}, QUOTED, entry, position, Decimal("1234.56")
    )
    assert mutant is not None
    words = entry.lstrip(", ")
    assert words in mutant["body_text"] and words in mutant["body_html"]
    assert mutant["body_html"].index(words) < mutant["body_html"].index("<blockquote")


def test_a_clause_needs_the_amount_in_the_reply() -> None:
    assert mutate.insert_sentence({"body_text": LETTER}, QUOTED, ", die X", "clause", Decimal("99.99")) is None
    assert mutate.insert_sentence({"body_text": LETTER}, QUOTED, "X sagt Y.", "clause", Decimal("1234.56")) is None


def test_a_trap_goes_below_the_signature_in_the_case_style() -> None:
    case = {"body_text": LETTER, "body_html": HTML}
    dec, group, currency = mutate.amount_style(case, Decimal("1234.56"))
    assert (dec, group, currency) == (",", ".", "€")
    other = mutate.format_amount(mutate.other_figure(Decimal("1234.56")), dec, group, currency)
    assert other == "1.097,47 €"
    mutant = mutate.insert_trap(case, QUOTED, f"Alter Saldo: {other}")
    text = mutant["body_text"]
    assert text.index("Muster Inkasso GmbH") < text.index("Alter Saldo") < text.index("Am 02.11.2026")
    assert mutant["body_html"].index("Alter Saldo") < mutant["body_html"].index("<blockquote")
