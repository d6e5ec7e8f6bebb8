"""The human in the loop: review list, show, approve, reject, sold, undo, log.

The CLI has the desk's safety: ``approve`` takes only a candidate claim unless
``--override --reason``; without ``--amount`` it applies only a figure that passed the
safety checks. The operator is the login name; the terminal counts as an admin (it
has the database anyway), and every decision lands in the action log.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from creditctl import render
from creditctl.cli.common import (
    ByOpt,
    JsonOpt,
    app,
    cli_channel,
    emit_json,
    err,
    open_runtime,
    open_settings,
    operator,
    out,
    run_command,
)

review_app = typer.Typer(
    help="Emails waiting for a person.\n\nExample: creditctl review list", invoke_without_command=True
)
app.add_typer(review_app, name="review")


SinceOpt = Annotated[str | None, typer.Option(help="Received at or after WHEN (2h, 3d, yesterday, ISO).")]
CreditorOpt = Annotated[str | None, typer.Option(help="Part of the creditor's name or address.")]
ReasonOpt = Annotated[str | None, typer.Option(help="Part of the reason it waits.")]
LimitOpt = Annotated[int | None, typer.Option(min=1, help="At most N lines.")]


@review_app.callback()
def review_main(
    ctx: typer.Context,
    since: SinceOpt = None,
    creditor: CreditorOpt = None,
    reason: ReasonOpt = None,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List emails waiting for a person (needs_review, no_match), one line each; takes the
    options of ``review list``.

    Example: creditctl review --reason credit      creditctl review approve 42 --claim 7
    """
    if ctx.invoked_subcommand is None:
        review_list(since=since, creditor=creditor, reason=reason, limit=limit, as_json=as_json)
    elif any(v is not None for v in (since, creditor, reason, limit)):
        from creditctl.exceptions import UsageError

        def refuse() -> int:
            raise UsageError(
                f"--since/--creditor/--reason/--limit filter the list; `review {ctx.invoked_subcommand}` "
                "takes none of them (creditctl review --reason R, or creditctl review list --reason R)"
            )

        run_command(refuse)


