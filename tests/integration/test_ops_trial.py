"""What an operator trial tripped on, through the CLI (Typer's runner, in process) on both
backend pairs (SQLite + SqliteHuey, and the real PostgreSQL + Redis under scripts/test):
no command claims a success it did not have, and an outage of the queue is one line.

The queue "down" is a Redis URL on a port nothing listens on: the process sees exactly
what it sees when the real Redis is stopped (connection refused).

    bash scripts/test tests/integration/test_ops_trial.py -q -p no:cacheprovider
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from creditctl.cli import app
from creditctl.db import session_scope
from creditctl.models import Email, utcnow
from creditctl.schemas import WebhookPayload
from creditctl.services import intake, operations, sweep_rule
from creditctl.settings import get_settings
from tests.helpers import Env, payload


def _dead_redis_url() -> str:
    with socket.socket() as s:  # a free port: nothing answers there once it is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def cli_env(env: Env, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    """``env`` (a migrated database and a real queue) as the CLI's configuration."""
    # the test servers' own settings (CREDITCTL_TEST_*, tests/realservices.py) stay: a test stops them
    for key in [k for k in os.environ if k.startswith("CREDITCTL_") and not k.startswith("CREDITCTL_TEST_")]:
        monkeypatch.delenv(key)
    values = {
        "HOME": str(env.settings.home),
        "DATABASE_URL": env.settings.effective_database_url,
        "QUEUE_URL": env.settings.effective_queue_url,
        "LOG_LEVEL": "WARNING",
        "STUCK_GRACE_SECONDS": "120",
        "SWEEP_INTERVAL": "60",
    }
    for key, value in values.items():
        monkeypatch.setenv(f"CREDITCTL_{key}", value)
    monkeypatch.setenv("COLUMNS", "400")
    get_settings.cache_clear()
    yield env
    get_settings.cache_clear()


def run(*args: str, queue_down: bool = False) -> Any:
    env = {"CREDITCTL_QUEUE_URL": _dead_redis_url()} if queue_down else {}
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, list(args), env=env)
    finally:
        get_settings.cache_clear()


def _store_unqueued(env: Env, *, age_s: float) -> int:
    """An email stored but never enqueued (its enqueue failed), ``age_s`` seconds ago."""
    body = payload(ticket_id=f"t{age_s}", comment_id=f"c{age_s}")
    email_id = intake.store_email(env.ctx, WebhookPayload.model_validate_json(body), body, None).email_id
    ago = utcnow() - timedelta(seconds=age_s)
    with session_scope(env.ctx.db_url) as s:
        s.execute(Email.__table__.update().where(Email.id == email_id).values(received_at=ago, updated_at=ago))
    return email_id


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_reprocess_stuck_with_the_queue_down_says_it_cannot_and_names_what_waits(cli_env: Env) -> None:
    email_id = _store_unqueued(cli_env, age_s=8)  # younger than the 120 s grace

    down = run("reprocess", "--stuck", queue_down=True)

    assert down.exit_code == 1, down.output
    assert len(_lines(down.output)) == 1, down.output
    assert "queue unreachable" in down.output and f"#{email_id}" in down.output
    assert "nothing stuck" not in down.output
    as_json = run("reprocess", "--stuck", "--json", queue_down=True)
    assert as_json.exit_code == 1
    doc = json.loads(as_json.stdout if hasattr(as_json, "stdout") else as_json.output.split("\n", 1)[0])
    assert doc["queue_unreachable"] is True and doc["not_due"]["ids"] == [email_id]
    just_stored = _store_unqueued(cli_env, age_s=0)  # no enqueue is under way with the queue down
    again = run("reprocess", "--stuck", queue_down=True)
    assert f"2 email(s) wait stored but not in the queue (#{email_id}, #{just_stored})" in again.output


def test_status_during_a_queue_outage_promises_nothing_before_the_queue_answers(cli_env: Env) -> None:
    email_id = _store_unqueued(cli_env, age_s=8)

    text = run("status", queue_down=True)
    doc = json.loads(run("status", "--json", queue_down=True).stdout)

    assert text.exit_code == 1
    assert f"1 email(s) stored but not in the queue (#{email_id}); queue down: re-enqueued within" in text.output
    assert "once it answers" in text.output and "the sweep re-enqueues them within" not in text.output
    stranded = doc["not_in_queue"]
    assert stranded["queue_down"] is True and stranded["ids"] == [email_id]
    # never enqueued: a running worker sweeps them as soon as the queue answers, not after the grace
    assert stranded["requeue_within_s"] == sweep_rule.QUEUE_BACK_WITHIN_S
    up = json.loads(run("status", "--json").stdout)["not_in_queue"]
    assert up["queue_down"] is False and up["ids"] == [email_id]
    assert "; the sweep re-enqueues them once a worker runs" in run("status").output  # no worker in this test


