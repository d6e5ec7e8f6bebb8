"""A real SMTP server on loopback (aiosmtpd) that records what it receives.

Usage::

    with FakeSmtpServer() as smtp:
        notifier = SmtpNotifier(smtp.url)
        ...
        smtp.stop()            # "SMTP down": connections are refused
        smtp.start()           # back, on the SAME port
        mail = smtp.wait_for(1)[0]
        mail.message["Subject"]

The port is chosen free once, at construction, and kept across ``stop``/``start``.
"""

from __future__ import annotations

import email
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.ports import free_port


@dataclass(frozen=True)
class ReceivedMail:
    """One message as received: envelope sender and recipients, parsed message, raw bytes."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage
    raw: bytes

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""


class _RecordingHandler:
    def __init__(self, server: FakeSmtpServer) -> None:
        self._server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        parsed = email.message_from_bytes(raw, policy=default_policy)
        self._server._record(
            ReceivedMail(
                mail_from=envelope.mail_from,
                rcpt_tos=tuple(envelope.rcpt_tos),
                message=parsed,  # type: ignore[arg-type]
                raw=raw,
            )
        )
        return "250 Message accepted for delivery"


class FakeSmtpServer:
    """aiosmtpd on ``host``:``port`` recording every message; restartable on the same port.

    ``credentials=(user, password)`` requires AUTH LOGIN/PLAIN (allowed without TLS);
    ``starttls_context`` offers STARTTLS; ``implicit_tls_context`` makes it an smtps
    server.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        credentials: tuple[str, str] | None = None,
        starttls_context: ssl.SSLContext | None = None,
        implicit_tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.credentials = credentials
        self.starttls_context = starttls_context
        self.implicit_tls_context = implicit_tls_context
        self.messages: list[ReceivedMail] = []
        self.auth_attempts: list[tuple[str, bool]] = []
        self._lock = threading.Condition()
        self._controller: Controller | None = None

    # lifecycle ---------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._controller is not None

    @property
    def url(self) -> str:
        """``smtp://host:port`` (``smtps://`` for implicit TLS; credentials included)."""
        scheme = "smtps" if self.implicit_tls_context else ("smtp+starttls" if self.starttls_context else "smtp")
        auth = f"{self.credentials[0]}:{self.credentials[1]}@" if self.credentials else ""
        return f"{scheme}://{auth}{self.host}:{self.port}"

    def start(self) -> FakeSmtpServer:
        """Listen on ``self.port``; a no-op when already running."""
        if self._controller is not None:
            return self
        kwargs: dict[str, Any] = {"enable_SMTPUTF8": True}
        if self.credentials:
            kwargs.update(authenticator=self._authenticate, auth_require_tls=False)
        if self.starttls_context:
            kwargs["tls_context"] = self.starttls_context
        if self.implicit_tls_context:
            kwargs["ssl_context"] = self.implicit_tls_context
        controller = Controller(
            _RecordingHandler(self), hostname=self.host, port=self.port, ready_timeout=5.0, **kwargs
        )
        controller.start()
        self._controller = controller
        return self

    def stop(self) -> None:
        """Stop listening; connections are refused until ``start`` (same port)."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> FakeSmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # recording ---------------------------------------------------------------------
    def _record(self, mail: ReceivedMail) -> None:
        with self._lock:
            self.messages.append(mail)
            self._lock.notify_all()

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        login = getattr(auth_data, "login", b"") or b""
        password = getattr(auth_data, "password", b"") or b""
        user = login.decode() if isinstance(login, bytes) else str(login)
        pw = password.decode() if isinstance(password, bytes) else str(password)
        ok = self.credentials is not None and (user, pw) == self.credentials
        self.auth_attempts.append((user, ok))
        return AuthResult(success=ok, handled=False)

    def wait_for(self, count: int, timeout_s: float = 5.0) -> list[ReceivedMail]:
        """Block until at least ``count`` messages arrived; returns them all.

        Raises ``AssertionError`` with the number received when the timeout passes.
        """
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while len(self.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} messages within {timeout_s} s, got {len(self.messages)}")
                self._lock.wait(remaining)
            return list(self.messages)

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
