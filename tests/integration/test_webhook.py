"""The webhook contract: signature, validation, deduplication, durability (both backends)."""

from __future__ import annotations

import base64
import json

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.models import Email, Quarantine
from creditctl.web import create_app
from tests.corpus import require
from tests.helpers import API_TOKEN, SECRET, payload, signed_headers

VECTORS = json.loads(require("zendesk/signature-vectors.json").read_text("utf-8"))


def client_for(env):
    return TestClient(create_app(env.ctx))


def count(env, model=Email) -> int:
    with session_scope(env.ctx.db_url) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_valid_request_is_stored_enqueued_and_answered(env):
    body = payload()
    with client_for(env) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    assert answer.status_code == 200, answer.text
    doc = answer.json()
    assert doc["status"] == "accepted" and isinstance(doc["email_id"], int)
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, doc["email_id"])
        assert email.processing_status == "queued"
        assert email.raw_payload == body
    assert env.huey.pending_count() == 1


def test_duplicate_by_invocation_and_by_content(env):
    body = payload(comment_id="777")
    with client_for(env) as client:
        first = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body, invocation_id="inv-1"))
        again = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body, invocation_id="inv-1"))
        replay = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body, invocation_id="inv-2"))
    assert first.json()["status"] == "accepted"
    assert again.status_code == replay.status_code == 200
    assert again.json() == replay.json() == {"status": "duplicate", "email_id": first.json()["email_id"]}
    assert count(env) == 1
    assert env.huey.pending_count() == 1


def test_a_duplicate_names_the_first_rule_that_matched(env):
    """Same invocation id → "the same delivery"; same ticket + comment id → that; only
    another comment on the same ticket with the same body → "the same body" (content key)."""
    from creditctl.models import Event

    body = payload(comment_id="778")
    moved = json.loads(body)
    moved.update(comment_id="c-9")
    other = json.dumps(moved).encode()
    with client_for(env) as client:
        first = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body, invocation_id="inv-7"))
        for content, invocation in ((body, "inv-7"), (body, "inv-8"), (other, "inv-9")):
            answer = client.post(
                "/webhooks/zendesk", content=content, headers=signed_headers(content, invocation_id=invocation)
            )
            assert answer.json() == {"status": "duplicate", "email_id": first.json()["email_id"]}
    with session_scope(env.ctx.db_url) as s:
        notes = s.scalars(select(Event.message).where(Event.kind == "duplicate").order_by(Event.id)).all()
    assert len(notes) == 3, notes
    assert "matched the same delivery (invocation id inv-7)" in notes[0]
    assert "matched the same ticket + comment id" in notes[1] and "content key" not in notes[1]
    assert "matched the same subject and body from the same sender" in notes[2] and "content key" in notes[2]


def test_body_hash_dedupes_when_there_is_no_comment_id(env):
    body = payload(comment_id=None)
    with client_for(env) as client:
        a = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
        b = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    assert b.json() == {"status": "duplicate", "email_id": a.json()["email_id"]}


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda v: v["name"])
def test_signature_vectors_verify(vector):
    from creditctl.signature import verify

    body = base64.b64decode(vector["body_base64"]) if "body_base64" in vector else vector["body_utf8"].encode()
    assert verify([vector["secret"]], vector["timestamp"], body, vector["expected_signature"])
    for bad in vector.get("must_not_match", []) or []:
        value = bad["signature"] if isinstance(bad, dict) else bad
        assert not verify([vector["secret"]], vector["timestamp"], body, value)


def test_historical_body_then_timestamp_signature_is_rejected():
    from creditctl.signature import verify

    h = VECTORS["extra_historical"]
    body = h["body_utf8"].encode()
    assert not verify([h["secret"]], h["timestamp"], body, h["signature_body_plus_timestamp"])
    assert verify([h["secret"]], h["timestamp"], body, h["signature_timestamp_plus_body"])


@pytest.mark.parametrize("mutate", ["wrong_secret", "missing", "tampered_body", "other_timestamp", "garbage"])
def test_bad_signature_is_401_and_stores_nothing(sqlite_env, mutate):
    body = payload()
    headers = signed_headers(body, secret="wrong" if mutate == "wrong_secret" else SECRET)
    if mutate == "missing":
        headers.pop("X-Zendesk-Webhook-Signature")
    if mutate == "tampered_body":
        body = body.replace(b"1.234,56", b"9.234,56")
    if mutate == "other_timestamp":
        headers["X-Zendesk-Webhook-Signature-Timestamp"] = "2020-01-01T00:00:00Z"
    if mutate == "garbage":
        headers["X-Zendesk-Webhook-Signature"] = "### not base64 ###"
    with client_for(sqlite_env) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=headers)
    assert answer.status_code == 401
    assert count(sqlite_env) == 0 and count(sqlite_env, Quarantine) == 0


def test_rotation_accepts_the_previous_secret(tmp_path):
    from tests.helpers import make_env

    env = make_env(tmp_path, "sqlite", zendesk_webhook_secret="new-secret", zendesk_webhook_previous_secret=SECRET)
    body = payload()
    with client_for(env) as client:
        assert client.post("/webhooks/zendesk", content=body, headers=signed_headers(body)).status_code == 200
        other = payload()
        assert (
            client.post(
                "/webhooks/zendesk", content=other, headers=signed_headers(other, secret="new-secret")
            ).status_code
            == 200
        )
    env.close()


