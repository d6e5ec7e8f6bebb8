"""Pushing work again: retry, reprocess."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from creditctl import render
from creditctl.cli.common import (
    ActingOpt,
    JsonOpt,
    app,
    confirm,
    emit_json,
    err,
    open_runtime,
    open_settings,
    operator,
    out,
    run_command,
)
from creditctl.exceptions import UsageError


@app.command()
def retry(
    ids: Annotated[list[int] | None, typer.Argument(metavar="IDS", min=1, help="Email ids to retry.")] = None,
    failed: Annotated[
        bool, typer.Option("--failed", help="Every failed email (narrow with --since/--error-class).")
    ] = False,
    since: Annotated[str | None, typer.Option(help="Only emails that failed since WHEN.")] = None,
    error_class: Annotated[
        str | None,
        typer.Option(
            help="Only this error class (a part of its name, any case; one no failed email has exits 2 and lists theirs)."
        ),
    ] = None,
    mirror: Annotated[bool, typer.Option("--mirror", help="Redo only the MongoDB mirror write.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    by: ActingOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Re-enqueue failed emails, or push now any email that is neither finished nor held by a
    live lease (a row whose enqueue failed); attempts keep counting, each retry of a failed
    email is a new run.

    Example: creditctl retry 42      creditctl retry --failed --since 2h --error-class RateLimit --yes
    """

    def go() -> int:
        from creditctl.services import operations
        from creditctl.timeparse import read_since

        if not ids and not failed and not mirror:
            raise UsageError("name email ids, or --failed; see `creditctl retry --help`")
        when = read_since(since, open_settings(check_schema=False).office_timezone)
        runtime = open_runtime()
        plan = operations.plan_retry(
            runtime.ctx, ids=ids, failed=failed, since=when, error_class=error_class, mirror=mirror
        )
        if not as_json:
            unqueued = operations.not_in_queue_now(runtime.ctx) if failed and not plan.eligible else None
            render.retry_plan(err, plan, unqueued=unqueued)
        if not plan.eligible:
            if as_json:
                emit_json({"enqueued": [], "failed": [], "refused": plan.refused})
            return 1 if plan.refused and ids else 0
        if not yes and not ids and not confirm(f"Retry {len(plan.eligible)} email(s)?"):  # named ids are explicit
            err.print("nothing done")
            return 0
        result = operations.execute_retry(runtime.ctx, plan, operator=operator(by), mirror=mirror)
        if as_json:
            emit_json(
                {
                    "operation_id": result.operation_id,
                    "enqueued": result.enqueued,
                    "failed": result.failed,
                    "refused": result.refused,
                    "preview": {
                        "count": len(plan.eligible),
                        "by_error_class": plan.by_error_class,
                        "sample": plan.eligible[:10],
                    },
                }
            )
        else:
            render.retry_result(err, result)
        return 1 if result.failed or (ids and result.refused) else 0

    run_command(go)


def _range_words(since: Any, until: Any) -> str:
    """The range ``--since`` / ``--until`` resolved to (aware datetimes or None), as the person
    reads it before confirming: " received from 2026-08-12 00:00:00 CEST to now" (the output
    zone named, ``display.at``); empty when neither was given."""
    from creditctl.display import at

    if since is None and until is None:
        return ""
    start = at(since) if since is not None else "the first email"
    return f" received from {start} to {at(until) if until is not None else 'now'}"


