"""The total announced for later: the reply states parts of the claim and says its total (or a part
still missing from it) comes later — "Die angefallenen Kosten und die Gesamtforderung teilen wir Ihnen
nach Abschluss unserer Prüfung gesondert mit", "Fees and charges are being reviewed, and a full
statement showing the balance due will follow under separate cover", "De incassokosten worden nog
herberekend; het totaalbedrag ontvangt u binnenkort", "le décompte définitif vous sera adressé
prochainement", "Całkowita kwota zadłużenia zostanie przesłana odrębnym pismem".

The parts the creditor states then do not add up to its claim: the reader does not sum them
(``amounts.choose_amounts`` asks ``announces_total_later`` before it sums components or an itemised
list). A total the reply states itself is read as before; this only stops a sum the reader would form.

One phrase table, per language: a word for the total, a statement of it or a part still missing
(costs, fees, interest, penalties) and, in the same sentence within a few words (either order), a
word saying it comes later or is still being worked out. A later thing that is no figure ("Eine
Ratenvereinbarung folgt", "a payment plan will follow", "Unsere Bankverbindung finden Sie unten") and
a total stated now ("Die Gesamtforderung beträgt …") are no such phrase.
"""

from __future__ import annotations

import re

from creditctl.pipeline.scan import compile_prefiltered

__all__ = ["LATER_TOTAL_RE", "announces_total_later"]

#: The total, a statement of it, or a part of the claim not stated yet, per language.
_WHAT = (
    # de
    r"gesamt(?:forderung|betrag|summe|saldo|schuld)\w*|endbetrag|forderungsaufstellung|aufstellung|"
    r"(?:angefallenen |weiteren |restlichen )?(?:kosten|gebühren|zinsen|säumniszuschläge|mahnkosten)|"
    # en
    r"(?:full |final |updated )?(?:statement|total|balance due|total balance|amount due)|fees|charges|costs|interest|"
    # nl
    r"totaal(?:bedrag)?|eindbedrag|(?:incasso)?kosten|overzicht|specificatie|"
    # fr
    r"décompte|(?:montant|solde) (?:total|définitif)|total|frais|pénalités|intérêts|"
    # it
    r"(?:importo|saldo) (?:complessivo|totale|definitivo)|totale|conteggio|estratto conto|spese|interessi|penali|"
    # es / pt
    r"(?:importe|saldo|valor|montante) (?:total|definitivo)|liquidación|gastos|costas|intereses|juros|custas|encargos|"
    # sv / da / no / fi
    r"total(?:belopp|beløb|beløp)\w*|(?:samlede?|slutliga?|endelige?) (?:belopp|beløb|beløp|saldo|skuld|gæld|gjeld)\w*|"
    r"total(?:a|e)? (?:belopp|beløb|beløp)\w*|samlade? belopp\w*|"
    r"specifikation\w*|opgørelse\w*|oppstilling\w*|kostnader(?:na|ne)?|omkostninger(?:ne)?|avgift(?:er|erna|en)|"
    r"gebyr(?:er|ene|erne)?|renter(?:ne)?|räntor(?:na)?|räntan|"
    r"kokonais(?:määrä|summa|velka)\w*|loppusumma\w*|erittely\w*|kulut|korot|"
    # pl / cs
    r"całkowit\w* kwot\w*|(?:łączn\w* )?kwot\w* zadłużenia|zestawienie|koszt\w*|odsetki|"
    r"celkov\w* (?:částk|dluh|výš)\w*|vyúčtování|náklad\w*|úrok\w*"
)
#: It comes later, or is still being worked out, per language.
_LATER = (
    # de
    r"(?:teilen|nennen|übermitteln|senden|schicken|reichen) wir (?:ihnen )?(?:\w+ ){0,6}?(?:gesondert|separat|nach|später|noch)\b|"
    r"gesondert mit|folg(?:t|en) (?:gesondert|separat|in kürze|noch)|wird (?:ihnen )?(?:gesondert |separat )?nachgereicht|"
    r"(?:werden|wird) (?:derzeit |gerade )?noch (?:neu )?(?:berechnet|ermittelt|geprüft)|in (?:der )?berechnung|"
    # en
    r"will follow|to follow|under separate cover|(?:is|are) (?:still )?being (?:re)?(?:reviewed|calculated|computed|finali[sz]ed)|"
    r"(?:yet|still) to be (?:calculated|confirmed|finali[sz]ed)|will be (?:sent|provided|issued|advised|confirmed) (?:\w+ )?(?:separately|shortly|in due course|later)|"
    # nl
    r"(?:worden|wordt) (?:nog )?(?:her)?berekend|ontvangt u (?:\w+ ){0,3}?(?:binnenkort|later|apart|afzonderlijk)|"
    r"(?:volgt|volgen) (?:binnenkort|later|nog|apart|separaat)|(?:in )?een (?:afzonderlijke|aparte) brief|"
    # fr
    r"suivra|vous (?:sera|seront) (?:\w+ )?(?:adressée?s?|communiquée?s?|transmise?s?|envoyée?s?)|en cours de (?:calcul|chiffrage)|"
    r"par courrier séparé|ultérieurement|"
    # it
    r"seguirà|vi (?:sarà|saranno) (?:\w+ )?(?:comunicat|inviat|trasmess)\w*|in corso di (?:calcolo|definizione|quantificazione)|"
    r"(?:con )?separata comunicazione|"
    # es / pt
    r"le(?:s)? (?:será|serán) (?:\w+ )?(?:comunicad|enviad|remitid|facilitad)\w*|en (?:proceso|curso) de cálculo|por separado|"
    r"será(?:o)? (?:\w+ )?(?:comunicad|enviad)\w* (?:posteriormente|em breve|separadamente)|em cálculo|"
    # sv / da / no / fi
    r"(?:meddelas|skickas|sänds|beräknas|följer|ettersendes|sendes|beregnes|følger|fremsendes|meddeles|oplyses|oppgis) "
    r"(?:\w+ )?(?:separat|särskilt|senare|særskilt|senere|snarest|inom kort)|"
    r"(?:beräknas|beregnes) (?:fortfarande|fortsatt|stadig|fremdeles)|"
    r"ilmoitetaan (?:\w+ )?(?:erikseen|myöhemmin)|lähetetään (?:\w+ )?(?:erikseen|myöhemmin)|lasketaan (?:vielä|parhaillaan)|"
    # pl / cs
    r"zostan(?:ie|ą) (?:\w+ )?(?:przesłan|przekazan|wyliczon|podan)\w*|odrębnym pismem|w trakcie (?:wyliczania|naliczania)|"
    r"bud(?:e|ou) (?:\w+ )?(?:zaslán|sdělen|vyčíslen)\w*|samostatným dopisem|dodatečně"
)
_GAP = r"[^.;:!?\n]{0,80}?"
#: One sentence with a total (or a missing part) and its coming later, either order.
#: (behind a first-character test: every match opens with a word character, ``scan.prefiltered``)
LATER_TOTAL_RE = compile_prefiltered(
    rf"(?<!\w)(?:{_WHAT})(?!\w){_GAP}(?<!\w)(?:{_LATER})(?!\w)|(?<!\w)(?:{_LATER})(?!\w){_GAP}(?<!\w)(?:{_WHAT})(?!\w)",
    re.IGNORECASE,
    r"\w",
)


def announces_total_later(text: str) -> str | None:
    """The words of ``text`` that announce the claim's total (or a part still missing) for later, as
    written; None when ``text`` announces none. Never raises."""
    m = LATER_TOTAL_RE.search(text or "")
    return m.group(0) if m else None
