"""Logs that help without leaking, metrics after a known sequence, readiness (README, "Operator commands")."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
import structlog
from litestar.testing import TestClient
from prometheus_client.parser import text_string_to_metric_families

from creditctl.logs import configure_logging
from creditctl.queue import queue_depth
from creditctl.web import create_app
from tests.helpers import API_TOKEN, drain, import_sample_clients, make_env, payload, sample_payload, signed_headers

IBAN = "DE89 3704 0044 0532 0130 00"
AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


@pytest.fixture
def log_stream():
    """Route structlog and stdlib logging (JSON lines, DEBUG) into a buffer; restore after."""
    stream = io.StringIO()
    yield stream
    configure_logging("WARNING")


def _sample_with_iban() -> bytes:
    doc = json.loads(sample_payload("01_inkasso_table.json"))
    doc["body_html"] = doc["body_html"].replace(
        "</body>", f"<p>Bitte überweisen Sie auf IBAN {IBAN}, Kontoinhaber Rheinpfalz Inkasso.</p></body>"
    )
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _run_webhook_and_processing(tmp_path: Path, stream: io.StringIO, *, redact: bool) -> tuple[str, int]:
    configure_logging("DEBUG", redact_personal_data=redact, json=True, stream=stream)
    env = make_env(tmp_path, "sqlite")
    try:
        import_sample_clients(env)
        body = _sample_with_iban()
        with TestClient(create_app(env.ctx)) as client:
            answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
            assert answer.status_code == 200, answer.text
            assert drain(env.runtime) >= 1
            status = client.get(f"/emails/{answer.json()['email_id']}", headers=AUTH).json()
        assert status["processing_status"] == "completed", status["events"]
        assert status["claim_updates"][0]["new_amount"] == "686.41"
    finally:
        env.close()
    return stream.getvalue(), answer.json()["email_id"]


PERSONAL = (
    "Tamara Reinholz",
    "Reinholz",
    IBAN,
    "DE89",
    "686,41",
    "686.41",
    "540,00",
    "540.00",
    "Sehr geehrte Damen und Herren",
    "Hauptforderung",
    "Kontoinhaber",
    "RPI-7712-4408-19",
    "forderungsmanagement@rheinpfalz-inkasso.example",
    "test-webhook-secret",
)


def test_processing_logs_carry_no_personal_data(tmp_path, log_stream):
    text, email_id = _run_webhook_and_processing(tmp_path, log_stream, redact=True)
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert lines, "nothing was logged"
    for needle in PERSONAL:
        assert needle not in text, f"{needle!r} leaked into the log"
    # the signature header and the API token never appear either
    assert "X-Zendesk-Webhook-Signature" not in text and API_TOKEN not in text
    # the log still helps: one request line per request, the job summary with its context
    requests = [line for line in lines if line["event"] == "request"]
    assert {(r["route"], r["status"]) for r in requests} >= {("/webhooks/zendesk", 200), ("/emails/{email_id}", 200)}
    webhook = next(r for r in requests if r["route"] == "/webhooks/zendesk")
    assert webhook["outcome"] == "accepted" and webhook["email_id"] == email_id and webhook["request_id"]
    assert webhook["duration_ms"] > 0
    job = next(line for line in lines if line["event"] == "job_done")
    assert job["email_id"] == email_id and job["attempt"] == 1 and job["status"] == "completed"


def test_the_same_run_unredacted_does_show_personal_data(tmp_path, log_stream):
    """Control: the redaction test above can fail — with CREDITCTL_LOG_REDACT=false the
    client's name reaches the log (the notification subject)."""
    text, _ = _run_webhook_and_processing(tmp_path, log_stream, redact=False)
    assert "Tamara Reinholz" in text


def test_insecure_dev_warns_on_every_request(tmp_path, log_stream):
    configure_logging("INFO", json=True, stream=log_stream)
    env = make_env(tmp_path, "sqlite", zendesk_webhook_secret=None)
    try:
        with TestClient(create_app(env.ctx, insecure_dev=True)) as client:
            body = payload()
            assert (
                client.post("/webhooks/zendesk", content=body, headers={"Content-Type": "application/json"}).status_code
                == 200
            )
            assert client.get("/healthz").status_code == 200
            assert client.get("/nowhere").status_code == 404
    finally:
        env.close()
    lines = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    warnings = [line for line in lines if line["event"] == "insecure_dev"]
    assert len(warnings) == 3 and all(w["level"] == "warning" and w["request_id"] for w in warnings)


