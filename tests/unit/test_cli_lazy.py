"""The console script imports only the module of the command it runs
(creditctl/cli/__init__.py): the map it reads must name, for every command and group the
modules register, the module that registers it — or that command would vanish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from creditctl import cli
from creditctl.cli.common import app

REPO = Path(__file__).resolve().parents[2]


def _registered() -> dict[str, str]:
    cli.load_all()
    found: dict[str, str] = {}
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or info.callback.__name__.lower().replace("_", "-")
        found[name] = info.callback.__module__.rsplit(".", 1)[1]
    for group in app.registered_groups:
        assert group.typer_instance is not None and group.name
        modules = {c.callback.__module__ for c in group.typer_instance.registered_commands if c.callback}
        assert len(modules) == 1, (group.name, modules)
        found[group.name] = modules.pop().rsplit(".", 1)[1]
    return found


def test_the_map_names_the_module_of_every_command():
    assert _registered() == cli.COMMAND_MODULES
    assert set(cli.COMMAND_MODULES.values()) == set(cli.MODULES)


def test_which_module_a_command_line_needs():
    assert cli.command_module(["status", "--json"]) == "observe"
    assert cli.command_module(["--debug", "--utc", "review", "list"]) == "review"
    assert cli.command_module(["--help"]) is None
    assert cli.command_module(["--version"]) is None
    assert cli.command_module([]) is None
    assert cli.command_module(["no-such-command"]) is None


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_COMPLETE")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "creditctl", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_help_and_an_unknown_command_still_see_every_command():
    listed = _run("--help")
    assert listed.returncode == 0
    assert all(name in listed.stdout for name in cli.COMMAND_MODULES), listed.stdout
    unknown = _run("no-such-command")
    assert unknown.returncode == 2 and "no-such-command" in unknown.stderr
    assert "Show one email's story" in _run("status", "--help").stdout