def test_status_json_says_the_queue_is_down_with_nothing_waiting_too(cli_env: Env) -> None:
    """An operator found ``not_in_queue.queue_down: false`` during a Redis outage when no email
    waited (true only when one did): it says whether the queue answers, whatever the count."""
    down = run("status", "--json", queue_down=True)
    doc = json.loads(down.stdout)

    assert down.exit_code == 1 and "error" in doc["queue"], down.output
    assert doc["not_in_queue"]["count"] == 0 and doc["not_in_queue"]["queue_down"] is True, doc["not_in_queue"]
    up = json.loads(run("status", "--json").stdout)["not_in_queue"]
    assert (up["count"], up["queue_down"]) == (0, False)
    assert "stored but not in the queue" not in run("status", queue_down=True).output  # nothing to name


def test_reprocess_stuck_with_rows_younger_than_the_grace_says_when_they_are_due(cli_env: Env) -> None:
    assert run("reprocess", "--stuck").output.strip() == "nothing stuck"  # really nothing
    email_id = _store_unqueued(cli_env, age_s=20)

    young = run("reprocess", "--stuck")

    assert young.exit_code == 0, young.output
    assert "nothing stuck" not in young.output
    assert f"not due yet: 1 email(s) stored but not in the queue (#{email_id}) are due in" in young.output
    due_in = int(young.output.split("are due in ")[1].split(" s")[0])
    assert 95 <= due_in <= 100  # 120 s grace − 20 s
    with session_scope(cli_env.ctx.db_url) as s:  # past the grace: the sweep takes it
        ago = utcnow() - timedelta(seconds=200)
        s.execute(Email.__table__.update().where(Email.id == email_id).values(received_at=ago, updated_at=ago))
    taken = run("reprocess", "--stuck")
    assert taken.exit_code == 0 and f"re-enqueued #{email_id}: received but never enqueued" in taken.output
    assert "not due yet" not in taken.output


def test_retry_during_a_queue_outage_says_the_push_failed_and_sets_no_queued_time(cli_env: Env) -> None:
    first, second = _store_unqueued(cli_env, age_s=5), _store_unqueued(cli_env, age_s=6)

    done = run("retry", str(first), str(second), queue_down=True)

    assert done.exit_code == 1, done.output
    last = _lines(done.output)[-1]
    assert last.startswith("error: queue unreachable: pushed none of 2 email(s)"), done.output
    assert f"#{first}, #{second} left as received, the sweep queues them once it answers" in last
    assert "re-enqueued" not in done.output
    for email_id in (first, second):
        story = json.loads(run("status", str(email_id), "--json").stdout)
        assert story["processing_status"] == "received"
        assert story["times"]["queued"] is None  # no message was written
        messages = [e["message"] for e in story["events"]]
        assert "pushed now" not in " ".join(messages)
        assert messages[-2] == "retry requested by root after 0 attempts" or messages[-2].startswith(
            "retry requested by"
        )
        assert (
            "enqueue failed (queue unreachable), nothing pushed; left as received, the sweep queues it" in messages[-1]
        )
    pushed = run("retry", str(first))  # the queue answers: pushed, the time is set
    assert pushed.exit_code == 0 and f"re-enqueued 1 (#{first}); could not 0" in pushed.output, pushed.output
    assert json.loads(run("status", str(first), "--json").stdout)["times"]["queued"] is not None


def test_a_failed_email_retried_during_a_queue_outage_keeps_its_times(cli_env: Env) -> None:
    email_id = _store_unqueued(cli_env, age_s=5)
    with session_scope(cli_env.ctx.db_url) as s:
        s.execute(
            Email.__table__.update()
            .where(Email.id == email_id)
            .values(processing_status="failed", queued_at=utcnow() - timedelta(minutes=5), last_error_class="X")
        )
    before = json.loads(run("status", str(email_id), "--json").stdout)["times"]

    done = run("retry", "--failed", "--yes", queue_down=True)

    assert done.exit_code == 1 and f"#{email_id} left as failed, run `creditctl retry {email_id}` again" in done.output
    story = json.loads(run("status", str(email_id), "--json").stdout)
    assert story["processing_status"] == "failed" and story["times"] == before and story["runs"] == 1