@app.command()
def reprocess(
    since: Annotated[str | None, typer.Option(help="Emails received since WHEN (yesterday, 2h, 3d, ISO).")] = None,
    until: Annotated[str | None, typer.Option(help="... and before WHEN.")] = None,
    status_filter: Annotated[list[str] | None, typer.Option("--status", help="Only these processing states.")] = None,
    creditor: Annotated[str | None, typer.Option(help="Only this creditor (name or sender).")] = None,
    ids: Annotated[
        list[str] | None, typer.Option("--ids", help="Only these email ids: --ids 3 4, --ids 3,4 or --ids 3 --ids 4.")
    ] = None,
    more_ids: Annotated[
        list[str] | None, typer.Argument(metavar="MORE_IDS", hidden=True, help="More ids after --ids.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most N emails.")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Re-read with the current code, write nothing, print a diff.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="--dry-run: re-read in N processes (one per core uses them all)."
        ),
    ] = 1,
    stuck: Annotated[bool, typer.Option("--stuck", help="Run the sweep: re-enqueue stuck emails.")] = False,
    label: Annotated[str | None, typer.Option(help="Name the incident this backfill answers.")] = None,
    resume: Annotated[int | None, typer.Option(min=1, help="Resume the reprocess operation with this id.")] = None,
    include_reviewed: Annotated[
        bool,
        typer.Option(
            "--include-reviewed",
            help="Also re-read emails a person approved or rejected in review (left alone otherwise).",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    wait: Annotated[
        bool | None,
        typer.Option("--wait/--no-wait", help="Follow completion with a progress bar (default: on a terminal)."),
    ] = None,
    by: ActingOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Re-run finished emails through the current code (a backfill), or --stuck: the sweep.

    Emails a person approved or rejected in review are left alone (the dry run says so
    per email) unless --include-reviewed. An applied email is judged against the claim as
    it was before its own write, so an unchanged reading changes nothing.

    Example: creditctl reprocess --since yesterday --dry-run --workers 2
    """

    def go() -> int:
        from creditctl.services import backfill
        from creditctl.timeparse import read_since, read_until

        if more_ids and not ids:
            raise UsageError(f"unexpected argument {more_ids[0]!r}; email ids go after --ids")
        id_list = _parse_ids([*(ids or []), *(more_ids or [])])
        if not stuck and since is None and not id_list and resume is None:
            raise UsageError("give --since WHEN, --ids or --resume (or --stuck); see `creditctl reprocess --help`")
        # the WHENs are read before the database is opened: a usage error comes first
        # (timeparse.read_since: empty, signed or future WHENs exit 2, as in every command)
        tz = open_settings(check_schema=False).office_timezone
        when_since = read_since(since, tz)
        when_until = read_until(until, tz)
        selection = backfill.Selection(
            since=when_since,
            until=when_until,
            statuses=status_filter or [],
            creditor=creditor,
            ids=id_list,
            limit=limit,
            include_reviewed=include_reviewed,
        )
        runtime = open_runtime()
        if stuck:
            return _sweep(runtime.ctx, as_json)
        chosen: list[int] = []
        if resume is not None:
            plan = backfill.resume_ids(runtime.ctx, resume)
            err.print(render.resume_line(plan), highlight=False, soft_wrap=True)
            chosen = plan.remaining
            if dry_run and chosen:  # the dry run of what the resume re-queues, nothing else
                selection = backfill.Selection(ids=chosen, include_reviewed=True)
        elif not dry_run:
            chosen = backfill.select_ids(runtime.ctx, selection)
        if dry_run and (resume is None or chosen):
            diff = backfill.dry_run(runtime.ctx, selection, workers=workers)
            emit_json(diff) if as_json else render.dry_run(out, diff)
            return 0
        received = _range_words(when_since, when_until)
        if not chosen:
            err.print(f"nothing to reprocess{received}", highlight=False, soft_wrap=True)
            if as_json:
                done = {} if resume is None else {"selected": plan.selected, "already_done": len(plan.done)}
                emit_json({"operation_id": resume, "enqueued": 0, **done})
            return 0
        if not yes:  # with --yes the one line is the outcome (enqueued, or the error and its resume)
            err.print(
                f"{len(chosen)} email(s){received} will be re-queued at backfill priority (below live traffic)",
                highlight=False,
                soft_wrap=True,
            )
        if not yes and not confirm(f"Reprocess {len(chosen)} email(s)?"):
            err.print("nothing done")
            return 0
        params = {
            "since": since,
            "until": until,
            "status": status_filter,
            "creditor": creditor,
            "ids": id_list,
            "limit": limit,
            "include_reviewed": include_reviewed,
        }
        return _enqueue(
            runtime.ctx,
            chosen,
            label=label,
            resume=resume,
            params=params,
            as_json=as_json,
            wait=wait,
            include_reviewed=selection.include_reviewed,
            by=by,
        )

    run_command(go)


def _sweep(ctx: Any, as_json: bool) -> int:
    """``reprocess --stuck``: run the sweep and show what it re-enqueued and what still waits
    (``operations.sweep_on_demand``). Exit 1 when the queue does not answer (one line) or an
    enqueue failed."""
    from creditctl.services import operations

    report = operations.sweep_on_demand(ctx)
    if as_json:
        emit_json(
            {
                "requeued": [{"id": i, "reason": r} for i, r in report.requeued],
                "enqueue_failed": report.enqueue_failed,
                "mirror_kicked": report.mirror_kicked,
                "queue_unreachable": report.queue_unreachable,
                "not_due": report.not_due,
            }
        )
    if report.queue_unreachable:
        err.print(f"[red]error:[/red] {render.sweep_unreachable_line(report)}", highlight=False, soft_wrap=True)
        return 1
    if not as_json:
        render.sweep_report(out, report)
    return 1 if report.enqueue_failed else 0


def _enqueue(
    ctx: Any,
    chosen: list[int],
    *,
    label: str | None,
    resume: int | None,
    params: dict[str, Any],
    as_json: bool,
    wait: bool | None,
    include_reviewed: bool = False,
    by: str | None = None,
) -> int:
    """Enqueue the ``chosen`` ids as one reprocess operation and say how it went; follows
    completion with ``wait`` (default: on a terminal). Exit 1 when the queue took only part."""
    from creditctl.exceptions import OperationInterrupted
    from creditctl.services import operations

    try:
        op_id, enqueued = operations.enqueue_reprocess(
            ctx,
            chosen,
            operator=operator(by),
            label=label,
            operation_id=resume,
            params=params,
            include_reviewed=include_reviewed,
        )
    except OperationInterrupted as exc:  # the database was lost part-way: the same operation continues
        from creditctl.outages import advice, classify

        outage = classify(exc)
        why = advice(outage, database_url=ctx.db_url, rerun=False) if outage else str(exc.__cause__)
        if as_json:
            emit_json(
                {
                    "operation_id": exc.operation_id,
                    "enqueued": exc.enqueued,
                    "selected": exc.selected,
                    "complete": False,
                    "resume": resume_command(exc.operation_id),
                }
            )
        err.print(
            f"[red]error:[/red] {exc.message}: {why}; once it answers, continue the same operation with "
            f"`{resume_command(exc.operation_id)}` (it takes only what this run did not)",
            highlight=False,
            soft_wrap=True,
        )
        return 1
    complete = enqueued == len(chosen)
    if as_json:
        emit_json({"operation_id": op_id, "enqueued": enqueued, "selected": len(chosen), "complete": complete})
    if not complete:
        err.print(
            f"[red]error:[/red] operation {op_id}: enqueued only {enqueued} of {len(chosen)} (queue "
            f"unreachable); the others are left as they were — when the queue is back run "
            f"`{resume_command(op_id)}`",
            highlight=False,
            soft_wrap=True,
        )
        return 1
    if not as_json:
        err.print(f"operation {op_id}: enqueued {enqueued} of {len(chosen)}; follow with `creditctl tail -f`")
        if wait if wait is not None else sys.stderr.isatty():
            render.follow_operation(err, lambda: operations.finished_count(ctx, op_id), op_id, len(chosen))
    return 0


def resume_command(op_id: int) -> str:
    """The command that resumes reprocess operation ``op_id`` from where it is run: with
    ``--yes`` when there is no terminal to ask (a script, cron), since without it the
    command refuses (``confirm``)."""
    return f"creditctl reprocess --resume {op_id}" + ("" if sys.stdin.isatty() else " --yes")


def _parse_ids(values: list[str]) -> list[int]:
    """Email ids from ``--ids`` values: ``3 4``, ``3,4`` or repeated options. Raises ``UsageError``."""
    out: list[int] = []
    for value in values:
        for part in value.replace(",", " ").split():
            if not part.isdigit() or int(part) < 1:  # ids start at 1 (README: ids at least 1, exit 2)
                raise UsageError(f"--ids: {part!r} is not an email id (a number, at least 1)")
            out.append(int(part))
    return out
