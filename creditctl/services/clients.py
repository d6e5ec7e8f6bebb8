"""Importing the office's client records (JSON or CSV, docs/architecture.md "Interfaces").

Idempotent: a client is keyed by its file number, a claim by (client, creditor name,
creditor reference); importing the same file twice changes nothing. Amounts are read
as Decimal (``"540.00"`` or German ``"540,00"``). Every record is validated before anything
is written (README "Client records" documents the accepted values).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creditctl.db import session_scope
from creditctl.exceptions import ImportFileError
from creditctl.models import Claim, ClaimHolder, Client
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


@dataclass(frozen=True)
class ClaimRecord:
    """One validated claim: ``values`` are the Claim columns besides the identity."""

    creditor_name: str
    creditor_reference: str | None
    values: dict[str, Any]


@dataclass(frozen=True)
class ClientRecord:
    """One validated client with its validated claims."""

    file_number: str
    name: str
    date_of_birth: str | None
    claims: list[ClaimRecord]


MAX_PROBLEMS_SHOWN = 20
# Column widths of creditctl/models.py (Client, Claim): a longer value is refused by name
# instead of failing inside PostgreSQL (SQLite would store it silently).
_WIDTHS = {
    "file_number": 64,
    "name": 320,
    "creditor_name": 320,
    "agent_name": 320,
    "creditor_reference": 128,
    "zendesk_ticket_id": 64,
    "side_conversation_id": 64,
}
_PLAIN_AMOUNT = re.compile(r"\d{1,12}(\.\d{1,2})?")
_GERMAN_AMOUNT = re.compile(r"(\d{1,3}(\.\d{3}){1,3}|\d{1,12}),\d{1,2}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+")


def _blank(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text.lower() not in ("null", "none") else None


def parse_amount_text(value: Any, where: str) -> Decimal | None:
    """An amount of the client file → Decimal (2 places); blank → None.

    Accepted (README "Client records"): a plain decimal with a point, ``540``, ``540.5``,
    ``540.00`` (no thousands separator, at most 2 decimals), or the German form
    ``540,00`` / ``1.234,56`` (comma decimals, at most 2; point thousands groups of 3).
    Anything else (``1.234``, ``1,234.56``, ``12,34 €``, ``-5``) raises ``ImportFileError``
    naming ``where``: an ambiguous figure is refused, never guessed.
    """
    text = _blank(value)
    if text is None:
        return None
    if isinstance(value, bool):
        raise ImportFileError(f"{where}: amount {text!r} is not a number")
    if _PLAIN_AMOUNT.fullmatch(text):
        return Decimal(text).quantize(Decimal("0.01"))
    if _GERMAN_AMOUNT.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", ".")).quantize(Decimal("0.01"))
    raise ImportFileError(
        f'{where}: amount {text!r} is not a plain decimal (write 1234.56, or quoted German "1.234,56")'
    )


def _currency(value: Any, where: str) -> str:
    """An ISO 4217 code (babel's list of currencies); blank → ``EUR``. Raises ``ImportFileError``."""
    from babel.numbers import list_currencies

    text = _blank(value)
    if text is None:
        return "EUR"
    if not re.fullmatch(r"[A-Z]{3}", text) or text not in list_currencies():
        raise ImportFileError(f"{where}: currency {text!r} is not an ISO 4217 code (three capitals, e.g. EUR)")
    return text


def read_records(path: Path) -> list[dict[str, Any]]:
    """Read a JSON or CSV client file into the JSON shape (list of clients with claims).

    CSV rows keep their physical line in ``_line``; a client's rows keep each row's own
    client fields in ``_rows`` (``[{"_line", "client_name", "date_of_birth"}]``), for
    ``validate_records`` to check every row. Raises ``ImportFileError`` for an unreadable
    file, invalid JSON, a CSV header that is missing a required column or has an unknown
    one. A CSV row whose field count differs from the header's is left out and named in
    the list's ``problems`` attribute (``RecordList``), so that ``validate_records``
    reports it with every other row's problems in one run.
    """
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


class RecordList(list[dict[str, Any]]):
    """The records of a client file, with the ``problems`` found while reading it (CSV rows
    whose field count differs from the header's), reported by ``validate_records``."""

    problems: list[str]

    def __init__(self, records: list[dict[str, Any]], problems: list[str]) -> None:
        super().__init__(records)
        self.problems = problems


def _csv_records(text: str, path: Path) -> list[dict[str, Any]]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    missing = {"file_number", "client_name", "creditor_name"} - set(header)
    if missing:
        raise ImportFileError(f"{path}: missing CSV columns {sorted(missing)}; expected {', '.join(CSV_COLUMNS)}")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise ImportFileError(f"{path}: unknown CSV columns {unknown}; expected {', '.join(CSV_COLUMNS)}")
    problems: list[str] = []
    clients: dict[str, dict[str, Any]] = {}
    for fields in reader:
        line_no = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):  # named, and its values checked as well as they can be read
            found, read = _misfit_row_problems(header, fields, path.name, line_no)
            problems.extend(found)
            if read is not None:  # its client fields still take part in the checks across rows
                number = _blank(read.get("file_number")) or ""
                client = clients.setdefault(number, {**_row_client(read, line_no), "claims": [], "_rows": []})
                client["_rows"].append({"_line": line_no, **_row_client(read, line_no)})
            continue
        row = dict(zip(header, fields, strict=True))
        number = _blank(row.get("file_number")) or ""
        client = clients.setdefault(number, {**_row_client(row, line_no), "claims": [], "_rows": []})
        client["_rows"].append({"_line": line_no, **_row_client(row, line_no)})
        client["claims"].append(_row_claim(row, line_no))
    return RecordList(list(clients.values()), problems)


