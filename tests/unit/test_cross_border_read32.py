"""Cross-border mail in the creditor's own language (read32, docs/evaluation.md "Reading round 32").

Clients who moved to Germany from Poland, Romania, Bulgaria, Croatia, Serbia, Slovenia, Czechia,
Slovakia, Hungary, the Baltic states, Turkey, Greece, Portugal/Brazil, Ukraine or Russia: their
creditors answer in their own language. Each family is read by its owner's table; positives in
several languages and near-misses that must not trip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.safety import normalise
from creditctl.pipeline.safety_handover import handover_phrase

# (a) A hand-over to a collection agency, a law office or a bailiff (``pipeline.safety_handover``):
# the figure beside it is the figure at the hand-over; held, whatever the language.
HANDED_OVER = [
    "informujemy, że wierzytelność z umowy PKO/2019/448812 została przekazana do dalszej windykacji "
    "firmie BEST S.A. z siedzibą w Gdyni. W dniu przekazania saldo wynosiło 8 980,00 zł.",
    "Sprawa została skierowana do kancelarii prawnej Kowalski i Wspólnicy.",
    "Задължението по клиентски номер A1-7700821455 в размер на 438,20 лв. е предадено за събиране на "
    "Агенция за събиране на вземания ЕАД.",
    "obveščamo vas, da smo terjatev (TS-SI-77012345) v višini 301,10 EUR predali v izterjavo agenciji "
    "Intrum Slovenija d.o.o., na katero se obrnite.",
    "Pohledávka byla předána inkasní agentuře Kruk Česká a Slovenská republika s.r.o.",
    "Pohľadávka bola odovzdaná inkasnej spoločnosti Intrum Slovakia s.r.o.",
    "A követelést átadtuk az EOS Faktor Zrt. követeléskezelő társaságnak.",
    "Creanța a fost transmisă către agenția de recuperare Kruk România S.R.L.",
    "Potraživanje je predano agenciji za naplatu EOS Matrix d.o.o.",
    "Потраживање је прослеђено агенцији за наплату.",
    "Skola perduota skolų išieškojimo bendrovei UAB Intrum Lietuva.",
    "Parāds ir nodots parādu piedziņas uzņēmumam SIA Intrum.",
    "Nõue on üle antud inkassofirmale Intrum Estonia AS.",
    "Borcunuz tahsilat şirketi Anadolu Varlık Yönetim A.Ş.'ye devredilmiştir.",
    "Η οφειλή διαβιβάστηκε στην εισπρακτική εταιρεία Intrum Hellas.",
    "A dívida foi encaminhada para a empresa de cobrança Intrum Portugal.",
    "O débito foi transferido para o escritório de advocacia Silva & Associados.",
    "Долг передан коллекторскому агентству ООО ПКБ.",
    "Борг передано колекторській компанії ФК Інвест.",
]

# near-misses: a condition or possibility, a negation, the sender's own department, a hand-over to
# the sender itself (the agent of record writing)
NOT_HANDED_OVER = [
    "W przypadku braku wpłaty sprawa może zostać przekazana do firmy windykacyjnej.",
    "Sprawa nie została przekazana do firmy windykacyjnej. Zadłużenie wynosi 1 200,00 zł.",
    "Pismo zostało przekazane do Działu Windykacji. Zadłużenie wynosi 1 200,00 zł.",
    "Dacă suma nu este achitată, creanța poate fi transmisă unei agenții de recuperare.",
    "Ako dug ne bude plaćen, predmet može biti predan agenciji za naplatu.",
    "Pohledávka nebyla předána inkasní agentuře.",
    "Ödeme yapılmaması halinde dosyanız avukatımıza devredilebilir.",
    "Εάν δεν εξοφληθεί, η οφειλή ενδέχεται να διαβιβαστεί σε εισπρακτική εταιρεία.",
    "Caso o pagamento não seja efetuado, o processo poderá ser encaminhado para a empresa de cobrança.",
    "Wierzytelność została nam przekazana do windykacji przez Orange Polska S.A. Zadłużenie wynosi 1 012,00 zł.",
    "Pohledávka byla předána oddělení vymáhání.",
    # the Croatian word for a claim is no Italian "potrebbe", the Spanish perfect's "ha" no Hungarian "if"
    "Potraživanje iznosi 702,90 €.",
]


@pytest.mark.parametrize("text", HANDED_OVER)
def test_a_hand_over_in_the_creditors_language_is_found(text: str) -> None:
    assert handover_phrase(normalise(text)) is not None


@pytest.mark.parametrize("text", NOT_HANDED_OVER)
def test_a_possible_negated_or_internal_hand_over_is_none(text: str) -> None:
    assert handover_phrase(normalise(text)) is None


# (b) The current figure in the creditor's own language (``extraction/labels.py``, ``numbers.CURRENCY_CODES``):
# the claim word, the copula "je", "with interest" as what the total holds, the local currency.
def _read(text: str) -> tuple[str, str | None, str | None]:
    from creditctl.pipeline.extraction.model import ExtractionInput
    from creditctl.pipeline.extraction.rules import RulesExtractor

    res = RulesExtractor().extract(ExtractionInput(reply_text=text, from_name="Creditor"))
    total = res.amounts.total
    return res.reply_kind.value, (str(total) if total is not None else None), res.currency


CURRENT_FIGURES = [
    ("Dobrý den, aktuální dluh ze smlouvy HC9102334789 je 19 240,50 Kč.", "19240.50", "CZK"),
    ("aktuálny dlh zo zmluvy SLSP-0044781203 je 5 034,12 €.", "5034.12", "EUR"),
    ("zůstatek dluhu klienta, nar. 4. 6. 1977, ze smlouvy č. HC 9102334561 je 43 880,00 Kč.", "43880.00", "CZK"),
    ("za kupca broj HEP 40021773 dug s obračunatim zateznim kamatama iznosi 702,90 €.", "702.90", "EUR"),
    ("Zaległość z tytułu opłat za lokal wynosi 3 342,18 zł.", "3342.18", "PLN"),
    (
        "vă comunicăm că doamna are de achitat pentru contractul PFR-889120 suma totală de 4.385,00 lei.",
        "4385.00",
        "RON",
    ),
    ("ukupan dug po kreditu broj BI-00771423 iznosi 318.442,50 RSD.", "318442.50", "RSD"),
    ("Dug po računu iznosi 14.870,00 din.", "14870.00", "RSD"),
    ("Заборгованість за договором становить 12 450,00 грн.", "12450.00", "UAH"),
    ("Задолженность по договору составляет 191 420,00 руб.", "191420.00", "RUB"),
    ("O valor em aberto é de R$ 1.250,00.", "1250.00", "BRL"),
]


@pytest.mark.parametrize(("text", "total", "currency"), CURRENT_FIGURES)
def test_the_current_figure_in_the_creditors_language_is_read(text: str, total: str, currency: str) -> None:
    _kind, got, cur = _read(text)
    assert (got, cur) == (total, currency)


# near-misses: German "je" (each) over months and years still names no total; a payment is no total
NOT_A_TOTAL = [
    "Die Beiträge für Oktober und November je 742,50 € sind offen.",
    "Zapłacono ratę w wysokości 250,00 zł.",
    "Toate facturile au fost achitate, ultima plată de 120,00 lei.",
]


@pytest.mark.parametrize("text", NOT_A_TOTAL)
def test_an_instalment_or_payment_is_no_total(text: str) -> None:
    assert _read(text)[1] is None


# (c) The reply kind (``extraction/reply_kind.MORE_KIND_PHRASES``)
KINDS = [
    (
        "Vă informăm că nu mai figurează debite restante. Toate facturile au fost achitate, soldul este de 0,00 lei.",
        "claim_settled",
    ),
    (
        "potvrdzujeme, že pohľadávka k zmluve OSK88120457 bola uhradená v plnej výške. Aktuálny zostatok je 0,00 €.",
        "claim_settled",
    ),
    (
        "обавештавамо Вас да је дуг по корисничком броју TS-61230044 у целости измирен. Стање: 0,00 дин.",
        "claim_settled",
    ),
    ("A dívida encontra-se totalmente liquidada. Saldo: 0,00 €.", "claim_settled"),
    ("Borcunuz tamamen ödenmiştir, borcu bulunmamaktadır.", "claim_settled"),
    ("Pani Katarzyna Nowak nie figuruje w naszej bazie klientów.", "client_unknown"),
    ("Wierzytelność została sprzedana w drodze cesji do Prokura NS FIZ.", "claim_assigned"),
    ("Pohledávka byla postoupena společnosti APS Czech.", "claim_assigned"),
    ("Komornik Sądowy przy Sądzie Rejonowym prowadzi postępowanie egzekucyjne, kwota 9 640,22 zł.", "enforcement"),
    ("Η οφειλή βρίσκεται σε αναγκαστική εκτέλεση, ποσό 1.200,00 €.", "enforcement"),
    ("Aktuálny dlh je 5 034,12 €. Prosím zašlite splnomocnenie podpísané klientom.", "document_request"),
    ("Kwestionujemy wysokość wskazanej kwoty 1 200,00 zł.", "dispute"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_the_reply_kind_in_the_creditors_language(text: str, kind: str) -> None:
    assert _read(text)[0] == kind


# near-misses of the kinds: a plain statement stays a statement
STATEMENTS = [
    "Zadłużenie z tytułu umowy wynosi 8 912,40 zł.",
    "Ukupan dug iznosi 5.588,12 EUR.",
    "Celková dlužná částka činí 101 245,30 Kč.",
]


@pytest.mark.parametrize("text", STATEMENTS)
def test_a_plain_statement_stays_a_statement(text: str) -> None:
    assert _read(text)[0] == "claim_statement"


# (d) The whole-number check (``safety.number_tokens``): a date with a four-digit year before a
# space-grouped figure ends at its year; a figure split by a stray space still proves nothing.
def test_a_date_before_a_space_grouped_figure_ends_at_its_year() -> None:
    from creditctl.pipeline.safety import number_tokens

    values = [t.value for t in number_tokens("celková výška je ku dňu 1. 12. 2026 5 012,88 €.") if t.value]
    assert values[-1] == Decimal("5012.88")
    values = [t.value for t in number_tokens("Stand 01.12.2026 101 245,30 Kč")]
    assert Decimal("101245.30") in values
    assert Decimal("18.75") not in [t.value for t in number_tokens("Saldo 4. 018,75 €")]
