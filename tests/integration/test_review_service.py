"""Review service: list, approve (the write exactly as an automatic match), reject, refusals.

Real SQLite database (migrated), a MemoryHuey runtime, and the real MongoMirror on a
mongomock client.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from creditctl import db
from creditctl.adapters.mirror import MongoMirror
from creditctl.exceptions import NeedsConfirmation, NotFoundError, Refused, UsageError
from creditctl.migrate import upgrade
from creditctl.models import Claim, ClaimUpdate, Email, Event, Outbox
from creditctl.services import claims, clients, mirror_check, review
from creditctl.services.context import AppContext
from creditctl.settings import load_settings
from creditctl.tasks import Runtime, build_runtime

RECEIVED = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)

CLIENTS: list[dict[str, Any]] = [
    {
        "file_number": "BÖ-2024-0173",
        "name": "Tamara Reinholz",
        "date_of_birth": "1984-02-11",
        "claims": [
            {
                "creditor_name": "Modehaus Lindner KG",
                "agent_name": "Rheinpfalz Inkasso GmbH",
                "creditor_emails": ["forderungsmanagement@rheinpfalz-inkasso.example"],
                "creditor_reference": "RPI-7712-4408-19",
                "amount": "540.00",
                "currency": "EUR",
                "zendesk_ticket_id": "4711",
                "side_conversation_id": "sc-99",
            },
            {
                "creditor_name": "Telekom Deutschland GmbH",
                # the same collection agency writes for it: the default candidate's creditor fits
                "agent_name": "Rheinpfalz Inkasso GmbH",
                "creditor_emails": ["inkasso@telekom.example"],
                "creditor_reference": "TK-1",
                "amount": "80.00",
                "currency": "EUR",
            },
        ],
    },
    {
        "file_number": "BÖ-2024-0200",
        "name": "Jonas Weber",
        "claims": [
            {
                "creditor_name": "Modehaus Lindner KG",
                "creditor_emails": ["forderungsmanagement@rheinpfalz-inkasso.example"],
                "creditor_reference": "RPI-9999-0001-02",
                "amount": "1.200,50",
                "currency": "EUR",
            },
        ],
    },
    {
        "file_number": "BÖ-2024-0311",
        "name": "Petra Oberländer",
        "claims": [
            {
                "creditor_name": "Stadtwerke Musterstadt GmbH",
                "creditor_emails": ["forderungen@stadtwerke-musterstadt.example"],
                "creditor_reference": "SW-58-2231",
                "amount": "1.260,80",
                "currency": "EUR",
            },
        ],
    },
]


class RecordingZendesk:
    """Stands in for the Zendesk client: only its presence matters to the outbox rows."""

    def add_internal_note(self, ticket_id: str, body: str, *, tags: list[str]) -> None:  # pragma: no cover
        raise AssertionError("delivery is not part of these tests")


@pytest.fixture
def runtime(tmp_path: Path, mongo_mirror: MongoMirror) -> Iterator[Runtime]:
    url = f"sqlite:///{tmp_path}/t.db"
    settings = load_settings(home=tmp_path, database_url=url, queue_url="memory://")
    upgrade(url)
    mirror = mongo_mirror
    rt = build_runtime(settings, adapters=False, ctx=AppContext(settings=settings, mirror=mirror))
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(rt.ctx, path=path)
    seed_mirror(mirror)
    yield rt
    db.dispose_engines()


def seed_mirror(mirror: MongoMirror) -> None:
    """The portal's copy of the same clients (amounts as Decimal, as the import reads them)."""
    for rec in CLIENTS:
        items = [{**c, "amount": clients.parse_amount_text(c["amount"], "test")} for c in rec["claims"]]
        mirror.upsert_client(rec["file_number"], rec["name"], items)


def claim_id(ctx: AppContext, reference: str) -> int:
    with db.session_scope(ctx.db_url) as s:
        return s.scalar(select(Claim.id).where(Claim.creditor_reference == reference))


