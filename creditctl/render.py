"""Rich rendering of service results for the terminal (no logic, no I/O but the console).

Colour only on a terminal; NO_COLOR is respected by Rich itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from creditctl.display import QUEUE_UNREACHABLE, at as at, mask_url as mask_url, set_zone as set_zone

STATUS_STYLE = {
    "completed": "green",
    "not_creditor_reply": "cyan",
    "failed": "red",
    "retrying": "yellow",
    "processing": "blue",
    "needs_review": "yellow",
    "auto_matched": "green",
    "no_match": "magenta",
}
LEVEL_STYLE = {"error": "red", "warning": "yellow", "info": "", "debug": "dim"}


def _styled(value: Any) -> Text:
    text = str(value) if value is not None else "—"
    return Text(text, style=STATUS_STYLE.get(text, ""))


def key_values(console: Console, doc: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None)
    for key, value in doc.items():
        table.add_row(
            Text(str(key), style="bold"), _styled(value) if not isinstance(value, (dict, list)) else plain(value)
        )
    console.print(table)


def client_rows(console: Console, rows: list[dict[str, Any]]) -> None:
    """``creditctl clients list``: file number, name, claims, under a header."""
    table = Table(box=None, header_style="bold")
    table.add_column("file number")
    table.add_column("name")
    table.add_column("claims", justify="right")
    for row in rows:
        table.add_row(row["file_number"], row["name"], str(row["claims"]))
    console.print(table)


def health_checks(console: Console, checks: dict[str, str]) -> None:
    """``creditctl health``: one row per check under a header, "ok" or the reason."""
    table = Table(box=None, header_style="bold")
    table.add_column("check")
    table.add_column("result")
    for name, value in checks.items():
        table.add_row(name, _styled(value))
    console.print(table)


DECISION_WORDS = {"approve": "approved", "sold": "recorded as sold", "reject": "rejected"}
"""How ``status ID``'s ``review`` line names each kind of decision (``review.decision_of``'s
``action``): a sale is its own decision, never shown as a rejection."""


def _email_head(doc: dict[str, Any]) -> Table:
    """State, match, mirror, ticket, attempts, decision, error, next attempt and transition times."""
    head = Table(show_header=False, box=None)
    head.add_row("state", _styled(doc["processing_status"]))
    waits = email_queue_line(doc.get("not_in_queue"), doc["id"])
    if waits:
        head.add_row("queue", Text(waits, style="yellow"))
    head.add_row("match", _styled(doc["match_status"]))
    decision = doc.get("review_decision")
    if decision:  # the person's decision, whatever the match status still says
        what = DECISION_WORDS.get(decision["action"], decision["action"])
        detail = (
            f": claim {decision['claim_id']} {decision.get('old_amount') or '—'} → {decision.get('new_amount')} "
            f"{decision.get('currency') or ''}".rstrip()
            if decision["action"] == "approve"
            else f": {decision.get('reason') or ''}"
        )
        head.add_row("review", Text(f"{what} by {decision['person']} at {at(decision['at'])}{detail}"))
    head.add_row("mirror", str(doc.get("mirror_status")))
    head.add_row(
        "ticket",
        f"{doc['ticket_id']}"
        + (f" / side conversation {doc['side_conversation_id']}" if doc.get("side_conversation_id") else ""),
    )
    head.add_row("attempts", str(doc["attempts"]) + (f" (run {doc['runs']})" if (doc.get("runs") or 1) > 1 else ""))
    if doc.get("decided_by"):
        head.add_row("decided by", str(doc["decided_by"]))
    if doc.get("last_error"):
        head.add_row("last error", Text(doc["last_error"], style="red"))
    if doc.get("next_attempt_at") and doc["processing_status"] == "retrying":
        head.add_row("next attempt", at(doc["next_attempt_at"]))
    for name, moment in doc["times"].items():
        if moment:
            head.add_row(f"  {name}", at(moment))
    return head


_EXTRACTED_KEYS = (
    "reply_kind",
    "creditor_name",
    "original_creditor",
    "client_name",
    "client_file_number",
    "creditor_references",
    "currency",
    "statement_date",
    "confidence",
    "extractor",
)


def _email_fields(doc: dict[str, Any]) -> Table:
    """The extracted fields and amounts, tokens, evidence problems and (up to 12) evidence lines."""
    ex = doc.get("extracted") or {}
    fields = Table(title="extracted", show_header=False, box=None)
    amounts = ex.get("amounts") or {}
    for key in _EXTRACTED_KEYS:
        if ex.get(key) not in (None, [], ""):
            fields.add_row(key, plain(ex[key]))
    for key in ("principal", "interest", "costs", "total"):
        if amounts.get(key) is not None:
            fields.add_row(f"amount.{key}", str(amounts[key]))
    tokens = doc.get("tokens") or {}
    if tokens.get("input"):
        fields.add_row("tokens", f"in {tokens['input']}, out {tokens['output']}, cache read {tokens['cache_read']}")
    for problem in doc.get("evidence_problems") or []:
        fields.add_row("evidence", Text(problem, style="yellow"))
    for ev in (ex.get("evidence") or [])[:12]:
        fields.add_row(f"  ← {ev.get('field')}", f"{ev.get('text')!r} ({ev.get('source')})")
    return fields


def _email_match(match: dict[str, Any]) -> Table:
    table = Table(title="match", box=None)
    table.add_column("claim")
    table.add_column("score")
    table.add_column("reasons")
    for cand in match.get("candidates") or []:
        table.add_row(str(cand["claim_id"]), f"{cand['score']:.2f}", "; ".join(cand.get("reasons") or []))
    return table


def _email_why(doc: dict[str, Any], match: dict[str, Any]) -> Table:
    """The verdict's reasons, its notes and (when they disagree) every reading of the total."""
    why = Table(title="why", show_header=False, box=None)
    for reason in match.get("verdict_reasons") or []:
        why.add_row(Text(reason, style="yellow" if doc.get("match_status") != "auto_matched" else ""))
    for note in match.get("notes") or []:
        why.add_row(Text(f"note: {note}"))
    if match.get("readings_disagree"):
        for r in match.get("readings") or []:
            why.add_row(Text(f"reading {r.get('source')}: total {r.get('total') or '—'}", style="yellow"))
    return why


