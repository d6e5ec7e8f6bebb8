"""Hold reasons quote whole words (``pipeline.excerpts``): a pattern stopping inside a word, or a
long sentence shortened to its limit, never leaves a word cut in two — in every language, at
every owner that quotes the reply; the desk's reason families still group the reasons."""

from __future__ import annotations

import re

import pytest

from creditctl.desk.i18n import Formatter
from creditctl.desk.reasons import known
from creditctl.pipeline.excerpts import ELLIPSIS, excerpt, match_excerpt, sentence_excerpt, word_span
from creditctl.pipeline.reply_wording import find_phrases
from creditctl.pipeline.safety import find_assignment, find_credit_marks


def _whole_words_of(quote: str, text: str) -> bool:
    """Whether ``quote`` (its "…" dropped) stands in ``text`` (blanks collapsed) on word edges."""
    flat = " ".join(text.split())
    body = quote.removesuffix(ELLIPSIS)
    return re.search(r"(?<!\w)" + re.escape(body) + r"(?!\w)", flat, re.IGNORECASE) is not None


@pytest.mark.parametrize(
    ("text", "start", "end", "span"),
    [
        ("zugunsten Ihrer Mandantin.", 0, 22, (0, 25)),  # ends inside "Mandantin"
        ("das Guthaben", 6, 12, (4, 12)),  # starts inside "Guthaben"
        ("Inkasso-Service", 0, 7, (0, 7)),  # a hyphen ends a word
        ("Inkasso-Service", 0, 9, (0, 15)),
        ("la créance", 0, 10, (0, 10)),  # already on word edges
        ("обърнете се директно", 3, 13, (0, 20)),  # any script
    ],
)
def test_word_span_widens_to_word_edges(text: str, start: int, end: int, span: tuple[int, int]) -> None:
    assert word_span(text, start, end) == span


def test_a_long_excerpt_is_cut_at_a_word_boundary_and_marked() -> None:
    sentence = (
        "Aangezien de factuur 2025/118803 na drie herinneringen onbetaald bleef, werd het dossier op "
        "18/11/2026 overgemaakt aan gerechtsdeurwaarderskantoor Claeys & De Smet te Gent voor verdere invordering"
    )
    quoted = excerpt(sentence)
    assert quoted.endswith(ELLIPSIS) and len(quoted) <= 161
    assert _whole_words_of(quoted, sentence)
    assert not quoted.removesuffix(ELLIPSIS).endswith("De S")
    # near miss: a short span is quoted as it is, blanks collapsed, no mark
    assert excerpt("the  account\nwas sold") == "the account was sold"
    # one word longer than the limit is cut at the limit
    assert excerpt("x" * 30, limit=10) == "x" * 10 + ELLIPSIS


@pytest.mark.parametrize(
    "text",
    [
        "Die Forderung ist ausgeglichen, es besteht ein Guthaben von 35,00 € zugunsten Ihrer Mandantin.",
        "Es ergibt sich ein Betrag zugunsten Ihres Mandanten in Höhe von 35,00 €.",
        "Nach Verrechnung besteht ein Saldo zugunsten der Kundin von 12,40 €.",
    ],
)
def test_a_credit_word_is_quoted_whole(text: str) -> None:
    marks = find_credit_marks(text)
    assert marks and all(_whole_words_of(m, text) for m in marks)
    assert not any(m.endswith(("Mandant", "Kund")) for m in marks)


@pytest.mark.parametrize(
    "text",
    [
        # en, de, fr, nl, it, es: a sale or hand-over; the quote is whole words of the reply
        "Please be advised that on the instructions of our client, Brightline Energy Ltd, this account was passed "
        "to our solicitors, Harrow & Pym LLP, for recovery on 25 November 2026 and all further correspondence "
        "should be directed to them.",
        "wir teilen mit, dass wir die Forderung gegen Frau Claudia Neumann (KFA-88120377, Forderungshöhe derzeit "
        "2.318,40 €) mit Wirkung zum 01.12.2026 an die Inkasso Zentrale Nord GmbH abgetreten haben.",
        "Nous vous informons que le dossier CF-77120-3391 a été transmis le 10/11/2026 à notre cabinet de "
        "recouvrement, le Cabinet Moreau Recouvrement, 18 rue de la République, 69002 Lyon.",
        "Het dossier is op 18-11-2026 uit handen gegeven aan gerechtsdeurwaarderskantoor Brouwer & Kok te Utrecht; "
        "inmiddels is een dagvaarding uitgebracht voor de kantonrechter.",
        "Vi informiamo che la posizione relativa al contratto 20417733 intestato alla Sig.ra Giulia Rossi è stata "
        "affidata alla società Recuperi Nord S.r.l. in data 02/12/2026.",
        "Les comunicamos que, con fecha 20/11/2026, Banco Meridional, S.A. ha cedido el crédito de su representada "
        "a Cartera Sur Gestión, S.L., que pasa a ser la nueva acreedora.",
    ],
)
def test_a_sale_or_hand_over_is_quoted_in_whole_words(text: str) -> None:
    found = find_assignment(text)
    assert found is not None
    assert _whole_words_of(found, text), found


