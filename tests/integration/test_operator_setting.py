"""The person a CLI decision is recorded under comes from the settings: ``CREDITCTL_OPERATOR``
in ``.env`` counts as in the environment (an operator found it ignored: decisions logged as
``root cli (login)``), and ``creditctl config`` lists it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from creditctl import db
from creditctl.cli import app
from creditctl.migrate import upgrade
from creditctl.services.context import AppContext
from creditctl.settings import get_settings, load_settings
from tests.integration.test_review_cli_faces import add_email


@pytest.fixture
def env_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    url = f"sqlite:///{tmp_path}/t.db"
    for key in [k for k in os.environ if k.upper().startswith("CREDITCTL_")]:
        monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        f"CREDITCTL_HOME={tmp_path}\nCREDITCTL_DATABASE_URL={url}\nCREDITCTL_QUEUE_URL=sqlite:///{tmp_path}/q.db\n"
        "CREDITCTL_LOG_LEVEL=WARNING\nCREDITCTL_OPERATOR=nc17\n",
        encoding="utf8",
    )
    monkeypatch.setenv("USER", "root")
    monkeypatch.setenv("LOGNAME", "root")
    monkeypatch.delenv("SUDO_USER", raising=False)
    monkeypatch.setenv("COLUMNS", "250")
    upgrade(url)
    ctx = AppContext(settings=load_settings(home=tmp_path, database_url=url, queue_url="memory://"))
    get_settings.cache_clear()
    yield ctx
    get_settings.cache_clear()
    db.dispose_engines()


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_the_operator_named_in_dotenv_is_recorded_and_listed(env_ctx: AppContext) -> None:
    email = add_email(env_ctx, key="dotenv")
    done = run("review", "reject", str(email), "--reason", "not a reply")
    assert done.exit_code == 0, done.output
    entries = json.loads(run("review", "log", "--json").output)
    assert [(e["person"], e["named_by"]) for e in entries] == [("nc17", "CREDITCTL_OPERATOR")]
    assert json.loads(run("config", "--json").output)["CREDITCTL_OPERATOR"] == "nc17"
