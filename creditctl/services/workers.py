"""The worker's own rows: its heartbeat in ``workers`` and whether it holds leases.

Called by the worker's housekeeping (``creditctl.worker``), which runs no SQL itself.
"""

from __future__ import annotations

import os
import socket

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from creditctl.db import is_sqlite, session_scope
from creditctl.models import Email, WorkerHeartbeat, utcnow
from creditctl.services.context import AppContext


def heartbeat(ctx: AppContext, rss_mb: float) -> None:
    """Upsert this worker's row in ``workers`` (``seen_at`` now, ``rss_mb`` in MB; the
    row is created with host, pid and ``started_at`` on the first beat). Raises
    SQLAlchemy errors when the database is unreachable."""
    now = utcnow()
    values = {
        "name": ctx.worker_name,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started_at": now,
        "seen_at": now,
        "rss_mb": round(rss_mb, 1),
    }
    insert = (sqlite.insert if is_sqlite(ctx.db_url) else postgresql.insert)(WorkerHeartbeat).values(**values)
    stmt = insert.on_conflict_do_update(index_elements=["name"], set_={"seen_at": now, "rss_mb": values["rss_mb"]})
    with session_scope(ctx.db_url) as session:
        session.execute(stmt)


def forget(ctx: AppContext) -> None:
    """Delete this worker's heartbeat row (a clean exit); errors are swallowed: the row
    then simply ages out of ``creditctl status``."""
    try:
        with session_scope(ctx.db_url) as session:
            row = session.get(WorkerHeartbeat, ctx.worker_name)
            if row is not None:
                session.delete(row)
    except Exception:  # noqa: BLE001 - best effort at exit
        pass


def holds_leases(ctx: AppContext) -> bool:
    """Whether any email is leased by this worker process (``--burst``'s drain check)."""
    with session_scope(ctx.db_url) as session:
        return session.scalar(select(Email.id).where(Email.lease_owner == ctx.worker_name).limit(1)) is not None
