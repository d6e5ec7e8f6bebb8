"""The desk's "Forderung verkauft / abgetreten" decision over HTTP (Litestar's test client,
SQLite): the form on a held sale, recording the new holder, the decided page, the history
on the claim, undo, and a German refusal for an empty holder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from creditctl.db import session_scope
from creditctl.models import Claim
from creditctl.services import users
from creditctl.services.clients import import_clients
from creditctl.web import create_app
from tests.helpers import Env, make_env
from tests.integration.test_claim_sold import HOLDER, HOLDER_SENDER, post
from tests.integration.test_desk_http import ADMIN, REVIEWER, csrf, sign_in
from tests.integration.test_pending_handover import SOLD, _clients


@pytest.fixture
def sold_env(tmp_path: Path) -> Iterator[Env]:
    env = make_env(tmp_path, "sqlite")
    users.add_user(env.ctx, name=ADMIN[0], password=ADMIN[1], role="admin")
    users.add_user(env.ctx, name=REVIEWER[0], password=REVIEWER[1], role="reviewer")
    import_clients(env.ctx, path=_clients(tmp_path))
    try:
        yield env
    finally:
        env.close()


def test_the_desk_records_the_new_holder_and_undoes_it(sold_env: Env) -> None:
    sold = post(sold_env, "1", SOLD)
    with TestClient(create_app(sold_env.ctx)) as client:
        sign_in(client, REVIEWER)
        html = client.get(f"/desk/review/{sold}").text
        assert 'id="sold-form"' in html and "Forderung verkauft / abgetreten" in html
        assert re.search(r'<details class="card" id="sold-card" open>', html), "a held sale opens the form"
        assert '<option value="Quayside Retail plc">' in html  # the records' creditors to choose from
        claim = re.search(r'<select name="claim_id" id="sold-claim"><option value="(\d+)" selected>', html).group(1)

        empty = client.post(
            f"/desk/review/{sold}/sold",
            data={"_csrf_token": csrf(html), "claim_id": claim, "holder": "  "},
            follow_redirects=True,
        )
        assert "Bitte den neuen Inhaber eintragen – nichts wurde übernommen" in empty.text

        done = client.post(
            f"/desk/review/{sold}/sold",
            data={
                "_csrf_token": csrf(html),
                "claim_id": claim,
                "holder": HOLDER,
                "holder_reference": "LS-88123",
                "holder_email": HOLDER_SENDER,
            },
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        with session_scope(sold_env.ctx.db_url) as s:
            row = s.get(Claim, int(claim))
            assert (row.creditor_name, row.creditor_reference, row.creditor_emails) == (
                HOLDER,
                "LS-88123",
                [HOLDER_SENDER],
            )
        page = client.get(f"/desk/review/{sold}").text
        assert "Als verkauft erfasst von rita" in page
        assert f"Forderung an {HOLDER} verkauft oder abgetreten (bisher Quayside Retail plc)" in page
        assert "Verkauf rückgängig machen (rita): Forderung wieder bei Quayside Retail plc" in page

        undone = client.post(f"/desk/review/{sold}/undo", data={"_csrf_token": csrf(page)}, follow_redirects=False)
        assert undone.status_code == 303, undone.text
        with session_scope(sold_env.ctx.db_url) as s:
            assert s.get(Claim, int(claim)).creditor_name == "Quayside Retail plc"
        again = client.get(f"/desk/review/{sold}").text
        assert 'id="sold-form"' in again and "Quayside Retail plc → Lowell Solutions Ltd" in again
