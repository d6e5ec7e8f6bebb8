"""Attachment bytes → text, for the extractors. Values in, values out; never raises.

Kinds, recognised by their leading bytes first, then by MIME type and file name:

* PDF — pypdf (BSD licence), ``extract_text(extraction_mode="layout")`` so that a
  table row stays on its own line. A page with no text layer (a scan) is OCR'd from
  its embedded images by the OCR engine the caller passes (``Ocr``; the process one is
  ``adapters.ocr.TESSERACT``) when it is available; otherwise the attachment gets the
  problem ``"needs OCR: …"``. Encrypted
  PDFs are opened with the empty user password (owner-password-only PDFs are common);
  one that needs a password gets a problem.
* Word ``.docx`` — python-docx: paragraphs, and table rows with cells joined by ``" | "``.
  Legacy ``.doc`` and password-protected Word files (both OLE containers) get a problem.
* Images (PNG, JPEG, TIFF, GIF, BMP, WebP) — the OCR engine (Tesseract, German and English).
* Plain text / CSV / HTML — decoded (HTML with inscriptis).

Layout normalisation (what the extractor sees): runs of three or more spaces inside a
line — column gaps in PDF layout text and in OCR output with
``preserve_interword_spaces`` — become ``" | "`` (the table-cell separator the amount
finder understands); a header row of labels followed by rows with the same number of
cells holding only numbers (``Hauptforderung | Zinsen | … / 540,00 EUR | 38,12 EUR | …``)
gets each value prefixed with its column label (``Hauptforderung: 540,00 EUR | …``), so
every amount keeps its label on its own line. Runs of blank lines become one.

This module is pure: no subprocess, no SDK. OCR is an adapter (``adapters/ocr.py``)
given as ``ocr``; its errors are the project's ``TransientError`` (timeout) and
``PermanentError`` (failure), each becoming a ``problem``.

Problems are short English sentences; ``problem`` set with non-empty ``text`` means a
partial read (e.g. the page cap was reached) — the text may be incomplete.
"""

from __future__ import annotations

import io
import re
import time
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol

from creditctl.exceptions import PermanentError, TransientError
from creditctl.pipeline.cleaning_text import join_letter_spaced_numbers, join_letter_spaced_words, normalise_chars

__all__ = ["Ocr", "ReadLimits", "ReadAttachment", "read_attachment", "attachment_kind", "normalise_layout"]


class Ocr(Protocol):
    """An OCR engine (``adapters.ocr.TesseractOcr``): ``available()``, and
    ``image_to_text(image, timeout_s=…)`` raising ``TransientError`` on a timeout and
    ``PermanentError`` when the image cannot be read."""

    def available(self) -> bool: ...

    def image_to_text(self, image: Any, *, timeout_s: float) -> str: ...


@dataclass(frozen=True)
class ReadLimits:
    """Caps on one attachment: bytes, PDF pages read, pages/images OCR'd, characters kept,
    image pixels, and seconds per Tesseract call."""

    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 50
    max_ocr_pages: int = 10
    max_chars: int = 200_000
    max_pixels: int = 40_000_000
    ocr_timeout_s: float = 60.0


@dataclass(frozen=True)
class ReadAttachment:
    """What was read from one attachment.

    ``kind``: ``pdf``, ``docx``, ``image``, ``text``, ``html`` or ``unsupported``;
    ``text``: the text (``""`` when nothing could be read); ``problem``: why the text is
    missing or incomplete (None when all was read); ``pages``: PDF page count (None for
    other kinds); ``ocr``: whether Tesseract produced any of the text; ``read_ms``:
    wall time of the reading, milliseconds.
    """

    kind: str
    text: str
    problem: str | None
    pages: int | None = None
    ocr: bool = False
    read_ms: float = 0.0


_IMAGE_TYPES = {
    "png": "image",
    "jpg": "image",
    "jpeg": "image",
    "tif": "image",
    "tiff": "image",
    "gif": "image",
    "bmp": "image",
    "webp": "image",
}
_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "txt": "text",
    "csv": "text",
    "htm": "html",
    "html": "html",
    "doc": "doc",
    **_IMAGE_TYPES,
}


