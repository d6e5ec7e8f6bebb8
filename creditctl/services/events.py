"""The append-only event log: one function writes every event."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from creditctl.models import Event, table_of, utcnow


def record_event(session: Session, email_id: int | None, kind: str, message: str = "", **fields: Any) -> None:
    """Insert one event in ``session``'s transaction (the caller's commit makes it durable).

    A Core INSERT (no ORM object, no unit-of-work flush), built once: this runs several
    times per email in the worker's hot path. Returns nothing. ``fields``: the keyword
    arguments of ``event_row`` (level, from_status, to_status, worker, attempt,
    duration_ms, error_class, data, at); an unknown one raises TypeError.

    ``kind``: webhook, transition, attempt, error, retry_scheduled, operator, alert,
    sweep, claim_update, mirror, notification, review. ``level``: debug/info/warning/error.
    """
    session.execute(_INSERT_EVENT, event_row(email_id, kind, message, **fields))


def event_row(
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
    at: datetime | None = None,
) -> dict[str, Any]:
    """One event as the column values ``record_events`` inserts (``at``: when it happened,
    timezone-aware, default now; the message cut to 4,000 characters). Other arguments as
    ``record_event``."""
    return {
        "email_id": email_id,
        "at": at or utcnow(),
        "kind": kind,
        "level": level,
        "from_status": from_status,
        "to_status": to_status,
        "message": message[:4000],
        "worker": worker,
        "attempt": attempt,
        "duration_ms": duration_ms,
        "error_class": error_class,
        "data": data,
    }


def record_events(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (``event_row`` dicts, in order) in ``session``'s transaction with
    one multi-row INSERT: one statement and one round trip for all the events of one
    transaction (docs/worker-performance.md, "Round 5"). Nothing for an empty list."""
    if not rows:
        return
    if len(rows) == 1:
        session.execute(_INSERT_EVENT, rows[0])
        return
    # with RETURNING, SQLAlchemy sends a list of parameter sets as one multi-row INSERT
    # ("insertmanyvalues") from one cached compilation; ``insert().values([...])`` would
    # be one statement too, but SQLAlchemy never caches those (recompiled per call)
    session.execute(_INSERT_EVENTS_RETURNING, list(rows)).all()


_EVENTS = table_of(Event)
_INSERT_EVENT = insert(_EVENTS)
"""One statement for every event, its values bound as parameters: building the INSERT
with ``.values(...)`` per call (twelve coerced columns and a cache key over them) was
about 1 ms of CPU per event (docs/worker-performance.md, "Round 3")."""
_INSERT_EVENTS_RETURNING = insert(_EVENTS).returning(_EVENTS.c.id)
"""Several events in one statement (``record_events``)."""
