"""The review desk in headless Chromium: sign in, queue, filter, review page, approve,
undo, reject; the refusals; a hostile email shown inert. Screenshots of the queue and
the review page go to docs/screenshots/."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select, update

from creditctl import db
from creditctl.desk.i18n import Formatter
from creditctl.models import Claim, ClaimUpdate, utcnow
from creditctl.services import review, status
from tests.browser.conftest import (
    ADMIN,
    HOSTILE_HOST,
    REVIEWER,
    SCREENSHOTS,
    Site,
    sign_in,
)

SIMILAR = "05_name_only_similar_clients.json"
DOCREQ = "03_document_request.json"


def claim_amount(site: Site, claim_id: int) -> Decimal:
    with db.session_scope(site.ctx.db_url) as s:
        return s.scalar(select(Claim.amount).where(Claim.id == claim_id))


def waiting_ids(site: Site) -> list[int]:
    return [i["id"] for i in review.pending(site.ctx)]


def test_sign_in_filter_open_approve_undo_reject(page, site: Site) -> None:
    similar, docreq = site.ids[SIMILAR], site.ids[DOCREQ]
    before = waiting_ids(site)
    assert (
        similar in before and docreq in before and len(before) == 4
    )  # the demo's three (the settled reply now applies 0.00) and the hostile one

    # no session: any desk page sends the browser to the sign-in form
    page.goto(f"{site.base}/desk/review")
    assert page.url.startswith(f"{site.base}/desk/login")
    sign_in(page, site, ADMIN)

    # the queue: one line per held email, German labels and amounts
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 4
    assert page.locator("#waiting-total").inner_text() == "4"
    assert "Prüfliste" in page.title() and page.get_by_text("1.260,80 €").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "desk-queue.png"), full_page=True)

    # filter by creditor, then by reason
    page.fill("input[name=creditor]", "Versandhaus")
    page.click(".filters button[type=submit]")
    assert rows.count() == 1 and f"#{similar}" in rows.first.inner_text()
    page.goto(f"{site.base}/desk/review")
    reason = page.locator("select[name=reason] option", has_text="Unterlagen angefordert").get_attribute("value")
    page.select_option("select[name=reason]", value=reason)
    page.click(".filters button[type=submit]")
    assert rows.count() == 1 and f"#{docreq}" in rows.first.inner_text()

    # open an item: evidence highlighted, amount pre-filled in the office's format
    page.goto(f"{site.base}/desk/review")
    page.click(f"a[href='/desk/review/{similar}']  >> nth=0")
    page.wait_for_url(f"{site.base}/desk/review/{similar}")
    assert page.locator("#reply mark").count() >= 1
    assert page.locator("#approve-form input[name=amount]").input_value() == "1.260,80"
    top = page.locator("#approve-form input[name=claim_id]").first.get_attribute("value")
    old = claim_amount(site, int(top))
    page.screenshot(path=str(SCREENSHOTS / "desk-review.png"), full_page=True)

    # approve: the claim changes once, and the next held email opens
    page.click("#approve-form button[type=submit]")
    page.wait_for_url(re.compile(r"/desk/review/\d+\?msg=approved"))
    assert f"/desk/review/{similar}?" not in page.url
    # the notice names the change as the CLI does (old → new, the office's format)
    money = Formatter("de_DE", "Europe/Berlin").money
    notice = page.locator(".notice").inner_text().replace("\xa0", " ")
    assert notice == f"E-Mail {similar} freigegeben: Forderung {money(old)} → {money('1260.80')}.".replace("\xa0", " ")
    assert claim_amount(site, int(top)) == Decimal("1260.80")
    story = status.email_status(site.ctx, similar)
    assert story["match_status"] == "auto_matched"
    assert [u["applied_by"] for u in story["claim_updates"]] == ["review:anna"]
    assert similar not in waiting_ids(site)

    # undo: a compensating history row restores the amount; the email is back in the queue
    page.goto(f"{site.base}/desk/review/{similar}")
    page.click("#undo-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/desk/review/{similar}\?msg=undone"))
    assert claim_amount(site, int(top)) == old
    story = status.email_status(site.ctx, similar)
    assert [(u["old_amount"], u["new_amount"]) for u in story["claim_updates"]] == [
        (str(old), "1260.80"),
        ("1260.80", str(old)),
    ]
    assert similar in waiting_ids(site)

    # reject another one with a reason
    page.goto(f"{site.base}/desk/review/{docreq}")
    page.fill("#reject-form input[name=reason]", "Anfrage nach Unterlagen, keine Forderungshöhe")
    page.click("#reject-form button[type=submit]")
    page.wait_for_url(re.compile(r"msg=rejected"))
    assert docreq not in waiting_ids(site)
    assert status.email_status(site.ctx, docreq)["review_note"].startswith("rejected by anna")

    # every decision is in the action log, with who
    page.goto(f"{site.base}/desk/ops/log")
    log_text = page.locator("table.grid").inner_text()
    assert log_text.count("anna") == 3 and "freigegeben" in log_text and "rückgängig" in log_text
    assert site.outside() == []


def test_refusals_change_nothing(page, site: Site) -> None:
    similar = site.ids[SIMILAR]
    candidates = review.detail(site.ctx, similar)["candidates"]
    top = candidates[0]["claim_id"]
    old = claim_amount(site, top)

    # no session: a POST is sent to the sign-in form and changes nothing
    answer = page.request.post(
        f"{site.base}/desk/review/{similar}/approve", form={"claim_id": str(top)}, max_redirects=0
    )
    assert answer.status == 303 and answer.headers["location"].startswith("/desk/login")

    # a wrong CSRF token: 403, nothing changed
    sign_in(page, site, REVIEWER)
    answer = page.request.post(
        f"{site.base}/desk/review/{similar}/approve",
        form={"claim_id": str(top), "_csrf_token": "0" * 64},
        max_redirects=0,
    )
    assert answer.status == 403
    answer = page.request.post(
        f"{site.base}/desk/review/{similar}/approve", form={"claim_id": str(top)}, max_redirects=0
    )
    assert answer.status == 403
    assert claim_amount(site, top) == old and similar in waiting_ids(site)

    # a claim that is not a candidate (a tampered form), without an override: refused
    outsider = next(i for i in range(1, 100) if i not in {c["claim_id"] for c in candidates})
    outsider_amount = claim_amount(site, outsider)
    page.goto(f"{site.base}/desk/review/{similar}")
    page.locator("#approve-form input[name=claim_id]").first.evaluate(f"el => el.value = '{outsider}'")
    with page.expect_response(lambda r: r.url.endswith("/approve")) as posted:
        page.click("#approve-form button[type=submit]")
    assert posted.value.status == 303  # back to the review page: a reload never re-posts
    page.wait_for_load_state()
    assert "keine mögliche Forderung" in page.locator(".error").inner_text()
    assert claim_amount(site, outsider) == outsider_amount and similar in waiting_ids(site)
    assert page.locator("#override-form").count() == 0  # a reviewer gets no override form

    # a reviewer's undo after 24 hours: refused; the approved amount stays
    page.goto(f"{site.base}/desk/review/{similar}")
    page.click("#approve-form button[type=submit]")
    page.wait_for_url(re.compile(r"msg=approved"))
    assert claim_amount(site, top) == Decimal("1260.80")
    with db.session_scope(site.ctx.db_url) as s:
        s.execute(update(ClaimUpdate).values(created_at=utcnow() - timedelta(hours=25)))
    page.goto(f"{site.base}/desk/review/{similar}")
    with page.expect_response(lambda r: r.url.endswith("/undo")) as posted:
        page.click("#undo-form button[type=submit]")
    assert posted.value.status == 303  # back to the review page: a reload never re-posts
    page.wait_for_load_state()
    assert "älter als 24 Stunden" in page.locator(".error").inner_text()
    assert claim_amount(site, top) == Decimal("1260.80") and similar not in waiting_ids(site)

    # the operations pages are for admins only
    assert page.goto(f"{site.base}/desk/ops").status == 403
    assert site.outside() == []


def test_a_hostile_email_is_shown_inert(page, site: Site) -> None:
    hostile = site.ids["hostile"]
    sign_in(page, site, ADMIN)
    title = page.title()
    page.goto(f"{site.base}/desk/review/{hostile}")
    frame_element = page.locator("iframe.original")
    assert frame_element.get_attribute("sandbox") == ""
    page.wait_for_timeout(1500)  # give any script, image or stylesheet time to try

    frame = frame_element.content_frame
    assert "812,40 EUR" in frame.locator("body").inner_text()
    frame.locator("#hostile-submit").click(no_wait_after=True)  # a sandbox without allow-forms: blocked
    page.wait_for_timeout(500)

    assert page.title() == f"E-Mail #{hostile} · creditctl" != title or page.title() == title
    assert "pwned" not in page.title()
    assert not any(HOSTILE_HOST in url for url in site.requests), [u for u in site.requests if HOSTILE_HOST in u]
    assert site.outside() == []
    # the text CSS hid in the original is visible in the cleaned text
    assert "99.999,00" in page.locator("#reply").inner_text()


def test_hold_reasons_first_and_a_deviating_amount_is_confirmed(page, site: Site) -> None:
    """Why the email is held is the first thing on the page; a typed amount far from the
    claim's asks for the "Betrag trotz Abweichung übernehmen" tick before it is applied."""
    similar = site.ids[SIMILAR]
    sign_in(page, site, REVIEWER)
    page.goto(f"{site.base}/desk/review/{similar}")
    held = page.locator("#held")
    assert held.is_visible() and held.locator("li").count() >= 1
    assert held.bounding_box()["y"] < page.locator("#reply").bounding_box()["y"]
    first = status.email_status(site.ctx, similar)["hold_reasons"][0]
    german = Formatter(site.ctx.settings.desk_locale, site.ctx.settings.office_timezone).reason(first)
    assert held.locator("li").first.inner_text() == german != first  # the desk's German (desk/reasons.py)

    top = int(page.locator("#approve-form input[name=claim_id]").first.get_attribute("value"))
    old = claim_amount(site, top)
    page.fill("#approve-form input[name=amount]", "9.999,00")
    with page.expect_response(lambda r: r.url.endswith("/approve")) as posted:
        page.click("#approve-form button[type=submit]")
    assert posted.value.status == 303  # back to the review page: a reload never re-posts
    page.wait_for_load_state()
    assert page.locator("p.error").is_visible() and claim_amount(site, top) == old
    assert page.locator("#approve-form input[name=amount]").input_value() == "9.999,00"
    page.check("#confirm-change")
    page.click("#approve-form button[type=submit]")
    page.wait_for_url(re.compile(r"msg=approved"))
    assert claim_amount(site, top) == Decimal("9999.00")
    assert review.action_log(site.ctx, limit=1)[0]["reason"].startswith("change confirmed: amount 9999.00 is a rise")
    assert site.outside() == []


