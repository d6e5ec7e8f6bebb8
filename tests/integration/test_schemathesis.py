"""schemathesis against the OpenAPI document at ``/schema`` (docs/zendesk-contract.md): every documented
operation, a bounded number of generated examples with a fixed seed, in-process (ASGI).

The signing "hook" is a small ASGI wrapper: it reads the body schemathesis produced,
signs exactly those bytes the way Zendesk does and adds the bearer token, so the
generated requests reach the code behind the signature check.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from creditctl.queue import queue_depth
from creditctl.signature import sign
from creditctl.web import create_app
from tests.helpers import API_TOKEN, SECRET

MAX_EXAMPLES = 30
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


def signing_app(app):
    """Wrap ``app``: sign every request body (HMAC-SHA256 over timestamp + body) and add
    ``Authorization: Bearer <token>``."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in (b"authorization",)]
        headers += [
            (b"x-zendesk-webhook-signature", sign(SECRET, timestamp, body).encode()),
            (b"x-zendesk-webhook-signature-timestamp", timestamp.encode()),
            (b"authorization", f"Bearer {API_TOKEN}".encode()),
        ]
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await app({**scope, "headers": headers}, replay, send)

    return wrapped


def _run_generated(operation, codes: set[int]) -> None:
    """Send ``operation``'s generated examples, validate each answer, collect the status codes in ``codes``."""

    @seed(20240601)
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        codes.add(case.call_and_validate(checks=CHECKS).status_code)

    run()


def test_every_operation_survives_generated_requests(sqlite_env):
    app = create_app(sqlite_env.ctx, queue_probe=lambda: queue_depth(sqlite_env.huey))
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", signing_app(app))
    operations = [result.ok() for result in schema.get_all_operations()]
    names = {f"{op.method.upper()} {op.path}" for op in operations}
    assert names == {"POST /webhooks/zendesk", "GET /emails/{email_id}", "GET /healthz", "GET /readyz", "GET /metrics"}
    seen: dict[str, set[int]] = {}
    for operation in operations:
        _run_generated(operation, seen.setdefault(f"{operation.method.upper()} {operation.path}", set()))
    assert all(code < 500 for codes in seen.values() for code in codes), seen
    # the generated webhook bodies got through the signature check: stored, or refused with a reason
    assert seen["POST /webhooks/zendesk"] & {200}, seen
    assert seen["GET /metrics"] == {200}


@pytest.mark.parametrize("path", ["/webhooks/zendesk"])
def test_the_webhook_documents_its_body_and_every_error(sqlite_env, path):
    from litestar.testing import TestClient

    with TestClient(create_app(sqlite_env.ctx)) as client:
        doc = client.get("/schema/openapi.json").json()
    operation = doc["paths"][path]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/WebhookPayload"
    }
    assert set(operation["responses"]) == {"200", "400", "401", "413", "415", "503"}
    for code in ("400", "401", "413", "415", "503"):
        assert operation["responses"][code]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"
        }
    assert "ticket_id" in doc["components"]["schemas"]["WebhookPayload"]["required"]
    assert doc["paths"]["/emails/{email_id}"]["get"]["security"] == [{"bearer": []}]