def _email_updates(doc: dict[str, Any]) -> Table:
    updates = Table(title="claim updates", box=None)
    for col in ("claim", "client", "creditor", "old", "new", "by", "mirror"):
        updates.add_column(col)
    for cu in doc.get("claim_updates") or []:
        updates.add_row(
            str(cu["claim_id"]),
            f"{cu['client_file_number']} {cu['client_name']}",
            cu["creditor_name"],
            str(cu["old_amount"]),
            f"{cu['new_amount']} {cu['currency']}",
            cu["applied_by"],
            cu["mirror_status"],
        )
    return updates


def _email_timeline(doc: dict[str, Any]) -> Table:
    timeline = Table(title="timeline", box=None)
    for col in ("at", "event", "message", "worker", "ms"):
        timeline.add_column(col)
    for ev in doc.get("events") or []:
        timeline.add_row(
            at(ev["at"], date=False),
            ev["kind"],
            Text(ev["message"], style=LEVEL_STYLE.get(ev["level"], "")),
            ev.get("worker") or "",
            f"{ev['duration_ms']:.0f}" if ev.get("duration_ms") else "",
        )
    return timeline


def email_panel(console: Console, doc: dict[str, Any]) -> None:
    """``creditctl status ID``: state with transition times, attempts, error, fields, match, timeline
    (a part with no rows is left out)."""
    match = doc.get("match") or {}
    parts = (_email_fields(doc), _email_match(match), _email_why(doc, match), _email_updates(doc), _email_timeline(doc))
    console.print(
        Panel(
            Group(_email_head(doc), *(t for t in parts if t.row_count)),
            title=f"email {doc['id']}: {doc.get('subject') or ''}"[:100],
            expand=False,
            # off a terminal the console is 1000 columns wide (data lines never wrap): a panel
            # for people stays readable in a pager or a log
            width=None if console.is_terminal else PAGE_WIDTH,
        )
    )


PAGE_WIDTH = 140
"""Columns of a panel written off a terminal (a file, a pipe, a log)."""


