"""Two current figures of equal standing: the claim stated twice, once by each party.

A collector or law firm sometimes states the claim as its principal (the creditor it acts
for) reckons it and as it reckons it itself, and says neither is the one owed: "Laut
Forderungsaufstellung unserer Auftraggeberin beträgt die Forderung 544,20 EUR, laut unserem
System 598,10 EUR", "Nach Berechnung unserer Mandantin beträgt die Forderung 2.980,00 €, nach
unserer Berechnung 3.104,22 €", "The principal's claim is €1,840.00; our claim including our
collection costs is €2,115.40", "il credito della mandante ammonta a € 1.840,00; il nostro
credito comprensivo delle spese di recupero è di € 2.115,40". Either figure may be the one the
client owes: applying one of them is a guess, so the email is held ("two current figures").

``equal_figures(text)`` finds such a pair: two different money figures of one paragraph, each
attributed — by the words between the figure before it (or its sentence's start) and itself,
or the clause right after it — to a different party: the principal creditor ("unsere
Auftraggeberin", "der Gläubigerin", "the principal's", "our client's", "onze opdrachtgever",
"notre mandant", "la mandante", "nuestro cliente", "o credor", "uppdragsgivaren",
"opdragsgiveren", "oppdragsgiver", "toimeksiantaja", "zleceniodawca") and the writer itself
("unser System", "nach unserer Berechnung", "our claim", "our records", "onze berekening",
"notre décompte", "il nostro credito", "nuestros cálculos", "os nossos registos", "vår
beräkning", "vores opgørelse", "vårt krav", "laskelmamme", "nasze wyliczenia"). The office's
client ("Ihre Mandantin", "your client", "uw cliënt", "votre client", "il Vostro assistito") is
the debtor, never the principal; "your figure" ("laut Ihrem Schreiben") is the office's
quoted figure, not a party's claim.

Not a pair (the reply states the sum owed beside a different thing; it still applies):

* a figure named by a component, instalment, offer, payment or past word ("Hauptforderung
  unserer Mandantin 1.840,00 €", "our client's offer", "war", ``reply_wording.OTHER_WORDS``);
* exactly one of the two named as the total or the binding figure ("unsere Gesamtforderung",
  "in total", "maßgeblich ist", "the correct figure", "complessivo", "en total");
* the difference stated as its own figure ("zuzüglich unserer Kosten von 275,40 €"): the
  breakdown says which is the sum.

Pure: text in, figures out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from creditctl.pipeline.extraction.parties import LEGAL_FORMS
from creditctl.pipeline.reply_wording import OTHER_WORDS, money_tokens
from creditctl.pipeline.safety import normalise as normalise_text
from creditctl.pipeline.safety_thread import newest_message

__all__ = ["EQUAL_FIGURES_REASON", "EQUAL_FIGURES_WARNING", "equal_figures", "two_figures_reasons"]

#: The principal creditor, as the collector or lawyer acting for it names it (never "your client":
#: that is the office's client, the debtor).
_PRINCIPAL = re.compile(
    r"(?<!\w)(?:"
    # de: "unserer Auftraggeberin", "der Mandantin", "des Gläubigers", "der Hauptgläubigerin"
    r"(?:unser\w*|der|des|die|dem|laut|lt\.|gemäß|zufolge|seitens(?: der| des| unserer| unseres)?) "
    r"(?:auftraggeber\w*|mandant\w*|(?:haupt|original)?gläubiger\w*|forderungsinhaber\w*|klient\w*)|"
    # en: "the principal's", "our client's", "our principal", "the original creditor", "the creditor's"
    r"(?:the|our) (?:principal|client|original creditor|creditor)(?:'s|’s|s') |"
    # "our client Vanquis Bank Ltd reports a balance of": a collector's client is its principal
    r"our client(?!\w)|"
    r"(?:our|the) principal(?: creditor)?(?!\w)|(?:according to|per|in) (?:the|our) (?:client|creditor)(?!\w)|"
    # nl: "onze opdrachtgever", "de schuldeiser"
    r"(?:onze|de|van) (?:opdrachtgever|cliënt|client|schuldeiser|principaal)\w*|"
    # fr: "notre mandant", "de notre cliente", "du créancier"
    r"(?:notre|du|le|la|de la) (?:mandant|client|créancier|créancière|donneur d'ordre)\w*|"
    # it: "la mandante", "della nostra cliente", "del creditore", "la committente"
    r"(?:nostr[ao]|del(?:la)?|il|la) (?:mandante|committente|cliente|creditore|creditrice)(?!\w)|"
    # es / pt: "nuestro cliente", "del acreedor", "la mandante"; "o nosso cliente", "do credor"
    r"(?:nuestr[oa]|noss[oa]|del|el|la|do|da|o|a) (?:mandante|cliente|acreedor\w*|credor\w*|comitente)(?!\w)|"
    # Nordic, Finnish, Polish
    r"uppdragsgivare\w*|borgenären\w*|(?:vår|vores|vår) (?:klient|opdragsgiver|oppdragsgiver)\w*|"
    r"opdragsgiver(?:en|ens)|oppdragsgiver(?:en|ens|s)|kreditor(?:en|ens)|"
    r"toimeksiantaja\w*|velkoja(?:n|mme)|zleceniodawc\w*|wierzyciel(?:a|owi)?(?: pierwotn\w*)?"
    r")",
    re.IGNORECASE,
)
#: The debtor named as the office's client: "Ihre Mandantin", "your client's", "uw cliënt", "il Vostro assistito".
_YOUR_CLIENT = re.compile(
    r"(?<!\w)(?:ihr\w*|your|uw|votre|vostr[ao]|su|sua|seu|er|jeres|deres|din|teidän|pan\w*) (?:\w+ )?"
    r"(?:mandant\w*|client\w*|cliënt\w*|assistit\w*|cliente|klient\w*|asiakka\w*)",
    re.IGNORECASE,
)
#: The writer itself: its system, records, calculation or own claim.
_OWN = re.compile(
    r"(?<!\w)(?:"
    r"unser\w* (?:system\w*|berechnung\w*|unterlagen|buchhaltung|aufstellung\w*|forderung\w*|daten|akte|"
    r"kontoführung|stand|ermittlung\w*|ansicht|sicht)|(?:nach|laut|lt\.|gemäß) unser\w*|wir errechnen|"
    r"our (?:system\w*|records?|calculation\w*|figures?|claim|books|ledger|accounts?|file|own)|we calculate|"
    r"onze (?:berekening|administratie|vordering|gegevens|systemen)|ons (?:systeem|dossier)|"
    r"not(?:re|e) (?:créance|calcul|décompte|système|comptabilité|dossier)|nos (?:calculs|livres|données|comptes|services)|"
    r"(?:il |i |la |le )?nostr[aoie] (?:credito|calcol\w*|conteggi\w*|sistem\w*|contabilità|pretesa|dati)|"
    r"nuestr[oa]s? (?:crédito|cálculos?|sistemas?|contabilidad|reclamación|registros)|"
    r"(?:o |os |a |as )?noss[oa]s? (?:crédito|cálculos?|sistemas?|contabilidade|registos|registros)|"
    r"vår (?:fordran|beräkning|bokföring|uppställning|beregning|bokføring|oppstilling)|våra (?:uppgifter|beräkningar|system)|"
    r"vårt (?:krav|system|saldo)|vår saldo|vores (?:krav|beregning|bogføring|system|opgørelse|saldo)|"
    r"laskelmamme|järjestelmämme|saatavamme|kirjanpitomme|"
    r"nasz\w* (?:wierzytelność|wylicze[nń]\w*|system\w*|należność|roszczeni\w*|oblicze[nń]\w*)"
    r")",
    re.IGNORECASE,
)
#: A figure named as the sum or as the binding one: with exactly one of the pair so named, the pair is a
#: breakdown or a correction, and that figure is the claim.
_MARKED = re.compile(
    r"(?<!\w)(?:gesamt\w*|insgesamt|maßgeblich\w*|verbindlich\w*|korrekt\w*|richtig\w*|zutreffend\w*|"
    r"total\w*|in total|altogether|correct|binding|valid|the amount (?:owed|due)|"
    r"totaal|in totaal|juist\w*|geldend|bindend|"
    r"au total|exact\w*|fait foi|valable|"
    r"complessiv\w*|in tutto|corrett[oa]|valid[oa]|vincolante|"
    r"en total|correct[oa]|válid[oa]|vigente|no total|"
    r"totalt|i alt|sammanlagt|korrekt|riktig\w*|gäller|gælder|gjelder|yhteensä|oikea|łącznie|razem|prawidłow\w*)(?!\w)",
    re.IGNORECASE,
)
_OTHER = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in OTHER_WORDS.values()) + r")(?!\w)", re.IGNORECASE)
#: What a figure includes ("einschließlich unserer Inkassokosten", "including our collection costs", "comprensivo
#: delle spese di recupero"): part of the figure's name, not a component figure of its own.
_INCLUDING = re.compile(
    r"(?<!\w)(?:frais(?: de \w+)? compris|einschließlich|inklusive|inkl\.|including|inclusive of|incl\.|inclusief|incl|y compris|"
    r"(?:frais )?compris|comprensiv[oa]|inclus[oi]v[oe]|incluid[oa]s?|incluyendo|incluindo|inklusive|inklusiv|"
    r"inklusive|medräknat|indbefattet|sisältäen|wraz z|łącznie z|inkluder\w*|"
    # "with" a cost or interest word: "con gastos de gestión e intereses", "with collection charges", "med salær"
    r"(?:with|mit|met|avec|con|med|z)(?=(?:\s\w+)?\s(?:\w*kosten|\w*gebühr\w*|zinsen|interest|charges|costs|fees|rente|frais|"
    r"intérêts|spese|interessi|gastos|intereses|costas|renter|ränta|avgifter|salær|gebyr\w*|omkostninger|odsetkami|kosztami)(?!\w))"
    r")(?:\s+[^\W\d]+){0,5}",
    re.IGNORECASE,
)
#: A component named in the figure's own words ("Hauptforderung", "principal amount", "Zinsen", "Kosten von").
_COMPONENT = re.compile(
    r"(?<!\w)(?:hauptforderung|hauptsache|kapital|\w*zinsen|\w*kosten (?:von|in höhe von)|\w*gebühr\w*|"
    r"principal (?:amount|sum|balance|debt)|interest|charges? of|costs? of|fees?|"
    r"hoofdsom|rente|kosten|capital|intérêts|frais|capitale|interessi|spese di|intereses|gastos|juros|despesas|"
    r"kapitalbelopp|ränta|renter|hovedstol|pääoma|korko|kapitał|odsetki|koszty)(?!\w)",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<!\d)(?<!\b[A-Z])[.!?](?=\s)|\n")  # not the dots of "S.A.U.", "S.p.A."

EQUAL_FIGURES_REASON = (
    "the reply states two current figures of equal standing ({first}, {second}), neither named as the one owed: "
    "a person decides which is owed"
)
"""The safety layer's hold reason (``two current figures``)."""
EQUAL_FIGURES_WARNING = "two current figures of equal standing stated: {first}, {second}; none taken"
"""The rules extractor's warning when it leaves the total out for such a pair (the gate words its reason from it)."""


