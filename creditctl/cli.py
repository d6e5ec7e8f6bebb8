"""The creditctl command line (Typer + Rich): thin commands over the service layer.

Every command parses input, calls one service function and renders; ``run_command``
is the one error boundary (exit 0 ok, 1 not found / nothing done / failed, 2 usage).
stdout carries data, stderr narration.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
from rich.console import Console

from creditctl import __version__, render
from creditctl.exceptions import CreditctlError, UsageError

app = typer.Typer(
    help="creditctl: creditor reply emails in, verified claim updates out.\n\nExample: creditctl demo",
    no_args_is_help=True, pretty_exceptions_show_locals=False, add_completion=True,
)
db_app = typer.Typer(help="Database schema.\n\nExample: creditctl db upgrade", no_args_is_help=True)
clients_app = typer.Typer(help="Client records.\n\nExample: creditctl clients import clients.json", no_args_is_help=True)
review_app = typer.Typer(help="Emails waiting for a person.\n\nExample: creditctl review list", invoke_without_command=True)
mirror_app = typer.Typer(help="The MongoDB mirror.\n\nExample: creditctl mirror check", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(clients_app, name="clients")
app.add_typer(review_app, name="review")
app.add_typer(mirror_app, name="mirror")

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


def _runtime(*, migrate: bool = True):
    from creditctl.logs import configure_logging
    from creditctl.settings import get_settings
    from creditctl.tasks import build_runtime

    settings = get_settings()
    configure_logging(settings.log_level, redact_personal_data=settings.log_redact)
    if migrate:
        from creditctl.migrate import ensure_schema

        ensure_schema(settings.effective_database_url)
    return build_runtime(settings)


def _emit_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")


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


# serve / worker ----------------------------------------------------------------------

@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    insecure_dev: Annotated[bool, typer.Option("--insecure-dev", help="Accept unsigned webhooks (development only).")] = False,
) -> None:
    """Run the HTTP server (webhook, status API, health, metrics). Scale out by running
    several behind a load balancer: no state lives in the process.

    Example: CREDITCTL_ZENDESK_WEBHOOK_SECRET=... creditctl serve --port 8000
    """
    def go() -> int:
        import uvicorn

        from creditctl.web import create_app

        runtime = _runtime()
        if not runtime.ctx.settings.webhook_secrets and not insecure_dev:
            raise UsageError("CREDITCTL_ZENDESK_WEBHOOK_SECRET is not set; set it (Zendesk webhook → signing secret) "
                             "or pass --insecure-dev for local development")
        if insecure_dev:
            err.print("[yellow]warning: --insecure-dev accepts unsigned webhooks[/yellow]")
        from creditctl.queue import queue_depth

        web_app = create_app(runtime.ctx, insecure_dev=insecure_dev, queue_probe=lambda: queue_depth(runtime.huey))
        err.print(f"serving on http://{host}:{port} (webhook: POST /webhooks/zendesk)")
        # uvicorn shuts down gracefully on SIGTERM/SIGINT, then re-raises the signal to the
        # handler it found: make that one a no-op so a clean shutdown exits 0.
        import signal as signals

        for signum in (signals.SIGTERM, signals.SIGINT):
            signals.signal(signum, lambda *_args: None)
        uvicorn.run(web_app, host=host, port=port, log_level="warning", access_log=False, log_config=None)
        err.print("server stopped")
        return 0

    run_command(go)


@app.command()
def worker(
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker threads (or processes).")] = 4,
    worker_type: Annotated[str, typer.Option("--worker-type", "-k", help="thread or process.")] = "thread",
    burst: Annotated[bool, typer.Option("--burst", help="Drain the queue, then exit.")] = False,
    shutdown_timeout: Annotated[float, typer.Option(help="Seconds running jobs get to finish on SIGTERM/SIGINT.")] = 30.0,
) -> None:
    """Run a Huey consumer that processes emails (SIGTERM and SIGINT are graceful).

    Example: creditctl worker --workers 4      (or: creditctl worker --burst)
    """
    def go() -> int:
        from creditctl.worker import WorkerOptions, run_worker

        if worker_type not in ("thread", "process"):
            raise UsageError("--worker-type must be thread or process")
        runtime = _runtime()
        err.print(f"worker {runtime.ctx.worker_name}: {workers} {worker_type}(s), queue "
                  f"{render.mask_url(runtime.ctx.settings.effective_queue_url)}" + (" (burst)" if burst else ""))
        return run_worker(runtime, WorkerOptions(workers=workers, worker_type=worker_type, burst=burst,
                                                 shutdown_timeout_s=shutdown_timeout))

    run_command(go)


# status / tail ------------------------------------------------------------------------

@app.command()
def status(
    email_id: Annotated[Optional[int], typer.Argument(help="An email id; omit for the overview.")] = None,
    as_json: JsonOpt = False,
    watch: Annotated[Optional[float], typer.Option("--watch", help="Refresh every N seconds (Ctrl-C stops).")] = None,
) -> None:
    """Show one email's story, or the overview of all emails.

    Example: creditctl status 42 --json      creditctl status --watch 2
    """
    def go() -> int:
        from creditctl.queue import queue_depth
        from creditctl.services import status as status_service

        runtime = _runtime()
        if email_id is not None:
            doc = status_service.email_status(runtime.ctx, email_id)
            _emit_json(doc) if as_json else render.email_panel(out, doc)
            return 0
        def overview() -> dict[str, Any]:
            try:
                depth = queue_depth(runtime.huey)
            except Exception as exc:
                depth = {"error": f"queue unreachable: {type(exc).__name__}"}
            return status_service.system_status(runtime.ctx, queue_depth=depth)

        if watch and not as_json:
            render.watch(out, overview, interval_s=max(0.2, watch))
            return 0
        doc = overview()
        _emit_json(doc) if as_json else render.system_table(out, doc)
        return 0

    run_command(go)


@app.command()
def tail(
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep following new events.")] = False,
    since: Annotated[Optional[str], typer.Option(help="Start at WHEN (10m, 2h, yesterday, ISO time).")] = None,
    email: Annotated[Optional[int], typer.Option("--email", help="Only this email id.")] = None,
    status_filter: Annotated[Optional[str], typer.Option("--status", help="Only transitions from/to this state.")] = None,
    creditor: Annotated[Optional[str], typer.Option(help="Only emails of this creditor (name or sender).")] = None,
    level: Annotated[Optional[str], typer.Option(help="Minimum level: info, warning, error.")] = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option(help="Events shown before following.")] = 50,
) -> None:
    """Print the event stream of every process, in order; -f follows it live.

    Example: creditctl tail -f --since 10m --level warning
    """
    def go() -> int:
        import time

        from creditctl.services import status as status_service
        from creditctl.timeparse import parse_when

        runtime = _runtime()
        when = parse_when(since, runtime.ctx.settings.office_timezone) if since else None
        filters = dict(since=when, email_id=email, status=status_filter, creditor=creditor, level=level)
        events = status_service.events_after(runtime.ctx, **filters, limit=100_000 if since else 1_000_000)
        if not since:
            events = events[-limit:]
        last = events[-1]["id"] if events else _last_event_id(runtime.ctx)
        for event in events:
            _emit_event(event, as_json)
        try:
            while follow:
                time.sleep(0.2)
                for event in status_service.events_after(runtime.ctx, after_id=last, **filters):
                    _emit_event(event, as_json)
                    last = event["id"]
        except KeyboardInterrupt:
            pass
        return 0

    run_command(go)


def _last_event_id(ctx: Any) -> int:
    from sqlalchemy import func, select

    from creditctl.db import session_scope
    from creditctl.models import Event

    with session_scope(ctx.db_url) as session:
        return session.scalar(select(func.max(Event.id))) or 0


def _emit_event(event: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()
    else:
        render.event_line(out, event)


# retry / reprocess ----------------------------------------------------------------------

@app.command()
def retry(
    ids: Annotated[Optional[list[int]], typer.Argument(help="Email ids to retry.")] = None,
    failed: Annotated[bool, typer.Option("--failed", help="Every failed email (narrow with --since/--error-class).")] = False,
    since: Annotated[Optional[str], typer.Option(help="Only emails that failed since WHEN.")] = None,
    error_class: Annotated[Optional[str], typer.Option(help="Only this error class (substring).")] = None,
    mirror: Annotated[bool, typer.Option("--mirror", help="Redo only the MongoDB mirror write.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Re-enqueue failed emails (the attempt history is kept).

    Example: creditctl retry 42      creditctl retry --failed --since 2h --error-class RateLimit --yes
    """
    def go() -> int:
        from creditctl.services import operations
        from creditctl.timeparse import parse_when

        if not ids and not failed and not mirror:
            raise UsageError("name email ids, or --failed; see `creditctl retry --help`")
        runtime = _runtime()
        when = parse_when(since, runtime.ctx.settings.office_timezone) if since else None
        plan = operations.plan_retry(runtime.ctx, ids=ids, failed=failed, since=when, error_class=error_class,
                                     mirror=mirror)
        if not as_json:
            render.retry_plan(err, plan)
        if not plan.eligible:
            if as_json:
                _emit_json({"enqueued": [], "failed": [], "refused": plan.refused})
            return 1 if plan.refused and ids else 0
        if not yes and not _confirm(f"Retry {len(plan.eligible)} email(s)?"):
            err.print("nothing done")
            return 0
        result = operations.execute_retry(runtime.ctx, plan, operator=_operator(), mirror=mirror)
        if as_json:
            _emit_json({"operation_id": result.operation_id, "enqueued": result.enqueued, "failed": result.failed,
                        "refused": result.refused,
                        "preview": {"count": len(plan.eligible), "by_error_class": plan.by_error_class,
                                    "sample": plan.eligible[:10]}})
        else:
            err.print(f"re-enqueued {len(result.enqueued)}; could not {len(result.failed)}; refused {len(result.refused)}")
        return 1 if result.failed or (ids and result.refused) else 0

    run_command(go)


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise UsageError(f"{question} — no terminal to ask; pass --yes")
    return typer.confirm(question, err=True)


