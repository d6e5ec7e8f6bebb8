"""Importing the office's client records (JSON or CSV, docs/architecture.md "Interfaces").

Idempotent: a client is keyed by its file number, a claim by (client, creditor name,
creditor reference); importing the same file twice changes nothing. Amounts are read
as Decimal (``"540.00"`` or German ``"540,00"``).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creditctl.db import session_scope
from creditctl.exceptions import ImportFileError
from creditctl.models import Claim, Client
from creditctl.services.context import AppContext

CSV_COLUMNS = (
    "file_number",
    "client_name",
    "date_of_birth",
    "creditor_name",
    "agent_name",
    "creditor_email",
    "creditor_reference",
    "amount",
    "currency",
    "zendesk_ticket_id",
    "side_conversation_id",
)


@dataclass
class ImportReport:
    clients_created: int = 0
    clients_updated: int = 0
    claims_created: int = 0
    claims_updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def _blank(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text.lower() not in ("null", "none") else None


def parse_amount_text(value: Any, where: str) -> Decimal | None:
    """``"540.00"``, ``"1.234,56"``, ``540`` → Decimal; blank → None. Raises ``ImportFileError``."""
    text = _blank(value)
    if text is None:
        return None
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ImportFileError(f"{where}: amount {text!r} is not a number") from None


def read_records(path: Path) -> list[dict[str, Any]]:
    """Read a JSON or CSV client file into the JSON shape (list of clients with claims)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(data, list):
            raise ImportFileError(f"{path}: expected a JSON list of clients")
        return data
    return _csv_records(text, path)


def _csv_records(text: str, path: Path) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"file_number", "client_name", "creditor_name"} - set(reader.fieldnames or [])
    if missing:
        raise ImportFileError(f"{path}: missing CSV columns {sorted(missing)}; expected {', '.join(CSV_COLUMNS)}")
    clients: dict[str, dict[str, Any]] = {}
    for line_no, row in enumerate(reader, start=2):
        number = _blank(row.get("file_number"))
        if not number:
            raise ImportFileError(f"{path}:{line_no}: file_number is empty")
        client = clients.setdefault(
            number,
            {
                "file_number": number,
                "name": _blank(row.get("client_name")),
                "date_of_birth": _blank(row.get("date_of_birth")),
                "claims": [],
            },
        )
        claim: dict[str, Any] = {k: _blank(row.get(k)) for k in CSV_COLUMNS[3:]}
        claim["creditor_emails"] = [
            e.strip() for e in (claim.pop("creditor_email") or "").replace(";", ",").split(",") if e.strip()
        ]
        claim["_line"] = line_no
        client["claims"].append(claim)
    return list(clients.values())


def import_clients(ctx: AppContext, *, path: Path) -> ImportReport:
    """Load clients and claims from ``path`` into the database (one transaction).

    Raises ``ImportFileError`` naming the record at fault; nothing is written then.
    """
    records = read_records(path)
    report = ImportReport()
    with session_scope(ctx.db_url) as session:
        for index, rec in enumerate(records):
            where = f"{path.name} record {index + 1}"
            if not isinstance(rec, dict):
                raise ImportFileError(f"{where}: expected an object")
            number = _blank(rec.get("file_number"))
            name = _blank(rec.get("name") or rec.get("client_name"))
            if not number or not name:
                raise ImportFileError(f"{where}: file_number and name are required")
            client = session.scalar(select(Client).where(Client.file_number == number))
            dob = _blank(rec.get("date_of_birth"))
            if client is None:
                client = Client(file_number=number, name=name, date_of_birth=dob)
                session.add(client)
                session.flush()
                report.clients_created += 1
            elif (client.name, client.date_of_birth) != (name, dob):
                client.name, client.date_of_birth = name, dob
                report.clients_updated += 1
            for claim_rec in rec.get("claims") or []:
                _upsert_claim(
                    session,
                    client,
                    claim_rec,
                    f"{where}" + (f" (line {claim_rec.get('_line')})" if claim_rec.get("_line") else ""),
                    report,
                )
    return report


def _upsert_claim(session: Session, client: Client, rec: dict[str, Any], where: str, report: ImportReport) -> None:
    creditor = _blank(rec.get("creditor_name"))
    if not creditor:
        raise ImportFileError(f"{where}: creditor_name is required")
    reference = _blank(rec.get("creditor_reference"))
    emails = rec.get("creditor_emails")
    if emails is None and rec.get("creditor_email"):
        emails = [rec["creditor_email"]]
    emails = [str(e).strip().lower() for e in (emails or []) if str(e).strip()]
    values = {
        "agent_name": _blank(rec.get("agent_name")),
        "creditor_emails": emails,
        "creditor_domain": emails[0].rsplit("@", 1)[-1] if emails else None,
        "amount": parse_amount_text(rec.get("amount"), where),
        "currency": (_blank(rec.get("currency")) or "EUR").upper(),
        "zendesk_ticket_id": _blank(rec.get("zendesk_ticket_id")),
        "side_conversation_id": _blank(rec.get("side_conversation_id")),
    }
    query = select(Claim).where(Claim.client_id == client.id, Claim.creditor_name == creditor)
    query = (
        query.where(Claim.creditor_reference == reference)
        if reference
        else query.where(Claim.creditor_reference.is_(None))
    )
    claim = session.scalar(query)
    if claim is None:
        session.add(Claim(client_id=client.id, creditor_name=creditor, creditor_reference=reference, **values))
        report.claims_created += 1
        return
    if claim.updated_by_email_id is not None:
        values.pop("amount")  # a creditor's answer already updated it: the import does not roll it back
    changed = {k: v for k, v in values.items() if getattr(claim, k) != v}
    if changed:
        for k, v in changed.items():
            setattr(claim, k, v)
        report.claims_updated += 1
    else:
        report.unchanged += 1


def list_clients(ctx: AppContext) -> list[dict[str, Any]]:
    """Every client, by file number: ``[{"file_number": str, "name": str, "claims": int}]``
    (``claims``: how many creditor claims the client has). Read-only; for checking an
    import. Raises SQLAlchemy's errors when the database fails."""
    with session_scope(ctx.db_url) as session:
        rows = session.execute(
            select(Client.file_number, Client.name, func.count(Claim.id))
            .outerjoin(Claim, Claim.client_id == Client.id)
            .group_by(Client.id, Client.file_number, Client.name)
            .order_by(Client.file_number)
        ).all()
    return [{"file_number": number, "name": name, "claims": int(claims)} for number, name, claims in rows]
