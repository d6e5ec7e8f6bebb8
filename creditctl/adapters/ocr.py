"""The OCR process: Tesseract through ``pytesseract`` (a subprocess per image).

``TesseractOcr`` implements ``pipeline.attachments.Ocr``: ``available()`` (the
``tesseract`` binary with German or English data, cached per process) and
``image_to_text(image, timeout_s=…)``, which translates pytesseract's errors where
they are raised: its timeout (a ``RuntimeError``) → ``OcrTimeout`` (transient), a
``TesseractError`` or a missing binary → ``OcrFailed`` (permanent). The pipeline turns
both into an attachment's ``problem``; nothing else imports pytesseract.

Page segmentation ``--psm 4`` (one column of text of variable sizes) keeps a label and
its amount on one line; the default ``--psm 3`` splits the label and amount columns into
separate blocks (measured on a Forderungsaufstellung scan). Source: Tesseract manual,
"Page segmentation modes" (tesseract-ocr.github.io/tessdoc).
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from typing import Any

from creditctl.exceptions import PermanentError, TransientError

OCR_CONFIG = "--psm 4 -c preserve_interword_spaces=1"
LANGUAGES = ("deu", "eng")


class OcrTimeout(TransientError):
    """Tesseract did not finish within its time limit."""


class OcrFailed(PermanentError):
    """Tesseract could not read the image."""


@lru_cache(maxsize=1)
def _languages() -> str | None:
    """``deu+eng`` (or what of it is installed); None when Tesseract is not usable."""
    if shutil.which("tesseract") is None:
        return None
    try:
        import pytesseract

        installed = set(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 - any failure of the probe means "not usable"
        return None
    wanted = [lang for lang in LANGUAGES if lang in installed]
    return "+".join(wanted) if wanted else None


class TesseractOcr:
    """OCR with the local ``tesseract`` binary (German and English)."""

    name = "tesseract"

    def available(self) -> bool:
        """Whether ``tesseract`` is installed with German or English data (cached per process)."""
        return _languages() is not None

    def image_to_text(self, image: Any, *, timeout_s: float) -> str:
        """The text of one PIL image. Raises ``OcrTimeout`` after ``timeout_s`` seconds,
        ``OcrFailed`` when Tesseract is missing or fails on the image."""
        languages = _languages()
        if languages is None:
            raise OcrFailed("Tesseract is not installed")
        import pytesseract

        try:
            return str(pytesseract.image_to_string(image, lang=languages, config=OCR_CONFIG, timeout=timeout_s))
        except (pytesseract.TesseractError, OSError) as exc:  # first: TesseractError is a RuntimeError
            raise OcrFailed(f"OCR failed ({(str(exc) or type(exc).__name__).splitlines()[0][:160]})") from exc
        except RuntimeError as exc:  # pytesseract raises a bare RuntimeError on its timeout
            raise OcrTimeout(f"OCR timed out after {timeout_s:g} s ({str(exc)[:160]})") from exc


TESSERACT = TesseractOcr()
"""The process's OCR engine (what services pass to ``read_attachment``)."""
