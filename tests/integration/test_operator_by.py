"""Who did it: `retry`, `reprocess` and `quarantine replay|dismiss` record the person acting as the
review decisions do (`--by NAME`, else CREDITCTL_OPERATOR, else the real login behind sudo, else
the login: `cli.common.operator_identity`, the one owner), and `status ID`'s events and `tail`
show that name (in process, Typer's runner)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from creditctl.db import session_scope
from creditctl.models import Quarantine
from creditctl.services.context import AppContext
from tests.integration.test_review_cli_faces import cli_ctx, run  # noqa: F401 - the fixture
from tests.integration.test_review_service import add_email


def _messages(email_id: int) -> list[str]:
    done = run("status", str(email_id), "--json")
    assert done.exit_code == 0, done.output
    return [e["message"] for e in json.loads(done.output)["events"]]


def _tail() -> list[dict[str, Any]]:
    done = run("tail", "--json", "--limit", "200")
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.output.splitlines() if line.startswith("{")]


def test_retry_and_reprocess_record_the_person_named_by_by_or_the_environment(
    cli_ctx: AppContext,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failed = add_email(cli_ctx, key="f", processing_status="failed", match_status="pending")
    held = add_email(cli_ctx, key="h")
    monkeypatch.setenv("USER", "root")
    monkeypatch.setenv("LOGNAME", "root")
    monkeypatch.setenv("SUDO_USER", "dora")

    assert run("retry", str(failed), "--by", "Bernd Maier", "--yes").exit_code in (0, 1)
    monkeypatch.setenv("CREDITCTL_OPERATOR", "carla")
    done = run("reprocess", "--ids", str(held), "--yes", "--no-wait")
    assert done.exit_code in (0, 1), done.output

    assert any("retry requested by Bernd Maier" in m for m in _messages(failed)), _messages(failed)
    assert any("by carla" in m for m in _messages(held)), _messages(held)
    tail = [e["message"] for e in _tail()]
    assert any("retry requested by Bernd Maier" in m for m in tail), tail
    assert any("by carla" in m and f"#{held}" not in m for m in tail) or any("by carla" in m for m in tail)
    assert not any("root" in m for m in tail), tail


def test_quarantine_actions_record_the_person_named_by_by(cli_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("USER", "root")
    monkeypatch.setenv("LOGNAME", "root")
    monkeypatch.setenv("SUDO_USER", "dora")
    with session_scope(cli_ctx.db_url) as s:
        s.add(Quarantine(reason="invalid JSON", raw_body=b"{", headers={}))
        s.add(Quarantine(reason="invalid JSON", raw_body=b"{", headers={}))
    assert run("quarantine", "dismiss", "1", "--reason", "test", "--by", "Bernd Maier").exit_code == 0
    assert run("quarantine", "dismiss", "2", "--reason", "test").exit_code == 0  # root via sudo: dora
    tail = [e["message"] for e in _tail()]
    assert any("quarantine #1 dismissed by Bernd Maier" in m for m in tail), tail
    assert any("quarantine #2 dismissed by dora" in m for m in tail), tail
