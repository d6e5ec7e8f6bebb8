"""Refused webhook deliveries in the event log, so ``creditctl tail --level warning`` shows
them next to everything else (a 401 bad signature, a 413 body too large, a 415 wrong
content type: nothing is stored for them, and before this only ``serve``'s log said so).

Bounded: at most ``PER_MINUTE`` events per refusal outcome per process and minute; the
refusals past it are counted and named in the next event written (``… more refused since
…``). No payload body is kept: the status, the outcome, the reason ``serve`` answered and
the delivery id (``X-Zendesk-Webhook-Invocation-Id``, cut to 128 printable characters).
A Zendesk trigger sending a field empty or as an unrendered ``{{placeholder}}`` (the
delivery is accepted) is written once per field and process (``record_misconfigured``).
A signed body that fails validation (400) is kept in the quarantine table and has its own
``webhook`` event already (``services/intake._quarantine``).
"""

from __future__ import annotations

import re
import threading
import time

import structlog

from creditctl import display
from creditctl.db import session_scope
from creditctl.services.context import AppContext
from creditctl.services.events import record_event

log = structlog.get_logger("creditctl.web")

PER_MINUTE = 10
"""Events per refusal outcome (``bad_signature``, ``too_large``, ``invalid``) per process
and minute; a flood of bad requests writes at most this many rows a minute."""

RECORDED_STATUSES = frozenset({401, 413, 415})

_lock = threading.Lock()
_windows: dict[str, tuple[float, int, int]] = {}  # outcome → (window start, written, suppressed)


def _delivery_id(raw: str | None) -> str:
    text = re.sub(r"[^\x21-\x7e]", "", raw or "")[:128]
    return text or "without id"


def _admit(outcome: str, now: float) -> tuple[bool, int]:
    """Whether one more event for ``outcome`` fits this minute, and how many refusals
    were left unrecorded before it (reported by the event that is written)."""
    with _lock:
        start, written, suppressed = _windows.get(outcome, (now, 0, 0))
        if now - start >= 60.0:
            start, written = now, 0
        if written >= PER_MINUTE:
            _windows[outcome] = (start, written, suppressed + 1)
            return False, 0
        _windows[outcome] = (start, written + 1, 0)
        return True, suppressed


def record_refusal(ctx: AppContext, *, status: int, outcome: str, reason: str, delivery_id: str | None) -> bool:
    """Write one ``webhook`` event at level warning (no email id) for a refused delivery.

    ``status``: the HTTP status answered (only ``RECORDED_STATUSES`` are written);
    ``outcome``: the webhook metric's outcome; ``reason``: the answer's detail (cut to 300
    characters); ``delivery_id``: the invocation id header or None. Returns True when an
    event was written; False when rate-limited, not recorded, or the database failed (a
    refusal must not turn into an error: the failure is logged, never raised).
    """
    if status not in RECORDED_STATUSES:
        return False
    admitted, suppressed = _admit(outcome, time.monotonic())
    if not admitted:
        return False
    delivery = _delivery_id(delivery_id)
    message = f"webhook refused ({status} {outcome}): {display.clause(reason[:300])}; delivery {delivery}"
    if suppressed:
        message += f"; {suppressed} more refused since the last such event, not recorded (at most {PER_MINUTE}/min)"
    try:
        with session_scope(ctx.db_url) as session:
            record_event(
                session,
                None,
                "webhook",
                message,
                level="warning",
                worker=ctx.worker_name,
                data={"status": status, "outcome": outcome, "delivery_id": delivery, "suppressed": suppressed},
            )
    except Exception as exc:  # noqa: BLE001 - the refusal is answered anyway; serve's log keeps it
        log.warning("refusal_not_recorded", error=type(exc).__name__, status=status)
        return False
    return True


def record_misconfigured(ctx: AppContext, fields: list[str]) -> bool:
    """Write one ``webhook`` warning event naming the trigger ``fields`` found empty or as
    unrendered placeholders (``intake.drain_misconfigured``: each once per process). Returns
    True when written; a database failure is logged, never raised."""
    if not fields:
        return False
    message = (
        f"Zendesk trigger misconfigured: {', '.join(fields)} empty or an unrendered {{{{placeholder}}}}; "
        "treated as absent, deduplication falls back to the content; fix the trigger's JSON body"
    )
    try:
        with session_scope(ctx.db_url) as session:
            record_event(
                session, None, "webhook", message, level="warning", worker=ctx.worker_name, data={"fields": fields}
            )
    except Exception as exc:  # noqa: BLE001 - serve's log has said it already
        log.warning("misconfiguration_not_recorded", error=type(exc).__name__)
        return False
    return True
