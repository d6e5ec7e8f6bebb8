"""`creditctl users` end to end: the installed CLI as a subprocess (SQLite in CREDITCTL_HOME)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def cli(args: list[str], home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update({"CREDITCTL_HOME": str(home), "CREDITCTL_LOG_LEVEL": "WARNING"})
    return subprocess.run(
        [sys.executable, "-m", "creditctl", *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin if stdin is not None else "",
    )


def test_users_add_list_disable(tmp_path: Path) -> None:
    added = cli(
        ["users", "add", "anna", "--role", "admin", "--password-stdin", "--json"], tmp_path, stdin="a-long-password-1\n"
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["role"] == "admin"
    # no terminal and no --password-stdin: a usage error, nothing created
    assert cli(["users", "add", "ben", "--role", "reviewer"], tmp_path).returncode == 2
    assert (
        cli(
            ["users", "add", "ben", "--role", "boss", "--password-stdin"], tmp_path, stdin="a-long-password-2\n"
        ).returncode
        == 2
    )
    short = cli(["users", "add", "ben", "--password-stdin"], tmp_path, stdin="short\n")
    assert short.returncode == 2 and "at least" in short.stderr
    assert cli(["users", "add", "anna", "--password-stdin"], tmp_path, stdin="a-long-password-3\n").returncode == 1

    listed = json.loads(cli(["users", "list", "--json"], tmp_path).stdout)
    assert [(u["name"], u["role"], u["disabled"]) for u in listed] == [("anna", "admin", False)]
    assert "anna" in cli(["users", "list"], tmp_path).stdout

    assert cli(["users", "disable", "anna"], tmp_path).returncode == 0
    assert json.loads(cli(["users", "list", "--json"], tmp_path).stdout)[0]["disabled"] is True
    missing = cli(["users", "disable", "nobody"], tmp_path)
    assert missing.returncode == 1 and "no user" in missing.stderr