def add_email(
    ctx: AppContext,
    *,
    key: str,
    total: str | None = "1234.56",
    currency: str | None = "EUR",
    processing_status: str = "completed",
    match_status: str = "needs_review",
    candidates: list[dict[str, Any]] | None = None,
    received_at: datetime = RECEIVED,
    evidence_problems: list[str] | None = None,
    content_key: str | None = None,
) -> int:
    """Insert a processed email the way processing leaves it (``content_key``: intake's
    same-sender-subject-body key, shared by copies of one reply)."""
    extraction = {
        "is_creditor_reply": True,
        "reply_kind": "claim_statement",
        "creditor_name": "Rheinpfalz Inkasso GmbH",
        "original_creditor": "Modehaus Lindner KG",
        "client_name": "Tamara Reinholz",
        "client_date_of_birth": None,
        "client_file_number": None,
        "creditor_references": ["RPI-7712-4408-19"],
        "amounts": {"principal": None, "interest": None, "costs": None, "total": total},
        "currency": currency,
        "statement_date": None,
        "confidence": 0.9,
        "evidence": [{"field": "total", "text": "Gesamtforderung 1.234,56 EUR", "source": "body"}],
        "extractor": "rules",
        "warnings": [],
        "usage": None,
        "evidence_problems": evidence_problems or [],
    }
    if candidates is None:  # the Telekom claim is the matcher's (weak) candidate
        candidates = [{"claim_id": claim_id(ctx, "TK-1"), "score": 0.66, "reasons": ["sender domain"]}]
    with db.session_scope(ctx.db_url) as s:
        email = Email(
            ticket_id="4711",
            side_conversation_id="sc-99",
            dedupe_key=key,
            content_key=content_key,
            raw_payload=b"{}",
            from_email="forderungsmanagement@rheinpfalz-inkasso.example",
            from_name="Rheinpfalz Inkasso",
            subject="Ihr Schreiben vom 01.03.2025",
            processing_status=processing_status,
            match_status=match_status,
            received_at=received_at,
            extraction=extraction,
            extractor="rules",
            match={
                "status": match_status,
                "claim_id": None,
                "score": 0.71,
                "candidates": candidates if candidates is not None else [],
                "verdict_reasons": ["two candidates are close: a person decides"],
            },
        )
        s.add(email)
        s.flush()
        return email.id


def two_candidates(ctx: AppContext) -> list[dict[str, Any]]:
    return [
        {"claim_id": claim_id(ctx, "RPI-7712-4408-19"), "score": 0.74, "reasons": ["sender domain", "client name"]},
        {"claim_id": claim_id(ctx, "RPI-9999-0001-02"), "score": 0.71, "reasons": ["sender domain"]},
    ]


def count(ctx: AppContext, model: Any, *where: Any) -> int:
    with db.session_scope(ctx.db_url) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_pending_lists_waiting_emails_with_enriched_candidates(runtime: Runtime) -> None:
    ctx = runtime.ctx
    waiting = add_email(ctx, key="a", candidates=two_candidates(ctx), evidence_problems=["total not in email"])
    no_match = add_email(ctx, key="b", match_status="no_match", received_at=RECEIVED + timedelta(hours=1))
    add_email(ctx, key="c", match_status="auto_matched")
    add_email(ctx, key="d", processing_status="extracted")

    items = review.pending(ctx)

    assert [i["id"] for i in items] == [waiting, no_match]
    first = items[0]
    assert first["match_status"] == "needs_review"
    assert first["received_at"] == RECEIVED.isoformat()
    assert first["reasons"] == ["two candidates are close: a person decides"]
    assert first["evidence_problems"] == ["total not in email"]
    assert first["extracted"]["total"] == "1234.56"
    assert first["extracted"]["currency"] == "EUR"
    assert first["extracted"]["references"] == ["RPI-7712-4408-19"]
    assert first["extracted"]["evidence"] == [
        {"field": "total", "text": "Gesamtforderung 1.234,56 EUR", "source": "body"}
    ]
    top, second = first["candidates"]
    assert top["client_file_number"] == "BÖ-2024-0173"
    assert top["client_name"] == "Tamara Reinholz"
    assert top["creditor_name"] == "Modehaus Lindner KG"
    assert top["amount"] == "540.00" and top["currency"] == "EUR"
    assert top["score"] == 0.74 and top["reasons"] == ["sender domain", "client name"]
    assert second["client_file_number"] == "BÖ-2024-0200" and second["amount"] == "1200.50"
    json.dumps(items)  # the --json contract: plain JSON values only


