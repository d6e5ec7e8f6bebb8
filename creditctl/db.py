"""Engine and sessions. SQLite gets WAL, a busy timeout and IMMEDIATE write transactions,
so concurrent workers never lose a write to "database is locked".

PostgreSQL gets a pool as large as the web server's thread limiter (anyio's default:
40 threads), so no request waits for — or opens — a connection under load, and a
worker survives a database restart without paying a ping per checkout:

* a connection idle for more than ``PING_AFTER_IDLE_S`` is pinged at checkout (a dead
  one is replaced transparently: SQLAlchemy's ``DisconnectionError`` protocol);
* a busy connection that meets a restarted server fails once; SQLAlchemy recognises the
  disconnect (``is_disconnect``) and invalidates the whole pool, so every other pooled
  connection is replaced at its next checkout. Idempotent callers (the webhook intake)
  retry once on ``is_disconnect_error``; others see one ``OperationalError``, as with
  any outage.

Source: SQLAlchemy 2 docs, "Dealing with Disconnects" (pessimistic/optimistic handling,
"More on Invalidation").
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import Connection, CursorResult, Result, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from creditctl.dbapi import (
    SQLITE_BUSY_TIMEOUT_S as SQLITE_BUSY_TIMEOUT_S,  # re-exported (services.backfill)
    close_idle,
    configure_sqlite_connection,
)

if TYPE_CHECKING:  # the ORM loads on the first session, not with this module (a read may need none)
    from sqlalchemy.orm import Session, sessionmaker

POOL_SIZE = 40
"""Pooled PostgreSQL connections kept per process: anyio's default thread limiter (40),
so every web request thread finds an open connection."""
POOL_OVERFLOW = 10
_pool_floor = POOL_SIZE
"""The pool size of PostgreSQL engines built from now on (``ensure_pool_size``)."""
PING_AFTER_IDLE_S = 5.0
"""A pooled PostgreSQL connection idle longer than this is pinged before use, seconds."""


@lru_cache(maxsize=64)
def is_sqlite(url: str) -> bool:
    """True when ``url`` is a SQLite URL (parsed once per URL: the worker asks per email)."""
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str) -> Engine:
    """Create an engine for ``url`` (SQLite file or PostgreSQL).

    SQLite: WAL journal, ``busy_timeout`` of 30 s, and ``BEGIN IMMEDIATE`` for every
    transaction (the write lock is taken up front, so two writers queue instead of
    failing on lock upgrade). The parent directory is created.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
            pool_pre_ping=False,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            configure_sqlite_connection(dbapi_conn)  # we issue BEGIN ourselves; WAL, busy timeout

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    engine = create_engine(
        url,
        pool_pre_ping=False,
        pool_size=max(POOL_SIZE, _pool_floor),
        max_overflow=POOL_OVERFLOW,
        pool_use_lifo=True,  # hot connections are reused; idle ones age and get pinged
        pool_recycle=1800,
        connect_args={"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {},
    )
    _ping_idle_connections(engine)
    return engine


def _ping_idle_connections(engine: Engine) -> None:
    """Ping (``dialect.do_ping``) a pooled connection at checkout when it was idle for more
    than ``PING_AFTER_IDLE_S``; a failed ping raises ``DisconnectionError``, on which the
    pool discards it and connects anew (up to three times)."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
        record.info["creditctl_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: DBAPIConnection, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection) -> None:
        since = record.info.pop("creditctl_idle_since", None)
        if since is None or time.monotonic() - since <= PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as error:  # the driver's error types vary; any failure means "unusable"
            raise exc.DisconnectionError(f"idle connection failed its ping: {type(error).__name__}") from error


def rowcount(result: Result[*tuple[Any, ...]]) -> int:
    """The number of rows the UPDATE or DELETE that produced ``result`` matched.

    ``Session.execute`` is typed to return a plain ``Result``; for an UPDATE/DELETE (Core or
    ORM-enabled) it is a ``CursorResult``, which carries ``rowcount``. Raises ``TypeError``
    for the result of anything else (a SELECT's rowcount means nothing)."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"rowcount of a {type(result).__name__}, not of an UPDATE/DELETE result")
    return result.rowcount


def is_disconnect_error(error: BaseException) -> bool:
    """True when ``error`` is a SQLAlchemy DBAPI error that SQLAlchemy classified as a lost
    connection (the pool was invalidated; a retry gets a fresh connection)."""
    return isinstance(error, exc.DBAPIError) and bool(error.connection_invalidated)


_ENGINES: dict[str, Engine] = {}
_SESSIONMAKERS: dict[str, sessionmaker[Session]] = {}


def get_engine(url: str) -> Engine:
    """The process-wide engine for ``url`` (one pool per URL)."""
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = make_engine(url)
    return engine


def _sessionmaker_for(url: str) -> sessionmaker[Session]:
    maker = _SESSIONMAKERS.get(url)
    if maker is None:
        from sqlalchemy.orm import sessionmaker

        maker = _SESSIONMAKERS[url] = sessionmaker(bind=get_engine(url), expire_on_commit=False)
    return maker


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on any exception."""
    session = _sessionmaker_for(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def ensure_pool_size(connections: int) -> None:
    """Let every PostgreSQL pool of this process hold ``connections`` at once.

    A worker with N threads may hold up to 2N + 1 connections at one moment (each job's
    step, its lease renewal, housekeeping); a pool smaller than that makes jobs wait for
    a connection — the threads run one after the other on the database side, and past
    the pool timeout (30 s) a job fails. Pools already built smaller are closed and
    rebuilt, larger, at their next use; SQLite engines are left alone.
    """
    global _pool_floor
    if connections <= max(POOL_SIZE, _pool_floor):
        return
    _pool_floor = connections
    for url in [u for u in _ENGINES if not is_sqlite(u)]:
        dispose_engine(url)


def _forget_pools_in_child() -> None:
    """After fork (Huey process workers): never reuse the parent's connections; drop
    the pools without closing the parent's sockets (SQLAlchemy's documented pattern)."""
    for engine in _ENGINES.values():
        engine.dispose(close=False)
    _ENGINES.clear()
    _SESSIONMAKERS.clear()


os.register_at_fork(after_in_child=_forget_pools_in_child)


def dispose_engines() -> None:
    """Close every pooled connection, and the idle direct ones (``dbapi.close_idle``;
    after fork, and in tests)."""
    close_idle()
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
    _SESSIONMAKERS.clear()


def dispose_engine(url: str) -> None:
    """Close and forget the pool of ``url``, and its idle direct connection
    (``dbapi.close_idle``): e.g. a temporary database about to be deleted."""
    close_idle(url)
    engine = _ENGINES.pop(url, None)
    _SESSIONMAKERS.pop(url, None)
    if engine is not None:
        engine.dispose()
