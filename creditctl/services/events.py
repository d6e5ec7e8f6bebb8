"""The append-only event log: one function writes every event."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from creditctl.models import Event, table_of, utcnow


def record_event(
    session: Session,
    email_id: int | None,
    kind: str,
    message: str = "",
    *,
    level: str = "info",
    from_status: str | None = None,
    to_status: str | None = None,
    worker: str | None = None,
    attempt: int | None = None,
    duration_ms: float | None = None,
    error_class: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Insert one event in ``session``'s transaction (the caller's commit makes it durable).

    A Core INSERT (no ORM object, no unit-of-work flush): this runs several times per
    email in the worker's hot path. Returns nothing.

    ``kind``: webhook, transition, attempt, error, retry_scheduled, operator, alert,
    sweep, claim_update, mirror, notification, review. ``level``: debug/info/warning/error.
    """
    session.execute(
        insert(_EVENTS).values(
            email_id=email_id,
            at=utcnow(),
            kind=kind,
            level=level,
            from_status=from_status,
            to_status=to_status,
            message=message[:4000],
            worker=worker,
            attempt=attempt,
            duration_ms=duration_ms,
            error_class=error_class,
            data=data,
        )
    )


_EVENTS = table_of(Event)
