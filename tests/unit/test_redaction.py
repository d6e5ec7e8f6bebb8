"""The redaction processors (creditctl.logs): what may never reach a log line."""

from __future__ import annotations

import pytest

from creditctl.logs import drop_secrets, redact, redact_text


@pytest.mark.parametrize(
    "text,leak",
    [
        ("IBAN DE89 3704 0044 0532 0130 00 bitte", "3704"),
        ("IBAN DE89370400440532013000", "DE8937"),
        ("Gesamtforderung 1.234,56 EUR", "1.234,56"),
        ("EUR 540.00 offen", "540.00"),
        ("Summe: 686,41", "686,41"),
        ("12.345,67 € Restschuld", "12.345,67"),
        ("schreiben Sie an max.mustermann@example.org", "mustermann"),
    ],
)
def test_redact_text_masks_ibans_amounts_and_addresses(text, leak):
    assert leak not in redact_text(text)


def test_plain_numbers_that_are_not_amounts_stay():
    assert redact_text("email 42, attempt 3, took 1500 ms") == "email 42, attempt 3, took 1500 ms"


def test_sensitive_keys_are_masked_recursively_and_counts_kept():
    event = {
        "event": "job_done",
        "email_id": 7,
        "input_tokens": 1200,
        "duration_ms": 3.5,
        "body_text": "Sehr geehrte Frau Reinholz",
        "client_name": "Tamara Reinholz",
        "data": {"to": ["a@b.example"], "new_amount": "540.00", "note": "Konto DE89 3704 0044 0532 0130 00"},
    }
    out = redact(None, "info", dict(event))
    assert out["email_id"] == 7 and out["input_tokens"] == 1200 and out["duration_ms"] == 3.5
    assert out["body_text"] == out["client_name"] == "[redacted]"
    assert out["data"] == {"to": "[redacted]", "new_amount": "[redacted]", "note": "Konto [iban]"}


def test_secrets_are_dropped_even_when_redaction_is_off():
    event = {
        "event": "x",
        "authorization": "Bearer abc",
        "X-Zendesk-Webhook-Signature": "c2ln",
        "headers": {"x-zendesk-webhook-signature": "c2ln", "api_token": "t"},
        "webhook_secret": "s",
        "body_text": "visible when redaction is off",
    }
    out = drop_secrets(None, "info", dict(event))
    assert out["authorization"] == out["X-Zendesk-Webhook-Signature"] == out["webhook_secret"] == "[secret]"
    assert out["headers"] == {"x-zendesk-webhook-signature": "[secret]", "api_token": "[secret]"}
    assert out["body_text"] == "visible when redaction is off"
