"""The two consumer entries: `creditctl worker` and `huey_consumer huey_config.huey`
share the housekeeping (heartbeat row, sweep, RSS exit), both as real processes on the
embedded SQLite pair. And the one Huey private the worker uses fails loudly here when
a Huey release changes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from huey import MemoryHuey

from creditctl.worker import make_sigint_graceful

REPO = Path(__file__).resolve().parents[2]


def test_sigint_can_be_made_graceful_on_this_huey():
    consumer = MemoryHuey("t").create_consumer(workers=1, graceful_signal="TERM")
    assert make_sigint_graceful(consumer) is True, "Huey changed consumer._signal_actions: see worker.py"
    assert consumer._signal_actions[signal.SIGINT] == consumer._signal_actions[signal.SIGTERM] == (False, True)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") and k != "ANTHROPIC_API_KEY"}
    env.update(
        CREDITCTL_HOME=str(home),
        CREDITCTL_LOG_LEVEL="INFO",
        CREDITCTL_EXTRACTOR="rules",
        CREDITCTL_SWEEP_INTERVAL="1",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        **extra,
    )
    return env


def _creditctl(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "creditctl", *args],
        env=_env(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _huey_consumer(home: Path, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "huey_config.huey", "-w", "2"],
        env=_env(home, **extra),
        cwd=home,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _workers(home: Path) -> list[dict]:
    done = _creditctl(home, "status", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["workers"]


def test_huey_consumer_beats_heartbeats_and_stops_gracefully_on_sigint(tmp_path):
    assert _creditctl(tmp_path, "db", "upgrade").returncode == 0
    proc = _huey_consumer(tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not _workers(tmp_path) and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()[0][-3000:]
            time.sleep(0.5)
        assert len(_workers(tmp_path)) == 1  # one housekeeper per process, not one per worker thread
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out[-3000:]
    assert "Shutting down gracefully" in out
    assert _workers(tmp_path) == []  # the clean exit removed its heartbeat row


def test_huey_consumer_exits_0_over_the_rss_limit(tmp_path):
    assert _creditctl(tmp_path, "db", "upgrade").returncode == 0
    proc = _huey_consumer(tmp_path, CREDITCTL_WORKER_MAX_RSS_MB="1")
    try:
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out[-3000:]
    assert "worker_stopping" in out and "CREDITCTL_WORKER_MAX_RSS_MB=1" in out


def test_huey_consumer_refuses_a_database_behind(tmp_path):
    proc = _huey_consumer(tmp_path, CREDITCTL_DATABASE_URL=f"sqlite:///{tmp_path}/other.db")
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "run creditctl db upgrade" in out
