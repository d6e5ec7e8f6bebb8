"""Who the reply is about (read20): near-names told apart by the date of birth, the office's
file number written with or without leading zeros, references with a letter suffix."""

from __future__ import annotations

from datetime import date

import pytest

from creditctl.pipeline.extraction.model import ExtractionResult, ReplyKind
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchStatus
from creditctl.pipeline.names import person_similarity

LAW = "kanzlei@hollmann.example"

# Monika Webers and Monika Weber owe creditors the same law firm collects for.
CLAIMS = (
    ClaimCandidate(
        claim_id=1,
        client_id=1,
        client_file_number="BÖ-2026-0314",
        client_name="Monika Webers",
        client_date_of_birth=date(1971, 3, 3),
        creditor_name="Autohaus Sternberg GmbH",
        agent_name="Kanzlei Dr. Hollmann & Partner",
        creditor_emails=(LAW,),
        creditor_reference="417/26 H",
    ),
    ClaimCandidate(
        claim_id=2,
        client_id=2,
        client_file_number="BÖ-2026-0313",
        client_name="Monika Weber",
        client_date_of_birth=date(1980, 6, 1),
        creditor_name="Möbelhaus Kranz GmbH",
        agent_name="Kanzlei Dr. Hollmann & Partner",
        creditor_emails=(LAW,),
        creditor_reference="412/26 H",
    ),
)


def reply(**fields) -> ExtractionResult:
    fields.setdefault("is_creditor_reply", True)
    fields.setdefault("reply_kind", ReplyKind.CLAIM_STATEMENT)
    return ExtractionResult(**fields)


def ctx(from_email: str = LAW) -> MatchContext:
    return MatchContext(ticket_id=None, from_email=from_email)


def test_date_of_birth_tells_near_names_apart():
    ext = reply(client_name="Monika Webers", client_date_of_birth=date(1971, 3, 3))
    result = match_claim(ext, ctx(), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 1)


def test_without_the_date_of_birth_a_near_name_holds_beside_a_reference():
    # the law firm's file number read without its initials: no reference, the names are near
    ext = reply(
        client_name="Monika Webers", creditor_references=["417/26"], original_creditor="Autohaus Sternberg GmbH"
    )
    result = match_claim(ext, ctx(), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.reason == "similar client names: Monika Webers / Monika Weber"
    born = reply(
        client_name="Monika Webers",
        creditor_references=["417/26"],
        original_creditor="Autohaus Sternberg GmbH",
        client_date_of_birth=date(1971, 3, 3),
    )
    assert match_claim(born, ctx(), CLAIMS).claim_id == 1


def test_near_names_without_a_date_of_birth_stay_with_a_person():
    result = match_claim(reply(client_name="Monika Webers"), ctx(), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW


def test_a_date_of_birth_of_neither_client_does_not_tell_them_apart():
    ext = reply(client_name="Monika Webers", client_date_of_birth=date(1975, 1, 1))
    assert match_claim(ext, ctx(), CLAIMS).status is MatchStatus.NEEDS_REVIEW


def test_the_other_clients_unknown_date_of_birth_does_not_tell_them_apart():
    other = ClaimCandidate(**{**CLAIMS[1].__dict__, "client_date_of_birth": None})
    ext = reply(client_name="Monika Webers", client_date_of_birth=date(1971, 3, 3))
    assert match_claim(ext, ctx(), (CLAIMS[0], other)).status is MatchStatus.NEEDS_REVIEW


# --- identifiers written apart, the office's file number without its leading zeros ---

SPK = "forderung@sparkasse-oberland.example"
GROUPS = (
    ClaimCandidate(
        claim_id=11,
        client_id=11,
        client_file_number="BÖ-2025-0311",
        client_name="Klaus-Peter Müller",
        creditor_name="Emerald Recoveries Ltd",
        creditor_emails=("cases@emerald.example",),
        creditor_reference="ER/55/20931",
    ),
    ClaimCandidate(
        claim_id=12,
        client_id=12,
        client_file_number="BÖ-2025-0312",
        client_name="Klaus Müller",
        creditor_name="Emerald Recoveries Ltd",
        creditor_emails=("cases@emerald.example",),
        creditor_reference="ER/55/20932",
    ),
)


def _text_match(text: str, **fields):
    ctx_ = MatchContext(from_email="cases@emerald.example", reply_text=text)
    return match_claim(reply(**fields), ctx_, GROUPS)


def test_a_reference_written_in_spaced_groups_is_found_in_the_text():
    result = _text_match("our ref ER 55 20931, balance €702.40", creditor_references=["55 20931"])
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 11)


def test_spaced_groups_one_digit_off_are_nothing():
    result = _text_match("our ref ER 55 20933, balance €702.40", creditor_references=["55 20933"])
    assert result.status is not MatchStatus.AUTO_MATCHED
    assert all("creditor reference" not in r for c in result.candidates for r in c.reasons)


def test_a_read_reference_of_ours_is_trusted_and_the_text_not_searched():
    # the reading read the first claim's reference; the second's in the text is not added
    result = _text_match("ER/55/20931 (ER 55 20932 answered apart)", creditor_references=["ER/55/20931"])
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 11)


