"""``creditctl.queue.read_queue_depth`` (the read ``creditctl status`` uses, without
Huey or redis-py) agrees with Huey's own counts on both queue backends, and reads an
unreachable queue as ``ConnectionError``."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from creditctl.queue import queue_depth, read_queue_depth
from tests.helpers import Env


def test_read_depth_matches_huey(env: Env) -> None:
    storage = env.huey.storage
    storage.flush_all()
    assert read_queue_depth(env.settings) == queue_depth(env.huey) == {"pending": 0, "scheduled": 0}
    for n in range(3):
        storage.enqueue(b"message %d" % n, priority=n)
    for n in range(2):
        storage.add_to_schedule(b"later %d" % n, datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=1 + n))
    assert read_queue_depth(env.settings) == queue_depth(env.huey) == {"pending": 3, "scheduled": 2}
    storage.dequeue()
    assert read_queue_depth(env.settings) == queue_depth(env.huey) == {"pending": 2, "scheduled": 2}


def test_missing_queue_file_counts_zero(env: Env, tmp_path: Path) -> None:
    settings = env.settings.model_copy(update={"queue_url": f"sqlite:///{tmp_path / 'not-yet' / 'queue.db'}"})
    assert read_queue_depth(settings) == {"pending": 0, "scheduled": 0}
    assert not (tmp_path / "not-yet").exists()  # a read creates nothing


def test_unreachable_redis_is_connection_error(env: Env) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = env.settings.model_copy(update={"queue_url": f"redis://127.0.0.1:{port}/0"})
    with pytest.raises(ConnectionError):
        read_queue_depth(settings)
