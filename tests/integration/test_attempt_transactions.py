"""The transactions of one attempt (docs/state-machine.md, "Transactions of one attempt"),
on both backends: a worker dying between any two of them, or between two statements of
one, leaves a state the sweep recovers — nothing lost, nothing applied twice — and a
second delivery of the same task while the first runs changes nothing.

"Dying" is an exception the job does not handle, raised at the chosen point inside
``processing.process_email`` called directly (not through the Huey task, which would
record the failure): what the database holds afterwards is what a killed process leaves.
"""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from creditctl.db import is_sqlite, session_scope
from creditctl.models import Claim, ClaimUpdate, Email, Event, ProcessingStatus as S, utcnow
from creditctl.pipeline.extraction.model import TokenUsage
from creditctl.schemas import WebhookPayload
from creditctl.services import decide, events, intake, operations, processing, reading
from tests.helpers import import_sample_clients, sample_payload

AUTO = "01_inkasso_table.json"  # auto-matched: claim RPI-7712-4408-19 540.00 → 686.41


class Died(Exception):
    """The worker process ends here (nothing after this point runs)."""


@pytest.fixture
def email_id(env) -> int:
    """The sample clients imported and ``AUTO`` stored: a received email, no attempt yet."""
    import_sample_clients(env)
    body = sample_payload(AUTO)
    return intake.store_email(env.ctx, WebhookPayload.model_validate(json.loads(body)), body, None).email_id


def _die_after_parse(env, email_id: int) -> None:
    """One attempt that dies right after the claim transaction (``ctx.after_parse``)."""

    def die(_email_id: int) -> None:
        raise Died

    env.ctx.after_parse = die
    try:
        with pytest.raises(Died):
            processing.process_email(env.ctx, email_id)
    finally:
        env.ctx.after_parse = None


def _sweep_after_the_lease(env) -> list[int]:
    """The sweep run once the dead attempt's lease has run out: the ids it requeued."""
    later = utcnow() + timedelta(seconds=env.settings.lease_seconds + 1)
    return [i for i, _why in operations.sweep(env.ctx, now=later).requeued]


def _row(env, email_id: int) -> Email:
    with session_scope(env.ctx.db_url) as s:
        email = s.get_one(Email, email_id)
        s.expunge(email)
        return email


def _count(env, query) -> int:
    with session_scope(env.ctx.db_url) as s:
        return int(s.scalar(query) or 0)


def _moves(env, email_id: int) -> list[tuple[str | None, str | None]]:
    with session_scope(env.ctx.db_url) as s:
        return [
            (e.from_status, e.to_status)
            for e in s.scalars(
                select(Event).where(Event.email_id == email_id, Event.kind == "transition").order_by(Event.id)
            )
        ]


def _claim_amount(env) -> Decimal | None:
    with session_scope(env.ctx.db_url) as s:
        return s.scalar(select(Claim.amount).where(Claim.creditor_reference == "RPI-7712-4408-19"))


def _recover_and_finish(env, email_id: int) -> None:
    """The dead attempt's lease runs out; the sweep takes the row back once; the next
    attempt completes it with exactly one claim write."""
    assert _sweep_after_the_lease(env) == [email_id]
    assert _row(env, email_id).processing_status == "queued"
    outcome = processing.process_email(env.ctx, email_id)
    assert (outcome.status, outcome.match_status) == ("completed", "auto_matched")
    email = _row(env, email_id)
    assert (email.processing_status, email.attempts, email.lease_owner) == ("completed", 2, None)
    assert _count(env, select(func.count()).select_from(ClaimUpdate).where(ClaimUpdate.email_id == email_id)) == 1
    assert _claim_amount(env) == Decimal("686.41")
    moves = _moves(env, email_id)
    assert moves[:2] == [("received", "processing"), ("queued", "processing")]  # the sweep: a sweep event
    for move in (("processing", "parsed"), ("parsed", "extracted"), ("extracted", "completed")):
        assert moves.count(move) == 1, moves
    assert (
        _count(env, select(func.count()).select_from(Event).where(Event.email_id == email_id, Event.kind == "sweep"))
        == 1
    )


