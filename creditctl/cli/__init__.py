"""The command line (Typer + Rich): thin command groups over the service layer.

``common`` holds the app and the one error boundary; each module is a command group
and registers its commands on import. The console script (``main``) imports only the
module of the command it runs (``COMMAND_MODULES``), so ``creditctl status --json``
does not pay for the review desk's or the worker's command modules
(docs/measurements/status-importtime.txt); help, completion and an unknown command load
every module. ``from creditctl.cli import app`` gives the app with every command.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

MODULES = ("admin", "evaluate", "files", "observe", "operate", "quarantine", "review", "run", "users")
"""Every command module, in the order their commands are listed in ``--help``."""

COMMAND_MODULES: dict[str, str] = {
    "config": "admin",
    "health": "admin",
    "db": "admin",
    "clients": "admin",
    "mirror": "admin",
    "eval": "evaluate",
    "ingest": "files",
    "clean": "files",
    "extract": "files",
    "status": "observe",
    "tail": "observe",
    "retry": "operate",
    "reprocess": "operate",
    "quarantine": "quarantine",
    "review": "review",
    "serve": "run",
    "worker": "run",
    "demo": "run",
    "users": "users",
}
"""The module that registers each top-level command or group (tests/unit/test_cli_lazy.py
pins it to what the modules register)."""

GLOBAL_FLAGS = frozenset({"--debug", "--utc"})
"""The options of ``creditctl`` itself that may stand before the command and take no value."""


def load_all() -> typer.Typer:
    """Register every command; returns the app."""
    for name in MODULES:
        import_module(f"creditctl.cli.{name}")
    from creditctl.cli.common import app

    return app


def command_module(argv: Sequence[str]) -> str | None:
    """The command module ``argv`` (the arguments after the program name) needs alone, or
    None when it needs them all: no command, ``--help``/``--version``/completion options
    before it, or a name no module registers."""
    for arg in argv:
        if arg in GLOBAL_FLAGS:
            continue
        if arg.startswith("-"):
            return None
        return COMMAND_MODULES.get(arg)
    return None


def main() -> None:
    """Console-script entry point: registers the command that runs (all of them for
    help, shell completion or an unknown name), then runs the app.

    The cyclic garbage collector is paused while the process starts (imports, argument
    parsing: ~100 young collections over objects that all stay alive, ~20 ms of CPU) and
    on again, with the start-up heap frozen, before the command's own code runs
    (``common.end_startup``). At the process's exit, after every other exit handler, the
    heap is frozen (``skip_final_collection``). docs/worker-performance.md, "Round 7 —
    status and webhook"."""
    atexit.register(skip_final_collection)  # registered first: runs last (atexit is LIFO)
    gc.disable()
    module = None if any(k.endswith("_COMPLETE") for k in os.environ) else command_module(sys.argv[1:])
    if module is None:
        load_all()
    else:
        import_module(f"creditctl.cli.{module}")
    from creditctl.cli import common

    common.Globals.paused_gc = True
    common.app()


def skip_final_collection() -> None:
    """Move every object still alive out of the cyclic garbage collector's reach
    (``gc.freeze``), so that the interpreter's shutdown does not walk the whole heap of
    a process that is about to end: its full collections cost a one-shot command ~50 ms
    of CPU, a sixth of ``creditctl status --json`` (docs/worker-performance.md, "Round 7 —
    status and webhook"). Nothing an operator sees changes: stdout and stderr are
    flushed, exit handlers (closing connections, flushing log handlers) have run, and
    the memory goes back to the system with the process. What is skipped is the
    finaliser of an object that is garbage only inside a reference cycle, which Python
    does not promise to run at exit (the language reference, ``object.__del__``)."""
    gc.freeze()


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_all()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["COMMAND_MODULES", "MODULES", "app", "command_module", "load_all", "main", "skip_final_collection"]
