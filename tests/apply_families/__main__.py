"""``python -m tests.apply_families [--full] [--seed N] [--variants] [--failures] [--json FILE]``

Prints, per transformation family, how many transformed copies of correctly applied tuning
cases still apply the same total to the same claim with the same references (kept), apply it
but lose a reference (refs), are held (held) or apply another total or claim (wrong).
Default: every base case, one variant per family (rotating). ``--full``: every variant that
fits each base. ``--sample N``: a seeded sample of N base-case candidates (what the unit
test runs).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from tests.apply_families.harness import Result, failures, held_reasons, judge, load_bases, plan, tabulate
from tests.hold_families.harness import Harness

SAMPLE_BASES = 36
"""Base-case candidates the unit test's sample draws from."""


def run(
    *,
    full: bool,
    seed: int,
    sample: int | None = None,
    suites: list[str] | None = None,
    families: list[str] | None = None,
) -> tuple[list[Result], float, int]:
    started = time.monotonic()
    harness = Harness.open(suites)
    try:
        bases = load_bases(harness, limit=sample, seed=seed)
        results = [judge(harness, *item) for item in plan(bases, full=full, seed=seed, families=families)]
    finally:
        harness.close()
    return results, time.monotonic() - started, len(bases)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.apply_families", description=__doc__.split("\n\n")[1])
    parser.add_argument("--full", action="store_true", help="every variant that fits each base case")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--sample", type=int, help="a seeded sample of N base-case candidates")
    parser.add_argument("--variants", action="store_true", help="one row per variant")
    parser.add_argument("--failures", action="store_true", help="list every wrong, refs-lost and held result")
    parser.add_argument("--json", metavar="FILE", help="write every result as JSON to FILE")
    parser.add_argument("--suites", help="comma-separated suite names under tests/data (default: every tuning* suite)")
    parser.add_argument("--families", help="comma-separated families (default: all)")
    args = parser.parse_args(argv)
    results, seconds, n_bases = run(
        full=args.full,
        seed=args.seed,
        sample=args.sample,
        suites=args.suites.split(",") if args.suites else None,
        families=args.families.split(",") if args.families else None,
    )
    print(f"{len(results)} transformed cases of {n_bases} base cases, seed {args.seed}, {seconds:.1f} s")
    print(tabulate(results, by_variant=args.variants))
    print("\nmost frequent hold reasons:")
    print(held_reasons(results))
    if args.failures:
        print()
        print("\n".join(failures(results)))
    if args.json:
        rows = [
            {
                "family": r.family,
                "variant": r.variant,
                "base": r.base.id,
                "status": r.status,
                "amount": str(r.amount) if r.amount is not None else None,
                "reasons": list(r.reasons),
                "detail": r.detail,
            }
            for r in results
        ]
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