def attachment_kind(data: bytes, file_name: str = "", content_type: str = "") -> str:
    """The kind of an attachment (see ``ReadAttachment.kind``; also ``doc`` for OLE files).

    Leading bytes decide first (a ``.pdf`` named ``scan.jpg`` is a PDF), then the MIME
    type, then the file name extension.
    """
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE: legacy Word, or an encrypted .docx
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    ):
        return "image"
    if head.startswith(b"PK\x03\x04") and _zip_has(data, "word/document.xml"):
        return "docx"
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "application/pdf":
        return "pdf"
    if ctype.startswith("image/"):
        return "image"
    if ctype in ("text/plain", "text/csv"):
        return "text"
    if ctype == "text/html":
        return "html"
    ext = PurePath(file_name or "").suffix.lower().lstrip(".")
    return _EXTENSIONS.get(ext, "unsupported")


def _zip_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return member in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_attachment(
    data: bytes,
    *,
    file_name: str = "",
    content_type: str = "",
    limits: ReadLimits | None = None,
    ocr: Ocr | None = None,
) -> ReadAttachment:
    """Read one attachment's text. Never raises: every failure becomes ``problem``.

    ``data``: the attachment's bytes; ``file_name``/``content_type`` as the sender gave
    them (used only when the bytes do not tell the kind); ``ocr``: the OCR engine for
    scans and images (None: none, they get "needs OCR"). Returns ``ReadAttachment``.
    """
    limits = limits or ReadLimits()
    started = time.perf_counter()
    kind = attachment_kind(data, file_name, content_type)
    problem: str | None
    try:
        if len(data) > limits.max_bytes:
            text, problem, pages, used_ocr = (
                "",
                (f"too large: {len(data)} bytes, over the limit of {limits.max_bytes}; not read"),
                None,
                False,
            )
        elif not data:
            text, problem, pages, used_ocr = "", "empty file", None, False
        else:
            text, problem, pages, used_ocr = _READERS.get(kind, _read_unsupported)(data, content_type, limits, ocr)
    except Exception as exc:  # noqa: BLE001 - the reader's boundary ("never raises"): any library failure on a hostile or broken file
        text, problem, pages, used_ocr = (
            "",
            f"unreadable {kind} file ({type(exc).__name__}: {_short(exc)})",
            None,
            False,
        )
    text = normalise_layout(text)
    if len(text) > limits.max_chars:
        text = text[: limits.max_chars]
        problem = _join(problem, f"text cut at {limits.max_chars} characters")
    if kind == "doc":
        kind = "docx"
    return ReadAttachment(
        kind=kind,
        text=text,
        problem=problem,
        pages=pages,
        ocr=used_ocr,
        read_ms=round((time.perf_counter() - started) * 1000, 3),
    )


Read = tuple[str, str | None, int | None, bool]  # text, problem, pages, ocr


def _short(exc: BaseException) -> str:
    # a clause before "; not read": without its final full stop (never ".; not read")
    return (str(exc) or "no detail").splitlines()[0][:160].rstrip(" .;") or "no detail"


def _join(first: str | None, second: str | None) -> str | None:
    return "; ".join(p for p in (first, second) if p) or None


# --- PDF -------------------------------------------------------------------------------
_MIN_TEXT_LAYER = 20  # fewer letters/digits than this on a page: treat it as a scan


