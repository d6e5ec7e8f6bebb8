"""The desk presents the review rules the services own: why an email is held comes first
(most severe first), no amount is pre-filled for a dispute or a flag, a typed amount
outside the plausibility bounds asks for confirmation, an approval a newer email wins
over is a warning (not a change), and /desk/ops counts "waiting" as the queue does."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from creditctl import db
from creditctl.desk.reasons import family_of
from creditctl.models import Claim, Email
from creditctl.services import clients, review, users
from creditctl.web import create_app
from tests.helpers import Env, make_env
from tests.integration.test_desk_http import ADMIN, REVIEWER, csrf, sign_in
from tests.integration.test_review_service import CLIENTS, RECEIVED, add_email, claim_id, two_candidates


@pytest.fixture
def desk_env(tmp_path: Path) -> Iterator[Env]:
    env = make_env(tmp_path, "sqlite")
    users.add_user(env.ctx, name=ADMIN[0], password=ADMIN[1], role="admin")
    users.add_user(env.ctx, name=REVIEWER[0], password=REVIEWER[1], role="reviewer")
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(env.ctx, path=path)
    try:
        yield env
    finally:
        env.close()


def held(ctx: Any, key: str, reasons: list[str], **kwargs: Any) -> int:
    """A waiting email whose stored hold reasons are ``reasons`` (in the order given)."""
    email_id = add_email(ctx, key=key, candidates=two_candidates(ctx), **kwargs)
    with db.session_scope(ctx.db_url) as s:
        email = s.get(Email, email_id)
        email.match = {**email.match, "status": "needs_review", "verdict_reasons": reasons, "hold_reasons": reasons}
    return email_id


def amount_value(page: str) -> str:
    return re.search(r'<input name="amount" inputmode="decimal" value="([^"]*)"', page).group(1)


def test_the_hold_reasons_come_first_and_a_dispute_is_not_pre_filled(desk_env: Env) -> None:
    ctx = desk_env.ctx
    dispute = held(ctx, "d", ["best score 0.70 below 0.80", "reply is a dispute: a person decides"])
    matching = held(ctx, "m", ["claims 1, 3 within 0.05 of each other"])
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        page = client.get(f"/desk/review/{dispute}").text
        assert 'id="held"' in page and page.index('id="held"') < page.index('id="reply"')
        reasons = re.findall(r"<li[^>]*>([^<]+)</li>", page[page.index('id="held"') :])
        # in the desk's German (creditctl/desk/reasons.py), most severe first
        assert reasons[:2] == [
            "Die Antwort ist ein Widerspruch: eine Person entscheidet",
            "Bester Trefferwert 0,70 unter 0,80",
        ]
        assert amount_value(page) == ""  # the caseworker types the figure
        assert "Angehalten – Widerspruch" in page and "held for dispute" not in page
        page = client.get(f"/desk/review/{matching}").text
        assert amount_value(page) == "1.234,56"  # only a matching question: the clean reading is offered
        queue = client.get("/desk/review").text
        # the first reason of the list is the severe one; the filter groups a safety kind (one entry)
        assert "Die Antwort ist ein Widerspruch: eine Person entscheidet" in queue
        assert '<option value="kind:dispute" >Widerspruch (1)</option>' in queue


def test_a_typed_amount_outside_the_bounds_asks_for_confirmation(desk_env: Env) -> None:
    ctx = desk_env.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")  # 540,00 €
    email_id = held(ctx, "a", ["claims 1, 3 within 0.05 of each other"])
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        token = csrf(client.get(f"/desk/review/{email_id}").text)
        form = {"_csrf_token": token, "claim_id": str(target), "amount": "1.705,00"}
        assert "Forderungsaufstellung" in client.get(f"/desk/review/{email_id}").text  # not claim_statement
        answer = client.post(f"/desk/review/{email_id}/approve", data=form, follow_redirects=False)
        # a refusal redirects (a reload never re-posts); the page shows it once
        assert answer.status_code == 303 and answer.headers["location"] == f"/desk/review/{email_id}"
        answer = client.get(answer.headers["location"])
        # the box names the figure it confirms, and carries it
        assert "Betrag 1.705,00\xa0€ trotz Abweichung übernehmen" in answer.text
        assert 'name="confirm_change" value="1705.00"' in answer.text
        assert amount_value(answer.text) == "1.705,00"
        assert (
            "Der Betrag 1.705,00\xa0€ weicht stark vom gespeicherten Betrag 540,00\xa0€ ab. Bitte prüfen; "
            "um ihn trotzdem zu übernehmen, die Bestätigung ankreuzen und erneut freigeben."
        ) in answer.text
        assert "--confirm-change" not in answer.text and "claim_statement" not in answer.text
        again = client.get(f"/desk/review/{email_id}").text
        assert "weicht stark" not in again and 'name="confirm_change"' not in again  # shown once
        with db.session_scope(ctx.db_url) as s:
            assert s.get(Claim, target).amount == Decimal("540.00")
        # the box ticked, the amount changed: that other figure needs its own confirmation
        changed = {**form, "amount": "17.050,00", "confirm_change": "1705.00"}
        answer = client.post(f"/desk/review/{email_id}/approve", data=changed, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == f"/desk/review/{email_id}"
        answer = client.get(answer.headers["location"])
        assert "Die Bestätigung galt 1.705,00\xa0€, nicht 17.050,00\xa0€" in answer.text
        assert 'name="confirm_change" value="17050.00"' in answer.text and amount_value(answer.text) == "17.050,00"
        # the old protocol's bare "1" confirms no figure
        answer = client.post(
            f"/desk/review/{email_id}/approve", data={**form, "confirm_change": "1"}, follow_redirects=False
        )
        assert answer.headers["location"] == f"/desk/review/{email_id}"
        with db.session_scope(ctx.db_url) as s:
            assert s.get(Claim, target).amount == Decimal("540.00")
        answer = client.post(
            f"/desk/review/{email_id}/approve", data={**form, "confirm_change": "1705.00"}, follow_redirects=False
        )
        assert answer.status_code == 303 and "msg=approved" in answer.headers["location"]
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal("1705.00")


def test_an_approval_a_newer_email_wins_over_is_a_warning_not_a_change(desk_env: Env) -> None:
    ctx = desk_env.ctx
    target = claim_id(ctx, "TK-1")
    older = add_email(ctx, key="old", total="100.00", received_at=RECEIVED)
    newer = add_email(ctx, key="new", total="150.00", received_at=RECEIVED + timedelta(days=3))
    review.approve(ctx, email_id=newer, claim_id=target, amount_text=None, operator="anna")
    with TestClient(create_app(ctx)) as client:
        sign_in(client, ADMIN)
        token = csrf(client.get(f"/desk/review/{older}").text)
        answer = client.post(
            f"/desk/review/{older}/approve",
            data={"_csrf_token": token, "claim_id": str(target), "amount": "120,00"},
            follow_redirects=False,
        )
        assert answer.status_code == 303 and answer.headers["location"] == f"/desk/review/{older}"
        page = client.get(f"/desk/review/{older}").text
        assert 'id="not-applied"' in page and "Nicht übernommen" in page
        assert (
            f"120,00\xa0€ nicht übernommen: E-Mail {newer} (neuer) hat am 07.03.2025 150,00\xa0€ gesetzt; "
            "die Forderung bleibt 150,00\xa0€"
        ) in page
        assert 'name="override_newer"' in page
        log = client.get("/desk/ops/log").text
        row = next(r for r in re.findall(r"<tr>.*?</tr>", log, re.S) if "nicht übernommen" in r)
        assert "→" not in row and "120,00\xa0€ nicht übernommen: E-Mail" in row
        # the deliberate override applies and is logged as one
        answer = client.post(
            f"/desk/review/{older}/approve",
            data={"_csrf_token": token, "claim_id": str(target), "amount": "120,00", "override_newer": str(target)},
            follow_redirects=False,
        )
        assert answer.status_code == 303
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal("120.00")
    assert review.action_log(ctx, limit=1)[0]["override"] is True


def test_a_refused_approval_keeps_the_caseworkers_choice_and_the_override_is_about_that_claim(desk_env: Env) -> None:
    ctx = desk_env.ctx
    top, second = claim_id(ctx, "RPI-7712-4408-19"), claim_id(ctx, "RPI-9999-0001-02")
    older = add_email(ctx, key="old", candidates=two_candidates(ctx), received_at=RECEIVED)
    newer = add_email(ctx, key="new", candidates=two_candidates(ctx), received_at=RECEIVED + timedelta(days=3))
    review.approve(ctx, email_id=newer, claim_id=second, amount_text="1.150,00", operator="anna")
    with db.session_scope(ctx.db_url) as s:
        top_before = s.get(Claim, top).amount
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        token = csrf(client.get(f"/desk/review/{older}").text)
        form = {"_csrf_token": token, "claim_id": str(second), "amount": "1.120,00"}
        answer = client.post(f"/desk/review/{older}/approve", data=form, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == f"/desk/review/{older}"
        page = client.get(answer.headers["location"]).text
        assert 'id="not-applied"' in page
        # the caseworker's own choice comes back: the second candidate, the typed amount
        assert re.search(rf'value="{second}"\s+checked', page) and not re.search(rf'value="{top}"\s+checked', page)
        assert amount_value(page) == "1.120,00"
        assert f'name="override_newer" value="{second}"' in page
        # the warning belongs to that one response: a later visit does not show it
        again = client.get(f"/desk/review/{older}").text
        assert 'id="not-applied"' not in again and 'name="override_newer"' not in again
        # a box offered for the second claim does not carry over to another one
        for other in ({"claim_id": str(top), "override_newer": str(second)}, {"override_newer": "1"}):
            answer = client.post(f"/desk/review/{older}/approve", data={**form, **other}, follow_redirects=False)
            assert answer.status_code == 303 and answer.headers["location"] == f"/desk/review/{older}"
            client.get(answer.headers["location"])
        with db.session_scope(ctx.db_url) as s:
            assert s.get(Claim, top).amount == top_before and s.get(Claim, second).amount == Decimal("1150.00")
        answer = client.post(
            f"/desk/review/{older}/approve", data={**form, "override_newer": str(second)}, follow_redirects=False
        )
        assert answer.status_code == 303 and "msg=approved" in answer.headers["location"]
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, second).amount == Decimal("1120.00") and s.get(Claim, top).amount == top_before


def test_ops_counts_waiting_as_the_queue_does(desk_env: Env) -> None:
    ctx = desk_env.ctx
    held(ctx, "a", ["claims 1, 3 within 0.05 of each other"])
    add_email(ctx, key="b", processing_status="not_creditor_reply", match_status="no_match")  # out of office
    with TestClient(create_app(ctx)) as client:
        sign_in(client, ADMIN)
        ops = client.get("/desk/ops").text
        assert re.search(r'id="waiting-for-review">1<', ops)
        assert client.get("/desk/review/count").text == "1"
    with db.session_scope(ctx.db_url) as s:
        assert len(s.scalars(select(Email)).all()) == 2


def test_the_english_desk_shows_the_reasons_in_english_with_english_figures(tmp_path: Path) -> None:
    """``CREDITCTL_DESK_LOCALE=en_GB``: the same catalogue (creditctl/desk/reasons.py)
    renders the English wording with the locale's figures; the filter offers the reason's
    family (``family:<index>``), its figures left out."""
    env = make_env(tmp_path, "sqlite", desk_locale="en_GB")
    try:
        ctx = env.ctx
        users.add_user(ctx, name=REVIEWER[0], password=REVIEWER[1], role="reviewer")
        path = tmp_path / "clients.json"
        path.write_text(json.dumps(CLIENTS), encoding="utf-8")
        clients.import_clients(ctx, path=path)
        reason = "total 2331.90 is a drop of 55% from the stored 5200.00 (more than 50%): a person checks it"
        email_id = held(ctx, "e", [reason])
        with TestClient(create_app(ctx)) as client:
            sign_in(client, REVIEWER)
            page = client.get(f"/desk/review/{email_id}").text
            # amounts compared with the stored claim carry the claim's currency
            assert (
                "total €2,331.90 is a drop of 55% from the stored €5,200.00 (more than 50%): a person checks it" in page
            )
            queue = client.get("/desk/review").text
            # the filter offers the reason's family (its figures left out), worded in English
            family = family_of(reason)
            assert family is not None
            assert f'<option value="family:{family}"' in queue and "Gesamtbetrag" not in queue
            assert "is a drop of … from the stored …" in queue
    finally:
        env.close()


def test_german_desk_words_approve_names_the_change_and_a_dispute_reads_once(desk_env: Env) -> None:
    ctx = desk_env.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")  # 540,00 €
    dispute = held(
        ctx,
        "disp",
        [
            "reply is a dispute: a person decides",
            "the reply disputes, contests or rejects ('weisen wir zurück'): a person decides",
        ],
    )
    matching = held(ctx, "chg", ["claims 1, 3 within 0.05 of each other"])
    with TestClient(create_app(ctx)) as client:
        sign_in(client, ADMIN)
        page = client.get(f"/desk/review/{dispute}").text
        held_list = page[page.index('id="held"') : page.index("</ol>", page.index('id="held"'))]
        reasons = re.findall(r"<li[^>]*>([^<]+)</li>", held_list)
        assert len(reasons) == 1 and "weisen wir zurück" in reasons[0], reasons  # one dispute, the quoting one
        assert "Ein Widerspruch setzt keinen Betrag" in page and "selbst eintragen" not in page
        assert "Kein Betrag vorausgefüllt: ein Widerspruch setzt keinen Betrag." in page
        assert "bitte aus der E-Mail lesen und eintragen" not in page

        token = csrf(client.get(f"/desk/review/{matching}").text)
        form = {"_csrf_token": token, "claim_id": str(target), "amount": "1.234,56", "confirm_change": "1234.56"}
        answer = client.post(f"/desk/review/{matching}/approve", data=form, follow_redirects=False)
        assert answer.status_code == 303 and "msg=approved" in answer.headers["location"]
        notice = client.get(answer.headers["location"]).text
        assert f"E-Mail {matching} freigegeben: Forderung 540,00\xa0€ → 1.234,56\xa0€." in notice

        review.undo(ctx, email_id=matching, operator=ADMIN[0], channel="cli")
        log = client.get("/desk/ops/log").text
        assert "macht Änderung" in log and "reverts update" not in log
        # a CLI decision: the OS user who ran it, not a desk account with a role
        cli_row = next(r for r in re.findall(r"<tr>.*?</tr>", log, re.S) if "macht Änderung" in r)
        assert "Befehlszeile, Benutzer des Rechners" in cli_row and ">admin<" not in cli_row, cli_row
        email_page = client.get(f"/desk/ops/email/{matching}").text
        assert "Spiegelung nicht nötig" in email_page and "not_needed" not in email_page
        # event kinds and states in German on the per-email events and the Ereignisse page
        events_page = client.get("/desk/ops/events").text
        for html in (email_page, events_page):
            assert "<td>Prüfung</td>" in html and "<td>review</td>" not in html
            assert "<td>Forderungsänderung</td>" in html and "<td>claim_update</td>" not in html
        overview = client.get("/desk/ops").text
        assert "zur Prüfung oder ohne Zuordnung" in overview and "needs_review" not in overview


def test_an_expired_session_says_nothing_was_applied_and_returns_to_the_email(desk_env: Env) -> None:
    ctx = desk_env.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")
    email_id = held(ctx, "x", ["claims 1, 3 within 0.05 of each other"])
    with db.session_scope(ctx.db_url) as s:
        before = s.get(Claim, target).amount
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        token = csrf(client.get(f"/desk/review/{email_id}").text)
        client.cookies.set("creditctl_desk", "a-session-that-ended", path="/desk")
        form = {"_csrf_token": token, "claim_id": str(target), "amount": "600,00"}
        answer = client.post(f"/desk/review/{email_id}/approve", data=form, follow_redirects=False)
        assert answer.status_code == 303
        location = answer.headers["location"]
        assert (
            location.startswith("/desk/login?")
            and f"next=%2Fdesk%2Freview%2F{email_id}%3Ftyped%3D600%252C00&" in location
        )
        login = client.get(location).text
        assert "Sitzung abgelaufen — nichts wurde übernommen" in login
        # the email, never the POST; the typed amount comes back into the form (nothing confirmed)
        assert f'name="next" value="/desk/review/{email_id}?typed=600%2C00"' in login
        # a stale cookie on a page visit: the message without "nothing applied"; back to that page
        answer = client.get(f"/desk/review/{email_id}", follow_redirects=False)
        assert answer.status_code == 303 and "why=expired" in answer.headers["location"]
        assert "nichts wurde übernommen" not in client.get(answer.headers["location"]).text
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == before


def test_an_approve_without_a_figure_says_so_in_german_and_the_field_has_no_numeric_placeholder(
    desk_env: Env,
) -> None:
    ctx = desk_env.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")
    email_id = held(ctx, "i", ["possible instruction injection in the email: a person decides"])
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        page = client.get(f"/desk/review/{email_id}").text
        placeholder = re.search(r'<input name="amount"[^>]*placeholder="([^"]*)"', page).group(1)
        assert placeholder == "Betrag aus der E-Mail" and not re.search(r"\d", placeholder)
        token = csrf(page)
        answer = client.post(
            f"/desk/review/{email_id}/approve",
            data={"_csrf_token": token, "claim_id": str(target), "amount": " "},
            follow_redirects=False,
        )
        page = client.get(answer.headers["location"]).text
        assert "Kein Betrag eingetragen – nichts wurde übernommen" in page
        assert "pass --amount" not in page and "held for" not in page
        assert re.search(rf'value="{target}"\s+checked', page)
        answer = client.post(
            f"/desk/review/{email_id}/approve",
            data={"_csrf_token": token, "claim_id": str(target), "amount": "abc"},
            follow_redirects=False,
        )
        page = client.get(answer.headers["location"]).text
        assert "„abc“ ist keine Zahl – nichts wurde übernommen" in page and "eindeutig" not in page


def test_a_court_is_never_shown_as_the_client_and_an_unknown_sender_is_marked(desk_env: Env) -> None:
    ctx = desk_env.ctx
    court = add_email(ctx, key="court", candidates=two_candidates(ctx))
    alone = add_email(ctx, key="alone", match_status="no_match", received_at=RECEIVED + timedelta(hours=1))
    unknown = add_email(ctx, key="unknown", candidates=two_candidates(ctx), received_at=RECEIVED + timedelta(hours=2))
    with db.session_scope(ctx.db_url) as s:
        for email_id in (court, alone):
            email = s.get(Email, email_id)
            email.extraction = {**email.extraction, "client_name": "Amtsgericht Neuhafen"}
        email = s.get(Email, alone)
        email.match = {**email.match, "candidates": []}
        email = s.get(Email, unknown)
        email.extraction = {**email.extraction, "creditor_name": None}
    items = {i["id"]: i for i in review.pending(ctx)}
    assert items[court]["client"] == "Tamara Reinholz" and items[alone]["client"] is None
    assert items[unknown]["creditor_from_candidate"] and not items[court]["creditor_from_candidate"]
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        queue = client.get("/desk/review").text
        rows = {
            int(n): r for n, r in re.findall(r'<tr>\s*<td[^>]*><a href="/desk/review/(\d+)">(.*?)</tr>', queue, re.S)
        }
        assert "Amtsgericht" not in rows[court] and "Tamara Reinholz" in rows[court]
        assert "Amtsgericht" not in rows[alone]
        assert "Absender unbekannt" in rows[unknown] and "Absender unbekannt" not in rows[court]
        page = client.get(f"/desk/review/{court}").text
        shown = re.search(r'<dd id="client-shown">(.*?)</dd>', page, re.S).group(1)
        assert shown.startswith("Tamara Reinholz") and "gelesen: Amtsgericht Neuhafen" in shown
        # the search finds the email's own references, never a weak candidate's (two candidates tie)
        found = re.findall(r'<td[^>]*><a href="/desk/review/(\d+)">#', client.get("/desk/review?q=RPI-7712").text)
        assert found and str(alone) in found
        assert not re.findall(r'<td[^>]*><a href="/desk/review/(\d+)">#', client.get("/desk/review?q=RPI-9999").text)


@pytest.mark.parametrize(
    "reasons",
    [
        ["no claim total found", "amounts without a label; the claim cannot be told"],
        ["the reply states several different totals (100.00, 200.00): a person decides which is current"],
        [
            "the reply also names another claim of ours (TK-1 of Telekom Deutschland GmbH, client Tamara "
            "Reinholz): a mail about several claims, a person assigns its figures"
        ],
    ],
)
def test_a_reply_naming_several_claims_says_so_and_asks_which_claim_the_figure_is_for(
    desk_env: Env, reasons: list[str]
) -> None:
    ctx = desk_env.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")
    email_id = held(ctx, "s", reasons)
    plain = held(ctx, "p", ["claims 1, 3 within 0.05 of each other"])
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        page = client.get(f"/desk/review/{email_id}").text
        assert 'id="several"' in page and "mehrere Forderungen oder mehrere Gesamtbeträge" in page
        assert 'id="several"' not in client.get(f"/desk/review/{plain}").text
        form = {"_csrf_token": csrf(page), "claim_id": str(target), "amount": "600,00"}
        answer = client.post(f"/desk/review/{email_id}/approve", data=form, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == f"/desk/review/{email_id}"
        page = client.get(answer.headers["location"]).text
        assert f'name="confirm_claim" value="{target}"' in page and "Der Betrag 600,00 gilt für die Forderung" in page
        assert amount_value(page) == "600,00" and re.search(rf'value="{target}"\s+checked', page)
        other = str(claim_id(ctx, "RPI-9999-0001-02"))
        answer = client.post(  # a confirmation for another claim is no confirmation
            f"/desk/review/{email_id}/approve", data={**form, "confirm_claim": other}, follow_redirects=False
        )
        assert answer.headers["location"] == f"/desk/review/{email_id}"
        client.get(answer.headers["location"])
        with db.session_scope(ctx.db_url) as s:
            assert s.get(Claim, target).amount == Decimal("540.00")
        answer = client.post(
            f"/desk/review/{email_id}/approve", data={**form, "confirm_claim": str(target)}, follow_redirects=False
        )
        assert "msg=approved" in answer.headers["location"]
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal("600.00")


def test_rejecting_an_email_whose_figure_stands_says_the_claim_keeps_it(desk_env: Env) -> None:
    """An applied email a reprocess moved back to review (its figure still on the claim):
    the desk's reject says the claim keeps that figure and how to revert it, as the CLI."""
    ctx = desk_env.ctx
    target = claim_id(ctx, "RPI-7712-4408-19")  # 540,00 €
    email_id = held(ctx, "kept", ["claims 1, 3 within 0.05 of each other"])
    review.approve(ctx, email_id=email_id, claim_id=target, amount_text="612.40", operator=ADMIN[0])
    with db.session_scope(ctx.db_url) as s:  # as a reprocess that held it leaves it: waiting, figure standing
        email = s.get(Email, email_id)
        email.match_status, email.review_note, email.decided_by = "needs_review", None, None
    with TestClient(create_app(ctx)) as client:
        sign_in(client, ADMIN)
        token = csrf(client.get(f"/desk/review/{email_id}").text)
        answer = client.post(
            f"/desk/review/{email_id}/reject",
            data={"_csrf_token": token, "reason": "Zahl nicht belegt"},
            follow_redirects=False,
        )
        assert answer.status_code == 303 and "msg=rejected" in answer.headers["location"]
        notice = client.get(answer.headers["location"]).text
        assert (
            f"E-Mail {email_id} abgelehnt. Die Ablehnung ändert keine Forderung: Forderung {target} behält "
            f"612,40\xa0€ aus dieser E-Mail. „Rückgängig“ auf der Seite der E-Mail {email_id} setzt sie auf "
            "540,00\xa0€ zurück."
        ) in notice
        page = client.get(f"/desk/review/{email_id}").text
        # the undo reverts the person's approval that set the figure (the rejection is lifted with it)
        assert f"Freigabe von {ADMIN[0]} rückgängig machen: Forderung 612,40\xa0€ → 540,00\xa0€" in page
    with db.session_scope(ctx.db_url) as s:
        assert s.get(Claim, target).amount == Decimal("612.40")  # rejecting changed no claim
