"""What an operator's trial of the desk tripped on: the reason filter lists one credit entry
however each credit reply quotes it; the queue never shows a figure the safety checks
refused as the amount read; an admin's override onto a claim that does not fit the email
takes a second, explicit step, recorded."""

from __future__ import annotations

import re

from sqlalchemy import select

from creditctl import db
from creditctl.models import Claim, ClaimUpdate
from creditctl.services import intake, review
from tests.browser.conftest import ADMIN, Site, sign_in
from tests.helpers import REFUSED_FIGURE_REPLY, SENDER_ONLY_REPLY, drain, payload, signed_headers

SIMILAR = "05_name_only_similar_clients.json"


def _ingest(site: Site, **fields: str) -> int:
    body = payload(**fields)
    email_id = intake.receive_webhook(
        site.ctx, raw_body=body, headers=signed_headers(body), verify_signature=True
    ).email_id
    drain(site.env.runtime)
    return email_id


def count_updates(site: Site, claim_id: int) -> int:
    with db.session_scope(site.ctx.db_url) as s:
        return len(s.scalars(select(ClaimUpdate).where(ClaimUpdate.claim_id == claim_id)).all())


def test_one_credit_entry_in_the_reason_filter_and_no_refused_figure_in_the_queue(page, site: Site) -> None:
    guthaben = _ingest(
        site,
        ticket_id="7001",
        from_email="inkasso@stadtwerke-neuhafen.example",
        from_name="Stadtwerke Neuhafen GmbH",
        subject="AW: Tamara Reinholz, Kundennummer KD-55102-7",
        body_text="Sehr geehrte Damen und Herren,\n\nzur Kundennummer KD-55102-7 (Tamara Reinholz): "
        "das Konto weist ein Guthaben von 45,20 EUR aus.\n\nMit freundlichen Grüßen\nStadtwerke Neuhafen GmbH",
    )
    minus = _ingest(
        site,
        ticket_id="7002",
        from_email="forderungen@nordbank-kredit.example",
        from_name="Nordbank Kredit AG",
        subject="AW: Jürgen Oberländer, Konto KTO 4471 2290 03",
        body_text="Sehr geehrte Damen und Herren,\n\nKonto KTO 4471 2290 03, Jürgen Oberländer\n"
        "Kontostand: 150,00- EUR\n\nMit freundlichen Grüßen\nNordbank Kredit AG",
    )
    held = {i["id"]: i for i in review.pending(site.ctx)}
    assert all(any("credit" in r for r in held[i]["hold_reasons"][:1]) for i in (guthaben, minus)), held

    sign_in(page, site, ADMIN)
    options = page.locator("select[name=reason] option")
    credit = [label for label in options.all_inner_texts() if "Guthaben" in label or "150,00" in label]
    assert credit == ["Guthaben oder negativer Saldo (2)"], options.all_inner_texts()
    page.select_option("select[name=reason]", value="kind:credit")
    page.click(".filters button[type=submit]")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 2 and {f"#{guthaben}", f"#{minus}"} <= set(
        re.findall(r"#\d+", " ".join(rows.all_inner_texts()))
    )

    # a figure the safety checks refused (another customer's balance in a "client unknown"
    # reply) is never shown as the amount read
    unknown = _ingest(site, **REFUSED_FIGURE_REPLY)
    item = next(i for i in review.pending(site.ctx) if i["id"] == unknown)
    assert item["extracted"]["total"] == "1250.00" and item["amount_refused"]
    page.goto(f"{site.base}/desk/review")
    row = page.locator("table.queue tbody tr", has=page.locator(f"a[href='/desk/review/{unknown}']"))
    assert row.count() == 1, page.content()[-3000:]
    text = row.first.inner_text()
    # not "abgelehnt" (that word is the caseworker's reject decision): the reading is not usable, why on hover
    assert "nicht übernehmbar" in text and "abgelehnt" not in text and "1.250,00" not in text, text
    title = row.first.locator(".refused-reading").get_attribute("title") or ""
    assert title.startswith("Ein Betrag wurde gelesen, aber die Sicherheitsprüfungen lassen ihn nicht zu: "), title
    assert len(title) > len("Ein Betrag wurde gelesen, aber die Sicherheitsprüfungen lassen ihn nicht zu: ") + 5, title


