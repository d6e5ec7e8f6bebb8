"""Zendesk REST API client (httpx, synchronous): internal notes, tags, attachment download.

Sources (Zendesk Developer docs, Support API):
- Authentication, "API token": HTTP Basic with user ``{email}/token`` and the token as
  password.
- Tickets, "Update Ticket": ``PUT /api/v2/tickets/{id}.json`` with
  ``{"ticket": {"comment": {"body": ..., "public": false}}}`` adds an internal note.
- Tags, "Add Tags": ``PUT /api/v2/tickets/{id}/tags.json`` with ``{"tags": [...]}`` adds
  tags and keeps existing ones (``POST`` would replace them all).
- Rate limits: a 429 carries ``Retry-After`` (seconds); a 409 on a ticket update is a
  concurrent-update conflict Zendesk asks clients to retry.

Errors, for the retry policy (``creditctl.exceptions``):
- ``ZendeskUnavailable`` (a ``TransientError``): 429, 409, 5xx, and every network
  failure. Network failures are *wrapped*: ``httpx.TimeoutException`` becomes
  ``ZendeskTimeout``, other ``httpx.TransportError``s ``ZendeskUnavailable``, with the
  httpx exception as ``__cause__``, so callers need no httpx knowledge.
  ``retry_after`` holds the server's Retry-After in seconds when it sent one.
- ``ZendeskAuthFailed``, ``ZendeskRequestRejected``, ``AttachmentUnavailable``,
  ``AttachmentTooLarge`` (``PermanentError``s): retrying cannot help.

Error messages name the host and status, never a full attachment URL (its path holds
an access token) nor the API token.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from creditctl.exceptions import ConfigurationError, PermanentError, TransientError

USER_AGENT = "creditctl (+zendesk adapter)"
_SUBDOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]*$", re.IGNORECASE)
_TICKET_ID = re.compile(r"^[0-9]+$")


class ZendeskUnavailable(TransientError):
    """Zendesk did not answer usefully (outage, rate limit, network); it will be retried."""


class ZendeskTimeout(ZendeskUnavailable):
    """Zendesk did not answer in time; it will be retried."""


class ZendeskAuthFailed(PermanentError):
    """Zendesk refused our credentials; check CREDITCTL_ZENDESK_EMAIL and CREDITCTL_ZENDESK_API_TOKEN."""


class ZendeskRequestRejected(PermanentError):
    """Zendesk rejected the request (e.g. unknown or closed ticket); see the status in the message."""


class AttachmentUnavailable(PermanentError):
    """The attachment cannot be downloaded (gone or forbidden); the email is read without it."""


class AttachmentTooLarge(PermanentError):
    """The attachment exceeds CREDITCTL_ATTACHMENT_MAX_BYTES; the email is read without it."""


def zendesk_base_url(subdomain: str) -> str:
    """``https://{subdomain}.zendesk.com``. Raises ``ConfigurationError`` for a subdomain
    that is not a DNS label (e.g. a full URL pasted into CREDITCTL_ZENDESK_SUBDOMAIN)."""
    subdomain = subdomain.strip()
    if not _SUBDOMAIN.match(subdomain):
        raise ConfigurationError(
            "CREDITCTL_ZENDESK_SUBDOMAIN must be the bare subdomain, e.g. 'office' for office.zendesk.com"
        )
    return f"https://{subdomain.lower()}.zendesk.com"


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP-date
    (RFC 9110 §10.2.3). None when absent or unparsable; never negative."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class ZendeskClient:
    """Zendesk Support API client with API-token authentication.

    ``timeout_s`` bounds connecting and each read/write (seconds);
    ``download_deadline_s`` bounds a whole attachment download (seconds), so a server
    dripping bytes cannot hold a worker. Use as a context manager or call ``close``.
    """

    def __init__(
        self,
        *,
        base_url: str,
        email: str,
        api_token: str,
        timeout_s: float = 10.0,
        download_deadline_s: float = 120.0,
    ) -> None:
        if not base_url.startswith(("https://", "http://")):
            raise ConfigurationError("the Zendesk base URL must start with https://")
        self.base_url = base_url.rstrip("/")
        self.download_deadline_s = download_deadline_s
        self._auth = httpx.BasicAuth(f"{email}/token", api_token)
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
        )

    def __repr__(self) -> str:  # no token
        return f"ZendeskClient({self.base_url})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ZendeskClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- tickets ---------------------------------------------------------------------
    def add_internal_note(self, ticket_id: str, body: str, tags: Sequence[str] = ()) -> None:
        """Add ``body`` as an internal note (``public: false``) to the ticket, after
        adding ``tags`` (if any).

        Tags go first because adding tags is idempotent: when the note fails and the
        caller retries, nothing is doubled. Raises ``ValueError`` for a non-numeric
        ticket id, ``ZendeskUnavailable``/``ZendeskTimeout`` (retry), or
        ``ZendeskAuthFailed``/``ZendeskRequestRejected`` (do not retry).
        """
        path = f"/api/v2/tickets/{_ticket(ticket_id)}.json"
        if tags:
            self.add_tags(ticket_id, tags)
        self._request("PUT", path, json={"ticket": {"comment": {"body": body, "public": False}}})

    def add_tags(self, ticket_id: str, tags: Sequence[str]) -> None:
        """Add ``tags`` to the ticket, keeping its other tags (idempotent). Errors as for
        ``add_internal_note``."""
        clean = [t.strip() for t in tags if t and t.strip()]
        if not clean:
            return
        self._request("PUT", f"/api/v2/tickets/{_ticket(ticket_id)}/tags.json", json={"tags": clean})

    def _request(self, method: str, path: str, *, json: object) -> httpx.Response:
        url = self.base_url + path
        try:
            response = self._http.request(method, url, json=json, auth=self._auth)
        except httpx.TimeoutException as exc:
            raise ZendeskTimeout(f"Zendesk did not answer {method} {path} in time; it will be retried") from exc
        except httpx.TransportError as exc:
            raise ZendeskUnavailable(f"Zendesk is unreachable ({type(exc).__name__}); it will be retried") from exc
        _raise_for_status(response, what=f"{method} {path}", attachment=False)
        return response

    # --- attachments -------------------------------------------------------------------
    def download_attachment(self, content_url: str, *, max_bytes: int) -> bytes:
        """The bytes at ``content_url`` (a Zendesk attachment's ``content_url``; a path
        is taken relative to the base URL), streamed, at most ``max_bytes`` bytes.

        Credentials are sent only to the Zendesk origin itself; redirects (Zendesk
        sends attachment downloads to a signed storage URL) are followed without them,
        at most 5.

        Raises ``AttachmentTooLarge`` when Content-Length or the bytes received exceed
        ``max_bytes``; ``AttachmentUnavailable`` for 403/404/410 and other 4xx, a bad
        URL or a redirect loop; ``ZendeskAuthFailed`` for 401; ``ZendeskUnavailable``
        (``retry_after`` from Retry-After) for 429 and 5xx, ``ZendeskTimeout`` when a
        read times out or the whole download exceeds ``download_deadline_s``.
        """
        url = urljoin(self.base_url + "/", content_url)
        host = urlsplit(url).hostname or "?"
        deadline = time.monotonic() + self.download_deadline_s
        for _hop in range(6):
            same_origin = _origin(url) == _origin(self.base_url)
            try:
                with self._http.stream(
                    "GET", url, auth=self._auth if same_origin else None, headers={"Accept": "*/*"}
                ) as response:
                    if response.is_redirect and response.has_redirect_location:
                        url = str(response.next_request.url) if response.next_request else url
                        continue
                    _raise_for_status(response, what=f"attachment download from {host}", attachment=True)
                    return _read_capped(response, max_bytes=max_bytes, deadline=deadline, host=host)
            except httpx.TimeoutException as exc:
                raise ZendeskTimeout(f"attachment download from {host} timed out; it will be retried") from exc
            except httpx.UnsupportedProtocol as exc:
                raise AttachmentUnavailable(f"attachment URL is not http(s): {host}") from exc
            except httpx.TransportError as exc:
                raise ZendeskUnavailable(
                    f"attachment download from {host} failed ({type(exc).__name__}); it will be retried"
                ) from exc
        raise AttachmentUnavailable(f"attachment download from {host}: too many redirects")


def _ticket(ticket_id: str | int) -> str:
    text = str(ticket_id).strip()
    if not _TICKET_ID.match(text):
        raise ValueError(f"a Zendesk ticket id is a number, got {ticket_id!r}")
    return text


def _read_capped(response: httpx.Response, *, max_bytes: int, deadline: float, host: str) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise AttachmentTooLarge(
            f"attachment from {host} is {int(declared)} bytes, over the limit of {max_bytes}; "
            "raise CREDITCTL_ATTACHMENT_MAX_BYTES to read it",
            size=int(declared),
            max_bytes=max_bytes,
        )
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise AttachmentTooLarge(
                f"attachment from {host} exceeds the limit of {max_bytes} bytes; "
                "raise CREDITCTL_ATTACHMENT_MAX_BYTES to read it",
                size=received,
                max_bytes=max_bytes,
            )
        if time.monotonic() > deadline:
            raise ZendeskTimeout(f"attachment download from {host} is too slow; it will be retried")
        chunks.append(chunk)
    return b"".join(chunks)


def _raise_for_status(response: httpx.Response, *, what: str, attachment: bool) -> None:
    """Map an HTTP status to our exceptions (see the module docstring)."""
    status = response.status_code
    if status < 400:
        return
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    if status == 429 or status >= 500 or (status == 409 and not attachment):
        raise ZendeskUnavailable(
            f"{what}: Zendesk answered {status}; it will be retried", retry_after=retry_after, status=status
        )
    if status == 401:
        raise ZendeskAuthFailed(
            f"{what}: Zendesk answered 401; check CREDITCTL_ZENDESK_EMAIL and CREDITCTL_ZENDESK_API_TOKEN",
            status=status,
        )
    if attachment:
        raise AttachmentUnavailable(
            f"{what}: answered {status}; the email is read without this attachment", status=status
        )
    raise ZendeskRequestRejected(
        f"{what}: Zendesk answered {status} ({_error_text(response)}); fix the cause, then retry",
        status=status,
    )


def _error_text(response: httpx.Response) -> str:
    """Zendesk's short error text (``{"error": ..., "description": ...}``), at most 200 chars."""
    try:
        data = response.json()
    except ValueError:
        return response.reason_phrase
    if isinstance(data, dict):
        parts = [str(data.get(k)) for k in ("error", "description") if data.get(k)]
        if parts:
            return ": ".join(parts)[:200]
    return response.reason_phrase
