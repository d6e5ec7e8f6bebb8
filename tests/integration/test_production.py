"""Production (docs/architecture.md, "Workers"; docs/retry-policy.md): PostgreSQL + Redis, many workers, nothing lost when a process dies.

Real ``creditctl serve`` / ``creditctl worker`` processes (tests/prodstack.py) on a
fresh PostgreSQL database and the test Redis started by scripts/test; crashes are
real signals to real processes. "The middle of a job" is made reliable with the test
hook CREDITCTL_TEST_PAUSE_AFTER_PARSE (creditctl/services/processing.py).

CREDITCTL_TEST_PROD_EMAILS sets the size of the load test (default 1000).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from creditctl.db import session_scope
from creditctl.models import Email, utcnow
from creditctl.schemas import WebhookPayload
from creditctl.services import intake, operations
from creditctl.services.processing import PAUSE_AFTER_PARSE_ENV
from tests import realservices
from tests.helpers import drain, make_env, signed_headers
from tests.prodstack import TEMPLATES, Stack, email_body, require_real_services, unique_tag, wait_for

AUTO_TEMPLATE = "01_inkasso_table.json"  # auto-matched: writes one claim update


@pytest.fixture
def stack(tmp_path: Path):
    s = Stack(tmp_path).open()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, bool]]:
    """``{template: (processing_status, match_status, writes_claim)}`` from one in-process
    run of each sample on the embedded pair: the correct terminal state of each."""
    from tests.helpers import import_sample_clients

    env = make_env(tmp_path_factory.mktemp("ref"), "sqlite")
    try:
        import_sample_clients(env)
        ids = {}
        for name in TEMPLATES:
            body = email_body(name, unique_tag("ref", 0))
            ids[intake.receive_webhook(env.ctx, raw_body=body, headers=signed_headers(body)).email_id] = name
        drain(env.runtime)
        from creditctl.models import ClaimUpdate

        with session_scope(env.ctx.db_url) as session:
            writes = {cu.email_id for cu in session.query(ClaimUpdate)}
            return {ids[e.id]: (e.processing_status, e.match_status, e.id in writes) for e in session.query(Email)}
    finally:
        env.close()


def _posted_ids(responses, templates: list[str]) -> dict[int, str]:
    out = {}
    for response, name in zip(responses, templates, strict=True):
        assert response.status_code == 200, response.text
        out[response.json()["email_id"]] = name
    return out


def _assert_correct(stack: Stack, ids: dict[int, str], reference) -> None:
    rows = {r[0]: (r[1], r[2]) for r in stack.sql("SELECT id, processing_status, match_status FROM emails")}
    wrong = {i: (name, rows.get(i)) for i, name in ids.items() if rows.get(i) != reference[name][:2]}
    assert not wrong, f"{len(wrong)} emails not in their correct terminal state, e.g. {list(wrong.items())[:5]}"


# 1. load: 3 worker processes × 4 threads, 1,000 emails ---------------------------------


def test_thousand_emails_three_workers_each_processed_once(stack: Stack, reference) -> None:
    count = int(os.environ.get("CREDITCTL_TEST_PROD_EMAILS", "1000"))
    workers = [stack.start_worker(threads=4) for _ in range(3)]
    server = stack.start_server()
    templates = [TEMPLATES[i % len(TEMPLATES)] for i in range(count)]
    bodies = [email_body(name, unique_tag("load", i)) for i, name in enumerate(templates)]

    started = time.monotonic()
    responses = stack.post(bodies, concurrency=6)
    posted_s = time.monotonic() - started
    ids = _posted_ids(responses, templates)
    assert len(ids) == count
    wait_for(
        lambda: stack.unfinished() == 0 and stack.scalar("SELECT count(*) FROM emails") == count,
        240,
        f"{count} emails terminal",
        server,
        *workers,
        poll_s=0.25,
    )
    wall_s = time.monotonic() - started

    started_counts = stack.started_counts()
    duplicates = sum(n - 1 for n in started_counts.values() if n > 1)
    attempts = Counter(r[0] for r in stack.sql("SELECT attempts FROM emails"))
    print(
        f"\n[production] {count} emails, 3 workers x 4 threads: wall time {wall_s:.1f} s "
        f"(webhooks posted in {posted_s:.1f} s), duplicate processings {duplicates}, attempts {dict(attempts)}"
    )

    assert duplicates == 0
    assert set(started_counts) == set(ids) and set(started_counts.values()) == {1}
    assert attempts == Counter({1: count})
    _assert_correct(stack, ids, reference)
    # each claim update exactly once: never two for one (email, claim); every write has its event
    per_email = stack.claim_updates_by_email()
    assert max(per_email.values(), default=0) == 1
    write_events = Counter(
        r[0] for r in stack.sql("SELECT email_id FROM events WHERE kind = 'claim_update' AND message LIKE 'claim %→%'")
    )
    assert write_events == Counter(per_email)
    # the samples repeat the same amounts: each auto-matched claim changes exactly once
    writing = {name for name, (_s, _m, writes) in reference.items() if writes}
    per_claim = stack.sql("SELECT claim_id, count(*) FROM claim_updates GROUP BY claim_id")
    assert len(per_claim) == len(writing) and all(n == 1 for _c, n in per_claim)
    assert all(ids[e] in writing for e in per_email)

    for proc in workers:
        proc.popen.send_signal(signal.SIGTERM)
    assert [p.popen.wait(60) for p in workers] == [0, 0, 0]


# 2. SIGKILL in the middle of a job ------------------------------------------------------


def test_sigkill_mid_job_completes_on_another_worker_after_lease_expiry(stack: Stack) -> None:
    doomed = stack.start_worker(threads=1, **{PAUSE_AFTER_PARSE_ENV: "60"})
    stack.start_server()
    (email_id,) = _posted_ids(stack.post([email_body(AUTO_TEMPLATE, unique_tag("kill", 0))]), [AUTO_TEMPLATE])
    wait_for(lambda: stack.status_of(email_id) == "processing", 60, "email claimed", doomed)
    lease_until = stack.scalar("SELECT lease_expires_at FROM emails WHERE id = :i", i=email_id)
    os.kill(doomed.pid, signal.SIGKILL)
    assert doomed.popen.wait(10) == -signal.SIGKILL

    rescuer = stack.start_worker(threads=2)
    wait_for(lambda: stack.status_of(email_id) == "completed", 60, "email completed", rescuer)
    row = stack.sql("SELECT attempts, processing_at FROM emails WHERE id = :i", i=email_id)[0]
    assert row.attempts == 2
    assert row.processing_at >= lease_until  # re-claimed only after the dead worker's lease ran out
    assert stack.scalar("SELECT count(*) FROM claim_updates WHERE email_id = :i", i=email_id) == 1
    notes = [r[0] for r in stack.sql("SELECT message FROM events WHERE email_id = :i ORDER BY id", i=email_id)]
    assert any(f"{doomed.pid}" in m and "expired" in m for m in notes), notes


# 3. Redis down while webhooks arrive ------------------------------------------------------


def test_redis_outage_webhooks_stored_and_processed_after_restart(stack: Stack, reference) -> None:
    worker = stack.start_worker(threads=4)
    stack.start_server()
    wait_for(lambda: stack.scalar("SELECT count(*) FROM workers") == 1, 30, "worker heartbeat", worker)
    templates = [TEMPLATES[i % len(TEMPLATES)] for i in range(50)]
    realservices.stop_redis()
    try:
        responses = stack.post([email_body(n, unique_tag("redis", i)) for i, n in enumerate(templates)])
        assert [r.status_code for r in responses] == [200] * 50
        ids = _posted_ids(responses, templates)
        statuses = Counter(r[0] for r in stack.sql("SELECT processing_status FROM emails"))
        assert statuses == Counter({"received": 50})
        time.sleep(3)  # several sweeps and dequeue failures while Redis is down
        assert worker.alive()
        assert stack.unfinished() == 50
    finally:
        realservices.start_redis()
    wait_for(lambda: stack.unfinished() == 0, 90, "processing after the Redis restart", worker)
    assert worker.alive()
    _assert_correct(stack, ids, reference)
    assert set(stack.started_counts().values()) == {1}


# 4. PostgreSQL down ---------------------------------------------------------------------


def test_postgres_outage_503_no_partial_rows_worker_survives(stack: Stack, reference) -> None:
    worker = stack.start_worker(threads=2)
    server = stack.start_server()
    first = [TEMPLATES[i] for i in range(3)]
    ids = _posted_ids(stack.post([email_body(n, unique_tag("pg1", i)) for i, n in enumerate(first)]), first)
    wait_for(lambda: stack.unfinished() == 0, 60, "first batch", worker)
    counts_before = {t: stack.scalar(f"SELECT count(*) FROM {t}") for t in ("emails", "events", "quarantine")}

    lost = [email_body(n, unique_tag("pg2", i)) for i, n in enumerate(TEMPLATES[:4])]
    realservices.stop_postgres("fast")
    try:
        responses = stack.post(lost, concurrency=2)
        assert [r.status_code for r in responses] == [503] * 4, [r.text for r in responses]
        assert all(r.headers.get("retry-after") for r in responses)
        time.sleep(2)  # the worker's housekeeping and lease renewals hit the outage
    finally:
        realservices.start_postgres()
    assert worker.alive() and server.alive()
    assert {t: stack.scalar(f"SELECT count(*) FROM {t}") for t in counts_before} == counts_before

    # Zendesk retries the refused requests; both processes carry on without a restart
    retried = _posted_ids(stack.post(lost, concurrency=2), TEMPLATES[:4])
    wait_for(lambda: stack.unfinished() == 0, 90, "processing after the PostgreSQL restart", server, worker)
    _assert_correct(stack, {**ids, **retried}, reference)
    assert set(stack.started_counts().values()) == {1}
    worker.popen.send_signal(signal.SIGTERM)
    assert worker.popen.wait(30) == 0


def test_postgres_restart_during_a_job_completes_it_once(stack: Stack) -> None:
    worker = stack.start_worker(threads=2, **{PAUSE_AFTER_PARSE_ENV: "2"})
    stack.start_server()
    (email_id,) = _posted_ids(stack.post([email_body(AUTO_TEMPLATE, unique_tag("pgjob", 0))]), [AUTO_TEMPLATE])
    wait_for(lambda: stack.status_of(email_id) == "processing", 60, "email claimed", worker)
    realservices.stop_postgres("fast")
    try:
        time.sleep(4)  # the paused step resumes, its next write fails; lease renewals fail
        assert worker.alive()
    finally:
        realservices.start_postgres()
    wait_for(lambda: stack.status_of(email_id) == "completed", 60, "completion after the restart", worker)
    assert worker.alive()
    assert stack.scalar("SELECT count(*) FROM claim_updates WHERE email_id = :i", i=email_id) == 1
    assert stack.scalar("SELECT count(*) FROM events WHERE email_id = :i AND message LIKE 'claim %→%'", i=email_id) == 1


# 5. SIGTERM ------------------------------------------------------------------------------


def test_sigterm_mid_job_finishes_the_job_and_exits_0(stack: Stack) -> None:
    worker = stack.start_worker(threads=2, **{PAUSE_AFTER_PARSE_ENV: "3"})
    stack.start_server()
    (email_id,) = _posted_ids(stack.post([email_body(AUTO_TEMPLATE, unique_tag("term", 0))]), [AUTO_TEMPLATE])
    wait_for(lambda: stack.status_of(email_id) == "processing", 60, "email claimed", worker)
    worker.popen.send_signal(signal.SIGTERM)
    assert worker.popen.wait(30) == 0
    assert stack.status_of(email_id) == "completed"
    assert stack.scalar("SELECT attempts FROM emails WHERE id = :i", i=email_id) == 1
    assert stack.scalar("SELECT count(*) FROM claim_updates WHERE email_id = :i", i=email_id) == 1


def test_sigint_is_graceful_too(stack: Stack) -> None:
    worker = stack.start_worker(threads=1, **{PAUSE_AFTER_PARSE_ENV: "2"})
    stack.start_server()
    (email_id,) = _posted_ids(stack.post([email_body(AUTO_TEMPLATE, unique_tag("int", 0))]), [AUTO_TEMPLATE])
    wait_for(lambda: stack.status_of(email_id) == "processing", 60, "email claimed", worker)
    worker.popen.send_signal(signal.SIGINT)
    assert worker.popen.wait(30) == 0
    assert stack.status_of(email_id) == "completed"


def test_job_cut_off_at_shutdown_bound_is_left_for_the_sweep(stack: Stack) -> None:
    slow = stack.start_worker(threads=1, args=["--shutdown-timeout", "1"], **{PAUSE_AFTER_PARSE_ENV: "20"})
    stack.start_server()
    (email_id,) = _posted_ids(stack.post([email_body(AUTO_TEMPLATE, unique_tag("cut", 0))]), [AUTO_TEMPLATE])
    wait_for(lambda: stack.status_of(email_id) == "processing", 60, "email claimed", slow)
    stopped_at = time.monotonic()
    slow.popen.send_signal(signal.SIGTERM)
    assert slow.popen.wait(15) == 0
    assert time.monotonic() - stopped_at < 10  # bounded: did not wait for the 20 s job
    assert stack.status_of(email_id) == "processing"  # not lost: still leased, for the sweep

    other = stack.start_worker(threads=2)
    wait_for(lambda: stack.status_of(email_id) == "completed", 60, "completion on another worker", other)
    assert stack.scalar("SELECT attempts FROM emails WHERE id = :i", i=email_id) == 2
    assert stack.scalar("SELECT count(*) FROM claim_updates WHERE email_id = :i", i=email_id) == 1
    # the sweep handed it over (a second sweep may re-enqueue it again while the new worker
    # starts up: harmless, the claim above shows it was processed once)
    assert stack.scalar("SELECT count(*) FROM events WHERE email_id = :i AND kind = 'sweep'", i=email_id) >= 1


# 6. memory -------------------------------------------------------------------------------


def test_worker_over_rss_limit_stops_and_exits_0(stack: Stack) -> None:
    worker = stack.start_worker(threads=2, CREDITCTL_WORKER_MAX_RSS_MB="50")
    assert worker.popen.wait(60) == 0
    assert "CREDITCTL_WORKER_MAX_RSS_MB=50" in worker.tail(20000)
    assert stack.scalar("SELECT count(*) FROM workers") == 0  # deregistered on the way out


# 7. the sweep, concurrently; duplicate delivery ------------------------------------------


@pytest.fixture
def pg_env(tmp_path: Path):
    require_real_services()
    env = make_env(tmp_path, "pg")
    try:
        yield env
    finally:
        env.close()


def _store(env, n: int, template: str = AUTO_TEMPLATE) -> list[int]:
    ids = []
    for i in range(n):
        body = email_body(template, unique_tag("sw", i))
        result = intake.store_email(env.ctx, WebhookPayload.model_validate(json.loads(body)), body, None)
        ids.append(result.email_id)
    return ids


def test_concurrent_sweeps_reenqueue_each_row_once(pg_env) -> None:
    ids = _store(pg_env, 30)  # committed as 'received', never enqueued (as after a Redis outage)
    later = utcnow() + timedelta(seconds=10)
    barrier = threading.Barrier(4)
    reports: list[operations.SweepReport] = []

    def sweeper() -> None:
        barrier.wait()
        reports.append(operations.sweep(pg_env.ctx, now=later))

    threads = [threading.Thread(target=sweeper) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    requeued = [email_id for r in reports for email_id, _why in r.requeued]
    assert sorted(requeued) == sorted(ids)  # every row once, none twice
    assert pg_env.huey.pending_count() == 30
    with session_scope(pg_env.ctx.db_url) as session:
        from creditctl.models import Event

        sweep_events = Counter(e.email_id for e in session.query(Event).filter(Event.kind == "sweep"))
    assert sweep_events == Counter(ids)

    # later sweeps see the messages still waiting in the queue: no second copy
    again = operations.sweep(pg_env.ctx, now=later + timedelta(seconds=10))
    assert again.requeued == [] and again.still_queued == 30
    assert pg_env.huey.pending_count() == 30


def test_sweep_with_queue_down_changes_nothing(pg_env) -> None:
    (email_id,) = _store(pg_env, 1)

    def down():
        raise ConnectionError("redis down")

    report = operations.sweep(pg_env.ctx, now=utcnow() + timedelta(seconds=10), waiting=down)
    assert report.queue_unreachable and report.enqueue_failed == [email_id] and report.requeued == []
    with session_scope(pg_env.ctx.db_url) as session:
        assert session.get(Email, email_id).processing_status == "received"


def test_same_email_enqueued_three_times_is_processed_once(pg_env) -> None:
    from tests.helpers import import_sample_clients

    import_sample_clients(pg_env)
    (email_id,) = _store(pg_env, 1)
    for _ in range(3):
        pg_env.runtime.enqueue(email_id)
    assert pg_env.huey.pending_count() == 3
    barrier = threading.Barrier(3)
    outcomes: list[object] = []

    def consume() -> None:
        task = pg_env.huey.dequeue()
        barrier.wait()
        outcomes.append(pg_env.huey.execute(task))

    threads = [threading.Thread(target=consume) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    drain(pg_env.runtime)  # the outbox task the completed email asked for
    with session_scope(pg_env.ctx.db_url) as session:
        from creditctl.models import ClaimUpdate, Event

        email = session.get(Email, email_id)
        assert (email.processing_status, email.attempts) == ("completed", 1)
        started = session.query(Event).filter(Event.email_id == email_id, Event.message.like("attempt % started%"))
        assert started.count() == 1
        assert session.query(ClaimUpdate).filter(ClaimUpdate.email_id == email_id).count() == 1
    assert len(outcomes) == 3