def test_approve_applies_the_write_once_with_history_outbox_and_mirror(runtime: Runtime) -> None:
    ctx = runtime.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")
    email_id = add_email(ctx, key="a", total="934.56", candidates=two_candidates(ctx))  # +73 %: plausible
    queued_before = runtime.huey.pending_count()

    doc = review.approve(ctx, email_id=email_id, claim_id=target, amount_text=None, operator="anna")

    assert doc == {
        "email_id": email_id,
        "claim_id": target,
        "write_status": "applied",
        "applied": True,
        "message": f"applied: claim {target} 540.00 → 934.56 EUR",
        "old_amount": "540.00",
        "new_amount": "934.56",
        "requested_amount": "934.56",
        "currency": "EUR",
        "approved_by": "anna",
        "rejudged": [],  # no email waits on this one (review._rejudge_held_on)
    }
    with db.session_scope(ctx.db_url) as s:
        claim = s.get(Claim, target)
        assert claim.amount == Decimal("934.56") and claim.updated_by_email_id == email_id
        (update,) = s.scalars(select(ClaimUpdate)).all()
        assert (update.claim_id, update.email_id) == (target, email_id)
        assert (update.old_amount, update.new_amount) == (Decimal("540.00"), Decimal("934.56"))
        assert update.applied_by == "review:anna" and update.extractor == "rules"
        assert update.mirror_status == "pending"
        email = s.get(Email, email_id)
        assert email.match_status == "auto_matched" and email.matched_claim_id == target
        assert email.review_note == "approved by anna" and email.mirror_status == "pending"
        events = s.scalars(select(Event).where(Event.email_id == email_id, Event.kind == "review")).all()
        assert len(events) == 1 and "anna" in events[0].message and events[0].data["write_status"] == "applied"
        (notice,) = s.scalars(select(Outbox).where(Outbox.kind == "auto_match")).all()
        assert notice.email_id == email_id and notice.status == "pending"
        assert notice.subject == "Gläubiger-Antwort: Tamara Reinholz - Modehaus Lindner KG"
        assert "Freigegeben von: anna" in notice.body
    assert count(ctx, Outbox, Outbox.kind == "zendesk_note") == 0  # Zendesk not configured
    assert runtime.huey.pending_count() == queued_before + 2  # sync_mirror and deliver_outbox kicked
    assert review.pending(ctx) == []

    with pytest.raises(
        Refused, match=r"already reviewed: approved by anna at .*; your decision was not applied"
    ) as seen:
        review.approve(ctx, email_id=email_id, claim_id=target, amount_text=None, operator="ben")
    assert count(ctx, ClaimUpdate) == 1
    # times a person reads are the office's, named (display.at), never UTC: README "Operator commands"
    office_time = re.compile(r" at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} CES?T[:;]")
    assert office_time.search(str(seen.value)) and "UTC" not in str(seen.value), seen.value
    with pytest.raises(NeedsConfirmation, match="undoing another person's decision") as other:
        review.undo(ctx, email_id=email_id, operator="ben", role="admin")
    assert office_time.search(str(other.value)) and "+00:00" not in str(other.value), other.value
    assert other.value.context["at"].endswith("+00:00")  # the desk formats the machine form itself

    # the mirror catches up from the history row, once
    assert mirror_check.compare(ctx)["differences"][0]["problem"] == "mirror write pending"
    assert claims.sync_mirror(ctx, email_id) == {"applied": 1}
    assert claims.sync_mirror(ctx, email_id) == {}
    element = next(c for c in ctx.mirror.read_claims() if c.creditor_reference == "RPI-7712-4408-19")
    assert element.current_debt_amount == Decimal("934.56")
    assert len(element.update_keys) == 1
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Email, email_id).mirror_status == "mirrored"
    assert mirror_check.compare(ctx)["differences"] == []


@pytest.mark.parametrize(("text", "expected"), [("1.234,00", "1234.00"), ("999,5", "999.50"), ("77", "77.00")])
def test_approve_with_amount_override(runtime: Runtime, text: str, expected: str) -> None:
    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    email_id = add_email(ctx, key="a")

    # far from the claim's 80.00: a typed amount outside the plausibility bounds is confirmed
    doc = review.approve(
        ctx, email_id=email_id, claim_id=target, amount_text=text, operator="anna", confirm_change=True
    )

    assert doc["new_amount"] == expected and doc["old_amount"] == "80.00"
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal(expected)
        assert s.scalar(select(ClaimUpdate.new_amount)) == Decimal(expected)


