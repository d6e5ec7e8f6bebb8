"""Read-path benchmark: ``status``, ``tail`` and ``/metrics`` with few and with many events.

One PostgreSQL database is filled twice: first to ``SMALL`` events, then to ``LARGE``
(10^3 and 10^6 at full and quick size; 10^3 and 10^4 at tiny), ten events per email
(what a processed email leaves), spread over the last 30 days. Rows are generated on
the server (``INSERT … SELECT … generate_series``: no per-row round trip), then
``ANALYZE``d, as autovacuum would have done on a live database.

At each size, in this process against the product's own functions (the fastest of
``REPEAT`` calls after one warm-up call, milliseconds: the machine is shared, and the
median measured the neighbours as much as the query):

* ``status``: ``services.status.system_status`` (what ``creditctl status --json`` prints);
* ``tail page``: ``services.status.recent_events(limit=50)`` (``creditctl tail``'s first
  page) and ``tail poll``: ``events_after`` from 50 events back (one ``tail -f`` poll);
* ``metrics``: ``Metrics.render()`` (the body of ``GET /metrics``; the warm-up call folds
  the old events into ``metric_rollups``, as the first scrape of a live server does);

plus, at the large size, the wall time of the real command ``creditctl status --json``
(a process, fastest of three). Printed: both sizes and the large/small ratio. Targets: ratio <= 1.5x for each,
and ``status --json`` <= 0.3 s wall.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from bench import common
from bench.common import header, verdict

EVENTS_PER_EMAIL = 10
REPEAT = 15
RATIO_TARGET = 1.5
STATUS_WALL_TARGET_S = 0.3

_EMAILS_SQL = """
INSERT INTO emails (ticket_id, comment_id, dedupe_key, from_email, from_name, subject, body_text, raw_payload,
                    headers, source, processing_status, match_status, mirror_status, attempts, priority,
                    received_at, queued_at, processing_at, finished_at, updated_at, input_tokens, output_tokens,
                    cache_read_tokens, cache_write_tokens, runs, run_base, content_key, extractor)
SELECT 't' || g, 'c' || g, 'bench:' || g, 'forderung@inkasso.example', 'Inkasso GmbH', 'AW: Forderung ' || g,
       'Sehr geehrte Damen und Herren, die Forderung betraegt 1.234,56 EUR.', convert_to('{}', 'UTF8'), '{}',
       'webhook',
       CASE WHEN g % 50 = 0 THEN 'failed' WHEN g % 7 = 0 THEN 'not_creditor_reply' ELSE 'completed' END,
       CASE WHEN g % 5 = 0 THEN 'needs_review' WHEN g % 7 = 0 THEN 'no_match' ELSE 'auto_matched' END,
       'not_needed', 1, 10, t, t, t, t + interval '2 seconds', t + interval '2 seconds', 0, 0, 0, 0, 1, 0,
       md5(g::text), 'rules'
FROM (SELECT g, now() - interval '30 days' + (g - CAST(:lo AS bigint)) * (interval '30 days' - interval '5 minutes') / CAST(:span AS bigint) AS t
      FROM generate_series(CAST(:lo AS bigint), CAST(:hi AS bigint)) AS g) AS s
"""

_EVENTS_SQL = """
INSERT INTO events (email_id, at, kind, level, from_status, to_status, message, worker, attempt, duration_ms,
                    error_class)
SELECT e.id, e.received_at + k * interval '100 milliseconds',
       (ARRAY['webhook','transition','transition','attempt','transition','transition','llm_call','transition',
              'transition','transition'])[k + 1],
       CASE WHEN k = 9 AND e.processing_status = 'failed' THEN 'error' ELSE 'info' END,
       (ARRAY[NULL,'received','queued','processing','processing','parsed','extracted','extracted','extracted',
              'extracted'])[k + 1],
       (ARRAY['received','queued','processing',NULL,'parsed','extracted',NULL,'completed','completed',
              'completed'])[k + 1],
       'bench event ' || k, 'bench-worker', CASE WHEN k = 3 THEN 1 END,
       CASE WHEN k IN (3, 4, 5) THEN 12.5 + k END, NULL
