"""``tail``'s reads (creditctl/services/stream.py, plain SQL on a DBAPI connection) give
what the same filters give over the models, on both backends, from the pool and on a
connection of their own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from creditctl import dbapi
from creditctl.db import session_scope
from creditctl.dbapi import utcnow
from creditctl.models import Claim, Email, Event, ProcessingStatus
from creditctl.services import intake, status, stream
from tests.helpers import drain, import_sample_clients, sample_payload


def test_the_filter_values_are_the_models():
    assert stream.PROCESSING_STATUSES == tuple(s.value for s in ProcessingStatus)


def _has(emails, creditors, event, needle):
    """What ``creditor=needle`` keeps: the sender's address or name, or the matched
    claim's creditor, contains ``needle`` in any case."""
    email = emails[event["email_id"]]
    texts = (email.from_email, email.from_name, creditors.get(email.matched_claim_id))
    return any(needle.lower() in (text or "").lower() for text in texts)


@pytest.mark.parametrize("pooled", [True, False])
def test_each_filter_matches_the_models(env, monkeypatch, pooled):
    import_sample_clients(env)
    for name in ("01_inkasso_table.json", "04_out_of_office.json", "06_english_statement.json"):
        intake.receive_webhook(env.ctx, raw_body=sample_payload(name), headers={}, verify_signature=False)
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as session:
        events = session.scalars(select(Event).order_by(Event.id)).all()
        emails = {e.id: e for e in session.scalars(select(Email))}
        creditors = {c.id: c.creditor_name for c in session.scalars(select(Claim))}
        every = [status.event_dict(e) for e in events]
    assert len(emails) == 3 and len(every) > 6
    first = min(emails)
    sender = emails[first].from_email
    matched = next(e for e in emails.values() if e.match_status == "auto_matched")
    creditor = creditors[matched.matched_claim_id]
    expected = {
        "email_id": [e for e in every if e["email_id"] == first],
        "status": [e for e in every if "completed" in (e["to_status"], e["from_status"])],
        "level": [e for e in every if e["level"] in ("warning", "error")],
        "match_state": [e for e in every if emails[e["email_id"]].match_status == "auto_matched"],
        "creditor by sender": [e for e in every if _has(emails, creditors, e, sender)],
        "creditor by claim": [e for e in every if _has(emails, creditors, e, creditor[2:9])],
    }
    monkeypatch.setattr(dbapi, "_pooled", lambda: pooled)
    got = {
        "email_id": stream.recent_events(env.ctx, limit=1000, email_id=first),
        "status": stream.recent_events(env.ctx, limit=1000, status="completed"),
        "level": stream.recent_events(env.ctx, limit=1000, level="warning"),
        "match_state": stream.recent_events(env.ctx, limit=1000, match_state="auto_matched"),
        "creditor by sender": stream.recent_events(env.ctx, limit=1000, creditor=sender.upper()),
        "creditor by claim": stream.recent_events(env.ctx, limit=1000, creditor=creditor[2:9].swapcase()),
    }
    assert got == expected
    assert all(expected[k] for k in ("email_id", "status", "match_state", "creditor by sender", "creditor by claim"))
    assert stream.recent_events(env.ctx, limit=3) == every[-3:]
    assert stream.recent_events(env.ctx, since=utcnow() + timedelta(minutes=1)) == []
    assert stream.recent_events(env.ctx, limit=1000, since=utcnow() - timedelta(hours=1)) == every
    assert stream.events_after(env.ctx, after_id=every[1]["id"], limit=2) == every[2:4]
    assert stream.last_event_id(env.ctx) == every[-1]["id"]
    assert every[0]["at"].endswith("+00:00")
