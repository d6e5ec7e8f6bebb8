"""What every command group shares: the Typer app, the consoles, the one error boundary
(``run_command``), the runtime, JSON output and confirmation.

Every command parses input, calls one service function and renders; ``run_command``
is the one error boundary (exit 0 ok, 1 not found / nothing done / failed, 2 usage).
stdout carries data, stderr narration.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, Callable, Optional

import typer
from rich.console import Console

from creditctl import __version__
from creditctl.exceptions import CreditctlError, UsageError

app = typer.Typer(
    help="creditctl: creditor reply emails in, verified claim updates out.\n\nExample: creditctl demo",
    no_args_is_help=True, pretty_exceptions_show_locals=False, add_completion=True,
)

out = Console()
err = Console(stderr=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (a stable contract, see README).")]


def run_command(fn: Callable[[], int | None]) -> None:
    """The CLI error boundary: a CreditctlError prints its message and cause chain and
    what to do next to stderr, then exits with its code; anything else exits 1."""
    try:
        code = fn() or 0
    except CreditctlError as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        cause = exc.__cause__
        while cause is not None:
            err.print(f"  caused by {type(cause).__name__}: {cause}", highlight=False)
            cause = cause.__cause__
        raise typer.Exit(exc.exit_code)
    raise typer.Exit(code)


def open_runtime(*, check_schema: bool = True):
    """Settings, logging and the runtime (database, queue) every command works on.

    The schema is checked first (``migrate.prepare_schema``): the embedded default
    migrates itself on first use; a configured database behind (or ahead of) this
    creditctl refuses with "run creditctl db upgrade" (exit 1)."""
    from creditctl.logs import configure_logging
    from creditctl.settings import get_settings
    from creditctl.tasks import build_runtime

    settings = get_settings()
    configure_logging(settings.log_level, redact_personal_data=settings.log_redact)
    if check_schema:
        from creditctl.migrate import prepare_schema

        prepare_schema(settings)
    return build_runtime(settings)


def emit_json(doc: Any) -> None:
    """Print one JSON document on stdout (the stable contract of ``--json``)."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")


def confirm(question: str) -> bool:
    """Ask on the terminal; without one, refuse with a usage error naming ``--yes``."""
    if not sys.stdin.isatty():
        raise UsageError(f"{question} — no terminal to ask; pass --yes")
    return typer.confirm(question, err=True)


def operator() -> str:
    """The operator's login name, recorded on operations."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "operator"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"creditctl {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version_callback, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """creditctl: turn creditors' reply emails into verified claim updates."""