def _open_pdf(data: bytes) -> tuple[list[Any], str | None]:
    """``(pages, None)`` of the PDF ``data`` (pypdf pages; an empty password is tried on an
    encrypted file), or ``([], problem)`` when it cannot be opened. Never raises."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        return [], "encrypted PDF: a password is needed to open it; not read"
                except (DependencyError, NotImplementedError) as exc:
                    return [], f"encrypted PDF: cannot decrypt ({_short(exc)}); not read"
            return list(reader.pages), None
    except FileNotDecryptedError:
        return [], "encrypted PDF: a password is needed to open it; not read"
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return [], f"broken PDF: {_short(exc)}; not read"


def _read_pdf(data: bytes, content_type: str, limits: ReadLimits, ocr: Ocr | None = None) -> Read:
    pages, unreadable = _open_pdf(data)
    if unreadable is not None:
        return "", unreadable, None, False
    count = len(pages)
    texts: list[str] = []
    problems: list[str] = []
    scanned: list[int] = []
    ocr_used = False
    ocr_budget = limits.max_ocr_pages
    for number, page in enumerate(pages[: limits.max_pages], start=1):
        text, failure = _page_text(page)
        if failure is not None:
            problems.append(f"page {number} unreadable ({failure})")
            continue
        if len(re.findall(r"\w", text)) >= _MIN_TEXT_LAYER:
            texts.append(text)
            continue
        images = _page_images(page)
        if not images:
            texts.append(text)
            continue
        if not _usable(ocr):
            scanned.append(number)
            texts.append(text)
            continue
        if ocr_budget <= 0:
            problems.append(f"page {number} is a scan beyond the OCR cap of {limits.max_ocr_pages} pages; not read")
            continue
        ocr_budget -= 1
        ocr_texts, ocr_problems = _ocr_images(images, limits, ocr)
        problems.extend(f"page {number}: {problem}" for problem in ocr_problems)
        ocr_used = ocr_used or any(t.strip() for t in ocr_texts)
        texts.append("\n".join([text] + ocr_texts))
    if count > limits.max_pages:
        problems.append(f"only the first {limits.max_pages} of {count} pages read")
    if scanned:
        problems.insert(
            0,
            f"needs OCR: page{'s' if len(scanned) > 1 else ''} {', '.join(map(str, scanned))} "
            "without a text layer (Tesseract is not installed)",
        )
    return "\n".join(texts), "; ".join(problems) or None, count, ocr_used


def _page_text(page: Any) -> tuple[str, str | None]:
    """``(text, None)`` of a pypdf page's text layer, or ``("", error class name)`` when it
    cannot be read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return page.extract_text(extraction_mode="layout") or "", None
    except Exception as exc:  # noqa: BLE001 - per page: pypdf raises anything on a broken page; the others are read
        return "", type(exc).__name__


def _ocr_images(images: list[Any], limits: ReadLimits, ocr: Ocr | None) -> tuple[list[str], list[str]]:
    """``(texts, problems)`` of PIL images through the OCR engine, one text per image."""
    texts: list[str] = []
    problems: list[str] = []
    for image in images:
        text, problem = _ocr(image, limits, ocr)
        texts.append(text)
        if problem:
            problems.append(problem)
    return texts, problems


def _page_images(page: Any) -> list[Any]:
    """The PIL images embedded in a PDF page (empty when none or unreadable)."""
    out = []
    try:
        for image_file in page.images:
            try:
                out.append(image_file.image)
            except Exception:  # noqa: BLE001 - per image: an undecodable embedded image is skipped
                continue
    except Exception:  # noqa: BLE001 - pypdf raises anything on a broken page's image list: none then
        return []
    return [img for img in out if img is not None]


# --- OCR ---------------------------------------------------------------------------------
def _usable(ocr: Ocr | None) -> bool:
    return ocr is not None and ocr.available()


def _ocr(image: Any, limits: ReadLimits, ocr: Ocr | None) -> tuple[str, str | None]:
    """(text, problem) of one PIL image through the OCR engine."""
    if ocr is None or not ocr.available():
        return "", "needs OCR (Tesseract is not installed)"
    width, height = image.size
    if width * height > limits.max_pixels:
        return "", f"image of {width}×{height} pixels is over the OCR limit of {limits.max_pixels} pixels"
    if width < 16 or height < 16:
        return "", None  # a spacer or tracking pixel
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    try:
        return ocr.image_to_text(image, timeout_s=limits.ocr_timeout_s), None
    except (TransientError, PermanentError) as exc:
        return "", exc.message


def _read_image(data: bytes, content_type: str, limits: ReadLimits, ocr: Ocr | None = None) -> Read:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    if not _usable(ocr):
        return "", "needs OCR: an image (Tesseract is not installed)", None, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > limits.max_pixels:
                return (
                    "",
                    f"image of {width}×{height} pixels is over the OCR limit of {limits.max_pixels} pixels",
                    None,
                    False,
                )
            frames = [
                frame.copy()
                for _, frame in zip(range(limits.max_ocr_pages), ImageSequence.Iterator(image), strict=False)
            ]
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        return "", f"broken image: {_short(exc)}; not read", None, False
    texts, problems = [], []
    for frame in frames:
        text, problem = _ocr(frame, limits, ocr)
        texts.append(text)
        if problem:
            problems.append(problem)
    text = "\n".join(texts)
    return text, "; ".join(problems) or None, None, bool(text.strip())


