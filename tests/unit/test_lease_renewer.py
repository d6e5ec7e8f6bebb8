"""The per-process lease renewer (``processing.LeaseKeeper`` on ``_LeaseRenewer``): every running
job's lease renewed each third of ``lease_seconds`` on one thread, none after ``stop``, and a lease
found held by another worker marks the keeper lost (docs/worker-performance.md, "Round 13")."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from creditctl.services import processing


def _ctx(lease_seconds: float) -> SimpleNamespace:
    return SimpleNamespace(settings=SimpleNamespace(lease_seconds=lease_seconds), worker_name="w")


@pytest.fixture
def renewals(monkeypatch):
    calls: list[tuple[int, float]] = []
    answers: dict[int, bool] = {}

    def fake_renew(ctx, email_id, attempt=None):
        calls.append((email_id, time.monotonic()))
        return answers.get(email_id, True)

    monkeypatch.setattr(processing, "renew_lease", fake_renew)
    return calls, answers


def test_each_running_lease_is_renewed_every_third_of_the_lease_and_never_after_stop(renewals):
    calls, _ = renewals
    keepers = [processing.LeaseKeeper(_ctx(0.3), email_id, 1) for email_id in (1, 2, 3)]
    started = time.monotonic()
    for k in keepers:
        k.start()
    time.sleep(0.55)
    for k in keepers:
        k.stop()
    stopped = time.monotonic()
    time.sleep(0.25)
    for email_id in (1, 2, 3):
        times = [t for e, t in calls if e == email_id]
        assert 3 <= len(times) <= 6, times  # every 0.1 s over 0.55 s, on a shared machine
        assert times[0] - started >= 0.09  # not at once: one interval after the start
        assert all(t <= stopped for t in times)  # none after stop
    assert not any(k.lost for k in keepers)
    assert sum(t.name == "lease-renewer" for t in threading.enumerate()) == 1  # one thread for all


def test_a_lease_held_by_another_worker_is_lost_and_no_longer_renewed(renewals):
    calls, answers = renewals
    answers[7] = False
    lost, kept = processing.LeaseKeeper(_ctx(0.15), 7, 1), processing.LeaseKeeper(_ctx(0.15), 8, 1)
    lost.start()
    kept.start()
    time.sleep(0.4)
    assert lost.lost and not kept.lost
    assert [e for e, _ in calls].count(7) == 1  # lost at the first renewal, never tried again
    assert [e for e, _ in calls].count(8) >= 3
    lost.stop()
    kept.stop()


def test_a_failed_renewal_is_tried_again_on_the_next_tick(monkeypatch):
    tries: list[float] = []

    def failing(ctx, email_id, attempt=None):
        tries.append(time.monotonic())
        raise ConnectionError("database down")

    monkeypatch.setattr(processing, "renew_lease", failing)
    keeper = processing.LeaseKeeper(_ctx(0.15), 9, 1)
    keeper.start()
    time.sleep(0.33)
    keeper.stop()
    assert len(tries) >= 3 and not keeper.lost


def test_stop_waits_for_a_renewal_in_progress(monkeypatch):
    entered, release = threading.Event(), threading.Event()
    finished: list[float] = []

    def slow(ctx, email_id, attempt=None):
        entered.set()
        release.wait(2)
        finished.append(time.monotonic())
        return True

    monkeypatch.setattr(processing, "renew_lease", slow)
    keeper = processing.LeaseKeeper(_ctx(0.15), 10, 1)
    keeper.start()
    assert entered.wait(2)
    threading.Timer(0.1, release.set).start()
    keeper.stop()
    returned = time.monotonic()
    assert finished and finished[0] <= returned
