"""A field left out of a case's ``expected`` is not scored (docs/evaluation.md, "A labelled
directory"); a field labelled ``null`` is (the email states none)."""

from decimal import Decimal

from creditctl.pipeline.extraction.model import Amounts, ExtractionResult, ReplyKind
from creditctl.services.evaluation import FIELDS, _field_scores, compare_fields


def _reading() -> ExtractionResult:
    return ExtractionResult(
        extractor="rules",
        is_creditor_reply=True,
        reply_kind=ReplyKind.CLAIM_STATEMENT,
        creditor_name="Quayside Retail plc",
        client_name="Gregor Lindqvist",
        currency="EUR",
        amounts=Amounts(total=Decimal("80.00")),
    )


def test_only_the_labelled_fields_are_scored() -> None:
    fields = compare_fields({"reply_kind": "claim_statement", "total": "80.00"}, _reading())
    assert set(fields) == {"reply_kind", "total"}
    assert fields["reply_kind"]["hit"] and fields["total"]["hit"]


def test_a_field_labelled_null_is_scored_as_none_stated() -> None:
    fields = compare_fields({"client_name": None, "currency": None}, _reading())
    assert fields["client"] == {"hit": False, "expected": None, "got": "Gregor Lindqvist"}
    assert fields["currency"]["hit"] is False


def test_every_field_is_scored_when_every_key_is_labelled() -> None:
    expected = {
        "is_creditor_reply": True,
        "reply_kind": "claim_statement",
        "creditor_name": "Quayside Retail plc",
        "client_name": "Gregor Lindqvist",
        "client_file_number": None,
        "creditor_references": [],
        "total": "80.00",
        "currency": "EUR",
    }
    fields = compare_fields(expected, _reading())
    assert set(fields) == set(FIELDS) and all(f["hit"] for f in fields.values())


def test_the_accuracy_counts_only_cases_that_label_the_field() -> None:
    items = [
        {"fields": compare_fields({"client_name": "Gregor Lindqvist"}, _reading())},
        {"fields": compare_fields({"total": "80.00"}, _reading())},
    ]
    scores = _field_scores(items)
    assert scores["client"] == {"hits": 1, "cases": 1, "accuracy": 1.0}
    assert scores["total"] == {"hits": 1, "cases": 1, "accuracy": 1.0}
    assert scores["currency"] == {"hits": 0, "cases": 0, "accuracy": None}
