"""The MongoDB mirror writes still owed — claim updates and holder changes alike
(``claim_updates.mirror_status`` / ``claim_holders.mirror_status`` pending or failed, the
mirror's two outboxes): how many, how old, the last error. The one owner of "pending mirror
writes" for ``creditctl health`` (the ``mirror`` check), ``/metrics``
(``creditctl_mirror_writes_*``) and the ``status`` overview.

SQL is the source of truth and the claim is applied there first (``services/claims.py``);
a mirror outage leaves the rows ``pending`` while the task and the sweep retry them. The
reads go through the partial index ``ix_claim_updates_mirror_owed`` (migration
0007_mirror) and are bounded (``COUNT_LIMIT``), so their cost follows the backlog, not
the history (docs/scaling.md); holder changes (a person records a sale) are few, and their
count is bounded the same way. Plain SQL on a ``creditctl.dbapi.Reader``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from creditctl.dbapi import MIRROR_OWED_SQL as OWED_SQL, Reader

# OWED_SQL is the partial index's predicate text, written out, not bound, so PostgreSQL
# can prove the index applies (see creditctl/metrics.py on prepared plans)

COUNT_LIMIT = 10_000
"""At most this many owed rows are counted; a bigger backlog reads as ``COUNT_LIMIT``."""

#: The mirror's outboxes: (table, the key ``oldest`` names its row by).
OUTBOXES = (("claim_updates", "update_id"), ("claim_holders", "holder_change_id"))


def _counts_sql(table: str) -> str:
    return (
        f"SELECT mirror_status, count(*) FROM (SELECT mirror_status FROM {table} "  # noqa: S608 - constants
        f"WHERE {OWED_SQL} LIMIT {COUNT_LIMIT}) AS owed GROUP BY mirror_status"
    )


def _oldest_sql(table: str) -> str:
    created = "created_at" if table == "claim_updates" else "recorded_at"
    return (
        f"SELECT id, email_id, {created} FROM {table} WHERE {OWED_SQL} "  # noqa: S608 - constants
        f"ORDER BY {created} LIMIT 1"
    )


_LAST_ERROR = (
    "SELECT message FROM events WHERE email_id = :email_id AND kind = 'mirror' AND level <> 'info' "
    "ORDER BY id DESC LIMIT 1"
)


def mirror_backlog(db: Reader, now: datetime) -> dict[str, Any]:
    """The owed mirror writes as ``{"pending": N, "failed": M, "claim_updates": U,
    "holder_changes": H, "oldest": None | {"update_id" or "holder_change_id", "email_id",
    "created_at" (ISO), "age_s" (seconds, float)}, "last_error": str | None}``.

    ``pending``: written in SQL, not yet in MongoDB (the task retries, the sweep re-kicks);
    ``failed``: MongoDB answered but the write could not be placed (no element, ambiguous:
    a person must look, ``creditctl mirror check``) — both over claim updates and holder
    changes; ``claim_updates`` / ``holder_changes``: how many of each are owed (U + H = N + M).
    ``oldest``: the oldest owed write of either outbox. ``last_error``: the newest warning of
    that write's email (the events' short form, ``adapters.mirror.outage_line``). ``now``:
    timezone-aware. Raises the database's errors.
    """
    by_status: dict[str, int] = {}
    owed: dict[str, int] = {}
    oldest = None
    for table, key in OUTBOXES:
        rows = {str(status): int(n) for status, n in db.rows(_counts_sql(table))}
        owed[table] = sum(rows.values())
        for status, n in rows.items():
            by_status[status] = by_status.get(status, 0) + n
        found = db.rows(_oldest_sql(table), utc=("created_at", "recorded_at"))
        if found and (oldest is None or found[0][2] < oldest[2]):
            oldest = (key, *found[0])
    doc = None
    last_error = None
    if oldest is not None:
        key, row_id, email_id, created_at = oldest
        doc = {
            key: row_id,
            "email_id": email_id,
            "created_at": created_at.isoformat(),
            "age_s": round(max(0.0, (now - created_at).total_seconds()), 1),
        }
        last_error = db.scalar(_LAST_ERROR, {"email_id": email_id})
    return {
        "pending": by_status.get("pending", 0),
        "failed": by_status.get("failed", 0),
        "claim_updates": owed["claim_updates"],
        "holder_changes": owed["claim_holders"],
        "oldest": doc,
        "last_error": last_error,
    }


def backlog_line(doc: dict[str, Any] | None) -> str | None:
    """One operator line for ``mirror_backlog``'s result, or None when nothing is owed:
    ``MongoDB mirror: 2 claim update(s) not written (1 failed), oldest 14 min (email 30);`` (or
    "holder change(s)", or "3 mirror write(s) (2 claim update(s), 1 holder change(s))";
    last error: …; run `creditctl mirror check`, then `creditctl retry --mirror ID```."""
    if not doc or not (doc["pending"] or doc["failed"]):
        return None
    owed = doc["pending"] + doc["failed"]
    more = "+" if owed >= COUNT_LIMIT else ""
    holders = doc.get("holder_changes") or 0
    if not holders:
        what = "claim update(s)"
    elif holders == owed:
        what = "holder change(s)"
    else:
        what = f"mirror write(s) ({owed - holders} claim update(s), {holders} holder change(s))"
    line = f"MongoDB mirror: {owed}{more} {what} not written to the mirror"
    if doc["failed"]:
        line += f" ({doc['failed']} failed)"
    oldest = doc.get("oldest")
    if oldest:
        line += f", oldest {age_text(oldest['age_s'])} (email {oldest['email_id']})"
    if doc.get("last_error"):
        line += f"; last error: {doc['last_error']}"
    return line + "; see `creditctl mirror check`, redo with `creditctl retry --mirror ID`"


def age_text(seconds: float) -> str:
    """``45 s``, ``14 min``, ``3.5 h``, ``2.0 d`` for a duration in seconds."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"