def system_renderables(doc: dict[str, Any]) -> list[Any]:
    """The overview as Rich renderables (``status`` prints them, ``status --watch`` redraws them)."""
    table = Table(title=f"{doc['total']} emails")
    table.add_column("processing status")
    table.add_column("count", justify="right")
    for state, count in sorted(doc["by_status"].items()):
        table.add_row(_styled(state), str(count))
    match = Table(title="match status (all emails, decided ones included)")
    match.add_column("match status")
    match.add_column("count", justify="right")
    for state, count in sorted(doc["by_match_status"].items()):
        match.add_row(_styled(state), str(count))
    waiting = doc.get("waiting_for_review")
    if waiting is not None:
        # the review queue's own definition (services/counts.waiting_clause): `creditctl review` lists the same emails
        match.add_row(Text("waiting for review (creditctl review)", style="bold"), str(waiting))
    person = doc.get("decided_by_person") or {}
    if any(person.get(kind) for kind in ("approved", "sold", "rejected")):
        match.add_row(
            Text("decided by a person", style="bold"),
            f"{person.get('approved', 0)} approved, {person.get('sold', 0)} recorded as sold, "
            f"{person.get('rejected', 0)} rejected",
        )
    oldest = doc.get("oldest_unfinished")
    age = "none" if not oldest else "email {}, {:.0f} s old".format(oldest["id"], oldest["age_s"])
    hour = doc["last_hour"]
    lines = [
        Text(f"oldest unfinished: {age}"),
        Text(
            f"last hour: {hour['received']} received, {hour['finished']} finished, {hour['failed']} failed "
            f"(error rate {hour['error_rate']:.1%})"
        ),
        Text(queue_line(doc.get("queue"))),
    ]
    if doc.get("quarantined"):
        lines.append(
            Text(
                f"quarantined webhook bodies: {doc['quarantined']} waiting (signed but invalid; "
                f"see `creditctl quarantine list`)",
                style="yellow",
            )
        )
    from creditctl.services.mirror_backlog import backlog_line

    mirror = backlog_line(doc.get("mirror_backlog"))
    if mirror:
        lines.append(Text(mirror, style="yellow"))
    stranded = not_in_queue_line(doc.get("not_in_queue"), workers_alive=bool(doc["workers"]))
    if stranded:
        lines.append(Text(stranded, style="yellow"))
    for w in doc["workers"]:
        held, troubled = holding_words(w)
        lines.append(
            Text(
                f"worker {w['name']}: seen {at(w['seen_at'])}, RSS {w['rss_mb']} MB, holding {held}",
                style="yellow" if troubled else "",
            )
        )
    if not doc["workers"]:
        lines.append(Text("workers: none alive", style="yellow"))
    return [table, match, *lines]


def holding_words(worker: dict[str, Any]) -> tuple[str, bool]:
    """What a worker of ``status`` holds, honestly: ``#9`` while its heartbeat and lease are
    fresh; ``#9 — no heartbeat for 75 s, lease expires in 45 s, then it is re-queued`` when
    the heartbeat is stale or the lease is expiring (``overview._lease``); ``lease expired
    5 s ago: the sweep re-queues it`` once it ran out. Returns (words, whether any lease is
    in doubt). A document without ``leases`` (an older server) shows the ids alone."""
    ids = worker.get("holding") or []
    if not ids:
        return "nothing", False
    leases = {lease["id"]: lease for lease in worker.get("leases") or []}
    age = worker.get("heartbeat_age_s")
    stale = bool(worker.get("heartbeat_stale"))
    parts: list[str] = []
    troubled = False
    for email_id in ids:
        lease = leases.get(email_id) or {}
        left = lease.get("expires_in_s")
        if not (stale or lease.get("expiring")) or left is None:
            parts.append(f"#{email_id}")
            continue
        troubled = True
        why = [f"no heartbeat for {age:.0f} s"] if stale and age is not None else []
        if left > 0:
            why.append(f"lease expires in {left:.0f} s, then it is re-queued")
        else:
            why.append(f"lease expired {-left:.0f} s ago: the sweep re-queues it")
        parts.append(f"#{email_id} — {', '.join(why)}")
    return ", ".join(parts), troubled


def queue_line(queue: dict[str, Any] | None) -> str:
    """``queue: pending 3, scheduled 0``; ``queue: unreachable (ConnectionError)`` when the
    probe failed (``{"error": text}``); ``queue: unknown`` without a probe."""
    if queue and "error" in queue:
        return f"queue: unreachable ({str(queue['error']).removeprefix(QUEUE_UNREACHABLE)})"
    return "queue: " + (", ".join(f"{k} {v}" for k, v in (queue or {}).items()) or "unknown")


