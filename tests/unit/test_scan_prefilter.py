"""``pipeline.scan.prefiltered``: a declared first-character test in front of a pattern changes
no match (docs/worker-performance.md, "Round 3" and "Round 5").

Each table declares, next to its pattern, the characters a match can start with; nothing reads
``re``'s private parser. A declaration that misses a first character would drop matches, so
every prefiltered pattern of the reading is compared with its plain pattern (``finditer``: spans
and groups) over every labelled and tuning email and the demo emails, each of their lines, and
adversarial variants of the lines the plain pattern matches on: upper case, the letters
case-insensitive matching folds (``ſ`` for ``s``, dotless ``ı``, ``İ``, the Kelvin sign for
``k``), a digit and a non-ASCII letter glued in front, the line cut after each match start.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from creditctl.pipeline import cleaning_headers, reply_wording, safety
from creditctl.pipeline.extraction import parties, references, reply_kind
from creditctl.pipeline.scan import GatedAlternation, first_class, is_prefiltered, prefiltered, unwrapped
from tests.case_texts import file_texts

ROOT = Path(__file__).resolve().parents[2]
SUITES = ("labelled", "tuning", "tuning_d", "tuning_e", "tuning_f", "tuning_g", "tuning_h", "tuning_i")


def adversarial(text: str) -> list[str]:
    """Variants of ``text`` a too-narrow first-character class would fail on."""
    return [
        text.upper(),
        text.replace("s", "\u017f").replace("i", "\u0131"),
        text.upper().replace("I", "\u0130").replace("K", "\u212a"),
        "7" + text,
        "é" + text,
        "Ä" + text.lower(),
    ]


@lru_cache(maxsize=1)
def corpus_texts() -> tuple[str, ...]:
    """Bodies, HTML, subjects and attachment texts of every labelled and tuning email and the
    demo emails, as written and NFKC-normalised (what the safety layer reads)."""
    paths = [p for suite in SUITES for p in sorted((ROOT / "tests" / "data" / suite).rglob("*.json"))]
    paths += sorted((ROOT / "creditctl" / "data" / "sample_emails").glob("*.json"))
    return tuple(dict.fromkeys(file_texts(paths)))


def wrapped() -> list[tuple[str, re.Pattern[str]]]:
    """Every prefiltered pattern of the reading, by name."""
    out = [
        ("safety._INJECTIONS", safety._INJECTIONS),
        ("references._REF_RE", references._REF_RE),
        ("cleaning_headers._ENDS_HEADERISH", cleaning_headers._ENDS_HEADERISH),
        ("cleaning_headers.VERB_LINE_END", cleaning_headers.VERB_LINE_END),
        ("parties._PARTIES_RE", parties._PARTIES_RE),
        ("parties._TITLED_SURNAME_RE", parties._TITLED_SURNAME_RE),
        ("parties._DATE_OF_BIRTH", parties._DATE_OF_BIRTH),
    ]
    out += [
        (f"parties._CLIENT_CUE_AT[{i}]", rx.whole if isinstance(rx, GatedAlternation) else rx)
        for i, rx in enumerate(parties._CLIENT_CUE_AT)
    ]
    out += [
        (f"reply_kind.{name}", rx)
        for name, rx in vars(reply_kind).items()
        if isinstance(rx, re.Pattern) and is_prefiltered(rx)
    ]
    out += [(f"reply_kind._KIND_RES[{kind}]", rx) for kind, rx in reply_kind._KIND_RES]
    out += [(f"reply_wording._PATTERNS[{concern}]", rx) for concern, rx in reply_wording._PATTERNS.items()]
    return out


def _found(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def differences(fast: re.Pattern[str], plain: re.Pattern[str], texts: tuple[str, ...]) -> list[str]:
    """Texts (their first 80 characters) on which ``fast`` and ``plain`` find different matches:
    the texts, their lines, and the adversarial variants of each line ``plain`` matches on, cut
    at each match start too (a match at the very start of a text)."""
    diffs: list[str] = []
    for text in texts:
        pieces = [text, *text.split("\n")]
        for piece in pieces:
            found = _found(plain, piece)
            if found != _found(fast, piece):
                diffs.append(piece[:80])
            if not found or piece is text:
                continue
            for variant in adversarial(piece) + [piece[span[0] :] for span, _ in found]:
                if _found(plain, variant) != _found(fast, variant):
                    diffs.append(variant[:80])
    return diffs


def test_the_reading_wraps_its_costly_tables() -> None:
    names = [name for name, _ in wrapped()]
    assert "safety._INJECTIONS" in names and "references._REF_RE" in names and len(names) > 25


@pytest.mark.parametrize(("name", "rx"), wrapped(), ids=[name for name, _ in wrapped()])
def test_a_wrapped_table_finds_what_the_plain_pattern_finds_in_every_email(name: str, rx: re.Pattern[str]) -> None:
    plain = unwrapped(rx)
    assert differences(rx, plain, corpus_texts()) == []


def test_the_comparison_catches_a_declaration_that_misses_a_first_character() -> None:
    plain = re.compile(r"\b(?:forderung|saldo|zahlung)\b", re.IGNORECASE)
    too_narrow = prefiltered(plain, "fs")  # "zahlung" forgotten
    assert differences(too_narrow, plain, corpus_texts()[:400]) != []
    assert differences(prefiltered(plain, "fsz"), plain, corpus_texts()[:400]) == []


@pytest.mark.parametrize(
    ("pattern", "flags", "first", "text"),
    [
        (r"s\w+", re.IGNORECASE, "s", "Der ſaldo SALDO"),  # long s folds to s, the class is case-insensitive
        (r"\bk\d", re.IGNORECASE, "k", "\u212a7 und k8"),  # the Kelvin sign folds to k
        (r"\bk\d", 0, "k", "K7 und k8"),  # the class folds case even where the pattern does not
        (r"(?<!x)ab|(?=c)cd", 0, "ac", "xab ab cd"),
        (r"(?:^|\n)\s*system\s*:", re.IGNORECASE, r"\ss", "x\n  System: go"),
        (r"(?=foo)fo+|bar?", re.IGNORECASE, "fb", "FOO ba BAR"),
        (r"[a-f]{2}\d|x*y", 0, "a-fxy", "ee1 xxy y"),
        (r"\d+|é\w+", re.IGNORECASE, r"\dé", "12 École élan"),
    ],
)
def test_prefiltered_keeps_every_match(pattern: str, flags: int, first: str, text: str) -> None:
    rx = re.compile(pattern, flags)
    fast = prefiltered(rx, first)
    assert fast.pattern.startswith("(?=(?i:[") and unwrapped(fast).pattern == rx.pattern
    assert _found(fast, text) == _found(rx, text) != []


def test_a_branch_opening_with_word_characters_is_found_through_its_declared_literal() -> None:
    rx = re.compile(r"(?<!\w)(?:mahnung|\w*pfändung\w*|(?:\w*saldo|konto))(?!\w)", re.IGNORECASE)
    text = "Lohnpfändung, MAHNUNG, Restsaldo, Kontosaldo, Konto, xKonto, PFÄNDUNGSBESCHLUSS"
    fast = prefiltered(rx, "mk", ("pfändung", "saldo"))
    assert _found(fast, text) == _found(rx, text) and len(_found(rx, text)) == 6
    assert unwrapped(fast).pattern == rx.pattern
    assert _found(prefiltered(rx, "mk"), text) != _found(rx, text)  # without the literals: missed


@pytest.mark.parametrize("first", ["", "^ab", "-ab", "ab-", "a\\", "[:"])
def test_a_malformed_declaration_is_refused(first: str) -> None:
    with pytest.raises(ValueError):
        prefiltered(re.compile("abc"), first)


def test_a_leading_global_flag_group_is_refused() -> None:
    with pytest.raises(ValueError):
        prefiltered(re.compile("(?i)abc"), "a")


def test_declared_classes_join_into_one_class() -> None:
    assert first_class("ab", r"\s", "ab", "c\\-") == r"ab\sc\-"
    assert re.fullmatch("[" + first_class("a-c", r"\d") + "]+", "abc019")


def test_scan_reads_no_private_module_of_re() -> None:
    source = (ROOT / "creditctl" / "pipeline" / "scan.py").read_text(encoding="utf-8")
    assert "_parser" not in source and "_constants" not in source and "sre_" not in source


def test_a_case_sensitive_test_keeps_every_match_and_skips_the_other_case() -> None:
    plain = re.compile(r"(?:Schuldner|Kunde): ?\w+")
    fast = prefiltered(plain, "KS", case_sensitive=True)
    assert is_prefiltered(fast) and unwrapped(fast).pattern == plain.pattern
    text = "schuldner: x Schuldner: Anna kunde: y Kunde: Berta"
    assert _found(fast, text) == _found(plain, text) != []
    assert fast.search("sKunde: z").start() == 1
    # declared in the wrong case, the test drops matches (what the corpus comparison catches)
    assert _found(prefiltered(plain, "ks", case_sensitive=True), text) == []


def test_compile_prefiltered_builds_the_pattern_prefiltered_builds() -> None:
    from creditctl.pipeline.scan import compile_prefiltered

    for pattern, flags, first, anywhere in [
        (r"\b(?:forderung|saldo)\b", re.IGNORECASE, "fs", ()),
        (r"(?:\w*pfändung|klage)", re.IGNORECASE, "k", ("pfändung",)),
        (r"Schuldner: \w+", 0, "S", ()),
    ]:
        once = compile_prefiltered(pattern, flags, first, anywhere)
        twice = prefiltered(re.compile(pattern, flags), first, anywhere)
        assert (once.pattern, once.flags) == (twice.pattern, twice.flags)
    assert compile_prefiltered("Kunde", 0, "K", case_sensitive=True).pattern == (
        prefiltered(re.compile("Kunde"), "K", case_sensitive=True).pattern
    )


def test_the_concern_tables_are_their_phrase_tables_behind_the_declared_test() -> None:
    for concern, parts in reply_wording.PHRASES.items():
        declared = reply_wording._DECLARED.get(concern)
        plain = reply_wording._table(parts)
        expected = plain if declared is None else prefiltered(plain, declared[0], declared[1])
        got = reply_wording._PATTERNS[concern]
        assert (got.pattern, got.flags) == (expected.pattern, expected.flags), concern
