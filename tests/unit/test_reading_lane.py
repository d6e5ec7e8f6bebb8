"""The reading lane (creditctl/services/lane.py; docs/worker-performance.md, "Round 7"):
one pure section at a time, queued sections the oldest job's first, a section's exception
raised in the thread that asked and the lane free after it; and the reading done through
it gives the same results as without it, also with many threads reading at once."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from creditctl.services import lane as lane_module, reading
from creditctl.services.context import AppContext
from creditctl.services.lane import ReadingLane, reading_lane
from creditctl.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _wait_until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def _blocked(lane: ReadingLane) -> tuple[threading.Thread, threading.Event]:
    """A thread running a section that waits for the returned event."""
    entered, go = threading.Event(), threading.Event()

    def hold() -> None:
        lane.run(lambda: entered.set() or go.wait(5))

    thread = threading.Thread(target=hold)
    thread.start()
    entered.wait(5)
    return thread, go


def _queue_up(lane: ReadingLane, tickets: list[float | None], served: list[int]) -> list[threading.Thread]:
    """One thread per ticket, each queueing a section in this order (the previous one is
    queued before the next asks), as a job started at its ticket (None: no job); each
    section appends the ticket's index to ``served``."""
    threads = []
    for index, ticket in enumerate(tickets):

        def work(index: int = index, ticket: float | None = ticket) -> None:
            if ticket is None:
                lane.run(lambda: served.append(index))
            else:
                with lane.job(ticket):
                    lane.run(lambda: served.append(index))

        thread = threading.Thread(target=work)
        thread.start()
        threads.append(thread)
        _wait_until(lambda n=index + 1: lane.waiting() == n)
    return threads


def test_queued_sections_are_run_oldest_job_first() -> None:
    lane = ReadingLane()
    served: list[int] = []
    holder, go = _blocked(lane)
    threads = _queue_up(lane, [30.0, 10.0, 20.0, 10.0], served)
    go.set()
    for thread in [holder, *threads]:
        thread.join(5)
    # the jobs started at 10 first (in the order they asked), then 20, then 30
    assert served == [1, 3, 2, 0]


def test_sections_outside_a_job_are_first_come_first_served() -> None:
    lane = ReadingLane()
    served: list[int] = []
    holder, go = _blocked(lane)
    threads = _queue_up(lane, [None, None, None], served)
    go.set()
    for thread in [holder, *threads]:
        thread.join(5)
    assert served == [0, 1, 2]


def test_one_section_at_a_time_and_each_caller_gets_its_own_value() -> None:
    lane = ReadingLane()
    inside = 0
    most = 0
    guard = threading.Lock()
    wrong: list[tuple[int, int]] = []

    def section(value: int) -> int:
        nonlocal inside, most
        with guard:
            inside += 1
            most = max(most, inside)
        time.sleep(0)
        with guard:
            inside -= 1
        return value

    def work(k: int) -> None:
        for i in range(150):
            got = lane.run(lambda i=i: section(k * 1000 + i))
            if got != k * 1000 + i:
                wrong.append((k * 1000 + i, got))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert most == 1
    assert not wrong
    assert lane.running() is None and lane.waiting() == 0


def test_a_section_that_raises_frees_the_lane_inline_and_queued() -> None:
    lane = ReadingLane()

    def fail() -> None:
        raise ValueError("a job's reading failed")

    with pytest.raises(ValueError, match="reading failed"):
        lane.run(fail)  # run by the calling thread itself
    assert lane.running() is None
    holder, go = _blocked(lane)
    errors: list[BaseException] = []

    def queued() -> None:
        try:
            lane.run(fail)  # queued behind the holder: run by the lane's reader thread
        except ValueError as exc:
            errors.append(exc)

    thread = threading.Thread(target=queued)
    thread.start()
    _wait_until(lambda: lane.waiting() == 1)
    go.set()
    thread.join(5)
    holder.join(5)
    assert errors and str(errors[0]) == "a job's reading failed"
    assert lane.run(lambda: "next") == "next"
    assert lane.running() is None and lane.waiting() == 0


def test_a_section_may_run_a_section() -> None:
    lane = ReadingLane()
    assert lane.run(lambda: lane.run(lambda: 41) + 1) == 42
    assert lane.running() is None


class _FailingLocal:
    """A local extractor whose reading fails (a bug in a rule, say)."""

    name = "rules"
    reconciles_attachments = True
    local = True

    def extract(self, email: Any) -> Any:
        assert reading_lane().running() == threading.get_ident(), "a local extractor runs in the lane"
        raise RuntimeError("rule failed")


def test_a_failing_local_extractor_does_not_hold_the_lane() -> None:
    ctx = AppContext(settings=Settings(), extractor_factory=lambda _name: _FailingLocal())
    row = dict(reading._WARM_UP_ROW)
    parsed = reading.clean_values(ctx.settings, row)
    with pytest.raises(RuntimeError, match="rule failed"):
        reading.extract(ctx, row, parsed)
    assert reading_lane().running() is None and reading_lane().waiting() == 0


def _rows() -> list[dict[str, Any]]:
    from creditctl.services.evaluation import case_row

    cases = sorted((ROOT / "tests" / "data" / "labelled").glob("*.json"))[:24]
    return [case_row(json.loads(p.read_text(encoding="utf-8"))) for p in cases]


def _read(ctx: AppContext, row: dict[str, Any]) -> str:
    from creditctl.services.decide import judge, match_document

    parsed = reading.clean(ctx, {**row, "id": None})
    result = reading.extract(ctx, row, parsed)
    problems = reading.evidence_problems(result, row, parsed)
    match, verdict = reading_lane().run(lambda: judge(ctx, row, result, problems, [], parsed))
    return json.dumps(
        [parsed, result.model_dump(mode="json"), problems, match_document(match, verdict)], default=str, sort_keys=True
    )


def test_reading_through_the_lane_from_many_threads_gives_the_same_results() -> None:
    ctx = AppContext(settings=Settings())
    rows = _rows()
    alone = [_read(ctx, row) for row in rows]
    got: dict[int, str] = {}

    def work(start: int) -> None:
        with reading_lane().job():
            for i in range(start, len(rows), 6):
                got[i] = _read(ctx, rows[i])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [got[i] for i in range(len(rows))] == alone
    assert reading_lane().running() is None


def test_a_forked_child_gets_a_fresh_lane(monkeypatch: pytest.MonkeyPatch) -> None:
    before = lane_module.READING_LANE
    monkeypatch.setattr(lane_module, "READING_LANE", before)
    lane_module._fresh_lane_after_fork()
    assert reading_lane() is not before