# --- Word ----------------------------------------------------------------------------------
def _read_docx(data: bytes, content_type: str, limits: ReadLimits, ocr: Ocr | None = None) -> Read:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return "", f"broken Word file: {_short(exc)}; not read", None, False
    except Exception as exc:  # noqa: BLE001 - python-docx raises anything on a malformed part
        return "", f"broken Word file ({type(exc).__name__}: {_short(exc)}); not read", None, False
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
        else:
            lines.append(block.text)
    return "\n".join(lines), None, None, False


def _table_rows(table: Any) -> list[str]:
    """One line per table row: cell texts joined by ``" | "`` (a merged cell once)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        rows.append(" | ".join(cells))
    return rows


def _read_doc(data: bytes, content_type: str, limits: ReadLimits, ocr: Ocr | None = None) -> Read:
    return "", "password-protected or legacy Word (.doc) file; not read", None, False


# --- text ------------------------------------------------------------------------------------
def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=\"?([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def _read_text(data: bytes, content_type: str, limits: ReadLimits, ocr: Ocr | None = None) -> Read:
    from creditctl.pipeline.mime import decode_bytes

    return decode_bytes(data, _charset(content_type)), None, None, False


def _read_html(data: bytes, content_type: str, limits: ReadLimits, ocr: Ocr | None = None) -> Read:
    from inscriptis import get_text

    from creditctl.pipeline.mime import decode_bytes

    return get_text(decode_bytes(data, _charset(content_type))), None, None, False


def _read_unsupported(data: bytes, content_type: str, limits: ReadLimits, ocr: Ocr | None = None) -> Read:
    what = (content_type or "").split(";")[0].strip() or "unknown type"
    return "", f"unsupported attachment type ({what}); not read", None, False


_READERS = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "doc": _read_doc,
    "image": _read_image,
    "text": _read_text,
    "html": _read_html,
}


# --- layout ------------------------------------------------------------------------------------
_GAP = re.compile(r"(?<=\S)[ \t\u00a0]{3,}(?=\S)")
_HAS_NUMBER = re.compile(r"\d[\d.,' ]*(?:[.,](?:\d{2}|-{1,2}))")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def normalise_layout(text: str) -> str:
    """Column gaps → ``" | "``, header labels onto value rows, blank-line runs → one;
    first ``cleaning_text.normalise_chars`` (Unicode spaces, ligatures) and
    ``join_letter_spaced_numbers`` / ``join_letter_spaced_words`` (PDF character spacing: ``1 .2 3 4 ,5 6`` →
    ``1.234,56``, ``G e s a m t`` → ``Gesamt``).

    See the module docstring. ``"Hauptforderung      540,00 €"`` →
    ``"Hauptforderung | 540,00 €"``. Never raises.
    """
    text = join_letter_spaced_words(join_letter_spaced_numbers(normalise_chars(text)))
    lines = [_GAP.sub(" | ", line.strip()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    header: list[str] | None = None
    for line in lines:
        if not line:
            if not out or out[-1] != "":
                out.append("")
            continue
        line, header = _labelled_row(line, header)
        out.append(line)
    return "\n".join(out).strip("\n")


def _labelled_row(line: str, header: list[str] | None) -> tuple[str, list[str] | None]:
    """(the line with column labels put before its values, the header for the next row).

    A row of only numbers under a header row of labels with the same number of cells
    gets ``label: value`` cells; a row of only labels becomes the next header."""
    cells = line.split(" | ")
    if (
        header
        and len(cells) == len(header)
        and any(_HAS_NUMBER.search(c) for c in cells)
        and not any(_LETTERS.search(_strip_currency(c)) for c in cells)
    ):
        return " | ".join(f"{label}: {cell}" for label, cell in zip(header, cells, strict=True)), header
    if len(cells) >= 2 and all(_LETTERS.search(c) and not _HAS_NUMBER.search(c) for c in cells):
        return line, [c.rstrip(":") for c in cells]
    return line, None


def _strip_currency(cell: str) -> str:
    return re.sub(r"€|\b(?:EUR|Euro|CHF|GBP|USD)\b", "", cell, flags=re.I)
