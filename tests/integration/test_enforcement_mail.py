"""A bailiff's enforcement notice (not a creditor reply) is never set aside: the worker
leaves it completed / needs_review with the enforcement reason, and it waits in review."""

from __future__ import annotations

import json

from creditctl.services import intake, review, status
from tests.helpers import drain, import_sample_clients, signed_headers

BAILIFF = {
    "ticket_id": "9115",
    "comment_id": "69115",
    "subject": "Zwangsvollstreckung Tamara Reinholz – DR II 1234/26",
    "from_email": "gv-brenner@justiz-neustadt.example",
    "from_name": "Obergerichtsvollzieher Karl Brenner",
    "body_text": "Sehr geehrte Damen und Herren,\n\nin der Zwangsvollstreckungssache Modehaus Lindner KG gegen "
    "Frau Tamara Reinholz betreibe ich im Auftrag der Gläubigerin die Zwangsvollstreckung wegen einer "
    "Forderung von 1.230,00 EUR. Termin zur Abnahme der Vermögensauskunft: 12.01.2027, 09:00 Uhr.\n\n"
    "Hochachtungsvoll\nBrenner, Obergerichtsvollzieher\nAmtsgericht Neustadt",
}


def test_a_bailiffs_notice_waits_for_a_person_with_the_enforcement_reason(env) -> None:
    import_sample_clients(env)
    body = json.dumps(BAILIFF, ensure_ascii=False).encode("utf-8")
    email_id = intake.receive_webhook(
        env.ctx, raw_body=body, headers=signed_headers(body), verify_signature=True
    ).email_id
    drain(env.runtime)

    story = status.email_status(env.ctx, email_id)
    assert (story["processing_status"], story["match_status"]) == ("completed", "needs_review"), story
    (item,) = [i for i in review.pending(env.ctx) if i["id"] == email_id]
    assert item["hold_reasons"][0] == "court, bailiff or enforcement mail: it never updates a claim, a person reads it"
    assert story["claim_updates"] == []


NAMING_THE_REFERENCE = {
    **BAILIFF,
    "ticket_id": "9116",
    "comment_id": "69116",
    "body_text": "Sehr geehrte Damen und Herren,\n\nin der Zwangsvollstreckungssache Modehaus Lindner KG gegen "
    "Frau Tamara Reinholz (Az. DR II 1234/26, Gläubigerzeichen RPI-7712-4408-19) wurde mir ein "
    "Vollstreckungsauftrag über 1.230,00 EUR erteilt. Termin zur Abnahme der Vermögensauskunft: "
    "12.01.2027, 09:00 Uhr.\n\nHochachtungsvoll\nBrenner, Obergerichtsvollzieher\nAmtsgericht Neustadt",
}


def test_a_bailiffs_notice_naming_the_claim_lists_it_as_a_candidate_and_is_still_held(env) -> None:
    from sqlalchemy import select

    from creditctl.db import session_scope
    from creditctl.models import Claim

    import_sample_clients(env)
    with session_scope(env.ctx.db_url) as s:
        lindner = s.scalar(select(Claim.id).where(Claim.creditor_reference == "RPI-7712-4408-19"))
    body = json.dumps(NAMING_THE_REFERENCE, ensure_ascii=False).encode("utf-8")
    email_id = intake.receive_webhook(
        env.ctx, raw_body=body, headers=signed_headers(body), verify_signature=True
    ).email_id
    drain(env.runtime)

    story = status.email_status(env.ctx, email_id)
    assert (story["processing_status"], story["match_status"]) == ("completed", "needs_review"), story
    assert story["claim_updates"] == [] and story["match"]["claim_id"] is None  # held: never applied
    (item,) = [i for i in review.pending(env.ctx) if i["id"] == email_id]
    assert item["candidates"] and item["candidates"][0]["claim_id"] == lindner, item["candidates"]
    assert item["hold_reasons"][0] == "court, bailiff or enforcement mail: it never updates a claim, a person reads it"
    assert item["creditor"] == "Modehaus Lindner KG"
    reasons = review.detail(env.ctx, email_id)["offer"]["withheld"]
    withheld = " ".join(reasons)
    assert "type the amount after reading the email" not in withheld
    assert "held for enforcement" in withheld and "reject it to close it" in withheld, withheld
    from creditctl.desk.i18n import Formatter

    desk = Formatter("de_DE", "Europe/Berlin").reason(reasons[-1])  # the desk says it in German, not "type it"
    assert "Sie setzt keinen Forderungsbetrag" in desk and "selbst eintragen" not in desk, desk

    done = review.approve(  # the caseworker can act on a candidate, with the figure typed; a bailiff is not
        env.ctx,  # the claim's creditor, so the mismatch is confirmed too
        email_id=email_id,
        claim_id=lindner,
        amount_text="1.230,00",
        operator="anna",
        confirm_change=True,
        confirm_mismatch=True,
    )
    assert done["new_amount"] == "1230.00", done
