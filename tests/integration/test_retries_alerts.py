"""docs/retry-policy.md: retries with backoff, and the permanent-failure alert that fires exactly once.

Real pieces only: the anthropic SDK against a local Messages API server
(``tests/fakes/messages_api.py``), a real SMTP server on loopback (aiosmtpd,
``tests/fakes/smtp.py``) reached by ``SmtpNotifier``, the real queue (SqliteHuey or
Redis) drained in the test thread, on both backend pairs (``backend`` fixture).
Delays are milliseconds: ``retry_min_delay=0.01``, ``retry_max_delay=0.05``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from huey import signals as S
from sqlalchemy import select, update

from creditctl.adapters.claude import ClaudeExtractor
from creditctl.adapters.notifier import SmtpNotifier
from creditctl.db import session_scope
from creditctl.models import Email, Event, Outbox, utcnow
from creditctl.services import intake, notifications, operations
from creditctl.services.context import AppContext
from creditctl.tasks import build_runtime
from tests.fakes.messages_api import MessagesAPIServer, Reply, claim_answer
from tests.fakes.smtp import FakeSmtpServer
from tests.helpers import Env, drain, make_env, payload, unique_body

OPS = "ops@example.org"
BODY = (
    "Sehr geehrte Damen und Herren,\n"
    "die Gesamtforderung gegen Frau Tamara Reinholz beträgt 1.234,56 EUR.\n"
    "Mit freundlichen Grüßen\nInkasso GmbH"
)


def answer() -> dict[str, Any]:
    """A valid structured answer for BODY (no client is imported: it completes as no_match)."""
    return claim_answer()


# fixtures ------------------------------------------------------------------------------


@pytest.fixture
def smtp() -> Iterator[FakeSmtpServer]:
    with FakeSmtpServer() as server:
        yield server


@pytest.fixture
def build(tmp_path: Path, backend: str, api: MessagesAPIServer, smtp: FakeSmtpServer) -> Iterator[Callable[..., Env]]:
    """``build(**settings)``: an Env with the Claude extractor on ``api`` and SMTP to ``smtp``."""
    made: list[Env] = []

    def _build(**overrides: Any) -> Env:
        env = make_env(
            tmp_path,
            backend,
            ctx_kwargs={
                "extractor_factory": lambda name: ClaudeExtractor(
                    model="claude-haiku-4-5", api_key="test", base_url=api.base_url, timeout_s=0.5
                )
            },
            extractor="claude",
            alert_email_to=OPS,
            **overrides,
        )
        # helpers.make_env passes its own notifier, so ctx_kwargs cannot carry one
        env.ctx.notifier = SmtpNotifier(smtp.url, timeout_s=5.0)
        made.append(env)
        return env

    yield _build
    for env in made:
        env.close()


# helpers -------------------------------------------------------------------------------


def receive(env: Env) -> int:
    """Store one creditor email as the webhook would, and enqueue it; returns its id."""
    result = intake.receive_webhook(
        env.ctx, raw_body=payload(body_text=unique_body(BODY)), headers={}, verify_signature=False
    )
    assert result.status == "accepted"
    return result.email_id


def email_row(env: Env, email_id: int) -> dict[str, Any]:
    with session_scope(env.ctx.db_url) as session:
        e = session.get(Email, email_id)
        return {
            "status": e.processing_status,
            "attempts": e.attempts,
            "error_class": e.last_error_class,
            "last_error": e.last_error,
            "alerted_at": e.alerted_at,
            "ticket_id": e.ticket_id,
            "from_email": e.from_email,
            "next_attempt_at": e.next_attempt_at,
        }


def events(env: Env, email_id: int, kind: str | None = None) -> list[dict[str, Any]]:
    with session_scope(env.ctx.db_url) as session:
        query = select(Event).where(Event.email_id == email_id).order_by(Event.id)
        if kind:
            query = query.where(Event.kind == kind)
        return [
            {
                "kind": ev.kind,
                "from": ev.from_status,
                "to": ev.to_status,
                "attempt": ev.attempt,
                "error_class": ev.error_class,
                "duration_ms": ev.duration_ms,
                "data": ev.data,
                "message": ev.message,
            }
            for ev in session.scalars(query)
        ]


def retry_delays(env: Env, email_id: int) -> list[float]:
    """``delay_s`` of every transition to ``retrying``, in order."""
    return [ev["data"]["delay_s"] for ev in events(env, email_id, "transition") if ev["to"] == "retrying"]


def outbox(env: Env, kind: str = "alert") -> list[dict[str, Any]]:
    with session_scope(env.ctx.db_url) as session:
        return [
            {
                "id": r.id,
                "email_id": r.email_id,
                "status": r.status,
                "attempts": r.attempts,
                "last_error": r.last_error,
                "payload": r.payload,
                "dedupe_key": r.dedupe_key,
            }
            for r in session.scalars(select(Outbox).where(Outbox.kind == kind).order_by(Outbox.id))
        ]


def make_outbox_due(env: Env) -> None:
    with session_scope(env.ctx.db_url) as session:
        session.execute(
            update(Outbox).where(Outbox.status == "pending").values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


def run_ready(env: Env) -> int:
    """Run the tasks ready now (not the scheduled ones) in this thread; returns how many."""
    ran = 0
    while env.huey.pending_count():  # Redis's dequeue blocks for a second when empty
        task = env.huey.dequeue()
        if task is None:
            break
        env.huey.execute(task)
        ran += 1
    return ran


def text(mail: Any) -> str:
    """The plain-text body as received (SMTP carries CRLF line ends)."""
    return mail.body.replace("\r\n", "\n")


def assert_alert_text(mail: Any, email_id: int, row: dict[str, Any], *, error: str, attempts: int) -> None:
    assert mail.rcpt_tos == (OPS,)
    assert mail.message["To"] == OPS
    assert f"Email {email_id} failed" in mail.subject and f"ticket {row['ticket_id']}" in mail.subject
    body = text(mail)
    assert f"Email id:        {email_id}\n" in body
    assert f"Zendesk ticket:  {row['ticket_id']}\n" in body
    assert row["from_email"] in body.split("Sender:", 1)[1].splitlines()[0]
    assert f"Attempts:        {attempts}\n" in body
    assert error in body.split("Error:", 1)[1]
    assert f"    creditctl retry {email_id}\n" in body


# retries ---------------------------------------------------------------------------------


def test_rate_limited_twice_then_answered_completes_after_three_attempts_without_alert(build, api, smtp):
    env = build()
    api.enqueue(Reply.rate_limited(retry_after=0), Reply.rate_limited(retry_after=0), Reply.json(answer()))
    email_id = receive(env)

    drain(env.runtime)

    row = email_row(env, email_id)
    assert row["status"] == "completed"
    assert row["attempts"] == 3
    assert len(api.requests) == 3
    attempts = events(env, email_id, "attempt")
    assert [a["attempt"] for a in attempts] == [1, 2, 3]
    assert [a["error_class"] for a in attempts] == ["anthropic.RateLimitError", "anthropic.RateLimitError", None]
    assert all(a["duration_ms"] is not None and a["duration_ms"] > 0 for a in attempts)
    transitions = events(env, email_id, "transition")
    assert [t["to"] for t in transitions].count("retrying") == 2
    assert "failed" not in [t["to"] for t in transitions]  # a transient failure never sets failed
    # each retry really ran: attempt n+1 started after the n-th retrying transition
    started = [t["attempt"] for t in transitions if t["to"] == "processing"]
    assert started == [1, 2, 3]
    assert row["alerted_at"] is None
    assert outbox(env) == []
    notifications.deliver_outbox(env.ctx)
    assert smtp.messages == []


def test_retry_after_longer_than_the_backoff_is_honoured_and_capped(build, api):
    env = build()
    api.enqueue(Reply.rate_limited(retry_after=0.03), Reply.rate_limited(retry_after=7), Reply.json(answer()))
    email_id = receive(env)

    drain(env.runtime)

    assert email_row(env, email_id)["status"] == "completed"
    first, second = retry_delays(env, email_id)
    assert 0.03 <= first <= 0.05  # Retry-After 0.03 s beats the 0.01 s backoff
    assert second == pytest.approx(0.05)  # Retry-After 7 s, capped at the 0.05 s maximum


def test_bad_request_fails_after_one_attempt_and_alerts_exactly_once(build, api, smtp):
    env = build()
    api.enqueue(Reply.bad_request("messages: prompt is too long"))
    email_id = receive(env)

    drain(env.runtime)  # also runs the delivery task queued by the alert

    row = email_row(env, email_id)
    assert row["status"] == "failed"
    assert row["attempts"] == 1
    assert row["error_class"] == "anthropic.BadRequestError"
    assert row["alerted_at"] is not None
    assert len(events(env, email_id, "attempt")) == 1
    assert len(api.requests) == 1
    mails = smtp.wait_for(1)
    assert_alert_text(mails[0], email_id, row, error="prompt is too long", attempts=1)
    assert [o["status"] for o in outbox(env)] == ["sent"]
    # delivering again sends nothing more
    assert notifications.deliver_outbox(env.ctx).sent == 0
    assert len(smtp.messages) == 1


def test_timeouts_on_every_attempt_fail_after_six_with_bounded_growing_delays(build, api, smtp):
    env = build()
    api.auto_delay_s = 2.0  # every answer arrives after the client's 0.5 s timeout
    email_id = receive(env)

    drain(env.runtime, timeout_s=60)

    row = email_row(env, email_id)
    assert row["status"] == "failed"
    assert row["attempts"] == 1 + 5
    assert row["error_class"] == "anthropic.APITimeoutError"
    attempts = events(env, email_id, "attempt")
    assert [a["attempt"] for a in attempts] == [1, 2, 3, 4, 5, 6]
    assert {a["error_class"] for a in attempts} == {"anthropic.APITimeoutError"}
    delays = retry_delays(env, email_id)
    assert len(delays) == 5
    assert delays == sorted(delays), delays
    assert all(0.0 < d <= env.settings.retry_max_delay for d in delays), delays
    assert delays[0] <= env.settings.retry_min_delay * 1.1
    assert delays[-1] == pytest.approx(env.settings.retry_max_delay)
    final = [t for t in events(env, email_id, "transition") if t["to"] == "failed"]
    assert len(final) == 1 and "retries exhausted" in final[0]["message"]
    mails = smtp.wait_for(1)
    assert_alert_text(mails[0], email_id, row, error="APITimeoutError", attempts=6)
    notifications.deliver_outbox(env.ctx)
    assert len(smtp.messages) == 1
    assert len(outbox(env)) == 1


# the alert -----------------------------------------------------------------------------


def test_smtp_down_keeps_worker_going_and_alert_is_delivered_once_when_back(build, api, smtp):
    env = build()
    smtp.stop()
    api.enqueue(Reply.bad_request())
    api.auto_payload = answer()
    failing = receive(env)
    others = [receive(env), receive(env)]

    drain(env.runtime)  # the delivery task fails to connect; the worker goes on

    assert email_row(env, failing)["status"] == "failed"
    assert [email_row(env, i)["status"] for i in others] == ["completed", "completed"]
    [alert] = outbox(env)
    assert alert["status"] == "pending"
    assert alert["attempts"] >= 1 and "ConnectionRefusedError" in alert["last_error"]
    make_outbox_due(env)
    report = notifications.deliver_outbox(env.ctx)  # still down: stays pending
    assert report.failed == 1 and report.sent == 0
    assert outbox(env)[0]["status"] == "pending"
    assert smtp.messages == []

    smtp.start()
    make_outbox_due(env)
    env.huey.enqueue(env.runtime.deliver_outbox.s())
    drain(env.runtime)

    mails = smtp.wait_for(1)
    assert_alert_text(mails[0], failing, email_row(env, failing), error="BadRequestError", attempts=1)
    assert outbox(env)[0]["status"] == "sent"
    make_outbox_due(env)
    notifications.deliver_outbox(env.ctx)
    assert len(smtp.messages) == 1


def test_alert_handler_running_twice_or_after_a_restart_alerts_once(build, api, smtp):
    env = build()
    api.enqueue(Reply.bad_request())
    email_id = receive(env)
    drain(env.runtime)
    smtp.wait_for(1)

    exc = RuntimeError("same final failure")
    for _ in range(2):
        task = env.runtime.process_email.s(email_id)
        task.retries = 0
        env.huey._emit(S.SIGNAL_ERROR, task, exc)
    assert notifications.raise_failure_alert(env.ctx, email_id, error="again") is False
    # a restarted worker: a new runtime, context and Huey instance on the same stores
    restarted = build_runtime(
        env.settings, ctx=AppContext(settings=env.settings, notifier=env.ctx.notifier), adapters=False
    )
    task = restarted.process_email.s(email_id)
    task.retries = 0
    restarted.huey._emit(S.SIGNAL_ERROR, task, exc)
    drain(env.runtime)
    make_outbox_due(env)
    notifications.deliver_outbox(env.ctx)

    assert len(smtp.messages) == 1
    assert len(outbox(env)) == 1
    assert len(events(env, email_id, "alert")) == 1


def test_alert_handler_ignores_signals_followed_by_a_retry_and_catches_other_endings(build, smtp):
    env = build()
    waiting = receive(env)  # queued, not run
    for signal in (S.SIGNAL_ERROR, S.SIGNAL_TIMEOUT, S.SIGNAL_LOCKED, S.SIGNAL_CANCELED):
        task = env.runtime.process_email.s(waiting)
        task.retries = 2  # Huey requeues it: not final
        env.huey._emit(signal, task, *((RuntimeError("transient"),) if signal == S.SIGNAL_ERROR else ()))
    assert email_row(env, waiting)["status"] == "queued"
    assert outbox(env) == []

    timed_out = receive(env)
    task = env.runtime.process_email.s(timed_out)
    task.retries = 0
    env.huey._emit(S.SIGNAL_TIMEOUT, task)  # a final ending without SIGNAL_ERROR
    env.huey._emit(S.SIGNAL_TIMEOUT, task)
    row = email_row(env, timed_out)
    assert row["status"] == "failed" and row["alerted_at"] is not None
    assert row["error_class"] == S.SIGNAL_TIMEOUT
    assert [o["email_id"] for o in outbox(env)] == [timed_out]
    notifications.deliver_outbox(env.ctx)
    assert len(smtp.wait_for(1)) == 1


def test_an_email_whose_workers_died_on_every_attempt_fails_with_one_alert(build, smtp):
    env = build()
    email_id = receive(env)
    with session_scope(env.ctx.db_url) as session:  # six workers took it and died mid-job
        session.execute(
            update(Email)
            .where(Email.id == email_id)
            .values(
                processing_status="processing",
                attempts=6,
                lease_owner="dead-host:1",
                lease_expires_at=utcnow() - timedelta(seconds=1),
            )
        )
    env.runtime.enqueue(email_id)
    drain(env.runtime)

    row = email_row(env, email_id)
    assert row["status"] == "failed" and row["alerted_at"] is not None
    mails = smtp.wait_for(1)
    assert_alert_text(mails[0], email_id, row, error="gave up after 6 attempts", attempts=6)


def test_a_failure_whose_alert_was_never_raised_is_caught_up_once(build, smtp):
    env = build()
    email_id = receive(env)
    with session_scope(env.ctx.db_url) as session:  # failed, then the worker was killed before its handler
        session.execute(
            update(Email)
            .where(Email.id == email_id)
            .values(
                processing_status="failed",
                attempts=1,
                last_error="TimeoutError: db",
                last_error_class="TimeoutError",
                finished_at=utcnow() - timedelta(seconds=5),
            )
        )
    recent = receive(env)
    with session_scope(env.ctx.db_url) as session:  # failed just now: its own handler may still run
        session.execute(
            update(Email)
            .where(Email.id == recent)
            .values(processing_status="failed", attempts=1, finished_at=utcnow() + timedelta(seconds=5))
        )

    assert notifications.alert_missed_failures(env.ctx) == [email_id]
    assert notifications.alert_missed_failures(env.ctx) == []
    drain(env.runtime)

    mails = smtp.wait_for(1)
    assert len(mails) == 1
    assert_alert_text(mails[0], email_id, email_row(env, email_id), error="TimeoutError: db", attempts=1)


def test_auto_matched_email_after_a_transient_error_sends_the_office_notice_not_an_alert(tmp_path, backend, smtp):
    from creditctl.pipeline.extraction.rules import RulesExtractor
    from tests.helpers import import_sample_clients, sample_payload

    calls = []

    def flaky(name):
        calls.append(name)
        if len(calls) == 1:
            raise ConnectionResetError("connection reset by peer")
        return RulesExtractor()

    env = make_env(
        tmp_path,
        backend,
        ctx_kwargs={"extractor_factory": flaky},
        alert_email_to=OPS,
        notify_email_to="team@example.org",
    )
    try:
        env.ctx.notifier = SmtpNotifier(smtp.url, timeout_s=5.0)
        import_sample_clients(env)
        email_id = intake.receive_webhook(
            env.ctx, raw_body=sample_payload("01_inkasso_table.json"), headers={}, verify_signature=False
        ).email_id
        drain(env.runtime)

        row = email_row(env, email_id)
        assert row["status"] == "completed" and row["attempts"] == 2
        with session_scope(env.ctx.db_url) as session:
            assert session.get(Email, email_id).match_status == "auto_matched"
        mails = smtp.wait_for(1)
        assert len(mails) == 1
        assert mails[0].rcpt_tos == ("team@example.org",)
        assert mails[0].subject.startswith("Gläubiger-Antwort: Tamara Reinholz - ")
        assert "686,41 €" in text(mails[0])
        assert outbox(env) == []
    finally:
        env.close()


def test_twenty_failures_of_one_cause_make_one_incident_alert(build, api, smtp):
    # 3 s window: failures here come ~50 ms apart, but a loaded CI machine must not split
    # the storm (alerts are held while failures keep coming, at most 10 windows)
    env = build(alert_window_seconds=3.0)
    assert env.settings.alert_storm_threshold == 5
    api.enqueue(*[Reply.bad_request("credit balance is too low")] * 20)
    ids = []
    for n in range(20):
        ids.append(receive(env))
        run_ready(env)  # each email fails; delivery runs in between and must hold the storm
        if n % 5 == 4:
            assert notifications.deliver_outbox(env.ctx).sent == 0
    drain(env.runtime)  # the delivery task comes back once the window is quiet

    assert [email_row(env, i)["status"] for i in ids] == ["failed"] * 20
    mails = smtp.wait_for(1)
    assert len(mails) == 1, [m.subject for m in mails]
    mail = mails[0]
    assert "Incident: 20 emails failed with anthropic.BadRequestError" in mail.subject
    body = text(mail)
    assert "Emails:       20\n" in body
    sample = body.split("Sample ids:", 1)[1].splitlines()[0]
    assert {int(x) for x in sample.split(",")} <= set(ids) and len(sample.split(",")) == 10
    assert "credit balance is too low" in body
    assert "creditctl retry --failed --error-class anthropic.BadRequestError" in body
    rows = outbox(env)
    assert len(rows) == 20 and {r["status"] for r in rows} == {"sent"}
    assert {r["payload"]["incident_count"] for r in rows} == {20}
    make_outbox_due(env)
    notifications.deliver_outbox(env.ctx)
    assert len(smtp.messages) == 1


def test_a_few_failures_within_the_window_are_single_alerts(build, api, smtp):
    env = build(alert_window_seconds=0.2)
    api.enqueue(*[Reply.bad_request()] * 3)
    ids = [receive(env) for _ in range(3)]
    drain(env.runtime)

    mails = smtp.wait_for(3)
    assert len(mails) == 3
    assert sorted(int(m.subject.split()[2]) for m in mails) == sorted(ids)


# operator retry ----------------------------------------------------------------------


def test_operator_retry_of_a_failed_email_completes_it_and_refuses_a_completed_one(build, api, smtp):
    env = build()
    api.enqueue(Reply.bad_request())
    api.auto_payload = answer()
    email_id = receive(env)
    drain(env.runtime)
    assert email_row(env, email_id)["status"] == "failed"
    smtp.wait_for(1)

    plan = operations.plan_retry(env.ctx, ids=[email_id])
    assert [e["id"] for e in plan.eligible] == [email_id] and plan.refused == []
    assert plan.by_error_class == {"anthropic.BadRequestError": 1}
    result = operations.execute_retry(env.ctx, plan, operator="tester")
    assert result.enqueued == [email_id]
    drain(env.runtime)

    row = email_row(env, email_id)
    assert row["status"] == "completed"
    history = events(env, email_id, "attempt")
    assert [a["error_class"] for a in history] == ["anthropic.BadRequestError", None]  # history kept
    assert any("retry requested by tester" in e["message"] for e in events(env, email_id, "operator"))

    again = operations.plan_retry(env.ctx, ids=[email_id])
    assert again.eligible == []
    assert again.refused == [{"id": email_id, "reason": again.refused[0]["reason"]}]
    assert "completed" in again.refused[0]["reason"] and "reprocess --ids" in again.refused[0]["reason"]
    refused = operations.execute_retry(env.ctx, again, operator="tester")
    assert refused.enqueued == [] and refused.refused == again.refused
    assert len(smtp.messages) == 1


def test_an_email_failing_again_after_an_operator_retry_alerts_again(build, api, smtp):
    env = build()
    api.enqueue(Reply.bad_request("first"), Reply.bad_request("second"))
    email_id = receive(env)
    drain(env.runtime)
    smtp.wait_for(1)

    operations.execute_retry(env.ctx, operations.plan_retry(env.ctx, ids=[email_id]), operator="tester")
    drain(env.runtime)

    mails = smtp.wait_for(2)
    assert len(mails) == 2
    assert "second" in text(mails[1])
    assert [o["dedupe_key"] for o in outbox(env)] == [f"alert:{email_id}:1", f"alert:{email_id}:2"]


def test_the_retry_state_lives_in_the_database_not_in_huey(build, api, smtp):
    """process_email declares no Huey retries: the row (attempts, next_attempt_at) decides,
    the task enqueues the retry itself, and when that enqueue fails the sweep does it."""
    env = build()
    assert env.runtime.process_email.s(1).retries == 0
    api.enqueue(Reply.rate_limited(retry_after=0), Reply.json(answer()))
    email_id = receive(env)

    def queue_down(*_args: Any, **_kwargs: Any) -> None:
        raise ConnectionError("queue down (test)")

    env.runtime.enqueue = queue_down  # the retry's enqueue fails; the first message is already queued
    assert run_ready(env) == 1
    row = email_row(env, email_id)
    assert (row["status"], row["attempts"]) == ("retrying", 1) and row["next_attempt_at"] is not None
    assert env.huey.scheduled_count() == 0 and env.huey.pending_count() == 0  # nothing left in Huey
    del env.runtime.enqueue  # the queue is back
    env.ctx.enqueue = env.runtime.enqueue

    report = operations.sweep(env.ctx, now=utcnow() + timedelta(seconds=60))
    assert [reason for _, reason in report.requeued] == ["retry is overdue"]
    drain(env.runtime)
    row = email_row(env, email_id)
    assert (row["status"], row["attempts"]) == ("completed", 2)
