"""Refused webhook deliveries (401 bad signature, 413 too large, 415 wrong content type)
are written to the event log at level warning, so ``creditctl tail --level warning``
shows them (services/rejections.py): with the delivery id and the reason, never the body,
and at most ``PER_MINUTE`` a minute per outcome, the rest counted in the next one."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar.testing import TestClient

from creditctl.cli import app
from creditctl.services import intake, rejections, stream
from creditctl.web import create_app
from tests.helpers import Env, make_env, payload, signed_headers


@pytest.fixture(autouse=True)
def _fresh_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rejections, "_windows", {})
    monkeypatch.setattr(intake, "_MISCONFIGURED_LOGGED", set())
    monkeypatch.setattr(intake, "_MISCONFIGURED_UNRECORDED", [])


def _warnings(env: Env) -> list[str]:
    return [e["message"] for e in stream.recent_events(env.ctx, level="warning", limit=100) if e["kind"] == "webhook"]


def test_each_refusal_is_a_warning_event_with_its_delivery_id_and_no_body(tmp_path: Path) -> None:
    env = make_env(tmp_path, "sqlite", max_body_bytes=2000)
    try:
        secret_text = "Geheimer Inhalt 4711"
        with TestClient(create_app(env.ctx)) as client:
            body = payload(body_text=secret_text)
            bad = signed_headers(body, secret="wrong", invocation_id="inv-401")
            assert client.post("/webhooks/zendesk", content=body, headers=bad).status_code == 401
            big = payload(body_text=secret_text + "x" * 5000)
            headers = signed_headers(big, invocation_id="inv-413")
            assert client.post("/webhooks/zendesk", content=big, headers=headers).status_code == 413
            headers = signed_headers(body, invocation_id="inv-415") | {"Content-Type": "text/plain"}
            assert client.post("/webhooks/zendesk", content=body, headers=headers).status_code == 415
        messages = _warnings(env)
        assert len(messages) == 3, messages
        assert messages[0].startswith("webhook refused (401 bad_signature)") and "delivery inv-401" in messages[0]
        assert messages[1].startswith("webhook refused (413 too_large)") and "delivery inv-413" in messages[1]
        assert messages[2].startswith("webhook refused (415 invalid)") and "delivery inv-415" in messages[2]
        assert not any(secret_text in m for m in messages)
        # the detail is a sentence: it joins the delivery as a clause ("…_SECRET; delivery", never ".;")
        assert not any(".;" in m or ". ;" in m for m in messages), messages
        shown = CliRunnerTail(env).run("--level", "warning")
        assert "webhook refused (401 bad_signature)" in shown and "delivery inv-415" in shown
    finally:
        env.close()


def test_a_flood_is_bounded_and_the_rest_is_counted(sqlite_env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(rejections.time, "monotonic", lambda: clock[0])
    body = payload()
    with TestClient(create_app(sqlite_env.ctx)) as client:
        for i in range(rejections.PER_MINUTE + 5):
            headers = signed_headers(body, secret="wrong", invocation_id=f"flood-{i}")
            assert client.post("/webhooks/zendesk", content=body, headers=headers).status_code == 401
        assert len(_warnings(sqlite_env)) == rejections.PER_MINUTE
        clock[0] += 61  # the next minute: one more event, naming the 5 left out
        headers = signed_headers(body, secret="wrong", invocation_id="after")
        assert client.post("/webhooks/zendesk", content=body, headers=headers).status_code == 401
    last = _warnings(sqlite_env)[-1]
    assert "delivery after" in last and "5 more refused since the last such event, not recorded" in last


def test_a_misconfigured_trigger_is_one_warning_event_per_field(sqlite_env: Env) -> None:
    with TestClient(create_app(sqlite_env.ctx)) as client:
        for n in range(3):
            body = payload(comment_id="{{ticket.latest_comment.id}}", body_text=f"Gesamtforderung {n}00,00 EUR")
            assert client.post("/webhooks/zendesk", content=body, headers=signed_headers(body)).status_code == 200
    messages = [m for m in _warnings(sqlite_env) if "misconfigured" in m]
    assert len(messages) == 1, messages
    assert messages[0].startswith("Zendesk trigger misconfigured: comment_id empty or an unrendered {{placeholder}}")


class CliRunnerTail:
    """``creditctl tail`` against ``env``'s database, its output as text."""

    def __init__(self, env: Env) -> None:
        self.env = env

    def run(self, *args: str) -> str:
        from typer.testing import CliRunner

        from creditctl.settings import get_settings

        environ = {
            "CREDITCTL_HOME": str(self.env.settings.home),
            "CREDITCTL_DATABASE_URL": self.env.settings.effective_database_url,
            "COLUMNS": "300",
        }
        get_settings.cache_clear()
        try:
            done = CliRunner().invoke(app, ["tail", *args], env=environ)
        finally:
            get_settings.cache_clear()
        assert done.exit_code == 0, done.output
        return done.output


@pytest.mark.parametrize(
    ("drop", "named"),
    [
        (("X-Zendesk-Webhook-Signature", "X-Zendesk-Webhook-Signature-Timestamp"), "signature headers missing"),
        (("X-Zendesk-Webhook-Signature",), "signature header missing (X-Zendesk-Webhook-Signature)"),
        (("X-Zendesk-Webhook-Signature-Timestamp",), "missing (X-Zendesk-Webhook-Signature-Timestamp)"),
    ],
)
def test_an_unsigned_request_is_told_its_signature_headers_are_missing(
    env: Env, drop: tuple[str, ...], named: str
) -> None:
    # an unsigned POST (a legacy HTTP target, a proxy that drops headers) is still 401, but the
    # answer says what is missing, not "does not match; check the secret"
    body = payload()
    headers = {k: v for k, v in signed_headers(body, invocation_id="inv-unsigned").items() if k not in drop}
    with TestClient(create_app(env.ctx)) as client:
        response = client.post("/webhooks/zendesk", content=body, headers=headers)
        blank = signed_headers(body) | {"X-Zendesk-Webhook-Signature": "  "}
        blank_answer = client.post("/webhooks/zendesk", content=body, headers=blank)
    assert response.status_code == 401
    detail = response.json()["detail"]
    assert named in detail and "Zendesk" in detail and "does not match" not in detail
    assert blank_answer.status_code == 401 and "missing (X-Zendesk-Webhook-Signature)" in blank_answer.json()["detail"]
    assert _warnings(env)[0].startswith("webhook refused (401 bad_signature)")


def test_a_signed_request_with_a_wrong_secret_still_says_it_does_not_match(sqlite_env: Env) -> None:
    body = payload()
    with TestClient(create_app(sqlite_env.ctx)) as client:
        response = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body, secret="wrong"))
    assert response.status_code == 401
    assert "does not match" in response.json()["detail"] and "missing" not in response.json()["detail"]