def test_stdlib_records_pass_the_same_redaction(log_stream):
    configure_logging("INFO", json=True, stream=log_stream)
    logging.getLogger("uvicorn.error").warning("client %s sent %s", "max@example.org", f"IBAN {IBAN}")
    structlog.get_logger("t").info(
        "notification", subject="Tamara Reinholz 540,00 EUR", to=["a@b.example"], authorization="Bearer s3cret"
    )
    text = log_stream.getvalue()
    assert "max@example.org" not in text and IBAN not in text and "Tamara" not in text
    assert "s3cret" not in text and "a@b.example" not in text
    assert "[email]" in text and "[iban]" in text


# metrics ---------------------------------------------------------------------------


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_metrics_after_a_known_sequence(tmp_path):
    env = make_env(tmp_path, "sqlite", max_body_bytes=4096)
    try:
        import_sample_clients(env)
        with TestClient(create_app(env.ctx, queue_probe=lambda: queue_depth(env.huey))) as client:
            two = payload()
            codes = [
                client.post("/webhooks/zendesk", content=b, headers=signed_headers(b)).status_code for b in (two, two)
            ]  # accepted, duplicate
            first = payload(body_html="<p>Forderung</p>" * 10)
            codes.append(client.post("/webhooks/zendesk", content=first, headers=signed_headers(first)).status_code)
            bad = payload()
            codes.append(
                client.post("/webhooks/zendesk", content=bad, headers=signed_headers(bad, secret="wrong")).status_code
            )
            invalid = b'{"subject": "no ticket id"}'
            codes.append(client.post("/webhooks/zendesk", content=invalid, headers=signed_headers(invalid)).status_code)
            huge = payload(body_text="x" * 10_000)
            codes.append(client.post("/webhooks/zendesk", content=huge, headers=signed_headers(huge)).status_code)
            assert codes == [200, 200, 200, 401, 400, 413]
            before = _samples(client.get("/metrics", headers=AUTH).text)
            drain(env.runtime)
            after = _samples(client.get("/metrics", headers=AUTH).text)
    finally:
        env.close()
    web = {
        o: before[("creditctl_webhook_requests_total", (("outcome", o),))]
        for o in ("accepted", "duplicate", "bad_signature", "invalid", "too_large", "unavailable")
    }
    assert web == {"accepted": 2, "duplicate": 1, "bad_signature": 1, "invalid": 1, "too_large": 1, "unavailable": 0}
    assert before[("creditctl_emails", (("status", "queued"),))] == 2
    # two emails, plus the delivery of the quarantined body's alert
    assert before[("creditctl_queue_depth", (("kind", "pending"),))] == 3
    assert before[("creditctl_oldest_unfinished_seconds", ())] > 0
    assert before[("creditctl_database_up", ())] == 1 and before[("creditctl_queue_up", ())] == 1
    # after the worker ran: states, attempts and per-step durations come from the database
    assert ("creditctl_emails", (("status", "queued"),)) not in after
    finished = sum(v for (name, labels), v in after.items() if name == "creditctl_emails")
    assert finished == 2
    assert after[("creditctl_oldest_unfinished_seconds", ())] == 0
    assert after[("creditctl_queue_depth", (("kind", "pending"),))] == 0
    assert after[("creditctl_attempts_total", (("outcome", "succeeded"),))] == 2
    assert after[("creditctl_step_duration_seconds_count", (("step", "attempt"),))] == 2
    assert after[("creditctl_step_duration_seconds_sum", (("step", "attempt"),))] > 0
    assert after[("creditctl_retries_total", ())] == 0 and after[("creditctl_permanent_failures_total", ())] == 0
    assert after[("creditctl_llm_calls_total", (("outcome", "ok"),))] == 0  # rules extractor: no LLM call
    assert after[("creditctl_webhook_requests_total", (("outcome", "accepted"),))] == 2


