"""Real input: every fixture email of the reply-parsing corpus, wrapped as a signed
webhook payload, goes through HTTP and the worker. None may crash the worker or stay
unfinished; each ends in a terminal state with its reason recorded."""

from __future__ import annotations

import json
from pathlib import Path

from litestar.testing import TestClient
from sqlalchemy import select

from creditctl.db import session_scope
from creditctl.models import TERMINAL_STATUSES, Email, Event
from creditctl.pipeline.mime import parse_mime
from creditctl.web import create_app
from tests.corpus import require
from tests.helpers import drain, import_sample_clients, signed_headers


def corpus_files() -> list[Path]:
    root = require("reply-parsing")
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".txt", ".eml", ".html"))
    assert len(files) >= 200, f"reply-parsing corpus not found under {root}"
    return files


def as_payload(index: int, path: Path) -> bytes:
    raw = path.read_bytes()
    if path.suffix == ".eml":
        mime = parse_mime(raw)
        fields = {
            "subject": mime.subject,
            "from_email": mime.from_email,
            "from_name": mime.from_name,
            "body_text": mime.text_body or "",
            "body_html": mime.html_body,
            "headers": mime.headers,
        }
    else:
        fields = {
            "subject": path.stem,
            "from_email": "sender@example.org",
            "body_text": raw.decode("utf-8", errors="replace"),
        }
    if not (fields.get("body_text") or "").strip() and not (fields.get("body_html") or "").strip():
        fields["body_text"] = "(empty)"
    return json.dumps({"ticket_id": str(90000 + index), "comment_id": str(index), **fields}).encode()


def test_every_corpus_email_reaches_a_terminal_state(env):
    import_sample_clients(env)
    ids = []
    with TestClient(create_app(env.ctx)) as client:
        for index, path in enumerate(corpus_files()):
            body = as_payload(index, path)
            answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
            assert answer.status_code == 200, (path.name, answer.text)
            ids.append(answer.json()["email_id"])
    drain(env.runtime, timeout_s=600)
    with session_scope(env.ctx.db_url) as s:
        rows = s.scalars(select(Email).where(Email.id.in_(ids))).all()
        unfinished = [(r.id, r.processing_status) for r in rows if r.processing_status not in TERMINAL_STATUSES]
        assert not unfinished
        failed = [(r.id, r.last_error) for r in rows if r.processing_status == "failed"]
        assert not failed, failed[:5]
        for row in rows:
            last = s.scalars(
                select(Event)
                .where(Event.email_id == row.id, Event.kind == "transition")
                .order_by(Event.id.desc())
                .limit(1)
            ).one()
            assert last.to_status == row.processing_status and last.message
        # a mailing-list thread is no creditor's claim: nothing may have been applied automatically
        assert not [r.id for r in rows if r.match_status == "auto_matched"]
