"""Worker benchmark: emails/s through the whole pipeline, beside Huey's own no-op rate.

For each storage pair (PostgreSQL + Redis; the embedded SQLite + SqliteHuey) and
1 and 4 threads: N distinct emails are stored (``common.seed_emails``) and queued,
then the product's worker (``creditctl worker --workers T``, rules extractor) drains
them, after two warm-up emails per worker (the baseline below is timed warm too). The
rate is measured from the worker's own timestamps (first claim to last finish), so
process start-up is not counted. Beside it, the same consumer options
run N no-op Huey tasks on the same storage (``run_noop_consumer``): the ceiling the
queue itself allows.

Then Claude is replaced by the local Messages-API server
(``common.LocalMessagesAPI(delay_s=1.0)``, started here;
``CREDITCTL_EXTRACTOR=claude``, ``ANTHROPIC_BASE_URL``, ``ANTHROPIC_API_KEY=test``)
and the rate with 1, 8 and 32 threads (and 32 as two worker commands of 16) is printed
against the ideal (threads / 1 s): over the whole run and in the steady state, from the
end of the first round on (``common.steady_rate``; docs/worker-performance.md, "Round 7").

On PostgreSQL + Redis the same emails also run through 1 and 2 forked worker processes
(``--worker-type process``: the way to use every core, README "Production"), and the pure
work of the pipeline is timed in this process (``common.in_memory_rate``: clean,
extract, match and gate with no database, one core) as the baseline.

Targets: >= 100 emails/s with the rules extractor and 4 threads on
PostgreSQL + Redis, and >= 0.8x the in-memory rate; >= 90 % of the ideal at 8 and 32
threads with a 1 s LLM.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Any

from bench import common, cpu
from bench.common import header, ratio, verdict

NOOP_TASK = "bench_noop"


# --------------------------------------------------------------------------- the no-op baseline


def _noop_huey(queue_url: str) -> Any:
    """The product's Huey instance kind for ``queue_url`` with one no-op task registered."""
    from creditctl.queue import make_huey
    from creditctl.settings import load_settings

    huey = make_huey(load_settings(queue_url=queue_url))

    @huey.task(name=NOOP_TASK)
    def noop(i: int) -> None:  # noqa: ARG001 - the payload travels like an email id
        return None

    huey._bench_noop = noop  # type: ignore[attr-defined]
    return huey


def run_noop_consumer(queue_url: str, threads: int) -> None:
    """Consume no-op tasks from ``queue_url`` with ``threads`` threads and the same consumer
    options as ``creditctl.worker.run_worker``, until SIGINT/SIGTERM (run in a child process)."""
    from huey.consumer_options import ConsumerConfig

    huey = _noop_huey(queue_url)
    config = ConsumerConfig(
        workers=threads,
        worker_type="thread",
        periodic=False,
        initial_delay=0.05,
        backoff=1.15,
        max_delay=1.0,
        check_worker_health=True,
        health_check_interval=5,
        scheduler_interval=1,
        shutdown_timeout=5,
        graceful_signal="TERM",
        flush_locks=False,
        extra_locks=None,
        logfile=None,
        verbose=None,
        simple_log=None,
        max_tasks=None,
    )
    config.validate()
    huey.create_consumer(**config.values).run()


def noop_rate(backend: common.Backend, threads: int, n: int, window_s: float) -> float:
    """No-op tasks/s: ``n`` tasks queued, then a child consumer drains them; measured over at
    most ``window_s`` seconds from the first dequeue seen (queue length polled every 20 ms)."""
    huey = _noop_huey(backend.queue_url)
    huey.flush()
    for i in range(n):
        huey.enqueue(huey._bench_noop.s(i))
    cmd = [
        sys.executable,
        "-c",
        f"from bench.worker import run_noop_consumer; run_noop_consumer({backend.queue_url!r}, {threads})",
    ]
    with common.process(cmd, common.product_env(backend), log_name="noop"):
        deadline = time.monotonic() + 60
        while huey.pending_count() >= n and time.monotonic() < deadline:
            time.sleep(0.005)
        t0, left0 = time.perf_counter(), huey.pending_count()
        left = left0
        while left > 0 and time.perf_counter() - t0 < window_s:
            time.sleep(0.02)
            left = huey.pending_count()
        elapsed = time.perf_counter() - t0
    huey.flush()
    return ((left0 - left) / elapsed) if elapsed > 0 else 0.0


