"""Zendesk webhook signature verification.

Rule (Zendesk developer docs, "Verifying webhook authenticity"):
``base64(HMAC-SHA256(key=secret as UTF-8 text, msg=timestamp header + raw body bytes))``,
compared in constant time. The secret is used as text, never base64-decoded.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature"
TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp"
INVOCATION_HEADER = "X-Zendesk-Webhook-Invocation-Id"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The base64 signature Zendesk sends for ``body`` at ``timestamp`` (also used by ``demo``)."""
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("utf-8") + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify(secrets: Sequence[str], timestamp: str | None, body: bytes, signature: str | None) -> bool:
    """True when ``signature`` matches ``body`` under any of ``secrets`` (rotation: current, previous).

    Missing header values, an empty secret list or a non-ASCII signature never verify.
    Every secret is tried (no early exit on the first mismatch), each compare constant-time.
    """
    if not secrets or not timestamp or not signature:
        return False
    try:
        given = signature.strip().encode("ascii")
    except UnicodeEncodeError:
        return False
    ok = False
    for secret in secrets:
        expected = sign(secret, timestamp, body).encode("ascii")
        ok |= hmac.compare_digest(expected, given)
    return ok
