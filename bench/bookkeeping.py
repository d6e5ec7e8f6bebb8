"""The worker's bookkeeping alone: CPU and statements per email, the reading stubbed out.

``processing.process_email`` runs in this process on N stored emails, exactly as a
worker thread runs it (claim, the steps' transactions, the lease thread), except that
the reading — ``reading.clean``, ``reading.extract``, ``reading.evidence_problems`` and
``decide.judge`` (matching, the safety layer and the gate) — returns what the real
reading returned for the same email, computed before the timed loop. What is left is the
bookkeeping: the transactions of docs/state-machine.md, the claim write, SQLAlchemy's
statement building, psycopg and PostgreSQL round trips.

Counted per email with SQLAlchemy events on the engine (here, never in the product):
``before_cursor_execute`` (statements sent by the driver) and ``commit`` (transactions).
CPU is this process's (``time.process_time``: the calling thread, the lease thread and
anything else the attempt runs); the PostgreSQL server is another process and not in it.

Run it through ``bash bench/run --quick --only bookkeeping`` (PostgreSQL + Redis), or
``python -m bench.bookkeeping [--n N] [--profile FILE]`` with ``CREDITCTL_TEST_PG_URL`` /
``CREDITCTL_TEST_REDIS_URL`` set; ``--profile`` writes a cProfile of the timed loop.
Target (docs/worker-performance.md): <= 5 ms CPU per email.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import functools
import os
import pstats
import statistics
import sys
import time
from collections import Counter
from typing import Any

from bench import common
from bench.common import header


def _stub_reading(ctx: Any, ids: list[int]) -> dict[str, Any]:
    """Read every email of ``ids`` for real once, then make the reading functions return
    those answers (keyed by the email's id). Returns the patches to undo."""
    from creditctl.db import session_scope
    from creditctl.models import Email
    from creditctl.services import claims, decide, reading

    real = {
        "clean": reading.clean,
        "extract": reading.extract,
        "evidence_problems": reading.evidence_problems,
        "judge": decide.judge,
    }
    answers: dict[int, dict[str, Any]] = {}
    with session_scope(ctx.db_url) as session:
        candidates = claims.load_candidates(session)
        for email_id in ids:
            email = session.get_one(Email, email_id)
            row = reading.email_values(email)
            row["raw_payload"] = bytes(email.raw_payload or b"")
            parsed = real["clean"](ctx, row)
            result = real["extract"](ctx, row, parsed)
            problems = real["evidence_problems"](result, row, parsed)
            judged = real["judge"](ctx, row, result, problems, candidates if result.is_creditor_reply else [], parsed)
            answers[email_id] = {"parsed": parsed, "result": result, "problems": problems, "judged": judged}
        session.expunge_all()

    reading.clean = lambda _ctx, row: answers[row["id"]]["parsed"]  # type: ignore[assignment]
    reading.extract = lambda _ctx, row, _parsed, **_k: answers[row["id"]]["result"]  # type: ignore[assignment]
    reading.evidence_problems = lambda _r, row, _p: list(answers[row["id"]]["problems"])  # type: ignore[assignment]
    decide.judge = functools.partial(_judged_now, answers)  # type: ignore[assignment]
    return real


def _judged_now(answers: dict[int, dict[str, Any]], _ctx: Any, row: dict[str, Any], *args: Any, **_k: Any) -> Any:
    """The stored judgement of ``row``'s email, made on the claim as the worker loaded it now:
    an applying verdict carries the matched claim's current amount (``Verdict.judged_amount``,
    as ``decide.judge`` sets it), so the claim write does not find it stale because an earlier
    email of the run changed that claim (the real judge would have seen the change)."""
    match, verdict = answers[row["id"]]["judged"]
    candidates = args[2] if len(args) > 2 else ()
    if verdict.apply and verdict.claim_id is not None:
        now = next((c.amount for c in candidates if c.claim_id == verdict.claim_id), verdict.judged_amount)
        verdict = dataclasses.replace(verdict, judged_amount=now)
    return match, verdict


def _unstub(real: dict[str, Any]) -> None:
    from creditctl.services import decide, reading

    reading.clean = real["clean"]
    reading.extract = real["extract"]
    reading.evidence_problems = real["evidence_problems"]
    decide.judge = real["judge"]


def measure(n: int, *, profile_path: str | None = None, warm: int = 20, via_queue: bool = False) -> dict[str, Any]:
    """Seed ``n + warm`` emails on a fresh PostgreSQL database, stub the reading, run
    ``process_email`` on each (the first ``warm`` not counted) and return the figures.
    ``via_queue``: each email is a ``process_email`` message on Redis, dequeued and run
    by Huey as a worker thread does (``huey.dequeue``, ``huey.execute``: the task wrapper,
    its log line, Huey's bookkeeping), the messages enqueued before the timed loop.
    Figures:
    ``cpu_ms`` / ``wall_ms`` per email (mean), ``cpu_ms_median``, ``statements`` and
    ``transactions`` per email, ``by_kind`` (statement kind → count per email),
    ``outcomes`` (processing status → emails)."""
    from sqlalchemy import event

    from creditctl.adapters.notifier import LogNotifier
    from creditctl.db import get_engine
    from creditctl.services import processing
    from creditctl.services.context import AppContext

    backend = common.make_backend("pg", "bookkeeping")
    try:
        common.import_clients(backend)
        ids = common.seed_emails(backend, n + warm)
        runtime = common.runtime_for(backend) if via_queue else None
        ctx = (
            runtime.ctx
            if runtime is not None
            else AppContext(settings=common.settings_for(backend), notifier=LogNotifier())
        )
        real = _stub_reading(ctx, ids)
        if runtime is not None:
            common.enqueue_all(backend, ids)

        def one(email_id: int) -> str:
            if runtime is None:
                return processing.process_email(ctx, email_id).status
            while True:  # a delivery task the email kicked runs too (as in the worker), and is not counted
                task = runtime.huey.dequeue()
                result = runtime.huey.execute(task)
                if task is None or task.name == "process_email":
                    return str(result)

        engine = get_engine(backend.db_url)
        counts: Counter[str] = Counter()
        on = [False]

        def on_execute(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if on[0]:
                counts["statements"] += 1
                counts["kind:" + " ".join(statement.split()[:3])[:60]] += 1

        def on_commit(_conn: Any) -> None:
            if on[0]:
                counts["transactions"] += 1

        event.listen(engine, "before_cursor_execute", on_execute)
        event.listen(engine, "commit", on_commit)
        outcomes: Counter[str] = Counter()
        cpu: list[float] = []
        try:
            for email_id in ids[:warm]:
                one(email_id)
            on[0] = True
            profiler = cProfile.Profile(time.process_time) if profile_path else None
            wall0 = time.perf_counter()
            for email_id in ids[warm:]:
                c0 = time.process_time()
                if profiler is not None:
                    profiler.enable()
                status = one(email_id)
                if profiler is not None:
                    profiler.disable()
                cpu.append((time.process_time() - c0) * 1000)
                outcomes[status] += 1
            wall = (time.perf_counter() - wall0) * 1000
            if profiler is not None and profile_path:
                profiler.dump_stats(profile_path)
        finally:
            on[0] = False
            event.remove(engine, "before_cursor_execute", on_execute)
            event.remove(engine, "commit", on_commit)
            _unstub(real)
        return {
            "n": n,
            "via_queue": via_queue,
            "cpu_ms": statistics.fmean(cpu),
            "cpu_ms_median": statistics.median(cpu),
            "wall_ms": wall / n,
            "statements": counts["statements"] / n,
            "transactions": counts["transactions"] / n,
            "by_kind": {k[5:]: v / n for k, v in counts.most_common() if k.startswith("kind:")},
            "outcomes": dict(outcomes),
        }
    finally:
        backend.close()


def report(figures: dict[str, Any]) -> None:
    """Print ``measure``'s figures."""
    f = figures
    how = "through Huey + Redis (dequeue, task, process_email)" if f["via_queue"] else "process_email"
    print(
        f"  {how}, {f['n']} emails, reading stubbed: CPU {f['cpu_ms']:.2f} ms per email (median {f['cpu_ms_median']:.2f}), "
        f"wall {f['wall_ms']:.2f} ms; {f['statements']:.2f} statements and {f['transactions']:.2f} transactions "
        f"per email; outcomes {f['outcomes']}"
    )
    for kind, per in f["by_kind"].items():
        print(f"    {per:5.2f}  {kind}")
    why = (
        f"median {f['cpu_ms_median']:.2f} ms, {f['statements']:.2f} statements per email (the count does not move "
        f"with the load; the CPU per statement does: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(f"  target: <= 5 ms CPU per email -> {f['cpu_ms']:.2f}: {common.verdict(f['cpu_ms'] <= 5.0, why)}")


def main(quick: bool = False, argv: list[str] | None = None) -> None:
    """Run the section and print it (``--n``, ``--profile FILE``, ``--top K`` from ``argv``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.bookkeeping")
    parser.add_argument("--n", type=int, default=common.pick(1000, 300, 30))
    parser.add_argument("--profile", default=None, help="write a cProfile (CPU timer) of the timed loop here")
    parser.add_argument("--top", type=int, default=35, help="functions of the profile to print (own time)")
    args = parser.parse_args(argv or [])
    header("10. Bookkeeping: the worker's per-email CPU with the reading stubbed (PostgreSQL)")
    if not common.pg_available():
        print("  no PostgreSQL/Redis (run through bench/run): skipped")
        return
    print(f"  load average {os.getloadavg()[0]:.1f}")
    report(measure(args.n, profile_path=args.profile))
    if not args.profile:
        report(measure(args.n, via_queue=True))
        print(f"  load average {os.getloadavg()[0]:.1f}")
    else:
        stats = pstats.Stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    common.SIZE = "quick"
    from creditctl.logs import configure_logging

    configure_logging("WARNING")
    main(True, sys.argv[1:])