def email_queue_line(note: dict[str, Any] | None, email_id: int) -> str | None:
    """``creditctl status ID``'s line for an email stored but not in the queue
    (``services.unqueued.email_note``): that it waits to be queued, what queues it (the sweep
    of a running worker every CREDITCTL_SWEEP_INTERVAL s, and when) and the command that
    queues it now; None when there is nothing to say."""
    if not note:
        return None
    head = (
        "stored, not yet queued (its enqueue failed or was never made)"
        if note.get("status") == "received"
        else f"{note.get('status')}, but no queue message behind it"
    )
    sweep = f"the sweep of each running worker (every {note['sweep_interval_s']:g} s, CREDITCTL_SWEEP_INTERVAL)"
    now = f"`creditctl retry {email_id}` queues it now"
    if note.get("queue_down"):
        return (
            f"{head}; the queue is down: {sweep} re-enqueues it within {note['requeue_within_s']} s once the queue "
            "answers"
            + ("" if note.get("workers_alive") else " and a worker runs (`creditctl worker`)")
            + f"; once it answers, {now}"
        )
    if not note.get("workers_alive"):
        return f"{head}; no worker runs, so no sweep re-enqueues it: start `creditctl worker`, or {now}"
    return (
        f"{head}; {sweep} re-enqueues it within {note['requeue_within_s']} s (at most "
        f"{note['sweep_bound_s']:g} s after it was stored or queued: CREDITCTL_STUCK_GRACE_SECONDS + "
        f"CREDITCTL_SWEEP_INTERVAL); {now}"
    )


def not_in_queue_line(doc: dict[str, Any] | None, *, workers_alive: bool) -> str | None:
    """The operator's line for ``services.unqueued.not_in_queue``'s result, or None when there is nothing to say."""
    if not doc or not doc["count"]:
        return None
    ids = ", ".join(f"#{i}" for i in doc["ids"]) + (" …" if doc["count"] > len(doc["ids"]) else "")
    head = f"{doc['count']} email(s) stored but not in the queue ({ids})"
    if doc.get("queue_down"):  # the sweep cannot write a message: promise nothing before the queue answers
        return (
            f"{head}; queue down: re-enqueued within {doc['requeue_within_s']} s once it answers"
            + ("" if workers_alive else " and a worker runs (`creditctl worker`)")
            # a queue that comes back empty (Redis lost its data) lost the messages of emails queued
            # before: only the sweep's clock rule takes those back, not the "queue back" push
            + f"; emails already queued when it lost its data wait for the sweep: at most {doc['sweep_bound_s']:g} s "
            "after they were queued (CREDITCTL_STUCK_GRACE_SECONDS + CREDITCTL_SWEEP_INTERVAL)"
        )
    if not workers_alive:
        return f"{head}; the sweep re-enqueues them once a worker runs (`creditctl worker`)"
    return (
        f"{head}; the sweep re-enqueues them within {doc['requeue_within_s']} s "
        f"(at most {doc['sweep_bound_s']:g} s after they were stored or queued: "
        "CREDITCTL_STUCK_GRACE_SECONDS + CREDITCTL_SWEEP_INTERVAL)"
    )


def system_table(console: Console, doc: dict[str, Any]) -> None:
    """``creditctl status``: counts per state and match status, oldest unfinished, queue, workers."""
    for item in system_renderables(doc):
        console.print(item)


def watch(console: Console, produce: Any, *, interval_s: float) -> None:
    """Redraw the overview from ``produce()`` every ``interval_s`` seconds until Ctrl-C."""
    import time

    from rich.live import Live

    try:
        with Live(Group(*system_renderables(produce())), console=console, auto_refresh=False) as live:
            while True:
                time.sleep(interval_s)
                live.update(Group(*system_renderables(produce())), refresh=True)
    except KeyboardInterrupt:
        pass


def event_line(console: Console, ev: dict[str, Any]) -> None:
    """One ``tail`` line: time, email, kind, transition, message."""
    arrow = f"{ev['from_status'] or ''}→{ev['to_status']}" if ev.get("to_status") else ""
    line = Text()
    line.append(f"{at(ev['at'])} ", style="dim")
    line.append(f"#{ev['email_id'] or '-':<5} ", style="bold")
    line.append(f"{ev['kind']:<12} ", style=LEVEL_STYLE.get(ev["level"], ""))
    if arrow:
        line.append(f"{arrow} ", style=STATUS_STYLE.get(ev["to_status"], ""))
    line.append(ev["message"], style=LEVEL_STYLE.get(ev["level"], ""))
    console.print(line, highlight=False)


