"""An alert storm of quarantined webhook bodies is one incident alert that says what they
are: `tail` showed `incident alert logged: 5 emails failed (QuarantinedWebhookBody)` and the
alert told the operator to `creditctl retry --failed` — they are signed bodies that could
not be read, not emails, handled with `creditctl quarantine`."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from creditctl import db
from creditctl.models import Event
from creditctl.services import intake, notifications
from tests.helpers import make_env, signed_headers


def test_a_storm_of_quarantined_bodies_is_named_as_bodies_not_emails(tmp_path: Path) -> None:
    env = make_env(tmp_path, "sqlite", alert_window_seconds=0.5)
    try:
        for n in range(5):
            body = b'{"ticket_id": "%d", "subject": "no body"' % n  # cut off: not JSON
            try:
                intake.receive_webhook(env.ctx, raw_body=body, headers=signed_headers(body), verify_signature=True)
            except Exception:  # noqa: BLE001 - the 400 of a malformed body; the body is quarantined
                pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not notifications.deliver_outbox(env.ctx).sent:
            time.sleep(0.2)  # the storm is held until its window is quiet
        with db.session_scope(env.ctx.db_url) as s:
            messages = [e.message for e in s.scalars(select(Event).where(Event.kind == "alert"))]
        assert any("5 webhook bodies quarantined" in m for m in messages), messages
        assert not any("emails failed" in m for m in messages), messages
        subject, body = notifications.render_incident_alert(
            cause="QuarantinedWebhookBody", count=5, sample_ids=[3, 4], window_s=60, quarantined=True
        )
        assert subject == "[creditctl] Incident: 5 webhook bodies quarantined within 60 s"
        assert "creditctl quarantine show 3" in body and "retry --failed" not in body and "emails failed" not in body
    finally:
        env.close()
