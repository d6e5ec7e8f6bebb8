"""``creditctl serve`` stops on SIGTERM within seconds in every phase: start-up, the
database-outage start-up ("serving anyway"), the window between building the app and
uvicorn taking the signals over, and while serving. A real ``serve`` subprocess each time,
on both backend pairs, and with the database unreachable (a PostgreSQL URL on a closed port).

Once a SIGTERM sent in that window was swallowed (a no-op handler stood there for uvicorn's
re-raise) and the server answered /healthz for ten more minutes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.helpers import SECRET, Env
from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
STOP_WITHIN_S = 8.0
"""What "within a few seconds" means here (the machine is shared: start-up alone takes ~2 s)."""

# SIGTERM at the last moments before uvicorn installs its handlers: the window that once
# swallowed the signal, hit on purpose by wrapping a public name (the app factory, the
# server's run) so that the process signals itself from inside it
_IN_THE_WINDOW = """
import os, signal, sys
import uvicorn
import creditctl.cli.run as run
target = {target}
wrapped = getattr(target, "{name}")
def then_sigterm(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)
    return wrapped(*args, **kwargs)
setattr(target, "{name}", then_sigterm)
from creditctl.cli import main
sys.argv = ["creditctl", *sys.argv[1:]]
main()
"""


def _environment(home: Path, database_url: str, queue_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") or k.startswith("CREDITCTL_TEST_")}
    env.update(
        CREDITCTL_HOME=str(home),
        CREDITCTL_DATABASE_URL=database_url,
        CREDITCTL_QUEUE_URL=queue_url,
        CREDITCTL_ZENDESK_WEBHOOK_SECRET=SECRET,
        CREDITCTL_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        PYTHONFAULTHANDLER="1",
        PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    return env


class Served:
    """One ``serve`` subprocess, its stderr in a file."""

    def __init__(self, tmp: Path, env: dict[str, str], *, script: str | None = None) -> None:
        self.port = free_port()
        self.log = tmp / f"serve-{self.port}.log"
        command = [sys.executable, "-c", script] if script else [sys.executable, "-m", "creditctl"]
        with self.log.open("wb") as handle:
            self.popen = subprocess.Popen(
                [*command, "serve", "--port", str(self.port)],
                env=env,
                cwd=tmp,
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until(self, cond: Callable[[], bool], timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if cond():
                return
            if self.popen.poll() is not None:
                pytest.fail(f"serve exited ({self.popen.returncode}) before {what}:\n{self.output()}")
            time.sleep(0.05)
        self.kill()
        pytest.fail(f"no {what} within {timeout_s} s:\n{self.output()}")

    def answers(self, path: str) -> int | None:
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}{path}", timeout=3).status_code
        except httpx.HTTPError:
            return None

    def stop_and_time(self) -> tuple[int, float]:
        """SIGTERM now; (exit code, seconds it took). Fails (and kills) past STOP_WITHIN_S."""
        sent = time.monotonic()
        self.popen.send_signal(signal.SIGTERM)
        try:
            code = self.popen.wait(STOP_WITHIN_S)
        except subprocess.TimeoutExpired:
            alive = self.answers("/healthz")
            self.popen.send_signal(signal.SIGABRT)  # PYTHONFAULTHANDLER: its threads' stacks into the log
            time.sleep(1)
            self.kill()
            pytest.fail(f"serve still running {STOP_WITHIN_S} s after SIGTERM (/healthz {alive}):\n{self.output()}")
        return code, time.monotonic() - sent

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(10)


def _dead_postgres() -> str:
    return f"postgresql+psycopg://creditctl@127.0.0.1:{free_port()}/creditctl"


def _outage_env(tmp_path: Path) -> dict[str, str]:
    return _environment(tmp_path / "home", _dead_postgres(), f"sqlite:///{tmp_path / 'queue.db'}")


def _stopped_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("server stopped")]


def test_sigterm_at_once_stops_it(tmp_path: Path) -> None:
    served = Served(tmp_path, _outage_env(tmp_path))
    try:
        code, _took = served.stop_and_time()
    finally:
        served.kill()
    # before Python has installed a handler the default action ends it (-15); after, one line and 0
    assert code in (0, -signal.SIGTERM), served.output()
    assert len(_stopped_lines(served.output())) <= 1


@pytest.mark.parametrize("delay_s", [0.3, 0.8, 1.5])
def test_sigterm_during_start_up_stops_it_with_one_line(tmp_path: Path, delay_s: float) -> None:
    served = Served(tmp_path, _outage_env(tmp_path))
    try:
        time.sleep(delay_s)
        code, _took = served.stop_and_time()
    finally:
        served.kill()
    assert code in (0, -signal.SIGTERM), served.output()
    if code == 0:
        assert len(_stopped_lines(served.output())) == 1, served.output()
    assert "Traceback" not in served.output()


def test_sigterm_right_after_the_outage_line_stops_it(tmp_path: Path) -> None:
    served = Served(tmp_path, _outage_env(tmp_path))
    try:
        served.wait_until(lambda: "serving anyway" in served.output(), 60, "outage line")
        code, _took = served.stop_and_time()
    finally:
        served.kill()
    assert code == 0, served.output()
    assert len(_stopped_lines(served.output())) == 1, served.output()


@pytest.mark.parametrize(
    ("target", "name", "says"),
    [
        ("run", "_app_for", "server stopped: SIGTERM during start-up, before serving"),
        ("uvicorn.Server", "run", "server stopped"),
    ],
)
def test_sigterm_just_before_uvicorn_takes_the_signals_over_is_not_lost(
    tmp_path: Path, target: str, name: str, says: str
) -> None:
    served = Served(tmp_path, _outage_env(tmp_path), script=_IN_THE_WINDOW.format(target=target, name=name))
    try:
        served.wait_until(lambda: served.popen.poll() is not None, 60, "exit after the early SIGTERM")
    finally:
        served.kill()
    assert served.popen.returncode == 0, served.output()
    assert _stopped_lines(served.output()) == [says], served.output()
    # the lines agree: "serving on" only when the stop is the server's, never before "before serving"
    announced = "serving on http://" in served.output()
    assert announced == (says == "server stopped"), served.output()


def test_sigterm_while_serving_through_an_outage_stops_it(tmp_path: Path) -> None:
    served = Served(tmp_path, _outage_env(tmp_path))
    try:
        served.wait_until(lambda: served.answers("/healthz") == 200, 60, "/healthz 200")
        assert served.answers("/readyz") == 503
        code, _took = served.stop_and_time()
    finally:
        served.kill()
    assert code == 0, served.output()
    assert _stopped_lines(served.output()) == ["server stopped"], served.output()


def test_sigterm_while_serving_stops_it(env: Env, tmp_path: Path) -> None:
    served = Served(
        tmp_path,
        _environment(tmp_path / "home", env.settings.effective_database_url, env.settings.effective_queue_url),
    )
    try:
        served.wait_until(lambda: served.answers("/readyz") == 200, 60, "/readyz 200")
        code, _took = served.stop_and_time()
    finally:
        served.kill()
    assert code == 0, served.output()
    assert _stopped_lines(served.output()) == ["server stopped"], served.output()