def _row_client(row: dict[str, str], line_no: int) -> dict[str, Any]:
    """The client fields of one CSV row (``row``: header → value)."""
    return {
        "file_number": _blank(row.get("file_number")) or "",
        "client_name": _blank(row.get("client_name")),
        "date_of_birth": _blank(row.get("date_of_birth")),
        "_line": line_no,
    }


def _row_claim(row: dict[str, str], line_no: int) -> dict[str, Any]:
    """The claim of one CSV row in the JSON shape (``creditor_emails`` a list)."""
    claim: dict[str, Any] = {k: _blank(row.get(k)) for k in CSV_COLUMNS[3:]}
    claim["creditor_emails"] = [
        e.strip() for e in (claim.pop("creditor_email") or "").replace(";", ",").split(",") if e.strip()
    ]
    claim["_line"] = line_no
    return claim


_COMMA_COLUMNS = ("amount", "creditor_name", "agent_name", "client_name", "creditor_email", "creditor_reference")
"""The CSV columns whose value may hold a comma (a German amount, a name, several
addresses, a reference), the most usual first: file numbers, dates, currencies and ticket
ids never do."""

_CLIENT_COLUMNS = ("file_number", "client_name", "date_of_birth")


def _fits_comma(column: str, value: str) -> bool:
    """Whether ``value`` (fields joined back with their commas) is a likely value of
    ``column``: a German amount for ``amount``, addresses on both sides for
    ``creditor_email``, words on both sides for a name, text on both sides for a reference."""
    parts = [part.strip() for part in value.split(",")]
    if not all(parts):
        return False
    if column == "amount":
        try:
            return parse_amount_text(value, column) is not None
        except ImportFileError:
            return False
    if column == "creditor_email":
        return all(_EMAIL.fullmatch(part) for part in parts)
    if column == "creditor_reference":
        return True
    return all(any(ch.isalpha() for ch in part) for part in parts)  # a name: words on both sides


