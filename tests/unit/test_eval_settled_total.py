"""The eval scorer's total of a settled reply: 0.00 and "none stated" are the same reading
(the gate applies 0.00 to both, docs/evaluation.md), for the label and the reading alike."""

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import Amounts, ExtractionResult, ReplyKind
from creditctl.services.evaluation import compare_fields


def _result(kind: ReplyKind, total: str | None) -> ExtractionResult:
    amounts = Amounts(total=Decimal(total) if total is not None else None)
    return ExtractionResult(extractor="rules", is_creditor_reply=True, reply_kind=kind, amounts=amounts)


@pytest.mark.parametrize(
    ("label_kind", "label_total", "kind", "total", "hit"),
    [
        ("claim_settled", "0.00", ReplyKind.CLAIM_SETTLED, None, True),  # tuning_d's convention
        ("claim_settled", None, ReplyKind.CLAIM_SETTLED, None, True),  # labelled/'s convention
        ("claim_settled", None, ReplyKind.CLAIM_SETTLED, "0.00", True),
        ("claim_settled", "0.00", ReplyKind.CLAIM_SETTLED, "0.00", True),
        # near misses: only a settled reading stands for 0.00
        ("claim_settled", "0.00", ReplyKind.OTHER, None, False),
        ("claim_settled", "0.00", ReplyKind.CLAIM_STATEMENT, None, False),
        ("claim_statement", None, ReplyKind.CLAIM_SETTLED, None, False),
        ("claim_settled", "0.00", ReplyKind.CLAIM_SETTLED, "12.50", False),
        ("claim_statement", "12.50", ReplyKind.CLAIM_STATEMENT, "12.50", True),
    ],
)
def test_settled_total_scores_as_zero(
    label_kind: str, label_total: str | None, kind: ReplyKind, total: str | None, hit: bool
) -> None:
    fields = compare_fields({"reply_kind": label_kind, "total": label_total}, _result(kind, total))
    assert fields["total"]["hit"] is hit
