"""The webhook on PostgreSQL + Redis answers through ``creditctl/adapters/async_intake.py``
(its waits on the event loop, no worker thread per request) with every guarantee of
docs/zendesk-contract.md: committed before the 200, one email per ticket delivered twice,
503 with ``Retry-After`` while the database is down (nothing reported stored that is not),
200 while Redis is down (the row waits ``received`` for the sweep), the request line and the
metrics as before. Real servers (scripts/test); under CI=true a missing one fails the test.

    bash scripts/test tests/integration/test_webhook_async.py -q -p no:cacheprovider
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import anyio.to_thread
import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.adapters import async_intake
from creditctl.db import dispose_engine, session_scope
from creditctl.logs import configure_logging
from creditctl.models import Email, Event
from creditctl.services import operations
from creditctl.web import create_app
from tests import realservices
from tests.helpers import Env, payload, signed_headers

pytestmark = [pytest.mark.pg]


@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record every hand-off to one of anyio's worker threads (the threaded path's cost)."""
    calls: list[str] = []
    original = anyio.to_thread.run_sync

    async def counting(func: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(getattr(func, "__qualname__", repr(func)))
        return await original(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    yield calls


def _count(env: Env, model: Any = Email) -> int:
    with session_scope(env.ctx.db_url) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _post(client: TestClient[Any], body: bytes, **kw: Any) -> Any:
    return client.post("/webhooks/zendesk", content=body, headers=signed_headers(body, **kw))


def test_accepted_and_duplicates_take_no_thread_and_keep_the_contract(pg_env: Env, threads: list[str]) -> None:
    log = io.StringIO()
    configure_logging("INFO", json=True, stream=log)
    try:
        app = create_app(pg_env.ctx)
        with TestClient(app) as client:
            bodies = [payload(comment_id=f"c{i}", body_text=f"Antwort Nummer {i} zur Forderung") for i in range(12)]
            answers = [_post(client, b, invocation_id=f"inv-{i}") for i, b in enumerate(bodies)]
            assert [a.status_code for a in answers] == [200] * 12, answers[0].text
            assert {a.json()["status"] for a in answers} == {"accepted"}
            assert threads == []  # accepted emails: no worker thread at all
            # committed before the answer, queued, one message each
            with session_scope(pg_env.ctx.db_url) as s:
                for body, answer in zip(bodies, answers, strict=True):
                    email = s.get(Email, answer.json()["email_id"])
                    assert email is not None and email.raw_payload == body
                    assert email.processing_status == "queued" and email.queued_at is not None
            assert pg_env.huey.pending_count() == 12
            # the same ticket + comment delivered again (another invocation), and the same delivery again
            again = _post(client, bodies[0], invocation_id="inv-other")
            same = _post(client, bodies[1], invocation_id="inv-1")
            assert again.json() == {"status": "duplicate", "email_id": answers[0].json()["email_id"]}
            assert same.json() == {"status": "duplicate", "email_id": answers[1].json()["email_id"]}
            metrics = app.state.metrics.render()[0].decode()
        assert threads and all("settle_conflict" in name or "close" in name for name in threads), threads
        assert _count(pg_env) == 12 and pg_env.huey.pending_count() == 12
        with session_scope(pg_env.ctx.db_url) as s:
            notes = s.scalars(select(Event.message).where(Event.kind == "duplicate")).all()
        assert any("the same delivery" in n for n in notes) and any("ticket + comment id" in n for n in notes), notes
        assert 'creditctl_webhook_requests_total{outcome="accepted"} 12.0' in metrics, metrics
        assert 'creditctl_webhook_requests_total{outcome="duplicate"} 2.0' in metrics
    finally:
        configure_logging("WARNING")
    lines = [json.loads(line) for line in log.getvalue().splitlines() if line.strip()]
    requests = [line for line in lines if line.get("event") == "request"]
    assert len(requests) == 14 and {r["outcome"] for r in requests} == {"accepted", "duplicate"}
    assert all(r["route"] == "/webhooks/zendesk" and r["status"] == 200 and r["email_id"] for r in requests)
    assert "Antwort Nummer" not in log.getvalue() and "X-Zendesk-Webhook-Signature" not in log.getvalue()


def test_bad_signature_and_invalid_body_answer_as_the_threaded_path(pg_env: Env) -> None:
    body = payload()
    invalid = b'{"ticket_id": "1"}'
    with TestClient(create_app(pg_env.ctx)) as client:
        bad = client.post(
            "/webhooks/zendesk", content=body, headers={**signed_headers(body), "X-Zendesk-Webhook-Signature": "AAAA"}
        )
        refused = _post(client, invalid)
    assert bad.status_code == 401 and bad.json()["status"] == "error"
    assert refused.status_code == 400 and "invalid payload" in refused.json()["detail"]
    assert _count(pg_env) == 0
    from creditctl.models import Quarantine

    assert _count(pg_env, Quarantine) == 1


def test_database_down_is_503_then_the_pool_reconnects(pg_env: Env) -> None:
    app = create_app(pg_env.ctx)
    with TestClient(app) as client:
        first = _post(client, payload(comment_id="before"))
        assert first.status_code == 200
        realservices.stop_postgres()
        try:
            down = _post(client, payload(comment_id="during"))
        finally:
            realservices.start_postgres()
        # the pooled connection died with the server: replaced, the statement sent once more
        after = _post(client, payload(comment_id="after"))
    assert down.status_code == 503, down.text
    assert down.json() == {"status": "error", "detail": "database unavailable: OperationalError; retry later"}
    assert down.headers["retry-after"] == "30"
    assert after.status_code == 200 and after.json()["status"] == "accepted", after.text
    dispose_engine(pg_env.ctx.db_url)  # this test's own pooled connections died with the server too
    with session_scope(pg_env.ctx.db_url) as s:
        tickets = s.scalars(select(Email.comment_id).order_by(Email.id)).all()
    assert tickets == ["before", "after"]  # nothing stored for the 503


def test_redis_down_answers_200_and_the_sweep_queues_it_later(pg_env: Env) -> None:
    with TestClient(create_app(pg_env.ctx)) as client:
        realservices.stop_redis()
        try:
            answer = _post(client, payload(comment_id="queue-down"))
        finally:
            realservices.start_redis()
    assert answer.status_code == 200 and answer.json()["status"] == "accepted", answer.text
    email_id = answer.json()["email_id"]
    with session_scope(pg_env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        assert email is not None and email.processing_status == "received" and email.queued_at is None
        errors = s.scalars(select(Event.message).where(Event.email_id == email_id, Event.kind == "error")).all()
    assert any("enqueue failed" in e for e in errors), errors
    assert pg_env.huey.pending_count() == 0
    settings = pg_env.ctx.settings.model_copy(update={"stuck_grace_seconds": 0})
    pg_env.ctx.settings = settings
    report = operations.sweep(pg_env.ctx)
    assert email_id in [i for i, _ in report.requeued], report
    assert pg_env.huey.pending_count() == 1


def test_sqlite_keeps_the_threaded_path(sqlite_env: Env) -> None:
    assert async_intake.for_context(sqlite_env.ctx) is None


def test_a_connection_the_server_terminated_is_replaced(pg_env: Env) -> None:
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    with TestClient(create_app(pg_env.ctx)) as client:
        assert _post(client, payload(comment_id="one")).status_code == 200
        admin = sa.create_engine(pg_env.ctx.db_url, poolclass=NullPool)
        with admin.connect() as conn:
            killed = conn.execute(
                sa.text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        admin.dispose()
        assert killed >= 1  # the pooled intake connection among them
        second = _post(client, payload(comment_id="two"))
    assert second.status_code == 200 and second.json()["status"] == "accepted", second.text
    dispose_engine(pg_env.ctx.db_url)
    assert _count(pg_env) == 2


def test_pool_takes_a_free_connection_without_a_timer_and_bounds_the_wait_for_a_busy_one(
    pg_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A free slot is taken at once (no ``asyncio.wait_for`` per request: its timer and task
    cost the serve process 2-3 % of its CPU, docs/worker-performance.md round 7); when every
    connection is busy the wait is bounded by ``timeout_s``."""
    import asyncio

    waits: list[float] = []
    original = asyncio.wait_for

    async def counting(awaitable: Any, timeout: float | None) -> Any:
        waits.append(timeout or 0.0)
        return await original(awaitable, timeout)

    monkeypatch.setattr(async_intake.asyncio, "wait_for", counting)
    pool = async_intake.AsyncPgPool(pg_env.ctx.db_url, size=1, timeout_s=0.3)

    async def scenario() -> tuple[Any, Any, BaseException | None]:
        first = await pool.fetch_one("SELECT %(n)s::int", {"n": 1})
        busy = asyncio.ensure_future(pool.fetch_one("SELECT pg_sleep(1.0), %(n)s::int", {"n": 2}))
        await asyncio.sleep(0.1)  # the sleeping statement holds the only connection
        refused: BaseException | None = None
        try:
            await pool.fetch_one("SELECT %(n)s::int", {"n": 3})
        except TimeoutError as exc:
            refused = exc
        second = await busy
        await pool.aclose()
        return first, second, refused

    first, second, refused = asyncio.run(scenario())
    assert first == (1,) and second is not None and second[1] == 2
    assert isinstance(refused, TimeoutError) and "no PostgreSQL connection free within 0.3 s" in str(refused)
    assert waits == [0.3]  # only the request that found the pool busy waited through wait_for
    assert pool.opened == 1