# --------------------------------------------------------------------------- the product's worker


def pipeline_rate(
    backend: common.Backend,
    threads: int,
    ids: list[int],
    *,
    window_s: float,
    extra_env: dict[str, str] | None = None,
    worker_type: str = "thread",
    commands: int = 1,
    warm: list[int] | None = None,
    cpu_out: list[tuple[cpu.CpuUse, int]] | None = None,
) -> tuple[float, dict[str, int], float]:
    """Queue ``ids``, run ``commands`` × ``creditctl worker --workers threads --worker-type
    worker_type`` until all are terminal or ``window_s`` seconds after the first finish,
    then stop them (SIGINT, graceful).

    ``warm``: emails (stored before ``ids``, lower ids) the workers process first, before
    ``ids`` are queued: the timed window then starts warm, as the in-memory baseline's does
    (a thread worker imports the pipeline with its first job; docs/worker-performance.md,
    "Round 7").

    ``cpu_out``: when given, gets (the CPU of the worker commands, PostgreSQL, Redis and this
    driver from the first finish to the end of the window, the emails finished in it)
    (``bench.cpu``).

    Returns (emails/s from the first claim to the last finish of ``ids``, status counts, seconds).
    """
    env = common.product_env(backend, CREDITCTL_LOG_LEVEL="WARNING", **(extra_env or {}))
    common.runtime_for(backend).huey.flush()  # the previous row's unprocessed messages
    if not warm:
        common.enqueue_all(backend, ids)
    with contextlib.ExitStack() as stack:
        procs = []
        for i in range(commands):
            procs.append(
                stack.enter_context(
                    common.process(
                        common.worker_cmd(threads, worker_type), env, log_name=f"worker{threads}{worker_type}{i}"
                    )
                )
            )
        if warm:
            common.enqueue_all(backend, warm)
            common.wait_done(backend.db_url, warm, timeout_s=90, poll_s=0.05)
            common.enqueue_all(backend, ids)
        done0 = common.wait_done(backend.db_url, ids, timeout_s=90, poll_s=0.1, until=lambda done: done > 0)
        groups: dict[str, cpu.Roots] = {
            "worker": lambda: [p.pid for p in procs],
            "postgres": cpu.postgres_pids,
            "redis": cpu.redis_pids,
            "driver": lambda: [os.getpid()],
        }
        with cpu.CpuMeter(groups) as meter:
            done1 = common.wait_done(backend.db_url, ids, timeout_s=window_s, poll_s=0.2)
        if cpu_out is not None:
            cpu_out.append((meter.use, done1 - done0))
    n, seconds = common.processing_span(backend.db_url, ids)
    return (n / seconds if seconds else 0.0), common.status_counts(backend.db_url, ids), seconds


def worker_reason(rate2: float | None, use: cpu.CpuUse, done: int, target: float = 100.0) -> str:
    """Why the 4-thread row misses ``target`` emails/s, from its own measurement: the
    worker's share of one core (one interpreter runs Python on one core at a time), the CPU
    per email of the worker, PostgreSQL and Redis, the cores ``target`` needs at that cost
    against the machine's, and the 2-process row's rate (``rate2``, None if not run)."""
    if not use.measured or not done:
        return "no CPU accounting for the row (no /proc or nothing finished in the window)"
    share = use.cores_of("worker")
    per = {k: use.ms_per(k, done) for k in ("worker", "postgres", "redis")}
    total = sum(per.values())
    need = target * total / 1000
    bound = (
        "GIL-bound (one interpreter: at most one core)"
        if share >= 0.85
        else f"not even one core: everything else used {use.others_s / use.wall_s:.2f} of {use.cores} cores"
    )
    return (
        f"worker CPU {share:.0%} of one core with 4 threads: {bound}; "
        f"{total:.1f} ms CPU per email (worker {per['worker']:.1f} + PostgreSQL {per['postgres']:.1f} + Redis "
        f"{per['redis']:.1f}) x {target:.0f}/s = {need:.1f} cores, {use.cores} here"
        + (f"; 2 processes {rate2:.1f}/s" if rate2 else "")
        + f"; needs >= {max(need, 1.0):.1f} cores of worker processes (--worker-type process)"
    )


