"""Attachments end to end (both backends): the worker downloads what the webhook payload
lists from a local HTTP server standing in for Zendesk (200, 404, 500 then 200, slow,
too large), reads PDFs generated in the tests, stores each attachment once by content
hash, and the extraction over body plus attachments updates the right claim — or sends
a contradiction to review with both amounts visible."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.adapters.zendesk import ZendeskClient
from creditctl.db import session_scope
from creditctl.models import Attachment, Claim, Email, EmailAttachment
from creditctl.services import files, review, status
from creditctl.services.attachments import NOT_CONFIGURED
from creditctl.web import create_app
from tests.fakes.http_recorder import HttpRecorder, Reply
from tests.helpers import drain, import_sample_clients, signed_headers
from tests.unit.test_attachment_reading import (
    encrypted_pdf,
    require_ocr_in_ci,
    scanned_pdf,
    statement_docx,
    statement_pdf,
)

REFERENCE = "RPI-7712-4408-19"  # claim of BÖ-2024-0173 (Tamara Reinholz), 540.00 EUR, ticket 81234
FILE_NUMBER = "BÖ-2024-0173"
ONLY_IN_PDF = (
    "Sehr geehrte Damen und Herren,\n\n"
    "in der Angelegenheit unserer Mandantin Modehaus Lindner KG gegen Frau Tamara Reinholz "
    f"(Ihr Zeichen: {FILE_NUMBER}, unser Aktenzeichen: {REFERENCE}) finden Sie unsere aktuelle "
    "Forderungsaufstellung im Anhang.\n\nMit freundlichen Grüßen\nJana Wehrle\nRheinpfalz Inkasso GmbH"
)
PDF = "application/pdf"


@pytest.fixture
def zendesk() -> Iterator[HttpRecorder]:
    with HttpRecorder() as recorder:
        yield recorder


@pytest.fixture
def app(env, zendesk):
    """The ``env`` runtime with sample clients and a Zendesk client pointed at the recorder."""
    import_sample_clients(env)
    client = ZendeskClient(
        base_url=zendesk.base_url,
        email="ops@office.example",
        api_token="zd-token",
        timeout_s=0.5,
        download_deadline_s=5.0,
    )
    env.ctx.zendesk = client
    yield env
    client.close()


def post(env, body: str, attachments: list[dict[str, Any]], *, comment: str = "1") -> int:
    """Post a webhook for ticket 81234 through the real route; returns the email id."""
    raw = json.dumps(
        {
            "ticket_id": "81234",
            "comment_id": comment,
            "subject": f"AW: Forderung Tamara Reinholz, Ihr Zeichen {FILE_NUMBER}",
            "from_email": "forderungsmanagement@rheinpfalz-inkasso.example",
            "from_name": "Rheinpfalz Inkasso GmbH",
            "body_text": body,
            "attachments": attachments,
        },
        ensure_ascii=False,
    ).encode("utf-8")
    with TestClient(create_app(env.ctx)) as client:
        answer = client.post("/webhooks/zendesk", content=raw, headers=signed_headers(raw))
    assert answer.status_code == 200, answer.text
    return answer.json()["email_id"]


def listed(zendesk: HttpRecorder, path: str, name: str, size: int = 0, ctype: str = PDF) -> dict[str, Any]:
    return {"content_url": zendesk.url(path), "file_name": name, "content_type": ctype, "size": size}


def claim_amount(env, reference: str = REFERENCE) -> Decimal:
    with session_scope(env.ctx.db_url) as s:
        return s.scalar(select(Claim.amount).where(Claim.creditor_reference == reference))


def email_row(env, email_id: int) -> Email:
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        s.expunge(email)
        return email


def texts(env, email_id: int) -> dict[str, dict[str, Any]]:
    return {a["file_name"]: a for a in email_row(env, email_id).parsed["attachment_texts"]}


def counts(env) -> tuple[int, int]:
    with session_scope(env.ctx.db_url) as s:
        return (
            s.scalar(select(func.count()).select_from(Attachment)),
            s.scalar(select(func.count()).select_from(EmailAttachment)),
        )


# --- the claim is only in the PDF ------------------------------------------------------------


def test_amount_only_in_the_pdf_updates_the_right_claim(app, zendesk):
    zendesk.script("/attachments/1/aufstellung.pdf", Reply(200, body=statement_pdf(), headers={"Content-Type": PDF}))
    email_id = post(app, ONLY_IN_PDF, [listed(zendesk, "/attachments/1/aufstellung.pdf", "aufstellung.pdf")])
    assert zendesk.requests_to("/attachments/1/aufstellung.pdf") == []  # never inside the webhook request
    drain(app.runtime)

    email = email_row(app, email_id)
    assert (email.processing_status, email.match_status) == ("completed", "auto_matched")
    assert claim_amount(app) == Decimal("686.41")
    assert claim_amount(app, "KD-55102-7") == Decimal("312.40")  # the client's other claim is untouched
    [request] = zendesk.requests_to("/attachments/1/aufstellung.pdf")
    assert request.header("Authorization").startswith("Basic ")
    doc = status.email_status(app.ctx, email_id)
    total_sources = {e["source"] for e in doc["evidence"] if e["field"] == "amounts.total"}
    assert total_sources == {"attachment:aufstellung.pdf"}
    att = texts(app, email_id)["aufstellung.pdf"]
    assert att["problem"] is None and "Gesamtforderung: 686,41 EUR" in att["text"]
    assert counts(app) == (1, 1)


def test_same_pdf_in_two_emails_is_stored_once(app, zendesk):
    pdf = statement_pdf()
    zendesk.script("/a/1", Reply(200, body=pdf))
    zendesk.script("/a/2", Reply(200, body=pdf))
    first = post(app, ONLY_IN_PDF, [listed(zendesk, "/a/1", "aufstellung.pdf")], comment="1")
    second = post(app, ONLY_IN_PDF + "\n", [listed(zendesk, "/a/2", "kopie.pdf")], comment="2")
    drain(app.runtime)
    assert counts(app) == (1, 2)
    assert texts(app, first)["aufstellung.pdf"]["text"] == texts(app, second)["kopie.pdf"]["text"]


# --- body versus attachment -------------------------------------------------------------------


def test_body_and_attachment_totals_differ_needs_review_with_both_amounts(app, zendesk):
    zendesk.script("/a/1", Reply(200, body=statement_pdf()))
    body = ONLY_IN_PDF.replace(
        "finden Sie unsere aktuelle Forderungsaufstellung im Anhang.",
        "beträgt die Gesamtforderung 640,00 EUR. Die Aufstellung liegt bei.",
    )
    email_id = post(app, body, [listed(zendesk, "/a/1", "aufstellung.pdf")])
    drain(app.runtime)

    assert email_row(app, email_id).match_status == "needs_review"
    assert claim_amount(app) == Decimal("540.00")
    doc = status.email_status(app.ctx, email_id)
    shown = {(e["field"], e["source"]): e["text"] for e in doc["evidence"]}
    assert "640,00 EUR" in shown[("amounts.total.body", "body")]
    assert "686,41 EUR" in shown[("amounts.total.attachment", "attachment:aufstellung.pdf")]
    assert (
        email_row(app, email_id)
        .extraction["warnings"]
        .count("body total 640.00 differs from attachment aufstellung.pdf total 686.41")
        == 1
    )
    [item] = [i for i in review.pending(app.ctx) if i["id"] == email_id]
    fields = {(e["field"], e["source"]) for e in item["extracted"]["evidence"]}
    assert {("amounts.total.body", "body"), ("amounts.total.attachment", "attachment:aufstellung.pdf")} <= fields


def test_status_cli_shows_both_amounts(app, zendesk):
    from rich.console import Console

    from creditctl import render

    zendesk.script("/a/1", Reply(200, body=statement_pdf()))
    body = ONLY_IN_PDF.replace(
        "finden Sie unsere aktuelle Forderungsaufstellung im Anhang.", "beträgt die Gesamtforderung 640,00 EUR."
    )
    email_id = post(app, body, [listed(zendesk, "/a/1", "aufstellung.pdf")])
    drain(app.runtime)
    console = Console(record=True, width=200)
    render.email_panel(console, status.email_status(app.ctx, email_id))
    out = console.export_text()
    assert "640,00 EUR" in out and "686,41 EUR" in out and "attachment:aufstellung.pdf" in out


# --- download failures ---------------------------------------------------------------------------


def test_404_is_permanent_for_the_attachment_not_for_the_email(app, zendesk):
    zendesk.script("/gone", Reply(404, body={"error": "RecordNotFound"}))
    body = ONLY_IN_PDF.replace(
        "finden Sie unsere aktuelle Forderungsaufstellung im Anhang.", "beträgt die Gesamtforderung 686,41 EUR."
    )
    email_id = post(app, body, [listed(zendesk, "/gone", "aufstellung.pdf")])
    drain(app.runtime)
    email = email_row(app, email_id)
    assert (email.processing_status, email.attempts) == ("completed", 1)
    assert email.match_status == "needs_review"  # the unread attachment may say otherwise: a person checks
    att = texts(app, email_id)["aufstellung.pdf"]
    assert att["text"] == "" and att["problem"].startswith("not available:") and "404" in att["problem"]
    assert email.extraction["amounts"]["total"] == "686.41"
    assert len(zendesk.requests_to("/gone")) == 1
    assert counts(app) == (0, 0)


def test_500_then_200_retries_the_email(app, zendesk):
    zendesk.script("/flaky", Reply(500), Reply(200, body=statement_pdf()))
    email_id = post(app, ONLY_IN_PDF, [listed(zendesk, "/flaky", "aufstellung.pdf")])
    drain(app.runtime)
    email = email_row(app, email_id)
    assert (email.processing_status, email.match_status, email.attempts) == ("completed", "auto_matched", 2)
    assert len(zendesk.requests_to("/flaky")) == 2
    assert claim_amount(app) == Decimal("686.41")


def test_slow_download_times_out_and_is_retried(app, zendesk):
    zendesk.script("/slow", Reply(200, body=statement_pdf(), delay_s=3.0), Reply(200, body=statement_pdf()))
    email_id = post(app, ONLY_IN_PDF, [listed(zendesk, "/slow", "aufstellung.pdf")])
    drain(app.runtime)
    email = email_row(app, email_id)
    assert (email.processing_status, email.attempts) == ("completed", 2)
    assert claim_amount(app) == Decimal("686.41")


def test_oversize_attachment_is_a_problem(app, zendesk):
    cap = app.settings.attachment_max_bytes
    zendesk.script("/big", Reply(200, body=b"%PDF-1.4", content_length=cap + 1))
    email_id = post(
        app, ONLY_IN_PDF, [listed(zendesk, "/big", "gross.pdf"), listed(zendesk, "/never", "riesig.pdf", size=cap + 1)]
    )
    drain(app.runtime)
    atts = texts(app, email_id)
    assert atts["gross.pdf"]["problem"].startswith("too large:")
    assert atts["riesig.pdf"]["problem"].startswith("too large:") and zendesk.requests_to("/never") == []
    assert email_row(app, email_id).match_status == "needs_review"


def test_unreadable_pdfs_leave_the_email_to_its_body(app, zendesk):
    zendesk.script("/enc", Reply(200, body=encrypted_pdf()))
    zendesk.script("/broken", Reply(200, body=b"%PDF-1.7\nthis is not a PDF\x00\xff"))
    body = ONLY_IN_PDF.replace(
        "finden Sie unsere aktuelle Forderungsaufstellung im Anhang.", "beträgt die Gesamtforderung 686,41 EUR."
    )
    email_id = post(app, body, [listed(zendesk, "/enc", "geschuetzt.pdf"), listed(zendesk, "/broken", "kaputt.pdf")])
    drain(app.runtime)
    email = email_row(app, email_id)
    assert (email.processing_status, email.match_status) == ("completed", "needs_review")
    atts = texts(app, email_id)
    assert atts["geschuetzt.pdf"]["problem"] == "encrypted PDF: a password is needed to open it; not read"
    assert atts["kaputt.pdf"]["problem"].startswith(("broken PDF", "unreadable pdf"))
    assert counts(app) == (2, 2)
    assert claim_amount(app) == Decimal("540.00")


def test_scanned_pdf_is_ocrd_by_the_worker(app, zendesk):
    zendesk.script("/scan", Reply(200, body=scanned_pdf()))
    email_id = post(app, ONLY_IN_PDF, [listed(zendesk, "/scan", "scan.pdf")])
    drain(app.runtime)
    att = texts(app, email_id)["scan.pdf"]
    if require_ocr_in_ci():
        assert att["ocr"] is True and att["problem"] is None
        assert email_row(app, email_id).match_status == "auto_matched"
        assert claim_amount(app) == Decimal("686.41")
    else:
        assert att["problem"].startswith("needs OCR")
        assert email_row(app, email_id).match_status == "needs_review"


def test_without_zendesk_credentials_nothing_is_fetched(app, zendesk):
    app.ctx.zendesk.close()
    app.ctx.zendesk = None
    email_id = post(app, ONLY_IN_PDF, [listed(zendesk, "/a/1", "aufstellung.pdf")])
    drain(app.runtime)
    assert texts(app, email_id)["aufstellung.pdf"]["problem"] == NOT_CONFIGURED
    assert zendesk.requests_to("/a/1") == []
    email = email_row(app, email_id)
    assert (email.processing_status, email.match_status) == ("completed", "needs_review")


# --- .eml files -------------------------------------------------------------------------------------


def eml(tmp_path: Path, name: str, body: str, parts: list[tuple[str, str, bytes]]) -> Path:
    msg = EmailMessage()
    msg["From"] = "Rheinpfalz Inkasso GmbH <forderungsmanagement@rheinpfalz-inkasso.example>"
    msg["To"] = "post@schuldnerberatung.example"
    msg["Subject"] = f"AW: Forderung Tamara Reinholz, Ihr Zeichen {FILE_NUMBER}"
    msg["Message-ID"] = f"<{name}@rheinpfalz-inkasso.example>"
    msg.set_content(body)
    for file_name, ctype, data in parts:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=file_name)
    path = tmp_path / f"{name}.eml"
    path.write_bytes(msg.as_bytes())
    return path


def test_ingest_eml_stores_attachments_and_updates_the_claim(app, zendesk, tmp_path):
    path = eml(tmp_path, "reply1", ONLY_IN_PDF, [("aufstellung.pdf", PDF, statement_pdf())])
    result = files.ingest_file(app.ctx, path=path)
    assert result.status == "accepted"
    assert counts(app) == (1, 1)  # stored at ingest, before the worker ran
    drain(app.runtime)
    assert email_row(app, result.email_id).match_status == "auto_matched"
    assert claim_amount(app) == Decimal("686.41")
    assert counts(app) == (1, 1)
    assert zendesk.requests == []


def test_clean_and_extract_eml_show_attachment_text_and_sources(app, tmp_path):
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    path = eml(tmp_path, "reply2", ONLY_IN_PDF, [("aufstellung.docx", docx_type, statement_docx())])
    cleaned = files.clean_file(app.settings, path=path)
    assert cleaned["attachments"] == ["aufstellung.docx"]
    [att] = cleaned["attachment_texts"]
    assert (att["file_name"], att["source"], att["problem"]) == (
        "aufstellung.docx",
        "attachment:aufstellung.docx",
        None,
    )
    assert "Gesamtforderung | 686,41 EUR" in att["text"].splitlines()
    extracted = files.extract_file(app.settings, path=path, extractor="rules")
    assert extracted["amounts"]["total"] == "686.41"
    sources = {e["field"]: e["source"] for e in extracted["evidence"]}
    assert sources["amounts.total"] == "attachment:aufstellung.docx"
    assert sources["client_file_number"] in ("body", "subject")
    assert extracted["evidence_problems"] == []
