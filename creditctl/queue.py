"""The Huey instance, chosen by ``CREDITCTL_QUEUE_URL``.

- a path or ``sqlite:///PATH``: ``SqliteHuey`` (embedded default, a file; priorities work)
- ``redis://HOST:PORT/DB``: ``PriorityRedisHuey`` (plain ``RedisHuey`` raises on a
  non-zero priority, docs/architecture.md "Workers")
- ``memory://``: ``MemoryHuey`` (tests)
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from huey import Huey

    from creditctl.settings import Settings

QUEUE_NAME = "creditctl"
# Where Huey 3.5 keeps a queue named QUEUE_NAME (huey/storage.py, read from its source,
# docs/architecture.md "Huey facts"): PriorityRedisStorage a sorted set per queue and
# one for the schedule; SqliteStorage the tables ``task`` and ``schedule`` keyed by queue.
REDIS_QUEUE_KEY = f"huey.redis.{QUEUE_NAME}"
REDIS_SCHEDULE_KEY = f"huey.schedule.{QUEUE_NAME}"
PROBE_TIMEOUT_S = 5.0
REDIS_SCHEMES = ("redis://", "rediss://")


def is_redis_url(url: str) -> bool:
    """Whether the queue ``url`` names Redis (``PriorityRedisHuey``); else a SqliteHuey file
    (a path or ``sqlite:///PATH``) or ``memory://``."""
    return url.startswith(REDIS_SCHEMES)


def sqlite_queue_path(url: str) -> Path:
    """The SqliteHuey file of a queue ``url`` (a path or ``sqlite:///PATH``), ``~`` expanded."""
    return Path(url[len("sqlite:///") :] if url.startswith("sqlite:///") else url).expanduser()


def make_huey(settings: Settings, *, immediate: bool | None = None) -> Huey:
    """Build the Huey instance for ``settings`` (results off: jobs are fire-and-forget,
    and the result store would otherwise keep every error record until read)."""
    from huey import MemoryHuey, PriorityRedisHuey, SqliteHuey

    url = settings.effective_queue_url
    immediate = settings.huey_immediate if immediate is None else immediate
    common = dict(results=False, utc=True, immediate=immediate)
    if is_redis_url(url):
        return PriorityRedisHuey(QUEUE_NAME, url=url, **common)
    if url.startswith("memory://"):
        return MemoryHuey(QUEUE_NAME, **common)
    path = sqlite_queue_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(path), timeout=30, **common)


def queue_depth(huey: Huey) -> dict[str, int]:
    """``{"pending": N, "scheduled": M}`` (raises when the queue is unreachable)."""
    return {"pending": huey.pending_count(), "scheduled": huey.scheduled_count()}


def read_queue_depth(settings: Settings) -> dict[str, int]:
    """``queue_depth`` for a process that only reads (``creditctl status``): the same
    ``{"pending": N, "scheduled": M}`` read straight from Huey's storage, without importing
    Huey or redis-py (a third of ``status --json``'s start-up,
    docs/measurements/status-importtime.txt). A queue file not created yet counts 0.
    Raises ``ConnectionError`` when the queue is unreachable or refuses."""
    url = settings.effective_queue_url
    if is_redis_url(url):
        pending, scheduled = _redis_zcards(url, (REDIS_QUEUE_KEY, REDIS_SCHEDULE_KEY))
        return {"pending": pending, "scheduled": scheduled}
    if url.startswith("memory://"):  # tests: the queue lives in the process that built it
        return queue_depth(make_huey(settings))
    path = sqlite_queue_path(url)
    if not path.exists():
        return {"pending": 0, "scheduled": 0}
    try:
        with sqlite3.connect(path, timeout=30) as conn:
            counts = [
                conn.execute(f"SELECT count(id) FROM {table} WHERE queue = ?", (QUEUE_NAME,)).fetchone()[0]  # noqa: S608 - fixed names
                if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
                else 0
                for table in ("task", "schedule")
            ]
    except sqlite3.Error as exc:
        raise ConnectionError(f"queue file {path}: {exc}") from exc
    return {"pending": int(counts[0]), "scheduled": int(counts[1])}


def _redis_command(*args: str | int) -> bytes:
    parts = [str(a).encode() for a in args]
    return b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)


def _redis_reply(reader: IO[bytes]) -> int | bytes:
    line = reader.readline()
    if not line.endswith(b"\r\n"):
        raise ConnectionError("queue: Redis closed the connection")
    kind, body = line[:1], line[1:-2]
    if kind == b"-":
        raise ConnectionError(f"queue: Redis answered {body.decode(errors='replace')}")
    if kind == b":":
        return int(body)
    if kind == b"+":
        return body
    raise ConnectionError(f"queue: unexpected Redis reply {line[:40]!r}")


def _redis_zcards(url: str, keys: tuple[str, ...]) -> list[int]:
    """``ZCARD`` of each key over one plain RESP connection (``redis[s]://[user:password@]
    host[:port][/db][?db=N]``, the URL forms redis-py accepts for these). Raises
    ``ConnectionError``."""
    parts = urlsplit(url)
    db = parts.path.lstrip("/") or parse_qs(parts.query).get("db", ["0"])[0]
    commands = []
    if parts.password is not None:
        user = unquote(parts.username) if parts.username else None
        commands.append(_redis_command("AUTH", *([user] if user else []), unquote(parts.password)))
    if db and db != "0":
        commands.append(_redis_command("SELECT", int(db)))
    commands += [_redis_command("ZCARD", key) for key in keys]
    try:
        sock = socket.create_connection((parts.hostname or "localhost", parts.port or 6379), timeout=PROBE_TIMEOUT_S)
        if parts.scheme == "rediss":
            import ssl

            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
        with sock, sock.makefile("rb") as reader:
            sock.sendall(b"".join(commands))
            replies = [_redis_reply(reader) for _ in commands]
    except OSError as exc:
        raise ConnectionError(f"queue: {exc}") from exc
    return [int(r) for r in replies[-len(keys) :]]


WaitingIds = Callable[[], "tuple[set[int] | None, set[int] | None]"]
"""``() -> (pending_ids, scheduled_ids)``: email ids whose ``process_email`` message is
waiting in the queue, resp. in the schedule (delayed); ``(None, None)`` when the queue is
too long to read. Raises when the queue is down."""


def waiting_email_ids(huey: Huey, *, limit: int) -> tuple[set[int] | None, set[int] | None]:
    """``(pending_ids, scheduled_ids)`` of ``process_email`` messages in ``huey``'s queue,
    read from its storage without the task registry (so ``creditctl status`` need not
    import the tasks). ``(None, None)`` when more than ``limit`` messages wait (too long
    to read). Raises the queue client's error when the queue is unreachable."""
    if huey.pending_count() + huey.scheduled_count() > limit:
        return None, None
    deserialize = huey.serializer.deserialize
    return (
        _email_ids(deserialize(raw) for raw in huey.storage.enqueued_items()),
        _email_ids(deserialize(raw) for raw in huey.storage.scheduled_items()),
    )


def _email_ids(messages: Iterable[Any]) -> set[int]:
    ids: set[int] = set()
    for message in messages:
        if str(getattr(message, "name", "")).endswith("process_email") and getattr(message, "args", None):
            try:
                ids.add(int(message.args[0]))
            except (TypeError, ValueError):
                continue
    return ids
