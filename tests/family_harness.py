"""What the two family commands share: ``python -m tests.hold_families`` and
``python -m tests.apply_families`` (docs/evaluation.md, "Hold families" and "Apply families").

Both open one ``tests.hold_families.harness.Harness`` over the tuning suites, judge a plan of
cases through what ``creditctl eval`` runs, print a table, optionally list the failures and
optionally write every result as JSON. The options they share (``--full``, ``--seed``,
``--failures``, ``--json``, ``--suites``), the timed harness run and that tail of the report
live here; each command keeps its own plan, table and JSON row.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from tests.hold_families.harness import Harness

R = TypeVar("R")

DEFAULT_SEED = 14
"""The seed both commands (and their unit tests) default to."""


def family_parser(
    prog: str,
    doc: str,
    *,
    full_help: str,
    failures_help: str,
    extra: Sequence[tuple[str, dict[str, Any]]] = (),
) -> argparse.ArgumentParser:
    """The parser both commands share: ``--full``, ``--seed``, then ``extra`` (flag, keyword
    arguments of ``add_argument``) in order, then ``--failures``, ``--json``, ``--suites``.
    The description is the second paragraph of the command's module docstring ``doc``."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.split("\n\n")[1])
    parser.add_argument("--full", action="store_true", help=full_help)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    for flag, options in extra:
        parser.add_argument(flag, **options)
    parser.add_argument("--failures", action="store_true", help=failures_help)
    parser.add_argument("--json", metavar="FILE", help="write every result as JSON to FILE")
    parser.add_argument("--suites", help="comma-separated suite names under tests/data (default: every tuning* suite)")
    return parser


def split_names(value: str | None) -> list[str] | None:
    """``"a,b"`` -> ``["a", "b"]``; an absent option -> ``None`` (the command's default)."""
    return value.split(",") if value else None


def timed_run(
    suites: list[str] | None, judge_all: Callable[[Harness], tuple[list[R], int]]
) -> tuple[list[R], float, int]:
    """Open the harness over ``suites`` (``None``: every tuning suite), run ``judge_all`` on it
    (which returns the results and the number of base cases), close it whatever happens.
    Returns (results, wall-clock seconds, number of base cases)."""
    started = time.monotonic()
    harness = Harness.open(suites)
    try:
        results, n_bases = judge_all(harness)
    finally:
        harness.close()
    return results, time.monotonic() - started, n_bases


def report_tail(
    results: Sequence[R],
    *,
    failures: Callable[[Sequence[R]], Iterable[str]] | None,
    json_path: str | None,
    row: Callable[[R], dict[str, Any]],
) -> None:
    """Print the failure lines (when ``failures`` is given, after a blank line) and write one
    JSON ``row`` per result to ``json_path`` (when given; UTF-8, indent 1)."""
    if failures is not None:
        print()
        print("\n".join(failures(results)))
    if json_path:
        rows = [row(r) for r in results]
        with open(json_path, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
