"""``creditctl mirror check`` service: SQL claims against the MongoDB mirror (mongomock).

Real SQLite database (migrated), the real MongoMirror on a mongomock client.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bson.decimal128 import Decimal128
from sqlalchemy import select

from creditctl import db
from creditctl.adapters.mirror import MongoMirror
from creditctl.exceptions import MirrorUnavailable
from creditctl.migrate import upgrade
from creditctl.models import Claim, Email
from creditctl.services import claims, clients, mirror_check
from creditctl.services.context import AppContext
from creditctl.settings import load_settings
from creditctl.tasks import build_runtime
from tests.ports import free_port

CLIENTS: list[dict[str, Any]] = [
    {
        "file_number": "BÖ-2024-0173",
        "name": "Tamara Reinholz",
        "claims": [
            {
                "creditor_name": "Modehaus Lindner KG",
                "agent_name": "Rheinpfalz Inkasso GmbH",
                "creditor_emails": ["forderungsmanagement@rheinpfalz-inkasso.example"],
                "creditor_reference": "RPI-7712-4408-19",
                "amount": "540.00",
                "zendesk_ticket_id": "4711",
            },
            {"creditor_name": "Stadtwerke Ulm", "creditor_emails": ["mahnung@swu.example"], "amount": "80.10"},
        ],
    },
    {
        "file_number": "BÖ-2024-0200",
        "name": "Jonas Weber",
        "claims": [
            {
                "creditor_name": "Telekom Deutschland GmbH",
                "creditor_emails": ["inkasso@telekom.example"],
                "creditor_reference": "TK-1",
                "amount": "1.200,50",
            },
        ],
    },
]


@pytest.fixture
def ctx(tmp_path: Path, mongo_mirror: MongoMirror) -> Iterator[AppContext]:
    url = f"sqlite:///{tmp_path}/t.db"
    settings = load_settings(home=tmp_path, database_url=url, queue_url="memory://")
    upgrade(url)
    mirror = mongo_mirror
    runtime = build_runtime(settings, adapters=False, ctx=AppContext(settings=settings, mirror=mirror))
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(runtime.ctx, path=path)
    for rec in CLIENTS:
        items = [{**c, "amount": clients.parse_amount_text(c["amount"], "test")} for c in rec["claims"]]
        mirror.upsert_client(rec["file_number"], rec["name"], items)
    yield runtime.ctx
    db.dispose_engines()


def problems(report: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [
        (d["client_file_number"], d["creditor_reference"] or d["creditor_name"], d["problem"])
        for d in report["differences"]
    ]


def test_in_sync_reports_nothing(ctx: AppContext) -> None:
    report = mirror_check.compare(ctx)
    assert report == {"checked": 3, "differences": [], "mirror": "ok"}


def test_mirror_off(ctx: AppContext) -> None:
    ctx.mirror = None
    assert mirror_check.compare(ctx) == {"checked": 0, "differences": [], "mirror": "off"}


def test_manual_edit_in_the_portal_is_an_amount_difference(ctx: AppContext) -> None:
    ctx.mirror.collection.update_one(
        {"aktenzeichen": "BÖ-2024-0173", "final_creditor_list.creditor_reference": "RPI-7712-4408-19"},
        {"$set": {"final_creditor_list.$.current_debt_amount": Decimal128("999.99")}},
    )

    report = mirror_check.compare(ctx)

    assert report["checked"] == 3 and report["mirror"] == "ok"
    (diff,) = report["differences"]
    assert diff["problem"] == "amount differs"
    assert diff["client_file_number"] == "BÖ-2024-0173"
    assert diff["creditor_reference"] == "RPI-7712-4408-19"
    assert diff["creditor_name"] == "Modehaus Lindner KG"
    assert (diff["sql_amount"], diff["mirror_amount"]) == ("540.00", "999.99")
    json.dumps(report)  # the --json contract


def test_claim_without_reference_is_found_by_creditor_name(ctx: AppContext) -> None:
    ctx.mirror.collection.update_one(
        {"aktenzeichen": "BÖ-2024-0173", "final_creditor_list.creditor_name": "Stadtwerke Ulm"},
        {"$set": {"final_creditor_list.$.current_debt_amount": "80.1"}},
    )  # a string, same value
    assert mirror_check.compare(ctx)["differences"] == []

    ctx.mirror.collection.update_one(
        {"aktenzeichen": "BÖ-2024-0173", "final_creditor_list.creditor_name": "Stadtwerke Ulm"},
        {"$set": {"final_creditor_list.$.current_debt_amount": None}},
    )
    assert problems(mirror_check.compare(ctx)) == [("BÖ-2024-0173", "Stadtwerke Ulm", "amount differs")]


def test_missing_client_and_missing_element(ctx: AppContext) -> None:
    ctx.mirror.collection.delete_one({"aktenzeichen": "BÖ-2024-0200"})
    ctx.mirror.collection.update_one(
        {"aktenzeichen": "BÖ-2024-0173"}, {"$pull": {"final_creditor_list": {"creditor_name": "Stadtwerke Ulm"}}}
    )

    report = mirror_check.compare(ctx)

    assert problems(report) == [
        ("BÖ-2024-0173", "Stadtwerke Ulm", "missing in mirror"),
        ("BÖ-2024-0200", "TK-1", "missing in mirror"),
    ]
    assert all(d["mirror_amount"] is None for d in report["differences"])
    assert report["differences"][1]["sql_amount"] == "1200.50"


def test_element_unknown_to_sql_and_duplicate_elements(ctx: AppContext) -> None:
    ctx.mirror.collection.update_one(
        {"aktenzeichen": "BÖ-2024-0200"},
        {
            "$push": {
                "final_creditor_list": {
                    "creditor_name": "Otto GmbH",
                    "creditor_reference": "OT-5",
                    "current_debt_amount": Decimal128("12.00"),
                }
            }
        },
    )
    ctx.mirror.collection.update_one(
        {"aktenzeichen": "BÖ-2024-0173"},
        {
            "$push": {
                "final_creditor_list": {
                    "creditor_name": "Modehaus Lindner KG",
                    "creditor_reference": "RPI-7712-4408-19",
                    "current_debt_amount": Decimal128("540.00"),
                }
            }
        },
    )
    # a portal client creditctl does not hold is not ours to judge
    ctx.mirror.collection.insert_one(
        {
            "aktenzeichen": "XX-1",
            "final_creditor_list": [{"creditor_name": "Someone", "current_debt_amount": Decimal128("1.00")}],
        }
    )

    report = mirror_check.compare(ctx)

    assert problems(report) == [
        ("BÖ-2024-0173", "RPI-7712-4408-19", "ambiguous in mirror"),
        ("BÖ-2024-0200", "OT-5", "missing in SQL"),
    ]
    assert report["differences"][1]["claim_id"] is None
    assert report["differences"][1]["mirror_amount"] == "12.00"


def test_pending_mirror_write_then_caught_up(ctx: AppContext) -> None:
    with db.session_scope(ctx.db_url) as s:
        email = Email(
            ticket_id="4711",
            dedupe_key="k",
            raw_payload=b"{}",
            processing_status="completed",
            match_status="auto_matched",
            received_at=datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
        )
        s.add(email)
        s.flush()
        email_id = email.id
        target = s.scalar(select(Claim.id).where(Claim.creditor_reference == "RPI-7712-4408-19"))
        write = claims.apply_claim_update(
            s, ctx, email_id=email_id, claim_id=target, new_amount=Decimal("612.34"), currency="EUR", extractor="rules"
        )
        assert write.status == "applied"

    (diff,) = mirror_check.compare(ctx)["differences"]
    assert diff["problem"] == "mirror write pending"
    assert (diff["sql_amount"], diff["mirror_amount"]) == ("612.34", "540.00")

    assert claims.sync_mirror(ctx, email_id) == {"applied": 1}
    assert mirror_check.compare(ctx)["differences"] == []


def test_mirror_down_is_an_error_not_an_empty_report(ctx: AppContext) -> None:
    ctx.mirror = MongoMirror.from_url(
        f"mongodb://127.0.0.1:{free_port()}/", "portal", timeout_ms=200
    )  # nothing listens
    try:
        with pytest.raises(
            MirrorUnavailable, match=r"^MongoDB mirror unreachable at 127\.0\.0\.1:\d+ \(connection refused\)"
        ):
            mirror_check.compare(ctx)
    finally:
        ctx.mirror.close()
