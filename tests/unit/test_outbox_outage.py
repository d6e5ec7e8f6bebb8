"""The outbox task during a database outage: one calm warning line, no "Unhandled exception"
(``tasks.outbox_outage``, classified by ``outages.classify`` as every other task's outage)."""

from __future__ import annotations

from pathlib import Path

import pytest
import structlog
from sqlalchemy.exc import OperationalError

from creditctl import tasks
from creditctl.logs import configure_logging
from creditctl.services import notifications
from creditctl.settings import load_settings


def _outage() -> OperationalError:
    return OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))


def test_a_database_outage_in_the_outbox_task_is_one_warning_and_no_raise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(home=tmp_path, database_url=f"sqlite:///{tmp_path}/t.db", queue_url="memory://")
    runtime = tasks.build_runtime(settings, adapters=False)

    def down(ctx: object) -> None:
        raise _outage()

    monkeypatch.setattr(notifications, "deliver_outbox", down)
    # an in-process one-shot command of an earlier test leaves the level at ERROR (cli/common.py):
    # the worker logs at INFO, as a daemon's configuration does
    configure_logging("INFO")
    with structlog.testing.capture_logs() as logs:
        runtime.deliver_outbox.call_local()  # returns: Huey logs nothing "Unhandled"
    (line,) = [e for e in logs if e["log_level"] in ("warning", "error")]
    assert line["event"] == "outbox_database_unreachable" and "will retry" in line["note"]


@pytest.mark.parametrize("exc", [ValueError("bad row"), KeyError("kind"), RuntimeError("smtp said no")])
def test_any_other_failure_of_the_outbox_task_still_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: Exception
) -> None:
    settings = load_settings(home=tmp_path, database_url=f"sqlite:///{tmp_path}/t.db", queue_url="memory://")
    runtime = tasks.build_runtime(settings, adapters=False)

    def fails(ctx: object) -> None:
        raise exc

    monkeypatch.setattr(notifications, "deliver_outbox", fails)
    with pytest.raises(type(exc)):
        runtime.deliver_outbox.call_local()
    assert tasks.outbox_outage(exc) is False
    assert tasks.outbox_outage(_outage()) is True
