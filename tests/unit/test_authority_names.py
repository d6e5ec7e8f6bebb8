"""``reply_kind.names_authority``: a court, bailiff or public authority is never a client
(the name a face shows for a court letter whose subject names the court)."""

from __future__ import annotations

import pytest

from creditctl.pipeline.extraction.reply_kind import names_authority


@pytest.mark.parametrize(
    "name",
    [
        "Amtsgericht Neuhafen",
        "Landgericht Hamburg",
        "Gerichtsvollzieherin Sabine Maier",
        "Finanzamt Köln-Mitte",
        "Jobcenter Dortmund",
        "Hauptzollamt Bremen",
        "County Court at Leeds",
        "Magistrates' Court Bristol",
        "HMRC Debt Management",
        "Rechtbank Utrecht",
        "Gerechtsdeurwaarderskantoor Jansen",
        "Tribunal judiciaire de Lyon",
        "Commissaire de justice Martin",
        "Tribunale di Milano",
        "Juzgado de Primera Instancia n.º 3",
        "Kronofogden",
        "Oslo tingrett",
        "Stockholms tingsrätt",
        "Helsingin käräjäoikeus",
    ],
)
def test_courts_bailiffs_and_authorities_are_named(name: str) -> None:
    assert names_authority(name)


@pytest.mark.parametrize(
    "name",
    [
        "Tamara Reinholz",
        "Courtney Miller",
        "Hans Gerichtsberger",
        "Anna Hofgericht",
        "Amtsberg Logistik GmbH",
        "Jan de Rechter",
        "Maria Tribunella",
        "Sheriffa Ahmed",
        "",
        None,
    ],
)
def test_people_and_companies_are_not(name: str | None) -> None:
    assert not names_authority(name)
