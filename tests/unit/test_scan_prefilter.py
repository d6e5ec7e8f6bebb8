"""``pipeline.scan.prefiltered``: a first-character test in front of a pattern changes
no match (docs/worker-performance.md, "Round 3").

Every pattern the reading wraps is compared with its unwrapped original over every
labelled email and the demo emails (``finditer``: spans and groups), and the analysis
is pinned on the cases that must make it give up or widen the test: empty matches,
``\\w`` starts, look-arounds, and the characters case-insensitive matching folds
(``ſ`` for ``s``, the Kelvin sign for ``k``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from creditctl.pipeline import cleaning_headers, safety
from creditctl.pipeline.extraction import parties, references, reply_kind
from creditctl.pipeline.scan import first_characters, prefiltered

ROOT = Path(__file__).resolve().parents[2]
_MARK = "]))(?:"


def _unwrapped(rx: re.Pattern[str]) -> re.Pattern[str]:
    assert rx.pattern.startswith("(?=(?i:["), rx.pattern[:60]
    return re.compile(rx.pattern[rx.pattern.index(_MARK) + len(_MARK) : -1], rx.flags)


def _texts() -> list[str]:
    out: list[str] = []
    paths = sorted((ROOT / "tests" / "data" / "labelled").glob("*.json")) + sorted(
        (ROOT / "creditctl" / "data" / "sample_emails").glob("*.json")
    )
    for path in paths:
        case = json.loads(path.read_text(encoding="utf-8"))
        out += [case.get("body_text") or "", case.get("body_html") or "", case.get("subject") or ""]
    return [t for t in out if t]


def _wrapped() -> list[tuple[str, re.Pattern[str]]]:
    out = [
        ("safety._INJECTIONS", safety._INJECTIONS),
        ("references._REF_RE", references._REF_RE),
        ("cleaning_headers._ENDS_HEADERISH", cleaning_headers._ENDS_HEADERISH),
    ]
    out += [(f"parties._CLIENT_CUE_AT[{i}]", rx) for i, rx in enumerate(parties._CLIENT_CUE_AT)]
    out += [
        (f"reply_kind.{name}", rx)
        for name, rx in vars(reply_kind).items()
        if isinstance(rx, re.Pattern) and rx.pattern.startswith("(?=(?i:[")
    ]
    # a kind's table the analysis cannot give a first character for (one that opens with ``\w*``)
    # stays as written: nothing to compare
    out += [
        (f"reply_kind._KIND_RES[{i}]", rx)
        for i, (_, rx) in enumerate(reply_kind._KIND_RES)
        if rx.pattern.startswith("(?=(?i:[")
    ]
    return out


def _found(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_the_reading_wraps_its_costly_tables() -> None:
    names = [name for name, _ in _wrapped()]
    assert "safety._INJECTIONS" in names and len(names) > 25


@pytest.mark.parametrize(("name", "rx"), _wrapped(), ids=[name for name, _ in _wrapped()])
def test_a_wrapped_table_finds_what_the_original_finds_in_every_labelled_email(name: str, rx: re.Pattern[str]) -> None:
    plain = _unwrapped(rx)
    texts = _texts()
    texts += [line for t in texts for line in t.split("\n")]  # line-wise use: ^, $ and look-behinds at edges
    diffs = [t[:80] for t in texts if _found(rx, t) != _found(plain, t)]
    assert diffs == []


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        (r"s\w+", re.IGNORECASE, "Der ſaldo"),  # long s folds to s
        (r"\bk\d", re.IGNORECASE, "\u212a7 und k8"),  # the Kelvin sign folds to k
        (r"(?<!x)ab|(?=c)cd", 0, "xab ab cd"),
        (r"(?:^|\n)\s*system\s*:", re.IGNORECASE, "x\n  System: go"),
        (r"(?=foo)fo+|bar?", re.IGNORECASE, "FOO ba BAR"),
        (r"[a-f]{2}\d|x*y", 0, "ee1 xxy y"),
    ],
)
def test_prefiltered_keeps_every_match(pattern: str, flags: int, text: str) -> None:
    rx = re.compile(pattern, flags)
    fast = prefiltered(rx)
    assert fast is not rx
    assert _found(fast, text) == _found(rx, text) != []


@pytest.mark.parametrize(
    "pattern",
    [r"a?", r"\w+x", r"(?i)abc", r".x", r"(a)\1", r"(?!a)", r"\b"],
)
def test_prefiltered_gives_up_where_no_first_character_test_holds(pattern: str) -> None:
    rx = re.compile(pattern)
    assert prefiltered(rx) is rx


def test_a_pattern_re_already_skips_ahead_on_is_left_alone() -> None:
    rx = re.compile(r"Forderung|Aktenzeichen")
    assert first_characters(rx) == frozenset("FA")
    assert prefiltered(rx) is rx
