"""Notifications by email: an SMTP notifier, a log notifier, and the texts they send.

Adapters know no use case: the caller renders a ``(subject, body)`` with one of the
``render_*`` functions, wraps it in a ``Message`` and hands it to ``send``. Retrying a
failed send is the caller's job (an outbox row retried by a task): ``send`` raises.

``CREDITCTL_SMTP_URL`` forms (parsed with ``urllib.parse``):

- ``smtp://[user:pass@]host[:port]``           plain SMTP, port 25 by default
- ``smtp+starttls://[user:pass@]host[:port]``  STARTTLS upgrade (RFC 3207), port 587
- ``smtps://[user:pass@]host[:port]``          implicit TLS (RFC 8314), port 465

User and password are percent-decoded, so ``p%40ss`` means ``p@ss``.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import unquote, urlsplit

import structlog

from creditctl.exceptions import ConfigurationError

log = structlog.get_logger(__name__)

_DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
_MAX_ERROR_CHARS = 4000


@dataclass(frozen=True)
class Message:
    """One email to send: recipients, one-line subject, plain-text body, sender address.

    Raises ``ValueError`` when there is no recipient or the subject spans lines
    (a line break in a header would allow header injection).
    """

    to: tuple[str, ...]
    subject: str
    body: str
    mail_from: str

    def __post_init__(self) -> None:
        if not self.to or not all(addr.strip() for addr in self.to):
            raise ValueError("a notification needs at least one recipient address")
        if "\n" in self.subject or "\r" in self.subject:
            raise ValueError("the subject of a notification must be a single line")


@dataclass(frozen=True)
class SmtpEndpoint:
    """The parts of ``CREDITCTL_SMTP_URL``: mode is ``plain``, ``starttls`` or ``tls``."""

    host: str
    port: int
    mode: str
    username: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpEndpoint:
    """Parse ``smtp://``, ``smtp+starttls://`` or ``smtps://`` URLs (see module docstring).

    Raises ``ConfigurationError`` naming CREDITCTL_SMTP_URL when the scheme or host is
    missing or the port is not a number.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ConfigurationError("CREDITCTL_SMTP_URL must start with smtp://, smtp+starttls:// or smtps://")
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise ConfigurationError("CREDITCTL_SMTP_URL has an invalid port") from None
    if not parts.hostname:
        raise ConfigurationError("CREDITCTL_SMTP_URL names no host, e.g. smtp://mail.example:25")
    mode = {"smtp": "plain", "smtp+starttls": "starttls", "smtps": "tls"}[scheme]
    return SmtpEndpoint(
        host=parts.hostname,
        port=port,
        mode=mode,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def build_email(message: Message, *, now: datetime | None = None) -> EmailMessage:
    """The MIME message for ``message``: UTF-8 text, Date and Message-ID headers.

    ``Auto-Submitted: auto-generated`` (RFC 3834) keeps vacation responders from
    answering. The Message-ID uses the sender's domain, so no DNS lookup is needed.
    """
    email = EmailMessage()
    email["From"] = message.mail_from
    email["To"] = ", ".join(message.to)
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now or datetime.now(UTC))
    domain = message.mail_from.rpartition("@")[2] or "localhost"
    email["Message-ID"] = make_msgid(domain=domain)
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body, charset="utf-8")
    return email


