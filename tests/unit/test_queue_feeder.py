"""``QueueFeeder`` (creditctl/adapters/async_intake.py): one thread sends the messages the
event loop hands it, many per wake-up, and every request gets its own answer back."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime

import pytest

from creditctl.adapters.async_intake import QueueFeeder


def test_many_requests_share_a_few_rounds_and_each_gets_its_answer() -> None:
    sent: list[int] = []
    threads: set[str] = set()

    def send(email_id: int, marked_at: datetime | None) -> bool:
        threads.add(threading.current_thread().name)
        time.sleep(0.002)  # a Redis round trip
        sent.append(email_id)
        return email_id % 7 != 0  # "the queue was down" for some

    feeder = QueueFeeder(send)

    async def main() -> list[bool]:
        return list(await asyncio.gather(*(feeder.send(i, datetime.now(UTC)) for i in range(200))))

    answers = asyncio.run(main())
    feeder.close()
    assert answers == [i % 7 != 0 for i in range(200)]
    assert sorted(sent) == list(range(200)) and len(sent) == 200  # each once
    assert threads == {"creditctl-queue-feeder"}
    assert 1 <= feeder.rounds < 50, feeder.rounds  # batches, not one hand-off per request


def test_an_error_reaches_its_request_only_and_close_sends_what_was_handed_over() -> None:
    def send(email_id: int, marked_at: datetime | None) -> bool:
        if email_id == 3:
            raise ValueError("boom")
        return True

    feeder = QueueFeeder(send)

    async def main() -> list[object]:
        return list(await asyncio.gather(*(feeder.send(i, None) for i in range(6)), return_exceptions=True))

    answers = asyncio.run(main())
    assert [type(a).__name__ for a in answers] == ["bool"] * 3 + ["ValueError"] + ["bool"] * 2
    feeder.close()
    assert feeder._thread is not None and not feeder._thread.is_alive()

    async def late() -> bool:
        return await feeder.send(9, None)

    with pytest.raises(RuntimeError, match="closed"):
        asyncio.run(late())
