"""``python -m tests.hold_families [--full] [--seed N] [--failures] [--json FILE]``

Prints the per-family, per-language table of the mutation harness (``tests/hold_families``).
Default: the sample the unit test runs (every HOLD family × language × position once, the
near-misses once, six traps per position, on a seeded sample of base cases). ``--full``:
every base case, three entries per cell. ``--failures`` lists every wrong apply, every
hold that names no family and every held near-miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from tests.hold_families.harness import Harness, failures, load_bases, plan, tabulate

SAMPLE_BASES = 40
"""Base-case candidates the default sample (and the unit test) draws from."""


def run(*, full: bool, seed: int, suites: list[str] | None = None) -> tuple[list, float, int]:
    started = time.monotonic()
    harness = Harness.open(suites)
    try:
        bases = load_bases(harness, limit=None if full else SAMPLE_BASES, seed=seed)
        mutants = plan(
            bases,
            seed=seed,
            per_cell=3 if full else 1,
            near_per_cell=3 if full else 1,
            traps_per_kind=40 if full else 6,
        )
        results = [harness.judge(m) for m in mutants]
    finally:
        harness.close()
    return results, time.monotonic() - started, len(bases)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.hold_families", description=__doc__.split("\n\n")[1])
    parser.add_argument("--full", action="store_true", help="every base case, three entries per cell")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--failures", action="store_true", help="list every bad result")
    parser.add_argument("--json", metavar="FILE", help="write every result as JSON to FILE")
    parser.add_argument("--suites", help="comma-separated suite names under tests/data (default: every tuning* suite)")
    args = parser.parse_args(argv)
    suites = args.suites.split(",") if args.suites else None
    results, seconds, n_bases = run(full=args.full, seed=args.seed, suites=suites)
    print(f"{len(results)} mutants of {n_bases} base cases, seed {args.seed}, {seconds:.1f} s")
    print(tabulate(results))
    if args.failures:
        print()
        print("\n".join(failures(results)))
    if args.json:
        rows = [
            {
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
            for r in results
        ]
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
