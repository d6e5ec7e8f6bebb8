"""``status ID``: the extractor's warnings in the JSON (README: every extract field), and the
timeline in time order even when an attempt wrote its events in one batch at its end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

from litestar.testing import TestClient

from creditctl.db import session_scope
from creditctl.models import Email, Event
from creditctl.services import status
from creditctl.web import create_app
from tests.helpers import payload, signed_headers


def _stored(env) -> int:
    body = payload()
    with TestClient(create_app(env.ctx)) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    return int(answer.json()["email_id"])


def test_status_json_carries_the_warnings(sqlite_env) -> None:
    email_id = _stored(sqlite_env)
    assert status.email_status(sqlite_env.ctx, email_id)["warnings"] == []
    with session_scope(sqlite_env.ctx.db_url) as s:
        s.get(Email, email_id).extraction = {"warnings": ["two totals; the later one taken"]}
    doc = status.email_status(sqlite_env.ctx, email_id)
    assert doc["warnings"] == doc["extracted"]["warnings"] == ["two totals; the later one taken"]


def test_the_timeline_is_in_time_order_ties_by_id(sqlite_env) -> None:
    email_id = _stored(sqlite_env)
    with session_scope(sqlite_env.ctx.db_url) as s:
        first = s.query(Event).filter(Event.email_id == email_id).order_by(Event.id).first()
        base = first.at
        # written at the end of an attempt in one batch: ids after events that happened later
        s.add(Event(email_id=email_id, at=base + timedelta(seconds=5), kind="transition", message="cleaned"))
        s.flush()
        s.add(Event(email_id=email_id, at=base + timedelta(seconds=3), kind="duplicate", message="dup one"))
        s.add(Event(email_id=email_id, at=base + timedelta(seconds=3), kind="duplicate", message="dup two"))
    doc = status.email_status(sqlite_env.ctx, email_id)
    messages = [e["message"] for e in doc["events"]]
    assert messages[-3:] == ["dup one", "dup two", "cleaned"], messages
    ats = [e["at"] for e in doc["events"]]
    assert ats == sorted(ats)
    environ = {**os.environ, "CREDITCTL_DATABASE_URL": sqlite_env.settings.database_url}
    text = subprocess.run(
        [sys.executable, "-m", "creditctl", "status", str(email_id)],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )
    assert text.returncode == 0, text.stderr
    assert text.stdout.index("dup two") < text.stdout.index("cleaned"), text.stdout
    as_json = subprocess.run(
        [sys.executable, "-m", "creditctl", "status", str(email_id), "--json"],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )
    assert [e["message"] for e in json.loads(as_json.stdout)["events"]][-3:] == ["dup one", "dup two", "cleaned"]
    assert json.loads(as_json.stdout)["warnings"] == []
