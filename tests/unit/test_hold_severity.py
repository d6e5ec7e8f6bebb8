"""Hold reasons are listed most severe first (pipeline.gate.by_severity): the safety flags
— injection, dispute, enforcement, sale, credit — before the reading's problems,
plausibility and matching, so every face that shows "the" reason shows the severe one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import Amounts, ExtractionResult, ReplyKind
from creditctl.pipeline.gate import PREFILL_KINDS, by_severity, decide, hold_kind
from creditctl.pipeline.matching_types import MatchResult, MatchStatus
from creditctl.pipeline.safety import Bounds, SafetyReport, plausibility_problem

INJECTION = "text addresses the system or tries to set an outcome: 'Ignore all previous instructions'"


def reply(kind: ReplyKind = ReplyKind.CLAIM_STATEMENT) -> ExtractionResult:
    return ExtractionResult(
        is_creditor_reply=True, reply_kind=kind, amounts=Amounts(total=Decimal("702.15")), currency="EUR"
    )


def test_the_injection_flag_comes_before_a_low_score() -> None:
    match = MatchResult(MatchStatus.NEEDS_REVIEW, score=0.6, reason="best score 0.60 below 0.80")
    report = SafetyReport(
        reasons=(
            "total 702.15 is a rise of 143% from the stored 288.00 (more than 100%): a person checks it",
            INJECTION,
        ),
        injection=True,
    )
    verdict = decide(reply(), match, [], claim_currency="EUR", safety=report)
    assert verdict.reasons[0] == INJECTION
    assert verdict.reasons[-1] == "best score 0.60 below 0.80"


def test_a_reply_matching_no_claim_lists_the_flag_first() -> None:
    match = MatchResult(MatchStatus.NO_MATCH, score=0.6, reason="best score 0.60 below 0.70")
    verdict = decide(reply(), match, [], safety=SafetyReport(reasons=(INJECTION,), injection=True))
    assert verdict.reasons == (INJECTION, "best score 0.60 below 0.70")


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        (INJECTION, "injection"),
        ("reply is a dispute: a person decides", "dispute"),
        ("the reply disputes, contests or rejects ('bestreiten'): a person decides", "dispute"),
        ("court or bailiff enforcement ('Gerichtsvollzieher'): a person decides", "enforcement"),
        ("claim sold or assigned to a new holder", "sale"),
        ("credit or negative balance stated ('-150,00'): never applied as an amount owed", "credit"),
        (
            "the reply states several different totals (100.00, 200.00): a person decides which is current",
            "several_totals",
        ),
        ("currency not stated", "reading"),
        ("total 1705.00 is a rise of 143% from the stored 702.15 (more than 100%): a person checks it", "plausibility"),
        ("claims 3, 4 within 0.05 of each other", "matching"),
        ("no client evidence recognised in the reply", "matching"),
        ("similar client names: A / B", "matching"),
        ("best score 0.60 below 0.80", "matching"),
    ],
)
def test_kinds(reason: str, kind: str) -> None:
    assert hold_kind(reason) == kind


def test_order_and_prefill_kinds() -> None:
    reasons = ["best score 0.60 below 0.80", "currency not stated", "reply is a dispute: a person decides", INJECTION]
    assert by_severity(reasons) == [
        INJECTION,
        "reply is a dispute: a person decides",
        "currency not stated",
        reasons[0],
    ]
    assert PREFILL_KINDS == {"matching", "plausibility"}


def test_one_plausibility_rule_for_the_gate_and_a_typed_amount() -> None:
    bounds = Bounds(max_drop=Decimal("0.5"), max_rise=Decimal("1.0"))
    assert plausibility_problem(Decimal("1705.00"), Decimal("702.15"), bounds) == (
        "total 1705.00 is a rise of 143% from the stored 702.15 (more than 100%)"
    )
    assert plausibility_problem(Decimal("300.00"), Decimal("702.15"), bounds).startswith(
        "total 300.00 is a drop of 57%"
    )
    assert plausibility_problem(Decimal("1404.30"), Decimal("702.15"), bounds) is None  # +100 % exactly
    assert plausibility_problem(Decimal("0.00"), Decimal("702.15"), bounds, settled_zero=True) is None
