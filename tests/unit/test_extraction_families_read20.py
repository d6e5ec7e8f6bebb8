"""Families of reading round 20 (tuning_s, who the reply is about and who sends it): the client
named in capitals, surname first with an initial, with an Arabic article, a Nordic "against",
"mw." before a Dutch name; a firm joined by "&" is no person; a subject's German nouns are no
name; a brand's owner is the creditor."""

from __future__ import annotations

import pytest

from creditctl.pipeline.extraction.parties import (
    bare_company,
    companies_in,
    ranked_client_names,
    subject_client_name,
)


def _first(text: str) -> str | None:
    found = ranked_client_names(text)
    return found[0][1] if found else None


CLIENTS = [
    ("Schuldner:        MUELLER, KLAUS PETER\ngeb.:   14.03.1968", "Klaus Peter Mueller"),
    ("zu Ihrer Anfrage betreffend Müller, K. (geb. 02.09.1971), unser Zeichen", "K. Müller"),
    ("Herr Muhammad al-Haddad (محمد الحداد) schuldet uns", "Muhammad al-Haddad"),
    ("la créance détenue sur Madame Emine ÖZTÜRK (dossier CL-0098123) a été cédée", "Emine ÖZTÜRK"),
    ("danke für Ihre Nachricht zu Herrn Dr. K.-P. Müller, Kundennummer 7 700 123 554.", "K.-P. Müller"),
    ("Vi företräder Norrland Hem & Fritid AB i ärendet mot Malgorzata Kowalczyk.", "Malgorzata Kowalczyk"),
    ("Kravet mot Erik Lindqvist er overført", "Erik Lindqvist"),
    ("> Ons kenmerk: BÖ-2025-0334, cliënte mw. Nguyễn Thị Lan\n> 1. Wat is het saldo?", "Nguyễn Thị Lan"),
]


@pytest.mark.parametrize(("text", "name"), CLIENTS)
def test_the_client_as_the_mail_names_them(text: str, name: str) -> None:
    assert _first(text) == name


NOT_CLIENTS = [
    "Vi företräder Norrland Hem & Fritid AB i ärendet.",  # a firm joined by "&"
    "Geachte mw. Jansen, wij bevestigen",  # the salutation
    "Sehr geehrter Herr Dr. Brandt,",
    "Kunde: Sabine Meyer AG",  # a legal form
]


@pytest.mark.parametrize("text", NOT_CLIENTS)
def test_no_client_is_read(text: str) -> None:
    assert _first(text) is None


@pytest.mark.parametrize(
    "subject",
    [
        "Rückforderung Kindergeld - 123FK445566",
        "Erledigung Akte LFM-2026-121503",
        "Al-Haddad ./. Autohaus Brenner - Ratenzahlung",
    ],
)
def test_german_nouns_and_firms_in_a_subject_are_no_client(subject: str) -> None:
    assert subject_client_name(subject, "") is None


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("AW: Forderung Karin Meyer", "Karin Meyer"),
        ("Sv: Young Jung", "Young Jung"),
        ("Re: Hoang Leung", "Hoang Leung"),
    ],
)
def test_names_in_a_subject_still_are(subject: str, name: str) -> None:
    found = subject_client_name(subject, "")
    assert found is not None and found[0] == name


def test_a_brands_owner_is_the_company() -> None:
    line = "Sonnenhof Immobilien – eine Marke der Hausverwaltung Sonnenhof GmbH"
    assert companies_in(line)[0] == "Hausverwaltung Sonnenhof GmbH"
    assert bare_company("Marke der Hausverwaltung Sonnenhof GmbH") == "Hausverwaltung Sonnenhof GmbH"


def test_a_department_before_the_firm_is_no_part_of_its_name() -> None:
    assert bare_company("Kundenservice Stadtwerke Rheinaue GmbH") == "Stadtwerke Rheinaue GmbH"


@pytest.mark.parametrize(
    "text",
    [
        "Wir haben die Gerichtsvollzieherin Frau Obergerichtsvollzieherin Kraft mit der Zwangsvollstreckung beauftragt.",
        "Grüezi Frau Krüger\n\nanbei die Aufstellung",  # a Swiss salutation
    ],
)
def test_an_office_or_a_salutation_is_no_client(text: str) -> None:
    assert _first(text) is None


def test_a_nordic_overview_for_the_client() -> None:
    assert _first("Här kommer en sammanställning för Erik Lindqvist, ärendenummer 7788123-4") == "Erik Lindqvist"


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("Beitragsrückstand Versicherte Monika Weber, Beitragskonto 0815-4711-22", "Monika Weber"),
        ("Mieterin Demir, Mieternr. 1207-03-11", None),  # a role and a surname alone
        ("Steuerrückstände Ostendorf – StNr. 318 / 5512 / 0937", None),
        ("RE: Kunde Jan Roth", "Jan Roth"),
    ],
)
def test_a_role_or_topic_before_a_subjects_name(subject: str, name: str | None) -> None:
    found = subject_client_name(subject, "")
    assert (found[0] if found else None) == name


def test_a_second_reading_of_the_same_text_ranks_the_same_names() -> None:
    """The client cues are cached per text: a reading must not grow what the next one gets."""
    from creditctl.pipeline.extraction.parties import ranked_client_names

    text = (
        "Guten Tag,\nunsere Forderung gegen Ihre Mandantin Jana Meyer beträgt 120,00 €. Frau Meyer hat nicht gezahlt.\n"
        "Jana Meyer, offener Saldo 120,00 €"
    )
    first = ranked_client_names(text)
    assert first and ranked_client_names(text) == first == ranked_client_names(text)
