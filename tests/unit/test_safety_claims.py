"""A figure beside another claim, a look-alike account or another person's date of birth never
changes the matched claim (creditctl/pipeline/safety_claims.py; docs/evaluation.md, "Decoys:
other claims, look-alike accounts") — and the clear originals still pass."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.pipeline.safety_claims import claim_problems, lookalike_references


def _claim(claim_id: int, client_id: int, ref: str, **kw: object) -> ClaimCandidate:
    values: dict[str, object] = {
        "client_file_number": f"BÖ-2026-0{client_id:03d}",
        "client_name": "Jana Meyer",
        "creditor_name": "Vodafin Telekom GmbH",
        "agent_name": "Inkasso Nordlicht GmbH",
        "creditor_emails": ("team@nordlicht.example",),
        "client_date_of_birth": date(1984, 3, 12),
    }
    values.update(kw)
    return ClaimCandidate(claim_id, client_id, creditor_reference=ref, **values)  # type: ignore[arg-type]


MEYER = _claim(1, 1, "TK-88120455")
MAIER = _claim(2, 2, "TK-88120456", client_name="Jana Maier", client_date_of_birth=date(1979, 11, 2))
OTHER_CREDITOR = _claim(
    3, 3, "7781220", creditor_name="Allgäu Versand GmbH", agent_name=None, creditor_emails=("a@allgaeu.example",)
)
CLAIMS = [MEYER, MAIER, OTHER_CREDITOR]


@pytest.mark.parametrize(
    ("text", "reference", "found"),
    [
        ("Wir führen eine Akte TK-88120457 für eine Frau Jana Meyer.", "TK-88120455", ["TK-88120457"]),
        ("Auf den Namen wird das Beitragskonto 512 334 898 geführt.", "512334889", ["512 334 898"]),  # swapped
        ("SCS/88/20417  Gas €512.30\nSCS/88/20418  Electricity €389.12", "SCS/88/20417", ["SCS/88/20418"]),
        ("Op dossier 2026 40117 staat nog € 120,00 open.", "2026-40118", ["2026 40117"]),
        ("Sur le dossier REC-4471902 il reste 310,00 EUR.", "REC-4471903", ["REC-4471902"]),
        # a doubled separator (the Jobcenter's "Bedarfsgemeinschaft 35402//0012345") or one between spaces
        ("Zu der Akte 35402//0012346 sind außerdem 120,00 € offen.", "35402//0012345", ["35402//0012346"]),
        ("Nel fascicolo 2026 / 440718 risultano € 80,00.", "2026/440719", ["2026 / 440718"]),
        ("Dossier 88--120457: solde 40,00 €", "88-120455", ["88--120457"]),
    ],
)
def test_a_lookalike_account_is_found(text: str, reference: str, found: list[str]) -> None:
    assert lookalike_references(text, reference) == found


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Zu Ihrer Akte TK-88120455 sind derzeit 655,10 € offen.", "TK-88120455"),  # the claim's own
        ("Zu Ihrer Akte TK 8812 0455 sind derzeit 655,10 € offen.", "TK-88120455"),  # spaced
        ("Geburtsdatum 12.03.1984, Betrag 655,10 €", "12031985"),  # a date is no account
        ("Rechnung RX-88120457 vom 03.11.2026", "TK-88120455"),  # other letters
        ("Konto 4471 offen 120,00", "4472"),  # too short to tell
        ("FN 41127 d, LG Leoben · DVR 0104477", "3104877"),  # two digits apart: a coincidence
        ("Die Akte TK-88120456 betrifft Ihre andere Mandantin.", "TK-88120455"),  # one of ours (below)
        ("Bedarfsgemeinschaft 35402//0012345, offen 1.320,00 €", "35402//0012345"),  # the claim's own, doubled
        ("Akte 35402 // 0012345 vom 01.02.2026", "35402-0012345"),  # the claim's own, spaced slashes
    ],
)
def test_no_lookalike_in_the_clear_originals(text: str, reference: str) -> None:
    assert lookalike_references(text, reference, frozenset({"TK88120456"})) == []


def test_another_claim_of_the_same_agent_named_holds() -> None:
    reasons = claim_problems(
        own_text="TK-88120455 Meyer 655,10\nTK-88120456 Maier 401,85",
        matched=MEYER,
        candidates=CLAIMS,
        references=["TK-88120455", "TK-88120456"],
    )
    assert len(reasons) == 1 and "another claim of ours (TK-88120456" in reasons[0]


def test_another_creditors_number_that_happens_to_be_written_does_not_hold() -> None:
    # "Klantnummer opdrachtgever: 7781-220" equals a claim of another creditor by chance
    reasons = claim_problems(
        own_text="Klantnummer opdrachtgever: 7781-220. Het saldo bedraagt € 1.045,20.",
        matched=MEYER,
        candidates=CLAIMS,
        references=["TK-88120455", "7781-220"],
    )
    assert reasons == []


@pytest.mark.parametrize(
    "text",
    [
        "Wir führen eine Akte für Frau Jana Meyer, geb. 21.03.1986. Dort sind 702,15 € offen.",
        "The account holder, date of birth 21/03/1986, owes €702.15.",
        "Notre dossier concerne Mme Meyer, née le 21/03/1986 : 702,15 EUR.",
        "Vårt ärende avser gäldenären, född 1986-03-21: 702,15 kr.",
    ],
)
def test_another_persons_date_of_birth_holds(text: str) -> None:
    reasons = claim_problems(own_text=text, matched=MEYER, candidates=CLAIMS, references=["TK-88120455"])
    assert reasons and "date of birth (1986-03-21)" in reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "Frau Jana Meyer, geb. 12.03.1984: offen sind 655,10 €.",
        "Date of birth 12/03/1984. Balance £655.10.",
        "Offen sind 655,10 €. Der Ratenkredit RK-7301-55102 wird gesondert beantwortet.",
    ],
)
def test_the_clients_own_date_of_birth_and_a_plain_statement_pass(text: str) -> None:
    assert claim_problems(own_text=text, matched=MEYER, candidates=CLAIMS, references=["TK-88120455"]) == []


WEBER = _claim(4, 4, "412/26 H", client_name="Monika Weber", agent_name="Kanzlei Dr. Hollmann")
WEBERS = _claim(
    5, 5, "417/26 H", client_name="Monika Webers", creditor_name="Autohaus Sternberg", agent_name="Kanzlei Dr. Hollmann"
)


def test_a_figure_for_another_claim_of_the_same_agent_holds() -> None:
    # the subject names Weber's file; the letter and its figure are about Webers (417/26 H)
    text = "die Forderung gegen Frau Webers (unser Az. 417/26 H) beläuft sich derzeit auf 2.318,77 €."
    reasons = claim_problems(
        own_text=text, matched=WEBER, candidates=[WEBER, WEBERS], references=["412/26"], total=Decimal("2318.77")
    )
    assert reasons and "another claim of ours (417/26 H" in reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "Zur Akte 412/26 H sind 655,10 € offen.\nDie Akte 417/26 H beantworten wir gesondert.",
        "Zur Akte 412/26 H beträgt der Saldo 655,10 €. Die Akte 417/26 H ist nicht enthalten.",  # one line
    ],
)
def test_another_claim_set_aside_beside_the_claims_own_figure_passes(text: str) -> None:
    reasons = claim_problems(
        own_text=text, matched=WEBER, candidates=[WEBER, WEBERS], references=["412/26 H"], total=Decimal("655.10")
    )
    assert reasons == []


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Offen sind:\n  Marco Rüegg   CHF 2'100.00\n  Andrea Rüegg  CHF 1'312.85\n  Total  CHF 3'412.85",
            "Marco Rüegg",
        ),
        ("Balances: John Carter £410.00\nMary Carter £220.50\nTotal £630.50", "John Carter"),
        ("Openstaand:\nJansen, Pieter € 410,00\nJansen, Els € 220,50\nTotaal € 630,50", "Jansen, Pieter"),
    ],
)
def test_a_figure_for_another_person_of_the_clients_name_holds(text: str, client: str) -> None:
    matched = _claim(6, 6, "88.401.227", client_name=client, client_date_of_birth=None)
    reasons = claim_problems(own_text=text, matched=matched, candidates=[matched], references=[])
    assert reasons and "another person" in reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "Herr Marco Rüegg schuldet uns CHF 2'100.00.",
        "Kunde Rüegg: offen CHF 2'100.00",
        "Herr Marco Rüegg, Konto 4471\n03.11. Zahlungseingang Rüegg 50.00\nSaldo CHF 2'100.00",  # a noun
        "Eheleute Marco und Andrea Rüegg\nOffen: CHF 2'100.00",  # another person named, no figure on the line
        "Rückstandsaufstellung für Herrn M. Rüegg, Vers.-Nr. N417229930\nNoch offen: CHF 2'100.00",  # an abbreviation
        # the total in a sentence naming the client; another Rüegg's file in a paragraph of its own
        "Für Herrn Marco Rüegg beträgt der Rückstand CHF 2'100.00.\n\nDie Akte von Andrea Rüegg (CHF 640.00) "
        "betrifft nicht Ihren Mandanten.",
    ],
)
def test_the_client_alone_or_a_role_word_passes(text: str) -> None:
    matched = _claim(6, 6, "88.401.227", client_name="Marco Rüegg", client_date_of_birth=None)
    assert (
        claim_problems(own_text=text, matched=matched, candidates=[matched], references=[], total=Decimal("2100.00"))
        == []
    )


# a total that is only the sum of the listed parts, beside another figure (pipeline/safety.py) --------


def _parts_check(body: str, total: str) -> tuple[str, ...]:
    from creditctl.pipeline.safety import check

    return check(
        total=Decimal(total),
        reply_kind="claim_statement",
        own_texts={"body": body},
        quoted_text="",
        raw_texts=[body],
    ).reasons


PARTS = "Hauptforderung EUR 2.512,60\nZinsen EUR 41,55\nKosten EUR 317,00\n"


@pytest.mark.parametrize(
    "other",
    [
        "Vergleich angenommen: EUR 2.521,30, zahlbar bis 15.01.2027.",
        "Zum Zeitpunkt des Forderungsverkaufs betrug die Forderung EUR 3.205,25.",
        "We accept your client's offer of EUR 2,521.30 in full and final settlement.",
        "Per 31-12-2025 bedroeg het saldo EUR 3.205,25.",
    ],
)
def test_a_sum_of_parts_beside_another_figure_holds(other: str) -> None:
    reasons = _parts_check(f"Offen sind:\n{PARTS}\n{other}\n", "2871.15")
    assert any("only the sum of the listed parts" in r for r in reasons)


def test_a_sum_of_parts_alone_passes() -> None:
    reasons = _parts_check(f"Offen sind:\n{PARTS}\nBitte überweisen Sie bis 15.01.2027.\n", "2871.15")
    assert not any("only the sum of the listed parts" in r for r in reasons)


@pytest.mark.parametrize(
    "other",
    [
        "La prime mensuelle s'élève à CHF 318.70. Un arrangement de paiement peut être convenu.",
        "An instalment plan of EUR 60.00 monthly was offered on 02.10.2026 but not accepted.",
        "Die monatliche Rate beträgt EUR 50,00.",
        "Registered in England and Wales No. 04123456 · share capital £50,000.00",
    ],
)
def test_a_sum_of_parts_beside_a_periodic_figure_passes(other: str) -> None:
    reasons = _parts_check(f"Offen sind:\n{PARTS}\n{other}\n", "2871.15")
    assert not any("only the sum of the listed parts" in r for r in reasons)


def test_a_sum_of_parts_beside_a_payment_already_deducted_passes() -> None:
    other = "De betaling van € 40,00 d.d. 12-08-2026 is reeds op de hoofdsom in mindering gebracht."
    reasons = _parts_check(f"Offen sind:\n{PARTS}\n{other}\n", "2871.15")
    assert not any("only the sum of the listed parts" in r for r in reasons)


def test_a_sum_of_parts_beside_a_settlement_payment_holds() -> None:
    other = "Gegen eine einmalige Zahlung von EUR 2.000,00 als Vergleich verzichten wir auf den Rest."
    reasons = _parts_check(f"Offen sind:\n{PARTS}\n{other}\n", "2871.15")
    assert any("only the sum of the listed parts" in r for r in reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Vergleich angenommen: 900,00 EUR, zahlbar bis 15.01.2027.",
        "Unsere Mandantin nimmt Ihr Vergleichsangebot vom 20.11.2026 an.",
        "We accept your client's offer of £900.00 in full and final settlement.",
        "Wij gaan akkoord met de voorgestelde regeling van € 900,00.",
        "Nous acceptons la proposition transactionnelle de 900,00 EUR.",
        "Accettiamo la proposta di saldo e stralcio di € 900,00.",
        "Aceptamos la quita propuesta: 900,00 €.",
        "Vi accepterar förlikningsförslaget om 9 000 kr.",
    ],
)
def test_a_settlement_accepted_holds(text: str) -> None:
    reasons = claim_problems(own_text=text, matched=MEYER, candidates=CLAIMS, references=["TK-88120455"])
    assert reasons and "accepts a settlement" in reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "Die Gesamtforderung beträgt 3.512,40 €. Einen Vergleich über 2.800,00 € würden wir akzeptieren.",
        "The balance is £3,512.40. We would accept £2,800.00 in full and final settlement if paid by 15 January.",
        "Ein Vergleich ist nicht möglich; offen sind 3.512,40 €.",
    ],
)
def test_an_offer_beside_the_total_is_no_accepted_settlement(text: str) -> None:
    reasons = claim_problems(own_text=text, matched=MEYER, candidates=CLAIMS, references=["TK-88120455"])
    assert not any("accepts a settlement" in r for r in reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Zum Zeitpunkt des Forderungsverkaufs am 31.12.2025 betrug die Forderung EUR 186,39.",
        "At the time of the sale of the debt on 31 December 2025 the balance was £186.39.",
        "Bij de verkoop van de vordering bedroeg het saldo € 186,39.",
        "Au moment de la cession, le solde s'élevait à 186,39 EUR.",
        "En el momento de la cesión el saldo ascendía a 186,39 €.",
    ],
)
def test_a_figure_at_the_sale_holds(text: str) -> None:
    reasons = claim_problems(own_text=text, matched=MEYER, candidates=CLAIMS, references=["TK-88120455"])
    assert reasons and "sold or assigned" in reasons[0]


def test_a_plain_balance_with_a_date_passes() -> None:
    text = "Per 30.11.2026 beträgt der Saldo 186,39 €. Die Forderung wurde nicht abgetreten."
    assert claim_problems(own_text=text, matched=MEYER, candidates=CLAIMS, references=["TK-88120455"]) == []