def test_approve_without_extracted_amount_needs_one(runtime: Runtime) -> None:
    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    email_id = add_email(ctx, key="a", total=None)

    with pytest.raises(UsageError, match="no extracted amount; pass --amount"):
        review.approve(ctx, email_id=email_id, claim_id=target, amount_text=None, operator="anna")
    assert count(ctx, ClaimUpdate) == 0
    assert [i["id"] for i in review.pending(ctx)] == [email_id]  # still waiting

    doc = review.approve(
        ctx, email_id=email_id, claim_id=target, amount_text="12,34", operator="anna", confirm_change=True
    )
    assert doc["write_status"] == "applied" and doc["new_amount"] == "12.34"


def test_approve_with_an_unchanged_amount_closes_without_a_write(runtime: Runtime) -> None:
    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    email_id = add_email(ctx, key="a", total="80.00")

    doc = review.approve(ctx, email_id=email_id, claim_id=target, amount_text=None, operator="anna")

    assert doc["write_status"] == "unchanged"
    assert count(ctx, ClaimUpdate) == 0 and count(ctx, Outbox, Outbox.kind == "auto_match") == 0
    with db.session_scope(ctx.db_url) as s:
        email = s.get(Email, email_id)
        assert email.review_note == "approved by anna" and email.mirror_status == "not_needed"


def test_an_approved_email_is_no_longer_held_in_status(runtime: Runtime) -> None:
    from creditctl.services import status

    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    email_id = add_email(ctx, key="a", total="80.00")
    with db.session_scope(ctx.db_url) as s:
        email = s.get(Email, email_id)
        email.match = {**email.match, "hold_reasons": ["claims 1, 3 within 0.05 of each other"]}
    assert status.email_status(ctx, email_id)["hold_reasons"] == ["claims 1, 3 within 0.05 of each other"]

    review.approve(ctx, email_id=email_id, claim_id=target, amount_text=None, operator="anna")  # unchanged

    doc = status.email_status(ctx, email_id)
    assert doc["match_status"] == "auto_matched" and doc["hold_reasons"] == []  # README: empty when applied
    assert doc["match"]["hold_reasons"] == ["claims 1, 3 within 0.05 of each other"]  # why it was held, kept


def test_approve_queues_the_zendesk_note_when_configured(runtime: Runtime) -> None:
    ctx = runtime.ctx
    ctx.zendesk = RecordingZendesk()
    email_id = add_email(ctx, key="a", total="95.00")  # the Telekom claim stands at 80.00

    review.approve(ctx, email_id=email_id, claim_id=claim_id(ctx, "TK-1"), amount_text=None, operator="anna")

    with db.session_scope(ctx.db_url) as s:
        (note,) = s.scalars(select(Outbox).where(Outbox.kind == "zendesk_note")).all()
        assert note.payload == {"ticket_id": "4711", "tags": ["creditctl_auto_matched"]}
        assert "aktualisiert (applied)" in note.body


def test_reject_closes_without_changing_claims(runtime: Runtime) -> None:
    ctx = runtime.ctx
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))

    doc = review.reject(ctx, email_id=email_id, reason="  letter for  another client ", operator="anna")

    assert doc == {
        "email_id": email_id,
        "status": "rejected",
        "reason": "letter for another client",
        "by": "anna",
        "claim_kept": None,  # no claim holds a figure of this email
        "rejudged": [],
    }
    with db.session_scope(ctx.db_url) as s:
        email = s.get(Email, email_id)
        assert email.review_note == "rejected by anna: letter for another client"
        assert email.match_status == "needs_review" and email.matched_claim_id is None
        assert (
            s.scalar(select(Event.message).where(Event.email_id == email_id, Event.kind == "review"))
            == "rejected by anna: letter for another client"
        )
        amounts = dict(s.execute(select(Claim.creditor_reference, Claim.amount)).all())
    assert amounts == {
        "RPI-7712-4408-19": Decimal("540.00"),
        "TK-1": Decimal("80.00"),
        "RPI-9999-0001-02": Decimal("1200.50"),
        "SW-58-2231": Decimal("1260.80"),
    }
    assert count(ctx, ClaimUpdate) == 0 and count(ctx, Outbox) == 0
    assert review.pending(ctx) == []
    with pytest.raises(Refused, match="already reviewed"):
        review.reject(ctx, email_id=email_id, reason="again", operator="ben")
    with pytest.raises(Refused, match="already reviewed"):
        review.approve(ctx, email_id=email_id, claim_id=claim_id(ctx, "TK-1"), amount_text=None, operator="ben")
    assert count(ctx, ClaimUpdate) == 0


