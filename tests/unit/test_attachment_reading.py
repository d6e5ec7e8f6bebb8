"""Attachment bytes → text (creditctl.pipeline.attachments) and body-versus-attachment
totals (creditctl.pipeline.extraction.attachment_amounts), on documents generated here:
PDFs with fpdf2, a scan rendered with Pillow, a .docx with python-docx.

The OCR tests need the ``tesseract`` binary: with it they check what Tesseract read;
without it they check the "needs OCR" problem — and under CI=true a missing Tesseract
is a failure (scripts/test installs it), never a skip.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from creditctl.adapters.ocr import TESSERACT
from creditctl.pipeline.attachments import ReadLimits, attachment_kind, normalise_layout, read_attachment
from creditctl.pipeline.extraction.attachment_amounts import reconcile_attachment_amounts
from creditctl.pipeline.extraction.evidence import evidence_sources, verify_evidence
from creditctl.pipeline.extraction.model import AttachmentText, ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.gate import MIN_CONFIDENCE
from tests.ci import in_ci

# --- document builders (also used by tests/integration/test_attachments.py) ---------------

HEADER = [
    "Rheinpfalz Inkasso GmbH",
    "Forderungsaufstellung  Stand: 20.11.2026",
    "Mandantin: Modehaus Lindner KG",
    "Schuldnerin: Tamara Reinholz",
    "Unser Aktenzeichen: RPI-7712-4408-19",
]
ROWS = [
    ("Hauptforderung", "540,00 EUR"),
    ("Zinsen", "38,12 EUR"),
    ("Kosten", "108,29 EUR"),
    ("Gesamtforderung", "686,41 EUR"),
]


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # € and umlauts with the core fonts
    pdf.set_font("Helvetica", size=11)
    return pdf


def _lines(pdf: FPDF, lines: list[str]) -> None:
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")


def statement_pdf(rows: list[tuple[str, str]] = ROWS, *, header: list[str] = HEADER, across: bool = True) -> bytes:
    """A one-page Forderungsaufstellung with a table: ``across`` puts the labels in a
    header row (Hauptforderung | Zinsen | Kosten | Gesamtforderung) over one value row;
    otherwise one row per position (label | amount)."""
    pdf = _pdf()
    pdf.add_page()
    _lines(pdf, header)
    pdf.ln(4)
    with pdf.table() as table:
        if across:
            for cells in ([label for label, _ in rows], [value for _, value in rows]):
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        else:
            for label, value in [("Position", "Betrag")] + list(rows):
                row = table.row()
                row.cell(label)
                row.cell(value)
    _lines(pdf, ["", "Mit freundlichen Grüßen", "Rheinpfalz Inkasso GmbH"])
    return bytes(pdf.output())


def two_page_pdf() -> bytes:
    """Page 1: the letter and the account history; page 2: the components and the total."""
    pdf = _pdf()
    pdf.add_page()
    _lines(
        pdf,
        HEADER
        + ["", "Kontoverlauf:"]
        + [f"{d:02d}.0{m}.2026  Mahnung Nr. {d}" for m in range(1, 4) for d in range(1, 9)],
    )
    pdf.add_page()
    _lines(pdf, ["Seite 2", "Aufstellung der Forderung"])
    with pdf.table(col_widths=(70, 40)) as table:
        for label, value in ROWS:
            row = table.row()
            row.cell(label)
            row.cell(value)
    return bytes(pdf.output())


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def statement_png(rows: list[tuple[str, str]] = ROWS, *, header: list[str] = HEADER) -> bytes:
    """A "scan": the statement rendered as a 200 dpi A4 greyscale PNG."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = _font(30)
    y = 160
    for line in header:
        draw.text((150, y), line, font=font, fill=0)
        y += 64
    y += 40
    for label, value in rows:
        draw.text((150, y), label, font=font, fill=0)
        draw.text((1000, y), value, font=font, fill=0)
        y += 64
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """One page whose only content is the statement image (no text layer)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(statement_png()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def encrypted_pdf(*, user_password: str = "geheim") -> bytes:
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.add_page()
    _lines(pdf, HEADER + [f"{label}  {value}" for label, value in ROWS])
    return bytes(pdf.output())


def statement_docx() -> bytes:
    import docx

    document = docx.Document()
    for line in HEADER:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    for label, value in ROWS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("Mit freundlichen Grüßen")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def require_ocr_in_ci() -> bool:
    """Whether Tesseract is installed; under CI=true its absence fails the test."""
    available = TESSERACT.available()
    if in_ci():
        assert available, "CI=true but the tesseract binary (tesseract-ocr, tesseract-ocr-deu) is missing"
    return available


def _email(reply: str, *atts: AttachmentText, subject: str = "AW: Forderung Tamara Reinholz") -> ExtractionInput:
    return ExtractionInput(
        reply_text=reply,
        subject=subject,
        from_email="forderungsmanagement@rheinpfalz-inkasso.example",
        from_name="Rheinpfalz Inkasso GmbH",
        attachments=atts,
    )


def _lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_table_across_keeps_each_row_on_its_line_and_labels_every_amount():
    read = read_attachment(statement_pdf(), file_name="aufstellung.pdf", content_type="application/pdf")
    assert (read.kind, read.problem, read.pages, read.ocr) == ("pdf", None, 1, False)
    lines = _lines_of(read.text)
    assert "Hauptforderung | Zinsen | Kosten | Gesamtforderung" in lines
    assert (
        "Hauptforderung: 540,00 EUR | Zinsen: 38,12 EUR | Kosten: 108,29 EUR | Gesamtforderung: 686,41 EUR"
    ) in lines
    assert "Schuldnerin: Tamara Reinholz" in lines
    assert read.read_ms > 0


def test_pdf_table_down_keeps_label_and_amount_together():
    read = read_attachment(statement_pdf(across=False), file_name="a.pdf")
    lines = _lines_of(read.text)
    for label, value in ROWS:
        assert f"{label} | {value}" in lines


def test_rules_extractor_reads_the_total_from_the_pdf_with_its_source():
    read = read_attachment(statement_pdf(), file_name="aufstellung.pdf")
    email = _email(
        "Sehr geehrte Damen und Herren,\nanbei unsere Forderungsaufstellung.\nMit freundlichen Grüßen",
        AttachmentText("aufstellung.pdf", read.text, "application/pdf"),
    )
    result = RulesExtractor().extract(email)
    assert result.amounts.total == Decimal("686.41")
    assert (result.amounts.principal, result.amounts.interest, result.amounts.costs) == (
        Decimal("540.00"),
        Decimal("38.12"),
        Decimal("108.29"),
    )
    [total_ev] = [e for e in result.evidence if e.field == "amounts.total"]
    assert total_ev.source == "attachment:aufstellung.pdf"
    assert verify_evidence(result, evidence_sources(email)) == []
    assert result.confidence >= MIN_CONFIDENCE


def test_two_page_statement_total_on_page_two():
    read = read_attachment(two_page_pdf(), file_name="konto.pdf")
    assert (read.pages, read.problem) == (2, None)
    lines = _lines_of(read.text)
    assert lines.index("Gesamtforderung | 686,41 EUR") > lines.index("Seite 2") > lines.index("Kontoverlauf:")
    result = RulesExtractor().extract(
        _email("Die Aufstellung finden Sie im Anhang.", AttachmentText("konto.pdf", read.text))
    )
    assert result.amounts.total == Decimal("686.41")


def test_scanned_page_is_ocrd_or_marked_needs_ocr():
    read = read_attachment(scanned_pdf(), file_name="scan.pdf", ocr=TESSERACT)
    assert read.pages == 1
    if require_ocr_in_ci():
        assert read.ocr is True and read.problem is None
        assert "Gesamtforderung | 686,41 EUR" in _lines_of(read.text)
        result = RulesExtractor().extract(
            _email("Anbei die Forderungsaufstellung.", AttachmentText("scan.pdf", read.text))
        )
        assert result.amounts.total == Decimal("686.41")
    else:
        assert read.problem and read.problem.startswith("needs OCR")


def test_scanned_page_without_tesseract_needs_ocr():
    read = read_attachment(scanned_pdf(), file_name="scan.pdf", ocr=None)  # no OCR engine
    assert read.text == "" and read.ocr is False
    assert read.problem == "needs OCR: page 1 without a text layer (Tesseract is not installed)"
    png = read_attachment(statement_png(), file_name="scan.png", content_type="image/png")
    assert (png.kind, png.text, png.problem) == ("image", "", "needs OCR: an image (Tesseract is not installed)")


def test_png_is_ocrd():
    read = read_attachment(statement_png(), file_name="foto.png", content_type="image/png", ocr=TESSERACT)
    assert read.kind == "image"
    if require_ocr_in_ci():
        assert read.ocr and read.problem is None
        lines = _lines_of(read.text)
        assert "Hauptforderung | 540,00 EUR" in lines and "Gesamtforderung | 686,41 EUR" in lines
    else:
        assert read.problem.startswith("needs OCR")


def test_encrypted_pdf_with_a_password_is_a_problem_not_a_crash():
    read = read_attachment(encrypted_pdf(), file_name="geschuetzt.pdf")
    assert (read.kind, read.text) == ("pdf", "")
    assert read.problem == "encrypted PDF: a password is needed to open it; not read"


def test_pdf_encrypted_with_an_owner_password_only_is_read():
    read = read_attachment(encrypted_pdf(user_password=""), file_name="owner-only.pdf")
    assert read.problem is None
    assert "Gesamtforderung  686,41 EUR" in _lines_of(read.text)


@pytest.mark.parametrize(
    "data, name, ctype",
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\xff", "kaputt.pdf", "application/pdf"),
        (b"\x00\x01\x02 not a pdf at all", "kaputt.pdf", "application/pdf"),
        (
            b"PK\x03\x04 broken zip",
            "brief.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (b"\x89PNG\r\n\x1a\n broken", "bild.png", "image/png"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "alt.doc", "application/msword"),
    ],
)
def test_corrupt_files_give_a_problem(data, name, ctype):
    read = read_attachment(data, file_name=name, content_type=ctype, ocr=TESSERACT)
    assert read.text == ""
    assert read.problem and ("broken" in read.problem or "unreadable" in read.problem or "legacy Word" in read.problem)


def test_truncated_pdf_never_raises():
    data = statement_pdf()
    read = read_attachment(data[: len(data) // 2], file_name="halb.pdf")
    assert read.kind == "pdf"
    assert read.problem or read.text  # pypdf may recover part of it; either way a value, not an exception


def test_oversize_file_and_page_cap():
    data = statement_pdf()
    read = read_attachment(data, file_name="a.pdf", limits=ReadLimits(max_bytes=len(data) - 1))
    assert (
        read.text == "" and read.problem == f"too large: {len(data)} bytes, over the limit of {len(data) - 1}; not read"
    )

    pdf = _pdf()
    for number in range(1, 6):
        pdf.add_page()
        _lines(pdf, [f"Seite {number} der Forderungsaufstellung Rheinpfalz Inkasso"])
    capped = read_attachment(bytes(pdf.output()), file_name="lang.pdf", limits=ReadLimits(max_pages=2))
    assert capped.pages == 5 and capped.problem == "only the first 2 of 5 pages read"
    assert "Seite 2" in capped.text and "Seite 3" not in capped.text

    chars = read_attachment(data, file_name="a.pdf", limits=ReadLimits(max_chars=50))
    assert len(chars.text) == 50 and chars.problem == "text cut at 50 characters"


def test_docx_paragraphs_and_table_rows():
    read = read_attachment(statement_docx(), file_name="aufstellung.docx")
    assert (read.kind, read.problem) == ("docx", None)
    lines = _lines_of(read.text)
    assert lines[:2] == HEADER[:2]
    for label, value in ROWS:
        assert f"{label} | {value}" in lines
    result = RulesExtractor().extract(_email("Anbei.", AttachmentText("aufstellung.docx", read.text)))
    assert result.amounts.total == Decimal("686.41")


def test_kinds_text_html_unsupported_and_empty():
    assert (
        read_attachment(
            "Gesamtforderung: 12,00 €".encode("cp1252"),
            file_name="a.txt",
            content_type="text/plain; charset=windows-1252",
        ).text
        == "Gesamtforderung: 12,00 €"
    )
    html = read_attachment(b"<table><tr><td>Gesamt</td><td>12,00 EUR</td></tr></table>", content_type="text/html")
    assert html.kind == "html" and "Gesamt" in html.text and "12,00 EUR" in html.text
    zipped = read_attachment(b"PK\x03\x04" + b"\x00" * 40, file_name="daten.zip", content_type="application/zip")
    assert zipped.kind == "unsupported" and zipped.problem == "unsupported attachment type (application/zip); not read"
    assert read_attachment(b"", file_name="leer.pdf").problem == "empty file"
    assert attachment_kind(statement_pdf(), "scan.jpg", "image/jpeg") == "pdf"  # bytes beat the name


def test_normalise_layout():
    text = "  Position        Betrag  \n\n\n\nZinsen        38,12 €\nEin Satz mit  zwei Leerzeichen."
    assert normalise_layout(text) == "Position | Betrag\n\nZinsen | 38,12 €\nEin Satz mit  zwei Leerzeichen."
    # a value row is labelled only when every cell is a number
    assert (
        normalise_layout("Datum    Betrag\n01.02.2026    50,00 EUR").splitlines()[1]
        == "Datum: 01.02.2026 | Betrag: 50,00 EUR"
    )


# --- body versus attachment -----------------------------------------------------------------


def test_body_and_attachment_totals_differ_goes_to_review_with_both():
    pdf_text = read_attachment(statement_pdf(), file_name="aufstellung.pdf").text
    email = _email(
        "Sehr geehrte Damen und Herren,\ndie Gesamtforderung beträgt 640,00 EUR.\n"
        "Die Aufstellung liegt bei.\nRheinpfalz Inkasso GmbH",
        AttachmentText("aufstellung.pdf", pdf_text),
    )
    result = RulesExtractor().extract(email)
    assert result.amounts.total is None
    assert "body total 640.00 differs from attachment aufstellung.pdf total 686.41" in result.warnings
    conflict = {(e.field, e.source) for e in result.evidence if e.field.startswith("amounts.total.")}
    assert conflict == {("amounts.total.body", "body"), ("amounts.total.attachment", "attachment:aufstellung.pdf")}
    assert result.confidence < MIN_CONFIDENCE
    assert verify_evidence(result, evidence_sources(email)) == []


def test_body_and_attachment_agree():
    pdf_text = read_attachment(statement_pdf(), file_name="a.pdf").text
    result = RulesExtractor().extract(
        _email(
            "Die Gesamtforderung beträgt 686,41 EUR, Aufstellung anbei.\n"
            "Rheinpfalz Inkasso GmbH, Zeichen RPI-7712-4408-19",
            AttachmentText("a.pdf", pdf_text),
        )
    )
    assert result.amounts.total == Decimal("686.41")
    assert not [w for w in result.warnings if "differs" in w]


def test_unreadable_attachment_caps_confidence():
    email = _email(
        "Die Gesamtforderung beträgt 686,41 EUR.\nRheinpfalz Inkasso GmbH\nZeichen RPI-7712-4408-19",
        AttachmentText(
            "geschuetzt.pdf", "", "application/pdf", "encrypted PDF: a password is needed to open it; not read"
        ),
    )
    result = RulesExtractor().extract(email)
    assert result.amounts.total == Decimal("686.41")
    assert result.confidence < MIN_CONFIDENCE
    assert any("attachment geschuetzt.pdf could not be read (encrypted PDF" in w for w in result.warnings)


def test_reconcile_leaves_non_creditor_mail_and_mail_without_attachments_alone():
    result = RulesExtractor().extract(_email("Ich bin bis Montag nicht im Büro.", subject="Abwesenheitsnotiz"))
    assert reconcile_attachment_amounts(_email("x"), result) is result
    assert result.reply_kind is not ReplyKind.CLAIM_STATEMENT
