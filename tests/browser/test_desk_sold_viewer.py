"""In headless Chromium: the caseworker records a sold claim's new holder through the
"Forderung verkauft / abgetreten" form and undoes it; the admin finds a claim by file
number + creditor in the search box; a read-only viewer sees the email without any
decision form."""

from __future__ import annotations

from creditctl import db
from creditctl.models import Claim
from creditctl.services import review, users
from tests.browser.conftest import ADMIN, REVIEWER, Site, sign_in

SIMILAR = "05_name_only_similar_clients.json"
VIEWER = ("marta", "marta-password-2026")


def creditor_of(site: Site, claim_id: int) -> str:
    with db.session_scope(site.ctx.db_url) as s:
        return s.get(Claim, claim_id).creditor_name


def test_record_the_new_holder_and_undo_it(page, site: Site) -> None:
    email_id = site.ids[SIMILAR]
    sign_in(page, site, REVIEWER)
    page.goto(f"{site.base}/desk/review/{email_id}")
    page.locator("#sold-card summary").click()
    claim = int(page.locator("#sold-claim").input_value())
    before = creditor_of(site, claim)
    page.fill("#sold-holder", "Lowell Solutions Ltd")
    page.fill("#sold-reference", "LS-88123")
    page.click("#sold-button")
    page.wait_for_load_state()
    assert creditor_of(site, claim) == "Lowell Solutions Ltd"
    assert "neuer Inhaber erfasst" in page.content()

    page.goto(f"{site.base}/desk/review/{email_id}")
    decided = page.locator("#decided").inner_text()
    assert "Als verkauft erfasst von rita" in decided and "Lowell Solutions Ltd" in decided
    assert f"Forderung wieder bei {before}" in page.locator("#undo-button").inner_text()
    page.click("#undo-button")
    page.wait_for_load_state()
    assert creditor_of(site, claim) == before
    assert email_id in [i["id"] for i in review.pending(site.ctx)]


def test_claim_search_box_lists_the_claims_of_a_file(page, site: Site) -> None:
    email_id = site.ids[SIMILAR]
    first = review.detail(site.ctx, email_id)["candidates"][0]
    sign_in(page, site, ADMIN)
    page.goto(f"{site.base}/desk/review/{email_id}")
    page.locator("#override-card summary").click()
    page.fill("#claim-q", f"{first['client_file_number']} {first['creditor_name'].split()[0]}")
    page.locator("#claim-search button").click()
    page.wait_for_load_state()
    hits = page.locator("#claim-hits li")
    assert hits.count() >= 1 and first["client_file_number"] in hits.first.inner_text()
    hits.first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("#override-claim").input_value().isdigit()


def test_a_viewer_sees_the_email_but_no_decision_form(page, site: Site) -> None:
    users.add_user(site.ctx, name=VIEWER[0], password=VIEWER[1], role="viewer")
    email_id = site.ids[SIMILAR]
    sign_in(page, site, VIEWER)
    assert page.locator("table.queue tbody tr").count() >= 1
    page.goto(f"{site.base}/desk/review/{email_id}")
    assert "Nur Lesezugriff" in page.locator("#read-only").inner_text()
    for form in ("#approve-form", "#reject-form", "#sold-form", "#undo-form", "#override-form"):
        assert page.locator(form).count() == 0, form
