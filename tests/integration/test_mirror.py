"""MongoMirror: the real pymongo-facing code against mongomock at the client boundary."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pymongo.errors
import pytest
from bson.decimal128 import Decimal128

from creditctl.adapters.mirror import MirrorClaimUpdate, MongoMirror, to_decimal
from creditctl.exceptions import MirrorUnavailable
from tests.ports import free_port

FILE_NUMBER = "BÖ-2024-0173"
RECEIVED = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture
def mirror(mongo_mirror: MongoMirror) -> MongoMirror:
    m = mongo_mirror
    m.collection.insert_one(
        {
            "aktenzeichen": FILE_NUMBER,
            "client_name": "Tamara Reinholz",
            "final_creditor_list": [
                {
                    "creditor_name": "Telekom Deutschland GmbH",
                    "creditor_reference": "TK-1",
                    "creditor_email": "inkasso@telekom.example",
                    "current_debt_amount": Decimal128("80.00"),
                },
                {
                    "creditor_name": "Modehaus Lindner KG",
                    "creditor_reference": "RPI-7712-4408-19",
                    "creditor_email": "forderungsmanagement@rheinpfalz-inkasso.example",
                    "zendesk_ticket_id": "4711",
                    "side_conversation_id": "sc-1",
                    "current_debt_amount": Decimal128("540.00"),
                },
            ],
        }
    )
    return m


def _update(**overrides) -> MirrorClaimUpdate:
    values = dict(
        client_file_number=FILE_NUMBER,
        creditor_reference="RPI-7712-4408-19",
        creditor_emails=("forderungsmanagement@rheinpfalz-inkasso.example",),
        zendesk_ticket_id="4711",
        side_conversation_id=None,
        new_amount=Decimal("612.34"),
        response_received_at=RECEIVED,
        response_text="Die Forderung beträgt 612,34 EUR.\n\nMit freundlichen Grüßen",
        idempotency_key="email-42:claim-7",
    )
    values.update(overrides)
    return MirrorClaimUpdate(**values)


def _element(mirror: MongoMirror, index: int) -> dict:
    return mirror.collection.find_one({"aktenzeichen": FILE_NUMBER})["final_creditor_list"][index]


def test_apply_once_sets_the_portal_fields_on_the_matching_element(mirror: MongoMirror) -> None:
    assert mirror.apply_claim_update(_update()) == "applied"
    element = _element(mirror, 1)
    assert element["current_debt_amount"] == Decimal128("612.34")
    assert element["creditor_response_amount"] == Decimal128("612.34")
    assert element["amount_source"] == "creditor_response"
    assert element["contact_status"] == "response_received"
    assert element["response_received_at"].replace(tzinfo=UTC) == RECEIVED
    assert element["creditor_response_text"] == "Die Forderung beträgt 612,34 EUR. Mit freundlichen Grüßen"
    assert element["creditctl_update_keys"] == ["email-42:claim-7"]
    # the other claim is untouched
    assert _element(mirror, 0)["current_debt_amount"] == Decimal128("80.00")
    assert "contact_status" not in _element(mirror, 0)


def test_same_key_twice_changes_once(mirror: MongoMirror) -> None:
    assert mirror.apply_claim_update(_update()) == "applied"
    # a second run with the same key but (say) a re-extracted amount writes nothing
    assert mirror.apply_claim_update(_update(new_amount=Decimal("999.00"))) == "already_applied"
    element = _element(mirror, 1)
    assert element["current_debt_amount"] == Decimal128("612.34")
    assert element["creditctl_update_keys"] == ["email-42:claim-7"]


def test_different_key_same_amount_is_applied(mirror: MongoMirror) -> None:
    assert mirror.apply_claim_update(_update()) == "applied"
    later = RECEIVED + timedelta(days=30)
    assert (
        mirror.apply_claim_update(_update(idempotency_key="email-43:claim-7", response_received_at=later)) == "applied"
    )
    element = _element(mirror, 1)
    assert element["creditctl_update_keys"] == ["email-42:claim-7", "email-43:claim-7"]
    assert element["response_received_at"].replace(tzinfo=UTC) == later


def test_no_such_client(mirror: MongoMirror) -> None:
    assert mirror.apply_claim_update(_update(client_file_number="XX-0000")) == "no_document"


def test_no_matching_element(mirror: MongoMirror) -> None:
    outcome = mirror.apply_claim_update(
        _update(creditor_reference="UNKNOWN", creditor_emails=("someone@else.example",), zendesk_ticket_id=None)
    )
    assert outcome == "no_element"
    assert "creditctl_update_keys" not in _element(mirror, 1)


def test_matches_by_email_when_reference_absent(mirror: MongoMirror) -> None:
    outcome = mirror.apply_claim_update(
        _update(creditor_reference=None, zendesk_ticket_id=None, creditor_emails=("INKASSO@Telekom.example",))
    )  # case differs from the stored address
    assert outcome == "applied"
    assert _element(mirror, 0)["current_debt_amount"] == Decimal128("612.34")
    assert _element(mirror, 1)["current_debt_amount"] == Decimal128("540.00")


def test_matches_by_side_conversation(mirror: MongoMirror) -> None:
    outcome = mirror.apply_claim_update(
        _update(creditor_reference=None, creditor_emails=(), zendesk_ticket_id=None, side_conversation_id="sc-1")
    )
    assert outcome == "applied"
    assert _element(mirror, 1)["current_debt_amount"] == Decimal128("612.34")


def test_reference_wins_over_an_email_matching_another_claim(mirror: MongoMirror) -> None:
    # the sender's address belongs to claim 0, the reference to claim 1: the reference decides
    outcome = mirror.apply_claim_update(_update(creditor_emails=("inkasso@telekom.example",)))
    assert outcome == "applied"
    assert _element(mirror, 1)["current_debt_amount"] == Decimal128("612.34")
    assert _element(mirror, 0)["current_debt_amount"] == Decimal128("80.00")


def test_two_claims_of_one_sender_without_reference_is_ambiguous(mirror: MongoMirror) -> None:
    mirror.collection.update_one(
        {"aktenzeichen": FILE_NUMBER},
        {
            "$push": {
                "final_creditor_list": {
                    "creditor_name": "Telekom Deutschland GmbH",
                    "creditor_reference": "TK-2",
                    "creditor_email": "inkasso@telekom.example",
                    "current_debt_amount": Decimal128("12.00"),
                }
            }
        },
    )
    outcome = mirror.apply_claim_update(
        _update(creditor_reference=None, zendesk_ticket_id=None, creditor_emails=("inkasso@telekom.example",))
    )
    assert outcome == "ambiguous"
    amounts = [
        e["current_debt_amount"]
        for e in mirror.collection.find_one({"aktenzeichen": FILE_NUMBER})["final_creditor_list"]
    ]
    assert amounts == [Decimal128("80.00"), Decimal128("540.00"), Decimal128("12.00")]


def test_shared_ticket_is_narrowed_by_sender(mirror: MongoMirror) -> None:
    # both claims were requested in ticket 4711; the sender's address singles one out
    mirror.collection.update_one(
        {"aktenzeichen": FILE_NUMBER}, {"$set": {"final_creditor_list.0.zendesk_ticket_id": "4711"}}
    )
    outcome = mirror.apply_claim_update(_update(creditor_reference=None, creditor_emails=("inkasso@telekom.example",)))
    assert outcome == "applied"
    assert _element(mirror, 0)["current_debt_amount"] == Decimal128("612.34")
    assert _element(mirror, 1)["current_debt_amount"] == Decimal128("540.00")


def test_read_claims_flattens_with_decimal_amounts_and_last_key(mirror: MongoMirror) -> None:
    mirror.apply_claim_update(_update())
    mirror.apply_claim_update(_update(idempotency_key="k2", new_amount=Decimal("600.10")))
    mirror.collection.insert_one(
        {
            "aktenzeichen": "AA-1",
            "final_creditor_list": [
                {
                    "creditor_name": "Stadtwerke",
                    "current_debt_amount": 540.1,
                    "creditor_email": ["a@x.example", "b@x.example"],
                },
                {"creditor_name": "Broken", "current_debt_amount": "n/a"},
            ],
        }
    )
    claims = list(mirror.read_claims())
    assert [(c.client_file_number, c.creditor_reference) for c in claims] == [
        ("AA-1", None),
        ("AA-1", None),
        (FILE_NUMBER, "TK-1"),
        (FILE_NUMBER, "RPI-7712-4408-19"),
    ]
    assert claims[0].current_debt_amount == Decimal("540.1")
    assert claims[0].creditor_emails == ("a@x.example", "b@x.example")
    assert claims[1].current_debt_amount is None
    assert claims[2].last_update_key is None
    assert claims[3].current_debt_amount == Decimal("600.10")
    assert claims[3].last_update_key == "k2"
    assert claims[3].update_keys == ("email-42:claim-7", "k2")


def test_upsert_client_seeds_and_is_idempotent(mongo_mirror: MongoMirror) -> None:
    mirror = mongo_mirror
    claims = [
        {
            "creditor_name": "Modehaus Lindner KG",
            "agent_name": "Rheinpfalz Inkasso GmbH",
            "creditor_emails": ["forderungsmanagement@rheinpfalz-inkasso.example"],
            "creditor_reference": "RPI-7712-4408-19",
            "amount": "540.00",
            "currency": "EUR",
            "zendesk_ticket_id": 4711,
        },
        {"creditor_name": "Stadtwerke Mainz", "creditor_emails": [], "amount": Decimal("33.10")},
    ]
    mirror.upsert_client(FILE_NUMBER, "Tamara Reinholz", claims)
    mirror.apply_claim_update(_update())
    mirror.upsert_client(FILE_NUMBER, "Tamara Reinholz", claims)  # again: nothing changes
    [document] = list(mirror.collection.find({}))
    assert document["client_name"] == "Tamara Reinholz"
    elements = document["final_creditor_list"]
    assert len(elements) == 2
    assert elements[0]["zendesk_ticket_id"] == "4711"
    assert elements[0]["creditor_email"] == "forderungsmanagement@rheinpfalz-inkasso.example"
    assert elements[0]["current_debt_amount"] == Decimal128("612.34")  # the response survives re-import
    assert elements[1]["creditor_reference"] is None
    assert elements[1]["current_debt_amount"] == Decimal128("33.10")


def test_update_validates_its_values() -> None:
    with pytest.raises(ValueError):
        _update(response_received_at=datetime(2025, 1, 1))
    with pytest.raises(TypeError):
        _update(new_amount=612.34)
    # any timezone is stored as UTC
    plus_one = datetime(2025, 3, 4, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    fields = MongoMirror._claim_fields(_update(response_received_at=plus_one))
    assert fields["final_creditor_list.$.response_received_at"] == RECEIVED
    assert fields["final_creditor_list.$.response_received_at"].tzinfo == UTC


def test_to_decimal() -> None:
    assert to_decimal(Decimal128("1.10")) == Decimal("1.10")
    assert to_decimal("  2,5") is None
    assert to_decimal("nan") is None
    assert to_decimal(3) == Decimal(3)
    assert to_decimal(True) is None
    assert to_decimal(None) is None


def test_from_url_against_a_closed_port_fails_fast() -> None:
    mirror = MongoMirror.from_url(f"mongodb://127.0.0.1:{free_port()}/", "portal", timeout_ms=200)
    try:
        started = time.monotonic()
        with pytest.raises(MirrorUnavailable) as info:  # translated by the adapter, the SDK error as cause
            mirror.ping()
        assert isinstance(info.value.__cause__, pymongo.errors.ServerSelectionTimeoutError)
        with pytest.raises(MirrorUnavailable):
            mirror.apply_claim_update(_update())
        with pytest.raises(MirrorUnavailable):
            list(mirror.read_claims())
        assert time.monotonic() - started < 3
    finally:
        mirror.close()


def test_an_outage_is_one_short_line_naming_the_server_and_the_url_setting() -> None:
    port = free_port()
    mirror = MongoMirror.from_url(f"mongodb://127.0.0.1:{port}/", "portal", timeout_ms=200)
    try:
        with pytest.raises(MirrorUnavailable) as info:
            mirror.ping()
    finally:
        mirror.close()
    message = str(info.value)
    assert message == (
        f"MongoDB mirror unreachable at 127.0.0.1:{port} (connection refused); check CREDITCTL_MONGODB_URL"
    )
    assert "Topology" not in message and "\n" not in message
    assert isinstance(info.value.__cause__, pymongo.errors.ServerSelectionTimeoutError)  # kept for --debug
