"""``creditctl eval``: how well the current code reads, matches and gates labelled mail.

Nothing is written anywhere: each suite's client records are imported into a temporary
SQLite database (deleted afterwards), and every case goes through the same steps as
processing — ``reading.clean_values``, ``reading.extract``, ``reading.evidence_problems``
and the one decision function ``decide.judge``. ``--reviewed`` re-reads the office's own
reviewed emails from the configured database through a read-only session.

Format of a labelled directory and the metric definitions: ``docs/evaluation.md``.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from creditctl.exceptions import CreditctlError, StorageUnavailable
from creditctl.models import Claim, ClaimUpdate, Client, Email
from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.pipeline.extraction.references import normalise_reference
from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.services import reading
from creditctl.services.context import AppContext


class EvalInputError(CreditctlError):
    """A labelled directory or case file cannot be read or has not the documented shape
    (docs/evaluation.md); exit 1."""


FIELDS = (
    "is_creditor_reply",
    "reply_kind",
    "creditor",
    "client",
    "client_file_number",
    "references",
    "total",
    "currency",
)
"""The scored fields (``docs/evaluation.md``)."""


@dataclass
class Suite:
    """One labelled directory: ``records`` (client records, None = fields only) and its cases."""

    name: str
    path: Path
    records: list[dict[str, Any]] | None
    cases: list[dict[str, Any]] = field(default_factory=list)


# loading -----------------------------------------------------------------------------


def load_suites(directory: Path) -> list[Suite]:
    """The suites of ``directory``: itself when it holds ``records.json`` or case files,
    else every subdirectory holding a ``records.json``.

    Raises ``EvalInputError`` when ``directory`` is missing, holds no case, or a file is not
    a JSON object of the documented shape.
    """
    if not directory.is_dir():
        raise EvalInputError(f"{directory} is not a directory")
    own_cases = [p for p in directory.glob("*.json") if p.name != "records.json"]
    if (directory / "records.json").exists() or own_cases:
        suites = [_suite(directory, directory.name or str(directory))]
    else:
        subs = sorted(p for p in directory.iterdir() if p.is_dir() and (p / "records.json").exists())
        if not subs:
            raise EvalInputError(f"{directory} holds no labelled cases (*.json) and no suite with records.json")
        suites = [_suite(p, p.name) for p in subs]
    if not any(s.cases for s in suites):
        raise EvalInputError(f"{directory} holds no labelled cases (*.json)")
    return suites


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise EvalInputError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise EvalInputError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None


def _suite(path: Path, name: str) -> Suite:
    records = None
    if (path / "records.json").exists():
        records = _read_json(path / "records.json")
        if not isinstance(records, list):
            raise EvalInputError(f"{path / 'records.json'}: expected a JSON list of clients")
    suite = Suite(name=name, path=path, records=records)
    for case_path in sorted(path.glob("*.json")):
        if case_path.name == "records.json":
            continue
        case = _read_json(case_path)
        if not isinstance(case, dict) or not isinstance(case.get("expected"), dict):
            raise EvalInputError(f'{case_path}: a case is an object with an "expected" object')
        if not (case.get("body_text") or case.get("body_html")):
            raise EvalInputError(f"{case_path}: a case needs body_text or body_html")
        case.setdefault("id", case_path.stem)
        suite.cases.append(case)
    return suite


def case_row(case: dict[str, Any]) -> dict[str, Any]:
    """A labelled case as the row values processing reads (``reading.email_values`` shape)."""
    return {
        "id": None,
        "ticket_id": str(case.get("ticket_id") or ""),
        "side_conversation_id": case.get("side_conversation_id"),
        "subject": case.get("subject") or "",
        "from_email": case.get("from_email") or "",
        "from_name": case.get("from_name") or "",
        "body_text": case.get("body_text"),
        "body_html": case.get("body_html"),
        "headers": dict(case.get("headers") or {}),
        "received_at": None,
        "attachments": [
            {
                "file_name": a.get("file_name", ""),
                "text": a.get("text", ""),
                "content_type": a.get("content_type", ""),
                "problem": a.get("problem"),
            }
            for a in case.get("attachments") or []
            if isinstance(a, dict)
        ],
    }


# scoring -----------------------------------------------------------------------------


def _fold(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "").replace("’", "'")).strip().casefold()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _settled_total(kind: Any, total: Decimal | None) -> Decimal | None:
    """The total a reading stands for: 0.00 for a settled reply that states none (the gate
    applies 0.00 to it, ``pipeline.gate``), else ``total`` — so a settled reply labelled
    ``0.00`` (tuning_d onwards) and one labelled null (``labelled/``) score alike."""
    return Decimal("0.00") if kind == "claim_settled" and total is None else total


FIELD_LABELS = {
    "is_creditor_reply": "is_creditor_reply",
    "reply_kind": "reply_kind",
    "creditor": "creditor_name",
    "client": "client_name",
    "client_file_number": "client_file_number",
    "references": "creditor_references",
    "total": "total",
    "currency": "currency",
}
"""Scored field → the key of ``expected`` that labels it. A field whose key the case's
``expected`` leaves out is not scored for that case (a label written ``null`` is: it says
the email states none) — docs/evaluation.md, "A labelled directory"."""


def compare_fields(expected: dict[str, Any], result: ExtractionResult) -> dict[str, dict[str, Any]]:
    """Field name → ``{"hit", "expected", "got"}`` for the ``FIELDS`` whose label key
    (``FIELD_LABELS``) ``expected`` holds; a field left out of ``expected`` is left out here."""
    exp_refs = sorted({normalise_reference(r) for r in expected.get("creditor_references") or []})
    got_refs = sorted({normalise_reference(r) for r in result.creditor_references})
    exp_total = _settled_total(expected.get("reply_kind"), _decimal(expected.get("total")))
    got_total = _settled_total(result.reply_kind.value, result.amounts.total)
    # field → (expected, got, how to compare: a normaliser, "subset" or None for equality)
    pairs: dict[str, tuple[Any, Any, Callable[[Any], Any] | Literal["subset"] | None]] = {
        "is_creditor_reply": (expected.get("is_creditor_reply"), result.is_creditor_reply, None),
        "reply_kind": (expected.get("reply_kind"), result.reply_kind.value, None),
        "creditor": (expected.get("creditor_name"), result.creditor_name, _fold),
        "client": (expected.get("client_name"), result.client_name, _fold),
        "client_file_number": (
            expected.get("client_file_number"),
            result.client_file_number,
            lambda v: normalise_reference(v) if v else None,
        ),
        "references": (exp_refs, got_refs, "subset"),
        "total": (exp_total, got_total, None),
        "currency": (expected.get("currency") or None, result.currency or None, None),
    }
    out: dict[str, dict[str, Any]] = {}
    for name, (exp, got, norm) in pairs.items():
        if FIELD_LABELS[name] not in expected:
            continue
        if norm == "subset":  # every expected reference was found (extra ones are not counted against)
            hit = set(exp) <= set(got)
        elif callable(norm):
            hit = norm(exp) == norm(got)
        else:
            hit = exp == got
        out[name] = {"hit": bool(hit), "expected": _plain(exp), "got": _plain(got)}
    return out


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _claim_key(candidates: list[ClaimCandidate], claim_id: int | None) -> dict[str, Any] | None:
    cand = next((c for c in candidates if c.claim_id == claim_id), None)
    if cand is None:
        return None
    return {"client_file_number": cand.client_file_number, "creditor_reference": cand.creditor_reference}


def _same_claim(expected: dict[str, Any] | None, got: dict[str, Any] | None) -> bool:
    if not expected or not got:
        return False
    return normalise_reference(expected.get("client_file_number") or "") == normalise_reference(
        got.get("client_file_number") or ""
    ) and normalise_reference(expected.get("creditor_reference") or "") == normalise_reference(
        got.get("creditor_reference") or ""
    )


def _claim_label(claim: dict[str, Any] | None) -> str:
    """A claim of the outcome (``client_file_number``, ``creditor_reference``) as a person
    names it: ``BÖ-2024-0173 / RPI-7712-4408-19`` (``—`` for a part not known)."""
    if not claim:
        return "—"
    return f"{claim.get('client_file_number') or '—'} / {claim.get('creditor_reference') or '—'}"


def score_outcome(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """``expected``: ``outcome`` (apply|hold), ``claim``, ``amount``; ``got``: ``apply``,
    ``claim``, ``amount``. Returns ``{"expected_outcome", "correct", "wrong_apply"
    (None or why)}``."""
    want = expected.get("outcome")
    wrong = None
    correct = False
    if got["apply"]:
        applied = f"{got['amount'] if got['amount'] is not None else '—'} to claim {_claim_label(got['claim'])}"
        if want != "apply":
            wrong = f"applied {applied} where a hold was expected"
        elif not _same_claim(expected.get("claim"), got["claim"]):
            wrong = f"applied {applied}: the wrong claim (expected {_claim_label(expected.get('claim'))})"
        elif _decimal(expected.get("amount")) != _decimal(got["amount"]):
            wrong = f"applied {applied}: the wrong amount (expected {expected.get('amount')})"
        else:
            correct = True
    else:
        correct = want == "hold"
    return {"expected_outcome": want, "correct": correct, "wrong_apply": wrong}


# running -----------------------------------------------------------------------------


def _temp_candidates(ctx: AppContext, records: list[dict[str, Any]], workdir: Path) -> list[ClaimCandidate]:
    """Import ``records`` into a fresh SQLite file under ``workdir`` with the production
    importer and load them as matching candidates."""
    from creditctl.db import session_scope
    from creditctl.migrate import upgrade
    from creditctl.services import claims, clients

    url = f"sqlite:///{workdir / 'eval.db'}"
    upgrade(url)
    records_path = workdir / "records.json"
    records_path.write_text(json.dumps(records), encoding="utf-8")
    temp_ctx = AppContext(
        settings=ctx.settings.model_copy(update={"database_url": url}), extractor_factory=ctx.extractor_factory
    )
    clients.import_clients(temp_ctx, path=records_path)
    with session_scope(url) as session:
        return claims.load_candidates(session)


def _dispose(workdir: Path) -> None:
    from creditctl.db import dispose_engine

    dispose_engine(f"sqlite:///{workdir / 'eval.db'}")


def judge_case(
    ctx: AppContext, row: dict[str, Any], candidates: list[ClaimCandidate], extractor: str | None
) -> tuple[ExtractionResult, Any, Any, dict[str, Any]]:
    """Clean, extract, check and judge one email exactly as processing does (no writes).

    Returns (result, match, verdict, parsed document).
    """
    from creditctl.services.decide import judge

    parsed = reading.clean_values(ctx.settings, row)
    result = reading.extract(ctx, row, parsed, extractor=extractor)
    problems = reading.evidence_problems(result, row, parsed)
    match, verdict = judge(ctx, row, result, problems, candidates, parsed)
    return result, match, verdict, parsed


def verdict_document(verdict: Any, candidates: list[ClaimCandidate]) -> dict[str, Any]:
    """What ``eval`` reports of a verdict (``got`` of an item, docs/evaluation.md): ``apply``,
    ``match_status``, ``claim`` (file number + creditor reference, when applied), ``amount``
    (a string, when applied), ``reasons``, and the hold reasons / readings when there are any."""
    from creditctl.services.decide import match_document

    doc = {
        "apply": bool(verdict.apply),
        "match_status": str(verdict.match_status),
        "claim": _claim_key(candidates, verdict.claim_id) if verdict.apply else None,
        "amount": str(verdict.amount) if verdict.apply and verdict.amount is not None else None,
        "reasons": list(verdict.reasons),
    }
    extra = match_document(None, verdict)
    for key in ("hold_reasons", "readings"):
        if key in extra:
            doc[key] = extra[key]
    return doc


@contextmanager
def suite_candidates(ctx: AppContext, suite: Suite) -> Iterator[list[ClaimCandidate]]:
    """The matching candidates of ``suite``'s records (empty without records), imported
    with the production importer into a temporary SQLite file that is deleted when the
    block ends. Raises what the importer raises for records it cannot import."""
    with tempfile.TemporaryDirectory(prefix="creditctl-eval-") as tmp:
        candidates = _temp_candidates(ctx, suite.records, Path(tmp)) if suite.records is not None else []
        try:
            yield candidates
        finally:
            _dispose(Path(tmp))


def run_suite(ctx: AppContext, suite: Suite, *, extractor: str | None = None) -> dict[str, Any]:
    """Evaluate one suite (see the module docstring); returns its report document."""
    with suite_candidates(ctx, suite) as candidates:
        items = [_run_case(ctx, suite, case, candidates, extractor) for case in suite.cases]
    return summarise(suite.name, items)


def _run_case(
    ctx: AppContext, suite: Suite, case: dict[str, Any], candidates: list[ClaimCandidate], extractor: str | None
) -> dict[str, Any]:
    expected = case["expected"]
    item: dict[str, Any] = {"suite": suite.name, "id": case["id"], "description": case.get("description", "")}
    try:
        result, _match, verdict, _parsed = judge_case(ctx, case_row(case), candidates, extractor)
    except Exception as exc:  # noqa: BLE001 - one unreadable case is reported, not fatal
        item["error"] = f"{type(exc).__name__}: {exc}"
        item["fields"] = {}
        got = {"apply": False, "claim": None, "amount": None, "reasons": [item["error"]], "match_status": "error"}
    else:
        item["fields"] = compare_fields(expected, result)
        got = verdict_document(verdict, candidates)
    item["got"] = got
    if suite.records is not None and expected.get("outcome") in ("apply", "hold"):
        item["outcome"] = score_outcome(_claim_resolved(expected, candidates), got)
    return item


def _claim_resolved(expected: dict[str, Any], candidates: list[ClaimCandidate]) -> dict[str, Any]:
    """``expected`` with a labelled claim that names no file number (the email does not
    carry it) completed from the records: the one claim whose creditor reference it names.
    A reference that no claim or several claims carry leaves the label as it is (the
    claim is then not identified, and an apply to any claim counts as wrong)."""
    claim = expected.get("claim")
    if not isinstance(claim, dict) or claim.get("client_file_number") or not claim.get("creditor_reference"):
        return expected
    ref = normalise_reference(claim["creditor_reference"])
    owners = {c.client_file_number for c in candidates if normalise_reference(c.creditor_reference or "") == ref}
    if len(owners) != 1 or sum(normalise_reference(c.creditor_reference or "") == ref for c in candidates) != 1:
        return expected
    return {**expected, "claim": {**claim, "client_file_number": owners.pop()}}


def _field_scores(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per field: hits, cases scored (a case that failed counts as a miss) and accuracy."""
    fields = {}
    for f in FIELDS:
        scored = [i for i in items if f in i.get("fields", {}) or "error" in i]
        hits = sum(1 for i in scored if i.get("fields", {}).get(f, {}).get("hit"))
        fields[f] = {"hits": hits, "cases": len(scored), "accuracy": round(hits / len(scored), 4) if scored else None}
    return fields