def in_memory_reason(cpu_ms: float, measured: tuple[cpu.CpuUse, int] | None) -> str:
    """Why the 4-thread row is under 0.8x the in-memory rate: its CPU per email and its
    share of one core against the baseline's ``cpu_ms`` per email."""
    if measured is None or not measured[0].measured or not measured[1]:
        return "no CPU accounting for the 4-thread row"
    use, done = measured
    return (
        f"worker {use.ms_per('worker', done):.1f} ms CPU per email against {cpu_ms:.1f} in memory, "
        f"at {use.cores_of('worker'):.0%} of one core (everything else {use.others_s / use.wall_s:.2f} cores)"
    )


def _rules_section(kind: str, quick: bool) -> tuple[float | None, str]:
    """Print the rules rows on ``kind``; returns (the 4-thread rate, the reason line for the
    100-emails/s target)."""
    backend = common.make_backend(kind, "worker")
    rate4 = None
    reason = ""
    try:
        common.import_clients(backend)
        templates = common.payload_templates()
        print(f"  {backend.label}:")
        print(f"    {'workers':>11} | {'done':>6} {'emails/s':>9} | {'no-op tasks/s':>13} | {'ratio':>6}  statuses")
        # threads share one interpreter (one core for Python code); processes use the cores
        runs = (
            ([(1, "thread")] if kind == "pg" or common.SIZE == "full" else [])
            + [(4, "thread")]
            + ([(1, "process"), (2, "process")] if kind == "pg" else [])
        )
        rates: dict[tuple[int, str], float] = {}
        uses: dict[tuple[int, str], tuple[cpu.CpuUse, int]] = {}
        for threads, worker_type in runs:
            n = common.pick(1500 if threads == 1 else 6000, 150 if threads == 1 else 400, 20 if threads == 1 else 40)
            # two emails per worker before the timed window (stored first: lower ids), as the
            # in-memory baseline is timed after its warm-up
            warm = common.seed_emails(backend, 2 * threads, templates=templates)
            ids = common.seed_emails(backend, n, templates=templates)
            # forked children start one by one: the process rows get a longer window
            measured: list[tuple[cpu.CpuUse, int]] = []
            rate, counts, _ = pipeline_rate(
                backend,
                threads,
                ids,
                worker_type=worker_type,
                window_s=common.pick(40, 8 if worker_type == "process" else 4, 2),
                warm=warm,
                cpu_out=measured,
            )
            rates[(threads, worker_type)] = rate
            uses[(threads, worker_type)] = measured[-1]
            base = (
                noop_rate(backend, threads, common.pick(20000, 5000, 500), window_s=common.pick(5, 1.5, 0.5))
                if worker_type == "thread" or common.SIZE == "full"
                else 0.0
            )  # --quick: the thread rows' only
            states = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            done = sum(counts.get(k, 0) for k in common.TERMINAL)
            label = f"{threads} {worker_type}{'es' if worker_type == 'process' and threads > 1 else ''}"
            label = label if worker_type == "process" else f"{threads} thread{'s' if threads > 1 else ''}"
            base_text = f"{base:13.0f}" if base else f"{'-':>13}"
            print(f"    {label:>11} | {done:>6} {rate:9.1f} | {base_text} | {ratio(rate, base)}  {states}")
        for (threads, worker_type), (use, done) in uses.items():
            label = f"{threads} {worker_type}{('es' if worker_type == 'process' else 's') if threads > 1 else ''}"
            print(f"      {label}: {use.line(done)}")
        rate4 = rates.get((4, "thread"))
        if (4, "thread") in uses:
            reason = worker_reason(rates.get((2, "process")), *uses[(4, "thread")])
        if (2, "process") in rates:
            print(
                f"    1 -> 2 processes: {ratio(rates[(2, 'process')], rates[(1, 'process')])} "
                f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})"
            )
        rows = common.pipeline_rows(backend, common.pick(400, 80, 12), templates=templates)
        pure, cpu_ms = common.in_memory_rate(backend, rows)
        best = max(rates.values())
        print(
            f"    baseline, the same work in memory (clean + extract + match + gate, no database, one core): "
            f"{pure:.1f} emails/s ({cpu_ms:.1f} ms CPU per email)"
        )
        print(
            f"    target: 4 threads >= 0.8x the in-memory rate -> {ratio(rate4 or 0.0, pure)}: "
            f"{verdict((rate4 or 0.0) >= 0.8 * pure, in_memory_reason(cpu_ms, uses.get((4, 'thread'))))}"
            + (f"; best worker {best:.1f} emails/s = {ratio(best, pure)}" if best != rate4 else "")
        )
    finally:
        backend.close()
    return rate4, reason


