"""Summarise py-spy raw profiles (``--format raw``): samples, the share of each top frame
group (inclusive) and the top own-time functions. ``python summarize.py FILE...``"""

from __future__ import annotations

import re
import sys
from collections import Counter

GROUPS = [
    ("claude SDK / httpx", ("anthropic/", "httpx/", "httpcore/")),
    ("reading: clean/extract/match/judge", ("creditctl/pipeline/", "creditctl/services/reading.py")),
    ("SQLAlchemy / psycopg", ("sqlalchemy/", "psycopg/")),
    ("huey / redis-py", ("huey/", "redis/")),
    ("uvicorn / litestar / asyncio", ("uvicorn/", "litestar/", "asyncio/", "h11/", "httptools")),
]


def main() -> None:
    for path in sys.argv[1:]:
        own: Counter[str] = Counter()
        groups: Counter[str] = Counter()
        total = 0
        for line in open(path, encoding="utf-8", errors="replace"):
            line = line.rstrip("\n")
            m = re.match(r"(.*) (\d+)$", line)
            if not m:
                continue
            stack, n = m.group(1), int(m.group(2))
            total += n
            frames = stack.split(";")
            own[re.sub(r":\d+\)$", ")", frames[-1])] += n
            for name, keys in GROUPS:
                if any(k in stack for k in keys):
                    groups[name] += n
                    break
            else:
                groups["other"] += n
        print(f"== {path}: {total} samples")
        for name, n in groups.most_common():
            print(f"  {n / max(total, 1):6.1%}  {name}")
        print("  own time, top 12:")
        for name, n in own.most_common(12):
            print(f"  {n / max(total, 1):6.1%}  {name[:150]}")


if __name__ == "__main__":
    main()
