"""The content key's body normalisation computed on bytes (``intake.folded_words``) is the
defined one, ``" ".join(text.split()).casefold()`` in UTF-8, for every text: keys stored
before it must keep matching (the dedupe window, docs/zendesk-contract.md, "Delivery")."""

from __future__ import annotations

import hashlib
import random

import pytest

from creditctl.schemas import AttachmentRef, WebhookPayload
from creditctl.services.intake import content_key, folded_words


def _defined(text: str) -> bytes:
    return " ".join(text.split()).casefold().encode("utf-8", "replace")


def test_every_character_of_the_basic_plane_in_context() -> None:
    wrong = []
    for code in range(0x10000):
        char = chr(code)
        for text in (f"Ab{char}Cd", f" {char}{char}\t\u00c4\u20ac {char}"):
            if folded_words(text) != _defined(text):
                wrong.append((hex(code), text))
                break
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "Mit freundlichen Grüßen\u00a0\u00a0ÄÖÜ ẞ STRAẞE",
        "Forderung\u202fbeträgt 1.234,56\u00a0€ – „offen“",
        "µ MICRO\u0085NEL\x1cFS\x1dGS\x1eRS\x1fUS",
        "ΣΊΣΥΦΟΣ Łódź İstanbul ǅ 𐐀 \U0001f389",
        "lone \ud800 surrogate \udc00",
        "×÷ÀÞàþÿ ÆØÅ",
    ],
)
def test_tricky_texts(text: str) -> None:
    assert folded_words(text) == _defined(text)


def test_random_mixtures() -> None:
    rnd = random.Random(20261206)
    alphabet = [
        *"aAzZ09 \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0ßẞµÄÖÜäöü×÷İıŁł€„“–ΣσςǅǄ\u2009\u202f\u3000\ud800",
        *(chr(c) for c in range(0x80, 0x100)),
        "\U00010400",
        "\U0001f389",
    ]
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        assert folded_words(text) == _defined(text), repr(text)


def test_content_key_is_the_digest_it_always_was() -> None:
    payload = WebhookPayload(
        ticket_id="1",
        from_email=" Inkasso@Example.ORG ",
        body_text="Sehr geehrte  Damen und Herren,\n\nGRÜẞE\u00a0aus Köln",
        attachments=[AttachmentRef(file_name="B.pdf", size=3), AttachmentRef(file_name="a.PDF", size=1)],
    )
    body = " ".join((payload.body_text or "").split()).casefold()
    files = "\x01".join(sorted(f"{a.file_name.casefold()}:{a.size}" for a in payload.attachments))
    expected = hashlib.sha256(f"inkasso@example.org\x00{body}\x00{files}".encode("utf-8", "replace")).hexdigest()
    assert content_key(payload) == expected


def test_the_subject_is_part_of_the_key_without_reply_prefixes() -> None:
    from creditctl.services.intake import normalised_subject

    def key(subject: str) -> str:
        return content_key(WebhookPayload(ticket_id="1", from_email="a@b.example", body_text="x", subject=subject))

    assert normalised_subject("RE: AW:  Fwd: WG: Gregor  Lindqvist") == "gregor lindqvist"
    assert normalised_subject(None) == normalised_subject("Re:") == ""
    assert key("RE: Gregor Lindqvist - account QR-100777") != key("RE: Oliver Pembridge - account QR-100293")
    assert key("RE: Gregor Lindqvist - account QR-100777") == key("WG: aw:  gregor lindqvist -  account QR-100777")
    assert key("") == key("Re: ")  # no subject: the digest it always was
