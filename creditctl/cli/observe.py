"""Reading the system: status, tail."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Annotated, Any, TypedDict

import typer

from creditctl.cli.common import JsonOpt, app, emit_json, err, open_settings, out, run_command


class _EventFilters(TypedDict):
    """The filters ``tail`` passes to ``stream.recent_events`` and ``stream.events_after``."""

    since: datetime | None
    email_id: int | None
    status: str | None
    creditor: str | None
    level: str | None
    match_state: str | None


@app.command()
def status(
    email_id: Annotated[
        int | None, typer.Argument(metavar="EMAIL_ID", min=1, help="An email id; omit for the overview.")
    ] = None,
    as_json: JsonOpt = False,
    watch: Annotated[
        float | None, typer.Option("--watch", min=0.5, help="Refresh every N seconds, at least 0.5 (Ctrl-C stops).")
    ] = None,
) -> None:
    """Show one email's story, or the overview of all emails.

    Example: creditctl status 42 --json      creditctl status --watch 2
    """

    def go() -> int:
        from creditctl.display import mask_url
        from creditctl.services.context import AppContext
        from creditctl.services.overview import system_status
        from creditctl.services.unqueued import waiting_reader

        settings = open_settings()  # reads only: no tasks, no pipeline to import
        ctx = AppContext(settings=settings)
        if email_id is not None:
            from creditctl.services import status as status_service

            # the queue is probed as for the overview: during an outage the command says so and
            # exits 1 (for a waiting email it also decides whether the email is in the queue)
            queue_seen = _queue_depth(settings)
            doc = status_service.email_status(ctx, email_id, waiting=waiting_reader(settings, queue_seen))
            if as_json:
                emit_json(doc)
            else:
                from creditctl import render

                render.email_panel(out, doc)
            if "error" in queue_seen:  # the email is shown, but the queue (whether it is in it) was not seen
                err.print(
                    f"[red]error:[/red] {queue_seen['error']}; check that the queue ("
                    f"{mask_url(settings.effective_queue_url)}) is running",
                    highlight=False,
                )
                return 1
            return 0

        def overview() -> dict[str, Any]:
            depth = _queue_depth(settings)
            return system_status(ctx, queue_depth=depth, waiting=waiting_reader(settings, depth))

        if watch and not as_json:
            from creditctl import render

            render.watch(out, overview, interval_s=max(0.2, watch))
            return 0
        doc = overview()
        if as_json:
            emit_json(doc)
        else:
            from creditctl import render

            render.system_table(out, doc)
        queue_error = (doc.get("queue") or {}).get("error") if isinstance(doc.get("queue"), dict) else None
        if queue_error:  # the overview is shown, but the command did not see the whole system
            err.print(
                f"[red]error:[/red] {queue_error}; check that the queue ("
                f"{mask_url(settings.effective_queue_url)}) is running",
                highlight=False,
            )
            return 1
        return 0

    run_command(go)


def _queue_depth(settings: Any) -> dict[str, int] | dict[str, str]:
    """The queue's depth (``queue.read_queue_depth``), or ``{"error": text}`` when it does not answer."""
    from creditctl.queue import read_queue_depth

    try:
        return read_queue_depth(settings)
    except Exception as exc:  # noqa: BLE001 - a probe: any failure of the queue reads as unreachable
        from creditctl.display import QUEUE_UNREACHABLE

        return {"error": f"{QUEUE_UNREACHABLE}{type(exc).__name__}"}