def _held(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every case not applied that had an expected outcome or went to review, with its reasons."""

    def one(i: dict[str, Any]) -> dict[str, Any]:
        got = i["got"]
        return {
            "suite": i["suite"],
            "id": i["id"],
            "expected": i["outcome"]["expected_outcome"] if "outcome" in i else None,
            "reasons": got.get("hold_reasons") or got["reasons"],
            **({"readings": got["readings"]} if got.get("readings") else {}),
        }

    return [
        one(i)
        for i in items
        if not i["got"]["apply"] and ("outcome" in i or i["got"]["match_status"] == "needs_review")
    ]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarise(name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    """The report of ``items`` (see ``docs/evaluation.md`` for each figure)."""
    with_outcome = [i for i in items if "outcome" in i]
    expected_applies = [i for i in with_outcome if i["outcome"]["expected_outcome"] == "apply"]
    correct_applies = [i for i in expected_applies if i["outcome"]["correct"]]
    wrong = [
        {"suite": i["suite"], "id": i["id"], "why": i["outcome"]["wrong_apply"]}
        for i in with_outcome
        if i["outcome"]["wrong_apply"]
    ]
    return {
        "suite": name,
        "cases": len(items),
        "errors": [{"id": i["id"], "error": i["error"]} for i in items if "error" in i],
        "fields": _field_scores(items),
        "outcome_cases": len(with_outcome),
        "expected_applies": len(expected_applies),
        "correct_applies": len(correct_applies),
        "automation_rate": _ratio(len(correct_applies), len(expected_applies)),
        "correct_holds": sum(
            1 for i in with_outcome if i["outcome"]["expected_outcome"] == "hold" and i["outcome"]["correct"]
        ),
        "wrong_applies": wrong,
        "held": _held(items),
        "items": items,
    }


def _check_extractor(ctx: AppContext, extractor: str | None) -> None:
    """Build the extractor once up front, so a missing API key is one clear error
    (``ConfigurationError``) instead of one per case."""
    if ctx.extractor_factory is None:
        reading.make_extractor(ctx.settings, extractor)


def evaluate_directory(ctx: AppContext, directory: Path, *, extractor: str | None = None) -> dict[str, Any]:
    """Evaluate every suite of ``directory``; returns ``{"suites": [...], "combined": {...}}``
    (``combined`` is the report over every case of every suite). Raises ``EvalInputError``."""
    suites = load_suites(directory)
    _check_extractor(ctx, extractor)
    reports = [run_suite(ctx, s, extractor=extractor) for s in suites]
    combined = summarise("combined", [i for r in reports for i in r["items"]])
    return {
        "directory": str(directory),
        "extractor": reading.choose_extractor_name(ctx.settings, extractor),
        "suites": reports,
        "combined": combined,
    }


# the office's reviewed emails ----------------------------------------------------------


def evaluate_reviewed(
    ctx: AppContext, *, since: datetime | None = None, extractor: str | None = None
) -> dict[str, Any]:
    """Re-read every reviewed email (``review_note`` set; received at or after ``since``)
    with the current code and score it against the reviewer's decision.

    Labels: approved with claim C (the claim-update row the approval wrote gives the
    amount X) → expected apply C X; rejected → expected hold. The candidates are the
    claims as they are now, except that an approved claim's amount is taken back to its
    amount before the approval (the ``old_amount`` of that row). Read-only: nothing is
    written. Returns the report of ``summarise`` under ``combined`` (one suite
    ``reviewed``). Raises ``StorageUnavailable`` when the database cannot be read: chained
    to the driver's error when it is unreachable (``creditctl.outages.classify``), else
    naming the error (an old schema: run ``creditctl db upgrade``).
    """
    from creditctl.services import claims
    from creditctl.services.backfill import readonly_session

    _check_extractor(ctx, extractor)
    try:
        items = _reviewed_items(ctx, since, extractor, readonly_session, claims)
    except SQLAlchemyError as exc:
        from creditctl.outages import classify

        if classify(exc) is not None:  # an outage: the CLI boundary names what is down, as for every command
            raise StorageUnavailable("cannot read the reviewed emails") from exc
        raise StorageUnavailable(
            f"cannot read the reviewed emails from the database: {type(exc).__name__}: "
            f"{str(exc).splitlines()[0][:200]} (run `creditctl db upgrade` on an old "
            "database; check CREDITCTL_DATABASE_URL)"
        ) from None
    report = summarise("reviewed", items)
    return {
        "database": "configured",
        "extractor": reading.choose_extractor_name(ctx.settings, extractor),
        "since": since.isoformat() if since else None,
        "suites": [report],
        "combined": report,
    }


def _reviewed_items(
    ctx: AppContext, since: datetime | None, extractor: str | None, readonly_session: Any, claims: Any
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    with readonly_session(ctx.db_url) as session:
        candidates = claims.load_candidates(session)
        query = select(Email).where(Email.review_note.is_not(None)).order_by(Email.id)
        if since is not None:
            query = query.where(Email.received_at >= since)
        emails = session.scalars(query).all()
        for email in emails:
            approved = (email.review_note or "").startswith("approved")
            expected: dict[str, Any] = {"outcome": "apply" if approved else "hold"}
            cands = candidates
            update: ClaimUpdate | None = None
            if approved:
                update = session.scalar(
                    select(ClaimUpdate)
                    .where(ClaimUpdate.email_id == email.id, ClaimUpdate.applied_by.like("review:%"))
                    .order_by(ClaimUpdate.id.desc())
                )
                claim_id = update.claim_id if update is not None else email.matched_claim_id
                row = session.execute(
                    select(Client.file_number, Claim.creditor_reference)
                    .join(Client, Claim.client_id == Client.id)
                    .where(Claim.id == claim_id)
                ).first()
                expected["claim"] = {"client_file_number": row[0], "creditor_reference": row[1]} if row else None
                expected["amount"] = str(update.new_amount) if update is not None else None
                if update is not None:
                    cands = [_with_amount(c, update.old_amount) if c.claim_id == claim_id else c for c in candidates]
            row_values = reading.email_values(email)
            item: dict[str, Any] = {
                "suite": "reviewed",
                "id": email.id,
                "description": email.review_note or "",
                "fields": {},
            }
            try:
                result, _match, verdict, _parsed = judge_case(ctx, row_values, cands, extractor)
                got = verdict_document(verdict, cands)
                if approved and update is not None and update.new_amount is not None:
                    item["fields"] = {"total": reviewed_total_field(update.new_amount, result)}
            except Exception as exc:  # noqa: BLE001 - reported per email
                item["error"] = f"{type(exc).__name__}: {exc}"
                got = {
                    "apply": False,
                    "claim": None,
                    "amount": None,
                    "reasons": [item["error"]],
                    "match_status": "error",
                }
            item["got"] = got
            item["outcome"] = score_outcome(expected, got)
            items.append(item)
    return items


def reviewed_total_field(approved: Decimal, result: ExtractionResult) -> dict[str, Any]:
    """The ``total`` field of a reviewed email: the amount the reviewer approved (the
    approval's claim-update row, the corrected amount when one was typed) is its label;
    ``{"hit", "expected", "got"}`` as ``compare_fields`` (a settled reading without a total
    counts as 0.00). A review labels no other field."""
    got = _settled_total(result.reply_kind.value, result.amounts.total)
    return {"hit": got == approved, "expected": _plain(approved), "got": _plain(got)}


def _with_amount(candidate: ClaimCandidate, amount: Decimal | None) -> ClaimCandidate:
    from dataclasses import replace

    return replace(candidate, amount=amount)