def _misfit_row_problems(
    header: list[str], fields: list[str], file_name: str, line_no: int
) -> tuple[list[str], dict[str, str] | None]:
    """Every problem of a CSV row whose field count differs from the header's: the count
    first, then the problems of its values as they read best (the row is refused anyway),
    and the row (header → value) as read, or None when its fields cannot be assigned.

    Too few fields: read by position, the missing last ones empty. Too many (an unquoted
    comma, e.g. a German amount ``12,34``): each column that may hold a comma
    (``_COMMA_COLUMNS``) is read in turn as holding the extra comma(s), and only a reading
    whose joined value fits that column (``_fits_comma``: ``12,34`` an amount, ``Müller,
    Schmidt GmbH`` a name — never an empty part) counts; among those the one with the
    fewest problems is reported, the most usual column first among equals, and the count
    line names the column and suggests quoting it. When no column fits, the line says so
    and only the fields whose place is certain (before the first and after the last column
    that may hold a comma) are checked: shifted values are never checked as the columns
    they landed in."""
    where = f"{file_name} line {line_no}"
    extra = len(fields) - len(header)
    count = f'{where}: {len(fields)} fields, the header has {len(header)} (a comma inside a value must be quoted, e.g. "12,34")'
    if extra < 0:
        row = dict(zip(header, fields + [""] * -extra, strict=True))
        return [
            f"{count}; the missing last {-extra} field(s) read as empty",
            *_row_problems(row, where, file_name, line_no),
        ], row
    scored = []
    for order, column in enumerate(c for c in _COMMA_COLUMNS if c in header):
        i = header.index(column)
        row = dict(
            zip(header, fields[:i] + [",".join(fields[i : i + extra + 1])] + fields[i + extra + 1 :], strict=True)
        )
        if _fits_comma(column, row[column]):
            scored.append((len(_row_problems(row, where, file_name, line_no)), order, column, row))
    if scored:
        _, _, column, row = min(scored, key=lambda reading: reading[:2])
        hint = f'; read with the unquoted comma in {column} ({row[column]!r}): quote it, e.g. "{row[column]}"'
        return [count + hint, *_row_problems(row, where, file_name, line_no)], row
    indexes = [header.index(c) for c in _COMMA_COLUMNS if c in header]
    certain = header[: min(indexes)] + header[max(indexes) + 1 :]
    row = dict(zip(header, fields[: min(indexes)] + [""] * (len(header) - min(indexes)), strict=True))
    row.update(zip(header[max(indexes) + 1 :], fields[len(fields) - (len(header) - max(indexes) - 1) :], strict=True))
    fields_named = ", ".join(c for c in header if c not in certain)
    problems = [p for p in _row_problems(row, where, file_name, line_no) if any(f"field {c}:" in p for c in certain)]
    hint = f"; no column's value fits the extra comma, so {fields_named} cannot be told apart: quote the value that holds it"
    return [count + hint, *problems], None


def _row_problems(row: dict[str, str], where: str, file_name: str, line_no: int) -> list[str]:
    """The problems of one CSV row read as ``row`` (header → value), client fields and claim."""
    record = {**_row_client(row, line_no), "claims": [_row_claim(row, line_no)]}
    record["_rows"] = [_row_client(row, line_no)]
    return _check_record(record, where, file_name)[1]


_LINE_OF_PROBLEM = re.compile(r"\bline (\d+)\b")


def _line_order(problem: str) -> int:
    """The file line a problem names first, or 0 for one about the whole file (shown first)."""
    m = _LINE_OF_PROBLEM.search(problem)
    return int(m.group(1)) if m else 0


def _raise_problems(path: Path, problems: list[str]) -> None:
    problems = sorted((line for problem in problems for line in problem.split("\n  ")), key=_line_order)
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    raise ImportFileError(
        f"{path}: {len(problems)} problem(s), nothing imported:\n  "
        + "\n  ".join(shown)
        + (f"\n  … and {more} more" if more else "")
    )


