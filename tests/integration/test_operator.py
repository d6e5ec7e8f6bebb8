"""The operator's terminal, service side: backfills never delay live traffic, an
interrupted reprocess resumes, health tells a broken setup from a healthy one."""

from __future__ import annotations

from sqlalchemy import select

from creditctl.db import session_scope
from creditctl.models import Email, Event
from creditctl.schemas import WebhookPayload
from creditctl.services import backfill, health, intake, operations
from creditctl.services.context import AppContext
from tests.helpers import drain, import_sample_clients, payload


def store(env, n: int, prefix: str) -> list[int]:
    ids = []
    for i in range(n):
        body = payload(ticket_id=f"{prefix}{i}", comment_id=f"{prefix}{i}")
        result = intake.store_email(env.ctx, WebhookPayload.model_validate_json(body), body, None)
        ids.append(result.email_id)
    return ids


def processing_order(env) -> list[int]:
    with session_scope(env.ctx.db_url) as s:
        return [e for e in s.scalars(select(Event.email_id).where(Event.to_status == "processing").order_by(Event.id))]


def test_live_emails_overtake_a_running_backfill(env):
    import_sample_clients(env)
    old = store(env, 12, "old")
    for email_id in old:
        intake.enqueue_email(env.ctx, email_id, reason="test")
    drain(env.runtime)
    op_id, enqueued = operations.enqueue_reprocess(env.ctx, old, operator="test", label="extractor fix", params={})
    assert enqueued == 12
    live = store(env, 3, "live")  # arrive while the backfill waits in the queue
    for email_id in live:
        intake.enqueue_email(env.ctx, email_id, reason="webhook")
    with session_scope(env.ctx.db_url) as s:
        s.execute(Event.__table__.delete())
    drain(env.runtime)
    order = processing_order(env)
    assert sorted(order[:3]) == sorted(live), order  # the live ones finish first
    assert sorted(order[3:]) == sorted(old)
    with session_scope(env.ctx.db_url) as s:
        rows = s.scalars(select(Email).where(Email.id.in_(old))).all()
        assert {r.processing_status for r in rows} == {"completed"} and {r.operation_id for r in rows} == {op_id}


def test_an_interrupted_reprocess_resumes_where_it_stopped(env):
    ids = store(env, 10, "r")
    for email_id in ids:
        intake.enqueue_email(env.ctx, email_id, reason="test")
    drain(env.runtime)
    params = {"since": None, "until": None, "status": None, "creditor": None, "ids": ids, "limit": None}
    selection = backfill.Selection(ids=ids)
    chosen = backfill.select_ids(env.ctx, selection)
    assert chosen == ids
    real_enqueue, calls = env.ctx.enqueue, []

    def stops_after_four(email_id, **kw):
        calls.append(email_id)
        if len(calls) > 4:
            raise ConnectionError("queue down")  # ... the queue went away after four
        real_enqueue(email_id, **kw)

    env.ctx.enqueue = stops_after_four
    op_id, first = operations.enqueue_reprocess(env.ctx, chosen, operator="t", label=None, params=params)
    env.ctx.enqueue = real_enqueue
    assert first == 4
    rest = backfill.select_ids(env.ctx, selection, resume=op_id)
    assert rest == ids[4:]
    _, second = operations.enqueue_reprocess(env.ctx, rest, operator="t", label=None, params=params, operation_id=op_id)
    assert second == 6
    assert backfill.select_ids(env.ctx, selection, resume=op_id) == []
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as s:
        assert {e.operation_id for e in s.scalars(select(Email))} == {op_id}


def test_health_on_a_healthy_and_a_broken_setup(env):
    assert health.readiness(env.ctx, queue_probe=lambda: {"pending": 0})["ready"]
    report = health.health(env.ctx, queue_probe=lambda: {"pending": 0})
    assert report["checks"]["database"] == "ok"
    assert report["checks"]["workers"].startswith("no live worker")  # none started in this test
    assert not report["ready"]

    def broken_queue():
        raise ConnectionError("redis down")

    assert health.readiness(env.ctx, queue_probe=broken_queue)["checks"]["queue"].startswith("unreachable")
    broken = AppContext(
        settings=env.settings.model_copy(update={"database_url": "postgresql+psycopg2://x@127.0.0.1:1/x"})
    )
    down = health.health(broken, queue_probe=lambda: {"pending": 0})
    assert not down["ready"] and down["checks"]["database"].startswith("unreachable")


