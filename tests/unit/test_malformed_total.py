"""A reply whose total label stands before a figure that is not one well-formed amount
("Gesamtforderung 1.2100,00 EUR") is held — as before — but the reason says a figure was
there and is not a well-formed amount, never "reply states no claim" (the rule:
``extraction.amounts.malformed_total_figure``; the reason: ``pipeline.gate``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from creditctl.cli import app
from creditctl.pipeline.extraction.amounts import malformed_total_figure

DATA = Path(__file__).resolve().parents[1] / "data" / "tuning"


@pytest.mark.parametrize(
    ("line", "figure", "label"),
    [
        ("Gesamtforderung 1.2100,00 EUR", "1.2100,00", "Gesamtforderung"),
        ("Die Gesamtforderung beträgt 1.2100,00 €.", "1.2100,00", "Gesamtforderung"),
        ("Gesamtforderung: 12.34.56,00", "12.34.56,00", "Gesamtforderung"),
        ("Total amount due: 1,21,000.00 GBP", "1,21,000.00", "Total"),
        ("Montant total : 1.2100,00 €", "1.2100,00", "Montant total"),
        ("Il totale dovuto ammonta a 1.2100,00 euro", "1.2100,00", "totale"),
        ("Importe total adeudado 1.2100,00 €", "1.2100,00", "Importe total"),
        ("Totaal openstaand bedrag: 1.2100,00 EUR", "1.2100,00", "Totaal"),
        ("Totalt belopp 1.2100,00 kr", "1.2100,00", "Totalt"),
        ("Totalbeløb 1.2100,00 kr", "1.2100,00", "Totalbeløb"),
    ],
)
def test_a_total_label_before_a_malformed_figure_is_found(line: str, figure: str, label: str) -> None:
    assert malformed_total_figure(f"Sehr geehrte Damen und Herren,\n{line}\nMit freundlichen Grüßen") == (
        figure,
        label,
    )


@pytest.mark.parametrize(
    "line",
    [
        "Gesamtforderung 1.210,00 EUR",  # well-formed
        "Gesamtforderung: EUR 12.100,00",
        "Total amount due: £1,210.00",
        "Gesamtsumme 1 210,00 €",
        "Montant total : 1 210,00 €",
        "Gesamtforderung per 01.12.2026",  # a date
        "Gesamtforderung zum Aktenzeichen 44120",  # a reference, no money shape
        "Total for 2026",  # a year
        "Die Gesamtforderung ist beglichen.",  # no figure
        "Hauptforderung 1.2100,00 EUR",  # not a total label
        "Gesamtforderung siehe Anlage. 1.2100,00",  # the sentence ended before the figure
    ],
)
def test_near_misses_are_not_malformed_totals(line: str) -> None:
    assert malformed_total_figure(line) is None


def _eval_one(tmp_path: Path, body: str) -> dict[str, object]:
    case = json.loads((DATA / "t01_statement_plain.json").read_text(encoding="utf-8"))
    original = "beträgt die Gesamtforderung derzeit 498,20 €."
    assert original in case["body_text"]
    case["body_text"] = case["body_text"].replace(original, body)
    case["id"] = "m1"
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(DATA / "records.json", suite / "records.json")
    (suite / "m1.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(suite), "--extractor", "rules", "--json"])
    assert result.exit_code == 0, result.output
    got: dict[str, object] = json.loads(result.stdout)["combined"]["items"][0]["got"]
    return got


@pytest.mark.parametrize(
    "body",
    ["Gesamtforderung 1.2100,00 EUR", "beträgt die Gesamtforderung derzeit 1.2100,00 €."],
)
def test_the_hold_names_the_figure_not_a_missing_claim(tmp_path: Path, body: str) -> None:
    got = _eval_one(tmp_path, body)
    assert got["apply"] is False and got["amount"] is None
    reasons = " | ".join(got["reasons"])  # type: ignore[arg-type]
    assert "'1.2100,00' after 'Gesamtforderung' is not a well-formed amount: a person reads it" in reasons
    assert "reply states no claim" not in reasons


def test_a_well_formed_total_still_applies(tmp_path: Path) -> None:
    got = _eval_one(tmp_path, "beträgt die Gesamtforderung derzeit 498,20 €.")
    assert got["apply"] is True and got["amount"] == "498.20", got
    assert not any("well-formed" in r for r in got["reasons"])  # type: ignore[union-attr]