#: A firm named with its legal form ("TIM S.p.A.", "Vodafone España S.A.U.", "Telia Norge AS", "Vanquis Bank
#: Ltd"): in a collector's figure's words the party it acts for, the writer names itself "we" / "our".
_FIRM = re.compile(
    r"(?<![\w&])[A-ZÀ-ÖØ-Þ][\w&'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ0-9][\w&'’.-]*|&|de|del|der|van|di|du|und|and|et|e|y))*\s+(?:"
    + "|".join(sorted((f for forms in LEGAL_FORMS.values() for f in forms), key=len, reverse=True))
    + r")(?!\w)"
)


def _attribution(zone: str) -> str | None:
    """``principal``, ``own`` or None: whose figure the words ``zone`` say it is (a firm named with its
    legal form is the principal)."""
    zone = _YOUR_CLIENT.sub(" ", zone)
    own, principal = _OWN.search(zone), _PRINCIPAL.search(zone) or _FIRM.search(zone)
    if own and principal:
        return "own" if own.start() > principal.start() else "principal"
    return "own" if own else "principal" if principal else None


def _zones(norm: str) -> list[tuple[Decimal, str, str]]:  # (value, words before, words after)
    """(value, words before, words after) of every money figure of ``norm``: the words between the
    previous figure (or the sentence's start) and the figure, and the clause after it up to the next
    figure or the clause's end."""
    tokens = [t for t in money_tokens(norm) if t.value is not None]
    found = []
    for i, tok in enumerate(tokens):
        prev_end = tokens[i - 1].end if i else 0
        ends = [m.end() for m in _SENTENCE_END.finditer(norm, prev_end, tok.start)]
        start = max([prev_end, *ends])
        stop = tokens[i + 1].start if i + 1 < len(tokens) else len(norm)
        after = re.split(r"[.!?;,:]\s|\n", norm[tok.end : stop], maxsplit=1)[0]
        value = tok.value
        assert value is not None  # filtered above
        found.append((abs(value), norm[start : tok.start], after))
    return found


