"""A one-shot command configures logging without importing structlog (creditctl/logs.py):
whatever imports structlog later still logs through the one redacting chain, at the
configured level, on stderr — never structlog's default (every level, unredacted, stdout)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import logging, sys
from creditctl.logs import configure_logging
configure_logging("ERROR", json=True)
configure_logging("ERROR", json=True)  # again: one pending configuration, one handler
assert "structlog" not in sys.modules and "rich" not in sys.modules, "imported at configuration"
import structlog
log = structlog.get_logger("t")
log.warning("below the level")
log.error("from structlog", token="abc", note="write to max.mustermann@example.org")
logging.getLogger("lib").error("from the standard library: IBAN %s", "DE89370400440532013000")
"""


def test_structlog_imported_after_configuration_is_configured():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert [line["event"] for line in lines] == ["from structlog", "from the standard library: IBAN [iban]"]
    assert lines[0]["token"] == "[secret]" and lines[0]["note"] == "write to [email]"
    assert all(line["level"] == "error" for line in lines)


def test_configured_at_once_when_structlog_is_already_imported(capsys):
    import io

    import structlog

    from creditctl.logs import configure_logging

    stream = io.StringIO()
    configure_logging("INFO", json=True, stream=stream)
    structlog.get_logger("t").info("now", password="p")
    assert json.loads(stream.getvalue())["password"] == "[secret]"
