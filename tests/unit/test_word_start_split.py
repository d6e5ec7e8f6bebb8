"""The reply-kind tables scanned word start first (``scan.word_start_split``;
docs/worker-performance.md, "Round 14") against the plain joined alternation they replace: over
every labelled and tuning email's texts (as written, normalised and unwrapped as
``classify_text`` reads them) every table of ``reply_kind`` finds the same spans, and the split
itself keeps the joined pattern's match where a branch without ``\\b`` wins inside a word."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest

from creditctl.pipeline import scan
from creditctl.pipeline.extraction import reply_kind
from creditctl.pipeline.reply_wording import unwrapped
from creditctl.pipeline.scan import top_level_branches, word_start_split
from tests.case_texts import ALL_SUITES, case_texts


def _plain_reply_kind(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A second copy of ``reply_kind`` built with the plain joined alternation (the code before)."""
    monkeypatch.setattr(scan, "word_start_split", lambda alts, flags: "|".join(f"(?:{a})" for a in alts))
    spec = importlib.util.find_spec("creditctl.pipeline.extraction.reply_kind")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tables(module: ModuleType) -> dict[str, re.Pattern[str]]:
    out = {name: rx for name, rx in vars(module).items() if isinstance(rx, re.Pattern)}
    out.update({f"_KIND_RES[{kind}]": rx for kind, rx in module._KIND_RES})
    return out


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


def test_every_reply_kind_table_finds_the_plain_tables_spans_over_every_case(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _tables(_plain_reply_kind(monkeypatch))
    fast = _tables(reply_kind)
    changed = [name for name in fast if fast[name].pattern != plain[name].pattern]
    assert "_KIND_RES[claim_settled]" in changed and len(changed) >= 9  # the split is in force
    texts = case_texts(ALL_SUITES)
    texts = sorted(set(texts + [unwrapped(t) for t in texts]))
    assert len(texts) > 5000
    for name in changed:
        diff = [t[:80] for t in texts if _spans(fast[name], t) != _spans(plain[name], t)]
        assert diff == [], name


@pytest.mark.parametrize(
    ("alternatives", "text"),
    [
        ((r"\bkeine forderung", r"keine"), "Wir haben keine forderung. Dasistkeine"),
        ((r"\bpaid in full\b", r"(?<!not )paid"), "unpaid; paid in full; not paid; prepaid"),
        ((r"\bsaldo\b|saldo null", r"\bbezahlt"), "Restsaldo null, saldo 0, bezahlt"),
        ((r"\bno record", r"(?:could|can) ?not find"), "Wecannot find it. no records"),
        ((r"\bέχει εξοφληθεί", r"\bпогашен"), "Έχει εξοφληθεί. долг погашен"),
    ],
)
def test_the_split_keeps_the_joined_patterns_matches_in_and_outside_words(
    alternatives: tuple[str, ...], text: str
) -> None:
    joined = re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)
    split = re.compile(word_start_split(alternatives, re.IGNORECASE), re.IGNORECASE)
    assert [m.span() for m in split.finditer(text)] == [m.span() for m in joined.finditer(text)] != []
    assert split.pattern != joined.pattern


def test_a_word_branch_first_at_a_boundary_still_wins_before_a_later_longer_one() -> None:
    # joined order decides at one position: "\bpaid" (first) beats "paid in full" (second)
    alternatives = (r"\bpaid", r"paid in full")
    split = re.compile(word_start_split(alternatives, re.IGNORECASE), re.IGNORECASE)
    assert split.search("paid in full").group(0) == "paid"
    assert split.search("unpaid in full").group(0) == "paid in full"


def test_top_level_branches_split_outside_groups_and_classes_only() -> None:
    assert top_level_branches(r"\ba|b(?:c|d)|[|x]|e\|f") == [r"\ba", "b(?:c|d)", "[|x]", r"e\|f"]
    assert top_level_branches(r"[]|]|[^]|]y") == ["[]|]", "[^]|]y"]
    assert top_level_branches("abc") == ["abc"]
    with pytest.raises(ValueError):
        top_level_branches("(a|b")
    with pytest.raises(ValueError):
        top_level_branches("a)|b")


def test_no_branch_opening_with_a_word_boundary_leaves_the_joined_pattern() -> None:
    assert word_start_split(("keine", "(?<!n)paid"), re.IGNORECASE) == "(?:keine)|(?:(?<!n)paid)"


def test_capturing_groups_are_refused() -> None:
    with pytest.raises(ValueError):
        word_start_split((r"\b(paid)", "x"), re.IGNORECASE)