def retry_plan(console: Console, plan: Any, *, unqueued: dict[str, Any] | None = None) -> None:
    """``creditctl retry``'s preview: how many, by error class, a sample, the refused. With
    nothing to retry, ``unqueued`` (``services.unqueued.not_in_queue``) names the emails
    stored but not in the queue, which ``--failed`` does not take (they have not failed)."""
    if getattr(plan, "mirror", False):
        _mirror_retry_plan(console, plan)
        return
    console.print(f"{len(plan.eligible)} email(s) to retry" + _by_error_class(plan.by_error_class), highlight=False)
    if not plan.eligible and unqueued and unqueued["count"]:
        ids = unqueued["ids"]
        if unqueued.get("queue_down"):  # `creditctl retry IDS` needs the queue too: offer nothing that fails
            when = (
                "the queue is unreachable now, so they cannot be pushed by hand either; a running worker's "
                "sweep pushes them as soon as the queue answers again (nothing is lost)"
            )
        else:
            when = (
                f"a running worker's sweep pushes them within {unqueued['requeue_within_s']} s, "
                f"or now with `creditctl retry {' '.join(str(i) for i in ids)}`"
            )
        console.print(
            f"{unqueued['count']} email(s) are stored but not in the queue ({_id_list(ids, unqueued['count'])}): "
            f"{when}",
            highlight=False,
            soft_wrap=True,
        )
    for row in plan.eligible[:10]:
        why = row["error_class"] or f"no error recorded ({row.get('status') or 'not finished'})"
        console.print(f"  #{row['id']} ticket {row['ticket_id']}: {row['attempts']} attempts, {why}")
    for row in plan.refused:
        console.print(f"  [yellow]refused #{row['id']}: {row['reason']}[/yellow]")


def _mirror_retry_plan(console: Console, plan: Any) -> None:
    """``creditctl retry --mirror``'s preview: the owed mirror writes, each with its failed
    attempts and last error (the email itself is finished: its own error is not the mirror's)."""
    console.print(f"{len(plan.eligible)} MongoDB mirror write(s) to redo", highlight=False)
    for row in plan.eligible[:10]:
        tries = row.get("mirror_attempts") or 0
        line = f"  #{row['id']} ticket {row['ticket_id']}: mirror write {row['mirror_status']}"
        line += f", {tries} failed attempt(s)" if tries else ", not attempted yet"
        if row.get("mirror_last_error"):
            line += f"; last error: {row['mirror_last_error']}"
        console.print(line, highlight=False, soft_wrap=True)
    for row in plan.refused:
        console.print(f"  [yellow]refused #{row['id']}: {row['reason']}[/yellow]")


def _by_error_class(counts: dict[str, int]) -> str:
    """``", by error class: TimeoutError 2, no error recorded 1"``; ``""`` for no email;
    ``", none with an error recorded"`` when no email has one (stored, never run)."""
    if not counts:
        return ""
    named = {k: v for k, v in counts.items() if k != "none recorded"}
    if not named:
        return ", none with an error recorded (stored, not run to a failure)"
    rest = counts.get("none recorded")
    return ", by error class: " + plain(named) + (f", no error recorded {rest}" if rest else "")


