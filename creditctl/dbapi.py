"""Plain-SQL reads on a DBAPI connection (``sqlite3`` or ``psycopg``), for the read paths
that must not pay SQLAlchemy's import (about 0.16 s of CPU, more than half of
``creditctl status --json``'s start-up: docs/measurements/status-importtime.txt).

``reading(url)`` gives one read transaction as a ``Reader``. Where the connection comes
from: a process that has already imported ``creditctl.db`` (serve, worker, tests) borrows
one from its SQLAlchemy pool (``Engine.raw_connection``); a process that has not (the
one-shot ``creditctl status``) connects directly with the driver, set up as the engine
sets up its own connections (``configure_sqlite_connection`` is shared with
``creditctl.db.make_engine``). The callers own their SQL (``services/overview.py``,
``services/counts.py``, ``migrate.current_revision``); this module only runs it.

Types, as SQLAlchemy's ``UtcDateTime`` and ``Numeric(asdecimal=False)`` give them
(``creditctl/dbtypes.py``): aware datetimes are bound in UTC (on SQLite as SQLAlchemy's
DATETIME text, ``YYYY-MM-DD HH:MM:SS.ffffff``); the columns a query names in ``utc``
come back as aware UTC datetimes, those in ``floats`` as floats.

Errors: a driver error leaves as SQLAlchemy's wrapper of it (``sqlalchemy.exc.DBAPIError.
instance``: ``OperationalError`` for an unreachable server or an unusable file), so the
outage classification (``creditctl.outages``) and the retry policy see what they see
from the engine; SQLAlchemy is imported on that path only.
"""

from __future__ import annotations

import atexit
import os
import re
import sqlite3
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

SQLITE_BUSY_TIMEOUT_S = 30.0
"""How long a SQLite statement waits for another writer's lock, seconds."""
PG_CONNECT_TIMEOUT_S = 5
"""How long connecting to PostgreSQL may take before it counts as unreachable, seconds."""
UNFINISHED_SQL = "processing_status IN ('received', 'queued', 'processing', 'parsed', 'extracted', 'retrying')"
"""``models.UNFINISHED_STATUSES`` as SQL (the predicate of ``ix_emails_unfinished_received``)."""
MIRROR_OWED_SQL = "mirror_status IN ('pending', 'failed')"
"""Claim updates whose MongoDB mirror write is still owed (the predicate of
``ix_claim_updates_mirror_owed``, migration 0007_mirror)."""
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
"""SQLAlchemy's SQLite DATETIME storage format (what ``UtcDateTime`` columns hold there)."""


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def backend_name(url: str) -> str:
    """The database of a SQLAlchemy ``url``: ``sqlite``, ``postgresql`` (also for
    ``postgres://``), or the scheme's name before ``+driver`` for anything else."""
    name = url.split(":", 1)[0].split("+", 1)[0].lower()
    return "postgresql" if name == "postgres" else name


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite ``url`` (``sqlite:///relative`` or ``sqlite:////absolute``, as
    SQLAlchemy reads them; query parameters ignored); None for an in-memory database or
    another backend."""
    if backend_name(url) != "sqlite" or "://" not in url:
        return None
    rest = url.split("://", 1)[1].split("?", 1)[0]
    if not rest.startswith("/"):
        return None
    database = rest[1:]
    return Path(database) if database and database != ":memory:" else None


def configure_sqlite_connection(conn: Any) -> None:
    """What every SQLite connection of creditctl runs first (the engine's and the direct
    ones): autocommit mode (the callers issue ``BEGIN`` themselves), WAL, the busy
    timeout, foreign keys, ``synchronous=NORMAL``."""
    conn.isolation_level = None
    cur = conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    """``:name`` placeholders as psycopg's ``%(name)s`` (a literal ``%`` doubled; ``::``
    casts left alone)."""
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql.replace("%", "%%"))


class Reader:
    """One read transaction on a DBAPI connection (``reading`` builds it).

    ``backend``: ``sqlite`` or ``postgresql``."""

    def __init__(self, conn: Any, backend: str) -> None:
        self._conn = conn
        self.backend = backend

    def _bind(self, value: Any) -> Any:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("naive datetime given; creditctl stores timezone-aware UTC only")
            value = value.astimezone(UTC)
            return value.strftime(_SQLITE_DATETIME) if self.backend == "sqlite" else value
        return value

    def rows(
        self,
        sql: str,
        params: Mapping[str, Any] | None = None,
        *,
        utc: Sequence[str] = (),
        floats: Sequence[str] = (),
    ) -> list[tuple[Any, ...]]:
        """Every row of ``sql`` (``:name`` placeholders, values from ``params``), as tuples;
        the columns named in ``utc`` as aware UTC datetimes, in ``floats`` as floats."""
        cur = self._conn.cursor()
        try:
            bound = {k: self._bind(v) for k, v in (params or {}).items()}
            cur.execute(_pyformat(sql) if self.backend == "postgresql" else sql, bound)
            found = cur.fetchall() if cur.description else []
            names = [d[0] for d in cur.description or ()]
        finally:
            cur.close()
        convert = [(i, _utc if n in utc else float) for i, n in enumerate(names) if n in utc or n in floats]
        if not convert:
            return [tuple(r) for r in found]
        out = []
        for r in found:
            row = list(r)
            for i, fn in convert:
                if row[i] is not None:
                    row[i] = fn(row[i])
            out.append(tuple(row))
        return out

    def commit(self) -> None:
        """End this transaction (committed) and start the next one on the same connection."""
        self._conn.commit()
        if self.backend == "sqlite":
            self._conn.execute("BEGIN")

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row of ``sql``, or None when there is no row."""
        found = self.rows(sql, params)
        return found[0][0] if found else None

    def has_table(self, name: str) -> bool:
        """Whether the table ``name`` exists (PostgreSQL: visible on the search path)."""
        if self.backend == "sqlite":
            sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"
        else:
            sql = "SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass(:name)"
        return self.scalar(sql, {"name": name}) is not None


