"""Numeric options out of their range are usage errors (exit 2, plain words), refused
before anything runs: ``worker --workers 0`` used to start a worker that processed
nothing, ``serve --port 99999`` failed inside the socket layer with an OverflowError
(exit 1), ``--since 99999999d`` inside the date arithmetic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "CREDITCTL_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}",
    }
    script = "import sys; sys.argv = ['creditctl', *sys.argv[1:]]; from creditctl.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("worker", "--workers", "0"), "'--workers'"),
        (("worker", "--workers", "-3"), "'--workers'"),
        (("worker", "--shutdown-timeout", "-1"), "'--shutdown-timeout'"),
        (("serve", "--port", "99999"), "'--port'"),
        (("serve", "--port", "0"), "'--port'"),
        (("reprocess", "--since", "2h", "--dry-run", "--workers", "0"), "'--workers'"),
        (("reprocess", "--since", "2h", "--limit", "0"), "'--limit'"),
        (("status", "0"), "'EMAIL_ID'"),
        (("status", "--watch", "0"), "'--watch'"),
        (("tail", "--email", "-1"), "'--email'"),
        (("review", "approve", "0", "--claim", "1"), "'EMAIL_ID'"),
        (("review", "approve", "5", "--claim", "0"), "'--claim'"),
        (("reprocess", "--since", "99999999d", "--dry-run"), "before the year 1"),
        (("retry", "0"), "'IDS'"),  # said `no such email`, exit 1
        (("retry", "3", "0"), "'IDS'"),
        (("retry", "--mirror", "0"), "'IDS'"),
        (("reprocess", "--ids", "0", "--dry-run"), "--ids: '0'"),
        (("reprocess", "--ids", "3,0", "--dry-run"), "--ids: '0'"),
        (("quarantine", "show", "0"), "'QUARANTINE_ID'"),
        (("reprocess", "--resume", "0"), "'--resume'"),
    ],
)
def test_out_of_range_is_a_usage_error(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    done = _run(tmp_path, *args)
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "OverflowError" not in done.stderr
    assert not (tmp_path / "never.db").exists() or args[0] == "reprocess"
