"""An approval onto a claim another waiting email reports sold, assigned or under enforcement
(``decide.handover_hold``, the worker's hold) needs its own confirmation — not the one of a
claim that does not fit the email. ``review.approval_confirmations`` is the one owner of what
must be confirmed; the CLI's ``--confirm-sale`` and the desk's ``confirm_sale`` box (naming the
claim) give it; ``--confirm-mismatch`` still confirms a sale on the CLI, with a one-line
deprecation notice (README documented it that way)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from creditctl import db
from creditctl.cli.review import SALE_BY_MISMATCH_DEPRECATED
from creditctl.exceptions import NeedsConfirmation
from creditctl.models import Claim, ClaimUpdate, Email, Event
from creditctl.services import clients, review, users
from creditctl.services.context import AppContext
from creditctl.web import create_app
from tests.helpers import Env, make_env
from tests.integration.test_desk_http import REVIEWER, csrf, sign_in
from tests.integration.test_review_cli_faces import cli_ctx, run  # noqa: F401  (fixture)
from tests.integration.test_review_service import CLIENTS, claim_id, count, sale_pending


@pytest.fixture
def sale_env(tmp_path: Path, backend: str) -> Iterator[Env]:
    """The review desk's set-up (a reviewer, the clients) on each backend pair."""
    env = make_env(tmp_path, backend)
    users.add_user(env.ctx, name=REVIEWER[0], password=REVIEWER[1], role="reviewer")
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(env.ctx, path=path)
    try:
        yield env
    finally:
        env.close()


def amount(ctx: AppContext, claim: int) -> Decimal:
    with db.session_scope(ctx.db_url) as s:
        return s.get(Claim, claim).amount


def test_the_service_asks_for_the_sale_by_its_own_flag(sale_env: Env) -> None:
    ctx = sale_env.ctx
    target, sale, reply = sale_pending(ctx)
    given = {"email_id": reply, "claim_id": target, "amount_text": None, "operator": "ben"}
    with pytest.raises(NeedsConfirmation, match=r"--confirm-sale") as exc:
        review.approve(ctx, **given)
    assert exc.value.context["sale"] and "mismatch" not in exc.value.context
    assert "--confirm-mismatch" not in exc.value.message
    with pytest.raises(NeedsConfirmation, match=r"--confirm-sale"):  # the other check's flag is not this one's
        review.approve(ctx, **given, confirm_mismatch=True)
    assert count(ctx, ClaimUpdate) == 0
    with db.session_scope(ctx.db_url) as s:
        checked = review.approval_confirmations(s, s.get(Email, reply), target, candidate=True)
    assert checked == {
        "mismatch": [],
        "sale": [f"claim {target} reported sold or assigned in email {sale}, waiting for review: a person decides"],
    }
    doc = review.approve(ctx, **given, confirm_sale=True)
    assert doc["applied"] is True and doc["sale_confirmed"] == checked["sale"]
    with db.session_scope(ctx.db_url) as s:
        data = s.scalars(select(Event.data).where(Event.email_id == reply, Event.kind == "review")).one()
    assert data["sale_confirmed"] == checked["sale"] and data["mismatch_confirmed"] == []


def test_review_approve_takes_confirm_sale_and_still_the_old_flag_with_a_notice(cli_ctx: AppContext) -> None:  # noqa: F811
    target, sale, reply = sale_pending(cli_ctx)
    refused = run("review", "approve", str(reply), "--claim", str(target))
    assert refused.exit_code == 1 and "--confirm-sale" in refused.output, refused.output
    assert f"reported sold or assigned in email {sale}" in refused.output
    done = run("review", "approve", str(reply), "--claim", str(target), "--confirm-sale", "--json")
    assert done.exit_code == 0, done.output
    assert SALE_BY_MISMATCH_DEPRECATED not in done.output
    assert amount(cli_ctx, target) == Decimal("100.00")


def test_review_approve_with_the_old_flag_for_a_sale_says_it_is_deprecated(cli_ctx: AppContext) -> None:  # noqa: F811
    target, _, reply = sale_pending(cli_ctx)
    done = run("review", "approve", str(reply), "--claim", str(target), "--confirm-mismatch")
    assert done.exit_code == 0, done.output
    assert done.output.count(SALE_BY_MISMATCH_DEPRECATED) == 1
    assert amount(cli_ctx, target) == Decimal("100.00")


def test_the_desk_asks_for_the_sale_with_its_own_box_naming_the_claim(sale_env: Env) -> None:
    ctx = sale_env.ctx
    target, sale, reply = sale_pending(ctx)
    other = claim_id(ctx, "SW-58-2231")
    stored = amount(ctx, target)
    with TestClient(create_app(ctx)) as client:
        sign_in(client, REVIEWER)
        page = client.get(f"/desk/review/{reply}").text
        form = {"_csrf_token": csrf(page), "claim_id": str(target), "amount": "100,00"}
        answer = client.post(f"/desk/review/{reply}/approve", data=form, follow_redirects=False)
        assert answer.headers["location"] == f"/desk/review/{reply}"
        shown = client.get(answer.headers["location"]).text
        assert "meldet diese Forderung verkauft" in shown
        assert f'name="confirm_sale" value="{target}"' in shown
        assert 'name="confirm_mismatch"' not in shown  # the sale is not a mismatch
        assert "obwohl der Gläubiger nicht passt" not in shown
        # the mismatch box, or the sale box ticked for another claim, is no confirmation of this sale
        for wrong in ({"confirm_mismatch": str(target)}, {"confirm_sale": str(other)}):
            answer = client.post(f"/desk/review/{reply}/approve", data={**form, **wrong}, follow_redirects=False)
            assert answer.headers["location"] == f"/desk/review/{reply}"
            client.get(answer.headers["location"])
            assert amount(ctx, target) == stored
        answer = client.post(
            f"/desk/review/{reply}/approve", data={**form, "confirm_sale": str(target)}, follow_redirects=False
        )
        assert "msg=approved" in answer.headers["location"]
    assert amount(ctx, target) == Decimal("100.00")
    with db.session_scope(ctx.db_url) as s:
        data = s.scalars(select(Event.data).where(Event.email_id == reply, Event.kind == "review")).one()
    assert json.dumps(data["sale_confirmed"]).count(f"email {sale}") == 1
