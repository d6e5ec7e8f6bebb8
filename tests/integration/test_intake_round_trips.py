"""The PostgreSQL intake stores an accepted email with one statement in autocommit: one
round trip, committed before ``receive_webhook`` returns (docs/scaling.md, "What one
webhook request costs")."""

from __future__ import annotations

from sqlalchemy import event, text

from creditctl.db import get_engine
from creditctl.services.intake import receive_webhook
from tests.helpers import Env, payload, signed_headers


def test_accepted_email_is_one_autocommitted_statement(pg_env: Env) -> None:
    env = pg_env  # the single-statement intake is PostgreSQL's (SQLite runs two in one transaction)
    engine = get_engine(env.ctx.db_url)
    seen: list[tuple[str, bool]] = []

    def before(conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, bool(conn.connection.dbapi_connection.autocommit)))

    body = payload()
    event.listen(engine, "before_cursor_execute", before)
    try:
        result = receive_webhook(env.ctx, raw_body=body, headers=signed_headers(body))
    finally:
        event.remove(engine, "before_cursor_execute", before)
    assert result.status == "accepted"
    assert len(seen) == 1 and "INSERT INTO emails" in seen[0][0], seen
    assert seen[0][1] is True  # autocommit: no BEGIN / COMMIT round trips around it
    # committed: another connection sees the row and both events
    with engine.connect() as other:
        status = other.scalar(text("SELECT processing_status FROM emails WHERE id = :id"), {"id": result.email_id})
        events = other.scalar(text("SELECT count(*) FROM events WHERE email_id = :id"), {"id": result.email_id})
    assert (status, events) == ("queued", 2)
