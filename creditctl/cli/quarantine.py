"""``creditctl quarantine``: signed webhook bodies that could not be read — list, show,
replay a corrected body, dismiss."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from creditctl import render
from creditctl.cli.common import ActingOpt, JsonOpt, app, emit_json, err, open_runtime, operator, out, run_command
from creditctl.exceptions import UsageError

quarantine_app = typer.Typer(
    help="Signed webhook bodies that could not be read: list, show, replay, dismiss.\n\n"
    "Example: creditctl quarantine list",
    no_args_is_help=True,
)
app.add_typer(quarantine_app, name="quarantine")


@quarantine_app.command("list")
def list_command(
    as_json: JsonOpt = False,
    all_states: Annotated[bool, typer.Option("--all", help="Also replayed and dismissed rows.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows (newest first).")] = 50,
) -> None:
    """List quarantined webhook bodies waiting for an operator (newest first).

    Example: creditctl quarantine list --json
    """

    def go() -> int:
        from creditctl.services import quarantine

        runtime = open_runtime()
        rows = quarantine.list_rows(runtime.ctx, status=None if all_states else "waiting", limit=limit)
        if as_json:
            emit_json(rows)
            return 0
        if not rows:
            err.print("nothing in the quarantine" + ("" if all_states else " waiting"))
            return 0
        table = Table()
        for col in ("id", "received", "status", "bytes", "reason"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                str(r["id"]), render.at(r["received_at"]), r["status"], str(r["bytes"]), (r["reason"] or "")[:120]
            )
        out.print(table)
        return 0

    run_command(go)


@quarantine_app.command("show")
def show_command(
    quarantine_id: Annotated[int, typer.Argument(metavar="QUARANTINE_ID", min=1, help="The quarantine row id.")],
    as_json: JsonOpt = False,
) -> None:
    """Show one quarantined body: the raw body, its headers and why it was refused.

    Example: creditctl quarantine show 3
    """

    def go() -> int:
        from creditctl.services import quarantine

        runtime = open_runtime()
        doc = quarantine.show(runtime.ctx, quarantine_id)
        if as_json:
            emit_json(doc)
            return 0
        out.print(
            f"quarantine #{doc['id']} ({doc['status']}), received {render.at(doc['received_at'])}", highlight=False
        )
        out.print(f"reason: {doc['reason']}", highlight=False)
        if doc.get("resolution"):
            out.print(
                f"resolution: {doc['resolution']} by {doc['resolved_by']} at {render.at(doc['resolved_at'])}",
                highlight=False,
            )
        out.print("headers:", highlight=False)
        for key, value in sorted((doc["headers"] or {}).items()):
            out.print(f"  {key}: {value}", highlight=False, markup=False)
        out.print("raw body:", highlight=False)
        out.print(doc["raw_body"], highlight=False, markup=False)
        return 0

    run_command(go)


@quarantine_app.command("replay")
def replay_command(
    quarantine_id: Annotated[int, typer.Argument(metavar="QUARANTINE_ID", min=1, help="The quarantine row id.")],
    file: Annotated[Path, typer.Option("--file", help="The corrected webhook JSON body.")],
    by: ActingOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Store a corrected body as a normal email linked to the quarantine row (then processed).

    Example: creditctl quarantine show 3 > fixed.json; (edit it); creditctl quarantine replay 3 --file fixed.json
    """

    def go() -> int:
        from creditctl.services import quarantine

        try:
            body = file.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
        runtime = open_runtime()
        result = quarantine.replay(runtime.ctx, quarantine_id, body, operator=operator(by))
        if as_json:
            emit_json(result)
        else:
            err.print(
                f"quarantine #{quarantine_id} replayed as email {result['email_id']} ({result['status']}); "
                f"follow it with `creditctl status {result['email_id']}`",
                highlight=False,
                soft_wrap=True,  # one line: never a command cut at 80 columns
            )
        return 0

    run_command(go)


@quarantine_app.command("dismiss")
def dismiss_command(
    quarantine_id: Annotated[int, typer.Argument(metavar="QUARANTINE_ID", min=1, help="The quarantine row id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is closed without an email.")],
    by: ActingOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Close a quarantined body without an email, with the reason.

    Example: creditctl quarantine dismiss 3 --reason "test request from the Zendesk admin"
    """

    def go() -> int:
        from creditctl.services import quarantine

        runtime = open_runtime()
        doc = quarantine.dismiss(runtime.ctx, quarantine_id, reason=reason, operator=operator(by))
        emit_json(doc) if as_json else err.print(f"quarantine #{quarantine_id} dismissed", highlight=False)
        return 0

    run_command(go)