def test_the_office_file_number_without_leading_zeros_matches():
    for written in ("BOE-2025-311", "BÖ 2025 0311", "BO-2025-00311"):
        result = _text_match(f"Ihr Zeichen {written}", client_file_number=written)
        assert result.candidates[0].claim_id == 11, written
        assert "client file number BÖ-2025-0311 matches" in result.candidates[0].reasons


def test_the_office_file_number_written_apart_is_found_in_the_text():
    result = _text_match("Ihr Zeichen BÖ 2025 0312 – Saldo 512,60 EUR")
    assert result.candidates[0].claim_id == 12
    assert "client file number BÖ-2025-0312 matches" in result.candidates[0].reasons


def test_another_running_number_is_another_file():
    result = _text_match("Ihr Zeichen BÖ 2025 3120", client_file_number="BOE-2025-3120")
    assert all("client file number" not in r for c in result.candidates for r in c.reasons)


def test_words_after_a_number_join_nothing():
    # a flat stored as "Whg. 3 OG links": the reply's "Whg. 3 OG links" is no reference in groups
    flat = ClaimCandidate(
        claim_id=21,
        client_id=21,
        client_file_number="BÖ-2026-0316",
        client_name="Helmut Krämer",
        creditor_name="Immobilien Kessler GbR",
        creditor_emails=("kessler@immo.example",),
        creditor_reference="Whg. 3 OG links",
    )
    ctx_ = MatchContext(from_email="kessler@immo.example", reply_text="die Abrechnung für die Whg. 3 OG links ergab")
    result = match_claim(reply(), ctx_, (flat,))
    assert all("creditor reference" not in r for c in result.candidates for r in c.reasons)


def test_a_law_firms_file_closed_by_initials_is_found_in_the_text():
    # the reading took "417/26" without the handler's initial; the text writes "417/26 H"
    ctx_ = MatchContext(
        from_email=LAW, reply_text="Sternberg ./. Webers (unser Az. 417/26 H): Restforderung 2.318,77 €"
    )
    result = match_claim(reply(client_name="Monika Webers", creditor_references=["417/26"]), ctx_, CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 1)
    assert "creditor reference 41726H matches" in result.candidates[0].reasons


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Malgorzata Kowalczyk", "Małgorzata Kowalczyk"),
        ("Aylin Yilmaz-Schneider", "Aylin Yılmaz-Schneider"),
        ("Lars Ostergaard", "Lars Østergaard"),
        ("Soeren Hansen", "Søren Hansen"),
        ("Dragan Dordevic", "Dragan Đorđević"),
    ],
)
def test_letters_without_a_decomposition_as_mail_writes_them(written: str, stored: str) -> None:
    assert person_similarity(written, stored) == 100


def test_a_near_name_stays_near_after_folding() -> None:
    assert person_similarity("Małgorzata Kowalska", "Małgorzata Kowalczyk") < 97
