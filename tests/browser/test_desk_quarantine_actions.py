"""The desk's Quarantäne page does what `creditctl quarantine replay` / `dismiss` do: each
waiting body opens on its own page with the two actions, each behind a confirmation box,
CSRF-protected like every desk form, for an admin only (the CLI's operator), and recorded
by the quarantine service's own audit event — the one implementation both faces call."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from creditctl import db
from creditctl.exceptions import Forbidden
from creditctl.models import Event, Quarantine
from creditctl.services import desk_ops
from tests.browser.conftest import ADMIN, REVIEWER, Site, sign_in

BROKEN = {  # a delivery whose trigger lost the ticket id: signed, but no ticket_id
    "comment_id": "q-c-1",
    "subject": "AW: Forderung Tamara Reinholz",
    "from_email": "forderungsmanagement@rheinpfalz-inkasso.example",
    "body_text": "Sehr geehrte Damen und Herren,\n\ndie Gesamtforderung beträgt 612,34 EUR.\n\nMit freundlichen Grüßen",
}


def _quarantined(site: Site, raw: bytes, reason: str) -> int:
    with db.session_scope(site.ctx.db_url) as s:
        row = Quarantine(reason=reason, raw_body=raw, headers={})
        s.add(row)
        s.flush()
        return row.id


def _row(site: Site, quarantine_id: int) -> Quarantine:
    with db.session_scope(site.ctx.db_url) as s:
        row = s.get(Quarantine, quarantine_id)
        s.expunge(row)
        return row


def _events(site: Site, words: str) -> list[str]:
    with db.session_scope(site.ctx.db_url) as s:
        return [m for m in s.scalars(select(Event.message)) if words in m]


def test_an_admin_replays_and_dismisses_a_quarantined_body_after_confirming(page, site: Site) -> None:
    broken = _quarantined(site, json.dumps(BROKEN).encode(), "missing ticket_id")
    noise = _quarantined(site, b"ping from the Zendesk admin", "body is not JSON")
    sign_in(page, site, ADMIN)
    page.goto(f"{site.base}/desk/ops/quarantine")
    page.click(f"a.q-open[href='/desk/ops/quarantine/{broken}']")
    page.wait_for_url(f"{site.base}/desk/ops/quarantine/{broken}")
    assert "q-c-1" in page.locator("#q-raw").inner_text()

    fixed = json.dumps({**BROKEN, "ticket_id": "4711"})
    page.fill("#q-replay textarea[name=body]", fixed)
    page.click("#q-replay button[type=submit]")  # no confirmation: nothing happens
    assert "Bitte das Bestätigungsfeld ankreuzen" in page.locator("p.error").inner_text()
    assert _row(site, broken).status == "waiting"
    assert page.locator("#q-replay textarea[name=body]").input_value() == fixed  # what was typed stays

    page.check("#q-replay input[name=confirm]")
    page.click("#q-replay button[type=submit]")
    page.wait_for_url(f"{site.base}/desk/ops/quarantine?msg=q_replayed&ref={broken}")
    assert f"Quarantäne #{broken} eingespielt." in page.locator("p.notice").inner_text()
    row = _row(site, broken)
    assert (row.status, row.resolved_by) == ("replayed", ADMIN[0]) and row.email_id
    assert _events(site, f"replayed from quarantine #{broken} by {ADMIN[0]}")  # the service's audit event

    # a form posted without the desk's CSRF token changes nothing
    answer = page.request.post(
        f"{site.base}/desk/ops/quarantine/{noise}/dismiss", form={"reason": "x", "confirm": "1"}, max_redirects=0
    )
    assert answer.status == 403 and _row(site, noise).status == "waiting"

    page.goto(f"{site.base}/desk/ops/quarantine/{noise}")
    page.fill("#q-dismiss input[name=reason]", "test request from the Zendesk admin")
    page.check("#q-dismiss input[name=confirm]")
    page.click("#q-dismiss button[type=submit]")
    page.wait_for_url(f"{site.base}/desk/ops/quarantine?msg=q_dismissed&ref={noise}")
    row = _row(site, noise)
    assert (row.status, row.resolved_by) == ("dismissed", ADMIN[0])
    assert row.resolution == "dismissed: test request from the Zendesk admin"
    assert _events(site, f"quarantine #{noise} dismissed by {ADMIN[0]}: test request")
    assert page.locator(f"a.q-open[href='/desk/ops/quarantine/{noise}']").count() == 0  # no longer waiting


def test_a_reviewer_cannot_replay_or_dismiss(page, site: Site) -> None:
    waiting = _quarantined(site, b"not json", "body is not JSON")
    sign_in(page, site, REVIEWER)
    page.goto(f"{site.base}/desk/ops/quarantine/{waiting}")
    assert "#q-dismiss" not in page.content() and page.locator("#q-dismiss").count() == 0
    with pytest.raises(Forbidden):  # the service checks the role too, as the CLI's operator action
        desk_ops.dismiss_quarantined(site.ctx, quarantine_id=waiting, reason="x", person=REVIEWER[0], role="reviewer")
    assert _row(site, waiting).status == "waiting"