FROM emails AS e CROSS JOIN generate_series(0, 9) AS k
WHERE e.id BETWEEN :lo_id AND :hi_id
"""


def _grow(db_url: str, emails_from: int, emails_to: int) -> float:
    """Add emails ``emails_from..emails_to`` (1-based, inclusive) and their events; ANALYZE.
    Returns seconds."""
    import sqlalchemy as sa

    from creditctl.db import get_engine

    started = time.perf_counter()
    with get_engine(db_url).begin() as conn:
        span = max(1, emails_to - emails_from + 1)
        conn.execute(sa.text(_EMAILS_SQL), {"lo": emails_from, "hi": emails_to, "span": span})
        lo_id, hi_id = conn.execute(
            sa.text("SELECT min(id), max(id) FROM emails WHERE dedupe_key IN (:a, :b)"),
            {"a": f"bench:{emails_from}", "b": f"bench:{emails_to}"},
        ).one()
        conn.execute(sa.text(_EVENTS_SQL), {"lo_id": lo_id, "hi_id": hi_id})
    with get_engine(db_url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("ANALYZE emails"))
        conn.execute(sa.text("ANALYZE events"))
    return time.perf_counter() - started


def _best_ms(fn: Callable[[], Any]) -> float:
    """The fastest of ``REPEAT`` calls after a warm-up, ms: the call's own cost; on a shared
    machine the median measures the neighbours too."""
    fn()  # warm-up: pools, compiled statements, the metrics roll-up
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times)


def _status_wall_s(backend: common.Backend) -> float:
    env = common.product_env(backend)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "creditctl", "status", "--json"],
            env=env,
            cwd=common.REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        best = min(best, time.perf_counter() - t0)
        if done.returncode != 0:
            raise RuntimeError(f"status --json exited {done.returncode}: {done.stderr[-500:]}")
    return best


def _measure(backend: common.Backend, *, wall: bool) -> dict[str, float]:
    from creditctl.metrics import Metrics
    from creditctl.queue import queue_depth
    from creditctl.services import status
    from creditctl.services.context import AppContext

    runtime = common.runtime_for(backend)
    ctx = AppContext(settings=common.settings_for(backend))
    metrics = Metrics(ctx, queue_probe=lambda: queue_depth(runtime.huey))
    last = status.last_event_id(ctx)
    return {
        "status": _best_ms(lambda: status.system_status(ctx, queue_depth=queue_depth(runtime.huey))),
        "tail page": _best_ms(lambda: status.recent_events(ctx, limit=50)),
        "tail poll": _best_ms(lambda: status.events_after(ctx, after_id=max(0, last - 50))),
        "metrics": _best_ms(metrics.render),
        **({"status --json wall": _status_wall_s(backend) * 1000} if wall else {}),
    }


def main(quick: bool = False) -> None:
    """Run the read-path section and print it."""
    header("7. Reads: status, tail, /metrics at 10^3 vs many events (bench/reads.py)")
    if not common.pg_available():
        print("  no PostgreSQL/Redis (run through bench/run): skipped")
        return
    small, large = 1_000, common.pick(1_000_000, 1_000_000, 10_000)
    backend = common.make_backend("pg", "reads")
    try:
        results: dict[int, dict[str, float]] = {}
        have = 0
        for events in (small, large):
            emails = events // EVENTS_PER_EMAIL
            took = _grow(backend.db_url, have + 1, emails)
            have = emails
            print(f"  {events:>9,} events ({emails:,} emails): generated in {took:.1f} s", flush=True)
            results[events] = _measure(backend, wall=events == large)  # its target is at the large size
    finally:
        backend.close()
    print(f"  {'read':<20} | {f'{small:,} ev ms':>12} | {f'{large:,} ev ms':>14} | {'ratio':>6} | target")
    for name in results[large]:
        b = results[large][name]
        if name == "status --json wall":
            ok = b <= STATUS_WALL_TARGET_S * 1000
            print(
                f"  {name:<20} | {'-':>12} | {b:14.1f} | {'-':>6} | <= {STATUS_WALL_TARGET_S:g} s wall: "
                + verdict(
                    ok,
                    f"a process's wall time at load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
                    "section 8 splits it into CPU and waiting",
                )
            )
            continue
        a = results[small][name]
        ok = b <= RATIO_TARGET * a
        print(
            f"  {name:<20} | {a:12.1f} | {b:14.1f} | {b / a if a else 0:5.2f}x | ratio <= {RATIO_TARGET:g}x: "
            f"{verdict(ok, f'{b - a:+.1f} ms at {large:,} events, load average {os.getloadavg()[0]:.1f}')}"
        )
    print(
        f"  (load average {os.getloadavg()[0]:.1f}; fastest of {REPEAT} calls after a warm-up; "
        "status --json: fastest of 3 processes)"
    )


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
