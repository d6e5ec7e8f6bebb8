"""The MongoDB mirror of the office's client portal (pymongo; mongomock in tests).

Shape (docs/architecture.md, "Interfaces"): collection ``clients``, one document per client::

    {"aktenzeichen": "BÖ-2024-0173",            # the client file number, the key
     "client_name": "Tamara Reinholz",
     "final_creditor_list": [                    # one element per claim
        {"creditor_name": "Modehaus Lindner KG",
         "agent_name": "Rheinpfalz Inkasso GmbH",
         "creditor_reference": "RPI-7712-4408-19",
         "creditor_email": "forderungsmanagement@rheinpfalz-inkasso.example",
         "zendesk_ticket_id": "4711", "side_conversation_id": "sc-99",
         "currency": "EUR",
         "current_debt_amount": Decimal128("540.00"),
         # written by a claim update:
         "creditor_response_amount": Decimal128("612.34"),
         "amount_source": "creditor_response",
         "response_received_at": datetime (UTC),
         "contact_status": "response_received",
         "creditor_response_text": "short summary",
         "creditctl_update_keys": ["<idempotency key>", ...]}]}

Only ``aktenzeichen``, ``final_creditor_list`` and the six fields a claim update sets
come from docs/architecture.md; ``client_name``, ``creditor_name``, ``agent_name``,
``creditor_reference``, ``creditor_email``, ``zendesk_ticket_id``,
``side_conversation_id``, ``currency`` and ``creditctl_update_keys`` are our names,
since the portal's own names beyond docs/architecture.md are not known. ``creditor_email`` may be
a string or a list of strings (MongoDB's equality and ``$in`` match both).

Money is stored as ``Decimal128`` (exact; mongomock 4.x supports it, checked in the
tests); reading also accepts strings, ints and floats a portal may hold (a float goes
through ``str`` so ``540.1`` reads as ``Decimal("540.1")``).

Idempotency: the update filter requires the idempotency key NOT to be in the element's
``creditctl_update_keys`` and ``$addToSet``s it in the same atomic ``update_one``, so
the same update applied twice changes the element once.

Locating the element, safely: the criteria are tried one at a time in the order
reference, side conversation id, ticket id, sender email (most to least specific),
never OR'ed into one filter — an ``$or`` would let the positional ``$`` pick the
first element matching the weakest criterion. The first criterion that matches any
element decides; when it matches several elements, later criteria narrow them (AND);
when several are still left the update is refused as ``"ambiguous"`` (money is not
applied to a guess).

pymongo's ``ConnectionFailure`` family (``AutoReconnect``, ``ServerSelectionTimeoutError``,
``NetworkTimeout``) becomes ``MirrorUnavailable`` with one short line (``outage_line``):
the retry policy treats it as transient; the SDK error stays its ``__cause__``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal, ParamSpec, TypeVar

import pymongo
import pymongo.errors
from bson.decimal128 import Decimal128

from creditctl.exceptions import MirrorRejected, MirrorUnavailable

COLLECTION = "clients"
CLAIMS = "final_creditor_list"
KEYS = "creditctl_update_keys"
SUMMARY_MAX_CHARS = 500

ApplyOutcome = Literal["applied", "already_applied", "no_document", "no_element", "ambiguous"]


@dataclass(frozen=True)
class MirrorClaimUpdate:
    """One claim update to mirror, as plain values.

    ``new_amount`` is Decimal euros (or ``currency`` units of the claim);
    ``response_received_at`` must be timezone-aware (stored as UTC);
    ``response_text`` is cut to 500 characters; ``idempotency_key`` is the same key
    as the SQL claim-update row, so the mirror and SQL agree on what was applied.
    """

    client_file_number: str
    creditor_reference: str | None
    creditor_emails: tuple[str, ...]
    zendesk_ticket_id: str | None
    side_conversation_id: str | None
    new_amount: Decimal
    response_received_at: datetime
    response_text: str
    idempotency_key: str

    def __post_init__(self) -> None:
        if self.response_received_at.tzinfo is None:
            raise ValueError("response_received_at must be timezone-aware (UTC)")
        if not isinstance(self.new_amount, Decimal):
            raise TypeError("new_amount must be a Decimal")
        if not self.idempotency_key:
            raise ValueError("idempotency_key must not be empty")


@dataclass(frozen=True)
class MirrorHolderChange:
    """A claim's new holder to mirror (``creditctl review sold``), or its undo, as plain values.

    The element is found by the claim's reference, side conversation, ticket or sender
    addresses, each of the holder before or after the change (``references``, ``emails``:
    the element may still show either); it then shows ``holder`` (name, agent, reference,
    addresses) and ``creditctl_holder_change``: the email that reported it (``email_id``),
    ``sold_at`` (timezone-aware), the previous holder's name, ``recorded_by`` and ``undone``.
    ``key``: written once per key (``creditctl_holder_keys``).
    """

    client_file_number: str
    references: tuple[str, ...]
    emails: tuple[str, ...]
    zendesk_ticket_id: str | None
    side_conversation_id: str | None
    creditor_name: str
    agent_name: str | None
    creditor_reference: str | None
    creditor_emails: tuple[str, ...]
    previous_creditor_name: str
    email_id: int
    sold_at: datetime
    recorded_by: str
    undone: bool
    key: str

    def __post_init__(self) -> None:
        if self.sold_at.tzinfo is None:
            raise ValueError("sold_at must be timezone-aware (UTC)")
        if not self.key:
            raise ValueError("key must not be empty")


HOLDER_KEYS = "creditctl_holder_keys"
HOLDER_CHANGE = "creditctl_holder_change"


@dataclass(frozen=True)
class MirrorClaim:
    """One element of ``final_creditor_list``, flattened for ``creditctl mirror check``.

    ``current_debt_amount`` is Decimal (None when absent or unreadable);
    ``last_update_key`` is the idempotency key applied last (None when never updated).
    """

    client_file_number: str
    creditor_name: str | None
    creditor_reference: str | None
    creditor_emails: tuple[str, ...]
    current_debt_amount: Decimal | None
    last_update_key: str | None
    update_keys: tuple[str, ...]


def to_decimal(value: Any) -> Decimal | None:
    """Decimal from what a mirror field may hold: Decimal128, str, int, float or None.

    Returns None for None or an unparsable value (a portal typo is not our crash).
    """
    if value is None:
        return None
    if isinstance(value, Decimal128):
        return value.to_decimal()
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, str)):
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:
            return None
        return number if number.is_finite() else None
    return None


def _email_variants(emails: Sequence[str]) -> list[str]:
    """The addresses as given plus lowercased (MongoDB string equality is case-sensitive)."""
    out: list[str] = []
    for addr in emails:
        for variant in (addr.strip(), addr.strip().lower()):
            if variant and variant not in out:
                out.append(variant)
    return out


def _criteria(update: MirrorClaimUpdate) -> list[dict[str, Any]]:
    """Element criteria, most specific first; empty values are left out."""
    out: list[dict[str, Any]] = []
    if update.creditor_reference:
        out.append({"creditor_reference": update.creditor_reference})
    if update.side_conversation_id:
        out.append({"side_conversation_id": update.side_conversation_id})
    if update.zendesk_ticket_id:
        out.append({"zendesk_ticket_id": update.zendesk_ticket_id})
    emails = _email_variants(update.creditor_emails)
    if emails:
        out.append({"creditor_email": {"$in": emails}})
    return out


def _holder_criteria(change: MirrorHolderChange) -> list[dict[str, Any]]:
    """``_criteria`` of a holder change: the references and addresses of either holder."""
    out: list[dict[str, Any]] = []
    references = [r for r in dict.fromkeys(change.references) if r]
    if references:
        out.append({"creditor_reference": {"$in": references}})
    if change.side_conversation_id:
        out.append({"side_conversation_id": change.side_conversation_id})
    if change.zendesk_ticket_id:
        out.append({"zendesk_ticket_id": change.zendesk_ticket_id})
    emails = _email_variants(change.emails)
    if emails:
        out.append({"creditor_email": {"$in": emails}})
    return out


def _element_matches(element: Mapping[str, Any], criterion: Mapping[str, Any]) -> bool:
    """Python mirror of the MongoDB match of one criterion (equality or ``$in``)."""
    ((field, wanted),) = criterion.items()
    value = element.get(field)
    values = value if isinstance(value, list) else [value]
    if isinstance(wanted, dict):
        return any(v in wanted["$in"] for v in values)
    return wanted in values


def _select_criterion(
    elements: Sequence[Mapping[str, Any]], criteria: Sequence[dict[str, Any]]
) -> dict[str, Any] | Literal["ambiguous"] | None:
    """The ``$elemMatch`` criterion that singles out one element, or ``"ambiguous"``, or
    None when no criterion matches any element.

    The first criterion (most specific) matching any element decides; when it matches
    several elements, each later criterion that still matches some of them is AND-ed in
    (e.g. one ticket for several claims, narrowed by the sender's address) until one
    element is left. Several left at the end → ``"ambiguous"``.
    """
    for i, first in enumerate(criteria):
        candidates = [e for e in elements if _element_matches(e, first)]
        if not candidates:
            continue
        combined = dict(first)
        for later in criteria[i + 1 :]:
            if len(candidates) == 1:
                break
            narrowed = [e for e in candidates if _element_matches(e, later)]
            if narrowed:
                candidates = narrowed
                combined.update(later)
        return combined if len(candidates) == 1 else "ambiguous"
    return None


_P = ParamSpec("_P")
_R = TypeVar("_R")

_OUTAGES = (
    pymongo.errors.ConnectionFailure,
    pymongo.errors.ServerSelectionTimeoutError,
    pymongo.errors.NetworkTimeout,
    pymongo.errors.ExecutionTimeout,
    pymongo.errors.WTimeoutError,
)


_SERVER_ERROR = re.compile(r"^(?P<host>\[?[\w.:-]*?\]?:\d+): (?:\[Errno -?\d+\] )?(?P<reason>[^,(]+)")
"""pymongo's per-server error: ``127.0.0.1:9: [Errno 111] Connection refused (configured …)``."""
_REASON_MAX_CHARS = 80


def outage_line(exc: BaseException) -> str:
    """One short line for a pymongo outage, e.g. ``MongoDB mirror unreachable at
    127.0.0.1:9 (connection refused); check CREDITCTL_MONGODB_URL``.

    pymongo's ``ServerSelectionTimeoutError`` text repeats its topology description
    (about 1 KB, several times along a cause chain); only the first server's address and
    reason are kept. A message in another form keeps its class name and first words.
    """
    text = str(exc).split(", Timeout:", 1)[0].split("Topology Description:", 1)[0].strip()
    found = _SERVER_ERROR.match(text)
    if found:
        where = f" at {found['host']}"
        reason = found["reason"].strip().rstrip(".").lower()
    else:
        where = ""
        reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    if len(reason) > _REASON_MAX_CHARS:
        reason = reason[: _REASON_MAX_CHARS - 1] + "…"
    return f"MongoDB mirror unreachable{where} ({reason}); check CREDITCTL_MONGODB_URL"


def translate(exc: BaseException) -> BaseException:
    """pymongo's error → the project's: an outage (connection, server selection, timeout)
    → ``MirrorUnavailable`` (transient) with one short line (``outage_line``); any other
    ``PyMongoError`` → ``MirrorRejected`` (permanent); anything else unchanged. The SDK
    error is the ``__cause__`` (for ``--debug``; the message does not repeat it)."""
    if isinstance(exc, _OUTAGES):
        translated: BaseException = MirrorUnavailable(outage_line(exc))
    elif isinstance(exc, pymongo.errors.PyMongoError):
        detail = " ".join(str(exc).split("Topology Description:", 1)[0].split())[:200]
        translated = MirrorRejected(f"MongoDB refused the mirror write: {type(exc).__name__}: {detail}")
    else:
        return exc
    translated.__cause__ = exc
    return translated


def _translating(method: Callable[_P, _R]) -> Callable[_P, _R]:
    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except pymongo.errors.PyMongoError as exc:
            raise translate(exc) from exc

    return wrapper


class MongoMirror:
    """Reads and writes the ``clients`` collection of ``database``.

    ``client`` is a ``pymongo.MongoClient`` (production) or ``mongomock.MongoClient``
    (tests). Every method translates pymongo's errors where they are raised
    (``translate``): ``MirrorUnavailable`` on outages (retried), ``MirrorRejected``
    otherwise.
    """

    def __init__(self, client: Any, database: str) -> None:
        self.client = client
        self.collection = client[database][COLLECTION]

    @classmethod
    def from_url(cls, url: str, database: str, *, timeout_ms: int = 5000) -> MongoMirror:
        """A mirror on a real ``pymongo.MongoClient(url)``; server selection, connect and
        socket operations time out after ``timeout_ms`` milliseconds.

        Connecting is lazy: an unreachable server raises ``ServerSelectionTimeoutError``
        on the first operation (``ping``), not here. Timestamps read back are UTC-aware.
        """
        client: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(
            url,
            serverSelectionTimeoutMS=timeout_ms,
            connectTimeoutMS=timeout_ms,
            socketTimeoutMS=timeout_ms,
            tz_aware=True,
            appname="creditctl",
        )
        return cls(client, database)

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()

    @_translating
    def ping(self) -> None:
        """Round-trip to the server. Raises ``ServerSelectionTimeoutError`` when down."""
        self.client.admin.command("ping")

    @_translating
    def apply_claim_update(self, update: MirrorClaimUpdate) -> ApplyOutcome:
        """Set the claim update on the matching element of the client's
        ``final_creditor_list``, at most once per ``idempotency_key``.

        Returns ``"applied"`` (written now), ``"already_applied"`` (the element holds the
        key: nothing written), ``"no_document"`` (no client with that aktenzeichen),
        ``"no_element"`` (no claim element matches any criterion) or ``"ambiguous"``
        (the most specific matching criterion fits several elements: nothing written).
        Raises pymongo ``ConnectionFailure`` subclasses on outages.
        """
        return self._write_element_once(
            update.client_file_number,
            _criteria(update),
            keys_field=KEYS,
            key=update.idempotency_key,
            fields=self._claim_fields(update),
        )

    def _write_element_once(
        self,
        file_number: str,
        criteria: Sequence[dict[str, Any]],
        *,
        keys_field: str,
        key: str,
        fields: dict[str, Any],
    ) -> ApplyOutcome:
        """Set ``fields`` on the one claim element of the client ``file_number`` that
        ``criteria`` single out (``_select_criterion``) unless its ``keys_field``
        list holds ``key`` already, adding ``key`` to it in the same update (MongoDB's
        ``$elemMatch`` with ``$ne`` and the positional ``$``: at most once per key).
        Outcomes as ``apply_claim_update``'s."""
        document = self.collection.find_one({"aktenzeichen": file_number}, {CLAIMS: 1})
        if document is None:
            return "no_document"
        elements = [e for e in document.get(CLAIMS) or [] if isinstance(e, Mapping)]
        criterion = _select_criterion(elements, criteria)
        if criterion is None:
            return "no_element"
        if criterion == "ambiguous":
            return "ambiguous"
        result = self.collection.update_one(
            {"aktenzeichen": file_number, CLAIMS: {"$elemMatch": {**criterion, keys_field: {"$ne": key}}}},
            {"$set": fields, "$addToSet": {f"{CLAIMS}.$.{keys_field}": key}},
        )
        if result.matched_count:
            return "applied"
        if self.collection.find_one(
            {"aktenzeichen": file_number, CLAIMS: {"$elemMatch": {**criterion, keys_field: key}}}, {"_id": 1}
        ):
            return "already_applied"
        # the element changed between our read and the write (a concurrent edit)
        return "no_element"

    @_translating
    def apply_holder_change(self, change: MirrorHolderChange) -> ApplyOutcome:
        """Show ``change``'s holder on the claim's element of the client's
        ``final_creditor_list`` (``creditor_name``, ``agent_name``, ``creditor_reference``,
        ``creditor_email``) with ``creditctl_holder_change`` (the hold that made it), at
        most once per ``change.key``. Outcomes as ``apply_claim_update``'s. Raises pymongo
        ``ConnectionFailure`` subclasses on outages (as ``MirrorUnavailable``)."""
        prefix = f"{CLAIMS}.$."
        emails = list(change.creditor_emails)
        fields = {
            prefix + "creditor_name": change.creditor_name,
            prefix + "agent_name": change.agent_name,
            prefix + "creditor_reference": change.creditor_reference,
            prefix + "creditor_email": emails[0] if len(emails) == 1 else (emails or None),
            prefix + HOLDER_CHANGE: {
                "email_id": change.email_id,
                "sold_at": change.sold_at.astimezone(UTC),
                "previous_creditor_name": change.previous_creditor_name,
                "recorded_by": change.recorded_by,
                "undone": change.undone,
            },
        }
        return self._write_element_once(
            change.client_file_number,
            _holder_criteria(change),
            keys_field=HOLDER_KEYS,
            key=change.key,
            fields=fields,
        )

    @staticmethod
    def _claim_fields(update: MirrorClaimUpdate) -> dict[str, Any]:
        amount = Decimal128(update.new_amount)
        text = " ".join(update.response_text.split())
        if len(text) > SUMMARY_MAX_CHARS:
            text = text[: SUMMARY_MAX_CHARS - 1] + "…"
        prefix = f"{CLAIMS}.$."
        return {
            prefix + "current_debt_amount": amount,
            prefix + "creditor_response_amount": amount,
            prefix + "amount_source": "creditor_response",
            prefix + "response_received_at": update.response_received_at.astimezone(UTC),
            prefix + "contact_status": "response_received",
            prefix + "creditor_response_text": text,
        }

    def read_claims(self) -> Iterator[MirrorClaim]:
        """Every element of every client's ``final_creditor_list``, flattened, in
        aktenzeichen order. Raises ``MirrorUnavailable`` on outages (while iterating)."""
        try:
            yield from self._read_claims()
        except pymongo.errors.PyMongoError as exc:
            raise translate(exc) from exc

    def _read_claims(self) -> Iterator[MirrorClaim]:
        cursor = self.collection.find({}, {"aktenzeichen": 1, CLAIMS: 1}).sort("aktenzeichen", 1)
        for document in cursor:
            for element in document.get(CLAIMS) or []:
                if not isinstance(element, Mapping):
                    continue
                keys = tuple(str(k) for k in element.get(KEYS) or [])
                email = element.get("creditor_email")
                emails = tuple(email) if isinstance(email, list) else ((email,) if email else ())
                yield MirrorClaim(
                    client_file_number=str(document.get("aktenzeichen")),
                    creditor_name=element.get("creditor_name"),
                    creditor_reference=element.get("creditor_reference"),
                    creditor_emails=emails,
                    current_debt_amount=to_decimal(element.get("current_debt_amount")),
                    last_update_key=keys[-1] if keys else None,
                    update_keys=keys,
                )

    @_translating
    def upsert_client(self, file_number: str, name: str, claims: Sequence[Mapping[str, Any]]) -> None:
        """Seed the mirror with a client and its claims (``creditctl clients import``).

        ``claims`` items use the import names (docs/architecture.md, "Interfaces"): ``creditor_name``,
        ``agent_name``, ``creditor_emails`` (list) or ``creditor_email``,
        ``creditor_reference``, ``amount`` (Decimal or str, euros), ``currency``,
        ``zendesk_ticket_id``, ``side_conversation_id``. Creates the document when
        missing, sets ``client_name``, and appends only claims not yet present (same
        reference, or same creditor name when there is no reference): existing
        elements, with amounts a creditor response may have set, are left alone, so
        importing twice changes nothing.
        """
        self.collection.update_one(
            {"aktenzeichen": file_number},
            {"$set": {"client_name": name}, "$setOnInsert": {CLAIMS: []}},
            upsert=True,
        )
        for claim in claims:
            element = _element_from_import(claim)
            if element.get("creditor_reference"):
                identity = {"creditor_reference": element["creditor_reference"]}
            else:
                identity = {"creditor_name": element.get("creditor_name"), "creditor_reference": None}
            self.collection.update_one(
                {"aktenzeichen": file_number, CLAIMS: {"$not": {"$elemMatch": identity}}},
                {"$push": {CLAIMS: element}},
            )


def _element_from_import(claim: Mapping[str, Any]) -> dict[str, Any]:
    emails = claim.get("creditor_emails")
    if emails is None:
        emails = [claim["creditor_email"]] if claim.get("creditor_email") else []
    emails = [str(e).strip() for e in emails if e and str(e).strip()]
    amount = claim.get("amount")
    element: dict[str, Any] = {
        "creditor_name": claim.get("creditor_name"),
        "agent_name": claim.get("agent_name") or None,
        "creditor_reference": claim.get("creditor_reference") or None,
        "creditor_email": emails[0] if len(emails) == 1 else (emails or None),
        "zendesk_ticket_id": _str_or_none(claim.get("zendesk_ticket_id")),
        "side_conversation_id": _str_or_none(claim.get("side_conversation_id")),
        "currency": claim.get("currency") or "EUR",
        "current_debt_amount": Decimal128(Decimal(str(amount))) if amount not in (None, "") else None,
        KEYS: [],
    }
    return element


def _str_or_none(value: Any) -> str | None:
    return None if value in (None, "") else str(value)