@review_app.command("list")
def review_list(
    since: SinceOpt = None,
    creditor: CreditorOpt = None,
    reason: ReasonOpt = None,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List emails waiting for review, oldest first: id, age, creditor, client, amount
    read, top candidate claim, reason.

    Example: creditctl review list --since 3d --creditor inkasso --limit 20
    """

    def go() -> int:
        from creditctl.services import review
        from creditctl.timeparse import read_since

        when = read_since(since, open_settings(check_schema=False).office_timezone)
        runtime = open_runtime()
        items = review.pending(runtime.ctx, since=when, creditor=creditor, reason=reason, limit=limit)
        if as_json:
            emit_json(items)
        else:
            if items:
                out.print(_HEADER, highlight=False, soft_wrap=True)
            for item in items:
                out.print(_line(item), highlight=False, markup=False, soft_wrap=True)
            filtered = since is not None or creditor is not None or reason is not None
            total = review.waiting_count(runtime.ctx) if filtered or limit is not None else len(items)
            if not items:
                out.print(
                    f"nothing matches these filters ({total} waiting)" if total else "nothing waits for review",
                    highlight=False,
                )
            else:
                err.print(f"{len(items)} waiting" if len(items) == total else f"{len(items)} shown of {total} waiting")
        return 0

    run_command(go)


_HEADER = (
    f"{'id':>6}  {'age':>4}  {'creditor':<32}  {'client':<24}  {'amount read':>14}  "
    "top candidate: claim, file, creditor, amount (score)  | reason"
)
"""The column names of ``review list`` (the widths of ``_line``)."""


def _line(item: dict[str, Any]) -> str:
    from datetime import datetime

    from creditctl.models import utcnow

    age = ""
    if item.get("received_at"):
        hours = (utcnow() - datetime.fromisoformat(item["received_at"])).total_seconds() / 3600
        age = f"{hours / 24:.0f}d" if hours >= 48 else f"{hours:.0f}h"
    ext = item["extracted"]
    top = item["candidates"][0] if item["candidates"] else None
    amount = f"{ext['total']} {ext.get('currency') or ''}".strip() if ext.get("total") else "—"
    from creditctl.services.review import list_reason, stale_note

    reason = list_reason(item)  # the most severe first: an injection before a low score
    note = stale_note(item, reason)  # computed against an earlier claim amount: says so, with the amount now
    shown_reason = f"{reason} ({note})" if note else reason
    not_usable = ""
    if item.get("amount_refused"):
        # the safety checks refused the figure read: never shown as the amount; why, in words (the desk's
        # hint), unless the line's reason already says it
        amount = "not usable"
        withheld = [str(w) for w in (item.get("offer") or {}).get("withheld") or [] if w]
        why = "; ".join(w for w in withheld if str(reason) not in w)
        not_usable = f"; amount read not usable: {why}" if why else ""
    cand = (
        (
            f"claim {top['claim_id']} {top.get('client_file_number') or '?'} {top.get('creditor_name') or '?'} "
            f"{top.get('amount') or '—'} ({top['score']:.2f})"
        )
        if top
        else "no candidate"
    )
    creditor = item.get("creditor") or "?"  # the matched claim's, else the reply's creditor (review._creditor_shown)
    return (
        f"{item['id']:>6}  {age:>4}  {_cut(creditor, 32):<32}  {_cut(item.get('client') or '—', 24):<24}  "
        f"{amount:>14}  {cand}  | {shown_reason}{not_usable}"
    )


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut with an ellipsis (``…``) when longer."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


HISTORY_SHOWN = 3
"""How many of a candidate claim's past updates ``review show`` prints without ``--history``
(the newest; the older ones are counted and ``--history`` named)."""


@review_app.command("show")
def review_show(
    email_id: Annotated[int, typer.Argument(metavar="EMAIL_ID", min=1, help="The email id.")],
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help=f"Every past update of each candidate claim (default: the last {HISTORY_SHOWN}, then how many older).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Everything needed to decide one email: the holds, the amount offered, then the reply
    (its signature and the quoted history, marked >), then the candidates with their last
    updates (--history: all), what an undo would revert.

    Example: creditctl review show 42      creditctl review show 42 --history
    """

    def go() -> int:
        from creditctl.services import review

        runtime = open_runtime()
        doc = review.detail(runtime.ctx, email_id)
        if as_json:
            emit_json(doc)
            return 0
        _print_detail(doc, history=None if history else HISTORY_SHOWN)
        return 0

    run_command(go)


def _state_line(doc: dict[str, Any]) -> str:
    note = (
        f" — {doc['review_note']}"
        if doc["review_note"]
        else " — waiting for review"
        if doc["waiting"]
        else " — not waiting for review"
    )
    return f"  state: {doc['processing_status']} / {doc['match_status']}{note}"


def _print_candidates(candidates: list[dict[str, Any]], email_id: int, shown: int | None) -> None:
    """Each candidate claim with its history of updates: the newest ``shown`` (all when None),
    the older ones counted with the command that prints them (``--history``)."""
    for c in candidates:
        out.print(
            f"  candidate claim {c['claim_id']} ({c['score']:.2f}): {c['client_file_number']} "
            f"{c['client_name']} — {c['creditor_name']} {c['creditor_reference']} now {c['amount']} "
            f"{c['currency']}; {', '.join(c['reasons'])}",
            highlight=False,
        )
        past = c["history"]
        older = max(0, len(past) - shown) if shown is not None else 0
        if older:
            out.print(f"      … {older} older update(s): `creditctl review show {email_id} --history`", highlight=False)
        for h in past[older:]:
            out.print(
                f"      {render.at(h['created_at'])} {h['old_amount']} → {h['new_amount']} by {h['applied_by']}"
                + (" (undone)" if h["reverted"] else ""),
                highlight=False,
            )
        for h in c.get("holders") or []:
            out.print(
                f"      {h['sold_at'][:10]} sold {h['old']} → {h['new']} (email {h['email_id']}, recorded by "
                f"{h['recorded_by']})" + (f" — undone by {h['undone_by']}" if h["undone_at"] else ""),
                highlight=False,
            )


def _print_detail(doc: dict[str, Any], *, history: int | None = HISTORY_SHOWN) -> None:
    """``review show`` as text: state, reading, holds, the offer, warnings, then the reply with
    its signature and quoted history (``_print_mail``), then the candidates, each with its
    newest ``history`` updates (all when None: ``--history``)."""
    ext = doc["extracted"]
    out.print(f"email {doc['id']} from {doc['from_name']} <{doc['from_email']}>: {doc['subject']}", highlight=False)
    out.print(_state_line(doc), highlight=False)
    out.print(
        f"  read: {ext.get('reply_kind')}, total {ext.get('total') or '—'} {ext.get('currency') or ''}, "
        f"creditor {ext.get('creditor_name') or '—'}, client {ext.get('client_name') or '—'}",
        highlight=False,
    )
    client = _client_line(doc)
    if client:
        out.print(client, highlight=False)
    from creditctl.services.review import stale_note

    for why in doc.get("hold_reasons") or []:  # most severe first
        # a reason computed against an amount the claim no longer holds says so, with the amount now
        note = stale_note(doc, why)
        mark = f" ({note})" if note else ""
        out.print(f"  held: {why}{mark}", highlight=False)
    last = (doc.get("actions") or [None])[-1]
    if doc["waiting"] and last and last["action"] == "not_applied":
        out.print(f"  last approval by {last['person']}: {last['reason']}", style="yellow", highlight=False)
    if doc.get("readings_disagree"):
        readings = ", ".join(f"{r.get('source')}: {r.get('total')}" for r in doc.get("readings") or [])
        out.print(f"  readings disagree: {readings}", highlight=False)
    offer = doc["offer"]
    out.print(f"  amount offered: {offer['amount'] or 'none — type it after reading the email'}", highlight=False)
    for w in doc["warnings"]:
        out.print(f"  warning: {w}", highlight=False)
    _print_mail(doc)
    _print_candidates(doc["candidates"], doc["id"], history)


def _client_line(doc: dict[str, Any]) -> str | None:
    """The client the email is about (``detail``'s ``client``: the matched claim's, else the
    top candidate's, else the name read) with the claim it comes from; None when none."""
    if not doc.get("client"):
        return None
    chosen = doc.get("matched_claim_id") or doc.get("best_claim_id")
    cand = next((c for c in doc.get("candidates") or [] if c.get("claim_id") == chosen), None)
    if cand is None and not chosen and doc.get("candidates"):
        cand = doc["candidates"][0]
    if cand is None or cand.get("client_name") != doc["client"]:
        return f"  client: {doc['client']} (as read)"
    how = "matched claim" if chosen == cand["claim_id"] else "top candidate, claim"
    return f"  client: {doc['client']} {cand.get('client_file_number') or ''} ({how} {cand['claim_id']})"


def _print_mail(doc: dict[str, Any]) -> None:
    """The email's text as the desk shows it: the cleaned reply, its signature, then the
    quoted history (earlier letters the reply quotes, each line marked ``>``: a figure
    there may be what the reply confirms, but it is not the creditor's new statement).
    The mail's own text is never read as Rich markup."""
    cleaned = doc["cleaned"]
    out.print("  reply:", highlight=False)
    for line in (cleaned["reply"] or doc["body_text"] or "").splitlines():
        out.print(f"    {line}", highlight=False, markup=False)
    if cleaned.get("signature"):
        out.print("  signature / footer:", highlight=False)
        for line in cleaned["signature"].splitlines():
            out.print(f"    {line}", highlight=False, markup=False)
    if cleaned.get("quoted"):
        out.print("  quoted history (earlier messages quoted below the reply, not part of it):", highlight=False)
        for line in cleaned["quoted"].splitlines():
            out.print(f"    > {line}".rstrip(), highlight=False, markup=False)


def _claim_option(value: str | None) -> str | None:
    """``--claim``'s check before anything runs: a number must be 1 or more (usage error, exit 2)."""
    if value is not None and re.fullmatch(r"\s*[-+]?\d+\s*", value) and int(value) < 1:
        raise typer.BadParameter(f"{value} is not a claim number (1 or more)")
    return value


def _claim_id(review: Any, ctx: Any, text: str) -> int:
    """The claim ``--claim`` names: a number as it is, else ``review.resolve_claim`` (a
    reference, or file number and creditor; several fitting are listed and refused)."""
    text = text.strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    return int(review.resolve_claim(ctx, text))


SALE_BY_MISMATCH_DEPRECATED = (
    "note: --confirm-mismatch as the confirmation of a pending sale is deprecated; use --confirm-sale"
)
"""The one line ``review approve`` prints (stderr) when ``--confirm-mismatch`` confirmed a sale."""


@review_app.command("approve")
def review_approve(
    email_id: Annotated[int, typer.Argument(metavar="EMAIL_ID", min=1, help="The email id.")],
    claim: Annotated[
        str,
        typer.Option(
            "--claim",
            callback=_claim_option,
            help="The claim to update: its number, the creditor's reference, or the client's file number and "
            "the creditor ('BÖ-2024-0173 Telekom'); several fitting are listed, nothing changes.",
        ),
    ],
    amount: Annotated[
        str | None,
        typer.Option(help="Amount to apply (default: the extracted total, only when it passed the safety checks)."),
    ] = None,
    override: Annotated[bool, typer.Option("--override", help="Approve a claim that is not a candidate.")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (required with --override).")] = None,
    confirm_change: Annotated[
        bool,
        typer.Option(
            "--confirm-change", help="Apply a typed --amount even though it is outside the plausibility bounds."
        ),
    ] = False,
    override_newer: Annotated[
        bool,
        typer.Option(
            "--override-newer",
            help="Apply even though a newer email already set the claim (logged as an override).",
        ),
    ] = False,
    confirm_mismatch: Annotated[
        bool,
        typer.Option(
            "--confirm-mismatch",
            help="Apply even though the claim's creditor does not fit the sender nor the creditor named "
            "(with --override also: the reply does not name its client); recorded.",
        ),
    ] = False,
    confirm_sale: Annotated[
        bool,
        typer.Option(
            "--confirm-sale",
            help="Apply even though another waiting email reports the claim sold, assigned, handed over or "
            "under enforcement; recorded.",
        ),
    ] = False,
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Apply an email's amount to a candidate claim, exactly as an automatic match would.

    A newer email's amount on the claim wins: then nothing is applied, the email keeps
    waiting and the command exits 1 (--override-newer applies it anyway). A typed amount
    outside the plausibility bounds needs --confirm-change (else exit 1; it confirms the
    amount of this command only). A claim whose creditor fits neither the sender nor the
    creditor the reply names (a candidate too), or an --override onto a claim whose client
    the reply does not name, is said and needs --confirm-mismatch (else exit 1); a claim
    another waiting email reports sold, assigned or under enforcement needs --confirm-sale
    (--confirm-mismatch still confirms it too, with a deprecation notice).

    Example: creditctl review approve 42 --claim 7 --amount 1234.56
    """

    def go() -> int:
        from creditctl.services import review

        runtime = open_runtime()
        doc = review.approve(
            runtime.ctx,
            email_id=email_id,
            claim_id=_claim_id(review, runtime.ctx, claim),
            amount_text=amount,
            operator=operator(by),
            role="admin",
            channel=cli_channel(by),
            override=override,
            reason=reason,
            confirm_change=confirm_change,
            override_newer=override_newer,
            confirm_mismatch=confirm_mismatch,
            # deprecated: --confirm-mismatch confirmed a pending sale before --confirm-sale existed
            confirm_sale=confirm_sale or confirm_mismatch,
        )
        if doc.get("sale_confirmed") and not confirm_sale:
            err.print(SALE_BY_MISMATCH_DEPRECATED, highlight=False, soft_wrap=True)
        if as_json:
            emit_json(doc)
        elif doc["applied"]:
            err.print(f"email {email_id}: {doc['message']}", highlight=False, soft_wrap=True)
            _say_rejudged(doc)
        else:
            err.print(
                f"[yellow]email {email_id}: {doc['message']}[/yellow]; the email still waits for review — "
                f"reject it, or apply it anyway with --override-newer",
                highlight=False,
                soft_wrap=True,
            )
        return 0 if doc["applied"] else 1

    run_command(go)


@review_app.command("reject")
def review_reject(
    email_id: Annotated[int, typer.Argument(metavar="EMAIL_ID", min=1, help="The email id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why no claim changes.")],
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Close a review without changing any claim.

    Example: creditctl review reject 42 --reason "letter for another client"
    """

    def go() -> int:
        from creditctl.services import review

        runtime = open_runtime()
        doc = review.reject(
            runtime.ctx, email_id=email_id, reason=reason, operator=operator(by), role="admin", channel=cli_channel(by)
        )
        if as_json:
            emit_json(doc)
        elif doc.get("claim_kept"):
            kept = review.kept_sentence(email_id, doc["claim_kept"])
            err.print(
                f"email {email_id}: review closed ({reason}); {kept}", highlight=False, markup=False, soft_wrap=True
            )
        else:
            err.print(f"email {email_id}: review closed ({reason})")
        if not as_json:
            _say_rejudged(doc, "waiting about the same claim, judged again on the claim as the undo restored it")
        return 0

    run_command(go)


@review_app.command("sold")
def review_sold(
    email_id: Annotated[int, typer.Argument(metavar="EMAIL_ID", min=1, help="The email id.")],
    holder: Annotated[str, typer.Option("--holder", help="The new holder (a creditor of the records or a new one).")],
    holder_reference: Annotated[
        str | None, typer.Option("--holder-reference", help="The new holder's reference for the claim.")
    ] = None,
    holder_email: Annotated[
        list[str] | None, typer.Option("--holder-email", help="An address the new holder writes from (repeatable).")
    ] = None,
    claim: Annotated[
        str | None,
        typer.Option(
            "--claim",
            callback=_claim_option,
            help="The claim sold (default: the one the email is about): number, creditor's reference, or file "
            "number and creditor.",
        ),
    ] = None,
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Decide a held email as "claim sold / assigned": record the new holder on the claim
    (the previous one, the date and this email are kept), no amount changes. From then on
    the new holder's replies are matched to the claim and the previous holder's are held.
    `review undo ID` restores the previous holder.

    Example: creditctl review sold 42 --holder "Lowell Solutions Ltd" --holder-reference LS-88123
    """

    def go() -> int:
        from creditctl.services import review

        runtime = open_runtime()
        doc = review.sold(
            runtime.ctx,
            email_id=email_id,
            holder=holder,
            holder_reference=holder_reference,
            holder_emails=holder_email or (),
            claim_id=_claim_id(review, runtime.ctx, claim) if claim is not None else None,
            operator=operator(by),
            role="admin",
            channel=cli_channel(by),
        )
        if as_json:
            emit_json(doc)
        else:
            known = "a creditor of the records" if doc["known_holder"] else "a new creditor"
            err.print(
                f"email {email_id}: claim {doc['claim_id']} now held by {doc['new_holder']} ({known}; was "
                f"{doc['old_holder']}, sold {doc['sold_at'][:10]}"
                + (f", reference {doc['holder_reference']}" if doc["holder_reference"] else "")
                + "); review closed",
                highlight=False,
            )
            _say_rejudged(doc)
        return 0

    run_command(go)


def _say_rejudged(doc: dict[str, Any], why: str = "held because this email's report was waiting for review") -> None:
    """One line naming the emails held on this decision (or, ``why``, on its undo) re-queued to be read again."""
    ids = doc.get("rejudged") or []
    if ids:
        err.print(
            f"re-reading email(s) {', '.join(map(str, ids))}: {why}",
            highlight=False,
            soft_wrap=True,
        )


@review_app.command("undo")
def review_undo(
    email_id: Annotated[int, typer.Argument(metavar="EMAIL_ID", min=1, help="The email id.")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why (kept in the action log).")] = None,
    confirm_other: Annotated[
        bool, typer.Option("--confirm-other", help="Undo another person's decision (recorded).")
    ] = False,
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Revert the email's applied claim update (automatic or reviewed) with a compensating
    history row, or reopen its rejection; the email returns to the review queue. Undoing
    another person's decision needs --confirm-other (else exit 1).

    Example: creditctl review undo 42 --reason "wrong client"
    """

    def go() -> int:
        from creditctl.services import review

        runtime = open_runtime()
        doc = review.undo(
            runtime.ctx,
            email_id=email_id,
            operator=operator(by),
            role="admin",
            channel=cli_channel(by),
            reason=reason,
            confirm_other=confirm_other,
        )
        if as_json:
            emit_json(doc)
        elif doc["undone"] == "update":
            err.print(
                f"email {email_id}: claim {doc['claim_id']} back to {doc['restored_amount']} {doc['currency']} "
                f"(was {doc['replaced_amount']}); the email is back in the review queue"
            )
        elif doc["undone"] == "sale":
            err.print(
                f"email {email_id}: claim {doc['claim_id']} held by {doc['restored_holder']} again (was "
                f"{doc['replaced_holder']}); the email is back in the review queue",
                highlight=False,
            )
        else:
            err.print(f"email {email_id}: rejection undone; the email is back in the review queue")
        if not as_json:
            _say_rejudged(doc, "waiting about the same claim, judged again on the claim as the undo restored it")
        return 0

    run_command(go)


@review_app.command("log")
def review_log(
    limit: Annotated[int, typer.Option(min=1, help="At most N entries.")] = 50,
    person: Annotated[str | None, typer.Option(help="Only this person's decisions.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The action log: every person's decisions, newest first.

    Example: creditctl review log --person anna
    """

    def go() -> int:
        from creditctl.services import review

        runtime = open_runtime()
        entries = review.action_log(runtime.ctx, limit=limit, person=person)
        if as_json:
            emit_json(entries)
            return 0
        for a in entries:
            money = f" {a['old_amount']} → {a['new_amount']} {a['currency']}" if a["new_amount"] else ""
            out.print(
                f"{render.at(a['at'])}  {a['person']:<12} {a['channel'] + ' (' + a['named_by'] + ')':<25} "
                f"{a['action']:<7} email {a['email_id']}"
                f"{' claim ' + str(a['claim_id']) if a['claim_id'] else ''}{money}"
                f"{' OVERRIDE' if a['override'] else ''}{' — ' + a['reason'] if a['reason'] else ''}",
                highlight=False,
            )
        return 0

    run_command(go)
