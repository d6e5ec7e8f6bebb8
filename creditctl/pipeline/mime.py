"""Raw MIME (RFC 5322 / 2045) to decoded bodies and attachments, with the stdlib
``email`` package (``policy.default``).

Our fixes on top of the stdlib:

* parts labelled ``iso-8859-1`` / ``latin-1`` / ``us-ascii`` are decoded as
  Windows-1252 - Outlook labels cp1252 text as ISO-8859-1, and in real ISO-8859-1
  the bytes 0x80-0x9F are unused control characters, so cp1252 is a superset that
  keeps ``€`` (0x80) and ``–`` (0x96) (WHATWG Encoding Standard does the same);
* an undeclared or unknown charset: UTF-8 when the bytes are valid UTF-8, otherwise
  what ``charset-normalizer`` detects (a cp1252 part without a label keeps its ``€``),
  otherwise UTF-8 with undecodable bytes replaced (U+FFFD);
* nothing raises: a malformed message gives empty fields.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses

_LEGACY_CANDIDATES = ("cp1252", "iso8859_15", "iso8859_2", "cp850", "mac_roman")
_CP1252_ALIASES = {
    "iso-8859-1",
    "iso8859-1",
    "latin-1",
    "latin1",
    "l1",
    "iso_8859-1",
    "us-ascii",
    "ascii",
    "windows-1252",
    "cp1252",
    "iso-8859-15",
}


@dataclass(frozen=True)
class MimeAttachment:
    """One attachment: file name (may be ``""``), MIME type, decoded bytes."""

    file_name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class MimeEmail:
    """A parsed message. ``headers``: first value of each header (decoded, str).
    ``text_body``/``html_body``: the first text/plain and text/html bodies that are
    not attachments, or ``None``."""

    subject: str
    from_email: str
    from_name: str
    headers: dict[str, str]
    text_body: str | None
    html_body: str | None
    attachments: tuple[MimeAttachment, ...] = field(default=())
    message_id: str | None = None


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode ``data`` with ``charset`` (ISO-8859-1 read as cp1252; undeclared or
    unknown: ``_guess_charset``), replacing undecodable bytes. Never raises."""
    name = (charset or "").strip().strip('"').lower()
    if name in _CP1252_ALIASES and name != "iso-8859-15":
        name = "cp1252"
    try:
        codecs.lookup(name or "-")
    except LookupError:
        name = _guess_charset(data)
    text = data.decode(name, errors="replace")
    if name == "cp1252" and "\ufffd" in text:
        # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined: fall back to latin-1 for those
        text = (
            "".join(data[i : i + 1].decode("latin-1") if ch == "\ufffd" else ch for i, ch in enumerate(text))
            if len(text) == len(data)
            else text
        )
    return text


def _guess_charset(data: bytes) -> str:
    """The charset of bytes that declare none: UTF-8 when they decode as UTF-8 (ASCII
    included), else ``charset-normalizer``'s best guess among the legacy encodings of
    European mail (``_LEGACY_CANDIDATES``; a short text is too little to tell them
    apart, and cp1252 is the usual one), else cp1252."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY_CANDIDATES)).best()
    name = best.encoding if best is not None else "cp1252"
    return "cp1252" if name in _CP1252_ALIASES else name


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
        return str(value) if value is not None else ""
    except Exception:  # noqa: BLE001 - malformed header
        raw = msg.get_all(name, failobj=[""]) if hasattr(msg, "get_all") else [""]
        return str(raw[0]) if raw else ""


def _decoded(part: Message) -> bytes | None:
    """A leaf part's payload with its transfer encoding undone; None for a multipart part."""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else None


def _payload_text(part: Message) -> str:
    data = _decoded(part)
    if data is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    return decode_bytes(data, part.get_content_charset())


def _filename(part: Message) -> str:
    try:
        return part.get_filename() or ""
    except Exception:  # noqa: BLE001
        return ""


def _sender(from_value: str) -> tuple[str, str]:
    """(display name, address) of a From header value; empty strings when unreadable."""
    try:
        pairs = getaddresses([from_value])
    except Exception:  # noqa: BLE001
        return "", ""
    return pairs[0] if pairs else ("", "")


def _is_attachment(ctype: str, disposition: str, name: str) -> bool:
    """A part is an attachment when so disposed, when it is a named non-text part, or a
    named text part other than plain/HTML that is not inline."""
    if disposition == "attachment" or (name and not ctype.startswith("text/")):
        return True
    return (
        bool(name)
        and disposition != "inline"
        and ctype.startswith("text/")
        and ctype not in ("text/plain", "text/html")
    )


@dataclass
class _Bodies:
    text: str | None = None
    html: str | None = None
    attachments: list[MimeAttachment] = field(default_factory=list)


def _take_part(part: Message, out: _Bodies) -> None:
    """Sort one leaf part into the first text body, the first HTML body or the attachments."""
    ctype = (part.get_content_type() or "text/plain").lower()
    disposition = (part.get_content_disposition() or "").lower()
    name = _filename(part)
    if _is_attachment(ctype, disposition, name):
        out.attachments.append(MimeAttachment(name, ctype, _decoded(part) or b""))
    elif ctype == "text/plain" and out.text is None:
        out.text = _payload_text(part)
    elif ctype == "text/html" and out.html is None:
        out.html = _payload_text(part)
    elif not ctype.startswith(("text/", "multipart/")):
        out.attachments.append(MimeAttachment(name, ctype, _decoded(part) or b""))


def _walk(msg: Message) -> _Bodies:
    out = _Bodies()
    try:
        parts = list(msg.walk())
    except Exception:  # noqa: BLE001
        parts = [msg]
    for part in parts:
        try:
            if not part.is_multipart():
                _take_part(part, out)
        except Exception:  # noqa: BLE001 - one broken part must not lose the rest
            continue
    return out


def parse_mime(raw: bytes) -> MimeEmail:
    """Parse a raw RFC 5322 message.

    Args:
        raw: the message bytes (str is accepted and encoded as UTF-8).
    Returns:
        ``MimeEmail`` with decoded (quoted-printable / base64) bodies. Never raises;
        malformed input gives empty or partial fields.
    """
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "replace")
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw or b"")
    except Exception:  # noqa: BLE001
        return MimeEmail("", "", "", {}, None, None, (), None)
    headers = {key: _header(msg, key) for key in dict.fromkeys(msg.keys())}
    from_name, from_email = _sender(headers.get("From", ""))
    bodies = _walk(msg)
    return MimeEmail(
        subject=headers.get("Subject", ""),
        from_email=(from_email or "").strip(),
        from_name=(from_name or "").strip(),
        headers=headers,
        text_body=bodies.text,
        html_body=bodies.html,
        attachments=tuple(bodies.attachments),
        message_id=(headers.get("Message-ID") or headers.get("Message-Id") or "").strip() or None,
    )
