"""The event stream (``creditctl tail``, the desk's event pages) in plain SQL on a DBAPI
connection (``creditctl.dbapi.reading``): like the overview (``services/overview.py``)
it imports neither SQLAlchemy nor the models, which were most of ``tail``'s start-up
(docs/measurements/status-importtime.txt). ``services.status`` re-exports every name.

Each filter is served by an index (events.at, email_id, to_status/from_status, level;
emails.match_status, from_email/from_name and the matched claim's creditor for
``creditor``); reads are bounded by their page (``ORDER BY id … LIMIT``, docs/scaling.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from creditctl.dbapi import Reader, reading
from creditctl.exceptions import UsageError
from creditctl.services.context import AppContext

PROCESSING_STATUSES = (
    "received",
    "queued",
    "processing",
    "parsed",
    "extracted",
    "retrying",
    "completed",
    "not_creditor_reply",
    "failed",
)
"""``models.ProcessingStatus``'s values (tests/integration/test_stream_filters.py pins them)."""
EVENT_LEVELS = ("debug", "info", "warning", "error")
MATCH_STATUSES = ("pending", "auto_matched", "needs_review", "no_match")
EVENT_FIELDS = (
    "id",
    "email_id",
    "at",
    "kind",
    "level",
    "from_status",
    "to_status",
    "message",
    "worker",
    "attempt",
    "duration_ms",
    "error_class",
)
"""The keys of one event as JSON (``tail --json`` line, ``status ID --json`` ``events`` item),
in the order of the columns read."""


def event_doc(values: tuple[Any, ...]) -> dict[str, Any]:
    """One event as JSON from its ``EVENT_FIELDS`` values (``at``: an aware datetime or None)."""
    doc = dict(zip(EVENT_FIELDS, values, strict=True))
    doc["at"] = doc["at"].isoformat() if doc["at"] else None
    return doc


def validate_event_filters(
    *, status: str | None = None, level: str | None = None, match_state: str | None = None
) -> None:
    """Raise ``UsageError`` (exit 2) naming the valid values when a filter value is unknown."""
    for option, value, valid in (
        ("--status", status, PROCESSING_STATUSES),
        ("--level", level, EVENT_LEVELS),
        ("--match-status", match_state, MATCH_STATUSES),
    ):
        if value is not None and value not in valid:
            raise UsageError(f"{option} {value!r} is not one of: {', '.join(valid)}")


