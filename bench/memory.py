"""Memory benchmark: RSS of one worker process over 20,000 emails (4,000 with --quick).

One ``creditctl worker`` process (4 threads, rules extractor, PostgreSQL + Redis when
available, else SQLite + SqliteHuey) drains N distinct stored emails; this process
samples the worker's RSS (``psutil``, bytes -> MB) before the first email and every
1,000 finished emails. Printed: start, peak, end, and the drift per 10,000 emails (least
squares slope of RSS over emails, after the first 2,000 — warm-up fills caches; --quick
samples every 100 after 200, a shorter drift), beside the baseline: the same worker's
RSS when idle, as a ratio. Targets: idle <= 100 MB, peak <= 200 MB, drift <= 5 MB per
10,000 emails.

``run`` returns the backend with the processed emails so the backfill section can
reuse them (the caller closes it).
"""

from __future__ import annotations

import sys
import time

import psutil

from bench import common
from bench.common import header, ratio, verdict

STEP = 1000
WARM_UP = 2000
MIN_DRIFT_SAMPLES = 5
"""Samples after the warm-up a slope needs (fewer: a few dozen emails extrapolated to 10,000)."""
"""Emails before the drift slope starts (caches fill first); --quick: 200, sampled every 100."""
TIME_BOX_QUICK_S = 15.0
"""--quick stops sampling after this many seconds even if fewer than 4,000 emails are done."""


def _slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of (emails, MB) points, in MB per email (0 with < 2 points)."""
    if len(points) < 2:
        return 0.0
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def run(quick: bool = False) -> common.Backend:
    """Run the memory section, print it, and return the backend holding the processed emails."""
    n = common.pick(20000, 4000, 150)
    step = common.pick(STEP, 100, 25)
    warm = common.pick(WARM_UP, 200, 50)
    kind = "pg" if common.pg_available() else "sqlite"
    header(f"3. Memory: RSS of one worker process (4 threads) over {n:,} emails")
    backend = common.make_backend(kind, "memory")
    common.import_clients(backend)
    started = time.perf_counter()
    ids = common.seed_emails(backend, n)
    seeded_s = time.perf_counter() - started
    env = common.product_env(backend, CREDITCTL_LOG_LEVEL="WARNING")
    samples: list[tuple[int, float]] = []
    with common.process(common.worker_cmd(4), env, log_name="memory") as proc:
        worker = psutil.Process(proc.pid)
        time.sleep(common.pick(4.0, 4.0, 2.0))  # imports, schema check, consumer start
        idle = worker.memory_info().rss / 1_048_576
        samples.append((0, idle))
        cpu0 = sum(worker.cpu_times()[:2])
        t0 = time.perf_counter()
        common.enqueue_all(backend, ids)
        next_mark = step

        def sample(done: int) -> None:
            nonlocal next_mark
            while done >= next_mark:
                samples.append((next_mark, worker.memory_info().rss / 1_048_576))
                next_mark += step

        done = common.wait_done(
            backend.db_url,
            ids,
            timeout_s=common.pick(3600, TIME_BOX_QUICK_S, TIME_BOX_QUICK_S),
            poll_s=0.05,
            on_progress=sample,
        )
        elapsed = time.perf_counter() - t0
        if samples[-1][0] != done:
            samples.append((done, worker.memory_info().rss / 1_048_576))
        cpu_s = sum(worker.cpu_times()[:2]) - cpu0
    rss = [mb for _, mb in samples]
    steady = [p for p in samples if p[0] >= warm]
    drift = _slope(steady) * 10_000
    print(
        f"  {backend.label}; {n:,} emails stored in {seeded_s:.1f} s; {done:,} processed in {elapsed:.0f} s "
        f"({done / elapsed:.0f} emails/s; "
        f"worker CPU {cpu_s / max(done, 1) * 1000:.1f} ms per email)"
    )
    print("  RSS MB by emails done: " + "  ".join(f"{x / 1000:g}k:{mb:.0f}" for x, mb in samples))
    print(
        f"  start (idle worker) {idle:6.1f} MB | peak {max(rss):6.1f} MB ({ratio(max(rss), idle)} idle) | "
        f"end {rss[-1]:6.1f} MB ({ratio(rss[-1], idle)} idle)"
    )
    if len(steady) >= MIN_DRIFT_SAMPLES:
        print(
            f"  drift {drift:+.1f} MB per 10,000 emails (slope over {steady[0][0]:,}..{steady[-1][0]:,} emails, "
            f"after a {warm:,}-email warm-up"
            + ("; a short run: the full run measures 20,000" if n < 20000 else "")
            + ")"
        )
        rise = steady[-1][1] - steady[0][1]
        drift_text = verdict(
            drift <= 5,
            f"RSS {steady[0][1]:.1f} -> {steady[-1][1]:.1f} MB ({rise:+.1f}) over {steady[-1][0] - steady[0][0]:,} "
            f"emails, scaled to 10,000"
            + (
                " from a short run, where the caches still fill: the full run (20,000) is the measure"
                if n < 20000
                else ""
            ),
        )
    else:
        print(f"  drift: not measurable (fewer than {MIN_DRIFT_SAMPLES} samples after the {warm:,}-email warm-up)")
        drift_text = "not measured"
    print(
        f"  targets: idle <= 100 MB: {verdict(idle <= 100, f'the idle worker has {idle:.1f} MB')}; "
        f"peak <= 200 MB: {verdict(max(rss) <= 200, f'{max(rss) - idle:.1f} MB over idle under load')} "
        f"(over {done:,} emails); drift <= 5 MB/10k: {drift_text}"
    )
    return backend


def main(quick: bool = False) -> None:
    run(quick).close()


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