def _text(rec: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = _blank(rec.get(key))
    if value is None and required:
        raise ImportFileError(f"{where}, field {key}: required, missing or empty")
    if value is not None and key in _WIDTHS and len(value) > _WIDTHS[key]:
        raise ImportFileError(f"{where}, field {key}: longer than {_WIDTHS[key]} characters")
    return value


def _emails(rec: dict[str, Any], where: str) -> list[str]:
    emails = rec.get("creditor_emails")
    if emails is None and rec.get("creditor_email"):
        emails = [rec["creditor_email"]]
    if not isinstance(emails, list | None):
        raise ImportFileError(f"{where}, field creditor_emails: expected a list of addresses")
    written = [str(e).strip() for e in (emails or []) if str(e).strip()]
    for email in written:
        if not _EMAIL.fullmatch(email):  # named as written, not as it would be stored
            raise ImportFileError(f"{where}, field creditor_email: {email!r} is not an email address")
    return [email.lower() for email in written]


def _claim_record(rec: Any, where: str) -> ClaimRecord:
    """Validate one claim. Raises ``ImportFileError`` naming every field at fault (one per line)."""
    if not isinstance(rec, dict):
        raise ImportFileError(f"{where}: expected an object")
    checks: dict[str, Callable[[], Any]] = {
        "creditor_name": lambda: _text(rec, "creditor_name", where, required=True),
        "creditor_reference": lambda: _text(rec, "creditor_reference", where),
        "agent_name": lambda: _text(rec, "agent_name", where),
        "creditor_emails": lambda: _emails(rec, where),
        "amount": lambda: parse_amount_text(rec.get("amount"), f"{where}, field amount"),
        "currency": lambda: _currency(rec.get("currency"), f"{where}, field currency"),
        "zendesk_ticket_id": lambda: _text(rec, "zendesk_ticket_id", where),
        "side_conversation_id": lambda: _text(rec, "side_conversation_id", where),
    }
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, check in checks.items():
        try:
            values[key] = check()
        except ImportFileError as exc:
            problems.append(str(exc))
    if problems:
        raise ImportFileError("\n  ".join(problems))
    creditor, reference = values.pop("creditor_name"), values.pop("creditor_reference")
    emails = values["creditor_emails"]
    values["creditor_domain"] = emails[0].rsplit("@", 1)[-1] if emails else None
    return ClaimRecord(creditor, reference, values)


def _where(file_name: str, rec: Any, fallback: str) -> str:
    """``"clients.csv line 7"`` for a CSV row, else ``fallback`` (the JSON record/claim number)."""
    line = rec.get("_line") if isinstance(rec, dict) else None
    return f"{file_name} line {line}" if line else fallback


def _claims_of(rec: dict[str, Any], where: str) -> list[Any]:
    claims = rec.get("claims") or []
    if not isinstance(claims, list):
        raise ImportFileError(f"{where}, field claims: expected a list")
    return claims


def _client_record(rec: Any, where: str, file_name: str) -> ClientRecord:
    if not isinstance(rec, dict):
        raise ImportFileError(f"{where}: expected an object")
    name_key = "name" if _blank(rec.get("name")) is not None or "client_name" not in rec else "client_name"
    problems: list[str] = []
    number = name = dob = None
    try:
        number = _text(rec, "file_number", where, required=True)
    except ImportFileError as exc:
        problems.append(str(exc))
    rows = rec.get("_rows") or [
        {"_line": None, "client_name": rec.get(name_key), "date_of_birth": rec.get("date_of_birth")}
    ]
    for row in rows:  # every CSV row of this file number: its own client fields checked
        row_where = f"{file_name} line {row['_line']}" if row.get("_line") else where
        try:
            row_name = _text({"name": row.get("client_name")}, "name", row_where, required=True)
        except ImportFileError as exc:
            problems.append(str(exc).replace("field name", f"field {name_key}"))
            row_name = None
        try:
            row_dob = _date_of_birth(row.get("date_of_birth"), row_where)
        except ImportFileError as exc:
            problems.append(str(exc))
            row_dob = None
        name, dob = (row_name, row_dob) if name is None else (name, dob)
    problems.extend(_contradictions(rows, number, file_name))
    if problems:
        raise ImportFileError("\n  ".join(problems))
    assert number is not None and name is not None  # required above
    claims = [
        _claim_record(claim, _where(file_name, claim, f"{where}, claim {index + 1}"))
        for index, claim in enumerate(_claims_of(rec, where))
    ]
    return ClientRecord(number, name, dob, claims)


def _date_of_birth(value: Any, where: str) -> str | None:
    """A date of birth as ISO text (``YYYY-MM-DD``, a real day); blank → None. Raises ``ImportFileError``."""
    dob = _blank(value)
    if dob is not None and not _ISO_DATE.fullmatch(dob):
        raise ImportFileError(f"{where}, field date_of_birth: {dob!r} is not an ISO date (YYYY-MM-DD)")
    if dob is not None:
        try:
            date.fromisoformat(dob)
        except ValueError:  # 1980-13-01, 1980-02-30: the right shape, no such day
            raise ImportFileError(f"{where}, field date_of_birth: {dob!r} is not a real date (no such day)") from None
    return dob


def _contradictions(rows: list[dict[str, Any]], number: str | None, file_name: str) -> list[str]:
    """The CSV rows of one file number that state another client name or date of birth
    than its first row, each naming both lines (a file number is one person)."""
    first = rows[0]
    out = []
    for row in rows[1:]:
        for key in ("client_name", "date_of_birth"):
            a, b = _blank(first.get(key)), _blank(row.get(key))
            if a != b:
                out.append(
                    f"{file_name} line {row['_line']}, field {key}: file number {number!r} has {key} {b!r} here "
                    f"but {a!r} on line {first['_line']}; one file number is one client — correct one of the lines"
                )
    return out


def _record_contradiction(first: tuple[str, ClientRecord], where: str, rec: ClientRecord) -> list[str]:
    """A JSON record repeating an earlier record's file number with another name or date of birth."""
    first_where, earlier = first
    out = []
    for key, a, b in (("name", earlier.name, rec.name), ("date_of_birth", earlier.date_of_birth, rec.date_of_birth)):
        if a != b:
            out.append(
                f"{where}, field {key}: file number {rec.file_number!r} has {key} {b!r} here but {a!r} in "
                f"{first_where}; one file number is one client — correct one of the records"
            )
    return out


def _check_record(rec: Any, where: str, file_name: str) -> tuple[ClientRecord | None, list[str]]:
    """One client record checked: ``(the client, [])``, or ``(None, every problem)`` — its
    client fields' and every claim's, one problem per item."""
    try:
        return _client_record(rec, where, file_name), []
    except ImportFileError as exc:
        problems = str(exc).split("\n  ")
    if isinstance(rec, dict) and isinstance(rec.get("claims"), list):
        for index, claim in enumerate(rec["claims"]):  # the client is refused: name its claims' problems too
            try:
                _claim_record(claim, _where(file_name, claim, f"{where}, claim {index + 1}"))
            except ImportFileError as exc:
                problems.extend(p for p in str(exc).split("\n  ") if p not in problems)
    return None, problems


def validate_records(records: list[Any], path: Path) -> list[ClientRecord]:
    """Check every record of a client file before anything is written.

    Returns the validated clients. Raises ``ImportFileError`` listing every problem
    (file, line for CSV or record/claim number for JSON, and the field) when any exists:
    the rows ``read_records`` left out (wrong field count) and every field of every other
    row, each CSV row's client fields included; rows or records of one file number that
    state another client name or date of birth are refused naming both.
    """
    problems: list[str] = list(getattr(records, "problems", []))
    valid: list[ClientRecord] = []
    seen: dict[str, tuple[str, ClientRecord]] = {}
    for index, rec in enumerate(records):
        where = _where(path.name, rec, f"{path.name} record {index + 1}")
        client, found = _check_record(rec, where, path.name)
        problems.extend(p for p in found if p not in problems)
        if client is None:
            continue
        if client.file_number in seen:  # JSON: the same file number in two records
            contradictions = _record_contradiction(seen[client.file_number], where, client)
            if contradictions:
                problems.extend(contradictions)
                continue
        seen.setdefault(client.file_number, (where, client))
        valid.append(client)
    _raise_problems(path, problems)
    return valid


def import_clients(ctx: AppContext, *, path: Path) -> ImportReport:
    """Load clients and claims from ``path`` into the database (one transaction).

    Every record is validated first (``validate_records``); raises ``ImportFileError``
    naming each record at fault, and nothing is written then.
    """
    records = validate_records(read_records(path), path)
    report = ImportReport()
    with session_scope(ctx.db_url) as session:
        for rec in records:
            client = session.scalar(select(Client).where(Client.file_number == rec.file_number))
            if client is None:
                client = Client(file_number=rec.file_number, name=rec.name, date_of_birth=rec.date_of_birth)
                session.add(client)
                session.flush()
                report.clients_created += 1
            elif (client.name, client.date_of_birth) != (rec.name, rec.date_of_birth):
                client.name, client.date_of_birth = rec.name, rec.date_of_birth
                report.clients_updated += 1
            for claim_rec in rec.claims:
                _upsert_claim(session, client, claim_rec, report)
    return report


def _upsert_claim(session: Session, client: Client, rec: ClaimRecord, report: ImportReport) -> None:
    values = dict(rec.values)
    creditor, reference = rec.creditor_name, rec.creditor_reference
    query = select(Claim).where(Claim.client_id == client.id, Claim.creditor_name == creditor)
    query = (
        query.where(Claim.creditor_reference == reference)
        if reference
        else query.where(Claim.creditor_reference.is_(None))
    )
    claim = session.scalar(query)
    if claim is None and _sold_away(session, client.id, creditor, reference):
        report.unchanged += 1  # a person recorded this claim sold: the records' old holder stays history
        return
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


def _sold_away(session: Session, client_id: int, creditor: str, reference: str | None) -> bool:
    """Whether a claim of client ``client_id`` was held by ``creditor`` under ``reference``
    before a person recorded it sold (a standing ``claim_holders`` row): then the records
    still name the previous holder and importing them must not create that claim again."""
    query = (
        select(ClaimHolder.id)
        .join(Claim, Claim.id == ClaimHolder.claim_id)
        .where(Claim.client_id == client_id, ClaimHolder.undone_at.is_(None), ClaimHolder.old_creditor_name == creditor)
    )
    query = (
        query.where(ClaimHolder.old_creditor_reference == reference)
        if reference
        else query.where(ClaimHolder.old_creditor_reference.is_(None))
    )
    return session.scalar(query.limit(1)) is not None


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
