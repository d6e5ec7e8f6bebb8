"""The human in the loop: review list, approve, reject."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from creditctl import render
from creditctl.cli.common import JsonOpt, app, emit_json, err, operator, out, open_runtime, run_command

review_app = typer.Typer(help="Emails waiting for a person.\n\nExample: creditctl review list", invoke_without_command=True)
app.add_typer(review_app, name="review")


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

        runtime = open_runtime()
        items = review.pending(runtime.ctx)
        emit_json(items) if as_json else render.review_items(out, items)
        return 0

    run_command(go)


@review_app.command("show")
def review_show(
    email_id: Annotated[int, typer.Argument(help="The email's id.")],
    as_json: JsonOpt = False,
) -> None:
    """Show one email as review sees it: why it is held, the readings, the candidates.

    Example: creditctl review show 42 --json
    """
    def go() -> int:
        from creditctl.services import review

        runtime = open_runtime()
        item = review.show(runtime.ctx, email_id)
        emit_json(item) if as_json else render.review_items(out, [item])
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

        runtime = open_runtime()
        doc = review.approve(runtime.ctx, email_id=email_id, claim_id=claim, amount_text=amount, operator=operator())
        emit_json(doc) if as_json else err.print(f"email {email_id}: claim {claim} {doc['write_status']} "
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

        runtime = open_runtime()
        doc = review.reject(runtime.ctx, email_id=email_id, reason=reason, operator=operator())
        emit_json(doc) if as_json else err.print(f"email {email_id}: review closed ({reason})")
        return 0

    run_command(go)