class SmtpNotifier:
    """Sends ``Message``s over SMTP, one connection per message.

    ``timeout_s`` bounds connecting and each SMTP command (seconds). ``ssl_context``
    overrides the default certificate verification (tests with a self-signed server).
    """

    def __init__(self, url: str, *, timeout_s: float = 10.0, ssl_context: ssl.SSLContext | None = None) -> None:
        self.endpoint = parse_smtp_url(url)
        self.timeout_s = timeout_s
        self._ssl_context = ssl_context

    def __repr__(self) -> str:  # never shows the password
        e = self.endpoint
        return f"SmtpNotifier({e.mode}://{e.host}:{e.port})"

    def send(self, message: Message) -> None:
        """Deliver ``message`` to the SMTP server.

        Raises ``OSError`` (``ConnectionRefusedError``, ``TimeoutError``…) when the server
        cannot be reached, and ``smtplib.SMTPException`` subclasses when it refuses the
        login, the sender or every recipient. When only some recipients are refused the
        message is not re-sent (the others already have it): a warning is logged.
        """
        email = build_email(message)
        e = self.endpoint
        context = self._ssl_context or ssl.create_default_context()
        smtp: smtplib.SMTP
        if e.mode == "tls":
            smtp = smtplib.SMTP_SSL(e.host, e.port, timeout=self.timeout_s, context=context)
        else:
            smtp = smtplib.SMTP(e.host, e.port, timeout=self.timeout_s)
        with smtp:
            if e.mode == "starttls":
                smtp.starttls(context=context)
            if e.username:
                smtp.login(e.username, e.password or "")
            refused = smtp.send_message(email, from_addr=message.mail_from, to_addrs=list(message.to))
        if refused:
            log.warning("notification_recipients_refused", refused=sorted(refused))


class LogNotifier:
    """Stands in when no SMTP server is configured: logs subject and recipients only.

    The body is not logged: it carries people's names and debts.
    """

    def send(self, message: Message) -> None:
        """Write one ``notification_not_sent`` log event; never raises for a valid message."""
        log.info(
            "notification_not_sent",
            reason="CREDITCTL_SMTP_URL is not set",
            subject=message.subject,
            to=list(message.to),
        )


def make_notifier(smtp_url: str | None) -> SmtpNotifier | LogNotifier:
    """``SmtpNotifier`` for a non-empty URL, otherwise ``LogNotifier``.

    Raises ``ConfigurationError`` when the URL is malformed.
    """
    if smtp_url and smtp_url.strip():
        return SmtpNotifier(smtp_url.strip())
    return LogNotifier()


# --- texts -------------------------------------------------------------------------


def _one_line(text: str) -> str:
    """Collapse whitespace so data cannot break a subject line."""
    return " ".join(str(text).split())


def render_alert(
    *, email_id: int, ticket_id: str, sender: str, error: str, attempts: int, retry_command: str
) -> tuple[str, str]:
    """``(subject, body)`` of the permanent-failure alert for one email.

    The body names the email id, Zendesk ticket, sender, attempts, the error (cut at
    4000 characters) and ``retry_command`` (e.g. ``creditctl retry 42``).
    """
    subject = _one_line(f"[creditctl] Email {email_id} failed (ticket {ticket_id})")
    if len(error) > _MAX_ERROR_CHARS:
        error = error[:_MAX_ERROR_CHARS] + " […]"
    body = (
        f"Email {email_id} could not be processed and will not be retried automatically.\n"
        "\n"
        f"Email id:        {email_id}\n"
        f"Zendesk ticket:  {ticket_id}\n"
        f"Sender:          {sender}\n"
        f"Attempts:        {attempts}\n"
        f"Error:           {error}\n"
        "\n"
        f"Details:  creditctl status {email_id}\n"
        f"Fix the cause, then retry it with:\n"
        f"    {retry_command}\n"
    )
    return subject, body


