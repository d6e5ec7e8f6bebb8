"""The live path's operator truths against real PostgreSQL + Redis (scripts/test), through the CLI
and HTTP as an operator would. The outages stop and start the real servers.

    bash scripts/test tests/integration/test_live_outages.py -q -p no:cacheprovider
"""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from creditctl.signature import sign
from tests import realservices
from tests.helpers import SECRET, signed_headers
from tests.prodstack import TEMPLATES, Stack, email_body, opened_stack, unique_tag, wait_for

pytestmark = [pytest.mark.pg, pytest.mark.slow]

TERMINAL = ("completed", "not_creditor_reply", "failed")


def cli(stack: Stack, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "creditctl", *args],
        env=stack.env(**env),
        cwd=stack.tmp,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def post(stack: Stack, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(
        f"{stack.base_url}/webhooks/zendesk", content=body, headers=headers or signed_headers(body), timeout=30
    )


@pytest.fixture
def stack(tmp_path):
    settings = {
        "CREDITCTL_LEASE_SECONDS": "120",
        "CREDITCTL_SWEEP_INTERVAL": "600",
        "CREDITCTL_STUCK_GRACE_SECONDS": "600",
    }
    with opened_stack(
        tmp_path, settings=settings, restart=(realservices.start_postgres, realservices.start_redis)
    ) as s:
        yield s


def _one_line_no_traceback(done: subprocess.CompletedProcess[str], what: str) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and what in lines[0], done.stderr


# point 2 -----------------------------------------------------------------------------


def test_tail_follow_says_once_what_it_does_in_an_outage_and_resumes_without_loss_or_repeat(stack):
    """``tail -f`` while PostgreSQL stops: one line saying what happened and what tail does
    now (it keeps retrying, resumes where it stopped) — never "run the command again" beside
    "still following" —, then every event exactly once, those before and after the outage."""
    import threading

    server = stack.start_server()
    first = post(stack, email_body(TEMPLATES[0], unique_tag("t", 0))).json()["email_id"]
    follower = subprocess.Popen(
        [sys.executable, "-m", "creditctl", "tail", "-f", "--json", "--limit", "1000"],
        env=stack.env(),
        cwd=stack.tmp,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    printed: list[dict] = []
    errors: list[str] = []
    readers = [
        threading.Thread(target=lambda: printed.extend(json.loads(line) for line in follower.stdout), daemon=True),
        threading.Thread(target=lambda: errors.extend(follower.stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()

    def printed_ids() -> list[int]:
        return [int(e["id"]) for e in list(printed)]

    try:
        wait_for(lambda: any(e.get("email_id") == first for e in list(printed)), 60, "tail printed", server)
        realservices.stop_postgres()
        try:
            wait_for(lambda: any("tail keeps retrying" in line for line in errors), 30, "the outage line", server)
            time.sleep(4)  # several retries: still one line
            assert follower.poll() is None, errors
            outage = [line for line in errors if line.strip()]
            assert len(outage) == 1, outage
            line = outage[0]
            assert line.startswith("tail: the database is unreachable (postgresql://"), line
            assert "tail keeps retrying and resumes where it stopped once it answers" in line, line
            assert "run the command again" not in line and "still following" not in line, line
        finally:
            realservices.start_postgres()
        second = post(stack, email_body(TEMPLATES[1], unique_tag("t", 1))).json()["email_id"]
        wait_for(lambda: any(e.get("email_id") == second for e in list(printed)), 60, "tail resumed", server)
        wait_for(
            lambda: set(printed_ids()) >= {r[0] for r in stack.sql("SELECT id FROM events")}, 30, "caught up", server
        )
    finally:
        follower.send_signal(signal.SIGINT)
        try:
            follower.wait(timeout=20)
        except subprocess.TimeoutExpired:
            follower.kill()
            follower.wait()
        for reader in readers:
            reader.join(timeout=5)
    ids = printed_ids()
    assert len(ids) == len(set(ids)), "an event printed twice"
    assert set(ids) == {r[0] for r in stack.sql("SELECT id FROM events")}, "an event lost"
    said = [line.strip() for line in errors if line.strip()]
    assert len(said) == 2 and "the database answers again after" in said[1], said
    assert said[1].endswith("resumed where it stopped") and not any("Traceback" in line for line in said), said


def test_outages_one_line_health_json_tail_follows_worker_logs_once(stack):
    server = stack.start_server()
    body = email_body(TEMPLATES[0], unique_tag("o", 0))
    first = post(stack, body).json()["email_id"]

    follower = subprocess.Popen(
        [sys.executable, "-m", "creditctl", "tail", "-f", "--json", "--limit", "1"],
        env=stack.env(),
        cwd=stack.tmp,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # tail has printed its backlog (the first email's event) and follows: wait for that
        # line rather than a fixed time
        assert follower.stdout is not None
        ready, _, _ = select.select([follower.stdout], [], [], 60)
        assert ready, "tail printed no backlog within 60 s"
        assert isinstance(json.loads(follower.stdout.readline()), dict), "tail's backlog line is not an event"
        realservices.stop_postgres()
        try:
            health = cli(stack, "health", "--json")
            assert health.returncode == 1, health.stderr[-2000:]
            doc = json.loads(health.stdout)
            assert doc["ready"] is False and doc["checks"]["database"].startswith("unreachable"), doc
            assert "Traceback" not in health.stderr
            _one_line_no_traceback(cli(stack, "status"), "the database is unreachable")
            _one_line_no_traceback(cli(stack, "status", "--json"), "CREDITCTL_DATABASE_URL")
            debug = cli(stack, "--debug", "status")
            assert debug.returncode == 1 and "Traceback" in debug.stderr
            time.sleep(3)
        finally:
            realservices.start_postgres()
        assert follower.poll() is None, follower.stderr.read() if follower.stderr else ""
        second = post(stack, email_body(TEMPLATES[1], unique_tag("o", 1))).json()["email_id"]
        deadline = time.monotonic() + 60
        seen: list[dict] = []
        assert follower.stdout is not None
        while time.monotonic() < deadline and not any(e.get("email_id") == second for e in seen):
            line = follower.stdout.readline()
            if line.strip():
                seen.append(json.loads(line))
        assert any(e.get("email_id") == second for e in seen), seen
    finally:
        follower.send_signal(signal.SIGINT)
        try:
            _out, err = follower.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            follower.kill()
            _out, err = follower.communicate()
    assert err.count("tail keeps retrying and resumes where it stopped") == 1, err
    assert "answers again after" in err and "Traceback" not in err, err
    assert first != second

    # a Redis outage under a running worker: logged once at its start, once at its end
    worker = stack.start_worker(threads=2, CREDITCTL_LOG_LEVEL="INFO")
    wait_for(lambda: stack.scalar("SELECT count(*) FROM workers") >= 1, 60, "worker up", worker)
    wait_for(lambda: all(stack.status_of(i) in TERMINAL for i in (first, second)), 60, "backlog done", worker)
    realservices.stop_redis()
    try:
        time.sleep(6)
    finally:
        realservices.start_redis()
    wait_for(lambda: "queue_outage_over" in worker.tail(200_000), 30, "outage end logged", worker)
    log = worker.tail(500_000)
    assert log.count('"queue_outage"') + log.count(" queue_outage ") == 1, log[-5000:]
    assert "Traceback" not in log, log[-5000:]
    third = post(stack, email_body(TEMPLATES[2], unique_tag("o", 2))).json()["email_id"]
    wait_for(lambda: stack.status_of(third) in TERMINAL, 30, "processed after the outage", server, worker)


# point 3 -----------------------------------------------------------------------------


def test_true_reports_retry_reprocess_and_health(stack):
    server = stack.start_server()
    worker = stack.start_worker(threads=2)
    wait_for(lambda: stack.scalar("SELECT count(*) FROM workers") >= 1, 60, "worker up", worker)
    done = [post(stack, email_body(TEMPLATES[i], unique_tag("r", i))).json()["email_id"] for i in range(2)]
    wait_for(lambda: all(stack.status_of(i) in TERMINAL for i in done), 60, "processed", worker)
    attempts_before = {i: stack.scalar("SELECT attempts FROM emails WHERE id = :i", i=i) for i in done}

    realservices.stop_redis()
    try:
        stranded = post(stack, email_body(TEMPLATES[3], unique_tag("r", 3)))
        assert stranded.status_code == 200  # the row is durable; the queue is down
        stranded_id = stranded.json()["email_id"]
        assert stack.status_of(stranded_id) == "received"
        # the sweep cannot help now: `reprocess --stuck` says so in one line naming what waits,
        # `status` promises nothing before the queue answers (the row is younger than the grace)
        stuck = cli(stack, "reprocess", "--stuck")
        _one_line_no_traceback(stuck, "queue unreachable")
        assert f"#{stranded_id}" in stuck.stderr and "nothing stuck" not in stuck.stdout + stuck.stderr
        overview = cli(stack, "status")
        assert overview.returncode == 1 and f"(#{stranded_id}); queue down: re-enqueued within" in overview.stdout
        refused = cli(stack, "reprocess", "--ids", str(done[0]), str(done[1]), "--yes", "--no-wait")
        assert refused.returncode == 1 and "--resume" in refused.stderr, refused.stderr[-2000:]
        op = stack.sql("SELECT id, enqueued, status FROM operations WHERE kind = 'reprocess'")
        assert [(r[1], r[2]) for r in op] == [(0, "partial")]
        assert {stack.status_of(i) for i in done} <= set(TERMINAL)  # put back as they were
        pushed = cli(stack, "retry", str(stranded_id), "--yes")
        assert pushed.returncode == 1, pushed.stderr
        assert "error: queue unreachable: pushed none of 1 email(s)" in pushed.stderr, pushed.stderr
        story = json.loads(cli(stack, "status", str(stranded_id), "--json").stdout)
        assert story["times"]["queued"] is None  # no message was ever written
    finally:
        realservices.start_redis()
    # the worker sweeps as soon as the queue answers: the never-enqueued email is pushed
    # without anyone's `retry` and long before the 600 s grace
    wait_for(lambda: stack.status_of(stranded_id) in TERMINAL, 30, "pushed when the queue answered", worker)
    resumed = cli(stack, "reprocess", "--resume", str(op[0][0]), "--yes", "--no-wait")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    wait_for(
        lambda: (
            all(stack.status_of(i) in TERMINAL for i in [*done, stranded_id])
            and stack.scalar("SELECT min(runs) FROM emails WHERE id = ANY(:ids)", ids=done) == 2
        ),
        60,
        "reprocessed and pushed",
        server,
        worker,
    )
    for i in done:  # attempts keep counting across runs
        assert stack.scalar("SELECT attempts FROM emails WHERE id = :i", i=i) == attempts_before[i] + 1
    again = cli(stack, "retry", str(done[0]), "--yes")
    assert again.returncode == 1 and "reprocess --ids" in again.stderr

    # health: fails with reasons (text and JSON) for each condition
    healthy = cli(stack, "health", "--json")
    assert healthy.returncode == 0, healthy.stdout
    with stack._engine.begin() as conn:  # noqa: SLF001 - test set-up of conditions
        import sqlalchemy as sa

        old = datetime.now(UTC) - timedelta(seconds=300)  # past the health threshold, not the sweep's grace
        conn.execute(
            sa.text(
                "UPDATE emails SET processing_status = 'processing', lease_owner = 'ghost:1', "
                "lease_expires_at = :t WHERE id = :i"
            ),
            {"t": datetime.now(UTC) + timedelta(hours=1), "i": done[0]},
        )
        conn.execute(
            sa.text("UPDATE emails SET processing_status = 'queued', queued_at = :t, received_at = :t WHERE id = :i"),
            {"t": old, "i": done[1]},
        )
        conn.execute(
            sa.text("UPDATE emails SET processing_status = 'failed', finished_at = now() WHERE id = :i"),
            {"i": stranded_id},
        )
    bad = httpx.post(
        f"{stack.base_url}/webhooks/zendesk",
        content=b'{"ticket_id": "1", "body_text": "a"b"}',
        headers=signed_headers(b'{"ticket_id": "1", "body_text": "a"b"}'),
        timeout=30,
    )
    assert bad.status_code == 400
    limits = {"CREDITCTL_HEALTH_WAITING_SECONDS": "60", "CREDITCTL_HEALTH_OLDEST_UNFINISHED_SECONDS": "120"}
    report = cli(stack, "health", "--json", **limits)
    assert report.returncode == 1
    checks = json.loads(report.stdout)["checks"]
    assert "ghost:1" in checks["dead_leases"], checks
    assert str(done[1]) in checks["waiting"], checks
    assert checks["failed_last_hour"] != "ok" and checks["quarantine"] != "ok", checks
    assert checks["oldest_unfinished"] != "ok", checks
    text = cli(stack, "health", **limits)
    assert text.returncode == 1 and "ghost:1" in text.stdout and "quarantine" in text.stdout


# points 4–7 --------------------------------------------------------------------------


def _doc(i: int, **fields: str) -> bytes:
    doc = json.loads(email_body(TEMPLATES[i % len(TEMPLATES)], unique_tag("w", i)))
    doc.update(fields)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_webhook_edges_quarantine_clock_filters_labels(stack):
    server = stack.start_server()

    # placeholders count as absent: two different replies are two emails
    a = post(stack, _doc(0, comment_id="{{ticket.latest_comment.id}}"))
    b = post(stack, _doc(1, comment_id="{{ticket.latest_comment.id}}", ticket_id="81234"))
    assert a.json()["status"] == b.json()["status"] == "accepted", (a.text, b.text)
    # the same reply again on its ticket under another comment id: a duplicate, and status says why
    same = json.loads(_doc(2))
    first = post(stack, json.dumps(same).encode()).json()
    same.update(comment_id="c-other")
    again = post(stack, json.dumps(same).encode()).json()
    assert again == {"status": "duplicate", "email_id": first["email_id"]}
    # the same text on another ticket is another client's reply (a form letter): stored, never swallowed
    same.update(ticket_id="99999", comment_id="c-third")
    other = post(stack, json.dumps(same).encode()).json()
    assert other["status"] == "accepted" and other["email_id"] != first["email_id"], other
    story = json.loads(cli(stack, "status", str(first["email_id"]), "--json").stdout)
    assert any(e["kind"] == "duplicate" and "content key" in e["message"] for e in story["events"]), story["events"]

    # signature timestamps: not a time, or two days old → 401 with the reason
    body = _doc(3)
    for stamp in ("yesterday-ish", (datetime.now(UTC) - timedelta(days=2, minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")):
        headers = {
            "Content-Type": "application/json",
            "X-Zendesk-Webhook-Signature": sign(SECRET, stamp, body),
            "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        }
        refused = post(stack, body, headers)
        assert refused.status_code == 401 and "timestamp" in refused.json()["detail"], refused.text

    # a body that is not JSON: 400, kept, alerted, listed, replayed
    broken = b'{"ticket_id": "81234", "comment_id": "q1", "body_text": "Saldo "offen" 10,00 EUR"}'
    assert post(stack, broken).status_code == 400
    rows = json.loads(cli(stack, "quarantine", "list", "--json").stdout)
    assert len(rows) == 1 and rows[0]["status"] == "waiting"
    qid = rows[0]["id"]
    shown = json.loads(cli(stack, "quarantine", "show", str(qid), "--json").stdout)
    assert shown["raw_body"] == broken.decode() and "not JSON" in shown["reason"]
    assert stack.scalar("SELECT count(*) FROM outbox WHERE dedupe_key = :k", k=f"quarantine:{qid}") == 1
    assert json.loads(cli(stack, "status", "--json").stdout)["quarantined"] == 1
    assert httpx.get(f"{stack.base_url}/readyz", timeout=10).json()["quarantined"] == 1
    fixed = stack.tmp / "fixed.json"
    fixed.write_text(
        json.dumps(
            {
                "ticket_id": "81234",
                "comment_id": "q1",
                "from_email": "x@example.org",
                "body_text": 'Saldo "offen" 10,00 EUR',
            }
        )
    )
    replayed = cli(stack, "quarantine", "replay", str(qid), "--file", str(fixed), "--json")
    assert replayed.returncode == 0, replayed.stderr
    assert json.loads(replayed.stdout)["status"] == "accepted"
    assert cli(stack, "quarantine", "replay", str(qid), "--file", str(fixed)).returncode == 1  # already replayed
    assert json.loads(cli(stack, "status", "--json").stdout)["quarantined"] == 0

    # one clock: printed times carry their zone; --utc switches output and WHEN
    local = cli(stack, "tail", "--limit", "3")
    assert local.returncode == 0 and ("CET" in local.stdout or "CEST" in local.stdout), local.stdout
    utc = cli(stack, "--utc", "tail", "--limit", "3", "--since", datetime.now(UTC).strftime("%Y-%m-%d"))
    assert utc.returncode == 0 and " UTC " in utc.stdout, utc.stdout
    utc_lines = json.loads(cli(stack, "--utc", "tail", "--json", "--limit", "1").stdout)
    assert utc_lines["at"].endswith("+00:00")

    # filters that hold
    limited = cli(stack, "tail", "--since", "10m", "--limit", "5", "--json")
    assert limited.returncode == 0 and len(limited.stdout.splitlines()) == 5
    for bad_args, valid in (
        (["--level", "verbose"], "warning"),
        (["--status", "nosuch"], "completed"),
        (["--match-status", "maybe"], "needs_review"),
    ):
        bad = cli(stack, "tail", *bad_args)
        assert bad.returncode == 2 and valid in bad.stderr, bad.stderr
    worker = stack.start_worker(threads=2)
    wait_for(lambda: stack.unfinished() == 0, 60, "processed", server, worker)
    matched = cli(stack, "tail", "--match-status", "auto_matched", "--json", "--limit", "100")
    ids = {json.loads(line)["email_id"] for line in matched.stdout.splitlines()}
    expected = {r[0] for r in stack.sql("SELECT id FROM emails WHERE match_status = 'auto_matched'")}
    assert ids and ids == expected

    # a person's decision is visible as such
    waiting = stack.scalar(
        "SELECT min(id) FROM emails WHERE processing_status = 'completed' AND "
        "match_status IN ('needs_review', 'no_match') AND review_note IS NULL"
    )
    assert waiting is not None  # the sample set has an email that waits for review (05_name_only_similar_clients)
    rejected = cli(stack, "review", "reject", str(waiting), "--reason", "not this client")
    assert rejected.returncode == 0, rejected.stderr
    assert json.loads(cli(stack, "status", str(waiting), "--json").stdout)["decided_by"] == "person"
    overview = json.loads(cli(stack, "status", "--json").stdout)
    assert overview["decided_by_person"]["rejected"] == 1
    listed = json.loads(cli(stack, "review", "list", "--json").stdout)
    # the rejected email is no longer waiting: status and review list count the same
    assert overview["waiting_for_review"] == len(listed if isinstance(listed, list) else listed["items"])

    # labels: --ids 3 4 and 3,4; attempts keep counting; serve on a busy port
    done = [
        r[0]
        for r in stack.sql(
            "SELECT id FROM emails WHERE processing_status IN ('completed', "
            "'not_creditor_reply') AND id <> :w ORDER BY id LIMIT 2",
            w=waiting,
        )
    ]
    assert len(done) == 2
    spaced = cli(stack, "reprocess", "--ids", *map(str, done), "--yes", "--no-wait")
    assert spaced.returncode == 0 and "enqueued 2 of 2" in spaced.stderr, spaced.stderr
    wait_for(
        lambda: (
            stack.scalar(
                "SELECT count(*) FROM emails WHERE runs = 2 AND processing_status IN "
                "('completed', 'not_creditor_reply', 'failed')"
            )
            == 2
        ),
        60,
        "run 2",
        worker,
    )
    commas = cli(stack, "reprocess", "--ids", ",".join(map(str, done)), "--yes", "--no-wait")
    assert commas.returncode == 0 and "enqueued 2 of 2" in commas.stderr, commas.stderr
    wait_for(
        lambda: (
            stack.scalar(
                "SELECT count(*) FROM emails WHERE runs = 3 AND attempts = 3 AND "
                "processing_status IN ('completed', 'not_creditor_reply', 'failed')"
            )
            == 2
        ),
        60,
        "run 3, attempt 3",
        worker,
    )
    busy = cli(stack, "serve", "--port", str(stack.port))
    assert busy.returncode == 1 and "serving on" not in busy.stderr and "cannot listen" in busy.stderr


# point 6: listings read only what they print -----------------------------------------


def _plan_rows(node: dict) -> list[tuple[str, int]]:
    """(node type + relation, actual rows) for every node of an EXPLAIN ANALYZE plan."""
    out = [(f"{node['Node Type']} {node.get('Relation Name', '')}".strip(), int(node.get("Actual Rows", 0)))]
    for child in node.get("Plans", []):
        out += _plan_rows(child)
    return out


def test_tail_reads_only_what_it_prints_with_100k_events(stack):
    import sqlalchemy as sa

    from creditctl import dbapi
    from creditctl.services.stream import events_sql

    with stack._engine.begin() as conn:  # noqa: SLF001 - test data: 10^5 events on 100 emails
        conn.execute(
            sa.text(
                "INSERT INTO emails (ticket_id, dedupe_key, from_email, from_name, subject, raw_payload, headers, source,"
                " processing_status, match_status, mirror_status, attempts, priority, received_at, updated_at, "
                " input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, runs, run_base) "
                "SELECT 't' || g, 'k' || g, 'x@example.org', 'X', '', ''::bytea, '{}', 'webhook', 'completed', "
                "CASE WHEN g % 10 = 0 THEN 'needs_review' ELSE 'auto_matched' END, 'not_needed', 1, 10, now(), now(),"
                " 0, 0, 0, 0, 1, 0 FROM generate_series(1, 100) g"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO events (email_id, at, kind, level, from_status, to_status, message) "
                "SELECT (SELECT min(id) FROM emails) + g % 100, now() - (g || ' seconds')::interval, 'transition', "
                "CASE WHEN g % 50 = 0 THEN 'warning' ELSE 'info' END, 'parsed', 'extracted', 'm' || g "
                "FROM generate_series(1, 100000) g"
            )
        )
        conn.execute(sa.text("ANALYZE"))
    email_id = stack.scalar("SELECT min(id) FROM emails")
    cases = [
        dict(),
        dict(email_id=email_id),
        dict(status="extracted"),
        dict(match_state="needs_review"),
        dict(level="warning"),
    ]
    for filters in cases:
        args = dict(since=None, email_id=None, status=None, creditor=None, level=None, match_state=None)
        args.update(filters)
        sql, params = events_sql("postgresql", limit=20, **args)  # what tail runs (services/stream.py)
        with dbapi.reading(stack.db_url) as db:
            plan = db.scalar(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        nodes = _plan_rows(plan[0]["Plan"])
        read = max(rows for name, rows in nodes if name.endswith("events"))
        # the newest 20 matching rows, never the table: bounded by what a filter's selectivity needs
        assert read <= 20 * 50, (filters, nodes)
    shown = cli(stack, "tail", "--limit", "7", "--json")
    assert shown.returncode == 0 and len(shown.stdout.splitlines()) == 7


# point 6: /metrics costs the same whatever the history ------------------------------


def _events_read(stack: Stack) -> int:
    from creditctl.db import dispose_engines

    dispose_engines()  # the scrape's backends exit: PostgreSQL flushes their table statistics
    time.sleep(1.0)
    return stack.scalar(
        "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) "
        "FROM pg_stat_user_tables WHERE relname = 'events'"
    )


def test_metrics_scrape_reads_only_events_after_the_rollup_with_100k_events(stack, tmp_path):
    import sqlalchemy as sa

    from creditctl.metrics import Metrics
    from creditctl.services.context import AppContext
    from creditctl.settings import load_settings

    with stack._engine.begin() as conn:  # noqa: SLF001 - test data: 10^5 events, two hours old
        conn.execute(
            sa.text(
                "INSERT INTO events (email_id, at, kind, level, to_status, message, duration_ms, error_class) "
                "SELECT NULL, now() - interval '2 hours', "
                "CASE g % 4 WHEN 0 THEN 'attempt' WHEN 1 THEN 'transition' WHEN 2 THEN 'llm_call' ELSE 'webhook' END, "
                "'info', CASE g % 8 WHEN 1 THEN 'failed' WHEN 5 THEN 'extracted' ELSE NULL END, 'm', "
                "CASE WHEN g % 4 IN (0, 1) THEN (g % 3000)::numeric ELSE NULL END, "
                "CASE WHEN g % 12 = 0 THEN 'anthropic.RateLimitError' ELSE NULL END "
                "FROM generate_series(1, 100000) g"
            )
        )
        conn.execute(sa.text("ANALYZE events"))
    ctx = AppContext(settings=load_settings(database_url=stack.db_url, home=tmp_path / "m"))
    metrics = Metrics(ctx)

    def scrape() -> dict[str, float]:
        text = metrics.render()[0].decode()
        return {
            line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("creditctl_")
            and "webhook_requests" not in line
            and "_created" not in line
            and "oldest_unfinished" not in line
        }

    start = _events_read(stack)
    first = scrape()  # folds the history into metric_rollups once
    assert _events_read(stack) - start >= 100000  # the instrument sees reads (the bound below can fail)
    assert first['creditctl_attempts_total{outcome="failed"}'] == 100000 // 12
    assert first['creditctl_llm_calls_total{outcome="ok"}'] == 25000
    assert first["creditctl_permanent_failures_total"] == 12500
    before = _events_read(stack)
    second = scrape()
    read = _events_read(stack) - before
    assert second == first
    assert read < 1000, f"a scrape read {read} event rows with 10^5 in the table"
    with stack._engine.begin() as conn:  # noqa: SLF001 - one new event is counted at once
        conn.execute(sa.text("INSERT INTO events (at, kind, level, message) VALUES (now(), 'llm_call', 'info', 'x')"))
    assert scrape()['creditctl_llm_calls_total{outcome="ok"}'] == 25001
