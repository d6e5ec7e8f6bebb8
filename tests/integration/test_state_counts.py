"""``email_state_counts`` (migration 0006_counts) is exactly what counting ``emails``
gives, whatever writes the rows — the intake, a state move, an operator's raw SQL, a
delete — from several connections at once, and after its rows are compacted. On the real
PostgreSQL of scripts/test (the triggers exist only there)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
import sqlalchemy as sa

from creditctl.db import dispose_engines, get_engine, session_scope
from creditctl.migrate import upgrade
from creditctl.services import counts
from tests import realservices

COLUMNS = ("n", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens")


@pytest.fixture()
def pg():
    realservices.require_pg()
    url = realservices.fresh_pg_database("counts")
    upgrade(url)
    yield url
    dispose_engines()
    realservices.drop_pg_database(url)


def _insert(conn, i: int, status: str = "received") -> None:
    conn.execute(
        sa.text(
            "INSERT INTO emails (ticket_id, dedupe_key, from_email, from_name, subject, raw_payload, headers, source, "
            "processing_status, match_status, mirror_status, attempts, priority, received_at, updated_at, input_tokens, "
            "output_tokens, cache_read_tokens, cache_write_tokens, runs, run_base) VALUES ('t', :key, '', '', '', "
            "'\\x00', '{}', 'webhook', :status, 'pending', 'not_needed', 0, 10, now(), now(), 0, 0, 0, 0, 1, 0)"
        ),
        {"key": f"k{i}", "status": status},
    )


def _truth(url: str) -> Counter:
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT processing_status, match_status, coalesce(decided_by = 'person', false), count(*), "
                "sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens) FROM emails "
                "GROUP BY 1, 2, 3"
            )
        ).all()
    return Counter({(r[0], r[1], r[2], c): int(v) for r in rows for c, v in zip(COLUMNS, r[3:], strict=True) if v})


def _kept(url: str) -> Counter:
    with session_scope(url) as session:
        rows = counts.state_counts(session)
    return Counter(
        {
            (r.processing_status, r.match_status, r.by_person, c): getattr(r, c)
            for r in rows
            for c in COLUMNS
            if getattr(r, c)
        }
    )


def test_counts_follow_inserts_moves_tokens_decisions_and_deletes(pg):
    engine = get_engine(pg)
    with engine.begin() as conn:
        for i in range(20):
            _insert(conn, i)
    assert _kept(pg) == _truth(pg) and _kept(pg)[("received", "pending", False, "n")] == 20
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE emails SET processing_status = 'queued' WHERE id % 2 = 0"))
        conn.execute(
            sa.text(
                "UPDATE emails SET processing_status = 'completed', match_status = 'auto_matched', "
                "input_tokens = 1500, output_tokens = 300 WHERE id % 3 = 0"
            )
        )
        conn.execute(sa.text("UPDATE emails SET decided_by = 'person', match_status = 'no_match' WHERE id % 5 = 0"))
        conn.execute(sa.text("UPDATE emails SET subject = 'unwatched column' WHERE id % 7 = 0"))
        conn.execute(sa.text("DELETE FROM emails WHERE id % 4 = 0"))
    assert _kept(pg) == _truth(pg)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE emails SET input_tokens = input_tokens + 7"))
    assert _kept(pg) == _truth(pg)


def test_concurrent_writers_and_compaction_keep_the_exact_count(pg):
    engine = get_engine(pg)
    with engine.begin() as conn:
        _insert(conn, 0)

    def writer(w: int) -> None:
        for j in range(15):
            with engine.begin() as conn:
                _insert(conn, 1000 * (w + 1) + j, status="queued")
                conn.execute(
                    sa.text(
                        "UPDATE emails SET processing_status = 'processing' WHERE id = "
                        "(SELECT min(id) FROM emails WHERE processing_status = 'queued')"
                    )
                )

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _kept(pg) == _truth(pg)
    with engine.connect() as conn:
        slots_before = conn.execute(sa.text("SELECT count(DISTINCT slot) FROM email_state_counts")).scalar_one()
    assert slots_before > 1  # the writers' own slots
    dispose_engines()  # their backends end: their rows may be folded into slot 0
    with session_scope(pg) as session:
        counts.compact(session)
    assert _kept(pg) == _truth(pg)
    with get_engine(pg).connect() as conn:
        live = set(conn.execute(sa.text("SELECT pid FROM pg_stat_activity")).scalars())
        slots = set(conn.execute(sa.text("SELECT DISTINCT slot FROM email_state_counts")).scalars())
    assert slots <= live | {0}
