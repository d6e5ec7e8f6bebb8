"""``creditctl mirror check``: no silent divergence between SQL and the MongoDB mirror.

SQL is the source of truth (see ``creditctl.services.claims``). Every SQL claim is
looked up in the mirror by the identity the mirror is seeded with
(``MongoMirror.upsert_client``): the client's file number (``aktenzeichen``) and the
creditor reference, or the creditor name when the claim has no reference. Problems:

* ``missing in mirror`` — no element for the claim (or no document for the client);
* ``ambiguous in mirror`` — several elements carry the claim's identity;
* ``mirror write pending`` — a claim update or a holder change of the claim is not
  mirrored yet (``claim_updates`` / ``claim_holders.mirror_status`` pending or failed): the mirror task or
  ``creditctl retry --mirror`` catches it up;
* ``amount differs`` — the element's ``current_debt_amount`` is not the SQL amount;
* ``missing in SQL`` — an element of a client we hold has no SQL claim.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from creditctl.db import session_scope
from creditctl.models import Claim, ClaimHolder, ClaimUpdate, Client
from creditctl.services.context import AppContext

MISSING = "missing in mirror"
AMBIGUOUS = "ambiguous in mirror"
PENDING = "mirror write pending"
DIFFERS = "amount differs"
MISSING_IN_SQL = "missing in SQL"


def _identity(file_number: str, reference: str | None, creditor_name: str | None) -> tuple[str, str, str]:
    """The key a claim is found by: reference when present, else the creditor name."""
    if reference:
        return (file_number, "ref", reference.strip())
    return (file_number, "name", (creditor_name or "").strip().casefold())


def _money(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def compare(ctx: AppContext) -> dict[str, Any]:
    """Compare every SQL claim's amount with its mirror element.

    Returns ``{"checked": N (SQL claims compared), "differences": [...], "mirror":
    "off"|"ok"}``; each difference has ``claim_id`` (None for ``missing in SQL``),
    ``client_file_number``, ``creditor_reference``, ``creditor_name``, ``sql_amount``
    and ``mirror_amount`` (str Decimal or None) and ``problem`` (see the module
    docstring). With no mirror configured: ``{"checked": 0, "differences": [],
    "mirror": "off"}``. Raises ``MirrorUnavailable`` when MongoDB cannot be read.
    """
    if ctx.mirror is None:
        return {"checked": 0, "differences": [], "mirror": "off"}
    with session_scope(ctx.db_url) as session:
        rows = session.execute(
            select(Claim.id, Client.file_number, Claim.creditor_name, Claim.creditor_reference, Claim.amount)
            .join(Client, Claim.client_id == Client.id)
            .order_by(Client.file_number, Claim.id)
        ).all()
        unmirrored = set(
            session.scalars(select(ClaimUpdate.claim_id).where(ClaimUpdate.mirror_status.in_(("pending", "failed"))))
        )
        # a holder change not yet mirrored (review sold, its undo): the element still shows the previous holder
        unmirrored |= set(
            session.scalars(select(ClaimHolder.claim_id).where(ClaimHolder.mirror_status.in_(("pending", "failed"))))
        )
    # MirrorUnavailable/MirrorRejected arrive translated by the adapter, one line each
    elements = list(ctx.mirror.read_claims())

    by_identity: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for element in elements:
        by_identity[_identity(element.client_file_number, element.creditor_reference, element.creditor_name)].append(
            element
        )

    differences: list[dict[str, Any]] = []
    sql_identities: set[tuple[str, str, str]] = set()
    for claim_id, file_number, creditor_name, reference, amount in rows:
        key = _identity(file_number, reference, creditor_name)
        sql_identities.add(key)
        found = by_identity.get(key, [])
        mirror_amount = found[0].current_debt_amount if len(found) == 1 else None
        if not found:
            problem = MISSING
        elif len(found) > 1:
            problem = AMBIGUOUS
        elif claim_id in unmirrored:
            problem = PENDING
        elif mirror_amount != amount:
            problem = DIFFERS
        else:
            continue
        differences.append(
            {
                "claim_id": claim_id,
                "client_file_number": file_number,
                "creditor_reference": reference,
                "creditor_name": creditor_name,
                "sql_amount": _money(amount),
                "mirror_amount": _money(mirror_amount),
                "problem": problem,
            }
        )

    sql_clients = {file_number for _id, file_number, *_rest in rows}
    for key, found in by_identity.items():
        if key[0] in sql_clients and key not in sql_identities:
            for element in found:
                differences.append(
                    {
                        "claim_id": None,
                        "client_file_number": element.client_file_number,
                        "creditor_reference": element.creditor_reference,
                        "creditor_name": element.creditor_name,
                        "sql_amount": None,
                        "mirror_amount": _money(element.current_debt_amount),
                        "problem": MISSING_IN_SQL,
                    }
                )
    return {"checked": len(rows), "differences": differences, "mirror": "ok"}
