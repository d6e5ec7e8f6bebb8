"""The OCR adapter with the real tesseract binary: errors are translated where
pytesseract raises them (timeout → OcrTimeout, transient; failure → OcrFailed)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from creditctl.adapters.ocr import TESSERACT, OcrFailed, OcrTimeout
from creditctl.retry import is_retryable
from tests.ci import in_ci


def _needs_tesseract() -> None:
    if not TESSERACT.available():
        assert not in_ci(), "CI=true but tesseract (with deu/eng data) is missing"
        pytest.skip("tesseract is not installed")


def _page() -> Image.Image:
    image = Image.new("RGB", (1600, 400), "white")
    ImageDraw.Draw(image).text((40, 150), "Gesamtforderung 686,41 EUR", fill="black")
    return image


def test_reads_text():
    _needs_tesseract()
    assert "686" in TESSERACT.image_to_text(_page().resize((3200, 800)), timeout_s=60)


def test_a_timeout_is_a_transient_project_error():
    _needs_tesseract()
    with pytest.raises(OcrTimeout) as info:
        TESSERACT.image_to_text(_page().resize((6400, 1600)), timeout_s=0.001)
    assert is_retryable(info.value) and isinstance(info.value.__cause__, RuntimeError)


def test_a_failure_is_a_permanent_project_error():
    _needs_tesseract()
    with pytest.raises(OcrFailed) as info:
        TESSERACT.image_to_text("/nonexistent/image.png", timeout_s=10)
    assert not is_retryable(info.value)
