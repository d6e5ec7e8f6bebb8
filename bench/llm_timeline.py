"""Timeline of the worker's jobs with Claude replaced by the 1-second stand-in.

``python -m bench.llm_timeline [--threads 32] [--rounds 3] [--commands 1] [--csv FILE]``
(PostgreSQL + Redis from ``bench/run`` or ``scripts/lib-services.sh``: ``CREDITCTL_TEST_PG_URL``,
``CREDITCTL_TEST_REDIS_URL``). It runs what section 2's Claude rows run (``bench.worker``:
``threads × commands × rounds`` emails queued at once, the stand-in answering each request
after 1 s) and prints, per job, when it was claimed, cleaned (``parsed_at``), extracted
(``extracted_at``: the answer parsed and the evidence checked) and finished, relative to the
first claim, beside the stand-in's answer times; then per round of ``threads × commands``
jobs: the spread of the answers, of the finishes, and the gap between the round's first answer
and each finish. With the Python work after the answers run one job at a time, the finishes of
a round are spread evenly from the first answer on (one job's CPU apart); shared by every job
at once (processor sharing), they all land at the end of the round together and the next
round's requests leave together again (docs/worker-performance.md, "Round 7").
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
from typing import Any

from bench import common, cpu


def job_times(db_url: str, ids: list[int]) -> list[dict[str, float]]:
    """Per finished email (by claim time): claim, parsed, extracted, finished as epoch seconds."""
    from sqlalchemy import select

    from creditctl.db import session_scope
    from creditctl.models import Email

    with session_scope(db_url) as session:
        rows = session.execute(
            select(Email.id, Email.processing_at, Email.parsed_at, Email.extracted_at, Email.finished_at)
            .where(Email.id.between(min(ids), max(ids)), Email.finished_at.is_not(None))
            .order_by(Email.processing_at)
        ).all()
    return [
        {
            "id": r.id,
            "claim": r.processing_at.timestamp(),
            "parsed": r.parsed_at.timestamp() if r.parsed_at else float("nan"),
            "extracted": r.extracted_at.timestamp() if r.extracted_at else float("nan"),
            "finished": r.finished_at.timestamp(),
        }
        for r in rows
    ]


def run(
    threads: int,
    rounds: int,
    commands: int = 1,
    profile: str | None = None,
    extractor: str = "claude",
) -> tuple[list[dict[str, float]], list[tuple[float, float]], float]:
    """Run the Claude rows' set-up once; returns (jobs, stand-in answers, emails/s).
    ``profile``: a file for ``py-spy record --gil --nonblocking -f raw`` of the (first) worker
    from the first finish on (past its start-up). ``extractor``: ``claude`` (the stand-in) or
    ``rules`` (no model call: section 2's rules rows, as a timeline)."""
    from bench.worker import _claim_answer

    backend = common.make_backend("pg", "llm_timeline")
    try:
        common.import_clients(backend)
        n = threads * commands * rounds
        ids = common.seed_emails(backend, n, templates=common.payload_templates())
        with common.LocalMessagesAPI(_claim_answer(), delay_s=1.0) as srv:
            env = common.product_env(
                backend,
                CREDITCTL_LOG_LEVEL="WARNING",
                CREDITCTL_EXTRACTOR=extractor,
                ANTHROPIC_BASE_URL=srv.base_url,
                ANTHROPIC_API_KEY="test",
            )
            common.enqueue_all(backend, ids)
            with contextlib.ExitStack() as stack:
                procs = [
                    stack.enter_context(common.process(common.worker_cmd(threads), env, log_name=f"timeline{i}"))
                    for i in range(commands)
                ]
                groups: dict[str, cpu.Roots] = {
                    "worker": lambda: [p.pid for p in procs],
                    "postgres": cpu.postgres_pids,
                    "redis": cpu.redis_pids,
                    "py-spy": lambda: cpu.children_named(os.getpid(), "py-spy"),
                    "driver and stand-in": lambda: [os.getpid()],
                }
                # the worker's whole life (as the profile), then its share from the first finish on
                with cpu.CpuMeter(groups) as whole:
                    done0 = common.wait_done(backend.db_url, ids, timeout_s=90, poll_s=0.1, until=lambda done: done > 0)
                    if profile:
                        spy = ["py-spy", "record", "--gil", "--nonblocking", "-r", "200", "-f", "raw", "-o", profile]
                        stack.enter_context(
                            common.process([*spy, "--pid", str(procs[0].pid)], env, log_name="timeline-spy")
                        )
                    with cpu.CpuMeter(groups) as after:
                        done1 = common.wait_done(backend.db_url, ids, timeout_s=rounds * 3 + 10, poll_s=0.2)
                print(f"CPU from the worker's start: {whole.use.line(done1, 'job')}")
                print(f"CPU from the first finish: {after.use.line(done1 - done0, 'job')}")
            answers = sorted(srv.answers, key=lambda a: a[1])
        done, seconds = common.processing_span(backend.db_url, ids)
        steady, steady_s = common.steady_rate(backend.db_url, ids, threads * commands)
        print(
            f"first claim to last finish: {done / seconds if seconds else 0.0:.2f} emails/s; "
            f"steady state (after the first {threads * commands} finishes): "
            f"{steady / steady_s if steady_s else 0.0:.2f} emails/s"
        )
        return job_times(backend.db_url, ids), answers, (done / seconds if seconds else 0.0)
    finally:
        backend.close()


def report(jobs: list[dict[str, float]], answers: list[tuple[float, float]], per_round: int, rate: float) -> None:
    """Print the per-round summary and the per-job lines (seconds from the first claim)."""
    if not jobs:
        print("no job finished")
        return
    t0 = min(j["claim"] for j in jobs)
    print(f"{len(jobs)} jobs, {rate:.2f} emails/s = {rate / per_round:.0%} of ideal ({per_round} at 1 s)")
    print(
        "round | requests sent (first..last) | answers (first..last) | finishes (first..last) | finish - first answer: p10 / p50 / p90"
    )
    by_answer = [a[1] - t0 for a in answers]
    by_request = [a[0] - t0 for a in answers]
    fin = sorted(j["finished"] - t0 for j in jobs)
    for k in range(0, len(jobs), per_round):
        req = sorted(by_request[k : k + per_round])
        ans = sorted(by_answer[k : k + per_round])
        done = fin[k : k + per_round]
        if not ans or not done:
            break
        gaps = [d - ans[0] for d in done]
        q = statistics.quantiles(gaps, n=10) if len(gaps) > 1 else [gaps[0]] * 9
        print(
            f"{k // per_round + 1:5} | {req[0]:6.2f} .. {req[-1]:6.2f}           | {ans[0]:6.2f} .. {ans[-1]:6.2f}      "
            f"| {done[0]:6.2f} .. {done[-1]:6.2f}      | {q[0]:5.2f} / {q[4]:5.2f} / {q[8]:5.2f}"
        )
    print("job (by claim) | claim  parsed  extracted  finished | extracted-parsed  finished-extracted")
    for j in jobs:
        print(
            f"{j['id']:>14} | {j['claim'] - t0:6.3f} {j['parsed'] - t0:7.3f} {j['extracted'] - t0:10.3f} "
            f"{j['finished'] - t0:9.3f} | {j['extracted'] - j['parsed']:16.3f} {j['finished'] - j['extracted']:19.3f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--commands", type=int, default=1)
    parser.add_argument("--profile", help="py-spy record --gil -f raw of the worker into this file")
    parser.add_argument("--extractor", choices=("claude", "rules"), default="claude")
    args = parser.parse_args(argv)
    if not common.pg_available():
        raise SystemExit("needs PostgreSQL + Redis (CREDITCTL_TEST_PG_URL, CREDITCTL_TEST_REDIS_URL)")
    started = time.perf_counter()
    jobs, answers, rate = run(args.threads, args.rounds, args.commands, args.profile, args.extractor)
    report(jobs, answers, args.threads * args.commands, rate)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()


__all__: list[Any] = ["job_times", "report", "run"]