ENGLISH_WORDING = ("a person decides", "type the amount", "addresses the system", "never applied", "evidence:")


def test_reasons_warnings_and_evidence_are_german(page, site: Site) -> None:
    """The hold reasons, the warnings, the reason filter's labels and the evidence chips
    speak the desk's German (creditctl/desk/reasons.py); the filter's values stay the
    stored reasons (the stable key the queue filters by), or a safety kind (``kind:injection``)."""
    injection = site.ids["07_injection.json"]
    sign_in(page, site, REVIEWER)
    page.goto(f"{site.base}/desk/review/{injection}")
    held = page.locator("#held").inner_text()
    warnings = page.locator("#warnings").inner_text()
    assert "Text richtet sich an das System" in held
    # the warnings saying the same (text addressing the system) are one entry, the others folded
    assert "3 gleichlautende Hinweise" in warnings and "Prompt-Injection" not in warnings
    assert "Prompt-Injection" in (page.locator("#warnings details.same").text_content() or "")
    for text in (held, warnings):
        assert not any(english in text for english in ENGLISH_WORDING), text
    german = Formatter(site.ctx.settings.desk_locale, site.ctx.settings.office_timezone)
    for chip in page.locator("ul.evidence .tag").all():  # evidence not found in the reply
        assert chip.inner_text() == german.field(chip.get_attribute("data-field"))
    page.goto(f"{site.base}/desk/review/{site.ids[SIMILAR]}")
    marks = page.locator("#reply mark[data-field]")
    assert marks.count() >= 1
    for mark in marks.all():  # a highlighted span's tooltip: the field's display name, not its code
        field = mark.get_attribute("data-field")
        assert mark.get_attribute("title") == german.field(field) != field
    page.goto(f"{site.base}/desk/review")
    options = page.locator("select[name=reason] option")
    labels = options.all_inner_texts()
    assert any(label.startswith("Text richtet sich an das System") for label in labels), labels
    value = options.filter(has_text="Text richtet sich an das System").get_attribute("value")
    assert value == "kind:injection"  # a safety kind: one entry, whatever each reason quotes
    page.select_option("select[name=reason]", value=value)
    page.click(".filters button[type=submit]")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 1 and f"#{injection}" in rows.first.inner_text()
    assert site.outside() == []


