"""The amount-label tables (``labels.LABEL_RES``) scanned word start first
(``scan.word_start_split``; docs/worker-performance.md, "Round 15") against the plain joined
alternation they replace, over the labelled and tuning texts as the reader sees them: as
written, normalised (``tests.case_texts``) and unwrapped (``reply_wording.unwrapped``).

The unit suite compares a fixed deterministic sample (``sample_texts``: every ``SAMPLE_STEP``-th
text in sorted order); the full product runs with ``python -m tests.scan_equivalence`` and
prints, per table, the texts compared and the texts whose spans differ (0 expected)."""

from __future__ import annotations

import re
import sys
import time
from functools import lru_cache

from creditctl.pipeline.extraction.labels import AMOUNT_LABELS, LABEL_RES
from creditctl.pipeline.reply_wording import unwrapped
from tests.case_texts import ALL_SUITES, case_texts

#: The unit suite compares every SAMPLE_STEP-th text (sorted): the full product is 8,707 texts
#: × 9 tables scanned twice, 11 minutes at a load of 8–11 (Round 15: 0 texts differ).
SAMPLE_STEP = 16


def plain_label_tables() -> dict[str, re.Pattern[str]]:
    """Role → the plain joined alternation of its labels (the code before Round 15)."""
    return {
        role: re.compile("|".join(f"(?:{p})" for ps in langs.values() for p in ps), re.IGNORECASE)
        for role, langs in AMOUNT_LABELS.items()
    }


@lru_cache(maxsize=1)
def reader_texts() -> tuple[str, ...]:
    """Every labelled and tuning text as written and normalised, and each unwrapped: each
    once, sorted."""
    texts = case_texts(ALL_SUITES)
    return tuple(sorted(set(texts + [unwrapped(t) for t in texts])))


def sample_texts() -> tuple[str, ...]:
    """The unit suite's fixed sample of ``reader_texts``: every ``SAMPLE_STEP``-th, from the first."""
    return reader_texts()[::SAMPLE_STEP]


def spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The spans of ``rx.finditer(text)``."""
    return [m.span() for m in rx.finditer(text)]


def differing(fast: re.Pattern[str], plain: re.Pattern[str], texts: tuple[str, ...]) -> list[str]:
    """The first 80 characters of each of ``texts`` where the two patterns' spans differ."""
    return [t[:80] for t in texts if spans(fast, t) != spans(plain, t)]


def main() -> int:
    """The full product: every table over every reader text. Exit 1 when a text differs."""
    texts = reader_texts()
    plain = plain_label_tables()
    bad = 0
    for role, rx in LABEL_RES.items():
        t0 = time.perf_counter()
        diff = differing(rx, plain[role], texts)
        bad += len(diff)
        print(
            f"{role:11s} split={rx.pattern != plain[role].pattern!s:5s} texts={len(texts)} "
            f"differing={len(diff)} ({time.perf_counter() - t0:.1f} s)"
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
