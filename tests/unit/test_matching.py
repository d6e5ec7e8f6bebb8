"""The matching engine: which claim of which client a creditor's reply answers."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import ExtractionResult, ReplyKind
from creditctl.pipeline.matching import (
    match_claim,
    normalize_company_name,
    normalize_person_name,
    normalize_reference,
)
from creditctl.pipeline.matching_types import (
    ClaimCandidate,
    MatchContext,
    MatchStatus,
    MatchThresholds,
)

RPI = "forderungsmanagement@rheinpfalz-inkasso.example"
TELEKOM = "inkasso@telekom.example"
SWM = "forderungen@stadtwerke-mainz.example"
NORDSEE = "service@nordsee-inkasso.example"

# The office's records: Tamara Reinholz (3 claims), her near-namesake Tamara Reinhold
# (same telecom creditor), Jürgen Müller (2 claims), a landlord on gmail.
CLAIMS = (
    ClaimCandidate(
        claim_id=101,
        client_id=1,
        client_file_number="BÖ-2024-0173",
        client_name="Tamara Reinholz",
        client_date_of_birth=date(1985, 4, 2),
        creditor_name="Modehaus Lindner KG",
        agent_name="Rheinpfalz Inkasso GmbH",
        creditor_emails=(RPI,),
        creditor_reference="RPI-7712-4408-19",
        amount=Decimal("540.00"),
        zendesk_ticket_id="5001",
        side_conversation_id="sc-101",
    ),
    ClaimCandidate(
        claim_id=102,
        client_id=1,
        client_file_number="BÖ-2024-0173",
        client_name="Tamara Reinholz",
        creditor_name="Telekom Deutschland GmbH",
        creditor_emails=(TELEKOM,),
        creditor_reference="TK 4471 0092",
        amount=Decimal("212.37"),
        zendesk_ticket_id="5001",
        side_conversation_id="sc-102",
    ),
    ClaimCandidate(
        claim_id=103,
        client_id=1,
        client_file_number="BÖ-2024-0173",
        client_name="Tamara Reinholz",
        creditor_name="Fitnessstudio Vitalis GmbH",
        agent_name="Rheinpfalz Inkasso GmbH",
        creditor_emails=(RPI,),
        creditor_reference="RPI-7712-5120-02",
        amount=Decimal("389.00"),
    ),
    ClaimCandidate(
        claim_id=201,
        client_id=2,
        client_file_number="BÖ-2024-0188",
        client_name="Tamara Reinhold",
        creditor_name="Telekom Deutschland GmbH",
        creditor_emails=(TELEKOM,),
        creditor_reference="TK 4471 1130",
        amount=Decimal("98.10"),
    ),
    ClaimCandidate(
        claim_id=301,
        client_id=3,
        client_file_number="KA-2023-0911",
        client_name="Jürgen Müller",
        creditor_name="Stadtwerke Mainz AG",
        creditor_emails=(SWM,),
        creditor_reference="SWM-88120",
        amount=Decimal("1210.55"),
    ),
    ClaimCandidate(
        claim_id=302,
        client_id=3,
        client_file_number="KA-2023-0911",
        client_name="Jürgen Müller",
        creditor_name="Versandhaus Albers GmbH & Co. KG",
        agent_name="Nordsee Inkasso GmbH",
        creditor_emails=(NORDSEE,),
        creditor_reference="NI/2023/55871",
        amount=Decimal("77.00"),
    ),
    ClaimCandidate(
        claim_id=401,
        client_id=4,
        client_file_number="KA-2024-0042",
        client_name="Sabine Okafor",
        creditor_name="Hausverwaltung Peter Krämer",
        creditor_emails=("p.kraemer.vermietung@gmail.com",),
        amount=Decimal("1450.00"),
    ),
)


def reply(**fields) -> ExtractionResult:
    fields.setdefault("is_creditor_reply", True)
    fields.setdefault("reply_kind", ReplyKind.CLAIM_STATEMENT)
    return ExtractionResult(**fields)


def ctx(from_email: str = "", from_name: str = "", ticket_id: str | None = "9999", side: str | None = None):
    return MatchContext(ticket_id=ticket_id, side_conversation_id=side, from_email=from_email, from_name=from_name)


def ids(result) -> list[int]:
    return [c.claim_id for c in result.candidates]


# --- normalisation ------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "RPI 7712/4408-19",
        "Az. RPI-7712-4408-19",
        "rpi771244081 9",
        "Ihr Zeichen: RPI-7712-4408-19",
        "Aktenzeichen RPI.7712.4408.19",
        "Kd.-Nr. RPI 7712 4408 19",
        "Nr. RPI-7712-4408-19",
    ],
)
def test_normalize_reference_variants_give_one_key(raw):
    assert normalize_reference(raw) == "RPI7712440819"


def test_normalize_reference_keeps_letters_that_are_not_a_label():
    assert normalize_reference("NR12345") == "NR12345"
    assert normalize_reference("AZ-7712") == "AZ7712"
    assert normalize_reference("BÖ-2024-0173") == "BOE20240173"
    assert normalize_reference("Az.:") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Frau Dr. Tamara Reinholz", "tamara reinholz"),
        ("Reinholz, Tamara", "tamara reinholz"),
        ("REINHOLZ, Tamara", "tamara reinholz"),
        ("Herrn Prof. Dr. Jürgen Müller", "juergen mueller"),
        ("Mr Jürgen Großmann", "juergen grossmann"),
        ("Mrs. Sabine Okafor", "sabine okafor"),
        ("Tamara Reinholz geb. Schmidt", "tamara reinholz"),
    ],
)
def test_normalize_person_name(raw, expected):
    assert normalize_person_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Modehaus Lindner GmbH & Co. KG", "modehaus lindner"),
        ("Rheinpfalz Inkasso GmbH", "rheinpfalz inkasso"),
        ("Müller & Söhne e.K.", "mueller und soehne"),
        ("Tierschutzverein Mainz e.V.", "tierschutzverein mainz"),
        ("Allianz SE", "allianz"),
        ("Stadtwerke Mainz AG", "stadtwerke mainz"),
        ("Acme Widgets Ltd.", "acme widgets"),
        ("Globex Inc", "globex"),
        ("Initech LLC", "initech"),
        ("Hooli PLC", "hooli"),
        ("Brandt OHG", "brandt"),
        ("Treuhand mbH", "treuhand"),
    ],
)
def test_normalize_company_name(raw, expected):
    assert normalize_company_name(raw) == expected


# --- references and file numbers ----------------------------------------------------


def test_exact_reference_from_the_agent_auto_matches():
    result = match_claim(reply(creditor_references=["RPI-7712-4408-19"]), ctx(RPI), CLAIMS)
    assert result.status is MatchStatus.AUTO_MATCHED
    assert result.claim_id == 101
    assert result.score >= 0.9
    assert "creditor reference RPI7712440819 matches" in result.candidates[0].reasons
    assert "sender address matches" in result.candidates[0].reasons


@pytest.mark.parametrize("written", ["Az. RPI 7712/4408-19", "rpi771244081 9", "Ihr Zeichen: RPI.7712.4408.19"])
def test_reference_with_other_spacing_or_prefix_auto_matches(written):
    other_sender = "m.becker@rheinpfalz-inkasso.example"  # a colleague: same domain
    result = match_claim(reply(creditor_references=[written]), ctx(other_sender), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 101)
    assert result.score >= 0.9
    assert "sender domain rheinpfalz-inkasso.example matches" in result.candidates[0].reasons


def test_reference_with_creditor_name_only_auto_matches():
    ext = reply(creditor_references=["TK-4471-0092"], creditor_name="Telekom Deutschland GmbH")
    result = match_claim(ext, ctx("noreply@versand-dienstleister.example"), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 102)
    assert result.score >= 0.9


def test_reference_without_any_creditor_evidence_is_review():
    result = match_claim(reply(creditor_references=["TK 4471 0092"]), ctx("x@unknown-sender.example"), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.claim_id is None
    assert ids(result)[0] == 102


def test_client_file_number_picks_the_claim_of_the_sending_creditor():
    ext = reply(client_file_number="BOE-2024-0173", client_name="Tamara Reinholz")
    result = match_claim(ext, ctx(TELEKOM, "Telekom Deutschland GmbH"), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 102)
    assert result.score >= 0.9
    assert "client file number BÖ-2024-0173 matches" in result.candidates[0].reasons
    assert set(ids(result)) >= {101, 102, 103}  # her other claims are listed, lower


def test_client_file_number_in_the_references_list_counts():
    result = match_claim(reply(creditor_references=["Ihr Az. BÖ 2024 0173"]), ctx(TELEKOM), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 102)


def test_client_file_number_without_creditor_evidence_is_not_automatic():
    # The client has three claims; nothing says which creditor writes.
    result = match_claim(reply(client_file_number="BÖ-2024-0173"), ctx("post@unbekannt.example"), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.claim_id is None
    assert sorted(ids(result)) == [101, 102, 103]


@pytest.mark.parametrize(("sender", "expected"), [(SWM, 301), (NORDSEE, 302)])
def test_same_client_two_claims_from_different_creditors(sender, expected):
    result = match_claim(reply(client_file_number="KA-2023-0911", client_name="Jürgen Müller"), ctx(sender), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, expected)
    assert result.candidates[1].score < result.candidates[0].score - 0.1


# --- names --------------------------------------------------------------------------


def test_fuzzy_names_alone_are_review_at_best():
    ext = reply(client_name="Tamara Reinholtz", creditor_name="Telekom Deutschland")
    result = match_claim(ext, ctx("noreply@versand-dienstleister.example"), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert ids(result)[0] == 102
    assert 0.60 <= result.score < 0.80


def test_exact_names_without_sender_stay_below_auto():
    ext = reply(client_name="Jürgen Müller", creditor_name="Stadtwerke Mainz")
    result = match_claim(ext, ctx("druckzentrum@versand-dienstleister.example"), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert ids(result)[0] == 301
    assert 0.60 <= result.score <= 0.79


@pytest.mark.parametrize("written", ["Jürgen Müller", "Juergen Mueller", "Jurgen Muller", "MÜLLER, JÜRGEN"])
def test_umlaut_spellings_match(written):
    result = match_claim(reply(client_name=written, creditor_name="Stadtwerke Mainz AG"), ctx(SWM), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 301)
    assert "client name 1.00" in result.candidates[0].reasons


@pytest.mark.parametrize("written", ["Reinholz, Tamara", "Frau Dr. Tamara Reinholz", "Frau Reinholz, Tamara"])
def test_reversed_names_and_titles_match(written):
    ext = reply(client_name=written, creditor_name="Rheinpfalz Inkasso GmbH", original_creditor="Modehaus Lindner")
    result = match_claim(ext, ctx(RPI, "Rheinpfalz Inkasso"), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 101)
    assert "client name 1.00" in result.candidates[0].reasons


def test_two_similar_clients_without_reference_go_to_review():
    # Reinholz and Reinhold both owe Telekom; a name alone must not decide.
    result = match_claim(reply(client_name="Tamara Reinholz", creditor_name="Telekom"), ctx(TELEKOM), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.claim_id is None
    assert ids(result)[:2] == [102, 201]
    assert "201" in result.reason or "Reinhold" in result.reason


def test_two_similar_clients_with_reference_auto_match_the_right_one():
    ext = reply(client_name="Tamara Reinhold", creditor_references=["TK 4471 1130"])
    result = match_claim(ext, ctx(TELEKOM), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 201)


def test_reference_of_one_client_with_name_of_another_is_review():
    # Reinhold's reference, but Reinholz's exact name: contradictory, a person decides.
    ext = reply(client_name="Tamara Reinholz", creditor_references=["TK 4471 1130"])
    result = match_claim(ext, ctx(TELEKOM), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert ids(result)[:2] == [201, 102]
    assert "client name fits Tamara Reinholz" in result.reason


def test_similar_client_name_blocks_auto_even_outside_the_margin():
    # Domain-only corroboration for both: 0.81 vs 0.71; a narrow margin would let it pass.
    result = match_claim(
        reply(client_name="Tamara Reinholz"),
        ctx("kundenservice@telekom.example"),
        CLAIMS,
        MatchThresholds(auto=0.80, review=0.60, margin=0.05),
    )
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.reason == "similar client names: Tamara Reinholz / Tamara Reinhold"


# --- agents -------------------------------------------------------------------------


def test_agent_writing_for_original_creditor_matches_that_claim():
    # Rheinpfalz Inkasso collects for two of her creditors; it names Modehaus Lindner.
    ext = reply(
        client_file_number="BÖ-2024-0173",
        creditor_name="Rheinpfalz Inkasso GmbH",
        original_creditor="Modehaus Lindner GmbH & Co. KG",
    )
    result = match_claim(ext, ctx("a.schmitt@rheinpfalz-inkasso.example"), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 101)
    top, second = result.candidates[:2]
    assert second.claim_id == 103
    assert any("differs" in r for r in second.reasons)


def test_unknown_lawyer_for_original_creditor_matches_original_claim():
    ext = reply(
        client_file_number="KA-2023-0911",
        creditor_name="Kanzlei Hartmann & Partner",
        original_creditor="Versandhaus Albers",
    )
    result = match_claim(ext, ctx("ra@kanzlei-hartmann.example", "RA Hartmann"), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 302)
    assert result.score >= 0.9


# --- sender only, unknown sender ----------------------------------------------------


def test_unknown_sender_without_known_client_is_no_match():
    ext = reply(client_name="Heinz Ketchup", creditor_name="Unbekannt Forderungen GmbH")
    result = match_claim(ext, ctx("info@unbekannt.example", "Unbekannt"), CLAIMS)
    assert result.status is MatchStatus.NO_MATCH
    assert result.claim_id is None


def test_known_sender_alone_is_no_match():
    # Telekom has two of our clients; without a client signal nothing is applied.
    result = match_claim(reply(creditor_name="Telekom Deutschland GmbH"), ctx(TELEKOM), CLAIMS)
    assert result.status is MatchStatus.NO_MATCH
    assert "sender matches 2 claim(s)" in result.reason


def test_sender_with_a_single_client_is_still_not_enough():
    result = match_claim(reply(creditor_name="Stadtwerke Mainz AG"), ctx(SWM), CLAIMS)
    assert result.status is MatchStatus.NO_MATCH


def test_free_mail_domain_is_no_evidence_but_the_exact_address_is():
    ext = reply(client_file_number="KA-2024-0042")
    stranger = match_claim(ext, ctx("someone.else@gmail.com"), CLAIMS)
    assert stranger.status is MatchStatus.NEEDS_REVIEW
    assert not any("domain" in r for r in stranger.candidates[0].reasons)
    landlord = match_claim(ext, ctx("P.Kraemer.Vermietung@gmail.com"), CLAIMS)
    assert (landlord.status, landlord.claim_id) == (MatchStatus.AUTO_MATCHED, 401)


# --- thread -------------------------------------------------------------------------


def test_thread_match_corroborated_by_sender_auto_matches():
    result = match_claim(reply(), ctx(RPI, ticket_id="5001", side="sc-101"), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 101)
    assert result.score >= 0.95
    assert "reply in the claim's thread" in result.candidates[0].reasons


def test_reply_on_main_ticket_is_told_apart_by_sender():
    # No side conversation on the reply: both claims on ticket 5001 are in the thread.
    result = match_claim(reply(), ctx("kundenservice@telekom.example", ticket_id="5001"), CLAIMS)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 102)


def test_other_side_conversation_is_not_a_thread_match():
    result = match_claim(reply(), ctx(RPI, ticket_id="5001", side="sc-999"), CLAIMS)
    assert result.status is MatchStatus.NO_MATCH


def test_thread_match_from_foreign_sender_is_review():
    ext = reply(client_name="Tamara Reinholz")
    result = match_claim(ext, ctx("tamara.reinholz@web.de", ticket_id="5001", side="sc-101"), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.claim_id is None
    assert ids(result)[0] == 101
    assert "sender" in result.reason


def test_thread_of_one_claim_with_reference_of_another_is_review():
    ext = reply(creditor_references=["RPI-7712-5120-02"])  # claim 103's reference
    result = match_claim(ext, ctx(RPI, ticket_id="5001", side="sc-101"), CLAIMS)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert set(ids(result)[:2]) == {101, 103}


# --- safety and thresholds ----------------------------------------------------------


@pytest.mark.parametrize("kind", [ReplyKind.AUTO_REPLY, ReplyKind.OTHER])
def test_not_a_creditor_reply_is_no_match(kind):
    ext = ExtractionResult(is_creditor_reply=False, reply_kind=kind, creditor_references=["RPI-7712-4408-19"])
    result = match_claim(ext, ctx(RPI, ticket_id="5001", side="sc-101"), CLAIMS)
    assert result.status is MatchStatus.NO_MATCH
    assert result.reason == "not a creditor reply"
    assert result.candidates == ()


def test_no_candidates_is_no_match():
    result = match_claim(reply(creditor_references=["RPI-7712-4408-19"]), ctx(RPI), [])
    assert (result.status, result.claim_id) == (MatchStatus.NO_MATCH, None)


def test_two_claims_with_identical_evidence_are_never_guessed():
    twin = ClaimCandidate(
        claim_id=104,
        client_id=1,
        client_file_number="BÖ-2024-0173",
        client_name="Tamara Reinholz",
        creditor_name="Telekom Deutschland GmbH",
        creditor_emails=(TELEKOM,),
        creditor_reference="TK 4471 7781",
    )
    result = match_claim(reply(client_file_number="BÖ-2024-0173"), ctx(TELEKOM), [*CLAIMS, twin])
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert ids(result)[:2] == [102, 104]
    assert "within" in result.reason


def test_thresholds_are_honoured():
    ext = reply(client_name="Jürgen Müller", creditor_name="Stadtwerke Mainz")
    sender = ctx("druck@versand-dienstleister.example")
    lenient = match_claim(ext, sender, CLAIMS, MatchThresholds(auto=0.7, review=0.5, margin=0.1))
    assert (lenient.status, lenient.claim_id) == (MatchStatus.AUTO_MATCHED, 301)
    strict = match_claim(ext, sender, CLAIMS, MatchThresholds(auto=0.95, review=0.9, margin=0.1))
    assert strict.status is MatchStatus.NO_MATCH


def test_low_thresholds_never_auto_match_on_sender_alone():
    result = match_claim(reply(creditor_name="Stadtwerke Mainz"), ctx(SWM), CLAIMS, MatchThresholds(0.1, 0.05, 0.01))
    assert result.status is not MatchStatus.AUTO_MATCHED


def test_candidates_are_capped_sorted_and_unique():
    many = [
        ClaimCandidate(
            claim_id=900 + i,
            client_id=90,
            client_file_number="HD-2022-0500",
            client_name="Anna Schmidt",
            creditor_name=f"Gläubiger {i} GmbH",
        )
        for i in range(8)
    ]
    result = match_claim(reply(client_file_number="HD-2022-0500"), ctx(), [*many, many[0]])
    assert len(result.candidates) == 5
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    assert len(set(ids(result))) == 5


def test_finds_the_claim_among_5000():
    rng = random.Random(7)
    given = ["Anna", "Lukas", "Mehmet", "Olga", "Jonas", "Lea", "Tobias", "Fatma", "Jan", "Sophie"]
    family = ["Schmidt", "Weber", "Yılmaz", "Nowak", "Becker", "Hoffmann", "Schäfer", "Koch", "Wagner", "Braun"]
    pool = [
        ClaimCandidate(
            claim_id=10_000 + i,
            client_id=5_000 + i // 3,
            client_file_number=f"HD-2024-{i // 3:04d}",
            client_name=f"{rng.choice(given)} {rng.choice(family)}",
            creditor_name=f"Gläubiger {i % 40} GmbH",
            creditor_emails=(f"forderung@glaeubiger{i % 40}.example",),
            creditor_reference=f"G{i % 40}-{i:06d}",
        )
        for i in range(5_000)
    ]
    target = pool[3_217]
    ext = reply(creditor_references=[target.creditor_reference], client_name=target.client_name)
    result = match_claim(ext, ctx(target.creditor_emails[0]), [*CLAIMS, *pool])
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, target.claim_id)


# --- property: an automatic match always names its claim ----------------------------


def test_result_invariants_over_random_replies():
    rng = random.Random(20240402)
    names = [
        "Tamara Reinholz",
        "Reinholz, Tamara",
        "Tamara Reinhold",
        "Jürgen Müller",
        "Juergen Mueller",
        "Sabine Okafor",
        "Heinz Ketchup",
        None,
    ]
    refs = ["RPI-7712-4408-19", "TK 4471 0092", "TK 4471 1130", "SWM-88120", "NI/2023/55871", "XX-0000", None]
    files = ["BÖ-2024-0173", "BOE-2024-0188", "KA-2023-0911", "KA-2024-0042", "ZZ-1999-0001", None]
    creditors = ["Rheinpfalz Inkasso GmbH", "Telekom", "Stadtwerke Mainz", "Versandhaus Albers", None]
    senders = [RPI, TELEKOM, SWM, NORDSEE, "x@gmail.com", "a@rheinpfalz-inkasso.example", ""]
    valid_ids = {c.claim_id for c in CLAIMS}
    statuses = set()
    for _ in range(600):
        ref = rng.choice(refs)
        ext = ExtractionResult(
            is_creditor_reply=rng.random() > 0.1,
            client_name=rng.choice(names),
            client_file_number=rng.choice(files),
            creditor_references=[ref] if ref else [],
            creditor_name=rng.choice(creditors),
            original_creditor=rng.choice(creditors),
        )
        context = MatchContext(
            ticket_id=rng.choice(["5001", "7", None]),
            side_conversation_id=rng.choice(["sc-101", "sc-102", None]),
            from_email=rng.choice(senders),
        )
        subset = rng.sample(CLAIMS, rng.randint(0, len(CLAIMS)))
        th = rng.choice([MatchThresholds(), MatchThresholds(0.5, 0.3, 0.0), MatchThresholds(0.9, 0.8, 0.2)])
        result = match_claim(ext, context, subset, th)
        statuses.add(result.status)
        assert 0.0 <= result.score <= 1.0
        assert len(result.candidates) <= 5
        scores = [c.score for c in result.candidates]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        if result.status is MatchStatus.AUTO_MATCHED:
            assert result.claim_id is not None
            assert result.claim_id in valid_ids
            assert result.candidates[0].claim_id == result.claim_id
            assert result.score >= th.auto
        else:
            assert result.claim_id is None
        if not ext.is_creditor_reply:
            assert result.status is MatchStatus.NO_MATCH
    assert statuses == {MatchStatus.AUTO_MATCHED, MatchStatus.NEEDS_REVIEW, MatchStatus.NO_MATCH}