def test_the_second_step_of_an_approval_is_shown_at_the_top_with_its_box(page, site: Site) -> None:
    """A reply naming several claims or figures: the approval is not applied at once; the
    reloaded page starts with "Nichts übernommen … Bitte bestätigen" and its box (above the
    candidates and their history), and confirming there applies it."""
    from creditctl.models import Email

    similar = site.ids[SIMILAR]
    several = "the reply states several different totals (100.00, 200.00): a person decides which is current"
    with db.session_scope(site.ctx.db_url) as s:
        email = s.get(Email, similar)
        email.match = {**(email.match or {}), "verdict_reasons": [several], "hold_reasons": [several]}
    sign_in(page, site, REVIEWER)
    page.goto(f"{site.base}/desk/review/{similar}")
    top = int(page.locator("#approve-form input[name=claim_id]").first.get_attribute("value"))
    page.check(f"#approve-form input[name=claim_id][value='{top}']")
    page.fill("#approve-form input[name=amount]", "1.300,00")
    old = claim_amount(site, top)
    page.click("#approve-form button.primary >> nth=-1")
    page.wait_for_load_state()
    asked = page.locator("#ask-claim")
    assert asked.is_visible() and "bitte bestätigen" in asked.inner_text().casefold() and claim_amount(site, top) == old
    box = asked.bounding_box()
    assert box["y"] < page.locator("#approve-form").bounding_box()["y"]  # above the candidates and their history
    assert box["y"] + box["height"] <= page.viewport_size["height"]  # seen without scrolling
    page.check("#confirm-claim")
    page.click("#confirm-claim-approve")
    page.wait_for_url(re.compile(r"msg=approved"))
    assert claim_amount(site, top) == Decimal("1300.00")
