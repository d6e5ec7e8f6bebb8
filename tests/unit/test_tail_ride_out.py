"""`tail -f`'s two database-outage waits — at its start and while it follows — are one helper
(`cli.observe._ride_out`): one line when the outage starts, retried at 0.5 s doubling to 5 s,
one line when the database answers again; any other error is raised."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from creditctl.cli import observe


def _flaky(failures: int, value: Any) -> Any:
    calls = {"n": 0}

    def read() -> Any:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
        return value

    return read


def test_the_start_and_the_follow_wait_through_one_helper(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr("time.sleep", sleeps.append)
    got = observe._ride_out(_flaky(3, "batch"), lambda: "sqlite:///x.db", waits="starts", back="started")
    assert got == "batch" and sleeps == [0.5, 1.0, 2.0]
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert lines[0].startswith("tail: ") and "tail keeps retrying and starts once it answers" in lines[0]
    assert lines[1].startswith("tail: the database answers again after") and lines[1].endswith("; started")

    seen: list[str] = []

    def spy(read: Any, database_url: Any, *, waits: str, back: str, database_only: bool = True) -> Any:
        seen.append(back)
        return read()

    monkeypatch.setattr(observe, "_ride_out", spy)
    assert observe._start_riding_out(lambda: 7) == 7
    assert seen == ["started"]


def test_another_error_is_raised_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda s: None)

    def broken() -> Any:
        raise ValueError("not an outage")

    with pytest.raises(ValueError):
        observe._ride_out(broken, lambda: "", waits="starts", back="started")