def test_retries_failures_and_llm_errors_are_counted_from_events(tmp_path):
    """Worker-side counters are read from the events table, whichever process wrote them."""
    from creditctl.db import session_scope
    from creditctl.services.events import record_event

    env = make_env(tmp_path, "sqlite")
    try:
        with TestClient(create_app(env.ctx)) as client:
            body = payload()
            email_id = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body)).json()["email_id"]
            with session_scope(env.ctx.db_url) as s:
                record_event(
                    s,
                    email_id,
                    "attempt",
                    "attempt 1 failed",
                    attempt=1,
                    duration_ms=30.0,
                    error_class="anthropic.RateLimitError",
                    worker="other-host:1",
                )
                record_event(s, email_id, "transition", "retry", from_status="processing", to_status="retrying")
                record_event(s, email_id, "transition", "parsed", to_status="parsed", duration_ms=4.0)
                record_event(
                    s,
                    email_id,
                    "transition",
                    "extracted by claude: statement",
                    to_status="extracted",
                    duration_ms=1500.0,
                )
                record_event(s, email_id, "llm_call", "claude call ok")  # the typed event /metrics counts
                record_event(s, email_id, "transition", "completed", to_status="completed", duration_ms=20.0)
                record_event(
                    s,
                    email_id,
                    "attempt",
                    "attempt 2 failed",
                    attempt=2,
                    duration_ms=10.0,
                    error_class="creditctl.exceptions.PermanentError",
                )
                record_event(s, email_id, "transition", "failed", from_status="retrying", to_status="failed")
            got = _samples(client.get("/metrics", headers=AUTH).text)
    finally:
        env.close()
    assert got[("creditctl_retries_total", ())] == 1
    assert got[("creditctl_permanent_failures_total", ())] == 1
    assert got[("creditctl_attempts_total", (("outcome", "failed"),))] == 2
    assert got[("creditctl_llm_calls_total", (("outcome", "RateLimitError"),))] == 1
    assert got[("creditctl_llm_calls_total", (("outcome", "ok"),))] == 1
    assert got[("creditctl_step_duration_seconds_count", (("step", "extract"),))] == 1
    assert got[("creditctl_step_duration_seconds_bucket", (("le", "1.0"), ("step", "extract")))] == 0
    assert got[("creditctl_step_duration_seconds_bucket", (("le", "2.5"), ("step", "extract")))] == 1
    assert got[("creditctl_step_duration_seconds_sum", (("step", "clean"),))] == pytest.approx(0.004)
    assert got[("creditctl_step_duration_seconds_count", (("step", "decide"),))] == 1


# readiness ---------------------------------------------------------------------------


def test_readyz_ready_with_the_queue_degraded(sqlite_env):
    def broken_queue():
        raise ConnectionError("redis down")

    with TestClient(create_app(sqlite_env.ctx, queue_probe=lambda: queue_depth(sqlite_env.huey))) as client:
        ok = client.get("/readyz")
        assert ok.status_code == 200 and ok.json() == {
            "ready": True,
            "checks": {"database": "ok", "queue": "ok"},
            "degraded": [],
            "quarantined": 0,
        }
    with TestClient(create_app(sqlite_env.ctx, queue_probe=broken_queue)) as client:
        down = client.get("/readyz")
        assert client.get("/healthz").status_code == 200  # alive, not ready
        metrics = _samples(client.get("/metrics", headers=AUTH).text)
    # a queue outage does not refuse deliveries (they are stored and swept later): ready,
    # the queue listed as degraded, /metrics still telling the truth
    assert down.status_code == 200 and "retry-after" not in down.headers
    doc = down.json()
    assert doc["ready"] is True and doc["checks"]["database"] == "ok" and doc["degraded"] == ["queue"]
    assert doc["checks"]["queue"].startswith("unreachable: ConnectionError"), doc
    assert metrics[("creditctl_queue_up", ())] == 0


def test_readyz_503_naming_the_database(tmp_path):
    env = make_env(tmp_path, "sqlite")
    # the database "directory" is a regular file: every connection fails (even as root)
    (tmp_path / "not-a-dir").write_text("")
    env.ctx.settings = env.ctx.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path}/not-a-dir/x.db"})
    try:
        with TestClient(create_app(env.ctx, queue_probe=lambda: {"pending": 0, "scheduled": 0})) as client:
            down = client.get("/readyz")
            metrics = client.get("/metrics", headers=AUTH)
    finally:
        env.close()
    assert down.status_code == 503
    assert down.json()["checks"]["database"].startswith("unreachable: ")
    assert down.json()["checks"]["queue"] == "ok"
    assert metrics.status_code == 200 and _samples(metrics.text)[("creditctl_database_up", ())] == 0
