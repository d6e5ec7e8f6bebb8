"""The gate table: reply kind × total × match × checks → apply or hold, with reasons."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import Amounts, ExtractionResult, ReplyKind
from creditctl.pipeline.gate import decide
from creditctl.pipeline.matching_types import MatchResult, MatchStatus
from creditctl.pipeline.safety import Reading, SafetyReport

AUTO = MatchResult(MatchStatus.AUTO_MATCHED, claim_id=7, score=0.95, reason="creditor reference matches")
CLOSE = MatchResult(MatchStatus.NEEDS_REVIEW, score=0.9, reason="claims 7, 8 within 0.10 of each other")
NONE = MatchResult(MatchStatus.NO_MATCH, reason="no claim matches the client evidence")
CLEAN = SafetyReport(readings=(Reading("primary (rules)", Decimal("498.20")),))


def reading(
    kind: ReplyKind, total: str | None, *, currency: str | None = "EUR", confidence: float = 0.6, reply: bool = True
) -> ExtractionResult:
    return ExtractionResult(
        is_creditor_reply=reply,
        reply_kind=kind,
        confidence=confidence,
        currency=currency,
        amounts=Amounts(total=Decimal(total) if total is not None else None),
    )


@pytest.mark.parametrize(
    ("kind", "total", "currency", "applies", "amount", "reason_part"),
    [
        (ReplyKind.CLAIM_STATEMENT, "498.20", "EUR", True, "498.20", None),
        (ReplyKind.CLAIM_STATEMENT, None, None, False, None, "no claim total found"),
        (ReplyKind.CLAIM_SETTLED, None, None, True, "0.00", None),  # settled without a total: 0.00
        (ReplyKind.CLAIM_SETTLED, "0.00", "EUR", True, "0.00", None),
        (ReplyKind.CLAIM_SETTLED, "318.20", "EUR", False, None, "reads as settled but states a total"),
        (ReplyKind.DOCUMENT_REQUEST, "2512.40", "EUR", True, "2512.40", None),
        (ReplyKind.DOCUMENT_REQUEST, None, None, False, None, "reply is document request and states no current total"),
        (ReplyKind.SETTLEMENT_PROPOSAL, "5712.90", "EUR", True, "5712.90", None),
        (
            ReplyKind.SETTLEMENT_PROPOSAL,
            None,
            None,
            False,
            None,
            "reply is settlement proposal and states no current total",
        ),
        (ReplyKind.DISPUTE, "498.20", "EUR", False, None, "dispute"),
        (ReplyKind.CLIENT_UNKNOWN, None, None, False, None, "cannot identify the client"),
        (ReplyKind.CLAIM_ASSIGNED, "512.30", "EUR", False, None, "claim sold or assigned to a new holder"),
        (ReplyKind.ENFORCEMENT, "4402.10", "EUR", False, None, "court or bailiff"),
        (
            ReplyKind.OTHER,
            "498.20",
            "EUR",
            False,
            None,
            "total 498.20 was read, but the reply's wording reads as no claim",
        ),
        (ReplyKind.OTHER, None, None, False, None, "reply states no claim: a person decides"),
        (ReplyKind.CLAIM_STATEMENT, "498.20", None, False, None, "currency not stated"),
        (ReplyKind.CLAIM_STATEMENT, "498.20", "CHF", False, None, "differs from the claim's EUR"),
        (ReplyKind.CLAIM_STATEMENT, "-150.00", "EUR", False, None, "implausible total"),
    ],
)
def test_gate_table(kind, total, currency, applies, amount, reason_part) -> None:
    verdict = decide(reading(kind, total, currency=currency), AUTO, [], claim_currency="EUR", safety=CLEAN)
    assert verdict.apply is applies
    assert verdict.match_status == (MatchStatus.AUTO_MATCHED if applies else MatchStatus.NEEDS_REVIEW)
    if applies:
        assert verdict.claim_id == 7 and verdict.amount == Decimal(amount)
    else:
        assert verdict.claim_id is None and verdict.amount is None
        assert any(reason_part in r for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize("kind", [ReplyKind.DOCUMENT_REQUEST, ReplyKind.SETTLEMENT_PROPOSAL])
def test_request_or_offer_beside_the_total_is_noted(kind) -> None:
    verdict = decide(reading(kind, "2512.40"), AUTO, [], claim_currency="EUR", safety=CLEAN)
    assert verdict.apply and verdict.notes


def test_no_blanket_confidence_cut_off_but_a_floor() -> None:
    assert decide(reading(ReplyKind.CLAIM_STATEMENT, "498.20", confidence=0.5), AUTO, [], safety=CLEAN).apply
    low = decide(reading(ReplyKind.CLAIM_STATEMENT, "498.20", confidence=0.2), AUTO, [], safety=CLEAN)
    assert not low.apply and any("below the floor 0.30" in r for r in low.reasons)


def test_component_evidence_problems_are_noted_not_held() -> None:
    problems = [
        "amounts.costs: 35.00 does not appear in its evidence",
        "amounts.interest: 12.40 has no evidence",
        "statement_date: 2026-11-02 has no evidence",
    ]
    verdict = decide(reading(ReplyKind.CLAIM_STATEMENT, "498.20"), AUTO, problems, safety=CLEAN)
    assert verdict.apply
    assert all(any(p in n for n in verdict.notes) for p in problems)


@pytest.mark.parametrize(
    "problem",
    [
        "amounts.total: 498.20 does not appear in its evidence",
        "creditor_name: 'X GmbH' has no evidence",
        "client_name: 'Tamara Reinholz' does not appear in its evidence",
        "creditor_references: 'RPI-1' does not appear in its evidence",
        "currency: EUR has no evidence",
    ],
)
def test_total_and_identity_evidence_problems_hold(problem: str) -> None:
    verdict = decide(reading(ReplyKind.CLAIM_STATEMENT, "498.20"), AUTO, [problem], safety=CLEAN)
    assert not verdict.apply and f"evidence: {problem}" in verdict.reasons


def test_every_safety_reason_holds_and_is_named() -> None:
    report = SafetyReport(
        reasons=("the readings of the total disagree: primary (rules) 18.75, html_inline_joined 4018.75",),
        readings=(Reading("primary (rules)", Decimal("18.75")), Reading("html_inline_joined", Decimal("4018.75"))),
        disagreement=True,
    )
    verdict = decide(reading(ReplyKind.CLAIM_STATEMENT, "18.75", confidence=0.9), AUTO, [], safety=report)
    assert not verdict.apply and report.reasons[0] in verdict.reasons
    assert verdict.readings == (
        {"source": "primary (rules)", "total": "18.75"},
        {"source": "html_inline_joined", "total": "4018.75"},
    )


def test_injection_and_credit_flags_travel_with_the_verdict() -> None:
    report = SafetyReport(
        reasons=("text addresses the system or tries to set an outcome: 'x'",), injection=True, credit=True
    )
    verdict = decide(reading(ReplyKind.CLAIM_STATEMENT, "498.20"), AUTO, [], safety=report)
    assert not verdict.apply and verdict.injection and verdict.credit


def test_uncertain_match_holds_and_no_match_closes() -> None:
    held = decide(reading(ReplyKind.CLAIM_STATEMENT, "498.20"), CLOSE, [], safety=CLEAN)
    assert not held.apply and held.match_status == MatchStatus.NEEDS_REVIEW and CLOSE.reason in held.reasons
    closed = decide(reading(ReplyKind.CLAIM_STATEMENT, "498.20"), NONE, [], safety=CLEAN)
    assert not closed.apply and closed.match_status == MatchStatus.NO_MATCH


def test_not_a_creditor_reply() -> None:
    verdict = decide(reading(ReplyKind.AUTO_REPLY, None, reply=False), None, [], safety=None)
    assert verdict.processing_status == "not_creditor_reply" and not verdict.apply


@pytest.mark.parametrize(
    ("reply", "match"),
    [
        (False, None),  # a bailiff's notice: not a creditor reply, never matched
        (True, NONE),  # a creditor reporting enforcement, no claim matched
    ],
)
def test_enforcement_mail_is_never_closed_unseen(reply: bool, match: MatchResult | None) -> None:
    from creditctl.pipeline.gate import ENFORCEMENT_MAIL

    verdict = decide(reading(ReplyKind.ENFORCEMENT, "1230.00", reply=reply), match, [], safety=CLEAN)
    assert (verdict.processing_status, verdict.match_status, verdict.apply) == (
        "completed",
        MatchStatus.NEEDS_REVIEW,
        False,
    )
    assert verdict.reasons[0] == ENFORCEMENT_MAIL
    assert "court" in ENFORCEMENT_MAIL and "person" in ENFORCEMENT_MAIL


def test_enforcement_mail_matched_keeps_its_kind_reason() -> None:
    verdict = decide(reading(ReplyKind.ENFORCEMENT, "1230.00"), AUTO, [], safety=CLEAN)
    assert not verdict.apply and verdict.match_status == MatchStatus.NEEDS_REVIEW
    assert "court or bailiff enforcement: a person decides" in verdict.reasons
