"""A job that died during a database outage (``FailureNotRecorded``) does not keep its lease
on a live worker: the worker records the failure once the database answers (``retrying``,
the lease released, the retry enqueued), so ``retry`` and the sweep need not wait for the
lease to run out (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from creditctl.db import session_scope
from creditctl.models import Email, Event
from creditctl.schemas import WebhookPayload
from creditctl.services import intake, processing
from creditctl.tasks import FailureNotRecorded, record_unrecorded_failures
from tests.helpers import payload


def _down() -> OperationalError:
    return OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))


def _row(env, email_id: int) -> Email:
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        s.expunge(email)
        return email


def _job_dies_in_an_outage(env, monkeypatch, tag: str) -> tuple[int, dict[str, bool]]:
    """Store an email and run its job while the database goes away in the middle of it, so its
    failure cannot be written either (``FailureNotRecorded``): (the email's id, the switch — set
    ``down`` False and the database answers again)."""
    body = payload(ticket_id=tag, comment_id=tag)
    email_id = intake.store_email(env.ctx, WebhookPayload.model_validate_json(body), body, None).email_id
    database = {"down": False}
    real_record = processing.record_failure

    def steps(*_args, **_kwargs):
        database["down"] = True  # the database goes away in the middle of the job …
        raise _down()

    def record(*args, **kwargs):
        if database["down"]:  # … so its failure cannot be written either
            raise _down()
        return real_record(*args, **kwargs)

    monkeypatch.setattr(processing, "_run_steps", steps)
    monkeypatch.setattr(processing, "record_failure", record)
    with pytest.raises(FailureNotRecorded, match="recorded when the database answers"):
        env.runtime.process_email.call_local(email_id)
    return email_id, database


def test_a_failure_not_recorded_releases_its_lease_once_the_database_answers(env, monkeypatch) -> None:
    email_id, database = _job_dies_in_an_outage(env, monkeypatch, "unrec1")
    held = _row(env, email_id)
    assert held.processing_status == "processing" and held.lease_owner == env.ctx.worker_name
    assert processing.unrecorded_ids() == [email_id]

    with pytest.raises(OperationalError):  # still down: kept, tried again on the next housekeeping second
        record_unrecorded_failures(env.runtime)
    assert processing.unrecorded_ids() == [email_id]

    database["down"] = False
    before = env.huey.pending_count() + env.huey.scheduled_count()
    assert record_unrecorded_failures(env.runtime) == 1
    released = _row(env, email_id)
    assert released.processing_status == "retrying"
    assert released.lease_owner is None and released.lease_expires_at is None
    assert str(released.last_error_class).endswith("OperationalError")
    assert env.huey.pending_count() + env.huey.scheduled_count() == before + 1  # its retry is queued
    with session_scope(env.ctx.db_url) as s:
        kinds = [e.message for e in s.scalars(select(Event).where(Event.email_id == email_id))]
    assert any(m.startswith(f"attempt {held.attempts} failed") for m in kinds), kinds
    assert processing.unrecorded_ids() == [] and record_unrecorded_failures(env.runtime) == 0


def test_a_row_that_moved_on_meanwhile_is_left_alone(env, monkeypatch) -> None:
    """Swept and re-claimed by another worker while the failure waited: nothing is written."""
    email_id, database = _job_dies_in_an_outage(env, monkeypatch, "unrec2")
    with session_scope(env.ctx.db_url) as s:  # another worker's claim now
        s.execute(Email.__table__.update().where(Email.id == email_id).values(lease_owner="other-worker"))
    database["down"] = False
    assert record_unrecorded_failures(env.runtime) == 0
    row = _row(env, email_id)
    assert row.processing_status == "processing" and row.lease_owner == "other-worker"
    assert processing.unrecorded_ids() == []


def test_the_worker_housekeeping_records_it_within_seconds(env, monkeypatch) -> None:
    """The wiring: a running worker's housekeeping (every second) records the kept failure."""
    import threading
    import time

    from creditctl import worker

    email_id, database = _job_dies_in_an_outage(env, monkeypatch, "unrec3")
    database["down"] = False
    keeper = worker.Housekeeper(env.runtime, worker.WorkerOptions())
    exits: list[str] = []
    monkeypatch.setattr(keeper, "_exit", exits.append)  # its RSS bound would signal pytest itself
    keeper.start()
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and _row(env, email_id).lease_owner is not None:
            threading.Event().wait(0.2)
    finally:
        keeper.stop()
        keeper.join(5)
    row = _row(env, email_id)
    assert row.lease_owner is None and row.processing_status == "retrying"