def _assert_nothing_of_the_reading(env, email_id: int) -> None:
    """The claim is all that committed: ``processing`` under the lease, no reading, no write."""
    email = _row(env, email_id)
    assert (email.processing_status, email.match_status, email.attempts) == ("processing", "pending", 1)
    assert email.lease_owner == env.ctx.worker_name and email.lease_expires_at is not None
    assert (email.parsed, email.extraction, email.match, email.parsed_at, email.finished_at) == (None,) * 5
    assert _count(env, select(func.count()).select_from(ClaimUpdate)) == 0
    assert _claim_amount(env) == Decimal("540.00")
    assert _moves(env, email_id) == [("received", "processing")]


def test_died_between_the_claim_and_the_final_transaction(env, email_id: int) -> None:
    _die_after_parse(env, email_id)
    _assert_nothing_of_the_reading(env, email_id)
    # the same task delivered again while the lease holds: skipped, nothing written
    again = processing.process_email(env.ctx, email_id)
    assert again.status == "skipped" and "held by" in again.detail
    _assert_nothing_of_the_reading(env, email_id)
    _recover_and_finish(env, email_id)


@pytest.mark.parametrize(
    "where",
    [
        "after the claim write, before the status update",
        "after the status update, before the events",
        "after the status update and its events, before the commit",
    ],
)
def test_died_between_two_statements_of_the_final_transaction(env, monkeypatch, email_id: int, where: str) -> None:
    # the compare-and-set and its events are one statement on PostgreSQL, two on SQLite
    # (events.update_and_record): the point between them exists on SQLite only
    if where == "after the status update, before the events" and not is_sqlite(env.ctx.db_url):
        _assert_no_separate_event_insert_for_the_final_move(env, monkeypatch, email_id)
        return
    owner, name = {
        "after the claim write, before the status update": (processing, "advance"),
        "after the status update, before the events": (events, "record_events"),
        "after the status update and its events, before the commit": (processing, "update_and_record"),
    }[where]
    real = getattr(owner, name)

    def die(*args, **kwargs):
        if name != "advance" and args[-1][0]["to_status"] == S.PROCESSING:
            return real(*args, **kwargs)  # the claim's move and event (its own transaction): not this point
        if name == "advance":  # the claim write ran in this transaction: it must not survive
            assert [e["kind"] for e in kwargs["events"]][:1] == ["claim_update"]
        if name == "update_and_record":  # the row moved and its events are written, not committed
            assert real(*args, **kwargs) == 1
        raise Died

    monkeypatch.setattr(owner, name, die)
    with pytest.raises(Died):
        processing.process_email(env.ctx, email_id)
    monkeypatch.setattr(owner, name, real)
    _assert_nothing_of_the_reading(env, email_id)  # the whole transaction rolled back
    _recover_and_finish(env, email_id)


def _assert_no_separate_event_insert_for_the_final_move(env, monkeypatch, email_id: int) -> None:
    """On PostgreSQL the final move and its events are one statement (``events.update_and_record``): no point exists
    between them, so the job's events of a status move are never inserted on their own; the job completes."""
    real = events.record_events
    moves: list[Any] = []

    def spy(*args, **kwargs):
        moves.extend(row for row in args[-1] if row.get("to_status") not in (None, S.PROCESSING))
        return real(*args, **kwargs)

    monkeypatch.setattr(events, "record_events", spy)
    processing.process_email(env.ctx, email_id)
    monkeypatch.setattr(events, "record_events", real)
    assert moves == []
    assert _row(env, email_id).processing_status == "completed"


