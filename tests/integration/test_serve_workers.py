"""``creditctl serve --workers 2``: two server processes on one port, each answering
signed webhooks (stored and queued once), stopped together by one SIGTERM (exit 0).
Real PostgreSQL + Redis (scripts/test)."""

from __future__ import annotations

import signal

import httpx
import psutil
import pytest
import sqlalchemy as sa

from tests.helpers import payload, signed_headers
from tests.ports import free_port
from tests.prodstack import opened_stack, wait_for

pytestmark = [pytest.mark.pg, pytest.mark.slow]


@pytest.fixture
def stack(tmp_path):
    with opened_stack(tmp_path) as s:
        yield s


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def test_two_processes_share_the_port_and_stop_together(stack):
    stack.port = free_port()
    server = stack._spawn("serve", ["serve", "--port", str(stack.port), "--workers", "2"], stack.env())
    parent = psutil.Process(server.pid)
    wait_for(
        lambda: len([c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]) == 2,
        60,
        "two server processes",
        server,
    )
    children = [c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]
    wait_for(lambda: _answers(f"{stack.base_url}/healthz"), 90, "server up", server)
    bodies = [payload() for _ in range(40)]
    with httpx.Client(base_url=stack.base_url, timeout=30) as client:
        answers = [client.post("/webhooks/zendesk", content=b, headers=signed_headers(b)) for b in bodies]
        again = client.post("/webhooks/zendesk", content=bodies[0], headers=signed_headers(bodies[0]))
    assert [a.status_code for a in answers] == [200] * 40
    assert again.json()["status"] == "duplicate"
    with stack._engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT processing_status, count(*) FROM emails GROUP BY 1")).all()
    assert dict(rows) == {"queued": 40}

    server.popen.send_signal(signal.SIGTERM)
    assert server.popen.wait(30) == 0
    assert not any(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children)
