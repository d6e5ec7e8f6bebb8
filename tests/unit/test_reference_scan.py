"""The reference scan skips text that cannot hold a kept match, and finds exactly what
the plain scan finds (``references._ref_matches`` against ``_REF_RE.finditer``).

The fast scan masks every run of label characters without a digit; these tests pin
that the masking never changes a match: over every labelled email, the shipped demo
emails, and hand-made edge cases at the masking's boundaries (punctuation the label
regex consumes or only looks at, values next to amounts, bracketed tickets).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from creditctl.pipeline.extraction import references as R

ROOT = Path(__file__).resolve().parents[2]


def _plain(text: str) -> tuple[tuple[str, str, int, int], ...]:
    return tuple(
        (m.group("label"), m.group("value"), m.start(), m.start("value"))
        for m in R._REF_RE.finditer(text)
        if R._HAS_DIGIT.search(m.group("value"))
    )


def _fast(text: str) -> tuple[tuple[str, str, int, int], ...]:
    return tuple((m.label, m.value, m.start, m.value_start) for m in R._ref_matches.__wrapped__(text))


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "data" / "labelled").glob("*.json")) + sorted(
        (ROOT / "creditctl" / "data" / "sample_emails").glob("*.json")
    ):
        case = json.loads(path.read_text(encoding="utf-8"))
        out += [case.get("body_text") or "", case.get("body_html") or "", case.get("subject") or ""]
    return [t for t in out if t]


EDGE_CASES = [
    "Kundennummer: ABC, Vertragsnummer 123",
    "Ihre Anfrage (557120) vom 3. März",
    "Anfrage [#4471209], Vertragsnummer 55-12/7",
    "Aktenzeichen RPI-7712-4408-19; Ihr Zeichen: BÖ-2024-0173!",
    "Kontokorrentkonto Nr. 0087 6543 21 über 1.200,00 EUR",
    "Rechnungsnummer 4711, Betrag 12,50 €",
    "our ref: AB-12 (see above) — account number 5100 2233 41",
    "Vorgang: 12345\nTicket #99881) Az. 12 C 345/26",
    "n° de dossier: 77-88, votre référence: BÖ-2025-0110",
    "Kundennummer\n\n  12345",
    "Vertrag 1234, Mieternummer 998877' und Konto 12",
    "Zeichen : X-9",
]


def test_the_fast_scan_finds_what_the_plain_scan_finds_in_every_labelled_email() -> None:
    texts = _texts()
    assert len(texts) > 300
    diffs = [t[:80] for t in texts if _fast(t) != _plain(t)]
    assert diffs == []


@pytest.mark.parametrize("text", EDGE_CASES)
def test_the_fast_scan_matches_the_plain_scan_at_the_masking_boundaries(text: str) -> None:
    assert _fast(text) == _plain(text)
    assert _plain(text), "each edge case holds at least one reference"


def test_the_fast_scan_matches_the_plain_scan_on_shuffled_fragments() -> None:
    rng = random.Random(18)
    pieces = [
        "Kundennummer",
        "Ihr Zeichen",
        "Az.",
        "Vertrag",
        "Konto",
        "Anfrage",
        "account number",
        "ref",
        ":",
        " ",
        "  ",
        ",",
        ";",
        "(",
        ")",
        "[",
        "]",
        "#",
        "-",
        ".",
        "/",
        "\n",
        "€",
        "EUR",
        "'",
        "12",
        "4471209",
        "BÖ-2024-0173",
        "ABC",
        "5100 2233 41",
        "12,50",
        "x",
        "Frau Muster",
    ]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(2, 14)))
        assert _fast(text) == _plain(text), text
