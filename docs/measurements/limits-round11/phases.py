"""Per-phase wall time of the steady jobs of an ``llm_timeline`` output (jobs claimed after
the first round's finishes): claim -> parsed (cleaning), parsed -> extracted (the request, the
1-s answer, parsing it and the evidence check), extracted -> finished (the safety layer with the
rules second opinion, matching, the decision and its commits). ``python phases.py FILE``"""

from __future__ import annotations

import statistics
import sys


def main() -> None:
    for path in sys.argv[1:]:
        rows = []
        for line in open(path, encoding="utf-8"):
            parts = line.split("|")
            if len(parts) == 3 and parts[0].strip().isdigit():
                rows.append([float(x) for x in parts[1].split()])
        if not rows:
            continue
        first_round_end = sorted(r[3] for r in rows)[min(len(rows) - 1, len(rows) // 8)]
        steady = [r for r in rows if r[0] >= first_round_end]

        def q(values: list[float]) -> str:
            v = sorted(values)
            return f"p10 {v[len(v) // 10] * 1000:5.0f}  p50 {statistics.median(v) * 1000:5.0f}  p90 {v[9 * len(v) // 10] * 1000:5.0f} ms"

        print(f"== {path}: {len(rows)} jobs, {len(steady)} claimed after {first_round_end:.2f} s")
        print(f"  claim -> parsed        {q([r[1] - r[0] for r in steady])}")
        print(f"  parsed -> extracted    {q([r[2] - r[1] for r in steady])}")
        print(f"  extracted -> finished  {q([r[3] - r[2] for r in steady])}")
        print(f"  claim -> finished      {q([r[3] - r[0] for r in steady])}")


if __name__ == "__main__":
    main()
