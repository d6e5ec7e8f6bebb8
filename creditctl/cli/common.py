"""What every command group shares: the Typer app, the consoles, the one error boundary
(``run_command``), the runtime, JSON output and confirmation.

Every command parses input, calls one service function and renders; ``run_command``
is the one error boundary (exit 0 ok, 1 not found / nothing done / failed, 2 usage).
stdout carries data, stderr narration.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from creditctl import __version__
from creditctl.exceptions import CreditctlError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from creditctl.settings import Settings
    from creditctl.tasks import Runtime


def _install_help_formatter() -> None:
    """Help as click writes it (rich_markup_mode=None below): prose re-wrapped to the
    terminal, never cut mid-sentence, no ``<bool>`` after a flag (typer's rich panels show
    ``--install-completion <bool>`` and keep the docstrings' line breaks). One exception:
    an ``Example:`` paragraph is written one example per line (examples are separated by
    3+ spaces in the docstrings), never wrapped inside a command line. Arguments read as
    upper-case names in the usage line (``PATH``, ``[EMAIL_ID]``: each ``typer.Argument``
    names its ``metavar``), without typer's braces.

    Installed on the Context class typer's commands use (typer ≥ 0.22 vendors click as
    ``typer._click``; older ones use click itself)."""
    import typer.core

    context: Any = typer.core.TyperCommand.context_class
    base: Any = context.formatter_class

    class HelpFormatter(base):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            # typer ≥ 0.29 writes a required argument as ``{PATH}``: the usage reads ``PATH``
            super().write_usage(prog, re.sub(r"\{([A-Z][A-Z0-9_]*)\}", r"\1", args), prefix)

        def write_text(self, text: str) -> None:
            for i, paragraph in enumerate(text.split("\n\n")):
                if i:
                    self.write_paragraph()
                if not paragraph.lstrip().startswith("Example:"):
                    super().write_text(paragraph)
                    continue
                indent = " " * self.current_indent
                first, *more = re.split(r"\s{3,}", " ".join(paragraph.split("\n")).strip())
                self.write(f"{indent}{first}\n")
                for example in more:
                    self.write(f"{indent}{' ' * len('Example: ')}{example}\n")

    context.formatter_class = HelpFormatter


_install_help_formatter()
app = typer.Typer(
    help="creditctl: creditor reply emails in, verified claim updates out.\n\nExample: creditctl demo",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=True,
    rich_markup_mode=None,
)


def _data_console_class() -> type[Console]:
    """stdout's Console class. Its reader gone (``| head -1``) ends the command in
    ``run_command`` (exit 141, quiet) like a plain ``sys.stdout`` write, not with Rich's
    own exit 1 (``Console.on_broken_pipe``)."""
    from rich.console import Console

    class DataConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError(32, "stdout closed by its reader")

    return DataConsole


def _off_terminal(stream: Any) -> dict[str, Any]:
    """The Console options for ``stream``: none on a terminal (Rich measures it), else one
    line per message (``soft_wrap``) and a width that never cuts a table row."""
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return {}
    return {"soft_wrap": True, "width": 1000}


class _LazyConsole:
    """A Rich ``Console`` built at its first use, so a command that prints only JSON (or
    nothing) never imports Rich (docs/measurements/status-importtime.txt). Every attribute
    is the console's."""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def _built(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # off a terminal (a pipe, a file, a log), a line is never wrapped or cut at 80 columns:
            # a message carries commands to copy (`creditctl reprocess --ids 4`)
            if self._stderr:
                self._console = Console(stderr=True, **_off_terminal(sys.stderr))
            else:  # stdout is data
                data = _data_console_class()
                self._console = data(**{"soft_wrap": True, **_off_terminal(sys.stdout)})
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._built(), name)

    # special methods are looked up on the type, not through __getattr__ (Rich's Live and
    # Progress enter the console: ``status --watch``, ``reprocess --wait``)
    def __enter__(self) -> Console:
        return self._built().__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._built().__exit__(*exc)


out = cast("Console", _LazyConsole(stderr=False))
err = cast("Console", _LazyConsole(stderr=True))

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (a stable contract, see README).")]


class Globals:
    """The global options (``creditctl --debug --utc COMMAND``), set by ``main_callback``."""

    debug: bool = False
    utc: bool = False
    paused_gc: bool = False
    """Set by the console script (``creditctl.cli.main``), which starts the process with the
    garbage collector off; ``end_startup`` turns it on."""


def end_startup() -> None:
    """The process has started (modules imported, arguments parsed): freeze what is alive
    now (``gc.freeze``: the modules, the app, the parsed parameters; a later collection
    no longer walks them, as ``serve`` does at its start) and turn the collector back on,
    when the console script paused it. A no-op for an app run in another process's
    interpreter (tests, embedding), whose collector is left as it is."""
    if Globals.paused_gc:
        Globals.paused_gc = False
        gc.freeze()
        gc.enable()


