"""Court steps and enforceable titles, whoever reports them, go to a person (docs/evaluation.md):
the enforcement family of ``pipeline/reply_wording.py`` in several languages, and what must
not trip it (a company register footer, a plain statement)."""

import pytest

from creditctl.pipeline.reply_wording import contradiction_reasons

HELD = [
    "Die Forderung ist tituliert (Vollstreckungsbescheid vom 03.04.2023). Offen: 1.234,56 EUR",
    "Gegen Ihren Mandanten wurde ein Mahnbescheid erwirkt. Gesamtforderung 980,00 EUR",
    "Die Exekution ist beim Bezirksgericht anhängig. Aushaftend: EUR 812,40",
    "Das Betreibungsamt hat den Zahlungsbefehl zugestellt. Offen: CHF 1'200.00",
    "Gerichtskosten 45,00 EUR, Hauptforderung 500,00 EUR, gesamt 545,00 EUR",
    "Judgment was entered against your client; the balance is £1,200.00.",
    "A CCJ was registered in March. Balance outstanding: £640.00",
    "Proceedings in the District Court are pending. Amount due: €1,020.00",
    "Er is een vonnis gewezen; openstaand saldo € 760,00",
    "Un jugement a été rendu ; solde restant dû : 1 200,00 €",
    "Abbiamo ottenuto un titolo esecutivo; importo residuo 900,00 €",
    "Existe sentencia firme; saldo pendiente 1.100,00 €",
]

APPLIED = [
    "Die Gesamtforderung beträgt 2.318,44 €.\nSchwaben Inkasso GmbH · HRB 7781 Amtsgericht Stuttgart",
    "Ihre Mandantin schuldet uns noch 320,00 EUR.",
    "Wir haben keinen Mahnbescheid beantragt. Offen: 100,00 EUR",
    "The balance outstanding is £412.50. Registered in England, company no. 0123456.",
]


@pytest.mark.parametrize("text", HELD)
def test_court_steps_and_titles_are_held(text):
    reasons = contradiction_reasons(text)
    assert any("court, bailiff or enforcement" in r for r in reasons), reasons


@pytest.mark.parametrize("text", APPLIED)
def test_register_footers_and_plain_statements_are_not_enforcement(text):
    assert not any("enforcement" in r for r in contradiction_reasons(text))
