"""Reassignment on the desk without the internal claim number: the admin's override takes
the creditor's reference or the client's file number + creditor, a search box lists the
claims that fit, and an ambiguous entry lists the candidates and changes nothing
(Litestar's test client, SQLite)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.models import Claim, ClaimUpdate
from creditctl.services import clients, users
from creditctl.web import create_app
from tests.helpers import Env, make_env
from tests.integration.test_desk_http import ADMIN, csrf, sign_in
from tests.integration.test_review_service import CLIENTS, add_email, claim_id


@pytest.fixture
def records_env(tmp_path: Path) -> Iterator[Env]:
    env = make_env(tmp_path, "sqlite")
    users.add_user(env.ctx, name=ADMIN[0], password=ADMIN[1], role="admin")
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(env.ctx, path=path)
    try:
        yield env
    finally:
        env.close()


def test_search_box_and_override_by_file_number_and_creditor(records_env: Env) -> None:
    ctx = records_env.ctx
    telekom = claim_id(ctx, "TK-1")
    email_id = add_email(ctx, key="a")
    with TestClient(create_app(ctx)) as client:
        sign_in(client, ADMIN)
        found = client.get(f"/desk/review/{email_id}", params={"claim_q": "BÖ-2024-0173"}).text
        hits = re.search(r'<ul class="plain" id="claim-hits">(.*?)</ul>', found, re.S).group(1)
        assert "TK-1" in hits and "RPI-7712-4408-19" in hits and "RPI-9999-0001-02" not in hits
        picked = client.get(f"/desk/review/{email_id}", params={"claim_q": "TK-1", "pick": str(telekom)}).text
        assert f'id="override-claim" required maxlength="120" value="{telekom}"' in picked
        assert "Keine Forderung passt." in client.get(f"/desk/review/{email_id}", params={"claim_q": "XYZ"}).text

        form = {"_csrf_token": csrf(found), "override": "1", "amount": "85,00", "reason": "phone call"}
        ambiguous = client.post(
            f"/desk/review/{email_id}/approve", data={**form, "claim_id": "BÖ-2024-0173"}, follow_redirects=True
        )
        assert "passt zu 2 Forderungen" in ambiguous.text and "nichts wurde geändert" in ambiguous.text
        assert 'value="BÖ-2024-0173"' in ambiguous.text  # the entry comes back, the override form open
        with session_scope(ctx.db_url) as s:
            assert s.scalar(select(func.count()).select_from(ClaimUpdate)) == 0

        done = client.post(
            f"/desk/review/{email_id}/approve",
            data={**form, "claim_id": "BÖ-2024-0173 Telekom"},
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        with session_scope(ctx.db_url) as s:
            assert s.get(Claim, telekom).amount == Decimal("85.00")
