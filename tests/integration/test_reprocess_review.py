"""Reprocess never undoes good results, and every view counts "waiting for review" the
same way: an applied email is re-read against the claim as it was before its own write,
a person's decision is left alone unless ``--include-reviewed``, and ``status``,
``/metrics`` and ``review list`` agree (services/counts.waiting_clause)."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console
from sqlalchemy import func, select

from creditctl import render
from creditctl.db import session_scope
from creditctl.metrics import Metrics
from creditctl.models import Claim, ClaimUpdate, Email
from creditctl.services import backfill, intake, operations, review, status
from creditctl.services.backfill import Selection
from tests.helpers import drain, import_sample_clients, sample_payload

# a French reply stating the claim once, with no German/English "current claim" cue: after
# it applied 702.15 the stored claim holds that very figure
FRENCH = (
    "Madame, Monsieur,\n\nconcernant votre cliente Tamara Reinholz (notre référence RPI-7712-4408-19), "
    "le montant de la créance s'élève à 702,15 EUR.\n\nCordialement,\nRheinpfalz Inkasso GmbH"
)


def receive(env, body: str | None = None, sample: str | None = None, comment: str = "77") -> int:
    raw = (
        sample_payload(sample)
        if sample
        else json.dumps(
            {
                "ticket_id": "81234",
                "comment_id": comment,
                "subject": "RE: Tamara Reinholz, votre référence BÖ-2024-0173",
                "from_email": "forderungsmanagement@rheinpfalz-inkasso.example",
                "from_name": "Rheinpfalz Inkasso GmbH",
                "body_text": body,
            }
        ).encode()
    )
    return intake.receive_webhook(env.ctx, raw_body=raw, headers={}, verify_signature=False).email_id


def claim_amount(env, reference: str = "RPI-7712-4408-19") -> Decimal:
    with session_scope(env.ctx.db_url) as s:
        return s.scalar(select(Claim.amount).where(Claim.creditor_reference == reference))


def updates(env) -> int:
    with session_scope(env.ctx.db_url) as s:
        return s.scalar(select(func.count()).select_from(ClaimUpdate))


def waiting_everywhere(env) -> tuple[int, int]:
    """(status's waiting_for_review, the review list's length)."""
    return status.system_status(env.ctx)["waiting_for_review"], len(review.pending(env.ctx))


def test_reprocessing_an_applied_email_changes_nothing(env):
    import_sample_clients(env)
    email_id = receive(env, FRENCH)
    drain(env.runtime)
    assert status.email_status(env.ctx, email_id)["match_status"] == "auto_matched"
    assert claim_amount(env) == Decimal("702.15") and updates(env) == 1

    diff = backfill.dry_run(env.ctx, Selection(ids=[email_id]))

    (item,) = diff["emails"]
    assert item["changes"] == {} and item["after_match"] == {"status": "auto_matched", "claim_id": 1}
    assert item["after_reasons"] == [] and diff["summary"]["newly_needs_review"] == 0

    op_id, enqueued = operations.enqueue_reprocess(env.ctx, [email_id], operator="test", label=None, params={})
    assert enqueued == 1
    drain(env.runtime)
    doc = status.email_status(env.ctx, email_id)
    assert doc["match_status"] == "auto_matched" and doc["hold_reasons"] == []
    assert claim_amount(env) == Decimal("702.15") and updates(env) == 1  # no second write, no review
    assert review.pending(env.ctx) == []


def test_a_person_s_decision_is_left_alone_unless_include_reviewed(env):
    import_sample_clients(env)
    email_id = receive(env, sample="05_name_only_similar_clients.json")
    drain(env.runtime)
    (item,) = review.pending(env.ctx)
    assert waiting_everywhere(env) == (1, 1)
    top = item["candidates"][0]
    doc = review.approve(
        env.ctx,
        email_id=email_id,
        claim_id=top["claim_id"],
        amount_text=top["amount"],  # the claim's own figure: nothing implausible
        operator="anna",
        role="reviewer",
    )
    assert doc["applied"] and waiting_everywhere(env) == (0, 0)
    assert status.system_status(env.ctx)["decided_by_person"]["approved"] == 1

    # a backfill over everything leaves the person's decision alone, and the dry run says so
    assert backfill.select_ids(env.ctx, Selection(ids=[email_id])) == []
    diff = backfill.dry_run(env.ctx, Selection(ids=[email_id]))
    (row,) = diff["emails"]
    assert (
        row["skipped"].startswith("a person decided it (approved by anna)") and "--include-reviewed" in row["skipped"]
    )
    assert row["after_match"] is None and diff["summary"]["skipped"] == 1
    out = io.StringIO()
    render.dry_run(Console(file=out, width=300), diff)
    assert f"#{email_id}: skipped — a person decided it (approved by anna)" in out.getvalue()
    # even when named by id, the enqueue side refuses to take it
    _op, enqueued = operations.enqueue_reprocess(env.ctx, [email_id], operator="test", label=None, params={})
    assert enqueued == 0
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        assert (email.review_note, email.decided_by, email.match_status) == (
            "approved by anna",
            "person",
            "auto_matched",
        )

    # asked for explicitly: re-read, and if held again it waits in the review list like any other
    assert backfill.select_ids(env.ctx, Selection(ids=[email_id], include_reviewed=True)) == [email_id]
    _op, enqueued = operations.enqueue_reprocess(
        env.ctx, [email_id], operator="test", label=None, params={}, include_reviewed=True
    )
    assert enqueued == 1
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        assert email.review_note is None and email.decided_by is None
        held = email.match_status in ("needs_review", "no_match")
    assert waiting_everywhere(env) == ((1, 1) if held else (0, 0))


def test_an_out_of_office_does_not_wait_for_review_in_any_view(env):
    import_sample_clients(env)
    receive(env, sample="04_out_of_office.json")
    held = receive(env, sample="05_name_only_similar_clients.json")
    drain(env.runtime)
    doc = status.system_status(env.ctx)
    assert doc["by_match_status"].get("no_match", 0) >= 1  # the out-of-office: no_match, not a creditor reply
    assert waiting_everywhere(env) == (1, 1)
    assert [i["id"] for i in review.pending(env.ctx)] == [held]
    out = io.StringIO()
    render.system_table(Console(file=out, width=200), doc)
    assert "waiting for review (creditctl review)" in out.getvalue()
    assert "(1 waiting)" not in out.getvalue()
    metrics = {
        s.name: s.value
        for family in text_string_to_metric_families(Metrics(env.ctx).render()[0].decode())
        for s in family.samples
    }
    assert metrics["creditctl_review_waiting"] == 1


def test_every_needs_review_line_of_the_dry_run_carries_its_reason():
    diff = {
        "selected": 1,
        "summary": {
            "unchanged": 0,
            "changed": 1,
            "newly_matched": 0,
            "newly_needs_review": 1,
            "errors": 0,
            "skipped": 0,
            "superseded": 0,
        },
        "emails": [
            {
                "id": 4,
                "changes": {"match": {"before": "auto_matched claim 4", "after": "needs_review"}},
                "after_match": {"status": "needs_review", "claim_id": None},
                "after_reasons": ["text addresses the system", "best score 0.60 below 0.80"],
                "skipped": None,
                "error": None,
            }
        ],
    }
    out = io.StringIO()
    render.dry_run(Console(file=out, width=300), diff)
    assert "#4: match: auto_matched claim 4 → needs_review — text addresses the system (+1 more)" in out.getvalue()


# an applied email whose figure a newer email superseded (the operator's trial): judged
# against the claim as it was before its own write, never against the newer figure
LOWER = (
    "Madame, Monsieur,\n\nconcernant votre cliente Tamara Reinholz (notre référence RPI-7712-4408-19), "
    "le montant de la créance s'élève à 500,00 EUR.\n\nCordialement,\nRheinpfalz Inkasso GmbH"
)
HIGHER = LOWER.replace("500,00", "900,00")


def test_an_applied_email_superseded_since_is_judged_against_its_own_baseline(tmp_path, backend):
    from tests.helpers import make_env

    env = make_env(tmp_path, backend, plausible_max_drop=0.2)  # 900 → 500 would be a drop of 44 %
    try:
        import_sample_clients(env)
        older = receive(env, LOWER, comment="81")
        drain(env.runtime)
        assert claim_amount(env) == Decimal("500.00")  # 540.00 → 500.00: a drop of 7 %
        newer = receive(env, HIGHER, comment="82")
        drain(env.runtime)
        assert claim_amount(env) == Decimal("900.00") and updates(env) == 2

        diff = backfill.dry_run(env.ctx, Selection(ids=[older]))
        (item,) = diff["emails"]
        assert item["after_reasons"] == [], item["after_reasons"]  # not "a drop of 44 % from 900.00"
        assert item["changes"] == {} and item["after_match"] == {"status": "auto_matched", "claim_id": 1}
        assert item["superseded"] == (
            f"superseded: claim 1 now holds 900.00 from email {newer} (newer); this email's figure is not applied again"
        )
        assert diff["summary"]["superseded"] == 1 and diff["summary"]["newly_needs_review"] == 0
        out = io.StringIO()
        render.dry_run(Console(file=out, width=300), diff)
        assert f"#{older}: unchanged — superseded: claim 1 now holds 900.00" in out.getvalue()
        assert "1 superseded by a newer email's figure" in out.getvalue()

        # the real run agrees: still applied, nothing written, nothing waiting
        _op, enqueued = operations.enqueue_reprocess(env.ctx, [older], operator="test", label=None, params={})
        assert enqueued == 1
        drain(env.runtime)
        doc = status.email_status(env.ctx, older)
        assert doc["match_status"] == "auto_matched" and doc["hold_reasons"] == []
        assert claim_amount(env) == Decimal("900.00") and updates(env) == 2
        assert review.pending(env.ctx) == []
        # the newer one, re-read, is judged against 500.00 (before its own write), as before
        diff = backfill.dry_run(env.ctx, Selection(ids=[newer]))
        (item,) = diff["emails"]
        assert item["changes"] == {} and item["superseded"] is None and item["after_reasons"] == []
    finally:
        env.close()


def test_rejecting_an_applied_email_moved_to_review_says_the_claim_keeps_its_figure(env, monkeypatch):
    """A reprocess moved an applied email to review (here: tighter plausibility bounds);
    rejecting it changes no claim, so the answer says the claim keeps the email's figure
    and names the undo that reverts it — and that undo does."""
    from creditctl.pipeline import safety
    from creditctl.services import decide

    import_sample_clients(env)
    email_id = receive(env, LOWER, comment="91")
    drain(env.runtime)
    assert claim_amount(env) == Decimal("500.00")
    monkeypatch.setattr(
        decide, "plausibility_bounds", lambda ctx: safety.Bounds(max_drop=Decimal("0.01"), max_rise=Decimal("1"))
    )
    _op, enqueued = operations.enqueue_reprocess(env.ctx, [email_id], operator="test", label=None, params={})
    assert enqueued == 1
    drain(env.runtime)
    assert status.email_status(env.ctx, email_id)["match_status"] == "needs_review"
    assert claim_amount(env) == Decimal("500.00")  # the held re-run wrote nothing

    doc = review.reject(env.ctx, email_id=email_id, reason="figure not trusted", operator="anna")
    assert doc["claim_kept"] == {
        "claim_id": 1,
        "amount": "500.00",
        "restores": "540.00",
        "currency": "EUR",
        "undo": f"creditctl review undo {email_id}",
    }
    assert review.kept_sentence(email_id, doc["claim_kept"]) == (
        "claim 1 keeps 500.00 EUR from this email (rejecting changes no claim); "
        f"`creditctl review undo {email_id}` reverts it to 540.00 EUR"
    )
    assert claim_amount(env) == Decimal("500.00")

    undone = review.undo(env.ctx, email_id=email_id, operator="anna")
    assert undone["undone"] == "update" and claim_amount(env) == Decimal("540.00")
    # rejected again: no claim holds its figure any more
    again = review.reject(env.ctx, email_id=email_id, reason="figure not trusted", operator="anna")
    assert again["claim_kept"] is None


def test_rejecting_an_email_that_never_applied_keeps_nothing(env):
    import_sample_clients(env)
    email_id = receive(env, sample="05_name_only_similar_clients.json")
    drain(env.runtime)
    doc = review.reject(env.ctx, email_id=email_id, reason="other client", operator="anna")
    assert doc["claim_kept"] is None