def test_an_override_onto_a_claim_that_does_not_fit_takes_a_second_step(page, site: Site) -> None:
    similar = site.ids[SIMILAR]  # a Versandhaus Albrecht reply
    with db.session_scope(site.ctx.db_url) as session:  # another creditor's claim no email has set
        other, before = next(
            (c.id, c.amount)
            for c in session.scalars(select(Claim).order_by(Claim.id))
            if "Versandhaus" not in c.creditor_name and c.updated_by_email_id is None and c.amount
        )
    sign_in(page, site, ADMIN)
    page.goto(f"{site.base}/desk/review/{similar}")
    page.click("details.card summary")
    page.fill("#override-form input[name=claim_id]", str(other))
    page.fill("#override-form input[name=amount]", f"{before + 1:.2f}".replace(".", ","))
    page.fill("#override-form input[name=reason]", "Telefonat mit dem Gläubiger")
    with page.expect_navigation():
        page.click("#override-form button[type=submit]")
    assert page.url == f"{site.base}/desk/review/{similar}", (page.url, page.locator("body").inner_text()[:2000])
    assert "passt nicht zur E-Mail" in page.locator("body").inner_text()
    assert count_updates(site, other) == 0  # nothing applied yet
    # the second step: the form comes back filled in, with the confirmation
    assert page.locator("#override-form input[name=claim_id]").input_value() == str(other)
    page.check("#confirm-mismatch")
    with page.expect_navigation():
        page.click("#override-form button[type=submit]")
    assert "msg=approved" in page.url, (page.url, page.locator("body").inner_text()[:1500])
    assert count_updates(site, other) == 1
    (action,) = [a for a in review.action_log(site.ctx) if a["email_id"] == similar]
    assert action["override"] is True and "mismatch confirmed" in action["reason"]


def test_a_reply_matched_by_its_sender_alone_lists_the_senders_claim(page, site: Site) -> None:
    bare = _ingest(site, **SENDER_ONLY_REPLY)
    sign_in(page, site, ADMIN)
    page.goto(f"{site.base}/desk/review/{bare}")
    form = page.locator("#approve-form")
    assert (
        "Nordbank Kredit AG" in form.inner_text()
        and "Absender passt, keine Angaben zum Mandanten erkannt" in form.inner_text()
    )
    radios = form.locator("input[name=claim_id]")
    assert radios.count() == 1 and not radios.first.is_checked()  # a person chooses it, nothing pre-selected
    assert "erkannt" in page.locator("#held").inner_text()


def test_on_a_phone_the_queue_does_not_scroll_sideways_and_sign_out_is_visible(page, site: Site) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, site, ADMIN)
    for path in ("/desk/review", f"/desk/review/{min(site.ids.values())}"):
        page.goto(f"{site.base}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        box = page.get_by_role("button", name="Abmelden").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, path
    page.goto(f"{site.base}/desk/review")
    label = page.evaluate("getComputedStyle(document.querySelector('table.queue td:nth-child(3)'), '::before').content")
    assert "Gläubiger" in label  # each row is a card, each value with its label


def test_approving_a_candidate_of_a_client_unknown_reply_takes_a_second_step(page, site: Site) -> None:
    """The fresh operator approved a candidate claim of a "client unknown" reply with no
    question asked (CLI and desk alike); the desk now asks, naming why, before anything applies."""
    unknown = _ingest(site, **REFUSED_FIGURE_REPLY)
    item = next(i for i in review.pending(site.ctx) if i["id"] == unknown)
    assert any("cannot identify the client" in r for r in item["hold_reasons"]), item["hold_reasons"]
    assert item["candidates"], item
    target = item["candidates"][0]["claim_id"]
    before = count_updates(site, target)
    sign_in(page, site, ADMIN)
    page.goto(f"{site.base}/desk/review/{unknown}")
    page.locator(f"#approve-form input[name=claim_id][value='{target}']").check()
    page.fill("#approve-form input[name=amount]", "1.210,00")
    with page.expect_navigation():
        page.click("#approve-form button[type=submit]")
    assert "passt nicht zur E-Mail" in page.locator("body").inner_text(), page.locator("body").inner_text()[:2000]
    assert count_updates(site, target) == before  # nothing applied yet
    page.check("#confirm-mismatch-candidate")
    if page.locator("#approve-form input[name=amount]").input_value() == "":
        page.fill("#approve-form input[name=amount]", "1.210,00")
    with page.expect_navigation():
        page.click("#approve-form button[type=submit]")
    assert "msg=approved" in page.url, page.locator("body").inner_text()[:1500]
