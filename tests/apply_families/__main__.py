"""``python -m tests.apply_families [--full] [--seed N] [--variants] [--failures] [--json FILE]``

Prints, per transformation family, how many transformed copies of correctly applied tuning
cases still apply the same total to the same claim with the same references (kept), apply it
but lose a reference (refs), are held (held) or apply another total or claim (wrong).
Default: every base case, one variant per family (rotating). ``--full``: every variant that
fits each base. ``--sample N``: the base-case candidates whose seeded rank falls in the first
N per mille (a stable sample: a new suite adds its own draws and moves no other; the unit test
runs ``SAMPLE_PER_MILLE``).
"""

from __future__ import annotations

import sys

from tests.apply_families.harness import Result, failures, held_reasons, judge, load_bases, plan, tabulate
from tests.family_harness import family_parser, report_tail, split_names, timed_run
from tests.hold_families.harness import Harness

SAMPLE_PER_MILLE = 40
"""The unit test's stable sample: base-case candidates whose seeded rank is below 40 of 1000."""


def run(
    *,
    full: bool,
    seed: int,
    sample: int | None = None,
    suites: list[str] | None = None,
    families: list[str] | None = None,
) -> tuple[list[Result], float, int]:
    def judge_all(harness: Harness) -> tuple[list[Result], int]:
        bases = load_bases(harness, per_mille=sample, seed=seed)
        results = [judge(harness, *item) for item in plan(bases, full=full, seed=seed, families=families)]
        return results, len(bases)

    return timed_run(suites, judge_all)


def _row(r: Result) -> dict[str, object]:
    return {
        "family": r.family,
        "variant": r.variant,
        "base": r.base.id,
        "status": r.status,
        "amount": str(r.amount) if r.amount is not None else None,
        "reasons": list(r.reasons),
        "detail": r.detail,
    }


def main(argv: list[str]) -> int:
    parser = family_parser(
        "python -m tests.apply_families",
        __doc__ or "",
        full_help="every variant that fits each base case",
        failures_help="list every wrong, refs-lost and held result",
        extra=(
            ("--sample", {"type": int, "help": "a stable seeded sample: candidates ranked in the first N per mille"}),
            ("--variants", {"action": "store_true", "help": "one row per variant"}),
        ),
    )
    parser.add_argument("--families", help="comma-separated families (default: all)")
    args = parser.parse_args(argv)
    results, seconds, n_bases = run(
        full=args.full,
        seed=args.seed,
        sample=args.sample,
        suites=split_names(args.suites),
        families=split_names(args.families),
    )
    print(f"{len(results)} transformed cases of {n_bases} base cases, seed {args.seed}, {seconds:.1f} s")
    print(tabulate(results, by_variant=args.variants))
    print("\nmost frequent hold reasons:")
    print(held_reasons(results))
    report_tail(results, failures=failures if args.failures else None, json_path=args.json, row=_row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