def _utc(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _connect_direct(url: str, backend: str) -> Any:
    """A new driver connection for ``url``, set up as the engine's (None when ``url`` needs
    the engine: an in-memory SQLite database, SQLite query parameters, another driver)."""
    scheme = url.split("://", 1)[0].lower()
    if backend == "sqlite" and scheme in ("sqlite", "sqlite+pysqlite") and "?" not in url:
        path = sqlite_path(url)
        if path is None:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S, check_same_thread=False)
        configure_sqlite_connection(conn)
        return conn
    if backend == "postgresql" and scheme in ("postgresql", "postgresql+psycopg", "postgres"):
        import psycopg

        return psycopg.connect("postgresql://" + url.split("://", 1)[1], connect_timeout=PG_CONNECT_TIMEOUT_S)
    return None


def _driver_error(backend: str) -> type[Exception]:
    if backend == "sqlite":
        return sqlite3.Error
    import psycopg

    return psycopg.Error


def _wrapped(exc: Exception, backend: str, *, invalidated: bool) -> Exception:
    """``exc`` (a driver error) as SQLAlchemy's wrapper of it (``OperationalError`` …)."""
    from sqlalchemy.exc import DBAPIError

    return DBAPIError.instance(
        None, None, exc, _driver_error(backend), connection_invalidated=invalidated, ismulti=False
    )


def _pooled() -> bool:
    """Whether this process reads through its SQLAlchemy pool (it has imported the engine
    module, so the import is paid and the pool's connections are warm) rather than on a
    connection of its own."""
    return "creditctl.db" in sys.modules


REUSE_IDLE_S = 5.0
"""A direct connection idle for less than this is used again by the next read of this
process (the schema check and the overview of one ``creditctl status`` share one; ``status
--watch 2`` keeps one); an older one is closed and a new one opened, as the engine pings a
connection idle longer than ``creditctl.db.PING_AFTER_IDLE_S``. Seconds."""
_IDLE: dict[str, tuple[Any, float]] = {}
os.register_at_fork(after_in_child=_IDLE.clear)  # a child never uses (nor closes) the parent's socket


def _take_direct(url: str, backend: str) -> Any:
    idle = _IDLE.pop(url, None)
    if idle is not None:
        conn, since = idle
        if time.monotonic() - since < REUSE_IDLE_S:
            return conn
        _close_quietly(conn)
    return _connect_direct(url, backend)


def _keep_direct(url: str, conn: Any) -> None:
    if not _IDLE:
        atexit.register(_close_idle)
    kept = _IDLE.pop(url, None)
    if kept is not None:
        _close_quietly(kept[0])
    _IDLE[url] = (conn, time.monotonic())


def _close_idle() -> None:
    while _IDLE:
        _close_quietly(_IDLE.popitem()[1][0])


def close_idle(url: str | None = None) -> None:
    """Close the idle direct connection of ``url`` (of every URL when None): a database
    about to be dropped, or the end of a test (``creditctl.db.dispose_engine(s)`` call it)."""
    if url is None:
        _close_idle()
        return
    kept = _IDLE.pop(url, None)
    if kept is not None:
        _close_quietly(kept[0])


@contextmanager
def reading(url: str) -> Iterator[Reader]:
    """One read transaction on the database at ``url`` (a SQLAlchemy URL), committed at the
    end, rolled back on an exception. Raises SQLAlchemy's ``DBAPIError`` subclasses for
    driver errors (``OperationalError`` when the database is unreachable or unusable)."""
    backend = backend_name(url)
    engine = None
    conn: Any = None
    try:
        if not _pooled():
            conn = _take_direct(url, backend)
        if conn is None:
            from creditctl.db import get_engine

            engine = get_engine(url)
            conn = engine.raw_connection()
    except _driver_error(backend) as exc:
        raise _wrapped(exc, backend, invalidated=False) from exc
    try:
        if backend == "sqlite":
            conn.execute("BEGIN")  # one snapshot for every statement (deferred: takes no write lock)
        yield Reader(conn, backend)
        conn.commit()
    except _driver_error(backend) as exc:
        invalidated = engine is not None and engine.dialect.is_disconnect(exc, conn, None)  # type: ignore[arg-type]
        if invalidated:
            conn.invalidate()
        else:
            _rollback_quietly(conn)
        _close_quietly(conn)
        raise _wrapped(exc, backend, invalidated=invalidated) from exc
    except BaseException:
        _rollback_quietly(conn)
        _close_quietly(conn)
        raise
    if engine is None:
        _keep_direct(url, conn)
    else:
        conn.close()  # back to the pool


def _close_quietly(conn: Any) -> None:
    try:
        conn.close()
    except Exception:  # noqa: BLE001, S110 - closing a broken connection: nothing more to do
        pass


def _rollback_quietly(conn: Any) -> None:
    try:
        conn.rollback()
    except Exception:  # noqa: BLE001, S110 - the connection is closed next; the first error is what counts
        pass
