"""``python -m bench [--quick | --tiny] [--only NAME ...]``: run every benchmark section and print.

Sections, in order: webhook, worker, memory, backfill (reuses the memory section's
processed emails), cost, cleaning, reads (status, tail, /metrics at 10^3 vs 10^6
events), startup (the one-shot commands as processes against ``python -c pass``), reading
(the reading's CPU per email in memory, its target), bookkeeping (the worker's per-email CPU and
statements with the reading stubbed, ``bench/bookkeeping.py``). Each prints its figures beside a baseline measured
in the same run, as a ratio; a section that fails prints its error and the run goes
on (exit code 1 at the end). PostgreSQL + Redis parts need the servers ``bench/run``
starts; without them they are skipped with a note.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
import traceback

SECTIONS = (
    "webhook",
    "worker",
    "memory",
    "backfill",
    "cost",
    "cleaning",
    "reads",
    "startup",
    "reading",
    "bookkeeping",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs (under 3 minutes in all)")
    parser.add_argument(
        "--tiny", action="store_true", help="a smoke run of each section at a tiny size (what the test suite runs)"
    )
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    args = parser.parse_args(argv)
    chosen = args.only or list(SECTIONS)
    from bench import common

    common.SIZE = "tiny" if args.tiny else "quick" if args.quick else "full"
    args.quick = args.quick or args.tiny
    os.environ.setdefault("CREDITCTL_LOG_LEVEL", "WARNING")
    from creditctl.logs import configure_logging

    configure_logging("WARNING")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"creditctl benchmarks ({common.SIZE}): {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at start"
    )
    started = time.perf_counter()
    failed: list[str] = []
    memory_backend = None
    for name in chosen:
        t0 = time.perf_counter()
        try:
            if name == "webhook":
                from bench import webhook

                webhook.main(args.quick)
            elif name == "worker":
                from bench import worker

                worker.main(args.quick)
            elif name == "memory":
                from bench import memory

                memory_backend = memory.run(args.quick)
            elif name == "backfill":
                from bench import backfill, memory

                if memory_backend is None:
                    memory_backend = memory.run(True)
                backfill.run(memory_backend, args.quick)
            elif name == "cost":
                from bench import cost

                cost.main(args.quick)
            elif name == "cleaning":
                from bench import cleaning
                from bench.common import header

                header("6. Cleaning: ms per email (bench/cleaning.py; target p95 <= 20 ms)")
                cleaning.main()
            elif name == "reads":
                from bench import reads

                reads.main(args.quick)
            elif name == "startup":
                from bench import startup

                startup.main(args.quick)
            elif name == "reading":
                from bench import reading

                reading.main(args.quick)
            elif name == "bookkeeping":
                from bench import bookkeeping

                bookkeeping.main(args.quick)
        except Exception:  # noqa: BLE001 - one broken section must not hide the others
            failed.append(name)
            print(f"  section {name} failed:\n" + traceback.format_exc(limit=6))
        finally:
            if name in ("backfill",) or (name == "memory" and "backfill" not in chosen):
                if memory_backend is not None:
                    memory_backend.close()
                    memory_backend = None
        print(f"  ({name}: {time.perf_counter() - t0:.0f} s)", flush=True)
    if memory_backend is not None:
        memory_backend.close()
    print(
        f"\nall sections: {time.perf_counter() - started:.0f} s" + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
