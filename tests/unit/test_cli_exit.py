"""The console script's garbage collection (docs/worker-performance.md, "Round 7 — status
and webhook"): no collections while the process starts, the command run with the collector
on and the start-up heap frozen (``creditctl.cli.common.end_startup``), and no full
collections at the shutdown (``creditctl.cli.skip_final_collection``: the heap is frozen
after every other exit handler ran); the command's output and exit code are what they were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# An exit handler registered before main() runs after main()'s own (atexit is last in,
# first out): it sees the state the interpreter's shutdown starts from.
SCRIPT = """
import atexit, gc, sys
def report():
    sys.stderr.write(f"frozen={gc.get_freeze_count()}\\n")
atexit.register(report)
sys.argv = ["creditctl", *sys.argv[1:]]
from creditctl.cli import main
main()
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], env=env, capture_output=True, text=True, timeout=120)


def test_heap_frozen_at_exit_after_the_output():
    done = _run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("creditctl ")
    frozen = int(done.stderr.split("frozen=", 1)[1].split()[0])
    assert frozen > 10_000  # the modules, the app: everything alive at the end


def test_exit_code_kept():
    done = _run("no-such-command")
    assert done.returncode == 2
    assert "No such command" in done.stderr
    assert "frozen=" in done.stderr


PROBE = """
import gc, sys
from creditctl import cli
from creditctl.cli.common import app
@app.command("probe-gc")
def probe() -> None:
    sys.stdout.write(f"enabled={gc.isenabled()} frozen={gc.get_freeze_count()}\\n")
"""


def _probe(tail: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", PROBE + tail], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_command_runs_with_the_collector_on_and_the_startup_heap_frozen():
    """main() pauses the collector while the process starts; the command's own code runs
    with it on again, the start-up's objects (modules, app, parameters) frozen."""
    found = _probe("sys.argv = ['creditctl', 'probe-gc']\ncli.main()\n")
    enabled, frozen = found.split()
    assert enabled == "enabled=True"
    assert int(frozen.split("=")[1]) > 10_000


def test_app_run_in_process_leaves_the_collector_alone():
    """Without the console script (tests, embedding) the collector is not touched."""
    found = _probe("app(['probe-gc'], standalone_mode=False)\n")
    assert found == "enabled=True frozen=0"