@pytest.mark.parametrize(
    "body,reason",
    [
        (b"not json at all", "not JSON"),
        (
            b'{"ticket_id": "1",\n "body_text": "cut off',
            "Unterminated string starting at: line 2, column 15 (character 33)",
        ),
        (b'["a list"]', "JSON object"),
        (b'{"subject": "no ticket"}', "ticket_id"),
        (b'{"ticket_id": "1"}', "body_text or body_html"),
        (b'{"ticket_id": true, "body_text": "x"}', "ticket_id"),
        (b'{"ticket_id": "1", "body_text": "\xff\xfe"}', "UTF-8"),
        (b"[" * 5000 + b"]" * 5000, "nested"),
    ],
)
def test_malformed_body_is_400_with_reason_and_quarantined(sqlite_env, body, reason):
    with client_for(sqlite_env) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    assert answer.status_code == 400, answer.text
    assert reason.lower() in answer.json()["detail"].lower()
    assert count(sqlite_env) == 0
    assert count(sqlite_env, Quarantine) == 1  # nothing Zendesk signed is lost
    with session_scope(sqlite_env.ctx.db_url) as s:  # the quarantine keeps the same reason
        assert s.scalar(select(Quarantine.reason)) == answer.json()["detail"]


def test_oversized_body_is_413(tmp_path):
    from tests.helpers import make_env

    env = make_env(tmp_path, "sqlite", max_body_bytes=1000)
    body = payload(body_text="x" * 5000)
    with client_for(env) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    assert answer.status_code == 413
    assert count(env) == 0
    env.close()


def test_wrong_content_type_is_415(sqlite_env):
    body = payload()
    headers = signed_headers(body) | {"Content-Type": "text/plain"}
    with client_for(sqlite_env) as client:
        assert client.post("/webhooks/zendesk", content=body, headers=headers).status_code == 415


def test_queue_down_still_answers_200_and_keeps_the_row(sqlite_env):
    def broken(*_a, **_k):
        raise ConnectionError("queue unreachable")

    sqlite_env.ctx.enqueue = broken
    body = payload()
    with client_for(sqlite_env) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    assert answer.status_code == 200
    with session_scope(sqlite_env.ctx.db_url) as s:
        assert s.get(Email, answer.json()["email_id"]).processing_status == "received"


def test_database_down_is_503_with_retry_after(tmp_path):
    from tests.helpers import make_env

    env = make_env(tmp_path, "sqlite")
    env.ctx.settings = env.ctx.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path}/missing/dir/x.db"})
    import os

    os.makedirs(tmp_path / "missing", exist_ok=True)
    os.chmod(tmp_path / "missing", 0o000)
    body = payload()
    try:
        with client_for(env) as client:
            answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    finally:
        os.chmod(tmp_path / "missing", 0o755)
        env.close()
    assert answer.status_code in (503,), answer.text
    assert answer.headers.get("retry-after")


def test_read_routes_need_the_token_and_reveal_nothing(sqlite_env):
    body = payload()
    with client_for(sqlite_env) as client:
        email_id = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body)).json()["email_id"]
        assert client.get(f"/emails/{email_id}").status_code == 401
        assert client.get("/emails/999999").status_code == 401
        assert client.get(f"/emails/{email_id}", headers={"Authorization": "Bearer nope"}).status_code == 401
        ok = client.get(f"/emails/{email_id}", headers={"Authorization": f"Bearer {API_TOKEN}"})
        assert ok.status_code == 200 and ok.json()["processing_status"] == "queued"
        assert client.get("/emails/999999", headers={"Authorization": f"Bearer {API_TOKEN}"}).status_code == 404
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").status_code == 200
        assert client.get("/metrics").status_code == 401
        metrics = client.get("/metrics", headers={"Authorization": f"Bearer {API_TOKEN}"}).text
        assert 'creditctl_webhook_requests_total{outcome="accepted"}' in metrics
        assert client.get("/schema/openapi.json").status_code == 200


def test_replaying_a_quarantine_row_twice_says_once_what_became_of_it(sqlite_env):
    from creditctl.exceptions import InvalidPayload, Refused
    from creditctl.services import intake, quarantine

    with pytest.raises(InvalidPayload):
        intake.receive_webhook(
            sqlite_env.ctx, raw_body=b'{"ticket_id": "5", "body_text": "cut', headers={}, verify_signature=False
        )
    (row,) = quarantine.list_rows(sqlite_env.ctx, status="waiting", limit=5)
    fixed = payload(ticket_id="5", comment_id="q1")
    done = quarantine.replay(sqlite_env.ctx, row["id"], fixed, operator="anna")
    with pytest.raises(Refused) as refused:
        quarantine.replay(sqlite_env.ctx, row["id"], fixed, operator="anna")
    message = refused.value.message
    assert message.startswith(
        f"quarantine row {row['id']} is already replayed as email {done['email_id']} (accepted) by anna at "
    )
    assert message.count("replayed") == 1 and message.endswith("; nothing done")


def test_the_serve_app_freezes_its_startup_heap_and_others_do_not(sqlite_env):
    """``serve`` builds its app with ``freeze_heap``: at startup the objects then alive leave
    the cyclic collector's reach (gc.freeze; docs/scaling.md, "Garbage collection and the
    p99"); an app built without it (tests, embedding) leaves the collector alone."""
    import gc

    gc.unfreeze()
    try:
        with TestClient(create_app(sqlite_env.ctx)):
            assert gc.get_freeze_count() == 0
        with TestClient(create_app(sqlite_env.ctx, freeze_heap=True)) as client:
            assert gc.get_freeze_count() > 0
            assert client.get("/healthz").status_code == 200
    finally:
        gc.unfreeze()