def test_refusals_leave_everything_unchanged(runtime: Runtime) -> None:
    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    waiting = add_email(ctx, key="a")
    in_flight = add_email(ctx, key="b", processing_status="extracted")
    automatic = add_email(ctx, key="c", match_status="auto_matched")
    dollars = add_email(ctx, key="d", currency="USD")

    with pytest.raises(NotFoundError, match="email 9999"):
        review.approve(ctx, email_id=9999, claim_id=target, amount_text=None, operator="anna")
    with pytest.raises(NotFoundError, match="claim 9999"):
        review.approve(ctx, email_id=waiting, claim_id=9999, amount_text=None, operator="anna")
    with pytest.raises(Refused, match="not waiting for review: it is extracted"):
        review.approve(ctx, email_id=in_flight, claim_id=target, amount_text=None, operator="anna")
    with pytest.raises(Refused, match="match status auto_matched"):
        review.reject(ctx, email_id=automatic, reason="no", operator="anna")
    with pytest.raises(Refused, match="in USD, the claim in EUR"):
        review.approve(ctx, email_id=dollars, claim_id=target, amount_text=None, operator="anna")
    # ("1.234" is the German thousand now: tests/unit/test_review_amount.py)
    for bad in ("1.234.56", "1.2345", "-5", "5 CR", "abc", "", "12 or 13"):
        with pytest.raises(UsageError):
            review.approve(ctx, email_id=waiting, claim_id=target, amount_text=bad, operator="anna")
    with pytest.raises(UsageError, match="implausible"):
        review.approve(ctx, email_id=waiting, claim_id=target, amount_text="99999999", operator="anna")
    with pytest.raises(UsageError, match="reason"):
        review.reject(ctx, email_id=waiting, reason="   ", operator="anna")
    with pytest.raises(NotFoundError):
        review.reject(ctx, email_id=9999, reason="x", operator="anna")

    assert count(ctx, ClaimUpdate) == 0 and count(ctx, Outbox) == 0
    assert count(ctx, Event, Event.kind == "review") == 0
    assert [i["id"] for i in review.pending(ctx)] == [waiting, dollars]


def test_approving_an_older_letter_does_not_overwrite_a_newer_answer(runtime: Runtime) -> None:
    """A newer email's write wins, and every face says so: not applied, the email keeps
    waiting, the action log records the attempt without an arrow of a change."""
    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    older = add_email(ctx, key="old", total="100.00", received_at=RECEIVED)
    newer = add_email(ctx, key="new", total="150.00", received_at=RECEIVED + timedelta(days=3))
    assert (
        review.approve(ctx, email_id=newer, claim_id=target, amount_text=None, operator="anna")["write_status"]
        == "applied"
    )

    doc = review.approve(ctx, email_id=older, claim_id=target, amount_text="120,00", operator="ben")

    assert doc["write_status"] == "superseded" and doc["applied"] is False
    assert doc["message"] == f"not applied: email {newer} (newer) set 150.00 on 2025-03-07; the claim stays 150.00"
    assert (doc["old_amount"], doc["new_amount"], doc["requested_amount"]) == ("150.00", "150.00", "120.00")
    assert doc["newer_email_id"] == newer
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal("150.00")
        email = s.get(Email, older)
        assert email.review_note is None and email.match_status == "needs_review"  # still waiting
    assert [i["id"] for i in review.pending(ctx)] == [older]
    (logged, _approved) = review.action_log(ctx, limit=2)
    assert logged["action"] == "not_applied" and logged["person"] == "ben"
    assert logged["old_amount"] is None and logged["new_amount"] is None  # nothing changed: no arrow
    assert "not applied: email" in logged["reason"] and "the claim stays 150.00" in logged["reason"]
    assert count(ctx, ClaimUpdate) == 1 and count(ctx, Outbox, Outbox.kind == "auto_match") == 1