def _claude_section(kind: str, quick: bool) -> None:
    backend = common.make_backend(kind, "worker_llm")
    try:
        common.import_clients(backend)
        templates = common.payload_templates()
        print(f"  Claude replaced by the local Messages API answering after 1 s ({backend.label}):")
        print(
            f"    {'threads':>7} | {'emails':>6} {'emails/s':>9} | {'ideal':>6} | {'of ideal':>8} "
            f"| {'steady emails/s':>15} {'of ideal':>8}"
        )
        rounds = common.pick(12, 4, 1)
        results = {}
        uses: dict[tuple[int, int], tuple[cpu.CpuUse, int, float]] = {}
        with common.LocalMessagesAPI(_claim_answer(), delay_s=1.0) as srv:
            env = {"CREDITCTL_EXTRACTOR": "claude", "ANTHROPIC_BASE_URL": srv.base_url, "ANTHROPIC_API_KEY": "test"}
            # (threads per worker command, commands): 2 x 16 is 32 threads over two processes,
            # so the Python work around each call (cleaning, the safety layer) uses both cores
            runs = common.pick(((1, 1), (8, 1), (32, 1), (16, 2)), ((8, 1), (32, 1), (16, 2)), ((4, 1),))
            for threads, commands in runs:
                total = threads * commands
                n = total * rounds
                ids = common.seed_emails(backend, n, templates=templates)
                got: list[tuple[cpu.CpuUse, int]] = []
                rate, counts, _ = pipeline_rate(
                    backend,
                    threads,
                    ids,
                    extra_env=env,
                    window_s=rounds * 3 + 10,
                    commands=commands,
                    cpu_out=got,
                )
                # the steady state: after the first round (all `total` jobs started together
                # from a cold queue, their reading's CPU one after the other) — Round 7
                steady_n, steady_s = common.steady_rate(backend.db_url, ids, total)
                steady = steady_n / steady_s if steady_s else rate
                ideal = total / 1.0
                results[(threads, commands)] = steady / ideal
                uses[(threads, commands)] = (*got[-1], steady)
                bad = {k: v for k, v in counts.items() if k not in ("completed", "not_creditor_reply")}
                label = f"{commands} x {threads}" if commands > 1 else str(threads)
                print(
                    f"    {label:>7} | {n:>6} {rate:9.2f} | {ideal:6.0f} | {rate / ideal:8.0%} "
                    f"| {steady:15.2f} {steady / ideal:8.0%}" + (f"  (not finished: {bad})" if bad else "")
                )
                srv.requests = 0
        for (threads, commands), (use, done, _) in uses.items():
            label = f"{commands} x {threads}" if commands > 1 else f"{threads} threads"
            print(f"      {label}: {use.line(done, 'job')}")
        measured = [k for k in ((8, 1), (32, 1)) if k in results]
        ok = bool(measured) and all(results[k] >= 0.9 for k in measured)
        print(
            "    (emails/s: first claim to last finish, the first round included; steady: from the "
            "end of the first round to the last finish, what the target is read on)"
        )
        print(
            "    target: >= 90 % of ideal (steady) at 8 and 32 threads (one worker command): "
            + (
                verdict(
                    ok,
                    "; ".join(
                        claude_reason(threads * commands, *uses[threads, commands], commands=commands)
                        for threads, commands in uses
                        if commands == 1
                    ),
                )
                if measured
                else "not measured at this size (met/missed needs 8 and 32)"
            )
        )
        if (16, 2) in results:
            print(
                f"    32 threads as 2 worker commands x 16: {results[(16, 2)]:.0%} of ideal: "
                f"{verdict(results[(16, 2)] >= 0.9, claude_reason(32, *uses[16, 2], commands=2))}"
            )
    finally:
        backend.close()


