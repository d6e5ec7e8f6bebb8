"""The one place that decides whether an exception means "the database or the queue is
unreachable" (an operational outage), by exception type, never by message text.

Used by the CLI error boundary (one line instead of a traceback), ``health`` and the
worker's queue-outage log (one line at the start, one at the end with its length).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

import redis.exceptions
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from creditctl.queue import is_redis_url

QUEUE_ERRORS: tuple[type[Exception], ...] = (redis.exceptions.RedisError, sqlite3.Error, OSError)
"""What a call on the queue (enqueue, pending/scheduled counts and listings) raises when the
queue is unreachable or refuses: redis-py's errors (``PriorityRedisHuey``), ``sqlite3``'s
(``SqliteHuey``'s file) and socket errors. Catch this, not ``Exception``, around a queue call
whose failure the sweep makes good."""


@dataclass(frozen=True)
class Outage:
    """``what``: "database" or "queue"; ``error``: the underlying exception, one line;
    ``login_refused``: the database answered but refused the login (a wrong password, a
    role that does not exist), so it is not down: the settings are wrong."""

    what: str
    error: str
    login_refused: bool = False


LOGIN_SQLSTATES = frozenset({"28000", "28P01"})
"""PostgreSQL's invalid_authorization_specification and invalid_password."""
_LOGIN_FATALS = (
    "password authentication failed",
    "does not exist",
    "no pg_hba.conf entry",
    "authentication failed",
    "is not permitted to log in",
)
"""libpq's FATAL lines of a refused login. A refusal at connect time reaches psycopg as a
plain ``OperationalError("connection failed: …")`` without a SQLSTATE (no server result
to read it from), so only libpq's own words tell it from a server that is down."""


def _login_refused(orig: BaseException | None) -> bool:
    """Whether the driver error ``orig`` is a refused login (SQLSTATE class 28, or libpq's
    FATAL line of one; a missing database, ``database "x" does not exist``, is not)."""
    if orig is None:
        return False
    if getattr(orig, "sqlstate", None) in LOGIN_SQLSTATES:
        return True
    text = str(orig)
    fatal = text.partition("FATAL:")[2].strip()
    if not fatal or fatal.startswith("database "):
        return False
    return any(marker in fatal for marker in _LOGIN_FATALS)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _queue_error_types() -> tuple[type[BaseException], ...]:
    r = redis.exceptions
    # sqlite3: SqliteHuey's file (SQLAlchemy wraps the database's)
    return (sqlite3.OperationalError, r.ConnectionError, r.TimeoutError, r.BusyLoadingError)


def classify(exc: BaseException) -> Outage | None:
    """The outage ``exc`` (or an exception in its cause/context chain) stands for, or None.

    Database: SQLAlchemy ``OperationalError``/``InterfaceError``, or any ``DBAPIError``
    whose connection was invalidated. Queue: redis ``ConnectionError``/``TimeoutError``/
    ``BusyLoadingError``, or a raw ``sqlite3.OperationalError`` (SqliteHuey's file; the
    database's SQLite errors reach us wrapped by SQLAlchemy). ``StorageUnavailable``
    carries its cause, so it is classified by that.
    """
    queue_types = _queue_error_types()
    for item in _chain(exc):
        if isinstance(item, (OperationalError, InterfaceError)) or (
            isinstance(item, DBAPIError)
            # a SQLite file that is not a database (corrupt, or another file): the database is unusable
            and (item.connection_invalidated or isinstance(getattr(item, "orig", None), sqlite3.DatabaseError))
        ):
            orig = getattr(item, "orig", None)
            return Outage("database", _one_line(orig if orig is not None else item), _login_refused(orig))
        if isinstance(item, queue_types):
            return Outage("queue", _one_line(item))
    return None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def describe_url(url: str | None) -> str:
    """``url`` without credentials, for a message (``postgresql://127.0.0.1:5432/db``)."""
    if not url:
        return "?"
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - a redis:// or a path is not a SQLAlchemy URL
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        if parts.hostname:
            return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"
        return url
    if parsed.drivername.startswith("sqlite"):
        return f"SQLite file {parsed.database}"
    host = parsed.host or "localhost"
    return (
        f"{parsed.drivername.split('+')[0]}://{host}{f':{parsed.port}' if parsed.port else ''}/{parsed.database or ''}"
    )


def advice(outage: Outage, *, database_url: str | None = None, queue_url: str | None = None, rerun: bool = True) -> str:
    """The one line an operator reads: what is down, why, what to do. ``rerun=False`` for a
    command that rides the outage out itself (``tail -f``): no "then run the command again"."""
    line = _advice(outage, database_url=database_url, queue_url=queue_url)
    return line if rerun else line.removesuffix(RERUN)


RERUN = ", then run the command again"
"""How ``advice`` ends for a one-shot command whose work the outage stopped."""


def _advice(outage: Outage, *, database_url: str | None, queue_url: str | None) -> str:
    if outage.what == "database":
        if database_url and database_url.startswith("sqlite"):
            return (
                f"the database cannot be used ({describe_url(database_url)}: {outage.error}); "
                "check the file (a readable SQLite database), CREDITCTL_DATABASE_URL and CREDITCTL_HOME"
            )
        if outage.login_refused:
            return (
                f"the database refused the login ({describe_url(database_url)}: {outage.error}); "
                "check the user and password in CREDITCTL_DATABASE_URL (the role must exist)"
            )
        return (
            f"the database is unreachable ({describe_url(database_url)}: {outage.error}); "
            f"check that it is running and CREDITCTL_DATABASE_URL{RERUN}"
        )
    if queue_url and not is_redis_url(queue_url):
        return (
            f"the queue cannot be used ({describe_url(queue_url)}: {outage.error}); "
            "check the SqliteHuey file, CREDITCTL_QUEUE_URL and CREDITCTL_HOME"
        )
    return (
        f"the queue is unreachable ({describe_url(queue_url)}: {outage.error}); "
        f"check that Redis is running and CREDITCTL_QUEUE_URL{RERUN}"
    )
