"""``read_queue_depth`` on a Redis URL with a password and a database number: AUTH and
SELECT go first, then one ZCARD per key of Huey's priority queue (a fake RESP server
records what it was sent); a Redis error reads as ``ConnectionError``."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from creditctl.queue import REDIS_QUEUE_KEY, REDIS_SCHEDULE_KEY, read_queue_depth
from creditctl.settings import Settings


@contextmanager
def fake_redis(answers: dict[bytes, bytes]) -> Iterator[tuple[int, list[list[bytes]]]]:
    """A one-connection RESP server answering each command by its name; yields (port, commands seen)."""
    seen: list[list[bytes]] = []
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve() -> None:
        conn, _ = server.accept()
        with conn, conn.makefile("rb") as reader:
            while True:
                head = reader.readline()
                if not head:
                    return
                parts = []
                for _ in range(int(head[1:])):
                    size = int(reader.readline()[1:])
                    parts.append(reader.read(size + 2)[:-2])
                seen.append(parts)
                if parts[0] == b"ZCARD":
                    conn.sendall(answers[parts[1]])
                else:
                    conn.sendall(answers[parts[0]])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port, seen
    finally:
        server.close()
        thread.join(timeout=5)


def _settings(tmp_path: Path, url: str) -> Settings:
    return Settings(home=tmp_path, queue_url=url, database_url="")


def test_auth_select_then_two_zcards(tmp_path: Path) -> None:
    answers = {b"AUTH": b"+OK\r\n", b"SELECT": b"+OK\r\n", REDIS_QUEUE_KEY.encode(): b":7\r\n"}
    answers[REDIS_SCHEDULE_KEY.encode()] = b":2\r\n"
    with fake_redis(answers) as (port, seen):
        depth = read_queue_depth(_settings(tmp_path, f"redis://user:p%40ss@127.0.0.1:{port}/3"))
    assert depth == {"pending": 7, "scheduled": 2}
    assert seen == [
        [b"AUTH", b"user", b"p@ss"],
        [b"SELECT", b"3"],
        [b"ZCARD", REDIS_QUEUE_KEY.encode()],
        [b"ZCARD", REDIS_SCHEDULE_KEY.encode()],
    ]


def test_redis_error_is_connection_error(tmp_path: Path) -> None:
    answers = {b"AUTH": b"-WRONGPASS invalid username-password pair\r\n"}
    answers |= {REDIS_QUEUE_KEY.encode(): b":0\r\n", REDIS_SCHEDULE_KEY.encode(): b":0\r\n"}
    with fake_redis(answers) as (port, _seen), pytest.raises(ConnectionError, match="WRONGPASS"):
        read_queue_depth(_settings(tmp_path, f"redis://:bad@127.0.0.1:{port}"))
