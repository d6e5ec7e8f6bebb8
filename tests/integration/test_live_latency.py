"""No lost wake-ups.

A quiet office: one signed webhook a second to idle ``creditctl worker`` processes on
real PostgreSQL + Redis, with the production sweep settings (the sweep must not be what
finishes an email). Every email must be terminal within 5 s of the webhook's 200.

Prints the latency figures (webhook 200 → ``finished_at``): p50, p99, max. Reproduce:

    bash scripts/test tests/integration/test_live_latency.py -q -s -p no:cacheprovider

``CREDITCTL_TEST_LATENCY_EMAILS`` (default 50) and ``CREDITCTL_TEST_LATENCY_GAP_S``
(default 1.0) change the load.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, datetime

import httpx
import pytest

from tests.helpers import signed_headers
from tests.prodstack import TEMPLATES, Stack, email_body, unique_tag, wait_for

pytestmark = [pytest.mark.pg, pytest.mark.slow]

N_EMAILS = int(os.environ.get("CREDITCTL_TEST_LATENCY_EMAILS", "50"))
GAP_S = float(os.environ.get("CREDITCTL_TEST_LATENCY_GAP_S", "1.0"))
BOUND_S = 5.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def test_every_email_is_terminal_within_seconds_of_its_200(tmp_path):
    stack = Stack(tmp_path)
    # production sweep settings: a lost wake-up would wait minutes for the sweep
    stack.settings.update(
        {"CREDITCTL_LEASE_SECONDS": "120", "CREDITCTL_SWEEP_INTERVAL": "60", "CREDITCTL_STUCK_GRACE_SECONDS": "120"}
    )
    try:
        stack.open()
        server = stack.start_server()
        workers = [stack.start_worker(threads=2), stack.start_worker(threads=2)]
        wait_for(lambda: stack.scalar("SELECT count(*) FROM workers") >= 2, 60, "workers up", *workers)
        time.sleep(1.0)  # idle: both consumers are polling an empty queue

        answered: dict[int, datetime] = {}
        with httpx.Client(base_url=stack.base_url, timeout=30) as client:
            start = time.monotonic()
            for i in range(N_EMAILS):
                time.sleep(max(0.0, start + i * GAP_S - time.monotonic()))
                body = email_body(TEMPLATES[i % len(TEMPLATES)], unique_tag("lat", i))
                response = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
                at = datetime.now(UTC)
                assert response.status_code == 200, response.text
                doc = response.json()
                assert doc["status"] == "accepted", doc
                answered[doc["email_id"]] = at

        ids = list(answered)
        wait_for(
            lambda: (
                stack.scalar("SELECT count(*) FROM emails WHERE finished_at IS NOT NULL AND id = ANY(:ids)", ids=ids)
                == len(ids)
            ),
            300,
            "every email terminal",
            server,
            *workers,
        )
        rows = stack.sql("SELECT id, finished_at, processing_status FROM emails WHERE id = ANY(:ids)", ids=ids)
        latency = {r[0]: max(0.0, (r[1] - answered[r[0]]).total_seconds()) for r in rows}
        values = list(latency.values())
        figures = (
            f"latency webhook 200 -> terminal, {len(values)} emails {GAP_S:g} s apart: "
            f"p50 {statistics.median(values):.3f} s, p99 {_percentile(values, 0.99):.3f} s, "
            f"max {max(values):.3f} s"
        )
        print("\n" + figures)
        skips = stack.sql("SELECT email_id, message FROM events WHERE kind = 'skip' ORDER BY id")
        if skips:
            print(f"skip events: {[(s[0], s[1]) for s in skips]}")
        slow = {i: round(v, 3) for i, v in latency.items() if v > BOUND_S}
        assert not slow, f"{figures}; emails slower than {BOUND_S} s: {slow}"
        assert {r[2] for r in rows} <= {"completed", "not_creditor_reply", "failed"}
    finally:
        stack.close()
