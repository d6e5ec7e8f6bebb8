"""`reprocess --dry-run`'s summary added overlapping counts as if they were parts ("230 selected:
227 unchanged, … 18 would skip, 3 skipped, 190 superseded"): the line is now a partition of the
selected emails that adds up (and says so), and the overlapping counts are labelled "of which"."""

from __future__ import annotations

import re

from creditctl.render import dry_run_summary


def summary(**counts: int) -> dict[str, int]:
    base = dict.fromkeys(
        (
            "unchanged",
            "changed",
            "newly_matched",
            "newly_needs_review",
            "errors",
            "skipped",
            "would_skip",
            "superseded",
        ),
        0,
    )
    return {**base, **counts}


def test_the_operators_run_adds_up_and_labels_the_overlap() -> None:
    line = dry_run_summary(
        {"selected": 230, "summary": summary(unchanged=227, skipped=3, would_skip=18, superseded=190)}
    )
    head, _, tail = line.partition("; of which: ")
    assert head.startswith("230 selected = 227 unchanged + 0 changed + 3 skipped") and head.endswith("+ 0 errors")
    assert sum(int(n) for n in re.findall(r"(?:= |\+ )(\d+)", head)) == 230
    assert "18 would skip" in tail and "190 superseded" in tail and "0 newly matched" in tail


def test_every_part_is_counted_once() -> None:
    line = dry_run_summary(
        {"selected": 7, "summary": summary(unchanged=2, changed=3, errors=2, newly_matched=1, newly_needs_review=2)}
    )
    assert line == "7 selected = 2 unchanged + 3 changed + 2 errors; of which: 1 newly matched, 2 newly need review"