#: The words right after a figure that attribute it ("544,20 EUR laut Auftraggeberin", "€ 2.115,40 secondo i nostri
#: conteggi", "18 400 kr enligt uppdragsgivaren"), not a clause of its own that names the next figure.
_TRAILING = re.compile(
    r"^\s*(?:€|eur\w*|chf|£|gbp|kr\.?|sek|dkk|nok|zł|pln)?\s*\(?(?:laut|lt\.|nach|gemäß|zufolge|according to|per|"
    r"as per|by|in|volgens|selon|d'après|secondo|stando a|según|segundo|conforme|enligt|ifølge|iflg\.|według|podle)\b.*",
    re.IGNORECASE,
)


#: A conjunction or clause break between a figure's trailing attribution and the next figure.
_JOIN = re.compile(
    r"(?<!\w)(?:und|sowie|and|whereas|while|en|et|e|y|och|og|i|oraz|ja|mentre|mientras|alors que|terwijl)(?!\w)|[,;]",
    re.IGNORECASE,
)


def _trailing(after: str) -> str:
    """The attribution right after a figure (``_TRAILING``), else ""."""
    m = _TRAILING.match(after)
    return m.group(0) if m else ""


def _plain(before: str, after: str) -> bool:
    """Whether a figure's own words name no component, instalment, offer, payment or past figure."""
    words = _INCLUDING.sub(" ", f"{before} {after}")
    return not _COMPONENT.search(words) and not _OTHER.search(_PRINCIPAL.sub(" ", _OWN.sub(" ", words)))


