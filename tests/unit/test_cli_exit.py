"""The console script ends its process without the shutdown's full garbage collections
(``creditctl.cli.skip_final_collection``, docs/worker-performance.md "Round 7 — status and
webhook"): the heap is frozen after every other exit handler ran, and the command's output
and exit code are what they were."""

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
    sys.stderr.write(f"frozen={gc.get_freeze_count()} enabled={gc.isenabled()}\\n")
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
    assert "enabled=True" in done.stderr  # the collector itself stays on until then


def test_exit_code_kept():
    done = _run("no-such-command")
    assert done.returncode == 2
    assert "No such command" in done.stderr
    assert "frozen=" in done.stderr


def test_not_frozen_before_exit():
    """Only the shutdown is spared: a command runs with the collector as it was."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    script = (
        "import gc, sys\n"
        "from creditctl import cli\n"
        "from creditctl.cli.common import app\n"
        "@app.command('probe-gc')\n"
        "def probe() -> None:\n"
        "    sys.stdout.write(f'during={gc.get_freeze_count()}\\n')\n"
        "sys.argv = ['creditctl', 'probe-gc']\n"
        "cli.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "during=0"