def test_an_email_whose_message_was_taken_shows_as_stored_but_not_in_the_queue(env):
    """A worker took the message while the database was down (FailureNotRecorded): the row
    stays ``queued``, the queue is empty; status, health and /metrics say so, with the time
    the sweep needs (CREDITCTL_STUCK_GRACE_SECONDS + CREDITCTL_SWEEP_INTERVAL)."""
    from datetime import timedelta

    from rich.console import Console

    from creditctl import render
    from creditctl.metrics import Metrics
    from creditctl.models import utcnow
    from creditctl.queue import waiting_email_ids
    from creditctl.services import unqueued
    from creditctl.services.overview import system_status

    waiting = lambda: waiting_email_ids(env.huey, limit=unqueued.READ_LIMIT)  # noqa: E731
    env.ctx.settings = env.settings.model_copy(update={"stuck_grace_seconds": 120.0, "sweep_interval": 60.0})
    (email_id,) = store(env, 1, "gone")
    intake.enqueue_email(env.ctx, email_id, reason="test")
    with session_scope(env.ctx.db_url) as s:  # settled: older than unqueued.SETTLE_S
        s.execute(Email.__table__.update().values(updated_at=utcnow() - timedelta(seconds=30)))
    assert system_status(env.ctx, waiting=waiting)["not_in_queue"]["count"] == 0  # its message waits
    env.huey.flush()  # the worker took the message and could not record anything
    with session_scope(env.ctx.db_url) as s:
        ago = utcnow() - timedelta(seconds=30)
        s.execute(Email.__table__.update().values(queued_at=ago, updated_at=ago))
    doc = system_status(env.ctx, queue_depth={"pending": 0, "scheduled": 0}, waiting=waiting)
    bound = 180.0
    assert doc["not_in_queue"]["count"] == 1 and doc["not_in_queue"]["ids"] == [email_id]
    assert doc["not_in_queue"]["sweep_bound_s"] == bound
    assert bound - 32 <= doc["not_in_queue"]["requeue_within_s"] <= bound - 29
    console = Console(width=300, record=True)
    for item in render.system_renderables(
        {**doc, "workers": [{"name": "w", "host": "h", "pid": 1, "seen_at": None, "rss_mb": 1, "holding": []}]}
    ):
        console.print(item)
    text = console.export_text()
    assert f"1 email(s) stored but not in the queue (#{email_id}); the sweep re-enqueues them within" in text
    assert health.health(env.ctx, queue_probe=lambda: {"pending": 0}, waiting=waiting)["not_in_queue"]["count"] == 1
    env.ctx.queue = env.huey
    assert "creditctl_emails_not_in_queue 1.0" in Metrics(env.ctx).render()[0].decode()
    operations.sweep(env.ctx, now=utcnow() + timedelta(seconds=bound))  # the sweep takes it back
    assert system_status(env.ctx, waiting=waiting)["not_in_queue"]["count"] == 0


def test_retry_error_class_with_a_typo_names_the_recorded_classes(env):
    import pytest

    from creditctl.exceptions import UsageError

    ids = store(env, 2, "ec")
    with session_scope(env.ctx.db_url) as s:
        s.execute(
            Email.__table__.update()
            .where(Email.id.in_(ids))
            .values(processing_status="failed", last_error_class="anthropic.RateLimitError")
        )
    plan = operations.plan_retry(env.ctx, failed=True, error_class="ratelimit")  # any case
    assert [row["id"] for row in plan.eligible] == ids
    with pytest.raises(UsageError, match=r"'RateLimt' matches no error class .* anthropic\.RateLimitError \(2\)"):
        operations.plan_retry(env.ctx, failed=True, error_class="RateLimt")


def test_retry_error_class_when_no_failed_email_has_one_is_one_clear_sentence(env):
    import pytest

    from creditctl.exceptions import UsageError

    with pytest.raises(UsageError) as refused:
        operations.plan_retry(env.ctx, failed=True, error_class="Nope")
    assert refused.value.message == "--error-class 'Nope' matches nothing: no failed email has an error class"
