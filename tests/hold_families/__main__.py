"""``python -m tests.hold_families [--full] [--seed N] [--failures] [--json FILE]``

Prints the per-family, per-language table of the mutation harness (``tests/hold_families``).
Default: the sample the unit test runs (every HOLD family × language × position once, the
near-misses once, six traps per position, on a seeded sample of base cases). ``--full``:
every base case, three entries per cell. ``--failures`` lists every wrong apply, every
hold that names no family and every held near-miss.
"""

from __future__ import annotations

import sys

from tests.family_harness import family_parser, report_tail, split_names, timed_run
from tests.hold_families.harness import Harness, Result, failures, load_bases, plan, tabulate

SAMPLE_BASES = 40
"""Base-case candidates the default sample (and the unit test) draws from."""


def run(*, full: bool, seed: int, suites: list[str] | None = None) -> tuple[list[Result], float, int]:
    def judge_all(harness: Harness) -> tuple[list[Result], int]:
        bases = load_bases(harness, limit=None if full else SAMPLE_BASES, seed=seed)
        mutants = plan(
            bases,
            seed=seed,
            per_cell=3 if full else 1,
            near_per_cell=3 if full else 1,
            traps_per_kind=40 if full else 6,
            decoys_per_family=None if full else 8,
        )
        return [harness.judge(m) for m in mutants], len(bases)

    return timed_run(suites, judge_all)


def _row(r: Result) -> dict[str, object]:
    return {
        "kind": r.mutant.kind,
        "family": r.mutant.family,
        "lang": r.mutant.lang,
        "position": r.mutant.position,
        "base": r.mutant.base.id,
        "text": r.mutant.text,
        "status": r.status,
        "applied": r.applied,
        "amount": str(r.amount) if r.amount is not None else None,
        "reasons": list(r.reasons),
    }


def main(argv: list[str]) -> int:
    parser = family_parser(
        "python -m tests.hold_families",
        __doc__ or "",
        full_help="every base case, three entries per cell",
        failures_help="list every bad result",
    )
    args = parser.parse_args(argv)
    results, seconds, n_bases = run(full=args.full, seed=args.seed, suites=split_names(args.suites))
    print(f"{len(results)} mutants of {n_bases} base cases, seed {args.seed}, {seconds:.1f} s")
    print(tabulate(results))
    report_tail(results, failures=failures if args.failures else None, json_path=args.json, row=_row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
