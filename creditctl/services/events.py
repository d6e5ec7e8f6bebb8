"""The append-only event log: every event is written here (``record_event``, ``record_events``, and
``update_and_record`` with the move it records)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Insert, Update, bindparam, insert, select, union_all
from sqlalchemy.orm import Session

from creditctl.db import rowcount
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


def update_and_record(
    session: Session,
    update: Update,
    params: Mapping[str, Any],
    values: Mapping[str, Any],
    rows: Sequence[dict[str, Any]],
) -> int:
    """Run the compare-and-set ``update`` (a single-row UPDATE of ``emails`` by id, built by
    ``transitions``; its own bind parameters in ``params``; ``values``: the further columns it
    sets, by column name) and, only when it changed the row, insert ``rows`` (``event_row``
    dicts, in order, at least one) in ``session``'s transaction. Returns the number of rows
    the UPDATE changed: 0 (and no event inserted) or 1.

    This function owns the choice by dialect. On PostgreSQL one statement, one round trip:
    ``WITH moved AS (UPDATE … RETURNING id) INSERT INTO events … SELECT moved.id, … FROM moved
    UNION ALL …`` — no row moved, no event row selected (docs/worker-performance.md,
    "Round 15"). Elsewhere (SQLite has no data-modifying CTE) the UPDATE, then, when it
    changed the row, ``record_events``: two statements, as before. Raises ValueError for no
    ``rows``."""
    if not rows:
        raise ValueError("update_and_record needs at least one event row")
    if session.get_bind().dialect.name != "postgresql":
        changed = rowcount(session.execute(update, {**params, **values}))
        if changed:
            record_events(session, rows)
        return changed
    stmt = _update_then_insert(update, tuple(values), len(rows))
    bound = {**params, **{f"u_{k}": v for k, v in values.items()}}
    for i, row in enumerate(rows):
        bound.update({f"e{i}_{k}": row[k] for k in _EVENT_VALUES})
    inserted = session.execute(stmt, bound).all()
    if inserted and len(inserted) != len(rows):
        raise RuntimeError(f"{len(inserted)} events inserted for {len(rows)}")  # never: one row moved at most
    return 1 if inserted else 0


#: The event columns ``update_and_record`` binds per row (``email_id`` comes from the moved row).
_EVENT_VALUES = ("at", "kind", "level", "from_status", "to_status", "message", "worker", "attempt", "duration_ms",
                 "error_class", "data")  # fmt: skip


@lru_cache(maxsize=256)  # per (compare-and-set, columns it sets, number of events): a handful in all
def _update_then_insert(update: Update, keys: tuple[str, ...], n: int) -> Insert:
    """PostgreSQL's one statement of ``update_and_record``: ``update`` setting ``keys`` from
    the bind parameters ``u_<key>``, as a CTE returning the row's id, feeding the INSERT of
    ``n`` events bound as ``e<i>_<column>``; returns the events' ids."""
    table = update.table
    cols = table.c
    moved = update.values({cols[k]: bindparam(f"u_{k}", type_=cols[k].type) for k in keys})
    cte = moved.returning(cols.id).cte("moved")
    ev = _EVENTS.c
    selects = [select(cte.c.id, *(bindparam(f"e{i}_{k}", type_=ev[k].type) for k in _EVENT_VALUES)) for i in range(n)]
    source = selects[0] if n == 1 else union_all(*selects)
    return insert(_EVENTS).from_select(["email_id", *_EVENT_VALUES], source).returning(ev.id)


_EVENTS = table_of(Event)
_INSERT_EVENT = insert(_EVENTS)
"""One statement for every event, its values bound as parameters: building the INSERT
with ``.values(...)`` per call (twelve coerced columns and a cache key over them) was
about 1 ms of CPU per event (docs/worker-performance.md, "Round 3")."""
_INSERT_EVENTS_RETURNING = insert(_EVENTS).returning(_EVENTS.c.id)
"""Several events in one statement (``record_events``)."""
