"""A move and its events (``events.update_and_record``, through ``processing.advance``; the
claim's move goes through it too) on both backends: one statement on PostgreSQL, the UPDATE then the INSERT on SQLite
(docs/worker-performance.md, "Round 15") — the same rows either way: the row moved with every
column set, the events in order with every column as ``event_row`` gave it, and nothing at
all when the compare-and-set finds the row gone from under the lease."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event as sqlalchemy_event, select

from creditctl.db import session_scope
from creditctl.exceptions import LeaseLost
from creditctl.models import Email, Event, ProcessingStatus as S, utcnow
from creditctl.schemas import WebhookPayload
from creditctl.services import events, intake, processing
from creditctl.services.events import event_row
from tests.helpers import sample_payload


def _claimed(env) -> processing._Claimed:
    body = sample_payload("01_inkasso_table.json")
    email_id = intake.store_email(env.ctx, WebhookPayload.model_validate(json.loads(body)), body, None).email_id
    claimed = processing.claim_email(env.ctx, email_id)
    assert isinstance(claimed, processing._Claimed)
    return claimed


def _events_after(env, email_id: int, first_id: int) -> list[tuple[Any, ...]]:
    with session_scope(env.ctx.db_url) as session:
        rows = session.scalars(select(Event).where(Event.email_id == email_id, Event.id > first_id).order_by(Event.id))
        return [
            (e.kind, e.level, e.from_status, e.to_status, e.message, e.worker, e.attempt, e.duration_ms, e.data, e.at)
            for e in rows
        ]


def _last_event_id(env) -> int:
    with session_scope(env.ctx.db_url) as session:
        return session.scalar(select(Event.id).order_by(Event.id.desc()).limit(1)) or 0


def test_a_move_writes_its_row_and_its_events_in_order(env) -> None:
    claimed = _claimed(env)
    before = _last_event_id(env)
    at = utcnow() - timedelta(seconds=3)
    steps = [
        processing.Step(S.PARSED, "cleaned: 12 tokens", duration_ms=1.25, values={"parsed": {"tokens": 12}}, at=at),
        processing.Step(S.EXTRACTED, "extracted by rules", duration_ms=2.5, values={"extraction": {"total": "1"}}),
    ]
    extra = event_row(claimed.email_id, "attempt", "tokens", level="debug", data={"in": 3, "why": "ä"}, attempt=7)
    with session_scope(env.ctx.db_url) as session:
        processing.advance(
            session, env.ctx, claimed.email_id, S.PROCESSING, steps, attempt=claimed.attempt, events=[extra]
        )
    with session_scope(env.ctx.db_url) as session:
        row = session.get(Email, claimed.email_id)
        assert row.processing_status == S.EXTRACTED and row.parsed == {"tokens": 12}
        assert row.extraction == {"total": "1"} and row.parsed_at == at and row.extracted_at is not None
    got = _events_after(env, claimed.email_id, before)
    worker = env.ctx.worker_name
    assert [g[:9] for g in got] == [
        ("transition", "info", "processing", "parsed", "cleaned: 12 tokens", worker, claimed.attempt, 1.25, None),
        ("transition", "info", "parsed", "extracted", "extracted by rules", worker, claimed.attempt, 2.5, None),
        ("attempt", "debug", None, None, "tokens", None, 7, None, {"in": 3, "why": "ä"}),
    ]
    assert got[0][9] == at and got[2][9] == extra["at"]


@pytest.mark.parametrize("lost", ["another attempt", "another worker", "another state"])
def test_a_move_whose_lease_is_gone_writes_nothing(env, lost: str) -> None:
    claimed = _claimed(env)
    before = _last_event_id(env)
    attempt, source, ctx = claimed.attempt, S.PROCESSING, env.ctx
    if lost == "another attempt":
        attempt += 1
    elif lost == "another worker":
        ctx = SimpleNamespace(worker_name="someone-else")  # advance reads only the worker's name
    else:
        source = S.PARSED
    step = processing.Step(S.EXTRACTED if source == S.PARSED else S.PARSED, "x", values={"parsed": {"tokens": 1}})
    with session_scope(env.ctx.db_url) as session, pytest.raises(LeaseLost):
        processing.advance(session, ctx, claimed.email_id, source, [step], attempt=attempt)  # type: ignore[arg-type]
    with session_scope(env.ctx.db_url) as session:
        row = session.get(Email, claimed.email_id)
        assert row.processing_status == S.PROCESSING and row.parsed is None
    assert _events_after(env, claimed.email_id, before) == []


def test_update_and_record_refuses_no_event_rows(env) -> None:
    with session_scope(env.ctx.db_url) as session, pytest.raises(ValueError):
        events.update_and_record(session, None, {}, {}, [])  # type: ignore[arg-type]


def test_the_move_and_its_events_are_one_statement_on_postgresql_two_on_sqlite(env) -> None:
    claimed = _claimed(env)
    sent: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        sent.append(statement.split(None, 1)[0].upper())

    steps = [processing.Step(S.PARSED, "cleaned", values={"parsed": {"tokens": 1}})]
    with session_scope(env.ctx.db_url) as session:
        engine = session.get_bind()
        sqlalchemy_event.listen(engine, "before_cursor_execute", count)
        try:
            processing.advance(session, env.ctx, claimed.email_id, S.PROCESSING, steps, attempt=claimed.attempt)
        finally:
            sqlalchemy_event.remove(engine, "before_cursor_execute", count)
    sent = [s for s in sent if s != "BEGIN"]  # SQLite's own BEGIN (the session's first statement)
    assert sent == (["UPDATE", "INSERT"] if env.backend == "sqlite" else ["WITH"])