def _ride_out(read: Any, database_url: Any, *, waits: str, back: str, database_only: bool = True) -> Any:
    """``read()``, riding out a database outage (``outages.classify``): the first failure prints one
    line saying what happened and what tail does (``waits``), then it is tried again (0.5 s, doubling
    to 5 s) until it answers, and one line says so (``back``); any other error is raised. The one
    outage wait of ``tail -f``, at its start (``_start_riding_out``) and while it follows.
    ``database_url``: a callable giving the URL named in the line (read only on an outage);
    ``database_only`` False: any outage ``classify`` names is ridden out (a raw SQLite error of the
    follower's own connection reads as one of the queue's file)."""
    import time

    down_since: float | None = None
    pause = 0.5
    while True:
        try:
            found = read()
        except Exception as exc:
            from creditctl.outages import advice, classify  # imports redis-py's errors: on failure only

            outage = classify(exc)
            if outage is None or (database_only and outage.what != "database"):
                raise
            if down_since is None:
                down_since = time.monotonic()
                err.print(  # one line: what happened, and what tail does now
                    f"tail: {advice(outage, database_url=database_url(), rerun=False)} — tail keeps retrying and "
                    f"{waits} once it answers (no event lost or repeated)",
                    highlight=False,
                    soft_wrap=True,
                )
            time.sleep(pause)
            pause = min(5.0, pause * 2)
            continue
        if down_since is not None:
            err.print(
                f"tail: the database answers again after {time.monotonic() - down_since:.0f} s; {back}",
                highlight=False,
            )
        return found


def _start_riding_out(start: Any) -> Any:
    """``start()`` for ``tail -f``: while the database does not answer, one line says so and it is
    tried again until it answers (``_ride_out``, the same line and pace as a running ``tail -f``)."""
    from creditctl.settings import get_settings

    return _ride_out(start, lambda: get_settings().effective_database_url, waits="starts", back="started")


@app.command()
def tail(
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep following new events.")] = False,
    since: Annotated[str | None, typer.Option(help="Start at WHEN (10m, 2h, yesterday, ISO time).")] = None,
    email: Annotated[int | None, typer.Option("--email", min=1, help="Only this email id.")] = None,
    status_filter: Annotated[str | None, typer.Option("--status", help="Only transitions from/to this state.")] = None,
    match_state: Annotated[
        str | None,
        typer.Option(
            "--match-status", help="Only emails in this match state: pending, auto_matched, needs_review, no_match."
        ),
    ] = None,
    creditor: Annotated[str | None, typer.Option(help="Only emails of this creditor (name or sender).")] = None,
    level: Annotated[str | None, typer.Option(help="Minimum level: debug, info, warning, error.")] = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many events before following (the newest).")] = 50,
) -> None:
    """Print the event stream of every process in the order it was written (event id); -f
    follows it live and rides out a database outage: one line says so, it keeps retrying
    and resumes where it stopped, printing no event twice and losing none. Lines of
    different processes can be a few milliseconds out of time order.

    Example: creditctl tail -f --since 10m --level warning --limit 20
    """

    def go() -> int:
        import time

        from creditctl.services import stream
        from creditctl.services.context import AppContext
        from creditctl.timeparse import read_since

        stream.validate_event_filters(status=status_filter, level=level, match_state=match_state)
        when = read_since(since, open_settings(check_schema=False).office_timezone)  # a usage error comes first
        filters = _EventFilters(
            since=when, email_id=email, status=status_filter, creditor=creditor, level=level, match_state=match_state
        )

        def start() -> tuple[AppContext, list[dict[str, Any]], int]:
            ctx = AppContext(settings=open_settings())  # reads only: no tasks, no pipeline to import
            events = stream.recent_events(ctx, **filters, limit=limit)
            return ctx, events, (events[-1]["id"] if events else stream.last_event_id(ctx))

        # -f started during a database outage rides it out as a running -f does (one line, retrying)
        ctx, events, last = start() if not follow else _start_riding_out(start)
        for event in events:
            _emit_event(event, as_json)
        if not events:  # say so on stderr (as `review` does), not an empty screen
            filtered = any(v is not None for v in filters.values())
            err.print(
                ("nothing matches these filters" if filtered else "no events yet") + ("; following" if follow else ""),
                highlight=False,
            )
        follower = stream.Follower(last)
        try:
            while follow:
                time.sleep(0.2)
                batch = _ride_out(
                    lambda: follower.fresh(stream.events_after(ctx, after_id=follower.read_from, **filters)),
                    lambda: ctx.db_url,
                    waits="resumes where it stopped",
                    back="resumed where it stopped",
                    database_only=False,
                )
                for event in batch:
                    _emit_event(event, as_json)
        except KeyboardInterrupt:
            pass
        return 0

    run_command(go)


def _emit_event(event: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()
    else:
        from creditctl import render

        render.event_line(out, event)
        sys.stdout.flush()