_Zone = tuple[Decimal, str, str]


def _equal_standing(first: _Zone, second: _Zone, values: list[Decimal]) -> bool:
    """Whether two neighbouring figures are the claim as two parties state it: different, each
    attributed to another party, neither a component or other figure, not exactly one named as the
    sum or the binding figure, and their difference not stated (a breakdown)."""
    (a, before_a, after_a), (b, before_b, after_b) = first, second
    if a == b or a == 0 or b == 0:
        return False
    who_a = _attribution(before_a) or _attribution(_trailing(after_a))
    if _trailing(after_a):  # "544,20 EUR laut Auftraggeberin und 598,10 EUR laut …": a's words are not b's
        before_b = _JOIN.split(before_b)[-1]
    who_b = _attribution(before_b) or _attribution(_trailing(after_b))
    if not who_a or not who_b or who_a == who_b:
        return False
    if not (_plain(before_a, after_a) and _plain(before_b, after_b)):
        return False
    marked = {bool(_MARKED.search(f"{before_a} {after_a}")), bool(_MARKED.search(f"{before_b} {after_b}"))}
    return len(marked) == 1 and abs(a - b) not in values


def _pair_in(paragraph: str) -> tuple[Decimal, Decimal] | None:
    """The first neighbouring figures of ``paragraph`` of equal standing (``_equal_standing``), or None."""
    zones = _zones(paragraph)
    values = [v for v, _, _ in zones]
    for first, second in zip(zones, zones[1:], strict=False):
        if _equal_standing(first, second, values):
            return first[0], second[0]
    return None


def equal_figures(text: str) -> tuple[Decimal, Decimal] | None:
    """The first pair of different figures (Decimal, as written, unsigned) of one paragraph of
    ``text``'s newest message that two parties each state as the current claim (module docstring),
    or None."""
    norm = normalise_text(newest_message(text))
    for paragraph in _PARAGRAPH.split(norm):
        pair = _pair_in(paragraph)
        if pair:
            return pair
    return None


def two_figures_reasons(own_texts: Mapping[str, str], total: Decimal | None) -> list[str]:
    """The hold reason when one of the creditor's texts (source → text) states ``total`` as one of
    two current figures of equal standing (``equal_figures``); empty otherwise (no total, a credit,
    0.00, or no such pair holding it)."""
    if total is None or total <= 0:
        return []
    for text in own_texts.values():
        pair = equal_figures(text)
        if pair and total in pair:
            return [EQUAL_FIGURES_REASON.format(first=pair[0], second=pair[1])]
    return []
