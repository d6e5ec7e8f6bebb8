"""Backfill: selection, resume, and the dry run (exact diff, writes nothing) on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from creditctl import db
from creditctl.db import session_scope
from creditctl.exceptions import NotFoundError, UsageError
from creditctl.migrate import upgrade
from creditctl.models import Base, Claim, Email, Operation
from creditctl.pipeline.extraction.model import Amounts, Evidence, ExtractionInput, ExtractionResult, ReplyKind
from creditctl.services import backfill, reading
from creditctl.services.backfill import Selection
from creditctl.services.clients import import_clients
from creditctl.services.context import AppContext
from creditctl.services.decide import evaluate, match_document
from creditctl.settings import load_settings
from tests.realservices import drop_pg_database, fresh_pg_database, pg_url

# SQLite always; PostgreSQL too when scripts/test started one (required under CI=true)
BACKENDS = ["sqlite"] + (["postgresql"] if pg_url() else [])

LINDNER_SENDER = "forderungsmanagement@rheinpfalz-inkasso.example"
TELEKOM_SENDER = "inkasso@telekom.example"
CLIENTS = [
    {
        "file_number": "BÖ-2024-0173",
        "name": "Tamara Reinholz",
        "date_of_birth": "1985-04-02",
        "claims": [
            {
                "creditor_name": "Modehaus Lindner KG",
                "agent_name": "Rheinpfalz Inkasso GmbH",
                "creditor_emails": [LINDNER_SENDER],
                "creditor_reference": "RPI-7712-4408-19",
                "amount": "900.00",
                "currency": "EUR",
            }
        ],
    },
    {
        "file_number": "BÖ-2024-0200",
        "name": "Jonas Weber",
        "date_of_birth": "1979-10-11",
        "claims": [
            {
                "creditor_name": "Telekom Deutschland GmbH",
                "creditor_emails": [TELEKOM_SENDER],
                "creditor_reference": "TK-55-901",
                "amount": "80.00",
                "currency": "EUR",
            }
        ],
    },
]


class LineExtractor:
    """A deterministic extractor: reads ``Key: value`` lines of the reply, cites them as evidence.

    ``Boom: …`` raises, to stand for an extractor failing on one email.
    """

    name = "fake"
    reconciles_attachments = False

    def extract(self, email: ExtractionInput) -> ExtractionResult:
        lines: dict[str, tuple[str, str]] = {}
        for line in email.reply_text.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                lines[key.strip().casefold()] = (line.strip(), value.strip())
        if "boom" in lines:
            raise RuntimeError("extractor exploded on purpose")
        kind = ReplyKind(lines["kind"][1]) if "kind" in lines else ReplyKind.OTHER
        values: dict[str, Any] = {}
        evidence: list[Evidence] = []
        for key, field in (("creditor", "creditor_name"), ("client", "client_name")):
            if key in lines:
                values[field] = lines[key][1]
                evidence.append(Evidence(field=field, text=lines[key][0]))
        if "reference" in lines:
            values["creditor_references"] = [lines["reference"][1]]
            evidence.append(Evidence(field="creditor_references", text=lines["reference"][0]))
        if "total" in lines:
            text, value = lines["total"]
            number, currency = value.rsplit(" ", 1)
            values["amounts"] = Amounts(total=Decimal(number.replace(".", "").replace(",", ".")))
            values["currency"] = currency
            evidence += [Evidence(field="amounts.total", text=text), Evidence(field="currency", text=text)]
        return ExtractionResult(
            is_creditor_reply=kind not in (ReplyKind.AUTO_REPLY, ReplyKind.OTHER),
            reply_kind=kind,
            confidence=0.95,
            evidence=evidence,
            extractor="fake",
            **values,
        )


def letter(
    kind: str,
    creditor: str | None = None,
    client: str | None = None,
    reference: str | None = None,
    total: str | None = None,
) -> str:
    lines = ["Sehr geehrte Damen und Herren,", "", f"Kind: {kind}"]
    for key, value in (("Creditor", creditor), ("Client", client), ("Reference", reference), ("Total", total)):
        if value is not None:
            lines.append(f"{key}: {value}")
    return "\n".join(lines + ["", "Mit freundlichen Grüßen"])


@dataclass
class Env:
    tmp: Path
    url: str
    backend: str
    ctx: AppContext
    claim_ids: dict[str, int]  # creditor reference -> claim id

    def context(self, extractor_factory: Any = None) -> AppContext:
        return AppContext(settings=self.ctx.settings, extractor_factory=extractor_factory)


@pytest.fixture(params=BACKENDS)
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Env:
    backend = request.param
    url = f"sqlite:///{tmp_path}/t.db" if backend == "sqlite" else fresh_pg_database("test_backfill")
    settings = load_settings(home=tmp_path, database_url=url, queue_url="memory://", extractor="rules")
    upgrade(url)
    ctx = AppContext(settings=settings, extractor_factory=lambda name: LineExtractor())
    clients_file = tmp_path / "clients.json"
    clients_file.write_text(json.dumps(CLIENTS, ensure_ascii=False), encoding="utf-8")
    import_clients(ctx, path=clients_file)
    with session_scope(url) as session:
        claim_ids = {c.creditor_reference: c.id for c in session.scalars(select(Claim))}
    yield Env(tmp_path, url, backend, ctx, claim_ids)
    db.dispose_engines()
    if backend == "postgresql":
        drop_pg_database(url)


_counter = iter(range(1, 1_000_000))


def add_email(
    env: Env,
    *,
    body: str,
    received_at: datetime,
    status: str = "completed",
    from_email: str = LINDNER_SENDER,
    from_name: str = "",
    extraction: dict[str, Any] | None = None,
    match_status: str = "pending",
    matched_claim_id: int | None = None,
    operation_id: int | None = None,
    ticket_id: str | None = None,
) -> int:
    n = next(_counter)
    with session_scope(env.url) as session:
        email = Email(
            ticket_id=ticket_id or f"T{n}",
            dedupe_key=f"k{n}",
            from_email=from_email,
            from_name=from_name,
            subject="Ihr Schreiben",
            body_text=body,
            body_html=None,
            raw_payload=body.encode(),
            headers={},
            processing_status=status,
            match_status=match_status,
            matched_claim_id=matched_claim_id,
            extraction=extraction,
            received_at=received_at,
            match={"status": match_status, "claim_id": matched_claim_id} if extraction else None,
            operation_id=operation_id,
        )
        session.add(email)
        session.flush()
        return email.id


def reading_of(ctx: AppContext, body: str, from_email: str, from_name: str = "") -> dict[str, Any]:
    """What the worker would store as ``emails.extraction`` for ``body`` (the current code)."""
    row = {
        "subject": "Ihr Schreiben",
        "from_email": from_email,
        "from_name": from_name,
        "body_text": body,
        "body_html": None,
        "headers": {},
        "attachments": [],
    }
    parsed = reading.clean_values(ctx.settings, row)
    result = reading.extract(ctx, row, parsed)
    doc = result.model_dump(mode="json")
    doc["evidence_problems"] = reading.evidence_problems(result, row, parsed)
    return doc


def day(d: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, d, hour, 0, tzinfo=UTC)


@dataclass
class Seeded:
    changed_amount: int
    unchanged: int
    newly_matched: int
    newly_review: int
    auto_reply: int
    failing: int
    queued: int
    still_review: int


@pytest.fixture
def seeded(env: Env) -> Seeded:
    ctx = env.ctx
    lindner, telekom = env.claim_ids["RPI-7712-4408-19"], env.claim_ids["TK-55-901"]

    body1 = letter("claim_statement", "Modehaus Lindner KG", "Tamara Reinholz", "RPI-7712-4408-19", "1.234,56 EUR")
    stored1 = reading_of(ctx, body1, LINDNER_SENDER)
    stored1["amounts"]["total"] = "100.00"  # what an older extractor read
    e1 = add_email(
        env,
        body=body1,
        received_at=day(20),
        from_name="RPI Forderungsmanagement",
        extraction=stored1,
        match_status="auto_matched",
        matched_claim_id=lindner,
    )

    body2 = letter("claim_statement", "Telekom Deutschland GmbH", "Jonas Weber", "TK-55-901", "80,00 EUR")
    e2 = add_email(
        env,
        body=body2,
        received_at=day(21),
        from_email=TELEKOM_SENDER,
        extraction=reading_of(ctx, body2, TELEKOM_SENDER),
        match_status="auto_matched",
        matched_claim_id=telekom,
    )

    body3 = letter("claim_statement", "Modehaus Lindner KG", "Tamara Reinholz", "RPI-7712-4408-19", "540,00 EUR")
    stored3 = reading_of(ctx, body3, LINDNER_SENDER)
    stored3["client_name"] = None  # the older extractor missed the client
    e3 = add_email(
        env,
        body=body3,
        received_at=day(22),
        from_name="Rheinpfalz Inkasso GmbH",
        extraction=stored3,
        match_status="needs_review",
    )

    body4 = letter("dispute", "Telekom Deutschland GmbH", "Jonas Weber", "TK-55-901", "80,00 EUR")
    stored4 = reading_of(ctx, body4, TELEKOM_SENDER)
    stored4["reply_kind"] = "claim_statement"  # the older extractor missed the dispute
    e4 = add_email(
        env,
        body=body4,
        received_at=day(23),
        from_email=TELEKOM_SENDER,
        extraction=stored4,
        match_status="auto_matched",
        matched_claim_id=telekom,
    )

    body5 = letter("auto_reply")
    e5 = add_email(
        env,
        body=body5,
        received_at=day(24),
        status="not_creditor_reply",
        from_email="noreply@shop.example",
        extraction=reading_of(ctx, body5, "noreply@shop.example"),
        match_status="no_match",
    )

    e6 = add_email(env, body=letter("claim_statement") + "\nBoom: yes", received_at=day(25), status="failed")
    e7 = add_email(env, body=body2, received_at=day(26), status="queued", from_email=TELEKOM_SENDER)

    body8 = letter("document_request", reference="RPI-7712-4408-19")
    e8 = add_email(
        env,
        body=body8,
        received_at=day(24, hour=15),
        extraction=reading_of(ctx, body8, LINDNER_SENDER),
        match_status="needs_review",
    )  # needs review before and after: not "newly"
    return Seeded(e1, e2, e3, e4, e5, e6, e7, e8)


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (SQLite: straight from the file, not through SQLAlchemy)."""
    if url.startswith("sqlite:///"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
        finally:
            con.close()
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return {
                t.name: [tuple(r) for r in conn.execute(t.select().order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


# the dry run ---------------------------------------------------------------------------


def test_dry_run_diff_is_exact(env: Env, seeded: Seeded) -> None:
    lindner, telekom = env.claim_ids["RPI-7712-4408-19"], env.claim_ids["TK-55-901"]

    diff = backfill.dry_run(env.ctx, Selection())

    assert diff["selected"] == 7
    assert diff["summary"] == {
        "unchanged": 3,
        "changed": 3,
        "newly_matched": 1,
        "newly_needs_review": 1,
        "errors": 1,
        "skipped": 0,
        "would_skip": 0,
        "superseded": 0,
    }
    by_id = {e["id"]: e for e in diff["emails"]}
    assert list(by_id) == [
        seeded.changed_amount,
        seeded.unchanged,
        seeded.newly_matched,
        seeded.newly_review,
        seeded.auto_reply,
        seeded.failing,
        seeded.still_review,
    ]
    assert by_id[seeded.changed_amount]["changes"] == {"amount": {"before": "100.00", "after": "1234.56"}}
    assert by_id[seeded.changed_amount]["before_match"] == {"status": "auto_matched", "claim_id": lindner}
    assert by_id[seeded.changed_amount]["after_match"] == {"status": "auto_matched", "claim_id": lindner}
    assert by_id[seeded.changed_amount]["received_at"] == "2026-11-20T10:00:00+00:00"

    assert by_id[seeded.unchanged]["changes"] == {}
    assert by_id[seeded.unchanged]["error"] is None

    assert by_id[seeded.newly_matched]["changes"] == {
        "client": {"before": None, "after": "Tamara Reinholz"},
        "match": {"before": "needs_review", "after": f"auto_matched claim {lindner}"},
    }
    assert by_id[seeded.newly_matched]["after_match"] == {"status": "auto_matched", "claim_id": lindner}

    assert by_id[seeded.newly_review]["changes"] == {
        "reply_kind": {"before": "claim_statement", "after": "dispute"},
        "match": {"before": f"auto_matched claim {telekom}", "after": "needs_review"},
    }
    assert by_id[seeded.newly_review]["after_match"] == {"status": "needs_review", "claim_id": None}

    assert by_id[seeded.auto_reply]["changes"] == {}
    assert by_id[seeded.auto_reply]["after_match"] == {"status": "no_match", "claim_id": None}

    assert by_id[seeded.still_review]["changes"] == {}
    assert by_id[seeded.still_review]["after_match"] == {"status": "needs_review", "claim_id": None}

    failing = by_id[seeded.failing]
    assert failing["error"] == "RuntimeError: extractor exploded on purpose"
    assert failing["changes"] == {} and failing["after_match"] is None
    json.dumps(diff)  # the --json output needs no custom encoder


def test_dry_run_writes_nothing(env: Env, seeded: Seeded) -> None:
    before = dump(env.url)
    assert before["emails"] and before["claims"]

    backfill.dry_run(env.ctx, Selection())
    backfill.dry_run(env.context(), Selection(statuses=["completed"]))  # the real rules extractor too

    assert dump(env.url) == before


def test_dry_run_in_processes_gives_the_same_diff(env: Env, seeded: Seeded) -> None:
    # --workers N: the re-reading runs in forked processes; the diff, its order, the
    # per-email error (the test extractor raises for one email) and the summary are the
    # same as in-process, and nothing is written
    before = dump(env.url)
    alone = backfill.dry_run(env.ctx, Selection())

    forked = backfill.dry_run(env.ctx, Selection(), workers=3)

    assert forked == alone
    assert forked["summary"]["errors"] == 1 and forked["summary"]["changed"] == 3
    assert dump(env.url) == before
    with pytest.raises(UsageError):
        backfill.dry_run(env.ctx, Selection(), workers=0)


def test_dry_run_respects_the_selection(env: Env, seeded: Seeded) -> None:
    diff = backfill.dry_run(env.ctx, Selection(creditor="telekom"))
    assert [e["id"] for e in diff["emails"]] == [seeded.unchanged, seeded.newly_review]
    assert diff["summary"] == {
        "unchanged": 1,
        "changed": 1,
        "newly_matched": 0,
        "newly_needs_review": 1,
        "errors": 0,
        "skipped": 0,
        "would_skip": 0,
        "superseded": 0,
    }

    diff = backfill.dry_run(env.ctx, Selection(ids=[seeded.failing, seeded.queued]))
    assert [e["id"] for e in diff["emails"]] == [seeded.failing]  # queued is not finished

    diff = backfill.dry_run(env.ctx, Selection(since=day(21), until=day(23), limit=1))
    assert diff["selected"] == 1 and diff["emails"][0]["id"] == seeded.unchanged


def test_dry_run_with_the_rules_extractor_shows_the_amount_change(env: Env) -> None:
    """The office's extractor: an old stored total against what the body says today."""
    ctx = env.context()  # no factory: the configured (rules) extractor
    lindner = env.claim_ids["RPI-7712-4408-19"]
    body = (
        "Sehr geehrte Damen und Herren,\n\nin der Angelegenheit Ihrer Mandantin Tamara Reinholz "
        "(Az. BÖ-2024-0173), unser Zeichen RPI-7712-4408-19, teilen wir Ihnen die aktuelle Forderung mit:\n\n"
        "Hauptforderung: 1.000,00 EUR\nZinsen: 134,56 EUR\nKosten: 100,00 EUR\n"
        "Gesamtforderung: 1.234,56 EUR\n\nMit freundlichen Grüßen\nRheinpfalz Inkasso GmbH\n"
    )
    current = reading_of(ctx, body, LINDNER_SENDER, "Rheinpfalz Inkasso GmbH")
    assert current["extractor"] == "rules" and current["amounts"]["total"] == "1234.56"
    stale = json.loads(json.dumps(current))
    stale["amounts"]["total"] = "100.00"
    # the stored match is what the worker's own decide step makes of the current reading
    row = {
        "ticket_id": "T-r",
        "side_conversation_id": None,
        "from_email": LINDNER_SENDER,
        "from_name": "Rheinpfalz Inkasso GmbH",
        "body_text": body,
    }  # the safety layer reads the email
    with session_scope(env.url) as session:
        match, verdict = evaluate(
            session, ctx, row, ExtractionResult.model_validate(current), current["evidence_problems"]
        )
    assert match_document(match, verdict)["status"] == "auto_matched"
    old = add_email(
        env,
        body=body,
        received_at=day(27),
        from_name="Rheinpfalz Inkasso GmbH",
        extraction=stale,
        match_status="auto_matched",
        matched_claim_id=lindner,
        ticket_id="T-r",
    )
    same = add_email(
        env,
        body=body,
        received_at=day(28),
        from_name="Rheinpfalz Inkasso GmbH",
        extraction=current,
        match_status="auto_matched",
        matched_claim_id=lindner,
        ticket_id="T-r",
    )

    diff = backfill.dry_run(ctx, Selection(ids=[old, same]))

    changes = {e["id"]: e["changes"] for e in diff["emails"]}
    assert changes == {old: {"amount": {"before": "100.00", "after": "1234.56"}}, same: {}}
    assert diff["summary"]["changed"] == 1 and diff["summary"]["unchanged"] == 1


def test_dry_run_streams_many_emails_with_the_rules_extractor(env: Env) -> None:
    """Hundreds of rows are read in one dry run (claims loaded once, rows streamed).

    The speed target (>= 200 emails/s) is measured in bench/, not asserted here.
    """
    ctx = env.context()
    body = (
        "Sehr geehrte Damen und Herren,\n\nzu Ihrer Mandantin Tamara Reinholz, unser Zeichen "
        "RPI-7712-4408-19:\nGesamtforderung: 612,40 EUR\n\nMit freundlichen Grüßen\nRheinpfalz Inkasso GmbH\n"
    )
    n = 400
    with session_scope(env.url) as session:
        session.add_all(
            Email(
                ticket_id=f"P{i}",
                dedupe_key=f"perf{i}",
                from_email=LINDNER_SENDER,
                body_text=body,
                raw_payload=b"{}",
                headers={},
                processing_status="completed",
                received_at=day(1) + timedelta(minutes=i),
            )
            for i in range(n)
        )
    diff = backfill.dry_run(ctx, Selection())
    assert diff["selected"] == n and diff["summary"]["errors"] == 0
    assert diff["summary"]["newly_matched"] == n


def test_readonly_session_cannot_write_and_does_not_block_writers(env: Env, seeded: Seeded) -> None:
    with backfill.readonly_session(env.url) as ro:
        with pytest.raises(DBAPIError, match="readonly|read-only"):
            ro.execute(update(Email).where(Email.id == seeded.unchanged).values(subject="changed"))
    with backfill.readonly_session(env.url) as ro:
        rows = ro.scalars(select(Email).order_by(Email.id).execution_options(yield_per=2))
        first = next(iter(rows))  # a read is in progress…
        started = time.perf_counter()
        with session_scope(env.url) as rw:  # …and a worker still writes at once
            rw.execute(update(Email).where(Email.id == seeded.queued).values(subject="worker wrote"))
        assert time.perf_counter() - started < 2.0
        assert first.id == seeded.changed_amount
    with session_scope(env.url) as rw:
        assert rw.get(Email, seeded.queued).subject == "worker wrote"
        assert rw.get(Email, seeded.unchanged).subject == "Ihr Schreiben"


# selection ---------------------------------------------------------------------------


def test_select_ids_defaults_to_the_finished_states(env: Env, seeded: Seeded) -> None:
    s = seeded
    assert backfill.select_ids(env.ctx, Selection()) == [
        s.changed_amount,
        s.unchanged,
        s.newly_matched,
        s.newly_review,
        s.auto_reply,
        s.failing,
        s.still_review,
    ]


def test_select_ids_by_time_is_half_open(env: Env, seeded: Seeded) -> None:
    s = seeded
    assert backfill.select_ids(env.ctx, Selection(since=day(22))) == [
        s.newly_matched,
        s.newly_review,
        s.auto_reply,
        s.failing,
        s.still_review,
    ]
    assert backfill.select_ids(env.ctx, Selection(until=day(22))) == [s.changed_amount, s.unchanged]
    assert backfill.select_ids(env.ctx, Selection(since=day(22), until=day(24))) == [s.newly_matched, s.newly_review]
    assert backfill.select_ids(env.ctx, Selection(since=day(27))) == []


def test_select_ids_by_status(env: Env, seeded: Seeded) -> None:
    s = seeded
    assert backfill.select_ids(env.ctx, Selection(statuses=["failed"])) == [s.failing]
    assert backfill.select_ids(env.ctx, Selection(statuses=["queued"])) == [s.queued]
    assert backfill.select_ids(env.ctx, Selection(statuses=["not_creditor_reply", "failed"])) == [
        s.auto_reply,
        s.failing,
    ]
    with pytest.raises(UsageError, match="unknown status done"):
        backfill.select_ids(env.ctx, Selection(statuses=["done"]))


def test_select_ids_by_creditor_reads_extraction_sender_and_name(env: Env, seeded: Seeded) -> None:
    s = seeded
    assert backfill.select_ids(env.ctx, Selection(creditor="TELEKOM")) == [s.unchanged, s.newly_review]
    # only the extracted creditor name says "Lindner"
    assert backfill.select_ids(env.ctx, Selection(creditor="lindner")) == [s.changed_amount, s.newly_matched]
    # only the sender's display name of one of them says "Rheinpfalz Inkasso"
    assert backfill.select_ids(env.ctx, Selection(creditor="rheinpfalz inkasso")) == [s.newly_matched]
    assert backfill.select_ids(env.ctx, Selection(creditor="nobody at all")) == []


def test_select_ids_by_ids_and_limit(env: Env, seeded: Seeded) -> None:
    s = seeded
    assert backfill.select_ids(env.ctx, Selection(ids=[s.auto_reply, s.changed_amount])) == [
        s.changed_amount,
        s.auto_reply,
    ]
    # an id that is no email's is refused by name (README: not found is exit 1), not skipped
    with pytest.raises(NotFoundError, match="no email with id 99999"):
        backfill.select_ids(env.ctx, Selection(ids=[s.auto_reply, 99999]))
    assert backfill.select_ids(env.ctx, Selection(ids=[s.queued])) == []
    assert backfill.select_ids(env.ctx, Selection(limit=2)) == [s.changed_amount, s.unchanged]
    assert backfill.select_ids(env.ctx, Selection(creditor="telekom", limit=1)) == [s.unchanged]
    assert backfill.select_ids(env.ctx, Selection(limit=0)) == []


# resume ------------------------------------------------------------------------------


def make_operation(
    env: Env, params: dict[str, Any], *, created_at: datetime | None = None, kind: str = "reprocess"
) -> int:
    full = {"since": None, "until": None, "status": None, "creditor": None, "ids": None, "limit": None, **params}
    with session_scope(env.url) as session:
        op = Operation(kind=kind, params=full, operator="test", created_at=created_at or datetime.now(UTC))
        session.add(op)
        session.flush()
        return op.id


def mark(env: Env, op_id: int, email_id: int, status: str) -> None:
    with session_scope(env.url) as session:
        session.execute(update(Email).where(Email.id == email_id).values(operation_id=op_id, processing_status=status))


def test_resume_returns_what_the_operation_has_not_requeued_yet(env: Env, seeded: Seeded) -> None:
    s = seeded
    op = make_operation(env, {"since": "2026-11-21"})  # office day: from 2026-11-20T23:00Z
    mark(env, op, s.unchanged, "queued")  # taken, still waiting in the queue
    mark(env, op, s.newly_matched, "completed")  # taken and already done again
    other = make_operation(env, {"since": "2026-11-21"})
    mark(env, other, s.newly_review, "completed")  # a later operation re-queued it already: not again

    resumed = backfill.select_ids(env.ctx, Selection(since=day(1)), resume=op)  # the given selection is ignored

    assert resumed == [s.auto_reply, s.failing, s.still_review]
    plan = backfill.resume_ids(env.ctx, op)
    assert (plan.remaining, plan.later, plan.done) == (resumed, {s.newly_review: other}, [s.unchanged, s.newly_matched])


def test_resume_takes_what_an_earlier_operation_requeued(env: Env, seeded: Seeded) -> None:
    s = seeded
    earlier = make_operation(env, {"since": "2026-11-21"})
    mark(env, earlier, s.newly_review, "completed")  # an earlier operation's work: this one still owes it
    op = make_operation(env, {"since": "2026-11-21"})
    mark(env, op, s.unchanged, "queued")
    mark(env, op, s.newly_matched, "completed")
    plan = backfill.resume_ids(env.ctx, op)
    assert (plan.remaining, plan.later) == ([s.newly_review, s.auto_reply, s.failing, s.still_review], {})


def test_an_operation_recorded_without_its_ids_takes_nothing_received_after_it_started(
    env: Env, seeded: Seeded
) -> None:
    s = seeded
    op = make_operation(env, {"since": "2026-11-21"}, created_at=day(24, hour=12))  # before still_review arrived
    expected = [s.unchanged, s.newly_matched, s.newly_review, s.auto_reply]  # not still_review, not failing
    assert backfill.resume_ids(env.ctx, op).remaining == expected


class FlakyQueue:
    """An enqueue that takes ``works`` messages, then refuses (the queue went down)."""

    def __init__(self, works: int) -> None:
        self.works = works
        self.taken: list[int] = []

    def __call__(self, email_id: int, *, priority: int = 10, delay_s: float = 0.0) -> None:
        if len(self.taken) >= self.works:
            raise ConnectionRefusedError("queue down")
        self.taken.append(email_id)


def test_resume_continues_the_recorded_selection_exactly(env: Env, seeded: Seeded) -> None:
    """An operation interrupted after N enqueues resumes with exactly its remaining emails:
    never one stored after it started, never one that only matches its criteria now, never
    one it enqueued already."""
    from creditctl.services import operations

    s = seeded
    selection = Selection(since=day(21))
    chosen = backfill.select_ids(env.ctx, selection)
    assert chosen == [s.unchanged, s.newly_matched, s.newly_review, s.auto_reply, s.failing, s.still_review]
    params = {"since": "2026-11-21", "until": None, "status": None, "creditor": None, "ids": [], "limit": None}
    queue = FlakyQueue(works=2)
    ctx = AppContext(settings=env.ctx.settings, extractor_factory=env.ctx.extractor_factory, enqueue=queue)
    op, enqueued = operations.enqueue_reprocess(ctx, chosen, operator="t", label=None, params=params, batch_size=2)
    assert enqueued == 2 and queue.taken == chosen[:2]
    # meanwhile: a new matching email arrives, the queued one finishes (it matches the
    # criteria only now), a person decides one of the selection
    newcomer = add_email(env, body=letter("auto_reply"), received_at=day(27), status="not_creditor_reply")
    with session_scope(env.url) as session:
        session.execute(update(Email).where(Email.id == s.queued).values(processing_status="completed"))
        session.execute(update(Email).where(Email.id == s.failing).values(review_note="rejected by anna: spam"))
    assert newcomer in backfill.select_ids(env.ctx, selection) and s.queued in backfill.select_ids(env.ctx, selection)

    plan = backfill.resume_ids(env.ctx, op)
    assert plan.selected == 6 and plan.done == chosen[:2] and plan.changed == [s.failing] and plan.later == {}
    assert plan.remaining == [s.newly_review, s.auto_reply, s.still_review]

    queue.works = 100  # the queue is back
    _, again = operations.enqueue_reprocess(
        ctx, plan.remaining, operator="t", label=None, params={}, operation_id=op, batch_size=2
    )
    assert again == 3 and queue.taken == chosen[:2] + plan.remaining  # each once, nothing else
    after = backfill.resume_ids(env.ctx, op)
    assert after.remaining == [] and len(after.done) == 5
    with session_scope(env.url) as session:
        row = session.get_one(Operation, op)
        assert row.enqueued == 5 and row.total == 6


def test_the_suggested_resume_command_works_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from creditctl.cli.operate import resume_command

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: no terminal to ask
    assert resume_command(2) == "creditctl reprocess --resume 2 --yes"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(""))
    assert resume_command(2) == "creditctl reprocess --resume 2"


def test_resume_keeps_the_original_limit(env: Env, seeded: Seeded) -> None:
    s = seeded
    op = make_operation(env, {"limit": 3})  # originally: changed_amount, unchanged, newly_matched
    mark(env, op, s.changed_amount, "processing")
    mark(env, op, s.unchanged, "completed")
    assert backfill.select_ids(env.ctx, Selection(), resume=op) == [s.newly_matched]


def test_resume_reads_relative_times_against_the_operation_start(env: Env, seeded: Seeded) -> None:
    s = seeded
    op = make_operation(
        env, {"since": "2d", "status": ["completed", "not_creditor_reply"]}, created_at=day(25, hour=12)
    )
    # 2d before 2026-11-25 12:00 → received since 2026-11-23 12:00 → the 24th's two; failed excluded
    assert backfill.select_ids(env.ctx, Selection(), resume=op) == [s.auto_reply, s.still_review]
    op2 = make_operation(env, {"ids": [s.failing, s.unchanged], "creditor": "telekom"})
    assert backfill.select_ids(env.ctx, Selection(), resume=op2) == [s.unchanged]


def test_resume_of_an_unknown_operation_is_not_found(env: Env, seeded: Seeded) -> None:
    with pytest.raises(NotFoundError):
        backfill.select_ids(env.ctx, Selection(), resume=4242)
    retry_op = make_operation(env, {}, kind="retry")
    with pytest.raises(NotFoundError, match="no reprocess operation"):
        backfill.select_ids(env.ctx, Selection(), resume=retry_op)


def test_a_backwards_range_is_a_usage_error() -> None:
    from datetime import UTC, datetime

    later, earlier = datetime(2026, 12, 7, tzinfo=UTC), datetime(2026, 12, 6, tzinfo=UTC)
    with pytest.raises(UsageError, match="the range is backwards"):
        Selection(since=later, until=earlier)
    with pytest.raises(UsageError, match="the range is empty"):
        Selection(since=later, until=later)
    assert Selection(since=earlier, until=later).until == later


def test_dry_run_says_would_skip_when_a_newer_figure_is_already_applied(env: Env) -> None:
    """The trial: the dry run said the re-read would apply 1234.56 while the real run found a
    newer email's figure on the claim and wrote nothing. The preview asks the claim write's
    own rule (``claims.write_preview``) and says "would skip" with the newer figure."""
    from creditctl.services import claims

    ctx = env.context()  # the configured (rules) extractor
    lindner = env.claim_ids["RPI-7712-4408-19"]
    body = (
        "Sehr geehrte Damen und Herren,\n\nin der Angelegenheit Ihrer Mandantin Tamara Reinholz "
        "(Az. BÖ-2024-0173), unser Zeichen RPI-7712-4408-19, teilen wir Ihnen die aktuelle Forderung mit:\n\n"
        "Gesamtforderung: 1.234,56 EUR\n\nMit freundlichen Grüßen\nRheinpfalz Inkasso GmbH\n"
    )
    current = reading_of(ctx, body, LINDNER_SENDER, "Rheinpfalz Inkasso GmbH")
    stale = json.loads(json.dumps(current))
    stale["amounts"]["total"] = None  # an older reading that found no total: held then
    older = add_email(
        env,
        body=body,
        received_at=day(27),
        from_name="Rheinpfalz Inkasso GmbH",
        extraction=stale,
        match_status="needs_review",
        ticket_id="T-s",
    )
    alone = backfill.dry_run(ctx, Selection(ids=[older]))["emails"][0]
    assert alone["after_match"] == {"status": "auto_matched", "claim_id": lindner}, alone
    assert alone["after_amount"] == "1234.56" and alone["would_skip"] is None  # nothing newer: it would apply

    newer = add_email(
        env, body="Forderung 1.900,00 EUR", received_at=day(28), match_status="auto_matched", ticket_id="T-s2"
    )
    with session_scope(env.url) as session:
        write = claims.apply_claim_update(
            session,
            ctx,
            email_id=newer,
            claim_id=lindner,
            new_amount=Decimal("1900.00"),
            currency="EUR",
            extractor="rules",
            email_received_at=day(28),
        )
        assert write.status == "applied"

    diff = backfill.dry_run(ctx, Selection(ids=[older]))

    (item,) = diff["emails"]
    assert (
        item["would_skip"] == f"would skip: a newer figure (2026-11-28, 1900.00 EUR) is already applied (email {newer})"
    )
    assert diff["summary"]["would_skip"] == 1
    from io import StringIO

    from rich.console import Console

    from creditctl import render

    shown = StringIO()
    render.dry_run(Console(file=shown, width=400), diff)
    assert (
        f"#{older}: " in shown.getvalue() and "would skip: a newer figure (2026-11-28, 1900.00 EUR)" in shown.getvalue()
    )
    assert "1 would skip (a newer figure is already applied)" in shown.getvalue()
    with session_scope(env.url) as session:  # what the real run's write decides: the same
        real = claims.apply_claim_update(
            session,
            ctx,
            email_id=older,
            claim_id=lindner,
            new_amount=Decimal(item["after_amount"]),
            currency="EUR",
            extractor="rules",
            email_received_at=day(27),
        )
        assert real.status == "superseded"
        session.rollback()


def test_one_write_decision_says_superseded_or_would_skip(env: Env) -> None:
    """The dry run's ``superseded`` and ``would_skip`` come from one decision of the claim
    write (``claims.write_preview``): a newer figure stands, so nothing is written; which of the
    two it says depends only on whether this email wrote the claim before — also when its own
    key is stored (it applied that very figure once)."""
    from creditctl.services import claims

    ctx = env.context()
    lindner = env.claim_ids["RPI-7712-4408-19"]
    own = add_email(
        env, body="Forderung 1.234,56 EUR", received_at=day(27), match_status="auto_matched", ticket_id="T-o"
    )
    other = add_email(
        env, body="Forderung 1.300,00 EUR", received_at=day(26), match_status="needs_review", ticket_id="T-p"
    )
    newer = add_email(
        env, body="Forderung 1.900,00 EUR", received_at=day(28), match_status="auto_matched", ticket_id="T-n"
    )
    with session_scope(env.url) as session:
        for email_id, amount, when in ((own, "1234.56", 27), (newer, "1900.00", 28)):
            write = claims.apply_claim_update(
                session,
                ctx,
                email_id=email_id,
                claim_id=lindner,
                new_amount=Decimal(amount),
                currency="EUR",
                extractor="rules",
                email_received_at=day(when),
            )
            assert write.status == "applied"
    with session_scope(env.url) as session:
        claim = session.get(Claim, lindner)
        assert claim is not None
        window = ctx.settings.dedupe_window_days
        mine = claims.write_preview(
            session, claim, email_id=own, amount=Decimal("1234.56"), received_at=day(27), window_days=window
        )
        assert mine.status == "superseded" and mine.own_write_overwritten  # its key is stored all the same
        assert mine.newer is not None and mine.newer.email_id == newer
        theirs = claims.write_preview(
            session, claim, email_id=other, amount=Decimal("1300.00"), received_at=day(26), window_days=window
        )
        assert theirs.status == "superseded" and not theirs.own_write_overwritten
        # near miss: the newest email itself is not superseded
        last = claims.write_preview(
            session, claim, email_id=newer, amount=Decimal("1900.00"), received_at=day(28), window_days=window
        )
        assert last.status == "already_applied" and last.newer is None