@pytest.mark.parametrize(
    ("concern", "text"),
    [
        ("dispute", "Gegen die Forderung haben wir Widerspruch eingelegt; die Sache wird geprüft."),
        ("settled", "The account has been paid in full and is now closed."),
        ("settled", "De vordering is volledig voldaan."),
        ("dispute", "Nous contestons cette créance dans son intégralité."),
    ],
)
def test_phrases_of_the_wording_tables_are_quoted_whole(concern: str, text: str) -> None:
    words = find_phrases(concern, text)
    assert words and all(_whole_words_of(w, text) for w in words)


def test_match_excerpt_reads_the_matchs_own_string() -> None:
    text = "Saldo zugunsten Ihrer Mandantin: 12,00 €"
    m = re.search(r"zugunsten ihrer mandant", text, re.IGNORECASE)
    assert m is not None and match_excerpt(m) == "zugunsten Ihrer Mandantin"


@pytest.mark.parametrize(
    "reason",
    [
        "credit or negative balance stated ('zugunsten Ihrer Mandantin'): never applied as an amount owed",
        f"claim sold or assigned to a new holder ('werd het dossier overgemaakt aan Claeys &{ELLIPSIS}'): "
        "a person decides",
    ],
)
def test_the_desk_still_renders_whole_word_quotes(reason: str) -> None:
    assert known(reason, Formatter("de_DE", "Europe/Berlin"))


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        # bg: a period after "лв." before a lower-case word ends no sentence; "ЕАД. Моля" does
        (
            "Здравейте,\n\nЗадължението по клиентски номер A1-7700821455 в размер на 438,20 лв. е предадено за "
            "събиране на Агенция за събиране на вземания ЕАД. Моля, обърнете се директно към тях.\n\nС уважение,",
            "Задължението по клиентски номер A1-7700821455 в размер на 438,20 лв. е предадено за събиране на "
            "Агенция за събиране на вземания ЕАД.",
        ),
        # de: the sentence naming the assignment, not the one after it
        (
            "Sehr geehrte Damen und Herren,\n\ndie Forderung aus Vertrag Nr. 4711 wurde an die Alpha Finance AG "
            "abgetreten. Bitte wenden Sie sich künftig an diese.\n\nMit freundlichen Grüßen",
            "die Forderung aus Vertrag Nr. 4711 wurde an die Alpha Finance AG abgetreten.",
        ),
        # en: the sentence before is not quoted
        (
            "Thank you for your letter. The account was sold to Lowell Solutions Ltd on 1 October 2026. "
            "Please contact them.",
            "The account was sold to Lowell Solutions Ltd on 1 October 2026.",
        ),
        # fr: "M." and "n°" inside the sentence do not end it
        (
            "Madame, Monsieur,\n\nLa créance sur M. Weber a été cédée à Cartera Sud SAS. Merci de vous adresser à "
            "elle.",
            "La créance sur M. Weber a été cédée à Cartera Sud SAS.",
        ),
    ],
)
def test_the_sale_is_quoted_by_its_own_sentence(text: str, sentence: str) -> None:
    found = find_assignment(text)
    assert found == sentence


def test_a_reference_after_an_abbreviation_starts_no_sentence() -> None:
    text = "in riscontro alla Vs. del 23/11/2026 (Vs. rif. BÖ-2026-0313) Vi comunichiamo che il credito è stato ceduto."
    start = text.index("ceduto")
    quoted = sentence_excerpt(text, start, start + 6, abbreviations=frozenset({"vs"}))
    assert quoted.startswith("in riscontro alla Vs.") and quoted.endswith("ceduto.")
