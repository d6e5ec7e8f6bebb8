"""Cross-border mail in the creditor's own language (read32, docs/evaluation.md "Reading round 32").

Clients who moved to Germany from Poland, Romania, Bulgaria, Croatia, Serbia, Slovenia, Czechia,
Slovakia, Hungary, the Baltic states, Turkey, Greece, Portugal/Brazil, Ukraine or Russia: their
creditors answer in their own language. Each family is read by its owner's table; positives in
several languages and near-misses that must not trip.
"""

from __future__ import annotations

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
