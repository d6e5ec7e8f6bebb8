"""Review desk services on both backend pairs: candidate-only approval and the admin
override, undo with a compensating history row (mirrored), the 24-hour rule, the
amount offer withheld for injected or unverified figures, the action log, and desk
accounts (argon2, sessions, rate-limited sign-in)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from creditctl import db
from creditctl.adapters.mirror import MongoMirror
from creditctl.exceptions import NeedsConfirmation, Refused, UsageError
from creditctl.models import (
    Claim,
    ClaimUpdate,
    DeskUser,
    Email,
    Event,
    Outbox,
    ReviewAction,
    utcnow,
)
from creditctl.services import claims, clients, mirror_check, review, users
from tests.helpers import Env, make_env
from tests.integration.test_review_service import (
    CLIENTS,
    RECEIVED,
    add_email,
    claim_id,
    count,
    seed_mirror,
    two_candidates,
)


@pytest.fixture
def desk(tmp_path: Path, backend: str, mongo_mirror: MongoMirror) -> Iterator[Env]:
    mirror = mongo_mirror  # the one MongoDB fixture (tests/conftest.py)
    environment = make_env(tmp_path, backend, ctx_kwargs={"mirror": mirror})
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(environment.ctx, path=path)
    seed_mirror(mirror)
    try:
        yield environment
    finally:
        environment.close()


def amount_of(ctx, ref: str) -> Decimal:
    with db.session_scope(ctx.db_url) as s:
        return s.scalar(select(Claim.amount).where(Claim.creditor_reference == ref))


def test_a_claim_outside_the_candidates_needs_an_admin_override_with_a_reason(desk: Env) -> None:
    ctx = desk.ctx
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))
    other = claim_id(ctx, "SW-58-2231")

    with pytest.raises(Refused, match="not a candidate"):
        review.approve(ctx, email_id=email_id, claim_id=other, amount_text="1.00", operator="anna", role="admin")
    with pytest.raises(Refused, match="only an admin"):
        review.approve(
            ctx,
            email_id=email_id,
            claim_id=other,
            amount_text="1.00",
            operator="rita",
            role="reviewer",
            override=True,
            reason="phone call",
        )
    with pytest.raises(UsageError, match="reason"):
        review.approve(
            ctx,
            email_id=email_id,
            claim_id=other,
            amount_text="1.00",
            operator="anna",
            role="admin",
            override=True,
            reason="  ",
        )
    assert amount_of(ctx, "SW-58-2231") == Decimal("1260.80") and count(ctx, ClaimUpdate) == 0
    assert count(ctx, ReviewAction) == 0
    # Stadtwerke is not the sender's creditor: the override says so and needs a second confirmation
    override = {
        "email_id": email_id,
        "claim_id": other,
        "amount_text": "995,00",
        "operator": "anna",
        "role": "admin",
        "channel": "desk",
        "override": True,
        "reason": "creditor confirmed by phone",
    }
    with pytest.raises(NeedsConfirmation, match="creditor Stadtwerke Musterstadt GmbH does not fit the sender") as exc:
        review.approve(ctx, **override)
    assert exc.value.context["mismatch"]
    assert amount_of(ctx, "SW-58-2231") == Decimal("1260.80") and count(ctx, ReviewAction) == 0

    doc = review.approve(ctx, **override, confirm_mismatch=True)
    assert doc["write_status"] == "applied" and amount_of(ctx, "SW-58-2231") == Decimal("995.00")
    (action,) = review.action_log(ctx)
    assert action["action"] == "approve" and action["person"] == "anna" and action["override"] is True
    assert action["reason"].startswith("creditor confirmed by phone; mismatch confirmed: claim ")
    assert action["channel"] == "desk"
    with db.session_scope(ctx.db_url) as s:
        (event,) = s.scalars(select(Event).where(Event.email_id == email_id, Event.kind == "review")).all()
        assert "does not fit the sender" in event.data["mismatch_confirmed"][0]
    assert (action["old_amount"], action["new_amount"]) == ("1260.80", "995.00")


def test_undo_restores_the_amount_with_a_compensating_mirrored_row_and_requeues(desk: Env) -> None:
    ctx = desk.ctx
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))
    target = claim_id(ctx, "RPI-7712-4408-19")
    # 540.00 → 1234.56 (+129 %) is outside the plausibility bounds: confirmed
    review.approve(
        ctx, email_id=email_id, claim_id=target, amount_text=None, operator="rita", role="reviewer", confirm_change=True
    )
    claims.sync_mirror(ctx, email_id)
    assert amount_of(ctx, "RPI-7712-4408-19") == Decimal("1234.56")

    doc = review.undo(ctx, email_id=email_id, operator="rita", role="reviewer", channel="desk")

    assert doc == {
        "email_id": email_id,
        "undone": "update",
        "claim_id": target,
        "restored_amount": "540.00",
        "replaced_amount": "1234.56",
        "currency": "EUR",
        "by": "rita",
        "rejudged": [],  # no other email waits about this claim
    }
    assert amount_of(ctx, "RPI-7712-4408-19") == Decimal("540.00")
    with db.session_scope(ctx.db_url) as s:
        first, compensating = s.scalars(select(ClaimUpdate).order_by(ClaimUpdate.id)).all()
        assert (compensating.old_amount, compensating.new_amount) == (Decimal("1234.56"), Decimal("540.00"))
        assert compensating.reverts_update_id == first.id and first.reverted_by_update_id == compensating.id
        assert compensating.applied_by == "undo:rita" and compensating.mirror_status == "pending"
        email = s.get(Email, email_id)
        assert email.review_note is None and email.match_status == "needs_review"
        assert email.matched_claim_id is None
    assert [i["id"] for i in review.pending(ctx)] == [email_id]
    # the mirror follows through the same outbox
    assert claims.sync_mirror(ctx, email_id) == {"applied": 1}
    element = next(c for c in ctx.mirror.read_claims() if c.creditor_reference == "RPI-7712-4408-19")
    assert element.current_debt_amount == Decimal("540.00")
    assert mirror_check.compare(ctx)["differences"] == []
    # nothing left to undo; approving again writes again (a fresh idempotency key)
    with pytest.raises(Refused, match="no applied claim update"):
        review.undo(ctx, email_id=email_id, operator="rita", role="reviewer")
    again = review.approve(
        ctx, email_id=email_id, claim_id=target, amount_text=None, operator="rita", role="reviewer", confirm_change=True
    )
    assert again["write_status"] == "applied" and amount_of(ctx, "RPI-7712-4408-19") == Decimal("1234.56")
    assert [a["action"] for a in review.action_log(ctx)] == ["approve", "undo", "approve"]
    with db.session_scope(ctx.db_url) as s:  # each decision is noted for the office, the undo included
        subjects = [o.subject for o in s.scalars(select(Outbox).where(Outbox.kind == "auto_match").order_by(Outbox.id))]
    assert len(subjects) == 3 and subjects[1].startswith("Rückgängig gemacht: E-Mail")
    assert subjects[2].startswith("Erneut freigegeben")


def test_a_reviewer_may_undo_only_within_24_hours_an_admin_any_time(desk: Env) -> None:
    ctx = desk.ctx
    email_id = add_email(ctx, key="a", candidates=two_candidates(ctx))
    review.approve(
        ctx,
        email_id=email_id,
        claim_id=claim_id(ctx, "RPI-7712-4408-19"),
        amount_text=None,
        operator="rita",
        role="reviewer",
        confirm_change=True,
    )
    with db.session_scope(ctx.db_url) as s:
        s.execute(update(ClaimUpdate).values(created_at=utcnow() - timedelta(hours=25)))

    with pytest.raises(Refused, match="older than 24 hours"):
        review.undo(ctx, email_id=email_id, operator="rita", role="reviewer")
    assert amount_of(ctx, "RPI-7712-4408-19") == Decimal("1234.56") and count(ctx, ClaimUpdate) == 1

    # rita's decision: anna's undo needs a confirmation, and nothing changes without it
    with pytest.raises(NeedsConfirmation, match="approved by rita") as exc:
        review.undo(ctx, email_id=email_id, operator="anna", role="admin")
    assert exc.value.context["decided_by"] == "rita" and exc.value.context["action"] == "approve"
    assert amount_of(ctx, "RPI-7712-4408-19") == Decimal("1234.56") and count(ctx, ClaimUpdate) == 1
    done = review.undo(ctx, email_id=email_id, operator="anna", role="admin", confirm_other=True)
    assert done["restored_amount"] == "540.00"


def test_undo_refuses_when_a_later_update_changed_the_claim(desk: Env) -> None:
    ctx = desk.ctx
    target = claim_id(ctx, "TK-1")
    first = add_email(ctx, key="a", total="100.00")
    second = add_email(ctx, key="b", total="150.00", received_at=RECEIVED + timedelta(days=1))
    review.approve(ctx, email_id=first, claim_id=target, amount_text=None, operator="anna")
    review.approve(ctx, email_id=second, claim_id=target, amount_text=None, operator="anna")

    # named by the later change's EMAIL (what `review undo` takes), with its update id
    with pytest.raises(Refused, match=rf"changed after this email's update: email {second} set it to 150.00 EUR "):
        review.undo(ctx, email_id=first, operator="anna")
    with pytest.raises(Refused, match=rf"\(update \d+\); undo that one first \(`creditctl review undo {second}`\)"):
        review.undo(ctx, email_id=first, operator="anna")
    assert amount_of(ctx, "TK-1") == Decimal("150.00")
    review.undo(ctx, email_id=second, operator="anna")
    review.undo(ctx, email_id=first, operator="anna")
    assert amount_of(ctx, "TK-1") == Decimal("80.00")


def test_undo_reopens_a_rejection(desk: Env) -> None:
    ctx = desk.ctx
    email_id = add_email(ctx, key="a")
    review.reject(ctx, email_id=email_id, reason="wrong client", operator="rita", role="reviewer")
    assert review.pending(ctx) == []
    assert review.undo(ctx, email_id=email_id, operator="rita", role="reviewer")["undone"] == "rejection"
    assert [i["id"] for i in review.pending(ctx)] == [email_id]


def test_the_offer_is_withheld_for_an_injected_or_unverified_amount(desk: Env) -> None:
    ctx = desk.ctx
    clean = add_email(ctx, key="a")
    unverified = add_email(ctx, key="b", evidence_problems=["total not found in the email"])
    injected = add_email(ctx, key="c", total="99999.00")
    with db.session_scope(ctx.db_url) as s:
        email = s.get(Email, injected)
        email.extraction = {
            **email.extraction,
            "warnings": ["text addressing an AI system was found and ignored (treated as data)"],
        }

    offers = {i["id"]: i["offer"] for i in review.pending(ctx)}
    assert offers[clean] == {"amount": "1234.56", "withheld": []}
    assert offers[unverified]["amount"] is None and "evidence" in offers[unverified]["withheld"][0]
    assert offers[injected]["amount"] is None and "prompt injection" in offers[injected]["withheld"][0]
    with pytest.raises(Refused, match="safety checks") as refused:  # refused (exit 1), not a usage error (2)
        review.approve(ctx, email_id=injected, claim_id=claim_id(ctx, "TK-1"), amount_text=None, operator="anna")
    assert not isinstance(refused.value, UsageError) and refused.value.exit_code == 1
    assert amount_of(ctx, "TK-1") == Decimal("80.00")
    # a person who read the email may still type the figure
    assert (
        review.approve(ctx, email_id=injected, claim_id=claim_id(ctx, "TK-1"), amount_text="120,00", operator="anna")[
            "new_amount"
        ]
        == "120.00"
    )
    detail = review.detail(ctx, unverified)
    assert any("evidence" in w for w in detail["warnings"]) and detail["waiting"] is True


def test_pending_filters(desk: Env) -> None:
    ctx = desk.ctx
    a = add_email(ctx, key="a", candidates=two_candidates(ctx))
    b = add_email(ctx, key="b", evidence_problems=["total not found in the email"])
    assert [i["id"] for i in review.pending(ctx, reason="candidates are close")] == [a, b]
    assert [i["id"] for i in review.pending(ctx, reason="not found")] == [b]
    assert [i["id"] for i in review.pending(ctx, creditor="telekom")] == [b]
    assert [i["id"] for i in review.pending(ctx, creditor="nobody")] == []
    assert [i["id"] for i in review.pending(ctx, limit=1)] == [a]


def test_accounts_sign_in_sessions_and_rate_limit(desk: Env) -> None:
    ctx = desk.ctx
    users.add_user(ctx, name="anna", password="correct horse battery", role="admin")
    with pytest.raises(Refused, match="exists"):
        users.add_user(ctx, name="anna", password="another long one", role="reviewer")
    with pytest.raises(UsageError, match="at least"):
        users.add_user(ctx, name="ben", password="short", role="reviewer")
    with db.session_scope(ctx.db_url) as s:
        assert s.scalar(select(DeskUser.password_hash)).startswith("$argon2id$")

    token, person = users.sign_in(ctx, name="anna", password="correct horse battery", address="10.0.0.1")
    assert person.role == "admin" and users.session_person(ctx, token) == person
    users.sign_out(ctx, token)
    assert users.session_person(ctx, token) is None

    for _ in range(users.MAX_FAILURES_PER_ACCOUNT):
        with pytest.raises(users.LoginRefused):
            users.sign_in(ctx, name="anna", password="wrong", address="10.0.0.2")
    with pytest.raises(users.TooManyAttempts):  # even the right password, until the window passes
        users.sign_in(ctx, name="anna", password="correct horse battery", address="10.0.0.3")

    users.add_user(ctx, name="rita", password="another long one", role="reviewer")
    token, _ = users.sign_in(ctx, name="rita", password="another long one", address="10.0.0.4")
    assert users.disable_user(ctx, name="rita")["sessions_ended"] == 1
    assert users.session_person(ctx, token) is None
    with pytest.raises(users.LoginRefused):
        users.sign_in(ctx, name="rita", password="another long one", address="10.0.0.4")


def test_the_safety_layers_flags_withhold_the_offer() -> None:
    """The one rule takes flags from the extraction, the match and the email row."""
    extraction = {"amounts": {"total": "812.40"}, "currency": "EUR", "evidence_problems": [], "warnings": []}
    assert review.amount_offer(extraction, None, "EUR") == {"amount": "812.40", "withheld": []}
    held = review.amount_offer(extraction, {"flags": ["prompt_injection"]}, "EUR")
    assert held["amount"] is None and "prompt injection" in held["withheld"][0]
    held = review.amount_offer(extraction, None, "EUR", ["hidden_text"])
    assert held == {"amount": None, "withheld": ["flag: hidden_text"]}
    assert review.amount_offer(extraction, None, "CHF")["amount"] is None
