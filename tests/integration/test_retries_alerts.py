from __future__ import annotations
import pytest
from sqlalchemy import select
from creditctl.adapters.notifier import SmtpNotifier
from creditctl.db import session_scope
from creditctl.models import Email, Event, Outbox
from creditctl.pipeline.extraction.claude import ClaudeExtractor
from creditctl.services import intake, notifications
from tests.fakes.messages_api import MessagesAPIServer, Reply
from tests.fakes.smtp import FakeSmtpServer
from tests.helpers import drain, make_env, payload

BODY = "Die Gesamtforderung gegen Frau Tamara Reinholz beträgt 1.234,56 EUR."
def answer():
    return {"is_creditor_reply": True, "reply_kind": "claim_statement", "creditor_name": "Inkasso GmbH",
            "original_creditor": None, "client_name": "Tamara Reinholz", "client_file_number": None,
            "creditor_references": [], "amounts": {"principal": None, "interest": None, "costs": None, "total": "1.234,56"},
            "currency": "EUR", "statement_date": None, "confidence": 0.9,
            "evidence": [{"field": "amounts.total", "text": "1.234,56 EUR", "source": "body"}]}

def test_exp(tmp_path):
    with MessagesAPIServer() as srv, FakeSmtpServer() as smtp:
        env = make_env(tmp_path, "sqlite", ctx_kwargs={
            "extractor_factory": lambda name: ClaudeExtractor(model="claude-haiku-4-5", api_key="test", base_url=srv.base_url, timeout_s=0.5)},
            extractor="claude", alert_email_to="ops@example.org")
        env.ctx.notifier = SmtpNotifier(smtp.url)
        srv.enqueue(Reply.rate_limited(retry_after=0), Reply.rate_limited(retry_after=0), Reply.json(answer()))
        r = intake.receive_webhook(env.ctx, raw_body=payload(body_text=BODY), headers={}, verify_signature=False)
        n = drain(env.runtime)
        with session_scope(env.ctx.db_url) as s:
            e = s.get(Email, r.email_id)
            print(n, e.processing_status, e.attempts, e.match_status)
            for ev in s.scalars(select(Event).where(Event.email_id == r.email_id).order_by(Event.id)):
                print(ev.kind, ev.from_status, ev.to_status, ev.attempt, ev.error_class, ev.duration_ms, ev.data, ev.message[:80])
            print(s.scalars(select(Outbox)).all())
        srv.enqueue(Reply.bad_request())
        r = intake.receive_webhook(env.ctx, raw_body=payload(body_text=BODY), headers={}, verify_signature=False)
        n = drain(env.runtime)
        with session_scope(env.ctx.db_url) as s:
            e = s.get(Email, r.email_id)
            print(n, e.processing_status, e.attempts, e.last_error_class, e.alerted_at)
            for o in s.scalars(select(Outbox)).all(): print(o.kind, o.status, o.dedupe_key, o.attempts)
        print(len(smtp.messages)); 
        for m in smtp.messages: print(m.raw.decode())
        env.close()