def _debug_wanted() -> bool:
    """Tracebacks are for ``--debug`` or CREDITCTL_LOG_LEVEL=DEBUG only."""
    if Globals.debug:
        return True
    import os

    return os.environ.get("CREDITCTL_LOG_LEVEL", "").strip().upper() == "DEBUG"


def _cause_chain(exc: BaseException) -> str:
    """``exc`` and its causes on one line: ``Type: message ← caused by Type: message``."""
    from creditctl.outages import _chain, _one_line

    return " ← caused by ".join(_one_line(e) for e in _chain(exc))


def _outage_line(exc: BaseException) -> str | None:
    """The one operator line for a database/queue outage (``creditctl.outages``), or None."""
    from creditctl.outages import advice, classify

    outage = classify(exc)
    if outage is None:
        return None
    database_url = queue_url = None
    try:
        from creditctl.settings import get_settings

        settings = get_settings()
        database_url, queue_url = settings.effective_database_url, settings.effective_queue_url
    except Exception:  # noqa: BLE001 - the line is still useful without the URL
        pass
    return advice(outage, database_url=database_url, queue_url=queue_url)


def run_command(fn: Callable[[], int | None]) -> None:
    """The CLI error boundary (exit 0 ok, 1 failed / refused / unreachable, 2 usage).

    A CreditctlError prints its message (and cause chain) to stderr and exits with its
    code. stdout closed by its reader (``creditctl tail | head -1``) ends the command
    quietly with 141 (128 + SIGPIPE, what a shell reports for any tool killed that way). The database or the queue unreachable (classified by exception type in
    ``creditctl.outages``) prints one line naming what is down and what to do, exit 1.
    Anything else prints its cause chain on one line, exit 1. The traceback only with
    ``creditctl --debug`` or CREDITCTL_LOG_LEVEL=DEBUG.
    """
    try:
        code = fn() or 0
        sys.stdout.flush()  # inside the boundary: a reader gone shows here, not at interpreter exit
    except _let_through():
        raise
    except BrokenPipeError:
        _stdout_to_devnull()
        raise typer.Exit(BROKEN_PIPE_EXIT) from None
    except CreditctlError as exc:
        line = _outage_line(exc) if exc.__cause__ is not None else None
        if line is not None and not isinstance(exc, UsageError):
            err.print(f"[red]error:[/red] {exc.message}: {line}", highlight=False, soft_wrap=True)
        else:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
            cause = None if getattr(exc, "says_cause", False) else exc.__cause__
            while cause is not None:
                err.print(f"  caused by {type(cause).__name__}: {cause}", highlight=False, soft_wrap=True)
                cause = cause.__cause__
        _maybe_traceback(exc)
        raise typer.Exit(exc.exit_code) from None  # reported above; the exit code carries it
    except Exception as exc:  # noqa: BLE001 - the CLI's error boundary: one line on stderr, exit 1, never a raw traceback
        line = _outage_line(exc)
        if line is not None:
            err.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True)
        else:
            err.print(
                f"[red]error:[/red] {_cause_chain(exc)} (run with --debug for the traceback)",
                highlight=False,
                soft_wrap=True,
            )
        _maybe_traceback(exc)
        raise typer.Exit(1) from None  # reported above
    raise typer.Exit(code)


def _let_through() -> tuple[type[BaseException], ...]:
    """What ``run_command`` lets through to the app: typer's exit, Ctrl-C, ``sys.exit``, and
    click's exit, usage and abort exceptions when click is imported at all (typer ≥ 0.22 runs
    on its own copy, ``typer._click``; importing click only to name its classes cost every
    command ~6 ms: docs/worker-performance.md, "Round 7 — status and webhook"). Evaluated
    when an exception is matched, so a click imported by the command itself counts."""
    found: tuple[type[BaseException], ...] = (typer.Exit, KeyboardInterrupt, SystemExit)
    click = sys.modules.get("click")
    if click is None:  # nothing can have raised one of its exceptions
        return found
    return (*found, click.exceptions.Exit, click.ClickException, click.Abort)


BROKEN_PIPE_EXIT = 141
"""The exit code when stdout's reader went away: 128 + SIGPIPE, as a shell reports it."""


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit does not fail again
    ("Exception ignored ... BrokenPipeError"): the Python documentation's SIGPIPE recipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a captured stdout): nothing left to flush there
        pass


def _maybe_traceback(exc: BaseException) -> None:
    if _debug_wanted():
        import traceback

        sys.stderr.write("".join(traceback.format_exception(exc)))


