"""Pushing work again: retry, reprocess."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from creditctl import render
from creditctl.cli.common import JsonOpt, app, confirm, emit_json, err, operator, out, open_runtime, run_command
from creditctl.exceptions import UsageError

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
        runtime = open_runtime()
        when = parse_when(since, runtime.ctx.settings.office_timezone) if since else None
        plan = operations.plan_retry(runtime.ctx, ids=ids, failed=failed, since=when, error_class=error_class,
                                     mirror=mirror)
        if not as_json:
            render.retry_plan(err, plan)
        if not plan.eligible:
            if as_json:
                emit_json({"enqueued": [], "failed": [], "refused": plan.refused})
            return 1 if plan.refused and ids else 0
        if not yes and not confirm(f"Retry {len(plan.eligible)} email(s)?"):
            err.print("nothing done")
            return 0
        result = operations.execute_retry(runtime.ctx, plan, operator=operator(), mirror=mirror)
        if as_json:
            emit_json({"operation_id": result.operation_id, "enqueued": result.enqueued, "failed": result.failed,
                        "refused": result.refused,
                        "preview": {"count": len(plan.eligible), "by_error_class": plan.by_error_class,
                                    "sample": plan.eligible[:10]}})
        else:
            err.print(f"re-enqueued {len(result.enqueued)}; could not {len(result.failed)}; refused {len(result.refused)}")
        return 1 if result.failed or (ids and result.refused) else 0

    run_command(go)


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

        runtime = open_runtime()
        if stuck:
            report = operations.sweep(runtime.ctx)
            if as_json:
                emit_json({"requeued": [{"id": i, "reason": r} for i, r in report.requeued],
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
            emit_json(diff) if as_json else render.dry_run(out, diff)
            return 0
        chosen = backfill.select_ids(runtime.ctx, selection, resume=resume)
        if not chosen:
            err.print("nothing to reprocess")
            if as_json:
                emit_json({"operation_id": resume, "enqueued": 0})
            return 0
        err.print(f"{len(chosen)} email(s) will be re-queued at backfill priority (below live traffic)")
        if not yes and not confirm(f"Reprocess {len(chosen)} email(s)?"):
            err.print("nothing done")
            return 0
        op_id, enqueued = operations.enqueue_reprocess(
            runtime.ctx, chosen, operator=operator(), label=label, operation_id=resume,
            params={"since": since, "until": until, "status": status_filter, "creditor": creditor, "ids": ids,
                    "limit": limit})
        if as_json:
            emit_json({"operation_id": op_id, "enqueued": enqueued, "selected": len(chosen)})
        else:
            err.print(f"operation {op_id}: enqueued {enqueued} of {len(chosen)}; follow with "
                      f"`creditctl tail -f` or resume with --resume {op_id}")
            if wait if wait is not None else sys.stderr.isatty():
                render.follow_operation(err, lambda: operations.finished_count(runtime.ctx, op_id), op_id, len(chosen))
        return 0

    run_command(go)