def _operator() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "operator"


@app.command()
def reprocess(
    since: Annotated[Optional[str], typer.Option(help="Emails received since WHEN (yesterday, 2h, 3d, ISO).")] = None,
    until: Annotated[Optional[str], typer.Option(help="... and before WHEN.")] = None,
    status_filter: Annotated[Optional[list[str]], typer.Option("--status", help="Only these processing states.")] = None,
    creditor: Annotated[Optional[str], typer.Option(help="Only this creditor (name or sender).")] = None,
    ids: Annotated[Optional[list[int]], typer.Option("--ids", help="Only these email ids.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most N emails.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Re-read with the current code, write nothing, print a diff.")] = False,
    stuck: Annotated[bool, typer.Option("--stuck", help="Run the sweep: re-enqueue stuck emails.")] = False,
    label: Annotated[Optional[str], typer.Option(help="Name the incident this backfill answers.")] = None,
    resume: Annotated[Optional[int], typer.Option(help="Resume the reprocess operation with this id.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    wait: Annotated[Optional[bool], typer.Option("--wait/--no-wait", help="Follow completion with a progress bar "
                                                 "(default: on a terminal).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Re-run finished emails through the current code (a backfill), or --stuck: the sweep.

    Example: creditctl reprocess --since yesterday --dry-run
    """
    def go() -> int:
        from creditctl.services import backfill, operations
        from creditctl.timeparse import parse_when

        runtime = _runtime()
        if stuck:
            report = operations.sweep(runtime.ctx)
            if as_json:
                _emit_json({"requeued": [{"id": i, "reason": r} for i, r in report.requeued],
                            "enqueue_failed": report.enqueue_failed, "mirror_kicked": report.mirror_kicked})
            else:
                render.sweep_report(out, report)
            return 0 if report.requeued or not report.enqueue_failed else 1
        if since is None and not ids and resume is None:
            raise UsageError("give --since WHEN, --ids or --resume (or --stuck); see `creditctl reprocess --help`")
        tz = runtime.ctx.settings.office_timezone
        selection = backfill.Selection(
            since=parse_when(since, tz) if since else None, until=parse_when(until, tz) if until else None,
            statuses=status_filter or [], creditor=creditor, ids=ids or [], limit=limit)
        if dry_run:
            diff = backfill.dry_run(runtime.ctx, selection)
            _emit_json(diff) if as_json else render.dry_run(out, diff)
            return 0
        chosen = backfill.select_ids(runtime.ctx, selection, resume=resume)
        if not chosen:
            err.print("nothing to reprocess")
            if as_json:
                _emit_json({"operation_id": resume, "enqueued": 0})
            return 0
        err.print(f"{len(chosen)} email(s) will be re-queued at backfill priority (below live traffic)")
        if not yes and not _confirm(f"Reprocess {len(chosen)} email(s)?"):
            err.print("nothing done")
            return 0
        op_id, enqueued = operations.enqueue_reprocess(
            runtime.ctx, chosen, operator=_operator(), label=label, operation_id=resume,
            params={"since": since, "until": until, "status": status_filter, "creditor": creditor, "ids": ids,
                    "limit": limit})
        if as_json:
            _emit_json({"operation_id": op_id, "enqueued": enqueued, "selected": len(chosen)})
        else:
            err.print(f"operation {op_id}: enqueued {enqueued} of {len(chosen)}; follow with "
                      f"`creditctl tail -f` or resume with --resume {op_id}")
            if wait if wait is not None else sys.stderr.isatty():
                render.follow_operation(err, runtime.ctx, op_id, chosen)
        return 0

    run_command(go)


# files: ingest / clean / extract --------------------------------------------------------

@app.command()
def ingest(
    path: Annotated[Path, typer.Argument(help="An .eml, .json (webhook payload), .html or .txt file.", exists=True)],
    as_json: JsonOpt = False,
) -> None:
    """Store one email from a file and enqueue it, as if Zendesk had posted it.

    Example: creditctl ingest reply.eml
    """
    def go() -> int:
        from creditctl.services import files

        runtime = _runtime()
        result = files.ingest_file(runtime.ctx, path=path)
        if as_json:
            _emit_json({"status": result.status, "email_id": result.email_id})
        else:
            err.print(f"{result.status}: email {result.email_id}")
        return 0

    run_command(go)


@app.command()
def clean(
    path: Annotated[Path, typer.Argument(help="An .eml, .html, .txt or webhook .json file.", exists=True)],
    as_json: JsonOpt = False,
) -> None:
    """Show what the extractor sees: the reply, the quoted history, the signature.

    Example: creditctl clean reply.eml --json
    """
    def go() -> int:
        from creditctl.services import files
        from creditctl.settings import get_settings

        doc = files.clean_file(get_settings(), path=path)
        _emit_json(doc) if as_json else render.parsed(out, doc)
        return 0

    run_command(go)


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="An .eml, .html, .txt or webhook .json file.", exists=True)],
    extractor: Annotated[Optional[str], typer.Option(help="rules or claude (default: CREDITCTL_EXTRACTOR).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Clean and extract one email file without touching the database.

    Example: creditctl extract reply.eml --extractor rules --json
    """
    def go() -> int:
        from creditctl.services import files
        from creditctl.settings import get_settings

        if extractor not in (None, "rules", "claude", "auto"):
            raise UsageError("--extractor must be rules or claude")
        doc = files.extract_file(get_settings(), path=path, extractor=extractor)
        _emit_json(doc) if as_json else render.extraction(out, doc)
        return 0

    run_command(go)


# db / config / clients / health ---------------------------------------------------------

@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema.

    Example: CREDITCTL_DATABASE_URL=postgresql+psycopg2://... creditctl db upgrade
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
        _emit_json(doc) if as_json else render.key_values(out, doc)
        return 0

    run_command(go)


@clients_app.command("import")
def clients_import(
    path: Annotated[Path, typer.Argument(help="A JSON or CSV client file (README shows both).", exists=True)],
    as_json: JsonOpt = False,
) -> None:
    """Load clients and their creditor claims (importing twice changes nothing).

    Example: creditctl clients import clients.json
    """
    def go() -> int:
        from dataclasses import asdict

        from creditctl.services import clients

        runtime = _runtime()
        report = clients.import_clients(runtime.ctx, path=path)
        _emit_json(asdict(report)) if as_json else err.print(
            f"clients: {report.clients_created} new, {report.clients_updated} updated; claims: "
            f"{report.claims_created} new, {report.claims_updated} updated, {report.unchanged} unchanged")
        return 0

    run_command(go)


@app.command()
def health(as_json: JsonOpt = False) -> None:
    """Check database, queue, live workers and throughput; exit 1 with reasons when unhealthy.

    Example: creditctl health --json
    """
    def go() -> int:
        from creditctl.queue import queue_depth
        from creditctl.services import health as health_service

        runtime = _runtime()
        report = health_service.health(runtime.ctx, queue_probe=lambda: queue_depth(runtime.huey))
        _emit_json(report) if as_json else render.key_values(out, report["checks"])
        return 0 if report["ready"] else 1

    run_command(go)


# review / mirror ------------------------------------------------------------------------

@review_app.callback()
def review_main(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List emails waiting for a person (needs_review, no_match) with candidates and evidence.

    Example: creditctl review      creditctl review approve 42 --claim 7
    """
    if ctx.invoked_subcommand is None:
        review_list(as_json=as_json)


@review_app.command("list")
def review_list(as_json: JsonOpt = False) -> None:
    """List emails waiting for review.

    Example: creditctl review list --json
    """
    def go() -> int:
        from creditctl.services import review

        runtime = _runtime()
        items = review.pending(runtime.ctx)
        _emit_json(items) if as_json else render.review_items(out, items)
        return 0

    run_command(go)


@review_app.command("approve")
def review_approve(
    email_id: Annotated[int, typer.Argument(help="The email id.")],
    claim: Annotated[int, typer.Option("--claim", help="The claim id to update.")],
    amount: Annotated[Optional[str], typer.Option(help="Amount to apply (default: the extracted total).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Apply an email's amount to a claim, exactly as an automatic match would.

    Example: creditctl review approve 42 --claim 7 --amount 1234.56
    """
    def go() -> int:
        from creditctl.services import review

        runtime = _runtime()
        doc = review.approve(runtime.ctx, email_id=email_id, claim_id=claim, amount_text=amount, operator=_operator())
        _emit_json(doc) if as_json else err.print(f"email {email_id}: claim {claim} {doc['write_status']} "
                                                  f"({doc.get('old_amount')} → {doc.get('new_amount')})")
        return 0

    run_command(go)


@review_app.command("reject")
def review_reject(
    email_id: Annotated[int, typer.Argument(help="The email id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why no claim changes.")],
    as_json: JsonOpt = False,
) -> None:
    """Close a review without changing any claim.

    Example: creditctl review reject 42 --reason "letter for another client"
    """
    def go() -> int:
        from creditctl.services import review

        runtime = _runtime()
        doc = review.reject(runtime.ctx, email_id=email_id, reason=reason, operator=_operator())
        _emit_json(doc) if as_json else err.print(f"email {email_id}: review closed ({reason})")
        return 0

    run_command(go)


@mirror_app.command("check")
def mirror_check(as_json: JsonOpt = False) -> None:
    """Compare claim amounts in SQL with the MongoDB mirror and list differences (exit 1 if any).

    Example: creditctl mirror check --json
    """
    def go() -> int:
        from creditctl.services import mirror_check as service

        runtime = _runtime()
        diffs = service.compare(runtime.ctx)
        _emit_json(diffs) if as_json else render.mirror_diffs(out, diffs)
        return 1 if diffs["differences"] else 0

    run_command(go)


@app.command()
def demo(
    keep: Annotated[bool, typer.Option("--keep", help="Keep the temporary directory.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the emails.")] = 120.0,
) -> None:
    """Run the whole main job on the embedded defaults: server, worker, signed webhooks.

    Example: creditctl demo
    """
    def go() -> int:
        from creditctl.demo import run_demo

        return run_demo(out=out, err=err, keep=keep, timeout_s=timeout)

    run_command(go)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