def open_runtime(*, check_schema: bool = True, daemon: bool = False) -> Runtime:
    """Settings, logging and the runtime (database, queue) every command works on.
    ``daemon``: a long-running process (serve, worker) that logs at the configured level.

    The schema is checked first (``migrate.prepare_schema``): the embedded default
    migrates itself on first use; a configured database behind (or ahead of) this
    creditctl refuses with "run creditctl db upgrade" (exit 1)."""
    from creditctl.tasks import build_runtime

    return build_runtime(open_settings(check_schema=check_schema, daemon=daemon))


def open_settings(*, check_schema: bool = True, daemon: bool = False) -> Settings:
    """``open_runtime`` without the runtime: settings, logging and the schema check, for
    commands that only read (``status``). It imports neither the tasks nor the pipeline
    (a third of ``status --json``'s start-up, docs/measurements/status-importtime.txt);
    build the queue with ``creditctl.queue.make_huey`` and the context with ``AppContext``."""
    from creditctl import display
    from creditctl.logs import configure_logging
    from creditctl.settings import get_settings

    settings = get_settings()
    if Globals.utc:  # --utc: print times and read WHEN arguments in UTC (one clock for both)
        settings = settings.model_copy(update={"office_timezone": "UTC"})
    display.set_zone(settings.office_timezone)
    # a one-shot command narrates on stderr itself: its log lines below ERROR would only
    # repeat that as JSON (the long-running serve/worker, and --debug, keep the setting)
    level = settings.log_level if daemon or _debug_wanted() or settings.log_level in ("ERROR", "CRITICAL") else "ERROR"
    configure_logging(level, redact_personal_data=settings.log_redact)
    if check_schema:
        from creditctl.migrate import prepare_schema

        prepare_schema(settings)
    return settings


def emit_json(doc: Any) -> None:
    """Print one JSON document on stdout (the stable contract of ``--json``)."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")


def confirm(question: str) -> bool:
    """Ask on the terminal; without one, refuse with a usage error naming ``--yes``."""
    if not sys.stdin.isatty():
        raise UsageError(f"{question} — no terminal to ask; pass --yes")
    return typer.confirm(question, err=True)


OPERATOR_ENV = "CREDITCTL_OPERATOR"
"""The setting naming the person at the terminal (``operator_identity``), read from the
environment or ``.env`` like every setting (``settings.operator_setting``)."""


def operator_identity(by: str | None = None) -> tuple[str, str]:
    """``(name, how)``: the person a CLI decision or operation is recorded under, and how the
    name was established (``how``: ``by`` — the ``--by NAME`` option —, ``env`` —
    ``CREDITCTL_OPERATOR`` in the environment or ``.env`` (``settings.operator_setting``) —, ``sudo`` — the real login behind ``sudo`` (``SUDO_USER``), for a
    command run as root —, or ``login`` — the OS login, ``operator`` when there is none). The
    first given wins, in that order; blank values count as not given."""
    import getpass
    import os

    given = " ".join((by or "").split())
    if given:
        return given, "by"
    from creditctl.settings import operator_setting

    named = operator_setting()
    if named:
        return named, "env"
    try:
        login = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name: no $USER/$LOGNAME and no passwd entry (or no pwd module)
        login = "operator"
    sudo = os.environ.get("SUDO_USER", "").strip()
    if sudo and sudo != "root" and (login == "root" or (hasattr(os, "geteuid") and os.geteuid() == 0)):
        return sudo, "sudo"  # a shared root account: the person who ran sudo, not "root"
    return login, "login"


def operator(by: str | None = None) -> str:
    """The operator's name, recorded on operations (``operator_identity``'s name)."""
    return operator_identity(by)[0]


def cli_channel(by: str | None = None) -> str:
    """The action log's channel of a CLI decision: ``cli`` (the OS login) or ``cli:by`` /
    ``cli:env`` / ``cli:sudo`` saying how the person's name was established."""
    how = operator_identity(by)[1]
    return "cli" if how == "login" else f"cli:{how}"


ByOpt = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="NAME",
        help="The person deciding, recorded in the action log (default: $CREDITCTL_OPERATOR, else the real "
        "login behind sudo, else the OS login).",
    ),
]


ActingOpt = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="NAME",
        help="The person acting, recorded in the email's events (status ID, tail) and the operation (default: "
        "$CREDITCTL_OPERATOR, else the real login behind sudo, else the OS login).",
    ),
]
"""``--by`` of an operation (retry, reprocess, quarantine): who is acting, read by ``operator`` as for a decision."""


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"creditctl {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Print the version and exit."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Print the full traceback when a command fails.")] = False,
    utc: Annotated[
        bool,
        typer.Option("--utc", help="Print times and read WHEN arguments in UTC instead of CREDITCTL_OFFICE_TIMEZONE."),
    ] = False,
) -> None:
    """creditctl: turn creditors' reply emails into verified claim updates."""
    end_startup()  # before any command's own code
    Globals.debug = debug
    Globals.utc = utc
