"""``serve`` started while PostgreSQL is down: it starts (one warning line), answers the
webhook 503 with Retry-After until the database is back, then accepts; every refused
delivery's log line names the Zendesk invocation id and the ticket id to reconcile from.

    bash scripts/test tests/integration/test_serve_db_down.py -q -p no:cacheprovider
"""

from __future__ import annotations

import json

import httpx
import pytest

from tests import realservices
from tests.helpers import signed_headers
from tests.prodstack import TEMPLATES, email_body, opened_stack, unique_tag, wait_for

pytestmark = [pytest.mark.pg, pytest.mark.slow]


@pytest.fixture
def stack(tmp_path):
    with opened_stack(tmp_path, restart=(realservices.start_postgres,)) as s:
        yield s


def test_serve_starts_while_the_database_is_down_and_answers_503_until_it_is_back(stack):
    body = email_body(TEMPLATES[0], unique_tag("dbdown", 0))
    ticket = json.loads(body)["ticket_id"]
    realservices.stop_postgres()
    try:
        server = stack.start_server()  # waits for /healthz: it must start at all
        assert server.alive()
        refused = httpx.post(
            f"{stack.base_url}/webhooks/zendesk",
            content=body,
            headers=signed_headers(body, invocation_id="inv-outage-1"),
            timeout=30,
        )
        assert refused.status_code == 503, refused.text
        assert refused.headers.get("retry-after")
        wait_for(lambda: "inv-outage-1" in server.tail(50_000), 10, "the refusal logged", server)
    finally:
        realservices.start_postgres()
    log = server.tail(50_000)
    warnings = [line for line in log.splitlines() if "the database is unreachable" in line]
    assert len(warnings) == 1 and "serving anyway" in warnings[0], log[-3000:]
    (line,) = [json.loads(x) for x in log.splitlines() if x.startswith("{") and "inv-outage-1" in x]
    assert (line["status"], line["outcome"]) == (503, "unavailable")
    assert line["zendesk_invocation_id"] == "inv-outage-1" and line["ticket_id"] == str(ticket)

    def accepted() -> bool:
        answer = httpx.post(
            f"{stack.base_url}/webhooks/zendesk",
            content=body,
            headers=signed_headers(body, invocation_id="inv-outage-2"),
            timeout=30,
        )
        return answer.status_code == 200

    wait_for(accepted, 60, "accepted once the database is back", server)
    assert server.alive()