def retry_result(console: Console, result: Any) -> None:
    """``creditctl retry``'s outcome: what was pushed, what could not be and why; a queue
    outage is one ``error: queue unreachable`` line naming every email it left as it was."""
    down = [row for row in result.failed if row.get("queue_unreachable")]
    other = [row for row in result.failed if not row.get("queue_unreachable")]
    if result.enqueued or other or result.refused or not down:
        pushed = ", ".join(f"#{i}" for i in result.enqueued[:10]) + (" …" if len(result.enqueued) > 10 else "")
        if getattr(result, "mirror", False):  # a task was queued; nothing is written yet
            console.print(
                f"mirror write queued again for {len(result.enqueued)} email(s)"
                + (
                    f" ({pushed}): a worker writes it to MongoDB when it answers (`creditctl status ID`)"
                    if pushed
                    else ""
                )
                + (f"; could not {len(result.failed)}" if result.failed else "")
                + (f"; refused {len(result.refused)}" if result.refused else ""),
                highlight=False,
                soft_wrap=True,
            )
        else:
            console.print(
                f"re-enqueued {len(result.enqueued)}"
                + (f" ({pushed})" if pushed else "")
                + f"; could not {len(result.failed)}; refused {len(result.refused)}",
                highlight=False,
            )
    for row in other:
        console.print(f"  could not #{row['id']}: {row['reason']}", highlight=False, soft_wrap=True)
    if down:
        by_state: dict[str, list[int]] = {}
        for row in down:
            by_state.setdefault(str(row.get("left_as")), []).append(row["id"])
        left = "; ".join(
            f"{_id_list(ids, len(ids))} left as {state}, "
            + (
                f"run `creditctl retry {' '.join(map(str, ids))}` again when it answers"
                if state == "failed"
                else "the sweep retries the mirror write"
                if state == "mirror pending"
                else "the sweep queues them once it answers"
            )
            for state, ids in by_state.items()
        )
        console.print(
            f"[red]error:[/red] queue unreachable: pushed none of {len(down)} email(s) — {left}",
            highlight=False,
            soft_wrap=True,
        )


def sweep_report(console: Console, report: Any) -> None:
    """``creditctl reprocess --stuck`` with the queue answering (see ``sweep_unreachable_line``
    otherwise): what was re-enqueued, what could not be, and what waits without a message
    but is not due yet (``report.not_due``) with when it becomes due — "nothing stuck" only
    when nothing waits at all."""
    not_due = getattr(report, "not_due", None) or {}
    if not report.requeued and not report.enqueue_failed and not not_due.get("count"):
        console.print("nothing stuck")
    for email_id, reason in report.requeued:
        console.print(f"re-enqueued #{email_id}: {reason}")
    for email_id in report.enqueue_failed:
        console.print(f"[red]could not enqueue #{email_id} (queue unreachable)[/red]")
    if getattr(report, "still_queued", 0):
        console.print(
            f"{report.still_queued} queued email(s) left alone: "
            + (
                "the queue is too long to check their messages"
                if getattr(report, "queue_unread", False)
                else "their message still waits in the queue"
            )
        )
    if not_due.get("count"):
        console.print(f"[yellow]{not_due_line(not_due)}[/yellow]", highlight=False, soft_wrap=True)
    if report.mirror_kicked:
        console.print(f"mirror retried for {len(report.mirror_kicked)} email(s)")


def _id_list(ids: list[int], count: int) -> str:
    shown = ids[:10]
    return ", ".join(f"#{i}" for i in shown) + (" …" if count > len(shown) else "")


def not_due_line(doc: dict[str, Any]) -> str:
    """What ``reprocess --stuck`` left waiting with the queue up: rows younger than the grace."""
    return (
        f"not due yet: {doc['count']} email(s) stored but not in the queue ({_id_list(doc['ids'], doc['count'])}) "
        f"are due in {doc['due_in_s']} s (CREDITCTL_STUCK_GRACE_SECONDS after they were stored or queued): "
        f"`creditctl reprocess --stuck` takes them then, a running worker's sweep within {doc['requeue_within_s']} s"
    )


def sweep_unreachable_line(report: Any) -> str:
    """The one line of ``reprocess --stuck`` when the queue does not answer: nothing could be
    re-enqueued; names what waits (the rows past their grace and those not in the queue)."""
    not_due = report.not_due or {}
    waiting = sorted({*report.enqueue_failed, *not_due.get("ids", [])})
    what = (
        f"{len(waiting)} email(s) wait stored but not in the queue ({_id_list(waiting, len(waiting))}); "
        "the sweep re-enqueues them once the queue answers"
        if waiting
        else "no email waits for it now"
    )
    return f"queue unreachable ({report.queue_error or 'no answer'}): cannot re-enqueue; {what}"