def test_a_service_worker_rides_out_a_queue_down_at_start_and_burst_exits_1(tmp_path) -> None:
    """README's worker row: without --burst a queue outage (even at start) is ridden out with
    one queue_outage log line; --burst exits 1 at once with one line."""
    import signal
    import subprocess
    import sys
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update(CREDITCTL_HOME=str(tmp_path), CREDITCTL_QUEUE_URL=_dead_redis_url(), CREDITCTL_LOG_LEVEL="WARNING")
    command = [sys.executable, "-m", "creditctl", "worker"]
    burst = subprocess.run([*command, "--burst"], env=env, capture_output=True, text=True, timeout=60)
    assert burst.returncode == 1 and len(_lines(burst.stderr)) == 1 and "queue is unreachable" in burst.stderr
    errors = tmp_path / "worker.err"
    with errors.open("w") as sink:
        service = subprocess.Popen([*command, "--workers", "1"], env=env, stdout=subprocess.DEVNULL, stderr=sink)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and '"queue_outage"' not in errors.read_text():
                assert service.poll() is None, errors.read_text()  # it did not exit at start
                time.sleep(0.2)
            assert '"queue_outage"' in errors.read_text()
            time.sleep(2)
            assert service.poll() is None, errors.read_text()
            assert errors.read_text().count('"queue_outage"') == 1  # logged once
        finally:
            service.send_signal(signal.SIGINT)
            service.wait(30)


def test_times_in_human_messages_are_berlin_time_with_the_zone_name(cli_env: Env) -> None:
    """README: human output shows times in the office zone with its name (display.at), never a
    raw UTC ISO time — refusals written by services included."""
    import re

    from creditctl.models import Quarantine
    from creditctl.services import users

    raw_iso = re.compile(r"\d{4}-\d\d-\d\dT\d\d:|\+00:00")
    berlin = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} CET")  # December: CET
    with session_scope(cli_env.ctx.db_url) as s:
        s.add(Quarantine(reason="invalid JSON", raw_body=b"{", headers={}))
    assert run("quarantine", "dismiss", "1", "--reason", "test").exit_code == 0

    again = run("quarantine", "dismiss", "1", "--reason", "again")

    assert again.exit_code == 1 and "is already dismissed: test by" in again.output, again.output
    assert berlin.search(again.output) and not raw_iso.search(again.output), again.output

    users.add_user(cli_env.ctx, name="anna", password="a-long-password-1", role="admin")
    from creditctl.models import DeskUser

    with session_scope(cli_env.ctx.db_url) as s:
        s.execute(DeskUser.__table__.update().values(last_login_at=utcnow()))
    listed = run("users", "list").output
    assert berlin.search(listed) and not raw_iso.search(listed), listed

    email_id = _store_unqueued(cli_env, age_s=5)
    with session_scope(cli_env.ctx.db_url) as s:
        s.execute(
            Email.__table__.update()
            .where(Email.id == email_id)
            .values(processing_status="processing", lease_owner="w:1", lease_expires_at=utcnow() + timedelta(minutes=5))
        )
    refused = run("retry", str(email_id))
    assert refused.exit_code == 1 and "under the live lease of w:1 until" in refused.output, refused.output
    assert berlin.search(refused.output) and not raw_iso.search(refused.output), refused.output


def test_the_sweep_when_the_queue_is_back_pushes_never_enqueued_rows_without_the_grace(cli_env: Env) -> None:
    cli_env.ctx.settings = cli_env.ctx.settings.model_copy(update={"stuck_grace_seconds": 120})
    never = _store_unqueued(cli_env, age_s=30)  # well inside the 120 s grace
    just = _store_unqueued(cli_env, age_s=0)  # stored a moment before the queue answered

    usual = operations.sweep(cli_env.ctx)
    back = operations.sweep(cli_env.ctx, queue_back=True)

    assert usual.requeued == []
    assert sorted(back.requeued) == [(never, "received but never enqueued"), (just, "received but never enqueued")]
    with session_scope(cli_env.ctx.db_url) as s:
        assert s.get(Email, never).processing_status == "queued"
        assert s.get(Email, just).processing_status == "queued"


