"""``tail -f`` reads a window behind its newest event and prints each event once: an event
whose transaction committed after a higher id was read (PostgreSQL takes ids at INSERT)
is printed late instead of never (services/stream.Follower)."""

from __future__ import annotations

from creditctl.services import stream


def ev(*ids: int) -> list[dict]:
    return [{"id": i} for i in ids]


def test_a_late_commit_below_the_newest_id_is_printed_once() -> None:
    follower = stream.Follower(10)
    assert follower.read_from == 10
    assert [e["id"] for e in follower.fresh(ev(11, 12, 14))] == [11, 12, 14]  # 13 not committed yet
    assert follower.read_from == 10  # within the lookback: re-read from the start
    assert [e["id"] for e in follower.fresh(ev(11, 12, 13, 14))] == [13]  # 13 committed late
    assert follower.fresh(ev(11, 12, 13, 14)) == []


def test_the_window_is_bounded_and_nothing_before_the_start_is_printed() -> None:
    follower = stream.Follower(5)
    assert follower.fresh(ev(3, 4, 5)) == []
    newest = 5 + stream.FOLLOW_LOOKBACK + 50
    follower.fresh(ev(*range(6, newest + 1)))
    assert follower.read_from == newest - stream.FOLLOW_LOOKBACK
    assert [e["id"] for e in follower.fresh(ev(newest - 1, newest, newest + 1))] == [newest + 1]