def resume_line(plan: Any) -> str:
    """Where a resumed reprocess operation stands (``backfill.ResumePlan``): how many of its
    selection it re-queued already, how many remain, and which it leaves out and why."""
    op = plan.operation_id
    line = (
        f"operation {op}: {len(plan.done)} of the {plan.selected} email(s) it selected already re-queued, "
        f"{len(plan.remaining)} remain"
    )
    if plan.later:
        ops = ", ".join(sorted({str(o) for o in plan.later.values()}))
        line += (
            f"; {len(plan.later)} left out: a later operation ({ops}) already re-queued them "
            f"({_id_list(sorted(plan.later), len(plan.later))})"
        )
    if plan.changed:
        line += (
            f"; {len(plan.changed)} left out: changed since it started (in flight again or decided by a person: "
            f"{_id_list(plan.changed, len(plan.changed))})"
        )
    return line + "; emails stored after it started are not part of it"


def parsed(console: Console, doc: dict[str, Any]) -> None:
    console.print(Panel(doc.get("reply") or "", title="reply", expand=False))
    if doc.get("quoted"):
        console.print(Panel(doc["quoted"], title="quoted history", style="dim", expand=False))
    if doc.get("signature"):
        console.print(Panel(doc["signature"], title="signature / footer", style="dim", expand=False))
    texts = doc.get("attachment_texts") or []
    for att in texts:
        title = f"attachment {att.get('file_name')}" + (f" — {att['problem']}" if att.get("problem") else "")
        console.print(Panel(att.get("text") or "", title=title, style="dim", expand=False))
    if not texts:
        for att in doc.get("attachments") or []:
            console.print(f"attachment: {att}")
    console.print(f"language: {doc.get('language')}; tokens: {doc.get('tokens')}; truncated: {doc.get('truncated')}")