def render_incident_alert(
    *, cause: str, count: int, sample_ids: Sequence[int], window_s: float, quarantined: bool = False
) -> tuple[str, str]:
    """``(subject, body)`` of one alert for an alert storm: ``count`` emails failed for
    the same ``cause`` (an error class name) within ``window_s`` seconds.

    The body lists ``sample_ids`` and the commands to inspect and retry them.
    ``quarantined``: the alerts are of signed webhook bodies that could not be read (not
    emails); ``sample_ids`` are quarantine ids and the commands are the quarantine's.
    """
    cause = _one_line(cause)
    window = f"{window_s:g} s"
    if quarantined:
        samples = ", ".join(str(i) for i in sample_ids) or "(none)"
        first = sample_ids[0] if sample_ids else "ID"
        subject = f"[creditctl] Incident: {count} webhook bodies quarantined within {window}"
        body = (
            f"{count} signed webhook bodies could not be read within {window} and were quarantined "
            "(they are not emails: nothing was stored or processed for them).\n"
            "Single alerts for these bodies are suppressed; this is the one alert.\n"
            "\n"
            f"Bodies:       {count}\n"
            f"Sample ids:   {samples}\n"
            "\n"
            "List them:    creditctl quarantine list\n"
            f"Inspect one:  creditctl quarantine show {first}\n"
            "Check the Zendesk trigger's JSON body, then bring a corrected body in with:\n"
            f"    creditctl quarantine replay {first} --file FIXED.json\n"
            f"or close it:  creditctl quarantine dismiss {first} --reason ...\n"
        )
        return subject, body
    subject = f"[creditctl] Incident: {count} emails failed with {cause} within {window}"
    samples = ", ".join(str(i) for i in sample_ids) or "(none)"
    first = sample_ids[0] if sample_ids else "ID"
    body = (
        f"{count} emails failed for the same cause within {window}.\n"
        "Single alerts for these emails are suppressed; this is the one alert.\n"
        "\n"
        f"Cause:        {cause}\n"
        f"Emails:       {count}\n"
        f"Sample ids:   {samples}\n"
        "\n"
        f"Inspect one:  creditctl status {first}\n"
        "Fix the cause, then retry them all with:\n"
        f"    creditctl retry --failed --error-class {cause}\n"
    )
    return subject, body


def format_euro(amount: Decimal, currency: str = "EUR") -> str:
    """German money format: ``Decimal("1234.5")`` → ``"1.234,50 €"``.

    Rounds half up to cents for display only. Currencies other than EUR keep their
    ISO code: ``"1.234,50 CHF"``.
    """
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    english = f"{cents:,.2f}"  # 1,234.50
    german = english.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    symbol = "€" if currency.upper() == "EUR" else currency.upper()
    return f"{german} {symbol}"


def format_change(old: Decimal | None, new: Decimal, currency: str = "EUR") -> str:
    """Signed difference ``new - old`` in German format (``"+72,34 €"``, ``"-10,00 €"``,
    ``"±0,00 €"``), or ``"unbekannt"`` when the previous amount is unknown."""
    if old is None:
        return "unbekannt (kein bisheriger Betrag)"
    diff = new - old
    if diff > 0:
        return "+" + format_euro(diff, currency)
    if diff < 0:
        return "-" + format_euro(-diff, currency)
    return "±" + format_euro(diff, currency)


def render_auto_match(
    *,
    client: str,
    creditor: str,
    sender: str,
    old_amount: Decimal | None,
    new_amount: Decimal,
    currency: str,
    ticket_id: str | None,
    side_conversation_id: str | None,
    references: Sequence[str],
    confidence: float,
    email_id: int,
) -> tuple[str, str]:
    """``(subject, body)`` of the auto-match notification, in German, as the office's team
    reads it today.

    Subject exactly ``Gläubiger-Antwort: {client} - {creditor}`` (whitespace collapsed).
    The body gives client, creditor, sender, previous → new amount (Decimal euros in
    German format), the signed change, ticket and side conversation ids, references and
    the match confidence (0..1, shown in percent).
    """
    subject = f"Gläubiger-Antwort: {_one_line(client)} - {_one_line(creditor)}"
    previous = format_euro(old_amount, currency) if old_amount is not None else "unbekannt"
    refs = ", ".join(r for r in references if r) or "—"
    body = (
        "Eine Gläubiger-Antwort wurde automatisch zugeordnet und die Forderung aktualisiert.\n"
        "\n"
        f"Mandant:              {client}\n"
        f"Gläubiger:            {creditor}\n"
        f"Absender:             {sender}\n"
        f"Bisherige Forderung:  {previous}\n"
        f"Neue Forderung:       {format_euro(new_amount, currency)}\n"
        f"Veränderung:          {format_change(old_amount, new_amount, currency)}\n"
        f"Zendesk-Ticket:       {ticket_id or '—'}\n"
        f"Side Conversation:    {side_conversation_id or '—'}\n"
        f"Referenzen:           {refs}\n"
        f"Zuordnungssicherheit: {confidence * 100:.0f} %\n"
        f"E-Mail-ID:            {email_id}\n"
        "\n"
        f"Details: creditctl status {email_id}\n"
    )
    return subject, body
