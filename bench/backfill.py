"""Backfill benchmark: ``reprocess --dry-run`` and the enqueue side of a real reprocess.

On a backend holding processed emails (the memory section's, or freshly processed
ones): ``backfill.dry_run`` over up to 10,000 stored emails (emails/s), beside the
baseline of the same re-reading work without the database (``backfill.reread`` on the
rows already in memory; it runs second, so the per-text caches are warm for a
quick run's few emails), as a ratio, and the dry run with ``--workers`` one per core;
then ``backfill.select_ids`` +
``operations.enqueue_reprocess`` (a real reprocess, enqueue only: no worker runs),
beside the raw Huey enqueue rate of the same ids on the same queue. Target:
dry run >= 200 emails/s.
"""

from __future__ import annotations

import os
import sys
import time

from bench import common, cpu
from bench.common import header, ratio, verdict


def dry_run_reason(one: cpu.CpuUse, n: int, forked: cpu.CpuUse, n_forked: int, gain: float, target: float = 200) -> str:
    """Why the dry run misses ``target`` emails/s, from its own CPU accounting: the CPU per
    email of the re-reading (this process and its forked children) and of PostgreSQL, the
    cores ``target`` needs at that cost, and what ``--workers N`` (``gain`` over one process)
    got of the machine."""
    if not one.measured or not n:
        return "no CPU accounting for the dry run"
    reread = one.ms_per("bench (dry run)", n)
    pg = one.ms_per("postgres", n)
    need = target * (reread + pg) / 1000
    share = one.cores_of("bench (dry run)")
    return (
        f"one process at {share:.0%} of one core, {reread:.1f} ms CPU per email re-reading + PostgreSQL {pg:.1f}: "
        f"x {target:.0f}/s = {need:.1f} cores, {one.cores} here; --workers {forked.cores}: {gain:.2f}x one process "
        f"on {forked.cores_of('bench (dry run)'):.2f} cores (everything else {forked.others_s / max(forked.wall_s, 1e-9):.2f})"
    )


def run(backend: common.Backend, quick: bool = False) -> None:
    """Run the backfill section on ``backend`` (its emails already processed) and print it."""
    from creditctl.adapters.notifier import LogNotifier
    from creditctl.services import backfill, claims, operations, reading
    from creditctl.services.backfill import Selection
    from creditctl.services.context import AppContext

    limit = common.pick(10000, 150, 50)
    header(f"4. Backfill: reprocess --dry-run and the enqueue rate ({backend.label})")
    settings = common.settings_for(backend)
    ctx = AppContext(settings=settings, notifier=LogNotifier())
    selection = Selection(limit=limit)

    groups: dict[str, cpu.Roots] = {"bench (dry run)": lambda: [os.getpid()], "postgres": cpu.postgres_pids}
    started = time.perf_counter()
    with cpu.CpuMeter(groups) as one_meter:
        diff = backfill.dry_run(ctx, selection)
    dry_s = time.perf_counter() - started
    n = diff["selected"]
    if not n:
        print("  no processed emails to re-read")
        return

    # baseline: the same reread on rows already in memory (no database round trips)
    with backfill.readonly_session(backend.db_url) as session:
        candidates = claims.load_candidates(session)
        rows = [reading.email_values(e) for e in backfill._stream(session, selection, columns=backfill._READ_COLUMNS)]
    started = time.perf_counter()
    for row in rows:
        backfill.reread(ctx, row, candidates)
    pure_s = time.perf_counter() - started
    dry_rate, pure_rate = n / dry_s, len(rows) / pure_s
    s = diff["summary"]
    print(
        f"  dry run over {n:,} emails: {dry_rate:7.0f} emails/s ({dry_s:.1f} s); "
        f"unchanged {s['unchanged']}, changed {s['changed']}, errors {s['errors']}"
    )
    print(f"  baseline, same re-reading in memory: {pure_rate:7.0f} emails/s -> dry run {ratio(dry_rate, pure_rate)}")
    # the re-reading is pure CPU: --workers N forks N processes (one per core)
    cores = os.cpu_count() or 1
    started = time.perf_counter()
    with cpu.CpuMeter(groups) as forked_meter:
        forked = backfill.dry_run(ctx, selection, workers=cores)
    forked_s = time.perf_counter() - started
    forked_rate = forked["selected"] / forked_s
    same = "same diff" if forked == diff else "DIFFERENT diff"
    print(
        f"  dry run --workers {cores}: {forked_rate:7.0f} emails/s ({forked_s:.1f} s, {same}) -> "
        f"{ratio(forked_rate, dry_rate)} one process (load average {os.getloadavg()[0]:.1f})"
    )
    print(f"    one process: {one_meter.use.line(n)}")
    print(f"    --workers {cores}: {forked_meter.use.line(forked['selected'])}")
    best = max(dry_rate, forked_rate)
    why = dry_run_reason(one_meter.use, n, forked_meter.use, forked["selected"], forked_rate / dry_rate)
    print(f"  target: dry run >= 200 emails/s: {verdict(best >= 200, why)} ({best:.0f})")

    runtime = common.runtime_for(backend)
    ctx.enqueue = runtime.enqueue
    started = time.perf_counter()
    ids = backfill.select_ids(ctx, selection)
    select_s = time.perf_counter() - started
    started = time.perf_counter()
    op_id, enqueued = operations.enqueue_reprocess(ctx, ids, operator="bench", label="bench", params={"limit": limit})
    enq_s = time.perf_counter() - started
    runtime.huey.flush()
    started = time.perf_counter()
    for email_id in ids:
        runtime.enqueue(email_id, priority=1)
    raw_s = time.perf_counter() - started
    runtime.huey.flush()
    print(
        f"  real reprocess (operation {op_id}): selected {len(ids):,} in {select_s:.2f} s, enqueued {enqueued:,} "
        f"at {enqueued / enq_s:7.0f} emails/s"
    )
    print(
        f"  baseline, bare Huey enqueue of the same ids: {len(ids) / raw_s:7.0f} tasks/s -> "
        f"reprocess {ratio(enqueued / enq_s, len(ids) / raw_s)}"
    )


def main(quick: bool = False) -> None:
    """Standalone: process a few thousand emails first, then run the section."""
    from bench import memory

    backend = memory.run(quick=True)
    try:
        run(backend, quick)
    finally:
        backend.close()


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
