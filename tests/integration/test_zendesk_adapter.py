"""ZendeskClient against a local HTTP server that records requests (tests/fakes/http_recorder)."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from creditctl.adapters.zendesk import (
    AttachmentTooLarge,
    AttachmentUnavailable,
    ZendeskAuthFailed,
    ZendeskClient,
    ZendeskRequestRejected,
    ZendeskTimeout,
    ZendeskUnavailable,
    parse_retry_after,
    zendesk_base_url,
)
from creditctl.exceptions import ConfigurationError, PermanentError, TransientError
from tests.fakes.http_recorder import HttpRecorder, Reply
from tests.ports import free_port

EMAIL = "agent@office.example"
TOKEN = "s3cr3t-token"
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


@pytest.fixture
def zendesk():
    with HttpRecorder() as server:
        yield server


@pytest.fixture
def client(zendesk: HttpRecorder):
    with ZendeskClient(base_url=zendesk.base_url, email=EMAIL, api_token=TOKEN, timeout_s=0.5) as c:
        yield c


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_internal_note_with_tags(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    client.add_internal_note("4711", "Forderung übernommen: 612,34 €", tags=["creditctl_auto_matched", " "])
    assert [(r.method, r.path) for r in zendesk.requests] == [
        ("PUT", "/api/v2/tickets/4711/tags.json"),
        ("PUT", "/api/v2/tickets/4711.json"),
    ]
    tags, note = zendesk.requests
    assert tags.json() == {"tags": ["creditctl_auto_matched"]}
    assert note.json() == {"ticket": {"comment": {"body": "Forderung übernommen: 612,34 €", "public": False}}}
    for request in (tags, note):
        assert request.header("Authorization") == _basic(f"{EMAIL}/token", TOKEN)
        assert request.header("Content-Type") == "application/json"


def test_internal_note_without_tags_is_one_request(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    client.add_internal_note("12", "waits for review")
    assert [r.path for r in zendesk.requests] == ["/api/v2/tickets/12.json"]


def test_ticket_id_must_be_numeric(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    with pytest.raises(ValueError):
        client.add_internal_note("12/../../users", "x")
    assert zendesk.requests == []


def test_rate_limit_is_transient_with_retry_after(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    zendesk.script("/api/v2/tickets/7.json", Reply(429, headers={"Retry-After": "17"}, body={"error": "x"}))
    with pytest.raises(ZendeskUnavailable) as excinfo:
        client.add_internal_note("7", "note")
    assert isinstance(excinfo.value, TransientError)
    assert excinfo.value.retry_after == 17.0
    client.add_internal_note("7", "note")  # the queue is empty now: default 200
    assert len(zendesk.requests_to("/api/v2/tickets/7.json")) == 2


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, ZendeskAuthFailed),
        (422, ZendeskRequestRejected),
        (404, ZendeskRequestRejected),
        (409, ZendeskUnavailable),
        (503, ZendeskUnavailable),
    ],
)
def test_api_status_mapping(zendesk: HttpRecorder, client: ZendeskClient, status: int, error: type) -> None:
    zendesk.script(
        "/api/v2/tickets/7.json",
        Reply(status, body={"error": "RecordInvalid", "description": "Status: closed prevents update"}),
    )
    with pytest.raises(error) as excinfo:
        client.add_internal_note("7", "note")
    assert str(status) in str(excinfo.value)
    assert TOKEN not in str(excinfo.value)
    if status == 422:
        assert "closed prevents update" in str(excinfo.value)
        assert isinstance(excinfo.value, PermanentError)


def test_download_200(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    zendesk.script("/attachments/token/abc/", Reply(200, headers={"Content-Type": "application/pdf"}, body=PDF))
    data = client.download_attachment(zendesk.url("/attachments/token/abc/?name=statement.pdf"), max_bytes=1_000_000)
    assert data == PDF
    [request] = zendesk.requests
    assert request.method == "GET"
    assert request.path == "/attachments/token/abc/?name=statement.pdf"
    assert request.header("Authorization") == _basic(f"{EMAIL}/token", TOKEN)


def test_download_follows_redirect_to_storage_without_credentials(client: ZendeskClient, zendesk: HttpRecorder) -> None:
    with HttpRecorder() as storage:
        # 127.0.0.1 vs localhost: a different origin, as zdusercontent.com is for Zendesk
        signed = f"http://localhost:{storage.port}/signed/xyz"
        zendesk.script("/attachments/token/abc/", Reply(302, headers={"Location": signed}))
        storage.script("/signed/xyz", Reply(200, body=PDF))
        assert client.download_attachment("/attachments/token/abc/", max_bytes=1_000_000) == PDF
        [stored] = storage.requests
        assert stored.header("Authorization") is None
        assert zendesk.requests[0].header("Authorization") is not None


@pytest.mark.parametrize("status", [404, 403, 410])
def test_download_gone_or_forbidden_is_unavailable(zendesk: HttpRecorder, client: ZendeskClient, status: int) -> None:
    zendesk.script("/attachments/x", Reply(status, body="nope"))
    with pytest.raises(AttachmentUnavailable) as excinfo:
        client.download_attachment(zendesk.url("/attachments/x"), max_bytes=1000)
    assert isinstance(excinfo.value, PermanentError)
    assert excinfo.value.context["status"] == status


def test_download_500_then_200(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    zendesk.script("/attachments/y", Reply(500, body="boom"), Reply(200, body=PDF))
    with pytest.raises(TransientError) as excinfo:
        client.download_attachment(zendesk.url("/attachments/y"), max_bytes=1_000_000)
    assert isinstance(excinfo.value, ZendeskUnavailable)
    assert excinfo.value.retry_after is None
    assert client.download_attachment(zendesk.url("/attachments/y"), max_bytes=1_000_000) == PDF


def test_download_slow_server_times_out_as_transient(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    zendesk.script("/attachments/slow", Reply(200, body=PDF, delay_s=3.0))
    started = time.monotonic()
    with pytest.raises(ZendeskTimeout) as excinfo:
        client.download_attachment(zendesk.url("/attachments/slow"), max_bytes=1_000_000)
    assert time.monotonic() - started < 2.0  # the client's 0.5 s timeout, not the server's 3 s
    assert isinstance(excinfo.value, TransientError)
    assert type(excinfo.value.__cause__).__name__ == "ReadTimeout"


def test_download_oversize_by_content_length(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    zendesk.script("/attachments/big", Reply(200, body=PDF))
    with pytest.raises(AttachmentTooLarge) as excinfo:
        client.download_attachment(zendesk.url("/attachments/big"), max_bytes=100)
    assert excinfo.value.context == {"size": len(PDF), "max_bytes": 100}
    assert isinstance(excinfo.value, PermanentError)


def test_download_oversize_by_counting_without_content_length(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    # chunked transfer: no Content-Length to check, the bytes are counted
    zendesk.script("/attachments/chunked", Reply(200, body=PDF, chunked=True), Reply(200, body=PDF, chunked=True))
    with pytest.raises(AttachmentTooLarge) as excinfo:
        client.download_attachment(zendesk.url("/attachments/chunked"), max_bytes=len(PDF) - 1)
    assert len(PDF) - 1 < excinfo.value.context["size"] <= len(PDF)
    assert client.download_attachment(zendesk.url("/attachments/chunked"), max_bytes=len(PDF)) == PDF


def test_download_connection_refused_is_transient() -> None:
    with ZendeskClient(base_url=f"http://127.0.0.1:{free_port()}", email=EMAIL, api_token=TOKEN, timeout_s=0.5) as c:
        with pytest.raises(ZendeskUnavailable) as excinfo:
            c.download_attachment("/attachments/z", max_bytes=10)
        assert type(excinfo.value.__cause__).__name__ == "ConnectError"
        with pytest.raises(ZendeskUnavailable):
            c.add_internal_note("1", "x")


def test_download_rate_limited_with_http_date(zendesk: HttpRecorder, client: ZendeskClient) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    zendesk.script("/attachments/r", Reply(429, headers={"Retry-After": later}))
    with pytest.raises(ZendeskUnavailable) as excinfo:
        client.download_attachment(zendesk.url("/attachments/r"), max_bytes=10)
    assert 100 < excinfo.value.retry_after <= 120


def test_parse_retry_after() -> None:
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:45 GMT", now=now) == 45.0
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_zendesk_base_url() -> None:
    assert zendesk_base_url("Office") == "https://office.zendesk.com"
    with pytest.raises(ConfigurationError):
        zendesk_base_url("https://office.zendesk.com")
    assert "s3cr3t" not in repr(ZendeskClient(base_url="https://x.zendesk.com", email=EMAIL, api_token=TOKEN))