def plain(value: Any) -> str:
    """A value as an operator reads it: lists comma-joined, mappings ``key value`` pairs, None as —."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k} {plain(v)}" for k, v in value.items() if v is not None) or "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value) or "—"
    return str(value)


def extraction(console: Console, doc: dict[str, Any]) -> None:
    table = Table(title=f"extraction ({doc.get('extractor')})", show_header=False)
    for key, value in doc.items():
        if key in ("evidence", "usage", "warnings"):
            continue
        table.add_row(key, plain(value))
    console.print(table)
    for ev in doc.get("evidence") or []:
        console.print(f"  {ev['field']} ← {ev['text']!r} ({ev['source']})", highlight=False)
    for warning in doc.get("warnings") or []:
        console.print(f"  [yellow]warning: {warning}[/yellow]")


def dry_run(console: Console, diff: dict[str, Any]) -> None:
    for row in diff["emails"]:
        if row.get("error"):
            console.print(f"#{row['id']}: [red]error {row['error']}[/red]")
        elif row.get("skipped"):
            console.print(f"#{row['id']}: skipped — {row['skipped']}", highlight=False, soft_wrap=True)
        elif row["changes"] or row.get("would_skip"):
            parts = [f"{k}: {v['before']} → {v['after']}" for k, v in row["changes"].items()]
            held = row.get("after_reasons") or []
            why = (f" — {held[0]}" + (f" (+{len(held) - 1} more)" if len(held) > 1 else "")) if held else ""
            if row.get("would_skip"):  # the claim write would not apply it (claims.write_preview)
                why = f" — {row['would_skip']}"
            console.print(f"#{row['id']}: " + ("; ".join(parts) or "no change") + why, highlight=False, soft_wrap=True)
        elif row.get("superseded"):
            console.print(f"#{row['id']}: unchanged — {row['superseded']}", highlight=False, soft_wrap=True)
        if row.get("superseded") and row.get("changes"):
            console.print(f"#{row['id']}: {row['superseded']}", highlight=False, soft_wrap=True)
    console.print(dry_run_summary(diff), highlight=False, soft_wrap=True)


def dry_run_summary(diff: dict[str, Any]) -> str:
    """``reprocess --dry-run``'s summary line (``services.backfill.dry_run``'s ``selected`` and
    ``summary``): first a partition of the selected emails — unchanged, changed, skipped and
    errors, each email in exactly one, adding up to ``selected`` (the line says so) — then,
    labelled "of which", the counts that overlap it (newly matched, newly need review, would
    skip, superseded)."""
    s = diff["summary"]
    skipped = s.get("skipped") or 0
    parts = [f"{s['unchanged']} unchanged", f"{s['changed']} changed"]
    if skipped:
        parts.append(f"{skipped} skipped (decided by a person; --include-reviewed re-reads them)")
    parts.append(f"{s['errors']} errors")
    overlap = [f"{s['newly_matched']} newly matched", f"{s['newly_needs_review']} newly need review"]
    if s.get("would_skip"):
        overlap.append(f"{s['would_skip']} would skip (a newer figure is already applied)")
    if s.get("superseded"):
        overlap.append(f"{s['superseded']} superseded by a newer email's figure (nothing changes)")
    return f"{diff['selected']} selected = {' + '.join(parts)}; of which: {', '.join(overlap)}"


def follow_operation(
    console: Console,
    poll: Callable[[], int],
    operation_id: int,
    total: int,
    *,
    timeout_s: float = 3600,
    interval_s: float = 0.5,
) -> None:
    """A progress bar that follows a reprocess operation: ``poll()`` (a service call, e.g.
    ``operations.finished_count``) returns how many of its ``total`` emails are finished;
    every ``interval_s`` seconds until all are, or ``timeout_s``. Ctrl-C stops watching only."""
    import time

    from rich.progress import Progress

    deadline = time.monotonic() + timeout_s
    try:
        with Progress(console=console, transient=False) as progress:
            task = progress.add_task(f"operation {operation_id}", total=total)
            while time.monotonic() < deadline:
                done = poll()
                progress.update(task, completed=done)
                if done >= total:
                    break
                time.sleep(interval_s)
    except KeyboardInterrupt:
        console.print("stopped watching; the operation goes on in the workers")


def _review_why(item: dict[str, Any]) -> list[Text]:
    """Why the item waits, its notes, disagreeing readings and a withheld default amount."""
    readings = item.get("readings") or [] if item.get("readings_disagree") else []
    no_default = item.get("no_default_amount")
    return [
        *[Text(f"why: {r}", style="yellow") for r in item.get("reasons") or []],
        *[Text(f"note: {n}") for n in item.get("notes") or []],
        *[Text(f"reading {r.get('source')}: total {r.get('total') or '—'}", style="yellow") for r in readings],
        *([Text("no default amount: " + no_default, style="red")] if no_default else []),
    ]


def _review_evidence(item: dict[str, Any], ex: dict[str, Any]) -> list[Text]:
    return [
        *[
            Text(f'evidence {ev.get("field")} ({ev.get("source") or "body"}): "{ev.get("text")}"', style="dim")
            for ev in ex.get("evidence") or []
        ],
        *[Text(f"evidence problem: {p}", style="red") for p in item.get("evidence_problems") or []],
    ]


def _review_lines(item: dict[str, Any]) -> list[Text]:
    """One review item's lines: the reading, why it waits (``_review_why``), candidates,
    evidence and evidence problems."""
    ex = item.get("extracted") or {}
    return [
        Text(f"from {item.get('from_email')} — {item.get('subject')}"),
        Text(
            f"{ex.get('reply_kind')}: total {ex.get('total') or '—'} {ex.get('currency') or ''}; creditor "
            f"{ex.get('creditor_name')}; client {ex.get('client_name')}"
        ),
        *_review_why(item),
        *[
            Text(
                f"candidate claim {c['claim_id']} ({c.get('score', 0):.2f}): {c.get('client_file_number')} "
                f"{c.get('client_name')} / {c.get('creditor_name')} ref {c.get('creditor_reference')} "
                f"amount {c.get('amount')} — {'; '.join(c.get('reasons') or [])}"
            )
            for c in item.get("candidates") or []
        ],
        *_review_evidence(item, ex),
    ]


def review_items(console: Console, items: list[dict[str, Any]]) -> None:
    if not items:
        console.print("nothing waits for review")
    for item in items:
        console.print(
            Panel(Group(*_review_lines(item)), title=f"email {item['id']} ({item.get('match_status')})", expand=False)
        )


def mirror_diffs(console: Console, doc: dict[str, Any]) -> None:
    if doc.get("mirror") == "off":
        console.print("mirror is off (CREDITCTL_MONGODB_URL unset)")
        return
    console.print(f"{doc['checked']} claims checked, {len(doc['differences'])} differences")
    for d in doc["differences"]:
        console.print(
            f"  {d.get('client_file_number')} {d.get('creditor_name')} {d.get('creditor_reference')}: "
            f"{d.get('problem')} (SQL {d.get('sql_amount')}, mirror {d.get('mirror_amount')})"
        )
