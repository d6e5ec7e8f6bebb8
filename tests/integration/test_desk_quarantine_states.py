"""The desk's Quarantäne page shows each body's state (offen / wiederholt / verworfen, with
who and when) and filters by it (Litestar's test client, SQLite)."""

from __future__ import annotations

from datetime import timedelta

from litestar.testing import TestClient

from creditctl import db
from creditctl.models import Quarantine, utcnow
from creditctl.web import create_app
from tests.helpers import Env
from tests.integration.test_desk_http import ADMIN, desk_env, sign_in  # noqa: F401  (the fixture)


def test_the_quarantine_page_shows_and_filters_the_state(desk_env: Env) -> None:  # noqa: F811
    at = utcnow() - timedelta(hours=1)
    with db.session_scope(desk_env.ctx.db_url) as s:
        s.add(Quarantine(reason="body is not JSON", raw_body=b"open-one", headers={}))
        s.add(
            Quarantine(
                reason="missing ticket_id",
                raw_body=b"replayed-one",
                headers={},
                status="replayed",
                resolved_at=at,
                resolved_by="bernd",
                email_id=17,
            )
        )
        s.add(
            Quarantine(
                reason="not a webhook",
                raw_body=b"dismissed-one",
                headers={},
                status="dismissed",
                resolved_at=at,
                resolved_by="anna",
                resolution="test delivery",
            )
        )
    with TestClient(create_app(desk_env.ctx)) as client:
        sign_in(client, ADMIN)
        every = client.get("/desk/ops/quarantine").text
        assert all(body in every for body in ("open-one", "replayed-one", "dismissed-one"))
        assert '<td class="q-state"><strong>offen</strong></td>' in every
        assert '<strong>wiederholt</strong><br><small class="muted">von bernd am ' in every
        assert "als E-Mail 17 gespeichert" in every
        assert "<strong>verworfen</strong>" in every and ": test delivery" in every

        shown = {
            state: client.get(f"/desk/ops/quarantine?status={state}").text
            for state in ("waiting", "replayed", "dismissed")
        }
        assert "open-one" in shown["waiting"] and "replayed-one" not in shown["waiting"]
        assert "replayed-one" in shown["replayed"] and "open-one" not in shown["replayed"]
        assert "dismissed-one" in shown["dismissed"] and "open-one" not in shown["dismissed"]
        assert "dismissed-one" in client.get("/desk/ops/quarantine?status=nonsense").text  # unknown: every state