def test_a_paid_extraction_commits_before_the_decision_and_survives_its_failure(
    env, monkeypatch, email_id: int
) -> None:
    real_extract, real_evaluate = reading.extract, decide.evaluate
    usage = TokenUsage(input_tokens=1500, output_tokens=300)
    monkeypatch.setattr(
        reading,
        "extract",
        lambda ctx, row, parsed, **kw: real_extract(ctx, row, parsed, **kw).model_copy(update={"usage": usage}),
    )

    def die(*args, **kwargs):
        raise Died

    monkeypatch.setattr(decide, "evaluate", die)
    with pytest.raises(Died):
        processing.process_email(env.ctx, email_id)
    email = _row(env, email_id)
    assert (email.processing_status, email.match_status, email.lease_owner) == (
        "extracted",
        "pending",
        env.ctx.worker_name,
    )
    assert email.parsed and email.extraction and (email.input_tokens, email.output_tokens) == (1500, 300)
    assert email.parsed_at is not None and email.extracted_at is not None and email.match is None
    assert _moves(env, email_id) == [("received", "processing"), ("processing", "parsed"), ("parsed", "extracted")]
    llm_calls = select(func.count()).select_from(Event).where(Event.email_id == email_id, Event.kind == "llm_call")
    assert _count(env, llm_calls) == 1
    assert _count(env, select(func.count()).select_from(ClaimUpdate)) == 0

    monkeypatch.setattr(decide, "evaluate", real_evaluate)
    assert _sweep_after_the_lease(env) == [email_id]
    outcome = processing.process_email(env.ctx, email_id)
    assert (outcome.status, outcome.match_status) == ("completed", "auto_matched")
    assert _count(env, llm_calls) == 2  # both paid calls are on record
    assert _count(env, select(func.count()).select_from(ClaimUpdate)) == 1
    assert _claim_amount(env) == Decimal("686.41")
    moves = _moves(env, email_id)
    assert moves[3:] == [("queued", "processing"), ("processing", "parsed"), ("parsed", "extracted")] + [
        ("extracted", "completed")
    ]


def test_second_delivery_while_the_first_attempt_runs_is_skipped(env, email_id: int) -> None:
    seen: list[processing.ProcessOutcome] = []

    def deliver_again(_email_id: int) -> None:  # another worker thread gets the same task now
        t = threading.Thread(target=lambda: seen.append(processing.process_email(env.ctx, email_id)))
        t.start()
        t.join(30)

    env.ctx.after_parse = deliver_again
    try:
        outcome = processing.process_email(env.ctx, email_id)
    finally:
        env.ctx.after_parse = None
    assert (outcome.status, outcome.match_status) == ("completed", "auto_matched")
    assert [o.status for o in seen] == ["skipped"]
    started = select(func.count()).select_from(Event).where(Event.email_id == email_id, Event.to_status == "processing")
    assert _count(env, started) == 1
    assert _count(env, select(func.count()).select_from(ClaimUpdate)) == 1
    assert _row(env, email_id).attempts == 1


def test_a_worker_claims_a_dead_attempts_row_directly_once_its_lease_ran_out(env, email_id: int) -> None:
    _die_after_parse(env, email_id)
    assert processing.process_email(env.ctx, email_id).status == "skipped"  # the lease still holds
    with session_scope(env.ctx.db_url) as s:
        s.get_one(Email, email_id).lease_expires_at = utcnow() - timedelta(seconds=1)
    outcome = processing.process_email(env.ctx, email_id)  # no sweep: the message was delivered again
    assert (outcome.status, outcome.match_status) == ("completed", "auto_matched")
    assert _row(env, email_id).attempts == 2
    moves = _moves(env, email_id)
    assert moves[:2] == [("received", "processing"), ("processing", "processing")]
    assert moves.count(("extracted", "completed")) == 1
    assert _count(env, select(func.count()).select_from(ClaimUpdate)) == 1
    with session_scope(env.ctx.db_url) as s:
        started = s.scalars(select(Event.message).where(Event.email_id == email_id, Event.to_status == "processing"))
        assert [m.startswith("attempt 2 started") and "expired" in m for m in started] == [False, True]
