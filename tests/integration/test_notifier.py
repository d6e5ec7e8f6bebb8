"""SmtpNotifier against a real SMTP server on loopback (aiosmtpd); LogNotifier; texts."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
import structlog

from creditctl.adapters.notifier import (
    LogNotifier,
    Message,
    SmtpNotifier,
    format_change,
    format_euro,
    make_notifier,
    parse_smtp_url,
    render_alert,
    render_auto_match,
    render_incident_alert,
)
from creditctl.exceptions import ConfigurationError
from creditctl.logs import configure_logging
from tests.fakes.smtp import FakeSmtpServer


@pytest.fixture
def smtp():
    with FakeSmtpServer() as server:
        yield server


def _auto_match_text(**overrides):
    args = dict(
        client="Tamara Reinholz",
        creditor="Modehaus Lindner KG",
        sender="forderungsmanagement@rheinpfalz-inkasso.example",
        old_amount=Decimal("540.00"),
        new_amount=Decimal("1612.34"),
        currency="EUR",
        ticket_id="4711",
        side_conversation_id="sc-99",
        references=["RPI-7712-4408-19", "BÖ-2024-0173"],
        confidence=0.923,
        email_id=42,
    )
    args.update(overrides)
    return render_auto_match(**args)


def test_send_delivers_utf8_subject_and_body(smtp: FakeSmtpServer) -> None:
    subject, body = _auto_match_text()
    SmtpNotifier(smtp.url, timeout_s=5).send(
        Message(
            to=("team@office.example", "lead@office.example"),
            subject=subject,
            body=body,
            mail_from="creditctl@office.example",
        )
    )
    [mail] = smtp.wait_for(1)
    assert mail.subject == "Gläubiger-Antwort: Tamara Reinholz - Modehaus Lindner KG"
    assert mail.rcpt_tos == ("team@office.example", "lead@office.example")
    assert mail.mail_from == "creditctl@office.example"
    assert "Neue Forderung:       1.612,34 €" in mail.body
    assert mail.message["Date"] is not None
    assert mail.message["Message-ID"].endswith("@office.example>")
    assert mail.message["Auto-Submitted"] == "auto-generated"
    # the subject travels RFC 2047-encoded, the raw message is 7-bit clean headers
    assert b"Gl\xc3\xa4ubiger" not in mail.raw.split(b"\r\n\r\n", 1)[0]


def test_login_with_credentials_from_url() -> None:
    with FakeSmtpServer(credentials=("alerts", "p@ss")) as server:
        url = f"smtp://alerts:p%40ss@{server.host}:{server.port}"
        SmtpNotifier(url, timeout_s=5).send(
            Message(to=("ops@office.example",), subject="s", body="b", mail_from="c@office.example")
        )
        server.wait_for(1)
        assert server.auth_attempts == [("alerts", True)]


def test_wrong_password_raises_smtp_authentication_error() -> None:
    import smtplib

    with FakeSmtpServer(credentials=("alerts", "right")) as server:
        url = f"smtp://alerts:wrong@{server.host}:{server.port}"
        with pytest.raises(smtplib.SMTPAuthenticationError):
            SmtpNotifier(url, timeout_s=5).send(
                Message(to=("o@office.example",), subject="s", body="b", mail_from="c@o.example")
            )
        assert server.messages == []


def test_server_down_raises_then_delivers_after_restart_on_same_port(smtp: FakeSmtpServer) -> None:
    notifier = SmtpNotifier(smtp.url, timeout_s=2)
    message = Message(to=("ops@office.example",), subject="Alert", body="x", mail_from="c@o.example")
    port = smtp.port
    smtp.stop()
    started = time.monotonic()
    with pytest.raises(OSError) as excinfo:
        notifier.send(message)
    assert isinstance(excinfo.value, ConnectionRefusedError)
    assert time.monotonic() - started < 2
    smtp.start()
    assert smtp.port == port
    notifier.send(message)
    assert [m.subject for m in smtp.wait_for(1)] == ["Alert"]


def test_log_notifier_logs_subject_and_recipients_not_body() -> None:
    # an in-process one-shot command of an earlier test leaves the level at ERROR
    # (cli/common.py): the stand-in logs at INFO, as a daemon's configuration does
    configure_logging("INFO")
    with structlog.testing.capture_logs() as logs:
        LogNotifier().send(
            Message(
                to=("ops@office.example",),
                subject="Gläubiger-Antwort: A - B",
                body="Schulden von Frau A: 540,00 €",
                mail_from="c@o.example",
            )
        )
    [entry] = logs
    assert entry["event"] == "notification_not_sent"
    assert entry["subject"] == "Gläubiger-Antwort: A - B"
    assert entry["to"] == ["ops@office.example"]
    assert "540" not in repr(entry)


def test_make_notifier_chooses_by_url(smtp: FakeSmtpServer) -> None:
    assert isinstance(make_notifier(None), LogNotifier)
    assert isinstance(make_notifier("  "), LogNotifier)
    notifier = make_notifier(smtp.url)
    assert isinstance(notifier, SmtpNotifier)
    with pytest.raises(ConfigurationError, match="CREDITCTL_SMTP_URL"):
        make_notifier("http://mail.example")


def test_parse_smtp_url_modes_and_default_ports() -> None:
    plain = parse_smtp_url("smtp://mail.example")
    assert (plain.host, plain.port, plain.mode, plain.username) == ("mail.example", 25, "plain", None)
    tls = parse_smtp_url("smtps://u:p%2Fw@mail.example")
    assert (tls.port, tls.mode, tls.username, tls.password) == (465, "tls", "u", "p/w")
    starttls = parse_smtp_url("smtp+starttls://mail.example:2525")
    assert (starttls.port, starttls.mode) == (2525, "starttls")
    assert "p/w" not in repr(SmtpNotifier("smtps://u:p%2Fw@mail.example"))
    with pytest.raises(ConfigurationError):
        parse_smtp_url("smtp://:25")


def test_message_rejects_no_recipient_and_multiline_subject() -> None:
    with pytest.raises(ValueError):
        Message(to=(), subject="s", body="b", mail_from="c@o.example")
    with pytest.raises(ValueError):
        Message(to=("a@b.example",), subject="s\r\nBcc: x@evil.example", body="b", mail_from="c@o.example")


def test_render_alert_names_everything_an_operator_needs() -> None:
    subject, body = render_alert(
        email_id=42,
        ticket_id="4711",
        sender="inkasso@example.com",
        error="BadRequestError: 400 invalid request",
        attempts=1,
        retry_command="creditctl retry 42",
    )
    assert "42" in subject and "4711" in subject and "\n" not in subject
    for expected in (
        "Email id:        42",
        "Zendesk ticket:  4711",
        "inkasso@example.com",
        "Attempts:        1",
        "BadRequestError: 400 invalid request",
        "    creditctl retry 42",
        "creditctl status 42",
    ):
        assert expected in body


def test_render_alert_cuts_huge_errors() -> None:
    _, body = render_alert(
        email_id=1, ticket_id="t", sender="s", error="x" * 10_000, attempts=6, retry_command="creditctl retry 1"
    )
    assert len(body) < 5000
    assert "[…]" in body


def test_render_incident_alert() -> None:
    subject, body = render_incident_alert(cause="APITimeoutError", count=20, sample_ids=[3, 5, 8], window_s=60.0)
    assert subject == "[creditctl] Incident: 20 emails failed with APITimeoutError within 60 s"
    assert "Sample ids:   3, 5, 8" in body
    assert "creditctl retry --failed --error-class APITimeoutError" in body
    assert "creditctl status 3" in body


def test_render_auto_match_german_body() -> None:
    subject, body = _auto_match_text()
    assert subject == "Gläubiger-Antwort: Tamara Reinholz - Modehaus Lindner KG"
    assert "Mandant:              Tamara Reinholz" in body
    assert "Gläubiger:            Modehaus Lindner KG" in body
    assert "Absender:             forderungsmanagement@rheinpfalz-inkasso.example" in body
    assert "Bisherige Forderung:  540,00 €" in body
    assert "Neue Forderung:       1.612,34 €" in body
    assert "Veränderung:          +1.072,34 €" in body
    assert "Zendesk-Ticket:       4711" in body
    assert "Side Conversation:    sc-99" in body
    assert "Referenzen:           RPI-7712-4408-19, BÖ-2024-0173" in body
    assert "Zuordnungssicherheit: 92 %" in body


def test_render_auto_match_unknown_previous_and_one_line_subject() -> None:
    subject, body = _auto_match_text(
        client="Tamara\nReinholz", old_amount=None, ticket_id=None, side_conversation_id=None, references=[]
    )
    assert subject == "Gläubiger-Antwort: Tamara Reinholz - Modehaus Lindner KG"
    assert "Bisherige Forderung:  unbekannt" in body
    assert "Zendesk-Ticket:       —" in body
    assert "Referenzen:           —" in body


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0"), "0,00 €"),
        (Decimal("5.5"), "5,50 €"),
        (Decimal("1234567.891"), "1.234.567,89 €"),
        (Decimal("0.005"), "0,01 €"),
    ],
)
def test_format_euro(amount: Decimal, text: str) -> None:
    assert format_euro(amount) == text


def test_format_change_signs_and_currency() -> None:
    assert format_change(Decimal("100"), Decimal("90")) == "-10,00 €"
    assert format_change(Decimal("90"), Decimal("90.00")) == "±0,00 €"
    assert format_change(Decimal("1"), Decimal("2"), "chf") == "+1,00 CHF"
    assert format_change(None, Decimal("2")).startswith("unbekannt")
