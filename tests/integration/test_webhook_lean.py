"""``POST /webhooks/zendesk`` is answered by the lean ASGI handler (``CreditctlApp.webhook``,
docs/scaling.md) with exactly the answers of the Litestar route it bypasses: same status,
body and headers (bar the request id) for every outcome of docs/zendesk-contract.md."""

from __future__ import annotations

from typing import Any

import pytest
import redis
from litestar import Litestar
from litestar.testing import TestClient

from creditctl.exceptions import StorageUnavailable
from creditctl.services import intake
from creditctl.web import create_app
from tests.helpers import make_env, payload, signed_headers


def _requests() -> list[tuple[str, bytes, dict[str, str]]]:
    accepted = payload(comment_id="4242")
    unsigned = payload()
    invalid = b'{"ticket_id": "1"}'
    big = payload(body_text="x" * 5000)
    return [
        ("accepted", accepted, signed_headers(accepted, invocation_id="inv-a")),
        ("duplicate", accepted, signed_headers(accepted, invocation_id="inv-b")),
        ("bad signature", unsigned, {**signed_headers(unsigned), "X-Zendesk-Webhook-Signature": "AAAA"}),
        ("invalid", invalid, signed_headers(invalid)),
        ("wrong type", accepted, {**signed_headers(accepted), "Content-Type": "text/plain"}),
        ("too large", big, signed_headers(big)),
    ]


def _answers(tmp_path: Any, name: str, *, lean: bool, fail: Exception | None = None) -> list[tuple[Any, ...]]:
    env = make_env(tmp_path / name, "sqlite", max_body_bytes=3000)
    app = create_app(env.ctx)
    assert app.webhook is not None  # type: ignore[attr-defined]
    if not lean:
        app.webhook = None  # type: ignore[attr-defined]
    requests = _requests()
    if fail is not None:
        requests = requests[:1]
    routed: list[str] = []
    original = Litestar.__call__

    async def recording(self: Any, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            routed.append(scope["path"])
        await original(self, scope, receive, send)

    out = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Litestar, "__call__", recording)
        if fail is not None:

            def broken(*_a: Any, **_k: Any) -> None:
                raise fail

            mp.setattr(intake, "receive_webhook", broken)
        with TestClient(app) as client:
            for label, body, headers in requests:
                answer = client.post("/webhooks/zendesk", content=body, headers=headers)
                kept = {k: v for k, v in answer.headers.items() if k not in ("x-request-id", "date")}
                out.append((label, answer.status_code, answer.json(), kept))
    env.close()
    assert (routed == []) is lean, routed  # the lean app never enters Litestar for this route
    return out


def test_every_outcome_is_answered_alike(tmp_path: Any) -> None:
    lean = _answers(tmp_path, "lean", lean=True)
    routed = _answers(tmp_path, "routed", lean=False)
    assert [(label, code) for label, code, *_ in lean] == [
        ("accepted", 200),
        ("duplicate", 200),
        ("bad signature", 401),
        ("invalid", 400),
        ("wrong type", 415),
        ("too large", 413),
    ]
    assert lean == routed


@pytest.mark.parametrize(
    ("fail", "code", "retry_after"),
    [
        (RuntimeError("boom"), 500, None),
        (StorageUnavailable("database unavailable: OperationalError"), 503, "30"),
        (redis.ConnectionError("queue gone"), 503, "30"),  # an outage no handler expected
    ],
)
def test_errors_are_answered_alike(tmp_path: Any, fail: Exception, code: int, retry_after: str | None) -> None:
    lean = _answers(tmp_path, "lean", lean=True, fail=fail)
    routed = _answers(tmp_path, "routed", lean=False, fail=fail)
    assert lean == routed
    assert lean[0][1] == code and lean[0][3].get("retry-after") == retry_after