def _where(
    backend: str,
    *,
    since: datetime | None,
    email_id: int | None,
    status: str | None,
    creditor: str | None,
    level: str | None,
    match_state: str | None,
) -> tuple[list[str], dict[str, Any]]:
    """The ``tail`` filters as SQL conditions over ``events e`` and their parameters."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if since is not None:
        conditions.append("e.at >= :since")
        params["since"] = since
    if email_id is not None:
        conditions.append("e.email_id = :email_id")
        params["email_id"] = email_id
    if status:
        conditions.append("(e.to_status = :status OR e.from_status = :status)")
        params["status"] = status
    if level:
        levels = EVENT_LEVELS[EVENT_LEVELS.index(level) :]
        conditions.append(f"e.level IN ({', '.join(f':level{i}' for i in range(len(levels)))})")
        params.update({f"level{i}": name for i, name in enumerate(levels)})
    if match_state:
        conditions.append("e.email_id IN (SELECT id FROM emails WHERE match_status = :match_state)")
        params["match_state"] = match_state
    if creditor:
        # what SQLAlchemy's ilike renders: ILIKE on PostgreSQL, lower() LIKE lower() on SQLite
        like = "{} ILIKE :needle" if backend == "postgresql" else "lower({}) LIKE lower(:needle)"
        names = " OR ".join(like.format(c) for c in ("m.from_email", "m.from_name", "c.creditor_name"))
        conditions.append(
            "e.email_id IN (SELECT m.id FROM emails m LEFT OUTER JOIN claims c ON m.matched_claim_id = c.id "
            f"WHERE {names})"
        )
        params["needle"] = f"%{creditor}%"
    return conditions, params


def events_sql(backend: str, *, limit: int, after_id: int | None = None, **filters: Any) -> tuple[str, dict[str, Any]]:
    """The SELECT (``:name`` placeholders) and parameters of one page of events on
    ``backend`` (``sqlite`` or ``postgresql``): the newest ``limit`` matching ``filters``
    (the ``tail`` filters, as keywords), id descending, or with ``after_id`` those after
    it, id ascending. ``recent_events`` and ``events_after`` run it; a test EXPLAINs it."""
    conditions, params = _where(backend, **filters)
    order = "DESC"
    if after_id is not None:
        conditions, params, order = ["e.id > :after_id", *conditions], {**params, "after_id": after_id}, "ASC"
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    columns = ", ".join(f"e.{name}" for name in EVENT_FIELDS)
    sql = f"SELECT {columns} FROM events e {where} ORDER BY e.id {order} LIMIT :limit"  # noqa: S608 - fixed fragments
    return sql, {**params, "limit": limit}


def _events(db: Reader, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = db.rows(sql, params, utc=("at",), floats=("duration_ms",))  # duration_ms: Numeric(asdecimal=False)
    return [event_doc(row) for row in rows]


def recent_events(
    ctx: AppContext,
    *,
    limit: int = 50,
    since: datetime | None = None,
    email_id: int | None = None,
    status: str | None = None,
    creditor: str | None = None,
    level: str | None = None,
    match_state: str | None = None,
) -> list[dict[str, Any]]:
    """The newest ``limit`` events matching the filters, oldest first (``tail``): reads only
    what it returns (``ORDER BY id DESC LIMIT limit``). Filter values: ``validate_event_filters``."""
    filters: dict[str, Any] = dict(
        since=since, email_id=email_id, status=status, creditor=creditor, level=level, match_state=match_state
    )
    with reading(ctx.db_url) as db:
        return list(reversed(_events(db, *events_sql(db.backend, limit=max(0, limit), **filters))))


def events_after(
    ctx: AppContext,
    *,
    after_id: int = 0,
    since: datetime | None = None,
    email_id: int | None = None,
    status: str | None = None,
    creditor: str | None = None,
    level: str | None = None,
    match_state: str | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Events with id > ``after_id`` matching the filters, oldest first, at most ``limit`` (``tail -f``)."""
    filters: dict[str, Any] = dict(
        since=since, email_id=email_id, status=status, creditor=creditor, level=level, match_state=match_state
    )
    with reading(ctx.db_url) as db:
        return _events(db, *events_sql(db.backend, limit=limit, after_id=after_id, **filters))


FOLLOW_LOOKBACK = 200
"""Event ids ``tail -f`` reads again behind the newest it printed: on PostgreSQL an id is
taken from the sequence at INSERT, not at commit, so a writer whose transaction commits
after a later id was read shows up with a lower id; reading only ``id > last`` skipped it."""


class Follower:
    """What ``tail -f`` has printed, so it can read ``FOLLOW_LOOKBACK`` ids behind its newest
    event and print each event once, late commits included.

    The order key is the event id (the write order; ``at`` is the writing process's clock at
    the write, so lines of different processes can be milliseconds out of time order, and a
    late commit prints after events with higher ids). Ids up to ``start`` (the newest when
    following began) are never printed again.
    """

    def __init__(self, start: int) -> None:
        self.start = start
        self.newest = start
        self._seen: set[int] = set()

    @property
    def read_from(self) -> int:
        """The ``after_id`` to read from (``events_after``)."""
        return max(self.start, self.newest - FOLLOW_LOOKBACK)

    def fresh(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The events of ``batch`` (id ascending) not printed before; remembers them."""
        new = [e for e in batch if e["id"] > self.start and e["id"] not in self._seen]
        for event in new:
            self._seen.add(event["id"])
            self.newest = max(self.newest, event["id"])
        floor = self.read_from
        self._seen = {i for i in self._seen if i > floor}
        return new


def last_event_id(ctx: AppContext) -> int:
    """The id of the newest event (0 when there is none)."""
    with reading(ctx.db_url) as db:
        return int(db.scalar("SELECT max(id) FROM events") or 0)