def test_approving_a_copy_of_an_old_reply_does_not_undo_a_newer_one(runtime: Runtime) -> None:
    """A copy of a reply posted again on another ticket is as old as its first arrival
    (``claims.first_arrival``, the worker's rule): approving the copy after a newer reply set
    the claim is refused, and ``review show`` says so before and offers no figure."""
    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    first = add_email(ctx, key="first", total="100.00", received_at=RECEIVED, content_key="same-reply")
    newer = add_email(ctx, key="newer", total="150.00", received_at=RECEIVED + timedelta(minutes=4))
    copy = add_email(
        ctx, key="copy", total="100.00", received_at=RECEIVED + timedelta(days=1), content_key="same-reply"
    )
    for email_id in (first, newer):
        assert review.approve(ctx, email_id=email_id, claim_id=target, amount_text=None, operator="anna")["applied"]

    shown = review.detail(ctx, copy)
    assert shown["offer"]["amount"] is None and shown["default_amount"] is None
    note = f"claim {target}: email {newer} (newer) set 150.00; approving this reply needs --override-newer"
    assert note in shown["warnings"] and note in shown["offer"]["withheld"]
    assert next(c for c in shown["candidates"] if c["claim_id"] == target)["newer"]["email_id"] == newer

    doc = review.approve(ctx, email_id=copy, claim_id=target, amount_text=None, operator="ben")
    assert doc["applied"] is False and doc["write_status"] == "superseded"
    assert doc["message"].startswith(f"not applied: email {newer} (newer) set 150.00")
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal("150.00")
    # an unrelated reply of the same day with no earlier copy is not affected
    assert review.detail(ctx, newer)["candidates"][0].get("newer") is None


def sale_pending(ctx: AppContext) -> tuple[int, int, int]:
    """(the claim, the waiting email reporting it sold, a later reply of 100.00 onto it)."""
    target = claim_id(ctx, "TK-1")
    sale = add_email(ctx, key="sale", total=None)
    reply = add_email(ctx, key="reply", total="100.00", received_at=RECEIVED + timedelta(hours=1))
    with db.session_scope(ctx.db_url) as s:
        row = s.get(Email, sale)
        row.match = {**row.match, "about_claim_id": target, "hold_reasons": ["claim sold or assigned to a new holder"]}
    return target, sale, reply


def test_approving_onto_a_claim_another_waiting_email_reports_sold_needs_confirmation(runtime: Runtime) -> None:
    """While a sale report for the claim waits for a person (``decide.handover_hold``, the
    worker's hold), ``review show`` says so and an approval onto it needs a confirmation."""
    ctx = runtime.ctx
    target, sale, reply = sale_pending(ctx)
    said = f"claim {target} reported sold or assigned in email {sale}, waiting for review: a person decides"
    assert said in review.detail(ctx, reply)["warnings"]

    with pytest.raises(NeedsConfirmation, match=f"reported sold or assigned in email {sale}"):
        review.approve(ctx, email_id=reply, claim_id=target, amount_text=None, operator="ben")
    assert count(ctx, ClaimUpdate) == 0
    doc = review.approve(ctx, email_id=reply, claim_id=target, amount_text=None, operator="ben", confirm_sale=True)
    assert doc["applied"] is True


def test_override_newer_applies_deliberately_and_is_logged(runtime: Runtime) -> None:
    ctx = runtime.ctx
    target = claim_id(ctx, "TK-1")
    older = add_email(ctx, key="old", total="100.00", received_at=RECEIVED)
    newer = add_email(ctx, key="new", total="150.00", received_at=RECEIVED + timedelta(days=3))
    review.approve(ctx, email_id=newer, claim_id=target, amount_text=None, operator="anna")

    doc = review.approve(
        ctx, email_id=older, claim_id=target, amount_text="120,00", operator="ben", override_newer=True
    )

    assert doc["write_status"] == "applied" and doc["applied"] is True
    assert (doc["old_amount"], doc["new_amount"]) == ("150.00", "120.00")
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal("120.00")
        assert s.get(Email, older).review_note == "approved by ben"
    logged = review.action_log(ctx, limit=1)[0]
    assert logged["action"] == "approve" and logged["override"] is True
    assert logged["reason"].startswith(f"override-newer: applied over email {newer} (newer), which had set 150.00")