def claude_reason(
    concurrency: int,
    use: cpu.CpuUse,
    done: int,
    steady: float,
    *,
    commands: int = 1,
    latency_s: float = 1.0,
    goal: float = 0.9,
) -> str:
    """Why a Claude row reaches less than ``goal`` of its ideal (``concurrency`` / ``latency_s``
    emails/s), from its own measurement (``use``: the CPU over the row's window, ``done``
    jobs finished in it; ``steady``: the steady rate): the worker's CPU per job against the
    cores ``goal`` x ideal jobs/s need (one interpreter: at most one core per worker
    command), and the wall time per job beyond the model's answer against the most ``goal``
    allows (``concurrency`` / (``goal`` x ideal) - ``latency_s``). ``commands``: worker
    processes the row ran (each at most one core)."""
    if not use.measured or not done or not steady:
        return f"{concurrency}: no CPU accounting for the row"
    per_job = use.ms_per("worker", done)
    wanted = goal * concurrency / latency_s
    need = wanted * per_job / 1000
    beyond = 1000 * (concurrency / steady - latency_s)
    allowed = 1000 * (concurrency / wanted - latency_s)
    share = use.cores_of("worker")
    cap = min(commands, use.cores)
    bound = "CPU-bound" if share >= 0.85 * cap or need > cap else "not CPU-bound (the wall time per job)"
    return (
        f"{concurrency} threads{f' as {commands} processes' if commands > 1 else ''}: {bound}, worker {share:.2f} cores, {per_job:.1f} ms CPU per job x {wanted:.1f} jobs/s = "
        f"{need:.2f} cores; wall per job beyond the {latency_s:.0f} s answer {beyond:.0f} ms "
        f"(<= {allowed:.0f} ms for {goal:.0%}); everything else {use.others_s / use.wall_s:.2f} of {use.cores} cores"
    )


def _claim_answer() -> str:
    """A valid structured answer for the stand-in (the shipped sample email 01 as the
    rules extractor reads it, in the wire shape)."""
    from bench.cost import wire_answer_for_sample

    return wire_answer_for_sample()


def main(quick: bool = False) -> None:
    """Run the worker section and print it."""
    header("2. Worker: emails/s through the whole pipeline (creditctl worker, rules extractor)")
    # --quick keeps to PostgreSQL + Redis when it is there (the 4-minute budget); the
    # embedded pair runs in the full run, and whenever there is no PostgreSQL
    kinds = (["pg"] if common.pg_available() else []) + (
        ["sqlite"] if common.SIZE != "quick" or not common.pg_available() else []
    )
    if not common.pg_available():
        print("  no PostgreSQL/Redis (run through bench/run): only the embedded pair")
    rate_pg, why = None, ""
    for kind in kinds:
        r, reason = _rules_section(kind, quick)
        if kind == "pg":
            rate_pg, why = r, reason
    if rate_pg is not None:
        print(
            f"  target: >= 100 emails/s with 4 threads on PostgreSQL + Redis -> {rate_pg:.0f}: "
            f"{verdict(rate_pg >= 100, why)}"
        )
    _claude_section(kinds[0], quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