def test_a_worker_sweeps_at_once_when_the_queue_answers_again(cli_env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from creditctl import worker

    calls: list[bool] = []
    swept = threading.Event()

    def recording_sweep(ctx: Any, **kwargs: Any) -> operations.SweepReport:
        calls.append(bool(kwargs.get("queue_back")))
        swept.set()
        return operations.SweepReport()

    monkeypatch.setattr(operations, "sweep", recording_sweep)
    outage = worker.QueueOutage(cli_env.runtime)
    outage.started, outage.what = time.monotonic() - 30, "queue"  # an outage seen; the queue now answers
    keeper = worker.Housekeeper(cli_env.runtime, worker.WorkerOptions(), outage=outage)
    # in this process the housekeeper's stop (its RSS bound: pytest's own memory after
    # thousands of tests) would signal pytest itself: record it instead
    exits: list[str] = []
    monkeypatch.setattr(keeper, "_exit", exits.append)
    keeper.start()
    try:
        assert swept.wait(10)
    finally:
        keeper.stop()
        keeper.join(5)
    assert calls[0] is True  # the first sweep is the queue-back one, before the periodic one (2 s)


def test_retry_failed_with_nothing_failed_names_the_emails_not_in_the_queue(cli_env: Env) -> None:
    first, second = _store_unqueued(cli_env, age_s=30), _store_unqueued(cli_env, age_s=31)

    down = run("retry", "--failed", "--yes", queue_down=True)
    up = run("retry", "--failed", "--yes")
    named = run("retry", str(first), str(second), "--yes")

    assert down.exit_code == 0 and "0 email(s) to retry" in down.output, down.output
    one_line = " ".join(down.output.split())
    assert (
        f"2 email(s) are stored but not in the queue (#{first}, #{second}): the queue is unreachable now, so "
        "they cannot be pushed by hand either; a running worker's sweep pushes them as soon as the queue "
        "answers again" in one_line
    ), down.output
    assert "`creditctl retry" not in down.output  # a hint that would only fail with "queue unreachable"
    assert f"2 email(s) are stored but not in the queue (#{first}, #{second}): a running worker's sweep" in up.output
    assert f"or now with `creditctl retry {first} {second}`" in " ".join(up.output.split())
    assert "2 email(s) to retry, none with an error recorded" in named.output, named.output
    assert "none recorded 2" not in named.output


_SINCE_COMMANDS = (
    ("tail", "--limit", "5"),
    ("reprocess", "--yes"),
    ("reprocess", "--dry-run"),
    ("retry", "--failed", "--yes"),
    ("review", "list"),
    ("eval", "--reviewed"),
)


def test_reprocess_since_a_future_when_says_it_is_in_the_future(cli_env: Env) -> None:
    _store_unqueued(cli_env, age_s=40)
    done = run("reprocess", "--since", "tomorrow", "--yes")
    assert done.exit_code == 2, done.output
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1, done.output
    # the start of tomorrow in the office's zone, shown in that zone (not now + 24 h in UTC)
    assert re.search(r"--since 'tomorrow' is \d{4}-\d\d-\d\d 00:00:00\.000 CE[S]?T, in the future", lines[0]), lines[0]


@pytest.mark.parametrize(
    ("when", "says"),
    [
        ("", "--since is empty: give a WHEN"),
        ("   ", "--since is empty: give a WHEN"),
        ("+1h", "a WHEN has no sign; '1h' means 1h ago"),
        ("-5m", "a WHEN has no sign; '5m' means 5m ago"),
        ("- 2 hours", "a WHEN has no sign; '2 hours' means 2 hours ago"),
        ("in 2 hours", "--since 'in 2 hours' is "),
        ("tomorrow", "--since 'tomorrow' is "),
        ("übermorgen", "in the future, so nothing has happened since then"),
        ("no such time", "--since: cannot read time 'no such time'"),
    ],
)
def test_every_command_reads_since_by_one_rule(cli_env: Env, when: str, says: str) -> None:
    # one reader (timeparse.read_since) for every --since: the same line and exit 2 everywhere,
    # before anything is read or written (tail used to print events for "" and "nothing
    # matches" for a future WHEN, and took "-5m" silently)
    email_id = _store_unqueued(cli_env, age_s=40)
    with session_scope(cli_env.ctx.db_url) as s:
        before = s.get(Email, email_id).processing_status
    answers = {" ".join(cmd): run(*cmd, "--since", when) for cmd in _SINCE_COMMANDS}
    for name, answer in answers.items():
        assert answer.exit_code == 2, (name, answer.output)
        lines = [line for line in answer.output.splitlines() if line.strip()]
        assert len(lines) == 1 and says in lines[0], (name, answer.output)
    with session_scope(cli_env.ctx.db_url) as s:
        assert s.get(Email, email_id).processing_status == before  # nothing was enqueued


def test_a_past_since_is_read_the_same_by_every_command(cli_env: Env) -> None:
    _store_unqueued(cli_env, age_s=40)
    for cmd in _SINCE_COMMANDS:
        for when in ("2h", "yesterday", "2 hours ago", "vor 3 Tagen", "now"):
            answer = run(*cmd, "--since", when)
            assert answer.exit_code in (0, 1), (cmd, when, answer.output)
            assert "error: --since" not in answer.output, (cmd, when, answer.output)
    until = run("reprocess", "--since", "yesterday", "--until", "tomorrow", "--dry-run")
    assert until.exit_code == 0, until.output  # --until may lie ahead
    assert run("reprocess", "--since", "yesterday", "--until", "+1d", "--dry-run").exit_code == 2


def test_mirror_check_with_mongodb_down_prints_one_short_line(cli_env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ports import free_port

    port = free_port()
    monkeypatch.setenv("CREDITCTL_MONGODB_URL", f"mongodb://127.0.0.1:{port}/")
    result = run("mirror", "check")
    assert result.exit_code == 1
    (line,) = _lines(result.output)
    assert line == (
        f"error: MongoDB mirror unreachable at 127.0.0.1:{port} (connection refused); check CREDITCTL_MONGODB_URL"
    )


def test_reprocess_resume_takes_exactly_the_operations_remaining_emails_and_says_so(cli_env: Env) -> None:
    """The trial: `reprocess --resume` read the operation's --since again and took an email
    that arrived after it started. It continues the recorded selection, and says where it stands."""
    finished = [_store_unqueued(cli_env, age_s=60 + i) for i in range(3)]
    with session_scope(cli_env.ctx.db_url) as s:
        s.execute(Email.__table__.update().values(processing_status="completed"))
    started = run("reprocess", "--since", "1h", "--yes", "--no-wait", queue_down=True)
    assert started.exit_code == 1 and "enqueued only 0 of 3 (queue unreachable)" in started.output, started.output
    op = int(re.search(r"operation (\d+)", started.output).group(1))
    newcomer = _store_unqueued(cli_env, age_s=1)  # arrives after the operation started; matches --since 1h
    with session_scope(cli_env.ctx.db_url) as s:
        s.execute(Email.__table__.update().where(Email.id == newcomer).values(processing_status="completed"))

    preview = run("reprocess", "--resume", str(op), "--dry-run")  # what the resume would re-read, only that
    assert preview.exit_code == 0 and "3 selected = " in preview.output, preview.output
    resumed = run("reprocess", "--resume", str(op), "--yes", "--no-wait")

    assert resumed.exit_code == 0, resumed.output
    assert f"operation {op}: 0 of the 3 email(s) it selected already re-queued, 3 remain" in resumed.output
    assert f"operation {op}: enqueued 3 of 3" in resumed.output
    with session_scope(cli_env.ctx.db_url) as s:
        taken = {e.id: e.operation_id for e in s.query(Email)}
    assert [taken[i] for i in finished] == [op] * 3 and taken[newcomer] is None
    again = run("reprocess", "--resume", str(op), "--yes", "--no-wait")
    assert again.exit_code == 0 and "3 of the 3 email(s) it selected already re-queued, 0 remain" in again.output
    assert "nothing to reprocess" in again.output


def _flat(output: str) -> str:
    """A panel's text as one line: its borders dropped, its wrapped cells joined."""
    return " ".join(output.replace("│", " ").split())


def test_status_id_of_an_email_stored_while_the_queue_was_down_says_it_waits_and_what_queues_it(
    cli_env: Env,
) -> None:
    """`status ID` of an email whose enqueue failed names the wait, its owner (the sweep of a
    running worker, every CREDITCTL_SWEEP_INTERVAL s) and the command that queues it now."""
    from creditctl.services import workers

    email_id = _store_unqueued(cli_env, age_s=8)  # stored during a queue outage: never enqueued

    down = run("status", str(email_id), queue_down=True)
    assert down.exit_code == 1, down.output  # whether it is queued could not be read in full
    text = _flat(down.output)
    assert "stored, not yet queued" in text and "the queue is down" in text
    assert "every 60 s, CREDITCTL_SWEEP_INTERVAL" in text and f"`creditctl retry {email_id}`" in text
    assert "Traceback" not in down.output
    doc = json.loads(run("status", str(email_id), "--json", queue_down=True).stdout)
    note = doc["not_in_queue"]
    assert note["queue_down"] is True and note["status"] == "received" and note["ids"] == [email_id]
    assert note["sweep_interval_s"] == 60.0 and note["workers_alive"] is False

    no_worker = run("status", str(email_id))
    assert no_worker.exit_code == 0, no_worker.output
    text = _flat(no_worker.output)
    assert "no worker runs, so no sweep re-enqueues it: start `creditctl worker`" in text
    assert f"`creditctl retry {email_id}` queues it now" in text

    workers.heartbeat(cli_env.ctx, rss_mb=1.0)  # a worker runs: its sweep takes the row after the grace
    text = _flat(run("status", str(email_id)).output)
    within = int(re.search(r"re-enqueues it within (\d+) s", text).group(1))  # type: ignore[union-attr]
    assert 160 <= within <= 180, text  # 120 s grace + 60 s interval, counted from its storing 8 s ago
    assert "(every 60 s, CREDITCTL_SWEEP_INTERVAL)" in text

    assert run("retry", str(email_id)).exit_code == 0
    queued = json.loads(run("status", str(email_id), "--json").stdout)
    assert queued["processing_status"] == "queued" and queued["not_in_queue"] is None
    assert "not yet queued" not in run("status", str(email_id)).output


def test_the_database_lost_in_the_middle_of_reprocess_names_the_resume_of_that_operation(
    cli_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trial: PostgreSQL stopped while `reprocess` re-queued its batches, and the one line
    said "run the command again" (a new selection, a second operation). It names
    `creditctl reprocess --resume OP`, and that command finishes the same operation once the
    database is back. On PostgreSQL the server is really stopped between two batches; on
    SQLite the same point raises the driver's OperationalError."""
    import sqlalchemy.exc

    from tests import realservices

    finished = [_store_unqueued(cli_env, age_s=60 + i) for i in range(5)]
    with session_scope(cli_env.ctx.db_url) as s:
        s.execute(Email.__table__.update().values(processing_status="completed"))
    monkeypatch.setattr(operations, "REPROCESS_BATCH", 2)
    real_take = operations._take_batch
    calls: list[int] = []
    stopped: list[bool] = []

    def take_then_lose_the_database(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:  # the first batch is re-queued; the database goes before the second
            if cli_env.backend == "pg":
                realservices.stop_postgres()
                stopped.append(True)
            else:
                import sqlite3

                raise sqlalchemy.exc.OperationalError("UPDATE emails", {}, sqlite3.OperationalError("disk I/O error"))
        return real_take(*args, **kwargs)

    monkeypatch.setattr(operations, "_take_batch", take_then_lose_the_database)
    try:
        lost = run("reprocess", "--since", "1h", "--yes", "--no-wait")
    finally:
        if stopped:
            realservices.start_postgres()
    monkeypatch.setattr(operations, "_take_batch", real_take)

    assert lost.exit_code == 1, lost.output
    assert "Traceback" not in lost.output
    lines = _lines(lost.output)
    said = lines[-1]
    found = re.search(r"operation (\d+) stopped after enqueuing 2 of 5", said)
    assert found, lost.output
    op = int(found.group(1))
    assert f"`creditctl reprocess --resume {op} --yes`" in said, said
    assert "the database" in said and "run the command again" not in said, said
    assert len([line for line in lines if line.startswith("error:")]) == 1, lost.output

    resumed = run("reprocess", "--resume", str(op), "--yes", "--no-wait")
    assert resumed.exit_code == 0, resumed.output
    assert f"operation {op}: 2 of the 5 email(s) it selected already re-queued, 3 remain" in resumed.output
    assert f"operation {op}: enqueued 3 of 3" in resumed.output
    with session_scope(cli_env.ctx.db_url) as s:
        taken = {e.id: (e.operation_id, e.runs) for e in s.query(Email)}
    assert [taken[i][0] for i in finished] == [op] * 5  # the same operation, each email once
    assert {taken[i][1] for i in finished} == {2}  # one new run each: none taken twice


def test_with_the_queue_down_status_id_and_reprocess_say_it_in_one_line_and_exit_1(cli_env: Env) -> None:
    """The operator trial with Redis stopped: `status ID` of a finished email said nothing of
    the outage (exit 0), and `reprocess --yes` printed "will be re-queued" before its error."""
    email_id = _store_unqueued(cli_env, age_s=60)
    with session_scope(cli_env.ctx.db_url) as s:
        s.execute(Email.__table__.update().values(processing_status="completed"))

    shown = run("status", str(email_id), queue_down=True)
    assert shown.exit_code == 1, shown.output
    errors = [line for line in _lines(shown.output) if line.startswith("error:")]
    assert len(errors) == 1 and "queue unreachable" in errors[0], shown.output
    assert "stored, not yet queued" not in _flat(shown.output)  # finished: nothing waits for the queue

    again = run("reprocess", "--since", "1h", "--yes", "--no-wait", queue_down=True)
    assert again.exit_code == 1, again.output
    assert len(_lines(again.output)) == 1, again.output
    assert "enqueued only 0 of 1 (queue unreachable)" in again.output and "--resume" in again.output
    assert "will be re-queued" not in again.output


def test_quarantine_replay_and_ingest_in_a_queue_outage_say_stored_but_not_queued_alike(
    cli_env: Env, tmp_path: Path
) -> None:
    """One owner of "stored but not queued" (``intake.enqueue_stored``): ``quarantine replay``
    during a queue outage says it as ``ingest`` does, and exits 1 too."""
    from creditctl.exceptions import InvalidPayload
    from creditctl.services import quarantine

    with pytest.raises(InvalidPayload):
        intake.receive_webhook(
            cli_env.ctx, raw_body=b'{"ticket_id": "5", "body_text": "cut', headers={}, verify_signature=False
        )
    (row,) = quarantine.list_rows(cli_env.ctx, status="waiting", limit=5)
    fixed = tmp_path / "fixed.json"
    fixed.write_bytes(payload(ticket_id="5", comment_id="q1"))
    mail = tmp_path / "mail.json"
    mail.write_bytes(payload(ticket_id="6", comment_id="i1"))

    replayed = run("quarantine", "replay", str(row["id"]), "--file", str(fixed), queue_down=True)
    ingested = run("ingest", str(mail), queue_down=True)

    for done in (replayed, ingested):
        assert done.exit_code == 1, done.output
        assert re.search(r"stored as email \d+, but the queue is unreachable", done.output), done.output
        assert "replayed as email" not in done.output
    (after,) = quarantine.list_rows(cli_env.ctx, status="replayed", limit=5)
    assert after["email_id"] is not None  # stored and linked: the sweep enqueues it later


def test_reprocess_names_the_range_its_since_resolved_to_with_the_zone(cli_env: Env) -> None:
    """`reprocess --since 12/08/2026` prints the time it resolved (day first, office zone) before
    anything is asked or done."""
    done = run("reprocess", "--since", "12/08/2026", "--until", "13.08.2026")
    said = " ".join(done.output.split())
    assert done.exit_code == 0, done.output
    assert "received from 2026-08-12 00:00:00.000 CEST to 2026-08-13 00:00:00.000 CEST" in said, said


def test_tail_f_started_during_a_database_outage_waits_and_retries_in_one_line(tmp_path: Path) -> None:
    """README: tail -f rides out outages — also one under way when it starts: one line says
    so and it keeps retrying (no exit 1); without -f the command still exits 1 at once."""
    import subprocess
    import sys
    import time

    with socket.socket() as s:  # a free port: nothing answers there once it is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update(CREDITCTL_HOME=str(tmp_path), CREDITCTL_DATABASE_URL=f"postgresql+psycopg://u:p@127.0.0.1:{port}/x")
    command = [sys.executable, "-m", "creditctl", "tail"]
    once = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert once.returncode == 1 and "database is unreachable" in once.stderr
    errors = tmp_path / "tail.err"
    with errors.open("w") as sink:
        follow = subprocess.Popen([*command, "-f"], env=env, stdout=subprocess.DEVNULL, stderr=sink)
        try:
            time.sleep(4)
            assert follow.poll() is None, errors.read_text()  # still waiting, not exit 1
        finally:
            follow.terminate()
            follow.wait(timeout=20)
    lines = _lines(errors.read_text())
    assert len(lines) == 1 and "tail keeps retrying" in lines[0] and "database is unreachable" in lines[0], lines
