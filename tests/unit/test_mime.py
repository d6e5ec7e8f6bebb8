"""MIME parsing: transfer encodings, charsets, attachments, malformed input."""

from __future__ import annotations

import base64

import pytest

from creditctl.pipeline.mime import MimeEmail, decode_bytes, parse_mime


def _eml(body: bytes, *, charset: str, cte: str, ctype: str = "text/plain") -> bytes:
    head = (
        "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.org>\r\n"
        "To: office@example.net\r\nSubject: =?iso-8859-1?q?Forderungsaufstellung_M=FCller?=\r\n"
        "Message-ID: <abc@example.org>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: {ctype}; charset={charset}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n"
    ).encode("ascii")
    return head + body


def test_quoted_printable_utf8_and_headers() -> None:
    raw = _eml(b"Restforderung 1.204,50=C2=A0=E2=82=AC =E2=80=93 erledigt\r\n", charset="utf-8", cte="quoted-printable")
    mail = parse_mime(raw)
    assert mail.text_body is not None and "1.204,50\xa0€ – erledigt" in mail.text_body
    assert mail.subject == "Forderungsaufstellung Müller"
    assert mail.from_email == "juergen@example.org" and mail.from_name == "Jürgen Müller"
    assert mail.message_id == "<abc@example.org>"


def test_iso_8859_1_label_with_windows_1252_bytes_keeps_euro_and_dash() -> None:
    body = "Betrag 1.204,50 € – Müller".encode("cp1252")  # 0x80 (€) and 0x96 (–) are cp1252-only
    mail = parse_mime(_eml(body, charset="iso-8859-1", cte="8bit"))
    assert mail.text_body == "Betrag 1.204,50 € – Müller"
    qp = parse_mime(_eml(b"Betrag 5,00 =80 =96 ok", charset="ISO-8859-1", cte="quoted-printable"))
    assert qp.text_body == "Betrag 5,00 € – ok"


def test_base64_latin1_html_body() -> None:
    html = "<p>Zinsen 12,00&nbsp;€ für März</p>".encode("cp1252")
    mail = parse_mime(_eml(base64.b64encode(html), charset='"iso-8859-1"', cte="base64", ctype="text/html"))
    assert mail.html_body == "<p>Zinsen 12,00&nbsp;€ für März</p>" and mail.text_body is None


def test_undecodable_bytes_replaced_and_unknown_charset() -> None:
    mail = parse_mime(_eml(b"ok \xff\xfe end", charset="utf-8", cte="8bit"))
    assert mail.text_body == "ok \ufffd\ufffd end"
    assert parse_mime(_eml(b"caf\xc3\xa9", charset="x-unknown-42", cte="8bit")).text_body == "café"
    assert decode_bytes(b"\x81", "iso-8859-1") == "\x81"  # cp1252 hole -> latin-1, never lost


def test_multipart_alternative_with_attachment() -> None:
    pdf = b"%PDF-1.4 fake"
    raw = (
        b"From: a@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="OUT"\r\n\r\n'
        b'--OUT\r\nContent-Type: multipart/alternative; boundary="IN"\r\n\r\n'
        b"--IN\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nText 1,00 \xe2\x82\xac\r\n"
        b"--IN\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Html</p>\r\n--IN--\r\n"
        b'--OUT\r\nContent-Type: application/pdf; name="Forderung.pdf"\r\n'
        b'Content-Disposition: attachment; filename="Forderung.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.b64encode(pdf)
        + b"\r\n--OUT--\r\n"
    )
    mail = parse_mime(raw)
    assert mail.text_body is not None and mail.text_body.strip() == "Text 1,00 €"
    assert mail.html_body is not None and mail.html_body.strip() == "<p>Html</p>"
    assert [(a.file_name, a.content_type, a.data) for a in mail.attachments] == [
        ("Forderung.pdf", "application/pdf", pdf)
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b'Content-Type: multipart/mixed; boundary="X"\r\n\r\n--X\r\nbroken',
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!notbase64",
        b'From: "unterminated <a@\r\nSubject: =?utf-8?q?broken\r\n\r\nbody',
        "Subject: str input ok\n\nbody ü".encode(),
    ],
)
def test_never_raises(raw: bytes) -> None:
    assert isinstance(parse_mime(raw), MimeEmail)


def test_an_undeclared_charset_is_detected_not_mangled():
    legacy = "Gesamtforderung: 1.234,56 € – bitte überweisen Sie bis zum Monatsende.".encode("cp1252")
    assert decode_bytes(legacy, None) == legacy.decode("cp1252")
    assert decode_bytes(legacy, "x-unknown-charset") == legacy.decode("cp1252")
    assert decode_bytes("Grüße €".encode(), None) == "Grüße €"  # valid UTF-8 stays UTF-8
    raw = (
        b"From: a@example.org\r\nSubject: x\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + legacy
    )
    assert parse_mime(raw).text_body.strip() == legacy.decode("cp1252")
