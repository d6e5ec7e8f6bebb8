"""A read-only desk account (role ``viewer``: the office's manager, an auditor) sees the
queue and every email but decides nothing: the services refuse it (``Forbidden``) and a
POST as viewer is a 403 page in German that changed nothing (Litestar's test client, SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.exceptions import Forbidden
from creditctl.models import Claim, Email, ReviewAction
from creditctl.services import desk_ops, review, users
from creditctl.services.clients import import_clients
from creditctl.web import create_app
from tests.helpers import Env, make_env
from tests.integration.test_claim_sold import post
from tests.integration.test_desk_http import ADMIN, csrf, sign_in
from tests.integration.test_pending_handover import SOLD, _clients

VIEWER = ("marta", "marta-password-2026")
READ_ONLY_DE = "Nur Lesezugriff: Ihr Konto (Rolle „viewer“) darf E-Mails ansehen, aber nichts entscheiden"


@pytest.fixture
def viewer_env(tmp_path: Path) -> Iterator[Env]:
    env = make_env(tmp_path, "sqlite")
    users.add_user(env.ctx, name=ADMIN[0], password=ADMIN[1], role="admin")
    assert users.add_user(env.ctx, name=VIEWER[0], password=VIEWER[1], role="viewer")["role"] == "viewer"
    import_clients(env.ctx, path=_clients(tmp_path))
    try:
        yield env
    finally:
        env.close()


def _unchanged(env: Env, email_id: int) -> None:
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        assert email.review_note is None and email.match_status == "needs_review"
        assert s.scalar(select(func.count()).select_from(ReviewAction)) == 0
        assert s.scalar(select(Claim.creditor_name)) == "Quayside Retail plc"


def test_a_viewer_sees_the_queue_and_the_email_but_every_decision_is_403(viewer_env: Env) -> None:
    held = post(viewer_env, "1", SOLD)
    with TestClient(create_app(viewer_env.ctx)) as client:
        sign_in(client, VIEWER)
        queue = client.get("/desk/review")
        assert queue.status_code == 200 and f"/desk/review/{held}" in queue.text
        page = client.get(f"/desk/review/{held}")
        assert page.status_code == 200 and 'id="read-only"' in page.text
        for form in ("approve-form", "reject-form", "sold-form", "undo-form"):
            assert f'id="{form}"' not in page.text, form
        token = csrf(page.text)  # the logout form's token: a valid session token
        claim = str(review.detail(viewer_env.ctx, held)["best_claim_id"])
        posts = {
            "approve": {"claim_id": claim, "amount": "80,00"},
            "reject": {"reason": "looked at it"},
            "sold": {"claim_id": claim, "holder": "Lowell Solutions Ltd"},
            "undo": {},
        }
        for action, fields in posts.items():
            answer = client.post(
                f"/desk/review/{held}/{action}", data={"_csrf_token": token, **fields}, follow_redirects=False
            )
            assert answer.status_code == 403, (action, answer.status_code)
            assert READ_ONLY_DE in answer.text and "nichts wurde geändert" in answer.text
        assert client.get("/desk/ops").status_code == 403
        _unchanged(viewer_env, held)
        assert client.post("/desk/logout", data={"_csrf_token": token}, follow_redirects=False).status_code == 303


def test_the_services_refuse_a_viewer_before_any_write(viewer_env: Env) -> None:
    held = post(viewer_env, "1", SOLD)
    claim = review.detail(viewer_env.ctx, held)["best_claim_id"]
    calls = [
        lambda: review.approve(
            viewer_env.ctx, email_id=held, claim_id=claim, amount_text="80.00", operator="marta", role="viewer"
        ),
        lambda: review.reject(viewer_env.ctx, email_id=held, reason="x", operator="marta", role="viewer"),
        lambda: review.sold(viewer_env.ctx, email_id=held, holder="Lowell", operator="marta", role="viewer"),
        lambda: review.undo(viewer_env.ctx, email_id=held, operator="marta", role="viewer"),
        lambda: desk_ops.retry_failed(viewer_env.ctx, email_id=held, person="marta", role="viewer"),
    ]
    for call in calls:
        with pytest.raises(Forbidden, match=r"read-only account \(viewer\)"):
            call()
    _unchanged(viewer_env, held)


def test_a_viewers_header_names_the_role_in_words(viewer_env: Env) -> None:
    with TestClient(create_app(viewer_env.ctx)) as client:
        sign_in(client, VIEWER)
        queue = client.get("/desk/review")
        assert queue.status_code == 200
        assert "marta · Lesezugriff" in queue.text and "role_viewer" not in queue.text
