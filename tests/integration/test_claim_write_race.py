"""The claim write under concurrency (real PostgreSQL: SQLite's up-front write lock
serialises the workers and hides the race).

Two replies on one claim processed by two worker threads at once: the gate of the second
judges the claim as it stood before the first one's write, and its write lands after it.
Every check of the gate that depends on the stored claim (here: "a total that reopens a
claim stored as 0.00 holds") must hold against the claim as it is when written: the claim
write finds the claim changed since the gate judged the email (``claims.Judged``) and the
gate judges it again on the locked, current claim (``decide.decide_and_apply``)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from creditctl.db import session_scope
from creditctl.models import Claim, ClaimUpdate, Email, Event
from creditctl.schemas import WebhookPayload
from creditctl.services import decide, intake, processing
from tests.helpers import Env, import_sample_clients, make_env
from tests.prodstack import require_real_services

CLAIM = 1  # Modehaus Lindner KG / Rheinpfalz Inkasso against Tamara Reinholz, 540.00 EUR
OPENING = (
    "Sehr geehrte Damen und Herren,\n\nin der Angelegenheit Modehaus Lindner KG gegen Frau Tamara Reinholz "
    "(Ihr Zeichen BÖ-2024-0173, unser Aktenzeichen RPI-7712-4408-19) "
)
CLOSING = "\n\nMit freundlichen Grüßen\nJana Wehrle\nRheinpfalz Inkasso GmbH"
SETTLED = OPENING + "teilen wir mit, dass die Forderung vollständig bezahlt ist. Offener Saldo: 0,00 EUR." + CLOSING
OWED = OPENING + "beträgt die aktuelle Gesamtforderung 575,30 EUR." + CLOSING


@pytest.fixture
def pg_env(tmp_path: Path) -> Iterator[Env]:
    require_real_services()
    env = make_env(tmp_path, "pg")
    import_sample_clients(env)
    try:
        yield env
    finally:
        env.close()


def _store(env: Env, body: str, comment_id: str) -> int:
    doc = {
        "ticket_id": "81234",
        "comment_id": comment_id,
        "subject": "AW: Forderung Tamara Reinholz BÖ-2024-0173",
        "from_email": "forderungsmanagement@rheinpfalz-inkasso.example",
        "from_name": "Rheinpfalz Inkasso GmbH",
        "body_text": body,
    }
    raw = json.dumps(doc, ensure_ascii=False).encode()
    return intake.store_email(env.ctx, WebhookPayload.model_validate(doc), raw, None).email_id


def _race(env: Env, monkeypatch: pytest.MonkeyPatch, first: int, late: int) -> None:
    """Process ``first`` and ``late`` on two threads so that the gate judges ``late``
    before ``first``'s claim write commits, and ``late``'s write comes after that commit
    (the interleaving two worker threads produce when the replies arrive back to back)."""
    late_judged, first_done = threading.Event(), threading.Event()
    real_evaluate = decide.evaluate
    paused: set[int] = set()

    def evaluate(session: Any, ctx: Any, row: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        email_id = row.get("id")
        if email_id == first and first not in paused:
            paused.add(first)
            assert late_judged.wait(30)  # the late email is judged on the claim before this write
        judged = real_evaluate(session, ctx, row, *args, **kwargs)
        if email_id == late and late not in paused:
            paused.add(late)
            late_judged.set()
            assert first_done.wait(30)  # ... and writes only after it committed
        return judged

    monkeypatch.setattr(decide, "evaluate", evaluate)
    errors: list[BaseException] = []

    def run(email_id: int, after: Callable[[], None]) -> None:
        try:
            processing.process_email(env.ctx, email_id)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            after()

    threads = [
        threading.Thread(target=run, args=(first, first_done.set)),
        threading.Thread(target=run, args=(late, lambda: None)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert paused == {first, late}, "the interleaving was not forced"


def _outcome(env: Env, email_id: int) -> tuple[str, list[str]]:
    with session_scope(env.ctx.db_url) as session:
        email = session.get(Email, email_id)
        return email.match_status, list((email.match or {}).get("hold_reasons") or [])


def _claim(env: Env) -> tuple[Decimal, list[tuple[Decimal | None, Decimal]]]:
    with session_scope(env.ctx.db_url) as session:
        amount = session.get(Claim, CLAIM).amount
        writes = session.execute(
            select(ClaimUpdate.old_amount, ClaimUpdate.new_amount)
            .where(ClaimUpdate.claim_id == CLAIM)
            .order_by(ClaimUpdate.id)
        ).all()
        return amount, [tuple(w) for w in writes]


def test_a_figure_owed_judged_before_a_settlement_was_written_holds(pg_env, monkeypatch) -> None:
    """The operator's trial: "paid in full, 0.00", then "outstanding 575.30", processed at
    once. The second was judged against 540.00 (a small rise); its write found 0.00: judged
    again, "reopens a claim stored as 0.00" holds it. The claim keeps 0.00."""
    settled = _store(pg_env, SETTLED, "s1")
    owed = _store(pg_env, OWED, "o1")
    _race(pg_env, monkeypatch, first=settled, late=owed)
    amount, writes = _claim(pg_env)
    assert amount == Decimal("0.00")
    assert writes == [(Decimal("540.00"), Decimal("0.00"))]  # never 0.00 → 575.30
    status, reasons = _outcome(pg_env, owed)
    assert status == "needs_review"
    assert any("reopens a claim stored as 0.00" in r for r in reasons), reasons
    with session_scope(pg_env.ctx.db_url) as session:
        story = session.scalars(select(Event.message).where(Event.email_id == owed)).all()
    assert any("judged again" in m for m in story), story


def test_an_older_settlement_judged_before_a_newer_figure_was_written_is_superseded(pg_env, monkeypatch) -> None:
    """The other order: the newer reply (575.30) writes first; the older settlement, judged
    against 540.00, finds the claim changed, is judged again and does not overwrite the
    newer figure."""
    settled = _store(pg_env, SETTLED, "s2")
    owed = _store(pg_env, OWED, "o2")
    _race(pg_env, monkeypatch, first=owed, late=settled)
    amount, writes = _claim(pg_env)
    assert amount == Decimal("575.30")
    assert writes == [(Decimal("540.00"), Decimal("575.30"))]
    status, _ = _outcome(pg_env, owed)
    assert status == "auto_matched"


def test_the_same_replies_one_after_the_other_end_the_same(pg_env) -> None:
    """The sequential run the concurrent one must equal: settlement applied, the figure
    owed after it held."""
    settled = _store(pg_env, SETTLED, "s3")
    owed = _store(pg_env, OWED, "o3")
    processing.process_email(pg_env.ctx, settled)
    processing.process_email(pg_env.ctx, owed)
    amount, writes = _claim(pg_env)
    assert amount == Decimal("0.00") and writes == [(Decimal("540.00"), Decimal("0.00"))]
    assert _outcome(pg_env, owed)[0] == "needs_review"


def test_the_write_refuses_a_judgement_made_on_another_amount(env) -> None:
    """On both backends: a write judged against an amount the claim no longer has writes
    nothing (``stale``); judged against the amount it has, it writes; a person's write
    (no ``judged``) is not compared."""
    from creditctl.services import claims

    import_sample_clients(env)
    email_id = _store(env, OWED, "w1")
    with session_scope(env.ctx.db_url) as session:
        common: dict[str, Any] = dict(email_id=email_id, claim_id=CLAIM, currency="EUR", extractor="rules")
        stale = claims.apply_claim_update(
            session, env.ctx, new_amount=Decimal("575.30"), judged=claims.Judged(Decimal("2045.10")), **common
        )
        assert stale.status == "stale" and stale.old_amount == Decimal("540.00")
        assert session.scalar(select(ClaimUpdate.id).where(ClaimUpdate.claim_id == CLAIM)) is None
        done = claims.apply_claim_update(
            session, env.ctx, new_amount=Decimal("575.30"), judged=claims.Judged(Decimal("540.00")), **common
        )
        assert done.status == "applied"
    with session_scope(env.ctx.db_url) as session:
        # a re-run of the same email is judged against the amount before its own write
        assert claims.amount_to_judge(session, session.get(Claim, CLAIM), email_id) == Decimal("540.00")
        again = claims.apply_claim_update(
            session, env.ctx, new_amount=Decimal("580.00"), judged=claims.Judged(Decimal("540.00")), **common
        )
        assert again.status == "applied" and again.old_amount == Decimal("575.30")


def test_a_superseded_write_says_newer_by_arrival_time(env) -> None:
    """Ids are not in arrival order with several `serve` processes: the note names the newer
    email's arrival time and this one's, not only "email N is newer"."""
    from datetime import UTC, datetime

    from creditctl.services import claims

    import_sample_clients(env)
    older, newer = _store(env, OWED, "a1"), _store(env, OWED.replace("575,30", "580,00"), "a2")
    assert older != newer
    early, late = datetime(2026, 12, 7, 9, 0, tzinfo=UTC), datetime(2026, 12, 7, 9, 5, tzinfo=UTC)
    common: dict[str, Any] = dict(claim_id=CLAIM, currency="EUR", extractor="rules")
    with session_scope(env.ctx.db_url) as session:
        first = claims.apply_claim_update(
            session, env.ctx, email_id=newer, new_amount=Decimal("575.30"), email_received_at=late, **common
        )
        assert first.status == "applied"
    with session_scope(env.ctx.db_url) as session:
        session.execute(Email.__table__.update().where(Email.id == newer).values(received_at=late))
    with session_scope(env.ctx.db_url) as session:
        second = claims.apply_claim_update(
            session, env.ctx, email_id=older, new_amount=Decimal("600.00"), email_received_at=early, **common
        )
        assert second.status == "superseded"
    with session_scope(env.ctx.db_url) as session:
        notes = [e.message for e in session.scalars(select(Event).where(Event.email_id == older))]
    note = next(n for n in notes if "not changed" in n)
    assert f"email {newer} arrived later (received at 2026-12-07 " in note, note
    assert "; this email at 2026-12-07 " in note and "is newer" not in note, note
