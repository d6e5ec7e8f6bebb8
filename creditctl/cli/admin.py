"""Schema, settings, client records, health, the MongoDB mirror."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creditctl import render
from creditctl.cli.common import JsonOpt, app, emit_json, err, open_runtime, out, run_command

db_app = typer.Typer(help="Database schema.\n\nExample: creditctl db upgrade", no_args_is_help=True)
clients_app = typer.Typer(
    help="Client records.\n\nExample: creditctl clients import clients.json", no_args_is_help=True
)
mirror_app = typer.Typer(help="The MongoDB mirror.\n\nExample: creditctl mirror check", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(clients_app, name="clients")
app.add_typer(mirror_app, name="mirror")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema.

    Example: CREDITCTL_DATABASE_URL=postgresql+psycopg://... creditctl db upgrade
    """

    def go() -> int:
        from creditctl.migrate import upgrade
        from creditctl.settings import get_settings

        url = get_settings().effective_database_url
        revision = upgrade(url)
        err.print(f"database {render.mask_url(url)} at revision {revision}")
        return 0

    run_command(go)


@app.command()
def config(as_json: JsonOpt = False) -> None:
    """Print the effective settings, secrets masked.

    Example: creditctl config --json
    """

    def go() -> int:
        from creditctl.settings import get_settings

        doc = get_settings().masked()
        emit_json(doc) if as_json else render.key_values(out, doc)
        return 0

    run_command(go)


@clients_app.command("import")
def clients_import(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A JSON or CSV client file (README shows both).", exists=True)
    ],
    as_json: JsonOpt = False,
) -> None:
    """Load clients and their creditor claims (importing twice changes nothing).

    Example: creditctl clients import clients.json
    """

    def go() -> int:
        from dataclasses import asdict

        from creditctl.services import clients

        runtime = open_runtime()
        report = clients.import_clients(runtime.ctx, path=path)
        emit_json(asdict(report)) if as_json else err.print(
            f"clients: {report.clients_created} new, {report.clients_updated} updated; claims: "
            f"{report.claims_created} new, {report.claims_updated} updated, {report.unchanged} unchanged"
        )
        return 0

    run_command(go)


@clients_app.command("list")
def clients_list(as_json: JsonOpt = False) -> None:
    """List the clients: file number, name and how many claims each has (read-only; to
    check an import).

    Example: creditctl clients list      creditctl clients list --json
    """

    def go() -> int:
        from creditctl.services import clients

        runtime = open_runtime()
        rows = clients.list_clients(runtime.ctx)
        if as_json:
            emit_json(rows)
        else:
            render.client_rows(out, rows)
            err.print(f"{len(rows)} client(s), {sum(r['claims'] for r in rows)} claim(s)")
        return 0

    run_command(go)


@app.command()
def health(as_json: JsonOpt = False) -> None:
    """Check database, queue, live workers and throughput; exit 1 with reasons when unhealthy.

    Example: creditctl health --json
    """

    def go() -> int:
        from creditctl.outages import classify
        from creditctl.queue import queue_depth, waiting_email_ids
        from creditctl.services import health as health_service
        from creditctl.services.operations import QUEUE_SCAN_LIMIT

        try:
            runtime = open_runtime()
        except Exception as exc:
            if classify(exc) is None:
                raise
            runtime = open_runtime(check_schema=False)  # the database is down: report it, do not crash
        report = health_service.health(
            runtime.ctx,
            queue_probe=lambda: queue_depth(runtime.huey),
            waiting=lambda: waiting_email_ids(runtime.huey, limit=QUEUE_SCAN_LIMIT),
        )
        if as_json:
            emit_json(report)
        else:
            render.health_checks(out, report["checks"])
            line = render.not_in_queue_line(
                report["not_in_queue"], workers_alive=report["checks"].get("workers") == "ok"
            )
            if line:
                out.print(f"[yellow]note: {line}[/yellow]", highlight=False, soft_wrap=True)
        return 0 if report["ready"] else 1

    run_command(go)


@mirror_app.command("check")
def mirror_check(as_json: JsonOpt = False) -> None:
    """Compare claim amounts in SQL with the MongoDB mirror and list differences (exit 1 if any).

    Example: creditctl mirror check --json
    """

    def go() -> int:
        from creditctl.services import mirror_check as service

        runtime = open_runtime()
        diffs = service.compare(runtime.ctx)
        emit_json(diffs) if as_json else render.mirror_diffs(out, diffs)
        return 1 if diffs["differences"] else 0

    run_command(go)