def test_a_typed_amount_outside_the_plausibility_bounds_needs_confirmation(runtime: Runtime) -> None:
    """The gate's bounds (settings: +100 % / -50 %) apply to an amount a person types."""
    from creditctl.exceptions import NeedsConfirmation

    ctx = runtime.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")  # 540.00
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))

    with pytest.raises(NeedsConfirmation, match=r"amount 1705.00 is a rise of 216% from the claim's 540.00"):
        review.approve(ctx, email_id=email_id, claim_id=target, amount_text="1.705,00", operator="anna")
    with pytest.raises(NeedsConfirmation, match=r"--confirm-change"):
        review.approve(ctx, email_id=email_id, claim_id=target, amount_text="200,00", operator="anna")
    assert count(ctx, ClaimUpdate) == 0 and [i["id"] for i in review.pending(ctx)] == [email_id]

    doc = review.approve(
        ctx, email_id=email_id, claim_id=target, amount_text="1.705,00", operator="anna", confirm_change=True
    )

    assert doc["write_status"] == "applied" and doc["new_amount"] == "1705.00"
    assert review.action_log(ctx, limit=1)[0]["reason"].startswith("change confirmed: amount 1705.00 is a rise")


def test_the_read_figure_outside_the_bounds_needs_confirmation_too(runtime: Runtime) -> None:
    """``approve`` without an amount applies the figure read from the reply: the same
    plausibility check as a typed one (one rule for the CLI and the desk)."""
    from creditctl.exceptions import NeedsConfirmation

    ctx = runtime.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")  # 540.00; the reading says 1234.56 (+129 %)
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))

    with pytest.raises(NeedsConfirmation, match=r"amount 1234.56 is a rise of .* from the claim's 540.00"):
        review.approve(ctx, email_id=email_id, claim_id=target, amount_text=None, operator="anna")
    assert count(ctx, ClaimUpdate) == 0 and [i["id"] for i in review.pending(ctx)] == [email_id]

    doc = review.approve(
        ctx, email_id=email_id, claim_id=target, amount_text=None, operator="anna", confirm_change=True
    )
    assert doc["write_status"] == "applied" and doc["new_amount"] == "1234.56"
    assert review.action_log(ctx, limit=1)[0]["reason"].startswith("change confirmed: amount 1234.56 is a rise")


def test_a_typed_amount_within_the_bounds_needs_no_confirmation(runtime: Runtime) -> None:
    ctx = runtime.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")  # 540.00: 280.00 (-48 %) and 1080.00 (+100 %) are within
    first = add_email(ctx, key="a", candidates=two_candidates(ctx))
    assert review.approve(ctx, email_id=first, claim_id=target, amount_text="1080,00", operator="anna")["applied"]


def test_an_unknown_claim_says_where_the_candidates_are(runtime: Runtime) -> None:
    ctx = runtime.ctx
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))
    with pytest.raises(NotFoundError, match=rf"claim 99 does not exist; .* `creditctl review show {email_id}`"):
        review.approve(ctx, email_id=email_id, claim_id=99, amount_text=None, operator="anna")


def test_two_operators_approving_at_once_write_once(runtime: Runtime) -> None:
    import threading

    ctx = runtime.ctx
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))
    targets = {"anna": claim_id(ctx, "RPI-7712-4408-19"), "ben": claim_id(ctx, "RPI-9999-0001-02")}
    outcomes: dict[str, str] = {}
    start = threading.Barrier(2)

    def run(who: str) -> None:
        start.wait()
        try:
            outcomes[who] = review.approve(
                ctx, email_id=email_id, claim_id=targets[who], amount_text=None, operator=who
            )["write_status"]
        except Refused as exc:
            outcomes[who] = f"refused: {exc.message}"

    threads = [threading.Thread(target=run, args=(who,)) for who in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted(v.split(":")[0] for v in outcomes.values()) == ["applied", "refused"]
    assert count(ctx, ClaimUpdate) == 1 and count(ctx, Event, Event.kind == "review") == 1
    winner = next(who for who, v in outcomes.items() if v == "applied")
    with db.session_scope(ctx.db_url) as s:
        email = s.get(Email, email_id)
        assert email.matched_claim_id == targets[winner] and email.review_note == f"approved by {winner}"


def test_the_portals_response_text_names_the_replys_day_in_the_office_zone() -> None:
    """23:30 UTC on 6 December is 7 December in Berlin: the client portal's text says the 7th."""
    email = Email(subject="Ihr Schreiben", received_at=datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    update = ClaimUpdate(new_amount=Decimal("1900.00"), currency="EUR")
    text = claims._summary(email, update, "Europe/Berlin")
    assert text == "1900.00 EUR laut Antwort vom 07.12.2026 (Ihr Schreiben)"
    assert "06.12.2026" in claims._summary(email, update, "UTC")
