"""``render.plain``: values as an operator reads them, never a Python repr."""

from decimal import Decimal

from creditctl.render import plain


def test_plain_joins_lists_and_mappings_without_reprs():
    assert plain(["A-1", "B 2"]) == "A-1, B 2"
    assert (
        plain({"anthropic.RateLimitError": 3, "OperationalError": 1})
        == "anthropic.RateLimitError 3, OperationalError 1"
    )
    assert plain({"total": Decimal("0.00"), "interest": None}) == "total 0.00"
    assert plain(None) == "—" and plain([]) == "—" and plain(Decimal("12.30")) == "12.30"


def test_an_unreachable_queue_reads_as_one_plain_phrase():
    from creditctl.render import queue_line

    assert queue_line({"error": "queue unreachable: ConnectionError"}) == "queue: unreachable (ConnectionError)"
    assert queue_line({"pending": 3, "scheduled": 0}) == "queue: pending 3, scheduled 0"
    assert queue_line(None) == "queue: unknown"
