"""``creditctl eval``'s WRONG line names the claim and the amount the email would have
applied (``evaluation.score_outcome``), whatever made it wrong."""

from __future__ import annotations

from creditctl.services.evaluation import score_outcome

CLAIM = {"client_file_number": "BÖ-2024-0173", "creditor_reference": "RPI-7712-4408-19"}
OTHER = {"client_file_number": "BÖ-2024-0188", "creditor_reference": "TK-55-901"}


def test_an_apply_where_a_hold_was_expected_names_claim_and_amount() -> None:
    got = {"apply": True, "claim": CLAIM, "amount": "612.40"}
    score = score_outcome({"outcome": "hold"}, got)
    assert not score["correct"]
    assert score["wrong_apply"] == "applied 612.40 to claim BÖ-2024-0173 / RPI-7712-4408-19 where a hold was expected"


def test_the_wrong_claim_and_the_wrong_amount_name_what_was_applied_and_what_was_expected() -> None:
    got = {"apply": True, "claim": OTHER, "amount": "99.00"}
    wrong_claim = score_outcome({"outcome": "apply", "claim": CLAIM, "amount": "99.00"}, got)["wrong_apply"]
    assert wrong_claim == (
        "applied 99.00 to claim BÖ-2024-0188 / TK-55-901: the wrong claim (expected BÖ-2024-0173 / RPI-7712-4408-19)"
    )
    wrong_amount = score_outcome({"outcome": "apply", "claim": OTHER, "amount": "990.00"}, got)["wrong_apply"]
    assert wrong_amount == "applied 99.00 to claim BÖ-2024-0188 / TK-55-901: the wrong amount (expected 990.00)"


def test_a_hold_and_a_correct_apply_are_not_wrong() -> None:
    assert score_outcome({"outcome": "hold"}, {"apply": False, "claim": None, "amount": None})["wrong_apply"] is None
    right = score_outcome(
        {"outcome": "apply", "claim": CLAIM, "amount": "612.40"}, {"apply": True, "claim": CLAIM, "amount": "612.4"}
    )
    assert right["correct"] and right["wrong_apply"] is None
