"""``creditctl status`` during a queue outage: besides the emails stored but never queued
(re-enqueued once the queue answers), it says that emails already queued when the queue
lost its data wait for the sweep, with the sweep's bound."""

from creditctl import render

DOWN = {"count": 2, "ids": [7, 9], "requeue_within_s": 2, "sweep_bound_s": 180.0, "queue_down": True}


def test_a_queue_outage_names_the_sweep_for_the_emails_it_lost() -> None:
    line = render.not_in_queue_line(DOWN, workers_alive=True)
    assert line is not None
    assert "queue down: re-enqueued within 2 s once it answers" in line
    assert (
        "emails already queued when it lost its data wait for the sweep: at most 180 s after they were queued" in line
    )
    assert "CREDITCTL_STUCK_GRACE_SECONDS + CREDITCTL_SWEEP_INTERVAL" in line


def test_without_a_worker_it_still_says_what_waits_for_a_worker_first() -> None:
    line = render.not_in_queue_line(DOWN, workers_alive=False)
    assert line is not None and "once it answers and a worker runs (`creditctl worker`); emails already" in line


def test_with_the_queue_up_the_line_is_unchanged() -> None:
    line = render.not_in_queue_line({**DOWN, "queue_down": False}, workers_alive=True)
    assert line is not None and "lost its data" not in line and "the sweep re-enqueues them within 2 s" in line
